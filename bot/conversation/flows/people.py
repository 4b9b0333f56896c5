"""The debrief's people: each interviewer's name, role, email and phone, and editing the list."""

from __future__ import annotations

import re

from bot.common import names
from bot.common import texts as t
from bot.common.parsing.contacts import format_phone
from bot.common.parsing.text import Invalid, shorten
from bot.conversation import fields
from bot.conversation.fields.people import Name, unnamed_role
from bot.conversation.state import AGAIN, Asker, FixedAsker, Flow, Next, Pairs, State, entry
from bot.conversation.turn import Turn
from bot.store.models import Person


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
    if fields.means_no_one_else(text) or fields.no_one_more(text):  # "that's everyone", "nothing", "nope that's it"
        return await everyone(turn)  # after "Add another person" the list is complete (with nobody yet: "I need...")
    if fields.is_list(text):
        raise Invalid(t.PERSON_LIST_FIRST)
    placeholder = fields.unnamed_person(text)
    if placeholder is None and fields.name_not_known(text):  # "didn't catch it": as the user described them before
        interview = await turn.require_interview()
        first = "the interviewer" if not interview.people else "the other interviewer"
        placeholder = turn.scratch.get("described") or first
    turn.drop("described")
    if placeholder is not None:  # "didnt catch her name, the HR lady": noted as the user knows them, not refused
        turn.say(t.PERSON_UNNAMED.format(name=placeholder))
        known: dict[str, object] = {"person_name": Name(placeholder, "")}
        if (role := unnamed_role(placeholder)) is not None:  # "the HR lady" works in HR: not asked again
            known["person_role"] = role
        return await take_person(turn, fields.Understood(known, ()))
    text, nick = fields.nickname(fields.corrected(text))  # "jon smith.. no wait John Smyth", "rob (robert) fenwick"
    pieces = fields.several_people(text)
    if len(pieces) > 1:  # "Maria from HR and her boss Tom": Maria now, Tom offered at "anyone else?"
        understood = read_person_answer(pieces[0], turn.ctx)
        turn.set(named_next=pieces[1:])
        shown = [fields.named_only(piece) for piece in pieces]  # "Ana Restrepo, ella es la gerente": her name
        turn.say(t.PEOPLE_ONE_AT_A_TIME.format(first=shown[0], others=" and ".join(shown[1:])))
        return await take_person(turn, understood)
    understood = read_person_answer(text, turn.ctx)
    if nick:  # the name they go by: offered as a greeting, the full name stays the default
        understood = fields.Understood(
            {**understood.values, "person_name": _goes_by(understood, nick)}, understood.missing
        )
    following = await take_person(turn, understood)
    if nick:  # kept: a promise said later by the name they go by ("gaz will send the rota") finds them
        (await current_person(turn)).nickname = nick
    phone = understood.values.get("person_phone")
    elsewhere = fields.phone_country(str(phone)) if phone else None
    if elsewhere and elsewhere != turn.ctx.region and "+" not in text:  # "07700 900123" with a .co.uk address
        turn.say(t.PHONE_ELSEWHERE.format(number=format_phone(str(phone)), country=fields.country_name(elsewhere)))
    return following


def _goes_by(understood: fields.Understood, nick: str) -> Name:
    name = understood.values["person_name"]
    options = name.options or (name.greeting,)
    return Name(name.name, name.greeting, tuple(dict.fromkeys((options[0], nick, *options[1:]))), True)


class _AskPersonMore(FixedAsker):
    """ "Was anyone else involved?", its buttons readable without a turn; with a button for the next person a line
    named ("Add her boss Tom") while there is one."""

    async def __call__(self, turn: Turn) -> tuple[str, Pairs]:
        named = turn.scratch.get("named_next") or []
        if not named:
            return await super().__call__(turn)
        add = (shorten(t.B_ADD_NAMED.format(name=named[0]), 40), "named")
        return t.Q_PERSON_MORE_NAMED.format(others=" and ".join(named)), [add, *self.pairs]


ask_person_more = _AskPersonMore(t.Q_PERSON_MORE, ((t.B_ADD_PERSON, "add"), (t.B_EVERYONE, "all")))


async def add_named(turn: Turn) -> Next:
    """The next person named in the line before ("her boss Tom"), added without typing them again."""
    named = list(turn.scratch.get("named_next") or [])
    if not named:
        return await add_person(turn)
    turn.set(named_next=named[1:])
    turn.drop("person_id", "person_open")
    if fields.by_role_only(named[0]):  # "el gerente de planta": their name is asked ("didn't catch it" then notes
        turn.set(described=named[0])  # them as described)
        return State.PERSON_NAME
    return await take_person(turn, read_person_answer(named[0], turn.ctx))


