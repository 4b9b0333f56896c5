"""Days as the chat handles them: said back in words at once, and asked about when ambiguous.

An ambiguous answer ("next Friday" on a Wednesday) keeps the question where it is and asks which
day was meant, with a button per reading (code ``d_YYYYMMDD``) or a typed date; the question it
belongs to is remembered with it, so it never shows up under another question.
"""

from __future__ import annotations

from datetime import date

from bot.common.parsing.dates import Ambiguous, DayRange
from bot.conversation import fields
from bot.conversation.state import AGAIN, Again, Pairs
from bot.conversation.turn import Turn

PICK = "d_"  # the prefix of a candidate day's button code: d_YYYYMMDD


def ask_which(turn: Turn, reading: Ambiguous) -> Again:
    """Ask which of the readings was meant, on the current question."""
    turn.set(
        pick={
            "state": str(turn.conv.step),
            "question": fields.which_one(reading, turn.ctx),
            "options": fields.candidate_buttons(reading, turn.ctx),
        }
    )
    turn.forget()  # the question shown changes
    return AGAIN


def picking(turn: Turn) -> tuple[str, Pairs] | None:
    """The "which day?" question and its buttons, while one is open on the current question."""
    pick = turn.scratch.get("pick")
    if not pick or pick.get("state") != str(turn.conv.step):
        return None
    return f"{pick['question']} Tap one, or type the date.", [
        (label, PICK + iso.replace("-", "")) for label, iso in pick["options"]
    ]


def picked(turn: Turn, code: str) -> DayRange:
    """The day a candidate button stands for (only one that was offered); `code` is its date as YYYYMMDD."""
    pick = turn.scratch.get("pick") or {}
    iso = f"{code[:4]}-{code[4:6]}-{code[6:]}"
    if iso not in {day for _label, day in pick.get("options", [])}:
        raise fields.Invalid("That day isn't one I offered; please type the date.")
    turn.drop("pick")
    day = date.fromisoformat(iso)
    return DayRange(day, day)


def settle(turn: Turn) -> None:
    turn.drop("pick")


def noted(turn: Turn, reading: DayRange, what: str = "") -> None:
    """Say the day back in words right away ("Noted: a decision by Friday 11 December."), and how to correct it."""
    said = fields.noted_day(reading, turn.ctx)
    if what:
        said = said.replace("Noted: ", f"Noted: {what} ", 1)
    turn.say(f"{said} (/back to change it)")
