"""The no-internet guard of tests/conftest.py: loopback and unix sockets pass, anything else is refused
and reported, in the test's process and in the processes it starts."""

from __future__ import annotations

import os
import socket
import subprocess
import sys

import pytest

from tests.support import no_internet

# TEST-NET-1 (RFC 5737): never routed, and the guard refuses before any packet leaves anyway.
OUTSIDE = ("192.0.2.1", 443)


@pytest.mark.parametrize(
    ("address", "local"),
    [
        (("127.0.0.1", 80), True),
        (("127.5.6.7", 80), True),
        (("::1", 80, 0, 0), True),
        (("::ffff:127.0.0.1", 80, 0, 0), True),
        (("localhost", 80), True),
        ("/tmp/some.sock", True),
        (b"\0abstract", True),
        (OUTSIDE, False),
        (("2001:db8::1", 443, 0, 0), False),
        (("api.telegram.org", 443), False),
        (("0.0.0.0", 80), True),  # Linux connects that to this machine
        (("10.0.0.1", 80), False),
    ],
)
def test_only_this_machine_counts_as_local(address, local):
    assert no_internet.is_local(address) is local


def test_the_guards_refuse_and_report_an_outside_address_and_pass_loopback():
    refused: list[object] = []
    guards = no_internet.guards(refused.append)
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen()
        with socket.socket() as client:
            guards["connect"](client, server.getsockname())  # loopback: connects
        with socket.socket() as client:
            assert guards["connect_ex"](client, server.getsockname()) == 0
    for name, args in (("connect", (OUTSIDE,)), ("connect_ex", (OUTSIDE,)), ("sendto", (b"x", OUTSIDE))):
        family = socket.SOCK_DGRAM if name == "sendto" else socket.SOCK_STREAM
        with socket.socket(socket.AF_INET, family) as sock, pytest.raises(no_internet.InternetAttempt):
            guards[name](sock, *args)
    assert refused == [OUTSIDE, OUTSIDE, OUTSIDE]


def test_the_conftest_guard_is_on_in_this_process():
    assert socket.socket.connect.__module__ == no_internet.__name__


def test_a_process_started_by_a_test_is_guarded_and_reports_to_the_log(tmp_path):
    log = tmp_path / "attempts.log"
    code = "import socket; socket.create_connection(('192.0.2.1', 443), timeout=1)"
    env = {**os.environ, no_internet.LOG_ENV: str(log)}  # its own log: this test must not fail itself
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode != 0
    assert "InternetAttempt" in result.stderr and "tests must stay on this machine" in result.stderr
    assert log.read_text().splitlines() == ["('192.0.2.1', 443)"]