async def take_person(turn: Turn, understood: fields.Understood) -> Next:
    """A person read from one answer (by the field layer, or through it from the language model's reading)."""
    interview = await turn.require_interview()
    name = understood.values["person_name"]
    if turn.scratch.get("person_id") and turn.scratch.get("person_open"):
        person = await current_person(turn)
        person.name, person.greeting = name.name, None
    else:
        person = Person(name=name.name)
        interview.people.append(person)
        await turn.session.flush()
        turn.set(person_id=person.id, person_open=True)
    for key, attr in (
        ("person_role", "role"),
        ("person_email", "email"),
        ("person_phone", "phone"),
        ("person_phone_note", "phone_note"),
    ):
        if understood.values.get(key) is not None:
            setattr(person, attr, understood.values[key])
    role = understood.values.get("person_role")
    said = {k: v for k, v in understood.values.items() if not (k == "person_role" and f"the {role}" == name.name)}
    if len(said) > 1:  # (an unnamed "the head pharmacist" is not said back as "the head pharmacist, head pharmacist")
        turn.say(t.PERSON_UNDERSTOOD.format(what=fields.say_understood(fields.Understood(said, understood.missing))))
    turn.drop("greet")
    if name.confirm and len(name.options) > 1:
        turn.set(greet=list(name.options))
    elif name.greeting and name.greeting != names.propose_greeting(name.name).likely:
        person.greeting = name.greeting  # the form the user gave ("Lim Wei Ling (ms lim)"): theirs, not asked
    return next_question(turn, person, State.PERSON_NAME)


def read_person_answer(text: str, ctx: fields.Context) -> fields.Understood:
    """The person's name, and their role, email and phone when the same sentence plainly gives them."""
    understood = fields.read_person(text, ctx)
    if "person_name" in understood.values:
        return understood
    if set(understood.values) - {"person_role"}:
        raise Invalid(t.PERSON_NO_NAME.format(what=fields.say_understood(understood)))
    name = fields.person_name(text)  # a name the sentence reader can't tell from a role ("maria")
    return fields.Understood({"person_name": name}, ("person_role", "person_email", "person_phone"))


# The person's questions in order; a question whose answer a sentence already gave is passed over.
_PERSON_ORDER = (State.PERSON_GREETING, State.PERSON_ROLE, State.PERSON_EMAIL, State.PERSON_PHONE)


def next_question(turn: Turn, person: Person, after: State) -> State:
    """The person's next unanswered question after `after`, or the end of this person."""
    wanted = {
        State.PERSON_GREETING: bool(turn.scratch.get("greet")) and person.greeting is None,
        State.PERSON_ROLE: person.role is None,
        State.PERSON_EMAIL: person.email is None,
        State.PERSON_PHONE: person.phone is None,
    }
    following = _PERSON_ORDER[_PERSON_ORDER.index(after) + 1 :] if after in _PERSON_ORDER else _PERSON_ORDER
    for state in following:
        if wanted[state]:
            return state
    return (
        State.PERSON_TOPIC
    )  # one thing discussed with them (bot/conversation/flows/personal.py), then the next person


async def ask_greeting(turn: Turn) -> tuple[str, Pairs]:
    person = await current_person(turn)
    options = turn.scratch.get("greet") or [names.propose_greeting(person.name).likely]
    pairs = [(shorten(option), f"g_{index}") for index, option in enumerate(options)]
    return t.Q_PERSON_GREETING.format(name=person.name), pairs


