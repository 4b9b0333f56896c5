"""The tables: users, conversation state, interviews, people, promises, follow-ups and reminders."""

from __future__ import annotations

import enum
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
    true,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class UTCDateTime(TypeDecorator[datetime]):
    """Aware datetimes in, aware UTC datetimes out, on SQLite (naive storage) and PostgreSQL alike."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def utcnow() -> datetime:
    return datetime.now(UTC)


NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class InterviewStatus(enum.StrEnum):
    DEBRIEFING = "debriefing"  # the debrief is in progress
    UPCOMING = "upcoming"  # registered before it happened
    ACTIVE = "active"  # debriefed; the ladder runs
    CLOSED = "closed"


class Outcome(enum.StrEnum):
    OFFER = "offer"
    REJECTED = "rejected"
    WITHDREW = "withdrew"
    NOT_INTERESTED = "not_interested"


class FollowUpKind(enum.StrEnum):
    THANK_YOU = "thank_you"
    SECOND_EMAIL = "second_email"
    FIRST_EMAIL = "first_email"  # the thank-you was skipped: the next email introduces, not follows up
    CALL = "call"
    SEND_PROMISED = "send_promised"  # what the user promised the employer
    CHASE_PROMISED = "chase_promised"  # what the employer promised the user
    PREPARE = "prepare"  # an hour before an upcoming interview
    DEBRIEF = "debrief"  # invitation to debrief after an upcoming interview


class FollowUpState(enum.StrEnum):
    PENDING = "pending"
    DONE = "done"
    SKIPPED = "skipped"
    REPLIED = "replied"  # stopped because the person answered
    CANCELLED = "cancelled"


class ReminderState(enum.StrEnum):
    SCHEDULED = "scheduled"
    SENDING = "sending"
    SENT = "sent"
    DONE = "done"
    CANCELLED = "cancelled"
    FAILED = "failed"  # given up after FOLLOWUP_MAX_DELIVERY_ATTEMPTS; the user is told once


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(200), unique=True)
    platform: Mapped[str] = mapped_column(String(20))
    display_name: Mapped[str] = mapped_column(String(200), default="")
    name: Mapped[str | None] = mapped_column(String(200))  # for signatures
    timezone: Mapped[str | None] = mapped_column(String(64))
    quiet_hours: Mapped[str | None] = mapped_column(String(20))  # None: the default setting
    country: Mapped[str | None] = mapped_column(String(2))  # ISO 3166; None: the time zone's country
    # The language model (bot/assist), when the operator turned it on: False once the user turned it off.
    use_model: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # The dispatcher's lease on this chat: no reminder is claimed for it before this time (another
    # process is sending to it, or the platform's per-chat interval has not passed yet).
    paced_until: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)


class Conversation(Base):
    """Where a user is in the chat; loaded at the start of a turn, saved at its end."""

    __tablename__ = "conversations"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    step: Mapped[str] = mapped_column(String(40))
    interview_id: Mapped[int | None] = mapped_column(ForeignKey("interviews.id", ondelete="SET NULL"))
    scratch: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    revision: Mapped[int] = mapped_column(Integer, default=1)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    # A second process that saved in between makes this turn fail and retry, so no answer is lost.
    __mapper_args__ = {"version_id_col": revision}


class Interview(Base):
    __tablename__ = "interviews"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    status: Mapped[str] = mapped_column(String(20), default=InterviewStatus.DEBRIEFING)
    company: Mapped[str | None] = mapped_column(Text)
    role: Mapped[str | None] = mapped_column(Text)
    happened_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    duration_minutes: Mapped[int] = mapped_column(Integer, default=60)
    open_questions: Mapped[str | None] = mapped_column(Text)
    challenges: Mapped[str | None] = mapped_column(Text)
    why_me: Mapped[str | None] = mapped_column(Text)
    assessment: Mapped[str | None] = mapped_column(String(10))  # well, mixed, rough
    clarification: Mapped[str | None] = mapped_column(Text)
    next_steps: Mapped[str | None] = mapped_column(Text)
    decision_on: Mapped[date | None] = mapped_column(Date)
    decision_text: Mapped[str | None] = mapped_column(Text)
    outcome: Mapped[str | None] = mapped_column(String(20))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    debriefed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # One-line versions of notes too long for an email, given by the user: {"challenges": "...", ...}.
    short_notes: Mapped[dict[str, str] | None] = mapped_column(JSON)
    # Each note as the check fixed it, kept so that reminders and later turns do not check it again:
    # {"v": what the debrief knew and which check, "f": {digest of the note: its fixed text}} (bot/drafts/draft.py).
    note_fixes: Mapped[dict | None] = mapped_column(JSON)
    # Each draft as it was last written, so that a reminder the same day shows it without writing it again:
    # {"<kind>:<person id>:<promise id>": [digest of all it was written from, the day included, to_name, to_email,
    # subject, body, left_out, kind]} (bot/drafts/store.py, `compose`).
    drafts_written: Mapped[dict | None] = mapped_column(JSON)

    # Loaded with the interview (selectin), since async sessions cannot load lazily.
    people: Mapped[list[Person]] = relationship(
        back_populates="interview",
        order_by="Person.id",
        cascade="all, delete-orphan",
        passive_deletes=True,
        lazy="selectin",
    )
    promises: Mapped[list[Promise]] = relationship(
        back_populates="interview",
        order_by="Promise.id",
        cascade="all, delete-orphan",
        passive_deletes=True,
        lazy="selectin",
    )


class Person(Base):
    __tablename__ = "people"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    interview_id: Mapped[int] = mapped_column(ForeignKey("interviews.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(Text)
    role: Mapped[str | None] = mapped_column(Text)
    email: Mapped[str | None] = mapped_column(String(320))
    phone: Mapped[str | None] = mapped_column(String(32))  # E.164
    # what was typed with the number besides it: an extension, "WhatsApp only", another number ("office 0161 ...")
    phone_note: Mapped[str | None] = mapped_column(Text)
    nickname: Mapped[str | None] = mapped_column(Text)  # the name they go by ("Gaz"): a promiser is matched by it too
    greeting: Mapped[str | None] = mapped_column(Text)  # as confirmed by the user; None: bot/common/names.py's guess
    replied_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    replied_after: Mapped[str | None] = mapped_column(String(20))  # the step that got the answer
    topic: Mapped[str | None] = mapped_column(Text)  # one thing the user discussed with them (optional)

    interview: Mapped[Interview] = relationship(back_populates="people")


class Promise(Base):
    """Something the user promised to send (mine) or the employer promised the user (theirs)."""

    __tablename__ = "promises"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    interview_id: Mapped[int] = mapped_column(ForeignKey("interviews.id", ondelete="CASCADE"), index=True)
    mine: Mapped[bool] = mapped_column(Boolean)
    what: Mapped[str] = mapped_column(Text)
    due_on: Mapped[date | None] = mapped_column(Date)
    # Who promised it (one of their promises); None when the user is not sure.
    person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    # Who promised it, as the user described someone who was no interviewer ("the recruiter who set it up").
    promised_by: Mapped[str | None] = mapped_column(Text)

    interview: Mapped[Interview] = relationship(back_populates="promises")


class FollowUp(Base):
    """One thing to do on the ladder: thank someone, send a second email, call, send, chase."""

    __tablename__ = "follow_ups"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    interview_id: Mapped[int] = mapped_column(ForeignKey("interviews.id", ondelete="CASCADE"), index=True)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    promise_id: Mapped[int | None] = mapped_column(ForeignKey("promises.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    state: Mapped[str] = mapped_column(String(20), default=FollowUpState.PENDING)
    deadline: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    done_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class DraftState(enum.StrEnum):
    OFFERED = "offered"  # another version was asked for; not confirmed yet
    APPROVED = "approved"  # "Looks good": the words follow the notes and details
    EDITED = "edited"  # the user's own text: kept as written (the To: line and greeting still follow)


class StoredDraft(Base):
    """The user's choice about one draft: the version picked, approved, or their own edited text.

    One row per interview, person (or promise) and kind (a FollowUpKind value: thank-you, second email,
    a chase); the text of a draft without a row, or with an offered or approved one, is written afresh.
    """

    __tablename__ = "drafts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    interview_id: Mapped[int] = mapped_column(ForeignKey("interviews.id", ondelete="CASCADE"), index=True)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    promise_id: Mapped[int | None] = mapped_column(ForeignKey("promises.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    state: Mapped[str] = mapped_column(String(20), default=DraftState.OFFERED)
    variant: Mapped[int] = mapped_column(Integer, default=0)  # which phrasings the writer picks
    subject: Mapped[str] = mapped_column(Text, default="")
    body: Mapped[str] = mapped_column(Text, default="")
    greeted: Mapped[str | None] = mapped_column(Text)  # the name the edited body greets, to follow corrections
    # "model": the body was written by the language model and passed the checks (kept as written, like an edit)
    written_by: Mapped[str | None] = mapped_column(String(20))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Reminder(Base):
    """A message the bot owes the user at a time; the dispatcher claims and sends due rows."""

    __tablename__ = "reminders"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    follow_up_id: Mapped[int] = mapped_column(ForeignKey("follow_ups.id", ondelete="CASCADE"), index=True)
    platform: Mapped[str] = mapped_column(String(20))
    label: Mapped[str] = mapped_column(String(20), default="")  # "first", "last_call", ""
    due_at: Mapped[datetime] = mapped_column(UTCDateTime)  # when it is planned
    send_after: Mapped[datetime] = mapped_column(UTCDateTime)  # when it may be claimed (backoff)
    state: Mapped[str] = mapped_column(String(20), default=ReminderState.SCHEDULED)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    claimed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    late: Mapped[bool] = mapped_column(Boolean, default=False)
    last_error: Mapped[str | None] = mapped_column(Text)
    failure_told: Mapped[bool] = mapped_column(Boolean, default=False)  # for state failed: was the user told

    # The claim's whole ORDER BY (send_after, id), so a scan of due rows stops at its LIMIT (migration 0008).
    __table_args__ = (Index("ix_reminders_due", "state", "platform", "send_after", "id"),)


class DeliveryBudget(Base):
    """A platform's global send budget, shared by every process: the next free send slot."""

    __tablename__ = "delivery_budget"

    platform: Mapped[str] = mapped_column(String(20), primary_key=True)
    next_slot: Mapped[datetime] = mapped_column(UTCDateTime)


