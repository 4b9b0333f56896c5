"""Watching inboxes: one asyncio task per mailbox, IDLE or polling, read-only, each with its own backoff."""

from __future__ import annotations

import asyncio
import logging
import os
import socket
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import timedelta

from sqlalchemy import or_, select, update
from sqlalchemy.ext.asyncio import async_sessionmaker

from bot.common.clock import Clock
from bot.mailbox import imap
from bot.mailbox.problems import MailProblem, Trouble, explain
from bot.mailbox.records import load_interest
from bot.mailbox.replies import (
    ReplySeen,
    body_text,
    first_lines,
    is_auto_reply,
    match,
    parse,
    received_at,
    return_date,
    sender_of,
)
from bot.mailbox.signin import SignedOut, SignIns
from bot.mailbox.transport import Transport, close_imap
from bot.mailbox.vault import VaultError
from bot.store.models import Mailbox, MailboxStatus

log = logging.getLogger(__name__)

OnReply = Callable[[ReplySeen], Awaitable[None]]
BACKOFF_FIRST = 5.0
BACKOFF_MAX = 1800.0
BATCH = 50


async def _end(tasks: list[asyncio.Task]) -> None:
    """Cancel the watchers and wait until each has ended, however long its cleanup (logging out) takes.

    A cancel can be lost: aioimaplib waits for every answer in `asyncio.wait_for`, which on Python 3.11 returns
    the answer instead of raising when the cancel lands just as the answer came, and the watcher carries on.
    `stopping` ends it at its next round; the cancel is repeated meanwhile, so a watcher that went back to
    waiting (IDLE, the poll interval: two minutes) is not waited for."""
    pending = {task for task in tasks if not task.done()}
    while pending:
        for task in pending:
            task.cancel()
        _, pending = await asyncio.wait(pending, timeout=1.0)
    for task in tasks:  # retrieved, so a watcher that failed is not reported again as never retrieved
        if not task.cancelled():
            task.exception()


