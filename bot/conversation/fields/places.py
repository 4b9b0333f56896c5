"""Where the user is: their time zone and their country."""

from __future__ import annotations

import re
from dataclasses import dataclass

import phonenumbers

from bot.common.parsing.text import Invalid, shorten
from bot.common.parsing.zones import parse_timezone
from bot.conversation.fields.answers import _plain

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
    raise Invalid(f"I don't know the country “{shorten(text, 40)}”. Type its name (Spain) or its code (ES).")


def country_name(code: str | None) -> str:
    from babel import Locale

    return Locale("en").territories.get(code or "", code or "unknown")


def regions_named(text: str) -> tuple[str, ...]:
    """The countries a line names ("ops lead (UK office)", "her number in Kenya"), for reading a phone number typed
    without its country code: "UK" and the like in any case, a country's English name with its capital."""
    from babel import Locale

    found: list[str] = []
    for alias, code in _COUNTRY_ALIASES.items():
        if re.search(rf"(?i)(?<!\w){re.escape(alias)}(?!\w)", text):
            found.append(code)
    for code, name in Locale("en").territories.items():
        if (
            len(code) == 2
            and code in phonenumbers.SUPPORTED_REGIONS
            and re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text)
        ):
            found.append(code)
    return tuple(dict.fromkeys(found))
