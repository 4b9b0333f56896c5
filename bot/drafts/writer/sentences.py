"""Notes as whole sentences and clauses for a draft: chosen to fit a word budget, never cut."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from bot.drafts.check import CRITICISM, noun_phrase
from bot.drafts.writer.cleaning import _keeps_capital, _split_plain, drop_doubled_words, is_filler, sentence_case, tidy
from bot.drafts.writer.perspective import Context, address, is_private

# ---- notes as sentences and clauses -----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Note:
    """A note made ready for a draft: whole sentences only, turned towards the reader."""

    sentences: tuple[str, ...] = ()
    too_long: bool = False  # there was something to say, but no whole sentence fits: ask for one line
    # there was something to say, but only as a criticism of the reader ("your dashboards are a mess"): the
    # draft mentions the challenge without quoting it
    withheld: bool = False
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
def note(
    text: str | None, ctx: Context, max_words: int, *, start: int = 0, most: int = 99, things: bool = False
) -> Note:
    """Whole sentences of a note, at most `max_words` in all, filler and private remarks left out.

    `start` rotates which sentence leads, so two interviewers can hear about different parts of one note;
    `most` caps the number of sentences; `things`: the user's own point, its "they"/"them" left as they are
    (`address`).
    Never cuts a sentence: when not even one fits, the note comes back empty with `too_long` set.
    """
    usable = usable_sentences(text, ctx, things=things)
    if not usable:
        return Note(ctx=ctx, withheld=text is not None and not is_filler(text) and _criticism_only(text, ctx))
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
    if chosen:  # the sentence that leads follows a colon or stands alone: "Also X" -> "X"
        chosen[0] = without_connector(chosen[0])
    return Note(tuple(chosen), too_long=not chosen, ctx=ctx)


# A connector that ties a sentence to the one before it ("Also, the driver app..."): out of place once the
# sentence leads. "So" only as a connector ("So far", "So many" stay); "Besides" only before a comma.
_CONNECTOR = re.compile(
    r"(?i)^(?:oh,?\s+and|and\s+also|but\s+also|also|and|plus|but|so(?!\s+(?:far|much|many|few|little|long|that)\b)|"
    r"besides(?=,)|besides\s+that(?=,))\b[,:]?\s+(?=\S)"
)


def without_connector(sentence: str) -> str:
    """A sentence without the connector it opened with: "Also the driver app onboarding has a big drop-off" ->
    "the driver app onboarding has a big drop-off"; sentences without one are returned as they are."""
    rest = _CONNECTOR.sub("", sentence, count=1)
    return rest if len(rest.split()) >= 2 else sentence


def usable_sentences(text: str | None, ctx: Context, *, things: bool = False) -> list[str]:
    """The note's sentences, tidied, addressed to the company, without filler and private remarks."""
    if text is None or is_filler(text):
        return []
    return list(_usable(text, ctx, things))


@lru_cache(maxsize=1024)
def _usable(text: str, ctx: Context, things: bool = False) -> tuple[str, ...]:
    return tuple(kept for kept in _addressed(text, ctx, things).values() if kept)


@lru_cache(maxsize=1024)
def _criticism_only(text: str, ctx: Context) -> bool:
    """Whether the note had sentences to send but every one was left out as a criticism of the reader."""
    kept = _addressed(text, ctx)
    return bool(kept) and not any(kept.values())


@lru_cache(maxsize=1024)
def _addressed(text: str, ctx: Context, things: bool = False) -> dict[str, str]:
    """Each sentence to send (filler and private remarks left out), addressed, -> what is left of it once
    criticism of the reader is taken out ("" when nothing is)."""
    out: dict[str, str] = {}
    for raw in _split_plain(tidy(drop_doubled_words(text))):
        sentence = raw.strip().rstrip(",;:-– ").strip()
        if sentence.endswith(".") and not sentence.endswith(("etc.", "Inc.", "Ltd.", "Co.")):
            sentence = sentence[:-1]
        if not sentence or is_filler(sentence) or is_private(sentence, ctx):
            continue
        kept = without_criticism(address(sentence, ctx, things=things))
        out[sentence] = "" if CRITICISM.search(kept) else kept
    return out


# A note about the company, turned to "you", that would read as a criticism of the reader. With a noun
# after it ("you struggle with hiring senior engineers") the challenge itself is kept ("hiring senior
# engineers"); otherwise ("you can't keep people") the clause is left out.
_BLUNT = (
    r"(?:really\s+|still\s+|clearly\s+|often\s+|always\s+)?"
    r"(?P<verb>struggl\w*(?:\s+(?:with|at|in))?|ha(?:ve|s|ving)\s+(?:a\s+hard\s+time|(?:a\s+lot\s+of\s+)?"
    r"(?:trouble|difficulty|difficulties|problems|issues))(?:\s+(?:with|in))?|(?:are|['’]re)\s+(?:bad|poor|weak|"
    r"terrible|behind|slow)\s+(?:at|on|with|in)|can(?:not|['’]t)|fail\w*|lack\w*|(?:do\s+not|don['’]t)\s+know\s+how|"
    r"(?:are|['’]re)\s+(?:bad|poor|weak|terrible|behind|slow|understaffed|disorganised|disorganized|a\s+mess|"
    r"chaotic|dysfunctional|a\s+disaster))\b"
)
_BLUNT_ALONE = re.compile(rf"(?i)^(?:and\s+|but\s+|also\s+)?you\s*{_BLUNT}\s*(?P<rest>.*)$")
_BLUNT_AFTER = re.compile(rf"(?i)\s*(?:,\s*)?(?:\s(?:and|but|while|so)\s+|;\s*|,\s*)you\s*{_BLUNT}.*$")
_BLUNT_ANYWHERE = re.compile(rf"(?i)\byou\s*{_BLUNT}")
_NOUN_VERBS = re.compile(r"(?i)^(?:struggl|ha(?:ve|s|ving)\s|(?:are|['’]re)\s+\w+\s+(?:at|on|with|in)$)")


