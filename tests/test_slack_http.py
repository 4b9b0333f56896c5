"""End to end over real HTTP: signed Slack requests into the Bolt endpoint, the real core, a fake Web API."""

from __future__ import annotations

import asyncio
import itertools
import json
import logging
import time

import aiohttp
import pytest
from sqlalchemy import select

from adapters.slack.bot import SlackBot
from adapters.slack.run import SlackSetupError, start_http
from bot.app import Followup
from bot.common.clock import FakeClock
from bot.common.events import DeliveryError, UserUnreachable
from bot.store.models import Reminder, ReminderState, User
from tests.support.fake_slack import (
    START,
    FakeSlack,
    RunningSlack,
    SlackUser,
    mailto,
    running_slack,
    settings_for,
    unescape,
)
from tests.support.scripts import PEOPLE
from tests.support.scripts import debrief as shared_debrief
from tests.support.scripts import onboard as shared_onboard


@pytest.fixture
async def fake():
    fake = await FakeSlack().start()
    fake.users["U2"] = {"id": "U2", "name": "bob", "tz": "America/New_York", "real_name": "Bob", "profile": {}}
    yield fake
    await fake.stop()


@pytest.fixture
async def slack(fake, tmp_path):
    async with running_slack(fake, tmp_path) as bot:
        yield bot


async def onboard(ada: SlackUser) -> None:
    (await ada.says("hi")).expect("what name")
    (await ada.says("Ada")).expect("time zone", "Europe/Berlin")  # from users.info
    (await ada.taps("Keep Europe/Berlin")).expect("Europe/Berlin", "all set")


async def debrief(ada: SlackUser) -> None:
    """A complete debrief with two interviewers, typed and tapped as a person would in Slack."""
    # From a channel: the answer comes privately, in the DM.
    (await ada.commands("new", channel="C1")).expect("Which company")
    assert "direct messages" in ada.fake.responses[-1]["text"]
    assert ada.fake.responses[-1]["response_type"] == "ephemeral"
    (await ada.says("Acme & Sons")).expect("role")
    (await ada.says("Backend engineer")).expect("When was the interview")
    (await ada.says("today 10:00")).expect("today at 10:00", "Who interviewed you")
    (await ada.says("Jane Doe")).expect("Jane Doe's role")
    (await ada.says("CTO")).expect("email")
    # Slack auto-links a typed address; the core must get the plain address.
    (await ada.says(mailto("jane@acme.com"), wire=True)).expect("phone")
    # Slack keeps a typed "/skip" for itself: the bot's hint says /followup skip, and that works.
    assert "/followup skip" in ada.said
    (await ada.commands("skip")).expect("one thing you discussed with Jane Doe")
    (await ada.commands("skip")).expect("Added Jane Doe", "anyone else")
    (await ada.taps("Add another person")).expect("name")
    (await ada.says("Omar Haddad")).expect("role")
    (await ada.says("Team lead")).expect("email")
    (await ada.says("omar@acme.com")).expect("phone")
    (await ada.says("+49 30 1234567")).expect("one thing you discussed")
    (await ada.says("How the team runs on-call")).expect("Added Omar Haddad")
    (await ada.taps("That's everyone")).expect("still open")
    (await ada.says("How on-call works")).expect("challenges")
    (await ada.says("Scaling the payments API & <legacy> code")).expect("why")
    (await ada.says("I rebuilt one at Foo")).expect("how did it go")
    (await ada.taps("Mixed")).expect("set straight")
    (await ada.says("I undersold my Go experience")).expect("next steps")
    (await ada.says("A second round next week")).expect("decide")
    (await ada.taps("Not sure")).expect("promise")
    (await ada.says("writing samples")).expect("By when")
    (await ada.says("Thursday")).expect("Anything else")
    (await ada.taps("That's all")).expect("Did they promise")
    (await ada.taps("Nothing")).expect("Here's your debrief", "Jane Doe", "Omar Haddad")
    # The user's characters come back intact (escaped for mrkdwn on the wire).
    assert "Scaling the payments API & <legacy> code" in ada.said
    assert "&amp; &lt;legacy&gt;" in ada.new[-1].section_text
    (await ada.taps("Write the drafts")).expect("thank-you", "Dear Jane", "Omar", "keep you on track")


