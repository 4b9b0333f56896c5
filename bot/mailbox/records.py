"""The mailbox rows: what /mailbox collects, how a row becomes a connection, what /export may show."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.mailbox.oauth import Tokens
from bot.mailbox.providers import provider_for
from bot.mailbox.replies import Interest, SentRef
from bot.mailbox.transport import Account, Server
from bot.mailbox.vault import Vault
from bot.store.models import Interview, InterviewStatus, Mailbox, MailboxAuth, Person, SentMail


@dataclass(frozen=True, slots=True)
class MailboxForm:
    """What the user gives /mailbox. Ports and security may be left out when the provider is known."""

    address: str
    password: str = field(repr=False)
    username: str = ""  # empty: the address
    smtp_host: str = ""
    smtp_port: int = 0
    smtp_security: str = ""
    imap_host: str = ""
    imap_port: int = 0
    imap_security: str = ""
    copy_to_sent: bool | None = None  # None: what the provider is known to do
    auth: str = MailboxAuth.PASSWORD  # or the OAuth provider signed in with (then `password` is unused)

    def completed(self) -> MailboxForm:
        """The form with the provider's defaults filled into whatever was left empty."""
        known = provider_for(self.address)
        address = self.address.strip()
        return MailboxForm(
            address=address,
            password=self.password,
            username=self.username.strip() or address,
            smtp_host=self.smtp_host.strip() or (known.smtp_host if known else ""),
            smtp_port=self.smtp_port or (known.smtp_port if known else 465),
            smtp_security=self.smtp_security or (known.smtp_security if known else "tls"),
            imap_host=self.imap_host.strip() or (known.imap_host if known else ""),
            imap_port=self.imap_port or (known.imap_port if known else 993),
            imap_security=self.imap_security or (known.imap_security if known else "tls"),
            copy_to_sent=self.copy_to_sent if self.copy_to_sent is not None else not (known and known.files_sent_mail),
            auth=self.auth,
        )

    def account(self) -> Account:
        return Account(
            address=self.address,
            username=self.username or self.address,
            password=self.password,
            smtp=Server(self.smtp_host, self.smtp_port, self.smtp_security),
            imap=Server(self.imap_host, self.imap_port, self.imap_security),
        )


def account_from(row: Mailbox, vault: Vault) -> Account:
    """The connection details of a stored mailbox, its password decrypted (raises VaultError)."""
    return Account(
        address=row.address,
        username=row.username,
        password=vault.open(row.password_encrypted),
        smtp=Server(row.smtp_host, row.smtp_port, row.smtp_security),
        imap=Server(row.imap_host, row.imap_port, row.imap_security),
    )


def fill(row: Mailbox, form: MailboxForm, vault: Vault, tokens: Tokens | None = None) -> None:
    """Copy a checked form into a row (new or replaced); the watcher starts again from the newest mail.

    A signed-in mailbox keeps its tokens sealed where the password would be."""
    row.address = form.address
    row.username = form.username
    row.smtp_host, row.smtp_port, row.smtp_security = form.smtp_host, form.smtp_port, form.smtp_security
    row.imap_host, row.imap_port, row.imap_security = form.imap_host, form.imap_port, form.imap_security
    row.password_encrypted = vault.seal(tokens.seal_text() if tokens is not None else form.password)
    row.auth = form.auth if tokens is not None else MailboxAuth.PASSWORD
    row.copy_to_sent = bool(form.copy_to_sent)
    row.uid_validity = None
    row.last_uid = None
    row.status = "ok"
    row.last_error = None


EXPORTED = (
    "address",
    "username",
    "smtp_host",
    "smtp_port",
    "smtp_security",
    "imap_host",
    "imap_port",
    "imap_security",
    "copy_to_sent",
    "auth",
    "status",
    "last_error",
    "created_at",
    "updated_at",
    "checked_at",
)


def _plain(value: Any) -> Any:
    return value.isoformat() if hasattr(value, "isoformat") else value


def describe(row: Mailbox) -> dict[str, Any]:
    """The mailbox as /mailbox and /export show it: an allow-list of fields, so the password never is."""
    return {name: _plain(getattr(row, name)) for name in EXPORTED}


def describe_sent(row: SentMail) -> dict[str, Any]:
    return {
        "message_id": row.message_id,
        "followup_id": row.followup_id,
        "recipient": row.recipient,
        "subject": row.subject,
        "state": row.state,
        "sent_at": _plain(row.sent_at),
    }


async def load_mailbox(session: AsyncSession, user_id: int) -> Mailbox | None:
    return await session.scalar(select(Mailbox).where(Mailbox.user_id == user_id))


async def load_interest(session: AsyncSession, user_id: int) -> Interest:
    """This user's interviewers (open interviews) and the emails sent for them: nobody else's."""
    rows = await session.execute(
        select(Person.id, Person.email)
        .join(Interview, Interview.id == Person.interview_id)
        .where(Interview.user_id == user_id, Interview.status != InterviewStatus.CLOSED, Person.email.is_not(None))
    )
    people: dict[str, tuple[int, ...]] = {}
    for person_id, email in rows:
        key = email.strip().lower()
        people[key] = (*people.get(key, ()), person_id)
    sent = {
        row.message_id: SentRef(row.followup_id, row.recipient)
        for row in await session.scalars(select(SentMail).where(SentMail.user_id == user_id))
    }
    return Interest(people, sent)
