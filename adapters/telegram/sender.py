"""Making the planned Bot API calls, and the Sender the reminder dispatcher delivers through."""

from __future__ import annotations

import logging
from collections.abc import Sequence

from telegram.error import BadRequest, Forbidden, RetryAfter, TelegramError
from telegram.ext import Application

from adapters.telegram.keys import chat_id_from_key
from adapters.telegram.outbound import Call, plan_replies
from adapters.telegram.pacing import retry_after_seconds
from bot.common.events import DeliveryError, Reply, UserUnreachable

log = logging.getLogger(__name__)


async def make_call(app: Application, call: Call) -> None:
    """Make one planned Bot API call; an edit that cannot be made falls back to a new message.

    The Application's rate limiter (adapters.telegram.pacing) paces it and retries what is worth retrying.
    """
    try:
        await getattr(app.bot, call.method)(**call.kwargs)
    except BadRequest as exc:
        if call.method == "delete_message":  # already gone, or too old to delete: say so in the log only
            log.warning(
                "delete failed",
                extra={"platform": "telegram", "message_id": call.kwargs.get("message_id"), "error": exc.message},
            )
            return
        if not call.method.startswith("edit_"):
            raise
        if "not modified" in exc.message:
            return  # it already shows this
        log.warning(
            "edit failed",
            extra={"platform": "telegram", "message_id": call.kwargs.get("message_id"), "error": exc.message},
        )
        if call.method == "edit_message_text":
            kwargs = {k: v for k, v in call.kwargs.items() if k != "message_id"}
            await app.bot.send_message(**kwargs)


class TelegramSender:
    """The core's outbound port on Telegram: delivers reminders to a user's private chat."""

    platform = "telegram"
    # Seconds a chat rests per reminder before another process may write to it (bot.followups.dispatch leases
    # chats across processes): Telegram's sustained rate of about one message a second per chat.
    chat_interval = 1.0
    # Reminders a second for the whole deployment (Telegram allows a bot about 30 messages a second).
    global_rate = 30.0

    def __init__(self, app: Application) -> None:
        self._app = app

    async def deliver(self, user_key: str, replies: Sequence[Reply]) -> None:
        """Send `replies`; return once Telegram accepted them all, else raise DeliveryError."""
        plan = plan_replies(replies, chat_id_from_key(user_key))
        try:
            for call in plan.calls:
                await make_call(self._app, call)
        except Forbidden as exc:
            raise UserUnreachable(f"{user_key}: {exc.message}") from exc
        except RetryAfter as exc:
            raise DeliveryError(f"{user_key}: flood limit", retry_after=retry_after_seconds(exc)) from exc
        except BadRequest as exc:
            if "chat not found" in exc.message.lower() or "user is deactivated" in exc.message.lower():
                raise UserUnreachable(f"{user_key}: {exc.message}") from exc
            raise DeliveryError(f"{user_key}: {exc.message}") from exc
        except TelegramError as exc:
            raise DeliveryError(f"{user_key}: {exc.message}") from exc
