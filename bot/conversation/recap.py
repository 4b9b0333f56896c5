"""The debrief in words: the summary shown before the drafts (and under a noticed reply's "Open the
debrief"), and the scratch keys a finished or cancelled debrief leaves behind. Outside `flows/`, so the
wings that show a debrief import it without importing the flow table."""

from __future__ import annotations

from bot.common import texts as t
from bot.common import when as timewords
from bot.common.parsing.contacts import format_phone
from bot.conversation.state import local
from bot.conversation.turn import Turn
from bot.drafts.writer.cleaning import title_case
from bot.store.models import Interview

# What a finished or cancelled debrief leaves behind in the conversation's scratch data.
DEBRIEF_SCRATCH = ("editing", "person_id", "person_open", "promise_id", "promise_open", "from_upcoming")
DEBRIEF_SCRATCH += ("promise_ids", "reopened", "answered_mine", "answered_theirs", "when_part", "when_at", "tz_options")
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
        f"{p.what}"
        + (f" by {timewords.short_date(p.due_on)}" if p.due_on else "")
        + (f" (from {p.promised_by})" if p.promised_by else "")
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
