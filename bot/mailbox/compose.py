"""The email that leaves the user's mailbox: built with the standard `email` package from a draft."""

from __future__ import annotations

from datetime import datetime
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from typing import Protocol

from bot.common.mailheaders import MAIL
from bot.mailbox.problems import MailProblem, Trouble


class Outgoing(Protocol):
    """What a draft must offer to be sent (bot.drafts.draft.Draft has these fields)."""

    @property
    def to_name(self) -> str: ...
    @property
    def to_email(self) -> str | None: ...
    @property
    def subject(self) -> str: ...
    @property
    def body(self) -> str: ...


def new_message_id(from_address: str) -> str:
    """Our own Message-ID, on the user's domain, so replies point back at it."""
    domain = from_address.rpartition("@")[2] or "followup.invalid"
    return make_msgid(idstring="followup", domain=domain)


def address(name: str | None, addr: str) -> Address:
    try:
        return Address(display_name=name or "", addr_spec=addr.strip())
    except (ValueError, IndexError) as exc:
        raise MailProblem(Trouble.RECIPIENT_REFUSED, f"{addr!r} is not an email address I can send to.") from exc


def build(
    draft: Outgoing,
    *,
    from_address: str,
    from_name: str | None,
    message_id: str,
    now: datetime,
    in_reply_to: str | None = None,
) -> EmailMessage:
    """A plain-text email from the draft; `in_reply_to` threads a second email onto the first."""
    if not draft.to_email:
        raise MailProblem(Trouble.RECIPIENT_REFUSED, f"I don't have an email address for {draft.to_name}.")
    message = EmailMessage(policy=MAIL)  # bot/common/mailheaders.py: no space lost in folding
    message["From"] = address(from_name, from_address)
    message["To"] = address(draft.to_name, draft.to_email)
    message["Subject"] = draft.subject
    message["Date"] = format_datetime(now)
    message["Message-ID"] = message_id
    if in_reply_to:
        message["In-Reply-To"] = in_reply_to
        message["References"] = in_reply_to
    # 7bit when it can be, else quoted-printable: never 8bit, which not every server takes.
    plain = draft.body.isascii() and all(len(line) <= 78 for line in draft.body.splitlines())
    message.set_content(draft.body, cte="7bit" if plain else "quoted-printable")
    return message
