"""The follow-up ladder end to end, with a settable clock and a recording sender, on both databases."""

from __future__ import annotations

import asyncio
import re
import time
from datetime import timedelta

from sqlalchemy import select

from bot.app import Followup
from bot.common.events import Incoming, Reply
from bot.followups.dispatch.rules import Release, Renewal
from bot.store.models import FollowUp, FollowUpState, Person, Reminder, ReminderState, User
from tests.support.driver import ChatUser
from tests.support.recording import RecordingSender
from tests.support.scripts import debrief, onboard


async def ready(app, clock, **kwargs):
    sender = RecordingSender()
    app.add_sender(sender)
    ada = ChatUser(app)
    await onboard(ada)
    await debrief(ada, **kwargs)
    await ada.taps("Write the drafts")
    return ada, sender


def tap(ada: ChatUser, reply: Reply, label: str):
    button = next(b for b in reply.buttons if label.casefold() in b.label.casefold())
    return ada.sends_action(button.action)


def about(replies: list[Reply], name: str) -> Reply:
    return next(r for r in replies if name in r.text.split("\n")[0])


async def reminders(app, *where):
    async with app.sessions() as session:
        return list(await session.scalars(select(Reminder).where(*where).order_by(Reminder.id)))


async def test_the_ladder_runs_in_order_and_they_replied_stops_only_that_person(app, clock):
    ada, sender = await ready(app, clock)
    assert await app.dispatch_due() == 0  # nothing is due yet, and nothing is ever sent early
    clock.advance(hours=2)  # the first thank-you reminders (2 h after the debrief)
    assert await app.dispatch_due() == 2
    first = sender.take()
    jane, bob = about(first, "Jane Doe"), about(first, "Bob Stone")
    assert "thank-you email to Jane Doe" in jane.text and "Subject:" in jane.text
    assert {b.label for b in jane.buttons} >= {"Sent", "They replied", "Snooze 1 hour", "Skip this step", "Show draft"}

    await tap(ada, jane, "Show draft")
    assert ada.last[0].files and ada.last[0].files[0].filename.endswith(".eml")
    await tap(ada, jane, "Sent")
    assert ada.last[0].replace and "Done" in ada.text and "second email" in ada.text
    await tap(ada, jane, "Sent")  # the same button again: polite notice, nothing changes
    assert ada.last[0].notice and "already" in ada.text
    await tap(ada, bob, "They replied")
    assert "Bob Stone replied" in ada.text
    await tap(ada, bob, "Snooze")
    assert ada.last[0].notice

    # Jane's last call is cancelled (her thank-you was sent); Bob's too (he replied).
    clock.advance(days=1)
    await app.dispatch_due()
    assert not [t for t in sender.texts() if "Last call" in t]

    clock.advance(days=6)  # three business days have passed, but the decision (in two weeks) has not
    await app.dispatch_due()
    assert not [t for t in sender.texts() if "second email" in t]
    clock.advance(days=8)
    await app.dispatch_due()
    second = sender.take()
    jane2 = about(second, "Jane Doe")
    assert "second email" in jane2.text and not any("Bob" in r.text.split("\n")[0] for r in second)
    thank_you_body = jane.text.split("Subject:")[1]
    second_body = jane2.text.split("Subject:")[1]
    assert second_body != thank_you_body and len(second_body.split()) < len(thank_you_body.split())

    await tap(ada, jane2, "Snooze 1 hour")
    assert "Snoozed" in ada.text
    assert await app.dispatch_due() == 0
    clock.advance(hours=1, minutes=1)
    assert await app.dispatch_due() == 1
    jane2 = about(sender.take(), "Jane Doe")
    await tap(ada, jane2, "Sent")
    assert "call" in ada.text

    clock.advance(days=5)
    await app.dispatch_due()
    call = about(sender.take(), "Jane Doe")
    assert "+49 30 901820" in call.text and "timeline" in call.text
    await tap(ada, call, "Done")
    assert "whole ladder" in ada.text

    await ada.says("/stats")
    ada.expect("replied after the thank-you: 1", "after the call: 0")


