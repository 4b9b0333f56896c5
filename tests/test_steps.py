"""Every open step can be acted on, and the ladder follows what the user did (issue 12), on both databases."""

from __future__ import annotations

import io
import logging

from sqlalchemy import select

from adapters.console.chat import ConsoleChat
from bot.common.events import Reply
from bot.drafts import later as later_emails
from bot.drafts import thank_you as ty
from bot.followups.kinds import KINDS, FollowUpView
from bot.service.logs import setup_logging
from bot.store.models import (
    FollowUp,
    FollowUpKind,
    FollowUpState,
    Interview,
    Person,
    Promise,
    Reminder,
    ReminderState,
    User,
)
from tests.support.driver import ChatUser
from tests.support.recording import RecordingSender
from tests.support.scripts import debrief, onboard


async def ready(app, **answers):
    sender = RecordingSender()
    app.add_sender(sender)
    ada = ChatUser(app)
    await onboard(ada)
    await debrief(ada, **answers)
    await ada.taps("Write the drafts")
    return ada, sender


def reply_about(replies: list[Reply], start: str) -> Reply:
    return next(r for r in replies if start in r.text.split("\n")[0])


async def tap_on(ada: ChatUser, start: str, label: str) -> ChatUser:
    """Tap `label` on the message (of the bot's last answer) that starts with `start`."""
    reply = next(r for r in ada.last if r.text.startswith(start))
    button = next(b for b in reply.buttons if b.label.casefold().startswith(label.casefold()))
    return await ada.sends_action(button.action)


async def rows(app, model, *where):
    async with app.sessions() as session:
        return list(await session.scalars(select(model).where(*where).order_by(model.id)))


async def follow_ups_of(app, name: str) -> list[FollowUp]:
    person = (await rows(app, Person, Person.name == name))[0]
    return await rows(app, FollowUp, FollowUp.person_id == person.id)


def test_the_kinds_table_covers_every_kind_once_with_its_words_and_buttons():
    assert set(KINDS) == set(FollowUpKind)
    assert len({spec.words for spec in KINDS.values()}) == len(KINDS)
    ladder = [FollowUpKind.THANK_YOU]
    while KINDS[ladder[-1]].next_rung is not None:
        ladder.append(KINDS[ladder[-1]].next_rung)
    assert ladder == [FollowUpKind.THANK_YOU, FollowUpKind.SECOND_EMAIL, FollowUpKind.CALL]
    assert KINDS[FollowUpKind.FIRST_EMAIL].next_rung == FollowUpKind.CALL
    assert KINDS[FollowUpKind.THANK_YOU].label("d") == "Sent" and KINDS[FollowUpKind.CALL].label("d") == "Done"


async def test_interviews_acts_on_a_step_whose_reminder_message_is_long_gone(app, clock):
    ada, sender = await ready(app)
    clock.advance(hours=2)
    assert await app.dispatch_due() == 2
    sender.take()  # the reminder messages scroll away; only /interviews is left
    await ada.says("/start")
    await ada.says("/interviews")
    # Each reminder went out and its message is gone; the last call is still planned.
    ada.expect("Jane Doe: thank-you email, next reminder tomorrow", "Bob Stone: thank-you email")
    jane = reply_about(ada.last, "Jane Doe")
    assert [b.label for b in jane.buttons] == [
        "Sent",
        "They replied",
        "Snooze 1 hour",
        "Tomorrow morning",
        "Skip this step",
        "Show draft",
        "Edit details: Jane Doe",
    ]
    await tap_on(ada, "Bob Stone", "Show draft")
    assert ada.last[0].files and "Bob" in ada.text
    await ada.says("/interviews")
    await tap_on(ada, "Jane Doe", "Sent")
    assert not ada.last[0].replace  # a new message: the overview stays as it was
    ada.expect("Done", "second email")
    thank_you, second = await follow_ups_of(app, "Jane Doe")
    assert thank_you.state == FollowUpState.DONE and second.kind == FollowUpKind.SECOND_EMAIL
    assert {r.state for r in await rows(app, Reminder, Reminder.follow_up_id == thank_you.id)} <= {
        ReminderState.DONE,
        ReminderState.CANCELLED,
    }
    # The same button again is stale; the step it named is closed.
    await ada.sends_action(jane.buttons[0].action)
    assert ada.last[0].notice and "already" in ada.text


