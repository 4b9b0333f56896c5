"""Structured logs: one line per event, `key=value` pairs, user keys but never message texts."""

from __future__ import annotations

import logging
import sys


def setup_logging(level: str = "INFO", *, quiet: bool = False) -> None:
    """Log to stderr at LOG_LEVEL; the terminal chat only shows warnings so the chat stays readable."""
    numeric = getattr(logging, level.upper(), logging.INFO)
    if quiet:
        numeric = max(numeric, logging.WARNING)
    logging.basicConfig(
        level=numeric,
        stream=sys.stderr,
        format="ts=%(asctime)s level=%(levelname)s logger=%(name)s msg=%(message)s",
        force=True,
    )
    # aioimaplib logs raw protocol lines (LOGIN included) at DEBUG: never let them through.
    for noisy in ("apscheduler", "httpx", "aiosqlite", "sqlalchemy.engine", "aioimaplib", "aiosmtplib"):
        logging.getLogger(noisy).setLevel(max(numeric, logging.WARNING))
