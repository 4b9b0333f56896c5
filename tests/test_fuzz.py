"""Hostile and odd input: a hypothesis state machine drives the core for three users in random order.

Three users (console, Telegram, Slack) each carry a marker (``qzxa``, ``qzxb``, ``qzxc``) in everything
they tell the bot. They answer questions sensibly, type hostile text (empty, whitespace, 10,000
characters, control characters, emoji, right-to-left, HTML and Markdown), send commands, tap their own
buttons old and new, other users' buttons and forged actions, while time passes and reminders go out.
After every turn:

- the core answered without raising, with at least one non-empty reply;
- no reply, button, file or reminder to one user carries another user's marker;
- every button fits the platforms: a well-formed action of at most 64 bytes, a non-empty label;
- no other user's rows changed, and a notice-only answer (a stale, forged or foreign tap) changed none;
- the user's stored answers changed only where the question they were at owns them (or by /cancel of
  an unfinished debrief, or by /delete confirmed), and an accepted answer is stored exactly;
- a foreign reminder or interview id gets the same words as an id that does not exist.

Each example starts at START from an empty database or a seasoned one (three users with finished,
closed, upcoming and half-done debriefs). Long runs (up to 15 or 20 steps) and many short bursts (up to 2)
run on an SQLite file, a smaller long run on PostgreSQL; seeds are fixed, so CI is repeatable.
The three runs carry the `fuzz` marker (`-m "not fuzz"` leaves them out, `-m fuzz` runs only them).
FOLLOWUP_FUZZ_SCALE sets their size: `full` (10,020 examples, the default under CI=true), `quick` (541: a
tenth of the long SQLite run, a twentieth of the bursts and of the PostgreSQL run; the default otherwise) or a factor such as 0.5; FOLLOWUP_FUZZ_SHRINK=0 skips shrinking a failure (which
can take minutes).
"""

from __future__ import annotations

import asyncio
import email
import json
import os
import re
import shutil
from collections import Counter
from collections.abc import Mapping
from email import policy
from typing import Any, ClassVar

import pytest
from hypothesis import HealthCheck, Phase, seed
from hypothesis import settings as hsettings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, get_state_machine_test, initialize, rule
from sqlalchemy import Engine
from sqlalchemy import text as sql

from bot.app import Followup
from bot.common import actions
from bot.common.clock import FakeClock
from bot.common.events import MAX_ACTION_BYTES, Button, Incoming, Reply, Who, scrub_text
from bot.common.parsing.dates import FUTURE
from bot.common.parsing.text import MAX_ANSWER_CHARS, Invalid
from bot.conversation import fields as field_layer
from bot.conversation.flows import SECTION, UPCOMING_STATES, State
from bot.conversation.flows.people import read_person_answer
from bot.conversation.flows.personal import clean_topic
from bot.service.config import Settings
from bot.service.retention import erase_contact_details
from bot.store.db import make_sync_engine
from bot.store.models import Base
from tests.support.databases import IN_CI, START, truncate
from tests.support.driver import ChatUser
from tests.support.ownership import all_rows, by_owner
from tests.support.recording import RecordingSender
from tests.support.scripts import debrief, onboard

SCALES = {"full": 1.0, "quick": 0.1}  # quick: the fixed seeds still reach every place the runs check
# At the quick scale the PostgreSQL run takes half of that again (6 examples): its fixed seeds still reach every
# place it checks; the long SQLite run keeps its 80 and the bursts their 910 (with 455 the bursts' fixed seeds
# stopped deleting an account once "nothing" typed at the next person's name ended the list).
QUICK_SHARE = {"SqliteChats": 1.0, "SqliteBursts": 1.0, "PostgresChats": 0.5}


def fuzz_scale(environ: Mapping[str, str] = os.environ) -> float:
    """FOLLOWUP_FUZZ_SCALE (full, quick or a factor); without it, full under CI=true and quick otherwise."""
    raw = environ.get("FOLLOWUP_FUZZ_SCALE", "").strip().lower() or ("full" if IN_CI else "quick")
    try:
        scale = SCALES[raw] if raw in SCALES else float(raw)
    except ValueError:
        raise pytest.UsageError(f"FOLLOWUP_FUZZ_SCALE={raw!r}: use full, quick or a positive number") from None
    if scale <= 0:
        raise pytest.UsageError(f"FOLLOWUP_FUZZ_SCALE={raw!r}: use full, quick or a positive number")
    return scale


SCALE = fuzz_scale()
# Shrinking a long stateful failure replays the bot thousands of times; FOLLOWUP_FUZZ_SHRINK=0 skips it.
PHASES = [p for p in Phase if os.environ.get("FOLLOWUP_FUZZ_SHRINK", "1") != "0" or p != Phase.shrink]
USERS = (
    Who("console", "ana", "Ana Qzxa"),
    Who("telegram", "4242", "Ben Qzxb"),
    Who("slack", "T1:U3", "Cy Qzxc 🌵"),
)
MARKS = {u.key: f"qzx{c}" for u, c in zip(USERS, "abc", strict=True)}
STATS: Counter[str] = Counter()

