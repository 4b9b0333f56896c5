"""Turning stored notes into words that fit the sentence they go into: case, punctuation, perspective, length."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache

import pysbd
from nameparser import HumanName

from bot.parsing.days import parse_day
from bot.parsing.text import Invalid

# ---- what counts as no answer ----------------------------------------------------------------

_FILLER = {
    "no", "nope", "nah", "none", "nothing", "nothing really", "nothing else", "not really", "no idea",
    "dunno", "don't know", "dont know", "idk", "not sure", "unsure", "n/a", "na", "nil", "null", "tbd",
    "see above", "as above", "same as above", "same", "ditto", "skip", "pass", "no questions",
    "none really", "nothing to add", "no comment", "?", "-", "--", "x", "...", "etc",
}  # fmt: skip
_FILLER_LEAD = re.compile(r"^(?:no|none|nothing|nope|not really)\b[,.;:!\s-]+(?P<rest>.*)$", re.IGNORECASE)
_FILLER_REST = re.compile(
    r"^(?:i )?(?:asked|covered|said|mentioned|think|guess)\b|^(?:that'?s|thats) (?:it|all)\b|^(?:all|everything) "
    r"(?:good|fine|covered)|^(?:really|not much|nothing)\b|^i (?:don'?t|do not) (?:know|think so)",
    re.IGNORECASE,
)


def is_filler(text: str | None) -> bool:
    """True when a note says nothing: "no", "dunno", "-", "see above", "no, I asked everything"..."""
    if text is None:
        return True
    flat = " ".join(text.split()).strip().lower().strip("\"“”'‘’")
    bare = flat.rstrip(".!?…").strip()
    if not any(ch.isalnum() for ch in bare):
        return True
    if bare in _FILLER or flat in _FILLER:
        return True
    lead = _FILLER_LEAD.match(bare)
    return bool(lead and (not lead["rest"] or (_FILLER_REST.match(lead["rest"]) and len(bare.split()) <= 8)))


# ---- punctuation, case, "i" ------------------------------------------------------------------

_SENTENCE_GAP = re.compile(r"(?<=[.!?])\s+")  # enough for the colon rule; pysbd splits notes into sentences
_LONE_I = re.compile(r"(?<![\w.'’-])i(?=['’](?:m|ve|d|ll)\b|\s|$|[,;:!?)]|\.(?![A-Za-z]))")
_DOUBLED_STOP = re.compile(r"\.{2,}|…")
_SPACE_BEFORE = re.compile(r"\s+([,.;:!?])")
_REPEATED = re.compile(r"([,;:!?])(?:\s*\1)+")
_MIXED_END = re.compile(r"([!?])[.,;:]+|[.,;:]+([!?])")
_COMMA_STOP = re.compile(r"[,;:]+\.|\.[,;:]+(?=\s|$)")
_DOUBLED_WORD = re.compile(r"\b(\w+)(\s+\1\b)+", re.IGNORECASE)
_CALENDAR = re.compile(
    r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|april|june|july|august|"
    r"september|october|november|december)s?\b"
)  # lowercase only ("may" and "march" are words too): the user's own weekday and month names, capitalised
_ACRONYMS = {
    "ai", "api", "aws", "bi", "ceo", "cfo", "cio", "cmo", "coo", "cpo", "cto", "dba", "etl", "gcp", "hr", "it",
    "ml", "qa", "sre", "sql", "ui", "ux", "vp", "gmbh", "ag", "sa", "bv", "llc", "plc", "ltd", "inc", "nlp",
    "devops", "ios", "seo", "sdk", "svp", "evp", "cx", "pm", "r&d",
}  # fmt: skip
_SPECIAL_CASE = {"devops": "DevOps", "ios": "iOS", "gmbh": "GmbH", "ltd": "Ltd", "inc": "Inc", "llc": "LLC"}
_SMALL = {"a", "an", "and", "as", "at", "but", "by", "for", "in", "of", "on", "or", "the", "to", "with", "de", "van"}


def tidy(text: str) -> str:
    """Fix spacing, doubled or mixed punctuation, a lone "i", and a second colon in one sentence."""
    flat = " ".join(text.split())
    flat = _LONE_I.sub("I", flat)
    flat = _DOUBLED_STOP.sub(".", flat)
    flat = _SPACE_BEFORE.sub(r"\1", flat)
    flat = _REPEATED.sub(r"\1", flat)
    flat = _MIXED_END.sub(lambda m: m.group(1) or m.group(2), flat)
    flat = _COMMA_STOP.sub(".", flat)
    flat = _CALENDAR.sub(lambda m: m.group(0).capitalize(), flat)
    return " ".join(_one_colon(s) for s in _SENTENCE_GAP.split(flat))


def tidy_joined(text: str) -> str:
    """The checks left once tidied notes are set into a template: where they meet ("?." -> "?") and a second
    colon in one sentence. Cheaper than `tidy`, for every paragraph of every draft."""
    flat = _MIXED_END.sub(lambda m: m.group(1) or m.group(2), text)
    flat = _REPEATED.sub(r"\1", _COMMA_STOP.sub(".", flat))
    if flat.count(": ") < 2:
        return flat
    return " ".join(_one_colon(s) for s in _SENTENCE_GAP.split(flat))


def _one_colon(sentence: str) -> str:
    head, sep, tail = sentence.partition(": ")
    return head + sep + tail.replace(": ", " — ") if sep else sentence


def drop_doubled_words(text: str) -> str:
    """ "send send" -> "send", "by by" -> "by" (the user's own slips; never a real repetition in English)."""
    return _DOUBLED_WORD.sub(r"\1", text)


@lru_cache(maxsize=1)
def _segmenter() -> pysbd.Segmenter:
    return pysbd.Segmenter(language="en", clean=False)


@lru_cache(maxsize=4096)
def _split_plain(text: str) -> tuple[str, ...]:
    """Sentences of a text (pysbd: "3-D Secure 2.0", "e.g." and lowercase starts handled); cached, since each
    draft asks for the same notes several times."""
    return tuple(s.strip() for s in _segmenter().segment(text) if s.strip()) if text else ()


def sentence_case(text: str) -> str:
    """The first letter upper-cased (a sentence start), the rest as typed."""
    for n, ch in enumerate(text):
        if ch.isalpha():
            return text[:n] + ch.upper() + text[n + 1 :]
    return text


@lru_cache(maxsize=4096)
def title_case(text: str | None) -> str:
    """A role or company as a title: "senior backend developer" -> "Senior Backend Developer", "acme gmbh" ->
    "Acme GmbH". Words the user capitalised themselves ("iOS", "McKinsey") are kept as typed."""
    if not text:
        return ""
    words = " ".join(text.split()).split(" ")
    out: list[str] = []
    for n, word in enumerate(words):
        key = word.lower().strip(",.()")
        if any(ch.isupper() for ch in word):
            out.append(word)
        elif key in _SPECIAL_CASE:
            out.append(word.lower().replace(key, _SPECIAL_CASE[key]))
        elif key in _ACRONYMS:
            out.append(word.upper())
        elif n and key in _SMALL:
            out.append(word)
        else:
            out.append("-".join(part[:1].upper() + part[1:] for part in word.split("-")))
    return " ".join(out)


def role_phrase(role: str | None) -> str:
    """A person's role after "as": "recruiter" -> "the recruiter", "Hiring manager" -> "the hiring manager"."""
    if not role or is_filler(role):
        return ""
    flat = " ".join(role.split()).rstrip(".")
    words = flat.split(" ")
    titled = all(w[:1].isupper() or w.lower() in _SMALL for w in words) and len(words) > 1
    if not titled and words[0][:1].isupper() and not _keeps_capital(words[0], words[1:2]):
        flat = words[0].lower() + flat[len(words[0]) :]
    if re.match(r"(?i)^(the|a|an|my|our|your|their|one of)\b", flat):
        return re.sub(r"(?i)^(my|our|their)\b", "the", flat)
    return f"the {flat}"


def join_items(items: Sequence[str]) -> str:
    """'a, b and c' (no serial comma)."""
    items = list(items)
    return f"{', '.join(items[:-1])} and {items[-1]}" if len(items) > 1 else "".join(items)


def _keeps_capital(word: str, following: Sequence[str], known: Iterable[str] = ()) -> bool:
    """Whether a capitalised first word is a proper noun (kept) rather than a sentence start (lowered)."""
    bare = word.strip("\"“”'‘’()[],.;:!?")
    if not bare or not bare[:1].isupper():
        return True
    if bare == "I" or re.match(r"^I['’]", bare):
        return True
    if any(ch.isupper() for ch in bare[1:]) or any(ch.isdigit() for ch in bare):
        return True  # GitHub, AWS, 3-D
    if bare.lower() in _ACRONYMS:
        return True
    lowered = {k.lower() for k in known}
    if bare.lower() in lowered:
        return True
    if bare.lower() in _FUNCTION_WORDS:
        return False
    nxt = following[0].strip("\"“”'‘’()[],.;:!?") if following else ""
    return bool(nxt[:1].isupper() and nxt != "I")  # "New York", "Beta GmbH"


# Words that start sentences and are never names, even before a capitalised word ("At Solarix", "Your API").
_FUNCTION_WORDS = {
    "a", "an", "the", "my", "our", "your", "his", "her", "its", "their", "we", "you", "they", "it", "this", "that",
    "these", "those", "there", "here", "at", "in", "on", "for", "with", "by", "from", "to", "of", "into", "after",
    "before", "since", "during", "when", "while", "as", "if", "because", "and", "but", "so", "also", "then",
    "both", "every", "each", "all", "most", "some", "many", "one", "two", "three", "four", "five", "moving",
    "building", "scaling", "migrating", "making", "running", "getting", "how", "what", "why", "which", "who",
}  # fmt: skip


# ---- perspective -------------------------------------------------------------------------------

_SECOND_PERSON = {
    "they're": "you're",
    "they’re": "you’re",
    "they've": "you've",
    "they’ve": "you’ve",
    "they'll": "you'll",
    "they’ll": "you’ll",
    "they'd": "you'd",
    "they’d": "you’d",
    "they": "you",
    "them": "you",
    "their": "your",
    "theirs": "yours",
    "themselves": "yourselves",
}
_THEY = re.compile(r"\b(" + "|".join(sorted(map(re.escape, _SECOND_PERSON), key=len, reverse=True)) + r")\b", re.I)
_PRIVATE = re.compile(
    r"\b(?:he|she|him|her|his|hers|he's|she's|he'd|she'd|he'll|she'll)\b|\bmy (?:direct |future |new )?"
    r"(?:manager|boss|line manager)\b|\b(?:seemed|seems|felt like|red flag|vibes?|toxic|rude|arrogant|"
    r"disorganised|disorganized|chaotic|boring|lowball|weird)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Context:
    """Who the words are addressed to: the company (written to as "you") and proper nouns to keep."""

    company: str = ""
    people: tuple[str, ...] = ()  # interviewers' names: a sentence about them in the third person is left out
    proper: tuple[str, ...] = ()  # words known to be proper nouns (from the notes, the company, names)

    @classmethod
    def of(
        cls, company: str | None, people: Iterable[str], notes: Iterable[str | None], names: Iterable[str] = ()
    ) -> Context:
        """`notes` are searched for proper nouns; `names` (the sender's, say) are proper nouns word by word."""
        people = tuple(n for n in people if n)
        proper = set(_proper_nouns(notes))
        for text in (company or "", *people, *names):
            proper.update(w.strip(",.") for w in text.split() if w[:1].isalpha())
        return cls(title_case(company), people, tuple(sorted(proper)))


def _proper_nouns(notes: Iterable[str | None]) -> set[str]:
    """Words written with a capital in the middle of a sentence somewhere in the notes ("Kafka", "Stripe")."""
    found: set[str] = set()
    for note in notes:
        for sentence in _split_plain(" ".join((note or "").split())):
            for word in sentence.split()[1:]:
                bare = word.strip("\"“”'‘’()[],.;:!?")
                if bare[:1].isupper() and bare != "I" and not bare.startswith(("I'", "I’")):
                    found.add(bare)
    return found


def address(text: str, ctx: Context) -> str:
    """Notes about the company, turned towards it: "their pipeline" -> "your pipeline", "they struggle" ->
    "you struggle", "Acme's roadmap" -> "your roadmap"."""

    def swap(match: re.Match[str]) -> str:
        word = match.group(1)
        new = _SECOND_PERSON[word.lower()]
        return new[:1].upper() + new[1:] if word[:1].isupper() else new

    out = _THEY.sub(swap, text)
    lowered = out.lower()
    if ctx.company and (ctx.company.split(" ")[0].lower() in lowered or "the company" in lowered):
        possessive, name = _company_patterns(ctx.company)
        out = name.sub(ctx.company, possessive.sub("your", out))
    return _THE_COMPANY.sub("your company", out)


_THE_COMPANY = re.compile(r"(?i)\bthe company\b")


@lru_cache(maxsize=1024)
def _company_patterns(company: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """ "Acme's" or "the company's" (-> "your"), and the company's name in any case (-> as it is written)."""
    name = re.escape(company)
    short = company.split(" ")[0]
    names = f"{name}|{re.escape(short)}" if len(short) > 2 and short != company else name
    return re.compile(rf"(?i)\b(?:the company|{names})['’]s\b"), re.compile(rf"(?i)\b{name}\b")


def is_private(sentence: str, ctx: Context) -> bool:
    """A remark not to be sent: about a person in the third person, or a private judgement."""
    if _PRIVATE.search(sentence):
        return True
    full, parts = _name_patterns(ctx.people)
    return bool((full and full.search(sentence)) or (parts and parts.search(sentence)))


@lru_cache(maxsize=256)
def _name_patterns(people: tuple[str, ...]) -> tuple[re.Pattern[str] | None, re.Pattern[str] | None]:
    """Interviewers' full names in any case, and single name parts only capitalised ("Will" is a person,
    "will" a verb)."""
    fulls, parts = set(), set()
    for name in people:
        parsed = HumanName(name)
        full = " ".join(p for p in (parsed.first, parsed.last) if p)
        if full:
            fulls.add(re.escape(full))
        parts.update(re.escape(p[:1].upper() + p[1:]) for p in (parsed.first, parsed.last) if len(p) > 1)
    full_re = re.compile(rf"(?i)\b(?:{'|'.join(sorted(fulls))})\b") if fulls else None
    part_re = re.compile(rf"\b(?:{'|'.join(sorted(parts))})\b") if parts else None
    return full_re, part_re


# ---- notes as sentences and clauses -----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Note:
    """A note made ready for a draft: whole sentences only, turned towards the reader."""

    sentences: tuple[str, ...] = ()
    too_long: bool = False  # there was something to say, but no whole sentence fits: ask for one line
    ctx: Context = field(default_factory=Context)

    @property
    def empty(self) -> bool:
        return not self.sentences

    @property
    def words(self) -> int:
        return sum(len(s.split()) for s in self.sentences)

    def as_sentences(self) -> str:
        """The note as its own sentences: "Your pipeline drops events. You struggle with hiring." """
        return " ".join(_end(sentence_case(s)) for s in self.sentences)

    def after_colon(self) -> str:
        """The note to follow a colon or a word: first letter lowered unless it starts with a proper noun."""
        first, *rest = self.sentences
        words = first.split(" ")
        if not _keeps_capital(words[0], words[1:2], self.ctx.proper):
            first = words[0][:1].lower() + first[1:]
        text = " ".join([_end(first), *(_end(sentence_case(s)) for s in rest)])
        return text[:-1] if text.endswith(".") else text


def _end(sentence: str) -> str:
    return sentence if sentence[-1:] in ".!?" else sentence + "."


@lru_cache(maxsize=4096)
def note(text: str | None, ctx: Context, max_words: int, *, start: int = 0, most: int = 99) -> Note:
    """Whole sentences of a note, at most `max_words` in all, filler and private remarks left out.

    `start` rotates which sentence leads, so two interviewers can hear about different parts of one note;
    `most` caps the number of sentences.
    Never cuts a sentence: when not even one fits, the note comes back empty with `too_long` set.
    """
    usable = usable_sentences(text, ctx)
    if not usable:
        return Note(ctx=ctx)
    order = usable[start % len(usable) :] + usable[: start % len(usable)]
    chosen: list[str] = []
    budget = max_words
    for sentence in order:
        size = len(sentence.split())
        if size <= budget:
            chosen.append(sentence)
            budget -= size
        if chosen and (budget < 6 or len(chosen) >= most):
            break
    chosen.sort(key=usable.index)
    return Note(tuple(chosen), too_long=not chosen, ctx=ctx)


def usable_sentences(text: str | None, ctx: Context) -> list[str]:
    """The note's sentences, tidied, addressed to the company, without filler and private remarks."""
    if text is None or is_filler(text):
        return []
    return list(_usable(text, ctx))


@lru_cache(maxsize=1024)
def _usable(text: str, ctx: Context) -> tuple[str, ...]:
    out: list[str] = []
    for raw in _split_plain(tidy(drop_doubled_words(text))):
        sentence = raw.strip().rstrip(",;:-– ").strip()
        if sentence.endswith(".") and not sentence.endswith(("etc.", "Inc.", "Ltd.", "Co.")):
            sentence = sentence[:-1]
        if not sentence or is_filler(sentence) or is_private(sentence, ctx):
            continue
        kept = without_criticism(address(sentence, ctx))
        if kept:
            out.append(kept)
    return tuple(out)


# A note about the company, turned to "you", that would read as a criticism of the reader. With a noun
# after it ("you struggle with hiring senior engineers") the challenge itself is kept ("hiring senior
# engineers"); otherwise ("you can't keep people") the clause is left out.
_BLUNT = (
    r"(?:really\s+|still\s+|clearly\s+|often\s+|always\s+)?"
    r"(?P<verb>struggl\w*(?:\s+(?:with|at|in))?|ha(?:ve|s|ving)\s+(?:a\s+hard\s+time|(?:a\s+lot\s+of\s+)?"
    r"(?:trouble|difficulty|difficulties|problems|issues))(?:\s+(?:with|in))?|(?:are|['’]re)\s+(?:bad|poor|weak|"
    r"terrible|behind|slow)\s+(?:at|on|with|in)|can(?:not|['’]t)|fail\w*|lack\w*|(?:do\s+not|don['’]t)\s+know\s+how|"
    r"(?:are|['’]re)\s+(?:bad|poor|weak|terrible|behind|slow|understaffed|disorganised|disorganized|a\s+mess))\b"
)
_BLUNT_ALONE = re.compile(rf"(?i)^(?:and\s+|but\s+|also\s+)?you\s*{_BLUNT}\s*(?P<rest>.*)$")
_BLUNT_AFTER = re.compile(rf"(?i)\s*(?:,\s*)?(?:\s(?:and|but|while|so)\s+|;\s*|,\s*)you\s*{_BLUNT}.*$")
_BLUNT_ANYWHERE = re.compile(rf"(?i)\byou\s*{_BLUNT}")
_NOUN_VERBS = re.compile(r"(?i)^(?:struggl|ha(?:ve|s|ving)\s|(?:are|['’]re)\s+\w+\s+(?:at|on|with|in)$)")


def without_criticism(sentence: str) -> str:
    """A sentence with no criticism of the reader in it: "you struggle with hiring senior engineers" ->
    "hiring senior engineers"; "your pipeline drops events and you can't keep people" -> "your pipeline drops
    events"; "" when nothing is left."""
    alone = _BLUNT_ALONE.match(sentence)
    if alone:
        rest = alone["rest"].strip(" ,;.")
        noun = _NOUN_VERBS.match(alone["verb"]) and rest and not re.match(r"(?i)^to\b", rest)
        return rest if noun and len(rest.split()) >= 2 else ""
    kept = _BLUNT_AFTER.sub("", sentence).strip(" ,;")
    return "" if _BLUNT_ANYWHERE.search(kept) else kept


def fits(text: str | None, max_words: int, ctx: Context | None = None) -> bool:
    """Whether at least one whole sentence of the note fits in `max_words` (else: ask for a one-line version)."""
    return not note(text, ctx or Context(), max_words).too_long


@lru_cache(maxsize=1024)
def topic_clause(text: str | None, ctx: Context, max_words: int = 20) -> str:
    """What was discussed with one person, ready to follow "about": "we talked about their on-call rota" ->
    "your on-call rota"."""
    if text is None or is_filler(text):
        return ""
    trimmed = re.sub(
        r"(?i)^\s*(?:we|i)?\s*(?:talked|spoke|chatted|discussed|went over)\s+(?:a lot\s+|mostly\s+)?"
        r"(?:about|over|through)?\s*|^\s*about\s+",
        "",
        text,
    )
    found = note(trimmed, ctx, max_words)
    return found.after_colon() if not found.empty else ""


# ---- the clarification after a rough interview -------------------------------------------------

_FAILURE = re.compile(
    r"\b(?:blanked|froze|undersold|underplayed|understated|rambled|stumbled|fumbled|messed up|botched|"
    r"forgot|didn['’]?t|did not|couldn['’]?t|could not|failed|struggled|got [\w\s-]{1,30}wrong|mixed up|"
    r"went blank|was nervous|not my best|glossed over|rushed|sold myself short|bombed|wasn['’]?t clear)\b",
    re.IGNORECASE,
)
_TOPIC_AFTER = re.compile(
    r"(?i)\b(?:on|about|with|in|to|over|for)\s+((?:the|my|our|your|their|that|this)\s+[^,;:]+)$"
    r"|\b(?:undersold|underplayed|understated|glossed over|forgot to mention|didn['’]?t mention|fumbled|botched|"
    r"messed up|blanked on|froze on|stumbled (?:on|over)|rambled (?:on|through)|"
    r"didn['’]?t explain|did not mention|sold)\s+((?:the|my|our|your|their)\s+[^,;:]+?)(?:\s+short)?$"
)
_THE_ANSWER = re.compile(r"(?i)^the (?:right |correct |better )?answer (is|would be)\b")
_MISSED = re.compile(r"(?i)\b(?:forgot to mention|didn['’]?t mention|did not mention|never mentioned)\b")
_APOLOGY = re.compile(r"(?i)^(?:sorry|unfortunately|honestly|sadly|i think|i guess|to be honest)[,\s]+")
_CLAUSE_SPLIT = re.compile(
    r"\s*(?:;|:|\s[-–—]\s|—|\.\s|,\s*(?:but|so|and)\s|\bbut\b|\bactually\b,?"
    r"|,\s*(?=(?:the|my|a better|the right|the correct)\s+answer\b|i['’]d\s|i would\s|it should\s|what i meant\b))\s*",
    re.I,
)


@dataclass(frozen=True, slots=True)
class Clarification:
    topic: str  # what it is about ("the system design question"), or ""
    point: str  # the corrected point ("I'd put a queue in front of the booking writes"), or ""
    missed: bool = False  # the topic never came up ("I forgot to mention my AWS certification")


@lru_cache(maxsize=1024)
def clarification(text: str | None, ctx: Context) -> Clarification | None:
    """Split a rough-interview note into what it is about and the corrected point; drop the self-reproach."""
    if text is None or is_filler(text):
        return None
    clean = tidy(drop_doubled_words(text)).rstrip(".!")
    topic, points, missed = "", [], False
    for part in _CLAUSE_SPLIT.split(clean):
        part = _APOLOGY.sub("", part.strip(" ,.")).strip()
        if not part or is_filler(part) or is_private(part, ctx):
            continue
        if _FAILURE.search(part):
            found = _TOPIC_AFTER.search(part)
            if found and not topic:
                topic = (found.group(1) or found.group(2)).strip()
                missed = bool(_MISSED.search(part))
        else:
            points.append(part)
    if not topic and not points:
        return None
    point = ""
    if points:
        chosen = note(". ".join(points), ctx, 28)
        point = chosen.after_colon() if not chosen.empty else ""
        point = _THE_ANSWER.sub(r"my answer \1", point)  # "the answer is X" after a slip: the user's own answer
    topic = address(topic, ctx)
    if topic:
        words = topic.split(" ")
        if not _keeps_capital(words[0], words[1:2], ctx.proper):
            topic = words[0].lower() + topic[len(words[0]) :]
    if not point and not topic:
        return None
    return Clarification(topic, point, missed and not point)


# ---- promises -----------------------------------------------------------------------------------

_VERB = re.compile(
    r"(?i)^\s*(?:(?:i(?:['’]ll| will| would| promised(?: to)?| said i(?:['’]d| would))|will|to|promised(?: to)?)\s+)?"
    r"(?:send(?:\s+over)?|share|forward|e-?mail|mail|provide|submit|pass on|give|get)\s+(?:(?:them|him|her|you)\s+)?"
)
_DAY_MARK = re.compile(r"(?i)\s*,?\s*\b(?:by|on|before|until|till|no later than|due)\s+(?=\S)")
_DAY_BARE = re.compile(r"(?i)\s+(today|tonight|tomorrow(?: morning| evening)?|this week|next week|early next week)\s*$")
_LIST_SPLIT = re.compile(
    r"\s*;\s*|\s*,\s*(?:and\s+)?|\s+and\s+(?=(?:a|an|the|my|our|some|two|three|four|five|\d+|links?|copies|"
    r"send|share|forward)\b)",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Item:
    what: str  # "my GitHub", "two references"
    due: date | None


def promise_items(promises: Iterable[object], ctx: Context, tz: str, now: datetime) -> list[Item]:
    """The user's promises as separate items, each once, each with its own day.

    A promise typed as a list ("a writing sample, two references and my GitHub") becomes three items; a
    verb and a day typed inside it ("send my GitHub by Friday") are taken out of the item and the day kept.
    A day at the end of a list applies to the items before it that have none of their own.
    """
    items: list[Item] = []
    seen: set[str] = set()
    for promise in promises:
        if not getattr(promise, "mine", True):
            continue
        what = getattr(promise, "what", "") or ""
        if is_filler(what):
            continue
        own: list[tuple[str, date | None]] = []
        for chunk in _chunks(tidy(drop_doubled_words(what)).rstrip(".!")):
            text, due = _split_day(chunk, tz, now)
            if not text and due and own:
                own[-1] = (own[-1][0], due)  # "by Thursday, 3 December": the day's second half
                continue
            text = _VERB.sub("", text).strip(" ,.")
            if text and not is_filler(text):
                own.append((text, due))
        pending: date | None = None
        for n in range(len(own) - 1, -1, -1):  # a trailing day covers the undated items before it
            text, due = own[n]
            pending = due or pending
            own[n] = (text, due or pending)
        for text, due in own:
            phrase = address(text, ctx)
            words = phrase.split(" ")
            if not _keeps_capital(words[0], words[1:2], ctx.proper):
                phrase = words[0].lower() + phrase[len(words[0]) :]
            key = phrase.lower()
            if key not in seen:
                seen.add(key)
                items.append(Item(phrase, due or getattr(promise, "due_on", None)))
    return items


def _chunks(text: str) -> list[str]:
    return [c for c in _LIST_SPLIT.split(text) if c and c.strip()]


def _split_day(chunk: str, tz: str, now: datetime) -> tuple[str, date | None]:
    chunk = chunk.strip()
    if _looks_like_day(chunk):
        try:
            return "", parse_day(chunk, tz, now)
        except Invalid:
            pass
    for mark in reversed(list(_DAY_MARK.finditer(chunk))):  # "notes on testing by Friday": the last one
        when = chunk[mark.end() :].strip()
        if len(when.split()) <= 4:
            try:
                return chunk[: mark.start()].strip(), parse_day(when, tz, now)
            except Invalid:
                continue
    bare = _DAY_BARE.search(chunk)
    if bare:
        try:
            return chunk[: bare.start()].strip(), parse_day(bare.group(1), tz, now)
        except Invalid:
            pass
    return chunk, None


_DAY_WORDS = re.compile(
    r"(?i)^(?:\d{1,2}(?:st|nd|rd|th)?\s+\w+|\w+\s+\d{1,2}(?:st|nd|rd|th)?|monday|tuesday|wednesday|thursday|"
    r"friday|saturday|sunday|tomorrow|today)$"
)


def _looks_like_day(chunk: str) -> bool:
    return bool(_DAY_WORDS.match(chunk.strip()))


def day_words(day: date) -> str:
    """ "Friday 4 December": the weekday and the date, no comma to trip a list."""
    return f"{day:%A} {day.day} {day:%B}"


def grouped(items: Sequence[Item]) -> list[tuple[list[str], date | None]]:
    """Items sharing a day, in order of the day (undated last), each group's items in typed order."""
    groups: dict[date | None, list[str]] = {}
    for item in items:
        groups.setdefault(item.due, []).append(item.what)
    order = sorted(groups, key=lambda day: (day is None, day or date.min))
    return [(groups[day], day) for day in order]
