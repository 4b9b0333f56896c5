"""A local fake of the Telegram Bot API (aiohttp on 127.0.0.1) that records every call and plays the user."""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import os
import re
import sys
import time
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import aiohttp
from aiohttp import web

from adapters.telegram.pacing import TelegramPacer
from adapters.telegram.run import run
from bot.app import Followup
from bot.common.clock import Clock
from bot.service.config import Settings
from tests.support.processes import free_port

TOKEN = "123456:TEST-token_for-the-fake"
BOT_ID = 123456
BOT_USERNAME = "FollowupTestBot"
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
SECRET = "s3cret-Token_for-tests"  # the webhook secret of the bots under test
MESSAGE_METHODS = {"sendMessage", "sendDocument", "editMessageText", "editMessageReplyMarkup", "deleteMessage"}

_INT_FIELDS = {"chat_id", "message_id", "offset", "limit", "timeout", "max_connections", "cache_time"}
_JSON_FIELDS = {
    "reply_markup",
    "link_preview_options",
    "commands",
    "allowed_updates",
    "entities",
    "scope",
    "drop_pending_updates",
    "show_alert",
    "disable_notification",
    "protect_content",
}
_TAGS = "b|strong|i|em|u|ins|s|strike|del|span|tg-spoiler|a|code|pre|blockquote|tg-emoji"
_TAG = re.compile(rf"</?(?:{_TAGS})(?:\s[^<>]*)?>")
_ENTITY = re.compile(r"&(?:lt|gt|amp|quot|#\d+|#x[0-9a-fA-F]+);")
_SECRET = re.compile(r"^[A-Za-z0-9_-]{1,256}$")
_COMMAND = re.compile(r"^[a-z0-9_]{1,32}$")


class ApiError(Exception):
    def __init__(self, status: int, description: str, retry_after: int | None = None) -> None:
        super().__init__(description)
        self.status, self.description, self.retry_after = status, description, retry_after


@dataclass
class ApiCall:
    """One request the bot made, as the fake saw it."""

    method: str
    params: dict[str, Any]
    at: float  # time.monotonic() when the request came in
    status: int = 200
    done: float = 0.0  # ...and when the answer went out
    files: dict[str, tuple[str, bytes, str]] = field(default_factory=dict)  # field -> (name, bytes, mime)
    result: Any = None

    @property
    def chat_id(self) -> int | None:
        return self.params.get("chat_id")


@dataclass
class BotMessage:
    """A message the bot has in a chat, in its current (possibly edited) state."""

    chat_id: int
    message_id: int
    text: str = ""  # plain text, after HTML parsing
    reply_markup: dict[str, Any] | None = None
    document: tuple[str, bytes, str] | None = None
    edits: int = 0

    def buttons(self) -> list[tuple[str, str]]:
        rows = (self.reply_markup or {}).get("inline_keyboard", [])
        return [(b["text"], b.get("callback_data", "")) for row in rows for b in row]

    def as_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "message_id": self.message_id,
            "date": int(time.time()),
            "chat": {"id": self.chat_id, "type": "private", "first_name": "User"},
            "from": _bot_user(),
        }
        if self.document:
            name, content, mime = self.document
            data["document"] = {
                "file_id": f"doc{self.message_id}",
                "file_unique_id": f"u{self.message_id}",
                "file_name": name,
                "mime_type": mime,
                "file_size": len(content),
            }
        else:
            data["text"] = self.text
        if self.reply_markup:
            data["reply_markup"] = self.reply_markup
        return data


def _bot_user() -> dict[str, Any]:
    return {
        "id": BOT_ID,
        "is_bot": True,
        "first_name": "Followup",
        "username": BOT_USERNAME,
        "can_join_groups": False,
        "can_read_all_group_messages": False,
        "supports_inline_queries": False,
    }


