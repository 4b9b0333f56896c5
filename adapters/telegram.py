"""Runs Followup on Telegram with python-telegram-bot 22: polling or webhook, replies and reminders."""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import Awaitable, Sequence
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from telegram import BotCommand, BotCommandScopeAllPrivateChats, Message, Update
from telegram.error import BadRequest, Conflict, Forbidden, InvalidToken, NetworkError, RetryAfter, TelegramError
from telegram.ext import (
    Application,
    ApplicationBuilder,
    ApplicationHandlerStop,
    CallbackQueryHandler,
    ChatMemberHandler,
    ContextTypes,
    MessageHandler,
    TypeHandler,
    filters,
)

from adapters.telegram_pacing import BotRequest, TelegramPacer, retry_after_seconds
from adapters.telegram_translate import (
    UPDATE_TYPES,
    Call,
    chat_id_from_key,
    file_url_for,
    group_needing_notice,
    group_notice,
    incoming_from_update,
    is_unreadable_message,
    membership_change,
    plan_replies,
    user_key,
    who_from_user,
)
from adapters.telegram_updates import PerUserProcessor, PollRequest, WebhookServer
from bot.config import Settings
from bot.events import DeliveryError, Incoming, Reply, UserUnreachable

if TYPE_CHECKING:
    from bot.app import Followup

log = logging.getLogger(__name__)

_SECRET = re.compile(r"^[A-Za-z0-9_-]{1,256}$")  # what setWebhook accepts as secret_token
FAILED = "Sorry, something went wrong on my side. Please try that again in a moment."
CONFLICT = (
    "Telegram answered 409 Conflict: another process is polling updates with this bot token. "
    "Only one may poll at a time: stop the other one (or use webhook mode), then start this one again."
)


# RuntimeErrors, which `followup-bot` prints as one clear line before exiting with status 1. Not
# SystemExit: raised inside a task, asyncio would let it tear through the event loop.


class TelegramSetupError(RuntimeError):
    """The Telegram settings cannot work (no token, no webhook secret, a refused token)."""


class PollingConflict(RuntimeError):
    """Another process polls with the same token (409); this one stops instead of fighting it."""


def is_configured(settings: Settings) -> bool:
    """Whether Telegram is meant to run (its token is set)."""
    return bool(settings.telegram_bot_token)


def check_settings(settings: Settings) -> None:
    """Refuse settings that cannot work, with a message that says what to set."""
    if not settings.telegram_bot_token:
        raise TelegramSetupError("TELEGRAM_BOT_TOKEN is not set: get a token from @BotFather (see the README).")
    if settings.telegram_webhook_url:
        url = urlsplit(settings.telegram_webhook_url)
        if url.scheme not in ("https", "http") or not url.netloc:
            raise TelegramSetupError(f"TELEGRAM_WEBHOOK_URL {settings.telegram_webhook_url!r} is not an http(s) URL.")
        if not settings.telegram_webhook_secret:
            raise TelegramSetupError(
                "TELEGRAM_WEBHOOK_SECRET is required in webhook mode (TELEGRAM_WEBHOOK_URL is set): "
                "choose 1-256 characters from A-Z, a-z, 0-9, _ and -."
            )
        if not _SECRET.match(settings.telegram_webhook_secret):
            raise TelegramSetupError("TELEGRAM_WEBHOOK_SECRET may only use A-Z, a-z, 0-9, _ and - (1-256 of them).")


# ---- outbound -------------------------------------------------------------------------------------


async def make_call(app: Application, call: Call) -> None:
    """Make one planned Bot API call; an edit that cannot be made falls back to a new message."""
    try:
        await getattr(app.bot, call.method)(**call.kwargs)
    except BadRequest as exc:
        if call.method == "delete_message":  # already gone, or too old to delete: say so in the log only
            log.warning("delete failed message_id=%s error=%s", call.kwargs.get("message_id"), exc.message)
            return
        if not call.method.startswith("edit_"):
            raise
        if "not modified" in exc.message:
            return  # it already shows this
        log.warning("edit failed message_id=%s error=%s", call.kwargs.get("message_id"), exc.message)
        if call.method == "edit_message_text":
            kwargs = {k: v for k, v in call.kwargs.items() if k != "message_id"}
            await app.bot.send_message(**kwargs)


class TelegramSender:
    """The core's outbound port on Telegram: delivers reminders to a user's private chat."""

    platform = "telegram"
    # Seconds a chat rests per reminder before another process may write to it (bot.dispatch leases
    # chats across processes): Telegram's sustained rate of about one message a second per chat.
    chat_interval = 1.0
    # Reminders a second for the whole deployment (Telegram allows a bot about 30 messages a second).
    global_rate = 30.0

    def __init__(self, app: Application) -> None:
        self._app = app

    async def deliver(self, user_key: str, replies: Sequence[Reply]) -> None:
        """Send `replies`; return once Telegram accepted them all, else raise DeliveryError."""
        plan = plan_replies(replies, chat_id_from_key(user_key))
        try:
            for call in plan.calls:
                await make_call(self._app, call)
        except Forbidden as exc:
            raise UserUnreachable(f"{user_key}: {exc.message}") from exc
        except RetryAfter as exc:
            raise DeliveryError(f"{user_key}: flood limit", retry_after=retry_after_seconds(exc)) from exc
        except BadRequest as exc:
            if "chat not found" in exc.message.lower() or "user is deactivated" in exc.message.lower():
                raise UserUnreachable(f"{user_key}: {exc.message}") from exc
            raise DeliveryError(f"{user_key}: {exc.message}") from exc
        except TelegramError as exc:
            raise DeliveryError(f"{user_key}: {exc.message}") from exc


