"""The Bolt listeners: Slack's events, commands, clicks and forms become turns of the core; and App Home."""

from __future__ import annotations

import asyncio
import logging
import re
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from slack_bolt.async_app import AsyncApp
from slack_bolt.context.async_context import AsyncBoltContext
from slack_bolt.oauth.async_oauth_settings import AsyncOAuthSettings
from slack_bolt.response import BoltResponse

from adapters.slack.inbound import (
    COMMAND,
    click_origin,
    command_text,
    command_who,
    direct_message,
    draft_submission,
    event_key,
    form_fields,
    interaction_who,
    is_form_command,
    profile_name,
    secret_value,
    trigger_key,
    who,
)
from adapters.slack.keys import parse_user_key, team_prefix
from adapters.slack.oauth import TeamClients, erase_installation
from adapters.slack.outbound import ACTION_PREFIX, PRIVATE_ACTION_PREFIX, Origin, plan_replies, slack_commands
from adapters.slack.pacing import TRANSIENT, Pacer
from adapters.slack.sender import SlackSender
from adapters.slack.views import (
    DEBRIEF_CALLBACK,
    DRAFT_BLOCK,
    DRAFT_CALLBACK,
    HOME_NEW_ACTION,
    OPEN_FORM_ACTION,
    PRIVATE_CALLBACK,
    debrief_modal,
    draft_modal,
    form_errors,
    home_view,
    secret_modal,
)
from bot import actions
from bot.actions import DraftOp, Kind
from bot.config import Settings
from bot.events import Incoming, Reply, Who
from bot.keyed_lock import KeyedLocks
from bot.templates import FOREIGN_BUTTON

if TYPE_CHECKING:
    from bot.app import Followup

log = logging.getLogger(__name__)

SORRY = "Sorry, something went wrong on my side. Please try that again in a moment."


