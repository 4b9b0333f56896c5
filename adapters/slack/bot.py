"""The Bolt listeners: Slack's events, commands, clicks and forms become turns of the core.

SlackBot registers every listener here. It is made of parts, each an object it holds: the modals
(`forms`, adapters/slack/forms.py), App Home (`home`, adapters/slack/home.py) and a workspace removing the
app (`workspaces`, adapters/slack/workspaces.py); they use the bot's `work`, `turn` and `with_profile`.
"""

from __future__ import annotations

import asyncio
import logging
import re
import time
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

from slack_bolt.async_app import AsyncApp
from slack_bolt.oauth.async_oauth_settings import AsyncOAuthSettings
from slack_bolt.response import BoltResponse

from adapters.slack.forms import SlackForms
from adapters.slack.home import SlackHome
from adapters.slack.inbound import (
    COMMAND,
    Profile,
    click_origin,
    command_text,
    command_who,
    direct_message,
    event_key,
    form_of,
    interaction_who,
    is_form_command,
    profile_name,
    trigger_key,
    who,
)
from adapters.slack.keys import parse_user_key
from adapters.slack.oauth import TeamClients
from adapters.slack.outbound import ACTION_PREFIX, PRIVATE_ACTION_PREFIX, SORRY, Origin, plan_replies
from adapters.slack.pacing import TRANSIENT, Pacer
from adapters.slack.sender import SlackSender
from adapters.slack.views import DEBRIEF_CALLBACK, DRAFT_CALLBACK, HOME_NEW_ACTION, OPEN_FORM_ACTION, PRIVATE_CALLBACK
from adapters.slack.workspaces import SlackWorkspaces
from bot.app import KeyedLocks
from bot.common.events import Incoming, Reply, Who
from bot.service.config import Settings

if TYPE_CHECKING:
    from bot.app import Followup

log = logging.getLogger(__name__)


