"""The interview itself: company and role (also out of a sentence), and when it was or will be."""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

from bot.common.parsing.dates import FUTURE_SLACK, PAST, Ambiguous
from bot.common.parsing.moments import PART_HOURS, PARTS_OF_DAY, DayOnly, Moment, at_local, read_moment, spoken_times
from bot.common.parsing.text import Invalid, clean_text, edges, shorten
from bot.common.parsing.words import say_date, say_moment
from bot.common.parsing.zones import AmbiguousZone, parse_timezone
from bot.conversation.fields.corrections import taken_back_parts
from bot.conversation.fields.people import _ROLE_WORDS as ROLE_WORDS
from bot.conversation.fields.people import one_language, without_asides
from bot.conversation.fields.spec import Context, Understood
from bot.drafts.check import foreign_words, spelling_fix

# ---- company and role ------------------------------------------------------------------------


_JOB_SUFFIX = re.compile(
    r"\s+(?:(?:role|position|job|opening|post|vacancy|spot|gig)(?:\s+thing)?|thing|thingy|kind of thing)$",
    re.IGNORECASE,
)  # "the CX lead thing": "thing" is how it was said, no part of the title
# 'sous chef.. well "junior sous" they called it', "analyst, officially 'associate analyst'": the title as the
# employer says it, quoted after the user's own words for it; said with a word of the first one's left out ("junior
# sous" for a junior sous chef), the first one's last words complete it
_CALLED_IT = re.compile(
    r"(?i)^(?P<said>[^\"“”'‘’]+?)[\s.,;:…–—-]*(?:(?:well|actually|technically|officially|or rather|i mean)[\s,]+)*"
    r"(?:(?:they|it'?s|its|it is|the title is|the title was|on paper it'?s)\s+)?[\"“'‘](?P<named>[^\"“”'‘’]+)[\"”'’]"
    r"(?:\s*(?:is\s+)?(?:what\s+)?(?:they|it'?s|its)?\s*(?:called it|call it|calls it|named it|titled it|officially|"
    r"on paper|on the contract|on the ad|on the posting|in the ad|is the (?:title|official title)))?[\s.!]*$"
)
_JOB_LEAD = re.compile(
    r"^(?:(?:the |my )?(?:role|position|job) (?:was|is) )?(?:it was |it's |its )?(?:for |as )?(?:the |a |an |(?:that|this) (?!is\b|was\b))?",
    re.IGNORECASE,
)
_COMPANY_LEAD = re.compile(
    r"^(?:(?:ok(?:ay)?|so|um+|uh+|well|right|yeah|ya)[\s,]+)*"  # "ok so it was Monzo"
    r"(?:(?:it|that|this)\s+(?:was|is)\s+(?:called\s+)?|(?:it'?s|its|it’s)\s+(?:called\s+)?|"
    r"(?:the\s+)?company(?:'s|\s+is|\s+was)\s+(?:called\s+)?|called\s+|(?:i|we)\s+(?:interviewed|talked|spoke|met|had it)\s+)?"
    r"(?:(?:with|at|for)\s+(?:the\s+)?|(?:bei\s+der|bei\s+dem|beim|bei|bij\s+de|bij|chez|presso|en\s+la|en\s+el)\s+|"
    r"(?:en|em|na|no)\s+(?=(?-i:[A-Z])))?",  # "en Bancolombia", "na Natura": "at", before a name with its capital
    re.IGNORECASE,
)
_COMPANY_SUFFIX = re.compile(
    r"(?:inc|ltd|llc|gmbh|ag|sa|s\.a|co|corp|plc|bv|b\.v|srl|sas|pty|oy|ab|as|kk|limited|& co|spa|s\.p\.a|sarl|nv|aps|"
    r"kft|ltda|sac|pte|bhd|sdn bhd|pvt|pvt ltd|llp|lp)\.?",
    re.IGNORECASE,
)
_JOB = re.compile(
    r"(?P<sep>,\s*|\s+)(?:for|as)\s+(?P<art>(?:the|a|an)\s+)?(?P<role>.+?)"
    r"(?P<suffix>\s+(?:role|position|job|opening|spot))?$",
    re.IGNORECASE,
)


# "It was for a data engineer role at Toss", "as a PM with Acme": the role first, then the company.
_ROLE_AT = re.compile(
    r"^(?:(?:it|that|this)\s+(?:was|is)\s+|i\s+(?:interviewed|applied)\s+)?(?:for|as)\s+(?:the\s+|a\s+|an\s+)?"
    r"(?P<role>.+?)(?:\s+(?:role|position|job|opening))?\s+(?:at|with)\s+(?P<company>.+)$",
    re.IGNORECASE,
)


def role(text: str) -> str:
    """The job's title: "for the backend engineer role" -> "backend engineer"; "store mgr (2IC first 3 months then
    full mgr)" -> "store manager" (a note in brackets is not the title); "kierownik zmiany / shift lead" -> "shift
    lead" (the title and its translation: the one in words the drafts' language knows)."""
    value = " ".join(clean_text(text, limit=200, what="role").split()).rstrip(".!")
    head, *tail = [*_EXCLAIMED.split(value, maxsplit=1), ""][:2]
    inside = head.count("(") > head.count(")")  # "(might be senior idk 🙄)": a cry inside a bracket is the bracket's
    if head.strip() and tail[0] and not inside and (_job_words(head) or _CHAT_START.match(tail[0])):
        head = head.strip()
        value = head  # "store mgr!!! 😭 first mgr interview ever": what follows the cry is about the user, not the job
    called = _CALLED_IT.match(value)
    if called and _job_words(called["said"]):
        value = _completed(called["said"].strip(), called["named"].strip())
    value = one_language(without_asides(value).rstrip(".!"))
    noted = _BRACKET_NOTE.sub("", value).strip()
    value = noted or value
    sides = [side.strip() for side in re.split(r"\s+(?:/|=|==|->|=>)\s+|\s*=\s*", value) if side.strip()]
    if len(sides) == 2 and [bool(_job_words(side)) for side in sides].count(True) == 1:
        value = next(side for side in sides if _job_words(side))
    elif len(sides) == 2 and [_english_words(side) for side in sides].count(True) == 1:
        value = next(side for side in sides if _english_words(side))  # "fisioterapeuta / physiotherapist"
    value = _ABBREVIATED.sub(lambda m: _ABBREVIATIONS[m.group(0).casefold().rstrip(".")], value)
    bare = _JOB_SUFFIX.sub("", _JOB_LEAD.sub("", value, count=1)).strip()
    return _spelt(bare or value)


