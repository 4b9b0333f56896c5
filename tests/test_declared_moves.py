"""Every handler goes only where its entry says it may: a state entry's `goes_to`, a command's, an action
entry's (the registry of button kinds, bot/conversation/flows `ACTIONS`).

Two checks. Statically, each handler of the flow table, the action registry and the command table is read
with `ast`, following the functions of the bot whose result it returns, on the branches that can run where
it runs, and every `State.X` it can return must be declared. At runtime, `move` refuses an undeclared edge, and tests/conftest.py makes that an error
for the whole test suite (`flows.STRICT`), so every move any test makes is checked; the last tests here
show both behaviours.
"""

from __future__ import annotations

import ast
import dataclasses
import inspect
import logging
import textwrap
from collections.abc import Callable

import pytest

from bot.common import actions
from bot.common.actions import DraftOp, Kind
from bot.conversation import flows
from bot.conversation.flows import ACTIONS, COMMANDS, ENTRIES, State, commands, onboarding
from tests.support.driver import ChatUser
from tests.support.scripts import debrief, onboard


def returned_states(
    func: Callable, here: State | None = None, seen: set | None = None, bound: dict | None = None
) -> set[State]:
    """The `State.X` a handler can return when the conversation is in `here` (None: any state): its
    `return` statements, through the bot functions whose result it returns, on the branches that can run
    (a test of `turn.conv.step` is decided by `here`; a flag bound in a closure, or passed as a constant
    argument (`bound`), by its value)."""
    seen = set() if seen is None else seen
    func = inspect.unwrap(func)
    key = (func, here, tuple(sorted((bound or {}).items())))
    if key in seen or not inspect.isfunction(func) or not func.__module__.startswith("bot."):
        return set()
    seen.add(key)
    body = ast.parse(textwrap.dedent(inspect.getsource(func))).body[0]
    cells = [c.cell_contents for c in func.__closure__ or ()]
    scope = {**func.__globals__, **dict(zip(func.__code__.co_freevars, cells, strict=True)), **(bound or {})}
    reader = _Reader(scope, here, seen)
    reader.block(body.body)
    return reader.found


class _Reader:
    def __init__(self, scope: dict, here: State | None, seen: set) -> None:
        self.scope, self.here, self.seen = scope, here, seen
        self.found: set[State] = set()

    def block(self, statements: list[ast.stmt]) -> bool:
        """Read the statements up to one that surely returns or raises; whether one does."""
        for node in statements:
            if isinstance(node, ast.Return | ast.Raise):
                if isinstance(node, ast.Return) and node.value is not None:
                    self.found |= self.states(node.value)
                return True
            if isinstance(node, ast.If):
                decided = self.decide(node.test)
                body = self.block(node.body) if decided is not False else True
                orelse = self.block(node.orelse) if decided is not True else True
                if body and orelse:
                    return True
            elif isinstance(node, ast.For | ast.AsyncFor | ast.While | ast.With | ast.AsyncWith | ast.Try):
                self.block(node.body)
                self.block(getattr(node, "orelse", []))
                self.block(getattr(node, "finalbody", []))
                for handler in getattr(node, "handlers", []):
                    self.block(handler.body)
        return False

    def states(self, expr: ast.expr) -> set[State]:
        if isinstance(expr, ast.Attribute) and isinstance(expr.value, ast.Name) and expr.value.id == "State":
            return {State[expr.attr]}
        if isinstance(expr, ast.Await):
            return self.states(expr.value)
        if isinstance(expr, ast.IfExp):
            decided = self.decide(expr.test)
            return (self.states(expr.body) if decided is not False else set()) | (
                self.states(expr.orelse) if decided is not True else set()
            )
        if isinstance(expr, ast.BoolOp):
            return set().union(*(self.states(v) for v in expr.values))
        if isinstance(expr, ast.Call):
            called = self.value(expr.func)
            if not inspect.isfunction(called):
                return set()
            names = list(inspect.signature(called).parameters)
            known = {name: self.value(arg) for name, arg in zip(names, expr.args, strict=False)}
            known |= {k.arg: self.value(k.value) for k in expr.keywords if k.arg}
            bound = {name: v for name, v in known.items() if isinstance(v, bool | State)}
            return returned_states(called, self.here, self.seen, bound)
        return set()

    def value(self, expr: ast.expr):
        """A name or module attribute bound in the function's scope (None: not known before running)."""
        if isinstance(expr, ast.Constant):
            return expr.value
        if isinstance(expr, ast.Name):
            return self.scope.get(expr.id)
        if isinstance(expr, ast.Attribute):
            owner = self.value(expr.value)
            return getattr(owner, expr.attr, None) if inspect.ismodule(owner) or owner is State else None
        if isinstance(expr, ast.Set | ast.Tuple | ast.List):
            items = [self.value(e) for e in expr.elts]
            return None if None in items else set(items)
        return None

    def decide(self, test: ast.expr) -> bool | None:
        """True or False when the test is known before running, else None (both branches can run)."""
        if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
            inner = self.decide(test.operand)
            return None if inner is None else not inner
        if isinstance(test, ast.Name) and isinstance(self.scope.get(test.id), bool):
            return self.scope[test.id]
        if isinstance(test, ast.BoolOp):
            values = [self.decide(v) for v in test.values]
            stop = isinstance(test.op, ast.Or)  # Or: one True decides it; And: one False does
            if stop in values:
                return stop
            return None if None in values else not stop
        is_step = isinstance(test, ast.Compare) and ast.unparse(test.left).endswith("conv.step")
        if not is_step or self.here is None or len(test.ops) != 1:
            return None
        other, op = self.value(test.comparators[0]), test.ops[0]
        if isinstance(op, ast.Eq | ast.NotEq) and isinstance(other, State):
            return (self.here == other) == isinstance(op, ast.Eq)
        if isinstance(op, ast.In | ast.NotIn) and isinstance(other, set | frozenset):
            return (self.here in other) == isinstance(op, ast.In)
        return None


