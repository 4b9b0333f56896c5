"""Pure translation of Slack payloads (events, slash commands, clicks, form submissions) into the core's events."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from adapters.slack.keys import PLATFORM, event_delivery, interaction_delivery, user_id
from adapters.slack.outbound import Origin
from adapters.slack.views import DRAFT_BLOCK, FORM_ACTION_ID, PRIVATE_BLOCK
from bot.common.events import Who

COMMAND = "/followup"
# `/followup form` opens the debrief form instead of asking the core anything.
FORM_SUBCOMMANDS = frozenset({"form", "modal"})

# Slack's markup in message text: <@U1>, <#C1|name>, <!here>, <mailto:a@b.c|a@b.c>, <https://x|x>.
_MARKUP = re.compile(r"<([^<>]*)>")
# Message subtypes a person typed; edits, joins and bot posts are not answers. A file shared with text typed
# beside it ("file_share") is that text; a file alone gets the core's "I can only read text".
_TYPED_SUBTYPES = frozenset({None, "thread_broadcast", "file_share"})


def _markup_to_text(match: re.Match[str]) -> str:
    target, _, label = match.group(1).partition("|")
    if target.startswith("@"):
        return f"@{label or target[1:]}"
    if target.startswith("#"):
        return f"#{label or target[1:]}"
    if target.startswith("!"):
        if label:
            return label
        name = target[1:].split("^", 1)[0]
        return f"@{name}"
    return label or target


def plain_text(slack_text: str) -> str:
    """What the user typed, from Slack's message text: links, mentions and escapes undone.

    Slack turns a typed email into `<mailto:ada@example.com|ada@example.com>` and `<` into `&lt;`;
    the core wants the characters the user saw.
    """
    text = _MARKUP.sub(_markup_to_text, slack_text)
    # Slack escapes exactly these three; `&amp;` last, so a typed "&lt;" stays "&lt;".
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def command_text(text: str) -> str:
    """A `/followup` command's text as the core's command: `new` -> `/new`, `` -> `/help`."""
    words = plain_text(text or "").strip().split(maxsplit=1)
    if not words:
        return "/help"
    head = words[0].lower().lstrip("/")
    rest = f" {words[1]}" if len(words) > 1 else ""
    return f"/{head}{rest}"


def is_form_command(text: str) -> bool:
    words = (text or "").strip().split()
    return bool(words) and words[0].lower().lstrip("/") in FORM_SUBCOMMANDS


def who(team_id: str, user: str, name: str = "") -> Who:
    return Who(PLATFORM, user_id(team_id, user), name)


@dataclass(frozen=True, slots=True)
class DirectMessage:
    """A message a person typed to the bot in its DM."""

    team_id: str
    user_id: str
    channel: str
    text: str


def direct_message(body: Mapping[str, Any]) -> DirectMessage | None:
    """The DM a person typed, from an Events API body; None for anything else (edits, bots, channels)."""
    event = body.get("event") or {}
    if event.get("type") != "message" or event.get("channel_type") != "im":
        return None
    if event.get("subtype") not in _TYPED_SUBTYPES or event.get("bot_id") or not event.get("user"):
        return None
    team = event.get("user_team") or event.get("team") or body.get("team_id") or ""
    return DirectMessage(
        team_id=team,
        user_id=event["user"],
        channel=event.get("channel", ""),
        text=plain_text(event.get("text") or ""),
    )


def event_key(body: Mapping[str, Any]) -> str:
    """The key under which an event is handled once, however often Slack redelivers it."""
    event = body.get("event") or {}
    return event_delivery(str(body.get("event_id") or event.get("event_ts") or event.get("ts")))


def trigger_key(body: Mapping[str, Any]) -> str | None:
    """The key under which a click, a slash command or a form submission is handled once (its trigger_id,
    which Slack makes for each interaction); None when the payload has none."""
    trigger = body.get("trigger_id")
    return interaction_delivery(str(trigger)) if trigger else None


def interaction_who(body: Mapping[str, Any]) -> Who:
    """Who clicked a button or submitted a form (block_actions, view_submission)."""
    user = body.get("user") or {}
    team = user.get("team_id") or (body.get("team") or {}).get("id") or ""
    return who(team, user["id"], user.get("name") or user.get("username") or "")


def command_who(body: Mapping[str, Any]) -> Who:
    return who(body.get("team_id") or "", body["user_id"], body.get("user_name") or "")


def click_origin(body: Mapping[str, Any]) -> Origin:
    container = body.get("container") or {}
    channel = container.get("channel_id") or (body.get("channel") or {}).get("id") or ""
    ts = container.get("message_ts") or (body.get("message") or {}).get("ts") or ""
    return Origin(
        channel=channel,
        ts=ts,
        ephemeral=bool(container.get("is_ephemeral")),
        in_view=container.get("type") == "view",
    )


@dataclass(frozen=True, slots=True)
class Profile:
    """What users.info tells us about a person on first contact."""

    name: str = ""
    tz: str | None = None


def profile_name(user: Mapping[str, Any]) -> str:
    """A users.info user's name as people see it."""
    profile = user.get("profile") or {}
    return profile.get("display_name") or profile.get("real_name") or user.get("real_name") or user.get("name") or ""


# ---- form submissions (view_submission) ------------------------------------------------------


def form_fields(state_values: Mapping[str, Mapping[str, Mapping[str, Any]]]) -> dict[str, str]:
    """The submitted form (view.state.values) as the core's fields: every field, '' when left empty."""
    fields: dict[str, str] = {}
    for block_id, actions in state_values.items():
        element = actions.get(FORM_ACTION_ID) or {}
        if element.get("type") in ("radio_buttons", "static_select"):
            option = element.get("selected_option") or {}
            fields[block_id] = str(option.get("value") or "")
        else:
            fields[block_id] = str(element.get("value") or "")
    return fields


def draft_submission(view: Mapping[str, Any]) -> tuple[int | None, str]:
    """The follow-up id and the text of a submitted draft modal (None when the metadata is not an id)."""
    metadata = str(view.get("private_metadata") or "")
    values = ((view.get("state") or {}).get("values") or {}).get(DRAFT_BLOCK) or {}
    text = str((values.get(FORM_ACTION_ID) or {}).get("value") or "")
    return (int(metadata) if metadata.isdigit() and len(metadata) < 10 else None), text


def secret_value(state_values: Mapping[str, Mapping[str, Mapping[str, Any]]]) -> str:
    return str(((state_values.get(PRIVATE_BLOCK) or {}).get(FORM_ACTION_ID) or {}).get("value") or "")


def form_of(action: Mapping[str, Any]) -> tuple[str, int] | None:
    """The form a clicked button opens (("draft", follow-up id)), from the action_id outbound gave it."""
    parts = str(action.get("action_id") or "").split(":")
    if len(parts) == 4 and parts[2] and parts[3].isdigit():
        return parts[2], int(parts[3])
    return None
