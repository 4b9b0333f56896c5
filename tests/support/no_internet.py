"""No test reaches the internet: a connection to anything but this machine fails the test.

`guards(report)` gives replacements for the `socket.socket` methods that open a connection or send a
datagram; for an address that is not loopback (IPv4 127/8, IPv6 ::1, "localhost") they call
`report(address)` and raise `InternetAttempt`. Unix sockets and other families pass. `tests/conftest.py`
installs them around every test, and `child_guard/sitecustomize.py` installs them in every Python
process a test starts (the child reports to a file the test's fixture reads afterwards), so a library
that swallows the exception still fails the test.

Standard library only: the child loads this file by path, from whatever directory it runs in.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable
from typing import Any

LOG_ENV = "TEST_NO_INTERNET_LOG"  # where child processes write the addresses they tried
LOCAL_NAMES = {"localhost", "localhost.localdomain", "ip6-localhost"}
INET = (socket.AF_INET, socket.AF_INET6)
GUARDED = ("connect", "connect_ex", "sendto")


class InternetAttempt(AssertionError):
    """A test tried to reach a host other than this machine."""


def is_local(address: Any) -> bool:
    host = address[0] if isinstance(address, tuple) else None
    if not isinstance(host, str):
        return True  # not an internet address: a unix socket path, or no address at all
    if host.casefold() in LOCAL_NAMES:
        return True
    try:
        ip = ipaddress.ip_address(host.split("%", 1)[0])
    except ValueError:
        return False  # any other host name
    mapped = getattr(ip, "ipv4_mapped", None)
    # Unspecified (0.0.0.0, ::) as a destination means this machine too.
    return ip.is_loopback or ip.is_unspecified or bool(mapped and mapped.is_loopback)


def guards(report: Callable[[Any], None]) -> dict[str, Callable[..., Any]]:
    """Replacements for `socket.socket.connect`, `connect_ex` and `sendto` that refuse the internet."""
    real = {name: getattr(socket.socket, name) for name in GUARDED}

    def check(sock: socket.socket, address: Any) -> None:
        if sock.family in INET and not is_local(address):
            report(address)
            raise InternetAttempt(f"a test tried to reach {address!r}: tests must stay on this machine")

    def connect(self: socket.socket, address: Any) -> None:
        check(self, address)
        return real["connect"](self, address)

    def connect_ex(self: socket.socket, address: Any) -> int:
        check(self, address)
        return real["connect_ex"](self, address)

    def sendto(self: socket.socket, data: Any, *rest: Any) -> int:
        check(self, rest[-1] if rest else None)
        return real["sendto"](self, data, *rest)

    return {"connect": connect, "connect_ex": connect_ex, "sendto": sendto}


def install_in_child(log_path: str) -> None:
    """Guard this whole process; each refused address becomes a line of `log_path`."""

    def report(address: Any) -> None:
        with open(log_path, "a") as log:
            log.write(f"{address!r}\n")

    for name, guard in guards(report).items():
        setattr(socket.socket, name, guard)
