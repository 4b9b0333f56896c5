"""The mailbox in the chat, against real servers (aiosmtpd, Dovecot) on SQLite and PostgreSQL.

Through the chat driver as a new user would: /mailbox with a wrong password (the exact words) then the
right one; Send now on a thank-you reaches the SMTP server once and marks the step done, and so does Send
now on the chase of what an interviewer promised (offered only when it is known who, with an address); an
interviewer's reply in the IMAP inbox stops their ladder and the chat says so (and "Not a real reply" undoes
it); an out-of-office leaves the ladder alone and moves the next reminder after the return date.
"""

from __future__ import annotations

import json
from datetime import datetime

import pytest
import pytest_asyncio
from sqlalchemy import select

from bot.app import Followup
from bot.common.events import Reply
from bot.store.models import FollowUp, FollowUpKind, FollowUpState, Person, Reminder, ReminderState, SentMail
from tests.support.driver import ChatUser
from tests.support.mailservers import USERS, client_context, mail, mail_settings, wait_until
from tests.support.recording import RecordingSender
from tests.support.scripts import debrief, onboard

pytest_plugins = ["tests.support.mailservers"]  # the dovecot and smtp fixtures

pytestmark = pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS:UserWarning")

ADDRESS = "ana@mail.example"


@pytest_asyncio.fixture
async def mail_app(db_url, tmp_path, clock, dovecot):
    settings = mail_settings(db_url, tmp_path)
    app = Followup(settings, clock, mail_tls=client_context(dovecot.cert))
    sender = RecordingSender()
    app.add_sender(sender)
    yield app, sender
    await app.stop()


async def connect(ana: ChatUser, dovecot, server, password: str = USERS["ana"]) -> ChatUser:
    await ana.says("/mailbox")
    ana.expect("Which email address")
    await ana.says(ADDRESS)
    ana.expect("sending (SMTP) server")
    await ana.says(f"127.0.0.1:{server.port} starttls")
    ana.expect("reading (IMAP) server")
    await ana.says(f"127.0.0.1:{dovecot.starttls_port}")
    ana.expect("user name")
    await ana.says("ana")
    ana.expect("app password")
    return await ana.says(password)


async def test_connect_says_what_failed_then_saves_and_shows_no_password(mail_app, dovecot, smtp):
    app, _ = mail_app
    server = smtp("starttls")
    ana = await onboard(ChatUser(app, "ana", name="Ana"))
    await connect(ana, dovecot, server, password="not-it")
    ana.expect("couldn't connect, so nothing was saved", "The sending server 127.0.0.1 refused the user name")
    assert await app.mailbox.describe(ana_id := await user_id(app, "console:ana")) is None
    await ana.says(USERS["ana"])  # asked again: the right one
    ana.expect(f"Connected {ADDRESS}: sending and reading both work", "Send now")
    assert (await app.mailbox.describe(ana_id))["address"] == ADDRESS

    await ana.says("/mailbox")
    ana.expect(f"Your mailbox: {ADDRESS}", f"127.0.0.1:{server.port} (STARTTLS)")
    assert [b.label for b in ana.buttons] == ["Disconnect", "Connect another", "Keep it"]
    assert all(USERS["ana"] not in r.text for r in ana.seen)

    await ana.says("/export")
    [export] = [f for r in ana.last for f in r.files if f.filename.endswith(".json")]
    data = json.loads(export.content)
    assert data["mailbox"]["address"] == ADDRESS and USERS["ana"] not in export.content.decode()

    await ana.says("/mailbox")
    await ana.taps("Disconnect")
    ana.expect("Disconnected")
    assert await app.mailbox.describe(ana_id) is None


async def test_mailbox_is_off_without_the_secret_key(app):
    ana = await onboard(ChatUser(app, "ana", name="Ana"))
    await ana.says("/mailbox")
    ana.expect("turned off", "FOLLOWUP_SECRET_KEY")


async def user_id(app, key: str) -> int:
    from bot.store.models import User

    async with app.sessions() as session:
        return await session.scalar(select(User.id).where(User.key == key))


