"""Unit tests of the Bot API pacer: flood limits, 429 retry_after per chat, retries with backoff."""

from __future__ import annotations

import asyncio
import itertools
import time

import pytest
from telegram.error import BadRequest, NetworkError, RetryAfter, TimedOut

from adapters.telegram.pacing import TelegramPacer

pytestmark = pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")  # RetryAfter(int)


class Endpoint:
    """A stand-in for PTB's HTTP call: fails as scripted, records when each attempt was made."""

    def __init__(self, *failures: Exception) -> None:
        self.failures = list(failures)
        self.attempts: list[tuple[object, float]] = []

    async def __call__(self, endpoint: str, data: dict) -> dict:
        self.attempts.append((data.get("chat_id"), time.monotonic()))
        if self.failures:
            raise self.failures.pop(0)
        return {"ok": True}


async def send(pacer: TelegramPacer, endpoint: Endpoint, chat_id: object = 1, method: str = "sendMessage") -> dict:
    data = {"chat_id": chat_id} if chat_id is not None else {}
    return await pacer.process_request(endpoint, (method, data), {}, method, data, None)


async def test_429_blocks_only_that_chat_until_retry_after_then_sends():
    pacer = TelegramPacer(backoff=0.01)
    blocked = Endpoint(RetryAfter(1))
    other = Endpoint()
    start = time.monotonic()
    first = asyncio.create_task(send(pacer, blocked, chat_id=1))
    await asyncio.sleep(0.05)
    assert pacer.blocked_for(1) > 0.8
    await send(pacer, other, chat_id=2)  # another chat is not held up
    assert time.monotonic() - start < 0.5
    later = asyncio.create_task(send(pacer, blocked, chat_id=1))  # queued behind the block
    assert await first == {"ok": True}
    await later
    times = [t for _, t in blocked.attempts]
    assert len(times) == 3
    assert times[1] - times[0] >= 1.0
    assert times[2] - times[0] >= 1.0


async def test_retry_after_beyond_max_wait_is_raised_and_the_chat_stays_blocked():
    pacer = TelegramPacer(max_wait=5)
    endpoint = Endpoint(RetryAfter(30))
    with pytest.raises(RetryAfter):
        await send(pacer, endpoint)
    assert 29 < pacer.blocked_for(1) <= 30.1
    assert len(endpoint.attempts) == 1


async def test_network_errors_and_5xx_are_retried_with_growing_backoff():
    pacer = TelegramPacer(backoff=0.05)
    endpoint = Endpoint(NetworkError("Bad Gateway"), TimedOut(), NetworkError("Internal Server Error (500)"))
    assert await send(pacer, endpoint) == {"ok": True}
    times = [t for _, t in endpoint.attempts]
    gaps = [b - a for a, b in itertools.pairwise(times)]
    assert len(times) == 4
    assert gaps[0] >= 0.05
    assert gaps[1] >= 0.1
    assert gaps[2] >= 0.2


async def test_retries_give_up_after_max_attempts():
    pacer = TelegramPacer(backoff=0.001, max_attempts=3)
    endpoint = Endpoint(*(NetworkError("down") for _ in range(5)))
    with pytest.raises(NetworkError):
        await send(pacer, endpoint)
    assert len(endpoint.attempts) == 3


async def test_bad_request_is_not_retried():
    pacer = TelegramPacer(backoff=0.001)
    endpoint = Endpoint(BadRequest("message is too long"))
    with pytest.raises(BadRequest):
        await send(pacer, endpoint)
    assert len(endpoint.attempts) == 1


async def test_one_chat_gets_a_burst_then_its_sustained_rate():
    pacer = TelegramPacer(chat_burst=3, chat_per_second=20)
    endpoint = Endpoint()
    start = time.monotonic()
    await asyncio.gather(*(send(pacer, endpoint) for _ in range(9)))
    # 3 at once, then 6 more at 20/s: about 0.3 s.
    assert time.monotonic() - start >= 0.25


async def test_the_whole_bot_stays_under_the_overall_rate():
    pacer = TelegramPacer(overall_per_second=50)
    endpoint = Endpoint()
    start = time.monotonic()
    await asyncio.gather(*(send(pacer, endpoint, chat_id=i) for i in range(100)))
    # aiolimiter lets the first 50 through at once, the next 50 over the following second.
    assert time.monotonic() - start >= 0.9


async def test_calls_without_a_chat_are_not_paced():
    pacer = TelegramPacer(overall_per_second=1, chat_per_second=1)
    endpoint = Endpoint()
    start = time.monotonic()
    await asyncio.gather(*(send(pacer, endpoint, chat_id=None, method="answerCallbackQuery") for _ in range(20)))
    assert time.monotonic() - start < 0.5