def _completed(said: str, named: str) -> str:
    """The employer's name for the title, completed by the user's own words when it leaves one out: ("sous chef",
    "junior sous") -> "junior sous chef"; ("analyst", "associate analyst") -> "associate analyst"."""
    words, own = named.split(), said.split()
    lowered = [w.casefold() for w in own]
    last = words[-1].casefold() if words else ""
    if last in lowered and lowered.index(last) < len(own) - 1 and " ".join(own[lowered.index(last) + 1 :]) not in named:
        return " ".join([*words, *own[lowered.index(last) + 1 :]])
    return named


def _spelt(title: str) -> str:
    """A title with a slip of the fingers in a common word set right ("senior accountnt" -> "senior accountant"), by
    the drafts' spell checker and only where it is certain; a word typed with a capital (a name) is left as typed."""
    words = re.findall(r"[^\W\d_]+", title)
    fixes = {w: spelling_fix(w) for w in words if re.fullmatch(r"[a-z]{5,}", w)}
    fixes = {w: fix for w, fix in fixes.items() if fix}
    others = [w.lower() for w in words if w not in fixes]
    # Only in a title otherwise in English: "paralegal en el área de mercantil" is Spanish, not "mercantile".
    if not fixes or _english().unknown(others) or any(w in foreign_words() for w in others if len(w) > 2):
        return title
    return re.sub(r"\b[a-z]{5,}\b", lambda m: fixes.get(m.group(), m.group()), title)


# Where a title ends and a remark about it starts: "!!", "?!", an emoji, or a dash before "my", "first", "finally"
# ("senior nurse - my dream job").
_EXCLAIMED = re.compile(
    r"\s*(?:[!?]+(?=\s|$)|[\U0001F000-\U0001FAFF\u2600-\u27BF]+|\s[-–—]\s+(?=(?:my|first|finally|so|omg|lol|"
    r"yay|fingers)\b))\s*",
    re.IGNORECASE,
)
_CHAT_START = re.compile(r"(?i)^(?:my|first|finally|so|omg|lol|yay|fingers|haha|wish|pray|hope|i)\b")
# A note in brackets after a title, of four words or more ("(2IC first 3 months then full mgr)"); "(Go)",
# "(React/TS)" and "(Dean of Engineering)" are part of it.
_BRACKET_NOTE = re.compile(r"\s*\((?=(?:[^()\s]+\s+){3,}[^()]*\))[^()]*\)\s*")
_ABBREVIATIONS = {
    "mgr": "manager",
    "mngr": "manager",
    "asst": "assistant",
    "coord": "coordinator",
    "supv": "supervisor",
}
_ABBREVIATED = re.compile(r"(?i)\b(?:mgr|mngr|asst|coord|supv)\b\.?")


# "product designer at Figma", "junior analyst @ Baker & Co": a job title, then the company.
_TITLE_AT = re.compile(r"^(?P<role>.+?)\s+(?:at|@|with)\s+(?P<company>.+)$", re.IGNORECASE)
# "Linklaters - associate", "Siemens | controls engineer", "Siemens (controls engineer)", "KPMG: tax senior".
_PAIR = re.compile(r"^(?P<a>[^()]+?)\s*(?:\s[-–—|/]\s|:\s|\()\s*(?P<b>[^()]+?)\)?$")
# "Migros - reyon sorumlusu (aisle supervisor)": a bracket after the dash is part of the role (its translation or a
# note), not the role itself
_PAIR_NOTED = re.compile(r"^(?P<a>[^()]+?)\s[-–—|]\s(?P<b>[^()]+?\s*\([^()]+\))$")
_INTERVIEW_LEAD = re.compile(
    r"^(?:(?:i\s+)?(?:had|have|did)\s+(?:my|an|the|a)\s+(?:\w+\s+)?interview\s+|(?:my|the)\s+(?:\w+\s+)?interview\s+"
    r"(?:was\s+)?|(?:i\s+)?interviewe?d\s+|(?:just\s+)?(?:finished|done)\s+(?:(?:my|an|the)\s+)?(?:interview\s+)?|"
    r"(?:i\s+)?(?:just\s+)?(?:went|been|got back from|came back from|came from)\s+(?:to\s+)?(?:my|an|the|a)\s+(?:\w+\s+)?"
    r"interview\s+|(?:an\s+|the\s+)?interview\s+)"
    r"(?=(?:with|at|for)\b)|"
    # the same in Spanish, Portuguese, French, German, Italian and Indonesian, with the word for "at" or "with"
    r"^(?:(?:fui|estuve)\s+a\s+(?:la|una|mi)\s+entrevista|tuve\s+(?:la|una|mi)\s+entrevista|(?:la|mi)\s+entrevista\s+"
    r"(?:fue|era)|(?:eu\s+)?(?:fiz|tive|fui\s+(?:a|na))\s+(?:a|uma|minha)?\s*entrevista|j'?ai\s+eu\s+(?:un|mon|l')\s*entretien|"
    r"(?:mon\s+)?entretien|(?:ich\s+)?hatte\s+(?:ein|mein|das)\s+(?:vorstellungsgespräch|interview)|(?:ho\s+fatto\s+)?"
    r"(?:il|un|mio)\s+colloquio|(?:saya\s+)?(?:ada\s+)?interview|wawancara)\s+(?:(?:en|con|na|no|com|chez|avec|bei|in|da|"
    r"presso|di|dengan)\s+)(?:(?:la|el|a|o|der|dem|die)\s+)?",
    re.IGNORECASE,
)
_MOMENT_STARTS = re.compile(
    r"^(?:at|@|on|this|today|tonight|yesterday|earlier|just|last|around|about|half|quarter|noon|midday|"
    r"heute|gestern|hoy|ayer|hoje|ontem|oggi|ieri|leo|jana|kanina|vandaag|gisteren|aujourd'hui|hier|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|wed|thu|fri|\d{1,2}(?:[:.]\d{2})?(?:am|pm)?|"
    r"\d+)$",
    re.IGNORECASE,
)


_TIME_WORDS = re.compile(
    r"(?i)\d{1,2}[:.h]\d{2}|\d\s*(?:am|pm|a\.m\.|p\.m\.)\b|\b(?:at|around|about)\s+\d|\b(?:today|yesterday|tonight|"
    r"morning|afternoon|evening|noon|midday|ago|just now|monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
    r"half past|quarter (?:past|to)|heute|gestern|hoy|ayer|hoje|ontem|oggi|ieri|uhr|saa|kanina)\b"
)


_INTERVIEW_TAIL = re.compile(
    r"(?i)(?:^|[\s,;–—-]+)(?:(?:and|&)\s+)?(?:(?:(?:the|my|our)\s+)?interview|it)(?:\s+(?:was|is|happened|took place|went|"
    r"started))?$"
)