async def test_a_complete_debrief_by_dm_yields_two_drafts_and_two_eml_files(slack: RunningSlack):
    await onboard(slack.ada)
    await debrief(slack.ada)
    fake = slack.fake

    # Every tapped question was updated in place: the choice shown, its buttons gone.
    tapped = [m for m in fake.messages("DU1") if m.updates]
    assert len(tapped) >= 6
    assert all(not m.buttons and "→" in m.section_text for m in tapped)
    # One .eml per interviewer, as drafts mail programs open.
    emls = [content.decode() for content in fake.uploads.values()]
    assert len(emls) == 2
    assert any("To: Jane Doe <jane@acme.com>" in e for e in emls)
    assert any("To: Omar Haddad <omar@acme.com>" in e for e in emls)
    assert all("X-Unsent: 1" in e for e in emls)
    names = {c.args["files"][0]["title"] for c in fake.called("files.completeUploadExternal")}
    assert all(n.endswith(".eml") for n in names)
    assert {c.args["channel_id"] for c in fake.called("files.completeUploadExternal")} == {"DU1"}
    # users.info was asked once, on first contact; every call used the bot token; Slack refused nothing.
    assert len(fake.called("users.info")) == 1
    assert {c.token for c in fake.calls} == {"xoxb-test"}
    assert fake.errors == []


async def test_the_shared_scripts_run_unchanged_over_slack(slack: RunningSlack):
    """tests/support/scripts.py's onboarding and debrief, as the core's driver plays them, end to end over Slack."""
    await shared_onboard(slack.ada)
    await shared_debrief(slack.ada)
    (await slack.ada.taps("Write the drafts")).expect(*(name.split()[0] for name, *_ in PEOPLE))
    assert len(slack.fake.uploads) == len(PEOPLE)
    assert slack.fake.errors == []


async def test_reminders_arrive_in_the_dm_and_their_buttons_update_the_message(slack: RunningSlack):
    await onboard(slack.ada)
    await debrief(slack.ada)
    fake, ada = slack.fake, slack.ada
    before = len(fake.messages("DU1"))

    slack.clock.advance(hours=2)
    assert await slack.app.dispatch_due() >= 2
    reminders = [m for m in fake.messages("DU1")[before:] if "thank-you" in unescape(m.section_text).lower()]
    assert len(reminders) == 2
    jane = next(m for m in reminders if "Jane" in m.section_text)
    assert any(label.lower().startswith("sent") for label in jane.labels)

    sent_label = next(label for label in jane.labels if label.lower().startswith("sent"))
    stale_button = jane.button(sent_label)
    await ada.taps(sent_label, jane)
    assert jane.updates == 1  # the same message now shows the new state...
    assert sent_label not in jane.labels  # ...without the button that was tapped
    text_after = jane.section_text

    # Tapping the old button again (a second device, a slow client) changes nothing; a private notice says so.
    await slack.side.click("U1", jane, stale_button)
    await slack.bot.drain()
    assert jane.section_text == text_after
    assert jane.updates == 1
    assert fake.ephemeral
    assert fake.ephemeral[-1]["user"] == "U1"
    assert fake.ephemeral[-1]["channel"] == "DU1"
    assert fake.errors == []


async def test_the_reminder_ladder_with_shortened_timings(fake, tmp_path):
    timings = {"FOLLOWUP_SECOND_EMAIL_AFTER": "20s", "FOLLOWUP_CALL_AFTER": "20s"}
    async with running_slack(fake, tmp_path, **timings) as slack:
        ada = slack.ada
        await onboard(ada)
        await debrief(ada)

        async def due(seconds: float) -> list:
            before = len(fake.messages("DU1"))
            slack.clock.advance(seconds=seconds)
            await slack.app.dispatch_due()
            return fake.messages("DU1")[before:]

        def about(messages, name):
            return next(m for m in messages if name in m.section_text)

        thank_yous = await due(2 * 3600)
        await ada.taps("Sent", about(thank_yous, "Jane Doe"))
        await ada.taps("Sent", about(thank_yous, "Omar Haddad"))

        second = await due(21)
        assert len(second) == 2
        jane = about(second, "Jane Doe")
        assert "They replied" in jane.labels
        assert jane.section_text != about(thank_yous, "Jane Doe").section_text  # a new, shorter draft
        await ada.taps("They replied", jane)
        assert "replied" in unescape(jane.section_text)
        assert jane.buttons == []  # updated in place, no button left to tap twice
        await ada.taps("Sent", about(second, "Omar Haddad"))

        calls = await due(21)
        assert len(calls) == 1  # only Omar: Jane's ladder stopped when she replied
        assert "Omar Haddad" in calls[0].section_text
        assert "+49" in calls[0].section_text  # the call reminder carries his number
        later = await due(3 * 24 * 3600)  # whatever else is due by then (the promise), nothing about Jane
        assert all("Jane" not in m.section_text for m in later)

        await slack.side.home_opened("U1")
        await slack.bot.drain()
        home = "\n".join(unescape(b["text"]["text"]) for b in fake.homes["U1"]["blocks"] if b.get("type") == "section")
        assert "Jane Doe: replied" in home
        assert fake.errors == []


