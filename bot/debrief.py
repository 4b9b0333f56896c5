"""The debrief: an explicit state machine of questions, each stored as soon as it is answered.

`STEPS` maps every step to its question and the handlers of its answers; each handler stores the
answer and moves the conversation on with `turn.goto(...)`. See docs/conversation.mmd.
"""

from __future__ import annotations

import enum
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

from bot import templates as t
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


class Step(enum.StrEnum):
    IDLE = "idle"
    ASK_NAME = "ask_name"
    ASK_TZ = "ask_tz"
    COMPANY = "company"
    ROLE = "role"
    WHEN = "when"
    PERSON_NAME = "person_name"
    PERSON_ROLE = "person_role"
    PERSON_EMAIL = "person_email"
    PERSON_PHONE = "person_phone"
    PERSON_MORE = "person_more"
    PEOPLE_EDIT = "people_edit"
    OPEN_QUESTIONS = "open_questions"
    CHALLENGES = "challenges"
    WHY_ME = "why_me"
    ASSESSMENT = "assessment"
    CLARIFY = "clarify"
    NEXT_STEPS = "next_steps"
    DECISION = "decision"
    MY_PROMISE = "my_promise"
    MY_PROMISE_WHEN = "my_promise_when"
    MY_PROMISE_MORE = "my_promise_more"
    THEIR_PROMISE = "their_promise"
    THEIR_PROMISE_WHEN = "their_promise_when"
    THEIR_PROMISE_MORE = "their_promise_more"
    SUMMARY = "summary"
    # Registering an interview that has not happened yet.
    UP_COMPANY = "up_company"
    UP_ROLE = "up_role"
    UP_WHEN = "up_when"
    # Settings.
    SET_MENU = "set_menu"
    SET_NAME = "set_name"
    SET_TZ = "set_tz"
    SET_QUIET = "set_quiet"


# The part of the summary each step belongs to, so an edit returns to the summary when it is done.
SECTION = {
    Step.COMPANY: "company", Step.ROLE: "company", Step.WHEN: "when",
    Step.PERSON_NAME: "people", Step.PERSON_ROLE: "people", Step.PERSON_EMAIL: "people",
    Step.PERSON_PHONE: "people", Step.PERSON_MORE: "people", Step.PEOPLE_EDIT: "people",
    Step.OPEN_QUESTIONS: "notes", Step.CHALLENGES: "challenges", Step.WHY_ME: "challenges",
    Step.ASSESSMENT: "assessment", Step.CLARIFY: "assessment", Step.NEXT_STEPS: "next",
    Step.DECISION: "next", Step.MY_PROMISE: "mine", Step.MY_PROMISE_WHEN: "mine",
    Step.MY_PROMISE_MORE: "mine", Step.THEIR_PROMISE: "theirs", Step.THEIR_PROMISE_WHEN: "theirs",
    Step.THEIR_PROMISE_MORE: "theirs",
}  # fmt: skip
SECTION_START = {
    "company": Step.COMPANY, "when": Step.WHEN, "people": Step.PEOPLE_EDIT, "notes": Step.OPEN_QUESTIONS,
    "challenges": Step.CHALLENGES, "assessment": Step.ASSESSMENT, "next": Step.NEXT_STEPS,
    "mine": Step.MY_PROMISE, "theirs": Step.THEIR_PROMISE,
}  # fmt: skip
DEBRIEF_STEPS = frozenset(SECTION) | {Step.SUMMARY}
ONBOARDING_STEPS = frozenset({Step.ASK_NAME, Step.ASK_TZ})
UPCOMING_STEPS = frozenset({Step.UP_COMPANY, Step.UP_ROLE, Step.UP_WHEN})
SETTINGS_STEPS = frozenset({Step.SET_MENU, Step.SET_NAME, Step.SET_TZ, Step.SET_QUIET})
IDLE_LIKE = frozenset({Step.IDLE})

Handler = Callable[[Turn], Awaitable[None]]
TextHandler = Callable[[Turn, str], Awaitable[None]]
Asker = Callable[[Turn], Awaitable[tuple[str, list[tuple[str, str]]]]]