# ---- what users send ------------------------------------------------------------------------

SPECIAL_TEXTS = [
    "", " ", "   \n\t  ", "\u200b", "\x00", "\x00\x01\x1b[31m\x7f", "\r\n", "\ufeff", "\n" * 300,
    "<script>alert('x')</script>", "<b>bold</b> &amp; &lt;i&gt;", "*bold* _it_ `code` ```block``` [a](http://e.x) ~s~",
    "# heading\n- item\n> quote", "\\", "%s %d {0} {name} {{x}}", "'; DROP TABLE users; --",
    "שלום, עולם", "مرحبا \u202eevil\u202c", "\u200f\u200e", "🙂" * 50, "👩‍👩‍👧‍👦🏳️‍🌈🇩🇪", "Zoë Ñúñez naïve café",
    "a" * 10_000, "x" * (MAX_ANSWER_CHARS + 1), "é" * MAX_ANSWER_CHARS, "\ud800", "a\udfffb",
    "/", "//new", "/ new", "/new@followup_bot", "/NEW", "/start extra words", "/export please", "/delete now",
    "@everyone <@U123> <!channel>", "1", "0", "-1", "99", "Yes, delete everything", "That's everyone",
    "Write the drafts", "just now", "tomorrow 10:00", "Berlin", "nothing", "not sure",
]  # fmt: skip
HOSTILE = st.one_of(
    st.sampled_from(SPECIAL_TEXTS),
    st.text(max_size=40),
    st.text(st.characters(categories=["Cc", "Cf", "Zs", "Zl", "Mn", "So", "Cs"]), max_size=20),
).filter(lambda s: "qzx" not in s.casefold())
# What a platform may say about a person: first names with NUL and escapes, bidi tricks, endless names,
# lone surrogates; and time zone hints just as bad. The core must store them cleaned, on both databases.
PROFILE_NAMES = st.one_of(
    st.sampled_from(
        [
            "\x00",
            "Ann\x00e",
            "Bo\x1b[31mb\x7f",
            "\u202eevil\u202c Eve",
            "Zoë\r\nNew\tLine",
            "\ud800x",
            "",
            " ",
            "n" * 500,
        ]
    ),
    st.text(max_size=300),
    st.text(st.characters(categories=["Cc", "Cf", "Cs", "Zl", "Zp", "L"]), max_size=40),
).filter(lambda s: "qzx" not in s.casefold())
PROFILE_TZ = st.sampled_from([None, "Europe/Berlin\x00", "\x00", "Asia/Tokyo", "x" * 5000, "\ud800", "UTC\n+1"])
UNCLEAN = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff\u202a-\u202e\u2066-\u2069]")
COMMANDS = st.sampled_from(
    [
        *[
            "/new",
            "/back",
            "/skip",
            "/cancel",
            "/start",
            "/help",
            "/interviews",
            "/stats",
            "/settings",
            "/export",
            "/delete",
            "/upcoming",
        ],
        "/frobnicate",
        "/help@followup_bot",
        "/CANCEL",
        "/new extra",
    ]
)
OPS = ["d", "k", "y", "s1", "sm", "v", "db", "close", "o", "delete", "keep", "new", "upc", "help", "all", "add"]
OPS += ["drafts", "e_mine", "e_people", "e_company", "rm_1", "rm_2", "well", "rough", "ns", "none", "nodate", "zz"]
OPS += ["sn", "sy", "sa", "sx", "nr", "open", "secret"]  # Send now, mail replies, a private prompt
FORGED = st.one_of(
    st.builds(
        lambda kind, ref, op, arg: f"{kind}:{ref}:{op}" + (f":{arg}" if arg else ""),
        st.sampled_from("cruimx"),
        st.integers(0, 30) | st.sampled_from([2**31 - 1, 2**31, 10**17, 10**18 - 1, 10**19, -1]),
        st.sampled_from(OPS),
        st.sampled_from([None, None, "offer", "rejected", "withdrew", "not_interested", "x"]),
    ),
    st.text(max_size=80),
    st.sampled_from(
        [
            "",
            ":",
            "c::",
            "r:-1:d",
            "r:1:d:offer",
            "i:1:o:offer:extra",
            "u:0:delete",
            "c:1:DROP",
            "r:1:d\n",
            "c:٣:all",
            "c:1:all\n",
            "i:1:o:offer\n",
            " c:1:all",
            "r:0001:d",
            "x" * 65,
            "é" * 40,
        ]
    ),
)
WELL_FORMED = r"[cruifpdm]:[0-9]{1,18}:[a-z0-9_]{1,24}(:[a-z0-9_]{1,24})?"


