"""The debrief's notes: open questions, the job's challenges, why you fit, how it went, next steps."""

from __future__ import annotations

from bot import templates as t
from bot.flows.state import Flow, Handler, Next, State, TextHandler, entry, fixed
from bot.parsing import clean_text, parse_day
from bot.turn import Turn


def note(attr: str, following: State, what: str = "answer") -> TextHandler:
    async def on_text(turn: Turn, text: str) -> Next:
        setattr(await turn.require_interview(), attr, clean_text(text, what=what))
        return following

    return on_text


def skip_note(attr: str, following: State) -> Handler:
    async def on_skip(turn: Turn) -> Next:
        setattr(await turn.require_interview(), attr, None)
        return following

    return on_skip


def assessment(value: str) -> Handler:
    async def on_choice(turn: Turn) -> Next:
        interview = await turn.require_interview()
        interview.assessment = value
        if value == "well":
            interview.clarification = None
            return State.NEXT_STEPS
        return State.CLARIFY

    return on_choice


async def on_clarify(turn: Turn, text: str) -> Next:
    clarification = clean_text(text, limit=300, what="line")
    (await turn.require_interview()).clarification = " ".join(clarification.split())
    return State.NEXT_STEPS


async def on_decision(turn: Turn, text: str) -> Next:
    interview = await turn.require_interview()
    day = parse_day(text, turn.tz, turn.now)
    interview.decision_on, interview.decision_text = day, clean_text(text, limit=200)
    turn.say(t.DECISION_CONFIRM.format(day=f"{day:%A} {day.day} {day:%B %Y}"))
    return State.MY_PROMISE


async def decision_unknown(turn: Turn) -> Next:
    interview = await turn.require_interview()
    interview.decision_on, interview.decision_text = None, None
    return State.MY_PROMISE


ENTRIES = [
    entry(
        State.OPEN_QUESTIONS,
        Flow.DEBRIEF,
        fixed(t.Q_OPEN_QUESTIONS),
        {State.CHALLENGES},
        text=note("open_questions", State.CHALLENGES),
        skip=skip_note("open_questions", State.CHALLENGES),
        section="notes",
    ),
    entry(
        State.CHALLENGES,
        Flow.DEBRIEF,
        fixed(t.Q_CHALLENGES),
        {State.WHY_ME},
        text=note("challenges", State.WHY_ME),
        section="challenges",
    ),
    entry(
        State.WHY_ME,
        Flow.DEBRIEF,
        fixed(t.Q_WHY_ME),
        {State.ASSESSMENT},
        text=note("why_me", State.ASSESSMENT),
        section="challenges",
    ),
    entry(
        State.ASSESSMENT,
        Flow.DEBRIEF,
        fixed(t.Q_ASSESSMENT, (t.B_WELL, "well"), (t.B_MIXED, "mixed"), (t.B_ROUGH, "rough")),
        {State.NEXT_STEPS, State.CLARIFY},
        choices={"well": assessment("well"), "mixed": assessment("mixed"), "rough": assessment("rough")},
        section="assessment",
    ),
    entry(
        State.CLARIFY,
        Flow.DEBRIEF,
        fixed(t.Q_CLARIFY),
        {State.NEXT_STEPS},
        text=on_clarify,
        skip=skip_note("clarification", State.NEXT_STEPS),
        section="assessment",
    ),
    entry(
        State.NEXT_STEPS,
        Flow.DEBRIEF,
        fixed(t.Q_NEXT_STEPS),
        {State.DECISION},
        text=note("next_steps", State.DECISION),
        skip=skip_note("next_steps", State.DECISION),
        section="next",
    ),
    entry(
        State.DECISION,
        Flow.DEBRIEF,
        fixed(t.Q_DECISION, (t.B_NOT_SURE, "ns")),
        {State.MY_PROMISE},
        text=on_decision,
        choices={"ns": decision_unknown},
        skip=decision_unknown,
        section="next",
    ),
]
