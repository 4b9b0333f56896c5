"""App Home: the user's interviews and next steps, published when they open the tab and republished after
each turn once they have looked at it.

Mixed into SlackBot (adapters/slack/bot.py), which registers these listeners and provides `_work`, `_acked`
and `_turn`.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from adapters.slack.inbound import interaction_who, trigger_key, who
from adapters.slack.keys import parse_user_key
from adapters.slack.pacing import TRANSIENT
from adapters.slack.views import home_view

if TYPE_CHECKING:
    from adapters.slack.oauth import TeamClients
    from bot.app import Followup

log = logging.getLogger(__name__)


class SlackHome:
    """The App Home tab's listeners, and its refresh (also the sender's `after_delivery`)."""

    followup: Followup
    clients: TeamClients
    _home_seen: set[str]

    async def _on_home_opened(self, body: dict[str, Any], event: dict[str, Any]) -> None:
        await self._work(self._home_opened(body, event))

    async def _on_home_new(self, ack: Any, body: dict[str, Any]) -> None:
        await self._work(self._acked(ack, self._turn(interaction_who(body), text="/new", delivery=trigger_key(body))))

    async def _home_opened(self, body: dict[str, Any], event: dict[str, Any]) -> None:
        if event.get("tab") != "home" or not event.get("user"):
            return
        team = body.get("team_id") or ""
        self._home_seen.add(who(team, event["user"]).key)
        await self._publish_home(team, event["user"])

    async def _publish_home(self, team: str, user: str) -> None:
        overview = await self.followup.overview(who(team, user).key)
        client = await self.clients.get(team)
        await client.views_publish(user_id=user, view=home_view(overview))

    async def _refresh_home(self, key: str) -> None:
        """Republish the App Home of a user who has looked at it, so it never shows stale steps."""
        if key not in self._home_seen:
            return
        team, user = parse_user_key(key)
        try:
            await self._publish_home(team, user)
        except TRANSIENT as error:
            log.warning(
                "slack: App Home refresh failed",
                extra={"platform": "slack", "user": key, "error": type(error).__name__},
            )
