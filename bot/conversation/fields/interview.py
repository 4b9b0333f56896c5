"""The interview itself: company and role (also out of a sentence), and when it was or will be."""

from __future__ import annotations

import re
from datetime import date, time
from functools import lru_cache

from bot.common.parsing.dates import FUTURE_SLACK, PAST, Ambiguous
from bot.common.parsing.moments import PART_HOURS, PARTS_OF_DAY, DayOnly, Moment, at_local, read_moment, spoken_times
from bot.common.parsing.text import Invalid, clean_text, shorten
from bot.common.parsing.words import say_date, say_moment
from bot.common.parsing.zones import parse_timezone
from bot.conversation.fields.people import _ROLE_WORDS as ROLE_WORDS
from bot.conversation.fields.spec import Context, Understood

# ---- company and role ------------------------------------------------------------------------


_JOB_SUFFIX = re.compile(r"\s+(?:role|position|job|opening|post|vacancy|spot|gig)$", re.IGNORECASE)
_JOB_LEAD = re.compile(
    r"^(?:(?:the |my )?(?:role|position|job) (?:was|is) )?(?:it was |it's |its )?(?:for |as )?(?:the |a |an )?",
    re.IGNORECASE,
)
_COMPANY_LEAD = re.compile(
    r"^(?:(?:it|that|this)\s+(?:was|is)\s+|(?:i|we)\s+(?:interviewed|talked|spoke|met|had it)\s+)?"
    r"(?:(?:with|at|for)\s+(?:the\s+)?)?",
    re.IGNORECASE,
)
_COMPANY_SUFFIX = re.compile(
    r"(?:inc|ltd|llc|gmbh|ag|sa|s\.a|co|corp|plc|bv|b\.v|srl|sas|pty|oy|ab|as|kk|limited|& co)\.?", re.IGNORECASE
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
    noted = _BRACKET_NOTE.sub("", value).strip()
    value = noted or value
    sides = [side.strip() for side in re.split(r"\s+(?:/|=|==|->|=>)\s+|\s*=\s*", value) if side.strip()]
    if len(sides) == 2 and [bool(_job_words(side)) for side in sides].count(True) == 1:
        value = next(side for side in sides if _job_words(side))
    elif len(sides) == 2 and [_english_words(side) for side in sides].count(True) == 1:
        value = next(side for side in sides if _english_words(side))  # "fisioterapeuta / physiotherapist"
    value = _ABBREVIATED.sub(lambda m: _ABBREVIATIONS[m.group(0).casefold().rstrip(".")], value)
    bare = _JOB_SUFFIX.sub("", _JOB_LEAD.sub("", value, count=1)).strip()
    return bare or value


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
_INTERVIEW_LEAD = re.compile(
    r"^(?:(?:i\s+)?(?:had|have|did)\s+(?:my|an|the|a)\s+(?:\w+\s+)?interview\s+|(?:my|the)\s+(?:\w+\s+)?interview\s+"
    r"(?:was\s+)?|(?:i\s+)?interviewed\s+|(?:just\s+)?(?:finished|done)\s+(?:(?:my|an|the)\s+)?(?:interview\s+)?)"
    r"(?=(?:with|at|for)\b)",
    re.IGNORECASE,
)
_MOMENT_STARTS = re.compile(
    r"^(?:at|@|on|this|today|tonight|yesterday|earlier|just|last|around|about|half|quarter|noon|midday|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|wed|thu|fri|\d{1,2}(?:[:.]\d{2})?(?:am|pm)?|"
    r"\d+)$",
    re.IGNORECASE,
)


_TIME_WORDS = re.compile(
    r"(?i)\d{1,2}[:.h]\d{2}|\d\s*(?:am|pm|a\.m\.|p\.m\.)\b|\b(?:at|around|about)\s+\d|\b(?:today|yesterday|tonight|"
    r"morning|afternoon|evening|noon|midday|ago|just now|monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
    r"half past|quarter (?:past|to))\b"
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
            reading = when(phrase, ctx, tense=tense)
        except Invalid:
            continue
        head = _INTERVIEW_TAIL.sub("", head)  # "johnson controls - hvac service tech, interview was" at 1 today
        if isinstance(reading, Moment | DayOnly) and head:
            return head, reading
    return None


def read_interview(text: str, ctx: Context | None = None, *, tense: str = PAST) -> Understood:
    """Company and role from an answer to "which company?": "It was with Spotify, for the backend engineer role",
    "product designer at Figma", "Linklaters - associate", "Siemens (controls engineer)"; with a `ctx`, the time too
    ("had my interview with Baker & Co for the junior analyst role at 10 this morning": `when`).

    A plain name ("Acme & <Sons>", "Smith, Jones & Co.", "Made for Humans", "Designer at Large") is kept as typed.
    """
    value = " ".join(clean_text(text, limit=400, what="company name").split())
    value = _TRAILING_NOISE.sub("", value) or value  # "Salesforce!!! 🙌", "LBC Express paranaque hub po"
    found: dict[str, object] = {}
    if ctx is not None:
        timed = _moment_at_end(value, ctx, tense)
        if timed is not None:
            value, found["when"] = timed
    value = _INTERVIEW_LEAD.sub("", value, count=1)
    role_first = _ROLE_AT.match(value.rstrip(".!"))
    if role_first and len(role_first["company"]) <= 200:
        found.update(company=role_first["company"].strip(" ,"), role=role(role_first["role"]))
        return Understood(found, ())
    title_at = _TITLE_AT.match(value.rstrip(".!"))
    if title_at and _job_words(title_at["role"]) and not _job_words(title_at["company"]):
        title = title_at["role"]
        if len(title.split()) >= 2 or title[:1].islower():  # "Designer at Large" is a company's name
            found.update(company=_COMPANY_LEAD.sub("", title_at["company"], count=1).strip(" ,"), role=role(title))
            return Understood(found, ())
    pair = _PAIR.match(value.rstrip(".!"))
    if pair and "," not in value:
        a, b = pair["a"].strip(), pair["b"].strip()
        if _job_words(a) and not _job_words(b):
            a, b = b, a
        # "Dept of Social Development (Gauteng)": one capitalised word in brackets with no job in it says which
        # one (a region, a city), not the role; the role is asked
        bracketed = value.rstrip(".!").endswith(")")
        qualifier = not _job_words(b) and bracketed and len(b.split()) == 1 and b[:1].isupper()
        if a and b and not _COMPANY_SUFFIX.fullmatch(b) and not qualifier:
            found.update(company=_COMPANY_LEAD.sub("", a, count=1).strip(" ,") or a, role=role(b))
            return Understood(found, ())
    head = value
    job = _JOB.search(value)
    if job and job.start() > 0 and ("," in job.group("sep") or job.group("art") or job.group("suffix")):
        found["role"] = role(job.group("role"))
        head = value[: job.start()]
    elif "," in value:
        first, _, tail = value.partition(",")
        plain_tail = tail.strip() and not _COMPANY_SUFFIX.fullmatch(tail.strip())
        if plain_tail and _PLACE_REMARK.match(tail.strip()) and not _job_words(tail):
            head = first  # "McCabes Pharmacy, the one in Douglas": which branch, not a role
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


_PLACE_REMARK = re.compile(
    r"(?i)^(?:the\s+(?:one|branch|office|site|store|shop|location)\b|(?:in|near|on|off|by|beside|next to)\s|"
    r"(?:the\s+)?(?:[\w'’-]+\s+){1,3}(?:branch|office|site|store|shop|location|campus|outlet|depot)$)"
)  # "the osu branch", "Makati office": which one, not a role
_TRAILING_NOISE = re.compile(r"(?:[\s!?~]|[^\w\s.&)'’\]>+-])+$|\s+(?:po|lol|haha|lah|yaar)$", re.IGNORECASE)


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
    """When the interview was (PAST) or will be (FUTURE): a moment, a day to ask the time of, or candidates."""
    elsewhere = _other_zone(text)
    reading = read_moment(text, ctx.tz, ctx.now, tense=tense, region=ctx.region) if elsewhere is None else None
    if elsewhere is not None:  # "today at 1 pacific (they're in vancouver)": the time on the interviewer's clock
        said, zone = elsewhere
        there = read_moment(said, zone, ctx.now, tense=tense, region=ctx.region)
        reading = there if isinstance(there, Moment) else read_moment(said, ctx.tz, ctx.now, tense=tense)
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


_ZONE_WORD = re.compile(
    r"(?i)^(?:(?:[\w'’-]+\s+)?time|pacific|eastern|central|mountain|atlantic|gmt|utc|bst|cet|cest|eet|wet|est|edt|pst|"
    r"pdt|cst|cdt|mst|mdt|et|pt|ct|mt|aest|aedt|jst|kst|sgt|hkt|sast|wat|eat|cat|nzst|nzdt)$"
)


def _other_zone(text: str) -> tuple[str, str] | None:
    """ "today at 1 pacific (they're in vancouver)", "2pm London time": the time without its zone, and the zone
    (IANA) it was said in; None when the answer names no zone."""
    said = " ".join(re.sub(r"\s*\([^()]*\)\s*", " ", text).split())
    words = said.split()
    for n in (2, 1):
        tail = " ".join(words[-n:]).strip(" .,!")
        if len(words) <= n or not _ZONE_WORD.match(tail) or not re.search(r"\d|noon|midday", " ".join(words[:-n])):
            continue
        try:
            zone = parse_timezone(tail)
        except Invalid:  # "IST": more than one zone; the time is read on the user's clock
            continue
        return " ".join(words[:-n]), zone
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
