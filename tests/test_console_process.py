"""The real `followup-bot chat` process over stdin/stdout: a full debrief, a kill and a restart."""

from __future__ import annotations

import email
import os
import signal
import subprocess
import sys
import time
from email import policy
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

ONBOARD = ["Ada Lovelace", "Berlin"]
DEBRIEF_START = ["/new", "Acme <Corp> & Co", "Data Engineer", "just now"]  # the real clock: any hour works
PEOPLE = [
    "Jane Doe", "Hiring manager", "jane@acme.example", "+49 30 901820", "1",  # 1: add another person
    "Bob Stone", "Tech lead", "bob@acme.example", "/skip", "2",  # 2: that's everyone
]  # fmt: skip
REST = [
    "How the team splits on-call work.",
    "Migrating 200 legacy pipelines to streaming without downtime.",
    "I led a similar migration at Beta GmbH.",
    "3",  # rough
    "I froze on the system design question",
    "A take-home exercise",
    "Not sure",  # a typed label taps the button
    "writing samples", "friday", "That's all",
    "Nothing",
    "Write the drafts",
]  # fmt: skip


def env_for(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("FOLLOWUP_", "DATABASE_URL"))}
    env.update(
        DATABASE_URL=f"sqlite:///{tmp_path / 'chat.sqlite3'}",
        FOLLOWUP_DATA_DIR=str(tmp_path / "data"),
        FOLLOWUP_DRAFTS_DIR=str(tmp_path / "drafts"),
        TZ="Europe/Berlin",
        **extra,
    )
    return env


def start_chat(tmp_path: Path) -> subprocess.Popen:
    """The chat as a running process with pipes, for tests that signal or kill it."""
    return subprocess.Popen(
        [sys.executable, "-m", "adapters.cli", "chat", "--user", "ada"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env_for(tmp_path),
        cwd=Path(__file__).resolve().parents[1],
    )


def chat(tmp_path: Path, lines: list[str], **extra: str) -> str:
    """Run the chat with these lines as input, until end of input; return what it printed."""
    result = subprocess.run(
        [sys.executable, "-m", "adapters.cli", "chat", "--user", "ada"],
        input="\n".join(lines) + "\n",
        capture_output=True,
        text=True,
        timeout=120,
        env=env_for(tmp_path, **extra),
        cwd=Path(__file__).resolve().parents[1],
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_a_complete_debrief_in_the_terminal_yields_two_personal_drafts_and_eml_files(tmp_path):
    out = chat(tmp_path, ONBOARD + DEBRIEF_START + PEOPLE + REST)
    assert "Here are your thank-you emails" in out
    assert "Bye!" in out  # end of input exits cleanly
    files = sorted((tmp_path / "drafts").glob("*.eml"))
    assert [f.name for f in files] == ["thank-you-bob-stone.eml", "thank-you-jane-doe.eml"]
    bodies = []
    for path in files:
        message = email.message_from_bytes(path.read_bytes(), policy=policy.default)
        assert message["X-Unsent"] == "1"
        body = message.get_content()
        assert "Ada Lovelace" in body and len(body.split()) <= 150
        assert body.count("system design") == 1  # the clarification, once
        bodies.append(body)
    assert bodies[0] != bodies[1]
    assert "saved: " + str(tmp_path / "drafts") in out


def test_killing_the_process_mid_debrief_resumes_at_the_same_question(tmp_path):
    proc = start_chat(tmp_path)
    assert proc.stdin is not None and proc.stdout is not None
    for line in [*ONBOARD, *DEBRIEF_START, "Jane Doe", "Hiring manager"]:
        proc.stdin.write(line + "\n")
    proc.stdin.flush()
    deadline = time.monotonic() + 60
    seen = ""
    while "Jane Doe's email" not in seen and time.monotonic() < deadline:
        seen += proc.stdout.readline()
    assert "Jane Doe's email" in seen
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=10)

    out = chat(tmp_path, ["jane@acme.example", "/skip", "2"])
    assert "Welcome back" in out
    assert "What's Jane Doe's email address?" in out  # the same question, answers kept
    assert "Added Jane Doe (Hiring manager)" in out


def test_a_reminder_due_while_the_bot_was_stopped_is_sent_once_after_restart(tmp_path):
    fast = {"FOLLOWUP_FIRST_REMINDER_AFTER": "1s", "FOLLOWUP_QUIET_HOURS": "off"}
    chat(tmp_path, ONBOARD + DEBRIEF_START + PEOPLE + REST, **fast)
    time.sleep(2)  # the first reminders fall due while nothing runs

    def run_for(seconds: float) -> str:
        proc = subprocess.Popen(
            [sys.executable, "-m", "adapters.cli", "chat", "--user", "ada"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env=env_for(tmp_path, **fast),
            cwd=Path(__file__).resolve().parents[1],
        )
        time.sleep(seconds)
        out, _ = proc.communicate(input="", timeout=30)
        return out

    first = run_for(6)
    assert first.count("🔔 Reminder") == 2
    assert "thank-you email to Jane Doe" in first and "thank-you email to Bob Stone" in first
    second = run_for(4)
    assert "🔔 Reminder" not in second  # never repeated


def test_sigterm_stops_the_chat_cleanly(tmp_path):
    proc = start_chat(tmp_path)
    assert proc.stdout is not None
    deadline = time.monotonic() + 60
    first = ""
    while "what name" not in first and time.monotonic() < deadline:
        first += proc.stdout.readline()
    proc.send_signal(signal.SIGTERM)
    assert proc.wait(timeout=30) == 0
