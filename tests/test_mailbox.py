"""The mailbox engine against real servers: aiosmtpd for SMTP, Dovecot for IMAP, on SQLite and PostgreSQL.

Connect checks with each exact failure, sending once (also across a crash), and watchers that report an
interviewer's reply once, flag an out-of-office with its return date, keep users apart, and keep going
when another user's mailbox breaks.
"""

from __future__ import annotations

import asyncio
import socket
import ssl
from datetime import UTC, date, datetime

import pytest
import pytest_asyncio
from pydantic import SecretStr
from sqlalchemy import select, update

from bot.drafts.draft import Draft
from bot.mailbox.problems import MailProblem, Trouble
from bot.mailbox.records import MailboxForm
from bot.mailbox.replies import ReplySeen
from bot.mailbox.sending import Outbox, SendStatus
from bot.mailbox.service import MailboxService
from bot.mailbox.transport import Transport
from bot.mailbox.watch import Watchers
from bot.store.db import make_engine, sessionmaker_for
from bot.store.models import Interview, InterviewStatus, Mailbox, MailboxStatus, Person, SentMail, SentMailState, User
from tests.support.mailservers import USERS, client_context, mail, mail_settings, wait_until

# aiosmtpd warns when AUTH does not demand its own TLS; with implicit TLS the whole connection is TLS.
pytest_plugins = ["tests.support.mailservers"]  # the dovecot and smtp fixtures

pytestmark = pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS:UserWarning")

MARIA = "maria.garcia@corp.example"


@pytest_asyncio.fixture
async def world(db_url, tmp_path, clock, dovecot):
    """The database, two users (Ana with Maria as her interviewer, Ben with nobody), and the service."""
    settings = mail_settings(db_url, tmp_path)
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

    async def trouble(via=None, **changes) -> tuple[Trouble, str]:
        via = via or service
        base = form(dovecot, server)
        values = {**{f: getattr(base, f) for f in base.__dataclass_fields__}, **changes}
        result = await via.connect(ids["ana"], MailboxForm(**values))
        assert not result.ok
        with pytest.raises(MailProblem) as caught:
            await via.check(MailboxForm(**values).completed().account())
        assert caught.value.words == result.words
        return caught.value.trouble, result.words

    kind, words = await trouble(password="wrong")
    assert kind == Trouble.WRONG_PASSWORD
    assert words.startswith("the sending server 127.0.0.1 refused the user name or password")
    # SMTP takes the password, IMAP refuses it: the words name the incoming server.
    server.auth.passwords["ana"] = "smtp-only"
    kind, words = await trouble(password="smtp-only")
    assert kind == Trouble.WRONG_PASSWORD and words.startswith("the incoming server 127.0.0.1 refused the user")
    server.auth.passwords["ana"] = USERS["ana"]

    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        dead_port = closed.getsockname()[1]
    kind, words = await trouble(smtp_port=dead_port)
    assert kind == Trouble.UNREACHABLE and "can't reach the sending server 127.0.0.1" in words

    kind, words = await trouble(smtp_security="tls")  # implicit TLS spoken to a STARTTLS port
    assert kind == Trouble.TLS and words.startswith("TLS problem with the sending server 127.0.0.1"), words
    # ...and the other way round: the server waits for a TLS hello that never comes (a 2 s timeout, not 5 s twice)
    patient = service.settings.model_copy(update={"mailbox_timeout_seconds": 2.0})
    waiting = MailboxService(service.sessions, patient, service.clock, tls=client_context(dovecot.cert))
    kind, words = await trouble(waiting, imap_security="starttls", imap_port=dovecot.tls_port)
    assert kind == Trouble.TIMEOUT and "Check the port and the security" in words

    kind, words = await trouble(smtp_host="mail.example.com", smtp_security="plain")
    assert kind == Trouble.TLS_REQUIRED and "only connect with TLS" in words

    untrusting = MailboxService(service.sessions, service.settings, service.clock, tls=ssl.create_default_context())
    result = await untrusting.connect(ids["ana"], form(dovecot, server))
    assert not result.ok and "TLS problem: the certificate of the sending server" in result.words
    assert "self-signed certificate" in result.words
    result = await untrusting.connect(ids["ana"], form(dovecot, smtp("tls"), smtp_mode="tls", imap="tls"))
    assert "TLS problem: the certificate of the sending server" in result.words
    for imap_mode in ("tls", "starttls"):
        with pytest.raises(MailProblem) as caught:
            await untrusting.transport.imap(form(dovecot, server, imap=imap_mode).account())
        assert caught.value.trouble == Trouble.CERTIFICATE
        assert caught.value.words.startswith("TLS problem: the certificate of the incoming server 127.0.0.1")

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
    off = MailboxService(
        service.sessions, service.settings.model_copy(update={"secret_key": SecretStr("")}), service.clock
    )
    assert not off.available
    result = await off.connect(ids["ana"], form(dovecot, smtp()))
    assert not result.ok and "FOLLOWUP_SECRET_KEY" in result.words and "turned off" in result.words
    sent = await off.send_draft(ids["ana"], 1, draft())
    assert sent.status == SendStatus.NOT_CONNECTED and "turned off" in sent.words


