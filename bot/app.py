"""The facade adapters use: handle events, register a sender, run the reminder scheduler."""

from __future__ import annotations

import asyncio
import logging
import ssl

from sqlalchemy import select, text, update

from bot import commands, flows
from bot.clock import Clock, system_clock
from bot.config import Settings
from bot.core import Core, record_delivery
from bot.dispatch import Dispatcher
from bot.events import DeliveryError, Incoming, Reply, Sender, Who
from bot.mailbox import MailboxService, ReplySeen
from bot.store.db import make_engine, sessionmaker_for, upgrade
from bot.store.models import Conversation, User
from bot.turn import Turn

log = logging.getLogger(__name__)


def commands_menu() -> list[tuple[str, str]]:
    """(command, description) pairs for platform menus (Telegram's setMyCommands), from the command table."""
    return flows.menu()


class Followup:
    """One bot: the conversation core, the reminder dispatcher and the database they share."""

    def __init__(
        self, settings: Settings, clock: Clock | None = None, *, mail_tls: ssl.SSLContext | None = None
    ) -> None:
        """`mail_tls`: the TLS context for users' mail servers (tests trust their own certificate with it)."""
        self.settings = settings
        self.clock = clock or system_clock
        self.engine = make_engine(settings.resolved_database_url)
        self.sessions = sessionmaker_for(self.engine)
        self.core = Core(self.sessions, settings, self.clock)
        self.dispatcher = Dispatcher(self.sessions, settings, self.clock)
        # The user's own mailbox (opt-in): off without FOLLOWUP_SECRET_KEY, and then nothing changes.
        self.mailbox = MailboxService(self.sessions, settings, self.clock, tls=mail_tls)
        self.core.mailbox = self.mailbox

    @classmethod
    async def create(cls, settings: Settings | None = None, *, clock: Clock | None = None) -> Followup:
        """Apply the migrations, then open the database."""
        settings = settings or Settings()
        await asyncio.to_thread(upgrade, settings.resolved_database_url)
        return cls(settings, clock)

    async def handle(self, event: Incoming, delivery: str | None = None) -> list[Reply] | None:
        """The replies to one event; None when `delivery` (a platform's event id) was handled before."""
        return await self.core.handle(event, delivery)

    async def submit_form(
        self, who: Who, fields: dict[str, str], tz_hint: str | None = None
    ) -> tuple[dict[str, str], list[Reply]]:
        """The debrief as one form (field names in bot.forms.FIELDS): (errors by field, replies)."""
        return await self.core.submit_form(Incoming(who, tz_hint=tz_hint), fields)

    async def first_time(self, event_key: str) -> bool:
        """True the first time a platform delivery id is seen; a redelivery returns False.

        For events that are not turns (membership changes, say); a turn records its own in `handle`.
        """
        async with self.sessions() as session, session.begin():
            return await record_delivery(session, event_key, self.clock())

    async def set_active(self, user_key: str, active: bool) -> None:
        """Blocked or gone (False): reminders pause. Back (True): pending ones resume."""
        async with self.sessions() as session, session.begin():
            await session.execute(update(User).where(User.key == user_key).values(active=active))
        if active:
            await self.dispatcher.reschedule()

    def add_sender(self, sender: Sender) -> None:
        self.dispatcher.senders[sender.platform] = sender

    async def start(self) -> None:
        self.core.on_planned = self.dispatcher.wake
        self.dispatcher.start()
        if self.mailbox.available:
            await self.mailbox.start_watching(self.on_mail_reply)

    async def stop(self) -> None:
        await self.mailbox.stop_watching()
        await self.dispatcher.stop()
        await self.engine.dispose()

    async def on_mail_reply(self, seen: ReplySeen) -> None:
        """A reply the mailbox watcher noticed: mark it (bot/mailchat.py) and tell the user through their Sender."""
        told = await self.core.mail_reply(seen)
        if told is None:
            return
        user_key, platform, replies = told
        sender = self.dispatcher.senders.get(platform)
        if sender is None:
            log.warning("mail reply noted but no sender for platform=%s user=%s", platform, user_key)
            return
        try:
            await sender.deliver(user_key, replies)
        except DeliveryError as exc:  # the reply is marked either way; /interviews shows it
            log.warning("mail reply not delivered user=%s error=%s", user_key, exc)

    async def dispatch_due(self) -> int:
        return await self.dispatcher.dispatch_due()

    async def health(self) -> bool:
        try:
            async with self.sessions() as session:
                await session.execute(text("SELECT 1"))
        except Exception:
            return False
        return self.dispatcher.healthy or not self.dispatcher.senders

    async def overview(self, user_key: str) -> list[Reply]:
        """The user's interviews and what is due next (Slack's App Home shows this)."""
        async with self.sessions() as session:
            user = await session.scalar(select(User).where(User.key == user_key))
            if user is None:
                return [Reply("No interviews yet. Send me a message to get started.")]
            conv = await session.get(Conversation, user.id)
            turn = Turn(
                session,
                user,
                conv or Conversation(user_id=user.id, step="idle", scratch={}),
                self.clock(),
                self.settings,
            )
            text_, buttons = await commands.overview(turn)
        return [Reply(text_, tuple(buttons))]