def _english_words(text: str) -> bool:
    """Whether every word of a title is one the English dictionary knows (the drafts are written in English)."""
    words = re.findall(r"[^\W\d_]+", text.lower())
    return bool(words) and not _english().unknown(words)


@lru_cache(maxsize=1)
def _english():
    from spellchecker import SpellChecker

    return SpellChecker()


def _job_words(text: str) -> bool:
    return bool(ROLE_WORDS.search(text))  # the one list of words a job title is made of


def _moment_at_end(value: str, ctx: Context, tense: str) -> tuple[str, Moment | DayOnly] | None:
    """ "Baker & Co for the junior analyst role at 10 this morning": the time at the end, and what comes before."""
    words = list(re.finditer(r"\S+", value))
    for i in range(1, len(words)):
        if not _MOMENT_STARTS.match(words[i].group().strip(",.;:()")):
            continue
        head, phrase = value[: words[i].start()].rstrip(" ,;-–—"), value[words[i].start() :]
        if not _TIME_WORDS.search(phrase):
            continue
        try:
            reading = _checked(_read_when(phrase, ctx, tense), ctx, tense)  # the whole phrase, no clause of it
        except Invalid:
            continue
        head = _INTERVIEW_TAIL.sub("", head)  # "johnson controls - hvac service tech, interview was" at 1 today
        if isinstance(reading, Moment | DayOnly) and head:
            return head, reading
    return None


_SPELT_OUT = re.compile(r"^(?P<word>[a-z]{2,6})\s*\((?P<words>[^()]+)\)")


def _spelt_out_acronym(value: str) -> str:
    """A short name typed in lower case with its words spelt out in brackets after it ("swast (south western
    ambulance service)", "hse (health service executive)"): the name is those words' initials, an acronym, in
    capitals; the bracket stays for what reads the rest. Anything else as typed."""
    found = _SPELT_OUT.match(value)
    if not found:
        return value
    words = [w for w in re.findall(r"[^\W\d_]+", found["words"].lower()) if w not in {"the", "of", "and", "for"}]
    initials = "".join(w[0] for w in words)
    word = found["word"]
    if len(words) < 2 or not (initials.startswith(word) or (word.startswith(initials) and len(initials) >= 3)):
        return value
    return word.upper() + value[len(word) :]


def read_interview(text: str, ctx: Context | None = None, *, tense: str = PAST) -> Understood:
    """Company and role from an answer to "which company?": "It was with Spotify, for the backend engineer role",
    "product designer at Figma", "Linklaters - associate", "Siemens (controls engineer)"; with a `ctx`, the time too
    ("had my interview with Baker & Co for the junior analyst role at 10 this morning": `when`).

    A plain name ("Acme & <Sons>", "Smith, Jones & Co.", "Made for Humans", "Designer at Large") is kept as typed.
    """
    value = " ".join(clean_text(text, limit=400, what="company name").split())
    value = re.sub(r"(?i)(?<!\S)w/(?=\s|\w)\s*", "with ", value)  # "lineman position w/ JPS"
    value = _TRAILING_NOISE.sub("", value) or value  # "Salesforce!!! 🙌", "LBC Express paranaque hub po"
    value = _spelt_out_acronym(value)  # "swast (south western ambulance service)": "SWAST"
    named = _NAMED_TECHNICALLY.search(value)
    if named and value[: named.start()].strip():
        # "smile dental on patrick st (well its "smileworks cork" technically, the sign says smile dental)": the
        # name the user says is the real one, in quotes beside a word that corrects, is the employer
        value = named["name"].strip()
    value = _ASIDE_BRACKET.sub(" ", value).strip() or value  # "(the new one in d1, not the old one lol)"
    described = _DESCRIBED.match(value)
    if described:  # "its a law firm, Greene & Whitfield LLP": what kind of place, then its name
        value = value[described.end() :]
    value = _without_units(value)  # "cardiff council - childrens services, the adolescent team": not a role
    found: dict[str, object] = {}
    if ctx is not None:
        timed = _moment_at_end(value, ctx, tense)
        if timed is not None:
            value, found["when"] = timed
    registered = _registered_among_remarks(value)
    if registered is not None:  # "minera los andes... well technically the contractor, Servicios Atacama SpA, …"
        found["company"] = registered
        return Understood(found, ("role",))
    corrected = _corrected_company(value)
    if corrected is not None:  # "emirates group... technically dnata i think? ground ops supervisor"
        found.update(company=corrected[0], role=corrected[1])
        return Understood(found, ())
    value = _INTERVIEW_LEAD.sub("", value, count=1)
    role_first = _ROLE_AT.match(value.rstrip(".!"))
    if role_first and len(role_first["company"]) <= 200:
        found.update(company=role_first["company"].strip(" ,"), role=role(role_first["role"]))
        return Understood(found, ())
    title_at = _TITLE_AT.match(value.rstrip(".!"))
    # "lineman position w/ JPS": a title that ends in "position", "role", "job" is one whatever its words
    titled = title_at is not None and (_job_words(title_at["role"]) or _JOB_SUFFIX.search(title_at["role"]))
    if titled and not _job_words(title_at["company"]):
        title = title_at["role"]
        if len(title.split()) >= 2 or title[:1].islower():  # "Designer at Large" is a company's name
            found.update(company=_COMPANY_LEAD.sub("", title_at["company"], count=1).strip(" ,"), role=role(title))
            return Understood(found, ())
    noted = _PAIR_NOTED.match(value.rstrip(".!"))
    if noted and "," not in value and _job_words(noted["b"]) and not _job_words(noted["a"]):
        found.update(
            company=_COMPANY_LEAD.sub("", noted["a"], count=1).strip(" ,") or noted["a"], role=role(noted["b"])
        )
        return Understood(found, ())
    pair = _PAIR.match(value.rstrip(".!"))
    if pair and "," not in value:
        a, b = pair["a"].strip(), pair["b"].strip()
        if _job_words(a) and not _job_words(b):
            a, b = b, a
        # "Dept of Social Development (Gauteng)", "northgate logistics (leeds depot)", "(qld)": a short bracket with
        # no job in it says which one (a region, a city, a branch), not the role: it stays with the company and
        # the role is asked; a longer one is a remark ("(hillhead practice not the city centre one)")
        bracketed = value.rstrip(".!").endswith(")")
        bare = without_asides(b)  # "Amazon (AWS actually)": the hedge is no part of it
        qualifier = not _job_words(b) and bracketed and (_says_which(bare) or len(bare.split()) <= 3)
        remark = not _job_words(b) and (
            bool(_SELF_CORRECTION.match(b) or _DESCRIBED_TAIL.match(b) or _NOT_THE_ONE.search(b))
            or bracketed
            or _PLACE_REMARK.match(bare) is not None
        )
        if remark and not qualifier:  # "NHS Lothian - well technically the Royal Infirmary", "Tesco - leeds
            # depot", "smile dental - byres rd practice not the southside one": which one, not the role; it is asked
            found["company"] = _COMPANY_LEAD.sub("", a, count=1).strip(" ,") or a
            return Understood(found, ("role",))
        if a and b and not _COMPANY_SUFFIX.fullmatch(b) and not qualifier:
            found.update(company=_COMPANY_LEAD.sub("", a, count=1).strip(" ,") or a, role=role(b))
            return Understood(found, ())
    head = value
    job = _JOB.search(value)
    # "DHL Ghana for warehouse supervisor": after "for"/"as", a title made of job words is the role even bare
    bare_title = job is not None and _job_words(job.group("role")) and not _COMPANY_SUFFIX.fullmatch(job.group("role"))
    if job and job.start() > 0 and ("," in job.group("sep") or job.group("art") or job.group("suffix") or bare_title):
        found["role"] = role(job.group("role"))
        head = value[: job.start()]
    elif "," in value:
        first, _, tail = value.partition(",")
        parts = [p.strip() for p in re.split(r"\s[-–—|]\s|,", tail) if p.strip()]
        if len(parts) > 1 and _PLACE_REMARK.match(parts[0]) and not _job_words(parts[0]):
            tail = " - ".join(
                parts[1:]
            )  # "dangote cement, the ibese plant - maintenance planner": the place, then the role
        plain_tail = tail.strip() and not _COMPANY_SUFFIX.fullmatch(tail.strip())
        if (
            plain_tail
            and (_PLACE_REMARK.match(tail.strip()) or _DESCRIBED_TAIL.match(tail.strip()))
            and not _job_words(tail)
        ) or (plain_tail and (_WHICH_KIND.match(tail.strip()) or _WHICH_NOT_THAT.search(tail.strip()))):
            head = first  # "McCabes Pharmacy, the one in Douglas", "Acme, a small agency in Shoreditch": not a role
        elif plain_tail and len(tail.split()) == 1 and not _job_words(tail):
            head = first  # "Harborview hospital, lekki": one word and no job in it is the place; the role is asked
        elif plain_tail and ("&" not in tail or _job_words(tail)):  # not "Smith, Jones & Co."
            found["role"] = role(tail)
            head = first
    lead = _COMPANY_LEAD.match(head).end()  # every part of it is optional: it always matches
    name = head[lead:]
    if lead or "role" in found:
        name = name.rstrip(".!")  # the end of a sentence, not of "Acme Inc."
    name = name.strip(" ,") or value
    name = _TRAILING_NOISE.sub("", name) or name  # "Chong Hua Hospital po, for staff nurse in the ER"
    if ctx is not None and "when" not in found:  # "at Kiewit this morning around 10 for the ... spot"
        timed = _moment_at_end(name, ctx, tense)
        if timed is not None:
            name, found["when"] = timed
    if len(name) > 200:
        raise Invalid("That company name is over 200 characters; please give just the name.")
    found["company"] = name
    return Understood(found, tuple(k for k in ("company", "role") if k not in found))


