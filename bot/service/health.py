"""GET /healthz and GET /metrics over HTTP (aiohttp), on HEALTH_PORT or beside a webhook's own routes.

/healthz is 200 with a JSON report while the bot works, 503 when the database does not answer, the
scheduler stopped, or reminder deliveries have failed for longer than HEALTH_MAX_FAILING.
/metrics is bot/service/metrics.py in the Prometheus text format.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from http import HTTPStatus
from typing import Any

from aiohttp import web

from bot.service import metrics

log = logging.getLogger(__name__)

HEALTH_PATH = "/healthz"
METRICS_PATH = "/metrics"

Report = Callable[[], Awaitable[dict[str, Any]]]
Refresh = Callable[[], Awaitable[None]]


class HealthCheckError(RuntimeError):
    """The health listener cannot start (its port is taken); the message says what to change."""


def add_routes(server: web.Application, report: Report, refresh: Refresh | None = None) -> None:
    """Add GET /healthz (the JSON report) and GET /metrics to an aiohttp application."""

    async def healthz(_: web.Request) -> web.Response:
        try:
            body = await report()
        except Exception as exc:  # the check itself failing is a failed check
            log.exception("health check failed")
            body = {"ok": False, "error": type(exc).__name__}
        return web.json_response(body, status=HTTPStatus.OK if body.get("ok") else HTTPStatus.SERVICE_UNAVAILABLE)

    server.router.add_get(HEALTH_PATH, healthz)
    add_metrics_route(server, refresh)


def add_metrics_route(server: web.Application, refresh: Refresh | None = None) -> None:
    """Add GET /metrics to an aiohttp application (a webhook's own listener, which has its /healthz)."""

    async def metrics_page(_: web.Request) -> web.Response:
        if refresh is not None:
            try:
                await refresh()  # gauges read from the database, such as reminders due
            except Exception:
                log.warning("metrics refresh failed", exc_info=True)
        payload, content_type = metrics.render()
        response = web.Response(body=payload)
        response.headers["Content-Type"] = content_type
        return response

    server.router.add_get(METRICS_PATH, metrics_page)


class HealthServer:
    """Its own small HTTP listener for /healthz and /metrics (HEALTH_PORT), whatever the bot's mode."""

    def __init__(
        self,
        report: Report,
        refresh: Refresh | None,
        *,
        host: str,
        port: int,
        more_routes: Callable[[web.Application], None] | None = None,
    ) -> None:
        """`more_routes` adds other GETs a browser may be sent to (the mailbox sign-in's /oauth/google)."""
        self._report, self._refresh = report, refresh
        self._more_routes = more_routes
        self._host, self._port = host, port
        self._runner: web.AppRunner | None = None
        self.port = port

    async def start(self) -> int:
        """Listen; return the bound port (HEALTH_PORT, or the one the system chose for port 0 in tests)."""
        server = web.Application()
        add_routes(server, self._report, self._refresh)
        if self._more_routes is not None:
            self._more_routes(server)
        runner = web.AppRunner(server, access_log=None, handle_signals=False)
        await runner.setup()
        try:
            await web.TCPSite(runner, self._host, self._port).start()
        except OSError as exc:
            await runner.cleanup()
            raise HealthCheckError(
                f"Cannot serve /healthz on {self._host}:{self._port} ({exc.strerror or exc}): "
                "another program uses HEALTH_PORT; choose a free port, or 0 to turn the listener off."
            ) from None
        self._runner = runner
        self.port = runner.addresses[0][1] if runner.addresses else self._port
        log.info(
            "health listening", extra={"host": self._host, "port": self.port, "paths": f"{HEALTH_PATH},{METRICS_PATH}"}
        )
        return self.port

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None


def probe(host: str, port: int, timeout: float = 5.0) -> tuple[int, str]:
    """GET /healthz of a running bot (what `followup-bot health` and the container's HEALTHCHECK do).

    Returns (exit status, what to print): 0 healthy, 1 unhealthy or not answering.
    """
    import urllib.error
    import urllib.request

    target = "127.0.0.1" if host in {"", "0.0.0.0", "::"} else host  # noqa: S104 - "every interface" is not an address
    url = f"http://{target}:{port}{HEALTH_PATH}"
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return 0, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as exc:
        return 1, exc.read().decode("utf-8", "replace")
    except (urllib.error.URLError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        return 1, f"nothing answers at {url} ({reason}): is the bot running with HEALTH_PORT={port}?"
