"""The deployment files (no container daemon here): each refers to things that exist and says what docs/deploy.md says.

The image's wheel and entry point are tested in test_packaging.py; the health check command here.
"""

from __future__ import annotations

import configparser
import os
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
COMMAND = str(Path(sys.executable).parent / "followup-bot")


def dockerfile() -> list[tuple[str, str]]:
    """(instruction, arguments) pairs, continuation lines joined, comments dropped."""
    text = (ROOT / "Dockerfile").read_text().replace("\\\n", " ")
    pairs = []
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            instruction, _, rest = line.partition(" ")
            pairs.append((instruction.upper(), rest.strip()))
    return pairs


def test_dockerfile_is_multi_stage_non_root_with_a_health_check():
    steps = dockerfile()
    stages = [args for kind, args in steps if kind == "FROM"]
    assert len(stages) == 2 and stages[0].endswith(" AS build")
    final = steps[max(i for i, (kind, _) in enumerate(steps) if kind == "FROM") :]
    users = [args for kind, args in final if kind == "USER"]
    assert users and users[-1] not in {"root", "0"}
    for kind, args in steps:
        if kind == "COPY" and not args.startswith("--from"):
            *sources, _ = shlex.split(args)
            for source in sources:
                assert (ROOT / source).exists(), f"COPY {source}: no such file"
        if kind == "RUN" and "pip install" in args:
            assert "--no-index" in args and "followup-bot" in args  # only the wheels built in the first stage
    (check,) = [args for kind, args in final if kind == "HEALTHCHECK"]
    assert check.endswith('CMD ["followup-bot", "health"]')
    assert ("ENTRYPOINT", '["followup-bot"]') in final and ("CMD", '["run"]') in final
    assert any(kind == "ENV" and "HEALTH_PORT=8081" in args for kind, args in final)
    assert "FOLLOWUP_DATA_DIR=/data" in " ".join(args for kind, args in final if kind == "ENV")


def test_the_image_copies_what_the_wheel_is_built_from():
    # The packaging test builds the wheel from exactly these (pyproject, README, bot/, adapters/).
    copied = {
        source
        for kind, args in dockerfile()
        if kind == "COPY" and "--from" not in args
        for source in shlex.split(args)[:-1]
    }
    assert copied == {"pyproject.toml", "README.md", "bot", "adapters"}


def test_compose_runs_the_bot_after_a_healthy_postgresql_on_a_named_volume():
    compose = yaml.safe_load((ROOT / "compose.yaml").read_text())
    db, bot = compose["services"]["db"], compose["services"]["bot"]
    assert db["image"].startswith("postgres:")
    volume = db["volumes"][0].split(":")[0]
    assert volume in compose["volumes"]  # named, so it outlives the container
    assert "pg_isready" in " ".join(db["healthcheck"]["test"])
    assert bot["depends_on"] == {"db": {"condition": "service_healthy"}}
    assert bot["build"] == "." and (ROOT / "Dockerfile").is_file()
    assert bot["environment"]["DATABASE_URL"].startswith("postgresql+psycopg://followup@db:5432/")
    assert "POSTGRES_PASSWORD" in (ROOT / ".env.example").read_text()


def test_systemd_unit_restarts_on_failure_and_runs_the_installed_command():
    unit = configparser.ConfigParser(strict=False, interpolation=None)
    unit.optionxform = str  # systemd keys are case-sensitive
    unit.read(ROOT / "docs" / "followup-bot.service")
    service = unit["Service"]
    assert service["Restart"] == "on-failure"
    assert service["ExecStart"].endswith("/bin/followup-bot run")
    assert service["ExecStartPre"].endswith("/bin/followup-bot db upgrade")
    assert service["RestartPreventExitStatus"] == "2"  # a bad setting (see adapters/cli.py)
    assert unit["Install"]["WantedBy"] == "multi-user.target"
    deploy = (ROOT / "docs" / "deploy.md").read_text()
    for name in ("followup-bot.service", "../Dockerfile", "../compose.yaml", "FOLLOWUP_ENV_FILE", "HEALTH_PORT"):
        assert name in deploy


def health_command(tmp_path: Path, port: int | None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HEALTH_", "HOST", "FOLLOWUP_ENV"))}
    if port is not None:
        env["HEALTH_PORT"] = str(port)
    return subprocess.run([COMMAND, "health"], capture_output=True, text=True, timeout=60, env=env, cwd=tmp_path)


@pytest.mark.slow
async def test_followup_bot_health_is_the_containers_health_check(app, tmp_path):
    from tests.support.recording import RecordingSender

    app.add_sender(RecordingSender())
    port = await app.serve_health(0)
    result = await _in_thread(health_command, tmp_path, port)
    assert result.returncode == 1 and '"scheduler": "stopped"' in result.stderr  # no scheduler yet: unhealthy
    await app.start()
    result = await _in_thread(health_command, tmp_path, port)
    assert result.returncode == 0, result.stderr
    assert '"ok": true' in result.stdout
    await app.stop()
    result = await _in_thread(health_command, tmp_path, port)
    assert result.returncode == 1 and "nothing answers" in result.stderr
    result = await _in_thread(health_command, tmp_path, None)
    assert result.returncode == 2 and "HEALTH_PORT is not set" in result.stderr


async def _in_thread(function, *args):
    import asyncio

    return await asyncio.to_thread(function, *args)
