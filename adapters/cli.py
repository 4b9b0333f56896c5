"""The `followup-bot` command: chat, telegram, slack, run, db upgrade."""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys

from bot.config import Settings
from bot.logs import setup_logging


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="followup-bot", description="Your follow-up coach after job interviews.")
    sub = parser.add_subparsers(dest="command", required=True)
    chat = sub.add_parser("chat", help="chat in this terminal (no tokens needed)")
    chat.add_argument("--user", help="who you are in the local chat (default: your login name)")
    sub.add_parser("telegram", help="run the Telegram bot (TELEGRAM_BOT_TOKEN)")
    sub.add_parser("slack", help="run the Slack app (SLACK_BOT_TOKEN, and SLACK_APP_TOKEN or SLACK_SIGNING_SECRET)")
    sub.add_parser("run", help="run every adapter whose settings are present, with one scheduler")
    db = sub.add_parser("db", help="database tasks")
    db.add_argument("action", choices=["upgrade"])
    args = parser.parse_args(argv)

    try:
        settings = Settings()
    except Exception as exc:  # pydantic's message names the bad setting
        print(f"followup-bot: bad setting: {exc}", file=sys.stderr)
        return 2
    setup_logging(settings.log_level, quiet=args.command == "chat")

    if args.command == "db":
        from bot.store.db import upgrade

        upgrade(settings.resolved_database_url)
        print(f"Database is up to date: {settings.resolved_database_url}")
        return 0
    try:
        if args.command == "chat":
            from adapters import console

            asyncio.run(console.run(settings, args.user))
        elif args.command == "telegram":
            from adapters import telegram

            asyncio.run(telegram.run(settings))
        elif args.command == "slack":
            from adapters import slack

            asyncio.run(slack.run(settings))
        elif args.command == "run":
            from adapters import runner

            asyncio.run(runner.run_all(settings))
    except KeyboardInterrupt:
        return 0
    except SystemExit:
        raise
    except RuntimeError as exc:
        logging.getLogger("followup").error("%s", exc)
        print(f"followup-bot: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
