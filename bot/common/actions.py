"""Button actions: compact ASCII strings (at most 64 bytes) that name what a tap means.

Forms: ``c:<revision>:<choice>`` answers the conversation's current question (stale when the
revision moved on); ``r:<reminder>:<op>`` acts on a reminder; ``i:<interview>:<op>[:<arg>]`` acts
on an interview; ``u:<revision>:<op>`` acts on the user's own account (delete); ``d:<follow-up>:<op>``
acts on a follow-up's draft (looks good, edit, another version, correct details); ``m:<person>:<op>``
answers a reply noticed in the user's mailbox. Every id is checked
against the user who tapped before anything changes.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable
from dataclasses import dataclass

from bot.common.events import MAX_ACTION_BYTES, Button

# ASCII digits and \Z: `\d` also takes "٣", and `$` lets "i:1:o:offer\n" through as a valid tap.
_ACTION = re.compile(r"^([cruifpdm]):([0-9]{1,18}):([a-z0-9_]{1,24})(?::([a-z0-9_]{1,24}))?\Z")


# A choice whose tap asks for a secret privately where the platform can (a Slack modal); see Button.
SECRET_CHOICE = "secret"  # noqa: S105 - a button code, not a secret


class Kind(enum.StrEnum):
    CHOICE = "c"  # the conversation's current question
    REMINDER = "r"
    INTERVIEW = "i"
    ACCOUNT = "u"
    FOLLOW_UP = "f"  # a follow-up itself, from /interviews (its reminder message may be long gone)
    PERSON = "p"  # a person: "They replied" at any point of their ladder
    DRAFT = "d"
    MAIL = "m"  # a reply noticed in the user's mailbox; the ref is the person


class ReminderOp(enum.StrEnum):
    DONE = "d"  # sent, called or done
    SKIP = "k"
    REPLIED = "y"  # they replied: that person's ladder stops
    SNOOZE_HOUR = "s1"
    TOMORROW = "sm"  # tomorrow morning
    DRAFT = "v"  # show the draft again
    DEBRIEF_NOW = "db"
    KEEP_NEXT = "kn"  # after skipping the thank-you: keep the next step
    DROP_LADDER = "dl"  # after skipping the thank-you: no more follow-ups for that person
    LAST_SAFE = "ls"  # snooze to the last time before the deadline
    SNOOZE_ANYWAY = "sa"  # tomorrow morning, past the deadline
    SEND_NOW = "sn"  # send the draft from the user's mailbox: asks to confirm first
    SEND_YES = "sy"  # confirmed: send it
    SEND_ANYWAY = "sg"  # an earlier attempt may have gone out: the user says send it again
    SEND_CANCEL = "sx"


class MailOp(enum.StrEnum):
    OPEN = "open"  # show the debrief of the person who replied
    NOT_REPLY = "nr"  # not a real reply: undo the mark, their reminders come back
    SIGN_IN = "signin"  # the mailbox's OAuth sign-in was revoked: sign in again (ref: the user's id)


class InterviewOp(enum.StrEnum):
    CLOSE = "close"  # asks how it ended
    OUTCOME = "o"  # closes it, with the outcome as the argument
    PERSON = "pe"  # correct a person's details, the person's id as the argument


class DraftOp(enum.StrEnum):
    OK = "ok"  # looks good
    EDIT = "ed"
    ANOTHER = "alt"  # another version
    FIX = "fix"  # correct the person's details


class AccountOp(enum.StrEnum):
    DELETE = "delete"
    KEEP = "keep"


@dataclass(frozen=True, slots=True)
class Action:
    kind: str  # a Kind
    ref: int  # a revision or a row id
    op: str
    arg: str | None = None

    def encode(self) -> str:
        text = f"{self.kind}:{self.ref}:{self.op}" + (f":{self.arg}" if self.arg else "")
        if len(text.encode()) > MAX_ACTION_BYTES or not _ACTION.match(text):
            raise ValueError(f"action {text!r} does not fit the button format")
        return text


def decode(text: str | None) -> Action | None:
    """The action in a tapped button, or None if it is garbled (never raises)."""
    if not text or len(text) > MAX_ACTION_BYTES:
        return None
    match = _ACTION.match(text)
    if not match:
        return None
    kind, ref, op, arg = match.groups()
    return Action(Kind(kind), int(ref), op, arg)


def choice(revision: int, op: str) -> str:
    return Action(Kind.CHOICE, revision, op).encode()


def reminder(reminder_id: int, op: str) -> str:
    return Action(Kind.REMINDER, reminder_id, op).encode()


def interview(interview_id: int, op: str, arg: str | None = None) -> str:
    return Action(Kind.INTERVIEW, interview_id, op, arg).encode()


def follow_up(follow_up_id: int, op: str) -> str:
    return Action(Kind.FOLLOW_UP, follow_up_id, op).encode()


def person(person_id: int, op: str) -> str:
    return Action(Kind.PERSON, person_id, op).encode()


def draft(follow_up_id: int, op: str) -> str:
    return Action(Kind.DRAFT, follow_up_id, op).encode()


def account(revision: int, op: str) -> str:
    return Action(Kind.ACCOUNT, revision, op).encode()


def mail(person_id: int, op: str) -> str:
    return Action(Kind.MAIL, person_id, op).encode()


_STEP_KINDS = frozenset({Kind.REMINDER, Kind.FOLLOW_UP, Kind.PERSON})


def is_step(buttons: Iterable[Button]) -> bool:
    """Buttons about a follow-up step (a reminder's, or a step's in /interviews), which stay usable while the
    step is open; the message may also carry its draft's buttons and the person's "Edit details"."""
    kinds = {(decode(b.action) or Action(Kind.CHOICE, 0, "")).kind for b in buttons}
    return bool(kinds & _STEP_KINDS) and kinds <= _STEP_KINDS | {Kind.DRAFT, Kind.INTERVIEW}
