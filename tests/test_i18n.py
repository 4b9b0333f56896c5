"""Messages ready for translation: the catalogue, plurals and dates through Babel, the command menu per language."""

from __future__ import annotations

import ast
import re
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from bot.app import commands_menu, translated_menus
from bot.common import i18n, when
from tests.support.driver import ChatUser
from tests.support.fake_telegram import FakeTelegram, bot_settings, running_bot
from tests.support.scripts import debrief, onboard

ROOT = Path(__file__).resolve().parents[1]
NOW = datetime(2026, 12, 7, 12, 0, tzinfo=UTC)  # a Monday


def test_the_catalogue_is_current_with_the_code():
    """A text added to texts.py, the command table or a gettext call needs `python -m bot.common.i18n`."""
    stale = [str(path.relative_to(ROOT)) for path in i18n.out_of_date()]
    assert not stale, f"run `python -m bot.common.i18n` and commit: {stale}"


def test_a_new_text_makes_the_catalogue_out_of_date(monkeypatch):
    original = i18n.template

    def with_a_new_text():
        catalog = original()
        catalog.add("A sentence nobody has extracted yet.")
        return catalog

    monkeypatch.setattr(i18n, "template", with_a_new_text)
    assert i18n.TEMPLATE in i18n.out_of_date() and i18n.po_path("en") in i18n.out_of_date()


def test_english_is_complete_and_every_text_of_texts_py_is_in_it():
    with i18n.po_path("en").open("rb") as po:
        english = read_po(po, locale="en")
    ids = {m.id if isinstance(m.id, str) else m.id[0] for m in english if m.id}
    for message in english:
        if message.id:
            strings = message.string if isinstance(message.string, tuple | list) else [message.string]
            assert all(strings), f"untranslated in English: {message.id!r}"
    from bot.common import texts

    assert texts.WELCOME in ids and texts.B_NEW in ids
    for name, value in vars(texts).items():
        if name.isupper() and isinstance(value, str) and value.strip():
            assert value in ids, name
    assert {"{n} interview", "{n} person", "today", "{day} at {time}"} <= ids


def test_plurals_follow_each_languages_rule():
    assert i18n.count(1, "{n} interview", "{n} interviews") == "1 interview"
    assert i18n.count(0, "{n} interview", "{n} interviews") == "0 interviews"
    assert i18n.count(2, "{n} person", "{n} people") == "2 people"
    assert i18n.count(1, "{n} person", "{n} people", "de") == "1 Person"
    assert i18n.count(5, "{n} interview", "{n} interviews", "de-AT") == "5 Gespräche"
    assert i18n.count(5, "{n} interview", "{n} interviews", "xx") == "5 interviews"  # no catalogue: English


def test_dates_and_times_in_english_and_german_from_cldr():
    day = date(2026, 12, 11)
    assert when.day_words(day) == "Friday 11 December"
    assert when.say_date(date(2027, 1, 8), "UTC", NOW) == "Friday 8 January 2027"
    assert when.due(NOW + timedelta(days=4), "Europe/Berlin", NOW) == "on Friday 11 December at 13:00"
    assert when.due(NOW + timedelta(days=1), "Europe/Berlin", NOW) == "tomorrow at 13:00"
    assert when.say_moment(NOW - timedelta(days=1), "Europe/Lisbon", NOW) == "yesterday at 12:00"
    assert [when.ago(NOW - timedelta(minutes=m), NOW) for m in (0, 1, 5, 60, 150, 1500)] == [
        "just now",
        "1 minute ago",
        "5 minutes ago",
        "1 hour ago",
        "2 hours ago",
        "1 day ago",
    ]
    assert when.weekday(day, "de") == "Freitag"
    assert when.due(NOW + timedelta(days=1), "Europe/Berlin", NOW, "de") == "morgen um 13:00"
    assert when.ago(NOW - timedelta(minutes=5), NOW, "de") == "vor 5 Minuten"
    assert when.day_month(day, "pt") == "11 de dezembro"  # no catalogue yet: CLDR's pattern still


ALLOWED = {
    # settings syntax (FOLLOWUP_QUIET_HOURS=21:00-08:00), a file name's stamp and the .ics's UTC timestamp:
    # machine formats, not words
    ("bot/service/config.py", "%H:%M"),
    ("bot/conversation/data_rights.py", "%Y%m%d"),
    ("bot/followups/calendar.py", "%Y-%m-%d %H:%M"),
}


def test_no_module_but_when_formats_dates_by_hand():
    """strftime and f-string date formats (C-locale names, fixed orders) only in bot/common/when.py."""
    found = []
    for path in sorted([*ROOT.glob("bot/**/*.py"), *ROOT.glob("adapters/**/*.py")]):
        relative = str(path.relative_to(ROOT))
        if relative == "bot/common/when.py" or "/migrations/" in relative:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            spec = None
            if isinstance(node, ast.FormattedValue) and node.format_spec is not None:
                spec = "".join(v.value for v in node.format_spec.values if isinstance(v, ast.Constant))
            elif isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "strftime" and node.args:
                spec = getattr(node.args[0], "value", "?")
            if spec and re.search(r"%[aAbBdHIMmpYy]", spec) and (relative, spec) not in ALLOWED:
                found.append(f"{relative}:{node.lineno} {spec}")
    assert not found, found


async def test_the_export_counts_one_interview_as_one(app):
    ada = ChatUser(app)
    await onboard(ada)
    await debrief(ada)
    await ada.taps("Write the drafts")
    await ada.says("/export")
    assert "everything I store about you (1 interview)" in ada.text, ada.text


def test_a_menu_is_offered_only_in_languages_that_translate_all_of_it():
    menus = translated_menus()
    assert "en" not in menus  # English is the default menu
    assert [name for name, _ in menus["de"]] == [name for name, _ in commands_menu()]
    assert dict(menus["de"])["help"] == "Was ich kann"


@pytest.fixture
async def tg():
    async with FakeTelegram() as fake:
        yield fake


async def test_telegram_registers_the_command_menu_per_language(tg, tmp_path):
    async with running_bot(tg, bot_settings(tg, tmp_path / "menu.sqlite3")):
        await tg.wait_for(lambda: len(tg.calls_to("setMyCommands")) >= 2)
        english = {c["command"]: c["description"] for c in tg.menu_in("private")}
        german = {c["command"]: c["description"] for c in tg.menu_in("private", "de")}
        french = {c["command"]: c["description"] for c in tg.menu_in("private", "fr")}
    assert english["help"] == "What I can do" and english["new"] == "Debrief an interview you just had"
    assert german.keys() == english.keys()
    assert german["help"] == "Was ich kann" and german["delete"] == "Alles löschen, was ich über dich speichere"
    assert french == english  # no French catalogue: Telegram falls back to the default menu
    assert tg.menu_in("group", "de") == []  # still nothing in groups


async def test_texts_are_looked_up_where_they_are_read_in_the_current_language():
    import asyncio

    from bot.common import texts as t

    assert t.B_HELP == "Help"
    with i18n.speaking("de-DE"):
        assert (t.B_NEW, t.B_HELP) == ("Neue Nachbesprechung", "Hilfe")
        assert t.GREETINGS == ["Dear {first},", "Hi {first},", "Hello {first},"]  # untranslated: as written

        async def elsewhere() -> str:  # another task (another user's turn) keeps its own language
            with i18n.speaking("en"):
                await asyncio.sleep(0)
                return t.B_HELP

        assert await asyncio.create_task(elsewhere()) == "Help"
        assert t.B_HELP == "Hilfe"
    assert t.B_HELP == "Help" and i18n.current_language() == "en"
