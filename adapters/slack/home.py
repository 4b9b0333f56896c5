"""App Home: the user's interviews and next steps, published when they open the tab and republished after
each turn once they have looked at it.

A part of SlackBot (adapters/slack/bot.py, `bot.home`): the bot registers these listeners and lends its
`work`, `acked` and `turn`, and its clients.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from adapters.slack.inbound import interaction_who, trigger_key, who
from adapters.slack.keys import parse_user_key
from adapters.slack.pacing import TRANSIENT
from adapters.slack.views import home_view

if TYPE_CHECKING:
    from adapters.slack.bot import SlackBot

log = logging.getLogger(__name__)


class SlackHome:
    """The App Home tab's listeners, and its refresh (also the sender's `after_delivery`)."""

    def __init__(self, bot: SlackBot) -> None:
        self.bot = bot
        self.seen: set[str] = set()  # the users who have opened the tab: theirs is kept up to date

    async def on_opened(self, body: dict[str, Any], event: dict[str, Any]) -> None:
        await self.bot.work(self._home_opened(body, event))

    async def on_new(self, ack: Any, body: dict[str, Any]) -> None:
        await self.bot.work(
            self.bot.acked(ack, self.bot.turn(interaction_who(body), text="/new", delivery=trigger_key(body)))
        )

    async def _home_opened(self, body: dict[str, Any], event: dict[str, Any]) -> None:
        if event.get("tab") != "home" or not event.get("user"):
            return
        team = body.get("team_id") or ""
        self.seen.add(who(team, event["user"]).key)
        await self._publish(team, event["user"])

    async def _publish(self, team: str, user: str) -> None:
        overview = await self.bot.followup.overview(who(team, user).key)
        client = await self.bot.clients.get(team)
        await client.views_publish(user_id=user, view=home_view(overview))

    async def refresh(self, key: str) -> None:
        """Republish the App Home of a user who has looked at it, so it never shows stale steps."""
        if key not in self.seen:
            return
        team, user = parse_user_key(key)
        try:
            await self._publish(team, user)
        except TRANSIENT as error:
            log.warning(
                "slack: App Home refresh failed",
                extra={"platform": "slack", "user": key, "error": type(error).__name__},
            )
