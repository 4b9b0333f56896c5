"""Email addresses and phone numbers, checked (email-validator, phonenumbers)."""

from __future__ import annotations

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
    try:
        number = phonenumbers.parse(candidate, region)
    except phonenumbers.NumberParseException:
        return None
    mobile = phonenumbers.is_possible_number_for_type(number, phonenumbers.PhoneNumberType.MOBILE)
    if mobile and len(str(number.national_number)) >= 9:
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    return None


def region_of_email(address: str | None) -> str | None:
    """The country an address's domain names (".de" -> DE, ".co.uk" -> GB), for reading a phone number typed
    without its country code; None for .com and the like."""
    tld = (address or "").rpartition(".")[2].upper()
    tld = {"UK": "GB"}.get(tld, tld)
    return tld if len(tld) == 2 and tld in phonenumbers.SUPPORTED_REGIONS else None


def phone_region(e164: str) -> str | None:
    return phonenumbers.region_code_for_number(phonenumbers.parse(e164))


def format_phone(e164: str) -> str:
    return phonenumbers.format_number(phonenumbers.parse(e164), phonenumbers.PhoneNumberFormat.INTERNATIONAL)
