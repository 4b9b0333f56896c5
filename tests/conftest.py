"""Shared fixtures: no internet for any test, a migrated database on SQLite and on PostgreSQL, an app
with a settable clock. Fakes, drivers and conversation scripts live in `tests/support/`.

Also how a run is made up (see README, "Tests"): the tests run on several processes (pytest-xdist, `-n` in
pyproject.toml); the `slow` and `measure` tests are left to CI unless CI=true, FOLLOWUP_FULL=1, `-m` or test paths are
given; `exclusive` tests run while no other test of the run does.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import socket
import sys
import tempfile
from pathlib import Path

# Compiled modules (and pytest's rewritten test modules) are kept in __pycache__ even where the machine sets
# PYTHONDONTWRITEBYTECODE: without them each of the run's processes compiles the bot and the tests again
# (about 4 s of CPU each, five processes a run).
sys.dont_write_bytecode = False

import psycopg
import pytest
import pytest_asyncio

from bot.app import Followup
from bot.common.clock import FakeClock
from bot.conversation import flows
from bot.service.config import Settings
from bot.store.db import upgrade
from tests.support import no_internet
from tests.support.databases import IN_CI, PG_ADMIN, START, require_postgres, truncate

# Every move a test makes is checked against what its handler's entry declares: an undeclared one raises.
flows.STRICT = True

CHILD_GUARD = Path(__file__).resolve().parent / "support" / "child_guard"

# ---- how a run is made up -----------------------------------------------------------------------

FULL_ENV = "FOLLOWUP_FULL"
# The markers of the tests a default run leaves to CI: real processes and the real clock (`slow`), and the
# persona tables that measure first-time understanding (`measure`; the dev tables of the same kind stay).
CI_ONLY = ("slow", "measure")


def _run_everything(config: pytest.Config) -> bool:
    """CI=true, FOLLOWUP_FULL=1, a marker expression (`-m slow`, `-m "not fuzz"`) or test paths named on the
    command line run every selected test; a bare `python -m pytest` leaves the `slow` ones to CI."""
    if hasattr(config, "workerinput"):  # an xdist worker: the controller decided, from its own command line
        return config.workerinput["followup_full"]
    return (
        IN_CI
        or os.environ.get(FULL_ENV, "").lower() in {"1", "true", "yes"}
        or bool(config.option.markexpr)
        or config.args_source == pytest.Config.ArgsSource.ARGS
    )


@pytest.hookimpl(optionalhook=True)
def pytest_configure_node(node) -> None:
    """xdist controller -> each worker: the decision above and the folder of the run's `exclusive` lock."""
    node.workerinput["followup_full"] = _run_everything(node.config)
    node.workerinput["followup_lock_dir"] = _lock_dir(node.config)


def _lock_dir(config: pytest.Config) -> str:
    if not hasattr(config, "_followup_lock_dir"):
        config._followup_lock_dir = tempfile.mkdtemp(prefix="followup-tests-")
    return config._followup_lock_dir


def pytest_unconfigure(config: pytest.Config) -> None:
    if hasattr(config, "_followup_lock_dir"):
        shutil.rmtree(config._followup_lock_dir, ignore_errors=True)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    left = (
        [] if _run_everything(config) else [item for item in items if any(item.get_closest_marker(m) for m in CI_ONLY)]
    )
    if left:
        keep = set(left)
        items[:] = [item for item in items if item not in keep]
        config.hook.pytest_deselected(items=left)
    config._followup_left_to_ci = len(left)
    if hasattr(config, "workeroutput"):
        config.workeroutput["followup_left_to_ci"] = len(left)
    # The longest tests first, so that each starts on a worker of its own at once, and the `exclusive` ones
    # last, when little else is left to wait for (a stable sort: the rest keep their order).
    items.sort(
        key=lambda item: -1 if item.get_closest_marker("fuzz") else int(bool(item.get_closest_marker("exclusive")))
    )


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node, error) -> None:
    left = getattr(node, "workeroutput", {}).get("followup_left_to_ci")
    if left is not None:
        node.config._followup_left_to_ci = left


