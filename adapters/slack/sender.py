"""Carrying out planned Slack calls (adapters.slack.outbound), and the Sender the reminder dispatcher uses."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Sequence

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack.keys import parse_user_key, team_prefix, user_key
from adapters.slack.oauth import TeamClients
from adapters.slack.outbound import NOTICE, UPDATE, Message, Step, post_step
from adapters.slack.pacing import TRANSIENT, Pacer, delivery_error
from bot.common.events import Attachment, Reply, UserUnreachable

log = logging.getLogger(__name__)

# Slack's answers when a workspace's token no longer works (the app was removed or reinstalled).
REVOKED = frozenset({"invalid_auth", "token_revoked", "account_inactive"})


class Outbox:
    """Makes the calls of planned steps with one workspace's client, paced per channel."""

    def __init__(self, client: AsyncWebClient, pacer: Pacer) -> None:
        self.client = client
        self.pacer = pacer

    async def post(self, channel: str, messages: Sequence[Message], files: Sequence[Attachment], retries: int = 3):
        """New messages, then the files; returns the messages' ts."""
        stamps = []
        for message in messages:
            response = await self.pacer.call(
                channel,
                lambda message=message: self.client.chat_postMessage(channel=channel, **message),
                retries=retries,
            )
            stamps.append(str(response.get("ts") or ""))
        for attachment in files:
            await self.upload(channel, attachment, retries=retries)
        return stamps

    async def update(self, channel: str, ts: str, messages: Sequence[Message], files: Sequence[Attachment]) -> None:
        """Replace the clicked message by the first message; what does not fit in it is posted after it."""
        if not messages:
            return
        first, rest = messages[0], messages[1:]
        await self.pacer.call(f"update:{channel}", lambda: self.client.chat_update(channel=channel, ts=ts, **first))
        await self.post(channel, rest, files)

    async def notice(self, channel: str, user_id: str, text: str) -> None:
        """A short answer about a click, seen only by the user; the clicked message is left alone."""
        await self.pacer.call(
            f"ephemeral:{channel}",
            lambda: self.client.chat_postEphemeral(channel=channel, user=user_id, text=text),
        )

    async def upload(self, channel: str, attachment: Attachment, *, retries: int = 3) -> None:
        """Share a file (an .eml draft) in the channel with files_upload_v2."""
        await self.pacer.call(
            channel,
            lambda: self.client.files_upload_v2(
                channel=channel,
                content=attachment.content,
                filename=attachment.filename,
                title=attachment.filename,
            ),
            retries=retries,
        )


class SlackSender:
    """Slack's Web API for one app: each workspace's client, the people's DMs, and the plans carried out.

    It is also the core's outbound port (`deliver`) for reminders.
    """

    platform = "slack"

    def __init__(self, clients: TeamClients, pacer: Pacer, chat_interval: float = 1.0) -> None:
        self.clients = clients
        self.pacer = pacer
        # Per reminder, the rest a DM gets before another process may write to it (bot.followups.dispatch).
        self.chat_interval = chat_interval
        self.after_delivery: Callable[[str], Awaitable[None]] | None = None  # App Home refresh
        self._dms: dict[str, str] = {}

    async def outbox(self, team: str) -> Outbox:
        return Outbox(await self.clients.get(team), self.pacer)

    async def dm(self, team: str, user: str) -> str:
        """The DM channel with a person (conversations.open once, then remembered)."""
        key = user_key(team, user)
        channel = self._dms.get(key)
        if channel is None:
            response = await (await self.clients.get(team)).conversations_open(users=user)
            channel = self._dms[key] = str((response.get("channel") or {})["id"])
        return channel

    def remember_dm(self, key: str, channel: str) -> None:
        self._dms[key] = channel

    def forget_team(self, team: str) -> None:
        """A workspace removed the app: its token and its DMs are no longer ours."""
        self.clients.forget(team)
        prefix = team_prefix(team)
        for key in [k for k in self._dms if k.startswith(prefix)]:
            del self._dms[key]

    async def execute(self, key: str, steps: Sequence[Step], *, retries: int = 3) -> None:
        """Carry out a plan for the person `key`; a clicked message that cannot be updated gets a new message."""
        team, user = parse_user_key(key)
        outbox = await self.outbox(team)
        for step in steps:
            channel = step.channel or await self.dm(team, user)
            if step.kind == NOTICE:
                await outbox.notice(channel, user, step.text)
            elif step.kind == UPDATE:
                try:
                    await outbox.update(channel, step.ts, step.messages, step.files)
                except SlackApiError as error:
                    log.warning(
                        "slack: chat.update failed; posting instead",
                        extra={"platform": "slack", "error": error.response.get("error")},
                    )
                    fallback = post_step(step.reply) if step.reply is not None else step
                    await outbox.post(await self.dm(team, user), fallback.messages, fallback.files)
            else:
                await outbox.post(channel, step.messages, step.files, retries=retries)

    async def deliver(self, user_key: str, replies: Sequence[Reply]) -> None:
        """Post a reminder in the user's DM; raises DeliveryError or UserUnreachable if Slack did not take it."""
        try:
            team, _ = parse_user_key(user_key)
        except ValueError as error:
            raise UserUnreachable(str(error)) from error
        try:
            # No waiting on a 429 here: the dispatcher retries after Retry-After itself.
            await self.execute(user_key, [post_step(reply) for reply in replies], retries=0)
        except LookupError as error:  # the workspace never installed the app, or removed it
            raise UserUnreachable(str(error)) from error
        except TRANSIENT as error:
            if isinstance(error, SlackApiError) and error.response.get("error") in REVOKED:
                self.clients.forget(team)  # a reinstall brings a new token; read it from the store next time
            raise delivery_error(error) from error
        if self.after_delivery is not None:
            await self.after_delivery(user_key)