def sensible(step: str | None, mark: str, n: int) -> st.SearchStrategy[str]:
    """A reasonable typed answer to the question at `step` (it carries the user's marker)."""
    note = (
        f"note {mark} {n}: how <b>Kafka</b> & *streams* fit the on-call rota, שלום 🎉, and what the first 90 days hold"
    )
    table = {
        State.ASK_NAME: st.sampled_from([f"Name {mark}", f"Zoë {mark} 🌸"]),
        State.ASK_TZ: st.sampled_from(["Berlin", "UTC+2", "America/New_York", "Asia/Tokyo", "UTC-5", "Kathmandu"]),
        State.COMPANY: st.just(f"Corp {mark} {n} <&>"),
        State.ROLE: st.just(f"Role {mark}"),
        State.WHEN: st.sampled_from(["just now", "yesterday at 3pm", "2 hours ago", "today 00:00"]),
        State.PERSON_NAME: st.just(f"Person {mark} {n}"),
        State.PERSON_GREETING: st.sampled_from([f"Dr {mark}", "/skip"]),
        State.PERSON_ROLE: st.just(f"Lead {mark}"),
        State.PERSON_EMAIL: st.sampled_from([f"p{n}.{mark}@example.com", "/skip", "not-an-email"]),
        State.PERSON_PHONE: st.sampled_from(["+49 30 901820", "+44 20 7946 0958", "/skip", "12"]),
        State.PERSON_TOPIC: st.sampled_from([f"the on-call rota {mark}", "/skip", "dunno"]),
        State.DRAFT_SHORTEN: st.sampled_from([f"one line {mark}", "/skip"]),
        State.DRAFT_EDIT: st.sampled_from([f"2: A new sentence {mark}.", "40: nothing", "ok"]),
        State.FIX_VALUE: st.sampled_from([f"fixed.{mark}@example.com", "+44 20 7946 0958", "/skip"]),
        State.OPEN_QUESTIONS: st.sampled_from([note, "/skip"]),
        State.CHALLENGES: st.just(note),
        State.WHY_ME: st.just(note),
        State.CLARIFY: st.sampled_from([note, "/skip"]),
        State.NEXT_STEPS: st.sampled_from([note, "/skip"]),
        State.DECISION: st.sampled_from(["in two weeks", "friday", "/skip"]),
        State.MY_PROMISE: st.just(f"samples {mark} {n}"),
        State.THEIR_PROMISE: st.just(f"timeline {mark} {n}"),
        State.MY_PROMISE_WHEN: st.sampled_from(["friday", "next week", "in 3 days"]),
        State.THEIR_PROMISE_WHEN: st.sampled_from(["friday", "next week"]),
        State.UP_COMPANY: st.just(f"Future {mark} {n}"),
        State.UP_ROLE: st.just(f"Role {mark}"),
        State.UP_WHEN: st.sampled_from(["tomorrow 10:00", "in 3 days at 9am", "in 2 hours"]),
        State.SET_NAME: st.just(f"New {mark}"),
        State.SET_TZ: st.sampled_from(["Lisbon", "UTC+1"]),
        State.SET_QUIET: st.sampled_from(["22:00-07:00", "off", "23:30-06:15"]),
        State.SET_COUNTRY: st.sampled_from(["Spain", "GB"]),
        State.WHEN_TIME: st.sampled_from(["morning", "9:30"]),
        State.UP_WHEN_TIME: st.sampled_from(["afternoon", "16:00"]),
        State.IDLE: st.sampled_from(["/new", "/new", "/upcoming", "/interviews", "/export", "/stats", "/settings"]),
    }
    return table.get(step, st.sampled_from(["/start", "/help"]))  # type: ignore[arg-type]


# ---- what the user's answers may change -------------------------------------------------------

INTERVIEW_SECTIONS = {
    "company": "company", "role": "company", "happened_at": "when", "open_questions": "notes",
    "challenges": "challenges", "why_me": "challenges", "assessment": "assessment", "clarification": "assessment",
    "next_steps": "next", "decision_on": "next", "decision_text": "next", "short_notes": "drafts",
}  # fmt: skip
PERSON_FIELDS = ("name", "role", "email", "phone", "topic")
PROMISE_FIELDS = ("mine", "what", "due_on")
USER_FIELDS = {
    "name": {State.ASK_NAME, State.SET_NAME},
    "timezone": {State.ASK_TZ, State.SET_TZ},
    "quiet_hours": {State.SET_QUIET},
    "country": {State.SET_COUNTRY},
}


def _next_steps(text: str) -> str | None:
    told = field_layer.next_steps(text, CTX)
    return told.text if told else None


def _promise(text: str) -> str | None:
    promised = field_layer.promise(text, CTX)
    return promised.items[0].what if promised else None  # each item is a row: the first is one of them


