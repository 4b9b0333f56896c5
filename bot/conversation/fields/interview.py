"""The interview itself: company and role (also out of a sentence), and when it was or will be."""

from __future__ import annotations

import re
from datetime import date, time

from bot.common.parsing.dates import FUTURE_SLACK, PAST, Ambiguous
from bot.common.parsing.moments import PARTS_OF_DAY, DayOnly, Moment, at_local, read_moment
from bot.common.parsing.text import Invalid, clean_text, shorten
from bot.common.parsing.words import say_date, say_moment
from bot.conversation.fields.spec import Context, Understood

# ---- company and role ------------------------------------------------------------------------


_JOB_SUFFIX = re.compile(r"\s+(?:role|position|job|opening|post|vacancy)$", re.IGNORECASE)
_JOB_LEAD = re.compile(r"^(?:it was |it's |its )?(?:for |as )?(?:the |a |an )?", re.IGNORECASE)
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
    r"(?P<suffix>\s+(?:role|position|job|opening))?$",
    re.IGNORECASE,
)


# "It was for a data engineer role at Toss", "as a PM with Acme": the role first, then the company.
_ROLE_AT = re.compile(
    r"^(?:(?:it|that|this)\s+(?:was|is)\s+|i\s+(?:interviewed|applied)\s+)?(?:for|as)\s+(?:the\s+|a\s+|an\s+)?"
    r"(?P<role>.+?)(?:\s+(?:role|position|job|opening))?\s+(?:at|with)\s+(?P<company>.+)$",
    re.IGNORECASE,
)


def role(text: str) -> str:
    """The job's title: "for the backend engineer role" -> "backend engineer"."""
    value = " ".join(clean_text(text, limit=200, what="role").split()).rstrip(".!")
    bare = _JOB_SUFFIX.sub("", _JOB_LEAD.sub("", value, count=1)).strip()
    return bare or value


def read_interview(text: str) -> Understood:
    """Company and role from an answer to "which company?": "It was with Spotify, for the backend engineer role".

    A plain name ("Acme & <Sons>", "Smith, Jones & Co.", "Made for Humans") is kept as typed.
    """
    value = " ".join(clean_text(text, limit=400, what="company name").split())
    role_first = _ROLE_AT.match(value.rstrip(".!"))
    if role_first and len(role_first["company"]) <= 200:
        found_first = {"company": role_first["company"].strip(" ,"), "role": role(role_first["role"])}
        return Understood(found_first, ())
    found: dict[str, object] = {}
    head = value
    job = _JOB.search(value)
    if job and job.start() > 0 and ("," in job.group("sep") or job.group("art") or job.group("suffix")):
        found["role"] = role(job.group("role"))
        head = value[: job.start()]
    elif "," in value:
        first, _, tail = value.partition(",")
        if tail.strip() and not _COMPANY_SUFFIX.fullmatch(tail.strip()) and "&" not in tail:
            found["role"] = role(tail)
            head = first
    lead = _COMPANY_LEAD.match(head).end()  # every part of it is optional: it always matches
    name = head[lead:]
    if lead or "role" in found:
        name = name.rstrip(".!")  # the end of a sentence, not of "Acme Inc."
    name = name.strip(" ,") or value
    if len(name) > 200:
        raise Invalid("That company name is over 200 characters; please give just the name.")
    found["company"] = name
    return Understood(found, tuple(k for k in ("company", "role") if k not in found))


def company(text: str) -> str:
    """The company's name, also out of a sentence ("It was with Spotify, ...")."""
    return str(read_interview(text).values["company"])


# ---- the interview's time ------------------------------------------------------------------


def when(text: str, ctx: Context, *, tense: str = PAST) -> Moment | DayOnly | Ambiguous:
    """When the interview was (PAST) or will be (FUTURE): a moment, a day to ask the time of, or candidates."""
    reading = read_moment(text, ctx.tz, ctx.now, tense=tense, region=ctx.region)
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


TIME_BUTTONS = (("Morning", "morning"), ("Afternoon", "afternoon"))


def time_of_day(day: date, text: str, ctx: Context, *, tense: str = PAST) -> Moment:
    """The time on a day given alone: a button ("morning", "afternoon") or a typed time ("9:30", "3pm")."""
    key = " ".join(text.casefold().split()).strip(" .!").removeprefix("in the ").removeprefix("at ").strip()
    if key in PARTS_OF_DAY:
        moment = Moment(at_local(day, PARTS_OF_DAY[key], ctx.tz), approximate=True)
    else:
        match = re.fullmatch(r"(\d{1,2})(?:[:.h](\d{2}))?\s*(am|pm)?", key.replace(" ", "") or "x")
        if not match:
            raise Invalid(
                f"What time on {say_date(day, ctx.tz, ctx.now)}? Tap morning or afternoon, or type a time such as "
                "9:30 or 3pm."
            )
        hour, minute = int(match.group(1)), int(match.group(2) or 0)
        if match.group(3) == "pm" and hour < 12:
            hour += 12
        elif match.group(3) == "am" and hour == 12:
            hour = 0
        if hour > 23 or minute > 59:
            raise Invalid(f"“{shorten(text, 20)}” is not a time of day. Type it as 9:30 or 3pm.")
        moment = Moment(at_local(day, time(hour, minute), ctx.tz))
    if tense == PAST and moment.at - ctx.now > FUTURE_SLACK:
        raise Invalid(
            f"{say_moment(moment.at, ctx.tz, ctx.now)} is still ahead. Give an earlier time, e.g. “this morning at 9”."
        )
    return moment