# ---- sending ----------------------------------------------------------------------------------


async def sent_rows(service) -> list[SentMail]:
    async with service.sessions() as session:
        return list(await session.scalars(select(SentMail).order_by(SentMail.id)))


async def test_send_goes_out_once_with_our_message_id_and_a_copy_in_sent(world, dovecot, smtp, clock):
    service, ids = world
    server = smtp("tls")
    assert (await service.connect(ids["ana"], form(dovecot, server, smtp_mode="tls", imap="tls"))).ok
    result = await service.send_draft(ids["ana"], 41, draft(), from_name="Ana Silva")
    assert result.status == SendStatus.SENT and result.sent
    assert result.words == f"Sent to Maria Garcia <{MARIA}> from ana@mail.example."
    [(sender, recipients, raw)] = server.recorder.accepted
    assert (sender, recipients) == ("ana@mail.example", [MARIA])
    text = raw.decode()
    assert f"Message-ID: {result.message_id}" in text and result.message_id.endswith("@mail.example>")
    assert "From: Ana Silva <ana@mail.example>" in text and f"To: Maria Garcia <{MARIA}>" in text
    assert "Subject: Thank you for today" in text and "Date: Wed, 25 Nov 2026 13:00:00 +0000" in text
    [copy] = dovecot.messages("ana", "Sent")  # this server doesn't file sent mail, so we did
    assert result.message_id.encode() in copy
    [row] = await sent_rows(service)
    assert (row.state, row.followup_id, row.recipient, row.sent_at) == (SentMailState.SENT, 41, MARIA, clock())

    again = await service.send_draft(ids["ana"], 41, draft())
    assert again.status == SendStatus.ALREADY_SENT and again.message_id == result.message_id
    assert "already went out" in again.words
    assert len(server.recorder.accepted) == 1


async def test_a_refused_recipient_or_password_says_why_and_changes_nothing(world, dovecot, smtp):
    service, ids = world
    server = smtp("starttls")
    server.recorder.refuse.add("nobody@corp.example")
    assert (await service.connect(ids["ana"], form(dovecot, server))).ok
    result = await service.send_draft(ids["ana"], 7, draft(to="nobody@corp.example"))
    assert result.status == SendStatus.FAILED and result.trouble == Trouble.RECIPIENT_REFUSED
    assert result.words.startswith("the sending server 127.0.0.1 refused the recipient's address")
    assert await sent_rows(service) == [] and server.recorder.accepted == []
    # The password changed on the server since /mailbox: the same follow-up can be sent once it is fixed.
    server.auth.passwords["ana"] = "rotated"
    result = await service.send_draft(ids["ana"], 7, draft())
    assert result.trouble == Trouble.WRONG_PASSWORD and await sent_rows(service) == []
    server.auth.passwords["ana"] = USERS["ana"]
    assert (await service.send_draft(ids["ana"], 7, draft())).status == SendStatus.SENT
    missing = await service.send_draft(ids["ana"], 8, Draft("Jo", None, "Hi", "Hello"))
    assert missing.status == SendStatus.FAILED and "don't have an email address for Jo" in missing.words


class Crash(Exception):
    """The process dies between the server taking the message and our database commit."""