async def test_app_home_shows_the_pipeline_and_is_refreshed_after_every_change(slack: RunningSlack):
    fake, ada = slack.fake, slack.ada
    status, _, _ = await slack.side.home_opened("U1")
    assert status == 200
    await slack.bot.drain()
    assert "U1" in fake.homes
    publishes = len(fake.called("views.publish"))

    await onboard(ada)
    assert len(fake.called("views.publish")) > publishes  # refreshed after the turns
    await debrief(ada)
    home = fake.homes["U1"]
    text = "\n".join(unescape(b["text"]["text"]) for b in home["blocks"] if b.get("type") == "section")
    assert "Backend Engineer at Acme & Sons" in text
    assert "Jane Doe" in text
    assert "Omar Haddad" in text

    # The Home's own buttons: a chat debrief starts in the DM; the form opens as a modal.
    start = next(b for b in home["blocks"] if b.get("block_id") == "home-start")
    chat_button, form_button = start["elements"]
    await slack.side.click("U1", None, chat_button, in_home=True)
    await slack.bot.drain()
    assert "Which company" in unescape(fake.last("DU1").section_text)
    await slack.side.click("U1", None, form_button, in_home=True)
    await slack.bot.drain()
    assert fake.modals
    assert fake.modals[-1]["callback_id"] == "followup_debrief"
    assert fake.errors == []


async def test_slash_command_in_the_dm_answers_there_without_a_pointer(slack: RunningSlack):
    await onboard(slack.ada)
    (await slack.ada.commands("help")).expect("/followup new")
    assert slack.fake.responses == []
    (await slack.ada.commands("interviews")).expect("No interviews yet")


async def test_slash_form_opens_the_debrief_modal(slack: RunningSlack):
    status, _, _ = await slack.side.command("U1", "form")
    assert status == 200
    await slack.bot.drain()
    [view] = slack.fake.modals
    assert [b["block_id"] for b in view["blocks"]][:3] == ["company", "role", "when"]


async def test_a_complete_debrief_by_modal(slack: RunningSlack):
    await onboard(slack.ada)
    await slack.side.command("U1", "form")
    await slack.bot.drain()
    view = slack.fake.modals[-1]
    values = {
        "company": "Acme",
        "role": "Backend engineer",
        "when": "today 10:00",
        "people": "Jane Doe, CTO, jane@acme.com\nOmar Haddad, Team lead, omar@acme.com, +49 30 1234567",
        "challenges": "Scaling the payments API",
        "why_me": "I rebuilt one at Foo",
        "assessment": "well",
        "next_steps": "A second round",
        "decision": "not sure",
        "my_promises": "writing samples by Friday",
    }
    # A wrong email is shown on the form, which stays open.
    bad = {**values, "people": "Jane Doe, CTO, not-an-email"}
    status, body, took = await slack.side.submit("U1", view, bad)
    assert status == 200
    assert took < 3
    answer = json.loads(body)
    assert answer["response_action"] == "errors"
    assert "people" in answer["errors"]

    status, body, _ = await slack.side.submit("U1", view, values)
    assert status == 200
    assert body in ("", "{}") or json.loads(body).get("response_action") != "errors"
    await slack.bot.drain()
    said = "\n".join(unescape(m.section_text) for m in slack.fake.messages("DU1"))
    assert "Dear Jane" in said
    assert "Omar" in said
    assert "keep you on track" in said
    assert len(slack.fake.uploads) == 2
    assert slack.fake.errors == []


async def test_a_modal_debrief_without_promises(slack: RunningSlack):
    await onboard(slack.ada)
    await slack.side.command("U1", "form")
    await slack.bot.drain()
    values = {
        "company": "Acme",
        "role": "Engineer",
        "when": "today 10:00",
        "people": "Jane Doe, CTO, jane@acme.com",
        "challenges": "Scaling",
        "why_me": "Did it before",
        "assessment": "well",
    }
    status, body, _ = await slack.side.submit("U1", slack.fake.modals[-1], values)
    assert status == 200
    assert "errors" not in body
    await slack.bot.drain()
    assert "Dear Jane" in "\n".join(unescape(m.section_text) for m in slack.fake.messages("DU1"))


