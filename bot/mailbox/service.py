"""The mailbox feature as the chat uses it: connect, describe, disconnect, send a draft, watch for replies."""

from __future__ import annotations

import logging
import ssl
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import async_sessionmaker

from bot.common.clock import Clock
from bot.common.keyed_lock import KeyedLocks
from bot.mailbox import imap
from bot.mailbox.compose import Outgoing
from bot.mailbox.oauth import Providers, Tokens
from bot.mailbox.problems import MailProblem, explain
from bot.mailbox.records import MailboxForm, describe, describe_sent, fill, load_mailbox
from bot.mailbox.sending import Outbox, SendResult, SendStatus
from bot.mailbox.signin import SignIns
from bot.mailbox.transport import Account, Transport, close_imap, imap_label, smtp_label, system_tls
from bot.mailbox.vault import vault_from_settings
from bot.mailbox.watch import OnReply, Watchers
from bot.service.config import Settings
from bot.store.models import Mailbox, SentMail

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Connected:
    """The answer to /mailbox's check: ok, or the exact reason in the user's words."""

    ok: bool
    words: str
    description: dict[str, Any] | None = None


class MailboxService:
    """One per bot process. Without FOLLOWUP_SECRET_KEY it is off: `available` False, `off_reason` says why."""

    def __init__(
        self,
        sessions: async_sessionmaker,
        settings: Settings,
        clock: Clock,
        *,
        tls: ssl.SSLContext | None = None,
        oauth_ca_file: str | None = None,
    ) -> None:
        """`tls` and `oauth_ca_file`: whom the mail servers' and sign-in services' certificates must come from
        (the system's by default; tests trust their own)."""
        self.sessions = sessions
        self.settings = settings
        self.clock = clock
        self.vault, self.off_reason = vault_from_settings(settings)
        self.transport = Transport(tls or system_tls(), settings.mailbox_timeout_seconds)
        self.watchers: Watchers | None = None
        self._locks = KeyedLocks()  # per user: one send at a time in this process
        providers = Providers.from_settings(settings, ca_file=oauth_ca_file)
        self.signins: SignIns | None = (
            SignIns(sessions, self.vault, clock, providers, settings.public_url) if self.vault is not None else None
        )

    @property
    def available(self) -> bool:
        return self.vault is not None

    # ---- connecting -----------------------------------------------------------------------------

    async def check(self, account: Account) -> imap.FolderState:
        """Log in to both servers and open INBOX read-only; raises MailProblem naming the server and why."""
        smtp = self.transport.smtp(account)
        try:
            await smtp.connect()
        except Exception as exc:
            raise explain(exc, smtp_label(account)) from None
        finally:
            if smtp.is_connected:
                try:
                    await smtp.quit()
                except Exception:
                    smtp.close()
        client = await self.transport.imap(account)
        try:
            return await imap.examine(client, "INBOX")
        except Exception as exc:
            raise explain(exc, imap_label(account)) from None
        finally:
            await close_imap(client)

    async def connect(self, user_id: int, form: MailboxForm, tokens: Tokens | None = None) -> Connected:
        """Check the servers, then save (replacing an earlier mailbox); a failed check changes nothing.

        With `tokens` (a finished OAuth sign-in, `form.auth` its provider) both servers are checked with
        XOAUTH2 and the tokens are sealed where a password would be.
        """
        if self.vault is None:
            return Connected(False, self.off_reason)
        form = form.completed()
        if not form.smtp_host or not form.imap_host:
            return Connected(False, "I don't know the servers for that address: please give the SMTP and IMAP hosts.")
        account = form.account()
        if tokens is not None:
            account = replace(account, username=form.address, password=tokens.access_token, mechanism="xoauth2")
        try:
            inbox = await self.check(account)
        except MailProblem as problem:
            log.info("mailbox check failed", extra={"user": user_id, "trouble": problem.trouble})
            return Connected(False, problem.words)
        async with self.sessions() as session, session.begin():
            row = await load_mailbox(session, user_id)
            if row is None:
                row = Mailbox(user_id=user_id, created_at=self.clock())
                session.add(row)
            fill(row, form, self.vault, tokens)
            # Replies are looked for from now on: what is already in the inbox was read by the user.
            row.uid_validity, row.last_uid = inbox.uid_validity, (inbox.uid_next or 1) - 1
            row.updated_at = row.checked_at = self.clock()
            await session.flush()
            mailbox_id, description = row.id, describe(row)
        if self.watchers is not None:
            self.watchers.watch(mailbox_id)
        log.info("mailbox connected", extra={"user": user_id})
        return Connected(True, f"Connected {form.address}: sending and reading both work.", description)

    async def disconnect(self, user_id: int) -> bool:
        """Forget the mailbox and its password; the record of what was sent stays (it is the user's history)."""
        async with self.sessions() as session, session.begin():
            row = await load_mailbox(session, user_id)
            if row is None:
                return False
            mailbox_id = row.id
            await session.execute(delete(Mailbox).where(Mailbox.id == mailbox_id))
        if self.watchers is not None:
            self.watchers.unwatch(mailbox_id)
        log.info("mailbox disconnected", extra={"user": user_id})
        return True

    async def describe(self, user_id: int) -> dict[str, Any] | None:
        """The connected mailbox for /mailbox (never the password), or None."""
        async with self.sessions() as session:
            row = await load_mailbox(session, user_id)
            return describe(row) if row is not None else None

    async def export(self, user_id: int) -> dict[str, Any]:
        """What /export adds: the mailbox settings (no password) and the emails sent."""
        async with self.sessions() as session:
            row = await load_mailbox(session, user_id)
            sent = await session.scalars(select(SentMail).where(SentMail.user_id == user_id).order_by(SentMail.id))
            return {"mailbox": describe(row) if row else None, "sent_mails": [describe_sent(s) for s in sent]}

    # ---- sending --------------------------------------------------------------------------------

    async def send_draft(
        self,
        user_id: int,
        followup_id: int | None,
        draft: Outgoing,
        *,
        from_name: str | None = None,
        in_reply_to: str | None = None,
        send_anyway: bool = False,
    ) -> SendResult:
        """Send an approved draft for one follow-up; see SendStatus for what can come back."""
        if self.vault is None:
            return SendResult(SendStatus.NOT_CONNECTED, self.off_reason)
        async with self._locks(user_id):  # two taps in one process: the second finds the first's row
            outbox = Outbox(self.sessions, self.vault, self.transport, self.clock, self.signins)
            return await outbox.send(
                user_id, followup_id, draft, from_name=from_name, in_reply_to=in_reply_to, send_anyway=send_anyway
            )

    # ---- watching -------------------------------------------------------------------------------

    async def start_watching(self, on_reply: OnReply, *, use_idle: bool = True) -> None:
        """Watch every connected mailbox; `on_reply` gets each ReplySeen (at least once: dedupe by message_id)."""
        if self.vault is None:
            log.info("mailbox watching off", extra={"reason": "no secret key"})
            return
        self.watchers = Watchers(
            self.sessions,
            self.signins,
            self.transport,
            self.clock,
            on_reply,
            poll_seconds=self.settings.mailbox_poll_seconds,
            use_idle=use_idle,
        )
        await self.watchers.start()

    async def stop_watching(self) -> None:
        if self.watchers is not None:
            await self.watchers.stop()
            self.watchers = None
        if self.signins is not None:
            await self.signins.stop()
