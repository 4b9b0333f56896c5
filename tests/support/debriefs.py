"""Messy debriefs played through the real chat, as a new user would: what the check asked, and every draft.

Each debrief in a file is a "## N. title" heading followed by "- Question: answer as typed" lines (the format
of tests/data/messy_debriefs.md). `run_one` plays one against the core on a fresh SQLite database, answering
whatever the bot asks the way the person typed it (a button by its label, "/skip" as typed), tapping "Use it"
on each question of the check, "Leave it out" on a note too long, "Write them anyway" on a generic debrief,
and "Looks good" on each thank-you; then it writes each interviewer's second email as the reminder would show
it, and the chase for what they promised. Used by tests/test_messy_debriefs.py and `python -m bench.debriefs`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import select

from bot.app import Followup
from bot.common.clock import FakeClock
from bot.common.events import Button, Incoming, Reply, Who
from bot.drafts import review
from bot.drafts import store as ds
from bot.drafts.check import strip_accents
from bot.service.config import Settings
from bot.store.models import FollowUpKind, Interview, User

MESSY = Path(__file__).resolve().parent.parent / "data" / "messy_debriefs.md"
START = datetime(2026, 12, 2, 15, 0, tzinfo=UTC)  # a Wednesday afternoon


@dataclass
class Debrief:
    title: str
    answers: dict[str, str]
    people: list[dict[str, str]] = field(default_factory=list)


def parse(text: str) -> list[Debrief]:
    out: list[Debrief] = []
    for block in re.split(r"(?m)^## ", text)[1:]:
        title, *lines = block.strip().split("\n")
        debrief = Debrief(title.strip(), {})
        for line in lines:
            match = re.match(r"^- ([^:]+):\s?(.*)$", line.strip())
            if not match:
                continue
            key, value = match.group(1).strip().lower(), match.group(2).strip()
            person = re.match(r"interviewer (\d+) (.*)$", key)
            if person:
                index = int(person.group(1)) - 1
                while len(debrief.people) <= index:
                    debrief.people.append({})
                debrief.people[index][_person_key(person.group(2))] = value
            else:
                debrief.answers[_key(key)] = value
        out.append(debrief)
    return out


def _person_key(key: str) -> str:
    for name in ("name", "role", "email", "phone"):
        if key.startswith(name):
            return name
    return "topic"


def _key(key: str) -> str:
    table = {
        "company": "company", "role": "role", "when": "when", "ideas": "open", "challenges": "challenges",
        "why": "why", "how did it go": "how", "one thing to set": "clarify", "next steps": "next",
        "when they expect": "decision", "did you promise": "mine", "did they promise": "theirs",
    }  # fmt: skip
    return next((table[k] for k in sorted(table, key=len, reverse=True) if key.startswith(k)), key)


class Player:
    """Answers whatever the bot asks, from one debrief."""

    def __init__(self, app: Followup, debrief: Debrief, user: str) -> None:
        self.app, self.debrief = app, debrief
        self.who = Who("console", user, "Sam")
        self.buttons: list[Button] = []
        self.last: list[Reply] = []
        self.person = -1
        self.questions: list[str] = []
        self.log: list[str] = []

    async def send(self, text: str | None = None, action: str | None = None) -> None:
        self.log.append(f"> {text if text is not None else action}")
        self.last = await self.app.handle(Incoming(self.who, text=text, action=action)) or []
        fresh = [b for r in self.last if not r.notice for b in r.buttons]
        if fresh:
            self.buttons = fresh
        self.log += [f"< {r.text}" for r in self.last]

    async def tap(self, label: str) -> None:
        button = next((b for b in self.buttons if label.casefold() in b.label.casefold()), None)
        if button is None:
            raise RuntimeError(f"no button {label!r} in {[b.label for b in self.buttons]}\n" + "\n".join(self.log[-6:]))
        await self.send(action=button.action)

    @property
    def text(self) -> str:
        return "\n".join(r.text for r in self.last)

    async def answer(self, value: str | None) -> None:
        if value is None or value.strip() == "" or value.strip().lower() == "/skip":
            await self.send("/skip")
        else:
            await self.send(value)

    async def play(self) -> list[Reply]:
        a = self.debrief.answers
        await self.send("/start")
        await self.send("Sam Taylor")
        await self.send("London")
        await self.send("/new")
        for _ in range(120):
            said = self.last[-1].text if self.last else ""
            ask = said.casefold().rsplit("\n\n", 1)[-1]
            if any("here are your thank-you emails" in r.text.casefold() for r in self.last):
                return self.last
            if len(self.log) > 3 and self.log[-1] == self.log[-3] and self.log[-2] == self.log[-4]:
                self.log.append("(the same answer twice refused: skipped)")
                await self.send("/skip")
                continue
            if "before i write the drafts" in said.casefold() or "too long to use in an email" in said.casefold():
                self.questions.append(said)
                await self.tap("Use it" if "before i write" in said.casefold() else "Leave it out")
            elif "so the drafts would be generic" in said.casefold():
                self.questions.append(said)
                await self.tap("Write them anyway")
            elif "which company" in ask:
                await self.send(a["company"])
            elif "what's the role" in ask:
                await self.send(a["role"])
            elif "when was the interview" in ask:
                await self.send(a["when"])
            elif "who interviewed you" in ask or "next person's name" in ask:
                self.person += 1
                await self.send(self.debrief.people[self.person]["name"])
            elif "'s role" in ask:
                await self.answer(self.debrief.people[self.person].get("role"))
            elif "email address" in ask:
                await self.answer(self.debrief.people[self.person].get("email"))
            elif "phone number" in ask:
                await self.answer(self.debrief.people[self.person].get("phone"))
            elif "you discussed with" in ask:
                await self.answer(self.debrief.people[self.person].get("topic"))
            elif "could you say it in" in ask:
                await self.send(self._shorter(ask))
            elif "anyone else" in ask:
                more = self.person + 1 < len(self.debrief.people)
                await self.tap("Add another person" if more else "That's everyone")
            elif "still open" in ask:
                await self.answer(a.get("open"))
            elif "what challenges" in ask:
                await self.answer(a.get("challenges"))
            elif "why are you in particular" in ask:
                await self.answer(a.get("why"))
            elif "how did it go" in ask:
                how = a.get("how", "went well").lower()
                await self.tap("Rough" if "rough" in how else "Mixed" if "mixed" in how else "Went well")
            elif "set straight" in ask:
                await self.answer(a.get("clarify"))
            elif "next steps" in ask and "what did they say" in ask:
                await self.answer(a.get("next"))
            elif "shall i note a decision" in ask:
                await self.tap("Yes")
            elif "expect to decide" in ask:
                value = a.get("decision")
                if not value or value == "/skip":
                    await self.tap("Not sure")
                else:
                    await self.send(value)
            elif "did you promise to send them" in ask:
                value = a.get("mine")
                await (self.tap("Nothing") if not value or value == "/skip" else self.send(value))
            elif "did they promise to send you" in ask:
                value = a.get("theirs")
                await (self.tap("Nothing") if not value or value == "/skip" else self.send(value))
            elif "by when" in ask:
                await self.tap("No date")
            elif "who promised you" in ask:
                await self._who_promised()
            elif "anything else" in ask and "promised" in ask:
                await self.tap("That's all")
            elif "here's your debrief" in said.casefold():
                await self.tap("Write the drafts")
            elif "couldn't read" in ask or "try " in ask:
                self.log.append("(not understood: typed it the plain way)")
                await self.send("today 10:00" if "time" in ask else "/skip")
            elif "in the future" in ask:
                await self.send("just now")
            elif any(r.buttons for r in self.last[-1:]):
                # a question this player does not know (a greeting, a time, a reading of a date): the first
                # button is the bot's own proposal, which a hurried user takes
                self.log.append(f"(took the first button for: {ask[:80]!r})")
                await self.send(action=self.last[-1].buttons[0].action)
            else:
                raise RuntimeError("stuck at:\n" + "\n".join(self.log[-8:]))
        raise RuntimeError("too many turns:\n" + "\n".join(self.log[:30]))

    def _shorter(self, ask: str) -> str:
        """A line the bot found too long, shortened as a person would: its first clause, else /skip."""
        most = int(m.group(1)) if (m := re.search(r"in (\d+) or fewer", ask)) else 20
        typed = self.log[-2][2:] if len(self.log) >= 2 and self.log[-2].startswith("> ") else ""
        first = re.split(r",\s|\s[-–—]\s|;\s|\.\s", typed)[0].strip(" .")
        self.log.append("(too long: typed the first clause)")
        return first if first and first != typed and len(first.split()) <= most else "/skip"

    async def _who_promised(self) -> None:
        theirs = strip_accents((self.debrief.answers.get("theirs") or "").lower())  # "lucia" typed for Lucía
        for person in self.debrief.people:
            for part in strip_accents(person["name"].lower()).replace(".", "").split():
                if part in {"mr", "ms", "mrs", "dr", "eng"} or not re.search(rf"\b{re.escape(part)}\b", theirs):
                    continue
                label = next((b.label for b in self.buttons if part in strip_accents(b.label.lower())), None)
                if label:
                    await self.tap(label)
                    return
        await self.tap("Not sure")


@dataclass
class Result:
    title: str
    questions: list[str]
    thank_yous: list[str]
    seconds: list[str]
    chases: list[str]
    left: list[str]


async def run_one(debrief: Debrief, folder: Path, n: int) -> Result:
    """Play one debrief on a fresh SQLite database in `folder`."""
    settings = Settings(
        database_url=f"sqlite+aiosqlite:///{folder}/d{n}.sqlite3", FOLLOWUP_DATA_DIR=folder / f"data{n}", _env_file=None
    )
    clock = FakeClock(START)
    app = await Followup.create(settings, clock=clock)
    try:
        player = Player(app, debrief, f"u{n}")
        replies = await player.play()
        drafts = [r for r in replies if r.files and r.files[0].filename.endswith(".eml")]
        thank_yous = [r.text for r in drafts]
        for reply in drafts:
            button = next(b for b in reply.buttons if b.label.startswith("Looks good"))
            await player.send(action=button.action)
        clock.advance(days=6)
        seconds, chases, left = [], [], []
        async with app.sessions() as session:
            user = (await session.scalars(select(User))).one()
            interview = (await session.scalars(select(Interview))).one()
            rows = await ds.stored(session, [interview.id])
            how = ds.Writing.of(user, clock())
            for person in interview.people:
                draft = ds.compose(
                    interview, ds.DraftKey(interview.id, FollowUpKind.SECOND_EMAIL, person.id), how, rows
                )
                seconds.append(draft.as_text())
                left += [
                    f"second email to {person.name}: {f.message}" for f in review.left_in(draft.body, interview, person)
                ]
            for promise in interview.promises:
                if not promise.mine:
                    key = ds.DraftKey(interview.id, FollowUpKind.CHASE_PROMISED, None, promise.id)
                    chases.append(ds.compose(interview, key, how, rows).as_text())
            left += [
                f"thank-you: {line}"
                for text in thank_yous
                for line in text.split("\n")
                if line.startswith("Before you send")
            ]
        return Result(debrief.title, player.questions, thank_yous, seconds, chases, left)
    finally:
        await app.stop()
