"""The facade adapters use: handle events, register a sender, run the reminder scheduler.

Adapters import only this module and the boundary types (bot/common/events.py; running modules also
bot.service for settings, logs and health): what else they need of the core is re-exported here
(tests/test_architecture.py checks their imports)."""

from __future__ import annotations

import asyncio
import gc
import logging
import ssl
from collections.abc import Sequence
from typing import Any

from sqlalchemy import select, text, update

from bot.common import actions, i18n
from bot.common.clock import Clock, system_clock
from bot.common.events import MAX_FIELD, DeliveryError, Incoming, Reply, Sender, Who, scrub_line, scrub_text
from bot.common.keyed_lock import KeyedLocks
from bot.common.parsing.text import shorten
from bot.common.texts import FOREIGN_BUTTON
from bot.conversation import flows
from bot.conversation import form as debrief_form
from bot.conversation.core import Core, record_delivery
from bot.conversation.turn import Turn
from bot.drafts.draft import Draft
from bot.followups import overview as commands
from bot.followups.dispatch import Dispatcher
from bot.mailbox import MailboxService, ReplySeen
from bot.mailbox import connect as mailflow
from bot.mailbox.signin import SignInOutcome
from bot.service import metrics
from bot.service.config import Settings
from bot.service.health import HealthServer
from bot.store.db import disconnected, make_engine, sessionmaker_for, upgrade
from bot.store.models import Conversation, User
from bot.store.urls import masked as masked_url

# For the adapters: per-user locks, a one-line quote, the words of a refused button, the database's upgrade
# and its URL without the password.
__all__ = ["FOREIGN_BUTTON", "Followup", "KeyedLocks", "command_names", "commands_menu", "masked_url", "shorten"]
__all__ += ["is_reminder", "upgrade"]

log = logging.getLogger(__name__)
# The debrief form's blocks (field, label, hint, multiline, optional), from the one field table: adapters build
# their form from it, so a field optional in the chat is optional in every form.
DEBRIEF_FORM_FIELDS = debrief_form.FORM_FIELDS


def is_reminder(replies: Sequence[Reply]) -> bool:
    """Whether replies sent outside a turn are a reminder (they carry its step's buttons), not mailbox news
    (a reply noticed, a sign-in finished): the terminal chat heads them differently."""
    return any(
        (tapped := actions.decode(button.action)) is not None and tapped.kind == actions.Kind.REMINDER
        for reply in replies
        for button in reply.buttons
    )


def command_names() -> tuple[str, ...]:
    """Every command's name (without the slash), from the command table."""
    return tuple(command.name for command in flows.COMMANDS)


def commands_menu() -> list[tuple[str, str]]:
    """(command, description) pairs for platform menus (Telegram's setMyCommands), from the command table."""
    return flows.menu()


def translated_menus() -> dict[str, list[tuple[str, str]]]:
    """The command menu in each language whose catalogue (bot/common/locale) translates every line of it, by language
    code ('de'); English, the default menu, is `commands_menu()`. A half-translated menu is left out whole."""
    menus: dict[str, list[tuple[str, str]]] = {}
    english = commands_menu()
    for language in i18n.languages():
        lines = [(name, i18n.translated(about, language)) for name, about in english]
        if language != i18n.SOURCE_LANGUAGE and all(about for _, about in lines):
            menus[language] = [(name, about) for name, about in lines if about]
    return menus


_FROZEN = False


def freeze_startup_heap() -> bool:
    """Once per process, when the bot starts: move what the imports built (the modules, word lists, the flow
    table: about a million objects that live as long as the process) out of the garbage collector's sight.

    The collector's full passes otherwise walk all of them again and again while a busy process makes and
    drops objects (a dispatcher's batch builds seven ORM objects per reminder): a third of the time to load a
    batch of reminders went to those passes. Returns whether it froze now (False: it had already)."""
    global _FROZEN
    if _FROZEN:
        return False
    _FROZEN = True
    gc.collect()
    gc.freeze()
    return True


