"""A local fake of the OpenAI chat-completions API over real HTTP (aiohttp), for the language-model tests.

Each request is recorded (its JSON body); the answer comes from `reply`, a function of the request body that
returns the assistant's text, or an `Answer` (a status code, a raw body, a delay) for failures.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from aiohttp import web


@dataclass
class Answer:
    content: str | None = None
    status: int = 200
    raw: str | None = None  # a body sent as is instead of a completion
    delay: float = 0.0


Reply = Callable[[dict[str, Any]], "str | Answer"]


class FakeLLM:
    def __init__(self) -> None:
        self.requests: list[dict[str, Any]] = []
        self.reply: Reply = lambda body: Answer(status=500, raw='{"error": {"message": "no reply set"}}')
        self._runner: web.AppRunner | None = None
        self.url = ""

    async def start(self) -> str:
        app = web.Application()
        app.router.add_post("/v1/chat/completions", self._complete)
        # A slow answer the client has given up on is not waited for at the end of the test.
        self._runner = web.AppRunner(app, shutdown_timeout=0.1)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        self.url = f"http://127.0.0.1:{port}/v1"
        return self.url

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    async def _complete(self, request: web.Request) -> web.Response:
        body = await request.json()
        body["_authorization"] = request.headers.get("Authorization", "")
        self.requests.append(body)
        answer = self.reply(body)
        if isinstance(answer, str):
            answer = Answer(answer)
        if answer.delay:
            await asyncio.sleep(answer.delay)
        if answer.raw is not None or answer.status != 200:
            return web.Response(status=answer.status, text=answer.raw or "{}", content_type="application/json")
        completion = {
            "id": "chatcmpl-fake",
            "object": "chat.completion",
            "created": int(time.time()),
            "model": body.get("model", ""),
            "choices": [
                {"index": 0, "message": {"role": "assistant", "content": answer.content}, "finish_reason": "stop"}
            ],
            "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
        }
        return web.json_response(completion)


def debrief_of(body: dict[str, Any]) -> dict[str, Any]:
    """The debrief JSON a writing request carried (between <debrief> and </debrief>)."""
    text = next(m["content"] for m in body["messages"] if m["role"] == "user")
    return json.loads(text.split("<debrief>", 1)[1].split("</debrief>", 1)[0])


def asked_text(body: dict[str, Any]) -> str:
    return "\n".join(m["content"] for m in body["messages"])
