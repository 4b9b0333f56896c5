"""The boundary types between adapters and the core: one frozen event in, replies out."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

# Telegram's callback_data limit; Slack's (2,000) is looser, so every platform can carry it.
MAX_ACTION_BYTES = 64


@dataclass(frozen=True, slots=True)
class Who:
    """The person behind an event, as the platform names them."""

    platform: str  # "console", "telegram" or "slack"
    user_id: str  # the platform's own id; Slack uses "TEAM:USER"
    name: str = ""

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


@dataclass(frozen=True, slots=True)
class Button:
    """A quick reply: what the user sees, and the compact action it sends back."""

    label: str
    action: str
    # Slack: the tap opens a modal asking this (a password), whose answer reaches the core as typed text,
    # so the secret never sits in the DM history. Other platforms never get such a button.
    private_prompt: str = ""


@dataclass(frozen=True, slots=True)
class Attachment:
    """A file offered to the user (an .eml draft, an export)."""

    filename: str
    content: bytes
    mime_type: str


@dataclass(frozen=True, slots=True)
class Reply:
    """One message from the bot, in plain text; adapters escape and format it for their platform.

    `replace` asks the adapter to update the message whose button was tapped instead of sending a
    new one, so old buttons cannot be tapped twice. `notice` marks a short answer about the tap
    itself (a stale button, say), which adapters may show as a toast. `erase_input` asks the adapter
    to delete the user's message it answers (it carried a password); platforms that can't, don't.
    """

    text: str
    buttons: tuple[Button, ...] = ()
    files: tuple[Attachment, ...] = ()
    replace: bool = False
    notice: bool = False
    erase_input: bool = False


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