class Followup:
    """One bot: the conversation core, the reminder dispatcher and the database they share."""

    def __init__(
        self,
        settings: Settings,
        clock: Clock | None = None,
        *,
        mail_tls: ssl.SSLContext | None = None,
        oauth_ca_file: str | None = None,
    ) -> None:
        """`mail_tls`, `oauth_ca_file`: the TLS context for users' mail servers and the certificates of the
        sign-in services (tests trust their own certificates with them; None: the system's)."""
        self.settings = settings
        self.clock = clock or system_clock
        self.engine = make_engine(settings.resolved_database_url)
        self.sessions = sessionmaker_for(self.engine)
        self.core = Core(self.sessions, settings, self.clock)
        self.dispatcher = Dispatcher(self.sessions, settings, self.clock)
        self.health_server: HealthServer | None = None
        # The user's own mailbox (opt-in): off without FOLLOWUP_SECRET_KEY, and then nothing changes.
        self.mailbox = MailboxService(self.sessions, settings, self.clock, tls=mail_tls, oauth_ca_file=oauth_ca_file)
        self.core.mailbox = self.mailbox
        if self.mailbox.signins is not None:  # OAuth sign-ins end (and are revoked) outside any turn
            self.mailbox.signins.on_signed_in = self.on_signed_in
            self.mailbox.signins.on_signed_out = self.on_signed_out

    @classmethod
    async def create(cls, settings: Settings | None = None, *, clock: Clock | None = None) -> Followup:
        """Apply the migrations, then open the database."""
        settings = settings or Settings()
        await asyncio.to_thread(upgrade, settings.resolved_database_url)
        freeze_startup_heap()
        return cls(settings, clock)

    async def handle(self, event: Incoming) -> list[Reply] | None:
        """The replies to one event; None when its delivery (`event.delivery`) was handled before.

        A user who writes is reachable: notices about reminders that failed for good go with the answer
        (the turn looks them up, in its own transaction).
        """
        with metrics.TURN_SECONDS.time():
            replies = await self.core.handle(event)
        metrics.TURNS.labels("tap" if event.action else "message").inc()
        return replies

    async def submit_form(
        self, who: Who, fields: dict[str, str], tz_hint: str | None = None
    ) -> tuple[dict[str, str], list[Reply]]:
        """The debrief as one form (field names in bot.conversation.form.FIELDS): (errors by field, replies)."""
        fields = {scrub_line(name, MAX_FIELD) or "": scrub_text(value) or "" for name, value in fields.items()}
        with metrics.TURN_SECONDS.time():
            result = await self.core.submit_form(Incoming(who, tz_hint=tz_hint), fields)
        metrics.TURNS.labels("form").inc()
        return result

    async def draft_to_edit(self, who: Who, follow_up_id: int) -> Draft | None:
        """A follow-up's draft as it reads now (for an edit form); None when it is not this user's."""
        return await self.core.draft_to_edit(Incoming(who), follow_up_id)

    async def save_draft(self, who: Who, follow_up_id: int, body: str) -> tuple[str | None, list[Reply]]:
        """An edit form's text as the draft (whole body, or "3: new sentence"): (error or None, replies)."""
        return await self.core.save_draft(Incoming(who), follow_up_id, body)

    async def first_time(self, event_key: str) -> bool:
        """True the first time a platform delivery id is seen; a redelivery returns False.

        For events that are not turns (membership changes, say); a turn records its `Incoming.delivery`.
        """
        async with self.sessions() as session, session.begin():
            return await record_delivery(session, event_key, self.clock())

    async def set_active(self, user_key: str, active: bool) -> None:
        """Blocked or gone (False): reminders pause. Back (True): pending ones resume."""
        async with self.sessions() as session, session.begin():
            await session.execute(update(User).where(User.key == user_key).values(active=active))
        if active:
            await self.dispatcher.reschedule()

    async def pause_all(self, key_prefix: str) -> int:
        """Pause every user whose key starts with `key_prefix` (a Slack workspace that removed the app):
        their reminders stay unsent until each comes back and writes again. Returns how many."""
        pattern = key_prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        async with self.sessions() as session, session.begin():
            result = await session.execute(
                update(User).where(User.key.like(pattern, escape="\\"), User.active.is_(True)).values(active=False)
            )
        return result.rowcount or 0

    def add_sender(self, sender: Sender) -> None:
        self.dispatcher.senders[sender.platform] = sender
        metrics.serve_platform(sender.platform)  # its counters at 0 from the start, so alerts see the first rise

    async def start(self) -> None:
        """Serve /healthz and /metrics on HEALTH_PORT (if set), then start the reminder scheduler."""
        if self.settings.health_port:
            await self.serve_health(self.settings.health_port)
        self.core.on_planned = self.dispatcher.wake
        self.dispatcher.start()
        if self.mailbox.available:
            await self.mailbox.start_watching(self.on_mail_reply)

    async def serve_health(self, port: int) -> int:
        """Listen for /healthz and /metrics on `port` (0: any free port); return the bound port."""
        signins = self.mailbox.signins
        self.health_server = HealthServer(
            self.health_report,
            self.dispatcher.refresh_metrics,
            host=self.settings.health_host,
            port=port,
            more_routes=signins.add_route if signins is not None else None,  # Google's redirect back
        )
        return await self.health_server.start()

    async def stop(self) -> None:
        if self.health_server is not None:
            await self.health_server.stop()
            self.health_server = None
        await self.mailbox.stop_watching()
        if self.core.model is not None:
            await self.core.model.close()
        await self.dispatcher.stop()
        await self.engine.dispose()

    async def on_mail_reply(self, seen: ReplySeen) -> None:
        """A reply the mailbox watcher noticed: mark it (bot/mailbox/noticed.py) and tell the user through their Sender."""
        await self._tell(await self.core.mail_reply(seen))

    async def on_signed_in(self, outcome: SignInOutcome) -> None:
        """A mailbox sign-in ended at Microsoft or Google: carry on in the chat (check servers, save, say so)."""
        await self._tell(await self.core.resume(outcome.user_id, mailflow.after_sign_in(outcome)))

    async def on_signed_out(self, user_id: int, words: str) -> None:
        """A revoked sign-in (told once per revocation): the message and its "Sign in again" button."""
        await self._tell(await self.core.resume(user_id, mailflow.signed_out_notice(words)))

    async def _tell(self, told: tuple[str, str, list[Reply]] | None) -> None:
        """Deliver replies made outside a user's own message (mail noticed, a sign-in) through their Sender."""
        if told is None:
            return
        user_key, platform, replies = told
        sender = self.dispatcher.senders.get(platform)
        if sender is None:
            log.warning("mailbox news noted but no sender", extra={"platform": platform, "user": user_key})
            return
        try:
            await sender.deliver(user_key, replies)
        except DeliveryError as exc:  # the reply is marked either way; /interviews shows it
            log.warning("mailbox news not delivered", extra={"user": user_key, "error": type(exc).__name__})

    async def dispatch_due(self) -> int:
        return await self.dispatcher.dispatch_due()

    async def reply_slot(self, platform: str, rate: float) -> None:
        """Wait for a send slot for a reply, from the platform's budget shared by every process (replies
        go before reminders; bot/followups/dispatch/budget.py)."""
        await self.dispatcher.budget.wait(platform, rate, reply=True)

    async def health(self) -> bool:
        return bool((await self.health_report())["ok"])

    async def health_report(self) -> dict[str, Any]:
        """What /healthz shows: the database, the scheduler and the deliveries, each "ok" or what is wrong."""
        report: dict[str, Any] = {}
        for attempt in range(2):  # a connection dropped by a server restart is found dead once, then replaced
            try:
                async with self.sessions() as session:
                    await session.execute(text("SELECT 1"))
                report["database"] = "ok"
                break
            except Exception as exc:
                report["database"] = f"unreachable ({type(exc).__name__})"
                if attempt or not disconnected(exc):
                    break
        serving = bool(self.dispatcher.senders)
        report["scheduler"] = "ok" if self.dispatcher.healthy or not serving else "stopped"
        failing = self.dispatcher.failing_for()
        too_long = failing is not None and failing >= self.settings.health_max_failing.delta
        if failing is None:
            report["deliveries"] = "ok"
        else:
            limit = f", over HEALTH_MAX_FAILING={self.settings.health_max_failing}" if too_long else ""
            report["deliveries"] = f"failing for {int(failing.total_seconds())} s{limit}"
        report["ok"] = report["database"] == "ok" and report["scheduler"] == "ok" and not too_long
        return report

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
            return await commands.overview(turn)
