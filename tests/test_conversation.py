"""The debrief as a user lives it, on SQLite and PostgreSQL: answers, edits, slips and restarts."""

from __future__ import annotations

import email
from email import policy

from sqlalchemy import func, select

from bot.app import Followup
from bot.common.events import MAX_ACTION_BYTES
from bot.store.models import Interview, InterviewStatus, Person, Promise, Reminder, User
from tests.support.driver import ChatUser
from tests.support.scripts import debrief, onboard


async def rows(app, model, *where):
    async with app.sessions() as session:
        return list(await session.scalars(select(model).where(*where)))


async def test_first_contact_asks_name_and_zone_then_offers_a_debrief(app):
    ada = ChatUser(app)
    await ada.says("hello")
    ada.expect("what name should I sign")
    await ada.says("Ada Lovelace")
    ada.expect("time zone")
    await ada.says("Atlantis-on-Sea")
    ada.expect("don't know the time zone")
    await ada.says("UTC+2")
    ada.expect("UTC+2", "You're all set, Ada.")  # the zone as typed, not Etc/GMT-2; her first name
    assert [b.label for b in ada.buttons][:2] == ["New debrief", "Upcoming interview"]
    user = (await rows(app, User))[0]
    assert (user.key, user.name, user.timezone) == ("console:ada", "Ada Lovelace", "Etc/GMT-2")


async def test_the_platform_zone_is_offered_and_kept_with_one_tap(app):
    ada = ChatUser(app, tz_hint="America/New_York")
    await ada.says("/new")
    ada.expect("what name")
    await ada.says("Ada")
    ada.expect("keep America/New_York")
    await ada.taps("Keep America/New_York")
    # /new was asked for before onboarding: it goes straight on to the debrief.
    ada.expect("America/New_York", "Which company")


async def test_complete_debrief_with_two_interviewers_gives_two_personal_drafts(app):
    ada = ChatUser(app)
    await onboard(ada)
    await debrief(ada)
    ada.expect("Acme <Corp> & Co", "Jane Doe", "Bob Stone", "writing samples", "I undersold my Kafka experience")
    await ada.taps("Write the drafts")
    drafts = [r for r in ada.last if r.files]
    assert len(drafts) == 2
    bodies = [r.text for r in drafts]
    assert bodies[0] != bodies[1]
    assert "Dear Jane" in bodies[0] or "Hi Jane" in bodies[0]
    assert "Bob" in bodies[1] and "Ada Lovelace" in bodies[1]
    for reply in drafts:
        message = email.message_from_bytes(reply.files[0].content, policy=policy.default)
        assert message["X-Unsent"] == "1"
        assert message["To"].addresses[0].username in {"jane", "bob"}
        assert "Data Engineer" in message["Subject"]
    ada.expect("do send them")  # encouraged after a mixed interview
    ada.expect("I'll keep you on track")
    interview = (await rows(app, Interview))[0]
    assert interview.status == InterviewStatus.ACTIVE
    assert len(await rows(app, Person)) == 2
    assert {p.what for p in await rows(app, Promise)} == {"writing samples", "client case studies"}
    # Two thank-you ladders (first reminder and last call each) plus two promises.
    assert len(await rows(app, Reminder)) >= 4


async def test_every_answer_is_stored_as_it_is_given_and_survives_a_restart(app, settings, clock):
    ada = ChatUser(app)
    await onboard(ada)
    await ada.says("/new")
    await ada.says("Acme")
    await ada.says("Data Engineer")
    await ada.says("today 11:00")
    await ada.says("Jane Doe")
    ada.expect("Jane Doe's role")
    await app.stop()

    fresh = Followup(settings, clock)  # a new process on the same database
    try:
        again = ChatUser(fresh)
        await again.says("/start")
        again.expect("continue", "Jane Doe's role")
        interview = (await rows(fresh, Interview))[0]
        assert (interview.company, interview.role) == ("Acme", "Data Engineer")
        assert [p.name for p in interview.people] == ["Jane Doe"]
    finally:
        await fresh.stop()


