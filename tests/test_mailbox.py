"""The mailbox engine against real servers: aiosmtpd for SMTP, Dovecot for IMAP, on SQLite and PostgreSQL.

Connect checks with each exact failure, sending once (also across a crash), and watchers that report an
interviewer's reply once, flag an out-of-office with its return date, keep users apart, and keep going
when another user's mailbox breaks.
"""

from __future__ import annotations

import asyncio
import shutil
import socket
import ssl
from datetime import UTC, date, datetime

import pytest
import pytest_asyncio
from cryptography.fernet import Fernet
from pydantic import SecretStr
from sqlalchemy import select, update

from bot.config import Settings
from bot.drafts import Draft
from bot.mailbox.problems import MailProblem, Trouble
from bot.mailbox.records import MailboxForm
from bot.mailbox.replies import ReplySeen
from bot.mailbox.sending import Outbox, SendStatus
from bot.mailbox.service import MailboxService
from bot.store.db import make_engine, sessionmaker_for
from bot.store.models import Interview, InterviewStatus, Mailbox, MailboxStatus, Person, SentMail, SentMailState, User
from tests.mailservers import client_context, start_dovecot, start_smtp

# aiosmtpd warns when AUTH does not demand its own TLS; with implicit TLS the whole connection is TLS.
pytestmark = pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS:UserWarning")

USERS = {"ana": "ana-app-pw", "ben": "ben-app-pw"}
MARIA = "maria.garcia@corp.example"


@pytest.fixture
def dovecot():
    server = start_dovecot(USERS)
    yield server
    server.stop()
    shutil.rmtree(server.root, ignore_errors=True)


@pytest.fixture
def smtp(dovecot):
    """Start SMTP servers on demand: start("starttls" | "tls" | "plain")."""
    started = []

    def start(mode: str = "starttls"):
        server = start_smtp(USERS, mode=mode, cert=dovecot.cert, key=dovecot.key)
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop()


@pytest_asyncio.fixture
async def world(db_url, tmp_path, clock, dovecot):
    """The database, two users (Ana with Maria as her interviewer, Ben with nobody), and the service."""
    settings = Settings(
        database_url=db_url,
        FOLLOWUP_DATA_DIR=tmp_path / "data",
        FOLLOWUP_SECRET_KEY=Fernet.generate_key().decode(),
        FOLLOWUP_MAILBOX_POLL=0.3,
        FOLLOWUP_MAILBOX_TIMEOUT=5,
        _env_file=None,
    )
    engine = make_engine(db_url)
    sessions = sessionmaker_for(engine)
    async with sessions() as session, session.begin():
        ana = User(key="console:ana", platform="console", name="Ana Silva", timezone="Europe/Berlin")
        ben = User(key="console:ben", platform="console", name="Ben Okafor", timezone="Europe/Berlin")
        session.add_all([ana, ben])
        await session.flush()
        interview = Interview(user_id=ana.id, status=InterviewStatus.ACTIVE, company="Corp", role="Analyst")
        session.add(interview)
        await session.flush()
        maria = Person(interview_id=interview.id, name="Maria Garcia", email=MARIA)
        session.add(maria)
        await session.flush()
        ids = {"ana": ana.id, "ben": ben.id, "maria": maria.id}
    service = MailboxService(sessions, settings, clock, tls=client_context(dovecot.cert))
    yield service, ids
    await service.stop_watching()
    await engine.dispose()


def form(dovecot, smtp_server, user="ana", *, password=None, smtp_mode="starttls", imap="starttls", **extra):
    values = {
        "address": f"{user}@mail.example",
        "username": user,
        "password": password or USERS[user],
        "smtp_host": "127.0.0.1",
        "smtp_port": smtp_server.port if smtp_server else 9,
        "smtp_security": smtp_mode,
        "imap_host": "127.0.0.1",
        "imap_port": dovecot.starttls_port if imap == "starttls" else dovecot.tls_port,
        "imap_security": imap,
    }
    return MailboxForm(**{**values, **extra})


def draft(to=MARIA, name="Maria Garcia") -> Draft:
    return Draft(name, to, "Thank you for today", "Dear Maria,\n\nThank you for the conversation today.\n\nAna")


async def wait_until(predicate, what: str, seconds: float = 20.0) -> None:
    async with asyncio.timeout(seconds):
        while not predicate():
            await asyncio.sleep(0.05)
    assert predicate(), what


def mail(sender: str, subject: str, body: str, message_id: str, **headers: str) -> bytes:
    extra = "".join(f"{name.replace('_', '-')}: {value}\r\n" for name, value in headers.items())
    return (
        f"From: {sender}\r\nTo: ana@mail.example\r\nSubject: {subject}\r\nMessage-ID: {message_id}\r\n"
        f"Date: Wed, 25 Nov 2026 15:00:00 +0000\r\n{extra}\r\n{body}\r\n"
    ).encode()


# ---- connecting -------------------------------------------------------------------------------


