"""Retention: a closed interview keeps its outline, but its people's contact details go after a while.

What goes, `FOLLOWUP_RETENTION_DAYS` (default 90) after an interview was closed: each person's email
address and phone number, the details that let anyone reach that third party (and the drafts kept as last
written, `Interview.drafts_written`, whose To: lines hold the addresses). What stays: the
interview's outline (company, role, dates, notes, self-assessment, outcome) and each person's name,
role and whether they replied, which are the user's own record of whom they met and what /stats and
/interviews show. A closed interview has no pending reminder left, so nothing needs the details any
more. The user can still erase everything at once with /delete.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from sqlalchemy import delete, null, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.common.clock import Clock
from bot.service.config import Settings
from bot.store.models import Interview, InterviewStatus, Person, ProcessedEvent

log = logging.getLogger(__name__)

# The dispatcher ticks every 30 seconds; the erasure needs to run far less often than that.
EVERY = timedelta(hours=1)


async def erase_contact_details(sessions: async_sessionmaker[AsyncSession], retention_days: int, now: datetime) -> int:
    """Erase the email and phone of the people of every interview closed more than `retention_days` ago.

    Idempotent and safe to run from several processes at once. Returns how many people were changed.
    """
    cutoff = now - timedelta(days=retention_days)
    expired = select(Interview.id).where(Interview.status == InterviewStatus.CLOSED, Interview.closed_at < cutoff)
    async with sessions() as session, session.begin():
        result = await session.execute(
            update(Person)
            .where(Person.interview_id.in_(expired), or_(Person.email.is_not(None), Person.phone.is_not(None)))
            .values(email=None, phone=None)
            .execution_options(synchronize_session=False)
        )
        # The drafts kept as last written hold the addresses too (their To: line): they go with them.
        await session.execute(
            update(Interview)
            .where(Interview.id.in_(expired), Interview.drafts_written.is_not(None))
            .values(drafts_written=null())  # SQL NULL, not a JSON null
            .execution_options(synchronize_session=False)
        )
    count = result.rowcount or 0
    if count:
        log.info("retention erased contact details", extra={"people": count, "retention_days": retention_days})
    return count


async def forget_old_deliveries(sessions: async_sessionmaker[AsyncSession], now: datetime) -> int:
    """Drop platform delivery ids older than two days: platforms stop redelivering long before that."""
    async with sessions() as session, session.begin():
        result = await session.execute(delete(ProcessedEvent).where(ProcessedEvent.seen_at < now - timedelta(days=2)))
    return result.rowcount or 0


class Retention:
    """The erasure as a periodic job: the dispatcher's tick calls `tick`, which runs at most every `EVERY`.

    So contact details go at most an hour (plus one tick) after the retention period ends.
    """

    def __init__(self, sessions: async_sessionmaker[AsyncSession], settings: Settings, clock: Clock) -> None:
        self.sessions = sessions
        self.settings = settings
        self.clock = clock
        self._last: datetime | None = None

    async def tick(self) -> int:
        now = self.clock()
        if self._last is not None and now - self._last < EVERY:
            return 0
        count = await erase_contact_details(self.sessions, self.settings.retention_days, now)
        await forget_old_deliveries(self.sessions, now)
        self._last = now
        return count
