"""A local fake of Slack: the Web API methods the bot calls, response URLs, and a Socket Mode WebSocket."""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import hmac
import itertools
import json
import re
import time
import uuid
from collections import defaultdict, deque
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlencode

import aiohttp
from aiohttp import web
from sqlalchemy import func, select

from adapters.slack.bot import SlackBot
from adapters.slack.run import start_http
from bot.app import Followup
from bot.common.clock import FakeClock
from bot.service.config import Settings

BOT_USER = "UBOT"
TEAM = "T1"
SECRET = "test-signing-secret"
START = datetime(2026, 3, 10, 11, 0, tzinfo=UTC)  # a Tuesday; 12:00 in Berlin


def settings_for(fake: FakeSlack, tmp_path: Any, **overrides: Any) -> Settings:
    """Settings for a bot on the fake Slack: HTTP mode, a temporary SQLite file, no quiet hours."""
    return Settings(
        _env_file=None,
        database_url=f"sqlite:///{tmp_path}/t.sqlite3",
        FOLLOWUP_DATA_DIR=tmp_path,
        slack_bot_token="xoxb-test",
        slack_signing_secret=SECRET,
        slack_api_url=fake.api_url,
        FOLLOWUP_QUIET_HOURS="off",
        **overrides,
    )


@dataclass
class Call:
    """One Web API call as the fake received it."""

    method: str
    args: dict[str, Any]
    token: str
    at: float = field(default_factory=time.monotonic)


@dataclass
class Posted:
    """A message as it stands in a channel (chat.update changes it in place)."""

    channel: str
    ts: str
    text: str
    blocks: list[dict[str, Any]]
    updates: int = 0

    @property
    def buttons(self) -> list[dict[str, Any]]:
        return [e for b in self.blocks if b.get("type") == "actions" for e in b.get("elements", [])]

    @property
    def labels(self) -> list[str]:
        return [b["text"]["text"] for b in self.buttons]

    @property
    def section_text(self) -> str:
        return "\n".join(b["text"]["text"] for b in self.blocks if b.get("type") == "section")

    def button(self, label: str) -> dict[str, Any]:
        for element in self.buttons:
            if element["text"]["text"].lower().startswith(label.lower()):
                return element
        for element in self.buttons:
            if label.casefold() in element["text"]["text"].casefold():
                return element
        raise AssertionError(f"no button {label!r} on {self.labels}")


def block_kit_problems(blocks: Any, *, max_blocks: int = 50) -> list[str]:
    """What Slack would refuse in these blocks (the limits the adapter must respect)."""
    if not isinstance(blocks, list):
        return ["blocks is not a list"]
    problems = []
    if len(blocks) > max_blocks:
        problems.append(f"{len(blocks)} blocks > {max_blocks}")
    action_ids: set[str] = set()
    block_ids: set[str] = set()
    for block in blocks:
        if block.get("block_id"):
            if block["block_id"] in block_ids:
                problems.append(f"duplicate block_id {block['block_id']}")
            block_ids.add(block["block_id"])
        if block.get("type") == "section":
            text = block.get("text", {}).get("text", "")
            if not 0 < len(text) <= 3000:
                problems.append(f"section text of {len(text)} characters")
        if block.get("type") == "actions":
            elements = block.get("elements", [])
            if not 0 < len(elements) <= 25:
                problems.append(f"actions block with {len(elements)} elements")
            for element in elements:
                label = element.get("text", {}).get("text", "")
                if not 0 < len(label) <= 75:
                    problems.append(f"button label of {len(label)} characters")
                if len(element.get("value", "")) > 2000:
                    problems.append("button value over 2000 characters")
                if element.get("action_id") in action_ids:
                    problems.append(f"duplicate action_id {element.get('action_id')}")
                action_ids.add(element.get("action_id"))
    return problems