# A harsh judgment of something at the company ("your dashboards are a mess", "the codebase is such a
# nightmare", "nobody trusts the numbers", "the tooling sucks"): never quoted back to the reader.
_HARSH = re.compile(
    r"(?i)\b(?:is|are|was|were|['’]s|['’]re)\s+(?:(?:such|really|totally|completely|basically|honestly|pretty|so|"
    r"very|quite|just|still|kind\s+of|a\s+bit|a|an|total|complete|huge|real|absolute|bit\s+of)\s+)*"
    r"(?:mess|messy|broken(?!\s+(?:into|up|down|out|by)\b)|disaster|chaotic|chaos|terrible|awful|outdated|dysfunctional|nightmare|spaghetti|"
    r"garbage|rubbish|crap|a\s+joke)\b"
    r"|\b(?:nobody|no[\s-]one)\s+(?:really\s+|actually\s+|even\s+|fully\s+)?(?:trusts?|knows?|owns?|understands?)\b"
    r"|\bsucks?\b"
)
# Where one clause of a sentence ends and the next begins, for keeping what is left of a harsh sentence.
_CLAUSES = re.compile(r"(?i)\s*;\s*|,?\s+(?:and|but|so|while|although|whereas)\s+(?:also\s+)?")
# A remainder that reads on its own: a verb to carry it, and no word pointing back at what was left out.
_VERB = re.compile(
    r"(?i)\b(?:is|are|was|were|has|have|had|needs?|wants?|will|would|can|could|should|must|means?|takes?|"
    r"plans?|hopes?|aims?|expects?|[a-z]{3,}ed)\b"
)
_POINTS_BACK = re.compile(r"(?i)^(?:it|its|it['’]s|that|this|these|those|which|who|they|them|then|because|so|too)\b")


def without_harsh(sentence: str) -> str:
    """A sentence without a harsh judgment of the company: unchanged when it has none; else the one clause
    left over when it reads on its own ("your dashboards are a mess, and rebuilding trust in the numbers is
    the job" -> "rebuilding trust in the numbers is the job"); "" otherwise."""
    if not _HARSH.search(sentence):
        return sentence
    left = [c.strip(" ,") for c in _CLAUSES.split(sentence) if c.strip(" ,") and not _HARSH.search(c)]
    if len(left) != 1:
        return ""
    rest = left[0]
    reads = len(rest.split()) >= 4 and _VERB.search(rest) and not _POINTS_BACK.match(rest)
    return rest if reads else ""


def without_criticism(sentence: str) -> str:
    """A sentence with no criticism of the reader in it: "you struggle with hiring senior engineers" ->
    "hiring senior engineers"; "your pipeline drops events and you can't keep people" -> "your pipeline drops
    events"; "your dashboards are a mess and nobody trusts the numbers" -> ""; "" when nothing is left."""
    sentence = without_harsh(sentence)
    if not sentence:
        return ""
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
    trimmed = _first_clause(trimmed)
    found = note(trimmed, ctx, max_words)
    return (noun_phrase(found.after_colon()) or "") if not found.empty else ""  # a clause is left out


# Where what was discussed ends and a remark about the interview begins: a comma or dash and a new subject
# ("isolation and test before touch, she grilled me on ...", "my German level - I said B2 and ...").
_NEW_CLAUSE = re.compile(
    r"(?i)\s*(?:,|;|\s[-–—]\s|\.\.\.|…)\s*(?:(?:and|n|but|so|then)\s+)?"
    r"(?:he|she|they|we|you|i|he['’]s|she['’]s|hes|shes|i['’]d|id|i['’]ve|ive|i['’]m|im|you['’]re)\s+\S"
)
# "... and you want ...", "... but she said ...": a second clause with its own subject, which "about" cannot take.
_AND_CLAUSE = re.compile(r"(?i)\s+(?:and|but|n)\s+(?:he|she|they|you|i|we)\s+(?!and\b|or\b)[a-z]")
# A bare activity named without its article ("site walk"): "the site walk".
_BARE_ACTIVITY = re.compile(
    r"(?i)^(?!(?:the|a|an|my|your|our|their|his|her)\b)(?:[\w-]+\s){0,2}"
    r"(?:walk|tour|visit|demo|presentation|exercise|task|case study|role play|walkthrough|walk-through)$"
)


def _first_clause(text: str) -> str:
    """What was discussed, without the remark about the interview typed after it; the first of a list of
    fragments ("site walk, showed me the switchboard upgrade, asked if ..." -> "the site walk")."""
    joined = _AND_CLAUSE.search(text)
    if joined and len(text[: joined.start()].split()) >= 4:  # "your plan to open X and you want the SM to ..."
        text = text[: joined.start()]
    found = _NEW_CLAUSE.search(text)
    head = text[: found.start()].strip(" ,;") if found and found.start() > 0 else text
    parts = [p.strip() for p in re.split(r",\s*", head) if p.strip()]
    listed = len(parts) >= 3 and len(parts[0].split()) <= 6  # typed as a list of fragments: the first
    remark = len(parts) >= 2 and len(parts[0].split()) >= 4  # a whole topic, then a remark after a comma
    head = parts[0] if listed or remark else head
    return f"the {head}" if _BARE_ACTIVITY.match(head.strip()) else head
