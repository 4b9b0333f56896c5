"""Start-up failures an operator can fix, as one or two plain lines naming the setting (no traceback).

`explain(exc, settings)` returns that message, or None for a real bug, which keeps its traceback.
"""

from __future__ import annotations

from alembic.util.exc import CommandError
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError

from bot.service.config import Settings, SettingsError
from bot.store.urls import EXAMPLES, masked


class SettingProblem(RuntimeError):
    """A setting that is missing, malformed or refused (a token the platform does not know): starting again
    cannot help, so `followup-bot` exits with status 2, like a setting that cannot be read, and systemd's
    RestartPreventExitStatus=2 stops the unit instead of restarting it every few seconds."""


def _first_line(exc: BaseException) -> str:
    text = str(getattr(exc, "orig", None) or exc).strip()
    return text.splitlines()[0].strip() if text else type(exc).__name__


def explain(exc: BaseException, settings: Settings | None) -> str | None:
    """The operator's message for a start-up failure, or None when it is not a configuration problem."""
    url = masked(settings.resolved_database_url) if settings is not None else "DATABASE_URL"
    if isinstance(exc, DBAPIError):
        return (
            f"Cannot use the database {url}: {_first_line(exc)}.\n"
            "Check DATABASE_URL (host, port, user, password, database name) and that the server runs and accepts "
            "connections from here."
        )
    if isinstance(exc, ArgumentError | NoSuchModuleError):
        return f"DATABASE_URL is not usable ({_first_line(exc)}): use {EXAMPLES}."
    if isinstance(exc, CommandError):
        return (
            f"The database {url} cannot be migrated by this version ({_first_line(exc)}); "
            "it may have been migrated by a newer version of the bot: upgrade the bot, or point DATABASE_URL elsewhere."
        )
    if isinstance(exc, SettingsError | RuntimeError):
        return str(exc)
    return None
