"""Delivery on Telegram end to end: reminders and their buttons, flood limits, 429, 403, 5xx, long messages."""

from __future__ import annotations

import asyncio
import time
from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from adapters.telegram.pacing import TelegramPacer
from adapters.telegram.run import build_application
from adapters.telegram.sender import TelegramSender
from bot.common.clock import FakeClock
from bot.common.events import DeliveryError, Reply, UserUnreachable
from bot.store.models import User
from tests.support.fake_telegram import FakeTelegram, FakeUser, bot_settings, running_bot
from tests.support.scripts import TELEGRAM_DEBRIEF, TELEGRAM_ONBOARDING, play

pytestmark = pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")  # RetryAfter(int)

SHORT = {"first_reminder_after": "60s", "second_email_after": "20s", "call_after": "20s", "chase_after": "20s"}


@pytest.fixture
async def tg():
    async with FakeTelegram() as fake:
        yield fake


@pytest.fixture
def clock():
    return FakeClock(datetime(2026, 3, 10, 11, 0, tzinfo=UTC))  # a Tuesday, 11:00 in Lisbon


@pytest.fixture(params=["polling", "webhook"])
def settings(request, tg, tmp_path):
    from tests.support.fake_telegram import webhook_settings

    if request.param == "webhook":
        return webhook_settings(tg, tmp_path, **SHORT)
    return bot_settings(tg, tmp_path / "t.sqlite3", **SHORT)


async def is_active(core, key: str) -> bool:
    async with core.sessions() as session:
        return await session.scalar(select(User.active).where(User.key == key))


async def until(predicate, timeout: float = 10.0) -> None:
    async with asyncio.timeout(timeout):
        while not await predicate():
            await asyncio.sleep(0.05)


async def debriefed(user: FakeUser) -> None:
    await play(user, TELEGRAM_ONBOARDING)
    await play(user, TELEGRAM_DEBRIEF)


# ---- the reminder ladder ---------------------------------------------------------------------------


async def test_the_reminder_ladder_with_its_buttons(tg, settings, clock):
    async with running_bot(tg, settings, clock=clock) as bot:
        user = tg.user(801)
        await debriefed(user)

        clock.advance(minutes=2)
        assert await bot.core.dispatch_due() == 2  # one thank-you reminder per interviewer
        grace = await user.expect("thank-you email to Grace Hopper")
        await user.expect("thank-you email to Alan Turing")
        labels = [label for label, _ in grace.buttons()]
        assert labels[:2] == ["Sent", "They replied"]
        assert {"Snooze 1 hour", "Tomorrow morning", "Skip this step", "Show draft"} <= set(labels)

        await user.taps("Show draft", on="Grace Hopper")
        await user.expect("To: Grace Hopper <grace@example.com>")
        await user.expect(".eml")

        old_sent = user.find_button("Sent", on="thank-you email to Grace")
        await user.taps("Sent", on="thank-you email to Grace")
        done = await user.expect("✅ Done.")
        assert done.message_id == grace.message_id  # the reminder itself was edited...
        assert done.buttons() == []  # ...and its buttons are gone

        await user.taps("They replied", on="thank-you email to Alan")
        await user.expect("Alan Turing replied")

        # The same "Sent" tapped again (a second device): a toast, nothing else.
        sends = len(tg.calls_to("sendMessage", user.id))
        query = await user.taps_data(*old_sent)
        await tg.wait_for(lambda: tg.answers()[query])
        assert "already marked done" in tg.calls_to("answerCallbackQuery")[-1].params["text"]
        assert len(tg.calls_to("sendMessage", user.id)) == sends

        # Grace has not answered: the second email comes, with a new draft. Alan replied: nothing.
        clock.advance(seconds=30)
        assert await bot.core.dispatch_due() == 1
        second = await user.expect("No answer from Grace Hopper yet")
        assert "Alan" not in second.text
        await user.taps("Sent", on="No answer from Grace")
        await user.expect("✅ Done.")

        clock.advance(seconds=30)
        assert await bot.core.dispatch_due() == 1
        call = await user.expect("Still nothing from Grace Hopper")
        assert "Call Grace Hopper" in call.text
        assert call.buttons()[0][0] == "Done"
        assert set(tg.answers().values()) == {1}


# ---- blocked users ------------------------------------------------------------------------------------


async def test_blocking_pauses_reminders_and_start_resumes_them(tg, tmp_path, clock):
    settings = bot_settings(tg, tmp_path / "t.sqlite3", **SHORT)
    async with running_bot(tg, settings, clock=clock) as bot:
        user = tg.user(802)
        await debriefed(user)
        await user.blocks_bot()  # Telegram sends my_chat_member: kicked
        await until(lambda: _not_active(bot.core, "telegram:802"))

        clock.advance(minutes=2)
        assert await bot.core.dispatch_due() == 0
        sends = tg.calls_to("sendMessage", user.id)

        await user.unblocks_bot()
        await user.says("/start")
        await user.expect("Welcome back, ")
        assert await is_active(bot.core, "telegram:802")
        assert await bot.core.dispatch_due() == 2  # the paused reminders resume
        await user.expect("thank-you email to Grace Hopper")
        assert all(c.status == 200 for c in tg.calls_to("sendMessage", user.id)[len(sends) :])


