"""The drafts after the debrief: a one-line version of a note too long to use, then each draft shown with
"Looks good", "Edit" and "Another version" (and "Correct details"), and editing one in the chat.

The buttons under a draft are actions on its follow-up (``d:<follow-up>:<op>``), so they work whenever the
draft is shown: after the debrief, under "Show draft", and on the second email's reminder.
"""

from __future__ import annotations

import re
from types import SimpleNamespace

from sqlalchemy import select

from bot.assist import chat as assist
from bot.common import texts as t
from bot.common.actions import Action, DraftOp, Kind
from bot.common.parsing.text import Invalid, clean_text, shorten
from bot.conversation.flows.personal import clean_topic
from bot.conversation.recap import DEBRIEF_SCRATCH
from bot.conversation.state import Flow, Next, Pairs, State, action, entry
from bot.conversation.turn import Turn
from bot.drafts import draft as drafts
from bot.drafts import edits as draft_text
from bot.drafts import review
from bot.drafts import store as ds
from bot.drafts import writer as w
from bot.drafts.draft import Draft
from bot.drafts.thank_you import thank_you_drafts
from bot.followups import kinds
from bot.followups.ladder import Plan
from bot.store.models import FollowUp, Interview

SHORT_WORDS = 20  # the longest one-line version of a note


# ---- after "Write the drafts" -------------------------------------------------------------------


def notes_to_shorten(turn: Turn, interview: Interview, memo: dict | None = None) -> list[str]:
    """What to ask before the drafts, in order: a debrief with every personal answer skipped ("generic"), the
    notes the thank-you drafts had to leave out as too long (their names), and the notes the check stops at
    ("check:<key>"); at most `review.MOST_QUESTIONS` in all. The drafts written for this are left in `memo`,
    for `show_written` to show without writing them again."""
    sender = turn.user.name or turn.user.display_name or "Me"
    written = thank_you_drafts(interview, sender, turn.tz, turn.now)
    if memo is not None:
        memo[ds.thank_you_mark(interview.id, {})] = written  # as compose finds them when no variant is stored
    short = interview.short_notes or {}
    flagged = list(dict.fromkeys(name for draft in written for name in draft.left_out if not short.get(name)))
    generic = [] if short.get("ok:generic") or _has_something(interview) else ["generic"]
    checked = [f"check:{q.key}" for q in review.questions(interview, sender) if q.key not in flagged]
    return (generic + flagged + checked)[: review.MOST_QUESTIONS]


def _has_something(interview: Interview) -> bool:
    """Whether any note would make the drafts personal: a topic, the challenges or why the user fits."""
    notes = [interview.challenges, interview.why_me, *(p.topic for p in interview.people)]
    return any(note and not w.is_filler(note) for note in notes) or not interview.people


async def after_plan(turn: Turn, interview: Interview, plan: Plan, *, no_stored_drafts: bool = False) -> Next:
    """Ask what the check and the writer need (a generic debrief, a note too long, a note the check stops
    at), keeping the plan's words for after them; else show the drafts and the plan. `no_stored_drafts`: the
    interview has no stored draft row (debriefed for the first time in this turn), so none is looked up."""
    memo: dict = {}  # the thank-yous, written once for both the check and the drafts shown
    with drafts.reading():  # and each piece they are written from once, for the drafts, the questions and the check
        flagged = notes_to_shorten(turn, interview, memo)
        if flagged:
            turn.set(shorten=flagged, plan_text=plan.text)
            return State.DRAFT_SHORTEN
        return await show_written(turn, interview, plan, memo, no_stored_drafts=no_stored_drafts)