# A part of an organisation said after its name: "childrens services", "the adolescent team", "audit dept".
_UNIT = re.compile(
    r"(?i)(?:the\s+|our\s+|their\s+)?(?:[\w'’&-]+\s+){0,4}?(?:team|department|dept|services|service|division|unit|"
    r"directorate|section|desk|branch)"
)
_PARTS = re.compile(r"\s+[-–—|]\s+|\s*,\s*")


def _without_units(value: str) -> str:
    """The company's name and the role without the teams and departments said between them ("cardiff council -
    childrens services, the adolescent team" -> "cardiff council"; "Acme - data team, analyst" -> "Acme, analyst")."""
    parts = _PARTS.split(value)
    if len(parts) < 2:
        return value
    kept = [parts[0]] + [
        part
        for part in parts[1:]
        if not (_UNIT.fullmatch(part.strip()) and not _job_words(re.sub(r"(?i)\bteam\b", "", part)))
    ]
    if len(kept) == len(parts):
        return value
    return ", ".join(p.strip() for p in kept)


# A bracket of chat after a company's name: three words or more and no job in them, or a laugh or an emoji.
_ASIDE_BRACKET = re.compile(
    r"\s*\((?=(?:[^()]*\b(?:lol|haha|lmao|idk|tbh|not the|the new|the old|the one)\b|(?:[^()\s]+\s+){2,}[^()]*\)))"
    r"(?![^()]*\b(?:engineer|manager|developer|analyst|designer|nurse|assistant|lead|director|officer|"
    r"specialist|consultant|associate|intern|role|position)\b)[^()]*\)\s*",
    re.IGNORECASE,
)
# A bracket that names the company in quotes, with a word that corrects: "(well its "smileworks cork" technically)",
# "(officially 'Acme Holdings')", "(real name is "Bean There Pty Ltd")".
_NAMED_TECHNICALLY = re.compile(
    r"(?i)\s*\((?=[^()]*\b(?:technically|officially|actually|properly|legally|real name|registered|on paper)\b)"
    r"[^()\"“”']*[\"“'](?P<name>[^\"“”'()]{2,60})[\"”'][^()\"“”]*\)"
)
_DESCRIBED_TAIL = re.compile(
    r"(?i)^(?:a|an)\s+(?:[\w'’-]+\s+){0,3}?(?:firm|company|startup|agency|hospital|clinic|school|bank|hotel|restaurant|"
    r"cafe|café|shop|store|business|consultancy|practice|charity|organisation|organization|ngo|place|group|chain|"
    r"factory|plant|lab|studio|university|college)\b"
)
_DESCRIBED = re.compile(
    r"(?i)^(?:it'?s|its|it is|they'?re|they are|that'?s)\s+(?:a|an)\s+(?:[\w'’-]+\s+){0,3}?(?:firm|company|startup|"
    r"agency|hospital|clinic|school|bank|hotel|restaurant|cafe|café|shop|store|business|consultancy|practice|charity|"
    r"organisation|organization|ngo|place|group|chain|factory|plant|lab|studio|university|college)\s*[,:;–—-]\s*(?=\S)"
)
_SELF_CORRECTION = re.compile(
    r"(?i)\b(?:technically|actually|well|i mean|officially|on paper|contractor|client|subsidiary|"
    r"parent company|owned by|part of)\b"
)


_CORRECTED_TO = re.compile(
    r"(?i)^(?:(?:well|so|but|or)\s+)?(?:technically|actually|officially|on paper|or rather|i mean|strictly speaking)"
    r"\s*,?\s+(?:(?:it'?s|its|it is|it was|the employer is|i'?d be employed by)\s+)?(?P<name>\S.*)$"
)


