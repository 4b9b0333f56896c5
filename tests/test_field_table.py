"""One field table for the chat and every form: the same rules (optional or required, labels, parsing).

The chat's rule is what its questions do (a state with a /skip handler can be skipped); the Slack form's is
what its modal marks optional and what `submit` refuses blank. Both must equal `bot/conversation/fields/spec.py`,
and the same answers must store the same interview through both.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import select

from adapters.slack.views import FORM_FIELDS, debrief_modal
from bot.common.events import Who
from bot.conversation.fields.spec import FIELDS, FORM_ORDER, form_optional
from bot.conversation.flows import ENTRIES, State
from bot.store.models import Interview, User
from tests.support.driver import ChatUser
from tests.support.scripts import Says, Taps, onboard, play

# The chat's question for each field of the table.
CHAT_STATE = {
    "company": State.COMPANY, "role": State.ROLE, "when": State.WHEN, "person_name": State.PERSON_NAME,
    "person_greeting": State.PERSON_GREETING, "person_role": State.PERSON_ROLE, "person_email": State.PERSON_EMAIL,
    "person_phone": State.PERSON_PHONE, "open_questions": State.OPEN_QUESTIONS, "challenges": State.CHALLENGES,
    "why_me": State.WHY_ME, "assessment": State.ASSESSMENT, "clarification": State.CLARIFY,
    "next_steps": State.NEXT_STEPS, "decision": State.DECISION, "promise": State.MY_PROMISE,
    "promise_when": State.MY_PROMISE_WHEN,
}  # fmt: skip


@pytest.mark.parametrize("key", sorted(CHAT_STATE))
def test_a_field_is_optional_in_the_chat_exactly_when_the_table_says_so(key):
    entry = ENTRIES[CHAT_STATE[key]]
    assert (entry.skip is not None) == FIELDS[key].optional, key


def test_the_slack_forms_blocks_are_the_tables_blocks_with_the_chats_rules():
    modal = {block["block_id"]: block for block in debrief_modal()["blocks"]}
    assert [f[0] for f in FORM_FIELDS] == list(FORM_ORDER)
    for key, label, hint, multiline, optional in FORM_FIELDS:
        spec = FIELDS[key]
        assert (label, hint, multiline) == (spec.form.label, spec.form.hint, spec.form.multiline)
        held = spec.form.holds or (key,)
        chat_optional = all(FIELDS[h].optional for h in held) or spec.form.default is not None
        assert optional == chat_optional == form_optional(key) == modal[key]["optional"], key
        assert modal[key]["label"]["text"] == label
    # The fields issue 18 found disagreeing: optional in the chat, and now in the form too.
    assert modal["challenges"]["optional"] and modal["why_me"]["optional"]


async def test_a_form_with_only_the_required_blocks_is_stored(app):
    required = {key: "" for key in FORM_ORDER}
    required |= {"company": "Acme", "role": "Analyst", "people": "Jane Doe", "assessment": "well"}
    errors, _ = await app.submit_form(Who("slack", "T1:U9", "Ada"), required, tz_hint="Europe/Madrid")
    assert errors == {}
    blank = {**required, "people": ""}
    errors, _ = await app.submit_form(Who("slack", "T1:U8", "Ada"), blank, tz_hint="Europe/Madrid")
    assert set(errors) == {"people"}


# ---- the same answers through the chat and through the Slack form ----------------------------------

ANSWERS = {
    "company": "had my interview with Baker & Co for the junior analyst role at 10 this morning",
    "people": "Prof. Alan Reid (Dean of Engineering) a.reid@uni.ac.uk +44 131 650 1000",
    "open_questions": "none I can think of",
    "challenges": "see above",
    "why_me": "rather not say",
    "assessment": "mixed - I rambled on the budget question",
    "next_steps": "they didn't really say",
    "decision": "in 7-10 days",
    "my_promises": "the deck tomorrow and references on Friday",
    "their_promises": "nothing from their side",
}
CHAT = [
    Says("/new"),
    Says(ANSWERS["company"]),
    Says(ANSWERS["people"]),
    Says("/skip"),  # the greeting: the one proposed
    Says("/skip"),  # one thing discussed
    Says("nope"),
    Says(ANSWERS["open_questions"]),
    Says(ANSWERS["challenges"]),
    Says(ANSWERS["why_me"]),
    Says(ANSWERS["assessment"]),
    Says(ANSWERS["next_steps"]),
    Says(ANSWERS["decision"]),
    Says(ANSWERS["my_promises"]),
    Taps("That's all"),
    Says(ANSWERS["their_promises"]),
]
COLUMNS = ("company", "role", "happened_at", "open_questions", "challenges", "why_me", "assessment", "clarification")
COLUMNS += ("next_steps", "decision_on")


async def _interview(app, key: str) -> dict[str, Any]:
    async with app.sessions() as session:
        user = await session.scalar(select(User).where(User.key == key))
        interview = await session.scalar(select(Interview).where(Interview.user_id == user.id))
        return {
            **{column: getattr(interview, column) for column in COLUMNS},
            "people": [(p.name, p.role, p.email, p.phone) for p in interview.people],
            "promises": [(p.mine, p.what, p.due_on) for p in interview.promises],
        }


async def test_the_same_answers_store_the_same_interview_in_the_chat_and_in_the_slack_form(app):
    ada = await onboard(ChatUser(app, "ada"), tz="Madrid")
    await play(ada, CHAT)
    ada.expect("Here's your debrief")
    form = {key: ANSWERS.get(key, "") for key in (*FORM_ORDER, "assessment")}
    errors, _ = await app.submit_form(Who("slack", "T1:U2", "Ada"), form, tz_hint="Europe/Madrid")
    assert errors == {}
    chat, slack = await _interview(app, "console:ada"), await _interview(app, "slack:T1:U2")
    assert chat == slack
    assert (chat["company"], chat["role"]) == ("Baker & Co", "junior analyst")
    assert chat["happened_at"] == datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
    assert chat["people"] == [("Prof. Alan Reid", "Dean of Engineering", "a.reid@uni.ac.uk", "+441316501000")]
    assert (chat["open_questions"], chat["challenges"], chat["why_me"], chat["next_steps"]) == (None,) * 4
    assert (chat["assessment"], chat["clarification"]) == ("mixed", "I rambled on the budget question")
    assert chat["decision_on"].isoformat() == "2026-12-05"
    assert [what for _, what, _ in chat["promises"]] == ["the deck", "references"]
