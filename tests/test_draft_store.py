"""The draft store's text rules: numbered sentences, replacing or removing one, and an edited greeting that
follows a corrected name (no database needed)."""

from __future__ import annotations

import pytest

from bot.drafts import edits as draft_text
from bot.drafts import store as ds
from bot.store.models import DraftState, Person, StoredDraft

BODY = "Dear Jane,\n\nThank you for today. It was great to meet you. I led the migration.\n\nBest,\nAda"


def test_every_sentence_and_line_gets_its_own_number():
    assert draft_text.numbered(BODY) == [
        "1: Dear Jane,",
        "2: Thank you for today.",
        "3: It was great to meet you.",
        "4: I led the migration.",
        "5: Best,",
        "6: Ada",
    ]
    assert draft_text.count_sentences(BODY) == 6


@pytest.mark.parametrize(
    ("number", "text", "expected"),
    [
        (3, "I enjoyed our talk about on-call", "Thank you for today. I enjoyed our talk about on-call. I led"),
        (3, "Was it on-call we talked about?", "Thank you for today. Was it on-call we talked about? I led"),
        (1, "Hi Jane", "Hi Jane,\n\nThank you"),
        (6, "Ada Lovelace", "Best,\nAda Lovelace"),
        (4, "", "It was great to meet you.\n\nBest,"),
    ],
)
def test_one_sentence_is_replaced_or_removed_and_the_rest_keeps_its_shape(number, text, expected):
    edited = draft_text.replace_sentence(BODY, number, text)
    assert expected in edited
    assert edited.count("\n\n") == 2


def test_removing_a_whole_paragraph_leaves_no_gap():
    edited = draft_text.replace_sentence("Dear Jane,\n\nOnly this.\n\nBest,\nAda", 2, "")
    assert edited == "Dear Jane,\n\nBest,\nAda"


def test_a_typed_body_is_tidied_but_not_rewritten():
    assert draft_text.tidy_body("  Hi Jane,  \r\n\r\n\r\n\r\nThanks!   \r\nAda ") == "Hi Jane,\n\nThanks!\nAda"


def _row(body: str, greeted: str | None) -> StoredDraft:
    return StoredDraft(state=DraftState.EDITED, subject="s", body=body, greeted=greeted)


def test_an_edited_greeting_follows_a_corrected_name_unless_the_user_wrote_their_own():
    person = Person(id=1, name="Janet Doe")
    assert ds._regreet(_row("Hi Jane,\n\nThanks.", "Jane"), person) == "Hi Janet,\n\nThanks."
    assert ds._regreet(_row("Dear Dr Doe,\n\nThanks.", "Jane"), person) == "Dear Dr Doe,\n\nThanks."
    assert ds._regreet(_row("Hi Janet,\n\nThanks.", "Janet"), person) == "Hi Janet,\n\nThanks."
