"""Idle: no flow under way. It asks nothing; typed text gets a hint, and its menu starts a flow."""

from __future__ import annotations

from bot.common import texts as t
from bot.common.actions import Action, DraftOp, Kind
from bot.conversation.flows import drafts
from bot.conversation.flows.commands import IDLE_MENU, new, show_help, upcoming
from bot.conversation.state import Flow, Next, State, entry
from bot.conversation.turn import Turn
from bot.followups import taps

_REVIEW_LABELS = {"looks good": DraftOp.OK, "another version": DraftOp.ANOTHER}


async def on_text(turn: Turn, text: str) -> Next:
    """Typed text with no question open: "Sent" right after approving a draft marks that email sent (its reminder
    has not come yet); anything else gets the hint and the menu."""
    if taps.means_sent(text) and await taps.typed_sent(turn):
        return None
    op = _REVIEW_LABELS.get(" ".join(text.casefold().split()).strip(" .!👍"))
    if op is not None:  # "looks good" typed under a draft whose buttons were shown again
        waiting = await taps.waiting_emails(turn)
        if len(waiting) == 1:
            await drafts.on_draft_action(turn, Action(Kind.DRAFT, waiting[0].id, op))
            return None
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
