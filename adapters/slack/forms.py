"""The modals: the debrief form, a draft's Edit form and the private answer (a mailbox password).

A part of SlackBot (adapters/slack/bot.py, `bot.forms`): the bot registers these listeners and lends its
`work`, `acked`, `turn` and `with_profile`, its clients, sender and per-user locks.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from adapters.slack.inbound import Profile, draft_submission, form_fields, interaction_who, secret_value, trigger_key
from adapters.slack.keys import parse_user_key
from adapters.slack.outbound import SORRY, plan_replies, slack_commands
from adapters.slack.views import DRAFT_BLOCK, debrief_modal, draft_modal, form_errors, secret_modal
from bot.app import FOREIGN_BUTTON
from bot.common.events import Who

if TYPE_CHECKING:
    from adapters.slack.bot import SlackBot

log = logging.getLogger(__name__)


class SlackForms:
    """The modals' listeners and their work: a form is checked by the core within Slack's 3 seconds."""

    def __init__(self, bot: SlackBot) -> None:
        self.bot = bot

    async def on_open_form(self, ack: Any, body: dict[str, Any]) -> None:
        team, _ = parse_user_key(interaction_who(body).key)
        await self.bot.work(self.bot.acked(ack, self.open_form(body["trigger_id"], team)))

    async def on_form(self, ack: Any, body: dict[str, Any], view: dict[str, Any]) -> None:
        await self.bot.work(self._form(ack, body, view))

    async def on_draft_form(self, ack: Any, body: dict[str, Any], view: dict[str, Any]) -> None:
        await self.bot.work(self._draft_form(ack, body, view))

    async def on_secret_click(self, ack: Any, body: dict[str, Any], action: dict[str, Any]) -> None:
        team, _ = parse_user_key(interaction_who(body).key)
        prompt = str((action.get("text") or {}).get("text") or "Your answer")
        await self.bot.work(self.bot.acked(ack, self._open_secret(body["trigger_id"], team, prompt)))

    async def on_secret(self, ack: Any, body: dict[str, Any], view: dict[str, Any]) -> None:
        # The modal closes at once; the core's answer (checking a mailbox takes seconds) comes in the DM.
        secret = secret_value((view.get("state") or {}).get("values") or {})
        await self.bot.work(
            self.bot.acked(
                ack, self.bot.turn(interaction_who(body), text=secret, private=True, delivery=trigger_key(body))
            )
        )

    async def _draft_form(self, ack: Any, body: dict[str, Any], view: dict[str, Any]) -> None:
        person = await self.bot.with_profile(interaction_who(body))
        follow_up_id, text = draft_submission(view)
        try:
            error, replies = (
                await self.bot.followup.save_draft(person, follow_up_id, text)
                if follow_up_id is not None
                else (FOREIGN_BUTTON, [])
            )
        except Exception:
            log.exception("slack: the core failed on a draft form", extra={"platform": "slack", "user": person.key})
            error, replies = SORRY, []
        if error:
            await ack(response_action="errors", errors={DRAFT_BLOCK: slack_commands(error)[:150]})
            return
        await ack()
        async with self.bot.lock(person.key):
            await self.bot.sender.execute(person.key, plan_replies(replies))

    async def _form(self, ack: Any, body: dict[str, Any], view: dict[str, Any]) -> None:
        # The core checks the form within Slack's 3 seconds, so that errors show on the form itself.
        person = await self.bot.with_profile(interaction_who(body))
        profile = self.bot.profiles.get(person.key, Profile())
        fields = form_fields((view.get("state") or {}).get("values") or {})
        try:
            errors, replies = await self.bot.followup.submit_form(person, fields, tz_hint=profile.tz)
        except Exception:
            log.exception("slack: the core failed on a form", extra={"platform": "slack", "user": person.key})
            await ack(response_action="errors", errors=form_errors({"company": SORRY}))
            return
        if errors:
            await ack(response_action="errors", errors=form_errors(errors))
            return
        await ack()
        async with self.bot.lock(person.key):
            await self.bot.sender.execute(person.key, plan_replies(replies))
        await self.bot.home.refresh(person.key)

    async def _open_secret(self, trigger_id: str, team: str, prompt: str) -> None:
        client = await self.bot.clients.get(team)
        await client.views_open(trigger_id=trigger_id, view=secret_modal(prompt))

    async def open_draft(self, person: Who, follow_up_id: int, trigger_id: str) -> bool:
        """Edit: the draft in a modal's multi-line input instead of the chat's numbered sentences (False:
        no such draft of this user's, and the tap goes to the core as it is)."""
        draft = await self.bot.followup.draft_to_edit(await self.bot.with_profile(person), follow_up_id)
        if draft is None:
            return False
        team, _ = parse_user_key(person.key)
        modal = draft_modal(follow_up_id, draft.subject, draft.body)
        await (await self.bot.clients.get(team)).views_open(trigger_id=trigger_id, view=modal)
        return True

    async def open_form(self, trigger_id: str, team: str) -> None:
        client = await self.bot.clients.get(team)
        await client.views_open(trigger_id=trigger_id, view=debrief_modal())