async def on_greeting(turn: Turn, text: str) -> Next:
    """The greeting; their role, email or phone typed here instead ("Hiring manager": the question was not seen as
    one) are kept as what they are, the greeting left to the first name offered, and not asked again."""
    person = await current_person(turn)
    options = turn.scratch.get("greet") or []
    renamed = fields.taken_back(text, person.name)
    if (
        renamed is not None
        and renamed != person.name
        and len(renamed.split()) >= len(person.name.split())
        and not names.title_only(renamed.split()[0])
    ):  # "sorry its Zhang Wei Ming" after "Zhang Wei": the name again, then how to greet them
        understood = read_person_answer(renamed, turn.ctx)
        if len(understood.values) == 1:
            turn.say(t.PERSON_UNDERSTOOD.format(what=fields.say_understood(understood)))
        following = await take_person(turn, understood)
        turn.forget()  # the question asked again names them as corrected
        return AGAIN if following == State.PERSON_GREETING else following
    text = fields.without_take_back(text)  # "sorry, Mr Zhang": the greeting
    found, rest = fields.contact_details(text, turn.ctx)
    said_role = bool(rest) and fields.role_not_greeting(rest, options)
    if found or said_role:
        details = dict(found)
        if said_role and (role := fields.person_role(rest)) is not None:
            details["person_role"] = role
        for key, attr in (
            ("person_role", "role"),
            ("person_email", "email"),
            ("person_phone", "phone"),
            ("person_phone_note", "phone_note"),
        ):
            if key in details:
                setattr(person, attr, details[key])
        turn.drop("greet")
        what = fields.say_understood(fields.Understood(details, ()))
        greeting = names.propose_greeting(person.name).likely  # as skipping the question would
        turn.say(t.DETAILS_AT_GREETING.format(what=what, greeting=greeting))
        return next_question(turn, person, State.PERSON_GREETING)
    person.greeting = fields.greeting(text)
    turn.drop("greet")
    return next_question(turn, person, State.PERSON_GREETING)


async def pick_greeting(turn: Turn, index: str) -> Next:
    options = turn.scratch.get("greet") or []
    if not index.isdigit() or int(index) >= len(options):
        raise Invalid(t.USE_BUTTONS)
    return await on_greeting(turn, options[int(index)])


async def skip_greeting(turn: Turn) -> Next:
    person = await current_person(turn)
    turn.drop("greet")  # the drafts greet by bot/common/names.py's likely form
    return next_question(turn, person, State.PERSON_GREETING)


def person_asker(template: str) -> Asker:
    async def ask(turn: Turn) -> tuple[str, Pairs]:
        return template.format(name=(await current_person(turn)).name), []

    return ask


async def on_person_role(turn: Turn, text: str) -> Next:
    """The role; an email address or phone number typed here is kept as what it is (never as the role), and the
    role asked for again when nothing else was said."""
    person = await current_person(turn)
    renamed = fields.taken_back(text, person.name)
    if renamed is not None:  # "no wait, it's John Smyth" after "jon smith": the name again, then the role
        understood = read_person_answer(renamed, turn.ctx)
        if len(understood.values) == 1:
            turn.say(t.PERSON_UNDERSTOOD.format(what=fields.say_understood(understood)))
        following = await take_person(turn, understood)
        turn.forget()  # the question asked again names them as corrected
        return AGAIN if following == State.PERSON_ROLE else following
    text = fields.corrected(
        fields.without_take_back(text)
    )  # "sorry, team lead", "team lead.. actually senior team lead"
    found, rest = fields.contact_details(text, turn.ctx)
    if found.get("person_email"):
        person.email = found["person_email"]
    if found.get("person_phone"):
        person.phone = found["person_phone"]
    if found and (not rest or fields.means_skip(rest)):
        turn.say(t.PERSON_UNDERSTOOD.format(what=fields.say_understood(fields.Understood(found, ()))))
        return AGAIN
    person.role = fields.person_role(rest if found else text)
    return next_question(turn, person, State.PERSON_ROLE)


async def skip_person_role(turn: Turn) -> Next:
    person = await current_person(turn)
    person.role = None
    return next_question(turn, person, State.PERSON_ROLE)


async def on_person_email(turn: Turn, text: str) -> Next:
    """The address; an answer that says there is none to give ("he never gave me his", "only on linkedin", "will
    ask the agency") goes on without one and says so, as does a second answer refused (never the question a third
    time). A slip in an address ("maria.gmail.com") or words that say nothing of one ("Hiring manager") are
    pointed out once."""
    person = await current_person(turn)
    if fields.shared_inbox(text):  # "not hers, only the general one: reservas@...": no address of theirs
        person.email = None
        turn.drop("email_refused")
        turn.say(t.EMAIL_SHARED)
        return next_question(turn, person, State.PERSON_EMAIL)
    if "@" not in text and person.phone is None and sum(ch.isdigit() for ch in text) >= 7:
        try:  # "0803 555 2190" sent at the email question: their phone, the email still to come
            number, note = fields.phone_and_note(text, turn.ctx)
        except (Invalid, fields.PhoneChoice):
            number, note = None, None
        if number:
            person.email, person.phone, person.phone_note = None, number, note or person.phone_note
            turn.drop("email_refused")
            turn.say(t.EMAIL_WAS_PHONE.format(number=format_phone(number), name=person.name))
            return next_question(turn, person, State.PERSON_PHONE)
    try:
        person.email = fields.email(text)
    except Invalid:
        if not fields.says_no_address(text) and turn.scratch.get("email_refused") != person.id:
            turn.set(email_refused=person.id)  # a slip pointed out once: a second refusal goes on without it
            raise
        person.email = None
    turn.drop("email_refused")
    if person.email is None:  # "she'll send it later"
        turn.say(t.EMAIL_LATER)
    elif fields.guessed_email(text):  # "prob jane.doe@kpmg.co.za i think": a guess from their usual pattern
        turn.say(t.EMAIL_GUESSED.format(email=person.email))
    elif "@" not in text:  # said in words ("tunde dot adeyemi at giglogistics dot com"): said back to check
        turn.say(t.EMAIL_FROM_WORDS.format(email=person.email))
    return next_question(turn, person, State.PERSON_EMAIL)