@dataclass(frozen=True)
class Question:
    """A step: how to ask it, and what typed text, each button and /skip do."""

    ask: Asker
    text: TextHandler | None = None
    choices: dict[str, Handler] = field(default_factory=dict)
    skip: Handler | None = None


def advance(turn: Turn, step: Step) -> None:
    """Go to `step`, or back to the summary when an edit of one part is finished."""
    editing = turn.scratch.get("editing")
    if editing and SECTION.get(step) != editing:
        turn.drop("editing")
        step = Step.SUMMARY
    turn.goto(step)


def local(turn: Turn, moment: datetime) -> str:
    zone = ZoneInfo(turn.tz)
    when = moment.astimezone(zone)
    today = turn.now.astimezone(zone).date()
    day = {0: "today", -1: "yesterday", 1: "tomorrow"}.get((when.date() - today).days)
    day = day or f"{when:%A} {when.day} {when:%B %Y}"
    return f"{day} at {when:%H:%M} ({turn.tz})"


def fixed(text: str, *pairs: tuple[str, str]) -> Asker:
    async def ask(_turn: Turn) -> tuple[str, list[tuple[str, str]]]:
        return text, list(pairs)

    return ask


# ---- onboarding -----------------------------------------------------------------------------


async def ask_tz(turn: Turn) -> tuple[str, list[tuple[str, str]]]:
    hint = turn.scratch.get("tz_hint")
    if hint:
        return t.ASK_TZ_DEFAULT.format(tz=hint), [(t.B_KEEP_TZ.format(tz=hint), "keep")]
    return t.ASK_TZ, []


async def on_name(turn: Turn, text: str) -> None:
    turn.user.name = clean_name(text)
    if turn.conv.step == Step.ASK_NAME:
        turn.goto(Step.ASK_TZ)
    else:
        turn.say(f"From now on I'll sign your emails “{turn.user.name}”.")
        turn.goto(Step.SET_MENU)


async def set_tz(turn: Turn, zone: str) -> None:
    old = turn.user.timezone
    turn.user.timezone = zone
    if old and old != zone:
        await keep_local_times(turn, old, zone)
    now_there = turn.now.astimezone(ZoneInfo(zone))
    turn.say(t.TZ_SET.format(tz=zone, local=f"{now_there:%H:%M}"))
    if turn.conv.step == Step.SET_TZ:
        turn.goto(Step.SET_MENU)
        return
    # Onboarding done: go on with what the user first asked for.
    then = turn.scratch.get("then")
    turn.drop("then", "tz_hint")
    if then == "upcoming":
        # As /upcoming does: the answers need an interview row to go into.
        await turn.start_interview(Interview(user_id=turn.user.id, status=InterviewStatus.DEBRIEFING))
        turn.set(history=[])
        turn.goto(Step.UP_COMPANY, remember=False)
    elif then == "new":
        await begin_debrief(turn)
    else:
        turn.choose(t.READY.format(name=turn.user.name), [(t.B_NEW, "new"), (t.B_UPCOMING, "upc")])
        turn.goto(Step.IDLE)


async def keep_local_times(turn: Turn, old: str, new: str) -> None:
    """After a move to another zone, pending reminders keep their local wall time (09:00 stays 09:00)."""
    from sqlalchemy import select

    from bot.store.models import Reminder, ReminderState

    rows = await turn.session.scalars(
        select(Reminder).where(Reminder.user_id == turn.user.id, Reminder.state == ReminderState.SCHEDULED)
    )
    for reminder in rows:
        for attr in ("due_at", "send_after"):
            wall = getattr(reminder, attr).astimezone(ZoneInfo(old)).replace(tzinfo=None)
            setattr(reminder, attr, max(wall.replace(tzinfo=ZoneInfo(new)), turn.now))
        turn.planned_for(reminder.send_after)


async def on_tz(turn: Turn, text: str) -> None:
    await set_tz(turn, parse_timezone(text))