async def show_written(
    turn: Turn,
    interview: Interview,
    plan: Plan | None = None,
    memo: dict | None = None,
    *,
    no_stored_drafts: bool = False,
) -> Next:
    """Each person's thank-you with its buttons and .eml, then the plan (just made, or its words kept in
    the scratch data while the user shortened notes); the debrief is done. `no_stored_drafts`: see `after_plan`
    (the drafts shown later, after the model wrote them, are looked up)."""
    follow_ups = plan.thank_yous if plan is not None else await thank_you_follow_ups(turn, interview)
    plan_text = plan.text if plan is not None else turn.scratch.get("plan_text")
    interview_id = interview.id

    async def say_drafts(now: Turn) -> None:
        shown = interview if now is turn else await now.session.get(Interview, interview_id)
        if shown is None:
            return
        now.say(t.DRAFTS_HEAD)
        rows = {} if no_stored_drafts and now is turn else await ds.stored(now.session, [interview_id])
        how = ds.Writing.of(now.user, now.now)
        # The thank-yous are written together, once for all of them (and once with the plan, when it was just made).
        memo_now: dict = memo if memo is not None and now is turn else {}
        for person in shown.people:
            follow_up_id = follow_ups.get(person.id)
            key = ds.DraftKey(interview_id, kinds.debrief_draft(), person.id)
            draft = ds.compose(shown, key, how, rows, memo_now)
            buttons = ds.review_buttons(follow_up_id) if follow_up_id is not None else ()
            text = draft.as_text() + (f"\n\n{t.DRAFT_BY_MODEL}" if ds.written_by_model(rows, key) else "")
            left = review.left_in(draft.body, shown, person)
            if left:
                text += "\n\n" + t.DRAFT_LEFT.format(what="; ".join(dict.fromkeys(f.message for f in left)))
            now.say(text, buttons, files=(draft.attachment(),))
        if shown.assessment in {"mixed", "rough"}:
            now.say(t.DRAFTS_ROUGH)
        if plan_text:
            now.say(plan_text)

    if interview.people and assist.writing_on(turn):
        # The model writes them after this turn is saved (no row locked meanwhile); the next turn shows them.
        rows = {} if no_stored_drafts else await ds.stored(turn.session, [interview_id])
        how, written = ds.Writing.of(turn.user, turn.now), {}
        asks = []
        for person in interview.people:
            key = ds.DraftKey(interview_id, kinds.debrief_draft(), person.id)
            asks.append(
                (key, assist.request(turn, interview, key, ds.compose(interview, key, how, rows, written)), None)
            )
        assist.write_then(turn, asks, say_drafts)
    else:
        await say_drafts(turn)
    turn.conv.interview_id = None
    turn.drop(*DEBRIEF_SCRATCH)
    return State.IDLE


async def thank_you_follow_ups(turn: Turn, interview: Interview) -> dict[int, int]:
    """The interview's thank-you follow-up ids by person (the last one, should a person have several)."""
    rows = await turn.session.execute(
        select(FollowUp.person_id, FollowUp.id)
        .where(FollowUp.interview_id == interview.id, FollowUp.kind == kinds.debrief_draft())
        .order_by(FollowUp.id)
    )
    return {person_id: follow_up_id for person_id, follow_up_id in rows if person_id is not None}


async def ask_shorten(turn: Turn) -> tuple[str, Pairs]:
    interview = await turn.require_interview()
    name = turn.scratch["shorten"][0]
    if name == "generic":
        first = interview.people[0].name if interview.people else "them"
        return t.Q_GENERIC.format(name=first), [(t.B_WRITE_ANYWAY, "out")]
    if name.startswith("check:"):
        key = name.split(":", 1)[1]
        sender = turn.user.name or turn.user.display_name or "Me"
        found = next((q for q in review.questions(interview, sender) if q.key == key), None)
        if found is not None:
            text = t.Q_CHECK.format(what=found.what, sentence=found.sentence, why=found.why)
            return text, [(t.B_USE_IT, "use"), (t.B_LEAVE_OUT, "out")]
        name = key
    note = " ".join((review.raw_note(interview, name) or "").split())
    shown = shorten(note, 400)
    what = t.NOTE_WORDS.get(name, name)
    return t.Q_SHORTEN.format(what=what, note=shown, most=SHORT_WORDS), [(t.B_LEAVE_OUT, "out")]


