"""The debrief's people: each interviewer's name, role, email and phone, and editing the list."""

from __future__ import annotations

from bot import templates as t
from bot.flows.state import Asker, Flow, Next, Pairs, State, entry, fixed
from bot.parsing import Invalid, check_email, check_phone, clean_name, clean_text, region_for_zone
from bot.store.models import Person
from bot.turn import Turn


async def current_person(turn: Turn) -> Person:
    interview = await turn.require_interview()
    person_id = turn.scratch.get("person_id")
    for person in interview.people:
        if person.id == person_id:
            return person
    raise LookupError("person not found")


async def ask_person_name(turn: Turn) -> tuple[str, Pairs]:
    interview = await turn.require_interview()
    return (t.Q_PERSON_NAME_NEXT if interview.people else t.Q_PERSON_NAME), []


async def on_person_name(turn: Turn, text: str) -> Next:
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
    return State.PERSON_ROLE


def person_asker(template: str) -> Asker:
    async def ask(turn: Turn) -> tuple[str, Pairs]:
        return template.format(name=(await current_person(turn)).name), []

    return ask


async def on_person_role(turn: Turn, text: str) -> Next:
    (await current_person(turn)).role = clean_text(text, limit=200, what="role")
    return State.PERSON_EMAIL


async def on_person_email(turn: Turn, text: str) -> Next:
    (await current_person(turn)).email = check_email(text)
    return State.PERSON_PHONE


async def skip_person_email(turn: Turn) -> Next:
    (await current_person(turn)).email = None
    return State.PERSON_PHONE


async def on_person_phone(turn: Turn, text: str) -> Next:
    person = await current_person(turn)
    person.phone = check_phone(text, region_for_zone(turn.tz))
    return State.PERSON_TOPIC


async def skip_person_phone(turn: Turn) -> Next:
    person = await current_person(turn)
    person.phone = None
    return State.PERSON_TOPIC


def person_done(turn: Turn, person: Person) -> State:
    turn.set(person_open=False)
    turn.say(t.PERSON_ADDED.format(name=person.name, role=person.role or "no role given"))
    return State.PERSON_MORE


async def add_person(turn: Turn) -> Next:
    turn.drop("person_id", "person_open")
    return State.PERSON_NAME


async def everyone(turn: Turn) -> Next:
    interview = await turn.require_interview()
    if not interview.people:
        raise Invalid(t.NEED_ONE_PERSON)
    turn.drop("person_id", "person_open")
    return State.OPEN_QUESTIONS


async def ask_people_edit(turn: Turn) -> tuple[str, Pairs]:
    interview = await turn.require_interview()
    pairs = [(t.B_REMOVE.format(name=p.name)[:60], f"rm_{p.id}") for p in interview.people]
    return t.PEOPLE_EDIT, [*pairs, (t.B_ADD_PERSON, "add"), (t.B_DONE_EDITING, "done")]


async def people_done(turn: Turn) -> Next:
    interview = await turn.require_interview()
    if not interview.people:
        raise Invalid(t.NEED_ONE_PERSON)
    return State.SUMMARY


async def remove_person(turn: Turn, person_id: str) -> Next:
    interview = await turn.require_interview()
    for person in list(interview.people):
        if str(person.id) == person_id:
            interview.people.remove(person)
            turn.say(t.PERSON_REMOVED.format(name=person.name))
    return State.PEOPLE_EDIT


def _person(state: State, ask: Asker, goes_to: set[State], **kw) -> object:
    return entry(state, Flow.DEBRIEF, ask, goes_to, section="people", **kw)


ENTRIES = [
    _person(State.PERSON_NAME, ask_person_name, {State.PERSON_ROLE}, text=on_person_name),
    _person(State.PERSON_ROLE, person_asker(t.Q_PERSON_ROLE), {State.PERSON_EMAIL}, text=on_person_role),
    _person(
        State.PERSON_EMAIL,
        person_asker(t.Q_PERSON_EMAIL),
        {State.PERSON_PHONE},
        text=on_person_email,
        skip=skip_person_email,
    ),
    _person(
        State.PERSON_PHONE,
        person_asker(t.Q_PERSON_PHONE),
        {State.PERSON_TOPIC},
        text=on_person_phone,
        skip=skip_person_phone,
    ),
    _person(
        State.PERSON_MORE,
        fixed(t.Q_PERSON_MORE, (t.B_ADD_PERSON, "add"), (t.B_EVERYONE, "all")),
        {State.PERSON_NAME, State.OPEN_QUESTIONS},
        choices={"add": add_person, "all": everyone},
    ),
    _person(
        State.PEOPLE_EDIT,
        ask_people_edit,
        {State.PERSON_NAME, State.PEOPLE_EDIT, State.SUMMARY},
        choices={"add": add_person, "done": people_done},
        prefixed={"rm_": remove_person},
    ),
]