# step -> (where the answer goes, column, how the field layer reads it: bot/field_layer.py, the chat's one reader)
CTX = field_layer.Context("UTC", START)
STORED = {
    # A company or role answer may carry the time too ("Acme, analyst, today at 10"): read as the chat reads it.
    State.COMPANY: ("interview", "company", lambda s: field_layer.read_interview(s, CTX).values["company"]),
    State.ROLE: ("interview", "role", lambda s: field_layer.read_role(s, CTX).values["role"]),
    State.UP_COMPANY: (
        "interview",
        "company",
        lambda s: field_layer.read_interview(s, CTX, tense=FUTURE).values["company"],
    ),
    State.UP_ROLE: ("interview", "role", lambda s: field_layer.read_role(s, CTX, tense=FUTURE).values["role"]),
    State.OPEN_QUESTIONS: ("interview", "open_questions", lambda s: field_layer.note("open_questions", s)),
    State.CHALLENGES: ("interview", "challenges", lambda s: field_layer.note("challenges", s)),
    State.WHY_ME: ("interview", "why_me", lambda s: field_layer.note("why_me", s)),
    State.NEXT_STEPS: ("interview", "next_steps", _next_steps),
    State.CLARIFY: ("interview", "clarification", field_layer.clarification),
    State.PERSON_NAME: ("person", "name", lambda s: read_person_answer(s, CTX).values["person_name"].name),
    State.PERSON_ROLE: ("person", "role", field_layer.person_role),
    State.PERSON_TOPIC: ("person", "topic", clean_topic),
    State.MY_PROMISE: ("promise", "what", _promise),
    State.THEIR_PROMISE: ("promise", "what", _promise),
    State.ASK_NAME: ("user", "name", field_layer.own_name),
    State.SET_NAME: ("user", "name", field_layer.own_name),
}


def command_of(text: str | None) -> str | None:
    if text is None or len(text) > MAX_ANSWER_CHARS or not text.lstrip().startswith("/"):
        return None
    return text.split()[0].split("@")[0].lower()


def one(rows: dict[str, Any], table: str) -> dict[str, Any] | None:
    values = list(rows.get(table, {}).values())
    return values[0] if values else None


def file_text(content: bytes, mime_type: str) -> str:
    """A file's text as a reader sees it (headers decoded, quoted-printable undone, ICS lines unfolded)."""
    if mime_type == "message/rfc822":
        message = email.message_from_bytes(content, policy=policy.default)
        body = message.get_body(("plain",))
        return " ".join(str(v) for v in message.values()) + (body.get_content() if body else "")
    text = content.decode("utf-8", errors="replace")
    return text.replace("\r\n ", "").replace("\n ", "")


# ---- where an example starts --------------------------------------------------------------


async def season(url: str) -> dict[str, tuple[list[Button], list[str]]]:
    """Bring the three users to places worth fuzzing; return each one's latest and all seen buttons.

    Ana has a finished debrief (reminders planned) and an upcoming interview; Ben a closed interview
    and a debrief in progress; Cy a debrief at its summary.
    """
    app = Followup(Settings(database_url=url, _env_file=None), FakeClock(START))
    ana, ben, cy = (ChatUser(app, u.user_id, u.platform, u.name) for u in USERS)
    try:
        await onboard(ana, "Ana Qzxa")
        people = [("Jane Qzxa", "Hiring manager", "jane.qzxa@acme.example", "+49 30 901820")]
        people.append(("Bob Qzxa", "Tech lead", "bob.qzxa@acme.example", None))
        await debrief(ana, people, when="just now", mine=("samples qzxa", "friday"), theirs=("timeline qzxa", None))
        await ana.taps("Write the drafts")
        for text in ("/upcoming", "Future qzxa", "Engineer", "tomorrow 10:00"):
            await ana.says(text)
        await onboard(ben, "Ben Qzxb", tz="New York")
        people = [("Kim Qzxb", "Recruiter", "kim.qzxb@globex.example", "+1 212 555 0123")]
        await debrief(ben, people, when="just now", assessment="Rough", mine=None, theirs=("offer qzxb", "friday"))
        await ben.taps("Write the drafts")
        await ben.says("/interviews")
        await ben.taps("Close")
        await ben.taps("Rejected")
        for text in ("/new", "Corp qzxb", "Analyst", "just now", "Lee Qzxb"):
            await ben.says(text)
        await onboard(cy, "Cy Qzxc", tz="Tokyo")
        await debrief(cy, [("Ono Qzxc", "CTO", "ono.qzxc@initech.example", None)], when="just now")
    finally:
        await app.stop()
    return {u.who.key: (u.buttons, [b.action for r in u.seen for b in r.buttons]) for u in (ana, ben, cy)}


class Playground:
    """One bot and database for a whole test; each example puts the rows back (empty or seasoned)."""

    def __init__(self, url: str) -> None:
        self.runner = asyncio.Runner()
        self.sync = make_sync_engine(url)
        self.empty(self.sync)
        self.buttons = self.runner.run(season(url))
        self.rows = all_rows(self.sync)
        self.clock = FakeClock(START)
        self.app = Followup(Settings(database_url=url, _env_file=None), self.clock)
        self.senders = {p: RecordingSender(p) for p in ("console", "telegram", "slack")}
        for sender in self.senders.values():
            self.app.add_sender(sender)

    @staticmethod
    def empty(engine: Engine) -> None:
        with engine.begin() as conn:
            for table in reversed(Base.metadata.sorted_tables):
                conn.execute(table.delete())

    def reset(self, seasoned: bool) -> None:
        """Back to START with an empty or the seasoned database (ids included, so a replay is identical)."""
        self.clock.now = START
        for sender in self.senders.values():
            sender.sent.clear()
        self.empty(self.sync)
        with self.sync.begin() as conn:
            for table in Base.metadata.sorted_tables:
                if seasoned and self.rows[table.name]:
                    conn.execute(table.insert(), list(self.rows[table.name].values()))
                if conn.dialect.name == "postgresql" and "id" in table.c:  # SQLite takes max(id) + 1 by itself
                    conn.execute(
                        sql(
                            f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                            f"coalesce((SELECT max(id) FROM {table.name}), 0) + 1, false)"
                        )
                    )

    def close(self) -> None:
        try:
            self.runner.run(self.app.stop())
        finally:
            self.runner.close()
            self.sync.dispose()