@dataclass
class Watchers:
    """Every connected mailbox watched in its own task; a failing one backs off alone."""

    sessions: async_sessionmaker
    signins: SignIns  # the password or a fresh access token of each mailbox
    transport: Transport
    clock: Clock
    on_reply: OnReply
    poll_seconds: float = 120.0
    use_idle: bool = True  # False: poll even when the server offers IDLE
    tasks: dict[int, asyncio.Task] = field(default_factory=dict)
    stopping: bool = False  # stop() was called: every watcher ends at its next round, and none starts
    _inflight: set[asyncio.Future] = field(default_factory=set)
    name: str = field(default_factory=lambda: f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}")

    @property
    def lease(self) -> timedelta:
        # Renewed after every IDLE or poll round, so it outlives the longest round by a wide margin.
        return timedelta(seconds=3 * self.poll_seconds + 4 * self.transport.timeout)

    async def start(self) -> None:
        async with self.sessions() as session:
            ids = list(await session.scalars(select(Mailbox.id).order_by(Mailbox.id)))
        for mailbox_id in ids:
            self.watch(mailbox_id)

    def watch(self, mailbox_id: int) -> None:
        """(Re)start the watcher of one mailbox, e.g. after it was connected or its settings changed."""
        self.unwatch(mailbox_id)
        if self.stopping:  # connected while the bot stops: the next start watches it
            return
        self.tasks[mailbox_id] = asyncio.create_task(self._run(mailbox_id), name=f"mailbox-{mailbox_id}")

    def unwatch(self, mailbox_id: int) -> None:
        task = self.tasks.pop(mailbox_id, None)
        if task is not None:
            task.cancel()

    async def stop(self) -> None:
        self.stopping = True
        tasks = list(self.tasks.values())
        self.tasks.clear()
        await _end(tasks)
        if self._inflight:  # a reply being reported when we stopped: let it finish, position saved
            await asyncio.gather(*self._inflight, return_exceptions=True)
        async with self.sessions() as session, session.begin():  # let another process take over at once
            await session.execute(
                update(Mailbox).where(Mailbox.watcher == self.name).values(watcher=None, watch_until=None)
            )

    async def _claim(self, mailbox_id: int) -> bool:
        """Take or renew the lease on one mailbox; False while another process holds it."""
        now = self.clock()
        async with self.sessions() as session, session.begin():
            result = await session.execute(
                update(Mailbox)
                .where(
                    Mailbox.id == mailbox_id,
                    or_(Mailbox.watcher.is_(None), Mailbox.watcher == self.name, Mailbox.watch_until < now),
                )
                .values(watcher=self.name, watch_until=now + self.lease)
            )
            return result.rowcount == 1

    async def _run(self, mailbox_id: int) -> None:
        delay = BACKOFF_FIRST

        def connected() -> None:  # a good connection starts the backoff over
            nonlocal delay
            delay = BACKOFF_FIRST

        while not self.stopping:
            try:
                if not await self._claim(mailbox_id):  # another process watches it (or it is gone)
                    if not await self._exists(mailbox_id):
                        return
                    await asyncio.sleep(self.poll_seconds)
                    continue
                if not await self._watch_once(mailbox_id, connected):
                    return  # the mailbox was disconnected
            except asyncio.CancelledError:
                raise
            except SignedOut:  # revoked: the user was told once; signing in again starts a new watcher
                log.warning("mailbox watch stopped", extra={"mailbox": mailbox_id, "reason": "signed_out"})
                return
            except VaultError as exc:  # the key changed: retrying can't help; /mailbox again will
                await self._set_status(mailbox_id, MailboxStatus.FAILING, str(exc))
                log.warning("mailbox watch stopped", extra={"mailbox": mailbox_id, "reason": "key_changed"})
                return
            except Exception as exc:
                label = await self._label(mailbox_id)
                problem = explain(exc, label)
                await self._set_status(mailbox_id, MailboxStatus.FAILING, problem.words)
                log.warning(
                    "mailbox watch failed",
                    extra={"mailbox": mailbox_id, "trouble": problem.trouble, "retry_in": round(delay)},
                )
                await asyncio.sleep(delay)
                delay = min(delay * 2, BACKOFF_MAX)

    async def _exists(self, mailbox_id: int) -> bool:
        async with self.sessions() as session:
            return await session.scalar(select(Mailbox.id).where(Mailbox.id == mailbox_id)) is not None

    async def _label(self, mailbox_id: int) -> str:
        async with self.sessions() as session:
            host = await session.scalar(select(Mailbox.imap_host).where(Mailbox.id == mailbox_id))
        return f"the incoming server {host}"

    async def _watch_once(self, mailbox_id: int, connected: Callable[[], None]) -> bool:
        """One connection's life: log in, catch up, then wait for news until something breaks."""
        async with self.sessions() as session:
            row = await session.get(Mailbox, mailbox_id)
            if row is None:
                return False
            user_id, address = row.user_id, row.address.lower()
            known_validity, last_uid = row.uid_validity, row.last_uid
        account = await self.signins.account(mailbox_id)  # VaultError: shown as the mailbox's error
        try:
            client = await self.transport.imap(account)
        except MailProblem as problem:
            if not (account.oauth and problem.trouble == Trouble.WRONG_PASSWORD):
                raise
            # AUTHENTICATIONFAILED with a token: refresh it once (SignedOut if it was revoked) and retry.
            account = await self.signins.renew(mailbox_id)
            client = await self.transport.imap(account)
        try:
            folder = await imap.examine(client, "INBOX")
            if known_validity != folder.uid_validity or last_uid is None:
                # New mailbox, or the server renumbered INBOX: start from what arrives next.
                last_uid = (folder.uid_next or 1) - 1
                await self._save_position(mailbox_id, folder.uid_validity, last_uid)
            await self._set_status(mailbox_id, MailboxStatus.OK, None)
            connected()
            idle = self.use_idle and client.has_capability("IDLE")
            # Lost the lease (a long stall): back to the outer loop. Stopping: out (a cancel can be lost, see _end).
            while not self.stopping and await self._claim(mailbox_id):
                last_uid = await self._scan(client, mailbox_id, user_id, address, last_uid)
                if idle:
                    await imap.wait_for_news(client, self.poll_seconds)
                else:
                    await asyncio.sleep(self.poll_seconds)
                    await client.noop()
            return True
        finally:
            await close_imap(client)

    async def _scan(self, client, mailbox_id: int, user_id: int, address: str, last_uid: int) -> int:
        uids = await imap.uids_after(client, last_uid)
        if not uids:
            return last_uid
        async with self.sessions() as session:
            interest = await load_interest(session, user_id)  # this user's people only
        if not interest.people and not interest.sent:  # nobody to hear from: read nothing at all
            await self._save_position(mailbox_id, None, uids[-1])
            return uids[-1]
        for start in range(0, len(uids), BATCH):
            batch = uids[start : start + BATCH]
            heads = await imap.headers(client, batch)
            for uid in batch:
                headers = parse(heads.get(uid, b""))
                _, sender = sender_of(headers)
                found = match(headers, interest) if sender != address else None
                if found is not None:
                    reply = await self._reply(client, uid, headers, found, mailbox_id, user_id)
                    await self._hand_over(reply, uid)
                last_uid = uid
            await self._save_position(mailbox_id, None, last_uid)
        return last_uid

    async def _hand_over(self, reply: ReplySeen, uid: int) -> None:
        """Report and move past the message as one step a stop() lets finish (shielded, then awaited).

        A crash between the two reports the reply again after a restart (at least once), never skips it.
        """

        async def report_and_save() -> None:
            await self.on_reply(reply)
            await self._save_position(reply.mailbox_id, None, uid)

        step = asyncio.ensure_future(report_and_save())
        self._inflight.add(step)
        step.add_done_callback(self._inflight.discard)
        await asyncio.shield(step)

    async def _reply(self, client, uid: int, headers, found, mailbox_id: int, user_id: int) -> ReplySeen:
        start_bytes = (await imap.first_bytes(client, [uid])).get(uid, b"")
        text = body_text(start_bytes)
        when = received_at(headers, self.clock())
        auto = is_auto_reply(headers)
        name, sender = sender_of(headers)
        return ReplySeen(
            user_id=user_id,
            mailbox_id=mailbox_id,
            person_ids=found.person_ids,
            followup_id=found.followup_id,
            sender=sender,
            sender_name=name,
            subject=str(headers.get("Subject", "")),
            snippet=first_lines(text),
            received_at=when,
            auto_reply=auto,
            # dateparser is CPU work: off the event loop, so chats are not held up.
            return_date=await asyncio.to_thread(return_date, text, when) if auto else None,
            message_id=str(headers.get("Message-ID", "")).strip() or None,
        )

    async def _save_position(self, mailbox_id: int, uid_validity: int | None, last_uid: int) -> None:
        values: dict = {"last_uid": last_uid}
        if uid_validity is not None:
            values["uid_validity"] = uid_validity
        async with self.sessions() as session, session.begin():
            await session.execute(update(Mailbox).where(Mailbox.id == mailbox_id).values(**values))

    async def _set_status(self, mailbox_id: int, status: MailboxStatus, error: str | None) -> None:
        async with self.sessions() as session, session.begin():
            await session.execute(
                update(Mailbox)
                .where(Mailbox.id == mailbox_id)
                .values(status=status, last_error=error, checked_at=self.clock())
            )