async def crash_after_smtp(service, monkeypatch, *args):
    async def die(self, message_id):
        raise Crash

    with monkeypatch.context() as patch:
        patch.setattr(Outbox, "_mark_sent", die)
        with pytest.raises(Crash):
            await service.send_draft(*args)


async def test_a_crash_between_smtp_and_commit_never_sends_twice(world, dovecot, smtp, clock, monkeypatch):
    service, ids = world
    server = smtp("starttls")
    server.recorder.file_into = (dovecot, "ana")  # like Gmail: the server files what it sends into Sent
    assert (await service.connect(ids["ana"], form(dovecot, server, copy_to_sent=False))).ok
    await crash_after_smtp(service, monkeypatch, ids["ana"], 5, draft())
    [row] = await sent_rows(service)
    assert row.state == SentMailState.SENDING and len(server.recorder.accepted) == 1

    busy = await service.send_draft(ids["ana"], 5, draft())  # moments later: it may still be going
    assert busy.status == SendStatus.IN_PROGRESS
    clock.advance(minutes=5)  # the bot restarted; the user taps Send now again
    again = await service.send_draft(ids["ana"], 5, draft())
    assert again.status == SendStatus.ALREADY_SENT and again.message_id == row.message_id
    assert len(server.recorder.accepted) == 1, "sent twice"
    [row] = await sent_rows(service)
    assert row.state == SentMailState.SENT

    # A leftover row whose SMTP transaction never happened: not in Sent, so it goes out, once, same Message-ID.
    async with service.sessions() as session, session.begin():
        session.add(
            SentMail(
                user_id=ids["ana"],
                followup_id=6,
                message_id="<early@mail.example>",
                recipient=MARIA,
                subject="s",
                created_at=clock(),
                attempt_at=clock(),
            )
        )
    clock.advance(minutes=5)
    result = await service.send_draft(ids["ana"], 6, draft())
    assert result.status == SendStatus.SENT and result.message_id == "<early@mail.example>"
    assert len(server.recorder.accepted) == 2


async def test_when_the_sent_folder_cannot_tell_the_user_decides(world, dovecot, smtp, clock, monkeypatch):
    service, ids = world
    server = smtp("starttls")  # this server files nothing into Sent; the bot copies it there after the commit
    assert (await service.connect(ids["ana"], form(dovecot, server))).ok
    await crash_after_smtp(service, monkeypatch, ids["ana"], 9, draft())
    clock.advance(minutes=5)
    unsure = await service.send_draft(ids["ana"], 9, draft())
    assert unsure.status == SendStatus.UNSURE and "can't tell whether it went out" in unsure.words
    assert len(server.recorder.accepted) == 1
    forced = await service.send_draft(ids["ana"], 9, draft(), send_anyway=True)
    assert forced.status == SendStatus.SENT and len(server.recorder.accepted) == 2
    assert (await service.send_draft(ids["ana"], 9, draft(), send_anyway=True)).status == SendStatus.ALREADY_SENT


# ---- watching ---------------------------------------------------------------------------------


class Inbox:
    """The callback the core will implement: here it only collects."""

    def __init__(self) -> None:
        self.seen: list[ReplySeen] = []

    async def __call__(self, reply: ReplySeen) -> None:
        self.seen.append(reply)

    def subjects(self) -> list[str]:
        return [r.subject for r in self.seen]