async def test_promises_get_their_own_reminders(app, clock):
    _ada, sender = await ready(app, clock, theirs=("client case studies", "monday"))
    clock.advance(days=7)
    await app.dispatch_due()
    texts = sender.texts()
    assert any("You promised Acme" in t and "writing samples" in t for t in texts)
    assert any("promised you “client case studies”" in t for t in texts)


async def test_closing_an_interview_cancels_everything_pending(app, clock):
    ada, _sender = await ready(app, clock)
    await ada.says("/interviews")
    ada.expect("Data Engineer at Acme", "Jane Doe: thank-you email, next reminder")
    await ada.taps("Close: Acme")
    await ada.taps("Rejected")
    ada.expect("Closed", "cancelled")
    clock.advance(days=30)
    assert await app.dispatch_due() == 0
    assert all(r.state == ReminderState.CANCELLED for r in await reminders(app))
    await ada.says("/interviews")
    ada.expect("closed: rejected")


async def test_failures_are_retried_with_backoff_and_never_sent_early(app, clock):
    _ada, sender = await ready(app, clock)
    sender.fail_next = 2
    clock.advance(hours=2)
    assert await app.dispatch_due() == 0  # both attempts failed
    rows = [r for r in await reminders(app) if r.attempts]
    assert rows and all(r.state == ReminderState.SCHEDULED and r.last_error for r in rows)
    assert await app.dispatch_due() == 0  # still backing off
    clock.advance(seconds=6)
    assert await app.dispatch_due() == 2
    assert all(r.state == ReminderState.SENT for r in await reminders(app) if r.attempts)


async def test_a_blocked_user_is_paused_and_resumes_after_start(app, clock):
    ada, sender = await ready(app, clock)
    sender.blocked.add("console:ada")
    clock.advance(hours=2)
    assert await app.dispatch_due() == 0
    async with app.sessions() as session:
        assert (await session.scalar(select(User))).active is False
    clock.advance(hours=1)
    assert await app.dispatch_due() == 0  # paused: no retry loop against a blocked user
    sender.blocked.clear()
    await ada.says("/start")
    assert await app.dispatch_due() == 2


async def test_a_reminder_due_while_the_bot_was_down_is_sent_once_and_marked_late(app, clock):
    _ada, sender = await ready(app, clock)
    clock.advance(hours=5)  # the bot was offline when the first reminders fell due
    assert await app.dispatch_due() == 2
    assert all("sorry it's late" in t and "(This was due today at " in t for t in sender.texts())
    assert await app.dispatch_due() == 0
    assert len(sender.texts()) == 2


async def test_a_claim_lost_with_its_process_is_sent_again_after_the_lease(app, clock):
    _ada, _sender = await ready(app, clock)
    clock.advance(hours=2)
    claimed = await app.dispatcher.claim()  # this "process" dies before sending
    assert len(claimed) == 2
    assert await app.dispatch_due() == 0  # claimed rows are not sent twice meanwhile
    clock.advance(minutes=3)
    assert await app.dispatcher.recover() == 2
    assert await app.dispatch_due() == 2


async def test_a_claim_still_in_work_keeps_its_lease_and_its_chat_and_one_taken_back_is_not_renewed(app, clock):
    _ada, sender = await ready(app, clock)
    sender.chat_interval = 1.0  # a paced platform: the claim leases the chat too
    clock.advance(hours=2)
    dispatcher = app.dispatcher
    lease = dispatcher.lease.total_seconds()
    ids = await dispatcher.claim()
    assert len(ids) == 2
    mine, lost = await reminders(app, Reminder.id.in_(ids))
    for row in (mine, lost):  # as `Sending` holds them while it sends them (a load slows it down)
        dispatcher.claims.held[row.id] = row
    dispatcher.claims.serving.add(mine.user_id)
    async with app.sessions() as session, session.begin():  # another process took this one back and claimed it
        taken = await session.get(Reminder, lost.id)
        taken.claimed_at = clock.now - timedelta(seconds=1)
    clock.advance(seconds=lease * 0.9)
    await dispatcher.outcomes.commits.add(Renewal())
    assert mine.claimed_at == clock.now  # renewed, in the database and in the process
    assert lost.claimed_at == clock.now - timedelta(seconds=lease * 0.9)  # not this process's claim any more
    assert dispatcher.sending._lease_half_gone(lost, lost.user_id)
    assert not dispatcher.sending._lease_half_gone(mine, mine.user_id)
    clock.advance(seconds=lease * 0.5)  # 1.4 leases after the claim
    (row,) = await reminders(app, Reminder.id == mine.id)
    assert row.state == ReminderState.SENDING and row.claimed_at == mine.claimed_at
    async with app.sessions() as session:
        user = await session.get(User, mine.user_id)
    assert user.paced_until > clock.now  # no other process writes to the chat meanwhile
    assert await dispatcher.recover() == 1  # only the other process's claim, 1.4 leases old: not this one
    dispatcher.claims.held.clear()
    dispatcher.claims.serving.clear()