async def skip_person_email(turn: Turn) -> Next:
    person = await current_person(turn)
    person.email = None
    return next_question(turn, person, State.PERSON_EMAIL)


PHONE_PICK = "ph_"  # the prefix of a reading's button when a number is one of two countries: ph_0, ph_1


async def ask_phone(turn: Turn) -> tuple[str, Pairs]:
    person = await current_person(turn)
    options = turn.scratch.get("phone_pick")
    if options:  # "070-123 45 67": South Africa's or Sweden's
        said = " or ".join(f"{format_phone(n)} ({fields.country_name(fields.phone_country(n))})" for n in options)
        pairs = [(format_phone(n), f"{PHONE_PICK}{i}") for i, n in enumerate(options)]
        return t.PHONE_WHICH.format(numbers=said), pairs
    return t.Q_PERSON_PHONE.format(name=person.name), []


async def pick_phone(turn: Turn, index: str) -> Next:
    options = turn.scratch.get("phone_pick") or []
    if not index.isdigit() or int(index) >= len(options):
        raise Invalid(t.USE_BUTTONS)
    (await current_person(turn)).phone = options[int(index)]
    turn.drop("phone_pick")
    return State.PERSON_TOPIC


async def on_person_phone(turn: Turn, text: str) -> Next:
    """The phone number; one read for another country than the user's (from the person's email domain) is said back
    in its international form, to be checked; one that is a number of both countries is asked about."""
    person = await current_person(turn)
    try:
        person.phone, person.phone_note = fields.phone_and_note(text, turn.ctx, email=person.email)
    except fields.PhoneChoice as both:
        turn.set(phone_pick=both.numbers)
        turn.forget()  # the question shown changes
        return AGAIN
    turn.drop("phone_pick")
    elsewhere = fields.phone_country(person.phone)
    if not text.strip().startswith("+") and elsewhere and elsewhere != turn.ctx.region:
        country = fields.country_name(elsewhere)
        turn.say(t.PHONE_ELSEWHERE.format(number=format_phone(person.phone), country=country))
    elif person.phone_note:  # "07700 900123 (whatsapp only)": the number, and what was said with it
        turn.say(t.PHONE_NOTED.format(number=format_phone(person.phone), note=shorten(person.phone_note, 80)))
    return State.PERSON_TOPIC


async def skip_person_phone(turn: Turn) -> Next:
    person = await current_person(turn)
    person.phone = None
    turn.drop("phone_pick")
    return State.PERSON_TOPIC


def person_done(turn: Turn, person: Person) -> State:
    turn.set(person_open=False)
    turn.drop("greet")
    turn.say(t.PERSON_ADDED.format(name=person.name, role=person.role or "no role given"))
    return State.PERSON_MORE