# ---- the machine ------------------------------------------------------------------------------


class Chats(RuleBasedStateMachine):
    playground: ClassVar[Playground]  # set by the tests below

    def __init__(self) -> None:
        super().__init__()
        ground = self.playground
        self.runner, self.app, self.clock, self.senders, self.sync = (
            ground.runner,
            ground.app,
            ground.clock,
            ground.senders,
            ground.sync,
        )
        self.latest: dict[str, list] = {u.key: [] for u in USERS}
        self.seen: dict[str, list[str]] = {u.key: [] for u in USERS}
        self.count = 0
        self.snap: dict = {}

    @initialize(seasoned=st.sampled_from([False, True, True, True]))
    def open_database(self, seasoned: bool) -> None:
        self.playground.reset(seasoned)
        STATS["examples"] += 1
        if seasoned:
            for key, (latest, seen) in self.playground.buttons.items():
                self.latest[key], self.seen[key] = list(latest), list(seen)
            STATS["seasoned starts"] += 1
        self.snap = by_owner(self.sync)

    # ---- the checks ----

    def check_export(self, key: str, content: bytes, rows: dict) -> None:
        """An export holds the user's own rows and nobody else's (by id, not only by marker)."""
        data = json.loads(content)
        own = {table: {pk[0] for pk in found} for table, found in rows.items()}
        assert data["user"]["key"] == key
        assert {i["id"] for i in data["interviews"]} == own.get("interviews", set())
        assert {p["id"] for i in data["interviews"] for p in i["people"]} == own.get("people", set())
        assert {p["id"] for i in data["interviews"] for p in i["promises"]} == own.get("promises", set())
        assert {s["id"] for s in data["steps"]} == own.get("follow_ups", set())
        assert {r["id"] for r in data["reminders"]} == own.get("reminders", set())
        STATS["exports checked"] += 1

    def check_reply(self, key: str, reply: Reply) -> None:
        assert isinstance(reply.text, str) and reply.text.strip(), f"empty reply to {key}: {reply!r}"
        blob = [reply.text, *(b.label for b in reply.buttons)]
        for button in reply.buttons:
            assert button.label.strip(), f"empty button label in {reply!r}"
            assert 0 < len(button.action.encode()) <= MAX_ACTION_BYTES, button
            assert actions.decode(button.action) is not None, button
        for attachment in reply.files:
            assert attachment.filename and attachment.content, attachment
            blob.append(file_text(attachment.content, attachment.mime_type))
        text = "\n".join(blob).casefold()
        for other, mark in MARKS.items():
            assert other == key or mark not in text, f"{key} was shown {other}'s data ({mark}):\n{text[:3000]}"

    def check_own_changes(self, key: str, before: dict, after: dict, text: str | None, action: str | None) -> None:
        """The user's stored answers changed only where the question they were at allows it."""
        conv = one(before, "conversations")
        if conv is None:
            return  # first contact: nothing stored before
        step, current, revision = conv["step"], conv["interview_id"], conv["revision"]
        if not after:
            decoded = actions.decode(action)
            assert decoded is not None and (decoded.kind, decoded.ref, decoded.op) == ("u", revision, "delete"), (
                f"{key}'s rows vanished after {text=} {action=}"
            )
            STATS["deleted accounts"] += 1
            return
        cancelled = command_of(text) == "/cancel"
        section = SECTION.get(step)
        user_b, user_a = one(before, "users"), one(after, "users")
        for column, steps in USER_FIELDS.items():
            assert user_b[column] == user_a[column] or step in steps, f"{column} changed at {step}"
        gone = set(before.get("interviews", {})) - set(after.get("interviews", {}))
        assert gone <= {(current,)} and (not gone or cancelled), f"interviews {gone} erased at {step} by {text!r}"
        for pk, row in before.get("interviews", {}).items():
            if pk in gone:
                continue
            for column, part in INTERVIEW_SECTIONS.items():
                if row[column] != after["interviews"][pk][column]:
                    allowed = pk == (current,) and (
                        part == section
                        or (step in UPCOMING_STATES and part in {"company", "when"})
                        or (step == State.DRAFT_SHORTEN and part == "drafts")
                    )
                    assert allowed, f"interview {pk} {column} changed at {step} by {text!r} {action!r}"
        for table, fields in (("people", PERSON_FIELDS), ("promises", PROMISE_FIELDS)):
            for pk, row in before.get(table, {}).items():
                new = after.get(table, {}).get(pk)
                ours = row["interview_id"] == current
                if table == "people":
                    # Corrected after the drafts (bot/conversation/flows/corrections.py): only ever the user's own people.
                    editable = (ours and section == "people") or step == State.FIX_VALUE
                else:
                    editable = ours and section == ("mine" if row["mine"] else "theirs")
                if new is None:
                    removable = (
                        (row["interview_id"],) in gone
                        or (ours and step == (State.PEOPLE_EDIT if table == "people" else State.SUMMARY))
                        # /back to a promise question reopens its last answer: a new answer there replaces it.
                        or (table == "promises" and editable)
                    )
                    assert removable, f"{table} {pk} erased at {step} by {text!r} {action!r}"
                elif any(row[f] != new[f] for f in fields):
                    assert editable, f"{table} {pk} changed at {step} by {text!r} {action!r}: {row} -> {new}"
        # An accepted answer is stored exactly as the core cleaned it.
        target = STORED.get(step)
        conv_a = one(after, "conversations")
        if target is None or text is None or conv_a is None or conv_a["step"] == step or command_of(text):
            return
        if " ".join(text.split()).casefold() in {b.label.casefold() for b in self.latest[key]}:
            return  # typed a button's label: that counts as a tap
        typed = scrub_text(text)
        if step == State.PERSON_NAME and (
            field_layer.means_no_one_else(typed)
            or field_layer.no_one_more(typed)
            or field_layer.name_not_known(typed)
            or field_layer.unnamed_person(typed) is not None
        ):
            return  # "that's everyone", "nothing" end the list; "didn't catch it", "dunno": a person noted as described
        try:
            expected = target[2](scrub_text(text))  # what reached the core: cleaned at the boundary
        except Invalid:
            pytest.fail(f"an invalid answer {text!r} was accepted at {step}")
        where, column, _ = target
        if where == "user":
            stored = [one(after, "users")[column]]
        elif where == "interview":
            stored = [after["interviews"][(current,)][column]]
        else:
            table = "people" if where == "person" else "promises"
            stored = [r[column] for r in after.get(table, {}).values() if r["interview_id"] == current]
        assert expected in stored, f"accepted {text!r} at {step} but stored {stored!r}"
        STATS["answers stored"] += 1

    def send(
        self, who: Who, *, text: str | None = None, action: str | None = None, tz_hint: str | None = None
    ) -> list[Reply]:
        key = who.key
        before = self.snap
        replies = self.runner.run(self.app.handle(Incoming(who, text=text, action=action, tz_hint=tz_hint)))
        after = by_owner(self.sync)
        user = one(after.get(key, {}), "users")
        if user is not None:  # whatever the platform said about them, only clean, bounded text was stored
            assert not UNCLEAN.search(user["display_name"]) and len(user["display_name"]) <= 200, user
        conv = one(after.get(key, {}), "conversations")
        scratch = conv["scratch"] if conv is not None else None
        scratch = json.loads(scratch) if isinstance(scratch, str) else scratch or {}
        if scratch.get("tz_hint"):
            assert not UNCLEAN.search(scratch["tz_hint"]), scratch
        assert replies, f"no answer to {text=} {action=}"
        for reply in replies:
            self.check_reply(key, reply)
            for attachment in reply.files:
                if attachment.mime_type == "application/json":
                    self.check_export(key, attachment.content, after.get(key, {}))
        for other in set(before) | set(after):
            if other != key:
                assert before.get(other) == after.get(other), f"{key}'s turn changed {other}'s rows ({text=} {action=})"
        if all(r.notice for r in replies):
            assert before.get(key) == after.get(key), f"a notice changed {key}'s rows ({text=} {action=})"
            STATS["notices"] += 1
        if action is not None and before.get(key) and not re.fullmatch(WELL_FORMED, action):
            assert all(r.notice for r in replies), f"garbled action {action!r} was acted on: {replies}"
        self.check_own_changes(key, before.get(key, {}), after.get(key, {}), text, action)
        self.snap = after
        fresh = [b for r in replies if not r.replace and not r.notice for b in r.buttons]
        if fresh:
            self.latest[key] = fresh
        self.seen[key].extend(b.action for r in replies for b in r.buttons)
        STATS["turns"] += 1
        return replies

    def step_of(self, who: Who) -> str | None:
        conv = one(self.snap.get(who.key, {}), "conversations")
        return conv["step"] if conv else None

    # ---- the rules ----

    @rule(who=st.sampled_from(USERS), data=st.data())
    def answers_the_question(self, who: Who, data: st.DataObject) -> None:
        self._answer(who, data)

    @rule(who=st.sampled_from(USERS), count=st.integers(2, 8), data=st.data())
    def answers_a_few_questions(self, who: Who, count: int, data: st.DataObject) -> None:
        for _ in range(count):  # a debrief is some 25 answers: runs of them get deep into it
            self._answer(who, data)

    def _answer(self, who: Who, data: st.DataObject) -> None:
        step = self.step_of(who)
        buttons = self.latest[who.key]
        if buttons and data.draw(st.booleans(), label="tap"):
            self.send(who, action=data.draw(st.sampled_from(buttons), label="button").action)
            return
        self.count += 1
        self.send(who, text=data.draw(sensible(step, MARKS[who.key], self.count), label="answer"))

    @rule(who=st.sampled_from(USERS), text=HOSTILE)
    def types_anything(self, who: Who, text: str) -> None:
        self.send(who, text=text)
        if STORED.get(self.step_of(who)) and text.strip():
            STATS["hostile at a text question"] += 1

    @rule(
        who=st.sampled_from(USERS),
        name=PROFILE_NAMES,
        tz=PROFILE_TZ,
        text=st.sampled_from(["/start", "/help", "/new", "hello"]) | HOSTILE,
    )
    def writes_with_a_hostile_profile(self, who: Who, name: str, tz: str | None, text: str) -> None:
        """The platform names the user with control characters (the first contact stores the name)."""
        first = who.key not in self.snap
        self.send(Who(who.platform, who.user_id, name), text=text, tz_hint=tz)
        STATS["hostile profiles"] += 1
        if first and who.key in self.snap:
            STATS["hostile profiles stored"] += 1

    @rule(who=st.sampled_from(USERS), command=COMMANDS)
    def sends_a_command(self, who: Who, command: str) -> None:
        self.send(who, text=command)

    @rule(who=st.sampled_from(USERS))
    def goes_back(self, who: Who) -> None:  # its own rule: /back is where the state machine is subtle
        self.send(who, text="/back")

    @rule(who=st.sampled_from(USERS))
    def exports_everything(self, who: Who) -> None:
        self.send(who, text="/export")

    @rule(who=st.sampled_from(USERS), data=st.data())
    def taps_an_old_button(self, who: Who, data: st.DataObject) -> None:
        if self.seen[who.key]:
            self.send(who, action=data.draw(st.sampled_from(self.seen[who.key]), label="old button"))

    @rule(who=st.sampled_from(USERS), other=st.sampled_from(USERS), data=st.data())
    def taps_another_users_button(self, who: Who, other: Who, data: st.DataObject) -> None:
        if other == who or not self.seen[other.key]:
            return
        raw = data.draw(st.sampled_from(self.seen[other.key]), label="foreign button")
        action = actions.decode(raw)
        theirs = action is not None and self._owner(action) == other.key
        known = bool(self.snap.get(who.key))  # a first message gets the greeting, whatever it is
        replies = self.send(who, action=raw)
        if theirs and known:
            assert all(r.notice for r in replies), f"{who.key} acted on {other.key}'s {raw}"
            missing = self.send(
                who, action=f"{action.kind}:{2**31 - 1}:{action.op}" + (f":{action.arg}" if action.arg else "")
            )
            assert [r.text for r in replies] == [r.text for r in missing], (
                "a foreign id is told apart from a missing one"
            )
            STATS["foreign ids refused"] += 1

    def _owner(self, action: actions.Action) -> str | None:
        table = {"r": "reminders", "i": "interviews", "d": "follow_ups"}.get(action.kind)
        if table is None:
            return None
        for key, rows in self.snap.items():
            if (action.ref,) in rows.get(table, {}):
                return key
        return None

    @rule(who=st.sampled_from(USERS), confirm=st.booleans())
    def asks_to_delete_everything(self, who: Who, confirm: bool) -> None:
        before = self.snap.get(who.key)
        replies = self.send(who, text="/delete")
        choice = "Yes, delete" if confirm else "No, keep"
        button = next((b for r in replies for b in r.buttons if b.label.startswith(choice)), None)
        if button is None:
            return  # not offered: busy with a debrief, or first contact
        self.send(who, action=button.action)
        if confirm:
            assert not self.snap.get(who.key), f"{who.key}'s rows survived /delete"
        else:
            assert self.snap.get(who.key) == before, f"“No, keep it” changed {who.key}'s rows"
            STATS["deletions declined"] += 1

    @rule(who=st.sampled_from(USERS), action=FORGED)
    def taps_a_forged_button(self, who: Who, action: str) -> None:
        self.send(who, action=action)

    @rule(hours=st.sampled_from([0.05, 0.5, 3, 20, 26, 24 * 4, 24 * 95]))
    def time_passes(self, hours: float) -> None:
        self.clock.advance(hours=hours)

        async def tick() -> None:
            await self.app.dispatcher.recover()
            await self.app.dispatch_due()
            await erase_contact_details(self.app.sessions, self.app.settings.retention_days, self.clock())

        self.runner.run(tick())
        for platform, sender in self.senders.items():
            for key, reply in sender.sent:
                assert key.startswith(f"{platform}:"), (platform, key)
                assert key in MARKS and self.snap.get(key), f"a reminder went to {key}, who has no data"
                self.check_reply(key, reply)
                assert reply.buttons, "a reminder without buttons"
                self.seen[key].extend(b.action for b in reply.buttons)
                self.latest[key] = list(reply.buttons)
                STATS["reminders delivered"] += 1
            sender.sent.clear()
        self.snap = by_owner(self.sync)


