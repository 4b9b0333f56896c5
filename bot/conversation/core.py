"""The turn loop: load the user's rows under a lock, route the event, save, and return replies."""

from __future__ import annotations

import asyncio
import dataclasses
import logging
from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import TYPE_CHECKING, TypeVar

from sqlalchemy import bindparam, select
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sqlalchemy.orm import joinedload
from sqlalchemy.orm.exc import StaleDataError

from bot.assist import assistant_for
from bot.common.clock import Clock
from bot.common.events import Incoming, Reply, Who
from bot.common.keyed_lock import KeyedLocks
from bot.conversation import flows, router
from bot.conversation import form as forms
from bot.conversation.flows import Flow, State
from bot.conversation.flows import drafts as drafts_flow
from bot.conversation.flows.summary import finish_debrief
from bot.conversation.turn import Finish, Turn
from bot.drafts.draft import Draft
from bot.followups import lookups as reminder_lookups
from bot.mailbox import noticed as mailreplies
from bot.service.config import Settings
from bot.store.models import Conversation, Interview, ProcessedEvent, User

if TYPE_CHECKING:
    from bot.assist.port import Assistant
    from bot.mailbox import MailboxService, ReplySeen

log = logging.getLogger(__name__)

RETRIES = 6

# One query for the user, the conversation and the interview it is about (with its people and promises),
# and whether the user is owed notices about failed reminders; the user's row is the lock that makes turns
# of one user take turns. Built once: building it costs more than running it.
LOAD = (
    select(User, Conversation, Interview, reminder_lookups.owes_notices(User.id))
    .outerjoin(Conversation, Conversation.user_id == User.id)
    .outerjoin(Interview, Interview.id == Conversation.interview_id)
    .options(joinedload(Interview.people), joinedload(Interview.promises))
    .where(User.key == bindparam("key"))
    .with_for_update(of=User)
)


T = TypeVar("T")


class Busy(Exception):
    """A turn that could not get through after every retry."""