async def on_next_person(turn: Turn, text: str) -> Next:
    """A name typed where "Add another person" / "That's everyone" is offered: the next person."""
    interview = await turn.require_interview()
    if interview.people and _just_them(text, [p.name for p in interview.people]):
        return await everyone(turn)  # "nah just him", "no only her", "just dave"
    if fields.means_no_one_else(text) or _nobody_more(text, [p.name for p in interview.people]):
        return await everyone(turn)  # "no, that's everyone", "nobody else", "nah that was it", "no one else, just jane"
    if fields.is_list(text):
        raise Invalid(t.PERSON_LIST)  # a pasted list of notes (or of several people): one person at a time
    described = fields.unnamed_person(text)
    if described is None and fields.says_name_unknown(text) and _someone_else(text):
        role = fields.read_person(text, turn.ctx).values.get("person_role")
        if role:  # "yes her boss sat in too, didn't get his name": noted as described, the name not asked
            turn.drop("person_id", "person_open")
            bare = re.sub(r"(?i)^(?:an?|the|her|his|their|my)\s+", "", str(role))  # "her boss": "the boss"
            turn.say(t.PERSON_UNNAMED.format(name=f"the {bare}"))
            return await take_person(
                turn, fields.Understood({"person_name": Name(f"the {bare}", ""), "person_role": bare}, ())
            )
    if described is not None:  # "there was also a guy from finance"
        if fields.says_name_unknown(text):  # "ja some guy from finance, didnt get his name": noted as described
            turn.drop("person_id", "person_open")
            return await on_person_name(turn, text)
        turn.set(described=described)  # the name is asked; "didn't catch it" then notes them as described
        return await add_person(turn)
    read = fields.read_person(text, turn.ctx).values
    there = _SOMEONE.search(_words(text))
    if there and "person_name" in read and set(there.group(0).split()) & set(_words(str(read["person_name"])).split()):
        return await add_person(turn)  # "sí, también estuvo el director de finanzas": the words were not a name
    if "person_name" in read and fields.verdict_not_name(text):
        raise Invalid(t.NOT_A_NAME_MORE.format(typed=shorten(text, 40)))  # "mixed": how it went, typed a step early
    if "person_name" not in read:
        if _someone_else(text):
            return await add_person(turn)  # "yep the office manager sat in too": ask for the name
        if fields.has_note_word(text) or len(text.split()) > 5:
            raise Invalid(t.PERSON_NOTES.format(typed=shorten(text, 40)))  # notes on the job, not a person
        raise Invalid(t.NEXT_PERSON_OR_BUTTONS)  # not clearly a name: the buttons are what work here
    turn.drop("person_id", "person_open")
    return await on_person_name(turn, text)


# "no" and "just him" in the languages people fall back to too: German, Dutch, Spanish, Portuguese, Polish, Tagalog
_NO_HEAD = r"(?:(?:no|nope|nah|nop|na|no no|nee|nein|nö|ne|não|nao|nie|hindi|wala)\b[\s,.!-]*)"
_ONLY = r"(?:just|only|simply|nur|alleen|solo|sólo|só|apenas|tylko)\s+"
_PRONOUNS = (
    r"(?:him|her|them|the one|the 1|that one|that person|those two|the two of them|the 2 of them|that's it|"
    r"der|die|er|sie|ihn|hij|zij|él|ella|ele|ela|on|ona|ya|siya)"
)


def _words(text: str) -> str:
    s = text.casefold().replace("’", "'")
    s = "".join(ch if ch.isalnum() or ch in "' " else " " for ch in s)
    return " ".join(s.split())


async def just_them(turn: Turn, text: str) -> bool:
    """ "nah just him", "just dave": nobody beyond the people already given."""
    interview = await turn.require_interview()
    return bool(interview.people) and _just_them(text, [p.name for p in interview.people])


def _just_them(text: str, names: list[str]) -> bool:
    """ "nah just him", "no only her", "just dave", "only the two of them": nobody beyond those already given."""
    s = " ".join(
        re.sub(r"\b(?:la|lah|leh|po|o|oh|mate|bro|ya|yaar|sha)\b", " ", _words(text)).split()
    )  # "no la, just her"
    m = re.fullmatch(rf"{_NO_HEAD}*{_ONLY}(.+?)(?:\s+(?:tbh|thanks|thank you|lol|really|though|too))*", s)
    if not m:
        return False
    rest = m.group(1)
    if re.fullmatch(_PRONOUNS, rest):
        return True
    if re.match(_NO_HEAD, s) and len(rest.split()) <= 3:  # "nah just dave": a "no" first, then the one they named
        return True
    known = {w for name in names for w in _words(name).split()}
    said = set(rest.split()) - {"and", "the", "mr", "mrs", "ms", "miss", "dr"}
    return bool(said) and said <= known


_THAT_WAS_IT = re.compile(
    rf"{_NO_HEAD}*(?:that'?s|that is|that was|thats|it was|was|is)\s+(?:it|all|the lot|everyone|everybody)"
    r"(?:\s+(?:really|tbh|i think|thanks|thank you|for people|lol))*"
)