def _corrected_company(value: str) -> tuple[str, str] | None:
    """A company named, then corrected, then the role: "emirates group... technically dnata i think? ground ops
    supervisor" -> ("dnata", "ground ops supervisor"); the name after "technically"/"actually" is the employer.
    None unless a clause with a job's words follows the correction (a correction alone is `read_interview`'s)."""
    clauses = [c.strip(" .") for c in re.split(r"\s*(?:\.{2,}|…|\?+|[,;]|\s[-–—]\s)\s*", value) if c.strip(" .?")]
    for i, clause in enumerate(clauses[1:], 1):
        said = _CORRECTED_TO.match(clause)
        if said is None or _job_words(said["name"]):
            continue
        roles = [c for c in clauses[i + 1 :] if _job_words(c)]
        name = without_asides(said["name"]).strip(" ,?")
        if roles and name:
            return _COMPANY_LEAD.sub("", name, count=1).strip(" ,") or name, role(roles[0])
        return None
    return None


def _registered_among_remarks(value: str) -> str | None:
    """The one registered name (it ends in SpA, Ltd, GmbH…) in a line that corrects itself ("minera los andes...
    well technically the contractor, Servicios Atacama SpA, minera is the client"): the employer the emails
    thank; None when the line is no such correction."""
    clauses = [c.strip(" .") for c in re.split(r"\s*(?:,|;|\.{2,}|…|\s[-–—]\s)\s*", value) if c.strip(" .")]
    if len(clauses) < 2 or not _SELF_CORRECTION.search(value):
        return None
    named = [c for c in clauses if _COMPANY_SUFFIX.fullmatch(c.split()[-1]) and len(c.split()) >= 2]
    return named[0] if len(named) == 1 else None


_PLACE_WORDS = (
    r"branch|office|site|store|shop|location|campus|outlet|depot|plant|factory|warehouse|hub|hq|headquarters|head office|dc|"
    r"distribution centre|distribution center|fulfilment centre|fulfillment center|"
    r"mine|yard|port|terminal|clinic|ward|lab|labs|laboratory|region|division|unit|planta|sucursal|filial|sede|oficina|tienda|loja|unidade|"
    r"unidad|fábrica|fabrica|almacén|almacen|bodega|agência|agencia|filiale|werk|standort|usine|agence|succursale|"
    r"cabang|kantor|pabrik|gudang"
)
_WHICH_ONE = re.compile(
    rf"(?i)^(?:the\s+)?(?:(?:[\w'’.-]+\s+){{0,2}}(?:{_PLACE_WORDS})|(?:{_PLACE_WORDS})(?:\s+[\w'’.-]+){{1,3}})$"
)


def _says_which(bracket: str) -> bool:
    """ "(Gauteng)", "(QLD)", "(KL HQ)", "(Leeds depot)", "(planta Toluca)": a bracket after a company that says which
    of its places it was (a region, a city, a branch): up to three words, each with a capital, or a place word."""
    words = bracket.split()
    if not 1 <= len(words) <= 3:
        return False
    return all(w[:1].isupper() or w[:1].isdigit() for w in words) or bool(_WHICH_ONE.match(bracket))


# "not the city centre one", "the one on byres rd": which of the company's places, never a job title
_NOT_THE_ONE = re.compile(r"(?i)\bnot\s+the\b|\bthe\s+(?:\w+\s+)?one\b")
# "the DC in waalhaven not head office", "the leeds site, not the HQ", "the new one not the old": which of its places,
# said against another; a contrast with a job in it ("analyst not engineer") is still read as the role
_WHICH_NOT_THAT = re.compile(
    r"(?i)^the\s+(?:[\w'’.-]+\s+){0,4}?(?:in|at|on|near|by)\s+[\w'’.-]+.*\bnot\b|\bnot\s+(?:the\s+)?(?:[\w'’.-]+\s+)?"
    rf"(?:{_PLACE_WORDS}|one|big one|main one)\b"
)
_PLACE_REMARK = re.compile(
    r"(?i)^(?:the\s+(?:one|branch|office|site|store|shop|location)\b|(?:in|near|on|off|by|beside|next to)\s|"
    r"(?:the\s+)?(?:[\w'’-]+\s+){1,3}(?:branch|office|site|store|shop|location|campus|outlet|depot)$)"
    rf"|^(?:the\s+)?(?:(?:[\w'’.-]+\s+){{0,2}}(?:{_PLACE_WORDS})|(?:{_PLACE_WORDS})(?:\s+[\w'’.-]+){{1,2}})$"
)  # "the osu branch", "Makati office", "planta Toluca", "the ibese plant": which one, not a role
# "boots, the pharmacy one", "MTN, the telecom people", "the big one": which company the user means, not the role
_WHICH_KIND = re.compile(
    r"(?i)^(?:the|that|those)\s+(?:[\w'’&-]+\s+){0,3}?(?:one|ones|people|guys|lot|folks|crowd|place|company|firm|"
    r"brand|chain|bank|pharmacy|chemist|supermarket|hospital|clinic|hotel|restaurant|cafe|café|school|airline|"
    r"telecom|retailer|charity|council|agency|startup|factory|bakery|garage|airport|university|college)(?:\s+(?:lol|haha|tbh|i think|you know))*[.!]*$"
)
_TRAILING_NOISE = re.compile(
    r"(?:[\s!?~]|[^\w\s.&)'’\]>+-])+$|\s+(?:po|lol|haha|lah|yaar)$|[!?]+\s*(?:finally|yay|woo+|omg|lol|haha|ugh)\W*$",
    re.IGNORECASE,
)


def read_role(text: str, ctx: Context | None = None, *, tense: str = PAST) -> Understood:
    """The answer to "what's the role?": the title, and the company and time when the sentence gives them too
    ("junior analyst at Baker & Co", "product designer, yesterday at 3pm")."""
    value = " ".join(clean_text(text, limit=400, what="role").split())
    found: dict[str, object] = {}
    if ctx is not None:
        timed = _moment_at_end(value, ctx, tense)
        if timed is not None:
            value, found["when"] = timed
    title_at = _ROLE_AT.match(value.rstrip(".!")) or _TITLE_AT.match(value.rstrip(".!"))
    if title_at and _job_words(title_at["role"]) and not _job_words(title_at["company"]):
        found.update(
            role=role(title_at["role"]), company=_COMPANY_LEAD.sub("", title_at["company"], count=1).strip(" ,")
        )
    else:
        found["role"] = role(value)
    return Understood(found, ())


def company(text: str) -> str:
    """The company's name, also out of a sentence ("It was with Spotify, ...")."""
    return str(read_interview(text).values["company"])


# ---- the interview's time ------------------------------------------------------------------


