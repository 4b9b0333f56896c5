"""Structured logs: one line per event, `key=value` pairs, user keys but never message texts."""

from __future__ import annotations

import logging
import sys
from pathlib import Path


def setup_logging(level: str = "INFO", *, quiet: bool = False, file: Path | None = None) -> None:
    """Log at LOG_LEVEL to `file` (appended) or stderr; `quiet` keeps only warnings."""
    numeric = getattr(logging, level.upper(), logging.INFO)
    if quiet:
        numeric = max(numeric, logging.WARNING)
    if file is not None:
        file.parent.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = logging.FileHandler(file, encoding="utf-8")
    else:
        handler = logging.StreamHandler(sys.stderr)
    logging.basicConfig(
        level=numeric,
        handlers=[handler],
        format="ts=%(asctime)s level=%(levelname)s logger=%(name)s msg=%(message)s",
        force=True,
    )
    for noisy in ("apscheduler", "httpx", "aiosqlite", "sqlalchemy.engine"):
        logging.getLogger(noisy).setLevel(max(numeric, logging.WARNING))
