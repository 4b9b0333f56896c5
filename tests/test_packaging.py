"""The wheel, as an operator installs it: built from the sources, installed outside the checkout, run.

No network: the wheel is built without build isolation (setuptools comes with the test extras), and
the fresh venv sees this test venv's site-packages through a .pth file (a plain path line: the
checkout's editable-install hook there is never run), while the wheel itself goes into the fresh
venv's own site-packages, which comes first on sys.path. The test checks `bot` is imported from there.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import psycopg
import pytest

from tests.support.databases import PG_ADMIN, require_postgres

# One worker builds the wheel and its venv (module fixtures) and runs every test that uses them.
pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("wheel")]

ROOT = Path(__file__).resolve().parents[1]
PIP_WHEEL = [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index", "-q"]
PASSWORD = "hunter2-not-printed"  # trust auth ignores it; the output must not show it
# A short debrief with one interviewer, typed into `followup-bot chat`.
DEBRIEF = [
    "Ada Lovelace",
    "Berlin",
    "/new",
    "Acme",
    "Data Engineer",
    "just now",
    "Jane Doe",
    "Hiring manager",
    "jane@acme.example",
    "/skip",  # no phone
    "/skip",  # one thing discussed with her
    "2",  # that's everyone
    "How the team splits on-call work.",
    "Migrating legacy pipelines to streaming.",
    "I led a similar migration before.",
    "1",  # went well
    "/skip",  # nothing to set straight or add
    "A take-home exercise",
    "Not sure",
    "Nothing",
    "Nothing",
    "Write the drafts",
]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """The wheel built from a copy of the sources (the build writes nothing into the checkout)."""
    base = tmp_path_factory.mktemp("build")
    src = base / "src"
    skip = shutil.ignore_patterns("__pycache__", "*.pyc")
    for package in ("bot", "adapters"):
        shutil.copytree(ROOT / package, src / package, ignore=skip)
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, src / name)
    dist = base / "dist"
    subprocess.run(
        [*PIP_WHEEL, "-w", str(dist), str(src)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    (built,) = dist.glob("followup_bot-*.whl")
    return built


@pytest.fixture(scope="module")
def venv(wheel: Path, tmp_path_factory) -> Path:
    """A fresh venv outside the checkout with the wheel installed; the path of its bin folder."""
    home = tmp_path_factory.mktemp("venv")
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(home)], check=True, timeout=120)
    purelib = Path(
        subprocess.check_output(
            [str(home / "bin" / "python"), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            text=True,
        ).strip()
    )
    (purelib / "test-venv-dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    pip = [str(home / "bin" / "python"), "-m", "pip"]
    subprocess.run(
        [*pip, "install", "-q", "--no-deps", "--no-index", "--ignore-installed", str(wheel)],
        check=True,
        capture_output=True,
        timeout=300,
        cwd=home,
    )
    return home / "bin"


def clean_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("FOLLOWUP_", "DATABASE_URL", "PYTHON", "TELEGRAM_", "SLACK_", "VIRTUAL_ENV"))
    }
    env.update(FOLLOWUP_DATA_DIR=str(tmp_path / "data"), TZ="Europe/Berlin", **extra)
    return env


def test_the_wheel_holds_the_migrations(wheel: Path):
    names = zipfile.ZipFile(wheel).namelist()
    for needed in (
        "bot/store/migrations/env.py",
        "bot/store/migrations/script.py.mako",
        "bot/store/migrations/versions/0001_initial_schema.py",
    ):
        assert needed in names
    assert not [n for n in names if n.startswith(("tests/", "bench/"))]


def test_the_installed_package_is_the_wheel_not_the_checkout(venv: Path, tmp_path):
    where = subprocess.check_output(
        [str(venv / "python"), "-c", "import bot.store.db as d; print(d.__file__); print(d.MIGRATIONS_DIR)"],
        text=True,
        cwd=tmp_path,
        env=clean_env(tmp_path),
    ).split()
    assert all(path.startswith(str(venv.parent)) for path in where), where
    assert not where[0].startswith(str(ROOT))


@pytest.fixture(params=["sqlite", "postgres"])
def database(request, tmp_path):
    """A database URL for the installed bot: an SQLite file, or a fresh PostgreSQL database."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'wheel.sqlite3'}"
        return
    require_postgres()
    name = f"followup_wheel_{os.getpid()}"
    with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    # postgres:// as hosting providers hand it out; the bot reads it as postgresql+psycopg://.
    yield f"postgres://postgres:{PASSWORD}@127.0.0.1:5432/{name}"
    with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_db_upgrade_and_a_terminal_debrief_from_the_installed_wheel(venv: Path, database: str, tmp_path):
    env = clean_env(tmp_path, DATABASE_URL=database, FOLLOWUP_DRAFTS_DIR=str(tmp_path / "drafts"))
    upgraded = subprocess.run(
        [str(venv / "followup-bot"), "db", "upgrade"],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp_path,
        env=env,
    )
    assert upgraded.returncode == 0, upgraded.stderr
    assert "Database is up to date" in upgraded.stdout
    assert PASSWORD not in upgraded.stdout + upgraded.stderr
    if "postgres" in database:
        assert "postgresql+psycopg://postgres:***@127.0.0.1:5432/" in upgraded.stdout

    chat = subprocess.run(
        [str(venv / "followup-bot"), "chat", "--user", "ada"],
        input="\n".join(DEBRIEF) + "\n",
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp_path,
        env=env,
    )
    assert chat.returncode == 0, chat.stderr
    assert "Here are your thank-you emails" in chat.stdout
    assert "Traceback" not in chat.stderr
    assert [p.name for p in (tmp_path / "drafts").glob("*.eml")] == ["thank-you-jane-doe.eml"]