async def test_they_replied_works_after_the_last_rung_and_counts_in_stats(app, clock):
    ada, _ = await ready(app)
    for step, label in (("thank-you", "Sent"), ("second email", "Sent"), ("phone call", "Done")):
        await ada.says("/interviews")
        ada.expect(f"Jane Doe: {step}")
        await tap_on(ada, "Jane Doe", label)
    ada.expect("whole ladder for Jane Doe", "/interviews")
    await ada.says("/interviews")
    ada.expect("Jane Doe: nothing pending")
    await tap_on(ada, "Jane Doe", "They replied")
    ada.expect("Jane Doe replied")
    await ada.says("/interviews")
    ada.expect("Jane Doe: replied ✅", "Bob Stone: thank-you email")
    await ada.says("/stats")
    ada.expect("(1 interview, 2 people)", "replied after the call: 1", "still waiting: 1")


async def test_closing_settles_the_stats_and_a_late_reply_still_counts(app, clock):
    ada, _ = await ready(app)
    await ada.says("/interviews")
    await ada.taps("Close: Acme")
    await ada.taps("Rejected")
    ada.expect("4 pending follow-ups cancelled")
    await ada.says("/stats")
    ada.expect("still waiting: 0", "Closed interviews: 1")
    await ada.says("/interviews")
    ada.expect("Bob Stone: interview closed")
    await tap_on(ada, "Bob Stone", "They replied")
    await ada.says("/stats")
    ada.expect("replied after the thank-you: 1")


async def test_skipping_the_thank_you_asks_and_a_kept_step_is_a_first_email(app, clock):
    ada, sender = await ready(app)
    clock.advance(hours=2)
    await app.dispatch_due()
    first = sender.take()
    jane = reply_about(first, "Time to send your thank-you email to Jane")
    bob = reply_about(first, "Time to send your thank-you email to Bob")
    await ada.sends_action(next(b.action for b in jane.buttons if b.label == "Skip this step"))
    ada.expect("Skip the thank-you to Jane Doe?")
    assert (await follow_ups_of(app, "Jane Doe"))[0].state == FollowUpState.PENDING  # nothing changed yet
    await tap_on(ada, "Time to send", "Keep the next step")  # on the reminder, updated in place
    ada.expect("Skipped", "first email")
    await ada.sends_action(next(b.action for b in bob.buttons if b.label == "Skip this step"))
    await tap_on(ada, "Time to send", "Drop Bob Stone")
    ada.expect("No more follow-ups for Bob Stone")
    assert [f.kind for f in await follow_ups_of(app, "Bob Stone")] == [FollowUpKind.THANK_YOU]

    clock.advance(days=20)  # past the decision too
    await app.dispatch_due()
    later = [r for r in sender.take() if "Jane" in r.text or "Bob" in r.text]
    assert len(later) == 1 and "first email" in later[0].text and "Jane Doe" in later[0].text
    assert "follow up on" not in later[0].text.casefold() and "Thank you again for your time" in later[0].text


async def test_a_promise_due_today_is_reminded_right_away_once_the_morning_has_passed(app, clock):
    # 14:00 in Berlin: 09:00 has passed, so "today" is now, not tomorrow morning (when it is late).
    await ready(app, mine=("writing samples", "today"))
    (promised,) = await rows(app, FollowUp, FollowUp.kind == FollowUpKind.SEND_PROMISED)
    (reminder,) = await rows(app, Reminder, Reminder.follow_up_id == promised.id)
    assert reminder.send_after == clock.now


