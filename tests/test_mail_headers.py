"""Subjects and names survive the trip: what Python's `email` parser and a second, independent parser
(fast-mail-parser, Rust's mailparse) read back is exactly what the chat showed; the .eml drafts and the
mail sent through the mailbox are built the same way (bot/common/mailheaders.py)."""

from __future__ import annotations

from datetime import UTC, datetime
from email import message_from_bytes, policy
from email.utils import formataddr

import fast_mail_parser
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from bot.common.mailheaders import MAX_LINE
from bot.drafts.draft import Draft
from bot.mailbox.compose import build

# What people type: any letters, marks, digits, punctuation, symbols, emoji and spaces; no control characters.
TEXT = st.characters(blacklist_categories=("Cc", "Cs", "Co", "Cn", "Zl", "Zp"))
SUBJECTS = st.text(TEXT, min_size=1, max_size=160).map(lambda s: " ".join(s.split())).filter(bool)
NAMES = st.text(TEXT, min_size=1, max_size=80).map(lambda s: " ".join(s.split())).filter(bool)
LONG = "Thank you for your time: the Senior Data Engineer role at Société Générale Investissement et Financement"


def python_reads(raw: bytes) -> tuple[str, str, str]:
    message = message_from_bytes(raw, policy=policy.default)
    to = message["To"].addresses[0]
    return str(message["Subject"]), to.display_name, to.addr_spec


def other_reads(raw: bytes) -> tuple[str, str]:
    parsed = fast_mail_parser.parse_email(raw)
    return parsed.subject, parsed.headers["To"][0]


def lines_fit(raw: bytes) -> bool:
    head = raw.split(b"\r\n\r\n", 1)[0]
    return all(len(line) <= 998 for line in head.split(b"\r\n"))


def test_the_long_accented_subject_keeps_every_space():
    draft = Draft("José Álvarez-Núñez", "jose@corp.example", LONG, "Dear José,\n\nThank you.\n")
    for raw in (draft.eml(), sent(draft)):
        assert b"\r\n " in raw.split(b"\r\n\r\n")[0], "long enough to be folded"
        assert python_reads(raw) == (LONG, "José Álvarez-Núñez", "jose@corp.example")
        assert other_reads(raw) == (LONG, "José Álvarez-Núñez <jose@corp.example>")
        head = raw.split(b"\r\n\r\n", 1)[0]
        assert all(len(line) <= MAX_LINE + 2 for line in head.split(b"\r\n")), head


def sent(draft: Draft, from_name: str = "Ana Ünal") -> bytes:
    return build(
        draft,
        from_address="ana@mail.example",
        from_name=from_name,
        message_id="<1@mail.example>",
        now=datetime(2026, 12, 7, 10, tzinfo=UTC),
    ).as_bytes()


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(subject=SUBJECTS, name=NAMES, sender=NAMES)
@example(subject=LONG, name="Doe, Jane", sender='Ana "the" Silva')
@example(subject="=?utf-8?q?not_encoded?= really", name="=?x?", sender="a" * 120)
@example(subject="👋🏽 Merci — 感谢 " * 8, name="Zoë Ørsted-Ångström", sender="محمد")
def test_any_subject_and_name_reads_back_exactly(subject, name, sender):
    draft = Draft(name, "someone@corp.example", subject, "Hello,\n\nthank you.\n")
    for raw in (draft.eml(), sent(draft, sender)):
        assert lines_fit(raw)
        assert python_reads(raw) == (subject, name, "someone@corp.example")
        other_subject, other_to = other_reads(raw)
        assert other_subject == subject
        # The second parser gives the header's text back decoded; an ASCII name keeps its quotes when it needs them.
        assert other_to in (f"{name} <someone@corp.example>", formataddr((name, "someone@corp.example")))
    message = message_from_bytes(sent(draft, sender), policy=policy.default)
    assert message["From"].addresses[0].display_name == sender
