"""The emails after the thank-you and the call: the second (or first) email, the chase for what they
promised, and the call script."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from bot.common import names
from bot.common import texts as t
from bot.drafts import writer as w
from bot.drafts.draft import Draft, context, greeting_line, note_text, template_fields
from bot.common.parsing.contacts import format_phone
from bot.common.parsing.text import shorten
from bot.store.models import Interview, Person, Promise


def second_email(
    interview: Interview,
    person: Person,
    sender: str,
    tz: str,
    now: datetime,
    *,
    sent: Sequence[Promise] = (),
    topic: str | None = None,
    greeting: str | None = None,
    first: bool = False,
    variant: int = 0,
) -> Draft:
    """A shorter follow-up: who the user is, one specific point, the fit in a line, what was sent, the timeline.

    `first` words it as the first email after the interview (the thank-you was skipped): it opens with
    thanks for the conversation instead of following up on a note that was never sent.

    `sent` are the user's promises already sent (the draft mentions them); `topic` is one thing discussed
    with this person (defaults to `Person.topic` when it exists), else the challenge is the specific point;
    `variant` picks other phrasings ("Another version").
    """
    ctx = context(interview, sender)
    fields = template_fields(interview, sender, tz, now)
    index = (interview.people.index(person) if person in interview.people else 0) + variant
    openings = t.FIRST_OPENINGS if first else t.SECOND_OPENINGS
    lines = [openings[index % len(openings)].format(**fields)]
    about = w.topic_clause(topic if topic is not None else getattr(person, "topic", None), ctx)
    left_out: tuple[str, ...] = ()
    if about:
        lines.append(t.SECOND_TOPIC.format(topic=about))
    else:
        challenge = w.note(note_text(interview, "challenges"), ctx, 20, start=index, most=1)
        if not challenge.empty:
            lines.append(t.SECOND_CHALLENGE.format(challenge=challenge.after_colon()))
        elif challenge.withheld:
            lines.append(t.SECOND_CHALLENGE_UNQUOTED)
        left_out += ("challenges",) if challenge.too_long else ()
    why = w.note(note_text(interview, "why_me"), ctx, 20, most=1)
    if not why.empty:
        fit = t.SECOND_FIT if len(lines) > 1 else t.SECOND_FIT_ALONE
        lines.append(fit.format(why=why.after_colon()))
    items = w.promise_items([p for p in sent if p.mine], ctx, tz, now)
    if items:
        lines.append(t.SECOND_SENT.format(what=w.join_items([item.what for item in items])))
    lines.append(t.SECOND_ASKS[index % len(t.SECOND_ASKS)].format(**fields))
    hello = greeting_line(person, 1 + variant, {person.id: greeting} if greeting else None)
    body = "\n\n".join([hello, w.tidy_joined(" ".join(lines)), f"{t.SECOND_SIGNOFF}\n{sender}"])
    left_out += ("why_me",) if why.too_long else ()
    subject = (t.FIRST_SUBJECT if first else t.SECOND_SUBJECT).format(**fields)
    return Draft(names.display_name(person.name), person.email, subject, body, left_out)


@dataclass(frozen=True, slots=True)
class _Item:
    what: str
    due_on: object = None
    mine: bool = True


def chase_email(
    interview: Interview,
    promise: Promise,
    person: Person | None,
    sender: str,
    tz: str,
    now: datetime,
    *,
    variant: int = 0,
) -> Draft:
    """Two polite lines asking for what they promised: what it was and when, and a thank-you; `variant`
    picks other phrasings ("Another version").

    Pure: it reads the rows given and stores nothing, so a draft store can keep or rewrite it.
    `person` is who promised it (None: the email greets without a name and has no address).
    """
    ctx = context(interview, sender)
    fields = template_fields(interview, sender, tz, now)
    items = w.promise_items([_Item(promise.what, promise.due_on)], ctx, tz, now)
    what = w.join_items([item.what for item in items]) or w.tidy(promise.what).rstrip(".!")
    by = f" by {w.day_words(promise.due_on)}" if promise.due_on else ""
    ask = t.CHASE_ASK[variant % len(t.CHASE_ASK)].format(what=what, by=by, **fields)
    thanks = t.CHASE_THANKS[variant % len(t.CHASE_THANKS)].format(**fields)
    hello = greeting_line(person, 1 + variant, None) if person is not None else t.CHASE_GREETING_UNKNOWN
    body = "\n\n".join([hello, w.tidy_joined(ask) + "\n" + thanks, f"{t.SECOND_SIGNOFF}\n{sender}"])
    subject = t.CHASE_SUBJECT.format(What=shorten(w.sentence_case(what)), **fields)
    to_name = names.display_name(person.name) if person is not None else interview.company or ""
    return Draft(to_name, person.email if person is not None else None, subject, body)


def call_script(
    interview: Interview, person: Person, sender: str, tz: str, now: datetime, *, topic: str | None = None
) -> str:
    """What to say on the phone: who you are, one thing you talked about, still interested, the timeline."""
    ctx = context(interview, sender)
    fields = template_fields(interview, sender, tz, now)
    about = w.topic_clause(topic if topic is not None else getattr(person, "topic", None), ctx, 12)
    challenge = w.note(note_text(interview, "challenges"), ctx, 15, most=1)
    specific = ""
    if about:
        specific = t.CALL_SPECIFIC.format(topic=about)
    elif not challenge.empty:
        specific = t.CALL_CHALLENGE.format(challenge=challenge.after_colon())
    return t.CALL_SCRIPT.format(
        name=person.name,
        phone=f" on {format_phone(person.phone)}" if person.phone else t.CALL_NO_PHONE,
        first=names.greeting_name(person),
        specific=specific,
        **fields,
    )
