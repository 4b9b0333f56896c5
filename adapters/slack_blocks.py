"""Pure translation from the core's replies to Slack: mrkdwn escaping, splitting, Block Kit and views."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from bot.events import Button, Reply
from bot.flows import COMMANDS

log = logging.getLogger(__name__)

# Block Kit limits (https://docs.slack.dev/reference/block-kit/blocks).
MAX_MESSAGE_BLOCKS = 50
MAX_HOME_BLOCKS = 100
MAX_SECTION_CHARS = 3000
MAX_BUTTON_LABEL = 75
MAX_BUTTON_VALUE = 2000
MAX_ACTIONS_ELEMENTS = 25
# chat.postMessage's `text` is the notification and screen-reader fallback when blocks are given.
MAX_FALLBACK_CHARS = 3000

# Buttons that carry a core action use this action_id prefix; the listener matches on it.
ACTION_PREFIX = "followup:"
# Buttons the adapter itself adds (App Home): start a chat debrief, open the debrief form.
HOME_NEW_ACTION = "followup-home-new"
OPEN_FORM_ACTION = "followup-open-form"
# A core button with a private prompt (a mailbox password) opens a modal instead of reaching the core;
# what is typed there reaches the core as a message, and never shows in the DM.
PRIVATE_ACTION_PREFIX = "followup-private:"
PRIVATE_CALLBACK = "followup_private"
PRIVATE_BLOCK = "private"

Message = dict[str, Any]

# The core's commands. Slack keeps a typed "/new" for itself, so the adapter shows every mention
# of one as "/followup new", which Slack routes to the bot as a slash command.
CORE_COMMANDS = tuple(command.name for command in COMMANDS)
_COMMAND_MENTION = re.compile(r"(?<![\w/.:@-])/(" + "|".join(CORE_COMMANDS) + r")\b(?![/\w-])")


def slack_commands(text: str) -> str:
    """Rewrite the core's `/new`-style command mentions as Slack's `/followup new`."""
    return _COMMAND_MENTION.sub(r"/followup \1", text)


def escape_mrkdwn(text: str) -> str:
    """Escape the three characters Slack's mrkdwn treats as control characters."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _escaped_len(text: str) -> int:
    return len(text) + 4 * text.count("&") + 3 * (text.count("<") + text.count(">"))


def _fitting_prefix(text: str, limit: int) -> int:
    """The number of characters of `text` whose escaped form fits in `limit`."""
    used = 0
    for i, char in enumerate(text):
        used += 5 if char == "&" else 4 if char in "<>" else 1
        if used > limit:
            return i
    return len(text)


def split_text(text: str, limit: int = MAX_SECTION_CHARS) -> list[str]:
    """Split plain `text` into pieces whose mrkdwn-escaped form fits in `limit` characters.

    Breaks at a paragraph, then a line, then a space, in the second half of the window; only a
    single word longer than the window is cut. No character is lost except the whitespace at a break.
    """
    if limit < 10:
        raise ValueError("limit too small to split sensibly")
    if not text.strip():
        return []
    pieces: list[str] = []
    rest = text
    while _escaped_len(rest) > limit:
        cut = _fitting_prefix(rest, limit)
        window = rest[:cut]
        for sep in ("\n\n", "\n", " "):
            at = window.rfind(sep)
            if at >= cut // 2:
                pieces.append(rest[:at])
                rest = rest[at + len(sep) :]
                break
        else:
            pieces.append(window)
            rest = rest[cut:]
    pieces.append(rest)
    return [p for p in pieces if p.strip()]


