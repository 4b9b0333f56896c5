"""Reading a moment: a day and a time of day (`read_moment`, `parse_moment`)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

from bot.common.parsing.dates import FUTURE, PAST, Ambiguous, _normalise, _one, date_order
from bot.common.parsing.day_rules import _read_day_phrase
from bot.common.parsing.days import _dateparser
from bot.common.parsing.text import Invalid, shorten
from bot.common.parsing.words import raw_day, say_date
from bot.common.parsing.zones import region_for_zone

# ---- moments (a day and a time of day) --------------------------------------------------------

_JUST_NOW = {
    "just now",
    "now",
    "right now",
    "a moment ago",
    "just",
    "moments ago",
    "just finished",
    "a minute ago",
    "just got out",
    "just out",
    "just came out",
    "just left",
    "just ended",
    "just done",
    "just finished it",
}
# A part of the day alone stands for a usual time in it, the same as the chat's buttons give.
PARTS_OF_DAY = {"morning": time(10), "lunchtime": time(12, 30), "noon": time(12), "midday": time(12),
                "afternoon": time(15), "evening": time(19), "tonight": time(19), "night": time(20),
                "dinnertime": time(13)}  # fmt: skip
_TIME = re.compile(
    r"(?:\b(?:at|@|around|about|by|roughly|approximately|circa)\s*)?"
    r"(?:(?<![\d/.-])\b(?P<h>\d{1,2})(?:[:.h](?P<m>\d{2}))(?![\d/.-]\d)\s*(?P<ap>am|pm|a\.m\.|p\.m\.)?"
    r"|\b(?P<h2>\d{1,2})\s*(?P<ap2>am|pm|a\.m\.|p\.m\.|o'?clock|h)(?:\s*-?ish)?\b"
    r"|\b(?:at|@|around|about|roughly|approximately|circa|~)\s*(?P<h3>\d{1,2})(?:\s*-?ish)?\b(?![/.:-]\d))",
    re.IGNORECASE,
)
_PART = re.compile(
    r"\b(?:(?P<mod>early|late|mid)[- ]?(?:ish)?\s+)?(?:in\s+(?:the\s+)?)?(?P<part>morning|lunchtime|noon|midday|afternoon|"
    r"evening|tonight|night|dinnertime)\b",
    re.IGNORECASE,
)
# "late-ish", "early on", said apart from the part of the day ("this afternoon, late-ish").
_PART_MOD = re.compile(r"\b(early|late)(?:[- ]?ish)?(?:\s+on)?\b", re.IGNORECASE)
# Parts of the day asked about with buttons: (usual time, the hours offered); "late afternoon" offers later ones.
PART_HOURS = {
    # "dinner time": midday in much of the UK and Ireland, the evening elsewhere; the hours say which
    "dinnertime": (time(13), (12, 13, 17, 18, 19)),
    "morning": (time(10), (8, 9, 10, 11)), "early morning": (time(8), (7, 8, 9)),
    "late morning": (time(11), (10, 11, 12)), "mid morning": (time(10), (9, 10, 11)),
    "afternoon": (time(15), (13, 14, 15, 16, 17)), "early afternoon": (time(13), (12, 13, 14)),
    "late afternoon": (time(17), (16, 17, 18)), "mid afternoon": (time(15), (14, 15, 16)),
    "evening": (time(19), (17, 18, 19, 20)), "early evening": (time(18), (17, 18, 19)),
    "late evening": (time(21), (20, 21, 22)), "night": (time(20), (19, 20, 21, 22)),
    "tonight": (time(19), (17, 18, 19, 20)),
}  # fmt: skip
_NUMBERS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12,
}  # fmt: skip
_NUM = r"(\d{1,2}|" + "|".join(_NUMBERS) + r")"


def _hour(word: str) -> int:
    return int(word) if word.isdigit() else _NUMBERS[word]


_GERMAN = re.compile(r"\b(?:heute|gestern|vorgestern|gegen|halb|viertel|uhr|nachmittags?|vormittags?|morgens|abends)\b")


# Swahili time ("leo saa nane mchana": today at 2 pm) counts the hours from 6 o'clock, dawn and dusk.
_SWAHILI = re.compile(r"\bsaa\s+(?:moja|mbili|tatu|nne|tano|sita|saba|nane|tisa|kumi|\d{1,2})\b")
_SWAHILI_HOURS = {"moja": 1, "mbili": 2, "tatu": 3, "nne": 4, "tano": 5, "sita": 6, "saba": 7, "nane": 8,
                  "tisa": 9, "kumi": 10, "kumi na moja": 11, "kumi na mbili": 12}  # fmt: skip
_SWAHILI_WORDS = (("leo", "today"), ("jana", "yesterday"), ("asubuhi", "morning"), ("mchana", "afternoon"),
                  ("jioni", "evening"), ("usiku", "night"), ("na nusu", ":30"), ("kasorobo", ""))  # fmt: skip


def _swahili(s: str) -> str:
    def hour(m: re.Match[str]) -> str:
        said = m[1]
        n = int(said) if said.isdigit() else _SWAHILI_HOURS[said]
        return f"at {(n + 5) % 12 + 1}" + (":30" if m[2] else "")

    s = re.sub(r"\bsaa\s+(kumi na (?:moja|mbili)|moja|mbili|tatu|nne|tano|sita|saba|nane|tisa|kumi|\d{1,2})"
               r"(\s+na\s+nusu)?\b", hour, s)  # fmt: skip
    for word, english in _SWAHILI_WORDS:
        s = re.sub(rf"\b{word}\b", english, s)
    return s


_OTHER_DAY_WORDS = (
    (
        r"ce matin|stamattina|vanochtend|dziś rano|dzisiaj rano|tadi pagi|pagi ini|bu sabah|azi dimineață|azi dimineata|"
        r"ma délelőtt|ma delelott|ma reggel|pagi tadi",
        "this morning",
    ),
    (
        r"cet après-midi|cet apres-midi|cet aprem|oggi pomeriggio|vanmiddag|siang ini|sore ini|bu öğleden sonra|"
        r"tadi siang|siang tadi|tadi sore|sore tadi|petang tadi|tadi petang|"
        r"bugün öğleden sonra|azi după-amiază|azi dupa-amiaza|ma délután|ma delutan",
        "this afternoon",
    ),
    (r"ce soir|stasera|vanavond|malam ini|bu akşam|bu aksam|diseară|diseara|ma este", "this evening"),
    (r"aujourd'hui|aujourdhui|oggi|dzisiaj|dziś|dzis|vandaag|hari ini|bugün|bugun|astăzi|astazi|azi", "today"),
    (r"hier|ieri|wczoraj|gisteren|kemarin|kemaren|dün|tegnap", "yesterday"),
    (r"tadi", "today"),  # Indonesian/Malay "tadi jam 10": earlier today
)
# Indonesian/Malay parts of the day after "yesterday" ("kemarin sore"): the afternoon, morning, evening
_MALAY_PARTS = (("siang|sore|petang", "afternoon"), ("pagi", "morning"), ("malam", "evening"))


def spoken_times(s: str) -> str:
    """Times said in words, as digits: "half past three" -> "3:30pm", "quarter to 11" -> "10:45", "two thirty"
    -> "2:30pm", "11 this morning" -> "at 11 this morning". An hour from 1 to 7 without am/pm or a part of the day
    is in the afternoon, as everywhere else for an interview."""
    s = s.lower().replace("o'clock", "oclock")
    # hedges said around a time: "about 3 or so", "like 11 maybe", "3ish i think" (the time said is kept)
    s = re.sub(r"(?<![\d:.])\b(\d{1,2})\s+(?:or so|or thereabouts|give or take)\b", r"around \1", s)
    s = re.sub(r"[\s,]*\b(?:maybe|probably|prob|i think|i guess|i reckon|or so|give or take)\b(?=[\s,]|$)", " ", s)
    s = re.sub(
        r"\b(?:about|around|roughly|approximately|approx|circa|bout|abt)\s+(?=\d{1,2}\b(?![/.:-]\d)"
        r"(?!\s*(?:mins?|minutes?|hrs?|hours?|h\b|days?|weeks?|secs?|seconds?)))",
        "at ",
        s.strip(),
    )
    # "first thing this morning": the start of the working day
    s = re.sub(r"\bfirst\s+thing(?:\s+(?:in\s+the|this)\s+morning)?\b", "early morning", s)
    s = re.sub(r"^(?:like|about|maybe|um+|uh+)\s+|\s+(?:lol|haha|ish|or so|i think|i guess)$", "", s)
    s = re.sub(r"^(?:bout|abt|approx|around)\s+", "", s)  # "bout 20 mins ago"
    s = re.sub(r"\bkanina(?:\s+lang)?(?:\s+po)?\b", "today", s)  # Tagalog: "just earlier today"
    s = re.sub(r"\b(?:mga|bandang|mga bandang)\s+(?=\d)", "around ", s)  # Tagalog "mga 4pm": around 4pm
    s = re.sub(r"(?<![\d:.])\b(\d{1,2})\s*-?ish\b", r"around \1", s)  # "this arvo 2ish"
    # "1400 today", "at 1230", "0930 hrs": a clock written without its colon (never a year: a word says it is a time)
    s = re.sub(r"\b(at|@|around|about|by|like)\s+([01]?\d|2[0-3])([0-5]\d)\b(?![/.-]\d)", r"\1 \2:\3", s)
    s = re.sub(r"\b([01]\d|2[0-3])([0-5]\d)\s*(?:hrs|hours|h)\b|\b([01]\d|2[0-3])([0-5]\d)(?=\s+(?:today|yesterday|this))",
               lambda m: f"{m[1] or m[3]}:{m[2] or m[4]}", s)  # fmt: skip
    s = re.sub(r"\ba\s+couple(?:\s+of)?\s+(?=(?:hours?|hrs?|mins?|minutes)\b)", "2 ", s)  # "a couple hours ago"
    s = re.sub(r"\ba\s+few\s+(?=(?:hours?|hrs?)\b)", "3 ", s)
    if _SWAHILI.search(s):
        s = _swahili(s)
    s = re.sub(r"\b(\d{1,2})\s*uhr\b", r"\1:00", s)  # German "16 Uhr": 16 o'clock
    if _GERMAN.search(s):  # "heute so gegen halb 3": German "halb 3" is half past TWO, "viertel vor 4" 3:45
        s = re.sub(r"\bhalb\s+(\d{1,2})\b", lambda m: f"at {(int(m[1]) - 2) % 12 + 1}:30", s)
        s = re.sub(r"\bviertel\s+nach\s+(\d{1,2})\b", lambda m: f"at {int(m[1])}:15", s)
        s = re.sub(r"\bviertel\s+vor\s+(\d{1,2})\b", lambda m: f"at {(int(m[1]) - 2) % 12 + 1}:45", s)
        s = re.sub(r"\b(?:so\s+)?(?:gegen|um|ca\.?|etwa)\s+(?:at\s+)?(?=\d)", "at ", s)  # "heute um 10"
        s = re.sub(r"\bheute\b", "today", s)
        s = re.sub(r"\bgestern\b", "yesterday", s)
        s = re.sub(r"\bvorgestern\b", "2 days ago", s)
        s = re.sub(r"\b(?:so|ungefähr)\b", "", s)
        s = re.sub(
            r"\b(\d{1,2}:\d{2})\b(?!\s*(?:am|pm))",
            lambda m: m[1] + ("pm" if 1 <= int(m[1].split(":")[0]) <= 7 else ""),
            s,
        )
    s = re.sub(r"\b(\d{1,2}[:.]\d{2})\s*(?:-|–|to|until|till)\s*\d{1,2}[:.]\d{2}\b", r"\1", s)  # a span: its start
    s = re.sub(r"\b(\d{1,2})\s*(?:-|–|to)\s*\d{1,2}\s*(am|pm)\b", r"\1\2", s)  # "1-2pm"
    s = re.sub(
        r"[\s,]+(?:(?:like|about|around|at around|at about|approx|roughly|by)\s+)+(?=\d)", " at ", s
    )  # "night like 7pm"
    s = re.sub(r"\b(?:yday|yest|ytd|yda)\b", "yesterday", s)
    s = re.sub(r"\b(?:tmrw|tmr|tmw|tmrow)\b", "tomorrow", s)
    s = re.sub(r"\b(?:arvo)\b", "afternoon", s)
    # "just before lunch", "straight after lunch": the end of the morning, the start of the afternoon
    s = re.sub(
        r"\b(?:just|right|straight|shortly|soon|a bit|a little|bit)\s+before\s+lunch(?:\s*-?\s*time)?\b",
        "late morning",
        s,
    )
    s = re.sub(
        r"\b(?:just|right|straight|shortly|soon|a bit|a little|bit)\s+after\s+lunch(?:\s*-?\s*time)?\b",
        "early afternoon",
        s,
    )
    # "a bit after 2", "just before 10", "shortly after 9am": about that hour (dateparser would read a month's day)
    s = re.sub(
        r"\b(?:just|right|shortly|soon|a bit|a little|bit|little|slightly|not long)\s+(?:after|past|before)\s+(?=\d{1,2}\b(?![/.-]\d))",
        "at ",
        s,
    )
    s = re.sub(r"\b(?:dinner|tea)\s*-?time\b|\b(?:at|over|around)\s+(?:dinner|tea)\b", "dinnertime", s)
    s = re.sub(r"\blunch\s*-?time\b|\b(?:at|over|around)\s+lunch\b", "lunchtime", s)
    # after lunch, and the day's prayers many people tell the time by: "today after dhuhr", "after maghrib"
    s = re.sub(r"\b(?:after|post)\s+(?:lunch|dhuhr|zuhr|duhr|zohr|asr)\b", "afternoon", s)
    s = re.sub(r"\bbefore\s+(?:lunch|dhuhr|zuhr|duhr|zohr)\b|\bafter\s+fajr\b", "morning", s)
    s = re.sub(r"\blunch\s*-?\s*ish\b", "lunch", s)  # "lunch-ish"
    s = re.sub(
        r"(?<!-)\blunch\b(?!\s*-?\s*(?:time|with|meeting|break))", "lunchtime", s
    )  # "around lunch", "lunch today"
    s = re.sub(r"\bafter\s+maghrib\b|\bbefore\s+isha\b", "evening", s)
    s = re.sub(r"\bafter\s+isha\b", "night", s)
    s = re.sub(r"\b(?:hj|hoje|hoy)\b", "today", s)  # Portuguese and Spanish shorthand people mix in
    # French, Italian, Polish, Dutch and Indonesian: "ce matin à 9h30", "dzisiaj o 10", "stamattina alle 11"
    for said, english in _OTHER_DAY_WORDS:
        s = re.sub(rf"(?<!\w){said}(?!\w)", english, s)
    for said, english in _MALAY_PARTS:
        s = re.sub(rf"\b(today|yesterday)\s+(?:{said})\b|\b(?:{said})\s+(today|yesterday)\b", rf"\1\2 {english}", s)
    s = re.sub(r"\b(?:jam|pukul)\s+(\d{1,2})\s*-?an\b", r"around \1", s)  # "jam 1an": about one o'clock
    # Hungarian: "10-kor", "14:30-kor" ("at"), and "ma" ("today") before a time
    s = re.sub(r"\b(\d{1,2}(?:[:.]\d{2})?)\s*-?\s*kor\b", r"at \1", s)
    s = re.sub(r"^ma\s+(?=at\s+\d)", "today ", s)
    s = re.sub(r"(?<!\w)(?:délelőtt|delelott|reggel)(?!\w)", "morning", s)
    s = re.sub(r"(?<!\w)(?:délután|delutan)(?!\w)", "afternoon", s)
    # "about" before an hour in other languages: "como a las 10", "vers 14h", "verso le 13", "sekitar jam 2"
    s = re.sub(
        r"(?<!\w)(?:como|a eso de|hacia|vers|verso|verso le|sekitar|kira-kira|kurang lebih|cerca de|por volta d[ao]s?|"
        r"lá pelas|la pelas|tipo|yaklaşık|około|okolo|rond|omstreeks)\s+(?:(?:a las|a la|las|às|as|le|jam|pukul|o)\s+)?(?=\d)",
        "around ",
        s,
    )
    s = re.sub(r"(?<!\w)de la (?:mañana|manana)\b", "morning", s)
    s = re.sub(r"(?<!\w)de la (?:tarde)\b", "afternoon", s)
    # Turkish: "14.00'te", "saat 2'de": the case ending on a time, and "saat" ("o'clock") before the hour
    s = re.sub(r"(\d)'?(?:te|ta|de|da|den|dan|ten|tan)\b", r"\1", s)
    s = re.sub(r"(?<!\w)saat\s+(?=\d)", "at ", s)
    s = re.sub(  # "à 9h30", "o 10", "alle 11": "at", before an hour only ("a 30 min call" stays)
        r"(?<!\w)(?:à|a|la|alle|om|o|pukul|jam|kl\.?|klo)\s+(?=\d{1,2}(?:[:h.]\d{2}|\s*(?:h|am|pm|uhr)\b|\s*$|\s+(?:this|today|yesterday)))",
        "at ",
        s,
    )
    s = re.sub(r"\b(?:às|as|a las|um)\s+(?=\d)", "at ", s)
    s = re.sub(r"\b(\w+day|mon|tues?|weds?|thu|thur|thurs|fri|sat|sun) just gone\b", r"last \1", s)
    partly = bool(re.search(r"\b(?:morning|afternoon|evening|night|tonight|am|pm|a\.m\.|p\.m\.)\b", s))

    def clock(hour: int, minute: int) -> str:
        pm = not partly and 1 <= hour <= 7
        return f"{hour}:{minute:02d}{'pm' if pm else ''}"

    s = re.sub(rf"\bhalf\s+past\s+{_NUM}\b", lambda m: clock(_hour(m[1]), 30), s)
    s = re.sub(rf"\bquarter\s+past\s+{_NUM}\b", lambda m: clock(_hour(m[1]), 15), s)
    s = re.sub(rf"\bquarter\s+to\s+{_NUM}\b", lambda m: clock((_hour(m[1]) - 2) % 12 + 1, 45), s)
    s = re.sub(rf"\b(?:at\s+)?half\s+{_NUM}\b", lambda m: clock(_hour(m[1]), 30), s)  # British "half three"
    s = re.sub(
        rf"\b{_NUM}\s+(thirty|fifteen|forty[- ]?five|o\s?five|ten|twenty|fifty)\b(?!\s+(?:minutes|mins|hours|days))",
        lambda m: clock(
            _hour(m[1]),
            {"thirty": 30, "fifteen": 15, "ten": 10, "twenty": 20, "fifty": 50}.get(
                m[2], 45 if "five" in m[2] and "o" not in m[2][:1] else 5
            ),
        ),
        s,
    )
    s = re.sub(
        rf"\b{_NUM}\s*(am|pm|oclock)\b",
        lambda m: f"{_hour(m[1])}{'' if m[2] == 'oclock' else m[2]}" + (" oclock" if m[2] == "oclock" else ""),
        s,
    )
    s = re.sub(rf"\b(?:at|around|about)\s+({'|'.join(_NUMBERS)})\b", lambda m: f"at {_NUMBERS[m[1]]}", s)
    # "11 this morning", "3 in the afternoon", "2 yesterday afternoon": an hour standing next to a part of the day
    s = re.sub(
        rf"(?<![\d/.:@-])(?<!at )(?<!around )(?<!about )\b{_NUM}(?![\d/.:-])\s+(?=(?:(?:this|in|the|yesterday|today|on\s+\w+|\w+day)\s+)*"
        r"(?:morning|afternoon|evening|night)\b)",
        lambda m: f"at {_hour(m[1])} ",
        s,
    )
    s = re.sub(r"\bearlier\s+(?=today|this\b)|\bearlier\s*$|^earlier(?:\s+today)?,\s*", "", s)
    s = re.sub(r"(?<=\d)(am|pm)?\s*-?\s*ish\b", r"\1", s)  # "half three-ish" ("3:30-ish"): the time itself
    # How long it lasted is no time of day: "a 30 min call at 2pm", "45-minute interview", "1 hr chat this morning"
    s = re.sub(
        r"\b(?:a|an|the|my)?\s*(?:\d{1,3}|half an?|an?)\s*-?\s*(?:mins?|minutes?|hrs?|hours?)(?:\s*-?\s*long)?\s+"
        r"(?=(?:\w+\s+)?(?:call|interview|chat|meeting|zoom|teams|video|session|slot|panel|screen|conversation)\b)",
        " ",
        s,
    )
    return " ".join(s.split())


@dataclass(frozen=True)
class Moment:
    """A point in time (aware, UTC); `approximate` when only a part of the day was given."""

    at: datetime
    approximate: bool = False


@dataclass(frozen=True)
class DayOnly:
    """A day without a time ("yesterday"), or with only a part of it ("yesterday afternoon", `part`): the chat
    asks for the time, with buttons (morning / afternoon, or the hours of that part)."""

    day: date
    part: str | None = None

    @property
    def usual(self) -> time | None:
        """The usual time in the part of the day given, for a form that cannot ask."""
        return PART_HOURS[self.part][0] if self.part in PART_HOURS else None


# The interview itself named beside its time ("today, a 30 min call at 2pm", "zoom interview this morning at 10").
_EVENT = re.compile(
    r"(?:\b(?:a|an|the|my)\s+)?(?:\b(?:phone|video|teams|zoom|online|in-person|in person|first|second|final)\s+)?"
    r"\b(?:call|interview|chat|meeting|zoom|session|panel|screen)\b",
    re.IGNORECASE,
)


def at_local(day: date, when: time, tz: str) -> datetime:
    return datetime.combine(day, when, tzinfo=ZoneInfo(tz)).astimezone(UTC)


def _clock(match: re.Match[str], part: str | None) -> time | None:
    hour = int(match.group("h") or match.group("h2") or match.group("h3"))
    minute = int(match.group("m") or 0)
    marker = (match.group("ap") or match.group("ap2") or "").lower().replace(".", "")
    if (marker == "pm" and hour < 12) or (
        marker != "am" and (part or "").split(" ")[-1] in {"afternoon", "evening", "tonight", "night"} and hour < 12
    ):
        hour += 12
    elif marker == "am" and hour == 12:
        hour = 0
    elif not marker and part is None and 1 <= hour <= 7 and match.group("h3"):
        hour += 12  # "at 3", "around 2": an interview's hours are the working day's, not the night's
    elif not marker and part is None and 1 <= hour <= 6 and match.group("h") and not match.group("h").startswith("0"):
        hour += 12  # "4:30 today", "like 1:30": the afternoon ("04:30", written the 24-hour way, stays)
    if hour > 23 or minute > 59:
        return None
    return time(hour, minute)


def read_moment(
    text: str, tz: str, now: datetime, *, tense: str = PAST, region: str | None = None
) -> Moment | DayOnly | Ambiguous:
    """When something happened (or will): the typed time is kept; a day alone comes back as DayOnly."""
    raw = " ".join(text.strip().split())
    lowered = _normalise(spoken_times(raw))
    if lowered in _JUST_NOW:
        return Moment(now.astimezone(UTC))
    if not raw or len(raw) > 120 or raw.isdigit():
        # A bare number ("2") is a slip, not a date: dateparser would guess a day of the month.
        raise Invalid(_moment_hint(raw, tense))
    today = now.astimezone(ZoneInfo(tz)).date()
    country = region or region_for_zone(tz)
    order = date_order(country)
    rest, clock, part = lowered, None, None
    found_part = _PART.search(rest)
    if found_part:
        part = found_part.group("part")
        rest = (rest[: found_part.start()] + " " + rest[found_part.end() :]).strip()
        modifier = found_part.group("mod") or ""
        said = _PART_MOD.search(rest)
        if said:
            modifier = modifier or said.group(1)
            rest = (rest[: said.start()] + " " + rest[said.end() :]).strip()
        if modifier and f"{modifier} {part}" in PART_HOURS:
            part = f"{modifier} {part}"
    found_time = _TIME.search(rest)
    if found_time:
        clock = _clock(found_time, part)
        if clock is None:
            raise Invalid(_moment_hint(raw, tense))
        rest = (rest[: found_time.start()] + " " + rest[found_time.end() :]).strip()
    rest = _EVENT.sub(" ", rest)  # "today, call at 2pm": what it was is no part of when
    rest = " ".join(re.sub(r"^(?:on|at|this)\b|\b(?:at|on)$", "", rest.strip(" ,")).split())
    if part and rest in {"", "this", "today"}:
        rest = "today"
    days = _read_day_phrase(rest, today, tense, order, country) if rest else _one(today)
    if days == []:  # a day phrase read as no day at all ("0/0"): nothing to pick from
        raise Invalid(_moment_hint(raw, tense))
    if days is not None and (clock or part or rest):
        if len(days) > 1 or not days[0].exact:
            if len(days) > 1:
                return Ambiguous(raw, tuple(days))
            raise Invalid(_moment_hint(raw, tense))
        day = days[0].latest
        if clock is not None:
            return Moment(at_local(day, clock, tz))
        if part in PART_HOURS:  # "yesterday afternoon": which hour is asked, with buttons
            return DayOnly(day, part)
        if part:  # "at noon", "lunchtime": a time of its own
            return Moment(at_local(day, PARTS_OF_DAY[part], tz), approximate=True)
        return DayOnly(day)
    parsed = _dateparser(spoken_times(raw), tz, now, tense, order)
    if parsed is None:
        raise Invalid(_moment_hint(raw, tense))
    local_dt, period = parsed
    if period != "time":
        return DayOnly(local_dt.date())
    return Moment(local_dt.replace(tzinfo=ZoneInfo(tz)).astimezone(UTC))


def _moment_hint(raw: str, tense: str) -> str:
    if not raw or raw.isdigit() or len(raw) > 120:
        what = "Tell me when, e.g. "
    else:
        what = f"I couldn't read “{shorten(raw, 80)}” as a time. Try "
    if tense == FUTURE:
        return what + "“tomorrow 10:00”, “Friday at 2pm” or a date such as 14 March 9:30."
    return what + "“just now”, “today 14:00”, “yesterday at 3pm” or a date like 2026-03-14 10:30."


def parse_moment(text: str, tz: str, now: datetime, *, prefer: str = PAST) -> datetime:
    """A moment in the user's zone as aware UTC; a day without a time is refused with a question."""
    reading = read_moment(text, tz, now, tense=prefer)
    if isinstance(reading, Moment):
        return reading.at
    if isinstance(reading, Ambiguous):
        options = " or ".join(say_date(c.latest, tz, now) for c in reading.candidates)
        raise Invalid(f"Do you mean {options}? Please write the day in words, e.g. “2 December 10:00”.")
    raise Invalid(
        f"What time on {say_date(reading.day, tz, now)}? Add it, e.g. “{raw_day(reading.day, tz, now)} at 10:00”."
    )