async def test_a_process_that_outlived_its_lease_on_a_chat_neither_frees_nor_renews_it(app, clock):
    _ada, sender = await ready(app, clock)
    sender.chat_interval = 1.0
    clock.advance(hours=2)
    dispatcher = app.dispatcher
    ids = await dispatcher.claim()
    (user_id,) = set(dispatcher.claims.chat_leases)
    dispatcher.claims.serving.add(user_id)
    theirs = clock.now + timedelta(minutes=5)
    async with app.sessions() as session, session.begin():  # this one stalled; another process took the chat
        (await session.get(User, user_id)).paced_until = theirs
    clock.advance(seconds=dispatcher.lease.total_seconds() * 0.6)
    await dispatcher.outcomes.commits.add(Renewal())
    # Its claims may still be its own, but the chat is not: it sends none of them.
    assert dispatcher.sending._lease_half_gone(Reminder(claimed_at=clock.now), user_id)
    dispatcher.claims.serving.discard(user_id)
    await dispatcher.outcomes.commits.add(Release(user_id, clock.now + timedelta(seconds=1)))
    async with app.sessions() as session:
        assert (await session.get(User, user_id)).paced_until == theirs  # still theirs, not freed by this one
    assert user_id not in dispatcher.claims.chat_leases or dispatcher.claims.chat_leases[user_id] != theirs
    # ...while a chat it still holds is renewed, then released.
    await dispatcher.claims.give_back(ids)
    async with app.sessions() as session, session.begin():
        (await session.get(User, user_id)).paced_until = None
    clock.advance(seconds=1)
    assert await dispatcher.claim() == ids
    dispatcher.claims.serving.add(user_id)
    clock.advance(seconds=dispatcher.lease.total_seconds() * 0.9)
    await dispatcher.outcomes.commits.add(Renewal())
    assert dispatcher.claims.chat_leases[user_id] == clock.now + dispatcher.lease
    dispatcher.claims.serving.discard(user_id)
    await dispatcher.outcomes.commits.add(Release(user_id, clock.now + timedelta(seconds=2)))
    async with app.sessions() as session:
        assert (await session.get(User, user_id)).paced_until == clock.now + timedelta(seconds=2)
    assert user_id not in dispatcher.claims.chat_leases


class HangingSender(RecordingSender):
    """A platform whose first send hangs (never answers) or takes `slow` seconds; the next ones go through."""

    def __init__(self, slow: float | None = None) -> None:
        super().__init__()
        self.slow, self.begun, self.started = slow, 0, asyncio.Event()

    async def deliver(self, user_key, replies) -> None:
        self.begun += 1
        if self.begun == 1:
            self.started.set()
            await (asyncio.sleep(self.slow) if self.slow else asyncio.Event().wait())
        await super().deliver(user_key, replies)


