"""Slips seen when new users tried the bot (issue 19): each one through the real chat."""

from __future__ import annotations

import warnings

import pytest
from sqlalchemy import select

from bot.common import names, texts
from bot.conversation import fields
from bot.store.models import FollowUp, FollowUpState, Interview
from tests.support.driver import ChatUser
from tests.support.scripts import Says, debrief, onboard
from tests.test_typed_answers import PATHS, _stored, play


async def test_sent_typed_right_after_approving_a_draft_marks_that_email_sent(app):
    ada = await onboard(ChatUser(app), tz="Madrid")
    await debrief(ada, people=[("Jane Doe", "Hiring manager", "jane@acme.example", None)])
    await ada.taps("Write the drafts")
    await ada.taps("Looks good")
    await ada.says("sent it ✅")
    ada.expect("Done")
    async with app.sessions() as session:
        states = (await session.scalars(select(FollowUp.state).order_by(FollowUp.id))).all()
    assert FollowUpState.DONE in states


async def test_sent_with_two_drafts_waiting_asks_which_with_a_button_each(app):
    ada = await onboard(ChatUser(app), tz="Madrid")
    await debrief(ada)
    await ada.taps("Write the drafts")
    await ada.says("Sent")
    ada.expect("Which email did you send?")
    await ada.taps("Sent to Bob Stone")
    ada.expect("Done")


async def test_an_email_typed_at_the_greeting_question_is_the_email_not_the_greeting(app):
    ada = await onboard(ChatUser(app), tz="Madrid")
    await play(ada, PATHS["greeting"])
    await ada.says("zhang.wei@acme.example")
    ada.expect("Noted: zhang.wei@acme.example", "Zhang Wei's role")
    assert await _stored(app, "person.greeting") is None
    assert await _stored(app, "person.email") == "zhang.wei@acme.example"
    await ada.says("CTO")
    ada.expect("phone number")  # the email is not asked for again


async def test_back_after_a_promise_replaces_it_instead_of_keeping_both(app):
    ada = await onboard(ChatUser(app), tz="Madrid")
    await play(ada, PATHS["my_promise"])
    await ada.says("writing samples by Friday")
    await ada.says("that's all")
    await ada.says("/back")
    await ada.says("/back")
    ada.expect("Did you promise")
    await ada.says("a code sample by Monday")
    async with app.sessions() as session:
        interview = await session.scalar(select(Interview))
        assert [p.what for p in interview.promises] == ["a code sample"]
    await ada.says("/back")
    await ada.says("nothing")
    async with app.sessions() as session:
        interview = await session.scalar(select(Interview))
        assert interview.promises == []


async def test_looks_good_typed_after_the_buttons_came_back_approves_the_draft(app):
    ada = await onboard(ChatUser(app), tz="Madrid")
    await debrief(ada, people=[("Jane Doe", "Hiring manager", "jane@acme.example", None)])
    await ada.taps("Write the drafts")
    await ada.taps("Looks good")
    ada.expect("Looks good")  # the buttons are shown again under the approved draft
    await ada.says("looks good")
    assert "not in the middle of anything" not in ada.text
    await ada.says("sent")
    ada.expect("Done")


# ---- found in a chat read (issue 19): each for its whole shape ---------------------------------------------------


async def test_a_role_typed_at_the_greeting_question_is_the_role_and_not_asked_again(app):
    ada = await onboard(ChatUser(app), tz="Asia/Shanghai")
    await play(ada, PATHS["person"])
    await ada.says("Zhang Wei")
    ada.expect("greet them")
    await ada.says("Hiring manager")  # the greeting question read as the role question
    ada.expect("Noted: Hiring manager", "email address")
    assert await _stored(app, "person.role") == "Hiring manager"
    assert await _stored(app, "person.greeting") is None
    await ada.says("zhang.wei@acme.example")
    ada.expect("phone number")
    assert await _stored(app, "person.email") == "zhang.wei@acme.example"


async def test_a_greeting_with_a_title_or_an_offered_name_is_still_the_greeting(app):
    ada = await onboard(ChatUser(app), tz="Asia/Shanghai")
    await play(ada, PATHS["person"])
    await ada.says("Zhang Wei")
    await ada.says("Mr Zhang")
    ada.expect("Zhang Wei's role")
    assert await _stored(app, "person.greeting") == "Mr Zhang"


async def test_an_email_typed_at_the_role_question_is_the_email_and_the_role_is_asked_again(app):
    ada = await onboard(ChatUser(app), tz="Asia/Shanghai")
    await play(ada, PATHS["person"])
    await ada.says("Wang Fang")
    await ada.says("/skip")
    ada.expect("Wang Fang's role")
    await ada.says("wang.fang@acme.example")
    ada.expect("Noted: wang.fang@acme.example", "Wang Fang's role")
    assert await _stored(app, "person.role") is None
    assert await _stored(app, "person.email") == "wang.fang@acme.example"
    await ada.says("Band 6 ICU nurse")
    ada.expect("phone number")  # the email is not asked for again
    assert await _stored(app, "person.role") == "Band 6 ICU nurse"


