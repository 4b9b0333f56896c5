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


def format_phone(e164: str) -> str:
    return phonenumbers.format_number(phonenumbers.parse(e164), phonenumbers.PhoneNumberFormat.INTERNATIONAL)
