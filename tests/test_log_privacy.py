"""What the logs hold, read back as an operator would: fields to query by, and never a message text or a secret,
whatever a library logs."""

from __future__ import annotations

import ast
import json
import logging
from pathlib import Path

import pytest

from bot.service.logs import WITHHELD, scrub_foreign, setup_logging
from tests.support.fake_slack import SECRET, FakeSlack, running_slack, settings_for
from tests.support.recording import RecordingSender
from tests.support.seeds import seed_due_reminders

MARKER = "zebra-marmalade-4471 my salary was 93k"  # what a user typed: must never reach a log line
ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def log_file(tmp_path):
    """The real logging set-up (as `followup-bot` does it) writing JSON to a file; the old one back afterwards."""
    root = logging.getLogger()
    saved = (list(root.handlers), root.level)
    path = tmp_path / "bot.log"
    yield path
    for handler in list(root.handlers):
        root.removeHandler(handler)
        handler.close()
    for handler in saved[0]:
        root.addHandler(handler)
    root.setLevel(saved[1])


def records(path: Path) -> list[dict]:
    for handler in logging.getLogger().handlers:
        handler.flush()
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.mark.parametrize("level", ["INFO", "DEBUG"])
async def test_a_badly_signed_slack_request_leaves_no_message_text_in_the_logs(tmp_path, log_file, level):
    fake = await FakeSlack().start()
    secrets = settings_for(fake, tmp_path).secret_values()
    setup_logging(level, fmt="json", file=log_file, secrets=secrets)  # before the app, as `followup-bot` does
    try:
        async with running_slack(fake, tmp_path) as slack:
            status, _, _ = await slack.side.dm("U1", MARKER, secret="a-rotated-signing-secret")
            assert status == 401
            # A well signed one too, at DEBUG the libraries log their requests and answers.
            status, _, _ = await slack.side.dm("U1", MARKER)
            assert status == 200
            await slack.bot.drain()
    finally:
        await fake.stop()
    text = log_file.read_text(encoding="utf-8")
    assert "zebra-marmalade" not in text
    assert "93k" not in text
    assert SECRET not in text
    assert slack.app.settings.slack_bot_token not in text
    refused = [r for r in records(log_file) if "signature" in r["msg"].lower()]
    assert refused, text  # the operator still learns that a request was refused
    assert refused[0]["msg"].endswith(WITHHELD)


def test_a_library_message_keeps_its_words_up_to_the_payload():
    said = "Invalid request signature detected (signature: v0=abc, timestamp: 1, body: text=hello)"
    assert scrub_foreign(said) == f"Invalid request signature detected {WITHHELD}"
    assert scrub_foreign("Unhandled request ({'type': 'event_callback'})") == f"Unhandled request {WITHHELD}"
    assert scrub_foreign("Application started") == "Application started"
    # PTB's lifecycle lines name a method: kept whole, so an operator reads that the bot stopped cleanly.
    assert scrub_foreign("Application.stop() complete") == "Application.stop() complete"
    assert scrub_foreign("Calling stop() with (secret text)") == f"Calling stop() with {WITHHELD}"


def test_a_library_field_keeps_no_query_string(log_file):
    """aiohttp's access log puts the request line in a field of its own: Slack's OAuth redirect carries a code."""
    setup_logging("INFO", fmt="json", file=log_file)
    logging.getLogger("aiohttp.access").info(
        '127.0.0.1 [07/Dec/2026:11:50:13 +0000] "GET /slack/oauth_redirect?code=4471-oauth-code&state=s1 HTTP/1.1"',
        extra={
            "first_request_line": "GET /slack/oauth_redirect?code=4471-oauth-code&state=s1 HTTP/1.1",
            "request_header": {"Referer": "https://example.slack.com/oauth?code=4471-oauth-code"},
            "response_status": 200,
        },
    )
    (line,) = records(log_file)
    assert "4471-oauth-code" not in json.dumps(line)
    assert line["first_request_line"] == f"GET /slack/oauth_redirect?{WITHHELD} HTTP/1.1"
    assert line["response_status"] == 200


def test_secrets_are_masked_in_every_line_whoever_logs_them(log_file):
    token = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw"
    setup_logging("INFO", fmt="json", file=log_file, secrets=[token, "pw-with-@#%"])
    logging.getLogger("telegram.ext").warning("POST https://api.telegram.org/bot%s/getMe failed", token)
    logging.getLogger("bot.followups").warning("refused", extra={"url": f"postgresql://u:pw-with-@#%@h/db {token}"})
    try:
        raise ValueError(f"the token {token} was rejected")
    except ValueError:
        logging.getLogger("adapters.telegram").exception("start-up failed")
    text = log_file.read_text(encoding="utf-8")
    assert token not in text and "pw-with-@#%" not in text
    assert text.count("***") >= 3


async def test_json_logs_can_be_queried_by_user_reminder_platform_and_kind(app, clock, log_file):
    setup_logging("INFO", fmt="json", file=log_file)
    sender = RecordingSender()
    app.add_sender(sender)
    await seed_due_reminders(app, 2, clock(), users=2)
    sender.fail_next = 2
    await app.dispatch_due()
    clock.advance(hours=1)
    await app.dispatch_due()
    lines = records(log_file)
    retried = [r for r in lines if r["msg"] == "reminder not delivered"]
    assert len(retried) == 2, lines
    for record in retried:
        assert record["user"].startswith("console:")
        assert isinstance(record["reminder"], int)
        assert record["platform"] == "console"
        assert record["kind"]  # the follow-up's kind, e.g. thank_you
        assert record["level"] == "warning"
    one_user = retried[0]["user"]
    assert [r["reminder"] for r in lines if r.get("user") == one_user and "reminder" in r] == [retried[0]["reminder"]]
    assert any(r["msg"] == "reminders sent" and r["count"] == 2 for r in lines)


def _log_calls(tree: ast.AST):
    levels = {"debug", "info", "warning", "error", "exception", "critical"}
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in levels
            and isinstance(node.func.value, ast.Name)
            and node.func.value.id in {"log", "logger", "logging"}
        ):
            yield node


def test_no_log_call_formats_its_fields_into_the_message():
    """Fields go in `extra`, so JSON logs can be filtered by them; the message is a fixed phrase."""
    offenders = []
    for path in sorted([*ROOT.glob("bot/**/*.py"), *ROOT.glob("adapters/**/*.py")]):
        for call in _log_calls(ast.parse(path.read_text(encoding="utf-8"))):
            message = call.args[0] if call.args else None
            formatted = len(call.args) > 1 or isinstance(message, ast.JoinedStr)
            if isinstance(message, ast.Constant) and isinstance(message.value, str):
                formatted = formatted or "%" in message.value or "=" in message.value
            if formatted:
                offenders.append(f"{path.relative_to(ROOT)}:{call.lineno}")
    assert not offenders, offenders


def test_no_field_name_clashes_with_what_logging_keeps_for_itself():
    """`extra={"name": ...}` (or "message", "args", "module"...) makes logging raise at that call: none may."""
    reserved = set(vars(logging.LogRecord("n", 0, "p", 0, "m", (), None))) | {"message", "asctime"}
    clashes = []
    for path in sorted([*ROOT.glob("bot/**/*.py"), *ROOT.glob("adapters/**/*.py")]):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.keyword) and node.arg == "extra" and isinstance(node.value, ast.Dict):
                clashes += [
                    f"{path.relative_to(ROOT)}:{node.value.lineno} {key.value}"
                    for key in node.value.keys
                    if isinstance(key, ast.Constant) and key.value in reserved
                ]
    assert not clashes, clashes