async def keep_tz(turn: Turn) -> None:
    await set_tz(turn, parse_timezone(turn.scratch["tz_hint"]))


# ---- company, role, time ------------------------------------------------------------------


async def begin_debrief(turn: Turn, interview: Interview | None = None) -> None:
    """Start a debrief, of a new interview or of one registered with /upcoming."""
    if interview is None:
        interview = Interview(user_id=turn.user.id, status=InterviewStatus.DEBRIEFING)
        await turn.start_interview(interview)
        turn.set(history=[])
        turn.goto(Step.COMPANY, remember=False)
        return
    interview.status = InterviewStatus.DEBRIEFING
    turn.conv.interview_id = interview.id
    turn._interview = interview
    turn.set(history=[])
    turn.say(f"Let's debrief your interview at {interview.company} ({interview.role}).")
    turn.goto(Step.PERSON_NAME, remember=False)


async def on_company(turn: Turn, text: str) -> None:
    (await turn.require_interview()).company = clean_text(text, limit=200, what="company name")
    advance(turn, Step.ROLE)


async def on_role(turn: Turn, text: str) -> None:
    (await turn.require_interview()).role = clean_text(text, limit=200, what="role")
    advance(turn, Step.WHEN)


async def on_when(turn: Turn, text: str) -> None:
    moment = parse_moment(text, turn.tz, turn.now)
    if moment > turn.now.replace(second=59) and (moment - turn.now).total_seconds() > 120:
        raise Invalid(t.WHEN_FUTURE.format(when=local(turn, moment)))
    (await turn.require_interview()).happened_at = moment
    turn.say(t.WHEN_CONFIRM.format(when=local(turn, moment)))
    advance(turn, Step.PERSON_NAME)


# ---- people -------------------------------------------------------------------------------


async def current_person(turn: Turn) -> Person:
    interview = await turn.require_interview()
    person_id = turn.scratch.get("person_id")
    for person in interview.people:
        if person.id == person_id:
            return person
    raise LookupError("person not found")


async def ask_person_name(turn: Turn) -> tuple[str, list[tuple[str, str]]]:
    interview = await turn.require_interview()
    return (t.Q_PERSON_NAME_NEXT if interview.people else t.Q_PERSON_NAME), []


async def on_person_name(turn: Turn, text: str) -> None:
    interview = await turn.require_interview()
    name = clean_name(text)
    if turn.scratch.get("person_id") and turn.scratch.get("person_open"):
        person = await current_person(turn)
        person.name = name
    else:
        person = Person(name=name)
        interview.people.append(person)
        await turn.session.flush()
        turn.set(person_id=person.id, person_open=True)
    advance(turn, Step.PERSON_ROLE)


def person_asker(template: str) -> Asker:
    async def ask(turn: Turn) -> tuple[str, list[tuple[str, str]]]:
        return template.format(name=(await current_person(turn)).name), []

    return ask


async def on_person_role(turn: Turn, text: str) -> None:
    (await current_person(turn)).role = clean_text(text, limit=200, what="role")
    advance(turn, Step.PERSON_EMAIL)


async def on_person_email(turn: Turn, text: str) -> None:
    (await current_person(turn)).email = check_email(text)
    advance(turn, Step.PERSON_PHONE)


async def skip_person_email(turn: Turn) -> None:
    (await current_person(turn)).email = None
    advance(turn, Step.PERSON_PHONE)


async def on_person_phone(turn: Turn, text: str) -> None:
    person = await current_person(turn)
    person.phone = check_phone(text, region_for_zone(turn.tz))
    await person_done(turn, person)


async def skip_person_phone(turn: Turn) -> None:
    person = await current_person(turn)
    person.phone = None
    await person_done(turn, person)


async def person_done(turn: Turn, person: Person) -> None:
    turn.set(person_open=False)
    turn.say(t.PERSON_ADDED.format(name=person.name, role=person.role or "no role given"))
    advance(turn, Step.PERSON_MORE)