async def test_bad_inputs_get_specific_answers_and_lose_nothing(app):
    ada = ChatUser(app)
    await onboard(ada)
    await ada.says("/new")
    await ada.says("Acme")
    await ada.says("Data Engineer")
    await ada.says("the day after the big storm")
    ada.expect("couldn't read")
    await ada.says("2")
    ada.expect("Tell me when")
    await ada.says("tomorrow at 10:00")
    ada.expect("in the future", "/upcoming")
    await ada.says("yesterday at 3pm")
    ada.expect("Got it: yesterday at 15:00 (Europe/Berlin)")
    await ada.says("🙂🙂")
    ada.expect("at least one letter")
    await ada.says("Jane Doe")
    await ada.says("Hiring manager")
    await ada.says("jane@@acme")
    ada.expect("not a valid email address")
    await ada.says("jane@acme.example")
    await ada.says("12")
    ada.expect("not a valid phone number")
    await ada.says("x" * 10_000)
    ada.expect("too long")
    await ada.says("030 901820")  # local form, read with the user's zone (Germany)
    ada.expect("one thing you discussed with Jane Doe")
    await ada.says("x " * 30)
    ada.expect("30 words", "20 or fewer")
    await ada.says("dunno")  # no answer: nothing stored
    ada.expect("Added Jane Doe")
    await ada.says("what do you mean??")  # neither a person nor a yes or no: only the buttons make sense here
    ada.expect("tap one of the buttons")
    assert {b.label for b in ada.buttons} == {"Add another person", "That's everyone"}
    person = (await rows(app, Person))[0]
    assert (person.email, person.phone) == ("jane@acme.example", "+4930901820")
    await ada.taps("That's everyone")
    await ada.says("y" * 2001)
    ada.expect("2,001 characters", "limit is 2,000")
    await ada.says("y" * 2000)
    assert (await rows(app, Interview))[0].open_questions == "y" * 2000


async def test_unicode_and_markup_round_trip_intact(app):
    ada = ChatUser(app)
    await onboard(ada, name="Zoë Ångström-Nakamura 🌸")
    tricky = "שלום <b>bold</b> & *stars* _under_ `code` [x](y) 🎉 naïve café"
    await ada.says("/new")
    await ada.says(tricky)
    await ada.says("Engineer")
    await ada.says("just now")
    await ada.says("José Ñúñez")
    await ada.says("CTO")
    await ada.says("/skip")
    ada.expect("phone")
    await ada.says("/skip")
    await ada.says("/skip")
    await ada.taps("That's everyone")
    await ada.says(tricky)
    interview = (await rows(app, Interview))[0]
    assert interview.company == tricky and interview.open_questions == tricky
    assert (await rows(app, User))[0].name == "Zoë Ångström-Nakamura 🌸"
    assert (await rows(app, Person))[0].name == "José Ñúñez"


async def test_back_edits_the_previous_answer_and_skip_only_works_on_optional_questions(app):
    ada = ChatUser(app)
    await onboard(ada)
    await ada.says("/new")
    await ada.says("/skip")
    ada.expect("isn't optional")
    await ada.says("Acne")
    await ada.says("/back")
    ada.expect("Which company")
    await ada.says("Acme")
    ada.expect("role")
    await ada.says("/back")
    await ada.says("/back")
    ada.expect("first question")
    interview = (await rows(app, Interview))[0]
    assert interview.company == "Acme"


async def test_skip_on_a_question_with_a_nothing_button_taps_it(app):
    ada = ChatUser(app)
    await onboard(ada)
    await ada.says("/new")
    for answer in ("Acme", "Data Engineer", "just now", "Jane Doe", "/skip", "/skip", "/skip", "/skip"):
        await ada.says(answer)
    ada.expect("anyone else")
    await ada.says("/skip")  # "Was anyone else involved?": That's everyone
    ada.expect("still open")
    for answer in ("/skip", "/skip", "/skip"):
        await ada.says(answer)
    await ada.taps("Went well")
    await ada.says("/skip")  # set straight or add
    await ada.says("/skip")  # next steps
    await ada.says("/skip")  # decision: Not sure
    ada.expect("Did you promise")
    await ada.says("/skip")  # "Nothing"
    ada.expect("Did they promise")
    await ada.says("/skip")
    ada.expect("Here's your debrief", "You promised: (none)", "They promised: (none)")


