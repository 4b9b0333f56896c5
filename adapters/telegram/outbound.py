"""Pure translation of the core's replies into Bot API calls (Reply -> a plan of calls)."""

from __future__ import annotations

import html
import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, InputFile, LinkPreviewOptions
from telegram.constants import ParseMode

from bot.common.events import MAX_ACTION_BYTES, Button, Reply

log = logging.getLogger(__name__)

# Telegram counts a message's length after entity parsing; UTF-16 code units are the strictest
# reading of "characters" (an emoji is two), so a chunk within this limit is accepted either way.
MAX_TEXT_UTF16 = 4096
MAX_TOAST_CHARS = 200  # answerCallbackQuery text
# A row of inline buttons is as wide as a phone screen: a few short labels, or one long one.
ROW_MAX_BUTTONS = 3
ROW_MAX_CHARS = 30
# Telegram refuses an empty or blank message; a reply that is only buttons still needs a text.
EMPTY_TEXT_WITH_BUTTONS = "\u2026"
GROUP_LINK_PAYLOAD = "group"  # what the button under the group notice opens the private chat with
GROUP_NOTICE = (
    "Hello! I coach one person at a time through the days after a job interview, and that happens in a "
    "private chat, so your notes and drafts stay yours. Tap the button below to talk to me there."
)
GROUP_BUTTON = "Open a private chat"


# ---- outbound: text --------------------------------------------------------------------------


def escape(text: str) -> str:
    """Escape plain text for parse_mode=HTML (Telegram knows &lt; &gt; &amp;; quotes are fine)."""
    return html.escape(text, quote=False)


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def split_text(text: str, limit: int = MAX_TEXT_UTF16) -> list[str]:
    """Split plain text into chunks of at most `limit` UTF-16 units, at paragraph boundaries.

    A paragraph that is too long on its own is split at line breaks, then at spaces, and only
    as a last resort inside a word. Joining the chunks with the separators they were cut at
    gives back the text (separators at a cut are dropped: Telegram trims them anyway).
    """
    if utf16_len(text) <= limit:
        return [text]
    return [chunk for chunk in _split(text, limit, ("\n\n", "\n", " ")) if chunk.strip()]


def _split(text: str, limit: int, separators: tuple[str, ...]) -> list[str]:
    if utf16_len(text) <= limit:
        return [text]
    if not separators:
        return _hard_split(text, limit)
    sep, rest = separators[0], separators[1:]
    chunks: list[str] = []
    current = ""
    for piece in text.split(sep):
        candidate = f"{current}{sep}{piece}" if current else piece
        if utf16_len(candidate) <= limit:
            current = candidate
            continue
        if current:
            chunks.append(current)
        if utf16_len(piece) <= limit:
            current = piece
        else:
            *full, current = _split(piece, limit, rest)
            chunks.extend(full)
    if current:
        chunks.append(current)
    return chunks


def _hard_split(text: str, limit: int) -> list[str]:
    chunks: list[str] = []
    current: list[str] = []
    size = 0
    for char in text:  # code points, so a surrogate pair is never cut
        width = utf16_len(char)
        if size + width > limit:
            chunks.append("".join(current))
            current, size = [], 0
        current.append(char)
        size += width
    chunks.append("".join(current))
    return chunks


# ---- outbound: buttons -----------------------------------------------------------------------


def action_fits(action: str) -> bool:
    """Telegram's callback_data is 1-64 bytes of UTF-8."""
    return 0 < len(action.encode("utf-8")) <= MAX_ACTION_BYTES


def keyboard(buttons: Sequence[Button]) -> InlineKeyboardMarkup | None:
    """An inline keyboard for `buttons`; a button whose action does not fit is left out (and logged)."""
    fitting = []
    for button in buttons:
        if action_fits(button.action):
            fitting.append(button)
        else:
            log.error(
                "button dropped: callback_data must be 1-64 bytes",
                extra={"platform": "telegram", "action_bytes": len(button.action.encode())},
            )
    if not fitting:
        return None
    return InlineKeyboardMarkup(
        [
            [InlineKeyboardButton(b.label.strip() or EMPTY_TEXT_WITH_BUTTONS, callback_data=b.action) for b in row]
            for row in keyboard_rows(fitting)
        ]
    )


