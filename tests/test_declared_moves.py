"""Every handler goes only where its entry says it may: a state entry's `goes_to`, a command's, an action
entry's (the registry of button kinds, bot/conversation/flows `ACTIONS`).

Two checks. Statically, each handler of the action registry and the command table is read with `ast`,
following the functions of the bot it returns the result of, and every `State.X` it can return must be
declared. At runtime, `move` refuses an undeclared edge, and tests/conftest.py makes that an error
for the whole test suite (`flows.STRICT`), so every move any test makes is checked; the last tests here
show both behaviours.
"""

from __future__ import annotations

import ast
import inspect
import logging
import textwrap
from collections.abc import Callable

import pytest

from bot.common import actions
from bot.common.actions import DraftOp, Kind
from bot.conversation import flows
from bot.conversation.flows import ACTIONS, COMMANDS, State
from tests.support.driver import ChatUser
from tests.support.scripts import debrief, onboard


def returned_states(func: Callable, seen: set | None = None) -> set[State]:
    """The `State.X` a function can return: literally, or through a bot function whose result it returns."""
    seen = set() if seen is None else seen
    func = inspect.unwrap(func)
    if func in seen or not inspect.isfunction(func) or not func.__module__.startswith("bot."):
        return set()
    seen.add(func)
    tree = ast.parse(textwrap.dedent(inspect.getsource(func)))
    scope = {
        **func.__globals__,
        **dict(zip(func.__code__.co_freevars, [c.cell_contents for c in func.__closure__ or ()], strict=True)),
    }
    found: set[State] = set()
    body = tree.body[0]
    nested = {
        id(n)
        for n in ast.walk(body)
        if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda) and n is not body
    }
    for node in ast.walk(body):
        if not isinstance(node, ast.Return) or node.value is None or _inside(node, body, nested):
            continue
        for part in ast.walk(node.value):
            if isinstance(part, ast.Attribute) and isinstance(part.value, ast.Name) and part.value.id == "State":
                found.add(State[part.attr])
            elif isinstance(part, ast.Call):
                called = _resolve(part.func, scope)
                if callable(called):
                    found |= returned_states(called, seen)
    return found


def _inside(node: ast.AST, body: ast.AST, nested: set[int]) -> bool:
    """Whether `node` belongs to a function defined inside `body` (its returns are that function's)."""
    return any(id(n) in nested and node in ast.walk(n) for n in ast.walk(body))


def _resolve(expr: ast.expr, scope: dict):
    if isinstance(expr, ast.Name):
        return scope.get(expr.id)
    if isinstance(expr, ast.Attribute):
        owner = _resolve(expr.value, scope)
        return getattr(owner, expr.attr, None) if inspect.ismodule(owner) else None
    return None


def test_the_reader_follows_returned_calls():
    from bot.conversation.flows import commands

    assert returned_states(commands.new) == {State.COMPANY}  # through begin_debrief
    assert State.IDLE in returned_states(commands.cancel)


def test_the_runtime_check_agrees_with_the_declared_transitions():
    """A state entry's handlers are checked at runtime, in every test (`STRICT`): a handler shared by two
    entries (the name asked in onboarding and in /settings) or made per list (my promises, theirs) branches
    on where it runs, which only the running turn knows. What `move` accepts is exactly what is declared."""
    declared = flows.transitions()
    for here in State:
        for target in State:
            by_entry = flows.declared(here, target)
            by_action = any(flows.declared(here, target, e) for group in ACTIONS.values() for e in group)
            by_command = any(flows.declared(here, target, c) for c in COMMANDS if not c.anywhere_to)
            assert (by_entry or by_action or by_command) == ((here, target) in declared), (here, target)


def test_every_command_returns_only_states_it_declares():
    wrong = []
    for command in COMMANDS:
        extra = returned_states(command.run) - command.goes_to - command.anywhere_to
        if extra and not command.runs_entry:
            wrong.append((command.name, sorted(extra)))
    assert wrong == []


def test_every_registered_action_returns_only_states_it_declares():
    kinds = set()
    wrong = []
    for kind, group in ACTIONS.items():
        for entry in group:
            kinds.add(kind)
            extra = returned_states(entry.run) - entry.goes_to
            if extra:
                wrong.append((entry.name, sorted(extra)))
            assert entry.goes_to == set() or entry.starts, f"{entry.name} moves but from nowhere"
    assert wrong == []
    assert kinds == set(Kind) - {Kind.CHOICE}
    # The registry sees the moves its handlers make: a draft's Edit, a reminder's Debrief now.
    draft = flows.action_for(actions.decode(actions.draft(1, DraftOp.EDIT)))
    assert returned_states(draft.run) == {State.DRAFT_EDIT, State.FIX_PERSON}
    reminder = flows.action_for(actions.decode(actions.reminder(1, actions.ReminderOp.DEBRIEF_NOW)))
    assert returned_states(reminder.run) == {State.PERSON_NAME}


async def test_an_undeclared_move_raises_in_the_tests(app, monkeypatch):
    ada = ChatUser(app)
    await onboard(ada)
    entry = flows.action_for(actions.decode(actions.draft(1, DraftOp.OK)))

    async def rogue(turn, action):  # "Looks good" that would start a debrief: nobody declared that
        return State.COMPANY

    monkeypatch.setattr(flows, "ACTIONS", {**ACTIONS, Kind.DRAFT: (flows.ActionEntry(Kind.DRAFT, rogue),)})
    assert entry is not None
    with pytest.raises(flows.UndeclaredMove, match="idle -> company"):
        await ada.sends_action(actions.draft(1, DraftOp.OK))


async def test_in_production_an_undeclared_move_is_logged_and_refused(app, monkeypatch, caplog):
    monkeypatch.setattr(flows, "STRICT", False)
    ada = ChatUser(app)
    await onboard(ada)
    await debrief(ada)
    ada.expect("Here's your debrief")

    async def rogue(turn, action):
        return State.SET_MENU  # from the summary to the settings: not an edge of either

    monkeypatch.setattr(flows, "ACTIONS", {**ACTIONS, Kind.DRAFT: (flows.ActionEntry(Kind.DRAFT, rogue),)})
    with caplog.at_level(logging.ERROR, logger="bot.conversation.flows"):
        await ada.sends_action(actions.draft(1, DraftOp.OK))
    assert "undeclared move summary -> set_menu" in caplog.text
    ada.expect("Here's your debrief")  # asked again where it was; nothing lost
    await ada.taps("Write the drafts")
    ada.expect("Dear")