async def add_person(turn: Turn) -> None:
    turn.drop("person_id", "person_open")
    advance(turn, Step.PERSON_NAME)


async def everyone(turn: Turn) -> None:
    interview = await turn.require_interview()
    if not interview.people:
        raise Invalid(t.NEED_ONE_PERSON)
    turn.drop("person_id", "person_open")
    advance(turn, Step.OPEN_QUESTIONS)


async def ask_people_edit(turn: Turn) -> tuple[str, list[tuple[str, str]]]:
    interview = await turn.require_interview()
    pairs = [(t.B_REMOVE.format(name=p.name)[:60], f"rm_{p.id}") for p in interview.people]
    return t.PEOPLE_EDIT, [*pairs, (t.B_ADD_PERSON, "add"), (t.B_DONE_EDITING, "done")]


async def people_done(turn: Turn) -> None:
    interview = await turn.require_interview()
    if not interview.people:
        raise Invalid(t.NEED_ONE_PERSON)
    turn.drop("editing")
    turn.goto(Step.SUMMARY)


async def remove_person(turn: Turn, person_id: int) -> None:
    interview = await turn.require_interview()
    for person in list(interview.people):
        if person.id == person_id:
            interview.people.remove(person)
            turn.say(t.PERSON_REMOVED.format(name=person.name))
    turn.goto(Step.PEOPLE_EDIT, remember=False)


# ---- notes --------------------------------------------------------------------------------


def note(attr: str, following: Step, what: str = "answer") -> TextHandler:
    async def on_text(turn: Turn, text: str) -> None:
        setattr(await turn.require_interview(), attr, clean_text(text, what=what))
        advance(turn, following)

    return on_text


def skip_note(attr: str, following: Step) -> Handler:
    async def on_skip(turn: Turn) -> None:
        setattr(await turn.require_interview(), attr, None)
        advance(turn, following)

    return on_skip


def assessment(value: str) -> Handler:
    async def on_choice(turn: Turn) -> None:
        interview = await turn.require_interview()
        interview.assessment = value
        if value == "well":
            interview.clarification = None
            advance(turn, Step.NEXT_STEPS)
        else:
            advance(turn, Step.CLARIFY)

    return on_choice


async def on_clarify(turn: Turn, text: str) -> None:
    clarification = clean_text(text, limit=300, what="line")
    (await turn.require_interview()).clarification = " ".join(clarification.split())
    advance(turn, Step.NEXT_STEPS)


async def on_decision(turn: Turn, text: str) -> None:
    interview = await turn.require_interview()
    day = parse_day(text, turn.tz, turn.now)
    interview.decision_on, interview.decision_text = day, clean_text(text, limit=200)
    turn.say(t.DECISION_CONFIRM.format(day=f"{day:%A} {day.day} {day:%B %Y}"))
    advance(turn, Step.MY_PROMISE)


async def decision_unknown(turn: Turn) -> None:
    interview = await turn.require_interview()
    interview.decision_on, interview.decision_text = None, None
    advance(turn, Step.MY_PROMISE)


# ---- promises -----------------------------------------------------------------------------


def promise_steps(mine: bool) -> tuple[Step, Step, Step, Step]:
    if mine:
        return Step.MY_PROMISE, Step.MY_PROMISE_WHEN, Step.MY_PROMISE_MORE, Step.THEIR_PROMISE
    return Step.THEIR_PROMISE, Step.THEIR_PROMISE_WHEN, Step.THEIR_PROMISE_MORE, Step.SUMMARY


async def current_promise(turn: Turn) -> Promise:
    interview = await turn.require_interview()
    for promise in interview.promises:
        if promise.id == turn.scratch.get("promise_id"):
            return promise
    raise LookupError("promise not found")


def on_promise(mine: bool) -> TextHandler:
    async def on_text(turn: Turn, text: str) -> None:
        interview = await turn.require_interview()
        what = clean_text(text, limit=300, what="description")
        if turn.scratch.get("promise_open"):
            (await current_promise(turn)).what = what
        else:
            promise = Promise(mine=mine, what=what)
            interview.promises.append(promise)
            await turn.session.flush()
            turn.set(promise_id=promise.id, promise_open=True)
        advance(turn, promise_steps(mine)[1])

    return on_text


