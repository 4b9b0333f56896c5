"""The `followup-bot` command: chat, telegram, slack, run, db upgrade."""

from __future__ import annotations

import argparse
import asyncio
import logging
import signal
import sys
from collections.abc import Coroutine
from typing import Any

from bot.service.config import Settings, SettingsError, load_settings
from bot.service.logs import setup_logging


def version() -> str:
    """The installed package's version (the wheel's, or the checkout's editable install)."""
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as installed

    try:
        return installed("followup-bot")
    except PackageNotFoundError:
        return "unknown (not installed)"


# Each subcommand: (name, one line for the list, the longer text of `followup-bot NAME --help`).
COMMANDS: list[tuple[str, str, str]] = [
    (
        "chat",
        "chat in this terminal (no tokens needed)",
        "Chat with the bot in this terminal: buttons show as numbered choices, drafts are saved as .eml files. "
        "Everything goes to DATABASE_URL (an SQLite file by default); logs go to $FOLLOWUP_DATA_DIR/followup.log. "
        "Ctrl-D leaves; running it again resumes where you were.",
    ),
    (
        "telegram",
        "run the Telegram bot (TELEGRAM_BOT_TOKEN)",
        "Run the Telegram bot: long polling, or webhook mode with TELEGRAM_WEBHOOK_URL and TELEGRAM_WEBHOOK_SECRET "
        "(listening on HOST:PORT). Sends reminders too. See docs/telegram.md.",
    ),
    (
        "slack",
        "run the Slack app (SLACK_BOT_TOKEN, and SLACK_APP_TOKEN or SLACK_SIGNING_SECRET)",
        "Run the Slack app: Socket Mode with SLACK_APP_TOKEN, or HTTP mode with SLACK_SIGNING_SECRET (listening on "
        "HOST:PORT at /slack/events). Sends reminders too. See docs/slack.md.",
    ),
    (
        "run",
        "run every adapter whose settings are present, with one scheduler",
        "Run every adapter whose settings are present (Telegram, Slack) in one process with one reminder "
        "scheduler; what a service runs (docs/deploy.md). /healthz and /metrics are served on HEALTH_PORT.",
    ),
    (
        "bench",
        "run every benchmark and print the figures (a few minutes)",
        "Run the turn, reminder and Telegram benchmarks of bench/ one after the other (needs the source tree).",
    ),
    (
        "health",
        "ask a running bot's /healthz on HEALTH_PORT (exit 0 healthy, 1 not); for health checks",
        "Ask a running bot's GET /healthz on HEALTH_HOST:HEALTH_PORT and print its report: exit status 0 when "
        "healthy, 1 when not or not answering, 2 when HEALTH_PORT is not set. The container's HEALTHCHECK.",
    ),
    (
        "db",
        "database tasks (db upgrade: apply the migrations)",
        "Database tasks. `db upgrade` applies the migrations to DATABASE_URL (the bot also does it at start-up).",
    ),
]


def parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="followup-bot",
        description="Your follow-up coach after job interviews. Settings come from the environment and .env "
        "(see .env.example); `followup-bot COMMAND --help` says more about each command.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {version()}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    made = {name: sub.add_parser(name, help=short, description=long) for name, short, long in COMMANDS}
    made["chat"].add_argument("--user", help="who you are in the local chat (default: your login name)")
    made["bench"].add_argument("--quick", action="store_true", help="smaller sizes: 100,000 reminders, 10 debriefs")
    made["db"].add_argument("action", choices=["upgrade"], help="upgrade: apply the migrations")
    return parser


