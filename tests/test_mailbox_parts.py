"""The mailbox engine's pieces without servers: the vault, provider defaults, the TLS policy, the
message we build, reading replies (auto-replies, return dates, first lines), and the tables."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from cryptography.fernet import Fernet
from pydantic import SecretStr
from sqlalchemy import delete, select

from bot.drafts.draft import Draft
from bot.mailbox.compose import build
from bot.mailbox.problems import MailProblem, Trouble
from bot.mailbox.providers import provider_for
from bot.mailbox.records import MailboxForm
from bot.mailbox.replies import Interest, SentRef, first_lines, is_auto_reply, match, parse, return_date
from bot.mailbox.transport import Server, check_policy, is_loopback
from bot.mailbox.vault import KEY_CHANGED, KEY_MISSING, Vault, VaultError, vault_from_settings
from bot.service.config import Settings
from bot.store.db import make_engine, make_sync_engine, sessionmaker_for
from bot.store.models import Base, Mailbox, SentMail, User

NOW = datetime(2026, 11, 25, 13, tzinfo=UTC)


def settings(key: str) -> Settings:
    return Settings(FOLLOWUP_SECRET_KEY=key, _env_file=None)


def test_the_vault_encrypts_and_never_shows_the_key_or_password():
    key = Fernet.generate_key().decode()
    vault, reason = vault_from_settings(settings(key))
    assert reason == "" and vault is not None
    token = vault.seal("app password 1")
    assert b"app password 1" not in token and vault.open(token) == "app password 1"
    assert key not in repr(vault) and key not in repr(settings(key)) and key not in str(settings(key).model_dump())
    other = Vault(Fernet.generate_key().decode())
    with pytest.raises(VaultError, match="secret key changed"):
        other.open(token)
    assert str(KEY_CHANGED).startswith("I can't read the stored password")
    new = Fernet.generate_key().decode()
    rotated = Vault(f"{new}, {key}")  # a new key first: new passwords use it, the old key still opens
    assert rotated.open(token) == "app password 1" and Vault(new).open(rotated.seal("x")) == "x"


def test_without_a_valid_key_the_feature_is_off_with_a_reason():
    assert vault_from_settings(settings("")) == (None, KEY_MISSING)
    vault, reason = vault_from_settings(settings("not-a-key"))
    assert vault is None and "not a valid key" in reason
    assert isinstance(Settings(_env_file=None).secret_key, SecretStr)


def test_providers_by_domain_and_the_form_fills_the_gaps():
    gmail = provider_for("Someone@GMAIL.com")
    assert (gmail.smtp_host, gmail.smtp_port, gmail.imap_host, gmail.imap_port) == (
        "smtp.gmail.com",
        465,
        "imap.gmail.com",
        993,
    )
    assert provider_for("a@googlemail.com") is gmail and provider_for("a@hotmail.com") is provider_for("a@live.com")
    assert provider_for("a@me.com").name == "iCloud Mail" and "Bridge" in provider_for("a@proton.me").note
    assert provider_for("a@small-company.example") is None
    filled = MailboxForm(address=" ana@outlook.com ", password="pw").completed()
    assert (filled.username, filled.smtp_security, filled.imap_port, filled.copy_to_sent) == (
        "ana@outlook.com",
        "starttls",
        993,
        False,
    )
    unknown = MailboxForm(address="ana@small.example", password="pw", smtp_host="mail.small.example").completed()
    assert (unknown.smtp_port, unknown.smtp_security, unknown.imap_host, unknown.copy_to_sent) == (465, "tls", "", True)
    assert "pw" not in repr(filled)


def test_tls_is_required_except_on_this_machine():
    for host in ("127.0.0.1", "localhost", "::1", "127.0.0.2"):
        assert is_loopback(host)
        check_policy(Server(host, 1025, "plain"), "the bridge")
    for host in ("mail.example.com", "10.0.0.5", "192.168.1.1"):
        assert not is_loopback(host)
        with pytest.raises(MailProblem) as caught:
            check_policy(Server(host, 25, "plain"), "the sending server " + host)
        assert caught.value.trouble == Trouble.TLS_REQUIRED
    with pytest.raises(MailProblem, match="Unknown security 'ssl3'"):
        check_policy(Server("mail.example.com", 465, "ssl3"), "x")


def test_the_message_has_our_headers_and_survives_any_text():
    draft = Draft("María García", "maria@corp.example", "Gracias — thank you", "Dear María,\n\nThank you.\n\nAna")
    message = build(
        draft, from_address="ana@mail.example", from_name="Ana Silva", message_id="<m1@mail.example>", now=NOW
    )
    raw = message.as_bytes()
    assert raw.isascii()  # no 8bit: every server takes it
    parsed = parse(raw)
    assert parsed["Message-ID"] == "<m1@mail.example>" and parsed["Date"] == "Wed, 25 Nov 2026 13:00:00 +0000"
    assert str(parsed["To"]) == "María García <maria@corp.example>" and parsed["Subject"] == draft.subject
    assert parsed.get_content().replace("\r\n", "\n").strip() == draft.body
    second = build(
        draft, from_address="a@b.example", from_name=None, message_id="<m2@b>", now=NOW, in_reply_to="<m1@b>"
    )
    assert second["In-Reply-To"] == "<m1@b>" and second["References"] == "<m1@b>"


HEADERS = "From: Maria <maria@corp.example>\r\nSubject: {subject}\r\n{extra}\r\n"


@pytest.mark.parametrize(
    ("extra", "subject", "auto"),
    [
        ("Auto-Submitted: auto-replied\r\n", "Re: Thanks", True),
        ("Auto-Submitted: no\r\n", "Re: Thanks", False),
        ("X-Autoreply: yes\r\n", "Re: Thanks", True),
        ("X-Autorespond: on\r\n", "Re: Thanks", True),
        ("Precedence: auto_reply\r\n", "Re: Thanks", True),
        ("Precedence: bulk\r\n", "Re: Thanks", True),
        ("Precedence: list\r\n", "Re: Thanks", False),
        ("X-MS-Exchange-Inbox-Rules-Loop: maria@corp.example\r\n", "Re: Thanks", True),
        ("", "Automatic reply: Thank you for today", True),
        ("", "Out of Office: Thanks", True),
        ("", "Re: Out of office question from me", False),
        ("", "Abwesenheitsnotiz: Danke", True),
        ("", "Re: Thank you for today", False),
    ],
)
def test_automatic_replies_are_recognised(extra, subject, auto):
    assert is_auto_reply(parse(HEADERS.format(subject=subject, extra=extra).encode())) is auto


@pytest.mark.parametrize(
    ("text", "back"),
    [
        ("I am out of the office until 7 December with limited access to email.", date(2026, 12, 7)),
        ("I'll be back on Monday, December 14.", date(2026, 12, 14)),
        ("Thank you for your message. I return on 3rd December 2026.", date(2026, 12, 3)),
        ("I'm away through Friday.", date(2026, 11, 28)),
        ("Ich bin bis 10.12.2026 nicht im Büro.", date(2026, 12, 10)),
        ("Thanks for your email, I'll reply soon.", None),
    ],
)
def test_the_return_date_is_read_when_the_reply_says_it(text, back):
    assert return_date(text, NOW) == back


def test_first_lines_stop_at_the_quote_and_the_signoff():
    text = "Hi Ana,\n\nThanks, we'll be in touch next week.\n\nBest,\nMaria\n\nOn Tue, 24 Nov 2026 Ana wrote:\n> hi"
    assert first_lines(text) == "Hi Ana, Thanks, we'll be in touch next week."
    assert len(first_lines("word " * 200)) <= 200 and first_lines("word " * 200).endswith("…")


def test_a_message_matters_when_from_an_interviewer_or_answering_our_email():
    interest = Interest({"maria@corp.example": (3,)}, {"<s1@me>": SentRef(11, "maria@corp.example")})
    assert match(parse(b"From: MARIA@corp.example\r\n\r\n"), interest).person_ids == (3,)
    answered = match(parse(b"From: hr@corp.example\r\nReferences: <x@y> <s1@me>\r\n\r\n"), interest)
    assert (answered.person_ids, answered.followup_id) == ((3,), 11)
    assert match(parse(b"From: news@shop.example\r\nIn-Reply-To: <other@me>\r\n\r\n"), interest) is None


def test_the_migration_matches_the_models_and_rows_go_with_the_user(db_url):
    engine = make_sync_engine(db_url)
    try:
        with engine.connect() as conn:
            diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    finally:
        engine.dispose()
    mine = [d for d in diff if any(t in repr(d) for t in ("mailboxes", "sent_mails"))]
    assert mine == []


async def test_deleting_a_user_deletes_their_mailbox_and_sent_mails(db_url):
    engine = make_engine(db_url)
    sessions = sessionmaker_for(engine)
    try:
        async with sessions() as session, session.begin():
            user = User(key="console:zed", platform="console")
            session.add(user)
            await session.flush()
            session.add(
                Mailbox(
                    user_id=user.id,
                    address="z@x.example",
                    smtp_host="smtp.x.example",
                    smtp_port=465,
                    smtp_security="tls",
                    imap_host="imap.x.example",
                    imap_port=993,
                    imap_security="tls",
                    username="z",
                    password_encrypted=b"token",
                )
            )
            session.add(SentMail(user_id=user.id, followup_id=None, message_id="<a@x>", recipient="m@c", subject="s"))
        async with sessions() as session, session.begin():
            await session.execute(delete(User).where(User.key == "console:zed"))
        async with sessions() as session:
            assert list(await session.scalars(select(Mailbox))) == []
            assert list(await session.scalars(select(SentMail))) == []
    finally:
        await engine.dispose()


def test_failures_from_the_libraries_become_the_users_words():
    import socket
    import ssl

    import aiosmtplib

    from bot.mailbox.problems import explain

    server = "the sending server smtp.x.example"
    cases = [
        (aiosmtplib.SMTPAuthenticationError(535, "5.7.8 bad"), Trouble.WRONG_PASSWORD, "refused the user name"),
        (aiosmtplib.SMTPRecipientsRefused([]), Trouble.RECIPIENT_REFUSED, "refused the recipient's address"),
        (aiosmtplib.SMTPConnectTimeoutError("slow"), Trouble.TIMEOUT, "did not answer in time"),
        (socket.gaierror(-2, "Name or service not known"), Trouble.UNKNOWN_HOST, "I can't find"),
        (ConnectionRefusedError(111, "refused"), Trouble.UNREACHABLE, "I can't reach"),
        (aiosmtplib.SMTPException("The SMTP AUTH extension is not supported"), Trouble.SERVER, "doesn't take a login"),
        (
            aiosmtplib.SMTPException("STARTTLS extension not supported by server."),
            Trouble.TLS,
            "does not offer STARTTLS",
        ),
        (ssl.SSLError(1, "[SSL: WRONG_VERSION_NUMBER] wrong version number"), Trouble.TLS, "TLS problem with"),
    ]
    for exc, trouble, words in cases:
        problem = explain(exc, server)
        assert problem.trouble == trouble and words in problem.words, (exc, problem.words)
    wrapped = aiosmtplib.SMTPConnectError("Error connecting")
    wrapped.__cause__ = ssl.SSLCertVerificationError(1, "certificate verify failed: Hostname mismatch")
    assert explain(wrapped, server).trouble == Trouble.CERTIFICATE