async def test_an_interviewers_reply_is_reported_once_and_nothing_is_marked_read(world, dovecot, smtp):
    service, ids = world
    dovecot.deliver("ana", mail(f"Maria <{MARIA}>", "Before", "Read before the mailbox was connected", "<old@corp>"))
    assert (await service.connect(ids["ana"], form(dovecot, smtp(), imap="tls"))).ok
    inbox = Inbox()
    await service.start_watching(inbox)  # IDLE: Dovecot has it
    dovecot.deliver(
        "ana",
        mail(
            f"Maria Garcia <{MARIA}>",
            "Re: Thank you for today",
            "Hi Ana,\r\n\r\nThanks, we'll be in touch next week.\r\n\r\nBest,\r\nMaria\r\n\r\n"
            "On Tue, Ana wrote:\r\n> Thank you",
            "<r1@corp>",
        ),
    )
    dovecot.deliver("ana", mail("News <news@shop.example>", "Sale", "50% off", "<n1@shop>"))
    await wait_until(lambda: len(inbox.seen) == 1, "the reply was not reported")
    [reply] = inbox.seen
    assert (reply.user_id, reply.person_ids, reply.sender, reply.sender_name) == (
        ids["ana"],
        (ids["maria"],),
        MARIA,
        "Maria Garcia",
    )
    assert reply.snippet == "Hi Ana, Thanks, we'll be in touch next week."
    assert reply.received_at == datetime(2026, 11, 25, 15, tzinfo=UTC)
    assert not reply.auto_reply and reply.return_date is None and reply.message_id == "<r1@corp>"
    # A restart picks up where it was: nothing is reported twice, and the next reply still comes.
    await service.stop_watching()
    await service.start_watching(inbox)
    dovecot.deliver("ana", mail(f"Maria <{MARIA}>", "One more thing", "Also: bring your portfolio.", "<r2@corp>"))
    await wait_until(lambda: len(inbox.seen) == 2, "the second reply was not reported")
    assert inbox.subjects() == ["Re: Thank you for today", "One more thing"]
    assert all(b"\\Seen" not in line for line in dovecot.flags("ana")), "the watcher marked mail as read"


async def test_an_out_of_office_is_flagged_with_its_return_date_polling_too(world, dovecot, smtp):
    service, ids = world
    assert (await service.connect(ids["ana"], form(dovecot, smtp()))).ok
    sent = await service.send_draft(ids["ana"], 3, draft())
    inbox = Inbox()
    await service.start_watching(inbox, use_idle=False)  # the polling path
    # From another address (her assistant's autoresponder), but answering our Message-ID.
    dovecot.deliver(
        "ana",
        mail(
            "Corp Auto <noreply@corp.example>",
            "Automatic reply: Thank you for today",
            "I am out of the office until 7 December with limited access to email.",
            "<ooo@corp>",
            Auto_Submitted="auto-replied",
            In_Reply_To=sent.message_id,
        ),
    )
    await wait_until(lambda: inbox.seen, "the out-of-office was not reported")
    [reply] = inbox.seen
    assert reply.auto_reply and reply.return_date == date(2026, 12, 7)
    assert reply.followup_id == 3 and reply.person_ids == (ids["maria"],)


async def test_users_are_kept_apart_and_a_broken_mailbox_does_not_stop_the_others(world, dovecot, smtp):
    service, ids = world
    server = smtp()
    assert (await service.connect(ids["ana"], form(dovecot, server))).ok
    assert (await service.connect(ids["ben"], form(dovecot, server, user="ben"))).ok
    inbox = Inbox()
    await service.start_watching(inbox)
    # Maria writes to Ben too: she is not Ben's interviewer, so nothing is reported for Ben.
    dovecot.deliver("ben", mail(f"Maria <{MARIA}>", "For Ben", "Hello Ben", "<b1@corp>"))
    dovecot.deliver("ana", mail(f"Maria <{MARIA}>", "For Ana", "Hello Ana", "<a1@corp>"))
    await wait_until(lambda: inbox.seen, "Ana's reply was not reported")
    ben_id = await _mailbox_id(service, ids["ben"])
    for _ in range(400):  # Ben's watcher has looked at his new mail (its position moved past it)
        async with service.sessions() as session:
            if (await session.get(Mailbox, ben_id, populate_existing=True)).last_uid:
                break
        await asyncio.sleep(0.05)
    assert [(r.user_id, r.subject) for r in inbox.seen] == [(ids["ana"], "For Ana")]

    # Ben's stored password stops working; his watcher fails and backs off, Ana's keeps reporting.
    async with service.sessions() as session, session.begin():
        await session.execute(
            update(Mailbox).where(Mailbox.user_id == ids["ben"]).values(password_encrypted=service.vault.seal("wrong"))
        )
    service.watchers.watch(ben_id)
    await wait_until(lambda: service.watchers.tasks[ben_id].done() is False, "Ben's watcher gone")
    for _ in range(200):
        if (await service.describe(ids["ben"]))["status"] == MailboxStatus.FAILING:
            break
        await asyncio.sleep(0.05)
    ben = await service.describe(ids["ben"])
    assert ben["status"] == MailboxStatus.FAILING
    assert ben["last_error"].startswith("the incoming server 127.0.0.1 refused the user name or password")
    dovecot.deliver("ana", mail(f"Maria <{MARIA}>", "Still here", "Hello again", "<a2@corp>"))
    await wait_until(lambda: len(inbox.seen) == 2, "Ana's watcher stopped with Ben's")
    assert inbox.seen[1].subject == "Still here" and not service.watchers.tasks[ben_id].done()


