"""Days ahead: a decision, a promise and its day, the next steps; said back, or asked about when ambiguous."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from bot.common.parsing.dates import _WEEKDAYS, FUTURE, Ambiguous, DayRange
from bot.common.parsing.days import find_day, read_day
from bot.common.parsing.text import Invalid, clean_text, shorten
from bot.common.parsing.words import say_date, say_range
from bot.conversation.fields.answers import _plain, item_after_no, means_no_more, means_skip, no_then_remark
from bot.conversation.fields.corrections import taken_back_parts
from bot.conversation.fields.spec import Context
from bot.drafts.writer.cleaning import join_items
from bot.drafts.writer.promises import lead_in, split_items, told_back

# ---- dates of decisions and promises -----------------------------------------------------------


def day(text: str, ctx: Context) -> DayRange | Ambiguous:
    """A day still ahead (a decision, a promise): a refusal for a past day says what would work."""
    reading = read_day(text, ctx.tz, ctx.now, tense=FUTURE, region=ctx.region)
    candidates = reading.candidates if isinstance(reading, Ambiguous) else (reading,)
    ahead = tuple(c for c in candidates if c.latest >= ctx.today)
    if not ahead:
        raise Invalid(
            f"{say_range(candidates[0], ctx.tz, ctx.now)} is already past. Which day ahead? E.g. “Friday”, "
            "“the 11th”, “end of next week” or “in two weeks”."
        )
    if len(ahead) == 1:
        return ahead[0]
    return Ambiguous(reading.typed if isinstance(reading, Ambiguous) else text.strip(), ahead)


def decision(text: str, ctx: Context) -> DayRange | Ambiguous | None:
    """When they expect to decide; None for "not sure" and its variants."""
    if means_skip(text):
        return None
    return day(text, ctx)


_QUOTED = re.compile(r"[\"“”'‘’]([^\"“”‘’]{2,40})[\"“”'‘’]")
_REMARK_AFTER = re.compile(
    r"(?i)[\s,;.]*(?:\bbut\b|\bthough\b|\balthough\b|\bso\b|\blol\b|\bapparently\b|\(|[-–—]\s).*$"
)
_SAID_BY = re.compile(
    r"(?i)^(?:(?:she|he|they|hr|the recruiter|[\w]+)\s+(?:said|says|told me|reckoned|mentioned)|apparently|supposedly)"
    r"\b[\s,:]*"
)


def _day_with_remark(text: str) -> str | None:
    """The day in an answer with a remark around it: the words in quotes ("she said "end of the week" but its govt
    so 🤷"), else the words before the remark ("friday apparently, but who knows with them"); None when no such
    part is left."""
    quoted = _QUOTED.search(text)
    if quoted:
        return quoted.group(1).strip()
    head = _SAID_BY.sub("", _REMARK_AFTER.sub("", text.strip())).strip(" ,.;:!?")
    return head if head and head != text.strip() else None


_VAGUE_DECISION = re.compile(
    r"(?i)^\s*(?:probably\s+|maybe\s+|sometime\s+)?(?:after|once|when|following|post|around)\b\D*$"
)


def vague_decision(text: str) -> bool:
    """ "after the midterm I'd say", "after Golden Week": a time they gave that no calendar here can count from.
    The chat notes the words and plans as if no day was given, rather than refusing them."""
    return bool(_VAGUE_DECISION.match(text)) and len(text) <= 200


_DAY_WORDS = re.compile(
    r"(?i)\d|\b(?:today|tonight|tomorrow|tmrw?|yesterday|days?|weeks?|wks?|months?|years?|end|mid|early|late|next|"
    r"this|weekend|fortnight|quarter|q[1-4]|eod|eow|eom|asap|christmas|xmas|easter|holidays?|"
    r"mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun|monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
    r"jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april|june|july|august|september|"
    r"october|november|december)\b"
)


def no_day_said(text: str) -> bool:
    """ "they said hr will call", "whenever hr gets round to it": an answer with no day in it at all (no number, no
    day, week or month word), which the chat takes as "no date" rather than asking again."""
    words = text.split()
    return 2 <= len(words) <= 40 and not _DAY_WORDS.search(text)


@dataclass(frozen=True)
class Undated:
    """A decision answer kept without a day: its words, and the next steps they tell ("they said hr will call")."""

    said: str
    next_steps: str | None


def undated_decision(text: str) -> Undated | None:
    """The answer to "when do they expect to decide?" that no calendar here can count from, kept as words: a time
    after an event ("after Golden Week"), or no day at all ("they said hr will call", then also the next steps);
    None when it should be asked again (a day word not understood)."""
    if not (vague_decision(text) or no_day_said(text)):
        return None
    said = " ".join(text.split())[:200]
    return Undated(said, said if no_day_said(text) and not vague_decision(text) else None)


def say_day(reading: DayRange, ctx: Context) -> str:
    """A day understood, in words: "Friday 11 December", or the span of a vague answer."""
    return say_range(reading, ctx.tz, ctx.now)


def noted_day(reading: DayRange, ctx: Context) -> str:
    """What the chat says back right away: "Noted: by Friday 11 December." (a span says which day counts)."""
    if reading.exact:
        return f"Noted: by {say_date(reading.latest, ctx.tz, ctx.now)}."
    if reading.name:  # "after the new year": "Noted: early January; I'll count from Friday 8 January."
        return f"Noted: {reading.name}; I'll count from {say_date(reading.latest, ctx.tz, ctx.now)}."
    return (
        f"Noted: {say_range(reading, ctx.tz, ctx.now)}; I'll count from {say_date(reading.latest, ctx.tz, ctx.now)}, "
        "the last day."
    )


def which_one(reading: Ambiguous, ctx: Context) -> str:
    """The question for an ambiguous day: "Do you mean Friday 27 November or Friday 4 December?"."""
    options = " or ".join(say_range(c, ctx.tz, ctx.now) for c in reading.candidates)
    return f"“{shorten(reading.typed)}”: do you mean {options}?"


def candidate_buttons(reading: Ambiguous, ctx: Context) -> list[tuple[str, str]]:
    """(label, ISO date of the last day) for each reading, for the chat's buttons."""
    return [(say_range(c, ctx.tz, ctx.now), c.latest.isoformat()) for c in reading.candidates]


def settled(reading: DayRange | Ambiguous | None, ctx: Context) -> DayRange | None:
    """A reading a form can store as it is; an ambiguous one is refused with the question to settle it."""
    if isinstance(reading, Ambiguous):
        raise Invalid(which_one(reading, ctx) + " Please write the date, e.g. 4 December.")
    return reading


@dataclass(frozen=True)
class PromiseItem:
    """A promised item: what, and the day found in the same sentence ("two references by Friday") if any."""

    what: str
    due: DayRange | Ambiguous | None = None
    who: str | None = None  # who promised this item, when the list names it ("and zhang said he'd send the org chart")


@dataclass(frozen=True)
class Promised:
    """One answer about promises: its items (one per day: "X by Thursday and Y by Monday" is two), whose
    promise the words say it is (None: they don't; "Laura will send me ..." is theirs), and who promised it
    when a name says so ("Laura")."""

    items: tuple[PromiseItem, ...]
    mine: bool | None = None
    who: str | None = None


_ID_ILL = re.compile(r"(?i)(?<![\w'’])(id|ill)\s+(?=(?:send|share|email|e-mail|forward|bring|get|drop|post|pass)\b)")
_SHED = re.compile(r"(?i)(?<![\w'’])(s?he|they)(d|ll)\s+(?=(?:send|share|email|e-mail|forward|get|drop|post|pass)\b)")
_NOTHING_TAKEN_BACK = re.compile(
    r"(?i)^(?:nothing|no|nope|nah|none|not really|i don'?t think so)(?:\s+(?:i think|i guess|i believe|really|tbh))?"
    r"\s*[?!.,…–—-]*\s*(?:(?:oh|ah|um+|erm+)[\s,]+)?"
    r"(?:wait|actually|hang on|hold on|no wait|come to think of it)\b[\s,.!…–—-]*(?=\S)"
)


_WHY_SENT = re.compile(
    r"(?i)(?:\s+(?:so|so that|then)\s+(?:i|we)\s+(?:can|could|have|get|know|see)\b[^()]*|"
    r"\s*\([^()]*\b(?:maybe|who knows|not sure|we'?ll see|apparently|i think|i hope|hopefully)\b[^()]*\))+$"
)


def promise(text: str, ctx: Context) -> Promised | None:
    """What was promised, the lead-in taken off ("I said I'd send them", "they'll send me"); None when the
    answer means "nothing" (the question's "Nothing" button). Items typed as a list stay one item when they
    share a day ("a code sample and two references by Friday"), and are one item per day otherwise."""
    if means_no_more(text) or no_then_remark(text) is not None:  # "no nothing.. only hr will call": nothing promised
        return None
    # "wait actually yes, my salary expectations, said id email them tonight": an answer taken back, and a send
    # said in the first person makes the promise mine whichever question it answers
    mine_said = bool(_MINE_SENT.search(text))
    text = _TAKE_BACK_LEAD.sub("", text) or text
    text = _day_taken_back(text, ctx)
    value = " ".join(clean_text(item_after_no(text), limit=300, what="description").split())
    value = _YES_LEAD.sub("", value) or value  # "yeah my trade cert + 2 refs": the "yes" to the question
    # "..., said id flick em thru tmrw": a clause that only says they will be sent; its day dates the items
    value = _SEND_CLAUSE.sub(" ", value).strip(" ,") or value
    # "I think I said I'd send my transcript but not sure when": the hedges around the promise are not its item
    value = _HEDGED_TAIL.sub("", _HEDGED_LEAD.sub("", value)) or value
    # "nothing? oh wait i said id send my ACCA result slip": the "nothing" taken back in the same answer
    value = _NOTHING_TAKEN_BACK.sub("", value) or value
    # "the p&l so i can see the numbers b4 sat (he said "maybe" tho)": why it is sent, and the user's doubt, are not
    # the item
    value = _WHY_SENT.sub("", value).strip(" ,") or value
    value = _ID_ILL.sub(lambda m: "I'd " if m.group(1).lower() == "id" else "I'll ", value)  # "i said id send"
    value = _SHED.sub(lambda m: f"{m.group(1)}'{m.group(2)} ", value)  # "she said shed send", "hell send"
    # "said i'd send my NMC pin": the "I" people leave out on a phone
    lead = told_back(value) or lead_in(
        re.sub(r"(?i)^(?=(?:said|told (?:them|him|her)|promised|mentioned|offered)\b)", "I ", value)
    )
    if lead.mine is None and mine_said:
        lead = replace(lead, mine=True)
    named = _days_named_after(lead.rest or value, ctx)
    if named is not None:
        return Promised(named, lead.mine, lead.who)
    # "the deck tomorrow and references on Thursday": an "and" right after a day starts the next item.
    listed = _AFTER_DAY_AND.sub(r"\1; ", lead.rest) if lead.rest else lead.rest

    def split_day(chunk: str) -> tuple[str, DayRange | Ambiguous | None]:
        # "the lesson plan from today by monday": "from today" names the thing, "by monday" is its day
        held = _FROM_DAY.search(chunk)
        masked = chunk[: held.start(1)] + _HELD + chunk[held.end(1) :] if held else chunk
        inside = find_day(masked, ctx.tz, ctx.now, tense=FUTURE, region=ctx.region)
        if inside is not None:
            due = _ahead(inside[0], ctx)
            if due is not None:
                rest = inside[1].replace(_HELD, held.group(1)) if held else inside[1]
                if _DAY_PART.search(chunk) and not _DAY_PART.search(rest):  # "tomorrow morning": the part of
                    rest = re.sub(r"(?i)\s+(?:morning|afternoon|evening|night|arvo)\s*$", "", rest)  # the day too
                return rest, due
        return chunk, None

    # "my ACA certificate, and a couple of refs by end of next week": a comma before the last "and" closes the items
    # before it, so the day at the end dates only what follows ("X and Y, by Monday" dates both).
    head, comma_and, tail = (listed or "").rpartition(", and ")
    undated: list[str] = []
    if comma_and and "," not in head and split_day(head)[1] is None and split_day(tail)[1] is not None:
        undated, listed = [item for item, _ in split_items(head, lambda chunk: (chunk, None))], tail
    days: dict[DayRange | Ambiguous | None, list[str]] = {}
    for what, due in split_items(listed, split_day):
        days.setdefault(due, []).append(what)
    if undated:
        days.setdefault(None, [])[:0] = undated
    if len(days) > 1:
        # The undated items last: the chat asks by when for the item it is on, the last one.
        order = sorted(days.items(), key=lambda pair: pair[0] is None)
        items = tuple(PromiseItem(join_items(whats), due) for due, whats in order)
        return Promised(items, lead.mine, lead.who)
    if listed != lead.rest and len(days) == 1 and None not in days:  # each item named the same day
        ((due, whats),) = days.items()
        return Promised((PromiseItem(join_items(whats), due),), lead.mine, lead.who)
    # One day (or none) for the whole answer: the words as typed, only the day taken out.
    what, due = split_day(lead.rest or value)
    if due is not None and _NO_THING.fullmatch(what.strip(" ,;.")):
        # "in a week or two": a time with no thing to send is no item (never the promise "or two"): ask what it is.
        said = shorten(value, 40)
        raise Invalid(f"“{said}” says when, but not what. What is the thing to send? E.g. “my references {said}”.")
    what = what.strip(" ,;.") or value
    listed_items = _listed(what)
    if listed_items:  # "the contract draft, salary bands and the org chart": one promise per item, one day for all
        return Promised(tuple(PromiseItem(item, due, who) for item, who in listed_items), lead.mine, lead.who)
    return Promised((PromiseItem(what, due),), lead.mine, lead.who)


def _listed(what: str) -> list[tuple[str, str | None]] | None:
    """Three or more things listed with commas ("my refs, payslips & p60"): the items, each with who promised it
    when the list says ("..., and zhang said he'd send the org chart"); None for one thing or a pair ("my cv and
    cover letter" stays one promise); a pair joined by "+" or " & " ("salary bands + v2 of the job spec") is two."""
    if "," not in what:
        return _paired(what)
    whos: dict[str, str] = {}
    for chunk in re.split(r"\s*,\s*(?:and\s+)?|\s+and\s+", what):
        said = lead_in(chunk)
        if said.who and said.rest:
            whos[said.rest.strip(" ,.").casefold()] = said.who
    items = [
        part.strip(" ,.")
        for chunk, _ in split_items(what, lambda chunk: (chunk, None))
        for part in re.split(r"\s*(?:&|\+)\s*", chunk)
        if part.strip(" ,.")
    ]
    if len(items) < 3 or not all(1 <= len(item.split()) <= 6 for item in items):
        return None
    return [(item, whos.get(item.casefold())) for item in items]


# Two things joined by "+" or a spaced "&" ("a copy of my AHPRA reg + 2 referees", "payslips & p60"); "P&L", "R&D" and
# "C++" have no space around the sign.
_PAIR_JOIN = re.compile(r"\s+(?:\+|&)\s+|(?<=\w)\+(?=\w)")
# "Baker & Co", "Smith & Sons", "Marks & Spencer", "Ernst & Young": a firm's name, not two things
_FIRM_TAIL = re.compile(r"(?i)^(?:co\.?|company|sons?|partners?|associates|ltd\.?|llp|inc\.?|brothers|bros\.?)$")
_NAME_WORD = re.compile(r"^[A-Z][a-z]+$")


def _paired(what: str) -> list[tuple[str, str | None]] | None:
    """A pair of things joined by "+" or " & ": the two items; None for one thing or a firm's name."""
    parts = [part.strip(" ,.") for part in _PAIR_JOIN.split(what)]
    if len(parts) != 2 or not all(1 <= len(part.split()) <= 8 for part in parts):
        return None
    left, right = parts
    if "&" in _PAIR_JOIN.search(what).group() and (
        _FIRM_TAIL.match(right) or (_NAME_WORD.match(left.split()[-1]) and _NAME_WORD.match(right.split()[0]))
    ):
        return None
    if not all(re.search(r"[^\W\d_]{2}|\d", part) for part in parts):
        return None
    return [(left, None), (right, None)]


# The items listed, then their days by a word of each: "copy of my NMC pin + 2 references. pin tomorrow, references
# latest friday"; the list and the days are parted by a full stop, a dash or a semicolon.
# A remark after a comma that dates one of them counts too: "my certs & the police clearance, tho clearance could take
# a week".
_LIST_THEN_DAYS = re.compile(
    r"^(?P<items>.+?)(?:\.\s+|\s+[-–—]\s+|\s*;\s*|\s*:\s+|\s*,\s*(?:tho|though|but|although|altho|just|only)\s+)"
    r"(?P<days>[^.;:]+?)[\s.!]*$"
)
_ITEM_BREAK = re.compile(r"(?i)\s*(?:\+|&|,|\band\b)\s*")
_DAY_FILLER = re.compile(
    r"(?i)\b(?:still|latest|at the latest|by|on|before|the|my|for|will|i'?ll|send|be|is|are|could|might|may|can|"
    r"would|should|take|takes|taking|need|needs|probably|prob|about|around|up to|done|ready|come|comes|through|thru|"
    r"it|its|it'?ll)\b"
)


def _days_named_after(value: str, ctx: Context) -> tuple[PromiseItem, ...] | None:
    """Items listed first and their days said after by a word of each ("scan of my licence + short audio of the
    tour. scan tonight still, audio by sat"): one item per day; None when the answer is not so."""
    found = _LIST_THEN_DAYS.match(value)
    if found is None:
        return None
    items = [item.strip(" ,.") for item in _ITEM_BREAK.split(found["items"]) if item.strip(" ,.")]
    parts = [part.strip() for part in re.split(r"\s*,\s*|\s+and\s+|\s*\+\s*", found["days"]) if part.strip()]
    if len(items) < 2 or not parts or any(find_day(item, ctx.tz, ctx.now, tense=FUTURE) for item in items):
        return None
    dues: dict[int, DayRange | Ambiguous] = {}
    for part in parts:
        inside = find_day(part, ctx.tz, ctx.now, tense=FUTURE, region=ctx.region) or _last_words_day(part, ctx)
        due = _ahead(inside[0], ctx) if inside is not None else None
        if due is None:
            return None
        keys = [word.casefold() for word in re.findall(r"[^\W\d_][\w'’-]*", _DAY_FILLER.sub(" ", inside[1]))]
        if not keys or len(keys) > 3:
            return None
        which = [
            n
            for n, item in enumerate(items)
            if all(any(_alike(key, word.casefold()) for word in re.findall(r"[\w'’-]+", item)) for key in keys)
        ]
        if len(which) != 1 or which[0] in dues:
            return None
        dues[which[0]] = due
    ordered = sorted(range(len(items)), key=lambda n: n not in dues)  # the undated last: asked by when
    return tuple(PromiseItem(items[n], dues.get(n)) for n in ordered)


# A part of a promised list named at "by when?": "2 of them", "the 3rd", "the other one", "the rest", "both refs"
_PART_OF = re.compile(
    r"(?i)^(?:(?:and|but|then|plus)\s+)?(?P<part>(?:the\s+)?(?:\d{1,2}|one|two|three|four|five|both|all|rest|remaining|"
    r"other|others|last|first|second|third|fourth|\d(?:st|nd|rd|th))(?:\s+(?:two|three|\d))?"
    r"(?:\s+(?:of\s+(?:them|those|these|em|'em)|ones?))?)"
    r"(?=[\s,]|$)\s*(?:(?:is|are|will|'ll|should|could|can|might|needs?|need to|has to|have to|be)\b)?"
)
_PART_BREAK = re.compile(r"\s*(?:[,;]|\s+and\s+|\s+but\s+)\s*(?=(?:and\s+|but\s+)?(?:the\s+)?(?:\d\w*|one|two|three|"
                         r"both|all|rest|remaining|other|last|first|second|third)\b)", re.IGNORECASE)  # fmt: skip


def parts_with_days(text: str, what: str, ctx: Context) -> tuple[PromiseItem, ...] | None:
    """ "2 of them tonight, the 3rd needs sign-off from my old boss so prob thurs" at "by when will you send writing
    samples?": the promise in parts, each with its day ("writing samples (2 of them)" tonight, "writing samples (the
    3rd)" Thursday), the item's name kept; None unless every part names a share of it and a day."""
    chunks = [chunk for chunk in _PART_BREAK.split(text.strip()) if chunk.strip()]
    if len(chunks) < 2:
        return None
    items = []
    for chunk in chunks:
        found = _PART_OF.match(chunk.strip())
        if found is None:
            return None
        rest = chunk.strip()[found.end() :].strip(" ,")
        try:
            due = day(rest, ctx) if rest else None
        except Invalid:
            return None
        if not isinstance(due, DayRange):
            return None
        items.append(PromiseItem(f"{what} ({found['part'].strip()})", due))
    return tuple(items)


def _last_words_day(part: str, ctx: Context) -> tuple[DayRange | Ambiguous, str] | None:
    """A day said last after an item's word ("cert wed"): a short weekday that alone reads as a day."""
    words = part.split()
    for size in (3, 2, 1):  # "needs a few days", "cert wed"
        if len(words) > size:
            try:
                return read_day(" ".join(words[-size:]), ctx.tz, ctx.now, tense=FUTURE, region=ctx.region), " ".join(
                    words[:-size]
                )
            except Invalid:
                continue
    return None


def _alike(key: str, word: str) -> bool:
    """A word of the item said again short: "refs" for "references", "cert" for "certificate", "pin" for "PIN"."""
    key, word = key.rstrip("s"), word.rstrip("s")
    return len(key) >= 2 and (
        word.startswith(key)
        or (key.startswith(word) and len(word) >= 3)
        or (len(key) >= 3 and key[0] == word[0] and all(ch in word for ch in key) and _in_order(key, word))
    )


def _in_order(key: str, word: str) -> bool:
    """The key's letters in the word in order ("refs" in "references", "cert" in "certificate")."""
    rest = iter(word)
    return all(ch in rest for ch in key)


# "wait actually yes, ...", "oh hang on, there is one": a "no" just given taken back at the start of the next answer
_TAKE_BACK_LEAD = re.compile(
    r"(?i)^\s*(?:(?:oh|ah|um+|erm+|sorry|oops)[\s,.!…]+)*(?:wait|actually|hang on|hold on|come to think of it|"
    r"scratch that)\b[\s,.!…–—-]*(?:(?:actually|yes|yeah|yep|yup|ya|i did|i do|there is|there was|one thing|"
    r"there's one)\b[\s,.!:…–—-]*)*(?=\S)"
)
# A send said in the first person: "said id email them tonight", "I promised I'd send", "told them i'll forward it"
_MINE_SENT = re.compile(
    r"(?i)(?:^|[\s,;.])(?:i\s+)?(?:said|told (?:them|him|her)|promised)\s+(?:that\s+)?(?:i'?d|id|i would|i will|i'?ll|ill)\s+"
    r"(?:send|email|e-mail|forward|get|drop|share|mail|bring|upload|flick|pass|post)\b"
)


# A thank-you note as the only thing "promised": drafting it is the chat's own job, nothing to track
_THANK_YOU_ONLY = re.compile(
    r"(?i)^(?:(?:only|just|a|an|the|my|i|said|i'd|id|i'll|ill|will|send|sending|them|him|her|usual|quick|short|"
    r"follow-?up|lol|haha|tbh|ok|so|um+|well|nothing but|nothing except|no(?:thing)?|nope|not really)[\s,.!]+)*"
    r"(?:thank[\s-]?(?:you|u|yous?)|thanks|thx|ty)[\s-]*(?:e-?mail|mail|note|message|msg|card|letter|text)"
    r"(?:[\s,.!?]+(?:lol|haha|i guess|i think|does (?:that|it) count|if (?:that|it) counts|counts?|to them|to him|"
    r"to her|tonight|tomorrow|later|ig|tho|though)\b)*[\s,.!?😅😂🙃]*$"
)


def only_thank_you(text: str) -> bool:
    """ "only a thank u mail lol does that count", "just the thank-you email": no material promised; the thank-you
    email is the one the chat drafts at the end of the debrief."""
    return bool(_THANK_YOU_ONLY.match(" ".join(text.split())))


_YES_LEAD = re.compile(r"(?i)^(?:yeah|yep|yes|yup|ya|ja|sure|yea|aye|si|sí|sim|oo|ok|okay)\b[\s,.!:-]+(?=\S)")
# A clause after the items that says only that they will be sent: "said id flick em thru", "will send em", "told them
# i'd email them", "gonna drop them over"
_SEND_CLAUSE = re.compile(
    r"(?i)\s*[,;-]\s*(?:and\s+)?(?:(?:i\s+)?(?:said|told (?:them|him|her)|promised)(?:\s+(?:that\s+)?(?:i'?d|id|i would|i will|"
    r"i'?ll|ill))?|(?:i\s+)?(?:will|'ll|ill|gonna|going to|have to|need to|must)|i'?ll)\s+(?:send|email|e-mail|flick|forward|"
    r"get|drop|pass|share|post|bring|mail|upload|whatsapp|text)\s+(?:(?:em|them|it|those|these|'em|both)\s+)?"
    r"(?:(?:thru|through|over|across|off|on|in|along|to (?:them|him|her))\b\s*)?"
)


_DAY_PART = re.compile(
    r"(?i)\b(?:today|tomorrow|tmrw?|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\s+(?:morning|afternoon|"
    r"evening|night|arvo)\b"
)


# A day that names the thing promised ("the notes from today", "the slides of this morning"), not when it is due.
_FROM_DAY = re.compile(r"(?i)\b(?:from|of)\s+(today|yesterday|this\s+morning|this\s+afternoon)\b(?=.*\S)")
_HELD = "thatday"


# What is left of a promise when its day is taken out and no thing was named: "", "or two", "it", "hopefully".
_NO_THING = re.compile(
    r"(?i)(?:(?:or|and|in|by|on|at|the|a|an|it|them|that|those|this|so|about|around|maybe|probably|hopefully|ish|one|"
    r"two|three|few|couple|of|more|time|sometime|something|stuff|things?|send|sent|will|i'?ll|they'?ll|within|before)"
    r"\b[\s,.;!?-]*)*"
)


_AFTER_DAY_AND = re.compile(
    r"(?i)\b(today|tonight|tomorrow|tmrw?|tmoro|tomoz|monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
    r"mon|tues?|weds?|thu|thur|thurs|fri|sat|sun|week|wk|month|weekend|hours|days|\d{1,2}(?:st|nd|rd|th)|eod|eow|"
    r"tonite|tmr|tmw|2moro|2morrow)"
    r"\s+(?:and|\+|&)\s+(?!then\b)(?!(?-i:[A-Z]))"
)
# "I think I said ...", "... but not sure when": a hedge before the promise and a doubt about its day after it
_HEDGED_LEAD = re.compile(
    r"(?i)^(?:i think|i guess|i believe|i reckon|pretty sure|maybe|probably)\s*,?\s+(?=(?:i|i'd|id)\b|said\b|told\b)"
)
_HEDGED_TAIL = re.compile(
    r"(?i)[\s,;.]+(?:but\s+)?(?:i'?m\s+)?(?:not sure|unsure|no idea|dunno|don'?t know|not certain)"
    r"(?:\s+(?:when|by when|what day|which day|the date|about the date|of the date))?\s*[.!?]*$"
)


def noted_items(items: Sequence[PromiseItem], ctx: Context) -> str:
    """Items said back with their days: "my case study by Thursday 3 December; a link to my repo by Monday 7
    December" (an ambiguous day is asked about afterwards; an undated item is said as it is)."""
    return "; ".join(
        f"{item.what} by {say_date(item.due.latest, ctx.tz, ctx.now)}" if isinstance(item.due, DayRange) else item.what
        for item in items
    )


def _ahead(reading: DayRange | Ambiguous, ctx: Context) -> DayRange | Ambiguous | None:
    candidates = reading.candidates if isinstance(reading, Ambiguous) else (reading,)
    ahead = tuple(c for c in candidates if c.latest >= ctx.today)
    if not ahead:
        return None
    return ahead[0] if len(ahead) == 1 else Ambiguous(getattr(reading, "typed", ""), ahead)


_ALREADY = re.compile(
    r"(?i)\b(?:already|just)\s+(?:sent|emailed|e-mailed|shared|submitted|forwarded|uploaded|gave|given|done|did)\b|"
    r"\b(?:sent|emailed|e-mailed|shared|submitted|forwarded|uploaded)\s+(?:(?:it|them|that|those|these)\s+)?(?:already|"
    r"earlier|just now|this morning|this afternoon|today|last night|on the (?:bus|train|way))\b|"
    r"^\s*(?:i'?ve|i have|we'?ve|they'?ve|they have)\s+(?:already\s+)?(?:sent|emailed|shared|submitted|forwarded)\b|"
    r"^\s*(?:already\s+)?(?:done|sent)(?:\s+(?:already|it|that))*\s*[.!😎👍✅]*\s*$"
)


def already_sent(text: str) -> bool:
    """ "already sent it on the bus home", "sent them this morning", "done already": the promise is kept already,
    so there is no day to remind of."""
    return bool(_ALREADY.search(text)) and not means_skip(text)


def promise_when(text: str, ctx: Context) -> DayRange | Ambiguous | None:
    """By when a promise is due; None for "no date" and its variants."""
    if means_skip(text) or _plain(text) in {"no date", "none given", "no deadline", "whenever"}:
        return None
    try:
        return day(text, ctx)
    except Invalid:
        said = _day_with_remark(text)
        if said is None:
            raise
        return day(said, ctx)


_CHATTER = re.compile(
    r"(?i)\b(?:haha+|hah|lol|lmao|oops|sorry|i mean|i meant|actually|it'?s|its|it is|no|the right one is)\b|[-–—,;.!:]"
)


def renamed_item(text: str, old: str, ctx: Context) -> tuple[str, DayRange | Ambiguous] | None:
    """An answer to "by when will you send X?" that also corrects X: "not writing samples haha sample lesson plans.
    by wed", "sample lesson plans not writing samples, by friday" -> ("sample lesson plans", Wednesday); None when
    the answer names no other item instead of the one asked about."""
    inside = find_day(text, ctx.tz, ctx.now, tense=FUTURE, region=ctx.region)
    if inside is None:
        return None
    due = _ahead(inside[0], ctx)
    rest = re.sub(r"(?i)\s*\b(?:by|on|before|until|till)\s*[.!]*$", "", inside[1].strip(" .,;!"))
    words = [re.escape(word) for word in old.split() if word.casefold() not in {"the", "my", "a", "an"}]
    if due is None or not words:
        return None
    said_not = re.search(r"(?i)\bnot\s+(?:the\s+|my\s+|a\s+|an\s+)?" + r"\s+".join(words) + r"\b", rest)
    if said_not is None:
        return None
    new = " ".join(_CHATTER.sub(" ", rest[: said_not.start()] + " " + rest[said_not.end() :]).split())
    return (new, due) if re.search(r"[^\W\d_]{3,}", new) else None


@dataclass(frozen=True)
class NextSteps:
    """The next steps as told, and a decision day found inside ("they decide by the 11th") to offer."""

    text: str
    decision: DayRange | Ambiguous | None = None


def next_steps(text: str, ctx: Context) -> NextSteps | None:
    """The next steps; None when skipped ("they didn't say", "no idea")."""
    if means_skip(text) or _plain(text) in {"they didn't say", "they didnt say", "didn't say", "not said"}:
        return None
    value = clean_text(text, what="answer")
    offered = None
    said = _DECIDES.search(value)
    if said is not None:
        # The day attached to the decision ("... next week and decide by the end of the month"), else any day.
        attached = find_day(value[said.end() :], ctx.tz, ctx.now, tense=FUTURE, region=ctx.region)
        inside = attached or find_day(value, ctx.tz, ctx.now, tense=FUTURE, region=ctx.region)
        offered = _ahead(inside[0], ctx) if inside is not None else None
    return NextSteps(value, offered)


_DECIDES = re.compile(
    r"(?i)\b(?:decid\w*|decision|hear back|get back to (?:me|us)|get back|let (?:me|us) know|make a call|"
    r"answer|feedback|come back to (?:me|us))"
)


def _day_taken_back(text: str, ctx: Context) -> str:
    """A promise whose day is taken back in the same answer, with the day as the user meant it: "police clearance
    cert, next week, wait no she said friday" -> "police clearance cert by friday"; "references by monday, no sorry
    tuesday" -> "references by tuesday". Anything else taken back is left to the reading as typed."""
    parts = taken_back_parts(text)
    if parts is None:
        return text
    head, new = parts
    # the new words alone are a day phrase ("friday", "the 14th", "end of next week") or a short weekday ("thurs")
    alone = find_day(new, ctx.tz, ctx.now, tense=FUTURE, region=ctx.region)
    if not (alone and not alone[1].strip(" ,.;:!-")) and new.strip(" .!").casefold() not in _WEEKDAYS:
        return text
    old = find_day(head, ctx.tz, ctx.now, tense=FUTURE, region=ctx.region)
    if old is None:  # "2 refs by wed": a short weekday after "by" is a day here too
        by = re.search(r"(?i)\s+(?:by|on|for|before)\s+\S+$", head)
        old = (None, head[: by.start()]) if by else None
    item = (old[1] if old else head).strip(" ,.;:!-–—")
    return f"{item} by {new}" if item else text