async def reminder_for(sender: RecordingSender, name: str) -> Reply:
    return next(r for _, r in reversed(sender.sent) if f"thank-you email to {name}" in r.text)


async def ready(app, sender, clock, dovecot, server, **answers) -> ChatUser:
    ana = await onboard(ChatUser(app, "ana", name="Ana"))
    await connect(ana, dovecot, server)
    ana.expect("Connected")
    await debrief(ana, when="just now", write_drafts=True, **answers)
    clock.advance(hours=2)
    assert await app.dispatch_due() == 2
    return ana


async def follow_ups(app, name: str) -> list[FollowUp]:
    async with app.sessions() as session:
        person = await session.scalar(select(Person).where(Person.name == name))
        return list(
            await session.scalars(select(FollowUp).where(FollowUp.person_id == person.id).order_by(FollowUp.id))
        )


async def test_send_now_sends_once_marks_done_and_plans_the_next_rung(mail_app, clock, dovecot, smtp):
    app, sender = mail_app
    server = smtp("starttls")
    ana = await ready(app, sender, clock, dovecot, server)
    reminder = await reminder_for(sender, "Jane Doe")
    assert reminder.buttons[0].label == "Send now"
    ana.buttons = list(reminder.buttons)
    await ana.taps("Send now")
    ana.expect("Send to Jane Doe <jane@acme.example>?")
    send = next(b for b in ana.buttons if b.label == "Send")
    await ana.sends_action(send.action)
    ana.expect("Sent to Jane Doe <jane@acme.example> from ana@mail.example", "Marked as sent", "second email")
    assert len(server.recorder.accepted) == 1
    _, recipients, body = server.recorder.accepted[0]
    assert recipients == ["jane@acme.example"] and b"Subject:" in body
    await ana.sends_action(send.action)  # a repeated tap
    ana.expect("already marked done")
    assert len(server.recorder.accepted) == 1
    thank_you, second = await follow_ups(app, "Jane Doe")
    assert thank_you.state == FollowUpState.DONE and second.kind == FollowUpKind.SECOND_EMAIL
    assert second.state == FollowUpState.PENDING
    async with app.sessions() as session:
        sent = await session.scalar(select(SentMail).where(SentMail.followup_id == thank_you.id))
    assert sent.message_id.encode() in body

    # Cancel leaves everything as it was; a refused recipient says why and changes nothing.
    bob = await reminder_for(sender, "Bob Stone")
    ana.buttons = list(bob.buttons)
    await ana.taps("Send now")
    await ana.taps("Cancel")
    ana.expect("Not sent")
    server.recorder.refuse.add("bob@acme.example")
    ana.buttons = list(bob.buttons)
    await ana.taps("Send now")
    await ana.sends_action(next(b for b in ana.buttons if b.label == "Send").action)
    ana.expect("Not sent:", "refused the recipient's address", "Nothing changed")
    [bob_thanks] = await follow_ups(app, "Bob Stone")
    assert bob_thanks.state == FollowUpState.PENDING and len(server.recorder.accepted) == 1


async def chase_of(app, sender, clock) -> tuple[Reply, FollowUp]:
    """The reminder to ask for what they promised (due days after the interview) and its follow-up."""
    clock.advance(days=6)
    await app.dispatch_due()
    reminder = next(r for _, r in reversed(sender.sent) if "promised you “client case studies”" in r.text)
    async with app.sessions() as session:
        chase = await session.scalar(select(FollowUp).where(FollowUp.kind == FollowUpKind.CHASE_PROMISED))
    return reminder, chase


