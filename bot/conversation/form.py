"""The debrief as one form (Slack's modal): every field checked at once, then the same drafts and ladder."""

from __future__ import annotations

from bot.common.parsing.moments import DayOnly, Moment, at_local
from bot.common.parsing.text import Invalid, clean_name, clean_text, shorten
from bot.common.parsing.words import say_date
from bot.common.parsing.zones import parse_timezone
from bot.conversation import fields
from bot.conversation.fields.people import unnamed_role
from bot.conversation.fields.spec import FIELDS as FIELD_SPECS
from bot.conversation.fields.spec import FORM_ORDER, Context, form_optional
from bot.conversation.flows.promises import interviewer
from bot.conversation.state import State
from bot.conversation.turn import Turn
from bot.store.models import Interview, InterviewStatus, Person, Promise

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
# The form's blocks as (field, label, hint, multiline, optional), all derived from the one field table
# (bot/conversation/fields/spec.py): a block is optional exactly when the chat lets its fields be skipped.
FORM_FIELDS: tuple[tuple[str, str, str, bool, bool], ...] = tuple(
    (key, spec.form.label, spec.form.hint, spec.form.multiline, form_optional(key))
    for key in FORM_ORDER
    if (spec := FIELD_SPECS[key]).form is not None
)
PEOPLE_HINT = "One person per line: Name, role, email[, phone], or a sentence such as “Maria, the EM, maria@x.com”."


def _people(text: str, ctx: Context) -> list[Person]:
    """One person per line, read by the same field layer as the chat's answers."""
    people = []
    for number, line in enumerate((ln for ln in text.splitlines() if ln.strip()), 1):
        parts = [p.strip() for p in line.split(",")]
        try:
            if len(parts) >= 3 and parts[2] and "@" not in line:
                raise Invalid(f"“{shorten(parts[2], 80)}” is not a valid email address. {PEOPLE_HINT}")
            placeholder = fields.unnamed_person(line)
            if placeholder is not None:  # "didnt catch her name, the HR lady": noted as described, as in the chat
                people.append(Person(name=placeholder, role=unnamed_role(placeholder)))
                continue
            for said in fields.several_people(line):  # "Maria from HR and her boss Tom": two people, as in the chat
                understood = fields.read_person(said, ctx)
                name = understood.values.get("person_name")
                if name is None:
                    raise Invalid(f"I can't find a name on this line. {PEOPLE_HINT}")
                people.append(
                    Person(
                        name=name.name,
                        role=understood.values.get("person_role"),
                        email=understood.values.get("person_email"),
                        phone=understood.values.get("person_phone"),
                    )
                )
        except Invalid as exc:
            raise Invalid(f"Line {number}: {exc}") from None
    if not people:
        raise Invalid(f"Add at least one person. {PEOPLE_HINT}")
    return people


def _promises(text: str, mine: bool, ctx: Context) -> list[tuple[Promise, str | None]]:
    """One promise per line; a day in the line ("two references by Friday") is its date, and a name in it
    ("Laura will send me the brand guidelines") says who promised it (matched to the people once stored)."""
    promises = []
    for number, line in enumerate((ln.strip() for ln in text.splitlines() if ln.strip()), 1):
        try:
            told = fields.promise(line, ctx)
            if told is None:
                continue
            dues = [fields.settled(item.due, ctx) for item in told.items]
        except Invalid as exc:
            raise Invalid(f"Line {number}: {exc}") from None
        side = mine if told.mine is None else told.mine  # "they'll send me a timeline" is theirs in either box
        for item, due in zip(told.items, dues, strict=True):
            who = item.who or told.who  # "..., and zhang said he'd send the org chart": that item's promiser
            promises.append((Promise(mine=side, what=item.what, due_on=due.latest if due else None), who))
    return promises


