"""The "Write the drafts" turn does each piece of work once: the pieces the drafts and the questions before them
are written from are worked out once per turn (`draft.remembered` within `draft.reading`), and a first debrief's
drafts are shown without looking up stored draft rows (none can exist before its plan). Same drafts, questions
and findings as before; only less work."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

from sqlalchemy import event, select

from bot.drafts import draft as drafts
from bot.drafts import review
from bot.drafts import store as ds
from bot.drafts.thank_you import thank_you_drafts
from bot.store.models import FollowUp, Interview, Person, Promise, User
from tests.support.driver import ChatUser
from tests.support.scripts import debrief, onboard
from tests.test_draft_chat import draft_of

NOW = datetime(2026, 12, 2, 15, 0, tzinfo=UTC)


def _interview(challenges: str, why_me: str, topic: str | None = None, assessment: str = "well") -> Interview:
    interview = Interview(id=7, user_id=1, company="Acme Analytics", role="data engineer", status="active")
    interview.happened_at = NOW - timedelta(hours=3)
    interview.challenges = challenges
    interview.why_me = why_me
    interview.open_questions = "how the team splits on-call work. is there a roadmap for the platform?"
    interview.assessment = assessment
    interview.clarification = "i fumbled the question about exactly-once delivery, the answer is idempotent writes"
    interview.people = [
        Person(id=1, name="Jane Doe", role="Hiring manager", email="jane@example.com", topic=topic),
        Person(id=2, name="bob stone", role="Tech lead", email="bob@example.com"),
    ]
    interview.promises = [Promise(id=1, mine=True, what="writing samples and two refs by friday")]
    return interview


INTERVIEWS = [
    lambda: _interview(
        "migrating 200 legacy pipelines to streaming w/o downtime",
        "i led a similar migration at beta gmbh, cutting costs by 30%",
        "their move to kafka",
    ),
    lambda: _interview(
        "their release process is a total mess and the team is burnt out tbh",
        "5 yrs on call, built the alerting at my last job, mentored 4 juniors",
        "the on-call rota lol",
        assessment="mixed",
    ),
    lambda: _interview(
        "- scaling the dispatch system\n- hiring seniors\n- the caseware migration",
        "I rebuilt the event pipeline at my last job and cut lost events to zero. I also ran hiring for a team of six.",
        assessment="rough",
    ),
]


def _everything(interview: Interview) -> tuple:
    """What the drafts turn works out from an interview: the questions, both drafts, what is left in each."""
    asked = review.questions(interview, "Ada Lovelace")
    written = thank_you_drafts(interview, "Ada Lovelace", "Europe/Berlin", NOW)
    left = [review.left_in(d.body, interview, p) for d, p in zip(written, interview.people, strict=True)]
    return asked, [(d.subject, d.body, d.left_out) for d in written], left


def test_the_questions_drafts_and_findings_are_the_same_worked_out_once_per_turn_or_each_on_its_own():
    for make in INTERVIEWS:
        apart = _everything(make())
        together_interview = make()
        with drafts.reading():
            together = _everything(together_interview)
            again = _everything(together_interview)  # the second time from what the first worked out
        assert together == apart
        assert again == apart


def test_a_remembered_piece_is_worked_out_once_while_reading_and_each_time_otherwise():
    calls: list[tuple] = []

    @drafts.remembered
    def piece(interview: object, budget: int, *, strict: bool = True) -> list[str]:
        calls.append((interview, budget, strict))
        return [f"{budget}"]

    first, second = object(), object()
    piece(first, 3)
    piece(first, 3)
    assert len(calls) == 2  # outside `reading` the interview may have changed between calls
    calls.clear()
    with drafts.reading():
        got = piece(first, 3)
        got.append("changed by a caller")  # a copy: nobody else sees it
        assert piece(first, 3) == ["3"]
        piece(first, 3, strict=False)
        piece(second, 3)
        piece(first, 4)
    assert calls == [(first, 3, True), (first, 3, False), (second, 3, True), (first, 4, True)]
    calls.clear()
    with drafts.reading():  # a new turn: worked out afresh
        piece(first, 3)
    assert calls == [(first, 3, True)]

    @drafts.remembered
    def by_topics(interview: object, topics: dict) -> str:
        calls.append((interview, topics))
        return str(topics)

    calls.clear()
    with drafts.reading():  # an argument that cannot be a key: worked out each time
        by_topics(first, {1: "a"})
        by_topics(first, {1: "b"})
    assert calls == [(first, {1: "a"}), (first, {1: "b"})]


async def test_a_first_debrief_shows_its_drafts_without_looking_up_stored_drafts(app):
    ada = ChatUser(app)
    await onboard(ada)
    await debrief(ada)
    seen: list[str] = []

    def statement(_conn, _cursor, sql, *_args):
        seen.append(" ".join(sql.split()))

    event.listen(app.engine.sync_engine, "before_cursor_execute", statement)
    try:
        await ada.taps("Write the drafts")
    finally:
        event.remove(app.engine.sync_engine, "before_cursor_execute", statement)
    ada.expect("I'll keep you on track")
    assert draft_of(ada.last, "Jane Doe") and draft_of(ada.last, "Bob Stone")
    assert not [s for s in seen if s.upper().startswith("SELECT") and " FROM DRAFTS " in f"{s.upper()} "]


async def test_drafts_shown_after_a_question_are_read_with_what_was_stored_meanwhile(app):
    """The plan is made before the questions, so a thank-you's reminder (with its Edit button) can come while the
    user answers them: the drafts shown after the last answer carry what was stored meanwhile."""
    long_why = " ".join(["I ran the data platform at a logistics firm for years and"] * 6) + " loved it"
    ada = ChatUser(app)
    await onboard(ada)
    await debrief(ada, why_me=long_why)
    await ada.taps("Write the drafts")
    ada.expect("why you're a good fit", "too long")
    edited = "Dear Jane,\n\nThank you for today. I enjoyed our talk about the pipelines.\n\nBest regards,\nAda"
    async with app.sessions() as session, session.begin():
        user = await session.scalar(select(User))
        interview = await session.scalar(select(Interview))
        jane = next(p for p in interview.people if p.name == "Jane Doe")
        follow_up = await session.scalar(
            select(FollowUp).where(FollowUp.person_id == jane.id, FollowUp.kind == "thank_you")
        )
        await ds.edit(session, ds.DraftKey.of(follow_up), user, NOW, edited)
    await ada.says("ran the data platform at a logistics firm for six years")
    ada.expect("keep you on track")
    assert "I enjoyed our talk about the pipelines." in draft_of(ada.last, "Jane Doe").text


async def test_a_second_debrief_writes_its_drafts_without_compiling_a_pattern_again(app, monkeypatch):
    """The writer, the check and the parsers use far more patterns than `re` kept compiled (512): each "Write the
    drafts" turn compiled hundreds again. `bot.common` lets `re` keep them all, so the same debrief typed again
    compiles none."""
    assert re._MAXCACHE >= 8192
    for number in (1, 2):
        user = ChatUser(app, user_id=f"re{number}", name=f"Re {number}")
        await onboard(user)
        await debrief(user)
        compiled: list[str] = []
        compile_pattern = re._compiler.compile

        def counting(pattern, flags=0, compiled=compiled, compile_pattern=compile_pattern):
            compiled.append(str(pattern))
            return compile_pattern(pattern, flags)

        monkeypatch.setattr(re._compiler, "compile", counting)
        try:
            await user.taps("Write the drafts")
        finally:
            monkeypatch.setattr(re._compiler, "compile", compile_pattern)
        user.expect("I'll keep you on track")
    assert compiled == []