# ---- the wiring -----------------------------------------------------------------------------------


class TelegramBot:
    """Connects a PTB Application to the core: every update becomes a turn, every reply a call."""

    def __init__(self, core: Followup, app: Application) -> None:
        self.core = core
        self.app = app

    def register(self) -> None:
        """Add this bot's handlers to the Application."""
        app = self.app
        app.add_handler(TypeHandler(Update, self._once), group=-1)
        app.add_handler(ChatMemberHandler(self._membership, ChatMemberHandler.MY_CHAT_MEMBER))
        app.add_handler(CallbackQueryHandler(self._tap))
        app.add_handler(MessageHandler(filters.ChatType.PRIVATE & filters.TEXT, self._text))
        app.add_handler(MessageHandler(filters.ChatType.PRIVATE & ~filters.StatusUpdate.ALL, self._unreadable))
        app.add_handler(MessageHandler(filters.ChatType.GROUPS, self._group))
        app.add_error_handler(self._error)

    async def _once(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        # Telegram redelivers an update after a crash or a slow webhook answer; act on it once.
        # Messages and taps record their id inside their own turn (one transaction less per update).
        if update.message is not None or update.callback_query is not None:
            return
        if not await self.core.first_time(delivery_key(update)):
            log.info("redelivered update ignored update_id=%s", update.update_id)
            raise ApplicationHandlerStop

    async def _membership(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        if group_needing_notice(update) is not None:
            await self._group(update, context)
            return
        change = membership_change(update)
        if change is not None:
            key, active = change
            log.info("membership changed user=%s active=%s", key, active)
            await self.core.set_active(key, active)

    async def _group(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Added to a group, or addressed in one: say once (per group) that the bot works in a private chat."""
        chat_id = group_needing_notice(update)
        if chat_id is None or not await self.core.first_time(f"telegram:group-notice:{chat_id}"):
            return
        try:
            await make_call(self.app, group_notice(chat_id, self.app.bot.username))
        except TelegramError as exc:  # removed again, or not allowed to write there: nothing to repair
            log.info("group notice not delivered chat=%s error=%s", chat_id, exc)

    async def _turn(self, event: Incoming, update: Update) -> list[Reply] | None:
        """The core's replies, or None for an update handled before (a redelivery)."""
        try:
            replies = await self.core.handle(event, delivery_key(update))
            if replies is None:
                log.info("redelivered update ignored update_id=%s", update.update_id)
            return replies
        except Exception:
            log.exception("core failed user=%s", event.who.key)
            return [Reply(FAILED)]

    async def _text(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        event = incoming_from_update(update, self.app.bot.username)
        if event is None:
            return
        replies = await self._turn(event, update)  # /start also marks a user who had blocked the bot active
        if replies is None:
            return
        typed = update.effective_message.message_id if update.effective_message else None
        await self._send(event.who.key, plan_replies(replies, update.effective_chat.id, typed_message_id=typed).calls)

    async def _unreadable(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        # A photo or a sticker: the core explains that it reads text, in the words fit for the moment.
        if is_unreadable_message(update):
            event = Incoming(who=who_from_user(update.effective_user), text="")
            replies = await self._turn(event, update)
            if replies is None:
                return
            await self._send(event.who.key, plan_replies(replies, update.effective_chat.id).calls)

    async def _tap(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        query = update.callback_query
        answered = False
        try:
            event = incoming_from_update(update, self.app.bot.username)
            replies = (await self._turn(event, update) if event is not None else []) or []
            tapped = query.message.message_id if isinstance(query.message, Message) else None
            chat_id = query.message.chat.id if query.message is not None else query.from_user.id
            plan = plan_replies(replies, chat_id, tapped)
            answered = True  # whatever happens next, never a second answer for this query
            await self._answer(query.answer(text=plan.toast))
            await self._send(user_key(query.from_user.id), plan.calls)
        finally:
            if not answered:
                await self._answer(query.answer())

    @staticmethod
    async def _answer(answering: Awaitable[bool]) -> None:
        try:
            await answering
        except TelegramError as exc:  # too late (over 15 s) or already answered: nothing to repair
            log.warning("callback answer failed error=%s", exc)

    async def _send(self, key: str, calls: Sequence[Call]) -> None:
        try:
            for call in calls:
                await make_call(self.app, call)
        except Forbidden:
            log.info("user blocked the bot user=%s", key)
            await self.core.set_active(key, False)
        except TelegramError:
            log.exception("reply not delivered user=%s", key)

    async def _error(self, update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        log.error("update handling failed", exc_info=context.error)


def delivery_key(update: Update) -> str:
    return f"telegram:update:{update.update_id}"


POOL_SIZE = 32  # connections to the Bot API in all
PER_POOL = 2  # connections per HTTPX client (see BotRequest)


def build_application(settings: Settings, *, webhook: bool, pacer: TelegramPacer | None = None) -> Application:
    """The PTB Application pointed at `telegram_api_base_url`, paced, one turn at a time per user."""
    builder = (
        ApplicationBuilder()
        .token(settings.telegram_bot_token)
        .base_url(settings.telegram_api_base_url)
        .base_file_url(file_url_for(settings.telegram_api_base_url))
        .rate_limiter(pacer or TelegramPacer())
        .concurrent_updates(PerUserProcessor())
        # Flood limits keep well under POOL_SIZE requests in flight; a request beyond waits (up to 10 s)
        # for a free connection rather than fail the send.
        .request(BotRequest(connections=POOL_SIZE, per_pool=PER_POOL, pool_timeout=10))
        .job_queue(None)  # reminders are the core's (rows + APScheduler), not PTB's job queue
    )
    if webhook:
        builder.updater(None)
    else:
        builder.get_updates_request(PollRequest(connection_pool_size=1))
    return builder.build()


# ---- running --------------------------------------------------------------------------------------


async def run(
    settings: Settings,
    *,
    core: Followup | None = None,
    pacer: TelegramPacer | None = None,
    ready: asyncio.Event | None = None,
) -> None:
    """Run the bot on Telegram until cancelled (SIGINT) or another poller takes over (409).

    Polling by default; webhook mode when TELEGRAM_WEBHOOK_URL is set (the webhook stays registered
    on the way out, so Telegram keeps updates for the next start). A `core` passed in is shared
    (`followup-bot run`, tests): its scheduler is started and stopped by whoever made it. `pacer`
    lets tests pace faster; `ready` is set once updates flow.
    """
    check_settings(settings)
    from bot.app import Followup, commands_menu  # the facade; imported late so the translators stand alone

    webhook = bool(settings.telegram_webhook_url)
    own_core = core is None
    core = core or await Followup.create(settings)
    app = build_application(settings, webhook=webhook, pacer=pacer)
    TelegramBot(core, app).register()
    stopped: asyncio.Future[None] = asyncio.get_running_loop().create_future()

    def on_poll_error(exc: TelegramError) -> None:
        if isinstance(exc, Conflict) and not stopped.done():
            stopped.set_exception(PollingConflict(CONFLICT))
        elif not isinstance(exc, Conflict):
            log.warning("polling failed, retrying error=%s", exc)

    server = None
    if webhook:
        server = WebhookServer(
            app,
            url=settings.telegram_webhook_url,
            secret=settings.telegram_webhook_secret,
            host=settings.host,
            port=settings.port,
            health=core.health,
            metrics=core.dispatcher.refresh_metrics,
        )
    try:
        try:
            await app.initialize()
        except InvalidToken as exc:
            raise TelegramSetupError(
                f"Telegram refused TELEGRAM_BOT_TOKEN ({exc.message}); check it with @BotFather."
            ) from exc
        except NetworkError as exc:
            raise TelegramSetupError(
                f"Cannot reach the Bot API at {settings.telegram_api_base_url} ({exc.message})."
            ) from exc
        # The menu in private chats only: in a group the bot has nothing to offer but a link to itself.
        await app.bot.delete_my_commands()  # a menu an earlier version set for every chat
        await app.bot.set_my_commands(
            [BotCommand(name.lstrip("/"), about) for name, about in commands_menu()],
            scope=BotCommandScopeAllPrivateChats(),
        )
        core.add_sender(TelegramSender(app))
        if own_core:  # an injected core's scheduler belongs to whoever made it (tests dispatch by hand)
            await core.start()
        await app.start()
        if server is not None:
            try:
                await server.start()
            except OSError as exc:
                raise TelegramSetupError(
                    f"Cannot listen for the webhook on {settings.host}:{settings.port} ({exc})."
                ) from exc
            await app.bot.set_webhook(
                settings.telegram_webhook_url,
                secret_token=settings.telegram_webhook_secret,
                allowed_updates=list(UPDATE_TYPES),
            )
        else:
            await app.updater.start_polling(allowed_updates=list(UPDATE_TYPES), error_callback=on_poll_error)
        log.info("telegram running bot=@%s mode=%s", app.bot.username, "webhook" if webhook else "polling")
        if ready is not None:
            ready.set()
        await stopped
    finally:
        try:
            await _shut_down(app, server, core if own_core else None)
        except Exception:
            log.exception("telegram shutdown failed")


async def _shut_down(app: Application, server: WebhookServer | None, core: Followup | None) -> None:
    if server is not None:
        await server.stop()
    if app.updater is not None and app.updater.running:
        await app.updater.stop()
    if app.running:
        await app.stop()
    if core is not None:
        await core.stop()
    await app.shutdown()
