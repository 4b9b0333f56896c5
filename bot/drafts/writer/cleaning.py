"""Cleaning the user's words: what counts as no answer, punctuation, case, a lone "i", sentences."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache

import pysbd

from bot.drafts.check import cased_words
from bot.drafts.spellings import SPELLING

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
_DOUBLED_STOP = re.compile(r"\.{2,}")
# An ellipsis ("...", "…") and what follows it: a lowercase word or a number goes on the same sentence, a
# capital starts the next one, the end of the note (or a closing mark) needs nothing.
_ELLIPSIS = re.compile(r"(?<!\betc)\s*(?:\.{3,}|…)+\s*(?P<next>\S?)")
_SPACE_BEFORE = re.compile(r"\s+([,.;:!?])")
_REPEATED = re.compile(r"([,;:!?])(?:\s*\1)+")
_MIXED_END = re.compile(r"([!?])[.,;:]+|[.,;:]+([!?])")
_COMMA_STOP = re.compile(r"[,;:]+\.|\.[,;:]+(?=\s|$)")
_DOUBLED_WORD = re.compile(r"\b(\w+)(\s+\1\b)+", re.IGNORECASE)
# A particle after its verb, then the same word as a preposition: no slip ("settling in in September").
_PARTICLE_AFTER_VERB = re.compile(r"(?i)\w(?:ing|ed)\s+$")
_CALENDAR = re.compile(
    r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|april|june|july|august|"
    r"september|october|november|december)s?\b"
)  # lowercase only ("may" and "march" are words too): the user's own weekday and month names, capitalised
# Words with one spelling: acronyms, legal forms and well-known products and technologies, lower case -> as
# written. A role or company ("senior sql developer at acme gmbh") gets every one; running text (notes,
# promises) only those that are never ordinary words ("it", "pm", "react", "excel" and "spark" are).
_SPELLING = SPELLING
_ORDINARY = {
    "it", "pm", "sa", "ag", "bi", "ni", "react", "excel", "spark", "rust", "sketch", "notion", "slack", "looker",
    "snowflake", "pandas",
}  # fmt: skip  # also everyday words: left as typed in running text
_ACRONYMS = set(_SPELLING)  # kept capitalised at a sentence start, upper-cased in a title unless special
_SPECIAL_CASE = {k: v for k, v in _SPELLING.items() if v != k.upper()}
_IN_TEXT = re.compile(
    r"(?<![\w/.@&-])("
    + "|".join(sorted((re.escape(k) for k in _SPELLING if k not in _ORDINARY), key=len, reverse=True))
    + r")(?![\w/@&-]|\.\w)"
)
_NOT_ACRONYMS = {"st", "mr", "ms", "mrs", "dr", "jr", "sr", "nr", "rd", "th", "nd"}
# Romance articles: small after a preposition ("Casa de la Cultura"), part of the name after anything else
# ("Colegio Internacional La Moraleja", "Hotel Le Bristol").
_ARTICLES = {"la", "le", "el", "las", "los", "les"}
_SMALL = {"a", "an", "and", "as", "at", "but", "by", "for", "in", "of", "on", "or", "the", "to", "with", "de", "van",
          "do", "da", "dos", "das", "del", "la", "le", "von", "der", "den", "du", "di", "y", "e"}  # fmt: skip


def tidy(text: str) -> str:
    """Fix spacing, doubled or mixed punctuation, a lone "i", and a second colon in one sentence."""
    flat = " ".join(text.split())
    flat = _LONE_I.sub("I", flat)
    flat = _ELLIPSIS.sub(_after_ellipsis, flat).strip()
    flat = _DOUBLED_STOP.sub(".", flat)
    flat = _SPACE_BEFORE.sub(r"\1", flat)
    flat = _REPEATED.sub(r"\1", flat)
    flat = _MIXED_END.sub(lambda m: m.group(1) or m.group(2), flat)
    flat = _COMMA_STOP.sub(".", flat)
    flat = _CALENDAR.sub(lambda m: m.group(0).capitalize(), flat)
    flat = _IN_TEXT.sub(lambda m: _SPELLING[m.group(1)], flat)  # lower case only: "sql" -> "SQL", "Sql" kept
    flat = _CODE.sub(lambda m: m.group(0).upper(), flat)  # "the a9", "the a-7", "b2": a code, in capitals
    flat = _THIS_YEARS.sub(lambda m: m.group(1) + "'s", flat)  # "this years renewal" -> "this year's renewal"
    flat = _MONTH_YEAR.sub(lambda m: _MONTH_NAMES[m.group(1).lower()[:3]] + " ", flat)  # "aug 2027" -> "August 2027"
    flat = _TILL_WHEN.sub("until ", flat)  # "runs till August" -> "runs until August"
    flat = _LANGUAGE_PAIR.sub(_language_pair, flat)  # "arabic <> english" -> "Arabic-English"
    flat = _FIELD_ADJECTIVE.sub(lambda m: f"{m.group(1)} {_FIELD_NOUN[m.group(2).lower()]}", flat)  # "in dental"
    flat = _TO_RATING.sub(
        lambda m: (
            f"{m.group(1)} to an {m.group(2).capitalize()} rating"
            if m.group(2).lower()[0] == "o"
            else f"{m.group(1)} to a {m.group(2).capitalize()} rating"
        ),
        flat,
    )
    flat = _COMPOUND_BEFORE_NOUN.sub(lambda m: f"{m.group(1)}-{m.group(2)} ", flat)  # "last-minute changes"
    flat = _NAMED_ROAD.sub(lambda m: " ".join(w[:1].upper() + w[1:] for w in m.group(0).split(" ")), flat)
    return " ".join(_one_colon(s) for s in _SENTENCE_GAP.split(flat))


# A road of a name ("the Bruce highway", "the southern motorway"): a place, in capitals ("the Bruce Highway", "the
# Southern Motorway"). Only after a capitalised word or a compass word, never "the new highway".
_NAMED_ROAD = re.compile(
    r"(?<=\w )(?:[A-Z][a-z]+|(?:northern|southern|eastern|western))\s(?:highway|motorway|freeway|expressway)\b"
)

# A field of work typed as the adjective alone ("6 yrs in dental", "worked in domiciliary"): the noun it stands
# for, after time spent or work done in it; never when a noun follows ("in dental nursing").
_FIELD_NOUN = {
    "dental": "dental practice",
    "veterinary": "veterinary practice",
    "vet": "veterinary practice",
    "legal": "legal practice",
    "clinical": "clinical practice",
    "residential": "residential care",
    "domiciliary": "domiciliary care",
    "pharma": "the pharmaceutical industry",
}
_FIELD_ADJECTIVE = re.compile(
    r"(?i)\b((?:years?|yrs?|months?|mths?|experience|worked|working|work|career)\s+in)\s+("
    + "|".join(_FIELD_NOUN)
    + r")\b(?!\s+(?!(?:and|or|for|at|in|with|but|so|since|until|on|from)\b)[a-z])"
)

# An inspector's grade typed as the bare word ("led the home to good", "got the school to outstanding"): the rating
# it is ("to a Good rating"), as inspections (CQC, Ofsted, the Care Inspectorate) name them.
_TO_RATING = re.compile(
    r"(?i)\b((?:led|took|got|brought|helped|moved|lifted|raised)\s+(?:the|my|our|a)\s+(?:[a-z]+\s+)?"
    r"(?:home|service|school|practice|ward|unit|team|nursery|department|setting|site))\s+to\s+(good|outstanding)\b"
    r"(?!\s+(?:rating|grade|standard|level|results?|shape|effect|use)\b)"
)

# Two words that describe the noun after them as one ("long haul flights", "last minute changes", "full time
# staff"): joined by a hyphen. Never after "the" ("at the last minute"), never at the end ("a long haul").
_COMPOUND_BEFORE_NOUN = re.compile(
    r"(?i)\b((?:long|short)(?=\shaul)|(?<!\bthe )last(?=\sminute)|(?:part|full)(?=\stime))\s(haul|minute|time)\s(?=(?!(?:to|and|or|but|for|at|in|on|of|with|"
    r"so|because|as|when|if|is|was|are|were|then|i|we|you|he|she|they|it)\b)[a-z]{3,})"
)

_LANGUAGES = (
    r"english|french|arabic|spanish|german|italian|portuguese|dutch|polish|russian|ukrainian|chinese|mandarin|"
    r"cantonese|japanese|korean|hindi|urdu|bengali|punjabi|turkish|farsi|persian|greek|swedish|norwegian|danish|"
    r"finnish|romanian|hungarian|czech|slovak|serbian|croatian|bulgarian|hebrew|swahili|somali|amharic|tigrinya|"
    r"tamil|telugu|malay|indonesian|thai|vietnamese|tagalog|filipino|pashto|dari|kurdish|catalan|welsh|irish"
)
# Two languages joined by an arrow ("french>english", "arabic <> english", "EN->FR" aside): the pair written out.
_LANGUAGE_PAIR = re.compile(rf"(?i)\b({_LANGUAGES})\s*(<>|<->|↔|->|→|>)\s*({_LANGUAGES})\b")


def language_pairs(text: str) -> str:
    """ "arabic <> english translator" -> "Arabic-English translator"; "french>english" -> "French to English"."""
    return _LANGUAGE_PAIR.sub(_language_pair, text)


def _language_pair(found: re.Match[str]) -> str:
    one, two = found.group(1).capitalize(), found.group(3).capitalize()
    return f"{one} to {two}" if found.group(2) in {"->", "→", ">"} else f"{one}-{two}"


_MONTH_NAMES = {m[:3].lower(): m for m in ("January", "February", "March", "April", "May", "June", "July", "August",
                                           "September", "October", "November", "December")}  # fmt: skip
# A month cut short before its year ("aug 2027", "Sept 2026", "jan. 2027"): only a month can be meant.
_MONTH_YEAR = re.compile(r"(?i)\b(jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\.?\s+(?=(?:19|20)\d\d\b)")
# "till" before a time: a note's word for "until".
_TILL_WHEN = re.compile(
    r"(?i)(?<![\w'’])till\s+(?=(?:january|february|march|april|may|june|july|august|september|october|november|"
    r"december|\d|the\s+end|end|mid|next|late|early)\b)"
)


_CODE = re.compile(r"(?<![\w'’/.-])(?!p\d)[a-z]{1,2}-?\d{1,3}(?![\w'’%/.-]|\.\d)")
_THIS_YEARS = re.compile(r"(?i)\b((?:this|last|next) year)s(?= [a-z]{3,})(?! (?:ago|old|of|in|on|at|to|and)\b)")


def _after_ellipsis(match: re.Match[str]) -> str:
    after = match["next"]
    if not after or not match.start():  # at the end or the start of the note
        return after
    sentence = re.split(r"[.!?]\s", match.string[: match.start()])[-1]
    if after.isupper() and len(sentence.split()) > 1:  # "I tried... I failed"; not "I ... I cut"
        return ". " + after
    if after.isalnum():
        return " " + after
    return after  # a comma, a closing bracket or quote: the ellipsis goes


def tidy_joined(text: str) -> str:
    """The checks left once tidied notes are set into a template: where they meet ("?." -> "?") and a second
    colon in one sentence. Cheaper than `tidy`, for every paragraph of every draft."""
    flat = _MIXED_END.sub(lambda m: m.group(1) or m.group(2), text)
    flat = _REPEATED.sub(r"\1", _COMMA_STOP.sub(".", flat))
    flat = re.sub(r"(?<=\w)\.\.(?=\s|$)", ".", flat)  # "Coffee Co.." where a name's own stop meets the sentence's
    if flat.count(": ") < 2:
        return flat
    return " ".join(_one_colon(s) for s in _SENTENCE_GAP.split(flat))


def _one_colon(sentence: str) -> str:
    head, sep, tail = sentence.partition(": ")
    return head + sep + tail.replace(": ", " — ") if sep else sentence


def drop_doubled_words(text: str) -> str:
    """ "send send" -> "send", "by by" -> "by" (the user's own slips; never a real repetition in English)."""

    def once(found: re.Match[str]) -> str:
        particle = found.group(1).lower() in {"in", "on", "up", "out", "over"}
        if particle and _PARTICLE_AFTER_VERB.search(text[: found.start()]):
            return found.group(0)
        return found.group(1)

    return _DOUBLED_WORD.sub(once, text)


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
def _cased_acronym(key: str) -> bool:
    """ "icu", "nicu", "hdu": English writes these in capitals (SCOWL's cased words)."""
    return 2 <= len(key) <= 5 and key.isalpha() and cased_words().get(key, "").isupper()


def typed_title(text: str | None) -> str:
    """A role or company said back as the user typed it ("Band 6 ICU nurse"); only an answer typed all in lower case
    is given capitals ("band 6 icu nurse" -> "Band 6 ICU Nurse")."""
    if not text:
        return ""
    flat = " ".join(text.split())
    return flat if any(ch.isupper() for ch in flat) else title_case(flat)


def title_case(text: str | None) -> str:
    """A role or company as a title: "senior backend developer" -> "Senior Backend Developer", "acme gmbh" ->
    "Acme GmbH". Words the user capitalised themselves ("iOS", "McKinsey") are kept as typed."""
    if not text:
        return ""
    words = " ".join(text.split()).split(" ")
    out: list[str] = []
    for n, word in enumerate(words):
        key = word.lower().strip(",.()")
        if any(ch.isupper() for ch in word) or word[:1].isdigit():
            out.append(word)  # "iOS", "McKinsey", "3rd"
        elif key in _SPECIAL_CASE:
            out.append(word.lower().replace(key, _SPECIAL_CASE[key]))
        elif key in _ACRONYMS or _cased_acronym(key):
            out.append(word.upper())
        elif n and key in _SMALL and not (key in _ARTICLES and words[n - 1].lower() not in _SMALL):
            out.append(word)  # "Casa de la Cultura"; an article that starts a name keeps its capital: "La Moraleja"
        elif re.fullmatch(r"[a-z]{1,4}\d{1,3}", key):
            out.append(word.upper())  # "cmm1", "q2", "a9": a code, not a word
        elif 2 <= len(key) <= 5 and key.isalpha() and not re.search(r"[aeiouy]", key) and key not in _NOT_ACRONYMS:
            out.append(word.upper())  # "hscp", "nhs": letters without a vowel are an acronym
        else:
            out.append("-".join(sentence_case(part) for part in word.split("-")))
    return " ".join(out)


# Words shortened in a company's name that its sign spells out: "Greenwood Intl School" -> "International".
_NAME_SHORTHAND = {
    "intl": "International",
    "int'l": "International",
    "natl": "National",
    "nat'l": "National",
    "univ": "University",
    "govt": "Government",
}
_SHORTHAND_WORD = re.compile(r"(?i)(?<![\w'])(?:intl|int'l|natl|nat'l|univ|govt)\b\.?")
# A bracket at the end of a company's name: "(Etobicoke)", "(VMM)", "(Leeds depot)".
_TRAILING_BRACKET = re.compile(r"\s*\(([^()]*)\)\s*$")
# An acronym, then the name it stands for: "luth - lagos university teaching hospital".
_ACRONYM_THEN_NAME = re.compile(r"^(?P<word>[^\W\d_]{2,6})\s+[-–—:]\s+(?P<words>[^()]+)$")


def _initials(words: str) -> str:
    return "".join(w[0] for w in re.findall(r"[^\W\d_]+", words.lower()) if w not in {"of", "the", "and", "for"})


def _initials_of(letters: str, words: str) -> bool:
    """Whether `letters` are the initials of `words`, in order, the first one first ("VMM" of "Van der Merwe &
    Mahlangu Consulting Engineers")."""
    letters = letters.lower()
    initials = "".join(w[0] for w in re.findall(r"[^\W\d_]+", words.lower()))
    if len(letters) < 2 or not initials or letters[0] != initials[0]:
        return False
    found = iter(initials)
    return all(ch in found for ch in letters)


def email_company(company: str | None) -> str:
    """The company's name as an email writes it: a bracket the user typed after it left out ("Maple Grove Long Term
    Care (Etobicoke)": which home, a note for themselves; "Van der Merwe & Mahlangu Consulting Engineers (VMM)": its
    initials, never used again), shorthand spelt out ("Greenwood Intl School" -> "International"), and an acronym
    typed before the name it stands for in capitals ("luth - lagos university teaching hospital" -> "LUTH - ...")."""
    if not company:
        return ""
    flat = " ".join(company.split())
    bracket = _TRAILING_BRACKET.search(flat)
    if bracket and bracket.start() > 0:
        inside = bracket.group(1).strip()
        head = flat[: bracket.start()].strip()
        if len(inside.split()) <= 3 and (not _JOB_IN_BRACKET.search(inside) or _initials_of(inside, head)):
            flat = head
    flat = _INITIALS_BRACKET.sub(
        lambda m: "" if _initials_of(m.group(1), flat[: m.start()]) else m.group(0), flat
    )  # "Van der Merwe & Mahlangu (VMM), Rosebank": the name's own initials
    spelt = _ACRONYM_THEN_NAME.match(flat)
    if spelt and _initials(spelt["words"]) == spelt["word"].lower():
        flat = spelt["word"].upper() + flat[len(spelt["word"]) :]
    flat = _SHORTHAND_WORD.sub(lambda m: _NAME_SHORTHAND[m.group(0).lower().rstrip(".")], flat)
    return title_case(flat)


_INITIALS_BRACKET = re.compile(r"\s*\(([^\W\d_]{2,6})\)(?=[\s,]|$)")
_JOB_IN_BRACKET = re.compile(r"(?i)\b(?:role|position|job|team|engineer|manager|nurse|analyst|developer)\b")


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
