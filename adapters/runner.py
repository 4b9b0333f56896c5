"""`followup-bot run`: every adapter whose settings are present, in one process with one scheduler."""

from __future__ import annotations

import asyncio
import logging

from bot.app import Followup
from bot.service.config import Settings
from bot.service.startup import SettingProblem

log = logging.getLogger(__name__)


def configured(settings: Settings) -> list[str]:
    """The platforms whose settings are present, by each adapter's own `is_configured` check."""
    from adapters.slack import run as slack
    from adapters.telegram import run as telegram

    platforms = [
        name for name, adapter in (("telegram", telegram), ("slack", slack)) if adapter.is_configured(settings)
    ]
    if (
        "telegram" in platforms
        and "slack" in platforms
        and settings.telegram_webhook_url
        and not settings.slack_app_token
    ):
        raise SettingProblem(
            "Telegram's webhook and Slack's HTTP mode would both listen on PORT: use Telegram polling "
            "or Slack Socket Mode (SLACK_APP_TOKEN), or run them as two processes on one database."
        )
    return platforms


async def run_all(settings: Settings) -> None:
    platforms = configured(settings)
    if not platforms:
        raise SettingProblem(
            "No adapter is configured: set TELEGRAM_BOT_TOKEN, and/or SLACK_BOT_TOKEN (or SLACK_CLIENT_ID and "
            "SLACK_CLIENT_SECRET for an app installed through OAuth), see .env.example; "
            "or try the terminal chat with `followup-bot chat`."
        )
    core = await Followup.create(settings)
    ready = {platform: asyncio.Event() for platform in platforms}
    tasks = []
    if "telegram" in ready:
        from adapters.telegram.run import run as run_telegram

        tasks.append(asyncio.create_task(run_telegram(settings, core=core, ready=ready["telegram"])))
    if "slack" in ready:
        from adapters.slack.run import run as run_slack

        tasks.append(asyncio.create_task(run_slack(settings, core=core, ready=ready["slack"])))
    try:
        # The scheduler starts once every adapter has registered its sender, so none misses a reminder.
        waiting = {asyncio.create_task(event.wait()) for event in ready.values()}
        while waiting:
            done, _ = await asyncio.wait([*tasks, *waiting], return_when=asyncio.FIRST_COMPLETED)
            for task in tasks:
                if task.done():
                    task.result()  # an adapter that failed to start raises its error here
                    raise RuntimeError("an adapter stopped before it was ready")
            waiting -= done
        await core.start()
        log.info("running", extra={"platforms": ",".join(platforms)})
        await asyncio.gather(*tasks)
    finally:
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        await core.stop()
