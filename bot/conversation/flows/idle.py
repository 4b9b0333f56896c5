"""Idle: no flow under way. It asks nothing; typed text gets a hint, and its menu starts a flow."""

from __future__ import annotations

from bot.common import texts as t
from bot.conversation.flows.commands import IDLE_MENU, new, show_help, upcoming
from bot.conversation.state import Flow, Next, State, entry
from bot.conversation.turn import Turn


async def on_text(turn: Turn, _text: str) -> Next:
    turn.choose(t.IDLE_HINT, IDLE_MENU)
    return None


ENTRIES = [
    # The buttons outside a question move from here too (a reminder's “Debrief now”, a draft's “Edit”): each
    # declares its own edges in its action entry (bot/conversation/flows/__init__.py, `ACTIONS`).
    entry(
        State.IDLE,
        Flow.IDLE,
        None,
        {State.COMPANY, State.UP_COMPANY},
        text=on_text,
        choices={"new": new, "upc": upcoming, "help": show_help},
    ),
]
