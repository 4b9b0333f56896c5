"""Pure translation of Telegram updates into the core's events (Update -> Incoming)."""

from __future__ import annotations

from telegram import CallbackQuery, ChatMember, Update, User
from telegram.constants import ChatType

from adapters.telegram.keys import PLATFORM, delivery_key, user_key
from bot.common.events import Incoming, Who

UPDATE_TYPES = ("message", "callback_query", "my_chat_member")
# t.me/<bot>?start=<payload> links: Telegram sends `/start <payload>`; these payloads stand for a command.
DEEP_LINKS = {"new": "/new", "upcoming": "/upcoming"}
_GROUPS = {ChatType.GROUP, ChatType.SUPERGROUP}


def who_from_user(user: User) -> Who:
    return Who(platform=PLATFORM, user_id=str(user.id), name=user.full_name)


def strip_bot_mention(text: str, bot_username: str | None) -> str:
    """`/new@FollowupBot args` -> `/new args`; commands for other bots are left alone."""
    if not text.startswith("/") or not bot_username:
        return text
    command, space, rest = text.partition(" ")
    name, at, target = command.partition("@")
    if at and target.lower() == bot_username.lower():
        return name + space + rest
    return text


def incoming_from_update(update: Update, bot_username: str | None = None) -> Incoming | None:
    """The core event for an update, or None when it is not for the core.

    Only private chats reach the core: the bot talks to one job seeker at a time. A tap with no
    callback_data (a game button) is not for the core either. The event carries the update's id,
    so that a redelivered update is handled once.
    """
    delivery = delivery_key(update.update_id)
    query = update.callback_query
    if query is not None:
        if query.data is None or not _in_private_chat(query):
            return None
        return Incoming(who=who_from_user(query.from_user), action=query.data, delivery=delivery)
    message = update.message
    if message is None or message.chat.type != ChatType.PRIVATE or message.from_user is None:
        return None
    if message.text is None:
        return None
    text = deep_link_command(strip_bot_mention(message.text, bot_username))
    return Incoming(who=who_from_user(message.from_user), text=text, delivery=delivery)


def unreadable_incoming(update: Update) -> Incoming | None:
    """A private message the core cannot read (a photo, a sticker) as an event with no text, else None."""
    if not is_unreadable_message(update):
        return None
    return Incoming(who=who_from_user(update.effective_user), text="", delivery=delivery_key(update.update_id))


def deep_link_command(text: str) -> str:
    """`/start new` (from a t.me/<bot>?start=new link) as `/new`; any other payload is a plain `/start`."""
    command, _, payload = text.strip().partition(" ")
    if command != "/start" or not payload.strip():
        return text
    return DEEP_LINKS.get(payload.strip().lower(), "/start")


def group_needing_notice(update: Update) -> int | None:
    """The id of a group the bot was added to or addressed in (it works in private chats only), else None."""
    change = update.my_chat_member
    if change is not None:
        joined = change.new_chat_member.status in {ChatMember.MEMBER, ChatMember.ADMINISTRATOR}
        return change.chat.id if joined and change.chat.type in _GROUPS else None
    message = update.message
    if message is not None and message.chat.type in _GROUPS and not message.new_chat_members:
        return message.chat.id
    return None


def is_unreadable_message(update: Update) -> bool:
    """A private message the core cannot read (a photo, a sticker, a voice note)."""
    message = update.message
    return (
        message is not None
        and message.chat.type == ChatType.PRIVATE
        and message.from_user is not None
        and message.text is None
    )


def _in_private_chat(query: CallbackQuery) -> bool:
    # An inaccessible (very old) message still names its chat.
    return query.message is None or query.message.chat.type == ChatType.PRIVATE


def membership_change(update: Update) -> tuple[str, bool] | None:
    """`(user_key, active)` when a user blocked (kicked) or unblocked the bot in their private chat."""
    change = update.my_chat_member
    if change is None or change.chat.type != ChatType.PRIVATE:
        return None
    status = change.new_chat_member.status
    if status == ChatMember.BANNED:  # "kicked": the user blocked the bot
        return user_key(change.chat.id), False
    if status == ChatMember.MEMBER:
        return user_key(change.chat.id), True
    return None