def _nobody_more(text: str, names: list[str]) -> bool:
    """ "nah that was it", "no one else, just jane", "nope - only those two": every clause says nobody more (a bare
    "no", nobody else, only the people given)."""
    clauses = [c for c in re.split(r"\s*(?:[,;.!]|\s[-–—]+\s)\s*", text.casefold().replace("’", "'")) if _words(c)]
    if not clauses:
        return False
    return all(
        re.fullmatch(rf"{_NO_HEAD}+", _words(c) + " ")
        or _THAT_WAS_IT.fullmatch(_words(c))
        or fields.means_no_one_else(c)
        or (bool(names) and _just_them(c, names))
        for c in clauses
    )


_YES_HEAD = r"(?:yes|yep|yeah|yup|ya|yea|y|also|and|oh|oh and|plus|actually|sí|si|sim|ja|oo|opo|tak|ndiyo|ndio)\b"
_SOMEONE = re.compile(
    r"\b(?:sat in|sitting in|joined|was there|también estuvo|tambien estuvo|também estava|war auch|waren auch|were there|came in|popped in|also there|was also|were also|"
    r"someone else|somebody else|another (?:person|one|guy|lady|woman|man)|"
    r"(?:\d+|one|two|three|four|a couple|couple|a few|few|some)\s+(?:more|other)\s+(?:people|persons|"
    r"interviewers|guys|ladies|women|men|folks|others)|"
    r"(?:didn'?t|did not|don'?t|do not|never) (?:catch|get|know|remember|hear) (?:their|his|her|the) names?)\b"
)


def _someone_else(text: str) -> bool:
    """ "yep the office manager sat in too", "2 more people from HR but i didnt catch their names": someone else
    was there, but the answer gives no name yet (the bot asks for it)."""
    s = _words(text)
    return bool(_SOMEONE.search(s)) or (bool(re.match(_YES_HEAD, s)) and len(s.split()) > 1 and "no" not in s.split())


async def add_person(turn: Turn) -> Next:
    turn.drop("person_id", "person_open")
    return State.PERSON_NAME


async def everyone(turn: Turn) -> Next:
    interview = await turn.require_interview()
    if not interview.people:
        raise Invalid(t.NEED_ONE_PERSON)
    turn.drop("person_id", "person_open", "named_next")
    return State.OPEN_QUESTIONS


async def ask_people_edit(turn: Turn) -> tuple[str, Pairs]:
    interview = await turn.require_interview()
    pairs = [(shorten(t.B_REMOVE.format(name=p.name)), f"rm_{p.id}") for p in interview.people]
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


_AFTER_NAME = {State.PERSON_GREETING, State.PERSON_ROLE, State.PERSON_EMAIL, State.PERSON_PHONE, State.PERSON_TOPIC}

ENTRIES = [
    _person(State.PERSON_NAME, ask_person_name, _AFTER_NAME | {State.OPEN_QUESTIONS}, text=on_person_name),
    _person(
        State.PERSON_GREETING,
        ask_greeting,
        _AFTER_NAME - {State.PERSON_GREETING},
        text=on_greeting,
        prefixed={"g_": pick_greeting},
        skip=skip_greeting,
    ),
    _person(
        State.PERSON_ROLE,
        person_asker(t.Q_PERSON_ROLE),
        {State.PERSON_GREETING, State.PERSON_EMAIL, State.PERSON_PHONE, State.PERSON_TOPIC},  # greeting: renamed
        text=on_person_role,
        skip=skip_person_role,
    ),
    _person(
        State.PERSON_EMAIL,
        person_asker(t.Q_PERSON_EMAIL),
        {State.PERSON_PHONE, State.PERSON_TOPIC},
        text=on_person_email,
        skip=skip_person_email,
    ),
    _person(
        State.PERSON_PHONE,
        ask_phone,
        {State.PERSON_TOPIC},
        text=on_person_phone,
        prefixed={PHONE_PICK: pick_phone},
        skip=skip_person_phone,
    ),
    _person(
        State.PERSON_MORE,
        ask_person_more,
        {State.PERSON_NAME, State.OPEN_QUESTIONS} | _AFTER_NAME,
        text=on_next_person,
        choices={"add": add_person, "all": everyone, "named": add_named},
        no_more="all",
        more="add",
    ),
    _person(
        State.PEOPLE_EDIT,
        ask_people_edit,
        {State.PERSON_NAME, State.PEOPLE_EDIT, State.SUMMARY},
        choices={"add": add_person, "done": people_done},
        prefixed={"rm_": remove_person},
    ),
]
