"""Running Followup on Telegram: `run(settings)`, by long polling or behind a webhook, until cancelled."""

from __future__ import annotations

import asyncio
import logging
import re
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from telegram import BotCommand, BotCommandScopeAllPrivateChats
from telegram.error import Conflict, InvalidToken, NetworkError, TelegramError
from telegram.ext import Application, ApplicationBuilder

from adapters.telegram.bot import TelegramBot
from adapters.telegram.connections import BotRequest, PollRequest
from adapters.telegram.inbound import UPDATE_TYPES
from adapters.telegram.pacing import TelegramPacer
from adapters.telegram.sender import TelegramSender
from adapters.telegram.updates import PerUserProcessor, WebhookServer
from bot.service.config import Settings
from bot.service.startup import SettingProblem

if TYPE_CHECKING:
    from bot.app import Followup

log = logging.getLogger(__name__)

_SECRET = re.compile(r"^[A-Za-z0-9_-]{1,256}$")  # what setWebhook accepts as secret_token
CONFLICT = (
    "Telegram answered 409 Conflict: another process is polling updates with this bot token. "
    "Only one may poll at a time: stop the other one (or use webhook mode), then start this one again."
)


# RuntimeErrors, which `followup-bot` prints as one clear line before exiting with status 1. Not
# SystemExit: raised inside a task, asyncio would let it tear through the event loop.


class TelegramSetupError(RuntimeError):
    """The Telegram settings cannot work (no token, no webhook secret, a refused token)."""


class TelegramSettingError(TelegramSetupError, SettingProblem):
    """A Telegram setting that cannot work whatever the network does: missing, malformed or refused."""


class PollingConflict(RuntimeError):
    """Another process polls with the same token (409); this one stops instead of fighting it."""


def is_configured(settings: Settings) -> bool:
    """Whether Telegram is meant to run (its token is set)."""
    return bool(settings.telegram_bot_token)


def check_settings(settings: Settings) -> None:
    """Refuse settings that cannot work, with a message that says what to set."""
    if not settings.telegram_bot_token:
        raise TelegramSettingError("TELEGRAM_BOT_TOKEN is not set: get a token from @BotFather (see the README).")
    if settings.telegram_webhook_url:
        url = urlsplit(settings.telegram_webhook_url)
        if url.scheme not in ("https", "http") or not url.netloc:
            raise TelegramSettingError(f"TELEGRAM_WEBHOOK_URL {settings.telegram_webhook_url!r} is not an http(s) URL.")
        if not settings.telegram_webhook_secret:
            raise TelegramSettingError(
                "TELEGRAM_WEBHOOK_SECRET is required in webhook mode (TELEGRAM_WEBHOOK_URL is set): "
                "choose 1-256 characters from A-Z, a-z, 0-9, _ and -."
            )
        if not _SECRET.match(settings.telegram_webhook_secret):
            raise TelegramSettingError("TELEGRAM_WEBHOOK_SECRET may only use A-Z, a-z, 0-9, _ and - (1-256 of them).")


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


def file_url_for(base_url: str) -> str:
    """The file-download base URL matching an API base URL (`.../bot` -> `.../file/bot`)."""
    head, sep, tail = base_url.rstrip("/").rpartition("/")
    if sep and tail == "bot":
        return f"{head}/file/bot"
    return f"{base_url.rstrip('/')}/file/bot"


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
    from bot.app import (  # the facade; imported late so the translators stand alone
        Followup,
        commands_menu,
        translated_menus,
    )

    webhook = bool(settings.telegram_webhook_url)
    own_core = core is None
    core = core or await Followup.create(settings)
    pacer = pacer or TelegramPacer()
    # Replies and reminders share one send budget for the whole deployment (however many workers run).
    pacer.share_budget(lambda: core.reply_slot("telegram", pacer.overall_per_second))
    app = build_application(settings, webhook=webhook, pacer=pacer)
    TelegramBot(core, app).register()
    stopped: asyncio.Future[None] = asyncio.get_running_loop().create_future()

    def on_poll_error(exc: TelegramError) -> None:
        if isinstance(exc, Conflict) and not stopped.done():
            stopped.set_exception(PollingConflict(CONFLICT))
        elif not isinstance(exc, Conflict):
            log.warning("polling failed, retrying", extra={"platform": "telegram", "error": type(exc).__name__})

    server = None
    if webhook:
        server = WebhookServer(
            app,
            url=settings.telegram_webhook_url,
            secret=settings.telegram_webhook_secret,
            host=settings.host,
            port=settings.port,
        )
    try:
        try:
            await app.initialize()
        except InvalidToken:
            # Never exc.message: PTB's says "The token `...` was rejected", the token itself.
            raise TelegramSettingError(
                "Telegram refused TELEGRAM_BOT_TOKEN (the Bot API does not know it): copy it again from @BotFather."
            ) from None
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
        # The same menu in each language with a complete translation: Telegram shows it to users whose app is
        # in that language (language_code), and the English one to everyone else.
        for language, menu in translated_menus().items():
            await app.bot.set_my_commands(
                [BotCommand(name.lstrip("/"), about) for name, about in menu],
                scope=BotCommandScopeAllPrivateChats(),
                language_code=language,
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
        log.info(
            "telegram running",
            extra={"platform": "telegram", "bot": f"@{app.bot.username}", "mode": "webhook" if webhook else "polling"},
        )
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