def pytest_terminal_summary(terminalreporter, config: pytest.Config) -> None:
    left = getattr(config, "_followup_left_to_ci", 0)
    if left and not hasattr(config, "workerinput"):
        terminalreporter.write_line(
            f"{left} tests were left to CI (slow: real processes, kill -9, wheel builds, a PostgreSQL restart; "
            f"measure: the persona tables); run everything with {FULL_ENV}=1 (or CI=true), or -m slow, -m measure",
            yellow=True,
            bold=True,
        )


@pytest.hookimpl(wrapper=True)
def pytest_runtest_protocol(item: pytest.Item, nextitem):
    """Under xdist, an `exclusive` test (it restarts PostgreSQL, or measures lateness on the real clock) runs
    while no other worker runs a test: a readers-writer lock on two files (a turnstile, so that a waiting
    exclusive test is not starved by the others' next tests)."""
    folder = getattr(item.config, "workerinput", {}).get("followup_lock_dir")
    if folder is None:
        return (yield)
    exclusive = item.get_closest_marker("exclusive") is not None
    with open(Path(folder) / "turnstile", "a") as turnstile, open(Path(folder) / "running", "a") as running:
        fcntl.flock(turnstile, fcntl.LOCK_EX)
        if not exclusive:
            fcntl.flock(turnstile, fcntl.LOCK_UN)
        fcntl.flock(running, fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH)
        try:
            return (yield)
        finally:
            fcntl.flock(running, fcntl.LOCK_UN)
            fcntl.flock(turnstile, fcntl.LOCK_UN)


@pytest.fixture(scope="session")
def internet_log(tmp_path_factory):
    """Every Python process a test starts loads the guard too (PYTHONPATH), reporting to this file."""
    log = tmp_path_factory.mktemp("no-internet") / "attempts.log"
    log.touch()
    with pytest.MonkeyPatch.context() as patch:
        path = os.environ.get("PYTHONPATH")
        patch.setenv("PYTHONPATH", os.pathsep.join(filter(None, [str(CHILD_GUARD), path])))
        patch.setenv(no_internet.LOG_ENV, str(log))
        yield log


@pytest.fixture(autouse=True)
def no_internet_guard(monkeypatch, internet_log):
    """Any connection to a host other than this machine fails the test: in the test's own process
    (even when a library swallows the error) and in any Python process it starts. Loopback and unix
    sockets are allowed."""
    attempts: list[object] = []
    for name, guard in no_internet.guards(attempts.append).items():
        monkeypatch.setattr(socket.socket, name, guard)
    children = internet_log.stat().st_size
    yield
    with internet_log.open() as log:
        log.seek(children)
        attempts.extend(line.strip() for line in log)
    if attempts:
        pytest.fail(f"the test tried to reach the internet: {attempts}", pytrace=False)


@pytest.fixture(scope="session")
def pg_url():
    """A database of this test run, migrated once, dropped at the end."""
    require_postgres()
    name = f"followup_test_{os.getpid()}"
    with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
        # A commit need not wait for its WAL flush (only a crash of the server itself could lose one, and a
        # test never crashes it: the restart test stops it with a checkpoint). Same results, faster tests.
        conn.execute(f'ALTER DATABASE "{name}" SET synchronous_commit = off')
    url = f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}"
    upgrade(url)
    yield url
    with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory):
    path = tmp_path_factory.mktemp("template") / "template.sqlite3"
    upgrade(f"sqlite:///{path}")
    return path


@pytest.fixture(params=["sqlite", "postgres"])
def db_url(request, tmp_path):
    """Every storage test runs twice: on an SQLite file and on PostgreSQL."""
    if request.param == "sqlite":
        path = tmp_path / "bot.sqlite3"
        shutil.copy(request.getfixturevalue("sqlite_template"), path)
        return f"sqlite:///{path}"
    url = request.getfixturevalue("pg_url")
    truncate(url)
    return url


@pytest.fixture
def clock():
    return FakeClock(START)


@pytest.fixture
def settings(db_url, tmp_path):
    return Settings(database_url=db_url, FOLLOWUP_DATA_DIR=tmp_path / "data", _env_file=None)


@pytest_asyncio.fixture
async def app(settings, clock):
    bot = Followup(settings, clock)
    yield bot
    await bot.stop()
