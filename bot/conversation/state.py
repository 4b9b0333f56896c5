"""The conversation's states, the shape of an entry (how a state asks, and what each answer does) and
of an action entry (what a tap on a button outside the current question does).

A handler stores the answer and RETURNS what comes next: a `State` to move to (and ask), `AGAIN` to
ask the current question once more (its buttons stay valid), or None to stay silently.
Each entry lists the states its handlers may return (`goes_to`), so the transitions are data:
docs/conversation.mmd is checked against them. A wing's buttons (a reminder's, a draft's, a noticed
reply's) are `ActionEntry`s: their handlers return the next state the same way, and declare from which
states (`starts`) to which (`goes_to`) they may move. This module is the types only; the tables are
assembled in bot/conversation/flows, so a wing can import it without importing the flows.
"""

from __future__ import annotations

import enum
from collections.abc import Awaitable, Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime

from bot.common import when as timewords
from bot.common.actions import Action
from bot.conversation.fields.places import zone_label
from bot.conversation.turn import Turn


class State(enum.StrEnum):
    """Where a conversation is; the values are stored in `conversations.step`."""

    IDLE = "idle"
    ASK_NAME = "ask_name"
    ASK_TZ = "ask_tz"
    COMPANY = "company"
    ROLE = "role"
    WHEN = "when"
    WHEN_TIME = "when_time"
    PERSON_NAME = "person_name"
    PERSON_GREETING = "person_greeting"
    PERSON_ROLE = "person_role"
    PERSON_EMAIL = "person_email"
    PERSON_PHONE = "person_phone"
    PERSON_TOPIC = "person_topic"
    PERSON_MORE = "person_more"
    PEOPLE_EDIT = "people_edit"
    OPEN_QUESTIONS = "open_questions"
    CHALLENGES = "challenges"
    WHY_ME = "why_me"
    ASSESSMENT = "assessment"
    CLARIFY = "clarify"
    NEXT_STEPS = "next_steps"
    DECISION = "decision"
    MY_PROMISE = "my_promise"
    MY_PROMISE_WHEN = "my_promise_when"
    MY_PROMISE_MORE = "my_promise_more"
    THEIR_PROMISE = "their_promise"
    THEIR_PROMISE_WHEN = "their_promise_when"
    THEIR_PROMISE_WHO = "their_promise_who"  # who promised it: the chase reminder names them
    THEIR_PROMISE_MORE = "their_promise_more"
    SUMMARY = "summary"
    # After the debrief: the drafts, and correcting a person's details.
    DRAFT_SHORTEN = "draft_shorten"
    DRAFT_EDIT = "draft_edit"
    FIX_PERSON = "fix_person"
    FIX_VALUE = "fix_value"
    # Registering an interview that has not happened yet.
    UP_COMPANY = "up_company"
    UP_ROLE = "up_role"
    UP_WHEN = "up_when"
    UP_WHEN_TIME = "up_when_time"
    # Settings.
    SET_MENU = "set_menu"
    SET_NAME = "set_name"
    SET_TZ = "set_tz"
    SET_QUIET = "set_quiet"
    SET_COUNTRY = "set_country"
    # The user's own mailbox (opt-in).
    MAIL_SHOWN = "mail_shown"
    MAIL_ADDRESS = "mail_address"
    MAIL_SERVERS = "mail_servers"
    MAIL_SMTP = "mail_smtp"
    MAIL_IMAP = "mail_imap"
    MAIL_USER = "mail_user"
    MAIL_PASSWORD = "mail_password"  # noqa: S105 - a state name
    MAIL_SIGN_IN = "mail_sign_in"  # OAuth 2.0 with Microsoft or Google (bot/mailbox/connect.py)


class Flow(enum.StrEnum):
    """A group of states; entering another flow starts a fresh /back history."""

    IDLE = "idle"
    ONBOARDING = "onboarding"
    DEBRIEF = "debrief"
    UPCOMING = "upcoming"
    SETTINGS = "settings"
    DRAFTS = "drafts"
    MAILBOX = "mailbox"


class Again(enum.Enum):
    AGAIN = "again"


AGAIN = Again.AGAIN  # stay on the current state and ask its question again


@dataclass(frozen=True)
class Back:
    """Return to an earlier state of the same flow (/back): it is asked again and not remembered."""

    state: State