def main(argv: list[str] | None = None) -> int:
    parser_ = parser()
    args = parser_.parse_args(argv)

    warnings: list[str] = []
    try:
        settings = load_settings(warnings)  # FOLLOWUP_ENV_FILE, else ./.env, then the environment
    except SettingsError as exc:
        print(f"followup-bot: {exc}", file=sys.stderr)
        return 2
    for warning in warnings:
        print(f"followup-bot: warning: {warning}", file=sys.stderr)
    chat_mode = args.command == "chat"
    # The terminal chat's terminal is the chat: its logs go to a file, never between chat lines.
    setup_logging(
        settings.log_level,
        quiet=chat_mode,
        fmt=settings.log_format,
        file=settings.resolved_log_file(chat=chat_mode),
        secrets=settings.secret_values(),
    )

    if args.command == "bench":
        return run_benchmarks(quick=args.quick)
    if args.command == "health":
        return check_health(settings)
    try:
        return run_command(args, settings)
    except KeyboardInterrupt:
        return 0
    except Exception as exc:
        from bot.service.startup import SettingProblem, explain

        message = explain(exc, settings)
        if message is None:
            raise  # a bug, not a setting: keep the traceback
        print(f"followup-bot: {message}", file=sys.stderr)
        return 2 if isinstance(exc, SettingProblem) else 1  # 2: fix the setting, restarting will not help


def run_command(args: argparse.Namespace, settings: Settings) -> int:
    """Run one command; errors an operator can fix are RuntimeErrors (or database errors) with a clear message."""
    if args.command == "db":
        from bot.app import masked_url, upgrade  # the whole core: only when asked for

        upgrade(settings.resolved_database_url)
        print(f"Database is up to date: {masked_url(settings.resolved_database_url)}")  # never the password
        return 0
    if args.command == "chat":
        from adapters.console.chat import run

        asyncio.run(until_stopped(run(settings, args.user)))
    elif args.command == "telegram":
        from adapters.telegram.run import run

        asyncio.run(until_stopped(run(settings)))
    elif args.command == "slack":
        from adapters.slack.run import run

        asyncio.run(until_stopped(run(settings)))
    elif args.command == "run":
        from adapters import runner

        asyncio.run(until_stopped(runner.run_all(settings)))
    return 0


def check_health(settings: Settings) -> int:
    """Print a running bot's health report; the exit status says whether it is healthy."""
    from bot.service.health import probe

    if not settings.health_port:
        print(
            "followup-bot: HEALTH_PORT is not set: set it (e.g. 8081) for the bot and for this check.", file=sys.stderr
        )
        return 2
    status, text = probe(settings.health_host, settings.health_port)
    print(text if status == 0 else f"followup-bot: unhealthy: {text}", file=sys.stdout if status == 0 else sys.stderr)
    return status


async def until_stopped(work: Coroutine[Any, Any, None]) -> None:
    """Run `work`; SIGTERM (a service manager stopping us) cancels it, so its cleanup runs as on Ctrl-C."""
    task = asyncio.ensure_future(work)
    loop = asyncio.get_running_loop()
    loop.add_signal_handler(signal.SIGTERM, task.cancel)
    try:
        await task
    except asyncio.CancelledError:
        logging.getLogger("adapters.cli").info("stopped")
    finally:
        loop.remove_signal_handler(signal.SIGTERM)


def run_benchmarks(*, quick: bool) -> int:
    """The turn, reminder and Telegram benchmarks of bench/, one after the other, in one run."""
    import subprocess
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    if not (root / "bench").is_dir():
        print("followup-bot bench needs the source tree (the bench/ folder beside adapters/).", file=sys.stderr)
        return 2
    runs = [
        ["-m", "bench.turns_bench", *(["--debriefs", "10"] if quick else [])],
        ["-m", "bench.reminders_bench", *(["--reminders", "100000", "--apscheduler-jobs", "10000"] if quick else [])],
        ["bench/telegram_bench.py", *(["--users", "30", "--rounds", "1"] if quick else [])],
    ]
    for run in runs:
        print(f"\n$ python {' '.join(run)}", flush=True)
        code = subprocess.call([sys.executable, *run], cwd=root)  # noqa: S603 - our own scripts
        if code:
            return code
    return 0


if __name__ == "__main__":
    sys.exit(main())
