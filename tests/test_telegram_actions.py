"""Property test: every button the real core emits, whatever users type, fits Telegram's 64-byte callback_data."""

from __future__ import annotations

import asyncio
import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from adapters.telegram.outbound import action_fits, plan_replies
from bot.app import Followup
from bot.common.events import Incoming, Reply, Who
from bot.service.config import Settings

COMMANDS = [
    "/new",
    "/skip",
    "/back",
    "/cancel",
    "/help",
    "/start",
    "/interviews",
    "/settings",
    "/upcoming",
    "/stats",
    "/export",
]
# Names, answers and labels in every script: the core puts user text in labels, never in actions.
TEXT = st.text(st.characters(codec="utf-8", exclude_categories=["Cs", "Cc"]), min_size=1, max_size=60)
STEP = st.one_of(
    st.tuples(st.just("say"), TEXT),
    st.tuples(st.just("say"), st.sampled_from(COMMANDS)),
    st.tuples(st.just("say"), st.sampled_from(["just now", "grace@example.com", "+44 20 7946 0958", "Friday"])),
    st.tuples(st.just("tap"), st.integers(min_value=0, max_value=12)),
)


def check(replies: list[Reply], seen: list[str]) -> None:
    for reply in replies:
        for button in reply.buttons:
            assert action_fits(button.action), button
            seen.append(button.action)
    # ...and the adapter sends every one of them (its guard drops only what does not fit).
    sent = [
        b.callback_data
        for call in plan_replies(replies, chat_id=1).calls
        for row in getattr(call.kwargs.get("reply_markup"), "inline_keyboard", ())
        for b in row
    ]
    assert sent == [b.action for r in replies for b in r.buttons]


async def converse(template: Path, name: str, steps: list[tuple[str, object]]) -> list[str]:
    """A fresh core on a copy of the migrated template database (migrating for each example is slow)."""
    with tempfile.TemporaryDirectory() as tmp:
        shutil.copy(template, Path(tmp) / "t.sqlite3")
        core = Followup(Settings(database_url=f"sqlite:///{Path(tmp) / 't.sqlite3'}", data_dir=Path(tmp)))
        try:
            who = Who("telegram", "4242", name)
            seen: list[str] = []
            buttons: list[str] = []
            script = [("say", "/start"), ("say", name), ("say", "Europe/Berlin"), ("say", "/new"), *steps]
            for kind, value in script:
                if kind == "tap":
                    if not buttons:
                        continue
                    event = Incoming(who, action=buttons[int(value) % len(buttons)])
                else:
                    event = Incoming(who, text=str(value))
                replies = await core.handle(event)
                check(replies, seen)
                buttons = [b.action for r in replies for b in r.buttons] or buttons
            return seen
        finally:
            await core.stop()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=TEXT, steps=st.lists(STEP, max_size=25))
def test_every_callback_data_from_the_core_fits(sqlite_template, name, steps):
    asyncio.run(converse(sqlite_template, name, steps))


def test_a_whole_debrief_emits_only_fitting_actions(sqlite_template):
    steps = [
        ("say", s)
        for s in (
            "Ünïcødé GmbH 🚀",
            "Ingeniera de datos",
            "just now",
            "Zoë 李 O'Brien-Ñúñez",
            "Jefa",
            "zoe@example.com",
            "/skip",
        )
    ]
    seen = asyncio.run(converse(sqlite_template, "Renée 🌍 Østergård", [*steps, ("tap", 1)]))
    assert seen  # the conversation did show buttons
