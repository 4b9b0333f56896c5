"""The PTB handlers: every private update becomes a turn of the core, every reply a Bot API call."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from telegram import Message, Update
from telegram.error import Forbidden, TelegramError
from telegram.ext import (
    Application,
    ApplicationHandlerStop,
    CallbackQueryHandler,
    ChatMemberHandler,
    ContextTypes,
    MessageHandler,
    TypeHandler,
    filters,
)

from adapters.telegram.inbound import (
    group_needing_notice,
    incoming_from_update,
    membership_change,
    unreadable_incoming,
)
from adapters.telegram.keys import delivery_key, group_notice_key, user_key
from adapters.telegram.outbound import Call, group_notice, plan_replies
from adapters.telegram.sender import make_call
from bot.common.events import Incoming, Reply

if TYPE_CHECKING:
    from bot.app import Followup

log = logging.getLogger(__name__)

FAILED = "Sorry, something went wrong on my side. Please try that again in a moment."


SPLIT_AT = 4000  # a message this long may be the first part of a paste Telegram split at 4,096 characters
JOIN_WINDOW = 3.0  # seconds to wait for its continuation


class TelegramBot:
    """Connects a PTB Application to the core: every update becomes a turn, every reply a call."""

    def __init__(self, core: Followup, app: Application, *, join_window: float | None = None) -> None:
        self.core = core
        self.app = app
        self.join_window = JOIN_WINDOW if join_window is None else join_window
        # A long paste Telegram split in two: the first part, held until its continuation comes (or the window ends).
        self._held: dict[str, tuple[Incoming, Update, asyncio.Task[None]]] = {}

    def register(self) -> None:
        """Add this bot's handlers to the Application."""
        app = self.app
        app.add_handler(TypeHandler(Update, self._once), group=-1)
        app.add_handler(ChatMemberHandler(self._membership, ChatMemberHandler.MY_CHAT_MEMBER))
        app.add_handler(CallbackQueryHandler(self._tap))
        app.add_handler(MessageHandler(filters.ChatType.PRIVATE & filters.TEXT, self._text))
        app.add_handler(MessageHandler(filters.ChatType.PRIVATE & ~filters.StatusUpdate.ALL, self._unreadable))
        app.add_handler(MessageHandler(filters.ChatType.GROUPS, self._group))
        app.add_error_handler(self._error)

    async def _once(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        # Telegram redelivers an update after a crash or a slow webhook answer; act on it once.
        # Messages and taps carry their id in their event (Incoming.delivery), recorded inside their turn.
        if update.message is not None or update.callback_query is not None:
            return
        if not await self.core.first_time(delivery_key(update.update_id)):
            log.info("redelivered update ignored", extra={"platform": "telegram", "update_id": update.update_id})
            raise ApplicationHandlerStop

    async def _membership(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        if group_needing_notice(update) is not None:
            await self._group(update, context)
            return
        change = membership_change(update)
        if change is not None:
            key, active = change
            log.info("membership changed", extra={"platform": "telegram", "user": key, "active": active})
            await self.core.set_active(key, active)

    async def _group(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Added to a group, or addressed in one: say once (per group) that the bot works in a private chat."""
        chat_id = group_needing_notice(update)
        if chat_id is None or not await self.core.first_time(group_notice_key(chat_id)):
            return
        try:
            await make_call(self.app, group_notice(chat_id, self.app.bot.username))
        except TelegramError as exc:  # removed again, or not allowed to write there: nothing to repair
            log.info(
                "group notice not delivered",
                extra={"platform": "telegram", "chat": chat_id, "error": type(exc).__name__},
            )

    async def _turn(self, event: Incoming, update: Update) -> list[Reply] | None:
        """The core's replies, or None for an update handled before (a redelivery)."""
        try:
            replies = await self.core.handle(event)
            if replies is None:
                log.info("redelivered update ignored", extra={"platform": "telegram", "update_id": update.update_id})
            return replies
        except Exception:
            log.exception("core failed", extra={"platform": "telegram", "user": event.who.key})
            return [Reply(FAILED)]

    async def _text(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        event = incoming_from_update(update, self.app.bot.username)
        if event is None:
            return
        key = event.who.key
        held = self._held.pop(key, None)
        if held is not None:  # the rest of a long paste: one message, as the user typed it
            head, _, timer = held
            timer.cancel()
            glue = "" if head.text.endswith((" ", "\n")) or event.text.startswith((" ", "\n")) else " "
            event = replace(event, text=f"{head.text}{glue}{event.text}")
        elif len(event.text or "") >= SPLIT_AT and not event.text.startswith("/"):
            # Telegram's apps split a paste longer than 4,096 characters into several messages: wait a moment for
            # the continuation instead of refusing the first part and storing the second as the answer.
            timer = asyncio.create_task(self._release(key))
            self._held[key] = (event, update, timer)
            return
        await self._answer_text(event, update)

    async def _release(self, key: str) -> None:
        """No continuation came: the held message is answered on its own."""
        await asyncio.sleep(self.join_window)
        held = self._held.pop(key, None)
        if held is not None:
            event, update, _ = held
            await self._answer_text(event, update)

    async def _answer_text(self, event: Incoming, update: Update) -> None:
        replies = await self._turn(event, update)  # /start also marks a user who had blocked the bot active
        if replies is None:
            return
        typed = update.effective_message.message_id if update.effective_message else None
        await self._send(event.who.key, plan_replies(replies, update.effective_chat.id, typed_message_id=typed).calls)

    async def _unreadable(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        # A photo or a sticker: the core explains that it reads text, in the words fit for the moment.
        event = unreadable_incoming(update)
        if event is None:
            return
        replies = await self._turn(event, update)
        if replies is None:
            return
        await self._send(event.who.key, plan_replies(replies, update.effective_chat.id).calls)

    async def _tap(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        query = update.callback_query
        answered = False
        try:
            event = incoming_from_update(update, self.app.bot.username)
            replies = (await self._turn(event, update) if event is not None else []) or []
            tapped = query.message.message_id if isinstance(query.message, Message) else None
            chat_id = query.message.chat.id if query.message is not None else query.from_user.id
            plan = plan_replies(replies, chat_id, tapped)
            answered = True  # whatever happens next, never a second answer for this query
            await self._answer(query.answer(text=plan.toast))
            await self._send(user_key(query.from_user.id), plan.calls)
        finally:
            if not answered:
                await self._answer(query.answer())

    @staticmethod
    async def _answer(answering: Awaitable[bool]) -> None:
        try:
            await answering
        except TelegramError as exc:  # too late (over 15 s) or already answered: nothing to repair
            log.warning("callback answer failed", extra={"platform": "telegram", "error": type(exc).__name__})

    async def _send(self, key: str, calls: Sequence[Call]) -> None:
        try:
            for call in calls:
                await make_call(self.app, call)
        except Forbidden:
            log.info("user blocked the bot", extra={"platform": "telegram", "user": key})
            await self.core.set_active(key, False)
        except TelegramError:
            log.exception("reply not delivered", extra={"platform": "telegram", "user": key})

    async def _error(self, update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        log.error("update handling failed", exc_info=context.error)
