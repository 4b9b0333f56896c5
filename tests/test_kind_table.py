"""A follow-up kind is decided in its one `KindSpec` (bot/followups/kinds.py): a toy kind, registered here
and nowhere else, is planned after a debrief, reminded through the real dispatcher, tapped (Snooze, Done,
Skip) and exported in /export's calendar like the kinds the bot ships with."""

from __future__ import annotations

from datetime import timedelta

import pytest
from icalendar import Calendar
from sqlalchemy import select

from bot.common.actions import ReminderOp as Op
from bot.followups import kinds
from bot.followups.kinds import KindSpec, Planned
from bot.followups.timing import show
from bot.store.models import FollowUp, FollowUpState, Person, Reminder, ReminderState
from tests.support.driver import ChatUser
from tests.support.recording import RecordingSender
from tests.support.scripts import debrief, onboard

TOY = "portfolio_check"


@pytest.fixture
def toy_kind():
    """One KindSpec entry: a check of the user's portfolio link for each interviewer, five hours after the debrief."""
    spec = KindSpec(
        TOY,
        "portfolio check",
        lambda s: f"Before {s.person.name} opens it: check that your portfolio link works ({s.where}).",
        (Op.DONE, Op.SNOOZE_HOUR, Op.TOMORROW, Op.SKIP),
        done="Checked",
        planned=Planned.PERSON,
        first=lambda at: {"": at.now + timedelta(hours=5)},
        plan_line=lambda at, due: f"• {at.person.name}: portfolio check {show(due, at.tz, at.now)}",
        event=("Portfolio check", "Check your portfolio link before {who} opens it"),
    )
    kinds.register(spec)
    yield spec
    kinds.unregister(TOY)


def toy_reminder(replies, name: str):
    return next(r for r in replies if r.text.startswith(f"Before {name} opens it"))


def tap(reply, label: str) -> str:
    return next(b.action for b in reply.buttons if b.label == label)


async def toy_rows(app, name: str) -> list[FollowUp]:
    async with app.sessions() as session:
        person = await session.scalar(select(Person).where(Person.name == name))
        query = select(FollowUp).where(FollowUp.person_id == person.id, FollowUp.kind == TOY)
        return list(await session.scalars(query))


async def test_a_kind_added_with_one_entry_is_planned_reminded_tapped_and_exported(app, clock, toy_kind):
    sender = RecordingSender()
    app.add_sender(sender)
    ada = ChatUser(app)
    await onboard(ada)
    await debrief(ada)
    await ada.taps("Write the drafts")
    # Planned: one per interviewer beside the thank-you, and said in the plan.
    ada.expect("Jane Doe: thank-you reminder", "Jane Doe: portfolio check", "Bob Stone: portfolio check")
    (jane_toy,) = await toy_rows(app, "Jane Doe")
    (bob_toy,) = await toy_rows(app, "Bob Stone")
    assert jane_toy.state == bob_toy.state == FollowUpState.PENDING

    # Exported: an event of its own in /export's calendar, with its title and words.
    await ada.says("/export")
    (ics,) = [f.content for r in ada.last for f in r.files if f.mime_type == "text/calendar"]
    events = {str(e.get("summary")): e for e in Calendar.from_ical(ics).walk("VEVENT")}
    toy_events = [summary for summary in events if summary.startswith("Portfolio check: ")]
    assert sorted(toy_events) == [
        "Portfolio check: Bob Stone (Acme <Corp> & Co)",
        "Portfolio check: Jane Doe (Acme <Corp> & Co)",
    ]
    assert "Check your portfolio link before Jane Doe opens it" in str(
        events["Portfolio check: Jane Doe (Acme <Corp> & Co)"].get("description")
    )

    # Reminded: through the real dispatcher, with its words and buttons, when its time comes (not before).
    clock.advance(hours=4, minutes=50)
    await app.dispatch_due()
    assert not [r for r in sender.take() if r.text.startswith("Before ")]
    clock.advance(minutes=15)
    await app.dispatch_due()
    sent = sender.take()
    jane, bob = toy_reminder(sent, "Jane Doe"), toy_reminder(sent, "Bob Stone")
    assert [b.label for b in jane.buttons] == ["Checked", "Snooze 1 hour", "Tomorrow morning", "Skip this step"]

    # Tapped: Snooze brings it back an hour later, Done ("Checked") closes it, Skip skips Bob's.
    await ada.sends_action(tap(jane, "Snooze 1 hour"))
    ada.expect("Snoozed")
    clock.advance(hours=1, minutes=1)
    await app.dispatch_due()
    again = toy_reminder(sender.take(), "Jane Doe")
    await ada.sends_action(tap(again, "Checked"))
    assert ada.last[0].replace and ada.text.startswith("Before Jane Doe") and "✅ Done." in ada.text
    await ada.sends_action(tap(bob, "Skip this step"))
    ada.expect("⏭ Skipped.")
    assert [f.state for f in await toy_rows(app, "Jane Doe")] == [FollowUpState.DONE]
    assert [f.state for f in await toy_rows(app, "Bob Stone")] == [FollowUpState.SKIPPED]
    async with app.sessions() as session:
        left = await session.scalars(select(Reminder).where(Reminder.follow_up_id.in_([jane_toy.id, bob_toy.id])))
        assert {r.state for r in left} <= {ReminderState.DONE, ReminderState.CANCELLED}
    # The kinds the bot ships with went on as before: the thank-yous are still pending.
    async with app.sessions() as session:
        thank_yous = list(await session.scalars(select(FollowUp).where(FollowUp.kind == "thank_you")))
    assert len(thank_yous) == 2 and {f.state for f in thank_yous} == {FollowUpState.PENDING}


def test_a_kind_must_fit_its_column_and_have_a_calendar_event():
    with pytest.raises(ValueError, match="20 characters"):
        kinds.register(KindSpec("x" * 21, "too long", lambda s: "", (), event=("A", "{who}")))
    with pytest.raises(ValueError, match="calendar event"):
        kinds.register(KindSpec("no_event", "no event", lambda s: "", ()))
    assert "no_event" not in kinds.KINDS