class FakeSlack:
    """Records every call; answers like Slack; fails on demand (429 with Retry-After, 5xx)."""

    def __init__(self, *, users: dict[str, dict[str, Any]] | None = None) -> None:
        self.users: dict[str, dict[str, Any]] = users or {
            "U1": {
                "id": "U1",
                "name": "ada",
                "tz": "Europe/Berlin",
                "real_name": "Ada Lovelace",
                "profile": {"display_name": "Ada"},
            },
        }
        self.calls: list[Call] = []
        self.channels: dict[str, list[Posted]] = defaultdict(list)
        self.ephemeral: list[dict[str, Any]] = []
        self.homes: dict[str, dict[str, Any]] = {}
        self.modals: list[dict[str, Any]] = []
        self.responses: list[dict[str, Any]] = []  # posts to response_url
        self.uploads: dict[str, bytes] = {}
        self.upload_names: dict[str, str] = {}
        self.errors: list[tuple[str, dict[str, Any]]] = []  # refusals the fake made on its own
        self.tokens: dict[str, str] = {"xoxb-test": TEAM}  # bot token -> its workspace
        self.oauth_codes: dict[str, tuple[str, str]] = {}  # OAuth code -> (workspace, bot token)
        self._failures: dict[str, deque[tuple[int, dict[str, str], dict[str, Any]]]] = defaultdict(deque)
        self._drops: dict[str, deque[bool]] = defaultdict(deque)  # True: done, then the reply cut off
        self._ts = itertools.count(1)
        self._changed = asyncio.Condition()
        self._runner: web.AppRunner | None = None
        self.port = 0
        # Socket Mode
        self.socket: web.WebSocketResponse | None = None
        self.socket_connected = asyncio.Event()
        self.acks: dict[str, asyncio.Future[dict[str, Any]]] = {}
        self.connections_opened = 0

    # Lifecycle -----------------------------------------------------------------------------------

    async def start(self) -> FakeSlack:
        app = web.Application()
        app.router.add_route("*", "/api/{method}", self._api)
        app.router.add_post("/upload/{file_id}", self._upload)
        app.router.add_post("/respond/{token}", self._respond)
        app.router.add_get("/socket", self._socket)
        self._runner = web.AppRunner(app)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = self._runner.addresses[0][1]
        return self

    async def stop(self) -> None:
        if self.socket is not None and not self.socket.closed:
            await self.socket.close()
        if self._runner is not None:
            await self._runner.cleanup()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def api_url(self) -> str:
        return f"{self.url}/api/"

    def response_url(self) -> str:
        return f"{self.url}/respond/{uuid.uuid4().hex}"

    # Test controls -------------------------------------------------------------------------------

    def fail(
        self, method: str, status: int = 429, *, retry_after: int = 1, times: int = 1, error: str | None = None
    ) -> None:
        """Make the next `times` calls of `method` fail (429 with Retry-After, 5xx, or an error code)."""
        headers = {"Retry-After": str(retry_after)} if status == 429 else {}
        code = error or {429: "ratelimited"}.get(status, "internal_error")
        for _ in range(times):
            self._failures[method].append((status, headers, {"ok": False, "error": code}))

    def drop(self, method: str, *, times: int = 1, processed: bool = True) -> None:
        """Drop the connection of the next `times` calls of `method` in the middle of the reply.

        With `processed`, the call took effect first (Slack posted the message, then the answer was
        lost on its way); without, the connection is reset before anything happened.
        """
        self._drops[method].extend([processed] * times)

    async def _cut_off(self, request: web.Request, answer: dict[str, Any]) -> web.StreamResponse:
        """Start a 200 answer, send half its body, and close the connection."""
        body = json.dumps(answer).encode()
        response = web.StreamResponse(status=200, headers={"Content-Type": "application/json"})
        response.content_length = len(body)
        await response.prepare(request)
        await response.write(body[: len(body) // 2])
        assert request.transport is not None
        request.transport.close()
        return response

    def called(self, method: str) -> list[Call]:
        return [c for c in self.calls if c.method == method]

    def messages(self, channel: str) -> list[Posted]:
        return list(self.channels[channel])

    def last(self, channel: str) -> Posted:
        return self.channels[channel][-1]

    async def wait_until(self, predicate: Any, timeout: float = 10.0) -> None:
        """Wait until `predicate()` holds, woken by every call the fake receives."""
        async with self._changed:
            await asyncio.wait_for(self._changed.wait_for(predicate), timeout)

    async def _notify(self) -> None:
        async with self._changed:
            self._changed.notify_all()

    # Web API -------------------------------------------------------------------------------------

    async def _args(self, request: web.Request) -> dict[str, Any]:
        args: dict[str, Any] = dict(request.query)
        if request.content_type == "application/json":
            args.update(await request.json())
        elif request.content_type in ("application/x-www-form-urlencoded", "multipart/form-data"):
            form = await request.post()
            args.update({k: v for k, v in form.items() if isinstance(v, str)})
        for key in ("blocks", "view", "files", "users"):
            value = args.get(key)
            if isinstance(value, str) and value[:1] in "[{":
                args[key] = json.loads(value)
        return args

    async def _api(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        args = await self._args(request)
        token = request.headers.get("Authorization", "").removeprefix("Bearer ")
        self.calls.append(Call(method, args, token))
        try:
            if self._failures[method]:
                status, headers, body = self._failures[method].popleft()
                return web.json_response(body, status=status, headers=headers)
            dropped = self._drops[method].popleft() if self._drops[method] else None
            if dropped is False:
                assert request.transport is not None
                request.transport.abort()  # reset before anything happened
                return web.Response(status=500)
            handler = getattr(self, "_" + method.replace(".", "_"), None)
            if handler is None:
                return web.json_response({"ok": False, "error": "unknown_method"})
            answer = handler(args, token)
            if dropped:
                return await self._cut_off(request, answer)
            if not answer.get("ok"):
                self.errors.append((method, answer))
            return web.json_response(answer)
        finally:
            await self._notify()

    def _ts_next(self) -> str:
        return f"{1700000000 + next(self._ts)}.000100"

    def _auth_test(self, args: dict, token: str) -> dict:
        token = args.get("token") or token
        if token not in self.tokens:
            return {"ok": False, "error": "invalid_auth"}
        return {
            "ok": True,
            "url": "https://fake.slack.com/",
            "team": "Fake",
            "user": "followup",
            "team_id": self.tokens[token],
            "user_id": BOT_USER,
            "bot_id": "BBOT",
            "is_enterprise_install": False,
        }

    def _oauth_v2_access(self, args: dict, token: str) -> dict:
        if args.get("code") not in self.oauth_codes:
            return {"ok": False, "error": "invalid_code"}
        team, bot_token = self.oauth_codes.pop(args["code"])
        self.tokens[bot_token] = team
        return {
            "ok": True, "app_id": "A1", "authed_user": {"id": "U5"}, "token_type": "bot",
            "scope": "chat:write,commands,files:write,im:history,im:write,users:read",
            "access_token": bot_token, "bot_user_id": "UBOT2", "team": {"id": team, "name": "Other"},
            "enterprise": None, "is_enterprise_install": False,
        }  # fmt: skip

    def _users_info(self, args: dict, token: str) -> dict:
        user = self.users.get(args.get("user", ""))
        return {"ok": True, "user": user} if user else {"ok": False, "error": "user_not_found"}

    def _conversations_open(self, args: dict, token: str) -> dict:
        users = args.get("users", "")
        users = users if isinstance(users, str) else ",".join(users)
        if users not in self.users or self.users[users].get("deleted"):
            return {"ok": False, "error": "user_not_found" if users not in self.users else "user_disabled"}
        return {"ok": True, "channel": {"id": f"D{users}"}}

    def _message(self, args: dict) -> tuple[str, list[dict]] | dict:
        blocks = args.get("blocks") or []
        problems = block_kit_problems(blocks)
        if problems:
            return {"ok": False, "error": "invalid_blocks", "errors": problems}
        text = args.get("text") or ""
        if not text and not blocks:
            return {"ok": False, "error": "no_text"}
        return text, blocks

    def _chat_postMessage(self, args: dict, token: str) -> dict:
        channel = args.get("channel", "")
        if not channel.startswith(("D", "C")):
            return {"ok": False, "error": "channel_not_found"}
        checked = self._message(args)
        if isinstance(checked, dict):
            return checked
        text, blocks = checked
        ts = self._ts_next()
        self.channels[channel].append(Posted(channel, ts, text, blocks))
        return {"ok": True, "channel": channel, "ts": ts, "message": {"text": text, "blocks": blocks}}

    def _chat_update(self, args: dict, token: str) -> dict:
        channel, ts = args.get("channel", ""), args.get("ts", "")
        for posted in self.channels.get(channel, []):
            if posted.ts == ts:
                checked = self._message(args)
                if isinstance(checked, dict):
                    return checked
                posted.text, posted.blocks = checked
                posted.updates += 1
                return {"ok": True, "channel": channel, "ts": ts}
        return {"ok": False, "error": "message_not_found"}

    def _chat_postEphemeral(self, args: dict, token: str) -> dict:
        if not args.get("user") or not args.get("channel"):
            return {"ok": False, "error": "invalid_arguments"}
        self.ephemeral.append(args)
        return {"ok": True, "message_ts": self._ts_next()}

    def _views_open(self, args: dict, token: str) -> dict:
        view = args.get("view") or {}
        if not args.get("trigger_id"):
            return {"ok": False, "error": "invalid_trigger_id"}
        problems = block_kit_problems(view.get("blocks"), max_blocks=100)
        if problems or len(view.get("title", {}).get("text", "")) > 24:
            return {"ok": False, "error": "invalid_arguments", "errors": problems}
        self.modals.append(view)
        return {"ok": True, "view": {**view, "id": f"V{len(self.modals)}"}}

    def _views_publish(self, args: dict, token: str) -> dict:
        view = args.get("view") or {}
        problems = block_kit_problems(view.get("blocks"), max_blocks=100)
        if problems:
            return {"ok": False, "error": "invalid_arguments", "errors": problems}
        self.homes[args.get("user_id", "")] = view
        return {"ok": True, "view": {**view, "id": "VHOME"}}

    @property
    def uploaded(self) -> dict[str, tuple[str, bytes]]:
        """Every uploaded file: id -> (filename, content)."""
        return {fid: (self.upload_names.get(fid, ""), content) for fid, content in self.uploads.items()}

    def _apps_connections_open(self, args: dict, token: str) -> dict:
        if not token.startswith("xapp-"):
            return {"ok": False, "error": "not_allowed_token_type"}
        self.connections_opened += 1
        return {"ok": True, "url": f"ws://127.0.0.1:{self.port}/socket"}

    def _files_getUploadURLExternal(self, args: dict, token: str) -> dict:
        file_id = f"F{len(self.uploads) + 1}"
        self.uploads[file_id] = b""
        self.upload_names[file_id] = args.get("filename") or ""
        return {
            "ok": True,
            "upload_url": f"{self.url}/upload/{file_id}",
            "file_id": file_id,
            "filename": args.get("filename"),
        }

    def _files_completeUploadExternal(self, args: dict, token: str) -> dict:
        files = args.get("files") or []
        return {
            "ok": True,
            "files": [{"id": f["id"], "title": f.get("title"), "channel": args.get("channel_id")} for f in files],
        }

    async def _upload(self, request: web.Request) -> web.Response:
        file_id = request.match_info["file_id"]
        if file_id not in self.uploads:
            return web.Response(status=404)
        if request.content_type == "multipart/form-data":
            form = await request.post()
            part = next(iter(form.values()))
            self.uploads[file_id] = part.file.read() if hasattr(part, "file") else str(part).encode()
        else:
            self.uploads[file_id] = await request.read()
        await self._notify()
        return web.Response(text="OK - 1")

    async def _respond(self, request: web.Request) -> web.Response:
        self.responses.append(await request.json())
        await self._notify()
        return web.Response(text="ok")

    # Socket Mode ---------------------------------------------------------------------------------

    async def _socket(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse(autoping=True)
        await ws.prepare(request)
        self.socket = ws
        await ws.send_json(
            {"type": "hello", "num_connections": 1, "connection_info": {"app_id": "A1"}, "debug_info": {"host": "fake"}}
        )
        self.socket_connected.set()
        async for message in ws:
            if message.type == aiohttp.WSMsgType.TEXT:
                data = json.loads(message.data)
                future = self.acks.get(data.get("envelope_id", ""))
                if future is not None and not future.done():
                    future.set_result(data)
        return ws

    async def push(
        self, kind: str, payload: dict[str, Any], *, retry_attempt: int = 0, envelope_id: str | None = None
    ) -> str:
        """Send an envelope (events_api, slash_commands, interactive) down the socket; returns its id."""
        await asyncio.wait_for(self.socket_connected.wait(), 10)
        assert self.socket is not None
        envelope_id = envelope_id or uuid.uuid4().hex
        self.acks[envelope_id] = asyncio.get_running_loop().create_future()
        await self.socket.send_json(
            {
                "envelope_id": envelope_id,
                "type": kind,
                "payload": payload,
                "accepts_response_payload": kind != "events_api",
                "retry_attempt": retry_attempt,
                "retry_reason": "timeout" if retry_attempt else "",
            }
        )
        return envelope_id

    async def ack(self, envelope_id: str, timeout: float = 3.0) -> dict[str, Any]:
        """The app's acknowledgement of an envelope; fails if it takes longer than Slack's 3 seconds."""
        return await asyncio.wait_for(self.acks[envelope_id], timeout)


# Requests from "Slack" into the app under test ------------------------------------------------------


def slack_escape(text: str) -> str:
    """How Slack escapes what a person typed before sending it to an app."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


def as_typed(text: str) -> str:
    """What Slack sends when a person types `text`: `&<>` escaped, email addresses auto-linked."""
    return _EMAIL.sub(lambda m: mailto(m.group(0)), slack_escape(text))


def mailto(email: str) -> str:
    """A typed email address as Slack auto-links it in message text."""
    return f"<mailto:{email}|{email}>"


def sign(secret: str, body: str, timestamp: int | None = None) -> dict[str, str]:
    """The X-Slack-Signature headers for `body`, the way Slack computes them."""
    timestamp = int(time.time()) if timestamp is None else timestamp
    digest = hmac.new(secret.encode(), f"v0:{timestamp}:{body}".encode(), hashlib.sha256).hexdigest()
    return {"X-Slack-Request-Timestamp": str(timestamp), "X-Slack-Signature": f"v0={digest}"}


class SlackSide:
    """Sends what Slack would send to the app's HTTP endpoint, signed with the signing secret."""

    def __init__(self, endpoint: str, secret: str, fake: FakeSlack, *, team: str = TEAM) -> None:
        self.endpoint = endpoint
        self.secret = secret
        self.fake = fake
        self.team = team
        self._events = itertools.count(1)
        self._session = aiohttp.ClientSession()

    async def close(self) -> None:
        await self._session.close()

    async def post(
        self,
        body: str,
        content_type: str,
        *,
        headers: dict[str, str] | None = None,
        timestamp: int | None = None,
        secret: str | None = None,
    ) -> tuple[int, str, float]:
        """POST a signed body; returns (status, response text, seconds taken)."""
        sent = {"Content-Type": content_type, **sign(secret or self.secret, body, timestamp), **(headers or {})}
        started = time.monotonic()
        async with self._session.post(self.endpoint, data=body.encode(), headers=sent) as response:
            return response.status, await response.text(), time.monotonic() - started

    def event_body(self, event: dict[str, Any], *, event_id: str | None = None) -> dict[str, Any]:
        return {
            "token": "legacy",
            "team_id": self.team,
            "api_app_id": "A1",
            "type": "event_callback",
            "event": event,
            "event_id": event_id or f"Ev{next(self._events):06d}",
            "event_time": int(time.time()),
            "authorizations": [
                {"team_id": self.team, "user_id": BOT_USER, "is_bot": True, "is_enterprise_install": False}
            ],
        }

    async def event(
        self, event: dict[str, Any], *, event_id: str | None = None, retry_num: int | None = None, **kwargs: Any
    ) -> tuple[int, str, float]:
        headers = {"X-Slack-Retry-Num": str(retry_num), "X-Slack-Retry-Reason": "http_timeout"} if retry_num else {}
        body = json.dumps(self.event_body(event, event_id=event_id))
        return await self.post(body, "application/json", headers=headers, **kwargs)

    def dm_event(self, user: str, text: str) -> dict[str, Any]:
        ts = f"{time.time():.6f}"
        return {
            "type": "message",
            "channel": f"D{user}",
            "channel_type": "im",
            "user": user,
            "team": self.team,
            "text": text,
            "ts": ts,
            "event_ts": ts,
        }

    async def dm(self, user: str, text: str, *, wire: bool = False, **kwargs: Any) -> tuple[int, str, float]:
        """A DM as Slack delivers it: `&`, `<`, `>` escaped, unless `text` is already in wire format."""
        return await self.event(self.dm_event(user, text if wire else as_typed(text)), **kwargs)

    async def home_opened(self, user: str) -> tuple[int, str, float]:
        return await self.event(
            {
                "type": "app_home_opened",
                "user": user,
                "channel": f"D{user}",
                "tab": "home",
                "event_ts": f"{time.time():.6f}",
            }
        )

    async def command(self, user: str, text: str, *, channel: str = "C1", **kwargs: Any) -> tuple[int, str, float]:
        body = urlencode(
            {
                "token": "legacy",
                "team_id": self.team,
                "team_domain": "fake",
                "channel_id": channel,
                "channel_name": "general" if channel.startswith("C") else "directmessage",
                "user_id": user,
                "user_name": self.fake.users.get(user, {}).get("name", user),
                "command": "/followup",
                "text": as_typed(text),
                "api_app_id": "A1",
                "response_url": self.fake.response_url(),
                "trigger_id": f"trig.{uuid.uuid4().hex[:8]}",
            }
        )
        return await self.post(body, "application/x-www-form-urlencoded", **kwargs)

    def click_payload(
        self, user: str, message: Posted | None, button: dict[str, Any], *, in_home: bool = False
    ) -> dict[str, Any]:
        container = (
            {"type": "view", "view_id": "VHOME"}
            if in_home or message is None
            else {"type": "message", "message_ts": message.ts, "channel_id": message.channel, "is_ephemeral": False}
        )
        payload: dict[str, Any] = {
            "type": "block_actions",
            "api_app_id": "A1",
            "token": "legacy",
            "team": {"id": self.team, "domain": "fake"},
            "user": {"id": user, "username": self.fake.users.get(user, {}).get("name", user), "team_id": self.team},
            "container": container,
            "trigger_id": f"trig.{uuid.uuid4().hex[:8]}",
            "response_url": self.fake.response_url(),
            "actions": [
                {
                    "type": "button",
                    "block_id": "b0",
                    "action_id": button["action_id"],
                    "value": button.get("value", ""),
                    "text": button["text"],
                    "action_ts": f"{time.time():.6f}",
                }
            ],
        }
        if message is not None and not in_home:
            payload["channel"] = {"id": message.channel, "name": "directmessage"}
            payload["message"] = {"ts": message.ts, "text": message.text, "blocks": message.blocks}
        else:
            payload["view"] = {"id": "VHOME", "type": "home"}
        return payload

    async def click(
        self,
        user: str,
        message: Posted | None,
        label_or_button: str | dict[str, Any],
        *,
        in_home: bool = False,
        **kwargs: Any,
    ) -> tuple[int, str, float]:
        if isinstance(label_or_button, str):
            assert message is not None
            button = message.button(label_or_button)
        else:
            button = label_or_button
        payload = self.click_payload(user, message, button, in_home=in_home)
        return await self.interactive(payload, **kwargs)

    async def interactive(self, payload: dict[str, Any], **kwargs: Any) -> tuple[int, str, float]:
        body = urlencode({"payload": json.dumps(payload)})
        return await self.post(body, "application/x-www-form-urlencoded", **kwargs)

    def submission_payload(self, user: str, view: dict[str, Any], values: dict[str, str]) -> dict[str, Any]:
        """A view_submission for a form (as views.open got it) filled in with `values` by block id."""
        state: dict[str, Any] = {}
        for block in view["blocks"]:
            if block.get("type") != "input":
                continue
            element = block["element"]
            value = values.get(block["block_id"], "")
            if element["type"] == "radio_buttons":
                chosen = [o for o in element["options"] if o["value"] == value]
                state[block["block_id"]] = {
                    element["action_id"]: {"type": "radio_buttons", "selected_option": chosen[0] if chosen else None}
                }
            else:
                state[block["block_id"]] = {element["action_id"]: {"type": "plain_text_input", "value": value or None}}
        return {
            "type": "view_submission",
            "team": {"id": self.team, "domain": "fake"},
            "user": {"id": user, "username": self.fake.users.get(user, {}).get("name", user), "team_id": self.team},
            "api_app_id": "A1",
            "token": "legacy",
            "trigger_id": f"trig.{uuid.uuid4().hex[:8]}",
            "view": {**view, "id": "VFORM", "team_id": self.team, "state": {"values": state}},
            "response_urls": [],
        }

    async def submit(
        self, user: str, view: dict[str, Any], values: dict[str, str], **kwargs: Any
    ) -> tuple[int, str, float]:
        return await self.interactive(self.submission_payload(user, view, values), **kwargs)


def unescape(text: str) -> str:
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


class SlackUser:
    """A person chatting with the bot in Slack, for tests that read like a conversation.

    Every action waits until the bot has finished with it (`settle`), then `new` holds the
    messages the bot posted in the DM in answer.
    """

    def __init__(self, side: SlackSide, settle: Any, user: str = "U1") -> None:
        self.side = side
        self.settle = settle
        self.user = user
        self.channel = f"D{user}"
        self.new: list[Posted] = []
        self._seen = 0

    @property
    def fake(self) -> FakeSlack:
        return self.side.fake

    async def _after(self, sent: tuple[int, str, float]) -> SlackUser:
        status, body, _ = sent
        assert status == 200, (status, body)
        await self.settle()
        messages = self.fake.messages(self.channel)
        self.new, self._seen = messages[self._seen :], len(messages)
        return self

    async def says(self, text: str, *, wire: bool = False) -> SlackUser:
        """Write to the bot; a command (`/skip`) goes the only way Slack allows, as `/followup skip`."""
        if text.startswith("/") and not wire:
            return await self.commands(text[1:])
        return await self._after(await self.side.dm(self.user, text, wire=wire))

    async def commands(self, text: str, *, channel: str | None = None) -> SlackUser:
        """Types `/followup <text>` (in the DM unless another channel is given)."""
        return await self._after(await self.side.command(self.user, text, channel=channel or self.channel))

    def with_button(self, label: str) -> Posted:
        """The latest message with a button whose label contains `label`."""
        for message in reversed(self.fake.messages(self.channel)):
            if any(label.casefold() in b["text"]["text"].casefold() for b in message.buttons):
                return message
        raise AssertionError(f"no message in {self.channel} has a button {label!r}")

    async def taps(self, label: str, message: Posted | None = None) -> SlackUser:
        message = message or self.with_button(label)
        return await self._after(await self.side.click(self.user, message, label))

    @property
    def text(self) -> str:
        """The same as `said`, under the name the core's chat driver (tests/driver.py) uses."""
        return self.said

    @property
    def said(self) -> str:
        """The plain text of what the bot just posted."""
        return "\n".join(unescape(m.section_text) for m in self.new)

    def expect(self, *fragments: str) -> SlackUser:
        said = self.said
        for fragment in fragments:
            assert fragment.casefold() in said.casefold(), f"{fragment!r} not in what the bot said:\n{said}"
        return self


# ---- the real bot, run against the fake ------------------------------------------------------------


@dataclass
class RunningSlack:
    """The bot in HTTP mode on the fake Slack, its core, a signed-request sender and Ada."""

    fake: FakeSlack
    app: Followup
    bot: SlackBot
    side: SlackSide
    ada: SlackUser
    clock: FakeClock
    port: int

    async def count(self, model) -> int:
        async with self.app.sessions() as session:
            return await session.scalar(select(func.count()).select_from(model))


@contextlib.asynccontextmanager
async def running_slack(fake: FakeSlack, tmp_path: Any, **overrides: Any) -> AsyncIterator[RunningSlack]:
    """The bot in HTTP mode on the fake Slack, with a test clock; the scheduler is left to the test."""
    clock = FakeClock(START)
    settings = settings_for(fake, tmp_path, **overrides)
    app = await Followup.create(settings, clock=clock)

    # The pacer's waits (429 Retry-After) run on the test's clock too.
    async def sleep(seconds: float) -> None:
        clock.advance(seconds=seconds)
        await asyncio.sleep(0)

    bot = SlackBot(app, settings, pace_seconds=0, clock=lambda: clock().timestamp(), sleep=sleep)
    app.add_sender(bot.sender)
    runner, port = await start_http(bot, "127.0.0.1", 0)
    side = SlackSide(f"http://127.0.0.1:{port}/slack/events", SECRET, fake)
    try:
        yield RunningSlack(fake, app, bot, side, SlackUser(side, bot.drain), clock, port)
    finally:
        await side.close()
        await bot.drain()
        await runner.cleanup()
        await app.stop()
