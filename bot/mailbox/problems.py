"""What went wrong with a mail server, in words the user can act on; never a server's raw reply."""

from __future__ import annotations

import asyncio
import enum
import socket
import ssl
from collections.abc import Iterator

import aiosmtplib


class Trouble(enum.StrEnum):
    WRONG_PASSWORD = "wrong_password"  # noqa: S105 - a kind of failure, not a password
    UNREACHABLE = "unreachable"
    UNKNOWN_HOST = "unknown_host"
    CERTIFICATE = "certificate"
    TLS = "tls"
    TLS_REQUIRED = "tls_required"
    TIMEOUT = "timeout"
    RECIPIENT_REFUSED = "recipient_refused"
    SENDER_REFUSED = "sender_refused"
    NO_INBOX = "no_inbox"
    SERVER = "server"
    SIGNED_OUT = "signed_out"  # the provider revoked the OAuth sign-in: the user signs in again


class MailProblem(Exception):
    """A failure to show the user: `trouble` for code, `str()` for people."""

    def __init__(self, trouble: Trouble, words: str) -> None:
        super().__init__(words)
        self.trouble = trouble
        self.words = words


def wrong_password(server: str) -> MailProblem:
    return MailProblem(
        Trouble.WRONG_PASSWORD,
        f"{server} refused the user name or password. Check them; many providers need an app password here.",
    )


def tls_required(server: str) -> MailProblem:
    return MailProblem(
        Trouble.TLS_REQUIRED,
        f"{server} would be reached without encryption. I only connect with TLS (implicit or STARTTLS), "
        "except to a server on this same machine.",
    )


def no_starttls(server: str) -> MailProblem:
    return MailProblem(
        Trouble.TLS,
        f"TLS problem with {server}: it does not offer STARTTLS on that port. Try its TLS port (465 for "
        "sending, 993 for reading) with implicit TLS.",
    )


def _chain(exc: BaseException) -> Iterator[BaseException]:
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        yield current
        current = current.__cause__ or current.__context__


def explain(exc: BaseException, server: str) -> MailProblem:
    """Turn any exception from talking to `server` ("the sending server smtp.x.com") into a MailProblem."""
    if isinstance(exc, MailProblem):
        return exc
    for link in _chain(exc):
        if isinstance(link, ssl.SSLCertVerificationError):
            reason = getattr(link, "verify_message", None) or "it is not valid"
            return MailProblem(
                Trouble.CERTIFICATE,
                f"TLS problem: the certificate of {server} could not be verified ({reason}). I don't connect "
                "to a server whose certificate fails; check the host name, or ask your provider.",
            )
        if isinstance(link, ssl.SSLError):
            return MailProblem(
                Trouble.TLS,
                f"TLS problem with {server}: the encrypted connection could not be set up ({getattr(link, 'reason', None) or link}). "
                "Check that the port and the security setting (TLS or STARTTLS) match.",
            )
    for link in _chain(exc):
        if isinstance(link, aiosmtplib.SMTPAuthenticationError):
            return wrong_password(server)
        if isinstance(link, aiosmtplib.SMTPRecipientsRefused | aiosmtplib.SMTPRecipientRefused):
            return MailProblem(
                Trouble.RECIPIENT_REFUSED,
                f"{server} refused the recipient's address, so nothing was sent. Check the address.",
            )
        if isinstance(link, aiosmtplib.SMTPSenderRefused):
            return MailProblem(
                Trouble.SENDER_REFUSED,
                f"{server} refused to send from your address. Check that the address belongs to this account.",
            )
        if isinstance(link, TimeoutError | asyncio.TimeoutError | aiosmtplib.SMTPTimeoutError):
            return MailProblem(
                Trouble.TIMEOUT,
                f"{server} did not answer in time. Check the port and the security (a TLS port does not answer "
                "a STARTTLS client), or try again in a few minutes.",
            )
        if isinstance(link, socket.gaierror):
            return MailProblem(Trouble.UNKNOWN_HOST, f"I can't find {server}: check the host name.")
        if isinstance(link, aiosmtplib.SMTPException) and "AUTH extension" in str(link):
            return MailProblem(
                Trouble.SERVER,
                f"{server} doesn't take a login on that port. Use its submission port (465 or 587).",
            )
        if isinstance(link, aiosmtplib.SMTPNotSupported) or (
            isinstance(link, aiosmtplib.SMTPException) and "STARTTLS" in str(link)
        ):
            return no_starttls(server)
        if isinstance(link, ConnectionRefusedError | aiosmtplib.SMTPConnectError | ConnectionError | OSError):
            return MailProblem(
                Trouble.UNREACHABLE,
                f"I can't reach {server}: the connection was refused or dropped. Check the host and port.",
            )
    return MailProblem(Trouble.SERVER, f"{server} answered with an error, so this did not work. Try again later.")