class Core:
    """Platform-agnostic conversation handling; adapters call `handle`."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession], settings: Settings, clock: Clock) -> None:
        self.sessions = sessions
        self.settings = settings
        self.clock = clock
        self._lock = KeyedLocks()  # one turn at a time per user key in this process
        self.on_planned: Callable[[datetime], None] | None = None  # wake the dispatcher earlier
        self.mailbox: MailboxService | None = None  # the user's own mailbox (opt-in), set by bot.app
        # The language model (opt-in, bot/assist): None unless the operator turned a use of it on.
        self.model: Assistant | None = assistant_for(settings)

    async def handle(self, event: Incoming) -> list[Reply] | None:
        """One turn at a time per user: an in-process lock, and a row lock or version check across processes.

        `event.delivery` (the platform's id for it, e.g. a Telegram update or a Slack event) is recorded
        in the turn's own transaction, under the user's lock: a replayed delivery returns None and
        changes nothing, whichever adapter it came through.
        """
        key = event.who.key
        notices: list[Reply] = []  # about reminders that failed for good: the user is evidently reachable again
        try:
            async with self._lock(key):
                done = await self._retry(key, lambda: self._turn(event))
                if done is None:
                    return None
                turn, notices = done
                erase = turn.secret_input
                replies = list(turn.replies) + await self._after(event, turn.jobs)
        except Busy:
            return [Reply("Sorry, I'm very busy right now; please send that again in a moment."), *notices]
        if erase:
            replies = [dataclasses.replace(r, erase_input=True) for r in replies]
        return replies + notices

    async def _after(self, event: Incoming, jobs: list) -> list[Reply]:
        """Slow work (mail servers, the language model) after the turn is saved, each outcome in a new turn; the
        caller holds the user's lock."""
        replies: list[Reply] = []
        jobs = list(jobs)
        while jobs:
            finish = await jobs.pop(0)()
            after = await self._retry(event.who.key, lambda finish=finish: self._finish(event, finish))
            replies += after.replies
            jobs += after.jobs
        return replies

    async def submit_form(self, event: Incoming, fields: dict[str, str]) -> tuple[dict[str, str], list[Reply]]:
        """The whole debrief as one form: errors by field, or the drafts and the plan."""
        try:
            async with self._lock(event.who.key):
                errors, replies, jobs = await self._retry(event.who.key, lambda: self._form_turn(event, fields))
                return errors, replies + await self._after(event, jobs)
        except Busy:
            return {"company": "I'm very busy right now; please submit again in a moment."}, []

    async def draft_to_edit(self, event: Incoming, follow_up_id: int) -> Draft | None:
        """A draft as it reads now, to put in an edit form (Slack's modal); None if it is not the user's."""

        async def work() -> Draft | None:
            async with self.sessions() as session, session.begin():
                return await drafts_flow.draft_to_edit(await self._load(session, event), follow_up_id)

        return await self._retrying(event.who.key, work)

    async def save_draft(self, event: Incoming, follow_up_id: int, body: str) -> tuple[str | None, list[Reply]]:
        """The text of an edit form as the draft: (an error to show on the form, or None; the replies)."""

        async def work() -> tuple[str | None, list[Reply]]:
            async with self.sessions() as session, session.begin():
                turn = await self._load(session, event)
                error = await drafts_flow.save_from_form(turn, follow_up_id, body)
                return error, turn.replies

        try:
            return await self._retrying(event.who.key, work)
        except Busy:
            return "I'm very busy right now; please submit again in a moment.", []

    async def _retrying(self, key: str, work: Callable[[], Awaitable[T]]) -> T:
        """Run one transaction under the user's lock (see `_retry`)."""
        async with self._lock(key):
            return await self._retry(key, work)

    async def _retry(self, key: str, work: Callable[[], Awaitable[T]]) -> T:
        """Run one transaction, redoing it when another process saved this user's turn first or the
        database was busy; Busy when it never got through. The caller holds the user's lock."""
        for attempt in range(RETRIES):
            try:
                return await work()
            except (StaleDataError, IntegrityError, OperationalError) as exc:
                log.info("turn retry", extra={"user": key, "attempt": attempt + 1, "reason": type(exc).__name__})
                await asyncio.sleep(0.05 * (attempt + 1))
        log.error("turn failed", extra={"user": key})
        raise Busy(key)

    async def mail_reply(self, seen: ReplySeen) -> tuple[str, str, list[Reply]] | None:
        """A reply noticed in a user's mailbox, handled once (its Message-ID is recorded like a delivery):
        (user key, platform, what to tell them), or None when there is nothing to say."""
        async with self.sessions() as session:
            user = await session.get(User, seen.user_id)
            if user is None:
                return None
            key, platform = user.key, user.platform
        delivery = f"mail:{seen.mailbox_id}:{seen.message_id or seen.sender + seen.received_at.isoformat()}"

        async def work() -> list[Reply] | None:
            done = await self._in_turn(
                Incoming(Who(platform, key.split(":", 1)[1])),
                lambda turn: mailreplies.on_reply(turn, seen),
                delivery=delivery,
            )
            return None if done is None else done[0].replies

        try:
            replies = await self._retrying(key, work)
        except Busy:
            log.error("mail reply not recorded", extra={"user": key})
            raise
        return (key, platform, replies) if replies else None

    async def resume(self, user_id: int, finish: Finish) -> tuple[str, str, list[Reply]] | None:
        """Something the user started ended in the background (a mailbox sign-in at Microsoft or Google):
        its outcome in a new turn, and the turns of the slow work it starts. (user key, platform, replies)."""
        async with self.sessions() as session:
            user = await session.get(User, user_id)
            if user is None:
                return None
            key, platform = user.key, user.platform
        event = Incoming(Who(platform, key.split(":", 1)[1]))
        try:
            async with self._lock(key):
                after = await self._retry(key, lambda: self._finish(event, finish))
                replies = list(after.replies) + await self._after(event, after.jobs)
        except Busy:
            log.error("background outcome not recorded", extra={"user": key})
            raise
        return (key, platform, replies) if replies else None

    async def _form_turn(self, event: Incoming, fields: dict[str, str]) -> tuple[dict[str, str], list[Reply], list]:
        async def body(turn: Turn) -> dict[str, str]:
            if router.here(turn).flow not in {Flow.IDLE, Flow.ONBOARDING}:
                return {"company": "Finish or /cancel the debrief you started in the chat first."}
            errors = await forms.submit(turn, fields, event.who.name, event.tz_hint)
            if not errors:
                flows.move(turn, await finish_debrief(turn))  # a note too long to use is asked about in the chat
            return errors

        done = await self._in_turn(event, body)
        assert done is not None  # a form carries no delivery id
        turn, errors, _ = done
        return (errors, [], []) if errors else ({}, turn.replies, list(turn.jobs))

    async def _turn(self, event: Incoming) -> tuple[Turn, list[Reply]] | None:
        """The turn, and the notices the user is owed about failed reminders (marked told in the same
        transaction; looked up only when the turn's first query found some)."""

        async def body(turn: Turn) -> None:
            turn.private_input = event.private
            await router.route(turn, event)

        done = await self._in_turn(event, body, delivery=event.delivery, notices=True)
        return None if done is None else (done[0], done[2])

    async def _finish(self, event: Incoming, finish: Finish) -> Turn:
        """The second half of a turn that did slow work: record its outcome and go where it says."""
        done = await self._in_turn(event, lambda turn: router.run(turn, lambda: finish(turn)))
        assert done is not None
        return done[0]

    async def _in_turn(
        self,
        event: Incoming,
        body: Callable[[Turn], Awaitable[T]],
        *,
        delivery: str | None = None,
        notices: bool = False,
    ) -> tuple[Turn, T, list[Reply]] | None:
        """The turn lifecycle, the one place it is written: in one transaction, record the delivery (None
        when it was seen before), load the user's rows, run `body`, flush, ask the current question if the
        body asked for it, flush again (so the buttons carry the saved revision), bind the buttons and,
        with `notices`, read the failure notices owed; once committed, wake the dispatcher for whatever
        the turn planned. Returns (the turn, what `body` returned, the notices).

        Every kind of turn goes through here: a message or tap (`_turn`), the second half of slow work
        (`_finish`), the whole debrief as a form (`_form_turn`) and a reply noticed in the mailbox."""
        async with self.sessions() as session, session.begin():
            if delivery is not None and not await record_delivery(session, delivery, self.clock()):
                return None
            turn, owed = await self._load_owing(session, event)
            result = await body(turn)
            await session.flush()
            if turn.ask:
                await router.ask(turn)
            await session.flush()
            turn.bind_choices()
            owed_notices = await reminder_lookups.owed_notices(session, turn.user.id) if notices and owed else []
        if turn.planned is not None and self.on_planned is not None:
            self.on_planned(turn.planned)
        return turn, result, owed_notices

    async def _load(self, session: AsyncSession, event: Incoming) -> Turn:
        return (await self._load_owing(session, event))[0]

    async def _load_owing(self, session: AsyncSession, event: Incoming) -> tuple[Turn, bool]:
        """The turn, and whether the user is owed notices about failed reminders."""
        now = self.clock()
        who = event.who
        row = (await session.execute(LOAD, {"key": who.key})).unique().first()
        user, conv, interview, owed = row if row is not None else (None, None, None, False)
        if user is None:
            user = User(key=who.key, platform=who.platform, display_name=who.name[:200], active=True)
            session.add(user)
            await session.flush()
        if conv is None:
            conv = Conversation(user_id=user.id, step=State.ASK_NAME, scratch={}, updated_at=now)
            if event.tz_hint:
                conv.scratch = {"tz_hint": event.tz_hint}
            session.add(conv)
            await session.flush()
            turn = Turn(session, user, conv, now, self.settings, mailbox=self.mailbox, model=self.model)
            turn.first_contact = True
            return turn, bool(owed)
        return (
            Turn(session, user, conv, now, self.settings, _interview=interview, mailbox=self.mailbox, model=self.model),
            bool(owed),
        )


def _record_delivery(dialect: str):
    # On the table, not the mapped class: an INSERT on the class goes through the ORM's bulk-insert path,
    # which cost about 0.26 ms more per turn (half of this statement's time) for the same SQL and answer.
    table = ProcessedEvent.__table__
    insert = postgresql_insert if dialect == "postgresql" else sqlite_insert
    return (
        insert(table)
        .values(event_key=bindparam("key"), seen_at=bindparam("now"))
        .on_conflict_do_nothing(index_elements=["event_key"])
        .returning(table.c.event_key)
    )


RECORD_DELIVERY = {dialect: _record_delivery(dialect) for dialect in ("postgresql", "sqlite")}  # built once


async def record_delivery(session: AsyncSession, key: str, now: datetime) -> bool:
    """Record a platform delivery id; False if it was recorded before (a redelivery)."""
    statement = RECORD_DELIVERY["postgresql" if session.bind.dialect.name == "postgresql" else "sqlite"]
    inserted = await session.scalar(statement, {"key": key[:200], "now": now})
    return inserted is not None
