"""One field layer: every interview field read and checked in one place, for the chat and the forms.

Each reader takes what was typed (and a `Context`: the user's zone, the clock, their country) and
returns a clean value, or raises `Invalid` whose message says what would work, in the tense of the
question. Dates come back as a `DayRange` (a day or a vague span; reminders use its last day) or as
`Ambiguous` candidates to ask about; an interview time as a `Moment`, or `DayOnly` when only the day
was given. Sentences ("We talked to Maria, she's the EM, maria@x.com") come back `Understood`: the
values found and the fields still missing.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import phonenumbers
from nameparser import HumanName

from bot import names
from bot.parsing.contacts import check_email, check_phone, format_phone
from bot.parsing.dates import FUTURE, FUTURE_SLACK, PAST, Ambiguous, DayRange
from bot.parsing.days import find_day, read_day
from bot.parsing.moments import PARTS_OF_DAY, DayOnly, Moment, at_local, read_moment
from bot.parsing.text import Invalid, clean_name, clean_text
from bot.parsing.words import say_date, say_moment, say_range
from bot.parsing.zones import parse_timezone, region_for_zone


@dataclass(frozen=True)
class Context:
    """Who is answering: their zone, the clock, and their country if they set one (else the zone's)."""

    tz: str
    now: datetime
    country: str | None = None

    @property
    def region(self) -> str | None:
        return region_for_zone(self.tz, self.country)

    @property
    def today(self) -> date:
        return self.now.astimezone(ZoneInfo(self.tz)).date()


@dataclass(frozen=True)
class Field:
    """What the chat and the forms need to know about a field besides how to read it."""

    key: str
    label: str
    optional: bool
    limit: int = 2000
    skip_hint: str = ""


FIELDS: dict[str, Field] = {
    f.key: f
    for f in (
        Field("company", "Company", False, 200),
        Field("role", "Role", False, 200),
        Field("when", "When", False, 120),
        Field("person_name", "Name", False, 120),
        Field("person_greeting", "Greeting", True, 120, "tap the greeting I suggest, or /skip"),
        Field("person_role", "Their role", True, 200, "/skip if you don't know it"),
        Field("person_email", "Email", True, 320, "/skip if you don't have it yet"),
        Field("person_phone", "Phone", True, 40, "/skip if you don't have one"),
        Field("open_questions", "Open questions", True, 2000, "/skip if there are none"),
        Field("challenges", "Challenges", True, 2000, "/skip if you can't say"),
        Field("why_me", "Why you", True, 2000, "/skip if you'd rather not say"),
        Field("assessment", "How it went", False, 40),
        Field("clarification", "To clarify", True, 300, "/skip if there's nothing to set right"),
        Field("next_steps", "Next steps", True, 2000, "/skip if they didn't say"),
        Field("decision", "Decision by", True, 200, "tap “Not sure” or /skip"),
        Field("promise", "Promise", True, 300, "tap “Nothing” or /skip"),
        Field("promise_when", "Promise date", True, 200, "tap “No date” or /skip"),
    )
}


def optional(key: str) -> bool:
    return FIELDS[key].optional


def skip_hint(key: str) -> str:
    """How to get past a question without an answer ("" for a required field)."""
    return FIELDS[key].skip_hint


# ---- "no", skipping and typed button labels -------------------------------------------------

_NO_MORE = {
    "no", "nope", "nah", "no thanks", "no thank you", "none", "nothing", "nothing else", "nothing more",
    "not really", "not that i know", "no one", "nobody", "no one else", "nobody else", "that's all",
    "thats all", "that is all", "that's it", "thats it", "that's everyone", "thats everyone", "that is everyone",
    "everyone", "all done", "done", "i'm done", "im done", "no more", "nothing to add", "n/a", "na", "-", "--",
}  # fmt: skip
_SKIP = _NO_MORE | {
    "skip", "dunno", "don't know", "dont know", "i don't know", "i dont know", "idk", "not sure", "no idea",
    "unknown", "can't say", "cant say", "?", "pass", "not yet", "none yet", "don't have it", "dont have it",
    "i don't have it", "i dont have it", "don't have one", "dont have one", "i don't have one", "i dont have one",
    "no email", "no phone", "no number", "didn't get it", "didnt get it", "not given",
}  # fmt: skip


def _plain(text: str) -> str:
    """Lower case, apostrophes unified, punctuation and emoji around words dropped."""
    s = unicodedata.normalize("NFKC", text).casefold().replace("’", "'").replace("‘", "'")
    s = "".join(ch for ch in s if ch.isalnum() or ch in " '/-?" or ch.isspace())
    s = " ".join(s.split()).strip(" '")
    return s if s.strip("-?/") else s.replace(" ", "")


def means_no_more(text: str) -> bool:
    """ "no", "nothing", "nope", "not really", "that's all", "that's everyone"...: the "no more" button."""
    s = _plain(text).removesuffix(" thank you").removesuffix(" thanks").strip(" ,")
    if s in _NO_MORE:
        return True
    # "no, that's everyone", "nope that's all": a "no" in front of another "no more"
    head, _, rest = s.partition(" ")
    return head in {"no", "nope", "nah", "ok", "okay"} and rest.strip() in _NO_MORE


def means_skip(text: str) -> bool:
    """An answer that says there is no answer ("dunno", "-", "not sure"): treat as /skip on optional fields."""
    s = _plain(text)
    return s in _SKIP or (not s and bool(text.strip()))


_YES = {"yes", "yep", "yeah", "yup", "sure", "one more", "another", "another one", "more", "add another", "y"}
_AGREE = {"yes", "yep", "yeah", "yup", "sure", "y", "ok", "okay", "correct", "right", "that's right"}


def means_agree(text: str) -> bool:
    """A bare "yes" / "sure" / "ok": agreement, not an answer with content."""
    return _plain(text) in _AGREE


def match_button(
    text: str, buttons: Sequence[tuple[str, str]], *, no_more: str | None = None, more: str | None = None
) -> str | None:
    """The action of the button whose label was typed (case and punctuation ignored), or None.

    `no_more` names the action of the question's "Nothing" / "That's all" / "That's everyone" button:
    a typed "no" variant taps it. `more` names its "Add another" button: a typed "yes" variant taps it.
    None means the answer is not a button: where the bot offers "Add another" / "That's all", the
    chat takes it as the next item itself ("references by Monday").
    """
    typed = _plain(text)
    if not typed:
        return None
    for label, action in buttons:
        if _plain(label) == typed:
            return action
    if no_more is not None and means_no_more(text):
        return no_more
    if more is not None and typed in _YES:
        return more
    if typed in _AGREE:  # "yes" to a question whose one button starts with "Yes" ("Yes, by Friday 11 December")
        yes = [action for label, action in buttons if _plain(label).split(" ", 1)[0] == "yes"]
        if len(yes) == 1:
            return yes[0]
    return None


# ---- company and role ------------------------------------------------------------------------


@dataclass(frozen=True)
class Understood:
    """What a sentence plainly said (field -> value) and which of the wanted fields it did not say."""

    values: dict[str, object] = field(default_factory=dict)
    missing: tuple[str, ...] = ()


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
            raise Invalid(f"“{text.strip()[:20]}” is not a time of day. Type it as 9:30 or 3pm.")
        moment = Moment(at_local(day, time(hour, minute), ctx.tz))
    if tense == PAST and moment.at - ctx.now > FUTURE_SLACK:
        raise Invalid(
            f"{say_moment(moment.at, ctx.tz, ctx.now)} is still ahead. Give an earlier time, e.g. “this morning at 9”."
        )
    return moment


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


def say_day(reading: DayRange, ctx: Context) -> str:
    """A day understood, in words: "Friday 11 December", or the span of a vague answer."""
    return say_range(reading, ctx.tz, ctx.now)


def noted_day(reading: DayRange, ctx: Context) -> str:
    """What the chat says back right away: "Noted: by Friday 11 December." (a span says which day counts)."""
    if reading.exact:
        return f"Noted: by {say_date(reading.latest, ctx.tz, ctx.now)}."
    return (
        f"Noted: {say_range(reading, ctx.tz, ctx.now)}; I'll count from {say_date(reading.latest, ctx.tz, ctx.now)}, "
        "the last day."
    )


def which_one(reading: Ambiguous, ctx: Context) -> str:
    """The question for an ambiguous day: "Do you mean Friday 27 November or Friday 4 December?"."""
    options = " or ".join(say_range(c, ctx.tz, ctx.now) for c in reading.candidates)
    return f"“{reading.typed[:60]}”: do you mean {options}?"


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
    """A promise: what, and the day found in the same sentence ("two references by Friday") if any."""

    what: str
    due: DayRange | Ambiguous | None = None


def promise(text: str, ctx: Context) -> PromiseItem | None:
    """A promised item; None when the answer means "nothing" (the question's "Nothing" button)."""
    if means_no_more(text):
        return None
    value = clean_text(text, limit=300, what="description")
    inside = find_day(value, ctx.tz, ctx.now, tense=FUTURE, region=ctx.region)
    if inside is not None and inside[1]:
        due = _ahead(inside[0], ctx)
        if due is not None:
            return PromiseItem(inside[1], due)
    return PromiseItem(value)


def _ahead(reading: DayRange | Ambiguous, ctx: Context) -> DayRange | Ambiguous | None:
    candidates = reading.candidates if isinstance(reading, Ambiguous) else (reading,)
    ahead = tuple(c for c in candidates if c.latest >= ctx.today)
    if not ahead:
        return None
    return ahead[0] if len(ahead) == 1 else Ambiguous(getattr(reading, "typed", ""), ahead)


def promise_when(text: str, ctx: Context) -> DayRange | Ambiguous | None:
    """By when a promise is due; None for "no date" and its variants."""
    if means_skip(text) or _plain(text) in {"no date", "none given", "no deadline", "whenever"}:
        return None
    return day(text, ctx)


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
    inside = find_day(value, ctx.tz, ctx.now, tense=FUTURE, region=ctx.region)
    offered = None
    if inside is not None and re.search(
        r"\b(?:decid|decision|hear back|get back|let me know|answer|feedback)", value, re.I
    ):
        offered = _ahead(inside[0], ctx)
    return NextSteps(value, offered)


# ---- notes -------------------------------------------------------------------------------------


def note(key: str, text: str) -> str | None:
    """A free-text answer (open questions, challenges, why you, clarification); None when skipped."""
    spec = FIELDS[key]
    if spec.optional and means_skip(text):
        return None
    value = clean_text(text, limit=spec.limit, what="answer" if spec.limit > 300 else "line")
    return " ".join(value.split()) if spec.limit <= 300 else value


def clarification(text: str) -> str | None:
    return note("clarification", text)


_ASSESSMENTS = {
    "well": {"went well", "well", "good", "great", "very well", "really well", "fine", "ok", "okay", "positive"},
    "mixed": {"mixed", "so so", "so-so", "average", "not sure", "okay-ish", "could be better", "partly"},
    "rough": {"rough", "bad", "badly", "not well", "not good", "terrible", "awful", "poor", "poorly", "not great"},
}


def assessment(text: str) -> str:
    """How it went: "well", "mixed" or "rough" (the buttons' words and their everyday variants)."""
    typed = _plain(text)
    for value, words in _ASSESSMENTS.items():
        if typed in words or typed.removeprefix("it went ").removeprefix("it was ") in words:
            return value
    raise Invalid("Choose went well, mixed or rough.")


# ---- people ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Name:
    """A person's name as stored, how to greet them, other fair greetings, and whether to ask which."""

    name: str
    greeting: str
    options: tuple[str, ...] = ()
    confirm: bool = False


_OWN_NAME_LEAD = re.compile(
    r"^(?:hi|hello|hey)?[,!]?\s*(?:i'm|i am|im|my name is|my name's|it's|its|this is|call me|name:?)\s+", re.IGNORECASE
)
_ROLE_WORDS = re.compile(
    r"\b(?:manager|lead|leader|engineer|developer|recruiter|director|head|vp|cto|ceo|cfo|coo|founder|hr|em|hm|pm|tl|"
    r"designer|scientist|analyst|architect|partner|talent|people|officer|president|owner|consultant|staff|"
    r"principal|senior|junior|intern|coordinator|specialist|product|sales|marketing|team|tech|hiring|sourcer)\b",
    re.IGNORECASE,
)


def _last_first(text: str) -> str:
    """ "Doe, Jane" -> "Jane Doe" (two name parts, the second not a job title)."""
    head, comma, tail = text.partition(",")
    plain = comma and head.strip() and tail.strip() and "," not in tail and not _ROLE_WORDS.search(tail)
    if plain and len(tail.split()) <= 2 and len(head.split()) <= 3 and tail.strip()[0].isupper():
        return f"{tail.strip()} {head.strip()}"
    return text


def proper_case(name: str) -> str:
    """A name typed all in lowercase gets its capitals ("tom baker" -> "Tom Baker", "ian mcdonald" ->
    "Ian McDonald", with nameparser's rules); a name typed with any capital is kept as typed."""
    if name != name.lower() or not any(ch.isalpha() for ch in name):
        return name
    parsed = HumanName(name)
    parsed.capitalize(force=True)
    capitalised = " ".join(str(parsed).split())
    # nameparser may reorder or drop parts it does not recognise; then only the first letters change.
    if capitalised.casefold().split() != name.casefold().split():
        return " ".join(part[:1].upper() + part[1:] for part in name.split())
    return capitalised


def own_name(text: str) -> str:
    """The user's own name for signatures: "I'm Camille Dubois" -> "Camille Dubois"."""
    value = _OWN_NAME_LEAD.sub("", text.strip()).strip(" .!")
    return proper_case(clean_name(_last_first(value) or text))


def person_name(text: str) -> Name:
    """An interviewer's name and how to greet them; `confirm` when the greeting is a guess."""
    raw = text.strip()
    if "@" in raw:
        raise Invalid("That looks like an email address; what is the person's name? (I'll ask for the email next.)")
    if sum(ch.isdigit() for ch in raw) >= 5:
        raise Invalid("That looks like a phone number; what is the person's name? (I'll ask for the number later.)")
    name = proper_case(clean_name(_last_first(raw), what="name"))
    proposed = names.propose_greeting(name)  # the drafts' own rule: one place decides how to greet
    return Name(name, proposed.likely, proposed.options, proposed.confirm)


def greeting(text: str) -> str:
    """A greeting chosen or typed by the user ("Dr. Müller", "Zhang Wei")."""
    return clean_name(text, what="greeting")


_ROLE_ABBREVIATIONS = {
    "em": "engineering manager", "hm": "hiring manager", "pm": "product manager", "tl": "tech lead",
    "swe": "software engineer", "sre": "site reliability engineer", "ta": "talent acquisition",
    "eng manager": "engineering manager", "hr": "HR", "cto": "CTO", "ceo": "CEO", "vp": "VP",
}  # fmt: skip


def person_role(text: str) -> str | None:
    """An interviewer's role ("the EM" -> "engineering manager"); None when skipped ("dunno", "not sure")."""
    if means_skip(text):
        return None
    value = " ".join(clean_text(text, limit=200, what="role").split()).strip(" .!")
    value = re.sub(r"^(?:(?:she|he|they)(?:'s| is| are)\s+)?(?:the|a|an|our|their)\s+", "", value, flags=re.I)
    return _ROLE_ABBREVIATIONS.get(value.lower(), value)


_EMAIL = re.compile(r"[^\s,;:<>()\"']+@[^\s,;:<>()\"']+")


def email(text: str) -> str:
    """An email address, also out of a sentence ("her email is maria@x.com")."""
    found = _EMAIL.findall(text)
    if len(found) == 1:
        return check_email(found[0].rstrip("."))
    if len(found) > 1:
        raise Invalid("That has more than one email address; give me one, for this person.")
    return check_email(text)


def phone(text: str, ctx: Context) -> str:
    """A phone number read for the user's country (07911 123456 in London), stored in E.164."""
    region = ctx.region
    matches = list(phonenumbers.PhoneNumberMatcher(text, region or "ZZ"))
    if len(matches) == 1 and matches[0].raw_string.strip() != text.strip():
        return check_phone(matches[0].raw_string, region)
    try:
        return check_phone(text, region)
    except Invalid:
        if region is None and not text.strip().startswith("+"):
            raise Invalid(
                f"I can't tell which country “{text.strip()[:40]}” is in: please add the country code "
                "(e.g. +44 7911 123456), set your country in /settings, or /skip."
            ) from None
        raise


_PERSON_CLAUSES = (
    # "she's the EM", "he is a recruiter", "who's the hiring manager"
    re.compile(
        r"(?:^|,|\band\b|\bwho)\s*(?:she|he|they|who)(?:'s|’s| is| are| was)\s+(?:the\s+|a\s+|an\s+|our\s+|their\s+)?"
        r"(?P<role>[^,.;]+)",
        re.I,
    ),
    re.compile(r"(?:her|his|their)\s+role\s+is\s+(?:the\s+|a\s+|an\s+)?(?P<role>[^,.;]+)", re.I),
)
_NAME_LEADS = re.compile(
    r"(?:talked|spoke|met|chatted|interviewed)\s+(?:to|with)?\s*|(?:was|were)\s+with\s+|"
    r"(?:her|his|their)\s+name\s+is\s+|(?:it\s+was|this\s+is|i'm|i am)\s+|^with\s+",
    re.I,
)
_FILLER = re.compile(
    r"\b(?:her|his|their)\s+(?:email|e-mail|mail|address|phone|number|mobile)(?:\s+(?:is|was))?\b", re.I
)


def read_person(text: str, ctx: Context) -> Understood:
    """Name, role, email and phone from one answer, when plainly there; what is missing is listed.

    Both "We talked to Maria, she's the EM, maria@x.com" and "Jane Doe, Hiring manager, jane@x.com" work.
    """
    rest = " ".join(clean_text(text, limit=600, what="answer").split())
    values: dict[str, object] = {}
    mails = _EMAIL.findall(rest)
    if mails:
        values["person_email"] = email(mails[0])
        rest = rest.replace(mails[0], " ")
    numbers = list(phonenumbers.PhoneNumberMatcher(rest, ctx.region or "ZZ"))
    if numbers:
        values["person_phone"] = check_phone(numbers[0].raw_string, ctx.region)
        rest = rest.replace(numbers[0].raw_string, " ")
    rest = _FILLER.sub(" ", rest)
    for clause in _PERSON_CLAUSES:
        found = clause.search(rest)
        if found:
            values["person_role"] = person_role(found.group("role").strip())
            rest = rest[: found.start()] + " " + rest[found.end() :]
            break
    parts = [p.strip(" .;:-") for p in re.split(r"[,;]", rest) if p.strip(" .;:-")]
    lead = _NAME_LEADS.search(parts[0]) if parts else None
    if lead:
        parts[0] = parts[0][lead.end() :].strip()
    if len(parts) == 2 and "person_role" not in values and _last_first(", ".join(parts)) != ", ".join(parts):
        parts = [_last_first(", ".join(parts))]
    for part in parts:
        if "person_name" not in values and _looks_like_name(part):
            values["person_name"] = person_name(part)
        elif "person_role" not in values and part:
            values["person_role"] = person_role(part)
    wanted = ("person_name", "person_role", "person_email", "person_phone")
    return Understood(values, tuple(k for k in wanted if k not in values))


def say_understood(understood: Understood) -> str:
    """What was taken from a sentence, in words ("Maria, engineering manager, maria@x.com"), for the chat to confirm."""
    shown = []
    for key in ("company", "role", "person_name", "person_role", "person_email", "person_phone"):
        value = understood.values.get(key)
        if value is None:
            continue
        if isinstance(value, Name):
            value = value.name
        if key == "person_phone":
            value = format_phone(str(value))
        shown.append(str(value))
    return ", ".join(shown)


def _looks_like_name(part: str) -> bool:
    words = part.split()
    if not words or len(words) > 5 or _ROLE_WORDS.search(part):
        return False
    return all(
        w[0].isupper()
        or not w[0].isascii()
        or w.lower() in {"van", "de", "der", "da", "di", "von", "le", "la", "bin", "al"}
        for w in words
    )


# ---- time zone ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Zone:
    """An IANA zone and how to show it: "UTC+9" for Etc/GMT-9, the zone's own name otherwise."""

    iana: str
    label: str


def zone_label(iana: str) -> str:
    """How to show a stored zone: Etc/GMT-9 (whose POSIX sign is inverted) as "UTC+9"."""
    match = re.fullmatch(r"Etc/GMT([+-])(\d{1,2})", iana)
    if match:
        return f"UTC{'-' if match.group(1) == '+' else '+'}{int(match.group(2))}"
    return iana


def zone(text: str) -> Zone:
    """A city, a zone or an offset, with the label to confirm it by (the offset as typed: "UTC+5:30")."""
    iana = parse_timezone(text)
    offset = re.fullmatch(r"(?:(utc|gmt))?([+-])(\d{1,2})(?::?(\d{2}))?", "".join(text.lower().split()))
    if offset and iana != "UTC":
        minutes = f":{offset.group(4)}" if offset.group(4) and offset.group(4) != "00" else ""
        return Zone(iana, f"{(offset.group(1) or 'utc').upper()}{offset.group(2)}{int(offset.group(3))}{minutes}")
    return Zone(iana, zone_label(iana))


# ---- country -----------------------------------------------------------------------------------

_COUNTRY_ALIASES = {"uk": "GB", "england": "GB", "scotland": "GB", "wales": "GB", "britain": "GB", "usa": "US",
                    "america": "US", "united states of america": "US", "holland": "NL", "uae": "AE"}  # fmt: skip


def country(text: str) -> str:
    """A country for reading phone numbers and dates, by name or code: "Spain", "ES", "UK" -> "ES", "ES", "GB"."""
    from babel import Locale

    typed = _plain(text).replace("the ", "", 1) if _plain(text).startswith("the ") else _plain(text)
    if typed.upper() in phonenumbers.SUPPORTED_REGIONS and len(typed) == 2:
        return typed.upper()
    if typed in _COUNTRY_ALIASES:
        return _COUNTRY_ALIASES[typed]
    for code, name in Locale("en").territories.items():
        if len(code) == 2 and _plain(name) == typed and code in phonenumbers.SUPPORTED_REGIONS:
            return code
    raise Invalid(f"I don't know the country “{text.strip()[:40]}”. Type its name (Spain) or its code (ES).")


def country_name(code: str | None) -> str:
    from babel import Locale

    return Locale("en").territories.get(code or "", code or "unknown")