def promise_when_asker(mine: bool) -> Asker:
    async def ask(turn: Turn) -> tuple[str, list[tuple[str, str]]]:
        template = t.Q_MY_PROMISE_WHEN if mine else t.Q_THEIR_PROMISE_WHEN
        return template.format(what=(await current_promise(turn)).what[:80]), [(t.B_NO_DATE, "nodate")]

    return ask


def on_promise_when(mine: bool) -> TextHandler:
    async def on_text(turn: Turn, text: str) -> None:
        promise = await current_promise(turn)
        promise.due_on = parse_day(text, turn.tz, turn.now)
        turn.set(promise_open=False)
        advance(turn, promise_steps(mine)[2])

    return on_text


def promise_no_date(mine: bool) -> Handler:
    async def on_choice(turn: Turn) -> None:
        (await current_promise(turn)).due_on = None
        turn.set(promise_open=False)
        advance(turn, promise_steps(mine)[2])

    return on_choice


def promise_more(mine: bool) -> Handler:
    async def on_choice(turn: Turn) -> None:
        turn.drop("promise_id", "promise_open")
        advance(turn, promise_steps(mine)[0])

    return on_choice


def promises_done(mine: bool) -> Handler:
    async def on_choice(turn: Turn) -> None:
        turn.drop("promise_id", "promise_open")
        advance(turn, promise_steps(mine)[3])

    return on_choice


async def edit_section(turn: Turn, section: str) -> None:
    interview = await turn.require_interview()
    if section in {"mine", "theirs"}:
        # Re-telling a list replaces it, which is simpler to follow than editing items in place.
        for promise in [p for p in interview.promises if p.mine == (section == "mine")]:
            interview.promises.remove(promise)
    turn.set(editing=section)
    turn.goto(SECTION_START[section])


# ---- the summary --------------------------------------------------------------------------


def summary_text(turn: Turn, interview: Interview) -> str:
    def show(value: str | None) -> str:
        return value if value else "(none)"

    people = "\n".join(
        f"  • {p.name}, {p.role or 'no role'}, {p.email or 'no email yet'}" + (f", {p.phone}" if p.phone else "")
        for p in interview.people
    )
    promises_mine = "; ".join(
        f"{p.what}" + (f" by {p.due_on:%d %b}" if p.due_on else "") for p in interview.promises if p.mine
    )
    promises_theirs = "; ".join(
        f"{p.what}" + (f" by {p.due_on:%d %b}" if p.due_on else "") for p in interview.promises if not p.mine
    )
    assessment = t.ASSESSMENT_WORDS.get(interview.assessment or "", "(not given)")
    if interview.clarification:
        assessment += f"; to clarify: {interview.clarification}"
    decision = f"{interview.decision_on:%d %B %Y}" if interview.decision_on else "not sure"
    lines = [
        t.SUMMARY_HEAD,
        "",
        f"{interview.role} at {interview.company}, {local(turn, interview.happened_at) if interview.happened_at else '(time not given)'}",
        f"People:\n{people}",
        f"Open questions: {show(interview.open_questions)}",
        f"Challenges: {show(interview.challenges)}",
        f"Why you: {show(interview.why_me)}",
        f"How it went: {assessment}",
        f"Next steps: {show(interview.next_steps)} (decision: {decision})",
        f"You promised: {show(promises_mine)}",
        f"They promised: {show(promises_theirs)}",
    ]
    return "\n".join(lines)


async def ask_summary(turn: Turn) -> tuple[str, list[tuple[str, str]]]:
    interview = await turn.require_interview()
    pairs = [(t.B_WRITE_DRAFTS, "drafts")] + [(label, f"e_{key}") for key, label in t.EDIT_LABELS.items()]
    return summary_text(turn, interview), pairs


# ---- /upcoming ----------------------------------------------------------------------------


