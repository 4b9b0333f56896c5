"""The debrief's notes: open questions, the job's challenges, why you fit, how it went, next steps, and
when they expect to decide. Every answer is read by the field layer (bot/conversation/fields.py); a skipped optional
answer is simply left out."""

from __future__ import annotations

from datetime import date

from bot.common import texts as t
from bot.common.parsing.dates import Ambiguous, DayRange
from bot.common.parsing.text import shorten
from bot.common.parsing.words import say_date
from bot.conversation import fields
from bot.conversation.flows import dates
from bot.conversation.state import Flow, Handler, Next, Pairs, State, TextHandler, entry, fixed
from bot.conversation.turn import Turn

_COLUMN = {"open_questions": "open_questions", "challenges": "challenges", "why_me": "why_me"}


def note(key: str, following: State) -> TextHandler:
    async def on_text(turn: Turn, text: str) -> Next:
        setattr(await turn.require_interview(), _COLUMN.get(key, key), fields.note(key, text))
        return following

    return on_text


def skip_note(attr: str, following: State) -> Handler:
    async def on_skip(turn: Turn) -> Next:
        setattr(await turn.require_interview(), attr, None)
        turn.drop("offered")
        return following

    return on_skip


def assessment(value: str) -> Handler:
    async def on_choice(turn: Turn) -> Next:
        interview = await turn.require_interview()
        interview.assessment = value
        return State.CLARIFY

    return on_choice


async def on_assessment_text(turn: Turn, text: str) -> Next:
    """ "it went well", "so-so", "badly": the buttons' words in everyday variants; "mixed - I rambled on the budget
    question" is the assessment and the thing to set straight, which is then not asked again."""
    verdict, said = fields.assessment_and_note(text)
    following = await assessment(verdict)(turn)
    if said is not None and following == State.CLARIFY:
        (await turn.require_interview()).clarification = said
        turn.say(t.UNDERSTOOD.format(what=f"{verdict}; to set straight: “{shorten(said, 80)}”"))
        return State.NEXT_STEPS
    return following


async def on_clarify(turn: Turn, text: str) -> Next:
    (await turn.require_interview()).clarification = fields.clarification(text)
    return State.NEXT_STEPS


async def on_next_steps(turn: Turn, text: str) -> Next:
    """The next steps; a decision day inside ("they decide by the 11th") is offered at the next question."""
    told = fields.next_steps(text, turn.ctx)
    interview = await turn.require_interview()
    interview.next_steps = told.text if told else None
    turn.drop("offered")
    if told is not None and isinstance(told.decision, DayRange):
        turn.set(offered={"iso": told.decision.latest.isoformat(), "said": told.text[:200]})
    elif told is not None and isinstance(told.decision, Ambiguous):
        turn.set(offered={"iso": "", "said": told.text[:200]})
        return _ask_which_at_decision(turn, told.decision)
    return State.DECISION


def _ask_which_at_decision(turn: Turn, reading: Ambiguous) -> Next:
    # The question belongs to the decision state: ask it there.
    turn.set(
        pick={
            "state": State.DECISION.value,
            "question": fields.which_one(reading, turn.ctx),
            "options": fields.candidate_buttons(reading, turn.ctx),
        }
    )
    return State.DECISION


async def ask_decision(turn: Turn) -> tuple[str, Pairs]:
    picking = dates.picking(turn)
    if picking is not None:
        question, pairs = picking
        return question, [*pairs, (t.B_NOT_SURE, "ns")]
    offered = turn.scratch.get("offered")
    if offered and offered.get("iso"):
        day = say_date(date.fromisoformat(offered["iso"]), turn.tz, turn.now)
        text = t.Q_DECISION_OFFER.format(said=shorten(offered["said"], 120), day=day)
        return text, [(t.B_YES_DAY.format(day=day), "yes"), (t.B_NOT_SURE, "ns")]
    return t.Q_DECISION, [(t.B_NOT_SURE, "ns")]


async def _decided(turn: Turn, reading: DayRange, said: str) -> Next:
    interview = await turn.require_interview()
    interview.decision_on, interview.decision_text = reading.latest, said[:200]
    turn.drop("offered", "pick")
    dates.noted(turn, reading, "a decision")
    return State.MY_PROMISE


async def on_decision(turn: Turn, text: str) -> Next:
    try:
        reading = fields.decision(text, turn.ctx)
    except fields.Invalid:
        undated = fields.undated_decision(text)
        if undated is None:
            raise
        await decision_unknown(turn)
        interview = await turn.require_interview()
        interview.decision_text = undated.said
        if interview.next_steps is None and undated.next_steps:  # "they said hr will call": a next step
            interview.next_steps = undated.next_steps
        turn.say(t.DECISION_VAGUE.format(said=shorten(text, 80)))
        return State.MY_PROMISE
    if reading is None:
        return await decision_unknown(turn)
    if isinstance(reading, Ambiguous):
        return dates.ask_which(turn, reading)
    return await _decided(turn, reading, " ".join(text.split()))


async def take_offered(turn: Turn) -> Next:
    offered = turn.scratch.get("offered") or {}
    if not offered.get("iso"):
        raise fields.Invalid("Please type the day they expect to decide, or tap “Not sure”.")
    day = date.fromisoformat(offered["iso"])
    return await _decided(turn, DayRange(day, day), offered["said"])


async def pick_decision(turn: Turn, iso: str) -> Next:
    said = (turn.scratch.get("offered") or {}).get("said") or (turn.scratch.get("pick") or {}).get("question", "")
    reading = dates.picked(turn, iso)
    return await _decided(turn, reading, said)


async def decision_unknown(turn: Turn) -> Next:
    interview = await turn.require_interview()
    interview.decision_on, interview.decision_text = None, None
    turn.drop("offered", "pick")
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
        skip=skip_note("challenges", State.WHY_ME),
        section="challenges",
    ),
    entry(
        State.WHY_ME,
        Flow.DEBRIEF,
        fixed(t.Q_WHY_ME),
        {State.ASSESSMENT},
        text=note("why_me", State.ASSESSMENT),
        skip=skip_note("why_me", State.ASSESSMENT),
        section="challenges",
    ),
    entry(
        State.ASSESSMENT,
        Flow.DEBRIEF,
        fixed(t.Q_ASSESSMENT, (t.B_WELL, "well"), (t.B_MIXED, "mixed"), (t.B_ROUGH, "rough")),
        {State.NEXT_STEPS, State.CLARIFY},
        text=on_assessment_text,
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
        text=on_next_steps,
        skip=skip_note("next_steps", State.DECISION),
        section="next",
    ),
    entry(
        State.DECISION,
        Flow.DEBRIEF,
        ask_decision,
        {State.MY_PROMISE},
        text=on_decision,
        choices={"ns": decision_unknown, "yes": take_offered},
        no_more="ns",  # "no" to "shall I note a decision by ...?": no date noted
        prefixed={dates.PICK: pick_decision},
        skip=decision_unknown,
        section="next",
    ),
]
