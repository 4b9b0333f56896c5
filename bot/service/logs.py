"""Structured logs with structlog: one line per event, logfmt (key=value) or JSON; user keys, never message texts.

Every `logging` call in the bot (and in the libraries) goes through structlog's ProcessorFormatter
(level, logger, UTC timestamp, tracebacks as one escaped value); a value with spaces, quotes or a
newline stays one parseable line. `LOG_FORMAT=json` writes one JSON object per line (structlog's
JSONRenderer). Fields passed with `extra={...}` become keys of their own.
"""

from __future__ import annotations

import json
import logging
import re
import sys
from pathlib import Path

import structlog
from structlog.typing import EventDict, Processor, WrappedLogger

KEY_ORDER = ["ts", "level", "logger", "msg"]
_wrap = structlog.stdlib.ProcessorFormatter.wrap_for_formatter
_BARE = re.compile(r"^[^\s\x00-\x1f\x7f\"=\\]+$")  # a logfmt value that needs no quotes
_KEY_JUNK = re.compile(r"[\s\x00-\x1f\x7f\"=]")  # what a logfmt key cannot hold


def _logfmt_value(value: object) -> str:
    if value is None:
        return ""
    text = ("true" if value else "false") if isinstance(value, bool) else str(value)
    return text if _BARE.match(text) else json.dumps(text, ensure_ascii=False)


def render_logfmt(_: WrappedLogger, __: str, event_dict: EventDict) -> str:
    """One logfmt line: ts, level, logger, msg first, every value that is not a bare word quoted.

    structlog's LogfmtRenderer quotes a value only when it holds a space, `=` or `"`, so a newline or a
    tab in a value without spaces would be written bare and read back literally. Here any other value is a
    JSON string, whose escapes are the ones logfmt parsers (go-logfmt and friends) undo inside quotes.
    """
    keys = [k for k in KEY_ORDER if k in event_dict] + sorted(k for k in event_dict if k not in KEY_ORDER)
    return " ".join(f"{_KEY_JUNK.sub('_', str(key)) or '_'}={_logfmt_value(event_dict[key])}" for key in keys)


_SHARED: list[Processor] = [
    structlog.stdlib.add_log_level,
    structlog.stdlib.add_logger_name,
    structlog.stdlib.ExtraAdder(),
    structlog.processors.TimeStamper(fmt="iso", utc=True, key="ts"),
]


def formatter(fmt: str = "logfmt") -> logging.Formatter:
    """The logging.Formatter for LOG_FORMAT (logfmt or json)."""
    return structlog.stdlib.ProcessorFormatter(
        foreign_pre_chain=_SHARED,
        processors=[
            structlog.stdlib.ProcessorFormatter.remove_processors_meta,
            structlog.processors.format_exc_info,  # a traceback becomes one escaped `exception` value
            structlog.processors.EventRenamer("msg"),
            _renderer(fmt),
        ],
    )


def _renderer(fmt: str) -> Processor:
    if fmt == "json":
        return structlog.processors.JSONRenderer()
    return render_logfmt


def setup_logging(level: str = "INFO", *, quiet: bool = False, fmt: str = "logfmt", file: Path | None = None) -> None:
    """Log at LOG_LEVEL in LOG_FORMAT to `file` (appended) or stderr; `quiet` keeps only warnings."""
    numeric = getattr(logging, level.upper(), logging.INFO)
    if quiet:
        numeric = max(numeric, logging.WARNING)
    if file is not None:
        file.parent.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = logging.FileHandler(file, encoding="utf-8")
    else:
        handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(formatter(fmt))
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(numeric)
    # structlog's own loggers (structlog.get_logger) end in the same handler.
    structlog.configure(
        processors=[*_SHARED[:2], _SHARED[3], _wrap],
        logger_factory=structlog.stdlib.LoggerFactory(),
        wrapper_class=structlog.stdlib.BoundLogger,
        cache_logger_on_first_use=True,
    )
    # aioimaplib logs raw protocol lines (LOGIN included) at DEBUG: never let them through.
    for noisy in ("alembic", "apscheduler", "httpx", "aiosqlite", "sqlalchemy.engine", "aioimaplib", "aiosmtplib"):
        logging.getLogger(noisy).setLevel(max(numeric, logging.WARNING))
