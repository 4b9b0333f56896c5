"""/export's calendar read back with icalendar: UIDs differ between two installs of the bot."""

from __future__ import annotations

from icalendar import Calendar

from bot.app import Followup
from bot.service.config import Settings
from bot.store.db import upgrade
from tests.support.driver import ChatUser
from tests.support.scripts import debrief, onboard


async def exported_calendar(app) -> Calendar:
    ada = ChatUser(app, "ada")
    await onboard(ada, "Ada Lovelace")
    await debrief(ada)
    await ada.taps("Write the drafts")
    await ada.says("/export")
    (ics,) = [f.content for r in ada.last for f in r.files if f.mime_type == "text/calendar"]
    return Calendar.from_ical(ics)


async def test_two_installs_give_the_same_follow_ups_different_uids(app, clock, tmp_path):
    other_url = f"sqlite:///{tmp_path / 'another-install.sqlite3'}"
    upgrade(other_url)
    other = Followup(Settings(database_url=other_url, FOLLOWUP_DATA_DIR=tmp_path, _env_file=None), clock)
    try:
        here, there = await exported_calendar(app), await exported_calendar(other)
    finally:
        await other.stop()
    events_here, events_there = here.walk("VEVENT"), there.walk("VEVENT")
    # The same user key, the same row ids and the same follow-ups on both installs...
    assert sorted(str(e["summary"]) for e in events_here) == sorted(str(e["summary"]) for e in events_there)
    assert len(events_here) == 4  # a thank-you each to Jane and Bob, what Ada promised, what they promised
    # ...yet no UID in common, so one calendar can hold both without one event replacing another.
    assert not {str(e["uid"]) for e in events_here} & {str(e["uid"]) for e in events_there}
    for event in events_here:
        assert event.walk("VALARM")
        assert "Data Engineer" in str(event["description"])