async def test_stopping_while_a_send_hangs_ends_in_time_and_each_reminder_is_sent_once(app, clock, settings):
    sender = HangingSender()
    await ready(app, clock)
    app.add_sender(sender)  # in place of the recording one: the same platform
    clock.advance(hours=2)  # the two thank-you reminders fall due, in one chat: sent one after the other
    due = [
        r.id for r in await reminders(app, Reminder.state == ReminderState.SCHEDULED, Reminder.send_after <= clock.now)
    ]
    assert len(due) == 2
    dispatch = asyncio.create_task(app.dispatch_due())
    await asyncio.wait_for(sender.started.wait(), 10)
    began = time.monotonic()
    stopping = asyncio.create_task(app.dispatcher.stop(grace=0.5))
    done, _ = await asyncio.wait({stopping}, timeout=10)  # waited for, not cancelled (that would hide a hang)
    assert done, "stop() waits for ever for a send that hangs"
    assert time.monotonic() - began < 5 and await asyncio.wait_for(dispatch, 1) == 0
    hung, untried = sorted(await reminders(app, Reminder.id.in_(due)), key=lambda r: r.state != ReminderState.SENDING)
    assert (hung.state, untried.state) == (ReminderState.SENDING, ReminderState.SCHEDULED)
    assert untried.attempts == 0 and untried.send_after <= clock.now  # never begun: claimable again at once
    assert not app.dispatcher.claims.held  # nothing renews the one given up: its lease brings it back

    # Another process: the untried one at once; the one given up (it never went out) after its lease; once each.
    other = Followup(settings, clock)
    again = RecordingSender()
    other.add_sender(again)
    try:
        assert await other.dispatch_due() == 1
        clock.advance(seconds=other.dispatcher.lease.total_seconds() + 1)
        assert await other.dispatcher.recover() == 1
        assert await other.dispatch_due() == 1
        assert await other.dispatch_due() == 0
    finally:
        await other.stop()
    assert sorted(t.split("\n")[0] for t in again.texts()) == sorted({t.split("\n")[0] for t in again.texts()}), (
        "a reminder was sent twice"
    )
    assert len(again.texts()) == 2 and not sender.sent
    assert {r.state for r in await reminders(app, Reminder.id.in_(due))} == {ReminderState.SENT}


async def test_stopping_during_a_slow_send_records_it_and_gives_the_rest_back(app, clock):
    sender = HangingSender(slow=0.3)
    await ready(app, clock)
    app.add_sender(sender)
    clock.advance(hours=2)
    due = [
        r.id for r in await reminders(app, Reminder.state == ReminderState.SCHEDULED, Reminder.send_after <= clock.now)
    ]
    dispatch = asyncio.create_task(app.dispatch_due())
    await asyncio.wait_for(sender.started.wait(), 10)
    await asyncio.wait_for(app.dispatcher.stop(grace=5), 10)
    assert await dispatch == 1 and len(sender.sent) == 1  # it went out within the grace: recorded as sent
    states = [r.state for r in await reminders(app, Reminder.id.in_(due))]
    assert sorted(states) == sorted([ReminderState.SENT, ReminderState.SCHEDULED])  # the second: not begun


async def test_upcoming_interview_reminds_before_and_invites_to_debrief_after(app, clock):
    sender = RecordingSender()
    app.add_sender(sender)
    ada = ChatUser(app)
    await onboard(ada)
    await ada.says("/upcoming")
    await ada.says("Initech")
    await ada.says("Analyst")
    await ada.says("tomorrow at 10:00")
    ada.expect("remind you an hour before")
    clock.advance(hours=19, minutes=1)  # 09:01 Berlin the next day
    assert await app.dispatch_due() == 1
    prep = sender.take()[0]
    assert "next steps" in prep.text and "mental notes" in prep.text
    clock.advance(hours=2)  # 11:01: the interview (10:00-11:00) is just over
    assert await app.dispatch_due() == 0
    clock.advance(minutes=15)
    assert await app.dispatch_due() == 1
    invite = sender.take()[0]
    await tap(ada, invite, "Debrief now")
    ada.expect("Let's debrief your interview at Initech", "Who interviewed you")


async def test_every_reminder_button_fits_and_belongs_to_its_user(app, clock):
    _ada, sender = await ready(app, clock)
    clock.advance(hours=2)
    await app.dispatch_due()
    reply = sender.take()[0]
    eve = ChatUser(app, "eve")
    await onboard(eve, "Eve")
    for button in reply.buttons:
        assert len(button.action.encode()) <= 64
        await eve.sends_action(button.action)
        assert eve.last[0].notice
    async with app.sessions() as session:
        assert all(s.state == FollowUpState.PENDING for s in await session.scalars(select(FollowUp)))
        assert all(p.replied_at is None for p in await session.scalars(select(Person)))