async def on_shorten(turn: Turn, text: str) -> Next:
    interview = await turn.require_interview()
    name = turn.scratch["shorten"][0]
    if name == "generic":
        person = interview.people[0] if interview.people else None
        if person is not None:
            person.topic = clean_topic(text)
        interview.short_notes = {**(interview.short_notes or {}), "ok:generic": "asked"}
        return await _next_note(turn, interview)
    key = name.split(":", 1)[1] if name.startswith("check:") else name
    line = clean_text(text, limit=400, what="line")
    if not w.is_filler(line):
        words = len(line.split())
        if words > SHORT_WORDS:
            raise Invalid(t.SHORTEN_TOO_LONG.format(words=words, most=SHORT_WORDS))
        interview.short_notes = {**(interview.short_notes or {}), key: line}
    elif name.startswith("check:"):
        interview.short_notes = {**(interview.short_notes or {}), key: "-"}
    return await _next_note(turn, interview)


async def use_it(turn: Turn) -> Next:
    """ "Use it": the note stays as the check would write it; not asked about again while it reads the same."""
    interview = await turn.require_interview()
    name = turn.scratch["shorten"][0]
    if name.startswith("check:"):
        key = name.split(":", 1)[1]
        sender = turn.user.name or turn.user.display_name or "Me"
        asked = next((q for q in review.questions(interview, sender) if q.key == key), None)
        kept = {f"ok:{key}": review.raw_note(interview, key) or ""}
        if asked is not None:  # the words the user saw and kept: vouched for in every email from now on
            kept[f"shown:{key}"] = asked.sentence
        interview.short_notes = {**(interview.short_notes or {}), **kept}
    return await _next_note(turn, interview)


async def leave_out(turn: Turn) -> Next:
    interview = await turn.require_interview()
    name = turn.scratch["shorten"][0]
    if name == "generic":
        interview.short_notes = {**(interview.short_notes or {}), "ok:generic": "skipped"}
    else:  # a question of the check, or a note too long: "-" keeps it out of every draft, whatever part fits
        interview.short_notes = {**(interview.short_notes or {}), name.split(":", 1)[-1]: "-"}
    return await _next_note(turn, interview)


async def _next_note(turn: Turn, interview: Interview) -> Next:
    rest = turn.scratch["shorten"][1:]
    if rest:
        turn.set(shorten=rest)
        turn.forget()
        return State.DRAFT_SHORTEN
    return await show_written(turn, interview)


# ---- the buttons under a draft --------------------------------------------------------------------


async def draft_follow_up(turn: Turn, follow_up_id: int) -> FollowUp | None:
    follow_up = await turn.session.get(FollowUp, follow_up_id)
    if follow_up is None or follow_up.user_id != turn.user.id or not ds.has_draft(follow_up.kind):
        return None
    interview = await turn.session.get(Interview, follow_up.interview_id)
    if interview is None or interview.user_id != turn.user.id:
        return None
    return follow_up


# Where "Edit" and "Correct details" (under a draft, or in /interviews) may start from: outside any flow,
# or while editing a draft or a person's details (another one's then).
EDITS_FROM = frozenset({State.IDLE, State.DRAFT_EDIT, State.FIX_PERSON, State.FIX_VALUE})


