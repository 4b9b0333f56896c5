"""The boundary types between adapters and the core: one frozen event in, replies out."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Protocol

# Telegram's callback_data limit; Slack's (2,000) is looser, so every platform can carry it.
MAX_ACTION_BYTES = 64

# ---- cleaning what a platform sends ---------------------------------------------------------------
# Everything that comes from a platform passes through these before it reaches the core or the
# database: PostgreSQL refuses NUL in text, control characters break logs and terminals, lone
# surrogates cannot be encoded, bidi overrides make a name display as something else, and no field
# may be larger than the core will ever need.

MAX_TEXT = 40000  # a message: Slack's own limit (Telegram's is 4,096); the core has tighter ones per answer
MAX_NAME = 200  # a display name, a user name, a file name (users.display_name is 200 characters)
MAX_ID = 150  # a platform's user id ("TEAM:USER" on Slack); users.key adds the platform
MAX_FIELD = 1000  # an action or a time zone hint: longer is junk anyway

# C0 and C1 controls, DEL, lone surrogates and the two non-characters U+FFFE/U+FFFF.
_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
# In message text, tab and line feed stay (a carriage return becomes a line feed first).
_TEXT_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
# Explicit bidi embeddings, overrides and isolates: a one-line field has no use for them.
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")
_SPACES = re.compile(" *[\t\n\r\v\f]+ *")


def scrub_text(value: str | None, limit: int = MAX_TEXT) -> str | None:
    """A message's text from a platform: no NUL or other control characters (line feeds and tabs
    stay), Windows line ends made plain, at most `limit` characters."""
    if value is None:
        return None
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    return _TEXT_CONTROLS.sub("", value)[:limit]


def scrub_action(value: str | None, limit: int = MAX_FIELD) -> str | None:
    """Button data from a platform: each control character or lone surrogate becomes U+FFFD and
    nothing is trimmed, so a garbled action ("c:1:all\\n", " c:1:all") stays garbled (and is refused
    as such) instead of turning into a valid one; at most `limit` characters."""
    if value is None:
        return None
    return _CONTROLS.sub("\ufffd", value)[:limit]


def scrub_line(value: str | None, limit: int = MAX_NAME) -> str | None:
    """A one-line field from a platform (a name, a user name, a file name, an id, button data): line
    breaks and tabs become one space; other control characters and bidi overrides go; at most `limit`
    characters, without surrounding blanks."""
    if value is None:
        return None
    value = _SPACES.sub(" ", value)
    return _BIDI.sub("", _CONTROLS.sub("", value)).strip()[:limit].strip()


@dataclass(frozen=True, slots=True)
class Who:
    """The person behind an event, as the platform names them."""

    platform: str  # "console", "telegram" or "slack"
    user_id: str  # the platform's own id; Slack uses "TEAM:USER"
    name: str = ""

    def __post_init__(self) -> None:
        # Whatever the adapter passed, the core only ever sees cleaned, bounded fields.
        object.__setattr__(self, "user_id", scrub_line(str(self.user_id), MAX_ID))
        object.__setattr__(self, "name", scrub_line(self.name or "", MAX_NAME))

    @property
    def key(self) -> str:
        """The platform-prefixed key that names this user everywhere (rows, locks, logs)."""
        return f"{self.platform}:{self.user_id}"


@dataclass(frozen=True, slots=True)
class Incoming:
    """One thing a user did: typed `text`, or tapped a button carrying `action`."""

    who: Who
    text: str | None = None
    action: str | None = None
    # A time zone the platform already knows for this user (Slack's users.info), used on first contact.
    tz_hint: str | None = None
    # The text was typed somewhere private (a Slack modal), not in the chat's history.
    private: bool = False
    # The platform's id for this delivery (a Telegram update, a Slack event or click), namespaced by the
    # adapter (adapters/*/keys.py); the core records it in the turn, so a replayed delivery changes nothing.
    delivery: str | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "text", scrub_text(self.text))
        object.__setattr__(self, "action", scrub_action(self.action))
        object.__setattr__(self, "tz_hint", scrub_line(self.tz_hint, MAX_FIELD) or None)
        object.__setattr__(self, "delivery", scrub_line(self.delivery, MAX_NAME) or None)


@dataclass(frozen=True, slots=True)
class Button:
    """A quick reply: what the user sees, and the compact action it sends back."""

    label: str
    action: str
    # Slack: the tap opens a modal asking this (a password), whose answer reaches the core as typed text,
    # so the secret never sits in the DM history. Other platforms never get such a button.
    private_prompt: str = ""
    # The tap edits something in a form where the platform has forms (Slack's modal) instead of in the chat:
    # "draft" edits the draft of the follow-up `form_ref` (Followup.draft_to_edit / save_draft). Elsewhere the
    # tap is sent as usual and the chat asks for the text.
    opens_form: str = ""
    form_ref: int | None = None


class Attachment:
    """A file offered to the user (an .eml draft, an export).

    `content` may be given as bytes or as a function that makes them: a file is then built only when
    an adapter actually reads it (once, then kept), not inside the turn that offers it (the two .eml
    drafts of "Write the drafts" cost about 1.5 ms of a turn's CPU; bench/README.md).
    """

    __slots__ = ("_content", "_make", "filename", "mime_type")

    def __init__(self, filename: str, content: bytes | Callable[[], bytes], mime_type: str) -> None:
        self.filename = filename
        self.mime_type = mime_type
        if isinstance(content, bytes | bytearray):
            self._content: bytes | None = bytes(content)
            self._make: Callable[[], bytes] | None = None
        else:
            self._content, self._make = None, content

    @property
    def content(self) -> bytes:
        if self._content is None:
            assert self._make is not None
            self._content, self._make = self._make(), None
        return self._content

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Attachment):
            return NotImplemented
        return (self.filename, self.mime_type, self.content) == (other.filename, other.mime_type, other.content)

    def __hash__(self) -> int:
        return hash((self.filename, self.mime_type))

    def __repr__(self) -> str:
        size = f"{len(self._content)} bytes" if self._content is not None else "not built yet"
        return f"Attachment({self.filename!r}, {size}, {self.mime_type!r})"


@dataclass(frozen=True, slots=True)
class Reply:
    """One message from the bot, in plain text; adapters escape and format it for their platform.

    `replace` asks the adapter to update the message whose button was tapped instead of sending a
    new one, so old buttons cannot be tapped twice. `notice` marks a short answer about the tap
    itself (a stale button, say), which adapters may show as a toast. `erase_input` asks the adapter
    to delete the user's message it answers (it carried a password); platforms that can't, don't.
    `step` marks buttons about a follow-up step (a reminder's, or a step's in /interviews): they stay
    valid while the step is open, whatever is said in between (the terminal keeps them under their own
    tag). `multiline` marks a question whose answer may take several lines (a draft's new text).
    """

    text: str
    buttons: tuple[Button, ...] = ()
    files: tuple[Attachment, ...] = ()
    replace: bool = False
    notice: bool = False
    erase_input: bool = False
    step: bool = False
    multiline: bool = False


# Set while the dispatcher delivers a reminder whose send slot it already took from the platform's budget
# for the whole deployment (bot/followups/dispatch/budget.py): an adapter's pacing takes no second slot
# for it. Any other message (a reply to the user) takes its own slot, first in line.
BUDGETED: ContextVar[bool] = ContextVar("followup_budgeted", default=False)


class DeliveryError(Exception):
    """The platform did not accept a message; it may be tried again later."""

    def __init__(self, message: str, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class UserUnreachable(DeliveryError):
    """The user blocked the bot or left: stop sending until they come back."""


class Sender(Protocol):
    """The outbound port each adapter implements for messages the user did not ask for (reminders)."""

    platform: str

    async def deliver(self, user_key: str, replies: Sequence[Reply]) -> None:
        """Send `replies` to the user; return only once the platform accepted them.

        Raises DeliveryError (transient) or UserUnreachable (the user blocked the bot).
        """
        ...
