"""Database URLs as an operator writes them: checked, normalised, and shown without the password."""

from __future__ import annotations

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

EXAMPLES = "sqlite:////path/to/followup.sqlite3 or postgresql+psycopg://user:password@host:5432/dbname"
# What hosting providers hand out (Heroku, Render, Fly...) and what psycopg itself accepts.
POSTGRES_PREFIXES = ("postgres://", "postgresql://", "postgresql+psycopg2://", "postgresql+psycopg://")


def normalise_database_url(url: str) -> str:
    """`url` with PostgreSQL spelt for psycopg 3; ValueError (without the URL: it may hold a password)."""
    url = url.strip()
    if not url:
        return ""
    for prefix in POSTGRES_PREFIXES:
        if url.startswith(prefix):
            url = "postgresql+psycopg://" + url.removeprefix(prefix)
            break
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise ValueError(f"not a database URL: use {EXAMPLES}") from None
    backend = parsed.get_backend_name()
    if backend not in {"sqlite", "postgresql"}:
        raise ValueError(f"{backend!r} databases are not supported: use {EXAMPLES}")
    if backend == "sqlite" and parsed.drivername not in {"sqlite", "sqlite+aiosqlite", "sqlite+pysqlite"}:
        raise ValueError(f"driver {parsed.drivername!r} is not supported: use {EXAMPLES}")
    if parsed.host and "@" in parsed.host:  # `user:p@ss@host`: SQLAlchemy splits at the first @, the rest is "host"
        raise ValueError(
            "the password holds an @ that is not percent-encoded: write it as %40, "
            "or leave the password out of the URL and set DATABASE_PASSWORD (any characters)"
        )
    if backend == "postgresql" and not parsed.host and not parsed.query.get("host"):
        raise ValueError(f"the PostgreSQL URL names no host: use {EXAMPLES}")
    return url


def masked(url: str) -> str:
    """The URL to show in messages and logs: the password replaced by ***."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return "(not a URL)"
