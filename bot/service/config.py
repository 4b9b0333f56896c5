"""Settings from the environment and `.env` (pydantic-settings); every one is in `.env.example`."""

from __future__ import annotations

import contextlib
import io
import logging
import os
import re
from dataclasses import dataclass
from datetime import time, timedelta
from pathlib import Path
from typing import Annotated

from pydantic import BeforeValidator, Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from bot.store.urls import normalise_database_url  # SQLAlchemy's URL parser

_SPAN = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(bd|s|m|h|d)\s*$", re.IGNORECASE)
_UNIT_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


@dataclass(frozen=True, slots=True)
class Span:
    """A timing setting: a plain duration, or a number of business days.

    Day-sized spans (d, bd) are planned on the user's calendar: they land on working days and
    respect quiet hours. Shorter ones (s, m, h) are exact, which lets tests and impatient users
    shorten every step.
    """

    seconds: float = 0.0
    business_days: int = 0

    @property
    def day_sized(self) -> bool:
        return self.business_days > 0 or self.seconds >= 86400

    @property
    def delta(self) -> timedelta:
        return timedelta(seconds=self.seconds)

    def __str__(self) -> str:
        if self.business_days:
            return f"{self.business_days}bd"
        for unit in ("d", "h", "m"):
            size = _UNIT_SECONDS[unit]
            if self.seconds and self.seconds % size == 0:
                return f"{int(self.seconds // size)}{unit}"
        return f"{self.seconds:g}s"


def parse_span(value: object) -> Span:
    """Parse '24h', '3bd', '20s', '2d' into a Span; raise ValueError with the accepted forms."""
    if isinstance(value, Span):
        return value
    match = _SPAN.match(str(value))
    if not match:
        raise ValueError(f"{value!r} is not a duration: use a number with s, m, h, d or bd (e.g. 3bd)")
    amount, unit = float(match.group(1)), match.group(2).lower()
    if unit == "bd":
        if amount != int(amount) or amount < 1:
            raise ValueError(f"{value!r}: business days must be a whole number of at least 1")
        return Span(business_days=int(amount))
    return Span(seconds=amount * _UNIT_SECONDS[unit])


@dataclass(frozen=True, slots=True)
class QuietHours:
    """A nightly window (local time) in which no reminder is sent; `start == end` means off."""

    start: time
    end: time

    @property
    def off(self) -> bool:
        return self.start == self.end

    def __str__(self) -> str:
        return "off" if self.off else f"{self.start:%H:%M}-{self.end:%H:%M}"


_QUIET = re.compile(r"^\s*(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})\s*$")


def parse_quiet_hours(value: object) -> QuietHours:
    """Parse '21:00-08:00' or 'off'."""
    if isinstance(value, QuietHours):
        return value
    text = str(value).strip().lower()
    if text in {"off", "none", "no", ""}:
        return QuietHours(time(0), time(0))
    match = _QUIET.match(text)
    if not match:
        raise ValueError(f"{value!r} is not a quiet-hours window: use HH:MM-HH:MM (e.g. 21:00-08:00) or off")
    h1, m1, h2, m2 = (int(g) for g in match.groups())
    if h1 > 23 or h2 > 23 or m1 > 59 or m2 > 59:
        raise ValueError(f"{value!r}: hours run 00-23 and minutes 00-59")
    return QuietHours(time(h1, m1), time(h2, m2))


SpanSetting = Annotated[Span, NoDecode, BeforeValidator(parse_span)]
QuietSetting = Annotated[QuietHours, NoDecode, BeforeValidator(parse_quiet_hours)]


LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")


def default_data_dir() -> Path:
    return Path.home() / ".local" / "share" / "followup-bot"