def keyboard_rows(buttons: Sequence[Button]) -> list[list[Button]]:
    """Pack buttons into rows: up to three short labels side by side, a long one alone."""
    rows: list[list[Button]] = []
    width = 0
    for button in buttons:
        size = len(button.label) + 4  # a little padding per button
        if rows and len(rows[-1]) < ROW_MAX_BUTTONS and width + size <= ROW_MAX_CHARS:
            rows[-1].append(button)
            width += size
        else:
            rows.append([button])
            width = size
    return rows


# ---- outbound: whole replies -----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Call:
    """One Bot API call to make: a `telegram.Bot` method name and its keyword arguments."""

    method: str
    kwargs: dict[str, Any]


@dataclass(slots=True)
class Plan:
    """What to do for a turn's replies: the toast for the tapped button, then the calls, in order."""

    toast: str | None = None
    calls: list[Call] = field(default_factory=list)


def _text_kwargs(text: str) -> dict[str, Any]:
    return {
        "text": escape(text),
        "parse_mode": ParseMode.HTML,
        "link_preview_options": LinkPreviewOptions(is_disabled=True),
    }


def document(chat_id: int, filename: str, content: bytes, mime_type: str) -> Call:
    upload = InputFile(content, filename=filename)
    upload.mimetype = mime_type  # the core knows better than a guess from the extension
    return Call("send_document", {"chat_id": chat_id, "document": upload})


def plan_replies(
    replies: Iterable[Reply],
    chat_id: int,
    tapped_message_id: int | None = None,
    typed_message_id: int | None = None,
) -> Plan:
    """Turn the core's replies into Bot API calls.

    `tapped_message_id` is the message whose button was tapped (None for typed text and for
    reminders): a `replace` reply edits it, and the first short `notice` becomes the toast
    that answers the tap. Anything that cannot be shown that way is sent as a message.
    `typed_message_id` is the user's message being answered: deleted first when a reply says it
    carried a secret (`erase_input`, a mailbox password).
    """
    replies = list(replies)
    plan = Plan()
    if typed_message_id is not None and any(r.erase_input for r in replies):
        plan.calls.append(Call("delete_message", {"chat_id": chat_id, "message_id": typed_message_id}))
    editable = tapped_message_id
    for reply in replies:
        if (
            reply.notice
            and tapped_message_id is not None
            and plan.toast is None
            and 0 < len(reply.text) <= MAX_TOAST_CHARS
            and not reply.buttons
            and not reply.files
        ):
            plan.toast = reply.text
            continue
        markup = keyboard(reply.buttons)
        text = reply.text if reply.text.strip() else (EMPTY_TEXT_WITH_BUTTONS if markup else "")
        chunks = split_text(text) if text else []
        for index, chunk in enumerate(chunks):
            last = index == len(chunks) - 1
            kwargs = _text_kwargs(chunk)
            if reply.replace and editable is not None and index == 0:
                # An edit without reply_markup removes the old keyboard, which is what we want
                # when the new state has no buttons or they follow in a later chunk.
                if last and markup is not None:
                    kwargs["reply_markup"] = markup
                plan.calls.append(Call("edit_message_text", {"chat_id": chat_id, "message_id": editable, **kwargs}))
                editable = None  # one message is replaced, once
                continue
            if last and markup is not None:
                kwargs["reply_markup"] = markup
            plan.calls.append(Call("send_message", {"chat_id": chat_id, **kwargs}))
        if reply.replace and editable is not None and not chunks:
            # Nothing to show in its place: at least take the stale buttons away.
            plan.calls.append(
                Call("edit_message_reply_markup", {"chat_id": chat_id, "message_id": editable, "reply_markup": None})
            )
            editable = None
        plan.calls.extend(document(chat_id, f.filename, f.content, f.mime_type) for f in reply.files)
    return plan


# ---- the group notice ------------------------------------------------------------------------


def private_chat_url(bot_username: str, payload: str = GROUP_LINK_PAYLOAD) -> str:
    return f"https://t.me/{bot_username}?start={payload}"


def group_notice(chat_id: int, bot_username: str) -> Call:
    """The one message the bot says in a group: it works in a private chat, and a button that opens it."""
    button = InlineKeyboardButton(GROUP_BUTTON, url=private_chat_url(bot_username))
    return Call(
        "send_message",
        {"chat_id": chat_id, **_text_kwargs(GROUP_NOTICE), "reply_markup": InlineKeyboardMarkup([[button]])},
    )
