"""OAuth sign-ins in progress, and the keys of connected mailboxes kept fresh.

- `start_microsoft` / `start_google` begin a sign-in for a user; when it ends (signed in, declined,
  timed out) `on_signed_in(SignInOutcome)` is called, outside any chat turn (the user may be away).
- Google sends the browser back to `callback` (GET /oauth/google): on the bot's HTTP listener under
  FOLLOWUP_PUBLIC_URL, or on a loopback listener this class opens for the terminal chat.
- `account(mailbox_id)` is what a connection needs: the password, or an access token refreshed when it
  is about to run out; `renew(mailbox_id)` refreshes after a server refused the token. A refresh token
  the provider revoked marks the mailbox signed out, calls `on_signed_out` once, and raises `SignedOut`:
  nothing is sent from it until the user signs in again.
"""

from __future__ import annotations

import asyncio
import contextlib
import html
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from aiohttp import web
from sqlalchemy import update
from sqlalchemy.ext.asyncio import async_sessionmaker

from bot.common.clock import Clock
from bot.common.keyed_lock import KeyedLocks
from bot.mailbox.oauth import CALLBACK_PATH, DeviceCode, GoogleStart, Providers, SignInError, Tokens
from bot.mailbox.problems import MailProblem, Trouble
from bot.mailbox.transport import Account, Server
from bot.mailbox.vault import Vault
from bot.store.models import Mailbox, MailboxAuth, MailboxStatus

log = logging.getLogger(__name__)

PROVIDER_NAMES = {MailboxAuth.MICROSOFT: "Microsoft", MailboxAuth.GOOGLE: "Google"}


class SignedOut(MailProblem):
    """The provider revoked the sign-in: the user must sign in again (they were told once)."""

    def __init__(self, words: str) -> None:
        super().__init__(Trouble.SIGNED_OUT, words)


@dataclass(frozen=True, slots=True)
class SignInOutcome:
    user_id: int
    address: str
    kind: str  # MailboxAuth.MICROSOFT or GOOGLE
    tokens: Tokens | None  # None: it did not work, `words` says why
    words: str = ""


@dataclass
class _GoogleWait:
    user_id: int
    address: str
    start: GoogleStart