class ProcessedEvent(Base):
    """Platform event ids already handled, so a redelivered update changes nothing twice."""

    __tablename__ = "processed_events"

    event_key: Mapped[str] = mapped_column(String(200), primary_key=True)
    seen_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)


class MailboxStatus(enum.StrEnum):
    OK = "ok"  # the last connection worked
    FAILING = "failing"  # the watcher keeps failing; last_error says why in the user's words
    SIGNED_OUT = "signed_out"  # the provider revoked the sign-in: nothing is sent until the user signs in again


class MailboxAuth(enum.StrEnum):
    PASSWORD = "password"  # noqa: S105 - a way to sign in, not a password
    MICROSOFT = "microsoft"  # OAuth 2.0 (device code), XOAUTH2 with an access token
    GOOGLE = "google"  # OAuth 2.0 (authorization code with PKCE), XOAUTH2 with an access token


class Mailbox(Base):
    """A user's own mailbox (opt-in): where their drafts are sent from and replies are noticed."""

    __tablename__ = "mailboxes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), unique=True)
    address: Mapped[str] = mapped_column(String(320))
    smtp_host: Mapped[str] = mapped_column(String(255))
    smtp_port: Mapped[int] = mapped_column(Integer)
    smtp_security: Mapped[str] = mapped_column(String(10))  # tls, starttls, or plain (loopback only)
    imap_host: Mapped[str] = mapped_column(String(255))
    imap_port: Mapped[int] = mapped_column(Integer)
    imap_security: Mapped[str] = mapped_column(String(10))
    username: Mapped[str] = mapped_column(String(320))
    password_encrypted: Mapped[bytes] = mapped_column(LargeBinary)  # Fernet token; never logged or exported
    # How it signs in; for OAuth, `password_encrypted` seals the access and refresh tokens (bot/mailbox/oauth.py).
    auth: Mapped[str] = mapped_column(String(20), default=MailboxAuth.PASSWORD, server_default="password")
    copy_to_sent: Mapped[bool] = mapped_column(Boolean, default=True)  # False: the server files sent mail itself
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    uid_validity: Mapped[int | None] = mapped_column(BigInteger)  # INBOX UIDVALIDITY the last UID belongs to
    last_uid: Mapped[int | None] = mapped_column(BigInteger)  # the last INBOX UID looked at
    status: Mapped[str] = mapped_column(String(20), default=MailboxStatus.OK)
    last_error: Mapped[str | None] = mapped_column(Text)  # user-facing words, never a server's raw reply
    checked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Which bot process watches this inbox, until when: several processes never report a reply twice.
    watcher: Mapped[str | None] = mapped_column(String(100))
    watch_until: Mapped[datetime | None] = mapped_column(UTCDateTime)

    def __repr__(self) -> str:  # the encrypted password stays out of logs and tracebacks too
        return f"Mailbox(id={self.id!r}, user_id={self.user_id!r}, address={self.address!r})"


class SentMailState(enum.StrEnum):
    SENDING = "sending"  # written before the SMTP transaction: a crash leaves this behind
    SENT = "sent"


class SentMail(Base):
    """An email sent from a user's mailbox; its Message-ID links replies back to the follow-up."""

    __tablename__ = "sent_mails"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    followup_id: Mapped[int | None] = mapped_column(Integer)  # the follow-up (step) row it carried out
    message_id: Mapped[str] = mapped_column(String(255), unique=True)
    recipient: Mapped[str] = mapped_column(String(320))
    subject: Mapped[str] = mapped_column(Text)
    state: Mapped[str] = mapped_column(String(10), default=SentMailState.SENDING)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    attempt_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)  # when the SMTP transaction began
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    # One email per follow-up: a second "Send now" finds this row instead of sending again.
    __table_args__ = (UniqueConstraint("user_id", "followup_id", name="uq_sent_mails_user_followup"),)
