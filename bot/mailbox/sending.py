"""Sending a draft from the user's mailbox, at most once, even across a crash."""

from __future__ import annotations

import enum
import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

import aiosmtplib
from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import async_sessionmaker

from bot.common.clock import Clock
from bot.mailbox import imap
from bot.mailbox.compose import Outgoing, build, new_message_id
from bot.mailbox.problems import MailProblem, Trouble, explain
from bot.mailbox.records import load_mailbox
from bot.mailbox.signin import SignIns
from bot.mailbox.transport import Account, Transport, close_imap, imap_label, smtp_label
from bot.mailbox.vault import Vault, VaultError
from bot.store.models import MailboxStatus, SentMail, SentMailState

log = logging.getLogger(__name__)


class SendStatus(enum.StrEnum):
    SENT = "sent"  # handed to the user's server just now
    ALREADY_SENT = "already_sent"  # it went out before (found in our rows or in the Sent folder): not sent again
    IN_PROGRESS = "in_progress"  # another attempt is sending it right now
    UNSURE = "unsure"  # an earlier attempt was cut off and the Sent folder can't tell: the user decides
    FAILED = "failed"  # not sent; `words` says why; nothing else changed
    NOT_CONNECTED = "not_connected"


@dataclass(frozen=True, slots=True)
class SendResult:
    status: SendStatus
    words: str  # for the chat
    message_id: str | None = None
    sent_at: datetime | None = None
    trouble: Trouble | None = None

    @property
    def sent(self) -> bool:
        """True when the email has gone out (now or before): mark the follow-up done, plan the next rung."""
        return self.status in (SendStatus.SENT, SendStatus.ALREADY_SENT)


class _Refused(Exception):
    """The server refused before taking the message: certainly not sent."""


