"""Pure translation of the core's replies into Slack calls: mrkdwn, Block Kit messages, and the plan of a turn."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from bot.app import command_names
from bot.common.events import Attachment, Button, Reply

log = logging.getLogger(__name__)

# Block Kit limits (https://docs.slack.dev/reference/block-kit/blocks).
MAX_MESSAGE_BLOCKS = 50
MAX_SECTION_CHARS = 3000
MAX_BUTTON_LABEL = 75
MAX_BUTTON_VALUE = 2000
MAX_ACTIONS_ELEMENTS = 25
# chat.postMessage's `text` is the notification and screen-reader fallback when blocks are given.
MAX_FALLBACK_CHARS = 3000

# Buttons that carry a core action use this action_id prefix; the listener matches on it.
ACTION_PREFIX = "followup:"
# A core button with a private prompt (a mailbox password) opens a modal instead of reaching the core;
# what is typed there reaches the core as a message, and never shows in the DM.
PRIVATE_ACTION_PREFIX = "followup-private:"
# What the user is told when the core failed on their message, click or form.
SORRY = "Sorry, something went wrong on my side. Please try that again in a moment."

Message = dict[str, Any]


@dataclass(frozen=True, slots=True)
class Origin:
    """Where a click happened, so a `replace` reply can update that very message."""

    channel: str = ""
    ts: str = ""
    ephemeral: bool = False
    in_view: bool = False  # App Home or a modal: there is no message to update


# The core's commands. Slack keeps a typed "/new" for itself, so the adapter shows every mention
# of one as "/followup new", which Slack routes to the bot as a slash command.
CORE_COMMANDS = command_names()
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


def truncate(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def section(text: str) -> dict[str, Any]:
    """A mrkdwn section for plain text that already fits (see split_text)."""
    return {"type": "section", "text": {"type": "mrkdwn", "text": escape_mrkdwn(text), "verbatim": True}}


def button_element(label: str, value: str, action_id: str) -> dict[str, Any]:
    return {
        "type": "button",
        "text": {"type": "plain_text", "text": truncate(label.strip() or "…", MAX_BUTTON_LABEL), "emoji": True},
        "value": value,
        "action_id": action_id,
    }


def actions_blocks(buttons: Sequence[Button], *, first_index: int = 0, block_prefix: str = "b") -> list[dict]:
    """Actions blocks (at most 25 buttons each) for the core's buttons; oversized values are dropped."""
    elements = []
    for n, button in enumerate(buttons, start=first_index):
        if len(button.action) > MAX_BUTTON_VALUE:
            # The core keeps actions to 64 bytes; a longer one is a bug there, and a cut one would be garbled.
            log.error(
                "dropping a button: its action is longer than Slack allows",
                extra={"platform": "slack", "action_bytes": len(button.action.encode())},
            )
            continue
        prefix = PRIVATE_ACTION_PREFIX if button.private_prompt else ACTION_PREFIX
        # A button that opens a form (a draft to edit) says which in its action_id: the click opens the modal.
        form = f":{button.opens_form}:{button.form_ref}" if button.opens_form and button.form_ref is not None else ""
        elements.append(button_element(button.label, button.action, f"{prefix}{n}{form}"))
    return [
        {"type": "actions", "block_id": f"{block_prefix}{first_index + i}", "elements": elements[i : i + 25]}
        for i in range(0, len(elements), MAX_ACTIONS_ELEMENTS)
    ]


def _fallback(text: str) -> str:
    return escape_mrkdwn(truncate(text.strip(), MAX_FALLBACK_CHARS // 5)) or " "


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
        message["text"] = truncate(texts[0], MAX_FALLBACK_CHARS) if texts else _fallback(text)
    return messages


def notice_text(reply: Reply) -> str:
    """The escaped text of a short notice (an ephemeral message carries no buttons)."""
    return escape_mrkdwn(truncate(slack_commands(reply.text), 3000))


# ---- the plan of a turn's replies ------------------------------------------------------------------

POST, UPDATE, NOTICE = "post", "update", "notice"


@dataclass(frozen=True, slots=True)
class Step:
    """One thing to do in Slack for a reply.

    `post`: `messages` (chat.postMessage arguments) then `files` in `channel`; `update`: the first
    message replaces the clicked message `ts` in `channel` (chat.update), the rest is posted after it;
    `notice`: `text` shown to the user only (chat.postEphemeral). A `channel` of None is the user's DM.
    """

    kind: str
    channel: str | None = None
    messages: tuple[Message, ...] = ()
    files: tuple[Attachment, ...] = ()
    ts: str = ""
    text: str = ""
    reply: Reply | None = field(default=None, compare=False)  # what an update falls back to posting


def post_step(reply: Reply, channel: str | None = None) -> Step:
    return Step(POST, channel, tuple(reply_messages(reply)), reply.files, reply=reply)


def plan_replies(replies: Iterable[Reply], origin: Origin | None = None) -> list[Step]:
    """Where each of a turn's replies goes: notices privately, `replace` on the clicked message, the rest in the DM.

    `origin` is where the click happened (None or empty for typed messages, forms and reminders).
    Only the first `replace` takes the clicked message's place; more would overwrite it.
    """
    origin = origin or Origin()
    can_replace = bool(origin.channel and origin.ts and not origin.ephemeral and not origin.in_view)
    steps: list[Step] = []
    for reply in replies:
        if reply.notice:
            channel = origin.channel if origin.channel and not origin.in_view else None
            steps.append(Step(NOTICE, channel, text=notice_text(reply), reply=reply))
        elif reply.replace and can_replace:
            can_replace = False
            messages = tuple(reply_messages(reply))
            steps.append(Step(UPDATE, origin.channel, messages, reply.files, ts=origin.ts, reply=reply))
        else:
            steps.append(post_step(reply))
    return steps
