"""Why the user fits, typed as a list of CV fragments ("4 years ICU experience, trained 10 new grads, BLS and
ACLS certified"), made into one readable sentence with a verb: "I have 4 years of ICU experience and trained
10 new grads".

Each fragment is turned into a first-person clause when its shape says how ("N years ..." -> "I have N years
...", "ran ..." -> "I ran ...", "... certified" -> "I'm ... certified"); a fragment with no such shape ("last 4
as 2IC", "1h minimum") or typed as a chat aside ("honestly ...", "that's kind of the whole point") is left out,
never pasted after "I". The strongest one or two are chosen (figures and experience first, the reader's own
field before the rest), kept in the order typed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from bot.drafts.writer.cleaning import _split_plain

_NUMBER = r"(?:\d+(?:[.,]\d+)?\+?|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty)"
_YEARS = re.compile(
    rf"(?i)^(?:over\s+|almost\s+|nearly\s+|about\s+)?(?P<n>{_NUMBER})\s*(?P<unit>years?|yrs?|months?|mos?)\b\s*(?P<rest>.*)$"
)
# After "N years": words that already tie the rest on ("in retail", "as shift lead", "on the tools").
_TIED = re.compile(
    r"(?i)^(?:in|on|at|as|with|of|for|across|including|inside|within|leading|running|managing|doing|working|"
    r"teaching|nursing|\()\b|^$|^\("
)
_WORK = re.compile(r"(?i)\b(?:experience|practice|work|service|nursing|teaching|management|leadership)\b")
_ING = re.compile(r"(?i)^[a-z]+ing\b")
_COURSE = re.compile(r"(?i)^(internship|placement|contract|secondment|course|programme|program|rotation|residency)\b")
# A fragment that starts with what the user did: the sentence gives it "I".
_DID = re.compile(
    r"(?i)^(?!(?:advanced|experienced|skilled|qualified|certified|licensed|licenced|registered|accredited|"
    r"detailed|based|organised|organized|motivated|dedicated|talented|varied|mixed|specialised|specialized)\b)"
    r"(?:[a-z]{2,}ed|ran|led|built|wrote|set up|made|won|grew|taught|spent|sold|cut|got|kept|took|brought|"
    r"drove|oversaw|caught|began|began|started|opened|launched|shipped|hit|did|rebuilt|rewrote|went|came|"
    r"became|gave|found|saw|held|helped|handled)\b"
)
# A class, grade or level typed after the plural it is of ("trucks class 2", "vans cat B", "kitchens level 3"): before it.
_CLASS_AFTER = re.compile(
    r"(?i)\b(?P<noun>[a-z]{3,}s)\s+(?P<kind>class|grade|cat|category|type)\s+(?P<n>\d{1,2}|[A-Z])\b"
)
# "a 5 star", "a 4-star": a hotel, the noun left unsaid.
_STAR_ALONE = re.compile(
    r"(?i)\ba\s+(?P<n>[1-7])[\s-]?stars?\b(?!\s+(?:hotel|hotels|resort|restaurant|property|rating|review|chain)\b)"
)
_STARS = {"1": "one", "2": "two", "3": "three", "4": "four", "5": "five", "6": "six", "7": "seven"}
# "done de-escalation course", "done manual handling training cert": a course without its article.
_DONE_COURSE = re.compile(
    r"(?i)(?<=\bdone\s)\s*(?!(?:a|an|the|my|our|some|plenty|lots|loads|\d)\b)"
    r"(?P<what>(?:[\w'’-]+\s+){0,3}?(?:course|workshop|module|qualification|certificate|diploma))\b"
)
_PARTICIPLE = re.compile(r"(?i)^(?:done|been|worked|seen|had|handled|managed|run|led|taught|built)\b")
_STATE = re.compile(r"(?i)\b(?:certified|licensed|licenced|qualified|registered|accredited|chartered|trained)$")
_ADJECTIVE = re.compile(
    r"(?i)^(?:bilingual|trilingual|fluent in|calm|patient|organised|organized|very organised|very organized|"
    r"comfortable|confident|used to|happy|experienced)\b"
)
_HELD_IN = re.compile(
    r"(?i)^(?:certified|licensed|licenced|qualified|registered|accredited|trained|skilled|"
    r"experienced)\s+(?:in|as|for|with)\b"
)
_FIRST_PERSON = re.compile(r"^I(?:['’](?:m|ve|d|ll))?\s")
# Chat asides and feelings: not what a careful person puts in a line about their fit.
_ASIDE = re.compile(
    r"(?i)\b(?:honestly|tbh|ngl|lol|kind of|kinda|sort of|whole point|basically|cos|coz|cuz|swore|shocker|"
    r"i reckon|i think|i guess|i hope|idk|dunno|obv|dey|na so|sha|lah|haha|nah|omg)\b|[!?]|\.\.\."
)
_WEAK = re.compile(r"(?i)^(?:I\s+(?:also\s+)?(?:know|feel|think|like|love|want|hope|get|would|'d|’d))\b")
_WORDS = re.compile(r"[a-z]{4,}")


# A comma that ends a fragment: not inside brackets, not a thousands separator.
_COMMA = re.compile(r",(?!\d{3})\s*(?![^()]*\))|;\s*")
_JOINED = re.compile(r"(?i)^(?:and|n|but|plus|also|&)\s+")
_HANGS = re.compile(r"(?i)^(?:so|which|because|cos|when|while|since|as|who|that|where|incl|including|with)\b")
# A reason or circumstance after what the user did ("... so I'm used to working round people"): left out.
_TAIL = re.compile(
    r"(?i)\s+(?:so|because|bc|cos|coz|when|since|as|while)\s+(?:I|i|my|our|we|they|he|she|it|the|that['’]?s|thats|this|"
    r"there)\b.*$|,?\s+(?:which|that)\s+helps\b.*$"
)


def fragments(text: str) -> list[str]:
    """A fit note's fragments: its sentences split at commas, a part that hangs on the one before ("so ...",
    "which ...") kept with it, a leading "and" dropped, a reason tacked on the end left out."""
    out: list[str] = []
    for short, long in _SHORTHAND:
        text = short.sub(long, text)
    for sentence in _split_plain(text):
        for part in _COMMA.split(sentence.strip().rstrip(".!")):
            part = part.strip()
            if not part:
                continue
            if out and _HANGS.match(part):
                out[-1] = f"{out[-1]}, {part}"
                continue
            out.append(_JOINED.sub("", part))
    trimmed = []
    for part in out:
        tail = _TAIL.search(part)
        trimmed.append(part[: tail.start()] if tail and len(part[: tail.start()].split()) >= 3 else part)
    return [_LONE_I.sub("I", t) for t in trimmed if t]


# Shorthand whose full stop would end a sentence, or whose slash would be pasted as typed: written out first.
_SHORTHAND = (
    (re.compile(r"(?i)\bincl\.?(?=\s)"), "including"),
    (re.compile(r"(?i)\besp\.(?=\s)"), "especially"),
    (re.compile(r"(?i)\bapprox\.(?=\s)"), "about"),
    (re.compile(r"(?i)(?<!\S)w/(?=\s)"), "with"),
    (re.compile(r"(?i)(?<!\S)w/o(?=\s)"), "without"),
)
# Words a clause cannot end on: what they tie on was cut off ("... all the way to trial including").
_DANGLING = re.compile(
    r"(?i)(?:\s+(?:including|incl|and|or|with|like|plus|such as|e\.g|eg|as well as|but|so|the|a|an|of|to|for|in|on|"
    r"at|by|from|into|about|my|our|their|very|&|\+|-))+$"
)


def whole(clause: str) -> str:
    """A clause without a word left hanging at its end ("prepped 2 cases to trial including" -> "prepped 2
    cases to trial")."""
    return _DANGLING.sub("", clause.rstrip(" ,;:.-–—")).rstrip(" ,;:")


_LONE_I = re.compile(r"(?<![\w'’-])i(?=['’](?:m|ve|d|ll)\b|\s)")


@dataclass(frozen=True, slots=True)
class Clause:
    text: str  # "I have 8 years in retail with 3 store openings"
    score: int
    index: int  # where it was typed


# After "N years (of)": a word of the time worked, not of the work ("5 yrs of nights with the HSE"): "working nights".
_SHIFTS = re.compile(
    r"(?i)^(?:of\s+)?(nights|days|weekends|lates|earlies|night\s+shifts|nightshifts|night\s+duty)\b\s*(.*)$"
)
# After "N years (of)": the head of what was done ("of frontline with HSE", "front desk at a community centre"): one or
# two bare words that are neither a kind of work nor a field ("of nursing", "of retail") name a kind of experience.
_OF_HEAD = re.compile(
    r"(?i)^of\s+(?!(?:the|a|an|my|our|their|his|her|this|that)\b)(?P<head>(?:[\w'’-]+\s+)?([\w'’-]+))"
    r"(?P<tail>\s+(?:at|with|in|for|on|across)\b.*)?$"
)
_FIELDS = re.compile(
    r"(?i)^(?:retail|hospitality|care|healthcare|sales|finance|accounting|accountancy|audit|tax|payroll|logistics|"
    r"construction|education|marketing|recruitment|admin|administration|engineering|research|law|litigation|"
    r"nursing|teaching|cooking|catering|banking|insurance|pharmacy|dentistry|physio|physiotherapy|fundraising|"
    r"journalism|design|security|hr|it|ops|operations|procurement|warehousing|manufacturing|childcare|"
    r"experience|practice|work|service|management|leadership|[a-z]+ing)$"
)
# "did the rotas for 30 staff": a note's "did" for being in charge of something.
_DID_THE = re.compile(r"(?i)^did\s+(?=(?:the|all\s+the)\s+\w)")
# What one takes rather than runs ("did the accuracy checking course"): "I completed ...".
# "did the training for the juniors" is training given: only a course named alone is one taken.
_TAKEN = re.compile(r"(?i)\b(?:course|module|exam|diploma|degree|qualification|apprenticeship)\b(?!\s+(?:for|with)\b)")
# "handled the tills and cashing up": a thing and an activity joined as if alike; the activity takes "the".
_UNLIKE = re.compile(r"(?i)\b(the\s+[a-z]+s?\s+and\s+)(?=[a-z]+ing(?:\s+up|\s+out|\s+off)?\b)")


# "N years on the X": said so of the work itself only in the idioms of a trade ("on the tools", "on the wards", "on the
# road"); any other "the X" ("on the machine") is a thing of the user's workplace the reader cannot see.
_ON_THE = re.compile(r"(?i)^on\s+the\s+([a-z][\w-]*(?:\s+[a-z][\w-]*)?)")
_ON_THE_IDIOM = re.compile(
    r"(?i)(?:tools|road|roads|job|floor|shop\s+floor|wards?|phones?|front\s*line|front-line|line|pass|doors?|tills?|"
    r"desk|front\s+desk|buses|trains|trucks|beat|bench|ground|tarmac|ramp|railways?|rigs?|sites?|ships?|boats?|"
    r"streets?|frontlines?|helpdesk|help\s+desk|switchboard|shop|farm|land|water|ice|stage|air|radio|wards)\b"
)
_PLAIN = "plain"  # `_years_of`: none of its shapes, the plain "I have N years ..." reads well
# A ward or unit typed as its acronym: one works "in" it ("6 yrs ICU" -> "6 years in ICU"). A role's acronym ("ADOC",
# "CNA") takes "as" and no article rule is certain for it: such a fragment is left out.
_UNIT = re.compile(r"ICU|NICU|PICU|CCU|HDU|ITU|SCBU|ED|ER|OR|A&E|AE|OPD|ENT|MSK|CICU|CTU|MAU|AMU|SAU|EAU|OT")
# An acronym that is itself a kind of experience: "3 years' PQE".
_EXPERIENCE_ACRONYM = re.compile(r"PQE")
_POSSESSIVE = {"years": "'", "year": "'s", "months": "'", "month": "'s"}
# "at cbse school", "at hotel in sentosa": a kind of workplace after "at" without its article takes "a".
_AT_BARE = re.compile(
    r"(?i)^at\s+(?=(?:(?-i:[A-Z]{2,6})\s+|(?:private|public|busy|small|large|big|local|primary|secondary|state|"
    r"international|independent|dental|community|rural|city|regional|district|government|family)\s+)?"
    r"(?:school|hotel|clinic|hospital|firm|practice|home|restaurant|cafe|café|bank|lab|laboratory|agency|contractor|"
    r"company|warehouse|shop|store|salon|nursery|office|bar|pub|gym|charity|council|pharmacy|kitchen|startup|"
    r"consultancy|bakery|garage|factory|hostel|resort|college|university|academy)\b)"
)


def _years_of(n: str, unit: str, rest: str, role: str) -> str | None:
    """What follows "N years" when a note uses it as notes do: the time worked ("of nights" -> "working nights"),
    the role ("rvn at ..." -> "as an RVN at ..."), a unit's acronym ("ICU at ..." -> "in ICU at ..."), or one bare
    word or two that are no kind of work ("of frontline with HSE" -> "of frontline experience with HSE"); `_PLAIN`
    otherwise."""
    on_the = _ON_THE.match(rest)
    if on_the and not _ON_THE_IDIOM.match(on_the[1]):
        return None  # "6 yrs on the machine": a thing of the user's workplace the reader cannot see; left out
    shifts = _SHIFTS.match(rest)
    if shifts:  # "5 yrs of nights with the hse" -> "I have spent 5 years working nights with the HSE"
        return f"I have spent {n} {unit} working {shifts[1]} {shifts[2]}".rstrip()
    bare = re.sub(r"(?i)^of\s+", "", rest)
    first = bare.split(" ", 1)
    if role.strip() and re.match(rf"(?i){re.escape(role.strip())}(?:\s|$)", bare):  # "3 yrs rvn at ..." -> "as an RVN"
        vowel = first[0][:1] in "AEFHILMNORSX" if first[0].isupper() else first[0][:1].lower() in "aeiou"
        return f"I have {n} {unit} as {'an' if vowel else 'a'} {bare}".rstrip()
    head = _OF_HEAD.match(rest) or (None if _TIED.match(rest) else _OF_HEAD.match(f"of {rest}"))
    if head and re.fullmatch(r"[A-Z]{2,5}", head[1]) and len(first) > 1:  # "6 yrs ICU at St Luke's": "in ICU at"
        if _UNIT.fullmatch(first[0]):
            return f"I have {n} {unit} in " + " ".join(first)
        if _EXPERIENCE_ACRONYM.fullmatch(first[0]) and unit.startswith("year"):  # "3 yrs PQE at ...": "3 years' PQE"
            return f"I have {n} {unit}{_POSSESSIVE[unit]} " + " ".join(first)
        return None  # a role or a term the writer cannot place ("6 yrs ADOC at ..."): "in ADOC" reads wrong; left out
    if head and len(first) > 1 and not _FIELDS.match(head[2]) and not _WORK.search(head[2]):
        if head[2].lower().endswith("s") or _ING.match(head["head"]):
            return _PLAIN  # "2 years of school runs": a plural says what was done
        # "6 years of frontline with HSE", "3 yrs front desk at a community centre": the kind of experience
        return f"I have {n} {unit} of {_hyphened(head['head'])} experience{head['tail'] or ''}"
    return _PLAIN


def years_written(clause: str, role: str = "") -> str | None:
    """ "N years ..." typed as a note types it, written as a careful writer would (`_years_of`), or None when it
    is left out; the clause itself when none of those shapes is there."""
    years = _YEARS.match(whole(" ".join(clause.split()).strip(" ,;.-–—")))
    if not years:
        return clause
    n, unit = (
        years["n"],
        {"yr": "year", "yrs": "years", "mo": "month", "mos": "months"}.get(
            years["unit"].lower(), years["unit"].lower()
        ),
    )
    if unit in {"year", "month"} and n.lower() not in {"a", "an", "one", "1"}:
        unit += "s"
    said = _years_of(n, unit, years["rest"].strip(), role)
    return clause if said is _PLAIN else said


def tidied(text: str) -> str:
    """Shorthand of a CV line said as a sentence says it: "trucks class 2" -> "class 2 trucks", "at a 5 star" -> "at
    a five-star hotel", "done de-escalation course" -> "done a de-escalation course"."""
    text = _CLASS_AFTER.sub(r"\g<kind> \g<n> \g<noun>", text)
    text = _STAR_ALONE.sub(lambda m: f"a {_STARS[m['n']]}-star hotel", text)
    return _DONE_COURSE.sub(r"a \g<what>", text)


def as_clause(fragment: str, role: str = "") -> str | None:
    """One CV fragment as a first-person clause, or None when its shape gives no verb for it. `role` is the
    debrief's role ("rvn"): "3 yrs rvn at a busy practice" -> "I have 3 years as an RVN at a busy practice"."""
    said = _as_clause(fragment, role)
    return _SIZED.sub(r"\1 of up to \2", said) if said else said


# "ran events up to 300 guests": how big the things were takes "of" ("events of up to 300 guests").
_SIZED = re.compile(r"(?i)\b([a-z]{3,}s)\s+up\s+to\s+(\d[\d,]*\s+(?!percent\b|per\b)[a-z]{3,}s)\b")


# Family and upbringing ("grew up in a samoan family", "my mam is polish", "my abuela was in a residencia"): the
# user's private life, which a line about their fit in an email to a stranger leaves out.
_PRIVATE = re.compile(
    r"(?i)\bgrew up\b|\bmy\s+(?:mam|mum|mom|mammy|mummy|dad|da|mother|father|parents|abuela|abuelo|nan|nana|gran|"
    r"granny|grandma|grandad|grandpa|grandmother|grandfather|family|wife|husband|partner|kids|son|daughter|auntie|"
    r"aunt|uncle|cousin)\b"
)
# A past weakness owned up to in a line about one's fit ("i actually debrief properly now instead of bottling it", "i
# no longer panic on the phones", "used to be terrible at saying no"): running oneself down, never in an email.
_OWN_WEAKNESS = re.compile(
    r"(?i)\b(?:now\s+)?instead\s+of\s+(?:bottling|panicking|freaking|avoiding|ignoring|hiding|stressing)\b|"
    r"\bno\s+longer\s+(?:panic|freak|struggle|avoid|stress|lose)\w*\b|"
    r"\bused\s+to\s+(?:be\s+(?:terrible|bad|awful|rubbish|hopeless)|struggle|panic|freak)\b|"
    r"\bactually\s+\w+\s+properly\s+now\b"
)
# "MLIS done 2024", "RHS level 2 finished 2023", "NVQ completed in 2019": a qualification and the year it was done.
_DONE_IN = re.compile(
    r"(?i)^(?P<what>(?:my\s+)?[\w/&.'’-]+(?:\s+[\w/&.'’-]+){0,4}?)\s+(?:done|finished|completed|passed|got)\s+"
    r"(?:in\s+)?(?P<year>(?:19|20)\d\d)(?:\s+and\s+(?P<rest>.+))?$"
)
# "I build my own glossaries always": the adverb of how often goes before the verb.
_ALWAYS_LAST = re.compile(r"^I\s+(?P<verb>[a-z]+)\s+(?P<rest>.+?)\s+(?P<adv>always|never)$")


def done_in(fragment: str) -> bool:
    """Whether a fragment names a qualification and the year it was done ("MLIS done 2024")."""
    return bool(_DONE_IN.match(whole(" ".join(fragment.split()).strip(" ,;.-–—"))))


def adverb_placed(sentence: str) -> str:
    """ "I build my own glossaries always" -> "I always build my own glossaries"."""
    always = _ALWAYS_LAST.match(sentence.rstrip(" ."))
    return f"I {always['adv']} {always['verb']} {always['rest']}" if always else sentence


def _as_clause(fragment: str, role: str = "") -> str | None:
    text = whole(" ".join(fragment.split()).strip(" ,;.-–—"))
    text = re.sub(r"(?i)\b(\d+)ish\b", r"about \1", text)  # "40ish staff" -> "about 40 staff"
    text = tidied(text)
    if not text or _ASIDE.search(text) or _PRIVATE.search(text) or _OWN_WEAKNESS.search(text):
        return None
    done = _DONE_IN.match(text)
    if done and not _FIRST_PERSON.match(text + " ") and not _YEARS.match(text):
        what = re.sub(r"(?i)^my\s+", "", done["what"])
        said = f"I completed my {what} in {done['year']}"
        rest = _as_clause(done["rest"], role) if done["rest"] else None
        if done["rest"] and rest is None:
            return said
        if rest and re.match(r"^I(?:['’]m|\s+have|\s+[a-z]+ed)\b", rest):  # one subject for both
            rest = re.sub(r"^I['’]m\b", "am", rest) if rest.startswith(("I'm", "I’m")) else rest[2:]
            return f"{said} and {rest}"
        return f"{said}, and {rest}" if rest else said
    if _FIRST_PERSON.match(text + " "):
        always = _ALWAYS_LAST.match(text)
        return f"I {always['adv']} {always['verb']} {always['rest']}" if always else text
    years = _YEARS.match(text)
    if years:
        n, rest = years["n"], years["rest"].strip()
        unit = {"yr": "year", "yrs": "years", "mo": "month", "mos": "months"}.get(
            years["unit"].lower(), years["unit"].lower()
        )
        if unit in {"year", "month"} and _COURSE.match(rest):  # "6 month internship at a fintech"
            return f"I did a {n}-{unit} {rest}"
        if unit in {"year", "month"} and n.lower() not in {"a", "an", "one", "1"}:
            unit += "s"
        said = _years_of(n, unit, rest, role)
        if said is not _PLAIN:
            return said
        if re.match(r"(?i)^[a-z]+ing\s+and\s+(?![a-z]+ing\b)[a-z]", rest):  # "6 yrs cutting + colour": a kind of work
            return f"I have {n} {unit} in {rest}"
        if _ING.match(rest):  # "2 years subbing in Dublin"
            return f"I have spent {n} {unit} {rest}"
        if not rest:  # "7 yrs" alone: of what is unsaid, so "of experience", never a bare "I have 7 years"
            return f"I have {n} {unit} of experience"
        if re.match(r"^(?i:at)\s+\S", rest) and unit.startswith("year"):  # "2 yrs at Bunnings": of experience
            mark = "'" if unit.endswith("s") else "'s"
            return f"I have {n} {unit}{mark} experience {at_a(rest)}"
        if _TIED.match(rest):
            return f"I have {n} {unit} {rest}".rstrip()
        if rest and len(rest.split()) <= 2 and not _WORK.search(rest):  # "4 yrs msk outpatient"
            if re.search(r"(?i)[a-z]{3,}[^s]s$", rest) and len(rest.split()) == 2:  # "restaurant kitchens"
                return f"I have {n} {unit} of experience in {rest}"
            return f"I have {n} {unit} of {_hyphened(rest)} experience"
        field = _FIELD_AT.match(rest)
        if field and not _WORK.search(field["what"]):  # "2 yrs lettings at foxtons": "of lettings experience at ..."
            return f"I have {n} {unit} of {_hyphened(field['what'])} experience {field['where']}"
        if rest and len(rest.split()) <= 8:  # "4 years ICU experience", "6 years practice"
            return f"I have {n} {unit} of {rest}"
        return None
    if re.match(r"(?i)^(?:used|accustomed) to\b", text) and len(text.split()) <= 10:  # not "I used to banquets"
        return f"I'm {text}"
    if _DID_THE.match(text):  # "did the rotas for 30 staff" -> "I was responsible for the rotas for 30 staff"
        if _TAKEN.search(text):  # "did the accuracy checking course last yr": a course taken, not run
            return "I completed " + _DID_THE.sub("", text)
        return "I was responsible for " + _DID_THE.sub("", text)
    if _PARTICIPLE.match(text) and not _DID.match(text):  # "done plenty of live-site work"
        return f"I've {text}"
    if re.match(r"(?i)^done\b", text):
        return f"I've {text}"
    if _DID.match(text):
        if unsayable(text):
            return None  # "did sedation assisting there", "led us out of outbreak": no clean sentence to make of it
        # "worked at the warehouse in coalville 2 yrs", "drove trucks 8 yrs": how long takes "for"
        text = _BARE_AGENCY.sub(r"\1 agency staffing", text)  # "cut agency by half": the agency staff it means
        text = _BARE_SPAN.sub(lambda m: f"{m[1]} for {m[2]} {_UNITS.get(m[3].lower(), m[3].lower())}", text)
        return "I " + _FOR_SPAN.sub(r"\1 for \2", _UNLIKE.sub(r"\1the ", text))
    if _STATE.search(text) and len(text.split()) <= 8:  # "BLS and ACLS certified"
        return f"I'm {text}"
    if _ADJECTIVE.match(text) and len(text.split()) <= 10:
        return f"I'm {text}"
    if _HELD_IN.match(text) and len(text.split()) <= 8:  # "certified in dry needling"
        return f"I'm {text}"
    return None


# "did sedation assisting", "did night reception there": "did" and a kind of work without its article reads as a note.
_DID_GERUND = re.compile(
    r"(?i)^did\s+(?!(?:the|a|an|my|some|all|lots|plenty|loads|most|much|his|her|their|this|that)\b)"
    r"(?:[\w'’-]+\s+){0,2}?[a-z]+ing\b|^did\s+(?:[\w'’-]+\s+){1,2}there$"
)
# "led us out of outbreak", "got us through two audits": "us" is the user's old workplace, which the reader cannot
# see; the fragment is left out ("I cut our warehouse bill", said as a sentence, reads well and stays).
_THEIR_PLACE = re.compile(r"(?i)\bus\b")
# "drove trucks 8 yrs": a span of time after what was done, without its "for".
_BARE_SPAN = re.compile(
    r"(?i)(\b(?!(?:for|over|of|in|after|last|the|at|about|nearly|almost|around|than|under|past|first|next|some|"
    r"and|or|by|within|from|to|with|every|each)\b)[a-z]{3,})\s+(\d+)\s+(years?|yrs?|months?|mos?)$"
)


def unsayable(text: str) -> bool:
    """Whether a fragment of what the user did makes no sentence a careful person would send: "did" and a bare kind of
    work ("did sedation assisting there"), or "us" for the user's old workplace ("led us out of outbreak")."""
    text = re.sub(r"^I\s+", "", text.strip())
    return bool(_DID.match(text) and (_DID_GERUND.match(text) or _THEIR_PLACE.search(text)))


def at_a(rest: str) -> str:
    """ "at cbse school in kothrud" -> "at a cbse school in kothrud": a kind of workplace with its article."""
    return _AT_BARE.sub("at a ", rest)


# "cut agency by half", "reduced agency on nights": "agency" alone is shorthand for agency staffing.
_BARE_AGENCY = re.compile(
    r"(?i)\b(cut|reduced|halved|lowered|slashed|brought\s+down|got\s+down|dropped)\s+agency\b(?!\s+(?:staff\w*|use|"
    r"usage|spend\w*|costs?|nurses|workers|hours|shifts|bills?|fees|rates?|cover|reliance|dependen\w+)\b)"
)
_UNITS = {"yr": "year", "yrs": "years", "mo": "month", "mos": "months"}
# "lettings at foxtons", "customer facing at selfridges": a field of work (a word or two) and where it was done.
_FIELD_AT = re.compile(r"(?i)^(?P<what>[a-z]+(?:\s+[a-z]+)?)\s+(?P<where>(?:at|in|with|for)\s+\S.*)$")
# "customer facing", "office based": a noun and a participle that English joins with a hyphen before a noun.
_COMPOUND = re.compile(
    r"(?i)^([a-z]+)\s+(facing|based|focused|led|oriented|related)$|^(full|part)\s+(time)$|^(long|short)\s+(haul)$"
)
# A span of time left at the end of a clause after a place ("... in coalville 2 years").
_FOR_SPAN = re.compile(
    r"(?i)(\b(?:in|at)\s+[\w'’ ]+?)(?<!\bfor)(?<!\bover)(?<!\bof)(?<!\bin)(?<!\bafter)(?<!\blast)(?<!\bthe)"
    r"\s+(\d+\s+(?:years?|months?))$"
)


def _hyphened(what: str) -> str:
    return _COMPOUND.sub(lambda m: "-".join(g for g in m.groups() if g), what)


# A role after "as" without its article ("5 years as shift lead", "3 years as analyst"): "as a shift lead".
_AS_ROLE = re.compile(
    r"\bas (?!(?:a|an|the|my|our|their|his|her|part|well|much|many|soon|long|far|such|if|of|to|for|per|usual|"
    r"needed|required|planned|expected)\b)((?:[a-z]+ ){0,2}(?:[a-z]+(?:er|or|ist|ian)|lead|head|nurse|chef|cook|"
    r"manager|analyst|officer|partner|director|supervisor|preceptor|coordinator|assistant|engineer|developer|"
    r"teacher|tutor|mentor|intern|trainee|associate|paralegal|cashier|clerk|accountant|auditor|consultant))\b"
    r"(?!\s+of\b)(?!s)"
)


def _with_article(clause: str) -> str:
    return _AS_ROLE.sub(lambda m: f"as {'an' if m.group(1)[:1] in 'aeiou' else 'a'} {m.group(1)}", clause)


def _score(clause: str) -> int:
    score = 0
    if re.search(r"\d|\b(?:two|three|four|five|six|seven|eight|nine|ten)\b", clause):
        score += 2
    if re.match(r"(?i)^I have (?:spent )?\S+ (?:years?|months?)\b", clause):
        score += 3
    elif re.match(r"(?i)^I(?:['’]ve)? (?:[a-z]+ed|ran|led|built|cut|got|trained|grew|won|caught|done)\b", clause):
        score += 2
    if _WEAK.match(clause):
        score -= 3
    if len(clause.split()) > 22:
        score -= 2
    return score


def clauses(fragments: Sequence[str], role: str = "") -> list[Clause]:
    """The fragments that can be said as "I ..." clauses, each with how strong a point it makes."""
    out: list[Clause] = []
    for n, fragment in enumerate(fragments):
        clause = as_clause(fragment, role)
        if clause:
            clause = _with_article(clause)
            out.append(Clause(clause, _score(clause), n))
    return out


def _stems(text: str) -> set[str]:
    return {w[:5] for w in _WORDS.findall(text.lower())}


def choose(
    found: Sequence[Clause], budget: int, *, about: str = "", used: Iterable[int] = (), most: int = 2
) -> list[Clause]:
    """The strongest one or two clauses within `budget` words: closest to `about` (the reader's role and topic)
    first, then one not `used` for an earlier reader, then the strongest; in the order typed."""
    if not found:
        return []
    near = _stems(about)
    taken = list(used)
    ranked = sorted(found, key=lambda c: (-min(len(near & _stems(c.text)), 2), taken.count(c.index), -c.score, c.index))
    chosen: list[Clause] = []
    words = 0
    for clause in ranked:
        size = len(clause.text.split())
        if words + size + 1 > budget or clause.score < 0:
            continue
        chosen.append(clause)
        words += size
        if len(chosen) >= most:
            break
    return sorted(chosen, key=lambda c: c.index)


def joined(chosen: Sequence[Clause]) -> str:
    """ "I have 4 years of ICU experience" + "I trained 10 new grads" -> "I have 4 years of ICU experience and
    trained 10 new grads"; "I'm BLS certified" after it keeps its own "I'm" after a comma."""
    if not chosen:
        return ""
    text = chosen[0].text
    for clause in chosen[1:]:
        rest = clause.text
        plain = re.match(
            r"^I (?=[a-z]+ed\b|ran\b|led\b|built\b|cut\b|got\b|grew\b|won\b|caught\b|wrote\b|set up\b)", rest
        )
        if plain and rest.startswith("I got") and text.startswith("I have"):
            plain = None  # "I have 2 years ... and got my licence" reads as "have got"
        # "I have ... and trained ...", but "I'm PCN licensed, and I caught ...": one subject for two verbs
        # only after "I have" or a verb in the past
        same = re.match(r"^I (?:have\b|[a-z]+ed\b|ran\b|led\b|built\b|cut\b|got\b|did\b)", text)
        if plain and same and " and " not in text and text.startswith("I have "):
            # "I have 6 years ... and trained 10 baristas" glues two tenses: the past verb takes "have" too
            verb, _, after = rest[2:].partition(" ")
            perfect = _PERFECT.get(verb, verb if verb.endswith("ed") else "")
            text = f"{text} and have {perfect} {after}".rstrip() if perfect else f"{text}, and {rest}"
            continue
        text = f"{text} and {rest[2:]}" if plain and same and " and " not in text else f"{text}, and {rest}"
    return text


# The past participle of a verb a CV line starts with: "I have ... and have run ...".
_PERFECT = {
    "ran": "run", "led": "led", "built": "built", "cut": "cut", "grew": "grown", "won": "won", "caught": "caught",
    "wrote": "written", "set": "set", "taught": "taught", "sold": "sold", "kept": "kept", "held": "held",
}  # fmt: skip
