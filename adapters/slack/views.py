"""The views the adapter shows besides messages: the App Home tab and its modals (debrief form, draft, secret)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from adapters.slack.outbound import actions_blocks, button_element, section, slack_commands, split_text, truncate
from bot.app import DEBRIEF_FORM_FIELDS
from bot.common.events import Reply

MAX_HOME_BLOCKS = 100
# Buttons the adapter itself adds (App Home): start a chat debrief, open the debrief form.
HOME_NEW_ACTION = "followup-home-new"
OPEN_FORM_ACTION = "followup-open-form"
# The modal a button with a private prompt opens (see outbound.PRIVATE_ACTION_PREFIX).
PRIVATE_CALLBACK = "followup_private"
PRIVATE_BLOCK = "private"


def home_view(overview: Iterable[Reply], *, max_blocks: int = MAX_HOME_BLOCKS) -> dict[str, Any]:
    """The App Home tab: ways to start a debrief, then the user's interviews as the core lists them."""
    blocks: list[dict[str, Any]] = [
        {"type": "header", "text": {"type": "plain_text", "text": "Your interviews"}},
        section("Debrief an interview you just had, by chat or with one form."),
        {
            "type": "actions",
            "block_id": "home-start",
            "elements": [
                button_element("Debrief by chat", "/new", HOME_NEW_ACTION),
                button_element("Debrief with a form", "form", OPEN_FORM_ACTION),
            ],
        },
        {"type": "divider"},
    ]
    replies = list(overview)
    n_buttons = 0
    for shown, reply in enumerate(replies):
        part = [section(piece) for piece in split_text(slack_commands(reply.text))]
        part += actions_blocks(reply.buttons, first_index=n_buttons, block_prefix="home-b")
        # Keep one block free to say what did not fit.
        if len(blocks) + len(part) > max_blocks - 1:
            more = len(replies) - shown
            blocks.append(
                {
                    "type": "context",
                    "elements": [{"type": "mrkdwn", "text": f"{more} more not shown here; type /followup interviews."}],
                }
            )
            break
        blocks += part
        n_buttons += len(reply.buttons)
    if not replies:
        blocks.append(section("Nothing yet: once you debrief an interview, its follow-ups show up here."))
    return {"type": "home", "blocks": blocks}


# The debrief form ----------------------------------------------------------------------------------

DEBRIEF_CALLBACK = "followup_debrief"
FORM_ACTION_ID = "value"
MAX_FIELD_CHARS = 2000

# (field, label, hint, multiline, optional): the core's one field table decides them, as it does for the chat.
FORM_FIELDS = DEBRIEF_FORM_FIELDS
ASSESSMENTS = (("well", "It went well"), ("mixed", "Mixed"), ("rough", "Rough"))


def _input_block(field: str, label: str, hint: str, multiline: bool, optional: bool, initial: str) -> dict:
    element: dict[str, Any] = {
        "type": "plain_text_input",
        "action_id": FORM_ACTION_ID,
        "multiline": multiline,
        "max_length": MAX_FIELD_CHARS,
        "placeholder": {"type": "plain_text", "text": truncate(hint, 150)},
    }
    if initial:
        element["initial_value"] = initial[:MAX_FIELD_CHARS]
    return {
        "type": "input",
        "block_id": field,
        "optional": optional,
        "label": {"type": "plain_text", "text": label},
        "element": element,
    }


def debrief_modal(initial: Mapping[str, str] | None = None, *, private_metadata: str = "") -> dict[str, Any]:
    """The debrief as one form (views.open); block ids are the core's field names."""
    initial = initial or {}
    blocks = [
        _input_block(field, label, hint, multiline, optional, initial.get(field, ""))
        for field, label, hint, multiline, optional in FORM_FIELDS
    ]
    options = [{"text": {"type": "plain_text", "text": text}, "value": value} for value, text in ASSESSMENTS]
    assessment: dict[str, Any] = {
        "type": "input",
        "block_id": "assessment",
        "label": {"type": "plain_text", "text": "Honestly, how did it go?"},
        "element": {"type": "radio_buttons", "action_id": FORM_ACTION_ID, "options": options},
    }
    chosen = [o for o in options if o["value"] == initial.get("assessment")]
    if chosen:
        assessment["element"]["initial_option"] = chosen[0]
    # After "why me", before the clarification it may call for.
    blocks.insert(7, assessment)
    return {
        "type": "modal",
        "callback_id": DEBRIEF_CALLBACK,
        "private_metadata": private_metadata,
        "title": {"type": "plain_text", "text": "Debrief an interview"},
        "submit": {"type": "plain_text", "text": "Save and draft"},
        "close": {"type": "plain_text", "text": "Cancel"},
        "blocks": blocks,
    }


def form_errors(errors: Mapping[str, str]) -> dict[str, str]:
    """The core's errors by field as a view_submission `errors` response, keyed by block id.

    An error about something that is not a block of the form is shown on the first block, so
    the user sees it instead of a form that silently refuses to close.
    """
    known = {f[0] for f in FORM_FIELDS} | {"assessment"}
    shown: dict[str, str] = {}
    for field, message in errors.items():
        block = field if field in known else FORM_FIELDS[0][0]
        message = slack_commands(message)
        shown[block] = truncate(f"{shown[block]} {message}" if block in shown else message, 150)
    return shown


# ---- editing a draft in a modal -------------------------------------------------------------------

DRAFT_CALLBACK = "followup-draft-edit"
DRAFT_BLOCK = "body"
MAX_DRAFT_CHARS = 3000  # plain_text_input's limit


def draft_modal(follow_up_id: int, subject: str, body: str) -> dict[str, Any]:
    """A draft's text in a multi-line input (views.open); the follow-up's id rides in private_metadata."""
    return {
        "type": "modal",
        "callback_id": DRAFT_CALLBACK,
        "private_metadata": str(follow_up_id),
        "title": {"type": "plain_text", "text": "Edit the draft"},
        "submit": {"type": "plain_text", "text": "Save"},
        "close": {"type": "plain_text", "text": "Cancel"},
        "blocks": [
            section(f"Subject: {subject}"),
            {
                "type": "input",
                "block_id": DRAFT_BLOCK,
                "label": {"type": "plain_text", "text": "The email"},
                "element": {
                    "type": "plain_text_input",
                    "action_id": FORM_ACTION_ID,
                    "multiline": True,
                    "max_length": MAX_DRAFT_CHARS,
                    "initial_value": body[:MAX_DRAFT_CHARS],
                },
            },
        ],
    }


def secret_modal(prompt: str) -> dict[str, Any]:
    """A modal asking for one secret (views.open from a button with a private prompt)."""
    return {
        "type": "modal",
        "callback_id": PRIVATE_CALLBACK,
        "title": {"type": "plain_text", "text": "Private answer"},
        "submit": {"type": "plain_text", "text": "Send privately"},
        "close": {"type": "plain_text", "text": "Cancel"},
        "blocks": [
            {
                "type": "input",
                "block_id": PRIVATE_BLOCK,
                "label": {"type": "plain_text", "text": truncate(prompt, 2000)},
                "hint": {"type": "plain_text", "text": "It goes to the bot only; it won't appear in the chat."},
                "element": {"type": "plain_text_input", "action_id": FORM_ACTION_ID, "max_length": 500},
            }
        ],
    }
