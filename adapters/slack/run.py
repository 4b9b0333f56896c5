"""Running the Slack adapter: `run(settings)` in Socket Mode or HTTP mode, until cancelled."""

from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING

from aiohttp import web
from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler
from slack_sdk.errors import SlackApiError

from adapters.slack.bot import SlackBot
from adapters.slack.oauth import oauth_enabled, oauth_settings
from adapters.slack.pacing import TRANSIENT
from bot.service.config import Settings
from bot.service.startup import SettingProblem

if TYPE_CHECKING:
    from bot.app import Followup

log = logging.getLogger(__name__)

EVENTS_PATH = "/slack/events"


class SlackSetupError(RuntimeError):
    """The settings cannot work (a missing or refused token); the message says what to fix."""


class SlackSettingError(SlackSetupError, SettingProblem):
    """A Slack setting that cannot work whatever the network does: missing, malformed or refused."""


@web.middleware
async def malformed_is_bad_request(request: web.Request, handler):
    """A body Bolt cannot parse (truncated JSON, wrong shapes) is the sender's error: 400, not a 500."""
    try:
        return await handler(request)
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        log.warning(
            "slack: malformed request refused",
            extra={"platform": "slack", "path": request.path, "error": type(exc).__name__},
        )
        return web.Response(status=400, text="malformed request")


def web_app(bot: SlackBot) -> web.Application:
    """The HTTP-mode server: Bolt's aiohttp app at /slack/events, and nothing else on the public PORT
    (/healthz and /metrics are the operator's, on HEALTH_PORT: bot/service/health.py)."""
    application = bot.app.web_app(path=EVENTS_PATH)
    application.middlewares.append(malformed_is_bad_request)
    return application


def is_configured(settings: Settings) -> bool:
    """Whether Slack is meant to run: a bot token, or an OAuth app (installed per workspace).

    Half an OAuth app (only the id or only the secret) counts too, so check_settings says what is missing.
    """
    return bool(settings.slack_bot_token or settings.slack_client_id or settings.slack_client_secret)


def check_settings(settings: Settings) -> None:
    """Refuse settings that cannot work, before anything starts."""
    if bool(settings.slack_client_id) != bool(settings.slack_client_secret):
        raise SlackSettingError("Installation through OAuth needs both SLACK_CLIENT_ID and SLACK_CLIENT_SECRET.")
    if oauth_enabled(settings):
        if settings.slack_app_token or not settings.slack_signing_secret:
            raise SlackSettingError(
                "Installation through OAuth runs in HTTP mode: set SLACK_SIGNING_SECRET and leave SLACK_APP_TOKEN "
                "empty (see docs/slack.md)."
            )
        if settings.slack_bot_token:
            log.warning("slack: SLACK_BOT_TOKEN is ignored; each workspace's installation brings its own token")
        return
    if not settings.slack_bot_token.startswith("xoxb-"):
        raise SlackSettingError("Slack needs SLACK_BOT_TOKEN, the bot token starting with xoxb- (see docs/slack.md).")
    if settings.slack_app_token:
        if not settings.slack_app_token.startswith("xapp-"):
            raise SlackSettingError("SLACK_APP_TOKEN must be the app-level token starting with xapp- (Socket Mode).")
    elif not settings.slack_signing_secret:
        raise SlackSettingError(
            "Set SLACK_APP_TOKEN (xapp-, Socket Mode) or, for HTTP mode, SLACK_SIGNING_SECRET (see docs/slack.md)."
        )


async def check_token(bot: SlackBot) -> None:
    """Ask Slack who we are (auth.test), so a wrong token fails at start-up with a clear message."""
    if bot.clients.installations is not None:
        return  # OAuth: each workspace's token comes with its installation
    try:
        identity = await bot.client.auth_test()
    except SlackApiError as error:
        raise SlackSettingError(
            f"Slack refused SLACK_BOT_TOKEN ({error.response.get('error')}); copy the Bot User OAuth Token again."
        ) from error
    except TRANSIENT as error:
        raise SlackSetupError(f"Cannot reach Slack's Web API at {bot.settings.slack_api_url} ({error}).") from error
    log.info("slack: signed in", extra={"platform": "slack", "bot": identity.get("user"), "team": identity.get("team")})


async def start_http(bot: SlackBot, host: str, port: int) -> tuple[web.AppRunner, int]:
    """Start the HTTP listener; returns the runner (for cleanup) and the port it got."""
    if not bot.settings.slack_signing_secret:
        raise SlackSettingError("HTTP mode needs SLACK_SIGNING_SECRET (or set SLACK_APP_TOKEN for Socket Mode)")
    runner = web.AppRunner(web_app(bot), handle_signals=False)
    await runner.setup()
    site = web.TCPSite(runner, host, port)
    try:
        await site.start()
    except OSError as exc:
        await runner.cleanup()
        raise SlackSetupError(
            f"Cannot listen for Slack's HTTP mode on {host}:{port} ({exc.strerror or exc}): another program uses "
            "PORT; set PORT to a free port, or use Socket Mode (SLACK_APP_TOKEN) which needs no port."
        ) from None
    bound = runner.addresses[0][1] if runner.addresses else port
    log.info("slack: HTTP mode", extra={"platform": "slack", "host": host, "port": bound, "path": EVENTS_PATH})
    return runner, bound


async def start_socket_mode(bot: SlackBot, app_token: str) -> AsyncSocketModeHandler:
    """Connect to Slack over Socket Mode (no public URL needed); returns the handler to close later."""
    if not app_token.startswith("xapp-"):
        raise SlackSettingError("SLACK_APP_TOKEN must be an app-level token starting with xapp-")
    handler = AsyncSocketModeHandler(bot.app, app_token, web_client=bot.client)
    await handler.connect_async()
    log.info("slack: connected in Socket Mode")
    return handler


async def run(
    settings: Settings,
    *,
    core: Followup | None = None,
    ready: asyncio.Event | None = None,
    pace_seconds: float = 1.0,
) -> None:
    """Run the bot on Slack until cancelled: Socket Mode with SLACK_APP_TOKEN, else HTTP mode.

    `core` lets a caller share one Followup (and its scheduler, which then stays theirs) between
    adapters, or lets tests use one with a test clock; `ready` is set once requests flow.
    """
    check_settings(settings)
    from bot.app import Followup  # the facade; imported late so the translators stand alone

    own_core = core is None
    core = core or await Followup.create(settings)
    oauth = await oauth_settings(settings, core.engine) if oauth_enabled(settings) else None
    bot = SlackBot(core, settings, oauth=oauth, pace_seconds=pace_seconds)
    handler: AsyncSocketModeHandler | None = None
    runner: web.AppRunner | None = None
    try:
        await check_token(bot)
        core.add_sender(bot.sender)
        if own_core:
            await core.start()
        if settings.slack_app_token:
            handler = await start_socket_mode(bot, settings.slack_app_token)
        else:
            runner, _ = await start_http(bot, settings.host, settings.port)
        if ready is not None:
            ready.set()
        await asyncio.Event().wait()
    finally:
        if handler is not None:
            await handler.close_async()
        if runner is not None:
            await runner.cleanup()
        await bot.drain()
        if own_core:
            await core.stop()