async def on_draft_action(turn: Turn, action: Action) -> Next:
    """A tap on "Looks good", "Edit", "Another version" or "Correct details" under a draft."""
    follow_up = await draft_follow_up(turn, action.ref)
    if follow_up is None:
        turn.say(t.FOREIGN_BUTTON, notice=True)
        return None
    key = ds.DraftKey.of(follow_up)
    buttons = ds.review_buttons(follow_up.id)
    try:
        if action.op == DraftOp.OK:
            draft = await ds.approve(turn.session, key, turn.user, turn.now)
            turn.say(f"{draft.as_text()}\n\n{t.DRAFT_APPROVED}", buttons, replace=True)
        elif action.op == DraftOp.ANOTHER and assist.writing_on(turn):
            await _another_by_model(turn, follow_up, key, buttons)
        elif action.op == DraftOp.ANOTHER:
            draft = await ds.another_version(turn.session, key, turn.user, turn.now)
            said = f"{t.DRAFT_ANOTHER}\n\n{draft.as_text()}" + await _left_line(turn, follow_up, draft)
            turn.say(said, buttons, files=(draft.attachment(),))
        elif action.op in {DraftOp.EDIT, DraftOp.FIX}:
            label = t.B_EDIT if action.op == DraftOp.EDIT else t.B_FIX_DETAILS
            if turn.conv.step not in EDITS_FROM:
                turn.say(t.DRAFT_FINISH_FIRST.format(label=label), notice=True)
                return None
            turn.drop("draft_follow_up", "fix_person", "fix_field")
            if action.op == DraftOp.EDIT:
                turn.set(draft_follow_up=follow_up.id)
                return State.DRAFT_EDIT
            if follow_up.person_id is not None:
                turn.set(fix_person=follow_up.person_id)
                return State.FIX_PERSON
            turn.say(t.FOREIGN_BUTTON, notice=True)
        else:
            turn.say(t.FOREIGN_BUTTON, notice=True)
    except LookupError:
        turn.say(t.FOREIGN_BUTTON, notice=True)
    return None


async def _another_by_model(turn: Turn, follow_up: FollowUp, key: ds.DraftKey, buttons) -> None:
    """ "Another version" with the model on: the built-in writer's next version is the fallback (set now), and the
    model is asked for a different text than the one shown; the next turn shows whichever is the draft then."""
    before = await ds.current_draft(turn.session, key, turn.user, turn.now)
    builtin = await ds.another_version(turn.session, key, turn.user, turn.now)
    interview = await turn.session.get(Interview, key.interview_id)
    request = assist.request(turn, interview, key, builtin)
    previous = assist.paragraphs_of(before.body)
    ref = SimpleNamespace(interview_id=follow_up.interview_id, person_id=follow_up.person_id)  # no row across turns

    async def show(now: Turn) -> None:
        draft = await ds.current_draft(now.session, key, now.user, now.now)
        rows = await ds.stored(now.session, [key.interview_id])
        by_model = f"\n\n{t.DRAFT_BY_MODEL}" if ds.written_by_model(rows, key) else ""
        left = await _left_line(now, ref, draft)
        now.say(f"{t.DRAFT_ANOTHER}\n\n{draft.as_text()}{by_model}{left}", buttons, files=(draft.attachment(),))

    assist.write_then(turn, [(key, request, previous)], show)


async def _left_line(turn: Turn, follow_up: FollowUp | SimpleNamespace, draft: Draft) -> str:
    """What the check still stops at in a draft, as a line to show under it ("" when nothing is)."""
    interview = await turn.session.get(Interview, follow_up.interview_id)
    person = next((p for p in interview.people if p.id == follow_up.person_id), None) if interview else None
    left = review.left_in(draft.body, interview, person) if interview else []
    return "\n\n" + t.DRAFT_LEFT.format(what="; ".join(dict.fromkeys(f.message for f in left))) if left else ""


# ---- editing a draft in the chat ------------------------------------------------------------------

_NUMBERED = re.compile(r"^\s*(\d{1,3})\s*[:.)]\s*(.*)\Z", re.DOTALL)


async def editing(turn: Turn) -> tuple[FollowUp, Draft]:
    follow_up = await draft_follow_up(turn, int(turn.scratch.get("draft_follow_up") or 0))
    if follow_up is None:
        raise Invalid(t.FOREIGN_BUTTON)
    return follow_up, await ds.current_draft(turn.session, follow_up, turn.user, turn.now)


