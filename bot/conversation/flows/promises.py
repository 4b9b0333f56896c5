"""The debrief's promises: what you promised them and what they promised you, each with a date."""

from __future__ import annotations

import re

from bot.common import texts as t
from bot.common.parsing.dates import Ambiguous, DayRange
from bot.common.parsing.text import Invalid, shorten
from bot.conversation import fields
from bot.conversation.fields.days import PromiseItem, renamed_item
from bot.conversation.flows import dates
from bot.conversation.state import (
    AGAIN,
    ArgHandler,
    Asker,
    Flow,
    Handler,
    Next,
    Pairs,
    State,
    TextHandler,
    entry,
    fixed,
)
from bot.conversation.turn import Turn
from bot.store.models import Interview, Person, Promise

MINE, THEIRS = True, False


def promise_states(mine: bool) -> tuple[State, State, State, State]:
    """(what, when, more?, after the list) for one side's promises."""
    if mine:
        return State.MY_PROMISE, State.MY_PROMISE_WHEN, State.MY_PROMISE_MORE, State.THEIR_PROMISE
    return State.THEIR_PROMISE, State.THEIR_PROMISE_WHEN, State.THEIR_PROMISE_MORE, State.SUMMARY


async def current_promise(turn: Turn) -> Promise:
    interview = await turn.require_interview()
    for promise in interview.promises:
        if promise.id == turn.scratch.get("promise_id"):
            return promise
    raise LookupError("promise not found")


async def _opened(turn: Turn) -> list[Promise]:
    """The rows the last answer to this question made (one per day it named): /back and a new answer replace them."""
    interview = await turn.require_interview()
    ids = set(turn.scratch.get("promise_ids") or [turn.scratch.get("promise_id")])
    return [promise for promise in interview.promises if promise.id in ids]


def _latest(due: DayRange | Ambiguous | None):
    if isinstance(due, Ambiguous):  # asked about only for the item the question is on; else the later reading
        return due.candidates[-1].latest
    return due.latest if due is not None else None


def on_promise(mine: bool) -> TextHandler:
    async def on_text(turn: Turn, text: str) -> Next:
        interview = await turn.require_interview()
        if fields.means_agree(text):  # "yes" is not a thing to send: ask what it is
            raise Invalid(t.PROMISE_WHAT)
        if mine and fields.only_thank_you(text):  # "only a thank u mail lol": the chat drafts that one itself
            turn.say(t.THANK_YOU_IS_MINE)
            return await nothing_promised(mine)(turn)
        told = fields.promise(text, turn.ctx)
        if told is None:  # "no", "nothing": the question's "Nothing" button
            remark = fields.no_then_remark(text)
            if remark and fields.remark_next_step(remark):  # "no nothing.. only hr will call": a next step, noted
                said = shorten(remark, 120)
                interview.next_steps = f"{interview.next_steps}; {said}" if interview.next_steps else said
                turn.say(t.NOTHING_BUT_NEXT_STEP.format(said=said))
            return await nothing_promised(mine)(turn)
        turn.drop("reopened", "promise_group")
        if turn.scratch.get("promise_open"):
            for promise in await _opened(turn):
                interview.promises.remove(promise)
            turn.drop("promise_id", "promise_ids", "promise_open", "promise_group")
        side = mine if told.mine is None else told.mine
        named = interviewer(interview, told.who) if told.who and not side else None
        if side != mine:
            # "Marcus said he'd send me the salary bands" at "Did you promise ...?": theirs, said so, and the
            # question stays where it is.
            rows = [
                Promise(mine=side, what=item.what, due_on=_latest(item.due), person_id=named.id if named else None)
                for item in told.items
            ]
            interview.promises.extend(rows)
            said = "; ".join(
                shorten(row.what)
                + (f", by {fields.say_day(DayRange(row.due_on, row.due_on), turn.ctx)}" if row.due_on else "")
                for row in rows
            )
            turn.say((t.NOTED_THEIRS if not side else t.NOTED_MINE).format(items=said))
            return AGAIN
        rows = [Promise(mine=mine, what=item.what, person_id=named.id if named else None) for item in told.items]
        for row, item in zip(rows, told.items, strict=True):
            if item.who and not mine:  # "..., and zhang said he'd send the org chart": who promised that item
                person = interviewer(interview, item.who)
                row.person_id, row.promised_by = (person.id, None) if person else (None, fields.promiser(item.who))
        interview.promises.extend(rows)
        await turn.session.flush()
        turn.set(promise_id=rows[-1].id, promise_ids=[row.id for row in rows], promise_open=True)
        turn.set(**{_answered(mine): [row.id for row in rows]})
        if len(rows) > 1 and all(item.due is None for item in told.items):
            # "the contract draft, salary bands and the org chart": a list with no day, "by when?" asked once for all
            turn.set(promise_group=True)
            return promise_states(mine)[1]
        shared = told.items[0].due
        if len(rows) > 1 and isinstance(shared, Ambiguous) and all(item.due == shared for item in told.items):
            # "the relocation policy & the visa checklist by monday" on a Monday: which Monday, asked once for all
            turn.set(promise_group=True)
        elif len(rows) > 1:
            # Several items, each with its own day ("X by Thursday and Y by Monday"): each row keeps its day.
            for row, item in zip(rows[:-1], told.items[:-1], strict=True):
                row.due_on = _latest(item.due)
            last = told.items[-1]
            if isinstance(last.due, DayRange):
                rows[-1].due_on = last.due.latest
            said = [PromiseItem(row.what, DayRange(row.due_on, row.due_on) if row.due_on else None) for row in rows]
            turn.say(t.NOTED_ITEMS.format(items=fields.noted_items(said, turn.ctx)))
            if isinstance(last.due, DayRange):
                return await after_when(turn, mine)
            # the last item has no day of its own (or one to settle): the date question is about it
        item = told.items[-1]
        promise = rows[-1]
        # A day in the same sentence ("two references by Friday") is the promise's date: no second question.
        if isinstance(item.due, DayRange):
            return await _dated(turn, promise, item.due, mine)
        if isinstance(item.due, Ambiguous):
            turn.set(pick={"state": promise_states(mine)[1].value, "question": fields.which_one(item.due, turn.ctx),
                           "options": fields.candidate_buttons(item.due, turn.ctx)})  # fmt: skip
        return promise_states(mine)[1]

    return on_text


