"""Sending claimed reminders: chats in parallel, each chat's reminders in order at its platform's pace."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.common.clock import Clock
from bot.common.events import BUDGETED, DeliveryError, Reply, Sender, UserUnreachable
from bot.drafts import store as draft_store
from bot.followups.dispatch.budget import SendBudget
from bot.followups.dispatch.claims import Claims
from bot.followups.dispatch.outcomes import Outcomes
from bot.followups.dispatch.rules import Outcome, Release, chat_interval, global_rate
from bot.followups.messages import LATE_AFTER, failure_notice, render
from bot.service.config import Settings
from bot.store.models import FollowUp, FollowUpState, Interview, Mailbox, Reminder, User

log = logging.getLogger("bot.followups.dispatch")  # the whole dispatcher logs as one, as its logs always did


class Sending:
    """Deliveries of claimed reminders: load what they show, then chats in parallel, each chat's reminders
    in order, spaced by the platform's per-chat interval and within its global budget."""

    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        settings: Settings,
        clock: Clock,
        senders: dict[str, Sender],
        claims: Claims,
        budget: SendBudget,
        outcomes: Outcomes,
    ) -> None:
        self.sessions = sessions
        self.settings = settings
        self.clock = clock
        self.senders = senders  # the dispatcher's, shared
        self.claims = claims
        self.budget = budget
        self.outcomes = outcomes
        self.sleep = asyncio.sleep  # waits for a chat's interval (tests run it on their clock)
        # The process stops (Dispatcher.stop): no reminder begins its send any more (each goes back untried,
        # claimable at once); once `abandon` is called, sends still under way are given up.
        self.stopping = False
        self._abandoning = False
        self._delivering: set[asyncio.Task] = set()  # the chats' tasks while they are in a Sender's deliver

    def abandon(self) -> int:
        """Give up the sends still under way (the stop's grace is over): each chat's task is cancelled in its
        Sender's `deliver` only (never in a database query) and its reminder ends 'abandoned'. Returns how many."""
        self._abandoning = True
        for task in self._delivering:
            task.cancel()
        return len(self._delivering)

    async def load(self, ids: Sequence[int]) -> tuple[list, draft_store.Rows, set[int]]:
        """The claimed reminders with their follow-ups, interviews and users, the stored drafts, and
        which of those users have a mailbox connected."""
        async with self.sessions() as session:
            rows = list(
                (
                    await session.execute(
                        select(Reminder, FollowUp, Interview, User)
                        .join(FollowUp, FollowUp.id == Reminder.follow_up_id)
                        .join(Interview, Interview.id == FollowUp.interview_id)
                        .join(User, User.id == Reminder.user_id)
                        .where(Reminder.id.in_(ids))
                        .order_by(Reminder.send_after, Reminder.id)
                    )
                ).all()
            )
            # The drafts the users approved or edited, for the reminders that show a draft.
            stored = await draft_store.stored(session, {row[2].id for row in rows})
            # Users with a mailbox connected get "Send now" on their emails (bot/mailbox/send_now.py).
            users = {row[3].id for row in rows}
            mailboxes = set(await session.scalars(select(Mailbox.user_id).where(Mailbox.user_id.in_(users))))
        return rows, stored, mailboxes

    async def send_batch(self, ids: Sequence[int]) -> int:
        """Deliver claimed reminders: chats in parallel, each chat's reminders in order."""
        try:
            rows, stored, mailboxes = await self.load(ids)
        except Exception:
            # Nothing of this batch was tried (the database went away right after the claim): give the
            # claims back as soon as it answers again, instead of letting them wait out the lease.
            await self.claims.give_back(ids)
            self.claims.done_with(ids)
            raise
        by_user: dict[int, list] = {}
        for row in rows:
            by_user.setdefault(row[3].id, []).append(row)
            self.claims.held[row[0].id] = row[0]  # its lease is renewed until its outcome is committed
        try:
            return await self._serve_all(by_user, stored, mailboxes)
        finally:
            for row in rows:
                self.claims.held.pop(row[0].id, None)
            self.claims.done_with(ids)

    async def _serve_all(self, by_user: dict[int, list], stored: draft_store.Rows, mailboxes: set[int]) -> int:
        memo: dict = {}  # each interview's thank-you drafts, written once per batch
        committed: list[asyncio.Future[None]] = []
        sent = 0

        async def serve(chat: list) -> None:
            nonlocal sent
            user = chat[0][3]
            sender = self.senders[user.platform]
            interval = chat_interval(sender)
            unreachable = held = False
            delivered = 0
            last: datetime | None = None  # when this chat's previous reminder went out
            for reminder, step, interview, _ in chat:
                if self.stopping and not (unreachable or held):
                    held = True  # the process stops: this and the chat's next ones go back untried
                    log.info("stopping; claims given back untried", extra={"reminder": reminder.id})
                if not (unreachable or held):
                    try:
                        await self._await_turn(sender, last)
                    except Exception:  # no slot (the database is away): not tried, not counted
                        log.warning("no send slot; trying later", extra={"user": user.key}, exc_info=True)
                        held = True
                    else:
                        # Waited so long for its turn that the claim's lease is half gone: another process may
                        # soon take the row back (it takes claims older than the lease), so this one must not
                        # send it too. Given back untried, it is claimed afresh at once.
                        held = self._lease_half_gone(reminder, user.id)
                        if held:
                            log.info("claim too old to send; given back", extra={"reminder": reminder.id})
                        held = held or self.stopping  # it stopped during the wait: not begun, so given back
                if unreachable or held:
                    outcome = Outcome(reminder, user, "putback")
                else:
                    outcome = await self._deliver(
                        sender, reminder, step, interview, user, stored, memo, user.id in mailboxes
                    )
                    # Spaced from when it went out (the platform took it), not from when it was handed to
                    # the sender: time spent queued in the sender must not come off the chat's interval.
                    last = self.clock()
                    self.outcomes.note(outcome)
                    unreachable = outcome.kind == "unreachable"
                    # Its claim is too old (so are the chat's next ones), or the process stops.
                    held = outcome.kind in {"putback", "abandoned"}
                    delivered += outcome.kind in {"sent", "failed"}
                sent += outcome.kind == "sent"
                committed.append(self.outcomes.commits.add(outcome))
            if interval:
                self.claims.serving.discard(user.id)  # from here its release decides
                # The chat rests as long as the platform needs to count these messages off at its
                # per-chat rate, whichever process writes to it next.
                rest = timedelta(seconds=interval * max(delivered, 1))
                committed.append(self.outcomes.commits.add(Release(user.id, self.clock() + rest)))

        await asyncio.gather(*(serve(chat) for chat in by_user.values()))
        await asyncio.gather(*committed)
        return sent

    def _lease_half_gone(self, reminder: Reminder, user_id: int) -> bool:
        """The claim, or on a paced platform the chat's lease, was last renewed (or taken) more than half a lease
        ago: another process may take them back soon (or has), so this one must not send the reminder."""
        now, half = self.clock(), self.claims.lease / 2
        claimed = reminder.claimed_at
        if claimed is not None and now - claimed > half:
            return True
        chat = self.claims.chat_leases.get(user_id)
        return user_id in self.claims.serving and (chat is None or chat - now < half)

    async def _await_turn(self, sender: Sender, last: datetime | None) -> None:
        """Wait for this chat's per-chat interval since its previous reminder, then for a slot in the
        platform's global budget (both hold for the whole deployment)."""
        interval = chat_interval(sender)
        if interval and last is not None:
            wait = (last + timedelta(seconds=interval) - self.clock()).total_seconds()
            if wait > 0:
                await self.sleep(wait)
        rate = global_rate(sender)
        if rate:
            await self.budget.wait(sender.platform, rate)  # replies to users go first (see budget.py)

    async def _deliver(
        self,
        sender: Sender,
        reminder: Reminder,
        follow_up: FollowUp,
        interview: Interview,
        user: User,
        stored: draft_store.Rows,
        memo: dict,
        mailbox: bool = False,
    ) -> Outcome:
        if follow_up.state != FollowUpState.PENDING:
            return Outcome(reminder, user, "cancel")
        now = self.clock()
        late = reminder.late = now - reminder.due_at > LATE_AFTER  # render says sorry for a late one
        reply: Reply = render(reminder, follow_up, interview, user, now, stored, memo, mailbox=mailbox)
        if self._lease_half_gone(reminder, user.id):
            # Writing it took so long (a process starting cold on a loaded machine loads the writer's word
            # lists on its first draft, seconds without a turn of the event loop) that its lease was not
            # renewed: another process may have taken it back. Checked last thing before it goes out.
            log.info("claim too old to send; given back", extra={"reminder": reminder.id})
            return Outcome(reminder, user, "putback")
        token = BUDGETED.set(bool(global_rate(sender)))  # its slot is taken: the adapter's pacing takes none
        me = asyncio.current_task()
        if me is not None:
            self._delivering.add(me)
        try:
            await sender.deliver(user.key, [reply])
        except asyncio.CancelledError:
            if not self._abandoning or me is None:
                raise
            me.uncancel()  # cancelled by `abandon` only: the chat's task carries on (its next ones go back)
            log.warning(
                "send still under way at stop; given up, the lease brings it back",
                extra={"reminder": reminder.id, "user": user.key},
            )
            return Outcome(reminder, user, "abandoned", step=follow_up.kind)
        except UserUnreachable as exc:
            return Outcome(reminder, user, "unreachable", exc, step=follow_up.kind)
        except DeliveryError as exc:
            error = exc
        except Exception as exc:  # a bug in an adapter must not lose the reminder
            log.exception("deliver crashed", extra={"reminder": reminder.id, "user": user.key, "kind": follow_up.kind})
            error = DeliveryError(repr(exc))
        else:
            return Outcome(reminder, user, "sent", late=late, step=follow_up.kind)
        finally:
            BUDGETED.reset(token)
            self._delivering.discard(me)
        if reminder.attempts < self.settings.max_delivery_attempts or error.retry_after is not None:
            return Outcome(reminder, user, "retry", error, step=follow_up.kind)
        told = False
        try:  # a short plain notice often gets through where the reminder did not
            await sender.deliver(user.key, [failure_notice(follow_up, interview)])
            told = True
        except Exception as exc:
            log.info(
                "could not tell the user about a failed reminder yet",
                extra={"user": user.key, "reminder": reminder.id, "kind": follow_up.kind, "error": type(exc).__name__},
            )
        return Outcome(reminder, user, "failed", error, told=told, step=follow_up.kind)
