"""Telegram's keys, in one place: a user's key (`telegram:<user id>`) and a delivery's key."""

from __future__ import annotations

import re

PLATFORM = "telegram"
_ID = re.compile(r"-?[0-9]+")


def user_key(user_id: int | str) -> str:
    """The key of the user (and of their private chat, whose id is the user's id)."""
    return f"{PLATFORM}:{user_id}"


def chat_id_from_key(key: str) -> int:
    """The private chat id of a `telegram:<id>` user key; ValueError for any other key."""
    platform, _, ident = key.partition(":")
    if platform != PLATFORM or not _ID.fullmatch(ident):
        raise ValueError(f"{key!r} is not a Telegram user key")
    return int(ident)


def delivery_key(update_id: int) -> str:
    """The key under which an update is handled once, however often Telegram delivers it."""
    return f"{PLATFORM}:update:{update_id}"


def group_notice_key(chat_id: int) -> str:
    """The key under which a group gets the bot's one notice."""
    return f"{PLATFORM}:group-notice:{chat_id}"
