"""The platforms' send limits hold for the whole deployment (bot/followups/dispatch/budget.py): a send slot
is counted from when the budget's lock is held, a chat's next reminder from when the previous one went
out, and replies to users share the budget with reminders, first in line, across workers.

No wall-clock timing: the first two count slots and send times on an injected clock; the third counts
the slots two workers' pacers took, and the requests they let through in each second (the platform's
own view of it)."""

from __future__ import annotations

import asyncio
import itertools
import time
from datetime import timedelta

import pytest
from sqlalchemy import event

from adapters.telegram.pacing import TelegramPacer
from bot.app import Followup
from bot.common.clock import system_clock
from bot.followups.dispatch.budget import REMINDER_HORIZON
from tests.support.recording import RecordingSender
from tests.support.seeds import seed_due_reminders

RATE = 30.0  # Telegram's messages a second for one bot


def most_in_a_second(times: list) -> int:
    """The most sends that fall within any one second (half-open), as the platform would count them."""
    ordered = sorted(times)
    one = timedelta(seconds=1) if ordered and not isinstance(ordered[0], float) else 1.0
    return max(sum(1 for t in ordered if start <= t < start + one) for start in ordered)


async def test_a_slot_is_counted_from_when_the_budget_lock_is_held_not_from_before_asking(app, clock):
    """Worker A waits a second for the budget's lock (worker B holds it). The slot it gets must not be
    already past by then: a past slot is used at once, and with the next ones makes a burst."""
    budget = app.dispatcher.budget
    await budget.slot("telegram", RATE, reply=True)  # the budget's row, from a message a while ago
    clock.now += timedelta(seconds=10)
    waits = iter([timedelta(seconds=1)])

    @event.listens_for(app.engine.sync_engine, "before_cursor_execute")
    def lock_wait(_conn, _cursor, statement, *_args):
        if statement.lstrip().upper().startswith("SELECT") and "delivery_budget" in statement:
            clock.now += next(waits, timedelta(0))  # the next lock is granted a second after it was asked for

    sends = []
    for _ in range(90):
        slot = await budget.slot("telegram", RATE, reply=True)
        assert slot >= clock(), "a slot taken was already past"
        sends.append(max(slot, clock()))  # a message goes out at its slot (at once if that is past)
    assert most_in_a_second(sends) <= RATE


async def test_reminders_yield_the_budget_to_replies(app, clock):
    budget = app.dispatcher.budget
    for _ in range(int(RATE)):  # a second's worth of replies booked
        await budget.slot("telegram", RATE, reply=True)
    assert await budget.slot("telegram", RATE) is None  # a reminder waits: the budget is booked ahead
    reply = await budget.slot("telegram", RATE, reply=True)  # a reply still gets the next slot
    assert abs(reply - (clock() + timedelta(seconds=1))) < timedelta(milliseconds=1)
    clock.now = reply - REMINDER_HORIZON / 2  # once the replies have gone out, reminders flow again
    assert await budget.slot("telegram", RATE) is not None


class QueuedSender(RecordingSender):
    """A sender whose own queue holds some messages before they go out (on the injected clock), and that
    notes when each went out."""

    chat_interval = 1.0

    def __init__(self, clock, queued: list[float]) -> None:
        super().__init__()
        self.clock, self.queued, self.went_out = clock, list(queued), []

    async def deliver(self, user_key, replies):
        self.clock.now += timedelta(seconds=self.queued.pop(0) if self.queued else 0.0)
        await super().deliver(user_key, replies)
        self.went_out.append(self.clock())


async def test_a_chats_next_reminder_is_spaced_from_when_the_previous_went_out(app, clock):
    """The first reminder waits 0.8 s in the sender's queue, the next none: the second must still reach
    the chat a whole interval after the first did, not 0.2 s after."""
    sender = QueuedSender(clock, [0.8, 0.0, 0.0])
    app.add_sender(sender)

    async def sleep(seconds: float) -> None:  # the dispatcher's waits, on the test's clock
        clock.now += timedelta(seconds=seconds)

    app.dispatcher.sending.sleep = sleep
    await seed_due_reminders(app, 3, clock(), users=1)
    assert await app.dispatch_due() == 3
    gaps = [(b - a).total_seconds() for a, b in itertools.pairwise(sender.went_out)]
    assert len(gaps) == 2 and min(gaps) >= sender.chat_interval, gaps


@pytest.mark.slow  # three seconds on the real clock, alone: left to CI by a default run
@pytest.mark.exclusive  # counts real send times: alone, so other tests' load does not bunch them up
async def test_replies_of_two_workers_stay_within_the_bots_rate_together(settings):
    """Two workers, each answering 45 users at once: Telegram must not get more than 30 messages in any
    second from both together (each worker pacing itself alone let 60 through)."""
    workers = [Followup(settings, system_clock), Followup(settings, system_clock)]
    sent: list[float] = []

    async def endpoint(_endpoint: str, _data: dict) -> dict:
        sent.append(time.monotonic())
        return {"ok": True}

    async def reply(pacer: TelegramPacer, chat: int) -> None:
        data = {"chat_id": chat}
        await pacer.process_request(endpoint, ("sendMessage", data), {}, "sendMessage", data, None)

    slots: list = []  # every slot the two workers took from the budget, on the clock they share

    def recording(budget):
        take = budget.slot

        async def slot(platform, rate, *, reply=False):
            taken = await take(platform, rate, reply=reply)
            if taken is not None:
                slots.append(taken)
            return taken

        return slot

    try:
        pacers = []
        for worker in workers:
            worker.dispatcher.budget.slot = recording(worker.dispatcher.budget)
            pacer = TelegramPacer()
            pacer.share_budget(
                lambda worker=worker, pacer=pacer: worker.reply_slot("telegram", pacer.overall_per_second)
            )
            pacers.append(pacer)
        await asyncio.gather(*(reply(pacer, 1000 * n + chat) for n, pacer in enumerate(pacers) for chat in range(45)))
    finally:
        for worker in workers:
            await worker.stop()
    assert len(sent) == 90
    # Every message took its slot from the one budget, and no two slots are closer than 1/30 s: at most
    # 30 in any second, whichever worker sent them.
    assert len(slots) == 90
    ordered = sorted(slots)
    assert min(b - a for a, b in itertools.pairwise(ordered)) >= timedelta(seconds=1 / RATE)
    assert most_in_a_second(ordered) <= RATE
    # And as the platform saw them: each worker pacing itself alone let 60 through in one second. A send
    # that left late (the event loop busy on a shared machine) can share a second with later ones sent on
    # time, so this count has leeway; the slots above have none.
    assert most_in_a_second(sent) <= RATE * 1.5, sorted(sent)