async def test_connect_checks_both_servers_then_saves_without_showing_the_password(world, dovecot, smtp):
    service, ids = world
    result = await service.connect(ids["ana"], form(dovecot, smtp("starttls")))
    assert result.ok, result.words
    assert result.words == "Connected ana@mail.example: sending and reading both work."
    shown = await service.describe(ids["ana"])
    assert shown["address"] == "ana@mail.example" and shown["imap_security"] == "starttls"
    assert USERS["ana"] not in repr(shown) and "password" not in " ".join(shown)
    exported = await service.export(ids["ana"])
    assert USERS["ana"] not in repr(exported)
    async with service.sessions() as session:
        row = await session.scalar(select(Mailbox))
    assert USERS["ana"].encode() not in row.password_encrypted
    assert service.vault.open(row.password_encrypted) == USERS["ana"]
    assert "password" not in repr(row) and USERS["ana"] not in repr(form(dovecot, None))
    # Implicit TLS on both sides works too, and replaces the earlier settings.
    again = await service.connect(ids["ana"], form(dovecot, smtp("tls"), smtp_mode="tls", imap="tls"))
    assert again.ok, again.words
    assert (await service.describe(ids["ana"]))["smtp_security"] == "tls"


def silent_port() -> socket.socket:
    """A port that accepts connections and never says a word (a server that hangs)."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(5)
    return listener


async def test_each_failure_is_named_and_saves_nothing(world, dovecot, smtp):
    service, ids = world
    server = smtp("starttls")

    async def trouble(**changes) -> tuple[Trouble, str]:
        base = form(dovecot, server)
        values = {**{f: getattr(base, f) for f in base.__dataclass_fields__}, **changes}
        result = await service.connect(ids["ana"], MailboxForm(**values))
        assert not result.ok
        with pytest.raises(MailProblem) as caught:
            await service.check(MailboxForm(**values).completed().account())
        assert caught.value.words == result.words
        return caught.value.trouble, result.words

    kind, words = await trouble(password="wrong")
    assert kind == Trouble.WRONG_PASSWORD
    assert words.startswith("the sending server 127.0.0.1 refused the user name or password")
    # SMTP accepts, IMAP refuses: the words name the incoming server.
    assert start_dovecot  # the same Dovecot holds both users
    mixed = await service.connect(ids["ana"], form(dovecot, server, password="ana-app-pw"))
    assert mixed.ok
    await service.disconnect(ids["ana"])
    dovecot.passwords["ana"] = "changed"  # the IMAP side now has another password than SMTP's
    dovecot.stop()
    dovecot.start()
    kind, words = await trouble(imap_port=dovecot.starttls_port)
    assert kind == Trouble.WRONG_PASSWORD and words.startswith("the incoming server 127.0.0.1 refused")
    dovecot.passwords["ana"] = USERS["ana"]

    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        dead_port = closed.getsockname()[1]
    kind, words = await trouble(smtp_port=dead_port)
    assert kind == Trouble.UNREACHABLE and "can't reach the sending server 127.0.0.1" in words

    kind, words = await trouble(smtp_security="tls")  # implicit TLS spoken to a STARTTLS port
    assert kind in (Trouble.TLS, Trouble.TIMEOUT, Trouble.UNREACHABLE), words

    kind, words = await trouble(smtp_host="mail.example.com", smtp_security="plain")
    assert kind == Trouble.TLS_REQUIRED and "only connect with TLS" in words

    untrusting = MailboxService(service.sessions, service.settings, service.clock, tls=ssl.create_default_context())
    result = await untrusting.connect(ids["ana"], form(dovecot, server))
    assert not result.ok and "TLS problem: the certificate of the sending server" in result.words
    assert "self-signed certificate" in result.words
    result = await untrusting.connect(ids["ana"], form(dovecot, smtp("tls"), smtp_mode="tls", imap="tls"))
    assert "certificate" in result.words

    listener = silent_port()
    try:
        quick = service.settings.model_copy(update={"mailbox_timeout_seconds": 1.0})
        impatient = MailboxService(service.sessions, quick, service.clock, tls=client_context(dovecot.cert))
        result = await impatient.connect(ids["ana"], form(dovecot, server, imap_port=listener.getsockname()[1]))
        assert not result.ok and result.words.startswith("the incoming server 127.0.0.1 did not answer in time")
    finally:
        listener.close()
    assert await service.describe(ids["ana"]) is None  # no failed check saved anything


async def test_without_a_secret_key_the_feature_is_off_and_says_why(world, dovecot, smtp):
    service, ids = world
    off = MailboxService(service.sessions, service.settings.model_copy(update={"secret_key": SecretStr("")}), service.clock)
    assert not off.available
    result = await off.connect(ids["ana"], form(dovecot, smtp()))
    assert not result.ok and "FOLLOWUP_SECRET_KEY" in result.words and "turned off" in result.words
    sent = await off.send_draft(ids["ana"], 1, draft())
    assert sent.status == SendStatus.NOT_CONNECTED and "turned off" in sent.words