def _answered(mine: bool) -> str:
    return "answered_mine" if mine else "answered_theirs"


def reopen(mine: bool) -> Handler:
    """/back to "what did you promise?": the rows its last answer made are reopened, so the new answer replaces
    them instead of standing beside them in the summary."""

    async def on_back(turn: Turn) -> None:
        interview = await turn.require_interview()
        ids = [row.id for row in interview.promises if row.id in set(turn.scratch.get(_answered(mine)) or [])]
        if ids:
            turn.set(promise_id=ids[-1], promise_ids=ids, promise_open=True, reopened=True)

    return on_back


def nothing_promised(mine: bool) -> Handler:
    """ "Nothing" at "what did you promise?": after /back, the answer given before is taken back too."""

    async def on_choice(turn: Turn) -> Next:
        if turn.scratch.get("reopened") and turn.scratch.get("promise_open"):
            interview = await turn.require_interview()
            for promise in await _opened(turn):
                interview.promises.remove(promise)
        turn.drop("reopened")
        return await promises_done(mine)(turn)

    return on_choice


def on_next_item(mine: bool) -> TextHandler:
    """A typed answer where "Add another" / "That's all" is offered: the next promise."""

    async def on_text(turn: Turn, text: str) -> Next:
        if fields.means_skip(text) or text.strip().endswith("?"):  # not clearly a promise: the buttons work here
            raise Invalid(t.NEXT_PROMISE_OR_BUTTONS)
        turn.drop("promise_id", "promise_ids", "promise_open", "promise_group")
        return await on_promise(mine)(turn, text)

    return on_text


async def _dated(turn: Turn, promise: Promise, reading: DayRange, mine: bool) -> Next:
    # The promise stays open until the list moves on, so /back and a new answer correct it in place.
    promise.due_on = reading.latest
    what = promise.what
    if turn.scratch.get("promise_group"):  # the day given for a list: each of its items
        group = await _opened(turn)
        for row in group:
            row.due_on = reading.latest
        what = fields.join_items([row.what for row in group])
    dates.noted(turn, reading, f"“{shorten(what)}”")
    return await after_when(turn, mine)