async def on_up_when(turn: Turn, text: str) -> None:
    moment = parse_moment(text, turn.tz, turn.now, prefer="future")
    if moment <= turn.now:
        raise Invalid(f"That's already past ({local(turn, moment)}). For a past interview, use /new.")
    interview = await turn.require_interview()
    interview.happened_at = moment
    interview.status = InterviewStatus.UPCOMING
    from bot.ladder import plan_upcoming

    await plan_upcoming(turn, interview)
    turn.say(
        f"Noted: {interview.role} at {interview.company}, {local(turn, moment)}. I'll remind you an hour "
        "before, and invite you to debrief right after."
    )
    turn.conv.interview_id = None
    turn.goto(Step.IDLE)


async def on_up_company(turn: Turn, text: str) -> None:
    (await turn.require_interview()).company = clean_text(text, limit=200, what="company name")
    turn.goto(Step.UP_ROLE)


async def on_up_role(turn: Turn, text: str) -> None:
    (await turn.require_interview()).role = clean_text(text, limit=200, what="role")
    turn.goto(Step.UP_WHEN)


# ---- /settings ----------------------------------------------------------------------------


async def ask_settings(turn: Turn) -> tuple[str, list[tuple[str, str]]]:
    quiet = turn.user.quiet_hours or str(turn.settings.quiet_hours)
    text = (
        f"Your settings:\nName for signatures: {turn.user.name}\nTime zone: {turn.tz}\n"
        f"Quiet hours: {quiet} (no reminders then)\nWhat would you like to change?"
    )
    return text, [("Name", "name"), ("Time zone", "tz"), ("Quiet hours", "quiet"), (t.B_DONE_EDITING, "done")]


def goto_step(step: Step) -> Handler:
    async def on_choice(turn: Turn) -> None:
        turn.goto(step)

    return on_choice


async def settings_done(turn: Turn) -> None:
    turn.say("Settings saved.")
    turn.goto(Step.IDLE)


async def on_quiet(turn: Turn, text: str) -> None:
    from bot.config import parse_quiet_hours

    try:
        quiet = parse_quiet_hours(text)
    except ValueError as exc:
        raise Invalid(str(exc)) from None
    turn.user.quiet_hours = str(quiet)
    turn.say(f"Quiet hours: {quiet}.")
    turn.goto(Step.SET_MENU)


async def quiet_default(turn: Turn) -> None:
    turn.user.quiet_hours = None
    turn.say(f"Quiet hours back to the default: {turn.settings.quiet_hours}.")
    turn.goto(Step.SET_MENU)


# ---- the table ----------------------------------------------------------------------------

MINE, THEIRS = True, False

