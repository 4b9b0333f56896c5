"""Installing the app in several workspaces (OAuth), with slack-bolt's SQLAlchemy stores in the bot's database."""

from __future__ import annotations

import logging

from slack_bolt.context.async_context import AsyncBoltContext
from slack_bolt.listener.async_builtins import AsyncTokenRevocationListeners
from slack_bolt.oauth.async_oauth_settings import AsyncOAuthSettings
from slack_sdk.oauth.installation_store.async_installation_store import AsyncInstallationStore
from slack_sdk.oauth.installation_store.sqlalchemy import AsyncSQLAlchemyInstallationStore
from slack_sdk.oauth.state_store.sqlalchemy import AsyncSQLAlchemyOAuthStateStore
from slack_sdk.web.async_client import AsyncWebClient
from sqlalchemy.ext.asyncio import AsyncEngine

from adapters.slack.pacing import web_client
from bot.service.config import Settings

log = logging.getLogger(__name__)

# The bot scopes of adapters/slack/manifest.yml (a test keeps the two equal).
SCOPES = ("chat:write", "commands", "files:write", "im:history", "im:write", "users:read")
INSTALL_PATH = "/slack/install"
REDIRECT_PATH = "/slack/oauth_redirect"
STATE_SECONDS = 600


def oauth_enabled(settings: Settings) -> bool:
    """Multi-workspace installation is on when both SLACK_CLIENT_ID and SLACK_CLIENT_SECRET are set."""
    return bool(settings.slack_client_id and settings.slack_client_secret)


async def oauth_settings(settings: Settings, engine: AsyncEngine) -> AsyncOAuthSettings:
    """Bolt's OAuth settings, storing installations and install states in the bot's own database.

    The stores create their tables (slack_bots, slack_installations, slack_oauth_states) if missing;
    they belong to slack-sdk, so they are not part of the bot's Alembic migrations.
    """
    installations = AsyncSQLAlchemyInstallationStore(client_id=settings.slack_client_id, engine=engine)
    states = AsyncSQLAlchemyOAuthStateStore(expiration_seconds=STATE_SECONDS, engine=engine)
    await installations.create_tables()
    await states.create_tables()
    return AsyncOAuthSettings(
        client_id=settings.slack_client_id,
        client_secret=settings.slack_client_secret,
        scopes=list(SCOPES),
        installation_store=installations,
        state_store=states,
        install_path=INSTALL_PATH,
        redirect_uri_path=REDIRECT_PATH,
    )


class TeamClients:
    """The Web API client for each workspace: the one bot token, or the token its installation stored."""

    def __init__(self, base_url: str, token: str = "", installations: AsyncInstallationStore | None = None) -> None:
        self.base_url = base_url
        self.installations = installations
        self.default = web_client(token or None, base_url)
        self._by_team: dict[str, AsyncWebClient] = {}

    async def get(self, team_id: str) -> AsyncWebClient:
        """The client for `team_id`; LookupError when the app is not installed there."""
        if self.installations is None:
            return self.default
        client = self._by_team.get(team_id)
        if client is None:
            bot = await self.installations.async_find_bot(enterprise_id=None, team_id=team_id)
            if bot is None or not bot.bot_token:
                raise LookupError(f"the app is not installed in workspace {team_id}")
            client = self._by_team[team_id] = web_client(bot.bot_token, self.base_url)
        return client

    def forget(self, team_id: str) -> None:
        """Drop a cached token (after Slack refused it, say), so the next call reads the store again."""
        self._by_team.pop(team_id, None)


async def erase_installation(
    store: AsyncInstallationStore, context: AsyncBoltContext, *, bot_revoked: bool, user_ids: list[str]
) -> None:
    """The app was removed from a workspace, or tokens revoked: erase them through Bolt's own handlers
    (all of the installation on uninstall, the bot token or the named users' tokens on revocation)."""
    listeners = AsyncTokenRevocationListeners(store)
    if bot_revoked and not user_ids:
        await listeners.handle_app_uninstalled_events(context)
    else:
        event = {"tokens": {"oauth": user_ids, "bot": ["revoked"] if bot_revoked else []}}
        await listeners.handle_tokens_revoked_events(event, context)