async def test_snooze_tomorrow_morning_respects_the_users_morning(app, clock):
    ada, sender = await ready(app, clock)
    clock.advance(hours=2)
    await app.dispatch_due()
    jane = about(sender.take(), "Jane Doe")
    await tap(ada, jane, "Tomorrow morning")
    ada.expect("tomorrow at 09:00")
    row = next(r for r in await reminders(app) if r.state == ReminderState.SCHEDULED and r.label == "first")
    assert row.send_after - clock.now < timedelta(hours=24)


async def test_incoming_event_type_is_frozen():
    import dataclasses

    event = Incoming.__dataclass_params__
    assert event.frozen and dataclasses.is_dataclass(Incoming)


async def test_a_reminder_that_failed_for_good_is_told_once_after_the_answer_to_the_next_message(app, clock):
    ada, _sender = await ready(app, clock)
    first = (await reminders(app))[0]
    async with app.sessions() as session, session.begin():
        failed = await session.get(Reminder, first.id)
        failed.state, failed.attempts, failed.failure_told = ReminderState.FAILED, 5, False
    await ada.says("/help")
    assert "I tried several times" not in ada.last[0].text  # the answer comes first
    assert "I tried several times" in ada.last[-1].text and "Jane Doe" in ada.last[-1].text
    assert (await reminders(app, Reminder.id == first.id))[0].failure_told
    await ada.says("/help")
    assert "I tried several times" not in ada.text  # told once


async def test_interviews_lists_each_interview_as_the_drafts_name_it_and_when_it_was(app, clock):
    ada = ChatUser(app)
    await onboard(ada)
    await debrief(ada, company="toss", role="data engineer", when="just now")
    await ada.taps("Write the drafts")
    await ada.says("/upcoming")
    for answer in ("statkraft", "data scientist", "tomorrow at 10"):
        await ada.says(answer)
    await ada.says("/interviews")
    assert re.search(r"1\. Data Engineer at Toss \(today at \d\d:\d\d\), following up", ada.text), ada.text
    assert "Data Scientist at Statkraft (tomorrow at 10:00), upcoming" in ada.text


async def test_a_chat_claimed_again_stays_served_when_the_batch_that_had_it_before_ends(app, clock):
    # A process serves a chat in one batch, releases it, and claims it again in a second batch while the first
    # batch is still delivering to other chats. When the first batch ends, the chat must stay "served" by the
    # second one: otherwise its lease is no longer renewed nor checked before a send, and once it lapses another
    # process takes the chat and writes to it while this one still sends (two messages closer than the interval).
    _ada, sender = await ready(app, clock)
    sender.chat_interval = 1.0
    clock.advance(hours=2)
    dispatcher = app.dispatcher
    claims = dispatcher.claims
    first = await dispatcher.claim(limit=1)
    (user_id,) = set(claims.chat_leases)
    assert user_id in claims.serving
    # The first batch is done with this chat (its other chats are still being delivered): released at once.
    claims.serving.discard(user_id)
    await dispatcher.outcomes.commits.add(Release(user_id, clock.now))
    clock.advance(seconds=1)
    second = await dispatcher.claim(limit=1)
    assert len(second) == 1 and second != first
    (row,) = await reminders(app, Reminder.id.in_(second))
    claims.held[row.id] = row
    claims.done_with(first)  # the first batch ends
    assert user_id in claims.serving  # still served by the second batch
    clock.advance(seconds=dispatcher.lease.total_seconds() * 0.6)
    await dispatcher.outcomes.commits.add(Renewal())
    assert not dispatcher.sending._lease_half_gone(row, user_id)  # its lease was renewed: it may send
    clock.advance(seconds=dispatcher.lease.total_seconds() * 0.6)  # past the lease it took with the claim
    async with app.sessions() as session:
        assert (await session.get(User, user_id)).paced_until > clock.now  # no other process can take the chat
    claims.held.clear()
    claims.done_with(second)
    assert user_id not in claims.serving
