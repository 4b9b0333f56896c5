"""Throughput of the whole Telegram bot (PTB + core + SQLite) against bare PTB echo bots, same fake API and load.

Many users each send a run of messages (the start of a real debrief, all typed: onboarding, /new, the
company, the role, the time, one interviewer, "That's everyone", the notes, then /help). Every
update is queued on the local fake Bot API at once; the clock stops when every user has had the
answer to their last message. Each bot polls the same kind of fake server with the same load.

Flood-limit pacing is off for every bot here (`--paced` turns Telegram's real limits on for all of
them, which caps each at ~30 messages/s and says nothing about the bot's own cost). The fake answers
at once unless `--latency-ms` adds a network round trip, as the real Bot API has; that is where
processing updates concurrently pays.

    .venv/bin/python bench/telegram_bench.py [--users 100] [--messages 20] [--rounds 2] [--paced]
                                             [--latency-ms 0]
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from telegram import Update
from telegram.ext import ApplicationBuilder, ContextTypes, MessageHandler, filters

from adapters.telegram.pacing import TelegramPacer
from bot.common.events import Incoming, Reply
from tests.support.fake_telegram import FakeTelegram, bot_settings, running_bot

RUN = [
    "/start",
    "Ada Lovelace",
    "Europe/Lisbon",
    "/new",
    "Acme Labs",
    "Data engineer",
    "just now",
    "Grace Hopper",
    "Team lead",
    "grace@example.com",
    "/skip",
    "That's everyone",
    "How they measure data quality",
    "Migrating forty pipelines to streaming",
    "I led a similar migration at my last job",
    "Mixed",
    "I undersold my SQL experience",
    "A take-home task",
    "in two weeks",
]
LAST = "/help"
BUSY = "very busy"  # the core's reply when a turn could not get the database in time


@dataclass
class Result:
    name: str
    messages: int
    seconds: float
    busy_replies: int = 0

    @property
    def rate(self) -> float:
        return self.messages / self.seconds


def pacer(paced: bool) -> TelegramPacer:
    if paced:
        return TelegramPacer()
    return TelegramPacer(overall_per_second=0, chat_per_second=0)


async def drive(tg: FakeTelegram, users: int, messages: int, final: str) -> float:
    """Queue every user's run at once; the seconds until each user got the answer to their last message."""
    texts = [*RUN[: messages - 1], LAST]
    people = [tg.user(10_000 + i, f"User{i}", None) for i in range(users)]
    pending = {p.id for p in people}
    seen = 0

    def finished() -> bool:
        nonlocal seen
        for call in tg.calls[seen:]:
            if call.method == "sendMessage" and call.status == 200 and final in call.params.get("text", ""):
                pending.discard(call.chat_id)
        seen = len(tg.calls)
        return not pending

    started = time.perf_counter()
    for text in texts:  # interleaved, as many people typing at once would be
        for person in people:
            await tg.deliver(person.message_update(text))
    await tg.wait_for(finished, timeout=600)
    return time.perf_counter() - started


async def echo_bot(users: int, messages: int, paced: bool, latency: float, concurrent: bool) -> Result:
    async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        await update.message.reply_text(update.message.text)

    async with FakeTelegram(max_poll_wait=0.5, latency=latency) as tg:
        builder = ApplicationBuilder().token(tg.token).base_url(tg.base_url).base_file_url(tg.base_file_url)
        builder.job_queue(None)
        if paced:
            builder.rate_limiter(pacer(True))
        if concurrent:
            builder.concurrent_updates(256)
        app = builder.build()
        app.add_handler(MessageHandler(filters.TEXT, echo))
        async with app:
            await app.start()
            await app.updater.start_polling()
            seconds = await drive(tg, users, messages, LAST)
            await app.updater.stop()
            await app.stop()
    name = "PTB echo bot (" + ("concurrent_updates=256" if concurrent else "PTB defaults: sequential") + ")"
    return Result(name, users * messages, seconds)