Next = State | Again | Back | None

Pairs = list[tuple[str, str]]  # (button label, choice code)
Asker = Callable[[Turn], Awaitable[tuple[str, Pairs]]]
Handler = Callable[[Turn], Awaitable[Next]]
TextHandler = Callable[[Turn, str], Awaitable[Next]]
ArgHandler = Callable[[Turn, str], Awaitable[Next]]


@dataclass(frozen=True)
class Entry:
    """One state: its question, what typed text, each button and /skip do, and where they may lead.

    `ask` returns the question and its (label, code) buttons (None: the state asks nothing);
    `no_more` / `more` name the buttons a typed "no" / "yes" variant stands for (bot.conversation.fields.match_button);
    `choices` maps a button code to its handler, `prefixed` a code prefix to a handler of the rest
    (for buttons made per row, e.g. ``rm_<person id>``); `section` is the part of the summary the state
    belongs to, so an edit from the summary returns there once it leaves that part.
    """

    state: State
    flow: Flow
    ask: Asker | None
    goes_to: frozenset[State]
    text: TextHandler | None = None
    choices: Mapping[str, Handler] = field(default_factory=dict)
    prefixed: Mapping[str, ArgHandler] = field(default_factory=dict)
    skip: Handler | None = None
    section: str | None = None
    no_more: str | None = None  # the code a typed "no" / "nothing" / "that's all" taps
    more: str | None = None  # the code a typed "yes" / "another" taps
    on_back: Handler | None = None  # run when /back returns here (a promise question reopens its last answer)
    multiline: bool = False  # the answer may take several lines (a draft's new text): `Reply.multiline`
    reads_no: bool = False  # the text handler reads "no" / "dunno" itself (it may mean more than a skip here)

    def handler_for(self, code: str) -> Handler | None:
        if code in self.choices:
            return self.choices[code]
        for prefix, handler in self.prefixed.items():
            rest = code.removeprefix(prefix)
            if rest != code and rest:
                return lambda turn, rest=rest, handler=handler: handler(turn, rest)
        return None


ActionHandler = Callable[[Turn, Action], Awaitable[Next]]


@dataclass(frozen=True)
class ActionEntry:
    """One kind of button that is not an answer to the current question (bot/common/actions.py `Kind`).

    `run` checks the tap is the user's and still valid, acts, and returns the next state like an entry's
    handler (None: stay where the conversation is). `ops` limits the entry to some ops of its kind (an
    entry without `ops` takes the others); it may move the conversation only from a state in `starts` to a
    state in `goes_to` (`move` refuses anything else).
    """

    kind: str  # an actions.Kind
    run: ActionHandler
    goes_to: frozenset[State] = frozenset()
    starts: frozenset[State] = frozenset()
    ops: frozenset[str] = frozenset()

    @property
    def name(self) -> str:
        return f"{self.kind}:{'|'.join(sorted(self.ops)) or '*'} ({self.run.__module__}.{self.run.__qualname__})"


def action(
    kind: str,
    run: ActionHandler,
    *,
    goes_to: Iterable[State] = (),
    starts: Iterable[State] = (),
    ops: Iterable[str] = (),
) -> ActionEntry:
    return ActionEntry(kind, run, frozenset(goes_to), frozenset(starts), frozenset(ops))


def entry(state: State, flow: Flow, ask: Asker | None, goes_to: set[State] | frozenset[State], **kw) -> Entry:
    return Entry(state, flow, ask, frozenset(goes_to), **kw)


class FixedAsker:
    """A question that is always the same, with the same buttons: `pairs` can be read without a turn (the router
    matches a typed label of the next question's buttons against them)."""

    def __init__(self, text: str, pairs: tuple[tuple[str, str], ...]) -> None:
        self.text = text
        self.pairs = pairs

    async def __call__(self, _turn: Turn) -> tuple[str, Pairs]:
        return self.text, list(self.pairs)


def fixed(text: str, *pairs: tuple[str, str]) -> Asker:
    return FixedAsker(text, pairs)


def local(turn: Turn, moment: datetime) -> str:
    """A moment in the user's zone, relative to today where that reads better."""
    return f"{timewords.local_moment(moment, turn.tz, turn.now)} ({zone_label(turn.tz)})"