async def test_summary_edits_return_to_the_summary(app):
    ada = ChatUser(app)
    await onboard(ada)
    await debrief(ada)
    await ada.taps("Company & role")
    ada.expect("Which company")
    await ada.says("Globex")
    await ada.says("Staff Engineer")
    ada.expect("Here's your debrief", "Staff Engineer at Globex")
    await ada.taps("People")
    await ada.taps("Remove Bob Stone")
    ada.expect("Removed Bob Stone")
    await ada.taps("Done")
    ada.expect("Here's your debrief")
    assert "Bob Stone" not in ada.text
    await ada.taps("Your promises")
    await ada.taps("Nothing")
    ada.expect("You promised: (none)")
    await ada.taps("Write the drafts")
    assert len([r for r in ada.last if r.files]) == 1


async def test_stale_forged_and_foreign_buttons_change_nothing(app):
    ada = ChatUser(app)
    await onboard(ada)
    await debrief(ada)
    stale = ada.button("Write the drafts").action
    await ada.taps("Company & role")
    await ada.sends_action(stale)  # from an older message
    assert ada.last[0].notice and "out of date" in ada.text
    for forged in ["", "c:1", "r:abc:d", "x" * 65, "c:99999:drafts", "i:1:o:offer", "u:1:delete", "r:1:d", "😀:1:d"]:
        await ada.sends_action(forged)
        assert ada.last and all(r.notice for r in ada.last), forged
    # Another user's reminder: refused without telling whether it exists.
    await ada.says("Globex")
    await ada.says("Staff")
    await ada.taps("Write the drafts")
    reminder = (await rows(app, Reminder))[0]
    eve = ChatUser(app, "eve")
    await onboard(eve, "Eve")
    await eve.sends_action(f"r:{reminder.id}:d")
    missing = eve.text
    await eve.sends_action("r:987654:d")
    assert eve.text == missing and eve.last[0].notice
    assert (await rows(app, Reminder, Reminder.id == reminder.id))[0].state == "scheduled"
    assert (await rows(app, Interview))[0].company == "Globex"


async def test_cancel_discards_the_unfinished_debrief(app):
    ada = ChatUser(app)
    await onboard(ada)
    await ada.says("/cancel")
    ada.expect("nothing to cancel")
    await ada.says("/new")
    await ada.says("Acme")
    await ada.says("/cancel")
    ada.expect("Stopped")
    async with app.sessions() as session:
        assert await session.scalar(select(func.count()).select_from(Interview)) == 0
    await ada.says("/help")
    ada.expect("/new", "/interviews", "/export")
    await ada.says("/frobnicate")
    ada.expect("don't know the command /frobnicate")


async def test_every_button_action_fits_telegram(app):
    ada = ChatUser(app)
    await onboard(ada)
    await debrief(ada)
    await ada.taps("Write the drafts")
    await ada.says("/interviews")
    actions = [b.action for r in ada.seen for b in r.buttons]
    assert actions and all(len(a.encode()) <= MAX_ACTION_BYTES for a in actions)


async def test_two_processes_never_lose_an_answer_of_the_same_user(settings, clock):
    import asyncio

    first, second = Followup(settings, clock), Followup(settings, clock)
    try:
        ada = ChatUser(first)
        await onboard(ada)
        await ada.says("/new")
        twin = ChatUser(second)
        # Two messages of one user reach two processes at once: one answers the company, one the role.
        await asyncio.gather(twin.says("Answer A"), ada.says("Answer B"))
        interview = (await rows(first, Interview))[0]
        assert {interview.company, interview.role} == {"Answer A", "Answer B"}
    finally:
        await first.stop()
        await second.stop()