def run(playground: Playground, name: str, examples: int, steps: int, chunk: int) -> int:
    """Run `examples` examples (scaled), in chunks with their own fixed seeds (Hypothesis keeps every example
    of a run in memory, about 100 KB each here), so CI is repeatable and memory stays flat; return how many."""
    machine = type(name, (Chats,), {"playground": playground})
    examples = max(1, int(examples * SCALE * (QUICK_SHARE[name] if SCALES["quick"] == SCALE else 1.0)))
    try:
        for number, start in enumerate(range(0, examples, chunk)):
            options = hsettings(
                max_examples=min(chunk, examples - start),
                stateful_step_count=steps,
                deadline=None,
                database=None,
                phases=PHASES,
                suppress_health_check=list(HealthCheck),
            )
            seed(number)(get_state_machine_test(machine, settings=options))()
    finally:
        playground.close()
    print(name, dict(STATS))
    return examples


# Hypothesis examples per test: 800 + 9,100 + 120 = 10,020 (each a fresh start and its random steps).
LONG_RUNS, BURSTS, PG_RUNS = 800, 9100, 120


@pytest.mark.fuzz
@pytest.mark.timeout(1200)  # shrinking a failure may take a few minutes more
def test_random_conversations_on_sqlite(sqlite_template, tmp_path):
    """Long runs: up to 15 random steps (some of them runs of answers) from an empty or a seasoned database."""
    STATS.clear()
    path = tmp_path / "fuzz.sqlite3"
    shutil.copy(sqlite_template, path)
    examples = run(Playground(f"sqlite:///{path}"), "SqliteChats", examples=LONG_RUNS, steps=15, chunk=200)
    assert STATS["examples"] >= examples, dict(STATS)
    # The run reached the places worth fuzzing (a test that never gets there proves nothing).
    for what in ("answers stored", "reminders delivered", "foreign ids refused", "deleted accounts", "exports checked"):
        assert STATS[what] > 0 or SCALES["quick"] > SCALE, (what, dict(STATS))
    assert STATS["hostile profiles stored"] > 0 or SCALE < 1, dict(STATS)