async def test_send_now_on_a_chase_asks_the_promiser_once_and_marks_it_asked(mail_app, clock, dovecot, smtp):
    from email import message_from_bytes, policy

    from bot.drafts import store as draft_store
    from bot.store.models import User

    app, sender = mail_app
    server = smtp("starttls")
    ana = await ready(app, sender, clock, dovecot, server, promised_by="Bob Stone")
    # Bob's thank-you goes out first, so the chase could answer it; it starts its own thread instead.
    ana.buttons = list((await reminder_for(sender, "Bob Stone")).buttons)
    await ana.taps("Send now")
    await ana.sends_action(next(b for b in ana.buttons if b.label == "Send").action)
    ana.expect("Sent to Bob Stone <bob@acme.example>", "Marked as sent")
    assert len(server.recorder.accepted) == 1

    reminder, chase = await chase_of(app, sender, clock)
    assert reminder.buttons[0].label == "Send now"
    await ana.sends_action(next(b.action for b in reminder.buttons if b.label == "Show draft"))
    assert "Send now" in [b.label for b in ana.last[0].buttons]  # the draft shown offers it too
    async with app.sessions() as session:
        draft = await draft_store.current_draft(session, chase, await session.get(User, chase.user_id), clock())
        pending = set(await session.scalars(select(FollowUp.id).where(FollowUp.state == FollowUpState.PENDING)))
    assert draft.to_email == "bob@acme.example" and "client case studies" in draft.body

    ana.buttons = list(reminder.buttons)
    await ana.taps("Send now")
    ana.expect("Send to Bob Stone <bob@acme.example>?", f"Subject: {draft.subject}")
    send = next(b for b in ana.buttons if b.label == "Send")
    await ana.sends_action(send.action)
    ana.expect("Sent to Bob Stone <bob@acme.example> from ana@mail.example", "Marked as asked")
    assert "ladder" not in ana.text and "remind you" not in ana.text  # no next rung after a chase
    assert len(server.recorder.accepted) == 2
    _, recipients, raw = server.recorder.accepted[1]
    message = message_from_bytes(raw, policy=policy.default)
    assert recipients == ["bob@acme.example"] and message["To"].addresses[0].addr_spec == "bob@acme.example"
    assert message["Subject"] == draft.subject
    assert message.get_body().get_content().replace("\r\n", "\n").strip() == draft.body.strip()
    assert message["In-Reply-To"] is None and message["References"] is None  # a new thread, see mailchat

    await ana.sends_action(send.action)  # a repeated tap
    ana.expect("already marked done")
    assert len(server.recorder.accepted) == 2
    async with app.sessions() as session:
        done = await session.get(FollowUp, chase.id)
        sent = await session.scalar(select(SentMail).where(SentMail.followup_id == chase.id))
        still = set(await session.scalars(select(FollowUp.id).where(FollowUp.state == FollowUpState.PENDING)))
    assert done.state == FollowUpState.DONE and done.done_at is not None
    assert still == pending - {chase.id}  # nothing new planned
    assert sent.recipient == "bob@acme.example" and sent.message_id == message["Message-ID"]


@pytest.mark.parametrize("case", ["promiser unknown", "promiser without an address"])
async def test_no_send_now_on_a_chase_without_the_promisers_address(case, mail_app, clock, dovecot, smtp):
    from bot.common import actions
    from bot.common import texts as t
    from bot.common.actions import ReminderOp as Op
    from tests.support.scripts import PEOPLE

    app, sender = mail_app
    server = smtp("starttls")
    if case == "promiser unknown":
        ana = await ready(app, sender, clock, dovecot, server)  # "Not sure" who promised it
        refusal = t.FOREIGN_BUTTON
    else:
        people = [PEOPLE[0], ("Bob Stone", "Tech lead", None, None)]
        ana = await ready(app, sender, clock, dovecot, server, people=people, promised_by="Bob Stone")
        refusal = "I don't have an email address for Bob Stone. Nothing was sent."
    reminder, chase = await chase_of(app, sender, clock)
    assert "Send now" not in [b.label for b in reminder.buttons]
    await ana.sends_action(next(b.action for b in reminder.buttons if b.label == "Show draft"))
    assert ana.last[0].files and "Send now" not in [b.label for b in ana.last[0].buttons]

    # A Send now made up for it (or left from before the details changed) sends nothing either.
    async with app.sessions() as session:
        reminder_id = await session.scalar(select(Reminder.id).where(Reminder.follow_up_id == chase.id))
    await ana.sends_action(actions.reminder(reminder_id, Op.SEND_NOW))
    ana.expect(refusal)
    assert server.recorder.accepted == []
    async with app.sessions() as session:
        assert (await session.get(FollowUp, chase.id)).state == FollowUpState.PENDING


