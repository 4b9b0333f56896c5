"""The debrief's summary: every answer at a glance, a button per part to change it, and the drafts."""

from __future__ import annotations

from bot.common import texts as t
from bot.common import when as timewords
from bot.common.parsing.contacts import format_phone
from bot.conversation.flows.drafts import after_plan
from bot.conversation.flows.state import Flow, Handler, Next, Pairs, State, entry, local
from bot.conversation.turn import Turn
from bot.drafts.writer.cleaning import title_case
from bot.followups import ladder
from bot.store.models import Interview, InterviewStatus

# The question each part of the summary starts from when the user edits it.
SECTION_START = {
    "company": State.COMPANY, "when": State.WHEN, "people": State.PEOPLE_EDIT, "notes": State.OPEN_QUESTIONS,
    "challenges": State.CHALLENGES, "assessment": State.ASSESSMENT, "next": State.NEXT_STEPS,
    "mine": State.MY_PROMISE, "theirs": State.THEIR_PROMISE,
}  # fmt: skip
# What a finished or cancelled debrief leaves behind in the conversation's scratch data.
DEBRIEF_SCRATCH = ("editing", "person_id", "person_open", "promise_id", "promise_open", "from_upcoming")
DEBRIEF_SCRATCH += ("promise_ids",)
DEBRIEF_SCRATCH += ("greet", "pick", "offered", "when_day")
DEBRIEF_SCRATCH += (
    "shorten",
    "plan_text",
    "draft_follow_up",
    "fix_person",
    "fix_field",
)  # bot/conversation/flows/drafts.py


def summary_text(turn: Turn, interview: Interview) -> str:
    def show(value: str | None) -> str:
        return value if value else "(none)"

    people = "\n".join(
        f"  • {p.name}, {p.role or 'no role'}, {p.email or 'no email yet'}"
        + (f", {format_phone(p.phone)}" if p.phone else "")
        + (f"; you discussed: {p.topic}" if p.topic else "")
        for p in interview.people
    )
    promises_mine = "; ".join(
        f"{p.what}" + (f" by {timewords.short_date(p.due_on)}" if p.due_on else "")
        for p in interview.promises
        if p.mine
    )
    promises_theirs = "; ".join(
        f"{p.what}" + (f" by {timewords.short_date(p.due_on)}" if p.due_on else "")
        for p in interview.promises
        if not p.mine
    )
    assessment = t.ASSESSMENT_WORDS.get(interview.assessment or "", "(not given)")
    if interview.clarification:
        assessment += f"; to clarify: {interview.clarification}"
    decision = timewords.long_date(interview.decision_on) if interview.decision_on else "not sure"
    lines = [
        t.SUMMARY_HEAD,
        "",
        f"{title_case(interview.role)} at {title_case(interview.company)}, {local(turn, interview.happened_at) if interview.happened_at else '(time not given)'}",
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


async def ask_summary(turn: Turn) -> tuple[str, Pairs]:
    interview = await turn.require_interview()
    pairs = [(t.B_WRITE_DRAFTS, "drafts")] + [(label, f"e_{key}") for key, label in t.EDIT_LABELS.items()]
    return summary_text(turn, interview), pairs


def edit(section: str) -> Handler:
    async def on_choice(turn: Turn) -> Next:
        interview = await turn.require_interview()
        if section in {"mine", "theirs"}:
            # Re-telling a list replaces it, which is simpler to follow than editing items in place.
            for promise in [p for p in interview.promises if p.mine == (section == "mine")]:
                interview.promises.remove(promise)
        turn.set(editing=section)
        return SECTION_START[section]

    return on_choice


async def finish_debrief(turn: Turn) -> Next:
    """Plan the follow-ups, then (after a one-line version of any note too long to use) show the drafts."""
    interview = await turn.require_interview()
    interview.status = InterviewStatus.ACTIVE
    interview.debriefed_at = turn.now
    plan = await ladder.plan_after_debrief(turn, interview)
    return await after_plan(turn, interview, plan)


ENTRIES = [
    entry(
        State.SUMMARY,
        Flow.DEBRIEF,
        ask_summary,
        {State.IDLE, State.DRAFT_SHORTEN, *SECTION_START.values()},
        choices={"drafts": finish_debrief, **{f"e_{key}": edit(key) for key in SECTION_START}},
    ),
]
