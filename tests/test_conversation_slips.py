"""Slips seen when new users tried the bot (issue 19): each one through the real chat."""

from __future__ import annotations

from sqlalchemy import select

from bot.store.models import FollowUp, FollowUpState, Interview
from tests.support.driver import ChatUser
from tests.support.scripts import debrief, onboard
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


async def test_an_email_typed_at_the_greeting_question_is_not_the_greeting(app):
    ada = await onboard(ChatUser(app), tz="Madrid")
    await play(ada, PATHS["greeting"])
    await ada.says("zhang.wei@acme.example")
    ada.expect("email address")
    assert await _stored(app, "person.greeting") is None


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
