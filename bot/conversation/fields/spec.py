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
class FormBlock:
    """How a field shows in a form (Slack's modal): its label, a hint, one line or several, and which of the
    chat's fields it holds (a block of people holds each person's name, role, email and phone). Whether it is
    optional is not said here: it is the chat's rule for those fields (`form_optional`)."""

    label: str
    hint: str
    multiline: bool = False
    holds: tuple[str, ...] = ()
    default: str | None = None  # what a blank block means ("when" blank: just now)


@dataclass(frozen=True)
class Field:
    """What the chat and the forms need to know about a field besides how to read it."""

    key: str
    label: str
    optional: bool
    limit: int = 2000
    skip_hint: str = ""
    form: FormBlock | None = None


FIELDS: dict[str, Field] = {
    f.key: f
    for f in (
        Field("company", "Company", False, 200, form=FormBlock("Company", "Acme")),
        Field("role", "Role", False, 200, form=FormBlock("Role", "Backend engineer")),
        Field(
            "when",
            "When",
            False,
            120,
            form=FormBlock("When was the interview?", "just now, today 14:00, yesterday at 3pm", default="just now"),
        ),
        Field(
            "people",
            "People",
            False,
            2000,
            form=FormBlock(
                "Who interviewed you?",
                "One per line: Name, role, email[, phone]",
                True,
                ("person_name", "person_role", "person_email", "person_phone"),
            ),
        ),
        Field("person_name", "Name", False, 120),
        Field("person_greeting", "Greeting", True, 120, "tap the greeting I suggest, or /skip"),
        Field("person_role", "Their role", True, 200, "/skip if you don't know it"),
        Field("person_email", "Email", True, 320, "/skip if you don't have it yet"),
        Field("person_phone", "Phone", True, 40, "/skip if you don't have one"),
        Field(
            "open_questions",
            "Open questions",
            True,
            2000,
            "/skip if there are none",
            FormBlock("Ideas and questions still open", "What you would still like to ask", True),
        ),
        Field(
            "challenges",
            "Challenges",
            True,
            2000,
            "/skip if you can't say",
            FormBlock("The challenges of the job", "What they need solved", True),
        ),
        Field(
            "why_me",
            "Why you",
            True,
            2000,
            "/skip if you'd rather not say",
            FormBlock("Why you are up to them", "Your experience that fits", True),
        ),
        Field("assessment", "How it went", False, 40),
        Field(
            "clarification",
            "To clarify",
            True,
            300,
            "/skip if there's nothing to set right",
            FormBlock("Anything you would like to clarify", "One line, if it went less well"),
        ),
        Field(
            "next_steps",
            "Next steps",
            True,
            2000,
            "/skip if they didn't say",
            FormBlock("Next steps they told you", "A second round, a take-home, ...", True),
        ),
        Field(
            "decision",
            "Decision by",
            True,
            200,
            "tap “Not sure” or /skip",
            FormBlock("When do they expect to decide?", "next Friday, in two weeks, not sure"),
        ),
        Field("promise", "Promise", True, 300, "tap “Nothing” or /skip"),
        Field("promise_when", "Promise date", True, 200, "tap “No date” or /skip"),
        Field(
            "my_promises",
            "You promised",
            True,
            2000,
            form=FormBlock(
                "What you promised to send, and by when", "writing samples by Monday", True, ("promise", "promise_when")
            ),
        ),
        Field(
            "their_promises",
            "They promised",
            True,
            2000,
            form=FormBlock(
                "What they promised you, and by when", "the team's roadmap this week", True, ("promise", "promise_when")
            ),
        ),
    )
}


def form_optional(key: str) -> bool:
    """Whether a form's block may stay blank: exactly when the chat lets each field it holds be skipped (or a
    blank has a meaning of its own, as "when": just now). The chat and every form derive it from here."""
    spec = FIELDS[key]
    holds = (spec.form.holds if spec.form else ()) or (key,)
    required = [hold for hold in holds if not FIELDS[hold].optional]
    return not required or (spec.form is not None and spec.form.default is not None)


# The form's blocks, in order: every field that has a form block (the assessment is its own radio block).
FORM_ORDER = (
    "company", "role", "when", "people", "open_questions", "challenges", "why_me", "clarification", "next_steps",
    "decision", "my_promises", "their_promises",
)  # fmt: skip


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