class Settings(BaseSettings):
    """Every setting of the bot; names are the environment variables."""

    # env_ignore_empty: `NAME=` (as in a copy of .env.example) means the default, never an empty path or URL.
    model_config = SettingsConfigDict(
        env_file=".env", extra="ignore", case_sensitive=False, populate_by_name=True, env_ignore_empty=True
    )

    database_url: str = Field(default="", description="SQLAlchemy URL; empty means SQLite in data_dir")
    # The database password on its own (compose.yaml passes POSTGRES_PASSWORD here): any characters, no
    # percent-encoding; it goes into DATABASE_URL's password through SQLAlchemy's URL object.
    database_password: SecretStr = Field(default=SecretStr(""), alias="DATABASE_PASSWORD")
    data_dir: Path = Field(default_factory=default_data_dir, alias="FOLLOWUP_DATA_DIR")
    log_level: str = "INFO"
    # "logfmt" (key=value, properly quoted) or "json" (one object per line), see bot/service/logs.py.
    log_format: str = "logfmt"
    # Where logs go instead of stderr; empty: stderr, except the terminal chat (data_dir/followup.log).
    log_file: Path | None = Field(default=None, alias="LOG_FILE")

    # The ladder (see ../shared/PLAYBOOK.md); every step can be shortened.
    thank_you_within: SpanSetting = Field(default=Span(seconds=24 * 3600), alias="FOLLOWUP_THANK_YOU_WITHIN")
    first_reminder_after: SpanSetting = Field(default=Span(seconds=2 * 3600), alias="FOLLOWUP_FIRST_REMINDER_AFTER")
    last_call_before: SpanSetting = Field(default=Span(seconds=3 * 3600), alias="FOLLOWUP_LAST_CALL_BEFORE")
    second_email_after: SpanSetting = Field(default=Span(business_days=3), alias="FOLLOWUP_SECOND_EMAIL_AFTER")
    call_after: SpanSetting = Field(default=Span(business_days=2), alias="FOLLOWUP_CALL_AFTER")
    chase_after: SpanSetting = Field(default=Span(business_days=3), alias="FOLLOWUP_CHASE_AFTER")
    quiet_hours: QuietSetting = Field(default=QuietHours(time(21), time(8)), alias="FOLLOWUP_QUIET_HOURS")
    morning: time = Field(default=time(9), alias="FOLLOWUP_MORNING")
    retention_days: int = Field(default=90, alias="FOLLOWUP_RETENTION_DAYS")
    # How often the dispatcher looks for due reminders even when nothing woke it.
    safety_interval_seconds: float = Field(default=30.0, alias="FOLLOWUP_SAFETY_INTERVAL")
    # Delivery: a reminder the platform refused this many times is marked failed and the user told.
    max_delivery_attempts: int = Field(default=10, ge=1, alias="FOLLOWUP_MAX_DELIVERY_ATTEMPTS")
    # A claimed reminder not marked within this many seconds was lost with its process: send it again.
    claim_lease_seconds: float = Field(default=120.0, gt=0, alias="FOLLOWUP_CLAIM_LEASE")
    # Where the terminal chat writes .eml drafts; empty means data_dir/drafts.
    drafts_dir: Path | None = Field(default=None, alias="FOLLOWUP_DRAFTS_DIR")

    # Telegram
    telegram_bot_token: str = ""
    telegram_api_base_url: str = "https://api.telegram.org/bot"
    telegram_webhook_url: str = ""
    telegram_webhook_secret: str = ""

    # Slack
    slack_bot_token: str = ""
    slack_app_token: str = ""
    slack_signing_secret: str = ""
    slack_api_url: str = "https://slack.com/api/"
    slack_client_id: str = ""
    slack_client_secret: str = ""

    # Mailboxes (opt-in): the Fernet key that encrypts mailbox passwords; empty turns the feature off.
    secret_key: SecretStr = Field(default=SecretStr(""), alias="FOLLOWUP_SECRET_KEY")
    # Seconds between inbox checks for servers without IMAP IDLE (and between IDLE renewals otherwise).
    mailbox_poll_seconds: float = Field(default=120.0, gt=0, alias="FOLLOWUP_MAILBOX_POLL")
    # Seconds a mail server gets to answer one step (connect, login, send) before we call it a timeout.
    mailbox_timeout_seconds: float = Field(default=20.0, gt=0, alias="FOLLOWUP_MAILBOX_TIMEOUT")

    # A language model (opt-in, bot/assist): any OpenAI-compatible chat-completions endpoint. Off unless a
    # base URL and a model are set AND a use is switched on; what is sent where is in the README.
    llm_base_url: str = Field(default="", alias="LLM_BASE_URL")
    llm_api_key: SecretStr = Field(default=SecretStr(""), alias="LLM_API_KEY")
    llm_model: str = Field(default="", alias="LLM_MODEL")
    # Seconds one model call may take in all (a slower one is abandoned and the built-in path answers).
    llm_timeout_seconds: float = Field(default=8.0, gt=0, le=120, alias="LLM_TIMEOUT")
    # After a call timed out or failed, the model is left alone for this many seconds (turns stay quick).
    llm_pause_seconds: float = Field(default=60.0, ge=0, alias="LLM_PAUSE_AFTER_FAILURE")
    llm_reading: bool = Field(default=False, alias="LLM_READING")  # read answers the field layer can't
    llm_writing: bool = Field(default=False, alias="LLM_WRITING")  # write the drafts (checked, with fallback)

    # HTTP listeners (Telegram webhook, Slack HTTP mode)
    host: str = "0.0.0.0"  # noqa: S104 - a bot's webhook listens on every interface by design
    port: int = 8080
    # /healthz and /metrics on their own port, in every mode (0: not served at all); never on PORT.
    health_port: int = Field(default=0, ge=0, le=65535)
    # The address the health listener binds: this machine only by default (a scraper on another host: 0.0.0.0).
    health_host: str = "127.0.0.1"
    # /healthz answers 503 once reminder deliveries have failed without a success for this long.
    health_max_failing: SpanSetting = Field(default=Span(seconds=15 * 60))

    @field_validator("database_url", mode="before")
    @classmethod
    def _database_url(cls, value: object) -> str:
        return normalise_database_url(str(value or ""))

    @field_validator("log_level", mode="before")
    @classmethod
    def _log_level(cls, value: object) -> str:
        text = str(value or "INFO").strip().upper()
        if text not in LOG_LEVELS:
            raise ValueError(f"{value!r} is not a log level: use {', '.join(LOG_LEVELS)}")
        return text

    @field_validator("log_format", mode="before")
    @classmethod
    def _log_format(cls, value: object) -> str:
        text = str(value or "logfmt").strip().lower()
        if text not in {"logfmt", "json"}:
            raise ValueError(f"{value!r} is not a log format: use logfmt (key=value) or json")
        return text

    def llm_use(self, use: str) -> bool:
        """Whether the operator turned the model on for `use` ("reading" or "writing")."""
        on = self.llm_reading if use == "reading" else self.llm_writing
        return bool(on and self.llm_base_url.strip() and self.llm_model.strip())

    def secret_values(self) -> list[str]:
        """Every secret these settings hold, for the logs to mask (bot/service/logs.py)."""
        from sqlalchemy.engine import make_url

        values = [
            self.telegram_bot_token,
            self.telegram_webhook_secret,
            self.slack_bot_token,
            self.slack_app_token,
            self.slack_signing_secret,
            self.slack_client_secret,
            *self.secret_key.get_secret_value().split(","),
            self.database_password.get_secret_value(),
            self.llm_api_key.get_secret_value(),
        ]
        if self.database_url:
            with contextlib.suppress(Exception):  # an unparsable URL is refused elsewhere, with its own message
                values.append(make_url(self.database_url).password or "")
        return [value.strip() for value in values if value and value.strip()]

    @property
    def resolved_database_url(self) -> str:
        """The URL to connect to: DATABASE_URL, else an SQLite file in the data directory."""
        if self.database_url:
            password = self.database_password.get_secret_value()
            if password and self.database_url.startswith("postgresql"):
                from sqlalchemy.engine import make_url

                return make_url(self.database_url).set(password=password).render_as_string(hide_password=False)
            return self.database_url
        return f"sqlite:///{self.data_dir / 'followup.sqlite3'}"

    def resolved_log_file(self, *, chat: bool = False) -> Path | None:
        """The log file: LOG_FILE, else one in the data directory for the terminal chat (whose
        terminal is the chat itself), else None (stderr)."""
        if self.log_file:
            return self.log_file
        return self.data_dir / "followup.log" if chat else None

    @property
    def resolved_drafts_dir(self) -> Path:
        return self.drafts_dir or self.data_dir / "drafts"