def promise_when_asker(mine: bool) -> Asker:
    async def ask(turn: Turn) -> tuple[str, Pairs]:
        picking = dates.picking(turn)
        if picking is not None:
            return picking[0], [*picking[1], (t.B_NO_DATE, "nodate")]
        template = t.Q_MY_PROMISE_WHEN if mine else t.Q_THEIR_PROMISE_WHEN
        what = (await current_promise(turn)).what
        if turn.scratch.get("promise_group"):  # a list with no day: asked once for all its items
            what = fields.join_items([promise.what for promise in await _opened(turn)])
        return template.format(what=shorten(what, 80)), [(t.B_NO_DATE, "nodate")]

    return ask


def on_promise_when(mine: bool) -> TextHandler:
    async def on_text(turn: Turn, text: str) -> Next:
        promise = await current_promise(turn)
        # "2 of them tonight, the 3rd by thurs": the promise in parts, its name kept; else a list of items
        parts = fields.parts_with_days(text, promise.what, turn.ctx)
        split = list(parts) if parts is not None else _items_with_days(text, turn)
        if split is not None:
            # "the pin tonight, refs by end of the week": the promise was a list, and each item has its own day.
            interview = await turn.require_interview()
            for old in await _opened(turn):
                interview.promises.remove(old)
            rows = [Promise(mine=mine, what=item.what, due_on=item.due.latest, person_id=promise.person_id)
                    for item in split]  # fmt: skip
            interview.promises.extend(rows)
            await turn.session.flush()
            turn.set(promise_id=rows[-1].id, promise_ids=[row.id for row in rows], promise_open=True)
            turn.say(t.NOTED_ITEMS.format(items=fields.noted_items(split, turn.ctx)))
            dates.settle(turn)
            return await after_when(turn, mine)
        if fields.already_sent(text):  # "already sent it on the bus home": nothing left to remind of
            interview = await turn.require_interview()
            for old in await _opened(turn):
                interview.promises.remove(old)
            turn.drop("promise_id", "promise_ids", "promise_open", "promise_group")
            dates.settle(turn)
            turn.say(t.PROMISE_ALREADY_SENT.format(what=shorten(promise.what, 80)))
            return promise_states(mine)[2]
        renamed = renamed_item(text, promise.what, turn.ctx)
        if renamed is not None:  # "not writing samples haha sample lesson plans. by wed": the item's name set right
            promise.what, reading = renamed
        else:
            reading = fields.promise_when(text, turn.ctx)
        if reading is None:
            return await promise_no_date(mine)(turn)
        if isinstance(reading, Ambiguous):
            return dates.ask_which(turn, reading)
        dates.settle(turn)
        return await _dated(turn, promise, reading, mine)

    return on_text


def _items_with_days(text: str, turn: Turn) -> list[PromiseItem] | None:
    """Two or more items, each with a day of its own, typed at "by when?"; None for a plain day."""
    if not any(mark in text for mark in (",", ";", " and ")):
        return None
    try:
        told = fields.promise(text, turn.ctx)
    except Invalid:
        return None
    if told is None or len(told.items) < 2 or not all(isinstance(item.due, DayRange) for item in told.items):
        return None
    if any(not item.what.strip() for item in told.items):
        return None
    return list(told.items)


def pick_promise_when(mine: bool) -> ArgHandler:
    async def on_choice(turn: Turn, iso: str) -> Next:
        return await _dated(turn, await current_promise(turn), dates.picked(turn, iso), mine)

    return on_choice


def promise_no_date(mine: bool) -> Handler:
    async def on_choice(turn: Turn) -> Next:
        (await current_promise(turn)).due_on = None
        dates.settle(turn)
        return await after_when(turn, mine)

    return on_choice


def promise_more(mine: bool) -> Handler:
    async def on_choice(turn: Turn) -> Next:
        turn.drop("promise_id", "promise_ids", "promise_open", "promise_group")
        return promise_states(mine)[0]

    return on_choice


def promises_done(mine: bool) -> Handler:
    async def on_choice(turn: Turn) -> Next:
        turn.drop("promise_id", "promise_ids", "promise_open", "promise_group")
        return promise_states(mine)[3]

    return on_choice