@dataclass
class Outbox:
    sessions: async_sessionmaker
    vault: Vault
    transport: Transport
    clock: Clock
    signins: SignIns  # the password, or a fresh access token (refreshed here when it is about to run out)

    @property
    def lease(self) -> timedelta:
        # An attempt younger than this may still be talking to the server (another process, another tap).
        return timedelta(seconds=self.transport.timeout * 4)

    async def send(
        self,
        user_id: int,
        followup_id: int | None,
        draft: Outgoing,
        *,
        from_name: str | None = None,
        in_reply_to: str | None = None,
        send_anyway: bool = False,
    ) -> SendResult:
        """Send `draft` for one follow-up; a second call for the same follow-up never sends it twice.

        `send_anyway` is the user's answer to UNSURE ("it isn't in your Sent folder; send it anyway?").
        """
        now = self.clock()
        async with self.sessions() as session, session.begin():
            mailbox = await load_mailbox(session, user_id)
            if mailbox is None:
                return SendResult(SendStatus.NOT_CONNECTED, "No mailbox is connected: use /mailbox to connect one.")
            if mailbox.status == MailboxStatus.SIGNED_OUT:  # told once already; nothing goes out meanwhile
                return SendResult(SendStatus.FAILED, mailbox.last_error or "", trouble=Trouble.SIGNED_OUT)
            mailbox_id, address = mailbox.id, mailbox.address
            copy_to_sent = mailbox.copy_to_sent
            earlier = None
            if followup_id is not None:
                earlier = await session.scalar(
                    select(SentMail).where(SentMail.user_id == user_id, SentMail.followup_id == followup_id)
                )
            if earlier is not None and earlier.state == SentMailState.SENT:
                return SendResult(
                    SendStatus.ALREADY_SENT, _already(earlier.recipient), earlier.message_id, earlier.sent_at
                )
            if earlier is not None and now - earlier.attempt_at < self.lease:
                return SendResult(SendStatus.IN_PROGRESS, "That email is being sent right now.", earlier.message_id)
            message_id = earlier.message_id if earlier is not None else new_message_id(address)
            unfinished = earlier is not None
        try:  # outside the transaction above: a refresh talks to the provider and saves the new token
            account = await self.signins.account(mailbox_id)
        except VaultError as exc:
            return SendResult(SendStatus.FAILED, str(exc), trouble=Trouble.SERVER)
        except MailProblem as problem:  # SignedOut included: the user was told, with a button to sign in
            return SendResult(SendStatus.FAILED, problem.words, trouble=problem.trouble)
        if unfinished:
            found = await self._in_sent(account, message_id)
            if isinstance(found, MailProblem):  # can't look: sending again could send twice
                return SendResult(
                    SendStatus.FAILED,
                    f"I need to check your Sent folder before sending this again, and couldn't: {found.words}",
                    message_id,
                    trouble=found.trouble,
                )
            if found:
                sent_at = await self._mark_sent(message_id)
                log.info("mailbox send recovered", extra={"user": user_id, "followup": followup_id})
                return SendResult(SendStatus.ALREADY_SENT, _already(draft.to_email or ""), message_id, sent_at)
            if copy_to_sent and not send_anyway:
                return SendResult(SendStatus.UNSURE, _unsure(draft), message_id)
        try:
            message = build(
                draft,
                from_address=account.address,
                from_name=from_name,
                message_id=message_id,
                now=now,
                in_reply_to=in_reply_to,
            )
        except MailProblem as problem:
            return SendResult(SendStatus.FAILED, problem.words, trouble=problem.trouble)
        if not await self._claim(user_id, followup_id, message_id, str(draft.to_email), draft.subject, now):
            return SendResult(SendStatus.IN_PROGRESS, "That email is being sent right now.", message_id)
        try:
            try:
                await self._smtp(account, message.as_bytes(), str(draft.to_email))
            except _Refused as refused:
                # An access token the server refused (revoked early, or a clock off): refresh once and retry.
                # The login comes before the message, so nothing went out.
                if not (account.oauth and isinstance(refused.__cause__, aiosmtplib.SMTPAuthenticationError)):
                    raise
                log.info("mailbox token refused, refreshing", extra={"user": user_id})
                try:
                    account = await self.signins.renew(mailbox_id)
                except MailProblem as problem:
                    await self._release(message_id)
                    return SendResult(SendStatus.FAILED, problem.words, trouble=problem.trouble)
                await self._smtp(account, message.as_bytes(), str(draft.to_email))
        except _Refused as refused:
            problem = explain(refused.__cause__ or refused, smtp_label(account))
            await self._release(message_id)  # certainly not sent: as if nothing happened
            log.info("mailbox send refused", extra={"user": user_id, "trouble": problem.trouble})
            return SendResult(SendStatus.FAILED, problem.words, trouble=problem.trouble)
        except Exception as exc:  # cut off after the message was handed over: the Sent folder will tell
            problem = explain(exc, smtp_label(account))
            log.warning("mailbox send cut off", extra={"user": user_id, "trouble": problem.trouble})
            return SendResult(
                SendStatus.FAILED,
                problem.words + " I'll check your Sent folder before sending it again.",
                message_id,
                trouble=problem.trouble,
            )
        sent_at = await self._mark_sent(message_id)
        if copy_to_sent:
            await self._file_copy(account, message.as_bytes())
        log.info("mailbox sent", extra={"user": user_id, "followup": followup_id})
        return SendResult(
            SendStatus.SENT, f"Sent to {draft.to_name} <{draft.to_email}> from {account.address}.", message_id, sent_at
        )

    async def _claim(
        self, user_id: int, followup_id: int | None, message_id: str, recipient: str, subject: str, now: datetime
    ) -> bool:
        """Write (or refresh) the `sending` row before any SMTP: a crash leaves it behind as evidence."""
        try:
            async with self.sessions() as session, session.begin():
                row = await session.scalar(select(SentMail).where(SentMail.message_id == message_id))
                if row is None:
                    session.add(
                        SentMail(
                            user_id=user_id,
                            followup_id=followup_id,
                            message_id=message_id,
                            recipient=recipient,
                            subject=subject,
                            state=SentMailState.SENDING,
                            created_at=now,
                            attempt_at=now,
                        )
                    )
                elif row.state == SentMailState.SENDING and now - row.attempt_at >= self.lease:
                    row.attempt_at = now
                else:
                    return False
        except IntegrityError:  # another process claimed this follow-up a moment ago
            return False
        return True

    async def _smtp(self, account: Account, message: bytes, recipient: str) -> None:
        client = self.transport.smtp(account)
        handed_over = False
        try:
            await client.connect()  # TLS, EHLO and login
            await client.mail(account.address)
            await client.rcpt(recipient)
            handed_over = True
            await client.data(message)
        except aiosmtplib.SMTPResponseException as exc:
            # A coded refusal, even of DATA, means the server did not take the message.
            raise _Refused() from exc
        except Exception as exc:
            if handed_over:
                raise
            raise _Refused() from exc
        finally:
            if client.is_connected:
                try:
                    await client.quit()
                except aiosmtplib.SMTPException:
                    client.close()

    async def _mark_sent(self, message_id: str) -> datetime:
        now = self.clock()
        async with self.sessions() as session, session.begin():
            row = await session.scalar(select(SentMail).where(SentMail.message_id == message_id))
            if row is not None:
                row.state = SentMailState.SENT
                row.sent_at = now
        return now

    async def _release(self, message_id: str) -> None:
        async with self.sessions() as session, session.begin():
            await session.execute(delete(SentMail).where(SentMail.message_id == message_id))

    async def _in_sent(self, account: Account, message_id: str) -> bool | MailProblem:
        client = None
        try:
            client = await self.transport.imap(account)
            return await imap.find_in_sent(client, message_id) is not None
        except Exception as exc:
            problem = explain(exc, imap_label(account))
            log.warning("mailbox sent-folder check failed", extra={"trouble": problem.trouble})
            return problem
        finally:
            await close_imap(client)

    async def _file_copy(self, account: Account, message: bytes) -> None:
        client = None
        try:
            client = await self.transport.imap(account)
            await imap.append_to_sent(client, message)
        except Exception as exc:  # the email went out; a missing copy in Sent is not worth failing over
            log.warning("mailbox copy to Sent failed", extra={"trouble": explain(exc, imap_label(account)).trouble})
        finally:
            await close_imap(client)


def _already(recipient: str) -> str:
    return f"That email already went out to {recipient}; I didn't send it again."


def _unsure(draft: Outgoing) -> str:
    return (
        f"I was interrupted while sending your email to {draft.to_name} and can't tell whether it went out: "
        "it isn't in your Sent folder. Have a look there; if it isn't in your Sent folder either, "
        "send it again (it may reach them twice if it did go out)."
    )
