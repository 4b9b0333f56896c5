"""The bot's Prometheus metrics, in one place; the core and the dispatcher count with one-line calls.

Served at GET /metrics (bot/service/health.py) in the Prometheus text format by `prometheus-client`.
Counters are per process; Prometheus sums them over the bot's processes.
"""

from __future__ import annotations

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    PlatformCollector,
    ProcessCollector,
    generate_latest,
)

# The bot's own registry (not the library's global one), plus the process metrics Prometheus users expect.
REGISTRY = CollectorRegistry(auto_describe=True)
ProcessCollector(registry=REGISTRY)
PlatformCollector(registry=REGISTRY)

TURNS = Counter("followup_turns", "Chat turns handled (messages, taps, forms)", ["kind"], registry=REGISTRY)
TURN_SECONDS = Histogram(
    "followup_turn_seconds",
    "Time to handle one turn, from the event to its replies",
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
    registry=REGISTRY,
)
REMINDERS_DUE = Gauge(
    "followup_reminders_due",
    "Reminders due now and not sent yet (for the platforms this process serves)",
    registry=REGISTRY,
)
REMINDERS_SENT = Counter("followup_reminders_sent", "Reminders the platform accepted", registry=REGISTRY)
REMINDER_RETRIES = Counter(
    "followup_reminder_retries",
    "Reminder sends the platform refused or that broke off, put back to be tried again after a backoff",
    ["platform"],
    registry=REGISTRY,
)
REMINDERS_FAILED = Counter(
    "followup_reminders_failed",
    "Reminders given up on after FOLLOWUP_MAX_DELIVERY_ATTEMPTS sends (each counts once; the user is told)",
    ["platform"],
    registry=REGISTRY,
)
REMINDERS_PAUSED = Counter(
    "followup_reminders_paused",
    "Reminders held because the user blocked the bot or left (sent once they /start again)",
    ["platform"],
    registry=REGISTRY,
)
REMINDERS_LATE = Counter(
    "followup_reminders_late", "Reminders sent well after their planned time (the bot was down)", registry=REGISTRY
)
SEND_ATTEMPTS = Counter(
    "followup_reminder_send_attempts",
    "Every reminder send handed to a platform, by what came of it: sent, retry, failed (given up), paused",
    ["platform", "result"],
    registry=REGISTRY,
)

MODEL_CALLS = Counter(
    "followup_model_calls",
    "Calls to the language model, by use (reading, writing) and result (ok, timeout, error, refused, paused)",
    ["use", "result"],
    registry=REGISTRY,
)
MODEL_FALLBACKS = Counter(
    "followup_model_fallbacks",
    "Times the built-in path answered instead of the model, by use and reason",
    ["use", "reason"],
    registry=REGISTRY,
)
MODEL_SECONDS = Histogram(
    "followup_model_seconds",
    "Time one language-model call took (failures included)",
    ["use"],
    buckets=(0.25, 0.5, 1, 2, 4, 8, 15, 30, 60),
    registry=REGISTRY,
)


SEND_RESULTS = ("sent", "retry", "failed", "paused")


def serve_platform(platform: str) -> None:
    """Start this platform's labelled counters at 0. A labelled series that first appears already at 1 has no
    earlier sample, so Prometheus' `increase(followup_reminders_failed_total[1h]) > 0` would miss the first
    give-up after every start (the README's alert); at 0 from the start, it sees the step from 0 to 1."""
    for counter in (REMINDER_RETRIES, REMINDERS_FAILED, REMINDERS_PAUSED):
        counter.labels(platform)
    for result in SEND_RESULTS:
        SEND_ATTEMPTS.labels(platform, result)


def render() -> tuple[bytes, str]:
    """The metrics page and its content type."""
    return generate_latest(REGISTRY), CONTENT_TYPE_LATEST
