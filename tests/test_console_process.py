"""The real `followup-bot chat` process over stdin/stdout: a full debrief, a kill and a restart."""

from __future__ import annotations

import email
import os
import signal
import subprocess
import sys
import time
from datetime import UTC, datetime
from email import policy
from pathlib import Path

import pytest
from sqlalchemy import select

from bot.store.db import make_sync_engine
from bot.store.models import Reminder, ReminderState
from tests.support.processes import Output, wait_until
from tests.support.scripts import Expects, debriefing, expect_in_order, onboarding, typed_lines

pytestmark = pytest.mark.slow

# The terminal says /start by itself; the real clock runs, so the interview was "just now".
ONBOARDING = onboarding()[1:]
DEBRIEF = debriefing(
    when="just now",
    assessment="Rough",
    clarification="I undersold my system design experience",  # a slip with what it was about: said once
    decision=None,
    theirs=None,
    write_drafts=True,
)
GREETING = "What would you like to do?"  # the greeting of a known user with no debrief under way
# Fast reminders, and a scheduler that looks for due rows every 0.2 s instead of every 30 s.
FAST = {"FOLLOWUP_FIRST_REMINDER_AFTER": "1s", "FOLLOWUP_QUIET_HOURS": "off", "FOLLOWUP_SAFETY_INTERVAL": "0.2"}


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
    out = chat(tmp_path, typed_lines(ONBOARDING + DEBRIEF))
    expect_in_order(out, ONBOARDING + DEBRIEF)
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
    script = ONBOARDING + DEBRIEF
    asked = script.index(Expects("Jane Doe's email")) + 1
    added = script.index(Expects("anyone else")) + 1
    proc = start_chat(tmp_path)
    assert proc.stdin is not None and proc.stdout is not None
    output = Output(proc.stdout)
    proc.stdin.write("".join(line + "\n" for line in typed_lines(script[:asked])))
    proc.stdin.flush()
    output.wait_for("Jane Doe's email")
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=10)

    out = chat(tmp_path, typed_lines(script[asked:added]))
    assert "Welcome back" in out
    assert "What's Jane Doe's email address?" in out  # the same question, answers kept
    assert "Added Jane Doe (Hiring manager)" in out
    expect_in_order(out, script[asked:added])


def first_reminders(tmp_path: Path) -> list[tuple[str, datetime]]:
    """The state and due time of each interviewer's first reminder, as the chat's database holds them."""
    engine = make_sync_engine(f"sqlite:///{tmp_path / 'chat.sqlite3'}")
    try:
        with engine.connect() as conn:
            query = select(Reminder.state, Reminder.send_after).where(Reminder.label == "first")
            return [(state, due) for state, due in conn.execute(query)]
    finally:
        engine.dispose()


def test_a_reminder_due_while_the_bot_was_stopped_is_sent_once_after_restart(tmp_path):
    chat(tmp_path, typed_lines(ONBOARDING + DEBRIEF), **FAST)
    planned = first_reminders(tmp_path)
    assert len(planned) == 2 and {state for state, _ in planned} == {ReminderState.SCHEDULED}
    # The first reminders fall due while nothing runs.
    latest = max(due for _, due in planned).replace(tzinfo=UTC)
    wait_until(lambda: datetime.now(UTC) > latest, 10, what="the reminders to fall due")

    def start() -> tuple[subprocess.Popen, Output]:
        proc = subprocess.Popen(
            [sys.executable, "-m", "adapters.cli", "chat", "--user", "ada"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env=env_for(tmp_path, **FAST),
            cwd=Path(__file__).resolve().parents[1],
        )
        assert proc.stdout is not None
        return proc, Output(proc.stdout)

    def finish(proc: subprocess.Popen, output: Output) -> str:
        proc.communicate(input="", timeout=30)
        return output.join()

    proc, output = start()
    output.wait_for("🔔 Reminder", count=2)
    wait_until(lambda: {state for state, _ in first_reminders(tmp_path)} == {ReminderState.SENT}, 30, what="sent")
    output.wait_for(GREETING)
    time.sleep(1)  # five more wakes of the scheduler (every 0.2 s): a repeat would show now
    first = finish(proc, output)
    assert first.count("🔔 Reminder") == 2
    assert "thank-you email to Jane Doe" in first and "thank-you email to Bob Stone" in first

    proc, output = start()
    output.wait_for(GREETING)
    time.sleep(1)  # five wakes of the scheduler: nothing is due any more
    second = finish(proc, output)
    assert GREETING in second
    assert "🔔 Reminder" not in second  # never repeated


def test_sigterm_stops_the_chat_cleanly(tmp_path):
    proc = start_chat(tmp_path)
    assert proc.stdout is not None
    Output(proc.stdout).wait_for("what name")
    proc.send_signal(signal.SIGTERM)
    assert proc.wait(timeout=30) == 0
