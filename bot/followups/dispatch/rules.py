"""The dispatcher's rules and records: batch size, lease and backoff, a platform's rates, and what
became of a claimed reminder (an `Outcome`) or a chat (a `Release`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.common.events import DeliveryError, Sender
from bot.store.models import Reminder, User

BATCH = 200  # reminders in flight at most, per process
LEASE = timedelta(minutes=2)  # default claim lease: a claim older than this was lost with its process
MAX_BACKOFF = timedelta(minutes=30)
WRITE_RETRIES = 20  # a group commit that fails (database restarting) is tried again, 0.5 s apart
# At stop, how long sends under way may take to finish (and be recorded) before they are given up.
STOP_GRACE = 5.0


def backoff(attempts: int, retry_after: float | None) -> timedelta:
    """Exponential backoff (5 s, 10 s, 20 s ... 30 min), or the platform's own Retry-After."""
    delay = timedelta(seconds=5 * 2 ** max(attempts - 1, 0))
    if retry_after is not None:
        delay = max(delay, timedelta(seconds=retry_after))
    return min(delay, MAX_BACKOFF)


def global_rate(sender: Sender | None) -> float:
    """Messages a second this platform takes from the whole deployment (0: no limit); a sender
    declares it as `global_rate` (Telegram: 30)."""
    return float(getattr(sender, "global_rate", 0.0) or 0.0)


def chat_interval(sender: Sender | None) -> float:
    """Seconds a chat must rest per message on this platform, for the whole deployment (0: no limit).

    A sender declares it as `chat_interval` (1.0 on Telegram and Slack: about a message a second).
    """
    return float(getattr(sender, "chat_interval", 0.0) or 0.0)


@dataclass(slots=True)
class Outcome:
    """What became of one claimed reminder (kind: sent, retry, unreachable, failed, cancel, putback, abandoned).

    'abandoned': its send still hung when the process stopped; whether it went out is unknown, so nothing is
    written: the reminder stays claimed until its lease runs out, then any process sends it (as after a crash)."""

    reminder: Reminder
    user: User
    kind: str
    error: DeliveryError | None = None
    late: bool = False
    told: bool = False  # for 'failed': the user was told at once
    step: str = ""  # the follow-up's kind (thank_you, second_email...), for the logs


@dataclass(slots=True)
class Release:
    """A chat served by this process is free again from `at` (its platform's interval after the last send)."""

    user_id: int
    at: datetime


@dataclass(slots=True)
class Renewal:
    """Renew the leases of the claims and chats this process still works on (written in order with the
    outcomes and releases, so a release or a put-back is never overtaken by a renewal written before it)."""
