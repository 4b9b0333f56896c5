"""Start-up as an operator meets it: the .env file, log settings, a refused token, --version and help texts."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from sqlalchemy.engine import make_url

from adapters.cli import COMMANDS, main, parser
from adapters.telegram.run import TelegramSetupError, run
from bot.service.config import Settings, SettingsError, default_data_dir, load_settings
from bot.service.startup import SettingProblem
from tests.support.fake_telegram import FakeTelegram, bot_settings

ROOT = Path(__file__).resolve().parents[1]
COMMAND = str(Path(sys.executable).parent / "followup-bot")


@pytest.fixture
def in_folder(tmp_path, monkeypatch):
    """A clean folder as the current one, and no bot settings from the developer's environment."""
    for name in list(os.environ):
        if name.startswith(("FOLLOWUP_", "DATABASE_", "TELEGRAM_", "SLACK_", "HEALTH_", "LOG_")):
            monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_an_env_file_saved_as_utf16_is_one_clear_line(in_folder, capsys):
    (in_folder / ".env").write_text("LOG_LEVEL=INFO\nFOLLOWUP_QUIET_HOURS=off\n", encoding="utf-16")
    with pytest.raises(SettingsError, match=r"\.env is saved as UTF-16: save it again as UTF-8"):
        load_settings()
    assert main(["db", "upgrade"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "UTF-16" in err and "Traceback" not in err


def test_a_utf8_file_with_a_byte_order_mark_is_read(in_folder):
    (in_folder / ".env").write_text("LOG_LEVEL=warning\n", encoding="utf-8-sig")
    assert load_settings().log_level == "WARNING"


def test_a_line_that_cannot_be_parsed_is_named_with_its_file_and_line(in_folder):
    env = in_folder / "bot.env"
    env.write_text('LOG_LEVEL=DEBUG\nthis line is a note, not a setting\nFOLLOWUP_MORNING=08:30\nBROKEN="no end\n')
    os.environ["FOLLOWUP_ENV_FILE"] = str(env)
    try:
        warnings: list[str] = []
        settings = load_settings(warnings)
    finally:
        del os.environ["FOLLOWUP_ENV_FILE"]
    assert settings.log_level == "DEBUG" and settings.morning.strftime("%H:%M") == "08:30"
    assert warnings == [
        f"{env} line 2 is not NAME=value and was skipped",
        f"{env} line 4 is not NAME=value and was skipped",
    ]


def test_the_command_prints_the_warning_with_file_and_line(in_folder):
    (in_folder / ".env").write_text(f"DATABASE_URL=sqlite:///{in_folder}/x.sqlite3\nthis is not a setting\n")
    env = {k: v for k, v in os.environ.items()}
    result = subprocess.run(
        [COMMAND, "db", "upgrade"], capture_output=True, text=True, cwd=in_folder, env=env, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert f"followup-bot: warning: {Path('.env')} line 2 is not NAME=value and was skipped" in result.stderr


@pytest.mark.parametrize("level", ["LOUD", "verbose", "5"])
def test_an_unknown_log_level_is_refused(in_folder, capsys, level):
    os.environ["LOG_LEVEL"] = level
    try:
        assert main(["db", "upgrade"]) == 2
    finally:
        del os.environ["LOG_LEVEL"]
    err = capsys.readouterr().err
    assert "LOG_LEVEL" in err and "DEBUG, INFO, WARNING, ERROR, CRITICAL" in err


def test_known_log_levels_in_any_case():
    assert Settings(LOG_LEVEL="warning", _env_file=None).log_level == "WARNING"


async def test_a_refused_telegram_token_is_never_printed_back(tmp_path):
    token = "987654:zZsecretPartThatMustNotShow"
    async with FakeTelegram() as tg:
        settings = bot_settings(tg, tmp_path / "t.sqlite3", telegram_bot_token=token)
        with pytest.raises(TelegramSetupError) as refused:
            await run(settings)
    message = str(refused.value)
    assert "refused TELEGRAM_BOT_TOKEN" in message and "@BotFather" in message
    assert "zZsecret" not in message and "987654" not in message
    assert refused.value.__cause__ is None  # nor in a chained exception's text
    assert isinstance(refused.value, SettingProblem)  # exit status 2: restarting would not make Telegram accept it


def test_version(capsys):
    with pytest.raises(SystemExit) as done:
        main(["--version"])
    assert done.value.code == 0
    assert capsys.readouterr().out.strip() == "followup-bot 0.1.0"


@pytest.mark.parametrize("name", [name for name, _, _ in COMMANDS])
def test_every_subcommand_has_a_help_text(name, capsys):
    with pytest.raises(SystemExit):
        main([name, "--help"])
    out = capsys.readouterr().out
    described = dict((n, long) for n, _, long in COMMANDS)[name]
    assert described.split(".")[0][:40] in " ".join(out.split())
    choices = parser()._subparsers._group_actions[0].choices  # argparse's own record of the subcommands
    assert set(choices) == {n for n, _, _ in COMMANDS}


@pytest.mark.parametrize("password", ["p@ss#word%20", "a/b:c?d", "plain"])
def test_a_database_password_with_any_character_works_apart_from_the_url(password):
    settings = Settings(
        DATABASE_URL="postgresql+psycopg://followup@db:5432/followup", DATABASE_PASSWORD=password, _env_file=None
    )
    url = make_url(settings.resolved_database_url)
    assert (url.username, url.password, url.host, url.port, url.database) == (
        "followup",
        password,
        "db",
        5432,
        "followup",
    )
    assert password in settings.secret_values()


def test_compose_passes_the_password_on_its_own_never_inside_the_url():
    compose = yaml.safe_load((ROOT / "compose.yaml").read_text())
    bot = compose["services"]["bot"]["environment"]
    assert "POSTGRES_PASSWORD" not in bot["DATABASE_URL"] and "@db:" in bot["DATABASE_URL"]
    assert bot["DATABASE_PASSWORD"] == "${POSTGRES_PASSWORD}"


def test_every_setting_is_documented_in_env_example():
    documented = (ROOT / ".env.example").read_text()
    for name, field in Settings.model_fields.items():
        variable = (field.alias or name).upper()
        assert f"\n{variable}=" in documented or f"# {variable}=" in documented, variable


async def test_a_password_with_at_hash_and_percent_reaches_postgresql_and_stays_out_of_messages():
    """compose.yaml's way: the URL without the password, DATABASE_PASSWORD beside it, used as typed."""
    from sqlalchemy import text
    from sqlalchemy.ext.asyncio import create_async_engine

    from bot.service.startup import explain
    from bot.store.urls import masked
    from tests.support.databases import require_postgres

    require_postgres()
    password = "p@ss#w%rd:/?"
    settings = Settings(
        DATABASE_URL="postgresql+psycopg://postgres@127.0.0.1:5432/postgres", DATABASE_PASSWORD=password, _env_file=None
    )
    engine = create_async_engine(settings.resolved_database_url)
    try:
        async with engine.connect() as connection:
            assert await connection.scalar(text("select 1")) == 1  # the URL parses back to host, port, database
    finally:
        await engine.dispose()
    assert password not in masked(settings.resolved_database_url)

    closed = Settings(
        DATABASE_URL="postgresql+psycopg://postgres@127.0.0.1:1/postgres", DATABASE_PASSWORD=password, _env_file=None
    )
    engine = create_async_engine(closed.resolved_database_url)
    try:
        async with engine.connect():
            pass
    except Exception as exc:
        message = explain(exc, closed)
    finally:
        await engine.dispose()
    assert message and "postgres:***@127.0.0.1:1" in message and "p@ss" not in message


def env_file_lines(path: Path) -> dict[str, str]:
    """NAME=value lines as systemd's EnvironmentFile and docker --env-file read them (comments skipped)."""
    lines = (line for line in path.read_text().splitlines() if line.strip() and not line.lstrip().startswith("#"))
    return dict(line.split("=", 1) for line in lines)


def test_a_copy_of_env_example_as_the_env_file_keeps_what_the_unit_and_the_image_set(monkeypatch, tmp_path):
    """deploy.md copies .env.example to /etc/followup-bot/env (EnvironmentFile) or .env (docker --env-file); both
    win over the unit's and the image's own values. An empty or default line there must not undo them: no
    FOLLOWUP_DATA_DIR= putting the SQLite file in the working folder (/ under systemd, read-only), no
    HEALTH_PORT=0 turning off the endpoint the image's HEALTHCHECK and the unit rely on."""
    image = {"FOLLOWUP_DATA_DIR": "/data", "HEALTH_PORT": "8081", "HEALTH_HOST": "127.0.0.1", "HOST": "0.0.0.0"}
    for name in list(os.environ):
        if name.startswith(("FOLLOWUP_", "DATABASE_", "TELEGRAM_", "SLACK_", "HEALTH_", "LOG_", "PORT", "HOST")):
            monkeypatch.delenv(name)
    for name, value in {**image, **env_file_lines(ROOT / ".env.example")}.items():
        monkeypatch.setenv(name, value)
    settings = Settings(_env_file=None)
    assert settings.data_dir == Path("/data")
    assert settings.resolved_database_url == "sqlite:////data/followup.sqlite3"
    assert (settings.health_port, settings.health_host) == (8081, "127.0.0.1")
    assert settings.drafts_dir is None  # FOLLOWUP_DRAFTS_DIR= means data_dir/drafts, not the working folder


def test_an_empty_line_in_a_dotenv_means_the_default(in_folder):
    (in_folder / ".env").write_text("FOLLOWUP_DATA_DIR=\nFOLLOWUP_DRAFTS_DIR=\nFOLLOWUP_QUIET_HOURS=\nLOG_LEVEL=\n")
    settings = load_settings([])
    assert settings.data_dir == default_data_dir() and settings.data_dir != Path(".")
    assert settings.drafts_dir is None
    assert settings.log_level == "INFO"
    assert str(settings.quiet_hours) == "21:00-08:00"


def test_starting_freezes_what_the_imports_built_once_per_process(tmp_path):
    # In a fresh process: the garbage collector's full passes no longer walk the import-time heap (a third of a
    # dispatcher's time to load a batch), and a second app in the same process freezes nothing more.
    script = (
        "import asyncio, gc\n"
        "from bot.app import Followup, freeze_startup_heap\n"
        "from bot.service.config import Settings\n"
        "assert gc.get_freeze_count() == 0\n"
        f"settings = Settings(database_url='sqlite:///{tmp_path / 'bot.sqlite3'}', _env_file=None)\n"
        "app = asyncio.run(Followup.create(settings))\n"
        "frozen = gc.get_freeze_count()\n"
        "assert frozen > 100_000, frozen\n"
        "assert not freeze_startup_heap() and gc.get_freeze_count() == frozen\n"
        "print('ok')\n"
    )
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.stdout.strip() == "ok", done.stderr