# Robustness ---------------------------------------------------------------------------------------


async def test_a_bad_signature_gets_401_and_changes_nothing(slack: RunningSlack):
    status, _, _ = await slack.side.dm("U1", "Ada", secret="not-the-secret")
    assert status == 401
    body = json.dumps(slack.side.event_body(slack.side.dm_event("U1", "Ada")))
    async with (
        aiohttp.ClientSession() as session,
        session.post(slack.side.endpoint, data=body, headers={"Content-Type": "application/json"}) as response,
    ):
        assert response.status == 401  # no signature at all
    await slack.bot.drain()
    assert slack.fake.called("chat.postMessage") == []
    assert await slack.count(User) == 0


async def test_a_request_older_than_five_minutes_gets_401_even_if_signed(slack: RunningSlack):
    stale = int(time.time()) - 6 * 60
    status, _, _ = await slack.side.dm("U1", "Ada", timestamp=stale)
    assert status == 401
    status, _, _ = await slack.side.command("U1", "new", timestamp=stale)
    assert status == 401
    await slack.bot.drain()
    assert slack.fake.called("chat.postMessage") == []
    assert await slack.count(User) == 0


async def test_an_event_redelivered_by_slack_is_handled_once(slack: RunningSlack):
    event = slack.side.dm_event("U1", "hi")
    first = await slack.side.event(event, event_id="EvSAME")
    await slack.bot.drain()
    answered = len(slack.fake.called("chat.postMessage"))
    assert answered >= 1
    again = await slack.side.event(event, event_id="EvSAME", retry_num=1)
    third = await slack.side.event(event, event_id="EvSAME", retry_num=2)
    assert [first[0], again[0], third[0]] == [200, 200, 200]
    await slack.bot.drain()
    assert len(slack.fake.called("chat.postMessage")) == answered
    # Had the retry been handled, "hi" would have been taken as the user's name.
    (await slack.ada.says("Ada")).expect("time zone")


async def test_a_click_delivered_twice_is_handled_once(slack: RunningSlack):
    """An interaction Slack delivers again (Socket Mode redelivers an envelope it thinks was lost) carries the
    same trigger_id: one turn, and the replay gets no second answer."""
    await slack.side.home_opened("U1")
    await slack.bot.drain()
    await onboard(slack.ada)
    start = next(b for b in slack.fake.homes["U1"]["blocks"] if b.get("block_id") == "home-start")
    click = slack.side.click_payload("U1", None, start["elements"][0], in_home=True)  # "Debrief by chat"
    assert (await slack.side.interactive(click))[0] == 200
    await slack.bot.drain()
    answered = len(slack.fake.called("chat.postMessage"))
    assert "Which company" in unescape(slack.fake.last("DU1").section_text)
    assert (await slack.side.interactive(click))[0] == 200
    await slack.bot.drain()
    assert len(slack.fake.called("chat.postMessage")) == answered  # not "Let's finish this first"
    (await slack.ada.says("Acme")).expect("role")


async def test_requests_are_acknowledged_before_the_work_is_done(slack: RunningSlack, monkeypatch):
    release = asyncio.Event()
    handle = slack.app.handle

    async def slow_handle(event):
        await release.wait()  # the core is slow (a busy database, say)
        return await handle(event)

    monkeypatch.setattr(slack.app, "handle", slow_handle)
    status, _, took = await slack.side.dm("U1", "hi")
    assert status == 200
    assert took < 3
    assert slack.fake.called("chat.postMessage") == []  # acknowledged, not yet answered
    release.set()
    await slack.bot.drain()
    assert "what name" in slack.fake.last("DU1").section_text


async def test_a_429_on_post_message_is_waited_out_and_the_reply_still_arrives(slack: RunningSlack):
    slack.fake.fail("chat.postMessage", 429, retry_after=4)
    started = slack.clock.now
    (await slack.ada.says("hi")).expect("what name")
    assert (slack.clock.now - started).total_seconds() == pytest.approx(4)  # Retry-After waited out, once
    attempts = slack.fake.called("chat.postMessage")
    assert len(attempts) == len(slack.fake.messages("DU1")) + 1  # one refused, then all accepted
    assert attempts[0].args["text"] == attempts[1].args["text"]  # the refused one was sent again, first


