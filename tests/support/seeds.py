"""Seeding the database with many due reminders for dispatch tests."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import insert

from bot.store.models import FollowUp, FollowUpKind, Interview, InterviewStatus, Person, Reminder, User


async def seed_due_reminders(app, count: int, now: datetime, users: int = 20, prefix: str = "seed") -> None:
    """`count` reminders, due a minute ago, spread over `users` users (one thank-you follow-up each), keyed
    `console:{prefix}{n}`."""
    async with app.sessions() as session, session.begin():
        follow_up_ids = []
        for n in range(users):
            user = User(key=f"console:{prefix}{n}", platform="console", name=f"Seed {n}", timezone="UTC", active=True)
            session.add(user)
            await session.flush()
            interview = Interview(user_id=user.id, status=InterviewStatus.ACTIVE, company="Acme", role="Engineer")
            interview.people.append(Person(name=f"Person {n}", email=f"p{n}@acme.example"))
            session.add(interview)
            await session.flush()
            follow_up = FollowUp(
                user_id=user.id,
                interview_id=interview.id,
                person_id=interview.people[0].id,
                kind=FollowUpKind.THANK_YOU,
            )
            session.add(follow_up)
            await session.flush()
            follow_up_ids.append((user.id, follow_up.id))
        due = now - timedelta(minutes=1)
        await session.execute(
            insert(Reminder),
            [
                {
                    "user_id": follow_up_ids[i % users][0],
                    "follow_up_id": follow_up_ids[i % users][1],
                    "platform": "console",
                    "label": "first",
                    "due_at": due,
                    "send_after": due,
                    "state": "scheduled",
                    "attempts": 0,
                    "late": False,
                }
                for i in range(count)
            ],
        )