async def test_how_it_went_typed_at_anyone_else_is_not_a_person(app):
    ada = await onboard(ChatUser(app), tz="Madrid")
    await play(ada, PATHS["person_more"])
    await ada.says("mixed")
    ada.expect("doesn't look like a person's name", "That's everyone")
    assert await _stored(app, "people") == 1
    await ada.says("Mixed Martinez")  # a capitalised name is a name
    assert await _stored(app, "people") == 2


async def test_a_role_is_said_back_as_typed_and_only_all_lower_case_is_given_capitals(app):
    ada = await onboard(ChatUser(app), tz="London")
    await ada.says("/new")
    await ada.says("St Thomas', Band 6 ICU nurse")
    ada.expect("Band 6 ICU nurse")
    assert "Nurse" not in ada.text
    await ada.says("/cancel")
    await ada.says("/new")
    await ada.says("guy's and st thomas', band 6 icu nurse")
    ada.expect("Band 6 ICU Nurse")


async def test_a_decision_answer_with_no_day_moves_on_and_is_kept_as_the_next_steps(app):
    ada = await onboard(ChatUser(app), tz="Madrid")
    await play(ada, PATHS["decision"])  # next steps skipped on the way
    await ada.says("they said hr will call")
    ada.expect("Did you promise")
    assert await _stored(app, "interview.decision_on") is None
    assert await _stored(app, "interview.next_steps") == "they said hr will call"


async def test_a_decision_answer_with_a_day_word_not_read_is_asked_again(app):
    ada = await onboard(ChatUser(app), tz="Madrid")
    await play(ada, PATHS["decision"])
    await ada.says("by the 35th")
    ada.expect("couldn't read “by the 35th” as a day")
    assert await _stored(app, "interview.next_steps") is None


async def _at_the_phone_question(app, tz: str, email: str) -> ChatUser:
    """A user in `tz` at the phone question for an interviewer whose address is `email`."""
    ada = await onboard(ChatUser(app), tz=tz)
    await play(ada, [*PATHS["email"][:-1], Says("Jane Doe"), Says("Hiring manager"), Says(email)])
    ada.expect("phone number")
    return ada


async def test_a_national_number_of_the_interviewers_country_is_read_with_its_code_and_said_back(app):
    ada = await _at_the_phone_question(app, "Asia/Shanghai", "jane@acme.de")
    await ada.says("030 12345678")  # Berlin, for a user in China: no +49 typed
    ada.expect("+49 30 12345678", "Germany")
    assert await _stored(app, "person.phone") == "+493012345678"


async def test_a_number_not_valid_anywhere_is_still_refused(app):
    ada = await _at_the_phone_question(app, "Asia/Shanghai", "jane@acme.de")
    await ada.says("12345")
    ada.expect("phone number")
    assert await _stored(app, "person.phone") is None


def test_the_comma_for_dot_question_is_the_bot_s_own_text():
    with pytest.raises(fields.Invalid) as refused:
        fields.email("ravi.kumar@apollohospitals,com")
    assert str(refused.value) == texts.EMAIL_COMMA.format(fixed="ravi.kumar@apollohospitals.com")


def test_names_are_read_without_touching_nameparsers_shared_words():
    with warnings.catch_warnings():
        warnings.simplefilter("error", DeprecationWarning)
        parsed = names.human_name("Adv. Thabo Nkosi")
    assert (parsed.title, parsed.first, parsed.last) == ("Adv.", "Thabo", "Nkosi")


async def test_a_number_of_the_users_country_and_the_interviewers_both_is_asked_about_with_a_button_each(app):
    ada = await _at_the_phone_question(app, "Africa/Johannesburg", "johan@trafik.se")
    await ada.says("070-123 45 67")  # South Africa's 070 123 4567, or Sweden's 070-123 45 67
    ada.expect("+27 70 123 4567 (South Africa)", "+46 70 123 45 67 (Sweden)")
    assert await _stored(app, "person.phone") is None
    await ada.taps("+46 70 123 45 67")
    ada.expect("One thing you discussed")
    assert await _stored(app, "person.phone") == "+46701234567"


async def test_two_people_named_in_one_line_are_taken_one_at_a_time_without_typing_the_second_again(app):
    ada = await onboard(ChatUser(app), tz="London")
    await play(ada, PATHS["person"])
    await ada.says("Maria Lopez from HR and her boss Tom Reed")
    ada.expect("One person at a time: Maria Lopez from HR first, then her boss Tom Reed")
    assert await _stored(app, "person.name") == "Maria Lopez"
    for answer in ("/skip", "/skip", "/skip", "/skip"):  # email, phone, topic (role HR given)
        if "anyone else" in ada.text.lower() or "You also named" in ada.text:
            break
        await ada.says(answer)
    ada.expect("You also named her boss Tom Reed")
    await ada.taps("Add her boss Tom Reed")
    assert await _stored(app, "people") == 2
    assert await _stored(app, "person.name") == "Tom Reed"
