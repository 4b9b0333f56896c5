"""The `LanguageModel` port and `Assistant`: the model as the core uses it (switches, time bound, pause, metrics)."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from typing import Any, Protocol

from bot.service import metrics
from bot.service.config import Settings

log = logging.getLogger(__name__)

MAX_ANSWER_CHARS = 6000  # a longer answer is cut here before anything reads it (no draft or field is this long)
USES = ("reading", "writing")


class ModelFailed(Exception):
    """The model gave no usable answer; `reason` says why in a few words (for the log and the metrics)."""

    def __init__(self, reason: str, *, kind: str = "error") -> None:
        super().__init__(reason)
        self.reason = reason
        self.kind = kind  # timeout, error (HTTP, connection), refused (an answer the checks refused), paused


class LanguageModel(Protocol):
    """One chat call: system and user messages in, the answer's text out; `schema` asks for JSON of that shape.

    Raises ModelFailed for anything but an answer (a status code, a broken connection, an empty answer).
    """

    async def chat(self, messages: list[dict[str, str]], *, schema: dict[str, Any] | None, max_tokens: int) -> str: ...


class Assistant:
    """The model for the core: which uses are on, for whom, and one bounded, counted call."""

    def __init__(self, model: LanguageModel, settings: Settings, monotonic: Callable[[], float] = time.monotonic):
        self.model = model
        self.settings = settings
        self._monotonic = monotonic
        self._paused_until = 0.0

    def on(self, use: str, user: Any) -> bool:
        """The operator turned `use` on, and the user did not turn the model off for themselves."""
        return self.settings.llm_use(use) and getattr(user, "use_model", True) is not False

    @property
    def paused(self) -> bool:
        return self._monotonic() < self._paused_until

    async def ask(
        self, use: str, messages: list[dict[str, str]], *, schema: dict[str, Any] | None, max_tokens: int
    ) -> str:
        """The model's answer, within LLM_TIMEOUT in all and at most MAX_ANSWER_CHARS; ModelFailed otherwise.

        After a timeout or an endpoint failure the model is left alone for LLM_PAUSE_AFTER_FAILURE seconds:
        every call meanwhile fails at once ("paused"), so a dead endpoint does not slow every turn.
        """
        if self.paused:
            metrics.MODEL_CALLS.labels(use, "paused").inc()
            raise ModelFailed("paused after a recent failure", kind="paused")
        started = self._monotonic()
        timeout = self.settings.llm_timeout_seconds
        try:
            answer = await asyncio.wait_for(
                self.model.chat(messages, schema=schema, max_tokens=max_tokens), timeout=timeout
            )
        except TimeoutError:
            self._pause()
            metrics.MODEL_CALLS.labels(use, "timeout").inc()
            raise ModelFailed(f"no answer within {timeout:g} s", kind="timeout") from None
        except ModelFailed as exc:
            if exc.kind in {"timeout", "error"}:  # the endpoint's trouble, not the answer's
                self._pause()
            metrics.MODEL_CALLS.labels(use, exc.kind).inc()
            raise
        except Exception as exc:  # whatever else the client raises: never the turn's problem
            self._pause()
            metrics.MODEL_CALLS.labels(use, "error").inc()
            raise ModelFailed(f"{type(exc).__name__}") from exc
        finally:
            metrics.MODEL_SECONDS.labels(use).observe(self._monotonic() - started)
        metrics.MODEL_CALLS.labels(use, "ok").inc()
        return answer[:MAX_ANSWER_CHARS]

    async def close(self) -> None:
        """Close the model's connections (at shutdown)."""
        close = getattr(self.model, "close", None)
        if close is not None:
            await close()

    def _pause(self) -> None:
        pause = self.settings.llm_pause_seconds
        if pause > 0:
            self._paused_until = self._monotonic() + pause
            log.warning("language model paused after a failure", extra={"seconds": pause})


def fell_back(use: str, reason: str, **context: object) -> None:
    """The built-in path answered instead of the model: counted, and logged with why."""
    metrics.MODEL_FALLBACKS.labels(use, reason.split(":", 1)[0][:40]).inc()
    log.warning("language model not used", extra={"use": use, "reason": reason, **context})