async def ask_edit(turn: Turn) -> tuple[str, Pairs]:
    _, draft = await editing(turn)
    lines = draft_text.numbered(draft.body)
    example = min(3, len(lines))
    sentence = "I'd love to hear how the team runs on-call"  # the full stop is added for them
    text = t.Q_DRAFT_EDIT.format(example=example, sentence=sentence, lines="\n".join(lines))
    return text, [(t.B_KEEP_DRAFT, "keep")]


def edited_body(body: str, text: str) -> str:
    """The body after the user's answer: one numbered sentence replaced (or removed), or the whole text."""
    match = _NUMBERED.match(text)
    if match and "\n" not in match.group(2).strip():
        number, count = int(match.group(1)), draft_text.count_sentences(body)
        if not 1 <= number <= count:
            raise Invalid(t.DRAFT_EDIT_NO_SENTENCE.format(number=number, count=count))
        new = match.group(2).strip()
        return draft_text.replace_sentence(body, number, "" if new in {"", "-", "–", "—"} else new)
    if len(text.split()) < 8:
        raise Invalid(t.DRAFT_EDIT_TOO_SHORT)
    return text


async def on_edit(turn: Turn, text: str) -> Next:
    follow_up, draft = await editing(turn)
    await _save(turn, follow_up, draft, text)
    turn.drop("draft_follow_up")
    return State.IDLE


async def _save(turn: Turn, follow_up: FollowUp, draft: Draft, text: str) -> None:
    body = edited_body(draft.body, clean_text(text, what="draft"))
    saved = await ds.edit(turn.session, ds.DraftKey.of(follow_up), turn.user, turn.now, body)
    turn.say(f"{t.DRAFT_SAVED}\n\n{saved.as_text()}", ds.review_buttons(follow_up.id), files=(saved.attachment(),))


# ---- editing in a form (Slack's modal): the same rules, without moving the conversation --------------


async def draft_to_edit(turn: Turn, follow_up_id: int) -> Draft | None:
    """The draft of one of the user's follow-ups as it reads now, to fill a form; None if not theirs."""
    follow_up = await draft_follow_up(turn, follow_up_id)
    return await ds.current_draft(turn.session, follow_up, turn.user, turn.now) if follow_up else None


async def save_from_form(turn: Turn, follow_up_id: int, text: str) -> str | None:
    """Store the text submitted in a form as the draft (the whole body, or "3: ..."); the error, or None."""
    follow_up = await draft_follow_up(turn, follow_up_id)
    if follow_up is None:
        return t.FOREIGN_BUTTON
    draft = await ds.current_draft(turn.session, follow_up, turn.user, turn.now)
    try:
        await _save(turn, follow_up, draft, text)
    except Invalid as exc:
        return str(exc)
    return None


async def keep_draft(turn: Turn) -> Next:
    turn.say(t.DRAFT_KEPT)
    turn.drop("draft_follow_up")
    return State.IDLE


ENTRIES = [
    entry(
        State.DRAFT_SHORTEN,
        Flow.DRAFTS,
        ask_shorten,
        {State.DRAFT_SHORTEN, State.IDLE},
        text=on_shorten,
        choices={"out": leave_out, "use": use_it},
        skip=leave_out,
    ),
    entry(
        State.DRAFT_EDIT,
        Flow.DRAFTS,
        ask_edit,
        {State.IDLE},
        text=on_edit,
        choices={"keep": keep_draft},
        multiline=True,
    ),
]

# The buttons under a draft (``d:<follow-up>:<op>``), wherever it is shown.
ACTIONS = [action(Kind.DRAFT, on_draft_action, starts=EDITS_FROM, goes_to={State.DRAFT_EDIT, State.FIX_PERSON})]
