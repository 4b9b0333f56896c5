"""The conversation as data: one entry per state (bot/conversation/flows/state.py), grouped by flow.

`ENTRIES` maps every state to its entry; `move` is the one place the conversation changes state,
with the rules every flow shares: entering another flow starts a fresh /back history, and an edit
started from the summary returns to the summary once it leaves the part being edited.
"""

from __future__ import annotations

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
from bot.conversation.flows.state import AGAIN, Back, Entry, Flow, Next, State
from bot.conversation.turn import Turn
from bot.mailbox import connect as mailbox
from bot.mailbox import connect_servers as mailservers

__all__ = ["AGAIN", "BY_NAME", "COMMANDS", "ENTRIES", "Back", "Command", "Entry", "Flow", "Next", "State", "Where"]
__all__ += ["menu", "move", "transitions"]

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

# The part of the summary each debrief state belongs to.
SECTION = {state: e.section for state, e in ENTRIES.items() if e.section}
DEBRIEF_STATES = frozenset(s for s, e in ENTRIES.items() if e.flow == Flow.DEBRIEF)
ONBOARDING_STATES = frozenset(s for s, e in ENTRIES.items() if e.flow == Flow.ONBOARDING)
UPCOMING_STATES = frozenset(s for s, e in ENTRIES.items() if e.flow == Flow.UPCOMING)
SETTINGS_STATES = frozenset(s for s, e in ENTRIES.items() if e.flow == Flow.SETTINGS)


def move(turn: Turn, target: State | Back) -> None:
    """Go to `target` and ask it; the state left behind is remembered for /back."""
    here = ENTRIES[State(turn.conv.step)]
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
    """Every declared (from, to) move: each entry's `goes_to`, and the commands that start a flow from idle."""
    moves = {(e.state, to) for e in ENTRIES.values() for to in e.goes_to}
    return moves | {(State.IDLE, to) for c in COMMANDS for to in c.goes_to}
