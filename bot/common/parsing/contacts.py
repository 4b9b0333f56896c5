"""Email addresses and phone numbers, checked (email-validator, phonenumbers)."""

from __future__ import annotations

import re

import phonenumbers
from email_validator import EmailNotValidError, validate_email

from bot.common.parsing.text import Invalid, shorten


def check_email(text: str) -> str:
    """Validate an address with email-validator (syntax only: no DNS lookups from the bot)."""
    candidate = text.strip().strip("<>").strip()
    try:
        result = validate_email(candidate, check_deliverability=False)
    except EmailNotValidError as exc:
        raise Invalid(f"“{shorten(candidate, 80)}” is not a valid email address: {exc}") from None
    return result.normalized


def check_phone(text: str, region: str | None = None) -> str:
    """Validate a phone number with phonenumbers and return it in E.164 (+4930123456)."""
    candidate = text.strip()
    try:
        number = phonenumbers.parse(candidate, region)
    except phonenumbers.NumberParseException:
        raise Invalid(
            f"I can't read “{shorten(candidate, 40)}” as a phone number. Use the international form, "
            "e.g. +44 20 7946 0958, or /skip."
        ) from None
    if not phonenumbers.is_valid_number(number):
        raise Invalid(f"“{shorten(candidate, 40)}” is not a valid phone number. Check the digits, or /skip.")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def phone_readings(text: str, region: str | None = None, hints: tuple[str, ...] = ()) -> list[str]:
    """Every valid reading (E.164) of a number for the user's country and the countries the `hints` name: two when
    "070-123 45 67" is a number both in South Africa and in Sweden."""
    candidate = text.strip()
    found: list[str] = []
    for where in dict.fromkeys((region, *hints)):
        try:
            number = phonenumbers.parse(candidate, where)
        except phonenumbers.NumberParseException:
            continue
        e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
        if phonenumbers.is_valid_number(number) and e164 not in found:
            found.append(e164)
        if candidate.startswith("+"):
            break
    return found


def read_phone(text: str, region: str | None = None, hints: tuple[str, ...] = ()) -> str | None:
    """A number in E.164, or None: valid for the user's country; else valid for a country the `hints` name (the
    interviewer's email domain: "030 12345678" for someone at a .de address is in Germany); else a mobile number of
    the user's country of full length that phonenumbers' tables do not list yet (a new range, "07700 900456")."""
    candidate = text.strip()
    for where in (region, *(hint for hint in hints if hint != region)):
        try:
            number = phonenumbers.parse(candidate, where)
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_valid_number(number):
            return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
        if candidate.startswith("+"):
            break
    for where in dict.fromkeys((region, *hints)):  # the user's country first, then the address's
        found = _new_range(candidate, where)
        if found is not None:
            return found
        if candidate.startswith("+"):
            break
    return None


def _new_range(candidate: str, region: str | None) -> str | None:
    """A mobile number of the region of full length that phonenumbers' tables do not list yet ("07700 900456" in
    the UK); never one that kept the region's trunk "0" in it ("0412 345 678" is no Turkish number)."""
    try:
        number = phonenumbers.parse(candidate, region)
    except phonenumbers.NumberParseException:
        return None
    mobile = phonenumbers.is_possible_number_for_type(number, phonenumbers.PhoneNumberType.MOBILE)
    if mobile and len(str(number.national_number)) >= 9 and not number.italian_leading_zero:
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    return None


def _as_typed(candidate: str, number: phonenumbers.PhoneNumber) -> bool:
    """Whether a country's own way of writing the number is what was typed: its digits, trunk "0" included, and
    where the user grouped them, the same groups ("07911 123456" is how the UK writes a mobile)."""
    shown = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    groups = [g for g in re.split(r"[^\d]+", candidate) if g]
    if "".join(re.findall(r"\d", shown)) != "".join(groups):
        return False
    return len(groups) == 1 or [g for g in re.split(r"[^\d]+", shown) if g] == groups


def readings_elsewhere(text: str, region: str | None) -> list[str]:
    """The readings (E.164) of a number typed without its country code that is no number of the user's country: one
    per other country that writes it just as typed, valid there or of a mobile range its tables do not list yet.
    One reading is "a number in the United Kingdom"; several are asked about (a button each, or its country code)."""
    candidate = text.strip()
    if candidate.startswith("+") or (not candidate[:1].isdigit() and not candidate.startswith("(")):
        return []
    found: list[str] = []
    for where in sorted(phonenumbers.SUPPORTED_REGIONS - {region or ""}):
        try:
            number = phonenumbers.parse(candidate, where)
        except phonenumbers.NumberParseException:
            continue
        main = phonenumbers.region_code_for_country_code(number.country_code)
        if where != main and main in phonenumbers.SUPPORTED_REGIONS:
            continue  # Jersey's numbers are the UK's: read once, for the country that owns the code
        valid = phonenumbers.is_valid_number(number)
        if not (valid or _new_range(candidate, where)) or not _as_typed(candidate, number):
            continue
        e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
        if e164 not in found:
            found.append(e164)
    return sorted(found, key=lambda e164: not phonenumbers.is_valid_number(phonenumbers.parse(e164)))


def region_of_email(address: str | None) -> str | None:
    """The country an address's domain names (".de" -> DE, ".co.uk" -> GB), for reading a phone number typed
    without its country code; None for .com and the like."""
    tld = (address or "").rpartition(".")[2].upper()
    tld = {"UK": "GB"}.get(tld, tld)
    return tld if len(tld) == 2 and tld in phonenumbers.SUPPORTED_REGIONS else None


def phone_region(e164: str) -> str | None:
    """The country of a number; for one of a range phonenumbers' tables do not list yet, its code's country."""
    number = phonenumbers.parse(e164)
    found = phonenumbers.region_code_for_number(number)
    if found is None:
        found = phonenumbers.region_code_for_country_code(number.country_code)
    return found if found in phonenumbers.SUPPORTED_REGIONS else None


def format_phone(e164: str) -> str:
    return phonenumbers.format_number(phonenumbers.parse(e164), phonenumbers.PhoneNumberFormat.INTERNATIONAL)