@pytest.mark.fuzz
@pytest.mark.timeout(1200)
def test_short_bursts_on_sqlite(sqlite_template, tmp_path):
    """Many examples: one or two random events against an empty or a seasoned database."""
    STATS.clear()
    path = tmp_path / "fuzz.sqlite3"
    shutil.copy(sqlite_template, path)
    examples = run(Playground(f"sqlite:///{path}"), "SqliteBursts", examples=BURSTS, steps=2, chunk=1000)
    assert STATS["examples"] >= examples, dict(STATS)
    for what in ("turns", "notices", "reminders delivered", "deleted accounts"):
        assert STATS[what] > 0 or SCALES["quick"] > SCALE, (what, dict(STATS))


@pytest.mark.fuzz
@pytest.mark.timeout(1200)
def test_random_conversations_on_postgres(pg_url):
    """A smaller run of the long one on PostgreSQL (its own types, locks and sequences)."""
    STATS.clear()
    truncate(pg_url)
    examples = run(Playground(pg_url), "PostgresChats", examples=PG_RUNS, steps=20, chunk=200)
    assert STATS["examples"] >= examples, dict(STATS)
    for what in ("answers stored", "reminders delivered", "notices"):
        assert STATS[what] > 0 or SCALES["quick"] > SCALE, (what, dict(STATS))
    assert STATS["hostile profiles"] > 0 or SCALE < 1, dict(STATS)