async def test_a_reply_stops_the_ladder_and_an_out_of_office_does_not(mail_app, clock, dovecot, smtp):
    app, sender = mail_app
    server = smtp("starttls")
    ana = await ready(app, sender, clock, dovecot, server)
    ana.buttons = list((await reminder_for(sender, "Jane Doe")).buttons)
    await ana.taps("Send now")
    await ana.sends_action(next(b for b in ana.buttons if b.label == "Send").action)
    async with app.sessions() as session:
        message_id = await session.scalar(select(SentMail.message_id))
    await app.mailbox.start_watching(app.on_mail_reply)
    sender.take()

    # Jane answers the thank-you.
    dovecot.deliver(
        "ana",
        mail("Jane Doe <jane@acme.example>", "Re: Thank you", "Thanks, we'll be in touch soon.", "<j1@acme>",
             In_Reply_To=message_id),
    )  # fmt: skip
    await wait_until(lambda: any("replied" in text for text in sender.texts()), "the reply was not told")
    told = next(r for r in sender.take() if "replied" in r.text)
    assert "Jane Doe (Acme <Corp> & Co) replied" in told.text and "Thanks, we'll be in touch soon." in told.text
    # It answers the thank-you (In-Reply-To), although the second email was already planned.
    assert "to your thank-you email" in told.text
    assert [b.label for b in told.buttons] == ["Open the debrief", "Not a real reply"]
    assert all(f.state != FollowUpState.PENDING for f in await follow_ups(app, "Jane Doe"))
    await ana.says("/stats")
    ana.expect("replied after the thank-you: 1", "replied after the second email: 0")

    # Bob's autoresponder: the ladder stays, the next reminder moves after his return.
    dovecot.deliver(
        "ana",
        mail("Bob Stone <bob@acme.example>", "Automatic reply: Thank you", "Out of the office, back on 14 December.",
             "<b1@acme>", Auto_Submitted="auto-replied"),
    )  # fmt: skip
    await wait_until(lambda: any("is away" in text for text in sender.texts()), "the out-of-office was not told")
    assert "back Monday 14 December" in sender.texts()[-1]
    [bob] = await follow_ups(app, "Bob Stone")
    assert bob.state == FollowUpState.PENDING
    async with app.sessions() as session:
        due = await session.scalars(
            select(Reminder.send_after).where(
                Reminder.follow_up_id == bob.id, Reminder.state == ReminderState.SCHEDULED
            )
        )
        assert all(moment.date() > datetime(2026, 12, 14).date() for moment in due)

    # "Not a real reply": Jane's reminders come back.
    ana.buttons = list(told.buttons)
    await ana.taps("Open the debrief")
    ana.expect("Jane Doe")
    await ana.taps("Not a real reply")
    ana.expect("not a real reply from Jane Doe", "Next reminder about them")
    assert any(f.state == FollowUpState.PENDING for f in await follow_ups(app, "Jane Doe"))


def test_servers_are_read_as_host_port_and_security_with_clear_answers():
    from bot.common.parsing.text import Invalid
    from bot.mailbox.connect_servers import parse_server
    from bot.mailbox.noticed import ago

    assert parse_server("smtp.example.com:465", implicit_port=465, what="x") == ("smtp.example.com", 465, "tls")
    assert parse_server("smtp.example.com:587", implicit_port=465, what="x") == ("smtp.example.com", 587, "starttls")
    assert parse_server("[::1]:1025 plain", implicit_port=465, what="x") == ("::1", 1025, "plain")
    assert parse_server("imap.example.com:143 SSL", implicit_port=993, what="x")[2] == "tls"
    for bad, words in (
        ("smtp.example.com", "is not host:port"),
        ("smtp.example.com:99999", "is not host:port"),
        ("smtp.example.com:465 maybe", "not a security I know"),
        ("", "as host:port"),
    ):
        with pytest.raises(Invalid, match=words):
            parse_server(bad, implicit_port=465, what="sending server")
    now = datetime(2026, 11, 25, 15, 0)
    assert ago(datetime(2026, 11, 25, 14, 50), now) == "10 minutes ago"
    assert ago(datetime(2026, 11, 25, 14, 59, 30), now) == "just now"
    assert ago(datetime(2026, 11, 25, 12, 0), now) == "3 hours ago"
    assert ago(datetime(2026, 11, 23, 15, 0), now) == "2 days ago"


