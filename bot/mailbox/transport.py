"""Connections to the user's servers: the TLS policy, SMTP with aiosmtplib, IMAP with aioimaplib."""

from __future__ import annotations

import asyncio
import base64
import ipaddress
import ssl
from dataclasses import dataclass, field
from functools import cache

import aiosmtplib
from aioimaplib import aioimaplib

from bot.mailbox.problems import MailProblem, Trouble, explain, no_starttls, tls_required, wrong_password

SECURITIES = ("tls", "starttls", "plain")


@dataclass(frozen=True, slots=True)
class Server:
    host: str
    port: int
    security: str  # "tls" (implicit), "starttls", or "plain" (only to this machine)

    def __str__(self) -> str:
        return f"{self.host}:{self.port}"


@dataclass(frozen=True, slots=True)
class Account:
    """Everything needed to talk to one mailbox. The password (or token) never shows in repr or str."""

    address: str
    username: str
    password: str = field(repr=False)  # an app password, or an OAuth access token for "xoauth2"
    smtp: Server
    imap: Server
    mechanism: str = "password"

    @property
    def oauth(self) -> bool:
        return self.mechanism == "xoauth2"


def is_loopback(host: str) -> bool:
    if host.strip().lower().rstrip(".") == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_policy(server: Server, label: str) -> None:
    """TLS is required unless the server is on this machine (a local bridge, a test server)."""
    if server.security not in SECURITIES:
        raise MailProblem(Trouble.TLS, f"Unknown security {server.security!r} for {label}: use tls or starttls.")
    if not 0 < server.port < 65536:
        raise MailProblem(Trouble.UNREACHABLE, f"{server.port} is not a port number for {label}.")
    if server.security == "plain" and not is_loopback(server.host):
        raise tls_required(label)


def smtp_label(account: Account) -> str:
    return f"the sending server {account.smtp.host}"


def imap_label(account: Account) -> str:
    return f"the incoming server {account.imap.host}"


@cache
def system_tls() -> ssl.SSLContext:
    """The system's certificate authorities, loaded once per process (loading them takes about 0.15 s of CPU,
    which every start of a bot or a test's app paid again); the context is only read after this."""
    return ssl.create_default_context()


@dataclass(slots=True)
class Transport:
    """How this bot reaches mail servers: the certificates it trusts and how long it waits."""

    tls: ssl.SSLContext = field(default_factory=system_tls)
    timeout: float = 20.0

    def smtp(self, account: Account) -> aiosmtplib.SMTP:
        """An SMTP client that encrypts as configured and logs in when it connects."""
        check_policy(account.smtp, smtp_label(account))
        server = account.smtp
        token = account.password

        async def access_token() -> str:
            return token

        # XOAUTH2 (aiosmtplib's token generator) with a signed-in account, else PLAIN/LOGIN.
        login = (
            {"username": account.username, "oauth_token_generator": access_token}
            if account.oauth
            else {"username": account.username, "password": account.password}
        )
        return aiosmtplib.SMTP(
            hostname=server.host,
            port=server.port,
            use_tls=server.security == "tls",
            start_tls=server.security == "starttls",
            tls_context=self.tls if server.security != "plain" else None,
            timeout=self.timeout,
            **login,
        )

    async def imap(self, account: Account) -> aioimaplib.IMAP4:
        """A logged-in IMAP client (nothing selected yet); raises MailProblem."""
        label = imap_label(account)
        check_policy(account.imap, label)
        server = account.imap
        client: aioimaplib.IMAP4 | None = None
        try:
            if server.security == "tls":
                client = aioimaplib.IMAP4_SSL(server.host, server.port, timeout=self.timeout, ssl_context=self.tls)
            else:
                client = aioimaplib.IMAP4(server.host, server.port, timeout=self.timeout)
            await client.wait_hello_from_server()
            if server.security == "starttls":
                await self._starttls(client, server.host, label)
            if account.oauth:
                response = await self._xoauth2(client, account.username, account.password)
            else:
                response = await client.login(aioimaplib.quoted(account.username), account.password)
        except MailProblem:
            await close_imap(client)
            raise
        except Exception as exc:
            await close_imap(client)
            raise explain(exc, label) from None
        if response.result != "OK":
            await close_imap(client)
            raise wrong_password(label)
        return client

    async def _xoauth2(self, client: aioimaplib.IMAP4, user: str, token: str) -> aioimaplib.Response:
        """AUTHENTICATE XOAUTH2 (Google's and Microsoft's IMAP, Dovecot's oauth2 passdb).

        A refused token is answered by the server with a "+ <error>" challenge first, and it waits for
        the client's empty response (RFC 7628 3.2.3) before the tagged NO; aioimaplib's own xoauth2()
        would wait forever there, so this sends that empty line.
        """
        protocol = client.protocol
        sasl = base64.b64encode(f"user={user}\x01auth=Bearer {token}\x01\x01".encode()).decode("ascii")
        command = aioimaplib.Command("AUTHENTICATE", protocol.new_tag(), "XOAUTH2", sasl, loop=protocol.loop)
        usual = protocol._continuation

        def continuation(line: bytes) -> None:
            if protocol.pending_sync_command is command:
                protocol.transport.write(b"\r\n")
            else:
                usual(line)

        protocol._continuation = continuation  # type: ignore[method-assign]
        try:
            response = await asyncio.wait_for(protocol.execute(command, scrub=sasl), self.timeout)
        finally:
            del protocol._continuation
        if response.result == "OK":
            protocol.state = aioimaplib.AUTH
        return response

    async def _starttls(self, client: aioimaplib.IMAP4, host: str, label: str) -> None:
        # aioimaplib has no STARTTLS; asyncio's start_tls upgrades its transport in place (RFC 3501 6.2.1),
        # and the capabilities are asked again since a server may only offer some after TLS.
        protocol = client.protocol
        if "STARTTLS" not in protocol.capabilities:
            raise no_starttls(label)
        command = aioimaplib.Command("STARTTLS", protocol.new_tag(), loop=protocol.loop)
        response = await asyncio.wait_for(protocol.execute(command), self.timeout)
        if response.result != "OK":
            raise no_starttls(label)
        protocol.transport = await asyncio.wait_for(
            protocol.loop.start_tls(protocol.transport, protocol, self.tls, server_hostname=host), self.timeout
        )
        await asyncio.wait_for(protocol.capability(), self.timeout)


async def close_imap(client: aioimaplib.IMAP4 | None) -> None:
    """Log out if possible, and always drop the connection."""
    if client is None:
        return
    try:
        if client.protocol.state in (aioimaplib.AUTH, aioimaplib.SELECTED):
            await asyncio.wait_for(client.logout(), 5)
    except Exception:  # noqa: S110 - the connection is being dropped anyway
        pass
    finally:  # also when the logout is cancelled (a watcher stopped while it logs out)
        transport = client.protocol.transport
        if transport is not None:
            transport.close()