async def whole_bot(users: int, messages: int, paced: bool, latency: float) -> Result:
    with tempfile.TemporaryDirectory() as tmp:
        async with FakeTelegram(max_poll_wait=0.5, latency=latency) as tg:
            settings = bot_settings(tg, Path(tmp) / "bench.sqlite3")
            async with running_bot(tg, settings, pacer=pacer(paced)):
                seconds = await drive(tg, users, messages, "Here is what I can do")
                busy = sum(1 for c in tg.calls_to("sendMessage") if BUSY in c.params.get("text", ""))
    return Result("Followup (PTB + core + SQLite)", users * messages, seconds, busy)


class EchoCore:
    """A diagnostic, not the product: the facade's shape with no database, to isolate the adapter's cost."""

    def __init__(self) -> None:
        self.seen: set[str] = set()

    async def handle(self, event: Incoming, delivery: str | None = None) -> list[Reply]:
        return [Reply(event.text or "")]

    async def first_time(self, key: str) -> bool:
        if key in self.seen:
            return False
        self.seen.add(key)
        return True

    async def set_active(self, user_key: str, active: bool) -> None:
        return None

    def add_sender(self, sender: object) -> None:
        return None

    async def health(self) -> bool:
        return True


async def adapter_only(users: int, messages: int, paced: bool, latency: float) -> Result:
    with tempfile.TemporaryDirectory() as tmp:
        async with FakeTelegram(max_poll_wait=0.5, latency=latency) as tg:
            settings = bot_settings(tg, Path(tmp) / "unused.sqlite3")
            async with running_bot(tg, settings, pacer=pacer(paced), core=EchoCore()):  # type: ignore[arg-type]
                seconds = await drive(tg, users, messages, LAST)
    return Result("Followup's adapter on an echo core (diagnostic)", users * messages, seconds)


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=100)
    parser.add_argument("--messages", type=int, default=20, help=f"per user, at most {len(RUN) + 1}")
    parser.add_argument("--rounds", type=int, default=2, help="each bot runs this many times; the best counts")
    parser.add_argument("--paced", action="store_true", help="Telegram's flood limits on, for every bot")
    parser.add_argument(
        "--latency-ms",
        type=float,
        default=0.0,
        help="network latency the fake adds to each Bot API answer (Telegram is 10s of ms away)",
    )
    args = parser.parse_args()
    messages = max(1, min(args.messages, len(RUN) + 1))
    load = (args.users, messages, args.paced, args.latency_ms / 1000)
    logging.basicConfig(level=logging.WARNING)
    logging.getLogger("httpx").setLevel(logging.WARNING)

    best: dict[str, Result] = {}
    for _ in range(args.rounds):
        for result in (
            await echo_bot(*load, concurrent=False),
            await echo_bot(*load, concurrent=True),
            await adapter_only(*load),
            await whole_bot(*load),
        ):
            if result.name not in best or result.rate > best[result.name].rate:
                best[result.name] = result

    print(
        f"\n{args.users} users x {messages} messages = {args.users * messages} messages, "
        f"pacing {'on' if args.paced else 'off'}, {args.latency_ms:g} ms latency, best of {args.rounds}\n"
    )
    for result in best.values():
        extra = f"  ({result.busy_replies} 'busy' replies)" if result.busy_replies else ""
        print(f"  {result.name:<48} {result.rate:8.1f} messages/s  ({result.seconds:.2f} s){extra}")
    print()
    for ours in ("Followup (PTB + core + SQLite)", "Followup's adapter on an echo core (diagnostic)"):
        for name, result in best.items():
            if name.startswith("PTB echo"):
                ratio = best[ours].rate / result.rate
                verdict = "meets" if ratio >= 0.8 else "misses"
                print(f"  {ours} / {name}: {ratio:.2f}  ({verdict} 0.8)")


if __name__ == "__main__":
    asyncio.run(main())
