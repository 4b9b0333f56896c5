"""Structured logs with structlog: one line per event, logfmt (key=value) or JSON; user keys, never message texts.

Every `logging` call in the bot (and in the libraries) goes through structlog's ProcessorFormatter, so
values are quoted and escaped by a renderer made for it: a value with spaces, quotes or a newline stays
one parseable line. `LOG_FORMAT=json` writes one JSON object per line instead. Fields passed with
`extra={...}` become keys of their own.
"""

from __future__ import annotations

import logging
import sys

import structlog

KEY_ORDER = ["ts", "level", "logger", "msg"]
_wrap = structlog.stdlib.ProcessorFormatter.wrap_for_formatter


def _renderer(fmt: str) -> structlog.typing.Processor:
    if fmt == "json":
        return structlog.processors.JSONRenderer()
    return structlog.processors.LogfmtRenderer(key_order=KEY_ORDER, drop_missing=True)


def setup_logging(level: str = "INFO", *, quiet: bool = False, fmt: str = "logfmt") -> None:
    """Log to stderr at LOG_LEVEL in LOG_FORMAT; the terminal chat only shows warnings so the chat stays readable."""
    numeric = getattr(logging, level.upper(), logging.INFO)
    if quiet:
        numeric = max(numeric, logging.WARNING)
    shared: list[structlog.typing.Processor] = [
        structlog.stdlib.add_log_level,
        structlog.stdlib.add_logger_name,
        structlog.stdlib.ExtraAdder(),
        structlog.processors.TimeStamper(fmt="iso", utc=True, key="ts"),
    ]
    formatter = structlog.stdlib.ProcessorFormatter(
        foreign_pre_chain=shared,
        processors=[
            structlog.stdlib.ProcessorFormatter.remove_processors_meta,
            structlog.processors.format_exc_info,  # a traceback becomes one escaped `exception` value
            structlog.processors.EventRenamer("msg"),
            _renderer(fmt),
        ],
    )
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(formatter)
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(numeric)
    # structlog's own loggers (structlog.get_logger) end in the same handler.
    structlog.configure(
        processors=[*shared[:2], structlog.processors.TimeStamper(fmt="iso", utc=True, key="ts"), _wrap],
        logger_factory=structlog.stdlib.LoggerFactory(),
        wrapper_class=structlog.stdlib.BoundLogger,
        cache_logger_on_first_use=True,
    )
    for noisy in ("alembic", "apscheduler", "httpx", "aiosqlite", "sqlalchemy.engine"):
        logging.getLogger(noisy).setLevel(max(numeric, logging.WARNING))