def test_the_reader_follows_returned_calls():
    assert returned_states(commands.new) == {State.COMPANY}  # through begin_debrief
    assert State.IDLE in returned_states(commands.cancel)


def undeclared(entries) -> list[tuple[str, str, list[str]]]:
    """(state, handler, states it can return that its entry does not declare) for every state entry."""
    wrong = []
    for state, entry in entries.items():
        for handler in filter(None, [entry.text, entry.skip, *entry.choices.values(), *entry.prefixed.values()]):
            extra = returned_states(handler, here=state) - entry.goes_to
            if extra:
                wrong.append((state.value, handler.__qualname__, sorted(s.value for s in extra)))
    return wrong


def test_every_state_entry_returns_only_states_it_declares():
    assert undeclared(ENTRIES) == []
    read = [returned_states(h, here=s) for s, e in ENTRIES.items() for h in filter(None, [e.text, *e.choices.values()])]
    assert sum(1 for found in read if found) > 60  # the reader finds where most handlers go


def test_the_reader_sees_a_missing_edge_and_which_branch_runs_where():
    # The name is asked in onboarding and in /settings: one handler, a branch on where it runs.
    assert returned_states(onboarding.on_name, here=State.ASK_NAME) == {State.ASK_TZ}
    assert returned_states(onboarding.on_name, here=State.SET_NAME) == {State.SET_MENU}
    # "Keep it as it is" under a draft being edited leads to idle; an entry that forgot it is caught.
    forgot = {State.DRAFT_EDIT: dataclasses.replace(ENTRIES[State.DRAFT_EDIT], goes_to=frozenset())}
    assert undeclared(forgot) == [("draft_edit", "on_edit", ["idle"]), ("draft_edit", "keep_draft", ["idle"])]


def test_the_runtime_check_agrees_with_the_declared_transitions():
    """What `move` accepts (from an entry, an action entry or a command that starts a flow from idle) is
    exactly what the diagram test reads as declared (`transitions`)."""
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
    (record,) = [r for r in caplog.records if r.getMessage() == "undeclared move refused"]
    assert (record.source, record.target, record.user) == ("summary", "set_menu", "console:ada")
    ada.expect("Here's your debrief")  # asked again where it was; nothing lost
    await ada.taps("Write the drafts")
    ada.expect("Dear")