async def test_after_a_crash_mid_send_the_chat_asks_before_sending_again(mail_app, clock, dovecot, smtp):
    """An attempt cut off between the SMTP hand-over and the database (left as a `sending` row): the bot
    looks in Sent, doesn't find it, and asks; only "Send it again" sends, once."""
    from bot.store.models import SentMailState

    app, sender = mail_app
    server = smtp("starttls")
    ana = await ready(app, sender, clock, dovecot, server)
    reminder = await reminder_for(sender, "Jane Doe")
    [thank_you] = await follow_ups(app, "Jane Doe")
    async with app.sessions() as session, session.begin():
        session.add(
            SentMail(
                user_id=thank_you.user_id,
                followup_id=thank_you.id,
                message_id="<cut-off@mail.example>",
                recipient="jane@acme.example",
                subject="Thank you",
                state=SentMailState.SENDING,
                created_at=clock(),
                attempt_at=clock(),
            )
        )
    clock.advance(minutes=5)  # the attempt's lease is over: nobody is sending it any more
    ana.buttons = list(reminder.buttons)
    await ana.taps("Send now")
    await ana.sends_action(next(b for b in ana.buttons if b.label == "Send").action)
    ana.expect("can't tell whether it went out", "Sent folder")
    assert server.recorder.accepted == [] and (await follow_ups(app, "Jane Doe"))[0].state == FollowUpState.PENDING
    await ana.taps("Send it again")
    ana.expect("Sent to Jane Doe", "Marked as sent")
    assert len(server.recorder.accepted) == 1
    assert b"<cut-off@mail.example>" in server.recorder.accepted[0][2]  # the same Message-ID as the first try
    assert (await follow_ups(app, "Jane Doe"))[0].state == FollowUpState.DONE


async def test_a_reply_is_credited_to_the_email_it_answers(mail_app, clock, dovecot, smtp):
    """In-Reply-To or References first, then the latest email the person got; never a step not yet taken."""
    from bot.followups.lookups import rung_answered

    app, sender = mail_app
    ana = await ready(app, sender, clock, dovecot, smtp("starttls"))
    [thank_you] = await follow_ups(app, "Jane Doe")
    [bob] = await follow_ups(app, "Bob Stone")
    async with app.sessions() as session, session.begin():
        # Nothing done yet: a reply can only answer the first rung.
        assert await rung_answered(session, thank_you.person_id) == FollowUpKind.THANK_YOU
        row = await session.get(FollowUp, thank_you.id)
        row.state, row.done_at = FollowUpState.DONE, clock()
        second = FollowUp(
            user_id=row.user_id, interview_id=row.interview_id, person_id=row.person_id,
            kind=FollowUpKind.SECOND_EMAIL, state=FollowUpState.PENDING,
        )  # fmt: skip
        session.add(second)
        await session.flush()
        # The second email is planned, not sent: the reply answers the thank-you.
        assert await rung_answered(session, row.person_id) == FollowUpKind.THANK_YOU
        second.state, second.done_at = FollowUpState.DONE, clock()
        clock.advance(minutes=1)
        # Sent too: a reply that names nothing answers the latest; one that quotes the thank-you, the thank-you.
        assert await rung_answered(session, row.person_id) == FollowUpKind.SECOND_EMAIL
        assert await rung_answered(session, row.person_id, thank_you.id) == FollowUpKind.THANK_YOU
        # A follow-up of someone else never counts for this person.
        assert await rung_answered(session, row.person_id, bob.id) == FollowUpKind.SECOND_EMAIL
    assert ana is not None