async def test_a_403_marks_the_user_unreachable_once_without_a_loop(tg, tmp_path, clock):
    settings = bot_settings(tg, tmp_path / "t.sqlite3", **SHORT)
    async with running_bot(tg, settings, clock=clock) as bot:
        user = tg.user(803)
        await debriefed(user)
        tg.blocked.add(user.id)  # blocked, and the my_chat_member update never came
        clock.advance(minutes=2)
        assert await bot.core.dispatch_due() == 0
        refused = [c for c in tg.calls_to("sendMessage", user.id) if c.status == 403]
        # A chat's reminders go in order: the first refusal pauses the user, the second is not even tried.
        assert len(refused) == 1
        assert not await is_active(bot.core, "telegram:803")
        clock.advance(hours=1)
        assert await bot.core.dispatch_due() == 0  # paused: no retry storm
        assert len([c for c in tg.calls_to("sendMessage", user.id) if c.status == 403]) == 1


async def test_a_403_while_replying_marks_the_user_inactive(tg, tmp_path):
    async with running_bot(tg, bot_settings(tg, tmp_path / "t.sqlite3")) as bot:
        user = tg.user(804)
        await play(user, TELEGRAM_ONBOARDING)
        tg.blocked.add(user.id)
        await user.says("/help")
        await tg.wait_for(lambda: any(c.status == 403 for c in tg.calls_to("sendMessage", user.id)))
        await until(lambda: _not_active(bot.core, "telegram:804"))


async def _not_active(core, key: str) -> bool:
    return not await is_active(core, key)


# ---- 429, 5xx and the flood limits ----------------------------------------------------------------------


async def test_a_429_holds_that_chat_until_retry_after_and_then_delivers(tg, tmp_path):
    async with running_bot(tg, bot_settings(tg, tmp_path / "t.sqlite3")):
        slow, other = tg.user(811), tg.user(812)
        await play(slow, TELEGRAM_ONBOARDING)
        await play(other, TELEGRAM_ONBOARDING)
        tg.fail("sendMessage", 429, chat_id=slow.id, retry_after=1)
        started = time.monotonic()
        await slow.says("/help")
        await other.says("/help")
        await other.expect("Here is what I can do")
        assert time.monotonic() - started < 0.9  # another chat is not held up
        await slow.expect("Here is what I can do")
        assert time.monotonic() - started >= 1.0
        refused = [c for c in tg.calls_to("sendMessage", slow.id) if c.status == 429]
        assert len(refused) == 1
        assert tg.limit_violations(chat_burst=1000, overall=1000) == []  # nothing before retry_after passed


async def test_a_reminder_waits_out_a_short_429_and_is_marked_sent(tg, tmp_path, clock):
    async with running_bot(tg, bot_settings(tg, tmp_path / "t.sqlite3", **SHORT), clock=clock) as bot:
        user = tg.user(813)
        await debriefed(user)
        tg.fail("sendMessage", 429, chat_id=user.id, retry_after=1)
        clock.advance(minutes=2)
        started = time.monotonic()
        assert await bot.core.dispatch_due() == 2
        assert time.monotonic() - started >= 1.0
        await user.expect("thank-you email to Grace Hopper")
        assert tg.limit_violations(chat_burst=1000, overall=1000) == []


async def test_a_long_429_hands_the_reminder_back_with_retry_after(tg, tmp_path, clock):
    pacer = TelegramPacer(max_wait=0.5, backoff=0.01, chat_burst=50, chat_per_second=100, overall_per_second=500)
    async with running_bot(tg, bot_settings(tg, tmp_path / "t.sqlite3", **SHORT), clock=clock, pacer=pacer) as bot:
        user = tg.user(814)
        await debriefed(user)
        tg.fail("sendMessage", 429, chat_id=user.id, retry_after=2)
        clock.advance(minutes=2)
        assert await bot.core.dispatch_due() == 0  # not accepted: rescheduled, not lost
        assert not [m for m in tg.chat(user.id) if "thank-you email to" in m.text]
        clock.advance(seconds=10)  # the core's backoff honours retry_after...
        await asyncio.sleep(pacer.blocked_for(user.id))  # ...and the pacer's block runs on the real clock
        assert await bot.core.dispatch_due() == 2
        # The second reminder never went into the block: it was refused locally, without a request.
        assert len([c for c in tg.calls_to("sendMessage", user.id) if c.status == 429]) == 1
        await user.expect("thank-you email to Grace Hopper")
        assert tg.limit_violations(chat_burst=1000, overall=1000) == []