async def test_a_reminder_hit_by_429_is_retried_later_not_lost_or_doubled(slack: RunningSlack):
    await onboard(slack.ada)
    await debrief(slack.ada)
    slack.clock.advance(hours=2)
    slack.fake.fail("chat.postMessage", 429, retry_after=30, times=1)
    before = len(slack.fake.called("chat.postMessage"))
    # Both reminders go to the same DM: the first is refused, the second not even tried.
    assert await slack.app.dispatch_due() == 0
    async with slack.app.sessions() as session:
        waiting = (await session.scalars(select(Reminder).where(Reminder.last_error.is_not(None)))).all()
    assert len(waiting) == 2
    assert all(r.state == ReminderState.SCHEDULED for r in waiting)
    assert len(slack.fake.called("chat.postMessage")) == before + 1
    assert await slack.app.dispatch_due() == 0  # not before Retry-After
    slack.clock.advance(seconds=31)
    assert await slack.app.dispatch_due() == 2
    posted = slack.fake.called("chat.postMessage")[before:]
    assert len(posted) == 3  # two accepted, plus the one refused attempt
    assert len({c.args["text"] for c in posted[1:]}) == 2  # each reminder once


async def test_deliver_raises_delivery_error_on_5xx_and_unreachable_for_a_gone_user(slack: RunningSlack):
    from bot.common.events import Reply

    slack.fake.fail("chat.postMessage", 503, times=3)  # the client retries twice by itself
    with pytest.raises(DeliveryError) as failure:
        await slack.bot.sender.deliver("slack:T1:U1", [Reply("hello")])
    assert not isinstance(failure.value, UserUnreachable)
    slack.fake.fail("chat.postMessage", 429, retry_after=12, times=1)
    with pytest.raises(DeliveryError) as limited:
        await slack.bot.sender.deliver("slack:T1:U1", [Reply("hello")])
    assert limited.value.retry_after == 12
    # Within the Retry-After nothing is even tried; afterwards it goes out.
    calls = len(slack.fake.called("chat.postMessage"))
    slack.clock.advance(seconds=5)
    with pytest.raises(DeliveryError) as still:
        await slack.bot.sender.deliver("slack:T1:U1", [Reply("hello")])
    assert still.value.retry_after == pytest.approx(7)
    assert len(slack.fake.called("chat.postMessage")) == calls
    slack.clock.advance(seconds=8)
    slack.fake.users["U9"] = {"id": "U9", "name": "gone", "deleted": True}
    with pytest.raises(UserUnreachable):
        await slack.bot.sender.deliver("slack:T1:U9", [Reply("hello")])
    with pytest.raises(UserUnreachable):
        await slack.bot.sender.deliver("telegram:42", [Reply("hello")])
    await slack.bot.sender.deliver("slack:T1:U1", [Reply("hello & <bye>")])
    assert slack.fake.last("DU1").text == "hello &amp; &lt;bye&gt;"


async def test_post_message_is_paced_per_channel(fake, tmp_path):
    settings = settings_for(fake, tmp_path)
    app = await Followup.create(settings, clock=FakeClock(START))
    bot = SlackBot(app, settings, pace_seconds=0.25)
    from bot.common.events import Reply

    try:
        await asyncio.gather(
            bot.sender.deliver("slack:T1:U1", [Reply("one"), Reply("two"), Reply("three")]),
            bot.sender.deliver("slack:T1:U2", [Reply("other")]),
        )
    finally:
        await app.stop()
    to_ada = [c for c in fake.called("chat.postMessage") if c.args["channel"] == "DU1"]
    assert [c.args["text"] for c in to_ada] == ["one", "two", "three"]
    gaps = [b.at - a.at for a, b in itertools.pairwise(to_ada)]
    assert all(gap >= 0.24 for gap in gaps)
    to_bob = next(c for c in fake.called("chat.postMessage") if c.args["channel"] == "DU2")
    assert to_bob.at - to_ada[0].at < 0.2  # another channel is not held back


async def test_healthz_and_metrics_are_not_on_the_public_port(slack: RunningSlack):
    """Slack's callbacks share PORT with nothing: /healthz and /metrics are on HEALTH_PORT only."""
    await slack.app.start()
    health_port = await slack.app.serve_health(0)
    async with aiohttp.ClientSession() as session:
        for path in ("/healthz", "/metrics"):
            async with session.get(f"http://127.0.0.1:{slack.port}{path}") as response:
                assert response.status == 404, path
            async with session.get(f"http://127.0.0.1:{health_port}{path}") as response:
                assert response.status == 200, path


