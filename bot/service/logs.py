"""Structured logs with structlog: one line per event, logfmt (key=value) or JSON; user keys, never message texts.

Every `logging` call in the bot (and in the libraries) goes through structlog's ProcessorFormatter
(level, logger, UTC timestamp, tracebacks as one escaped value); a value with spaces, quotes or a
newline stays one parseable line. `LOG_FORMAT=json` writes one JSON object per line (structlog's
JSONRenderer). Fields are passed with `extra={...}` and become keys of their own (`user`, `reminder`,
`platform`, `kind`, `reason`...), so `jq 'select(.user == "telegram:42")'` finds one person's lines; the
message (`msg`) is a fixed phrase, never a format string with values in it.

Privacy, whatever a library logs (`Privacy`, a filter on the one handler): a record from a library's
logger keeps only its message up to the first payload (a bracket, a brace, a newline, "body" or
"payload"; slack_bolt logs a badly signed request's whole body at INFO), and every secret of the
settings (tokens, signing secrets, the database password, the Fernet key) is replaced by `***` in every
line, tracebacks included.
"""

from __future__ import annotations

import json
import logging
import re
import sys
from collections.abc import Iterable
from pathlib import Path

import structlog
from structlog.typing import EventDict, Processor, WrappedLogger

KEY_ORDER = ["ts", "level", "logger", "msg"]
OWN_LOGGERS = ("bot", "adapters", "bench")  # our code (not "followup": Bolt names its app logger so)
WITHHELD = "[details withheld]"
# "()" is a call's name ("Application.stop() complete"), not a payload: only a bracket that holds something is.
_PAYLOAD = re.compile(r"\((?!\))|[{\[\n]|\bbody\b|\bpayload\b", re.IGNORECASE)
MASK = "***"
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


def _own(name: str) -> bool:
    return any(name == own or name.startswith(own + ".") for own in OWN_LOGGERS)


def scrub_foreign(message: str) -> str:
    """A library's message up to its first payload: 'Invalid request signature detected (signature: ...,
    body: ...)' becomes 'Invalid request signature detected [details withheld]'."""
    found = _PAYLOAD.search(message)
    if found is None:
        return message
    return f"{message[: found.start()].rstrip(' :-,')} {WITHHELD}".strip()


_RECORD_KEYS = frozenset(logging.LogRecord("", 0, "", 0, "", None, None).__dict__) | {"message", "asctime"}
_QUERY = re.compile(r"\?[^\s\"']+")  # a URL's query string: OAuth codes, states, tokens


def _without_query(value: object) -> object:
    """`value` (a library's extra field) with every URL query string withheld, in strings and dicts of strings."""
    if isinstance(value, str):
        return _QUERY.sub(f"?{WITHHELD}", value)
    if isinstance(value, dict):
        return {key: _without_query(item) for key, item in value.items()}
    return value


class Privacy(logging.Filter):
    """Keeps message texts and payloads of libraries' records out of the logs (see the module's docstring),
    and the query strings of their fields: aiohttp's access log writes the request line
    (`GET /slack/oauth_redirect?code=...&state=... HTTP/1.1`) and the Referer as fields of their own."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not _own(record.name):
            try:
                message = record.getMessage()
            except Exception:  # a library's broken format string: keep the fixed part only
                message = str(record.msg)
            record.msg, record.args = scrub_foreign(message), None
            for key in record.__dict__.keys() - _RECORD_KEYS:
                setattr(record, key, _without_query(getattr(record, key)))
        return True


class _Formatter(structlog.stdlib.ProcessorFormatter):
    """structlog's formatter, with every known secret masked in the finished line."""

    def __init__(self, *args: object, secrets: tuple[str, ...] = (), **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.secrets = secrets

    def format(self, record: logging.LogRecord) -> str:
        line = super().format(record)
        for secret in self.secrets:
            line = line.replace(secret, MASK)
        return line


def _secrets(values: Iterable[str]) -> tuple[str, ...]:
    """The secrets worth masking, longest first (so a secret inside another never leaves half of it)."""
    return tuple(sorted({v for v in values if v and len(v) >= 4}, key=len, reverse=True))


def formatter(fmt: str = "logfmt", secrets: Iterable[str] = ()) -> logging.Formatter:
    """The logging.Formatter for LOG_FORMAT (logfmt or json); `secrets` are masked in every line."""
    return _Formatter(
        secrets=_secrets(secrets),
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


def setup_logging(
    level: str = "INFO",
    *,
    quiet: bool = False,
    fmt: str = "logfmt",
    file: Path | None = None,
    secrets: Iterable[str] = (),
) -> None:
    """Log at LOG_LEVEL in LOG_FORMAT to `file` (appended) or stderr; `quiet` keeps only warnings;
    `secrets` (Settings.secret_values()) are masked wherever they would appear."""
    numeric = getattr(logging, level.upper(), logging.INFO)
    if quiet:
        numeric = max(numeric, logging.WARNING)
    if file is not None:
        file.parent.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = logging.FileHandler(file, encoding="utf-8")
    else:
        handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(formatter(fmt, secrets))
    handler.addFilter(Privacy())
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