def when(text: str, ctx: Context, *, tense: str = PAST) -> Moment | DayOnly | Ambiguous:
    """When the interview was (PAST) or will be (FUTURE): a moment, a day to ask the time of, or candidates.

    A line with more in it than the time ("this morning, first slot 8h30", "walked out maybe 40 min ago, it ran
    long", "last friday (4th), 3pm") is read by its clauses: the ones that say a time, put together. A time taken
    back in the same line ("8.30.. no sorry they moved it, 9.30") is read as the one meant."""
    text = _time_range(_time_taken_back(text))
    try:
        reading = _read_when(text, ctx, tense)
    except Invalid as refused:
        reading = _when_in_clauses(text, ctx, tense)
        if reading is None:
            raise refused from None
    if tense == PAST:
        reading = _after_midnight(reading, text, ctx)
        reading = _not_this_hour(reading, text, ctx)
    return _checked(reading, ctx, tense)


_EVENING_SAID = re.compile(r"(?i)\d\s*(?:pm|p\.m\.)|\b(?:evening|tonight|night|just now|now|ago)\b")


def _not_this_hour(reading: Moment | DayOnly | Ambiguous, text: str, ctx: Context) -> Moment | DayOnly | Ambiguous:
    """ "at 7 ish" typed at 19:00 about an interview: not the hour that is only just starting (the user is here,
    chatting), but 07:00 this morning. A bare hour read as the afternoon or evening that is the current hour is
    taken as the morning's; "7pm", "this evening at 7" and "just now" stay as said."""
    if not isinstance(reading, Moment):
        return reading
    at, local = reading.at.astimezone(ZoneInfo(ctx.tz)), ctx.now.astimezone(ZoneInfo(ctx.tz))
    if at.date() != local.date() or at.hour != local.hour or at.hour < 13 or _EVENING_SAID.search(text):
        return reading
    if not re.search(rf"(?<![\d:.]){at.hour - 12}(?![\d:])", text):  # the hour typed the 12-hour way
        return reading
    return Moment(reading.at - timedelta(hours=12), reading.approximate)


# Typed in the small hours, "today" is often the day that just ended: "today around 2ish" at 02:37 is 02:00 (a bare
# hour read as the afternoon would be in the future), "this afternoon (at 3)" is yesterday's afternoon.
_SMALL_HOURS = 6
_PM_SAID = re.compile(r"(?i)\d\s*(?:pm|p\.m\.)|\b(?:afternoon|evening|tonight|arvo|after lunch)\b")


def _after_midnight(reading: Moment | DayOnly | Ambiguous, text: str, ctx: Context) -> Moment | DayOnly | Ambiguous:
    local = ctx.now.astimezone(ZoneInfo(ctx.tz))
    if local.hour >= _SMALL_HOURS:
        return reading
    if isinstance(reading, DayOnly) and reading.day == ctx.today and reading.part not in {None, "morning", "night"}:
        return DayOnly(ctx.today - timedelta(days=1), reading.part)  # "this afternoon": the afternoon just gone
    if not isinstance(reading, Moment) or reading.at - ctx.now <= FUTURE_SLACK:
        return reading
    at = reading.at.astimezone(ZoneInfo(ctx.tz))
    if at.date() != ctx.today:
        return reading
    earlier = reading.at - timedelta(hours=12)
    if at.hour >= 12 and not _PM_SAID.search(text) and earlier <= ctx.now + FUTURE_SLACK:
        return Moment(earlier, reading.approximate)  # a bare "2" after midnight: 02:00, just gone
    return Moment(reading.at - timedelta(days=1), reading.approximate)  # "today at 3pm" said at 02:37: yesterday


_CLOCK = re.compile(r"(?i)\b(?:[01]?\d|2[0-3])(?:[.:h][0-5]\d)?(?:\s*(?:am|pm|a\.m\.|p\.m\.|h|hrs))?(?!\S*[/@])\b")


_TIME_RANGE = re.compile(
    r"(?i)\b(?:between\s+)?(?P<h1>[01]?\d|2[0-3])(?:[.:h](?P<m1>[0-5]\d))?(?:\s*(?P<s1>am|pm))?\s*(?:or|-|–|to|and|/)\s*"
    r"(?P<h2>[01]?\d|2[0-3])(?:[.:h](?P<m2>[0-5]\d))?(?:\s*(?P<s2>am|pm))?(?![\w/.:-]*\d)(?!\s*(?:st|nd|rd|th)\b)"
)


def _time_range(text: str) -> str:
    """A time said as a range or two guesses ("3 or 3.30", "3-3:30pm", "between 10 and 10.30") is about the first:
    "3 or 3.30 dont remember exactly" -> "around 3 dont remember exactly". Numbers more than 90 minutes apart (a
    date such as "12-15") are left as typed."""

    def about(found: re.Match[str]) -> str:
        first = int(found["h1"]) % 12 * 60 + int(found["m1"] or 0)
        second = int(found["h2"]) % 12 * 60 + int(found["m2"] or 0)
        if not 0 < (second - first) % 720 <= 90 or not (found["m1"] or found["m2"] or found["s1"] or found["s2"]):
            return found[0]
        clock = found["h1"] + (f":{found['m1']}" if found["m1"] else "")
        return f"around {clock}{found['s1'] or found['s2'] or ''}"

    return _TIME_RANGE.sub(about, text)


def _time_taken_back(text: str) -> str:
    """The line with a time taken back replaced by the one meant: "today morning 8.30.. no sorry they moved it,
    9.30" -> "today morning 9.30"; "yesterday at 4, no actually 5" -> "yesterday at 5". The line as typed when
    nothing is taken back, or when the new words say no time."""
    parts = taken_back_parts(text)
    if parts is None:
        return text
    head, new = parts
    clauses = [clause for clause in _CLAUSE_BREAK.split(new) if _CLOCK.search(clause)]
    if not clauses or not (olds := list(_CLOCK.finditer(head))):
        return text
    meant = _LEAD_FILLER.sub("", clauses[-1]).strip(" .!?")
    clock = _CLOCK.search(meant)
    if clock is None:
        return text
    if _DAY_SAID.search(_CLOCK.sub(" ", meant)):  # "monday 10, no wait tuesday at 11": the new words say it all
        return meant
    old = olds[-1]
    return f"{head[: old.start()]}{meant[clock.start() :]}".strip()


_CLAUSE_BREAK = re.compile(r"\s*(?:[,;]|\.(?:\s|$)|\s[-–—|/]\s)\s*")
_LEAD_FILLER = re.compile(
    r"(?i)^(?:(?:like|so|um+|uh+|well|maybe|prob|probably|finished|ended|it ended|we finished|got out|came out|"
    r"walked out(?: of there)?|left|first slot|slot|the slot was|it was|was|still|around|about|approx|ok|oh|ya|yeah)\s+)+"
)