class _Plain(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def html_to_plain(text: str) -> str:
    """What Telegram shows for an HTML-mode text; raises ApiError where Telegram would refuse it."""
    if "<" not in text and "&" not in text:
        return text  # no tags, no entities: the parser would give it back unchanged (and cost the bot's time)
    for match in re.finditer(r"[<&]", text):
        pattern = _TAG if match.group() == "<" else _ENTITY
        if not pattern.match(text, match.start()):
            raise ApiError(
                400, f"Bad Request: can't parse entities: unexpected {match.group()!r} at offset {match.start()}"
            )
    parser = _Plain()
    parser.feed(text)
    parser.close()
    return "".join(parser.parts)


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


class FakeTelegram:
    """The Bot API for one bot token, in memory. Use as `async with FakeTelegram() as tg:`."""

    def __init__(self, token: str = TOKEN, *, max_poll_wait: float = 1.0, latency: float = 0.0) -> None:
        self.token = token
        self.max_poll_wait = max_poll_wait  # caps getUpdates' long poll so tests stay quick
        self.latency = latency  # seconds added to every answer but getUpdates', like a real network
        self.calls: list[ApiCall] = []
        self.messages: dict[tuple[int, int], BotMessage] = {}
        self.deleted: list[tuple[int, int]] = []  # (chat, message) deleteMessage removed
        self.commands: list[dict[str, str]] = []
        self.command_scopes: dict[str, list[dict[str, str]]] = {}  # scope type -> its menu (setMyCommands)
        # (scope type, language code) -> the menu for users whose app is in that language
        self.command_languages: dict[tuple[str, str], list[dict[str, str]]] = {}
        self.groups: set[int] = set()  # group chats (negative ids) the bot is in
        self.webhook: dict[str, Any] = {}
        self.blocked: set[int] = set()
        self.webhook_posts: list[tuple[int, int]] = []  # (update_id, HTTP status)
        self._updates: list[dict[str, Any]] = []
        self._delivered: list[dict[str, Any]] = []  # every update handed over, for redelivery
        self._update_ids = itertools.count(1000)
        self._message_ids = itertools.count(1)
        self._query_ids = itertools.count(1)
        self._queries: dict[str, int] = {}  # callback query id -> times answered
        self._failures: list[dict[str, Any]] = []
        self._poll_generation = 0
        self._changed = asyncio.Condition()
        self._runner: web.AppRunner | None = None
        self._client: aiohttp.ClientSession | None = None
        self.port = 0

    # ---- lifecycle ----------------------------------------------------------------------------

    async def __aenter__(self) -> FakeTelegram:
        app = web.Application(client_max_size=60 * 1024 * 1024)
        app.router.add_post("/bot{token}/{method}", self._handle)
        app.router.add_get("/bot{token}/{method}", self._handle)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        self._client = aiohttp.ClientSession()
        return self

    async def __aexit__(self, *exc: object) -> None:
        if self._client:
            await self._client.close()
        if self._runner:
            await self._runner.cleanup()

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/bot"

    @property
    def base_file_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/file/bot"

    # ---- scripting ------------------------------------------------------------------------------

    def fail(
        self,
        method: str,
        status: int,
        *,
        chat_id: int | None = None,
        retry_after: int | None = None,
        times: int = 1,
        description: str | None = None,
    ) -> None:
        """Answer the next `times` calls of `method` (to `chat_id`, if given) with an error."""
        self._failures.append(
            {
                "method": method,
                "status": status,
                "chat_id": chat_id,
                "times": times,
                "retry_after": retry_after,
                "description": description,
            }
        )

    def user(self, user_id: int, first_name: str = "Ada", last_name: str | None = "Lovelace") -> FakeUser:
        return FakeUser(self, user_id, first_name, last_name)

    async def deliver(self, update: dict[str, Any]) -> int:
        """Hand an update to the bot the way Telegram would: to its webhook if one is set, else to getUpdates."""
        update.setdefault("update_id", next(self._update_ids))
        if self.webhook.get("url"):
            status = await self.post_webhook(update, secret=self.webhook.get("secret_token"))
            self.webhook_posts.append((update["update_id"], status))
        else:
            async with self._changed:
                self._updates.append(update)
                self._changed.notify_all()
        return update["update_id"]

    async def redeliver(self, update_id: int) -> None:
        """Serve an already confirmed update again (Telegram does after a crash or webhook timeout); returns
        once the bot has it (its webhook answered, or a poll fetched it)."""
        update = next(u for u in self._delivered if u["update_id"] == update_id)
        if self.webhook.get("url"):
            self.webhook_posts.append(
                (update_id, await self.post_webhook(update, secret=self.webhook.get("secret_token")))
            )
        else:
            again = dict(update, _force=True)
            async with self._changed:
                self._updates.append(again)
                self._changed.notify_all()
            await self.wait_for(lambda: "_force" not in again)  # the bot has fetched it again

    async def post_webhook(self, update: dict[str, Any], *, secret: str | None, url: str | None = None) -> int:
        """POST an update to the bot's webhook with `secret` in the header (None: no header); the status."""
        assert self._client is not None
        headers = {SECRET_HEADER: secret} if secret is not None else {}
        self._delivered.append(update)
        async with self._client.post(url or self.webhook["url"], json=update, headers=headers) as response:
            return response.status

    # ---- inspection -----------------------------------------------------------------------------

    def calls_to(self, method: str, chat_id: int | None = None) -> list[ApiCall]:
        return [c for c in self.calls if c.method == method and (chat_id is None or c.chat_id == chat_id)]

    def chat(self, chat_id: int) -> list[BotMessage]:
        """The bot's messages in a chat, oldest first, as they look now."""
        return sorted((m for (c, _), m in self.messages.items() if c == chat_id), key=lambda m: m.message_id)

    def answers(self) -> dict[str, int]:
        """How many times each callback query was answered."""
        return dict(self._queries)

    async def wait_for(self, predicate: Callable[[], Any], timeout: float = 10.0) -> Any:
        """Wait until `predicate()` is truthy (re-checked after every call); return its value."""
        async with asyncio.timeout(timeout):
            async with self._changed:
                while not (value := predicate()):
                    await self._changed.wait()
                return value

    def limit_violations(
        self, *, chat_burst: float = 3, chat_rate: float = 1.0, overall: float = 30, slack: float = 0.6
    ) -> list[str]:
        """Requests that broke the flood limits (leaky buckets) or came before a 429's retry_after."""
        problems: list[str] = []
        sends = [c for c in self.calls if c.method in MESSAGE_METHODS]
        buckets: dict[Any, tuple[float, float]] = {}
        for call in sends:
            for key, cap, rate in ((call.chat_id, chat_burst, chat_rate), ("*", overall, overall)):
                level, last = buckets.get(key, (0.0, call.at))
                level = max(0.0, level - (call.at - last) * rate) + 1
                buckets[key] = (level, call.at)
                if level > cap + slack:
                    problems.append(f"{call.method} to {key} at {call.at:.3f}: bucket {level:.2f} > {cap}")
        for call in self.calls:
            if call.status == 429 and call.chat_id is not None:
                # Nothing may reach that chat from the refused request on until retry_after after the
                # refusal: not even a request already on its way (the pacer allows one at a time).
                until = call.done + call.result
                early = [
                    c for c in self.calls if c is not call and c.chat_id == call.chat_id and call.at <= c.at < until
                ]
                problems += [f"{c.method} to {c.chat_id} {until - c.at:.2f}s before retry_after passed" for c in early]
        return problems

    # ---- the API --------------------------------------------------------------------------------

    async def _handle(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != self.token:
            return web.json_response({"ok": False, "error_code": 401, "description": "Unauthorized"}, status=401)
        method = request.match_info["method"]
        params, files = await self._params(request)
        if self.latency and method != "getUpdates":
            await asyncio.sleep(self.latency)
        call = ApiCall(method, params, time.monotonic(), files=files)
        try:
            self._inject_failure(method, params)
            handler = getattr(self, f"_api_{method}", None)
            if handler is None:
                raise ApiError(404, "Not Found")
            result = await handler(params, files)
        except ApiError as exc:
            call.status, call.result = exc.status, exc.retry_after
            body: dict[str, Any] = {"ok": False, "error_code": exc.status, "description": exc.description}
            if exc.retry_after is not None:
                body["parameters"] = {"retry_after": exc.retry_after}
            await self._record(call)
            return web.json_response(body, status=exc.status)
        call.result = result
        await self._record(call)
        return web.json_response({"ok": True, "result": result})

    async def _record(self, call: ApiCall) -> None:
        call.done = time.monotonic()
        async with self._changed:
            self.calls.append(call)
            self._changed.notify_all()

    @staticmethod
    async def _params(request: web.Request) -> tuple[dict[str, Any], dict[str, tuple[str, bytes, str]]]:
        params: dict[str, Any] = {}
        files: dict[str, tuple[str, bytes, str]] = {}
        if request.content_type == "application/json":
            raw = await request.json()
            return raw, files
        form = await request.post()
        for name, value in form.items():
            if isinstance(value, web.FileField):
                files[name] = (value.filename, value.file.read(), value.content_type)
            elif name in _INT_FIELDS:
                params[name] = int(value)
            elif name in _JSON_FIELDS:
                params[name] = json.loads(value)
            else:
                params[name] = value
        return params, files

    def _inject_failure(self, method: str, params: dict[str, Any]) -> None:
        chat_id = params.get("chat_id")
        if method in MESSAGE_METHODS and chat_id in self.blocked:
            raise ApiError(403, "Forbidden: bot was blocked by the user")
        for rule in self._failures:
            if rule["method"] == method and rule["chat_id"] in (None, chat_id) and rule["times"] > 0:
                rule["times"] -= 1
                status = rule["status"]
                default = {
                    429: f"Too Many Requests: retry after {rule['retry_after']}",
                    403: "Forbidden: bot was blocked by the user",
                    409: "Conflict",
                }.get(status, "Internal Server Error" if status >= 500 else "Bad Request")
                raise ApiError(status, rule["description"] or default, rule["retry_after"])

    async def _api_getMe(self, params: dict[str, Any], files: Any) -> dict[str, Any]:
        return _bot_user()

    async def _api_logOut(self, params: dict[str, Any], files: Any) -> bool:
        return True

    _api_close = _api_logOut

    async def _api_getUpdates(self, params: dict[str, Any], files: Any) -> list[dict[str, Any]]:
        if self.webhook.get("url"):
            raise ApiError(
                409,
                "Conflict: can't use getUpdates method while webhook is active; "
                "use deleteWebhook to delete the webhook first",
            )
        offset = params.get("offset", 0)
        limit = params.get("limit", 100)
        async with self._changed:
            self._poll_generation += 1
            generation = self._poll_generation
            self._changed.notify_all()  # a newer poll terminates an older one, as Telegram does
            # Confirming: every update below the offset is gone for good.
            self._updates = [u for u in self._updates if u["update_id"] >= offset or u.get("_force")]
            deadline = time.monotonic() + min(float(params.get("timeout", 0)), self.max_poll_wait)
            while True:
                if generation != self._poll_generation:
                    raise ApiError(
                        409,
                        "Conflict: terminated by other getUpdates request; make sure that only "
                        "one bot instance is running",
                    )
                if self._updates or time.monotonic() >= deadline:
                    break
                try:
                    async with asyncio.timeout(deadline - time.monotonic()):
                        await self._changed.wait()
                except TimeoutError:
                    break
            batch = self._updates[:limit]
            for update in batch:
                update.pop("_force", None)
            self._delivered.extend(batch)
        return batch

    async def _api_setWebhook(self, params: dict[str, Any], files: Any) -> bool:
        secret = params.get("secret_token")
        if secret is not None and not _SECRET.match(secret):
            raise ApiError(400, "Bad Request: secret token contains unallowed characters")
        if params.get("drop_pending_updates"):
            self._updates.clear()
        self.webhook = {
            "url": params.get("url", ""),
            "secret_token": secret,
            "allowed_updates": params.get("allowed_updates"),
        }
        return True

    async def _api_deleteWebhook(self, params: dict[str, Any], files: Any) -> bool:
        if params.get("drop_pending_updates"):
            self._updates.clear()
        self.webhook = {}
        return True

    async def _api_getWebhookInfo(self, params: dict[str, Any], files: Any) -> dict[str, Any]:
        return {
            "url": self.webhook.get("url", ""),
            "has_custom_certificate": False,
            "pending_update_count": len(self._updates),
        }

    async def _api_setMyCommands(self, params: dict[str, Any], files: Any) -> bool:
        commands = params.get("commands", [])
        for command in commands:
            if not _COMMAND.match(command.get("command", "")) or not 0 < len(command.get("description", "")) <= 256:
                raise ApiError(400, "Bad Request: BOT_COMMAND_INVALID")
        language = params.get("language_code") or ""
        if language and not re.fullmatch(r"[a-z]{2}", language):
            raise ApiError(400, "Bad Request: LANGUAGE_CODE_INVALID")  # Telegram: a two-letter ISO 639-1 code
        if language:
            self.command_languages[(self._scope(params), language)] = commands
            return True
        self.commands = commands
        self.command_scopes[self._scope(params)] = commands
        return True

    async def _api_deleteMyCommands(self, params: dict[str, Any], files: Any) -> bool:
        language = params.get("language_code") or ""
        if language:
            self.command_languages.pop((self._scope(params), language), None)
        else:
            self.command_scopes.pop(self._scope(params), None)
        return True

    @staticmethod
    def _scope(params: dict[str, Any]) -> str:
        scope = (params.get("scope") or {}).get("type", "default")
        if scope not in {"default", "all_private_chats", "all_group_chats", "all_chat_administrators"}:
            raise ApiError(400, "Bad Request: unsupported scope in this fake")
        return scope

    def menu_in(self, chat_type: str, language: str = "") -> list[dict[str, str]]:
        """The command menu a chat of this type shows to a user whose app is in `language` (Telegram looks for
        the scope with that language, then the scope without one, then the same for the default scope)."""
        specific = {"private": "all_private_chats", "group": "all_group_chats", "supergroup": "all_group_chats"}
        for scope in (specific[chat_type], "default"):
            if language and (scope, language) in self.command_languages:
                return self.command_languages[(scope, language)]
            if scope in self.command_scopes:
                return self.command_scopes[scope]
        return []

    def _check_markup(self, markup: dict[str, Any] | None) -> None:
        for row in (markup or {}).get("inline_keyboard", []):
            for button in row:
                if "url" in button and not re.match(r"^(https?|tg)://", button["url"]):
                    raise ApiError(400, "Bad Request: BUTTON_URL_INVALID")
                data = button.get("callback_data")
                if data is not None and not 0 < len(data.encode("utf-8")) <= 64:
                    raise ApiError(400, "Bad Request: BUTTON_DATA_INVALID")
                if not button.get("text"):
                    raise ApiError(400, "Bad Request: text buttons are unallowed in the inline keyboard")

    def _text(self, params: dict[str, Any]) -> str:
        raw = params.get("text", "")
        text = html_to_plain(raw) if params.get("parse_mode") == "HTML" else raw
        if not text.strip():
            raise ApiError(400, "Bad Request: message text is empty")
        if utf16_len(text) > 4096:
            raise ApiError(400, "Bad Request: message is too long")
        return text

    def _chat_id(self, params: dict[str, Any]) -> int:
        chat_id = params.get("chat_id")
        if not isinstance(chat_id, int) or (chat_id <= 0 and chat_id not in self.groups):
            raise ApiError(400, "Bad Request: chat not found")
        return chat_id

    async def _api_sendMessage(self, params: dict[str, Any], files: Any) -> dict[str, Any]:
        chat_id = self._chat_id(params)
        text = self._text(params)
        self._check_markup(params.get("reply_markup"))
        message = BotMessage(chat_id, next(self._message_ids), text, params.get("reply_markup"))
        self.messages[chat_id, message.message_id] = message
        return message.as_json()

    async def _api_sendDocument(self, params: dict[str, Any], files: dict[str, tuple[str, bytes, str]]) -> Any:
        chat_id = self._chat_id(params)
        if "document" not in files:
            raise ApiError(400, "Bad Request: there is no document in the request")
        self._check_markup(params.get("reply_markup"))
        message = BotMessage(
            chat_id,
            next(self._message_ids),
            html_to_plain(params.get("caption", "")),
            params.get("reply_markup"),
            document=files["document"],
        )
        self.messages[chat_id, message.message_id] = message
        return message.as_json()

    def _editable(self, params: dict[str, Any]) -> BotMessage:
        message = self.messages.get((self._chat_id(params), params.get("message_id", 0)))
        if message is None:
            raise ApiError(400, "Bad Request: message to edit not found")
        return message

    async def _api_editMessageText(self, params: dict[str, Any], files: Any) -> dict[str, Any]:
        message = self._editable(params)
        text = self._text(params)
        markup = params.get("reply_markup")
        self._check_markup(markup)
        if message.document:
            raise ApiError(400, "Bad Request: there is no text in the message to edit")
        if text == message.text and markup == message.reply_markup:
            raise ApiError(
                400,
                "Bad Request: message is not modified: specified new message content and reply "
                "markup are exactly the same as a current content and reply markup of the message",
            )
        message.text, message.reply_markup = text, markup
        message.edits += 1
        return message.as_json()

    async def _api_editMessageReplyMarkup(self, params: dict[str, Any], files: Any) -> dict[str, Any]:
        message = self._editable(params)
        markup = params.get("reply_markup")
        self._check_markup(markup)
        if markup == message.reply_markup:
            raise ApiError(400, "Bad Request: message is not modified")
        message.reply_markup = markup
        message.edits += 1
        return message.as_json()

    async def _api_answerCallbackQuery(self, params: dict[str, Any], files: Any) -> bool:
        query_id = params.get("callback_query_id", "")
        if len(params.get("text", "")) > 200:
            raise ApiError(400, "Bad Request: MESSAGE_TOO_LONG")
        if query_id not in self._queries:
            raise ApiError(400, "Bad Request: query is too old and response timeout expired or query ID is invalid")
        self._queries[query_id] += 1
        if self._queries[query_id] > 1:
            raise ApiError(400, "Bad Request: query is too old and response timeout expired or query ID is invalid")
        return True

    async def _api_deleteMessage(self, params: dict[str, Any], files: Any) -> bool:
        """Deletes a message in a private chat (recorded in `deleted`; the user's own messages are not kept
        here, and their ids are counted apart from the bot's, so the bot's messages stay as they are)."""
        chat_id = self._chat_id(params)
        message_id = params.get("message_id")
        if not isinstance(message_id, int) or message_id <= 0:
            raise ApiError(400, "Bad Request: message identifier is not specified")
        if (chat_id, message_id) in self.deleted:
            raise ApiError(400, "Bad Request: message to delete not found")
        self.deleted.append((chat_id, message_id))
        return True

    def new_query_id(self) -> str:
        query_id = f"q{next(self._query_ids)}"
        self._queries[query_id] = 0
        return query_id


class FakeUser:
    """A Telegram user in a private chat with the bot: says things, taps buttons, blocks the bot."""

    def __init__(self, tg: FakeTelegram, user_id: int, first_name: str, last_name: str | None) -> None:
        self.tg, self.id = tg, user_id
        self.user = {"id": user_id, "is_bot": False, "first_name": first_name, "language_code": "en"}
        if last_name:
            self.user["last_name"] = last_name
        self.chat = {"id": user_id, "type": "private", "first_name": first_name}
        self._mark = 0  # index into tg.calls: what came after our last action
        self._message_ids = itertools.count(1)

    def message_update(self, text: str) -> dict[str, Any]:
        self.last_message_id = next(self._message_ids)
        message: dict[str, Any] = {
            "message_id": self.last_message_id,
            "date": int(time.time()),
            "chat": self.chat,
            "from": self.user,
            "text": text,
        }
        if text.startswith("/"):
            message["entities"] = [{"type": "bot_command", "offset": 0, "length": len(text.split()[0])}]
        return {"message": message}

    async def says(self, text: str) -> int:
        self._mark = len(self.tg.calls)
        return await self.tg.deliver(self.message_update(text))

    async def says_in_group(self, group_id: int, text: str) -> int:
        """A message from this user in a group the bot is in (a supergroup's id is negative)."""
        self.tg.groups.add(group_id)
        self._mark = len(self.tg.calls)
        update = self.message_update(text)
        update["message"]["chat"] = {"id": group_id, "type": "supergroup", "title": "Job hunters"}
        return await self.tg.deliver(update)

    async def adds_bot_to_group(self, group_id: int) -> int:
        """This user adds the bot to a group: Telegram sends my_chat_member (left -> member)."""
        self.tg.groups.add(group_id)
        self._mark = len(self.tg.calls)
        update = self.membership_update("left", "member")
        update["my_chat_member"]["chat"] = {"id": group_id, "type": "supergroup", "title": "Job hunters"}
        return await self.tg.deliver(update)

    async def sends_photo(self) -> int:
        self._mark = len(self.tg.calls)
        update = self.message_update("")
        del update["message"]["text"]
        update["message"]["photo"] = [{"file_id": "p1", "file_unique_id": "p1u", "width": 1, "height": 1}]
        return await self.tg.deliver(update)

    def find_button(self, label: str, on: str | None = None) -> tuple[BotMessage, str] | None:
        """The newest button labelled `label` (on a message containing `on`, if given)."""
        for message in reversed(self.tg.chat(self.id)):
            if on is not None and on not in message.text:
                continue
            for text, data in message.buttons():
                if text == label:
                    return message, data
        return None

    async def taps(self, label: str, *, on: str | None = None, timeout: float = 10.0) -> str:
        """Tap the newest button labelled `label` (on a message containing `on`); the query id."""
        message, data = await self.tg.wait_for(lambda: self.find_button(label, on), timeout)
        return await self.taps_data(message, data)

    async def taps_data(self, message: BotMessage, data: str) -> str:
        self._mark = len(self.tg.calls)
        query_id = self.tg.new_query_id()
        await self.tg.deliver(
            {
                "callback_query": {
                    "id": query_id,
                    "from": self.user,
                    "message": message.as_json(),
                    "chat_instance": f"ci{self.id}",
                    "data": data,
                }
            }
        )
        return query_id

    async def blocks_bot(self) -> int:
        self.tg.blocked.add(self.id)
        return await self._membership("member", "kicked")

    async def unblocks_bot(self) -> int:
        self.tg.blocked.discard(self.id)
        return await self._membership("kicked", "member")

    async def _membership(self, old: str, new: str) -> int:
        return await self.tg.deliver(self.membership_update(old, new))

    def membership_update(self, old: str, new: str) -> dict[str, Any]:
        """A my_chat_member update: the bot's status in this private chat went from `old` to `new`."""

        def member(status: str) -> dict[str, Any]:
            return {"status": status, "user": _bot_user(), **({"until_date": 0} if status == "kicked" else {})}

        return {
            "my_chat_member": {
                "chat": self.chat,
                "from": self.user,
                "date": int(time.time()),
                "old_chat_member": member(old),
                "new_chat_member": member(new),
            }
        }

    def shown_since_mark(self) -> list[BotMessage]:
        """Messages sent or edited in this chat since our last action, as they look now."""
        ids = [
            c.result["message_id"]
            for c in self.tg.calls[self._mark :]
            if c.status == 200 and c.chat_id == self.id and isinstance(c.result, dict)
        ]
        return [self.tg.messages[self.id, i] for i in dict.fromkeys(ids)]

    async def expect(self, *fragments: str, timeout: float = 10.0) -> BotMessage:
        """Wait for a message (sent or edited since our last action) that contains every fragment."""

        def seen() -> BotMessage | None:
            for message in self.shown_since_mark():
                shown = message.text + (message.document[0] if message.document else "")
                if all(f.lower() in shown.lower() for f in fragments):
                    return message
            return None

        try:
            return await self.tg.wait_for(seen, timeout)
        except TimeoutError:
            texts = [m.text[:300] for m in self.shown_since_mark()]
            raise AssertionError(f"no message with {fragments!r}; the bot showed {texts!r}") from None


# ---- the real bot, run against the fake ------------------------------------------------------------


def fast_pacer() -> TelegramPacer:
    """Pacing loose enough for quick conversations in tests (the real limits have their own tests)."""
    return TelegramPacer(overall_per_second=500, chat_burst=50, chat_per_second=100, backoff=0.05)


@dataclass
class RunningBot:
    """`adapters.telegram.run.run` in a task, with the core it drives."""

    core: Followup
    settings: Settings
    task: asyncio.Task[None]

    async def stop(self) -> None:
        if self.task.done():
            return  # it stopped by itself; the test has looked at why
        self.task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await self.task


def bot_settings(tg: FakeTelegram, db_path: Path, **overrides: Any) -> Settings:
    values: dict[str, Any] = {
        "database_url": f"sqlite:///{db_path}",
        "telegram_bot_token": tg.token,
        "telegram_api_base_url": tg.base_url,
        "quiet_hours": "off",
        "data_dir": db_path.parent,
    }
    return Settings(**{**values, **overrides})


def webhook_settings(tg: FakeTelegram, tmp_path: Path, **overrides: Any) -> Settings:
    """Settings for a bot in webhook mode on a free local port, with the test secret."""
    port = free_port()
    values = {
        "telegram_webhook_url": f"http://127.0.0.1:{port}/tg/hook",
        "telegram_webhook_secret": SECRET,
        "host": "127.0.0.1",
        "port": port,
    }
    return bot_settings(tg, tmp_path / "t.sqlite3", **{**values, **overrides})


@contextlib.asynccontextmanager
async def running_bot(
    tg: FakeTelegram,
    settings: Settings,
    *,
    clock: Clock | None = None,
    pacer: TelegramPacer | None = None,
    core: Followup | None = None,
) -> AsyncIterator[RunningBot]:
    """Start the bot (polling, or webhook when the settings say so) and stop it afterwards.

    The core is made here with `clock` and handed to `run`, so its scheduler is not started:
    tests move the clock and call `core.dispatch_due()` themselves.
    """
    own = core is None
    core = core or await Followup.create(settings, clock=clock)
    ready = asyncio.Event()
    task = asyncio.create_task(run(settings, core=core, pacer=pacer or fast_pacer(), ready=ready))
    waiting = asyncio.create_task(ready.wait())
    await asyncio.wait({task, waiting}, timeout=20, return_when=asyncio.FIRST_COMPLETED)
    waiting.cancel()
    if task.done():
        task.result()  # raises what stopped it
    if not ready.is_set():
        task.cancel()
        raise TimeoutError("the bot did not start within 20 s")
    bot = RunningBot(core, settings, task)
    try:
        yield bot
    finally:
        await bot.stop()
        if own:
            await core.stop()


# ---- `followup-bot telegram` as a real process -------------------------------------------------

CLI = Path(sys.executable).with_name("followup-bot")


def environment(tg: FakeTelegram, tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "SLACK_", "FOLLOWUP_"))}
    env.update(
        TELEGRAM_BOT_TOKEN=tg.token,
        TELEGRAM_API_BASE_URL=tg.base_url,
        DATABASE_URL=f"sqlite:///{tmp_path / 'bot.sqlite3'}",
        FOLLOWUP_DATA_DIR=str(tmp_path),
        FOLLOWUP_QUIET_HOURS="off",
        **extra,
    )
    return env


async def start(env: dict[str, str], cwd: Path) -> asyncio.subprocess.Process:
    # cwd: a directory without a .env, so only the settings given here apply.
    return await asyncio.create_subprocess_exec(
        str(CLI), "telegram", env=env, cwd=cwd, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE
    )


async def finish(process: asyncio.subprocess.Process, timeout: float = 15) -> tuple[int, str]:
    _, stderr = await asyncio.wait_for(process.communicate(), timeout)
    return process.returncode, stderr.decode()
