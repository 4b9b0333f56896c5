"""The thank-you emails: one short, personal thank-you per interviewer, each different from the others."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from bot.common import names
from bot.common import texts as t
from bot.drafts import check
from bot.drafts import writer as w
from bot.drafts.draft import (
    Draft,
    challenge_for,
    challenge_said,
    cleaned,
    context,
    filled,
    first_and_last,
    fit_for,
    full_name,
    greeting_line,
    known_of,
    note_text,
    person_role,
    question_for,
    reading,
    reads_as_clause,
    remembered,
    template_fields,
    topic_text,
    topic_vouched,
    vouched,
)
from bot.store.models import Interview, Person

MAX_WORDS = 150


def promise_sentences(
    interview: Interview, ctx: w.Context, tz: str, now: datetime, reader: Person | None = None
) -> str:
    """What the user promised, each item once, items that share a day joined, each group with its day; an item
    promised to the reader by name ("Lena my blue card documents", "my references to Lena") is promised to "you"."""
    mine = [_Cleaned(safe_item(interview, p.what), p.due_on) for p in interview.promises if p.mine]
    if reader is not None:
        # what was promised to another interviewer by name is theirs to hear about, not this reader's
        others = {n for p in interview.people if p is not reader for n in _called(p)} - set(_called(reader))
        if others:
            to_other = re.compile(rf"(?i)\bto (?:{'|'.join(map(re.escape, sorted(others)))})\b")
            mine = [m for m in mine if not to_other.search(m.what)]
    # an item nothing of could be named ("the thing i mentioned"): not promised in an email that cannot name it
    mine = [m for m in mine if m.what != t.PROMISED_MINE]
    items = [w.Item(with_article(_ASAP.sub("", i.what)), i.due) for i in w.promise_items(mine, ctx, tz, now)]
    # a day of the user's that is the very day something of theirs arrives ("the take-home by thurs" when the brief
    # comes that Thursday): the user may mean the week after; no day is better than a wrong one
    arriving = {p.due_on for p in interview.promises if not p.mine and p.due_on}
    today = now.astimezone(ZoneInfo(tz)).date()
    unsure = {i.what for i in items if i.due in arriving and i.due > today}
    items = [w.Item(i.what, None if i.what in unsure else i.due) for i in items]
    if reader is not None:
        for name in _called(reader):
            items = [w.Item(re.sub(rf"^{re.escape(name)}\b", "you", i.what), i.due) for i in items]
            items = [w.Item(re.sub(rf"\bto {re.escape(name)}\b", "to you", i.what), i.due) for i in items]
    out: list[str] = []
    for n, (items_of_day, day) in enumerate(w.grouped(items)):
        what = w.join_items(items_of_day)
        if n == 0 and any(i.endswith(" to you") for i in items_of_day):  # "I'll send you my references"
            what = "you " + w.join_items([re.sub(r" to you$", "", i) for i in items_of_day])
        if n == 0:
            undated = _WHEN.search(what) or set(items_of_day) <= unsure
            template = t.PROMISE_DATED if day else t.PROMISE_WHEN if undated else t.PROMISE_SOON
            out.append(template.format(what=what, day=w.day_words(day) if day else ""))
        else:
            template = t.PROMISE_MORE_DATED if day else t.PROMISE_MORE_SOON
            out.append(template.format(What=w.sentence_case(what), day=w.day_words(day) if day else ""))
    return " ".join(out)


def safe_item(interview: Interview, what: str | None, fallback: str = t.PROMISED_MINE) -> str:
    """A promised item as the emails name it: the user's words, cleaned, when the check vouches for every one of
    them; else the parts of a list it vouches for ("my PVG certificate and references"); the writer's plain
    words for it (`fallback`, "what I mentioned") only when nothing nameable is left."""
    return named_item(interview, cleaned(interview, what) or "", what or "") or fallback


def named_item(interview: Interview, said: str, typed: str, reader: Person | None = None) -> str:
    """A promised item (`said`, the check's fixes applied to what was `typed`) as it can be named in an email,
    or "" when nothing of it can: "cert" is a certificate one sends, an acronym the user typed names a paper of
    theirs ("PVG", "NVQ", "DBS": the reader asked for it), and of a list only the items the check vouches for."""
    said = re.sub(r"\s*\([^()\s]+\)", "", said)  # "food handler cert (manipulador)": a one-word gloss is a note
    # "my resume in pdf (the word one formatting spoil)": a remark of three words or more is the user's, not the item
    said = re.sub(r"\s*\((?:[^()\s]+\s+){2,}[^()]*\)", "", said)
    if re.search(r"(?i)\bcerts?\b", typed):  # "my pvg cert": a certificate, not a certification
        said = re.sub(r"\bcertification(s?)\b", r"certificate\1", said)
    # "my coren cert", "my sssc registration number": a word no list knows before a paper names who issued it
    said = _ISSUER.sub(lambda m: m.group(1).upper() if check.unknown_word(m.group(1)) else m.group(1), said)
    if _nameable(interview, said, typed, reader):
        return said
    parts = [p for p in _PARTS.split(said) if p.strip()]
    kept = [p.strip() for p in parts if _nameable(interview, p.strip(), typed, reader)]
    kept = [p for p in kept if re.search(r"[^\W\d_]{3,}", p)]  # "by", "2": nothing nameable
    if not kept and len(parts) == 1:  # "my college of physios registration number": "my registration number"
        head = _PAPER_HEAD.match(said)
        kept = [f"{head['det']} {head['paper']}"] if head and _nameable(interview, head["paper"], typed, reader) else []
    if not kept or (len(parts) < 2 and kept == [said]):
        return ""
    return kept[0] if len(kept) == 1 else ", ".join(kept[:-1]) + " and " + kept[-1]


_PAPERS = (
    r"(?:registration\s+)?number|certificates?|licen[cs]es?|card|letter|form|transcript|diploma|"
    r"registration|report|references"
)
_ISSUER = re.compile(rf"(?<![\w-])([a-z]{{3,5}})(?=\s+(?:{_PAPERS})\b)")
_PAPER_HEAD = re.compile(rf"(?i)^(?P<det>my|the|a|an)\s+.+?\s(?P<paper>(?:{_PAPERS}))$")


# Where a list of promised items splits: "my PVG cert and refs", "refs + copy of licence", "cv, refs".
_PARTS = re.compile(r"\s*(?:,\s*(?:and\s+)?|;\s*|\s+and\s+|\s+\+\s+|\s+&\s+)\s*", re.IGNORECASE)
_ACRONYM = re.compile(r"[A-Z]{2,5}s?")


def _nameable(interview: Interview, said: str, typed: str, reader: Person | None) -> bool:
    """Whether the check vouches for an item, taking an acronym the user typed in it as the name of their paper."""
    if not said.strip():
        return False
    known = known_of(interview)
    if reader is not None and reader.name:
        known = known.for_reader(reader.name)
    doubts = check.vouch(said, known)
    return all(
        d.rule == "unvouched"
        and _ACRONYM.fullmatch(d.excerpt)
        and re.search(rf"(?i)\b{re.escape(d.excerpt.rstrip('s'))}s?\b", typed) is not None
        for d in doubts
    )


def _called(person: Person) -> list[str]:
    """The names a note may call a person by: the greeting's last word and the given name ("Priya")."""
    first = names.greeting_name(person).split(" ")[-1]
    given = (names.propose_greeting(person.name or "").likely or "").split(" ")[0]
    called = (first, given, *first_and_last(person.name or ""))
    return [n for n in dict.fromkeys(called) if len(n) > 1 and n.rstrip(".").lower() not in {"dr", "prof", "mr", "ms"}]


_WHEN = re.compile(r"(?i)\b(?:once|when|as soon as|after)\s+(?:i|it|they|we|you|the)\b[^,;]*$")
_ASAP = re.compile(r"(?i)\s*\b(?:as soon as possible|asap|soon|straight away|right away)$")
_DETERMINED = re.compile(
    r"(?i)^(?:a|an|the|my|our|your|his|her|their|this|that|these|those|some|any|two|three|four|five|six|all|both|each|every|copies|"
    r"one|several|proof|evidence|details|info|information|what)\b|^\d"
)


def with_article(what: str) -> str:
    """ "writing sample" -> "a writing sample": a singular thing promised without a word before it."""
    acronym = re.match(r"^[A-Z]{2,6}(?:\s+[a-z]{3,}|$)", what)  # "NBI clearance" -> "my NBI clearance", "my DBS"
    product = re.match(r"^[A-Z][a-z]+\s+(?:link|file|board|prototype|profile|page|report|certificate|doc)\b", what)
    if product:  # "Figma link to my case studies" -> "a Figma link to my case studies"
        return "a " + what
    if not what or (what[:1].isupper() and not acronym) or _DETERMINED.match(what):
        return what
    if acronym:
        return "my " + what
    copy = re.match(r"(?i)^(copy|copies|scan|scans|photo|photos|printout)\s+of\s+(?!(?:my|the|a|an|our|your)\b)", what)
    if copy:  # "copy of NCK license" -> "a copy of my NCK license"
        article = "" if copy.group(1).lower().endswith("s") else "a "
        return f"{article}{copy.group(0)}my {what[copy.end() :]}"
    first_part = re.split(r"\s+(?:and|with|of|for|on|about|from|to)\s+|,\s*", what)[0]
    last = re.sub(r"\s*\(.*\)\s*$", "", first_part).split(" ")[-1].lower()
    if last.endswith("s") or len(first_part.split()) > 6:
        return what
    if re.search(
        r"(?i)\b(?:sample|copy|example|summary|write-up|list|link|report|draft|proposal|plan|presentation|"
        r"case study|deck|one-pager|outline)\b",
        first_part,
    ):
        return ("an " if what[:1].lower() in "aeiou" else "a ") + what
    return "my " + what


@dataclass(frozen=True, slots=True)
class _Cleaned:
    """A promise's words with the check's certain fixes applied."""

    what: str
    due_on: date | None
    mine: bool = True


def _topic(interview: Interview, person: Person, topics: Mapping[int, str] | None) -> str | None:
    return topic_text(interview, person, topics[person.id] if topics and person.id in topics else None)


def thank_you_drafts(
    interview: Interview,
    sender: str,
    tz: str,
    now: datetime,
    *,
    topics: Mapping[int, str] | None = None,
    greetings: Mapping[int, str] | None = None,
    variants: Mapping[int, int] | None = None,
    upto: Person | None = None,
) -> list[Draft]:
    """One draft per person; each greets them, names the challenge and the fit, and differs from the others.
    With `upto`, only the drafts up to that person's (theirs is the last): the people after them are not
    written.

    `topics` (person id -> one thing discussed with them) and `greetings` (person id -> the name to greet
    them by) override what is stored on the person (`Person.topic`, `Person.greeting` when those exist).
    `variants` (person id -> a number) picks other phrasings for that person ("Another version").
    """
    with reading():
        return _thank_you_drafts(interview, sender, tz, now, topics, greetings, variants, upto)


def _thank_you_drafts(
    interview: Interview,
    sender: str,
    tz: str,
    now: datetime,
    topics: Mapping[int, str] | None,
    greetings: Mapping[int, str] | None,
    variants: Mapping[int, int] | None,
    upto: Person | None,
) -> list[Draft]:
    ctx = context(interview, sender)
    drafts: list[Draft] = []
    for index, person in enumerate(interview.people):
        start = index + (variants or {}).get(person.id, 0)
        for attempt in range(len(t.OPENINGS) * len(t.SIGNOFFS)):
            promise = promise_sentences(interview, ctx, tz, now, person)
            draft = _thank_you(
                interview, person, index, start + attempt, sender, tz, now, ctx, topics, greetings, promise
            )
            if all(draft.body != d.body for d in drafts):
                break
        drafts.append(draft)
        if person is upto:
            break
    return drafts


# Words a note may take, loosest first: the first plan that keeps the draft within MAX_WORDS is used.
_PLANS = (
    {"challenge": 40, "why": 40, "question": 25, "personal": True},
    {"challenge": 35, "why": 35, "question": 0, "personal": True},
    {"challenge": 35, "why": 35, "question": 0, "personal": False},
    {"challenge": 20, "why": 35, "question": 0, "personal": False},
    {"challenge": 28, "why": 28, "question": 0, "personal": False},
    {"challenge": 20, "why": 20, "question": 0, "personal": False},
    {"challenge": 14, "why": 14, "question": 0, "personal": False},
)


def _thank_you(
    interview: Interview,
    person: Person,
    position: int,
    i: int,
    sender: str,
    tz: str,
    now: datetime,
    ctx: w.Context,
    topics: Mapping[int, str] | None,
    greetings: Mapping[int, str] | None,
    promise: str,
) -> Draft:
    fields = template_fields(interview, sender, tz, now)
    fields["person_role"] = w.role_phrase(person_role(interview, person))
    subject = filled(t.SUBJECTS[i % len(t.SUBJECTS)], fields)
    topic = w.topic_clause(_topic(interview, person, topics), ctx)
    if not topic_vouched(interview, topic, person):
        topic = ""  # a word the check cannot vouch for: the topic is left out whole, lead-in included
    clarify = clarification_sentence(interview, ctx, i, person)
    body, left_out = "", ()
    for plan in _PLANS:
        # One challenge only, so the fit that follows ("take it on") points at one thing.
        challenge, neutral = challenge_for(interview, person, position, ctx, plan["challenge"])
        why = fit_for(interview, ctx, plan["why"], person=person, position=position)
        question = w.note(question_for(interview), ctx, plan["question"]) if plan["question"] else w.Note()
        if not question.empty and not _a_question(interview, question.after_colon(), person):
            question = w.Note()
        first = [filled(t.OPENINGS[i % len(t.OPENINGS)], fields)]
        if plan["personal"] and fields["person_role"]:
            first.append(filled(t.PERSONAL[i % len(t.PERSONAL)], fields))
        if topic:
            topics = t.TOPIC_CLAUSE if reads_as_clause(topic) else t.TOPIC
            first.append(topics[i % len(topics)].format(topic=topic))
        second: list[str] = []
        # a challenge with no fit after it leads nowhere ("One challenge we discussed, margin pressure, has stayed on
        # my mind." and then the promise): said only with the fit
        if why.empty:
            pass
        elif not challenge.empty:
            second.append(challenge_said(challenge.after_colon(), t.CHALLENGE, t.CHALLENGE_PHRASE, i))
        elif neutral:  # the note only criticised the company: the challenge behind it, stated neutrally
            second.append(challenge_said(neutral, t.CHALLENGE, t.CHALLENGE_PHRASE, i))
        if not why.empty:
            fit = t.FIT if not challenge.empty or neutral else t.FIT_ALONE
            second.append(fit[i % len(fit)].format(why=why.after_colon()))
        if not question.empty and not topic and position % 2 == 1:
            second.append(t.QUESTION[i % len(t.QUESTION)].format(question=question.after_colon()))
        if not second and not topic:
            first.append(filled(t.INTEREST[i % len(t.INTEREST)], fields))
        third = [part for part in (clarify, promise, t.CLOSINGS[i % len(t.CLOSINGS)]) if part]
        paragraphs = [greeting_line(person, i, greetings), *(" ".join(p) for p in (first, second, third) if p)]
        body = "\n\n".join([*map(w.tidy_joined, paragraphs), f"{t.SIGNOFFS[i % len(t.SIGNOFFS)]}\n{sender}"])
        left_out = tuple(name for name, found in (("challenges", challenge), ("why_me", why)) if found.too_long)
        if len(body.split()) <= MAX_WORDS:
            break
    return Draft(names.display_name(full_name(person)), person.email, subject, body, left_out)


# A question the email can ask as typed has its verb ("do planners go on call?"); "how many days in office?" is a
# note of one.
_ASKS = re.compile(r"(?i)\b(?:is|are|was|were|do|does|did|can|could|will|would|should|has|have|had|get|gets)\b")


def _a_question(interview: Interview, question: str, reader: Person) -> bool:
    return vouched(interview, question, reader) and bool(_ASKS.search(question))


@remembered
def clarification_sentence(
    interview: Interview, ctx: w.Context, i: int, reader: Person | None = None, *, strict: bool = True
) -> str:
    """The clarification for `reader`'s email, whatever the interview's assessment: the user typed it to be said;
    only to the interviewer it is about when the note names one or shares their topic; never with a word the check
    cannot vouch for (`strict`; the question before the drafts shows it unchecked, for the user to keep, leave out
    or put in one line). A point no question could settle ("the altas y bajas in idse") gives what it was about
    when that can be said; when nothing else can be, the question shows the sentence whole, never nothing."""
    said = _clarification_sentence(interview, ctx, i, reader)
    if said and not _askable(interview, said, reader):
        about = _clarification_sentence(interview, ctx, i, reader, topic_only=True)
        said = about if about or strict else said
    return "" if strict and not vouched(interview, said, reader) else said


def clarification_unsaid(interview: Interview, ctx: w.Context) -> list[Person]:
    """The interviewers whose thank-you should set the record straight and does not: the user typed what to set
    straight (and did not leave it out), and no sentence of it could go in their email (or only what it was about,
    without the point). Said under their draft, so a correction never vanishes without a word."""
    text = note_text(interview, "clarification")
    if not text or w.is_filler(text) or (interview.short_notes or {}).get("clarification") == "-":
        return []
    found = w.clarification(text, ctx)
    if found is not None and not found.point:
        return []  # only what it was about: the drafts say it as such
    readers = _clarified(interview, text)
    unsaid = []
    for reader in readers:
        said = clarification_sentence(interview, ctx, 0, reader)
        about = _clarification_sentence(interview, ctx, 0, reader, topic_only=True)
        if not said or said == about:
            unsaid.append(reader)
    return unsaid if len(unsaid) == len(readers) else []


def _askable(interview: Interview, said: str, reader: Person | None) -> bool:
    """Whether the check vouches for a sentence, or a question could settle what it doubts."""
    known = known_of(interview)
    if reader is not None and reader.name:
        known = known.for_reader(reader.name)
    doubts = check.vouch(said, known)
    return not doubts or check.askable(doubts)


def _clarification_sentence(
    interview: Interview, ctx: w.Context, i: int, reader: Person | None = None, *, topic_only: bool = False
) -> str:
    text = note_text(interview, "clarification")
    found = w.clarification(text, ctx)
    if found is not None and topic_only:
        found = w.Clarification(found.topic, "", found.missed) if found.topic else None
    if found is None:
        return ""
    if found.point:  # "I can do French to English for simple docs. Just not legal": one sentence, not a fragment
        found = w.Clarification(
            found.topic, re.sub(r"\.\s+(?:Just|But)\s+not\b", ", but not", found.point), found.missed
        )
    if reader is not None and text and reader not in _clarified(interview, text):
        return ""
    if found.missed and found.point:  # "forgot to mention i have my forklift licence": the point, leading
        return w.sentence_case(t.CLARIFY_ADDED.format(point=_no_too(_ALSO.sub(_also, found.point, count=1))))
    if found.topic and found.point:
        return w.sentence_case(t.CLARIFY_ON.format(topic=found.topic, point=found.point))
    if found.point:
        return t.CLARIFY_POINT[i % len(t.CLARIFY_POINT)].format(point=found.point)
    return (t.CLARIFY_MISSED if found.missed else t.CLARIFY_TOPIC).format(topic=found.topic)


# "I have my forklift licence" added after the interview: "I also have ..."; "I'm" -> "I'm also".
_ALSO = re.compile(r"^I(?:(?P<be>['’](?:m|ve)|\s+am)|\s+(?P<verb>[a-z]+))\b")


# A past participle after "have": the "also" goes between them ("I have also worked nights"), never before "have".
_PARTICIPLE = re.compile(
    r"(?i)\s+(?:[a-z]+ed|done|been|got|gotten|had|run|led|taught|made|driven|seen|held|built|taken|kept|won|"
    r"spent|sat|passed|written|given|become|gone|met|trained|grown|shown|known)\b"
)


def _no_too(point: str) -> str:
    """ "I also have a full driving licence too": one "also" is enough."""
    return re.sub(r"(?i),?\s+too$", "", point)


def _also(found: re.Match[str]) -> str:
    if found["be"]:
        return f"I{found['be']} also"
    if found["verb"] == "do" and found.string[found.end() :].startswith(" have"):
        return "I also"  # "I do have a full licence" -> "I also have a full licence"
    if found["verb"] == "also":
        return "I also"  # typed with its own "also": one is enough
    if found["verb"] in {"have", "had", "has"} and _PARTICIPLE.match(found.string[found.end() :]):
        return f"I {found['verb']} also"  # "I have done 2 years of school runs" -> "I have also done ..."
    if found["verb"] in {"can", "could", "will", "would", "should", "may", "might", "must"}:
        return f"I {found['verb']} also"  # "I can start in January" -> "I can also start in January"
    return f"I also {found['verb']}"


_COMMON = {
    "question", "answer", "answers", "said", "asked", "about", "with", "that", "this", "what", "when", "actually",
    "really", "want", "correct", "more", "like", "just", "them", "they", "their", "have", "were", "would",
    "didn", "wasn", "there", "thing", "things", "from", "your", "very", "much", "think", "know", "wanted",
    "start", "starting", "started", "could", "should", "give", "take", "make", "need", "handle", "work", "next",
}  # fmt: skip


def _clarified(interview: Interview, text: str) -> list[Person]:
    """Who the clarification is for: the interviewers it names, else those whose topic it shares a word with,
    else everyone."""
    people = list(interview.people)
    named = [p for p in people if any(re.search(rf"(?i)\b{re.escape(n)}\b", text) for n in _called(p))]
    if named:
        return named
    said = _words(text)
    sharing = [p for p in people if said & _words(f"{p.topic or ''}")]
    return sharing if sharing and len(sharing) < len(people) else people


def _words(text: str) -> set[str]:
    return {word[:6] for word in re.findall(r"[a-z]{4,}", text.lower()) if word not in _COMMON}


def thank_you_draft(
    interview: Interview,
    person: Person,
    sender: str,
    tz: str,
    now: datetime,
    *,
    variants: Mapping[int, int] | None = None,
) -> Draft:
    """One person's thank-you, the same as `thank_you_drafts` gives them, without writing the people after them."""
    return thank_you_drafts(interview, sender, tz, now, variants=variants, upto=person)[-1]
