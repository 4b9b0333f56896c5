"""One turn of the conversation: the rows it works on, the clock, and the replies it collects."""

from __future__ import annotations

import dataclasses
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import inspect, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm.attributes import set_committed_value

from bot.common import actions
from bot.common.events import Attachment, Button, Reply
from bot.common.names import family_first, propose_greeting
from bot.conversation.fields.spec import Context
from bot.service.config import Settings
from bot.store.models import Conversation, Interview, InterviewStatus, User

# Work a turn leaves for after its transaction (mail servers take seconds; the user's rows stay unlocked):
# `Job` does the slow part and returns a `Finish`, run in a fresh turn of the same user to record the outcome.
Finish = Callable[["Turn"], Awaitable[Any]]
Job = Callable[[], Awaitable[Finish]]


@dataclass
class Turn:
    session: AsyncSession
    user: User
    conv: Conversation
    now: datetime
    settings: Settings
    replies: list[Reply] = field(default_factory=list)
    ask: bool = False  # (re)ask the current question once the turn's changes are flushed
    first_contact: bool = False
    _choices: list[tuple[int, list[tuple[str, str]]]] = field(default_factory=list)
    planned: datetime | None = None  # the earliest reminder this turn planned, to wake the scheduler
    _interview: Interview | None = None
    _rendered: dict[str, tuple[str, list[tuple[str, str]]]] = field(default_factory=dict)
    jobs: list[Job] = field(default_factory=list)  # run by the core once this turn is saved
    secret_input: bool = False  # the user's message carried a secret: adapters delete it from the chat
    private_input: bool = False  # the text was typed privately (Incoming.private), not in the chat
    mailbox: Any = None  # the MailboxService, when the core has one (bot.mailbox)
    model: Any = None  # the language model's Assistant, when the operator turned it on (bot/assist)

    def later(self, job: Job) -> None:
        """Run `job` once this turn is saved, outside its transaction; its Finish runs in a new turn."""
        self.jobs.append(job)

    @property
    def tz(self) -> str:
        return self.user.timezone or "UTC"

    @property
    def called(self) -> str:
        """How the chat addresses the user: a first name when it is plain which one it is, else the whole name."""
        name = self.user.name or ""
        greeting = propose_greeting(name)
        plain = greeting.likely and " " not in greeting.likely and (not greeting.confirm or family_first(name))
        return greeting.likely if plain else name

    @property
    def ctx(self) -> Context:
        """Who is answering, for the field layer: zone, clock and country (their setting, else the zone's)."""
        return Context(self.tz, self.now, self.user.country)

    @property
    def scratch(self) -> dict[str, Any]:
        return self.conv.scratch

    def set(self, **values: Any) -> None:
        """Change the conversation's scratch data (a new dict, so SQLAlchemy sees the change)."""
        self.conv.scratch = {**self.conv.scratch, **values}

    def drop(self, *keys: str) -> None:
        self.conv.scratch = {k: v for k, v in self.conv.scratch.items() if k not in keys}

    def say(
        self,
        text: str,
        buttons: tuple[Button, ...] | list[Button] = (),
        files: tuple[Attachment, ...] = (),
        *,
        replace: bool = False,
        notice: bool = False,
    ) -> None:
        buttons = tuple(buttons)
        self.replies.append(Reply(text, buttons, files, replace, notice, step=actions.is_step(buttons)))

    def choose(self, text: str, pairs: list[tuple[str, str]], *, multiline: bool = False) -> None:
        """Say `text` with buttons for the current question; (label, choice) pairs are bound to the
        conversation's revision only once the turn's changes are flushed, so they are never born stale.
        `multiline`: the answer may take several lines (the adapters say how to type them)."""
        self._choices.append((len(self.replies), pairs))
        self.replies.append(Reply(text, multiline=multiline))

    def bind_choices(self) -> None:
        for index, pairs in self._choices:
            buttons = tuple(
                Button(label, actions.choice(self.conv.revision, code), label if code == actions.SECRET_CHOICE else "")
                for label, code in pairs
            )
            self.replies[index] = dataclasses.replace(self.replies[index], buttons=buttons)
        self._choices.clear()

    def planned_for(self, moment: datetime) -> None:
        self.planned = moment if self.planned is None else min(self.planned, moment)

    async def render(
        self, state: str, ask: Callable[[Turn], Awaitable[tuple[str, list[tuple[str, str]]]]]
    ) -> tuple[str, list[tuple[str, str]]]:
        """A state's question and buttons, rendered once per turn until `forget` (the data changed)."""
        if state not in self._rendered:
            self._rendered[state] = await ask(self)
        return self._rendered[state]

    def forget(self) -> None:
        self._rendered.clear()

    async def interview(self) -> Interview | None:
        if self._interview is None and self.conv.interview_id is not None:
            self._interview = await self.session.get(Interview, self.conv.interview_id)
        return self._interview

    async def require_interview(self) -> Interview:
        interview = await self.interview()
        if interview is None:
            raise LookupError("no interview in progress")
        return interview

    def take_up(self, interview: Interview) -> None:
        """Debrief `interview`, registered ahead with /upcoming (its rows are loaded): the conversation is
        about it from now on."""
        interview.status = InterviewStatus.DEBRIEFING
        self.conv.interview_id = interview.id
        self._interview = interview

    async def start_interview(self, interview: Interview) -> None:
        """Make `interview` the one this conversation is about (stored at once)."""
        new = not inspect(interview).persistent
        self.session.add(interview)
        await self.session.flush()
        # Load the collections now: an async session cannot lazy-load them later in this turn. A new
        # interview has nothing in the database but what its collections were given: the ones never
        # touched are empty, no query needed.
        if new:
            unloaded = inspect(interview).unloaded
            for name in ("people", "promises"):
                if name in unloaded:
                    set_committed_value(interview, name, [])
        else:
            await self.session.refresh(interview, ["people", "promises"])
        self._interview = interview
        self.conv.interview_id = interview.id


async def load_user_interviews(session: AsyncSession, user_id: int) -> list[Interview]:
    rows = await session.scalars(select(Interview).where(Interview.user_id == user_id).order_by(Interview.id))
    return list(rows)