# ---- what the fuzzing found, kept as plain regression tests (on both databases) ---------------


async def test_findings_stay_fixed(app):
    ada = ChatUser(app)
    # /upcoming before onboarding: the company answer had no interview to go into (LookupError).
    await ada.says("/upcoming")
    await ada.says("Ada")
    await ada.says("Berlin")
    ada.expect("Which company")
    await ada.says("Initech")
    ada.expect("role")
    await ada.says("/cancel")
    # /back from the settings menu went to idle and said nothing at all.
    await ada.says("/settings")
    await ada.says("/back")
    assert ada.last and ada.text.strip()
    await ada.says("/cancel")
    # /back from the summary into a closed list of promises asked about a promise it had let go of.
    await debrief(ada)
    for _ in range(6):
        await ada.says("/back")
        assert ada.last and not ada.last[0].notice
    # A trailing newline or non-ASCII digits made garbled actions valid; a huge id crashed PostgreSQL.
    eve = ChatUser(app, "eve")
    await onboard(eve)
    await debrief(eve)
    arabic = eve.button("Write the drafts").action.translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))
    await eve.taps("Write the drafts")
    await eve.says("/interviews")
    close = eve.button("Close").action
    for action in (close + "\n", arabic, "r:2147483648:d", "i:99999999999:close", "c:4294967296:drafts"):
        await eve.sends_action(action)
        assert eve.last[0].notice, action
    await eve.sends_action(close)
    eve.expect("How did it end")  # the well-formed action still works
