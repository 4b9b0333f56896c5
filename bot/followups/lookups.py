"""Looking up reminder rows for a turn: the failure notices a user is owed, an interview's pending steps."""

from __future__ import annotations

from sqlalchemy import exists, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.expression import ColumnElement, Exists

from bot.common.events import Reply
from bot.conversation.turn import Turn
from bot.followups import kinds
from bot.followups.messages import failure_notice
from bot.store.models import FollowUp, FollowUpState, Interview, InterviewStatus, Reminder, ReminderState


def owes_notices(user_id: ColumnElement[int]) -> Exists:
    """True when the user has failed reminders they were not told about: a column of the turn's user query,
    so that a turn looks for notices (`owed_notices`) only when there are some."""
    return exists().where(
        Reminder.user_id == user_id, Reminder.state == ReminderState.FAILED, Reminder.failure_told.is_(False)
    )


async def owed_notices(session: AsyncSession, user_id: int) -> list[Reply]:
    """Notices about the user's failed reminders they were not told about yet; marks them told."""
    rows = (
        await session.execute(
            select(Reminder.id, FollowUp, Interview)
            .join(FollowUp, FollowUp.id == Reminder.follow_up_id)
            .join(Interview, Interview.id == FollowUp.interview_id)
            .where(
                Reminder.user_id == user_id,
                Reminder.state == ReminderState.FAILED,
                Reminder.failure_told.is_(False),
            )
            .order_by(Reminder.id)
        )
    ).all()
    if not rows:
        return []
    await session.execute(
        update(Reminder)
        .where(Reminder.id.in_([reminder_id for reminder_id, _, _ in rows]))
        .values(failure_told=True)
        .execution_options(synchronize_session=False)
    )
    return [failure_notice(follow_up, interview) for _, follow_up, interview in rows]


async def interview_of(turn: Turn, interview_id: int) -> Interview | None:
    interview = await turn.session.get(Interview, interview_id)
    if interview is None or interview.user_id != turn.user.id or interview.status == InterviewStatus.DEBRIEFING:
        return None
    return interview


async def pending_follow_ups(turn: Turn, interview_id: int) -> list[tuple[FollowUp, Reminder | None]]:
    """Each pending follow-up of an interview with its next scheduled reminder."""
    rows = await turn.session.execute(
        select(FollowUp, Reminder)
        .outerjoin(
            Reminder,
            (Reminder.follow_up_id == FollowUp.id)
            & Reminder.state.in_((ReminderState.SCHEDULED, ReminderState.SENDING)),
        )
        .where(FollowUp.interview_id == interview_id, FollowUp.state == FollowUpState.PENDING)
        .order_by(FollowUp.id, Reminder.send_after)
    )
    seen: dict[int, tuple[FollowUp, Reminder | None]] = {}
    for follow_up, reminder in rows:
        seen.setdefault(follow_up.id, (follow_up, reminder))
    return list(seen.values())


async def rung_answered(session: AsyncSession, person_id: int, followup_id: int | None = None) -> str:
    """The rung of a person's ladder a reply answers, as /stats counts it ("replied after the thank-you").

    First the follow-up the reply names (its In-Reply-To or References carry the Message-ID of the email
    the bot sent for it), when that is a rung of this person's ladder; else the latest rung done for
    them (the last email they got, or the call); else their first rung: they answered before any
    step was marked done. Never a rung still pending: no reply can answer an email not yet sent.
    """
    if followup_id is not None:
        named = await session.get(FollowUp, followup_id)
        if named is not None and named.person_id == person_id and named.kind in kinds.reply_kinds():
            return named.kind
    latest = await session.scalar(
        select(FollowUp.kind)
        .where(
            FollowUp.person_id == person_id,
            FollowUp.kind.in_(kinds.reply_kinds()),
            FollowUp.state == FollowUpState.DONE,
        )
        .order_by(FollowUp.done_at.desc(), FollowUp.id.desc())
        .limit(1)
    )
    if latest is not None:
        return latest
    first = await session.scalar(
        select(FollowUp.kind)
        .where(FollowUp.person_id == person_id, FollowUp.kind.in_(kinds.reply_kinds()))
        .order_by(FollowUp.id)
        .limit(1)
    )
    return first or kinds.first_rung()