def _side(mine: bool) -> list:
    what, when, more, after = promise_states(mine)
    section = "mine" if mine else "theirs"
    who = set() if mine else {State.THEIR_PROMISE_WHO}  # a date given with the promise moves on to who
    return [
        entry(
            what,
            Flow.DEBRIEF,
            fixed(t.Q_MY_PROMISE if mine else t.Q_THEIR_PROMISE, (t.B_NOTHING, "none")),
            {when, more, after, *who},
            text=on_promise(mine),
            choices={"none": nothing_promised(mine)},
            no_more="none",
            skip=nothing_promised(mine),
            on_back=reopen(mine),
            section=section,
        ),
        entry(
            when,
            Flow.DEBRIEF,
            promise_when_asker(mine),
            {more, *who},
            text=on_promise_when(mine),
            choices={"nodate": promise_no_date(mine)},
            prefixed={dates.PICK: pick_promise_when(mine)},
            skip=promise_no_date(mine),
            section=section,
        ),
        entry(
            more,
            Flow.DEBRIEF,
            fixed(
                t.Q_MY_PROMISE_MORE if mine else t.Q_THEIR_PROMISE_MORE, (t.B_ADD_MORE, "more"), (t.B_THATS_ALL, "done")
            ),
            {what, when, more, after, *who},
            text=on_next_item(mine),
            choices={"more": promise_more(mine), "done": promises_done(mine)},
            no_more="done",
            more="more",
            section=section,
        ),
    ]


# ---- who promised it (their promises) ----------------------------------------------------------


async def after_when(turn: Turn, mine: bool) -> State:
    """After a promise's date: for one of theirs, who promised it (when there are people to choose from and the
    sentence did not name one of them)."""
    if mine:
        return promise_states(mine)[2]
    promise = await current_promise(turn)
    # a promiser said in the list ("..., and zhang said he'd send the org chart") is not asked about again
    unnamed = promise is not None and promise.person_id is None and promise.promised_by is None
    if unnamed and (await turn.require_interview()).people:
        return State.THEIR_PROMISE_WHO
    return promise_states(mine)[2]


async def ask_who(turn: Turn) -> tuple[str, Pairs]:
    interview = await turn.require_interview()
    promise = await current_promise(turn)
    pairs = [(shorten(person.name), f"p_{person.id}") for person in interview.people]
    return t.Q_THEIR_PROMISE_WHO.format(what=shorten(promise.what, 80)), [*pairs, (t.B_NOT_SURE, "unsure")]


async def on_who(turn: Turn, person_id: str) -> Next:
    interview = await turn.require_interview()
    person = next((p for p in interview.people if str(p.id) == person_id), None)
    if person is None:
        raise LookupError("person not found")
    for promise in await _opened(turn):
        promise.person_id, promise.promised_by = person.id, None
    return State.THEIR_PROMISE_MORE


def interviewer(interview: Interview, typed: str) -> Person | None:
    """The one interviewer a typed name means: the whole name, without a title, the first or the last name."""
    wanted = " ".join(typed.split()).casefold()

    def ways(name: str) -> set[str]:  # "Dr. Anna-Lena Müller": the whole name, without the title, first, last
        parts = [w for w in name.split() if not w.endswith(".")] or name.split()
        return {name.casefold(), " ".join(parts).casefold(), parts[0].casefold(), parts[-1].casefold()}

    found = [
        p
        for p in interview.people
        if wanted in ways(p.name) or wanted in {(w or "").casefold() for w in (p.nickname, p.greeting)}
    ]
    return found[0] if len(found) == 1 else None


