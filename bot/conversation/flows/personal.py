"""One thing the user discussed with each interviewer (optional): their draft is built around it."""

from __future__ import annotations

from bot.common import texts as t
from bot.common.parsing.text import Invalid, clean_text
from bot.conversation import fields
from bot.conversation.flows.people import current_person, everyone, just_them, person_asker, person_done
from bot.conversation.state import Flow, Next, State, entry
from bot.conversation.turn import Turn
from bot.drafts import writer as w

TOPIC_WORDS = 20  # one line of an email


def clean_topic(text: str) -> str | None:
    """A topic as stored: None for "no", "dunno", "-" and the like; Invalid when too long for one line."""
    topic = fields.without_chat(clean_text(text, limit=300, what="topic"))
    if w.is_filler(topic):
        return None
    words = len(topic.split())
    if words > TOPIC_WORDS:
        raise Invalid(t.TOPIC_TOO_LONG.format(words=words, most=TOPIC_WORDS))
    return topic


async def on_topic(turn: Turn, text: str) -> Next:
    person = await current_person(turn)
    if fields.means_no_one_else(text) or await just_them(turn, text):
        # "nobody else", "that's everyone", "just her": no topic, and the list of people is complete.
        person.topic = None
        person_done(turn, person)
        return await everyone(turn)
    if fields.means_skip(text):
        return await skip_topic(turn)
    person.topic = clean_topic(text)
    return person_done(turn, person)


async def skip_topic(turn: Turn) -> Next:
    person = await current_person(turn)
    person.topic = None
    return person_done(turn, person)


ENTRIES = [
    entry(
        State.PERSON_TOPIC,
        Flow.DEBRIEF,
        person_asker(t.Q_PERSON_TOPIC),
        {State.PERSON_MORE, State.OPEN_QUESTIONS},
        text=on_topic,
        skip=skip_topic,
        reads_no=True,
        section="people",
    ),
]
