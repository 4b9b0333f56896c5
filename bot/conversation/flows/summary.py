"""The debrief's summary: every answer at a glance, a button per part to change it, and the drafts."""

from __future__ import annotations

from bot.common import texts as t
from bot.conversation.flows.drafts import after_plan
from bot.conversation.recap import summary_text
from bot.conversation.state import Flow, Handler, Next, Pairs, State, entry
from bot.conversation.turn import Turn
from bot.followups import ladder
from bot.store.models import InterviewStatus

# The question each part of the summary starts from when the user edits it.
SECTION_START = {
    "company": State.COMPANY, "when": State.WHEN, "people": State.PEOPLE_EDIT, "notes": State.OPEN_QUESTIONS,
    "challenges": State.CHALLENGES, "assessment": State.ASSESSMENT, "next": State.NEXT_STEPS,
    "mine": State.MY_PROMISE, "theirs": State.THEIR_PROMISE,
}  # fmt: skip


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
    # Debriefed for the first time: no follow-up of this interview had a draft before this turn's plan, so no
    # draft of it was approved, edited or rewritten (a stored draft row is made only through one).
    first = interview.debriefed_at is None
    interview.status = InterviewStatus.ACTIVE
    interview.debriefed_at = turn.now
    plan = await ladder.plan_after_debrief(turn, interview)
    return await after_plan(turn, interview, plan, no_stored_drafts=first)


ENTRIES = [
    entry(
        State.SUMMARY,
        Flow.DEBRIEF,
        ask_summary,
        {State.IDLE, State.DRAFT_SHORTEN, *SECTION_START.values()},
        choices={"drafts": finish_debrief, **{f"e_{key}": edit(key) for key in SECTION_START}},
    ),
]
