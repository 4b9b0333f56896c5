"""The debrief as one form (Slack's modal): every field checked at once, then the same drafts and ladder."""

from __future__ import annotations

from bot.flows.state import State
from bot.parsing import (
    Invalid,
    check_email,
    check_phone,
    clean_name,
    clean_text,
    parse_day,
    parse_moment,
    parse_timezone,
    region_for_zone,
)
from bot.store.models import Interview, InterviewStatus, Person, Promise
from bot.turn import Turn

FIELDS = (
    "company",
    "role",
    "when",
    "people",
    "open_questions",
    "challenges",
    "why_me",
    "assessment",
    "clarification",
    "next_steps",
    "decision",
    "my_promises",
    "their_promises",
)
PEOPLE_HINT = "One person per line: Name, role, email[, phone]."


def _people(text: str, tz: str) -> list[Person]:
    people = []
    for number, line in enumerate((ln for ln in text.splitlines() if ln.strip()), 1):
        parts = [p.strip() for p in line.split(",")]
        if len(parts) < 3:
            raise Invalid(f"Line {number}: {PEOPLE_HINT}")
        try:
            people.append(
                Person(
                    name=clean_name(parts[0]),
                    role=clean_text(parts[1], limit=200, what="role"),
                    email=check_email(parts[2]) if parts[2] else None,
                    phone=check_phone(parts[3], region_for_zone(tz)) if len(parts) > 3 and parts[3] else None,
                )
            )
        except Invalid as exc:
            raise Invalid(f"Line {number}: {exc}") from None
    if not people:
        raise Invalid(f"Add at least one person. {PEOPLE_HINT}")
    return people


def _promises(text: str, mine: bool, turn: Turn) -> list[Promise]:
    promises = []
    for line in (ln.strip() for ln in text.splitlines() if ln.strip()):
        what, _, when = line.rpartition(" by ")
        day = None
        if what and when:
            try:
                day = parse_day(when, turn.tz, turn.now)
            except Invalid:
                what = line
        else:
            what = line
        promises.append(Promise(mine=mine, what=clean_text(what, limit=300, what="description"), due_on=day))
    return promises


async def submit(turn: Turn, fields: dict[str, str], display_name: str, tz_hint: str | None) -> dict[str, str]:
    """Check every field; on success store the interview (status ACTIVE pending the caller's drafts).

    Returns the errors by field name; empty when the interview was stored and is `turn.interview()`.
    """
    if not turn.user.name:
        turn.user.name = clean_name(display_name or "Me")
    if not turn.user.timezone:
        turn.user.timezone = parse_timezone(tz_hint) if tz_hint else "UTC"
    values = {k: (fields.get(k) or "").strip() for k in FIELDS}
    errors: dict[str, str] = {}
    interview = Interview(user_id=turn.user.id, status=InterviewStatus.DEBRIEFING)

    def check(name: str, action) -> None:
        try:
            action()
        except Invalid as exc:
            errors[name] = str(exc)

    def required(name: str, attr: str, limit: int = 2000) -> None:
        if not values[name]:
            errors[name] = "Please fill this in."
            return
        check(name, lambda: setattr(interview, attr, clean_text(values[name], limit=limit)))

    required("company", "company", 200)
    required("role", "role", 200)
    required("challenges", "challenges")
    required("why_me", "why_me")
    if values["when"]:

        def when() -> None:
            moment = parse_moment(values["when"], turn.tz, turn.now)
            if (moment - turn.now).total_seconds() > 120:
                raise Invalid("That's in the future; use /upcoming for an interview still ahead.")
            interview.happened_at = moment

        check("when", when)
    else:
        interview.happened_at = turn.now
    people: list[Person] = []
    check("people", lambda: people.extend(_people(values["people"], turn.tz)))
    for name in ("open_questions", "next_steps"):
        if values[name]:
            check(name, lambda name=name: setattr(interview, name, clean_text(values[name])))
    assessment = values["assessment"].lower() or "well"
    if assessment not in {"well", "mixed", "rough"}:
        errors["assessment"] = "Choose went well, mixed or rough."
    interview.assessment = assessment
    if values["clarification"] and assessment != "well":
        check(
            "clarification", lambda: setattr(interview, "clarification", clean_text(values["clarification"], limit=300))
        )
    if values["decision"] and values["decision"].lower() not in {"not sure", "unsure", "?"}:

        def decision() -> None:
            interview.decision_on = parse_day(values["decision"], turn.tz, turn.now)
            interview.decision_text = values["decision"][:200]

        check("decision", decision)
    promises: list[Promise] = []
    check("my_promises", lambda: promises.extend(_promises(values["my_promises"], True, turn)))
    check("their_promises", lambda: promises.extend(_promises(values["their_promises"], False, turn)))
    if errors:
        return errors
    await turn.start_interview(interview)
    interview.people.extend(people)
    interview.promises.extend(promises)
    turn.conv.step = State.SUMMARY
    return {}