async def on_who_text(turn: Turn, text: str) -> Next:
    """A typed name: the interviewer it names (first name or full); someone else described ("the recruiter who set
    it up", "their HR lady") is noted as described, and the chase email then greets no one by name."""
    interview = await turn.require_interview()
    found = interviewer(interview, text)
    if found is not None:
        return await on_who(turn, str(found.id))
    pieces = fields.promiser_pieces(text)
    found = interviewer(interview, pieces[0]) if pieces else None
    if found is not None:  # "jane i think.. or the guy from ops? no no it was jane": the one settled on
        return await on_who(turn, str(found.id))
    named = _someone_named(pieces, turn)
    if named is not None:  # "not her, the HR guy. suman shrestha": someone else, named: one of the people now
        interview.people.append(named)
        await turn.session.flush()
        for promise in await _opened(turn):
            promise.person_id, promise.promised_by = named.id, None
        turn.say(t.WHO_ADDED.format(who=fields.say_understood(fields.Understood(_said(named)))))
        return State.THEIR_PROMISE_MORE
    mentioned, others = _mentioned(interview, text)
    if len(mentioned) == 1 and others and re.search(r"(?i)\bor\b", text):  # "zhang i think? or the recruiter, Lindiwe"
        raise Invalid(t.WHO_WHICH.format(known=mentioned[0].name, other=others[0]))
    if len(mentioned) == 1 and not others:  # "both kinda but jane's the one who'll email it": the one named
        return await on_who(turn, str(mentioned[0].id))
    described = fields.promiser(text)
    if described is None:
        raise Invalid(t.WHO_UNCLEAR)
    for promise in await _opened(turn):
        promise.person_id, promise.promised_by = None, described
    turn.say(t.WHO_DESCRIBED.format(who=shorten(described, 80)))
    return State.THEIR_PROMISE_MORE


_NOT_THEM = r"(?:not|wasn'?t|isn'?t|never|except|apart from|other than)\s+"


def _mentioned(interview: Interview, text: str) -> tuple[list[Person], list[str]]:
    """The interviewers a who-promised-it sentence names by a name of theirs ("jane's the one who'll email it"),
    none said not to be the one ("not jane, ..."), and the other names in it, capitalised words no dictionary knows
    ("or actually the recruiter, Lindiwe")."""
    words = re.findall(r"[^\W\d_][\w-]*", text.replace("’", "'"))
    folded = {w.casefold().removesuffix("'s") for w in words}
    found: list[Person] = []
    known: set[str] = set()
    for person in interview.people:
        parts = [w for w in person.name.split() if not w.endswith(".")] or person.name.split()
        ways = {w.casefold() for w in (*parts, person.nickname or "", person.greeting or "") if len(w) >= 2}
        known |= ways
        said = ways & folded
        if said and not any(re.search(rf"(?i)\b{_NOT_THEM}{re.escape(w)}\b", text) for w in said):
            found.append(person)
    others = [
        w
        for n, w in enumerate(words)
        if n > 0 and w[:1].isupper() and w.casefold() not in known and fields.unknown_word(w)
    ]
    return found, others


def _someone_named(pieces: list[str], turn: Turn) -> Person | None:
    """A person named in the pieces of a who-promised-it answer, with their role from another piece: a piece that
    reads as a name of two words or more and nothing else; None when no piece does."""
    if len(pieces) < 2:
        return None
    readings = [fields.read_person(piece, turn.ctx).values for piece in pieces]
    names = [n for n, values in enumerate(readings) if set(values) == {"person_name"}]
    if len(names) != 1 or len(readings[names[0]]["person_name"].name.split()) < 2:
        return None
    roles = [values["person_role"] for values in readings if set(values) == {"person_role"}]
    # "the HR guy": the department is the role, the word for a person is no part of it
    role = (
        re.sub(r"(?i)\s+(?:guy|lady|girl|man|woman|person|dude|bloke|chap)$", "", roles[0]) if len(roles) == 1 else None
    )
    return Person(name=readings[names[0]]["person_name"].name, role=role or None)


def _said(person: Person) -> dict[str, object]:
    return {"person_name": person.name, **({"person_role": person.role} if person.role else {})}


async def who_unsure(turn: Turn) -> Next:
    for promise in await _opened(turn):
        promise.person_id, promise.promised_by = None, None
    return State.THEIR_PROMISE_MORE


ENTRIES = [
    *_side(MINE),
    *_side(THEIRS),
    entry(
        State.THEIR_PROMISE_WHO,
        Flow.DEBRIEF,
        ask_who,
        {State.THEIR_PROMISE_MORE},
        text=on_who_text,
        choices={"unsure": who_unsure},
        no_more="unsure",
        prefixed={"p_": on_who},
        skip=who_unsure,
        section="theirs",
    ),
]
