"""How Telegram updates reach the bot: the webhook server, and in order per user."""

from __future__ import annotations

import hmac
import logging
from collections.abc import Awaitable, Callable
from http import HTTPStatus
from typing import Any
from urllib.parse import urlsplit

from aiohttp import web
from telegram import Update
from telegram.ext import Application, BaseUpdateProcessor

from bot.app import KeyedLocks

log = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"  # noqa: S105 - a header name, not a secret


class PerUserProcessor(BaseUpdateProcessor):
    """Processes updates of different users concurrently and each user's updates in order."""

    def __init__(self, max_concurrent_updates: int = 256) -> None:
        super().__init__(max_concurrent_updates)
        self._locks = KeyedLocks()

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        """Await the handlers for `update` once the same user's earlier updates are done."""
        user = update.effective_user if isinstance(update, Update) else None
        if user is None:
            await coroutine
            return
        # asyncio.Lock wakes waiters first come, first served: updates keep their arrival order.
        async with self._locks(user.id):
            await coroutine

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to release."""


class WebhookServer:
    """An aiohttp server for Telegram's webhook posts, and nothing else: /healthz and /metrics are the
    operator's, on HEALTH_PORT (bot/service/health.py), never on the public PORT.

    A post needs the secret token in its header (else 403) and goes to the Application's update
    queue, like PTB's own webhook server does.
    """

    def __init__(
        self,
        app: Application,
        *,
        url: str,
        secret: str,
        host: str,
        port: int,
        more_routes: Callable[[web.Application], None] | None = None,
    ) -> None:
        self._app = app
        self._more_routes = more_routes  # GETs a browser is sent to (the mailbox sign-in's /oauth/google)
        self._secret = secret.encode()
        self.path = urlsplit(url).path or "/"
        self._host, self._port = host, port
        self._runner: web.AppRunner | None = None

    async def start(self) -> None:
        server = web.Application(client_max_size=1024 * 1024)
        server.router.add_post(self.path, self._update)
        if self._more_routes is not None:
            self._more_routes(server)
        self._runner = web.AppRunner(server, access_log=None)
        await self._runner.setup()
        await web.TCPSite(self._runner, self._host, self._port).start()
        log.info(
            "webhook listening",
            extra={"platform": "telegram", "host": self._host, "port": self._port, "path": self.path},
        )

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def _update(self, request: web.Request) -> web.Response:
        given = request.headers.get(SECRET_HEADER, "").encode()
        if not hmac.compare_digest(given, self._secret):
            log.warning(
                "webhook post refused", extra={"platform": "telegram", "reason": "secret", "remote": request.remote}
            )
            return web.Response(status=HTTPStatus.FORBIDDEN)
        try:
            update = Update.de_json(await request.json(), self._app.bot)
        except (ValueError, TypeError, KeyError, AttributeError):  # not JSON, or not an update
            return web.Response(status=HTTPStatus.BAD_REQUEST)
        await self._app.update_queue.put(update)
        return web.Response()