@dataclass
class SignIns:
    sessions: async_sessionmaker
    vault: Vault
    clock: Clock
    providers: Providers
    public_url: str = ""
    on_signed_in: Callable[[SignInOutcome], Awaitable[None]] | None = None
    on_signed_out: Callable[[int, str], Awaitable[None]] | None = None
    _google: dict[str, _GoogleWait] = field(default_factory=dict)  # state -> who is signing in
    _device: dict[int, DeviceCode] = field(default_factory=dict)  # user id -> their code
    _tasks: set[asyncio.Task] = field(default_factory=set)
    _locks: KeyedLocks = field(default_factory=KeyedLocks)
    _loopback: web.AppRunner | None = None
    _loopback_port: int = 0

    # ---- what the chat offers ----------------------------------------------------------------------

    def offers(self, kind: str | None, platform: str) -> bool:
        """Whether this bot can sign in to this provider from this platform."""
        if kind == MailboxAuth.MICROSOFT:
            return self.providers.microsoft is not None
        if kind == MailboxAuth.GOOGLE:
            return self.providers.google is not None and (platform == "console" or bool(self.public_url))
        return False

    async def start_microsoft(self, user_id: int, address: str) -> DeviceCode:
        """Ask Microsoft for a device code; a background task waits for the user to use it."""
        microsoft = self.providers.microsoft
        if microsoft is None:
            raise SignInError("unavailable", "Signing in with Microsoft isn't set up on this bot.")
        self.cancel(user_id)
        code = await microsoft.start(self.clock())
        self._device[user_id] = code

        async def wait() -> None:
            try:
                tokens = await microsoft.wait(code, self.clock)
                outcome = SignInOutcome(user_id, address, MailboxAuth.MICROSOFT, tokens)
            except SignInError as exc:
                outcome = SignInOutcome(user_id, address, MailboxAuth.MICROSOFT, None, exc.words)
            except Exception as exc:
                log.warning("microsoft sign-in failed", extra={"error": type(exc).__name__})
                outcome = SignInOutcome(
                    user_id, address, MailboxAuth.MICROSOFT, None, "Microsoft's sign-in service didn't answer."
                )
            if self._device.get(user_id) is not code:
                return  # cancelled, or replaced by a newer sign-in
            del self._device[user_id]
            await self._report(outcome)

        self._spawn(wait())
        return code

    async def start_google(self, user_id: int, address: str, *, loopback: bool) -> str:
        """The link to Google's consent page; Google sends the browser back to `callback`."""
        google = self.providers.google
        if google is None:
            raise SignInError("unavailable", "Signing in with Google isn't set up on this bot.")
        if loopback:
            redirect = f"http://127.0.0.1:{await self._open_loopback()}{CALLBACK_PATH}"
        else:
            redirect = self.public_url.rstrip("/") + CALLBACK_PATH
        self.cancel(user_id)
        start = google.begin(redirect, address)
        self._google[start.state] = _GoogleWait(user_id, address, start)
        return start.url

    def cancel(self, user_id: int) -> None:
        code = self._device.pop(user_id, None)
        if code is not None and self.providers.microsoft is not None:
            self.providers.microsoft.cancel(code)
        for state in [s for s, wait in self._google.items() if wait.user_id == user_id]:
            del self._google[state]

    def waiting(self, user_id: int) -> bool:
        return user_id in self._device or any(w.user_id == user_id for w in self._google.values())

    # ---- Google's redirect ------------------------------------------------------------------------------

    async def callback(self, request: web.Request) -> web.Response:
        """GET /oauth/google?state=...&code=... (or &error=access_denied): answer the browser at once."""
        wait = self._google.pop(request.query.get("state", ""), None)
        if wait is None:
            return _page("This sign-in link was already used or has run out. Please start again from the chat.", 400)
        google = self.providers.google
        if "code" not in request.query or google is None:
            outcome = SignInOutcome(
                wait.user_id, wait.address, MailboxAuth.GOOGLE, None, "The sign-in was cancelled at Google."
            )
            self._spawn(self._report(outcome))
            return _page("The sign-in was cancelled. You can close this tab and go back to the chat.")
        try:
            tokens = await google.finish(wait.start, request.query["code"], self.clock())
        except SignInError as exc:
            self._spawn(self._report(SignInOutcome(wait.user_id, wait.address, MailboxAuth.GOOGLE, None, exc.words)))
            return _page(f"{exc.words} You can close this tab and go back to the chat.")
        self._spawn(self._report(SignInOutcome(wait.user_id, wait.address, MailboxAuth.GOOGLE, tokens)))
        return _page("Signed in. You can close this tab and go back to the chat: I'm checking your mailbox.")

    def add_route(self, server: web.Application) -> None:
        server.router.add_get(CALLBACK_PATH, self.callback)

    async def _open_loopback(self) -> int:
        if self._loopback is None:
            server = web.Application()
            self.add_route(server)
            runner = web.AppRunner(server, access_log=None, handle_signals=False)
            await runner.setup()
            site = web.TCPSite(runner, "127.0.0.1", 0)
            await site.start()
            self._loopback = runner
            self._loopback_port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        return self._loopback_port

    # ---- keys for connections -----------------------------------------------------------------------

    async def account(self, mailbox_id: int) -> Account:
        """The connection details, with an access token that is good for a while (raises SignedOut)."""
        async with self._locks(mailbox_id):  # one refresh at a time: Microsoft rotates refresh tokens
            return await self._account(mailbox_id, force=False)

    async def renew(self, mailbox_id: int) -> Account:
        """After a server refused the access token: refresh it whatever its age."""
        async with self._locks(mailbox_id):
            return await self._account(mailbox_id, force=True)

    async def _account(self, mailbox_id: int, *, force: bool) -> Account:
        async with self.sessions() as session:
            row = await session.get(Mailbox, mailbox_id)
            if row is None:
                raise MailProblem(Trouble.SERVER, "No mailbox is connected: use /mailbox to connect one.")
            user_id, address, kind, status = row.user_id, row.address, row.auth, row.status
            secret = self.vault.open(row.password_encrypted)
            smtp = Server(row.smtp_host, row.smtp_port, row.smtp_security)
            imap = Server(row.imap_host, row.imap_port, row.imap_security)
            username = row.username
        if kind == MailboxAuth.PASSWORD:
            return Account(address, username, secret, smtp, imap)
        name = PROVIDER_NAMES.get(kind, kind)
        words = SIGNED_OUT.format(provider=name, address=address)
        if status == MailboxStatus.SIGNED_OUT:
            raise SignedOut(words)
        tokens = Tokens.from_text(secret)
        provider = self.providers.get(kind)
        if force or tokens.expiring(self.clock()):
            if provider is None:
                raise MailProblem(Trouble.SERVER, f"Signing in with {name} is no longer set up on this bot.")
            try:
                tokens = await provider.refresh(tokens, self.clock())
            except SignInError as exc:
                if exc.reason != "revoked":
                    raise MailProblem(
                        Trouble.SERVER, f"I couldn't renew the sign-in to {address}: {exc.words}"
                    ) from None
                await self._signed_out(mailbox_id, user_id, words)
                raise SignedOut(words) from None
            async with self.sessions() as session, session.begin():
                await session.execute(
                    update(Mailbox)
                    .where(Mailbox.id == mailbox_id)
                    .values(password_encrypted=self.vault.seal(tokens.seal_text()))
                )
            log.info("mailbox token refreshed", extra={"mailbox": mailbox_id})
        return Account(address, address, tokens.access_token, smtp, imap, mechanism="xoauth2")

    async def _signed_out(self, mailbox_id: int, user_id: int, words: str) -> None:
        """Mark it signed out; the first to do so (of all processes) tells the user."""
        async with self.sessions() as session, session.begin():
            result = await session.execute(
                update(Mailbox)
                .where(Mailbox.id == mailbox_id, Mailbox.status != MailboxStatus.SIGNED_OUT)
                .values(status=MailboxStatus.SIGNED_OUT, last_error=words, checked_at=self.clock())
            )
        log.warning("mailbox sign-in revoked", extra={"mailbox": mailbox_id})
        if result.rowcount == 1 and self.on_signed_out is not None:
            await self.on_signed_out(user_id, words)

    # ---- housekeeping -------------------------------------------------------------------------------

    async def _report(self, outcome: SignInOutcome) -> None:
        if self.on_signed_in is None:
            log.warning("sign-in finished with nobody to tell", extra={"user": outcome.user_id})
            return
        try:
            await self.on_signed_in(outcome)
        except Exception:
            log.exception("sign-in outcome not delivered", extra={"user": outcome.user_id})

    def _spawn(self, work: Awaitable[None]) -> None:
        task = asyncio.ensure_future(work)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def stop(self) -> None:
        for user_id in list(self._device):
            self.cancel(user_id)
        for task in list(self._tasks):
            task.cancel()
        for task in list(self._tasks):
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task
        if self._loopback is not None:
            await self._loopback.cleanup()
            self._loopback = None


SIGNED_OUT = (
    "{provider} no longer accepts my sign-in to {address} (it was revoked, or your password changed), "
    "so I can't send from it or notice replies. Nothing will be sent until you sign in again."
)


def _page(text: str, status: int = 200) -> web.Response:
    body = (
        "<!doctype html><meta charset=utf-8><title>Followup</title>"
        f"<p style='font:1.2em sans-serif;margin:2em'>{html.escape(text)}</p>"
    )
    return web.Response(text=body, status=status, content_type="text/html")
