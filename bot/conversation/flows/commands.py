"""The command table: every command's name, handler, where it is allowed, and its words for menus
and /help. The router in bot/conversation/core.py, Telegram's setMyCommands, Slack's command help and /help all
read it. /cancel, /back and /skip are the conversation's fallbacks, declared here once for every state.
"""

from __future__ import annotations

import enum
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field

from bot.common import texts as t
from bot.common.parsing.text import Invalid
from bot.conversation import data_rights
from bot.conversation.flows.debrief import begin_debrief
from bot.conversation.flows.upcoming import begin_upcoming
from bot.conversation.recap import DEBRIEF_SCRATCH
from bot.conversation.state import AGAIN, Back, Entry, Flow, Next, State
from bot.conversation.turn import Turn
from bot.followups import overview as data_commands
from bot.mailbox.connect import SCRATCH as MAIL_SCRATCH
from bot.mailbox.connect import begin_mailbox
from bot.store.models import InterviewStatus

Entries = Mapping[State, Entry]
CommandHandler = Callable[[Turn, Entries], Awaitable[Next]]


class Where(enum.Enum):
    """Where a command may be used."""

    ALWAYS = "always"  # even before onboarding is finished
    ANYWHERE = "anywhere"  # once onboarded, inside a flow or not
    IDLE = "idle"  # only outside a flow; inside one the user is asked to finish or /cancel it first


@dataclass(frozen=True)
class Command:
    name: str  # without the slash
    run: CommandHandler
    where: Where
    menu: str | None = None  # the description in platform menus (Telegram's setMyCommands)
    help: str | None = None  # its line in /help
    goes_to: frozenset[State] = field(default_factory=frozenset)  # from idle
    deferred: bool = False  # asked for during onboarding: remembered and done once onboarding ends
    anywhere_to: frozenset[State] = field(default_factory=frozenset)  # from any state (/cancel: idle)
    runs_entry: bool = False  # runs the current entry's own handler (/skip): goes where that entry may


def flow_of(turn: Turn, entries: Entries) -> Flow:
    return entries[State(turn.conv.step)].flow


async def start(turn: Turn, entries: Entries) -> Next:
    if not turn.user.active:
        turn.user.active = True
        turn.planned_for(turn.now)  # reminders paused while they had blocked the bot resume now
    flow = flow_of(turn, entries)
    if flow == Flow.IDLE and turn.user.name:
        turn.choose(t.WELCOME_BACK.format(name=turn.called), IDLE_MENU)
        return None
    if flow == Flow.ONBOARDING:
        # The welcome was said at first contact: a /start typed as the first message (or again while setting up)
        # asks the question it is on, once, without the welcome a second time.
        return AGAIN
    turn.say(t.RESUMING if flow != Flow.IDLE else t.WELCOME)
    if flow == Flow.IDLE:
        turn.choose("What would you like to do?", IDLE_MENU)
        return None
    return AGAIN


def help_text() -> str:
    lines = [f"/{c.name}: {c.help}\n" for c in COMMANDS if c.help]
    return t.HELP_HEAD + "".join(lines) + t.HELP_TAIL


async def show_help(turn: Turn, _entries: Entries | None = None) -> Next:
    turn.say(help_text())
    return AGAIN


async def new(turn: Turn, _entries: Entries | None = None) -> Next:
    return await begin_debrief(turn)


async def upcoming(turn: Turn, _entries: Entries | None = None) -> Next:
    return await begin_upcoming(turn)


async def settings(turn: Turn, _entries: Entries) -> Next:
    return State.SET_MENU


async def cancel(turn: Turn, entries: Entries) -> Next:
    flow = flow_of(turn, entries)
    if flow == Flow.IDLE:
        turn.say(t.NOTHING_TO_CANCEL)
        return None
    interview = await turn.interview()
    if flow == Flow.SETTINGS:
        turn.say("Settings closed.")
    elif flow == Flow.DRAFTS:
        turn.say(t.DRAFTS_STOPPED)
    elif flow == Flow.MAILBOX:
        turn.drop(MAIL_SCRATCH)
        if turn.mailbox is not None and turn.mailbox.signins is not None:
            turn.mailbox.signins.cancel(turn.user.id)  # a sign-in still waiting at Microsoft or Google
        turn.say("Mailbox setup stopped; nothing new was saved.")
    elif interview is not None and interview.status == InterviewStatus.DEBRIEFING:
        turn.say(t.CANCELLED.format(company=interview.company or "this interview"))
        if turn.scratch.get("from_upcoming"):
            interview.status = InterviewStatus.UPCOMING
        else:
            await turn.session.delete(interview)
    turn.conv.interview_id = None
    turn.drop(*DEBRIEF_SCRATCH)
    return State.IDLE