async def test_http_mode_refuses_to_start_without_a_signing_secret(fake, tmp_path):
    settings = settings_for(fake, tmp_path).model_copy(update={"slack_signing_secret": ""})
    app = await Followup.create(settings, clock=FakeClock(START))
    try:
        with pytest.raises(SlackSetupError, match="SLACK_SIGNING_SECRET"):
            await start_http(SlackBot(app, settings), "127.0.0.1", 0)
    finally:
        await app.stop()


async def test_app_home_acts_on_each_persons_current_step(slack: RunningSlack):
    fake, ada = slack.fake, slack.ada
    await slack.side.home_opened("U1")
    await onboard(ada)
    await debrief(ada)
    await slack.bot.drain()
    home = fake.homes["U1"]
    buttons = [e for b in home["blocks"] if b.get("type") == "actions" for e in b["elements"]]
    sections = [unescape(b["text"]["text"]) for b in home["blocks"] if b.get("type") == "section"]
    assert any(s.startswith("Jane Doe: thank-you email") for s in sections)
    # Jane's step comes first: its "Sent" is the first one on the Home.
    sent = next(e for e in buttons if e["text"]["text"] == "Sent")
    await slack.side.click("U1", None, sent, in_home=True)
    await slack.bot.drain()
    assert "second email" in unescape(fake.last("DU1").section_text)
    async with slack.app.sessions() as session:
        states = {r.state for r in await session.scalars(select(Reminder)) if r.follow_up_id == 1}
    assert states <= {ReminderState.DONE, ReminderState.CANCELLED}
    home = fake.homes["U1"]
    sections = [unescape(b["text"]["text"]) for b in home["blocks"] if b.get("type") == "section"]
    assert any(s.startswith("Jane Doe: second email") for s in sections)  # refreshed after the tap
    assert fake.errors == []


async def test_edit_under_a_draft_opens_a_modal_with_the_draft_and_saves_the_new_text(slack: RunningSlack):
    await shared_onboard(slack.ada)
    await shared_debrief(slack.ada)
    await slack.ada.taps("Write the drafts")
    jane = next(m for m in slack.fake.messages("DU1") if "To: Jane Doe" in unescape(m.section_text))
    assert {"Looks good", "Edit", "Another version"} <= set(jane.labels)
    modals = len(slack.fake.modals)
    await slack.side.click("U1", jane, "Edit")
    await slack.bot.drain()
    assert len(slack.fake.modals) == modals + 1
    view = slack.fake.modals[-1]
    [field] = [b for b in view["blocks"] if b["type"] == "input"]
    assert field["element"]["multiline"] and "Jane" in field["element"]["initial_value"].split("\n")[0]

    # Too short for a whole email: the error shows on the modal, which stays open; nothing is stored.
    status, body, _ = await slack.side.submit("U1", view, {"body": "ok"})
    assert status == 200 and json.loads(body)["response_action"] == "errors"
    mine = "Hi Jane,\n\nThank you for today's conversation about the Data Engineer role at Acme.\n\nBest,\nAda"
    uploads = len(slack.fake.uploads)
    status, body, _ = await slack.side.submit("U1", view, {"body": mine})
    assert status == 200 and (body in ("", "{}") or json.loads(body).get("response_action") != "errors")
    await slack.bot.drain()
    saved = slack.fake.messages("DU1")[-1]
    assert "Saved your version" in unescape(saved.section_text)
    assert "Thank you for today's conversation" in unescape(saved.section_text)
    assert len(slack.fake.uploads) == uploads + 1
    [(_, eml)] = [u for fid, u in slack.fake.uploaded.items() if int(fid[1:]) > uploads]
    assert b"Thank you for today's conversation" in eml
    assert slack.fake.errors == []


async def test_starting_with_the_token_in_the_environment_logs_no_warning(fake, tmp_path, monkeypatch, caplog):
    """systemd's EnvironmentFile and Docker's --env-file put SLACK_BOT_TOKEN in the environment, where Bolt reads it
    on its own; a start-up warning that the token "will be unused" at every start would only worry an operator."""
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-test")
    caplog.set_level("WARNING")
    async with running_slack(fake, tmp_path) as slack:
        assert slack.bot.app.client.token == "xoxb-test"
    assert not [r for r in caplog.records if r.name.startswith("slack_bolt")], caplog.text
    # The filter was for the constructor only: Bolt's other warnings still come through.
    logging.getLogger("slack_bolt.AsyncApp").warning("As you gave `client` as well, `token` will be unused.")
    assert "will be unused" in caplog.text