class _UnusedTokenWarning(logging.Filter):
    """Drops Bolt's "As you gave `client` as well, `token` will be unused." (see SlackBot.__init__)."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "`token` will be unused" not in record.getMessage()


class SlackBot:
    """Bolt listeners for one Slack app; its Web API side (and the reminder Sender) is `self.sender`.

    Every listener acknowledges first and works after (Slack wants an answer within 3 seconds);
    the work for one user runs one turn at a time, so replies keep the order of the messages.
    """

    def __init__(
        self,
        followup: Followup,
        settings: Settings,
        *,
        oauth: AsyncOAuthSettings | None = None,
        pace_seconds: float = 1.0,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[Any]] = asyncio.sleep,
    ) -> None:
        self.followup = followup
        self.settings = settings
        # One bot token, or (OAuth) the token each workspace's installation stored.
        self.clients = TeamClients(
            settings.slack_api_url,
            token="" if oauth else settings.slack_bot_token,
            installations=oauth.installation_store if oauth else None,
        )
        self.client = self.clients.default
        self.sender = SlackSender(self.clients, Pacer(pace_seconds, clock=clock, sleep=sleep), pace_seconds)
        self.forms = SlackForms(self)
        self.home = SlackHome(self)
        self.workspaces = SlackWorkspaces(self)
        self.sender.after_delivery = self.home.refresh
        # Bolt reads SLACK_BOT_TOKEN from the environment itself and, since we hand it our own client, warns at
        # every start that the token "will be unused" (a service manager's EnvironmentFile sets it): not news.
        bolt_logger, unused_token = logging.getLogger("slack_bolt.AsyncApp"), _UnusedTokenWarning()
        bolt_logger.addFilter(unused_token)
        try:
            self.app = AsyncApp(
                client=self.client,
                signing_secret=settings.slack_signing_secret,
                name="followup",
                oauth_settings=oauth,
                # Socket Mode has no signature; in HTTP mode Bolt refuses a bad or stale one with 401.
                request_verification_enabled=True,
            )
        finally:
            bolt_logger.removeFilter(unused_token)
        self.app.error(refuse_malformed)
        self.profiles: dict[str, Profile] = {}
        self._pending = 0
        self._idle = asyncio.Event()
        self._idle.set()
        self.lock = KeyedLocks()  # per user: one turn at a time, so replies keep the messages' order
        self._register()

    def _register(self) -> None:
        app = self.app
        # The middleware counts a request as in progress before Bolt acknowledges it, so that
        # `drain` cannot miss work whose task has not started yet.
        track = [self._track]
        forms, home, workspaces = self.forms, self.home, self.workspaces
        app.event("message", middleware=track)(self._on_message)
        app.event("app_home_opened", middleware=track)(home.on_opened)
        app.command(COMMAND, middleware=track)(self._on_command)
        app.action(re.compile(f"^{re.escape(ACTION_PREFIX)}"), middleware=track)(self._on_click)
        app.action(HOME_NEW_ACTION, middleware=track)(home.on_new)
        app.action(OPEN_FORM_ACTION, middleware=track)(forms.on_open_form)
        app.view(DEBRIEF_CALLBACK, middleware=track)(forms.on_form)
        app.event("app_uninstalled", middleware=track)(workspaces.on_uninstalled)
        app.event("tokens_revoked", middleware=track)(workspaces.on_tokens_revoked)
        app.view(DRAFT_CALLBACK, middleware=track)(forms.on_draft_form)
        app.action(re.compile(f"^{re.escape(PRIVATE_ACTION_PREFIX)}"), middleware=track)(forms.on_secret_click)
        app.view(PRIVATE_CALLBACK, middleware=track)(forms.on_secret)

    async def _track(self, next: Callable[[], Awaitable[None]]) -> None:
        self._pending += 1
        self._idle.clear()
        await next()

    async def work(self, work: Awaitable[None]) -> None:
        """Run a listener's work; a failure is logged (Slack has its ack already), never lost silently."""
        try:
            await work
        except Exception:
            log.exception("slack: handling a request failed")
        finally:
            self._pending -= 1
            if self._pending <= 0:
                self._pending = 0
                self._idle.set()

    async def drain(self, timeout: float = 10.0) -> bool:
        """Wait (up to `timeout`) until the work of every acknowledged request is done."""
        try:
            await asyncio.wait_for(self._idle.wait(), timeout)
        except TimeoutError:
            log.warning("slack: requests still running", extra={"platform": "slack", "count": self._pending})
            return False
        return True

    # Listeners: Bolt acknowledges events itself; the others ack() first, then work. ---------------

    async def _on_message(self, body: dict[str, Any]) -> None:
        await self.work(self._direct_message(body))

    async def _on_command(self, ack: Any, body: dict[str, Any], respond: Any) -> None:
        await self.work(self._command(ack, body, respond))

    async def _on_click(self, ack: Any, body: dict[str, Any], action: dict[str, Any]) -> None:
        await self.work(self._click(ack, body, action))

    # The work ------------------------------------------------------------------------------------

    @staticmethod
    async def acked(ack: Any, work: Awaitable[None]) -> None:
        await ack()
        await work

    async def _direct_message(self, body: dict[str, Any]) -> None:
        message = direct_message(body)
        if message is None:
            return
        person = who(message.team_id, message.user_id)
        if message.channel:
            self.sender.remember_dm(person.key, message.channel)
        await self.turn(person, text=message.text, delivery=event_key(body))

    async def _click(self, ack: Any, body: dict[str, Any], action: dict[str, Any]) -> None:
        await ack()
        person = interaction_who(body)
        value = str(action.get("value") or "")
        form = form_of(action)  # "Edit" under a draft: its text in a modal rather than in the chat
        editing = form is not None and form[0] == "draft" and body.get("trigger_id")
        if editing and await self.forms.open_draft(person, form[1], body["trigger_id"]):
            return
        await self.turn(person, action=value, origin=click_origin(body), delivery=trigger_key(body))

    async def _command(self, ack: Any, body: dict[str, Any], respond: Any) -> None:
        await ack()
        person = command_who(body)
        team, user = parse_user_key(person.key)
        if is_form_command(body.get("text") or ""):
            await self.forms.open_form(body["trigger_id"], team)
            return
        dm = await self.sender.dm(team, user)
        if body.get("channel_id") != dm:
            app_id = body.get("api_app_id")
            where = (
                f"<slack://app?team={team}&id={app_id}&tab=messages|our direct messages>"
                if app_id
                else "our direct messages"
            )
            await respond(text=f"I've answered in {where}.", response_type="ephemeral")
        await self.turn(person, text=command_text(body.get("text") or ""), delivery=trigger_key(body))

    async def turn(
        self,
        person: Who,
        *,
        text: str | None = None,
        action: str | None = None,
        origin: Origin | None = None,
        private: bool = False,
        delivery: str | None = None,
    ) -> None:
        """A turn of the core and its replies; `delivery` (an event's or a click's id) makes a replay a no-op."""
        async with self.lock(person.key):
            person = await self.with_profile(person)
            profile = self.profiles.get(person.key, Profile())
            event = Incoming(person, text=text, action=action, tz_hint=profile.tz, private=private, delivery=delivery)
            try:
                replies = await self.followup.handle(event)
            except Exception:
                log.exception("slack: the core failed on a turn", extra={"platform": "slack", "user": person.key})
                replies = [Reply(SORRY)]
            if replies is None:
                log.info("slack: already handled", extra={"platform": "slack", "delivery": delivery})
                return
            await self.sender.execute(person.key, plan_replies(replies, origin))
        await self.home.refresh(person.key)

    # Lookups (cached per process) ----------------------------------------------------------------

    async def with_profile(self, person: Who) -> Who:
        """The person with their Slack name; on first contact users.info also gives their time zone."""
        profile = self.profiles.get(person.key)
        if profile is None:
            team, user = parse_user_key(person.key)
            try:
                response = await (await self.clients.get(team)).users_info(user=user)
            except TRANSIENT as error:
                log.warning(
                    "slack: users.info failed",
                    extra={"platform": "slack", "user": person.key, "error": type(error).__name__},
                )
                return person
            data = response.get("user") or {}
            profile = Profile(name=profile_name(data), tz=data.get("tz") or None)
            self.profiles[person.key] = profile
        return Who(person.platform, person.user_id, profile.name or person.name)


async def refuse_malformed(error: Exception, logger: logging.Logger) -> BoltResponse | None:
    """A payload of the wrong shape (a field missing, a string for an object) gets 400, not a 500."""
    if isinstance(error, (KeyError, TypeError, ValueError, AttributeError, IndexError)):
        log.warning("slack: malformed payload refused", extra={"platform": "slack", "error": type(error).__name__})
        return BoltResponse(status=400, body="malformed request")
    logger.exception("slack: unhandled error", exc_info=error)
    return None