def _truncate(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def section(text: str) -> dict[str, Any]:
    """A mrkdwn section for plain text that already fits (see split_text)."""
    return {"type": "section", "text": {"type": "mrkdwn", "text": escape_mrkdwn(text), "verbatim": True}}


def button_element(label: str, value: str, action_id: str) -> dict[str, Any]:
    return {
        "type": "button",
        "text": {"type": "plain_text", "text": _truncate(label.strip() or "…", MAX_BUTTON_LABEL), "emoji": True},
        "value": value,
        "action_id": action_id,
    }


def actions_blocks(buttons: Sequence[Button], *, first_index: int = 0, block_prefix: str = "b") -> list[dict]:
    """Actions blocks (at most 25 buttons each) for the core's buttons; oversized values are dropped."""
    elements = []
    for n, button in enumerate(buttons, start=first_index):
        if len(button.action) > MAX_BUTTON_VALUE:
            # The core keeps actions to 64 bytes; a longer one is a bug there, and a cut one would be garbled.
            log.error("dropping button %r: its action is longer than Slack allows", button.label)
            continue
        prefix = PRIVATE_ACTION_PREFIX if button.private_prompt else ACTION_PREFIX
        elements.append(button_element(button.label, button.action, f"{prefix}{n}"))
    return [
        {"type": "actions", "block_id": f"{block_prefix}{first_index + i}", "elements": elements[i : i + 25]}
        for i in range(0, len(elements), MAX_ACTIONS_ELEMENTS)
    ]


def _fallback(text: str) -> str:
    return escape_mrkdwn(_truncate(text.strip(), MAX_FALLBACK_CHARS // 5)) or " "


def reply_messages(reply: Reply, max_blocks: int = MAX_MESSAGE_BLOCKS) -> list[Message]:
    """The chat.postMessage/chat.update arguments (text, blocks) that show one reply.

    A reply longer than one message allows (50 sections of 3,000 characters) becomes several
    messages; its buttons go on the last one, so they stay under the text they answer.
    """
    text = slack_commands(reply.text)
    sections = [section(piece) for piece in split_text(text)]
    actions = actions_blocks(reply.buttons)
    if not sections and not actions:
        return []
    messages: list[Message] = []
    room = max_blocks - len(actions)
    while len(sections) > room:
        chunk, sections = sections[:max_blocks], sections[max_blocks:]
        messages.append({"blocks": chunk})
    messages.append({"blocks": sections + actions})
    for message in messages:
        texts = [b["text"]["text"] for b in message["blocks"] if b["type"] == "section"]
        message["text"] = _truncate(texts[0], MAX_FALLBACK_CHARS) if texts else _fallback(text)
    return messages


def notice_text(reply: Reply) -> str:
    """The escaped text of a short notice (an ephemeral message carries no buttons)."""
    return escape_mrkdwn(_truncate(slack_commands(reply.text), 3000))


# App Home ------------------------------------------------------------------------------------------


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

# (field, label, hint, multiline, optional): the names are the core's submit_form fields.
FORM_FIELDS: tuple[tuple[str, str, str, bool, bool], ...] = (
    ("company", "Company", "Acme", False, False),
    ("role", "Role", "Backend engineer", False, False),
    ("when", "When was the interview?", "just now, today 14:00, yesterday at 3pm", False, False),
    ("people", "Who interviewed you?", "One per line: Name, role, email[, phone]", True, False),
    ("open_questions", "Ideas and questions still open", "What you would still like to ask", True, True),
    ("challenges", "The challenges of the job", "What they need solved", True, False),
    ("why_me", "Why you are up to them", "Your experience that fits", True, False),
    ("clarification", "Anything you would like to clarify", "One line, if it went less well", False, True),
    ("next_steps", "Next steps they told you", "A second round, a take-home, ...", True, True),
    ("decision", "When do they expect to decide?", "next Friday, in two weeks, not sure", False, True),
    ("my_promises", "What you promised to send, and by when", "writing samples by Monday", True, True),
    ("their_promises", "What they promised you, and by when", "the team's roadmap this week", True, True),
)
ASSESSMENTS = (("well", "It went well"), ("mixed", "Mixed"), ("rough", "Rough"))


def _input_block(field: str, label: str, hint: str, multiline: bool, optional: bool, initial: str) -> dict:
    element: dict[str, Any] = {
        "type": "plain_text_input",
        "action_id": FORM_ACTION_ID,
        "multiline": multiline,
        "max_length": MAX_FIELD_CHARS,
        "placeholder": {"type": "plain_text", "text": _truncate(hint, 150)},
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
        shown[block] = _truncate(f"{shown[block]} {message}" if block in shown else message, 150)
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
                "label": {"type": "plain_text", "text": _truncate(prompt, 2000)},
                "hint": {"type": "plain_text", "text": "It goes to the bot only; it won't appear in the chat."},
                "element": {"type": "plain_text_input", "action_id": FORM_ACTION_ID, "max_length": 500},
            }
        ],
    }


def draft_submission(view: Mapping[str, Any]) -> tuple[int | None, str]:
    """The follow-up id and the text of a submitted draft modal (None when the metadata is not an id)."""
    metadata = str(view.get("private_metadata") or "")
    values = ((view.get("state") or {}).get("values") or {}).get(DRAFT_BLOCK) or {}
    text = str((values.get(FORM_ACTION_ID) or {}).get("value") or "")
    return (int(metadata) if metadata.isdigit() and len(metadata) < 10 else None), text


def secret_value(state_values: Mapping[str, Mapping[str, Mapping[str, Any]]]) -> str:
    return str(((state_values.get(PRIVATE_BLOCK) or {}).get(FORM_ACTION_ID) or {}).get("value") or "")
