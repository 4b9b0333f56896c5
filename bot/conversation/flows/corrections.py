"""Correcting a person's details after the drafts (from a draft's "Correct details" or /interviews):
name, greeting, role, email, phone, and the thing discussed with them. The drafts follow at once: a
written draft is rewritten, an edited one keeps its text with the new To: line and greeting."""

from __future__ import annotations

from bot.common import names
from bot.common import texts as t
from bot.common.actions import Action, InterviewOp, Kind
from bot.common.parsing.contacts import check_email, check_phone, format_phone
from bot.common.parsing.text import Invalid, clean_name, clean_text, shorten
from bot.common.parsing.zones import region_for_zone
from bot.conversation.fields.corrections import corrected
from bot.conversation.flows.drafts import EDITS_FROM
from bot.conversation.flows.personal import clean_topic
from bot.conversation.state import Flow, Handler, Next, Pairs, State, action, entry
from bot.conversation.turn import Turn
from bot.drafts import store as ds
from bot.followups import kinds
from bot.store.models import Interview, InterviewStatus, Person

OPTIONAL = {"role", "email", "phone", "topic", "greeting"}


def fields() -> list[str]:
    """The details that can be corrected; the greeting once people store one (`Person.greeting`)."""
    return [f for f in t.FIX_FIELDS if f != "greeting" or hasattr(Person, "greeting")]


async def fixing(turn: Turn) -> tuple[Person, Interview]:
    person = await turn.session.get(Person, int(turn.scratch.get("fix_person") or 0))
    interview = await turn.session.get(Interview, person.interview_id) if person else None
    if person is None or interview is None or interview.user_id != turn.user.id:
        raise Invalid(t.FOREIGN_BUTTON)
    return person, interview


async def on_person_action(turn: Turn, action: Action) -> Next:
    """/interviews' "Edit details: <name>" (``i:<interview>:pe:<person>``): the menu of that person's details."""
    interview = await turn.session.get(Interview, action.ref)
    ok = interview is not None and interview.user_id == turn.user.id and interview.status != InterviewStatus.DEBRIEFING
    person = next((p for p in interview.people if str(p.id) == action.arg), None) if ok else None
    if person is None:
        turn.say(t.FOREIGN_BUTTON, notice=True)
        return None
    if turn.conv.step not in EDITS_FROM:
        turn.say(t.DRAFT_FINISH_FIRST.format(label=shorten(t.B_EDIT_DETAILS.format(name=person.name))), notice=True)
        return None
    turn.drop("draft_follow_up", "fix_field")
    turn.set(fix_person=person.id)
    return State.FIX_PERSON


def _value(person: Person, field: str) -> str:
    if field == "greeting":
        return getattr(person, "greeting", None) or "(from the name)"
    if field == "phone":
        return format_phone(person.phone) if person.phone else "(none)"
    return getattr(person, field) or "(none)"


async def ask_fix(turn: Turn) -> tuple[str, Pairs]:
    person, _ = await fixing(turn)
    details = "\n".join(f"  {t.FIX_FIELDS[f]}: {_value(person, f)}" for f in fields())
    pairs = [(t.FIX_FIELDS[f], f) for f in fields()] + [(t.B_DONE_EDITING, "done")]
    return t.Q_FIX_PERSON.format(name=person.name, details=details), pairs


def choose(field: str) -> Handler:
    async def on_choice(turn: Turn) -> Next:
        turn.set(fix_field=field)
        return State.FIX_VALUE

    return on_choice


async def fix_done(turn: Turn) -> Next:
    turn.say(t.FIX_DONE)
    turn.drop("fix_person", "fix_field")
    return State.IDLE


async def ask_value(turn: Turn) -> tuple[str, Pairs]:
    person, _ = await fixing(turn)
    return t.Q_FIX_VALUE[turn.scratch["fix_field"]].format(name=person.name), [(t.B_KEEP_DRAFT, "keep")]


async def on_value(turn: Turn, text: str) -> Next:
    person, interview = await fixing(turn)
    field = turn.scratch["fix_field"]
    if field == "name":  # "Siobhan O'Sullivan, sorry Siobhán Ó Súilleabháin": the greeting chosen takes the fadas
        person.name = clean_name(corrected(text))
        if person.greeting:
            person.greeting = names.respelled(person.greeting, person.name)
    elif field == "greeting":
        person.greeting = clean_name(text, what="greeting")
    elif field == "role":
        person.role = clean_text(corrected(text), limit=200, what="role")
    elif field == "email":
        person.email = check_email(text)
    elif field == "phone":
        person.phone = check_phone(text, region_for_zone(turn.tz))
    elif field == "topic":
        person.topic = clean_topic(text)
    return await _saved(turn, person, interview)


async def clear_value(turn: Turn) -> Next:
    person, interview = await fixing(turn)
    field = turn.scratch["fix_field"]
    if field not in OPTIONAL:
        raise Invalid("A name is needed; please type it.")
    setattr(person, field, None)
    return await _saved(turn, person, interview)


async def keep_value(turn: Turn) -> Next:
    turn.drop("fix_field")
    return State.FIX_PERSON


async def _saved(turn: Turn, person: Person, interview: Interview) -> Next:
    """Show the person's thank-you as it reads with the corrected details, then the menu again."""
    await turn.session.flush()
    turn.drop("fix_field")
    key = ds.DraftKey(interview.id, kinds.debrief_draft(), person.id)
    draft = await ds.current_draft(turn.session, key, turn.user, turn.now)
    turn.say(f"{t.FIX_SAVED.format(name=person.name)}\n\n{draft.as_text()}", files=(draft.attachment(),))
    return State.FIX_PERSON


ENTRIES = [
    entry(
        State.FIX_PERSON,
        Flow.DRAFTS,
        ask_fix,
        {State.FIX_VALUE, State.IDLE},
        choices={**{f: choose(f) for f in t.FIX_FIELDS}, "done": fix_done},
    ),
    entry(
        State.FIX_VALUE,
        Flow.DRAFTS,
        ask_value,
        {State.FIX_PERSON},
        text=on_value,
        skip=clear_value,
        choices={"keep": keep_value},
    ),
]

# /interviews' "Edit details: <name>"; the interview's other buttons are bot/followups/overview.py's.
ACTIONS = [
    action(Kind.INTERVIEW, on_person_action, ops={InterviewOp.PERSON}, starts=EDITS_FROM, goes_to={State.FIX_PERSON})
]