async def test_snoozing_past_the_deadline_says_so_and_offers_the_last_safe_time(app, clock):
    # The interview was at 09:00 Berlin: "tomorrow morning" (09:00) is the 24-hour deadline itself.
    ada, sender = await ready(app, when="today 9:00")
    clock.advance(hours=2)
    await app.dispatch_due()
    jane = reply_about(sender.take(), "Time to send your thank-you email to Jane")
    await ada.sends_action(next(b.action for b in jane.buttons if b.label == "Tomorrow morning"))
    ada.expect("after the deadline", "last safe time", "today at 20:45")
    await tap_on(ada, "That's after the deadline", "Remind me today at 20:45")
    ada.expect("Snoozed", "today at 20:45")
    thank_you = (await follow_ups_of(app, "Jane Doe"))[0]
    due = min(r.send_after for r in await rows(app, Reminder, Reminder.follow_up_id == thank_you.id))
    assert due < thank_you.deadline


async def test_the_chase_reminder_names_who_promised_and_offers_a_polite_draft(app, clock):
    ada, sender = await ready(app, theirs=("client case studies", None), promised_by="Bob Stone")
    (promise,) = await rows(app, Promise, Promise.mine.is_(False))
    bob = (await rows(app, Person, Person.name == "Bob Stone"))[0]
    assert promise.person_id == bob.id
    clock.advance(days=6)
    await app.dispatch_due()
    chase = reply_about(sender.take(), "Bob Stone (Acme")
    assert "client case studies" in chase.text and "Could you let me know" in chase.text
    await ada.sends_action(next(b.action for b in chase.buttons if b.label == "Show draft"))
    assert ada.last[0].files and "bob@" in ada.text


async def test_chase_email_is_two_polite_lines_and_stores_nothing(app, clock):
    await ready(app)
    async with app.sessions() as session:
        interview = (await session.scalars(select(Interview))).one()
        promise = next(p for p in interview.promises if not p.mine)
        draft = later_emails.chase_email(interview, promise, interview.people[0], "Ada", "Europe/Berlin", clock.now)
        unsure = later_emails.chase_email(interview, promise, None, "Ada", "Europe/Berlin", clock.now)
        assert not session.dirty and not session.new
    greeting, ask, signoff = draft.body.split("\n\n")
    assert "Jane" in greeting and len(ask.split("\n")) == 2 and "client case studies" in ask
    assert signoff.endswith("Ada") and draft.to_email == "jane@acme.example"
    assert unsure.body.startswith("Hello,") and unsure.to_email is None


async def test_a_tap_writes_only_the_tapped_persons_draft(app, clock, monkeypatch):
    ada, sender = await ready(app)
    clock.advance(hours=2)
    await app.dispatch_due()
    bob = reply_about(sender.take(), "Time to send your thank-you email to Bob")
    # The next day: the drafts the debrief wrote (and kept) said "today", so they are written again.
    clock.advance(days=1)
    written = []
    original = ty._thank_you
    monkeypatch.setattr(ty, "_thank_you", lambda *a, **k: written.append(a[1].name) or original(*a, **k))
    await ada.sends_action(next(b.action for b in bob.buttons if b.label == "Snooze 1 hour"))
    ada.expect("Snoozed")
    assert "Jane Doe" in written[:1] and written.count("Bob Stone") == 1  # Bob's, after Jane's (unique)
    written.clear()
    async with app.sessions() as session:
        user = (await session.scalars(select(User))).one()
        interview = (await session.scalars(select(Interview))).one()
        follow_up = (await session.scalars(select(FollowUp).where(FollowUp.person_id == interview.people[0].id))).one()
        FollowUpView(follow_up, interview, user, clock.now).text()
    assert written == ["Jane Doe"]  # the first person's draft needs no one else's


