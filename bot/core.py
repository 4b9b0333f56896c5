"""The turn loop: load the user's rows under a lock, route the event, save, and return replies."""

from __future__ import annotations

import asyncio
import logging
import weakref
from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from bot import actions, commands, debrief, drafts, forms, ladder, reminders
from bot import templates as t
from bot.clock import Clock
from bot.config import Settings
from bot.debrief import STEPS, Step
from bot.events import Incoming, Reply
from bot.parsing import MAX_ANSWER_CHARS, Invalid
from bot.store.models import Conversation, Interview, InterviewStatus, ProcessedEvent, User
from bot.turn import Turn

log = logging.getLogger(__name__)

RETRIES = 6


T = TypeVar("T")


class Busy(Exception):
    """A turn that could not get through after every retry."""


class Core:
    """Platform-agnostic conversation handling; adapters call `handle`."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession], settings: Settings, clock: Clock) -> None:
        self.sessions = sessions
        self.settings = settings
        self.clock = clock
        self._locks: weakref.WeakValueDictionary[str, asyncio.Lock] = weakref.WeakValueDictionary()
        self.on_planned: Callable[[datetime], None] | None = None  # wake the dispatcher earlier

    def _lock(self, key: str) -> asyncio.Lock:
        lock = self._locks.get(key)
        if lock is None:
            lock = asyncio.Lock()
            self._locks[key] = lock
        return lock

    async def handle(self, event: Incoming, delivery: str | None = None) -> list[Reply] | None:
        """One turn at a time per user: an in-process lock, and a row lock or version check across processes.

        `delivery` is the platform's id for this event (e.g. a Telegram update id); it is recorded in
        the turn's own transaction, and a redelivered one returns None and changes nothing.
        """
        try:
            return await self._retrying(event.who.key, lambda: self._turn(event, delivery))
        except Busy:
            return [Reply("Sorry, I'm very busy right now; please send that again in a moment.")]

    async def submit_form(self, event: Incoming, fields: dict[str, str]) -> tuple[dict[str, str], list[Reply]]:
        """The whole debrief as one form: errors by field, or the drafts and the plan."""
        try:
            return await self._retrying(event.who.key, lambda: self._form_turn(event, fields))
        except Busy:
            return {"company": "I'm very busy right now; please submit again in a moment."}, []

    async def _retrying(self, key: str, work: Callable[[], Awaitable[T]]) -> T:
        """Run one transaction under the user's lock, redoing it when another process saved this user's
        turn first or the database was busy; Busy when it never got through."""
        async with self._lock(key):
            for attempt in range(RETRIES):
                try:
                    return await work()
                except (StaleDataError, IntegrityError, OperationalError) as exc:
                    log.info("turn retry user=%s attempt=%d reason=%s", key, attempt + 1, type(exc).__name__)
                    await asyncio.sleep(0.05 * (attempt + 1))
        log.error("turn failed user=%s", key)
        raise Busy(key)

    async def _form_turn(self, event: Incoming, fields: dict[str, str]) -> tuple[dict[str, str], list[Reply]]:
        async with self.sessions() as session, session.begin():
            turn = await self._load(session, event)
            if Step(turn.conv.step) not in {Step.IDLE, *debrief.ONBOARDING_STEPS}:
                return {"company": "Finish or /cancel the debrief you started in the chat first."}, []
            errors = await forms.submit(turn, fields, event.who.name, event.tz_hint)
            if errors:
                return errors, []
            await self._finish_debrief(turn)
            await session.flush()
            turn.bind_choices()
        self._wake(turn)
        return {}, turn.replies

    def _wake(self, turn: Turn) -> None:
        if turn.planned is not None and self.on_planned is not None:
            self.on_planned(turn.planned)

    async def _turn(self, event: Incoming, delivery: str | None) -> list[Reply] | None:
        async with self.sessions() as session, session.begin():
            if delivery is not None and not await record_delivery(session, delivery, self.clock()):
                return None
            turn = await self._load(session, event)
            await self._route(turn, event)
            await session.flush()
            if turn.ask:
                await ask(turn)
            await session.flush()
            turn.bind_choices()
        self._wake(turn)
        return turn.replies

    async def _load(self, session: AsyncSession, event: Incoming) -> Turn:
        now = self.clock()
        who = event.who
        # One query for both rows; the user's row is the lock that makes turns of one user take turns.
        row = (
            await session.execute(
                select(User, Conversation)
                .outerjoin(Conversation, Conversation.user_id == User.id)
                .where(User.key == who.key)
                .with_for_update(of=User)
            )
        ).first()
        user, conv = row if row is not None else (None, None)
        if user is None:
            user = User(key=who.key, platform=who.platform, display_name=who.name[:200], active=True)
            session.add(user)
            await session.flush()
        if conv is None:
            conv = Conversation(user_id=user.id, step=Step.ASK_NAME, scratch={}, updated_at=now)
            if event.tz_hint:
                conv.scratch = {"tz_hint": event.tz_hint}
            session.add(conv)
            await session.flush()
            turn = Turn(session, user, conv, now, self.settings)
            turn.first_contact = True
            return turn
        return Turn(session, user, conv, now, self.settings)

    async def _route(self, turn: Turn, event: Incoming) -> None:
        if turn.first_contact:
            # Whatever the first message says, it is not an answer yet: greet, then ask the name.
            command = (event.text or "").strip().split(" ")[0].split("@")[0].lower()
            if command in {"/new", "/upcoming"}:
                turn.set(then=command[1:])
            turn.say(t.WELCOME)
            turn.ask = True
            return
        if event.action is not None:
            await self._on_action(turn, event.action)
            return
        text = event.text or ""
        if len(text) > MAX_ANSWER_CHARS:
            await self._invalid(
                turn,
                f"That message is {len(text):,} characters long; the limit is {MAX_ANSWER_CHARS:,}, so it's too "
                "long for me to store. Please send the main points. Nothing you saved before is lost.",
            )
            return
        if not text.strip():
            turn.say(
                "I can only read text. " + (t.IDLE_HINT if turn.conv.step == Step.IDLE else "Please type your answer.")
            )
            return
        if text.lstrip().startswith("/"):
            await self._on_command(turn, text.strip())
            return
        await self._on_text(turn, text)

    # ---- typed answers ------------------------------------------------------------------------

    async def _on_text(self, turn: Turn, text: str) -> None:
        step = Step(turn.conv.step)
        question = STEPS.get(step)
        if question is None:
            turn.choose(t.IDLE_HINT, _menu())
            return
        # A typed button label (or its number, mapped by the console) counts as a tap.
        if question.choices:
            _, pairs = await question.ask(turn)
            wanted = " ".join(text.split()).casefold()
            for label, code in pairs:
                if label.casefold() == wanted:
                    await self._on_choice(turn, code)
                    return
        if question.text is None:
            await self._invalid(turn, t.USE_BUTTONS)
            return
        try:
            await question.text(turn, text)
        except Invalid as exc:
            await self._invalid(turn, str(exc))

    async def _invalid(self, turn: Turn, message: str) -> None:
        """Explain what was wrong, keeping the question's buttons at hand; nothing is changed."""
        question = STEPS.get(Step(turn.conv.step))
        pairs = (await question.ask(turn))[1] if question else []
        turn.choose(message, pairs)

    # ---- commands -----------------------------------------------------------------------------

    async def _on_command(self, turn: Turn, text: str) -> None:
        cmd = text.split()[0].split("@")[0].lower()
        step = Step(turn.conv.step)
        onboarding = step in debrief.ONBOARDING_STEPS
        busy = step in debrief.DEBRIEF_STEPS or step in debrief.UPCOMING_STEPS or step in debrief.SETTINGS_STEPS
        if cmd == "/start":
            if not turn.user.active:
                turn.user.active = True
                turn.planned_for(turn.now)  # reminders paused while they had blocked the bot resume now
            turn.say(t.RESUMING if busy else t.WELCOME)
            if step == Step.IDLE:
                turn.choose("What would you like to do?", _menu())
            else:
                turn.ask = True
        elif cmd == "/help":
            turn.say(t.HELP)
            turn.ask = step != Step.IDLE
        elif onboarding and cmd in {"/new", "/upcoming"}:
            turn.set(then=cmd[1:])
            turn.say("Sure; first I need two things from you.")
            turn.ask = True
        elif onboarding:
            turn.say("Let's finish setting you up first.")
            turn.ask = True
        elif cmd == "/cancel":
            await self._cancel(turn, step, busy)
        elif cmd == "/back":
            history = turn.scratch.get("history", [])
            # Pass over questions whose subject is gone (a person or promise of a list already closed).
            while history and not await _askable(turn, history[-1]):
                history = history[:-1]
            if not history or step == Step.IDLE:
                turn.say(t.NOTHING_TO_GO_BACK)
                turn.ask = step != Step.IDLE
            else:
                turn.set(history=history[:-1])
                turn.goto(history[-1], remember=False)
        elif cmd == "/skip":
            question = STEPS.get(step)
            if question is None:
                turn.say(t.IDLE_HINT)
            elif question.skip is None:
                await self._invalid(turn, t.CANT_SKIP.format(hint="Please answer it, or /back, or /cancel."))
            else:
                await question.skip(turn)
        elif cmd in {"/new", "/upcoming", "/settings", "/delete"} and busy:
            turn.say("Let's finish this first, or /cancel it.")
            turn.ask = True
        elif cmd == "/new":
            await debrief.begin_debrief(turn)
        elif cmd == "/upcoming":
            await turn.start_interview(Interview(user_id=turn.user.id, status=InterviewStatus.DEBRIEFING))
            turn.set(history=[])
            turn.goto(Step.UP_COMPANY, remember=False)
        elif cmd == "/settings":
            # A fresh history: /back from the menu must not land on idle, which asks nothing (no reply).
            turn.set(history=[])
            turn.goto(Step.SET_MENU, remember=False)
        elif cmd in commands.COMMANDS:
            await commands.COMMANDS[cmd](turn)
            turn.ask = step != Step.IDLE
        else:
            turn.say(t.UNKNOWN_COMMAND.format(cmd=cmd[:40]))
            turn.ask = step != Step.IDLE

    async def _cancel(self, turn: Turn, step: Step, busy: bool) -> None:
        if not busy:
            turn.say(t.NOTHING_TO_CANCEL)
            return
        interview = await turn.interview()
        if step in debrief.SETTINGS_STEPS:
            turn.say("Settings closed.")
        elif interview is not None and interview.status == InterviewStatus.DEBRIEFING:
            turn.say(t.CANCELLED.format(company=interview.company or "this interview"))
            if turn.scratch.get("from_upcoming"):
                interview.status = InterviewStatus.UPCOMING
            else:
                await turn.session.delete(interview)
        turn.conv.interview_id = None
        turn.drop("editing", "person_id", "person_open", "promise_id", "promise_open", "from_upcoming")
        turn.set(history=[])
        turn.goto(Step.IDLE, remember=False)

    # ---- buttons ------------------------------------------------------------------------------

    async def _on_action(self, turn: Turn, raw: str) -> None:
        action = actions.decode(raw)
        if action is None or action.ref > 2**31 - 1:  # no row id is that big; PostgreSQL would refuse it
            turn.say(t.FOREIGN_BUTTON, notice=True)
            return
        if action.kind == "r":
            await reminders.on_action(turn, action)
        elif action.kind == "i":
            await commands.on_interview_action(turn, action)
        elif action.kind == "u":
            await commands.on_account_action(turn, action)
        elif action.ref != turn.conv.revision:
            turn.say(t.STALE_BUTTON, notice=True)
        else:
            await self._tap(turn, action.op)

    async def _tap(self, turn: Turn, code: str) -> None:
        """A tap on the current question: mark the old message with the choice, then act on it."""
        question = STEPS.get(Step(turn.conv.step))
        if question is not None:
            text, pairs = await question.ask(turn)
            label = next((lbl for lbl, c in pairs if c == code), None)
            if label is None:
                turn.say(t.FOREIGN_BUTTON, notice=True)
                return
            turn.say(f"{text}\n\n→ {label}", replace=True)
        await self._on_choice(turn, code)

    async def _on_choice(self, turn: Turn, code: str) -> None:
        step = Step(turn.conv.step)
        question = STEPS.get(step)
        try:
            if question is not None and code in question.choices:
                await question.choices[code](turn)
            elif step == Step.IDLE and code in {"new", "upc", "help"}:
                await self._on_command(turn, {"new": "/new", "upc": "/upcoming", "help": "/help"}[code])
            elif step == Step.SUMMARY and code == "drafts":
                await self._finish_debrief(turn)
            elif step == Step.SUMMARY and code.startswith("e_") and code[2:] in debrief.SECTION_START:
                await debrief.edit_section(turn, code[2:])
            elif step == Step.PEOPLE_EDIT and code.startswith("rm_") and code[3:].isdigit():
                await debrief.remove_person(turn, int(code[3:]))
            else:
                turn.say(t.FOREIGN_BUTTON, notice=True)
        except Invalid as exc:
            await self._invalid(turn, str(exc))

    async def _finish_debrief(self, turn: Turn) -> None:
        interview = await turn.require_interview()
        interview.status = InterviewStatus.ACTIVE
        interview.debriefed_at = turn.now
        sender = turn.user.name or turn.user.display_name or "Me"
        written = drafts.thank_you_drafts(interview, sender, turn.tz, turn.now)
        turn.say(t.DRAFTS_HEAD)
        for draft in written:
            turn.say(draft.as_text(), files=(draft.attachment(),))
        if interview.assessment in {"mixed", "rough"}:
            turn.say(t.DRAFTS_ROUGH)
        plan = await ladder.plan_after_debrief(turn, interview)
        turn.say(plan)
        turn.conv.interview_id = None
        turn.drop("editing", "person_id", "person_open", "promise_id", "promise_open", "from_upcoming")
        turn.set(history=[])
        turn.goto(Step.IDLE, remember=False)
        turn.ask = False


async def _askable(turn: Turn, step: str) -> bool:
    """Whether the question at `step` can be asked now (a person's question needs that person)."""
    question = STEPS.get(Step(step))
    try:
        if question is not None:
            await question.ask(turn)
    except LookupError:
        return False
    return True


async def record_delivery(session: AsyncSession, key: str, now: datetime) -> bool:
    """Record a platform delivery id; False if it was recorded before (a redelivery)."""
    insert = postgresql_insert if session.bind.dialect.name == "postgresql" else sqlite_insert
    inserted = await session.scalar(
        insert(ProcessedEvent)
        .values(event_key=key[:200], seen_at=now)
        .on_conflict_do_nothing(index_elements=["event_key"])
        .returning(ProcessedEvent.event_key)
    )
    return inserted is not None


def _menu() -> list[tuple[str, str]]:
    return [(t.B_NEW, "new"), (t.B_UPCOMING, "upc"), (t.B_HELP, "help")]


async def ask(turn: Turn) -> None:
    """Ask the current step's question, with buttons carrying the conversation's new revision."""
    question = STEPS.get(Step(turn.conv.step))
    if question is None:
        return
    text, pairs = await question.ask(turn)
    turn.choose(text, pairs)
