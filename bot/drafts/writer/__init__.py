"""Turning stored notes into words that fit the sentence they go into: case, punctuation, perspective, length.

What lives where:

- `cleaning`: what counts as no answer (`is_filler`), punctuation and case (`tidy`, `tidy_joined`,
  `sentence_case`, `title_case`, `role_phrase`, `join_items`), and splitting notes into sentences.
- `perspective`: `Context` (who the words are addressed to), "their" -> "your" (`address`), and
  remarks not to be sent (`is_private`).
- `sentences`: `Note` and `note` (whole sentences within a word budget, never cut), `fits`,
  `usable_sentences`, `topic_clause`.
- `clarification`: the clarification after a rough interview (`Clarification`, `clarification`).
- `promises`: the user's promises as items with their days (`Item`, `promise_items`, `grouped`, `day_words`).

The drafts call the writer as `w.<name>` (`from bot import writer as w`): the names they use are
re-exported here, and only they; everything else is imported from the module that owns it.
"""

from bot.drafts.writer.clarification import Clarification, clarification
from bot.drafts.writer.cleaning import (
    email_company,
    is_filler,
    join_items,
    role_phrase,
    sentence_case,
    tidy,
    tidy_joined,
    title_case,
)
from bot.drafts.writer.perspective import Context
from bot.drafts.writer.promises import Item, day_words, grouped, promise_items
from bot.drafts.writer.sentences import Note, note, topic_clause

__all__ = [
    "Clarification",
    "Context",
    "Item",
    "Note",
    "clarification",
    "day_words",
    "email_company",
    "grouped",
    "is_filler",
    "join_items",
    "note",
    "promise_items",
    "role_phrase",
    "sentence_case",
    "tidy",
    "tidy_joined",
    "title_case",
    "topic_clause",
]
