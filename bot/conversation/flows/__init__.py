"""The conversation as data: one entry per state (bot/conversation/state.py), grouped by flow, and the
action registry: one `ActionEntry` per kind of button outside the current question, contributed by the
wing that owns it (as the flows contribute their entries).

`ENTRIES` maps every state to its entry, `ACTIONS` every button kind to its entries; `move` is the one
place the conversation changes state. It refuses an edge nobody declared (raises with `STRICT`, as in the
tests; else logs an error and stays), and keeps the rules every flow shares: entering another flow starts
a fresh /back history, and an edit started from the summary returns to the summary once it leaves the
part being edited.
"""

from __future__ import annotations

import logging

from bot.common.actions import Action, Kind
from bot.conversation import data_rights
from bot.conversation.flows import (
    corrections,
    debrief,
    drafts,
    idle,
    notes,
    onboarding,
    people,
    personal,
    promises,
    settings,
    summary,
    upcoming,
)
from bot.conversation.flows.commands import BY_NAME, COMMANDS, Command, Where, menu
from bot.conversation.state import AGAIN, ActionEntry, Back, Entry, Flow, Next, State
from bot.conversation.turn import Turn
from bot.followups import overview, taps
from bot.mailbox import connect as mailbox
from bot.mailbox import connect_servers as mailservers
from bot.mailbox import noticed

log = logging.getLogger(__name__)

__all__ = ["AGAIN", "BY_NAME", "COMMANDS", "ENTRIES", "Back", "Command", "Entry", "Flow", "Next", "State", "Where"]
__all__ += ["ACTIONS", "STRICT", "ActionEntry", "UndeclaredMove", "action_for", "menu", "move", "transitions"]

ENTRIES: dict[State, Entry] = {
    e.state: e
    for module in (
        idle,
        onboarding,
        debrief,
        people,
        personal,
        notes,
        promises,
        summary,
        upcoming,
        settings,
        mailbox,
        mailservers,
    )
    for e in module.ENTRIES
} | {e.state: e for module in (drafts, corrections) for e in module.ENTRIES}
assert set(ENTRIES) == set(State), set(State) - set(ENTRIES)

# Every button kind but the current question's (Kind.CHOICE, the router's own), by kind: its entries.
ACTIONS: dict[str, tuple[ActionEntry, ...]] = {}
for _entry in (
    *taps.ACTIONS,
    *overview.ACTIONS,
    *corrections.ACTIONS,
    *drafts.ACTIONS,
    *data_rights.ACTIONS,
    *noticed.ACTIONS,
    *mailbox.ACTIONS,
):
    ACTIONS[_entry.kind] = (*ACTIONS.get(_entry.kind, ()), _entry)
assert set(ACTIONS) == set(Kind) - {Kind.CHOICE}, set(Kind) - set(ACTIONS)
assert all(len([e for e in group if not e.ops]) <= 1 for group in ACTIONS.values()), "two catch-all entries"


def action_for(action: Action) -> ActionEntry | None:
    """The entry that handles a tap: the one naming its op, else its kind's catch-all."""
    group = ACTIONS.get(action.kind, ())
    return next((e for e in group if action.op in e.ops), None) or next((e for e in group if not e.ops), None)


# The part of the summary each debrief state belongs to.
SECTION = {state: e.section for state, e in ENTRIES.items() if e.section}
DEBRIEF_STATES = frozenset(s for s, e in ENTRIES.items() if e.flow == Flow.DEBRIEF)
ONBOARDING_STATES = frozenset(s for s, e in ENTRIES.items() if e.flow == Flow.ONBOARDING)
UPCOMING_STATES = frozenset(s for s, e in ENTRIES.items() if e.flow == Flow.UPCOMING)
SETTINGS_STATES = frozenset(s for s, e in ENTRIES.items() if e.flow == Flow.SETTINGS)


# tests/conftest.py sets this: an undeclared move raises there, so every test checks every move it makes.
STRICT = False


class UndeclaredMove(RuntimeError):
    """A handler returned a state its entry (or command, or action entry) does not declare."""


Via = Entry | Command | ActionEntry | None


def declared(here: State, target: State, via: Via = None) -> bool:
    """Whether `via` (None: the current state's own entry) may move the conversation from `here` to `target`."""
    if isinstance(via, ActionEntry):
        return here in via.starts and target in via.goes_to
    if isinstance(via, Command):
        own = ENTRIES[here].goes_to if via.runs_entry else frozenset()
        return target in own | via.anywhere_to | (via.goes_to if here == State.IDLE else frozenset())
    return target in (via or ENTRIES[here]).goes_to


def move(turn: Turn, target: State | Back, via: Via = None) -> None:
    """Go to `target` and ask it; the state left behind is remembered for /back. `via` is what returned
    `target` (a command or an action entry; None: the current state's entry): an edge it does not declare
    is refused."""
    here = ENTRIES[State(turn.conv.step)]
    if not isinstance(target, Back) and not declared(here.state, State(target), via):
        by = getattr(via, "name", None) or f"the {here.state.value} entry"
        problem = f"undeclared move {here.state.value} -> {State(target).value} by {by}"
        if STRICT:
            raise UndeclaredMove(problem)
        # Refused: the conversation stays where it was.
        log.error(
            "undeclared move refused",
            extra={"source": here.state.value, "target": State(target).value, "by": by, "user": turn.user.key},
        )
        turn.ask = True  # ask the current question again: nothing is lost, the user can go on
        return
    if isinstance(target, Back):
        state = target.state  # /back: not remembered, and an edit goes on where it was
    else:
        state = target
        editing = turn.scratch.get("editing")
        if editing and ENTRIES[state].flow == Flow.DEBRIEF and SECTION.get(state) != editing:
            turn.drop("editing")
            state = State.SUMMARY
        if ENTRIES[state].flow != here.flow:
            turn.set(history=[])
        elif state != here.state:
            turn.set(history=[*turn.scratch.get("history", []), here.state.value][-40:])
        turn.forget()  # the handler may have changed what the questions show
    turn.conv.step = state
    turn.conv.updated_at = turn.now  # moves the revision on, so older buttons go stale
    turn.ask = True


def transitions() -> set[tuple[State, State]]:
    """Every declared (from, to) move: each entry's `goes_to`, the commands that start a flow from idle, and
    the action entries' (/cancel and /back are rules for every state, drawn in docs/conversation.mmd's notes)."""
    moves = {(e.state, to) for e in ENTRIES.values() for to in e.goes_to}
    moves |= {(a, b) for group in ACTIONS.values() for e in group for a in e.starts for b in e.goes_to}
    return moves | {(State.IDLE, to) for c in COMMANDS for to in c.goes_to}
