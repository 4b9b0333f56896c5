"""A workspace removing the app (app_uninstalled) or revoking its tokens (tokens_revoked): the tokens are
erased and, once the bot token is gone, that workspace's people are paused.

A part of SlackBot (adapters/slack/bot.py, `bot.workspaces`): the bot registers these listeners and lends its
`work`, clients and sender.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from slack_bolt.context.async_context import AsyncBoltContext

from adapters.slack.keys import team_prefix
from adapters.slack.oauth import erase_installation

if TYPE_CHECKING:
    from adapters.slack.bot import SlackBot

log = logging.getLogger(__name__)


class SlackWorkspaces:
    """The listeners for a workspace that removed the app or revoked its tokens."""

    def __init__(self, bot: SlackBot) -> None:
        self.bot = bot

    async def on_uninstalled(self, context: AsyncBoltContext) -> None:
        await self.bot.work(self._workspace_gone(context, bot_revoked=True, user_ids=[]))

    async def on_tokens_revoked(self, event: dict[str, Any], context: AsyncBoltContext) -> None:
        tokens = event.get("tokens") or {}
        user_ids = [str(u) for u in tokens.get("oauth") or []]
        await self.bot.work(self._workspace_gone(context, bot_revoked=bool(tokens.get("bot")), user_ids=user_ids))

    async def _workspace_gone(self, context: AsyncBoltContext, *, bot_revoked: bool, user_ids: list[str]) -> None:
        """The app was removed from a workspace, or its tokens revoked: erase them, stop its reminders.

        When the bot token is gone, the workspace's people are paused like users who blocked the bot:
        their reminders stay, unsent, until the app is installed again and they write to it.
        """
        team = context.team_id or ""
        store = self.bot.clients.installations
        if store is not None:
            await erase_installation(store, context, bot_revoked=bot_revoked, user_ids=user_ids)
        if not bot_revoked:
            log.info("slack: user tokens revoked", extra={"platform": "slack", "count": len(user_ids), "team": team})
            return
        self.bot.sender.forget_team(team)
        paused = await self.bot.followup.pause_all(team_prefix(team))
        if store is None:
            log.error(
                "slack: the app lost its token; SLACK_BOT_TOKEN must be replaced",
                extra={"platform": "slack", "team": team},
            )
        log.warning(
            "slack: a workspace removed the app; tokens erased, people paused",
            extra={"platform": "slack", "team": team, "paused": paused},
        )