async def back(turn: Turn, entries: Entries) -> Next:
    history = turn.scratch.get("history", [])
    # Pass over questions whose subject is gone (a person or promise of a list already closed).
    while history and not await _askable(turn, entries[State(history[-1])]):
        history = history[:-1]
    if not history or turn.conv.step == State.IDLE:
        turn.say(t.NOTHING_TO_GO_BACK)
        return AGAIN
    turn.set(history=history[:-1])
    target = entries[State(history[-1])]
    if target.on_back is not None:
        await target.on_back(turn)
    return Back(target.state)


async def _askable(turn: Turn, entry: Entry) -> bool:
    """Whether the question can be asked now (a person's question needs that person)."""
    try:
        if entry.ask is not None:
            await turn.render(entry.state, entry.ask)
    except LookupError:
        return False
    return True


async def skip(turn: Turn, entries: Entries) -> Next:
    entry = entries[State(turn.conv.step)]
    if entry.flow == Flow.IDLE:
        turn.say(t.IDLE_HINT)
        return None
    if entry.skip is None:
        # A question whose buttons include "That's everyone" / "Nothing" / "Not sure": /skip means that one.
        nothing = entry.handler_for(entry.no_more) if entry.no_more else None
        if nothing is not None:
            return await nothing(turn)
        raise Invalid(t.CANT_SKIP.format(hint="Please answer it, or /back, or /cancel."))
    return await entry.skip(turn)


def shown(handler: Callable[[Turn], Awaitable[None]]) -> CommandHandler:
    """A command that shows something and leaves the conversation where it was."""

    async def run(turn: Turn, _entries: Entries) -> Next:
        await handler(turn)
        return AGAIN

    return run


COMMANDS: tuple[Command, ...] = (
    Command("start", start, Where.ALWAYS, "Start, or resume where you were"),
    Command(
        "new",
        new,
        Where.IDLE,
        "Debrief an interview you just had",
        "debrief an interview you just had and get thank-you drafts",
        frozenset({State.COMPANY}),
        deferred=True,
    ),
    Command(
        "upcoming",
        upcoming,
        Where.IDLE,
        "Register an interview that's coming up",
        "tell me about an interview that hasn't happened yet",
        frozenset({State.UP_COMPANY}),
        deferred=True,
    ),
    Command(
        "interviews",
        shown(data_commands.show_interviews),
        Where.ANYWHERE,
        "Your interviews and next steps",
        "your interviews and each person's next step",
    ),
    Command(
        "stats", shown(data_commands.show_stats), Where.ANYWHERE, "How your follow-ups went", "how your follow-ups went"
    ),
    Command(
        "settings",
        settings,
        Where.IDLE,
        "Name, time zone, quiet hours",
        "your name, time zone and quiet hours",
        frozenset({State.SET_MENU}),
    ),
    Command(
        "mailbox",
        begin_mailbox,
        Where.IDLE,
        "Send from your own mailbox (optional)",
        "connect your own mailbox: send drafts from it and hear when interviewers reply (optional)",
        frozenset({State.MAIL_SHOWN, State.MAIL_ADDRESS}),
    ),
    Command(
        "export",
        shown(data_rights.export_command),
        Where.ANYWHERE,
        "Everything I store about you",
        "everything I store about you, as files",
    ),
    Command(
        "delete",
        shown(data_rights.delete_command),
        Where.IDLE,
        "Erase everything I store about you",
        "erase everything I store about you",
    ),
    Command("help", show_help, Where.ALWAYS, "What I can do"),
    Command("cancel", cancel, Where.ANYWHERE, "Stop the current debrief", anywhere_to=frozenset({State.IDLE})),
    Command("back", back, Where.ANYWHERE),
    Command("skip", skip, Where.ANYWHERE, runs_entry=True),
)
BY_NAME = {f"/{c.name}": c for c in COMMANDS}


def menu() -> list[tuple[str, str]]:
    """(command, description) pairs for platform menus (Telegram's setMyCommands)."""
    return [(c.name, c.menu) for c in COMMANDS if c.menu]


IDLE_MENU = [(t.B_NEW, "new"), (t.B_UPCOMING, "upc"), (t.B_HELP, "help")]