async def _mailbox_id(service, user_id: int) -> int:
    async with service.sessions() as session:
        return await session.scalar(select(Mailbox.id).where(Mailbox.user_id == user_id))


async def test_two_bot_processes_never_report_a_reply_twice(world, dovecot, smtp):
    service, ids = world
    assert (await service.connect(ids["ana"], form(dovecot, smtp()))).ok
    inbox = Inbox()
    await service.start_watching(inbox)
    other_inbox = Inbox()  # a second bot process on the same database
    other = Watchers(service.sessions, service.signins, service.transport, service.clock, other_inbox, poll_seconds=0.3)
    await other.start()
    for n in range(3):
        dovecot.deliver("ana", mail(f"Maria <{MARIA}>", f"Reply {n}", "Hello", f"<p{n}@corp>"))
    await wait_until(lambda: len(inbox.seen) + len(other_inbox.seen) == 3, "replies missing")
    # The first process stops: the other takes over where it left off.
    await service.stop_watching()
    dovecot.deliver("ana", mail(f"Maria <{MARIA}>", "Reply 3", "Hello", "<p3@corp>"))
    await wait_until(lambda: len(inbox.seen) + len(other_inbox.seen) == 4, "the other process did not take over")
    await other.stop()
    subjects = sorted(inbox.subjects() + other_inbox.subjects())
    assert subjects == ["Reply 0", "Reply 1", "Reply 2", "Reply 3"], "a reply was reported twice or lost"
    assert other_inbox.subjects()[-1] == "Reply 3"


async def test_stopping_just_as_the_server_answers_a_poll_ends_the_watcher(world, dovecot, smtp, monkeypatch):
    # aioimaplib waits for every answer in `asyncio.wait_for`, which on Python 3.11 drops a cancel that lands
    # just as the answer came (it returns the answer instead). Stopped at that instant, a watcher used to
    # carry on polling, and stop() waited for it for ever (a test's teardown hung until its 300 s timeout).
    service, ids = world
    assert (await service.connect(ids["ana"], form(dovecot, smtp()))).ok
    mailbox_id = await _mailbox_id(service, ids["ana"])
    real_imap, polls = Transport.imap, []
    stopping: list[asyncio.Task] = []

    async def imap(transport, account):
        client = await real_imap(transport, account)
        command = client.protocol.simple_command

        async def answered_as_the_bot_stops(name, *args):
            response = await command(name, *args)
            if name == "NOOP":
                polls.append(name)
                if len(polls) == 2 and not stopping:  # the stop lands together with the server's answer
                    stopping.append(asyncio.create_task(service.stop_watching()))
            return response

        client.protocol.simple_command = answered_as_the_bot_stops
        return client

    monkeypatch.setattr(Transport, "imap", imap)
    await service.start_watching(Inbox(), use_idle=False)  # polls every 0.3 s, NOOP after each wait
    watcher = service.watchers.tasks[mailbox_id]
    await wait_until(lambda: stopping, "the watcher never polled twice")
    # Waited for without cancelling it: a cancel would end the watcher too (and hide the hang).
    done, _ = await asyncio.wait(stopping, timeout=10)  # one poll round at most, not for ever
    assert done, "stop() still waits for a watcher that went on polling"
    assert watcher.done() and service.watchers is None
    seen = len(polls)
    await asyncio.sleep(1)  # three poll rounds
    assert len(polls) == seen, "the watcher went on polling after stop()"
    async with service.sessions() as session:  # its lease is given up: another process may watch at once
        assert (await session.get(Mailbox, mailbox_id)).watcher is None