async def submit(turn: Turn, form: dict[str, str], display_name: str, tz_hint: str | None) -> dict[str, str]:
    """Check every field; on success store the interview (status ACTIVE pending the caller's drafts).

    Returns the errors by field name; empty when the interview was stored and is `turn.interview()`.
    """
    if not turn.user.name:
        turn.user.name = clean_name(display_name or "Me")
    if not turn.user.timezone:
        turn.user.timezone = parse_timezone(tz_hint) if tz_hint else "UTC"
    values = {k: (form.get(k) or "").strip() for k in FIELDS}
    ctx = turn.ctx
    errors: dict[str, str] = {}
    interview = Interview(user_id=turn.user.id, status=InterviewStatus.DEBRIEFING)

    def check(name: str, action) -> None:
        try:
            action()
        except Invalid as exc:
            errors[name] = str(exc)

    def required(name: str, read) -> None:
        if not values[name]:
            errors[name] = "Please fill this in."
            return
        check(name, lambda: setattr(interview, name, read(values[name])))

    for name in FIELDS:  # a required block left blank: said on that block (the same rule as the chat's)
        spec = FIELD_SPECS.get(name)
        if spec and spec.form and not form_optional(name) and not values[name] and name not in {"company", "role"}:
            errors[name] = "Please fill this in."

    # The company box read as the chat reads the company question: "product designer at Figma", or a whole
    # sentence with the role and the time ("had my interview with Baker & Co for the junior analyst role at 10").
    understood: dict[str, object] = {}
    check("company", lambda: understood.update(fields.read_interview(values["company"], ctx).values))
    if not values["role"] and "role" in understood:
        values["role"] = str(understood["role"])
    if not values["when"] and "when" in understood:
        said = understood["when"]
        interview.happened_at = said.at if isinstance(said, Moment) else None
    if "company" in understood:
        interview.company = str(understood["company"])
    elif not values["company"]:
        errors["company"] = "Please fill this in."
    required("role", fields.role)
    if values["when"] or interview.happened_at is not None:

        def when() -> None:
            if not values["when"]:
                return
            reading = fields.when(values["when"], ctx)
            if isinstance(reading, DayOnly) and reading.usual is not None:  # a form can't ask: the part's usual time
                reading = Moment(at_local(reading.day, reading.usual, ctx.tz), approximate=True)
            if isinstance(reading, DayOnly):
                raise Invalid(
                    f"What time on {say_date(reading.day, ctx.tz, ctx.now)}? Add it, e.g. “yesterday at 10:00”, "
                    "“this morning” or “Monday 3pm”."
                )
            if not isinstance(reading, Moment):
                raise Invalid(fields.which_one(reading, ctx) + " Please write the day in words, e.g. 2 December 10:00.")
            interview.happened_at = reading.at

        check("when", when)
    else:
        interview.happened_at = turn.now
    if interview.happened_at is None and "when" in understood:  # a day without a time in the company box
        reading = understood["when"]
        usual = getattr(reading, "usual", None)
        if usual is None:
            errors["when"] = "What time was it? Add it, e.g. “yesterday at 10:00”."
        else:
            interview.happened_at = at_local(reading.day, usual, ctx.tz)
    people: list[Person] = []
    if values["people"]:
        check("people", lambda: people.extend(_people(values["people"], ctx)))
    for name in ("open_questions", "challenges", "why_me"):  # optional in the chat, so in the form
        if values[name]:
            check(name, lambda name=name: setattr(interview, name, fields.note(name, values[name])))
    offered = None
    if values["next_steps"]:

        def steps() -> None:
            nonlocal offered
            told = fields.next_steps(values["next_steps"], ctx)
            interview.next_steps = told.text if told else None
            offered = told.decision if told else None

        check("next_steps", steps)
    interview.assessment = "well"
    if values["assessment"]:
        check("assessment", lambda: setattr(interview, "assessment", fields.assessment(values["assessment"])))
    if values["assessment"] and not values["clarification"] and interview.assessment != "well":
        check(
            "assessment",
            lambda: setattr(interview, "clarification", fields.assessment_and_note(values["assessment"])[1]),
        )
    if values["clarification"]:  # asked after every assessment in the chat too ("or add")
        check(
            "clarification", lambda: setattr(interview, "clarification", fields.clarification(values["clarification"]))
        )

    def decision() -> None:
        try:
            reading = fields.settled(fields.decision(values["decision"], ctx) if values["decision"] else offered, ctx)
        except Invalid:
            undated = fields.undated_decision(values["decision"]) if values["decision"] else None
            if undated is None:
                raise
            interview.decision_text = undated.said  # as the chat keeps it: no day, the words
            if interview.next_steps is None and undated.next_steps:
                interview.next_steps = undated.next_steps
            return
        if reading is not None:
            interview.decision_on = reading.latest
            interview.decision_text = clean_text(values["decision"] or values["next_steps"], limit=200)

    check("decision", decision)
    promises: list[tuple[Promise, str | None]] = []
    check("my_promises", lambda: promises.extend(_promises(values["my_promises"], True, ctx)))
    check("their_promises", lambda: promises.extend(_promises(values["their_promises"], False, ctx)))
    if errors:
        return errors
    await turn.start_interview(interview)
    interview.people.extend(people)
    interview.promises.extend(promise for promise, _ in promises)
    named = [(promise, who) for promise, who in promises if who and not promise.mine]
    if named:
        await turn.session.flush()  # the people's ids, to say who promised what
        for promise, who in named:
            person = interviewer(interview, who)
            promise.person_id = person.id if person is not None else None
            promise.promised_by = None if person is not None else fields.promiser(who)  # as the chat notes it
    turn.conv.step = State.SUMMARY
    return {}
