"""The emails after the thank-you and the call: the second (or first) email, the chase for what they
promised, and the call script."""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from bot.common import names
from bot.common import texts as t
from bot.common.parsing.contacts import format_phone
from bot.common.parsing.text import shorten
from bot.drafts import edits as draft_text
from bot.drafts import writer as w
from bot.drafts.draft import (
    Draft,
    challenge_for,
    challenge_said,
    cleaned,
    context,
    filled,
    first_and_last,
    fit_for,
    full_name,
    greeting_line,
    reads_as_clause,
    template_fields,
    topic_text,
    topic_vouched,
    vouched,
)
from bot.drafts.thank_you import named_item, safe_item
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
    thanked: tuple[str, str] | None = None,
) -> Draft:
    """A shorter follow-up: who the user is, one specific point, the fit in a line, what was sent, the timeline.

    `first` words it as the first email after the interview (the thank-you was skipped): it opens with
    thanks for the conversation instead of following up on a note that was never sent.

    `sent` are the user's promises already sent (the draft mentions them); `topic` is one thing discussed
    with this person (defaults to `Person.topic` when it exists), else the challenge is the specific point;
    `variant` picks other phrasings ("Another version"). `thanked` is the thank-you as the writer wrote it and
    as the user approved or edited it: a point the user removed from it stays out of this email, and a point
    they reworded is used as they reworded it.
    """
    ctx = context(interview, sender)
    follow = _Follow(*thanked) if thanked else None
    fields = template_fields(interview, sender, tz, now)
    index = (interview.people.index(person) if person in interview.people else 0) + variant
    openings = t.FIRST_OPENINGS if first else t.SECOND_OPENINGS
    lines = [filled(openings[index % len(openings)], fields)]
    about = w.topic_clause(topic_text(interview, person, topic), ctx)
    about = about if topic_vouched(interview, about, person) else ""
    left_out: tuple[str, ...] = ()
    about = _still(interview, person, about, follow.point(about)) if follow and about else about
    challenged = False  # "well placed to help" follows a challenge only, never a topic that is no problem
    if about:
        lines.append((t.SECOND_TOPIC_CLAUSE if reads_as_clause(about) else t.SECOND_TOPIC).format(topic=about))
    else:
        challenge, neutral = challenge_for(interview, person, index, ctx, 20)
        said = challenge.after_colon() if not challenge.empty else neutral
        said = _still(interview, person, said, follow.point(said)) if follow and said else said
        if said:
            lines.append(challenge_said(said, t.SECOND_CHALLENGE, t.SECOND_CHALLENGE_PHRASE, 0))
            challenged = True
        left_out += ("challenges",) if challenge.too_long else ()
    why = fit_for(interview, ctx, 20, most=1, person=person)
    fit_said = why.after_colon() if not why.empty else ""
    fit_said = _still(interview, person, fit_said, follow.point(fit_said)) if follow and fit_said else fit_said
    if fit_said:
        fit = t.SECOND_FIT if challenged else t.SECOND_FIT_ALONE
        lines.append(fit.format(why=fit_said))
    items = w.promise_items([_Item(safe_item(interview, p.what), p.due_on) for p in sent if p.mine], ctx, tz, now)
    if items:
        lines.append(t.SECOND_SENT.format(what=w.join_items([item.what for item in items])))
    lines.append(filled(t.SECOND_ASKS[index % len(t.SECOND_ASKS)], fields))
    hello = greeting_line(person, 1 + variant, {person.id: greeting} if greeting else None)
    body = "\n\n".join([hello, w.tidy_joined(" ".join(lines)), f"{t.SECOND_SIGNOFF}\n{sender}"])
    left_out += ("why_me",) if why.too_long else ()
    subject = filled((t.FIRST_SUBJECT if first else t.SECOND_SUBJECT), fields)
    kind = "first-email" if first else "follow-up"
    return Draft(names.display_name(full_name(person)), person.email, subject, body, left_out, kind)


def _still(interview: Interview, person: Person, written: str, edited: str) -> str:
    """A point as the user reworded it in the thank-you, when it still passes the check: their words with the
    check's certain fixes, or "" (left out) when the check cannot vouch for them in a new email."""
    if edited == written or not edited:
        return edited
    fixed = cleaned(interview, edited) or ""
    return fixed if vouched(interview, fixed, person) else ""