STEPS: dict[Step, Question] = {
    Step.ASK_NAME: Question(fixed(t.ASK_NAME), on_name),
    Step.ASK_TZ: Question(ask_tz, on_tz, {"keep": keep_tz}),
    Step.COMPANY: Question(fixed(t.Q_COMPANY), on_company),
    Step.ROLE: Question(fixed(t.Q_ROLE), on_role),
    Step.WHEN: Question(fixed(t.Q_WHEN), on_when),
    Step.PERSON_NAME: Question(ask_person_name, on_person_name),
    Step.PERSON_ROLE: Question(person_asker(t.Q_PERSON_ROLE), on_person_role),
    Step.PERSON_EMAIL: Question(person_asker(t.Q_PERSON_EMAIL), on_person_email, skip=skip_person_email),
    Step.PERSON_PHONE: Question(person_asker(t.Q_PERSON_PHONE), on_person_phone, skip=skip_person_phone),
    Step.PERSON_MORE: Question(
        fixed(t.Q_PERSON_MORE, (t.B_ADD_PERSON, "add"), (t.B_EVERYONE, "all")),
        choices={"add": add_person, "all": everyone},
    ),
    Step.PEOPLE_EDIT: Question(ask_people_edit, choices={"add": add_person, "done": people_done}),
    Step.OPEN_QUESTIONS: Question(
        fixed(t.Q_OPEN_QUESTIONS),
        note("open_questions", Step.CHALLENGES),
        skip=skip_note("open_questions", Step.CHALLENGES),
    ),
    Step.CHALLENGES: Question(fixed(t.Q_CHALLENGES), note("challenges", Step.WHY_ME)),
    Step.WHY_ME: Question(fixed(t.Q_WHY_ME), note("why_me", Step.ASSESSMENT)),
    Step.ASSESSMENT: Question(
        fixed(t.Q_ASSESSMENT, (t.B_WELL, "well"), (t.B_MIXED, "mixed"), (t.B_ROUGH, "rough")),
        choices={"well": assessment("well"), "mixed": assessment("mixed"), "rough": assessment("rough")},
    ),
    Step.CLARIFY: Question(fixed(t.Q_CLARIFY), on_clarify, skip=skip_note("clarification", Step.NEXT_STEPS)),
    Step.NEXT_STEPS: Question(
        fixed(t.Q_NEXT_STEPS), note("next_steps", Step.DECISION), skip=skip_note("next_steps", Step.DECISION)
    ),
    Step.DECISION: Question(
        fixed(t.Q_DECISION, (t.B_NOT_SURE, "ns")),
        on_decision,
        {"ns": decision_unknown},
        skip=decision_unknown,
    ),
    Step.MY_PROMISE: Question(
        fixed(t.Q_MY_PROMISE, (t.B_NOTHING, "none")),
        on_promise(MINE),
        {"none": promises_done(MINE)},
        skip=promises_done(MINE),
    ),
    Step.MY_PROMISE_WHEN: Question(
        promise_when_asker(MINE),
        on_promise_when(MINE),
        {"nodate": promise_no_date(MINE)},
        promise_no_date(MINE),
    ),
    Step.MY_PROMISE_MORE: Question(
        fixed(t.Q_MY_PROMISE_MORE, (t.B_ADD_MORE, "more"), (t.B_THATS_ALL, "done")),
        choices={"more": promise_more(MINE), "done": promises_done(MINE)},
    ),
    Step.THEIR_PROMISE: Question(
        fixed(t.Q_THEIR_PROMISE, (t.B_NOTHING, "none")),
        on_promise(THEIRS),
        {"none": promises_done(THEIRS)},
        skip=promises_done(THEIRS),
    ),
    Step.THEIR_PROMISE_WHEN: Question(
        promise_when_asker(THEIRS),
        on_promise_when(THEIRS),
        {"nodate": promise_no_date(THEIRS)},
        promise_no_date(THEIRS),
    ),
    Step.THEIR_PROMISE_MORE: Question(
        fixed(t.Q_THEIR_PROMISE_MORE, (t.B_ADD_MORE, "more"), (t.B_THATS_ALL, "done")),
        choices={"more": promise_more(THEIRS), "done": promises_done(THEIRS)},
    ),
    Step.SUMMARY: Question(ask_summary),  # its buttons are handled by the core (drafts, edits)
    Step.UP_COMPANY: Question(fixed(t.Q_COMPANY), on_up_company),
    Step.UP_ROLE: Question(fixed(t.Q_ROLE), on_up_role),
    Step.UP_WHEN: Question(fixed("When is it? E.g. “tomorrow 10:00” or “Friday at 2pm”."), on_up_when),
    Step.SET_MENU: Question(
        ask_settings,
        choices={
            "name": goto_step(Step.SET_NAME),
            "tz": goto_step(Step.SET_TZ),
            "quiet": goto_step(Step.SET_QUIET),
            "done": settings_done,
        },
    ),
    Step.SET_NAME: Question(fixed(t.ASK_NAME), on_name),
    Step.SET_TZ: Question(fixed(t.ASK_TZ), on_tz),
    Step.SET_QUIET: Question(
        fixed("Quiet hours, as HH:MM-HH:MM in your time (e.g. 22:00-07:30), or “off”.", ("Default", "default")),
        on_quiet,
        {"default": quiet_default},
    ),
}
