"""What a field is besides how to read it (`Field`, `FIELDS`), who is answering (`Context`), and `Understood`."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from zoneinfo import ZoneInfo

from bot.common.parsing.zones import region_for_zone


@dataclass(frozen=True)
class Context:
    """Who is answering: their zone, the clock, and their country if they set one (else the zone's)."""

    tz: str
    now: datetime
    country: str | None = None

    @property
    def region(self) -> str | None:
        return region_for_zone(self.tz, self.country)

    @property
    def today(self) -> date:
        return self.now.astimezone(ZoneInfo(self.tz)).date()


@dataclass(frozen=True)
class Field:
    """What the chat and the forms need to know about a field besides how to read it."""

    key: str
    label: str
    optional: bool
    limit: int = 2000
    skip_hint: str = ""


FIELDS: dict[str, Field] = {
    f.key: f
    for f in (
        Field("company", "Company", False, 200),
        Field("role", "Role", False, 200),
        Field("when", "When", False, 120),
        Field("person_name", "Name", False, 120),
        Field("person_greeting", "Greeting", True, 120, "tap the greeting I suggest, or /skip"),
        Field("person_role", "Their role", True, 200, "/skip if you don't know it"),
        Field("person_email", "Email", True, 320, "/skip if you don't have it yet"),
        Field("person_phone", "Phone", True, 40, "/skip if you don't have one"),
        Field("open_questions", "Open questions", True, 2000, "/skip if there are none"),
        Field("challenges", "Challenges", True, 2000, "/skip if you can't say"),
        Field("why_me", "Why you", True, 2000, "/skip if you'd rather not say"),
        Field("assessment", "How it went", False, 40),
        Field("clarification", "To clarify", True, 300, "/skip if there's nothing to set right"),
        Field("next_steps", "Next steps", True, 2000, "/skip if they didn't say"),
        Field("decision", "Decision by", True, 200, "tap “Not sure” or /skip"),
        Field("promise", "Promise", True, 300, "tap “Nothing” or /skip"),
        Field("promise_when", "Promise date", True, 200, "tap “No date” or /skip"),
    )
}


def optional(key: str) -> bool:
    return FIELDS[key].optional


def skip_hint(key: str) -> str:
    """How to get past a question without an answer ("" for a required field)."""
    return FIELDS[key].skip_hint


@dataclass(frozen=True)
class Understood:
    """What a sentence plainly said (field -> value) and which of the wanted fields it did not say."""

    values: dict[str, object] = field(default_factory=dict)
    missing: tuple[str, ...] = ()