class _Follow:
    """The thank-you as written and as the user approved or edited it: what became of each point."""

    def __init__(self, written: str, approved: str) -> None:
        self.written = _sentences_of(written)
        self.approved = _sentences_of(approved)
        self.fate: dict[int, str | None] = {}  # index in written -> its new sentence, or None: removed
        matcher = difflib.SequenceMatcher(a=self.written, b=self.approved, autojunk=False)
        for op, a1, a2, b1, b2 in matcher.get_opcodes():
            if op == "equal":
                self.fate.update({a1 + n: self.approved[b1 + n] for n in range(a2 - a1)})
            elif op == "delete":
                self.fate.update(dict.fromkeys(range(a1, a2)))
            elif op == "replace":
                for n in range(a2 - a1):
                    self.fate[a1 + n] = (
                        self.approved[b1 + n]
                        if a2 - a1 == b2 - b1
                        else _closest(self.written[a1 + n], self.approved[b1:b2])
                    )

    def point(self, said: str) -> str:
        """A point of the thank-you as it reads after the user's edits: the same, reworded, or "" (removed)."""
        bare = said.rstrip(".")
        for n, sentence in enumerate(self.written):
            at = sentence.find(bare) if bare else -1
            if at < 0:
                continue
            now = self.fate.get(n, sentence)
            if now is None:
                return ""
            if now == sentence:
                return said
            prefix, suffix = sentence[:at], sentence[at + len(bare) :]
            if now.startswith(prefix) and now.endswith(suffix) and len(now) > len(prefix) + len(suffix):
                return now[len(prefix) : len(now) - len(suffix)].strip()
            return ""  # reworded beyond the template: not repeated in other words
        return said


def _sentences_of(body: str) -> list[str]:
    return [line.split(": ", 1)[1] for line in draft_text.numbered(body)]


def _closest(sentence: str, candidates: Sequence[str]) -> str | None:
    best = max(candidates, key=lambda c: difflib.SequenceMatcher(a=sentence, b=c).ratio(), default=None)
    if best is None or difflib.SequenceMatcher(a=sentence, b=best).ratio() < 0.5:
        return None
    return best


# Who said they would send it, in front of the item: "marta said she'd send the slides", "they'll share ...".
_SPEAKER = re.compile(
    r"(?i)^\s*(?:(?:he|she|they|you|(?P<name>[\w.-]+(?:\s+[\w.-]+){0,2}?))"
    r"(?:\s+(?:said|says|promised|mentioned|offered|told\s+me|agreed)(?:\s+that)?(?:\s+(?:she|he|they|you))?)?)?"
    r"(?:\s*(?:['’]d|['’]ll|\s(?:would|will|wd|to|is\s+going\s+to|was\s+going\s+to|gonna))\s+"
    r"(?:send|share|forward|email|get|pass\s+on|give|text|message|whatsapp|post|mail|drop)"
    r"|\s+(?:is|are|will\s+be)\s+(?:sending|emailing|sharing|forwarding|getting|texting|messaging|posting)"
    r"|\s+(?:sends|emails|shares|forwards|gets|texts|messages|posts|mails)"
    r"|\s+said\s+(?:i['’]?d|i\s+would|i['’]ll|i\s+will|we['’]?d)\s+(?:receive|get|have|see))"
    r"\s+(?:(?:me|us)\s+)?(?:over\s+)?"
)


def only_theirs(what: str, person: Person | None, people: Sequence[Person]) -> str:
    """What this person promised, without the part that names another interviewer's promise ("the test link
    tmrw, abdallah said hed share the fleet report" to Wanjiru -> "the test link tmrw")."""
    if person is None:
        return what
    cut = len(what)
    for other in people:
        if other is person or (other.id is not None and other.id == person.id) or not other.name:
            continue
        for part in {first_and_last(other.name)[0], first_and_last(other.name)[1]} - {""}:
            found = re.search(rf"(?i)(?:,|;|\band\b|\bthen\b)\s*(?:and\s+)?(?:{re.escape(part)})\b", what)
            if found and found.start() > 0:
                cut = min(cut, found.start())
    return what[:cut].rstrip(" ,;") or what


