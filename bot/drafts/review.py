"""Which notes to ask about before the drafts are shown, and how each would read in the email.

The check (`bot/drafts/check.py`) fixes what is certain in every note. What it cannot fix is asked about
once per note, and only when it would reach a draft: a challenge the drafts would state through the neutral
challenge behind a criticism, or a word the dictionary does not know in a sentence the drafts would use, or a
piece the check cannot vouch for (`check.vouch`) whose doubts a question could settle (`check.askable`; the
others are left out whole by the writer), each interviewer's topic first. Each
question shows the sentence as it would read in the email; the user answers "Use it", "Leave it out" or
types one line instead. The answers live in `Interview.short_notes` under the note's key: "-" (left out), a
line (used instead), or "ok:<key>" -> the note as it was when the user said "Use it" (a changed note is
asked about again) with "shown:<key>" -> the sentence the question showed (its words are the ones "Use it"
vouches for in every email). At most `MOST_QUESTIONS` questions per debrief; whatever is left is said under the
draft it is in (`left_in`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from bot.common import texts as t
from bot.drafts import check
from bot.drafts import writer as w
from bot.drafts.draft import (
    challenge_for,
    challenge_said,
    checked,
    context,
    fit_for,
    known_of,
    note_key,
    question_for,
    reading,
    topic_text,
)
from bot.drafts.thank_you import clarification_sentence, clarification_unsaid
from bot.store.models import Interview, Person

MOST_QUESTIONS = 3
# Rules whose findings in a note are worth a question (the others are fixed, or are about whole emails).
ASKED_RULES = {"criticism", "spelling", "slang"}  # slang: shorthand of two meanings ("recs")


@dataclass(frozen=True, slots=True)
class Question:
    key: str  # the note's key in short_notes: "challenges", "why_me", "topic:<person id>"...
    what: str  # the note, in words ("the job's challenges", "what you discussed with Grace")
    sentence: str  # the sentence as it would read in the email
    why: str  # what the check stopped at, in one line


def raw_note(interview: Interview, key: str) -> str | None:
    """The note as typed (or the user's one-line version of it), by key."""
    short = (interview.short_notes or {}).get(key)
    if short:
        return short
    if key.startswith("topic:"):
        person = person_of(interview, key)
        return person.topic if person is not None else None
    return getattr(interview, key, None)


def person_of(interview: Interview, key: str) -> Person | None:
    wanted = key.split(":", 1)[1]
    return next((p for p in interview.people if str(p.id) == wanted), None)


def answered(interview: Interview, key: str) -> bool:
    """Whether the user already answered for this note as it reads now (or left it out)."""
    notes = interview.short_notes or {}
    short = notes.get(key)
    return bool(short) or notes.get(f"ok:{key}") == (raw_note(interview, key) or "")


def questions(interview: Interview, sender: str) -> list[Question]:
    """The questions to ask before the drafts, most useful first, at most one per note."""
    with reading():  # the pieces the drafts are written from, worked out once for the drafts and the questions
        return _questions(interview, sender)


def _questions(interview: Interview, sender: str) -> list[Question]:
    ctx = context(interview, sender)
    known = known_of(interview)
    found: list[Question] = []
    first = interview.people[0] if interview.people else None
    # the notes that matter most first: each interviewer's topic (what makes their draft theirs), then what the
    # user set straight (whatever the assessment: it has no other sentence to stand in for it, and is never
    # dropped without a word), the challenge, the fit, the open question
    keys = [*(note_key("topic", p) for p in interview.people), "clarification", "challenges", "why_me"]
    keys.append("open_questions")
    for key in keys:
        raw = raw_note(interview, key)
        if not raw or w.is_filler(raw) or answered(interview, key):
            continue
        person = person_of(interview, key) if key.startswith("topic:") else None
        mine = known.for_reader(person.name) if person is not None else known
        _fixed, remaining = checked(raw, mine)
        left = [f for f in remaining if f.rule in ASKED_RULES and not f.fixable]
        sentence, neutral = _as_sent(interview, key, person or first, ctx)
        if not sentence:
            continue
        if not neutral:  # what keeps the check from vouching for the note's words as the email would say them
            doubts = check.vouch(_piece(interview, key, person or first, ctx), mine)
            if doubts and not check.askable(doubts) and (key != "clarification" or _unsayable(doubts)):
                # chat, another language, shorthand, criticism: left out whole, "Use it" could not help. What the
                # user set straight has no other sentence to stand in for it: asked about, unless it runs them down
                # or criticises the reader (never sent)
                continue
            left += [f for f in doubts if f not in left]
        if key == "challenges":
            if not neutral:
                left = [f for f in left if f.rule != "criticism" and f.excerpt.lower() in sentence.lower()]
            else:
                critical = next((f for f in left if f.rule == "criticism"), None)
                left = [critical] if critical else left
        else:
            left = [f for f in left if f.excerpt.lower() in sentence.lower()]
        if left:
            # shown as "Use it" keeps it: shorthand of two meanings in its likeliest ("recs" -> "recommendations")
            shown = check.guessed(sentence, mine) if any(f.rule == "slang" for f in left) else sentence
            shown = re.sub(r"([?!])\.(?=\s|$)", r"\1", shown)  # "...: SAP or still comarch?." as the draft has it
            # a word no list knows, typed in lower case, is a name more often than not ("caseware", "invisalign"):
            # shown as a name, so that "Use it" keeps it written as one
            named = {
                f.excerpt
                for f in left
                if f.rule == "unvouched"
                and re.fullmatch(r"[a-z]{5,}", f.excerpt)
                and not _common_use(f.excerpt, shown)
                and not _field_of_the_role(f.excerpt, interview)
            }
            # one of three or four letters no dictionary knows is an acronym typed in lower case ("deis", "wsib")
            named = {w: w.capitalize() for w in named} | {
                f.excerpt: f.excerpt.upper()
                for f in left
                if f.rule == "spelling" and re.fullmatch(r"[a-z]{3,4}", f.excerpt) and not _common_use(f.excerpt, shown)
            }
            for word, written in named.items():
                shown = re.sub(rf"(?<![\w'’-]){word}(?![\w'’-])", written, shown)
            left = [replace(f, excerpt=named[f.excerpt]) if f.excerpt in named else f for f in left]
            found.append(Question(key, _what(interview, key), shown, _why(left[0])))
    return found[:MOST_QUESTIONS]


def _unsayable(doubts: list[check.Finding]) -> bool:
    """Whether a doubt is one no careful person would send whatever the user says: running themselves down,
    criticising the reader, or a shape no sentence has ("its rio I used at walsall, similar though"), which "Use it"
    would only keep broken."""
    return any(f.rule in {"self_down", "criticism", "shape"} for f in doubts)


def _field_of_the_role(word: str, interview: Interview) -> bool:
    """Whether the job's title, typed in lower case, names the word as its field ("civil engineer - roads &
    stormwater"): the kind of work, a common noun, not a name."""
    role = interview.role or ""
    return (
        not any(ch.isupper() for ch in role)
        and re.search(rf"(?<![\w'’-]){re.escape(word)}(?![\w'’-])", role) is not None
    )


def _common_use(word: str, sentence: str) -> bool:
    """Whether a word stands as a common noun does, with its article and a preposition after it ("the colab with
    the design team"), not as a name ("off caseware onto", "the invisalign side"); or a plural counted or cut down
    ("cut mispicks by 30%", "40 rejects a day": names are rarely plural)."""
    counted = (
        word.endswith("s")
        and not word.endswith("ss")
        and re.search(
            rf"(?i)\b(?:cut|cutting|reduced?|reducing|lowered|lowering|halved|halving|fewer|less|more|zero|no|\d+)\s+"
            rf"{re.escape(word)}\b",
            sentence,
        )
    )
    return bool(
        counted
        or re.search(
            rf"(?i)\b(?:the|a|an|my|our|your|their|this|that)\s+{re.escape(word)}(?:\s+(?:with|for|on|in|at|of|to|about|"
            rf"from)\b|\s*[,.;:!?]|\s*$)",
            sentence,
        )
    )


def _why(finding: check.Finding) -> str:
    """What the check stopped at, said to the user in one line."""
    if finding.rule in {"unvouched", "slashed", "figures"}:
        return t.CHECK_WHY_VOUCH.format(excerpt=finding.excerpt)
    if finding.rule == "criticism":
        return t.CHECK_WHY_CRITICISM.format(excerpt=w.sentence_case(finding.excerpt.strip(" ."))) + "."
    if finding.rule == "spelling":
        return t.CHECK_WHY_WORD.format(excerpt=finding.excerpt)
    meanings = check.meanings(finding.excerpt)
    if finding.rule == "slang" and meanings:
        said = " or ".join(f"“{m}”" for m in meanings)
        return t.CHECK_WHY_SHORT.format(excerpt=finding.excerpt, meanings=said, meaning=meanings[0])
    return w.sentence_case(finding.message) + "."


def _what(interview: Interview, key: str) -> str:
    if key.startswith("topic:"):
        person = person_of(interview, key)
        return t.NOTE_TOPIC.format(name=person.name if person else "them")
    return t.NOTE_WORDS.get(key, key.replace("_", " "))


def _piece(interview: Interview, key: str, person: Person | None, ctx: w.Context) -> str:
    """The note's words as the email would use them, without the writer's frame (for `check.vouch`)."""
    if key == "challenges":
        found, _ = challenge_for(interview, person, 0, ctx, 40, strict=False)
        return found.after_colon() if not found.empty else ""
    if key.startswith("topic:") and person is not None:
        return w.topic_clause(topic_text(interview, person), ctx)
    if key == "why_me":
        why = fit_for(interview, ctx, 40, strict="askable")
        return why.after_colon() if not why.empty else ""
    if key == "open_questions":
        question = w.note(question_for(interview), ctx, 25)
        return question.after_colon() if not question.empty else ""
    if key == "clarification":
        return clarification_sentence(interview, ctx, 0, strict=False)
    return ""


def _as_sent(interview: Interview, key: str, person: Person | None, ctx: w.Context) -> tuple[str, bool]:
    """The sentence the drafts would write from this note (the first person's wording), and whether it is
    the neutral challenge behind a criticism."""
    if key == "challenges":
        found, neutral = challenge_for(interview, person, 0, ctx, 40, strict=False)
        said = found.after_colon() if not found.empty else neutral
        return (challenge_said(said, t.CHALLENGE, t.CHALLENGE_PHRASE, 0) if said else ""), bool(neutral)
    if key.startswith("topic:") and person is not None:
        topic = w.topic_clause(topic_text(interview, person), ctx)
        return (t.TOPIC[0].format(topic=topic) if topic else ""), False
    if key == "why_me":
        why = fit_for(interview, ctx, 40, strict="askable")
        return (t.FIT_ALONE[0].format(why=why.after_colon()) if not why.empty else ""), False
    if key == "open_questions":
        question = w.note(question_for(interview), ctx, 25)
        return (t.QUESTION[0].format(question=question.after_colon()) if not question.empty else ""), False
    if key == "clarification":
        return clarification_sentence(interview, ctx, 0, strict=False), False
    return "", False


def left_in(body: str, interview: Interview, person: Person | None = None) -> list[check.Finding]:
    """What the check still stops at in a draft's body (nothing fixable: the drafts are written fixed)."""
    known = known_of(interview)
    mine = known.for_reader(person.name) if person is not None else known
    return [f for f in check.check_left(body, mine) if f.rule != "third_person"]


def clarification_left_out(interview: Interview, sender: str) -> tuple[list[Person], str]:
    """Whose draft leaves out what the user set straight, and the note in their words (shortened), to say under
    those drafts: a correction the user gave is never dropped without a word."""
    unsaid = clarification_unsaid(interview, context(interview, sender))
    note = " ".join((raw_note(interview, "clarification") or "").split())
    return unsaid, (note if len(note) <= 120 else note[:117].rsplit(" ", 1)[0] + "…")
