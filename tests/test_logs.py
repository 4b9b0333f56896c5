"""Log lines parse back: logfmt through a logfmt parser (go-logfmt rules), JSON through json."""

from __future__ import annotations

import io
import json
import logging

import logfmtkv
import pytest

from bot.service.logs import formatter

TRICKY = [
    'spaces, "quotes" and a back\\slash',
    "two\nlines",  # a newline and no space
    "tab\there",
    "key=value inside",
    "ünïcode ✅",
    "",
    "plain",
    "\r\x00\x1b[31m",
]


def last_line(value: str) -> str:
    return f"ValueError: {value}" if value else "ValueError"  # how Python ends the traceback


def log_lines(fmt: str, value: str) -> list[str]:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(formatter(fmt))
    logger = logging.getLogger(f"test.logs.{fmt}")
    logger.propagate = False
    logger.handlers = [handler]
    logger.setLevel(logging.INFO)
    logger.info("reminder not delivered error=%s", value, extra={"user": "telegram:1", "detail": value})
    try:
        raise ValueError(value)
    except ValueError:
        logger.exception("turn failed")
    return stream.getvalue().splitlines()


@pytest.mark.parametrize("value", TRICKY)
def test_logfmt_values_round_trip(value):
    first, second = log_lines("logfmt", value)  # exactly one line per event, whatever the value holds
    record = logfmtkv.parse(first, strict=True)
    assert record["level"] == "info"
    assert record["logger"] == "test.logs.logfmt"
    assert record["msg"] == f"reminder not delivered error={value}"
    assert record["detail"] == value
    assert record["user"] == "telegram:1"
    assert record["ts"].endswith("Z")
    failure = logfmtkv.parse(second, strict=True)
    assert failure["level"] == "error"
    assert failure["exception"].startswith("Traceback (most recent call last):")
    assert failure["exception"].endswith(last_line(value))


@pytest.mark.parametrize("value", TRICKY)
def test_json_values_round_trip(value):
    first, second = log_lines("json", value)
    record = json.loads(first)
    assert record["msg"] == f"reminder not delivered error={value}"
    assert record["detail"] == value
    assert (record["level"], record["user"]) == ("info", "telegram:1")
    assert json.loads(second)["exception"].endswith(last_line(value))