def _core(clause: str, ctx: Context, tense: str) -> tuple[str, Moment | DayOnly | Ambiguous] | None:
    """A clause's words that read as a time: the whole clause, else its longest start or end that does (and names
    a day, a part of it or a number)."""
    typed, clause = clause.strip(" .!?"), _LEAD_FILLER.sub("", clause).strip(" .!?")
    if re.fullmatch(r"(?:[01]?\d|2[0-3])[0-5]\d", clause):  # "like 1230": a clock without its colon
        clause = f"{clause[:-2]}:{clause[-2:]}"
    # "around 3 dont remember exactly": "around" kept when the number alone is no time
    around = [f"around {part}" for part in edges(clause)] if re.match(r"(?i)(?:around|about)\s", typed) else []
    for part in [*edges(clause), *around]:
        if not _TIME_WORDS.search(part) and not re.search(r"\d|morning|afternoon|evening|night|now", part, re.I):
            continue
        try:
            return part, _read_when(part, ctx, tense)
        except Invalid:
            continue
    return None


def _when_in_clauses(text: str, ctx: Context, tense: str) -> Moment | DayOnly | Ambiguous | None:
    said = " ".join(re.sub(r"\s*\([^()]*\)\s*", " ", text).split())  # "last friday (4th), 3pm"
    cores = [found for clause in _CLAUSE_BREAK.split(said) if clause and (found := _core(clause, ctx, tense))]
    if not cores:
        return None
    tries = [" ".join(part for part, _ in cores)] if len(cores) > 1 else []
    tries += [f"{a} {b}" for i, (a, _) in enumerate(cores) for b, _ in cores[i + 1 :]] if len(cores) > 2 else []
    for joined in tries:  # "this morning" and "8h30": one moment
        try:
            reading = _read_when(joined, ctx, tense)
        except Invalid:
            continue
        if isinstance(reading, Moment):
            return reading
    # One clause alone: a time before a day alone, and the one with a number in it before "just now".
    ranked = sorted(cores, key=lambda core: (not isinstance(core[1], Moment), not re.search(r"\d", core[0])))
    return ranked[0][1]


def _read_when(text: str, ctx: Context, tense: str) -> Moment | DayOnly | Ambiguous:
    elsewhere = _other_zone(text, ctx.now)
    reading = read_moment(text, ctx.tz, ctx.now, tense=tense, region=ctx.region) if elsewhere is None else None
    if elsewhere is not None:  # "today at 1 pacific (they're in vancouver)": the time on the interviewer's clock
        said, zone = elsewhere
        there = read_moment(said, zone, ctx.now, tense=tense, region=ctx.region)
        if (
            isinstance(there, Moment)
            and tense == PAST
            and there.at - ctx.now > FUTURE_SLACK
            and not _DAY_SAID.search(said)
        ):
            there = Moment(there.at - timedelta(days=1), there.approximate)  # "at 2 Sydney time": their day is ahead
        reading = there if isinstance(there, Moment) else read_moment(said, ctx.tz, ctx.now, tense=tense)
    return reading


def _checked(reading: Moment | DayOnly | Ambiguous, ctx: Context, tense: str) -> Moment | DayOnly | Ambiguous:
    if isinstance(reading, Ambiguous):
        return reading
    if tense == PAST:
        if isinstance(reading, Moment) and reading.at - ctx.now > FUTURE_SLACK:
            raise Invalid(
                f"That's in the future ({say_moment(reading.at, ctx.tz, ctx.now)}). For an interview still ahead, "
                "use /upcoming; otherwise tell me when it was, e.g. “just now” or “yesterday at 3pm”."
            )
        if isinstance(reading, DayOnly) and reading.day > ctx.today:
            raise Invalid(
                f"{say_date(reading.day, ctx.tz, ctx.now)} is still ahead. For an interview still ahead, use "
                "/upcoming; otherwise tell me when it was, e.g. “this morning at 9”."
            )
    else:
        if isinstance(reading, Moment) and reading.at <= ctx.now:
            raise Invalid(
                f"That's already past ({say_moment(reading.at, ctx.tz, ctx.now)}). When will it be? "
                "E.g. “tomorrow 10:00” or “Friday at 2pm”; for a past interview, use /new."
            )
        if isinstance(reading, DayOnly) and reading.day < ctx.today:
            raise Invalid(
                f"{say_date(reading.day, ctx.tz, ctx.now)} is already past. When will it be? "
                "E.g. “tomorrow 10:00”; for a past interview, use /new."
            )
    return reading


_DAY_SAID = re.compile(
    r"(?i)\b(?:today|tonight|yesterday|tomorrow|monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|wed|"
    r"thu|fri|sat|sun)\b|\d{1,2}[/.-]\d{1,2}|\d{1,2}(?:st|nd|rd|th)\b"
)
_ZONE_WORD = re.compile(
    r"(?i)^(?:(?:[\w'’-]+\s+)?time|pacific|eastern|central|mountain|atlantic|gmt|utc|bst|cet|cest|eet|wet|est|edt|pst|"
    r"pdt|cst|cdt|mst|mdt|et|pt|ct|mt|aest|aedt|jst|kst|sgt|hkt|sast|wat|eat|cat|nzst|nzdt|[a-z]{2,4}t)$"
)


def _abbreviation_zone(typed: str, candidates: tuple[str, ...], now: datetime) -> str | None:
    """ "AEST" at a time: Brisbane or Sydney, but the abbreviation says standard time ("...ST"), so the zone of those
    that keeps standard time now (a "...DT" the one on summer time); None when that does not settle it ("IST")."""
    if len({now.astimezone(ZoneInfo(zone)).utcoffset() for zone in candidates}) == 1:
        return candidates[0]  # "10am GMT": London or UTC, one clock in December
    word = typed.strip(" .,!").casefold()
    if not re.fullmatch(r"[a-z]{2,3}[sd]t", word):
        return None
    summer = word.endswith("dt")
    fits = [zone for zone in candidates if bool(now.astimezone(ZoneInfo(zone)).dst()) == summer]
    return fits[0] if len({now.astimezone(ZoneInfo(zone)).utcoffset() for zone in fits}) == 1 else None


# "but that's their time (CET)", "their time, NY", "10am (CET)": the other side's clock, named after it or in brackets
_THEIR_TIME = re.compile(
    r"(?i)[\s,;]*(?:\b(?:but|and|so)\s+)?(?:\b(?:that'?s|thats|that is|that was|it'?s|its|it was|was|this is|in)\s+)?"
    r"\b(?:their|the company'?s|the office'?s|the interviewer'?s|the recruiter'?s|hq|head office|his|her)\s+time\b"
    r"\s*(?:\(([^()]{1,30})\)|[,:-]?\s*([^\W\d_][\w ]{0,24}))?"
)
_BRACKET = re.compile(r"\s*\(([^()]{1,24})\)")