class SettingsError(RuntimeError):
    """Settings that cannot work; the message names the setting and what would work."""


ENV_FILE_VARIABLE = "FOLLOWUP_ENV_FILE"


def env_file() -> Path | None:
    """The .env file to read: $FOLLOWUP_ENV_FILE if set (it must exist), else ./.env if present."""
    given = os.environ.get(ENV_FILE_VARIABLE, "").strip()
    if given:
        path = Path(given).expanduser()
        if not path.is_file():
            raise SettingsError(
                f"{ENV_FILE_VARIABLE}={given} does not exist: point it at your settings file "
                "(a copy of .env.example), or unset it to read .env from the current folder."
            )
        return path
    local = Path(".env")
    return local if local.is_file() else None


def read_env_file(path: Path) -> list[str]:
    """Check that `path` can be read as a .env file; return a warning per line that cannot be parsed.

    A file saved as UTF-16 (Windows' Notepad, PowerShell's `>`) is refused with one line saying how to
    save it, instead of a UnicodeDecodeError; a UTF-8 byte-order mark is fine.
    """
    from dotenv.parser import parse_stream

    data = path.read_bytes()
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or (len(data) > 1 and b"\x00" in data[:200]):
        raise SettingsError(
            f"{path} is saved as UTF-16: save it again as UTF-8 (in Notepad: Save as, Encoding UTF-8; "
            "in PowerShell: Out-File -Encoding utf8)."
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SettingsError(
            f"{path} is not UTF-8 text (byte {exc.start} cannot be read): save it again as UTF-8."
        ) from None
    return [
        f"{path} line {binding.original.line} is not NAME=value and was skipped"
        for binding in parse_stream(io.StringIO(text))
        if binding.error
    ]


def load_settings(warnings: list[str] | None = None) -> Settings:
    """The settings from the environment and the .env file, or SettingsError with one line per bad setting.

    Lines of the .env file that cannot be parsed are skipped and said in `warnings` (file and line)."""
    path = env_file()
    if path is not None:
        found = read_env_file(path)
        if warnings is not None:
            warnings.extend(found)
    dotenv_log = logging.getLogger("dotenv.main")
    was_disabled, dotenv_log.disabled = dotenv_log.disabled, True  # its own warning names no file: ours does
    try:
        return Settings(_env_file=path, _env_file_encoding="utf-8-sig")
    except ValidationError as exc:
        lines = []
        for error in exc.errors():
            name = ".".join(str(part) for part in error["loc"]).upper() or "settings"
            message = str(error["msg"]).removeprefix("Value error, ")
            lines.append(f"{name}: {message}")  # never the input itself: it may be a secret
        raise SettingsError("bad setting: " + "; ".join(lines)) from None
    finally:
        dotenv_log.disabled = was_disabled