@dataclass(frozen=True, slots=True)
class Profile:
    """What users.info tells us about a person on first contact."""

    name: str = ""
    tz: str | None = None


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
        self.sender.after_delivery = self._refresh_home
        self.app = AsyncApp(
            client=self.client,
            signing_secret=settings.slack_signing_secret,
            name="followup",
            oauth_settings=oauth,
            # Socket Mode has no signature; in HTTP mode Bolt refuses a bad or stale one with 401.
            request_verification_enabled=True,
        )
        self.app.error(refuse_malformed)
        self._profiles: dict[str, Profile] = {}
        self._home_seen: set[str] = set()
        self._pending = 0
        self._idle = asyncio.Event()
        self._idle.set()
        self._lock = KeyedLocks()  # per user: one turn at a time, so replies keep the messages' order
        self._register()

    def _register(self) -> None:
        app = self.app
        # The middleware counts a request as in progress before Bolt acknowledges it, so that
        # `drain` cannot miss work whose task has not started yet.
        track = [self._track]
        app.event("message", middleware=track)(self._on_message)
        app.event("app_home_opened", middleware=track)(self._on_home_opened)
        app.command(COMMAND, middleware=track)(self._on_command)
        app.action(re.compile(f"^{re.escape(ACTION_PREFIX)}"), middleware=track)(self._on_click)
        app.action(HOME_NEW_ACTION, middleware=track)(self._on_home_new)
        app.action(OPEN_FORM_ACTION, middleware=track)(self._on_open_form)
        app.view(DEBRIEF_CALLBACK, middleware=track)(self._on_form)
        app.event("app_uninstalled", middleware=track)(self._on_uninstalled)
        app.event("tokens_revoked", middleware=track)(self._on_tokens_revoked)
        app.view(DRAFT_CALLBACK, middleware=track)(self._on_draft_form)
        app.action(re.compile(f"^{re.escape(PRIVATE_ACTION_PREFIX)}"), middleware=track)(self._on_secret_click)
        app.view(PRIVATE_CALLBACK, middleware=track)(self._on_secret)

    async def _track(self, next: Callable[[], Awaitable[None]]) -> None:
        self._pending += 1
        self._idle.clear()
        await next()

    async def _work(self, work: Awaitable[None]) -> None:
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
            log.warning("slack: %d requests still running", self._pending)
            return False
        return True

    # Listeners: Bolt acknowledges events itself; the others ack() first, then work. ---------------

    async def _on_uninstalled(self, context: AsyncBoltContext) -> None:
        await self._work(self._workspace_gone(context, bot_revoked=True, user_ids=[]))

    async def _on_tokens_revoked(self, event: dict[str, Any], context: AsyncBoltContext) -> None:
        tokens = event.get("tokens") or {}
        user_ids = [str(u) for u in tokens.get("oauth") or []]
        await self._work(self._workspace_gone(context, bot_revoked=bool(tokens.get("bot")), user_ids=user_ids))

    async def _workspace_gone(self, context: AsyncBoltContext, *, bot_revoked: bool, user_ids: list[str]) -> None:
        """The app was removed from a workspace, or its tokens revoked: erase them, stop its reminders.

        When the bot token is gone, the workspace's people are paused like users who blocked the bot:
        their reminders stay, unsent, until the app is installed again and they write to it.
        """
        team = context.team_id or ""
        store = self.clients.installations
        if store is not None:
            await erase_installation(store, context, bot_revoked=bot_revoked, user_ids=user_ids)
        if not bot_revoked:
            log.info("slack: %d user tokens revoked in %s", len(user_ids), team)
            return
        self.sender.forget_team(team)
        paused = await self.followup.pause_all(team_prefix(team))
        if store is None:
            log.error("slack: the app lost its token in %s; SLACK_BOT_TOKEN must be replaced", team)
        log.warning("slack: workspace %s removed the app; tokens erased, %d people paused", team, paused)

    async def _on_message(self, body: dict[str, Any]) -> None:
        await self._work(self._direct_message(body))

    async def _on_home_opened(self, body: dict[str, Any], event: dict[str, Any]) -> None:
        await self._work(self._home_opened(body, event))

    async def _on_command(self, ack: Any, body: dict[str, Any], respond: Any) -> None:
        await self._work(self._command(ack, body, respond))

    async def _on_click(self, ack: Any, body: dict[str, Any], action: dict[str, Any]) -> None:
        await self._work(self._click(ack, body, action))

    async def _on_home_new(self, ack: Any, body: dict[str, Any]) -> None:
        await self._work(self._acked(ack, self._turn(interaction_who(body), text="/new", delivery=trigger_key(body))))

    async def _on_open_form(self, ack: Any, body: dict[str, Any]) -> None:
        team, _ = parse_user_key(interaction_who(body).key)
        await self._work(self._acked(ack, self._open_form(body["trigger_id"], team)))

    async def _on_form(self, ack: Any, body: dict[str, Any], view: dict[str, Any]) -> None:
        await self._work(self._form(ack, body, view))

    async def _on_draft_form(self, ack: Any, body: dict[str, Any], view: dict[str, Any]) -> None:
        await self._work(self._draft_form(ack, body, view))

    async def _on_secret_click(self, ack: Any, body: dict[str, Any], action: dict[str, Any]) -> None:
        team, _ = parse_user_key(interaction_who(body).key)
        prompt = str((action.get("text") or {}).get("text") or "Your answer")
        await self._work(self._acked(ack, self._open_secret(body["trigger_id"], team, prompt)))

    async def _on_secret(self, ack: Any, body: dict[str, Any], view: dict[str, Any]) -> None:
        # The modal closes at once; the core's answer (checking a mailbox takes seconds) comes in the DM.
        secret = secret_value((view.get("state") or {}).get("values") or {})
        await self._work(
            self._acked(ack, self._turn(interaction_who(body), text=secret, private=True, delivery=trigger_key(body)))
        )

    # The work ------------------------------------------------------------------------------------

    @staticmethod
    async def _acked(ack: Any, work: Awaitable[None]) -> None:
        await ack()
        await work

    async def _direct_message(self, body: dict[str, Any]) -> None:
        message = direct_message(body)
        if message is None:
            return
        person = who(message.team_id, message.user_id)
        if message.channel:
            self.sender.remember_dm(person.key, message.channel)
        await self._turn(person, text=message.text, delivery=event_key(body))

    async def _home_opened(self, body: dict[str, Any], event: dict[str, Any]) -> None:
        if event.get("tab") != "home" or not event.get("user"):
            return
        team = body.get("team_id") or ""
        self._home_seen.add(who(team, event["user"]).key)
        await self._publish_home(team, event["user"])

    async def _click(self, ack: Any, body: dict[str, Any], action: dict[str, Any]) -> None:
        await ack()
        person = interaction_who(body)
        value = str(action.get("value") or "")
        tapped = actions.decode(value)
        if tapped and tapped.kind == Kind.DRAFT and tapped.op == DraftOp.EDIT and body.get("trigger_id"):
            # Edit: the draft in a modal's multi-line input instead of the chat's numbered sentences.
            draft = await self.followup.draft_to_edit(await self._with_profile(person), tapped.ref)
            if draft is not None:
                team, _ = parse_user_key(person.key)
                modal = draft_modal(tapped.ref, draft.subject, draft.body)
                await (await self.clients.get(team)).views_open(trigger_id=body["trigger_id"], view=modal)
                return
        await self._turn(person, action=value, origin=click_origin(body), delivery=trigger_key(body))

    async def _draft_form(self, ack: Any, body: dict[str, Any], view: dict[str, Any]) -> None:
        person = await self._with_profile(interaction_who(body))
        follow_up_id, text = draft_submission(view)
        try:
            error, replies = (
                await self.followup.save_draft(person, follow_up_id, text)
                if follow_up_id is not None
                else (FOREIGN_BUTTON, [])
            )
        except Exception:
            log.exception("slack: the core failed on a draft form for %s", person.key)
            error, replies = SORRY, []
        if error:
            await ack(response_action="errors", errors={DRAFT_BLOCK: slack_commands(error)[:150]})
            return
        await ack()
        async with self._lock(person.key):
            await self.sender.execute(person.key, plan_replies(replies))

    async def _form(self, ack: Any, body: dict[str, Any], view: dict[str, Any]) -> None:
        # The core checks the form within Slack's 3 seconds, so that errors show on the form itself.
        person = await self._with_profile(interaction_who(body))
        profile = self._profiles.get(person.key, Profile())
        fields = form_fields((view.get("state") or {}).get("values") or {})
        try:
            errors, replies = await self.followup.submit_form(person, fields, tz_hint=profile.tz)
        except Exception:
            log.exception("slack: the core failed on a form for %s", person.key)
            await ack(response_action="errors", errors=form_errors({"company": SORRY}))
            return
        if errors:
            await ack(response_action="errors", errors=form_errors(errors))
            return
        await ack()
        async with self._lock(person.key):
            await self.sender.execute(person.key, plan_replies(replies))
        await self._refresh_home(person.key)

    async def _command(self, ack: Any, body: dict[str, Any], respond: Any) -> None:
        await ack()
        person = command_who(body)
        team, user = parse_user_key(person.key)
        if is_form_command(body.get("text") or ""):
            await self._open_form(body["trigger_id"], team)
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
        await self._turn(person, text=command_text(body.get("text") or ""), delivery=trigger_key(body))

    async def _open_secret(self, trigger_id: str, team: str, prompt: str) -> None:
        client = await self.clients.get(team)
        await client.views_open(trigger_id=trigger_id, view=secret_modal(prompt))

    async def _open_form(self, trigger_id: str, team: str) -> None:
        client = await self.clients.get(team)
        await client.views_open(trigger_id=trigger_id, view=debrief_modal())

    async def _turn(
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
        async with self._lock(person.key):
            person = await self._with_profile(person)
            profile = self._profiles.get(person.key, Profile())
            event = Incoming(person, text=text, action=action, tz_hint=profile.tz, private=private, delivery=delivery)
            try:
                replies = await self.followup.handle(event)
            except Exception:
                log.exception("slack: the core failed on a turn for %s", person.key)
                replies = [Reply(SORRY)]
            if replies is None:
                log.info("slack: %s already handled", delivery)
                return
            await self.sender.execute(person.key, plan_replies(replies, origin))
        await self._refresh_home(person.key)

    # Lookups (cached per process) ----------------------------------------------------------------

    async def _with_profile(self, person: Who) -> Who:
        """The person with their Slack name; on first contact users.info also gives their time zone."""
        profile = self._profiles.get(person.key)
        if profile is None:
            team, user = parse_user_key(person.key)
            try:
                response = await (await self.clients.get(team)).users_info(user=user)
            except TRANSIENT as error:
                log.warning("slack: users.info failed for %s: %s", person.key, error)
                return person
            data = response.get("user") or {}
            profile = Profile(name=profile_name(data), tz=data.get("tz") or None)
            self._profiles[person.key] = profile
        return Who(person.platform, person.user_id, profile.name or person.name)

    # App Home ------------------------------------------------------------------------------------

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
            log.warning("slack: App Home refresh failed for %s: %s", key, error)


async def refuse_malformed(error: Exception, logger: logging.Logger) -> BoltResponse | None:
    """A payload of the wrong shape (a field missing, a string for an object) gets 400, not a 500."""
    if isinstance(error, (KeyError, TypeError, ValueError, AttributeError, IndexError)):
        log.warning("slack: malformed payload refused error=%s", type(error).__name__)
        return BoltResponse(status=400, body="malformed request")
    logger.exception("slack: unhandled error", exc_info=error)
    return None
