"""Recording what became of delivered reminders (in group commits), and the health and metrics of delivery."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.common.clock import Clock
from bot.common.events import Sender
from bot.followups.dispatch.claims import Claims
from bot.followups.dispatch.group_commit import GroupCommit
from bot.followups.dispatch.rules import Outcome, Release, Renewal, backoff
from bot.service import metrics
from bot.store.models import Reminder, ReminderState, User

log = logging.getLogger("bot.followups.dispatch")  # the whole dispatcher logs as one, as its logs always did


class Outcomes:
    """What became of delivered reminders, written in group commits; and the delivery health and metrics."""

    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        clock: Clock,
        senders: dict[str, Sender],
        claims: Claims | None = None,
    ) -> None:
        self.sessions = sessions
        self.clock = clock
        self.senders = senders  # the dispatcher's, shared
        self.claims = claims  # the leases this process holds: renewed for a `Renewal`, released by a `Release`
        self.failing_since: datetime | None = None  # first failed delivery since the last one that went through
        self.commits = GroupCommit(self._write)  # `add` an Outcome or a Release; its future is set once committed

    @property
    def platforms(self) -> list[str]:
        return sorted(self.senders)

    async def _write(self, items: list) -> None:
        """Record outcomes, lease renewals and chat releases in one transaction."""
        now = self.clock()
        outcomes = [item for item in items if isinstance(item, Outcome)]
        releases = [item for item in items if isinstance(item, Release)]
        renewed: list[tuple[Reminder, datetime]] = []
        chats: dict[int, datetime] = {}
        freed: list[tuple[int, datetime]] = []
        sent = [o.reminder.id for o in outcomes if o.kind == "sent"]
        late = [o.reminder.id for o in outcomes if o.kind == "sent" and o.late]
        async with self.sessions() as session, session.begin():
            if sent:
                await session.execute(
                    update(Reminder)
                    .where(Reminder.id.in_(sent), Reminder.state == ReminderState.SENDING)
                    .values(state=ReminderState.SENT, sent_at=now, last_error=None)
                    .execution_options(synchronize_session=False)
                )
            if late:
                await session.execute(
                    update(Reminder)
                    .where(Reminder.id.in_(late))
                    .values(late=True)
                    .execution_options(synchronize_session=False)
                )
            for outcome in outcomes:
                values = await self._settle_values(session, outcome, now)
                if values is None:
                    continue
                mine = [Reminder.id == outcome.reminder.id, Reminder.state == ReminderState.SENDING]
                if outcome.kind == "putback" and outcome.reminder.claimed_at is not None:
                    mine.append(Reminder.claimed_at == outcome.reminder.claimed_at)  # still this process's claim
                await session.execute(
                    update(Reminder).where(*mine).values(**values).execution_options(synchronize_session=False)
                )
            if self.claims is not None and any(isinstance(item, Renewal) for item in items):
                # After the outcomes (a put-back matches the claim as it was) and before the releases (a chat
                # released in this transaction is not served any more: its release wins).
                renewed, chats = await self.claims.renew(session, now)
            for release in releases:
                if self.claims is None:
                    await session.execute(
                        update(User)
                        .where(User.id == release.user_id)
                        .values(paced_until=release.at)
                        .execution_options(synchronize_session=False)
                    )
                else:
                    lease = await self.claims.release(session, release)
                    if lease is not None:
                        freed.append((release.user_id, lease))
        for reminder, at in renewed:  # committed: this process's claims carry their new time from now on
            reminder.claimed_at = at
        if self.claims is not None:
            self.claims.chat_leases.update(chats)
            for user_id, lease in freed:
                self.claims.released(user_id, lease)
        if sent:
            log.info("reminders sent", extra={"count": len(sent)})
            metrics.REMINDERS_SENT.inc(len(sent))
            metrics.REMINDERS_LATE.inc(len(late))

    def note(self, outcome: Outcome) -> None:
        """Count one delivery, and track since when deliveries fail: from the first error after a success
        until one goes through again. A user who blocked the bot is not the bot failing, so "unreachable"
        counts as neither a failure of the bot nor a success.
        """
        kind, platform = outcome.kind, outcome.user.platform
        result = {"unreachable": "paused"}.get(kind, kind)
        if result in {"sent", "retry", "failed", "paused"}:
            metrics.SEND_ATTEMPTS.labels(platform, result).inc()
        if kind == "retry":
            metrics.REMINDER_RETRIES.labels(platform).inc()
        elif kind == "failed":
            metrics.REMINDERS_FAILED.labels(platform).inc()
        elif kind == "unreachable":
            metrics.REMINDERS_PAUSED.labels(platform).inc()
        if kind == "sent":
            self.failing_since = None
        elif kind in {"retry", "failed"} and self.failing_since is None:
            self.failing_since = self.clock()

    def failing_for(self) -> timedelta | None:
        """How long deliveries have been failing, or None when the last ones went through."""
        if self.failing_since is None:
            return None
        return max(self.clock() - self.failing_since, timedelta(0))

    async def refresh_metrics(self) -> None:
        """Update the gauges read from the database (reminders due now, for the platforms served)."""
        query = select(func.count(Reminder.id)).where(
            Reminder.state == ReminderState.SCHEDULED, Reminder.send_after <= self.clock()
        )
        if self.senders:
            query = query.where(Reminder.platform.in_(self.platforms))
        async with self.sessions() as session:
            metrics.REMINDERS_DUE.set(await session.scalar(query) or 0)

    async def _settle_values(self, session: AsyncSession, outcome: Outcome, now: datetime) -> dict | None:
        reminder, user, error = outcome.reminder, outcome.user, outcome.error
        reason = str(error)[:500] if error is not None else None
        if outcome.kind == "cancel":
            return {"state": ReminderState.CANCELLED}
        if outcome.kind == "putback":  # not tried: the chat turned out unreachable on an earlier one
            return {"state": ReminderState.SCHEDULED, "attempts": Reminder.attempts - 1}
        if outcome.kind == "failed":
            log.error(
                "reminder failed for good",
                extra={
                    "reminder": reminder.id,
                    "user": user.key,
                    "platform": user.platform,
                    "kind": outcome.step,
                    "attempts": reminder.attempts,
                    "reason": reason,
                    "told": outcome.told,
                },
            )
            return {"state": ReminderState.FAILED, "last_error": reason, "failure_told": outcome.told}
        if outcome.kind in {"retry", "unreachable"}:
            log.warning(
                "reminder not delivered",
                extra={
                    "reminder": reminder.id,
                    "user": user.key,
                    "platform": user.platform,
                    "kind": outcome.step,
                    "outcome": outcome.kind,
                    "attempts": reminder.attempts,
                    "reason": reason,
                },
            )
            if outcome.kind == "unreachable":
                # Paused, not dropped: the claim skips inactive users until they /start again.
                await session.execute(update(User).where(User.id == user.id).values(active=False))
                return {"state": ReminderState.SCHEDULED, "last_error": reason}
            retry_after = error.retry_after if error else None
            return {
                "state": ReminderState.SCHEDULED,
                "send_after": now + backoff(reminder.attempts, retry_after),
                "last_error": reason,
            }
        return None