def _zone_named(typed: str) -> str | None:
    """The zone of a short name ("CET", "NY", "new york"), a few words of it at most, else None."""
    words = typed.strip(" .,!").split()
    for n in range(min(3, len(words)), 0, -1):
        try:
            return parse_timezone(" ".join(words[:n]))
        except Invalid:
            continue
    return None


def _their_clock(text: str) -> tuple[str, str] | None:
    """ "thurs 10am but thats their time (CET)", "friday 4pm their time (NY)", "10am (CET)": the time without the
    remark, and the zone named in it; None when no zone is named so."""
    if not re.search(r"\d|noon|midday", text):
        return None
    found = _THEIR_TIME.search(text)
    if found is not None:
        zone = _zone_named(found.group(1) or found.group(2) or "")
        if zone is not None:
            return " ".join((text[: found.start()] + " " + text[found.end() :]).split()), zone
    for bracket in _BRACKET.finditer(text):
        if _ZONE_WORD.match(bracket.group(1).strip()):
            zone = _zone_named(bracket.group(1))
            if zone is not None:
                return " ".join((text[: bracket.start()] + " " + text[bracket.end() :]).split()), zone
    return None


def _other_zone(text: str, now: datetime | None = None) -> tuple[str, str] | None:
    """ "today at 1 pacific (they're in vancouver)", "2pm London time": the time without its zone, and the zone
    (IANA) it was said in; None when the answer names no zone."""
    theirs = _their_clock(text)
    if theirs is not None:
        return theirs
    said = " ".join(re.sub(r"\s*\([^()]*\)\s*", " ", text).split())
    words = said.split()
    for n in (2, 1):
        tail = " ".join(words[-n:]).strip(" .,!")
        if len(words) <= n or not _ZONE_WORD.match(tail) or not re.search(r"\d|noon|midday", " ".join(words[:-n])):
            continue
        try:
            zone = parse_timezone(tail)
        except AmbiguousZone as many:  # "IST": more than one zone; the time is read on the user's clock
            zone = _abbreviation_zone(tail, many.candidates, now) if now is not None else None
            if zone is None:
                continue
        except Invalid:
            continue
        return " ".join(words[:-n]), zone
    for i in range(1, len(words)):  # "9am AEDT today", "at 2 NZT this morning": the zone right after the time
        if not re.search(r"\d(?:\s*(?:am|pm|h))?$|\d(?:am|pm)$|^(?:am|pm)$", words[i - 1], re.I):
            continue
        for n in (2, 1):
            if i + n > len(words):
                continue
            word = " ".join(words[i : i + n]).strip(" .,!")
            if not _ZONE_WORD.match(word) or i + n == len(words):
                continue
            try:
                zone = parse_timezone(word)
            except AmbiguousZone as many:
                zone = _abbreviation_zone(word, many.candidates, now) if now is not None else None
                if zone is None:
                    continue
            except Invalid:
                continue
            return " ".join(words[:i] + words[i + n :]), zone
    return None


TIME_BUTTONS = (("Morning", "morning"), ("Afternoon", "afternoon"))
HOUR = "h_"  # the prefix of an hour's button code when only a part of the day was given: h_1400
USUAL = "usual"  # "Not sure": the part's usual time


def say_part(part: str) -> str:
    """A part of the day as the hour question says it: "in the afternoon", "around dinner time"."""
    return {"dinnertime": "around dinner time", "tonight": "in the evening"}.get(part, f"in the {part}")


def time_buttons(part: str | None) -> list[tuple[str, str]]:
    """The buttons of "what time?": morning / afternoon for a day alone, the part's hours for "yesterday
    afternoon", with "Not sure" (the part's usual time)."""
    if part not in PART_HOURS:
        return list(TIME_BUTTONS)
    return [(f"{hour:02d}:00", f"{HOUR}{hour:02d}00") for hour in PART_HOURS[part][1]] + [("Not sure", USUAL)]


def time_of_day(day: date, text: str, ctx: Context, *, tense: str = PAST, part: str | None = None) -> Moment:
    """The time on a day given alone: a button ("morning", "afternoon", an hour) or a typed time ("9:30", "3pm",
    "half past two"); an hour without am/pm is read in the part of the day said before ("2" in the afternoon)."""
    key = " ".join(text.casefold().split()).strip(" .!").removeprefix("in the ").removeprefix("at ").strip()
    if key == USUAL and part in PART_HOURS:
        moment = Moment(at_local(day, PART_HOURS[part][0], ctx.tz), approximate=True)
    elif key.startswith(HOUR) and key[len(HOUR) :].isdigit() and len(key) == len(HOUR) + 4:
        moment = Moment(at_local(day, time(int(key[-4:-2]), int(key[-2:])), ctx.tz))
    elif key in PARTS_OF_DAY:
        moment = Moment(at_local(day, PARTS_OF_DAY[key], ctx.tz), approximate=True)
    else:
        key = spoken_times(key) if part is None else spoken_times(f"{key} {part}").removesuffix(part).strip()
        key = re.sub(r"^(?:at|around|about|roughly|approx|approximately|~)\s*|\s*(?:-?ish|or so)$", "", key)
        match = re.fullmatch(r"(\d{1,2})(?:[:.h](\d{2}))?\s*(am|pm|a\.m\.|p\.m\.|oclock)?", key.replace(" ", "") or "x")
        if not match:
            raise Invalid(
                f"What time on {say_date(day, ctx.tz, ctx.now)}? Tap morning or afternoon (or an hour), or type a time such as "
                "9:30 or 3pm."
            )
        hour, minute = int(match.group(1)), int(match.group(2) or 0)
        marker = (match.group(3) or "").replace(".", "")
        if marker == "pm" and hour < 12:
            hour += 12
        elif marker == "am" and hour == 12:
            hour = 0
        elif marker not in {"am", "pm"} and hour < 12:
            later = (part or "").split(" ")[-1] in {"afternoon", "evening", "night", "tonight"}
            if later or (part is None and 1 <= hour <= 7):  # "at 3" for an interview is in the afternoon
                hour += 12
        if hour > 23 or minute > 59:
            raise Invalid(f"“{shorten(text, 20)}” is not a time of day. Type it as 9:30 or 3pm.")
        moment = Moment(at_local(day, time(hour, minute), ctx.tz))
    if tense == PAST and moment.at - ctx.now > FUTURE_SLACK:
        raise Invalid(
            f"{say_moment(moment.at, ctx.tz, ctx.now)} is still ahead. Give an earlier time, e.g. “this morning at 9”."
        )
    return moment