async def test_sender_maps_telegram_errors_to_the_core_contract(tg, tmp_path):
    settings = bot_settings(tg, tmp_path / "t.sqlite3")
    app = build_application(settings, webhook=True, pacer=TelegramPacer(max_wait=0.5, backoff=0.01, max_attempts=2))
    async with app:
        sender = TelegramSender(app)
        tg.fail("sendMessage", 429, chat_id=900, retry_after=7)
        with pytest.raises(DeliveryError) as caught:
            await sender.deliver("telegram:900", [Reply("hi")])
        assert caught.value.retry_after == 7
        tg.fail("sendMessage", 403, chat_id=901)
        with pytest.raises(UserUnreachable):
            await sender.deliver("telegram:901", [Reply("hi")])
        tg.fail("sendMessage", 400, chat_id=902, description="Bad Request: chat not found")
        with pytest.raises(UserUnreachable):
            await sender.deliver("telegram:902", [Reply("hi")])
        tg.fail("sendMessage", 502, chat_id=903, times=5)
        with pytest.raises(DeliveryError):
            await sender.deliver("telegram:903", [Reply("hi")])
        await sender.deliver("telegram:904", [Reply("hi <there>")])
        assert tg.chat(904)[0].text == "hi <there>"


async def test_5xx_and_network_errors_are_retried(tg, tmp_path):
    async with running_bot(tg, bot_settings(tg, tmp_path / "t.sqlite3")):
        user = tg.user(815)
        tg.fail("sendMessage", 502, times=1)
        tg.fail("sendMessage", 500, times=1)
        await user.says("/start")
        await user.expect("Hi! I'm Followup")
        statuses = [c.status for c in tg.calls_to("sendMessage", user.id)]
        assert statuses[:3] == [502, 500, 200]


async def test_the_flood_limits_are_never_broken(tg, tmp_path):
    # The real pacing: ~30 messages/s overall, a burst of 3 and then ~1/s per chat.
    async with running_bot(tg, bot_settings(tg, tmp_path / "t.sqlite3"), pacer=TelegramPacer()):
        chatty = tg.user(820)
        crowd = [tg.user(821 + i) for i in range(40)]
        started = time.monotonic()
        for _ in range(4):
            await chatty.says("/help")  # each answered with the help and the pending question: 8 messages
        for user in crowd:
            await user.says("/start")  # welcome + first question
            await user.says("/help")  # help + the question again

        def delivered(chat_id: int) -> int:
            return len([c for c in tg.calls_to("sendMessage", chat_id) if c.status == 200])

        await tg.wait_for(lambda: delivered(chatty.id) == 8 and all(delivered(u.id) == 4 for u in crowd), timeout=30)
        elapsed = time.monotonic() - started
        assert tg.limit_violations() == []
        # The limits did bind: 168 messages cannot go out in much under 5 s at 30/s (30 at once, then 30/s)...
        assert elapsed >= 4.0
        # ...and one chat gets 3 at once, then about one a second.
        chatty_times = [c.at for c in tg.calls_to("sendMessage", chatty.id)]
        assert chatty_times[-1] - chatty_times[0] >= 4.0


# ---- long messages --------------------------------------------------------------------------------------


async def test_a_long_summary_is_split_at_line_boundaries(tg, tmp_path):
    async with running_bot(tg, bot_settings(tg, tmp_path / "t.sqlite3")):
        user = tg.user(830)
        await play(user, TELEGRAM_ONBOARDING)
        for text in (
            "/new",
            "Acme",
            "Engineer",
            "just now",
            "Grace Hopper",
            "Lead",
            "grace@example.com",
            "/skip",
            "/skip",
        ):
            await user.says(text)
        await user.taps("That's everyone")
        await user.expect("still open")
        long_answers = [
            (f"{topic}: " + "lorem ipsum dolor sit amet " * 70)[:1990].strip() for topic in ("Open", "Challenge", "Why")
        ]
        for answer in long_answers:
            await user.says(answer)
        await user.taps("Went well")
        await user.expect("set straight")
        await user.says("/skip")
        await user.expect("next steps")
        await user.says("/skip")
        await user.expect("expect to decide")
        await user.taps("Not sure")
        await user.expect("promise to send them")
        await user.taps("Nothing")
        await user.expect("Did they promise")
        await user.taps("Nothing")
        await user.expect("They promised")
        parts = [m for m in tg.chat(user.id) if m.message_id >= _first(tg, user, "Here's your debrief")]
        assert len(parts) >= 2
        assert all(len(m.text.encode("utf-16-le")) // 2 <= 4096 for m in parts)
        shown = "\n".join(m.text for m in parts)
        assert all(answer in shown for answer in long_answers)
        assert [bool(m.buttons()) for m in parts] == [False] * (len(parts) - 1) + [True]
        assert "Write the drafts" in [label for label, _ in parts[-1].buttons()]


def _first(tg: FakeTelegram, user: FakeUser, fragment: str) -> int:
    return next(m.message_id for m in tg.chat(user.id) if m.text.startswith(fragment))