def without_speaker(what: str, people: Sequence[str]) -> str:
    """A promised item without who said it: "marta said she'd send the slides" -> "the slides"."""
    what = re.sub(r"(?i)\b(she|he|they)(d|ll)\b(?=\s+(?:send|share|email|forward|get|give)\b)", r"\1'\2", what)
    found = _SPEAKER.match(what)
    if found is None:
        return _without_remark(what)
    rest = re.sub(r"(?i)\s+(?:if|once|when)\s+.*$", "", what[found.end() :].strip())  # "... if it's a yes"
    return _without_remark(rest) if rest else _without_remark(what)


# What the user added after the item about when or who ("..., today or tomorrow she said", "..., no date"):
# not part of what was promised.
_REMARK_AFTER = re.compile(
    r"(?i)\s*(?:,|\s+and\b)\s*(?:(?:(?!\band\b)[^,])*\b(?:she|he|they)\s+(?:said|says|reckons|thinks)\b[^,]*|no date\b[^,]*|"
    r"(?:today|tonight|tomorrow|this week|next week)(?:\s+or\s+\w+)?\b[^,]*)$"
)


# "..., didn't say when", "... sometime", "... either way": about when or whether, not what was promised.
_WHEN_REMARK = re.compile(
    r"(?i)(?:\s*(?:,|;|\s+and\b|\s+but\b)?\s*(?:(?:she|he|they)\s+)?(?:didn['’]?t|did not|never|doesn['’]?t)\s+say\s+when\b.*"
    r"|\s*(?:,|;|\s+and\b|\s+but\b)?\s*no\s+idea\s+when\b.*"
    r"|\s+(?:either\s+way|sometime|some\s+time|at\s+some\s+point|whenever|eventually)\s*)$"
)


def _without_remark(what: str) -> str:
    text = what
    for _ in range(3):
        shorter = _WHEN_REMARK.sub("", _REMARK_AFTER.sub("", text)).strip(" ,;")
        if shorter == text:
            break
        text = shorter
    return text or what


# An item that still holds a clause ("ravi will text the details", "she said"): no noun phrase to name it by.
_A_CLAUSE = re.compile(r"(?i)\b(?:will|would|said|says|promised|['’]ll|gonna)\b")


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
    typed = without_speaker(cleaned(interview, promise.what) or "", [p.name for p in interview.people])
    typed = only_theirs(typed, person, interview.people)
    typed = (named_item(interview, typed, promise.what or "", person) if not _A_CLAUSE.search(typed) else "") or (
        t.PROMISED_ITEM
    )
    items = w.promise_items([_Item(typed, promise.due_on)], ctx, tz, now)
    what = w.join_items([item.what for item in items]) or w.tidy(typed).rstrip(".!")
    by = f" by {w.day_words(promise.due_on)}" if promise.due_on else ""
    ask = filled(t.CHASE_ASK[variant % len(t.CHASE_ASK)], fields, what=what, by=by)
    thanks = filled(t.CHASE_THANKS[variant % len(t.CHASE_THANKS)], fields)
    hello = greeting_line(person, 1 + variant, None) if person is not None else t.CHASE_GREETING_UNKNOWN
    body = "\n\n".join([hello, w.tidy_joined(ask) + "\n" + thanks, f"{t.SECOND_SIGNOFF}\n{sender}"])
    subject = filled(t.CHASE_SUBJECT, fields, What=shorten(w.sentence_case(what)))
    to_name = names.display_name(full_name(person)) if person is not None else w.email_company(interview.company) or ""
    return Draft(to_name, person.email if person is not None else None, subject, body, kind="request")


def call_script(
    interview: Interview, person: Person, sender: str, tz: str, now: datetime, *, topic: str | None = None
) -> str:
    """What to say on the phone: who you are, one thing you talked about, still interested, the timeline."""
    ctx = context(interview, sender)
    fields = template_fields(interview, sender, tz, now)
    about = w.topic_clause(topic_text(interview, person, topic), ctx, 12)
    about = about if topic_vouched(interview, about, person) else ""
    challenge, neutral = challenge_for(interview, person, 0, ctx, 15)
    specific = ""
    if about:
        specific = t.CALL_SPECIFIC.format(topic=about)
    elif not challenge.empty or neutral:
        specific = t.CALL_CHALLENGE.format(challenge=challenge.after_colon() if not challenge.empty else neutral)
    return filled(
        t.CALL_SCRIPT,
        fields,
        name=person.name,
        phone=f" on {format_phone(person.phone)}" if person.phone else t.CALL_NO_PHONE,
        first=names.greeting_name(person),
        specific=specific,
    )