async def test_console_reminders_arriving_together_each_keep_their_own_buttons(app, clock, tmp_path):
    ada = ChatUser(app)  # the same user as the terminal chat below ("console:ada")
    await onboard(ada)
    await debrief(ada)
    await ada.taps("Write the drafts")
    out = io.StringIO()
    chat = ConsoleChat(app, "ada", out=out, drafts_dir=tmp_path / "drafts")
    app.add_sender(chat)
    clock.advance(hours=2)
    assert await app.dispatch_due() == 2
    shown = out.getvalue()
    assert "[r1.1] Sent" in shown and "[r2.1] Sent" in shown and "[1] Sent" not in shown
    first = "Jane Doe" if shown.index("Jane Doe") < shown.index("Bob Stone") else "Bob Stone"
    other = "Bob Stone" if first == "Jane Doe" else "Jane Doe"

    await chat.send("/interviews")  # another command in between: the reminders' buttons stay
    mark = len(out.getvalue())
    await chat.send("Sent")  # on both reminders (and on /interviews' steps): the bot asks which
    assert "Which one?" in out.getvalue()[mark:] and "r1.1" in out.getvalue()[mark:]
    await chat.send("r1.1")
    thank_you = (await follow_ups_of(app, first))[0]
    assert thank_you.state == FollowUpState.DONE
    assert (await follow_ups_of(app, other))[0].state == FollowUpState.PENDING
    await chat.send("r2.2")  # They replied, on the other reminder
    assert "r2" not in chat.groups and "r1" not in chat.groups
    person = (await rows(app, Person, Person.name == other))[0]
    assert person.replied_at is not None


def test_logs_go_to_the_log_file_not_between_chat_lines(tmp_path, capsys):
    log_file = tmp_path / "followup.log"
    try:
        setup_logging("INFO", quiet=True, file=log_file)
        logging.getLogger("apscheduler.executors").warning("Run time of job was missed by 0:00:01")
    finally:
        setup_logging("INFO")
    captured = capsys.readouterr()
    assert "missed" not in captured.out and "missed" not in captured.err
    assert "level=warning logger=apscheduler.executors" in log_file.read_text()


async def test_the_chase_draft_can_be_edited_and_the_next_look_shows_the_edit(app, clock):
    ada, sender = await ready(app, theirs=("client case studies", None), promised_by="Bob Stone")
    clock.advance(days=6)
    await app.dispatch_due()
    chase = reply_about(sender.take(), "Bob Stone (Acme")
    await ada.sends_action(next(b.action for b in chase.buttons if b.label == "Show draft"))
    shown = ada.last[0]
    assert {"Looks good", "Edit"} <= {b.label for b in shown.buttons}  # the same buttons as the other drafts
    await ada.sends_action(next(b.action for b in shown.buttons if b.label == "Edit"))
    await ada.says("Hi Bob,\n\nCould you send the client case studies when you have a moment?\n\nThanks,\nAda")
    await ada.sends_action(next(b.action for b in chase.buttons if b.label == "Show draft"))
    assert "when you have a moment" in ada.text and "bob@" in ada.text


async def test_another_version_of_the_chase_is_worded_differently_and_stays(app, clock):
    ada, sender = await ready(app, theirs=("client case studies", None), promised_by="Bob Stone")
    clock.advance(days=6)
    await app.dispatch_due()
    chase = reply_about(sender.take(), "Bob Stone (Acme")
    await ada.sends_action(next(b.action for b in chase.buttons if b.label == "Show draft"))

    def email_of(replies) -> str:  # the draft as written, without the words around it
        text = next(r for r in replies if r.files).text
        return text[text.index("To: ") :]

    seen = [email_of(ada.last)]
    for _ in range(2):
        await ada.sends_action(next(b.action for b in ada.last[0].buttons if b.label == "Another version"))
        other = email_of(ada.last)
        assert other not in seen and "client case studies" in other and "bob@" in other
        seen.append(other)
    await ada.sends_action(next(b.action for b in chase.buttons if b.label == "Show draft"))
    assert email_of(ada.last) == seen[-1]  # the version picked is the one kept
