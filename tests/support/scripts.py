"""The conversations every driver plays: one onboarding and one debrief, written once as data.

A script is a list of turns: `Says(text)`, `Taps(label)` and `Expects(*fragments)` (what the bot's
answer to the turn before must contain). `play(user, script)` runs one on any driver with the verbs
`says`, `taps` and `expect` (sync or async): the core's `ChatUser`, Telegram's `FakeUser`, Slack's
`SlackUser`, the contract suite's console driver. A process fed on stdin uses `typed_lines` (a tap is
typing the button's label) and `expect_in_order` on what it printed.

    await onboard(user)                         # /start, a name, a time zone
    await debrief(user, when="just now")        # a whole debrief, ending at its summary
    await play(user, onboarding(tz="Lisbon"))   # the same, as data
"""

from __future__ import annotations

import inspect
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Says:
    text: str


@dataclass(frozen=True)
class Taps:
    label: str


@dataclass(frozen=True)
class Expects:
    fragments: tuple[str, ...]

    def __init__(self, *fragments: str) -> None:
        object.__setattr__(self, "fragments", fragments)


Turn = Says | Taps | Expects
# name, role, email, phone (None: /skip), and optionally one thing discussed with them
Person = tuple[str, str, str | None, str | None] | tuple[str, str, str | None, str | None, str | None]

PEOPLE: list[Person] = [
    ("Jane Doe", "Hiring manager", "jane@acme.example", "+49 30 901820"),
    ("Bob Stone", "Tech lead", "bob@acme.example", None),
]
# The Telegram tests' interviewers (their reminders and drafts are checked by name).
PIONEERS: list[Person] = [
    ("Grace Hopper", "Team lead", "grace@example.com", None),
    ("Alan Turing", "CTO", "alan@example.com", "+44 20 7946 0958"),
]


def onboarding(name: str = "Ada Lovelace", tz: str = "Berlin") -> list[Turn]:
    """First contact: the name to sign with, then the time zone."""
    return [
        Says("/start"),
        Expects("what name should I sign"),
        Says(name),
        Expects("time zone"),
        Says(tz),
        Expects("Time zone set"),
        Expects("You're all set"),
    ]


def debriefing(
    people: list[Person] = PEOPLE,
    *,
    company: str = "Acme <Corp> & Co",
    role: str = "Data Engineer",
    when: str = "today 11:00",
    open_questions: str | None = "How the team splits on-call work. Also the roadmap.",
    challenges: str = "Migrating 200 legacy pipelines to streaming without downtime.",
    why_me: str = "I led a similar migration at Beta GmbH, cutting costs by 30%.",
    assessment: str = "Mixed",
    clarification: str | None = "I undersold my Kafka experience",
    next_steps: str | None = "A take-home exercise next week",
    decision: str | None = "in two weeks",
    mine: tuple[str, str | None] | None = ("writing samples", "friday"),
    theirs: tuple[str, str | None] | None = ("client case studies", None),
    promised_by: str | None = None,
    write_drafts: bool = False,
) -> list[Turn]:
    """Every question of a debrief answered (None: /skip, "Not sure", "Nothing" or "No date"), ending at
    the summary, or with `write_drafts` at the drafts and the follow-up plan. `promised_by` is the
    interviewer who promised `theirs` (None: "Not sure")."""
    turns: list[Turn] = [
        Says("/new"),
        Expects("Which company"),
        Says(company),
        Expects("What's the role"),
        Says(role),
        Expects("When was the interview"),
        Says(when),
        Expects("Got it"),
        Expects("Who interviewed you"),
    ]
    for index, (name, job, email, phone, *topic) in enumerate(people):
        if index:
            turns += [Taps("Add another person"), Expects("next person's name")]
        turns += [Says(name), Expects(f"{name}'s role"), Says(job), Expects(f"{name}'s email")]
        turns += [Says(email or "/skip"), Expects(f"{name}'s phone"), Says(phone or "/skip")]
        turns += [Expects(f"you discussed with {name}"), Says((topic or [None])[0] or "/skip")]
        turns += [Expects(f"Added {name}"), Expects("anyone else")]
    turns += [Taps("That's everyone"), Expects("still open"), Says(open_questions or "/skip")]
    turns += [Expects("What challenges"), Says(challenges), Expects("why are you in particular"), Says(why_me)]
    turns += [Expects("how did it go"), Taps(assessment)]
    # asked after every assessment ("or add": something forgotten); a good interview's script has nothing to add
    turns += [Expects("set straight"), Says((clarification if assessment != "Went well" else None) or "/skip")]
    turns += [Expects("next steps"), Says(next_steps or "/skip"), Expects("expect to decide")]
    turns += [Says(decision) if decision else Taps("Not sure")]
    for promise, (question, more) in (
        (mine, ("promise to send them", "Anything else you promised")),
        (theirs, ("Did they promise", "Anything else they promised")),
    ):
        turns.append(Expects(question))
        if promise is None:
            turns.append(Taps("Nothing"))
            continue
        what, by = promise
        turns += [Says(what), Expects("By when"), Says(by) if by else Taps("No date")]
        if promise is theirs and people:
            turns += [Expects("Who promised you"), Taps(promised_by or "Not sure")]
        turns += [Expects(more), Taps("That's all")]
    turns.append(Expects("Here's your debrief", company, *(name for name, *_ in people)))
    if write_drafts:
        turns += [Taps("Write the drafts"), Expects("thank-you emails"), Expects("keep you on track")]
    return turns


async def play(user: Any, script: list[Turn]) -> Any:
    """Play a script on a driver; returns the driver."""
    for turn in script:
        match turn:
            case Says(text):
                outcome = user.says(text)
            case Taps(label):
                outcome = user.taps(label)
            case Expects(fragments):
                outcome = user.expect(*fragments)
        if inspect.isawaitable(outcome):
            await outcome
    return user


async def onboard(user: Any, name: str = "Ada Lovelace", tz: str = "Berlin") -> Any:
    return await play(user, onboarding(name, tz))


async def debrief(user: Any, people: list[Person] = PEOPLE, **answers: Any) -> Any:
    return await play(user, debriefing(people, **answers))


def typed_lines(script: list[Turn]) -> list[str]:
    """What a person types to play the script in a terminal (a button's label counts as a tap)."""
    return [turn.text if isinstance(turn, Says) else turn.label for turn in script if not isinstance(turn, Expects)]


def expect_in_order(output: str, script: list[Turn], start: int = 0) -> int:
    """Every expectation of the script appears in `output`, in the script's order; where the last one is."""
    shown, at = output.casefold(), start
    for turn in script:
        if isinstance(turn, Expects):
            hits = []
            for fragment in turn.fragments:
                hit = shown.find(fragment.casefold(), at)
                assert hit >= 0, f"{fragment!r} not printed after position {at}:\n{output[at : at + 3000]}"
                hits.append(hit)
            at = min(hits)
    return at


# The Telegram tests' conversation (their reminders, drafts and dates are checked against it): Lisbon,
# two pioneers, a decision date left open, one promise without a date, then the drafts.
TELEGRAM_ONBOARDING = onboarding(tz="Europe/Lisbon")
TELEGRAM_DEBRIEF = debriefing(
    PIONEERS,
    company="Acme <Labs> & Co",
    role="Data engineer",
    when="just now",
    open_questions="How they measure data quality",
    challenges="Migrating 40 pipelines to streaming",
    why_me="I led a similar migration at Foo",
    clarification="I undersold my SQL experience",
    next_steps="A take-home task",
    decision=None,
    mine=("writing samples", None),
    theirs=None,
    write_drafts=True,
)
