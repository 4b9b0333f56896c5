"""Signing in to Microsoft and Google mailboxes with OAuth 2.0, with each provider's usual library.

- Microsoft: the device-code flow through `msal` (Microsoft's own library): the user opens
  microsoft.com/devicelogin on any device and types a short code; the bot polls until they are done.
  Scopes: IMAP and SMTP on outlook.office.com, and offline access (a refresh token); msal always adds
  "openid", which only says who signed in.
- Google: the authorization-code flow with PKCE through Authlib (over requests): Google sends the browser
  back to the bot's callback (FOLLOWUP_PUBLIC_URL/oauth/google, or a loopback address for the terminal
  chat, as desktop mail programs do). Scope: https://mail.google.com/ (IMAP and SMTP).

The tokens come back as `Tokens`; bot/mailbox/signin.py keeps them sealed in the vault and fresh.
Nothing here logs a token; `Tokens` keeps them out of repr.
"""

from __future__ import annotations

import asyncio
import json
import logging
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import msal
import requests
from authlib.common.security import generate_token
from authlib.integrations.requests_client import OAuth2Session, OAuthError

from bot.service.config import Settings

log = logging.getLogger(__name__)

MICROSOFT_SCOPES = (
    "https://outlook.office.com/IMAP.AccessAsUser.All",
    "https://outlook.office.com/SMTP.Send",
)  # offline_access is added by msal itself
GOOGLE_SCOPE = "https://mail.google.com/"
CALLBACK_PATH = "/oauth/google"
REFRESH_MARGIN = timedelta(minutes=5)  # refreshed this long before the access token runs out


class SignInError(Exception):
    """A sign-in or refresh that did not work; `reason` for code, `str()` for the user."""

    def __init__(self, reason: str, words: str) -> None:
        super().__init__(words)
        self.reason = reason  # "revoked", "scope", "denied", "expired", "unavailable"
        self.words = words


@dataclass(frozen=True, slots=True)
class Tokens:
    """An access token, the refresh token that renews it, and when the access token runs out (UTC)."""

    access_token: str = field(repr=False)
    refresh_token: str = field(repr=False)
    expires_at: datetime
    scope: str = ""

    def expiring(self, now: datetime) -> bool:
        return now + REFRESH_MARGIN >= self.expires_at

    def seal_text(self) -> str:
        return json.dumps(
            {
                "access_token": self.access_token,
                "refresh_token": self.refresh_token,
                "expires_at": self.expires_at.isoformat(),
                "scope": self.scope,
            }
        )

    @classmethod
    def from_text(cls, text: str) -> Tokens:
        data = json.loads(text)
        return cls(
            data["access_token"], data["refresh_token"], datetime.fromisoformat(data["expires_at"]), data["scope"]
        )


def _tokens(answer: dict[str, Any], now: datetime, *, old_refresh: str = "") -> Tokens:
    return Tokens(
        access_token=answer["access_token"],
        # A provider may keep the refresh token (Google) or rotate it (Microsoft).
        refresh_token=answer.get("refresh_token") or old_refresh,
        expires_at=now + timedelta(seconds=int(answer.get("expires_in") or 3600)),
        scope=answer.get("scope") or "",
    )


def _scope_words(provider: str) -> str:
    return (
        f"{provider} didn't give me permission to read and send your mail (a box for it may have been "
        "unticked). Please sign in again and allow access to your mail; nothing was saved."
    )


REVOKED = "The sign-in was revoked."  # bot/mailbox/signin.py says it to the user with the address


def trust(session: requests.Session, ca_file: str | None) -> None:
    """Trust only `ca_file`'s certificates (tests); requests would let REQUESTS_CA_BUNDLE override a
    session's own `verify`, so the environment is not read then."""
    if ca_file:
        session.verify = ca_file
        session.trust_env = False


# ---- Microsoft: device code with msal ------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class DeviceCode:
    user_code: str
    url: str
    expires_at: datetime
    flow: dict = field(repr=False, compare=False)


class Microsoft:
    """msal's public client (no secret: a chat bot cannot keep one from its users' devices)."""

    name = "Microsoft"

    def __init__(self, client_id: str, authority: str, *, ca_file: str | None = None) -> None:
        self.client_id, self.authority, self.ca_file = client_id, authority, ca_file
        self._app: msal.PublicClientApplication | None = None

    def _client(self) -> msal.PublicClientApplication:
        # Built on first use, in a worker thread: msal reads the authority's configuration over HTTP.
        if self._app is None:
            session = requests.Session()
            trust(session, self.ca_file)
            self._app = msal.PublicClientApplication(
                self.client_id,
                authority=self.authority,
                http_client=session,
                # The authority is taken as configured (a sovereign cloud, a tenant, a test server).
                instance_discovery=False,
                exclude_scopes=["profile"],
                token_cache=None,
            )
        return self._app

    async def start(self, now: datetime) -> DeviceCode:
        def begin() -> dict:
            return self._client().initiate_device_flow(scopes=list(MICROSOFT_SCOPES))

        try:
            flow = await asyncio.to_thread(begin)
        except (requests.RequestException, ValueError) as exc:
            log.warning("microsoft device code failed", extra={"error": type(exc).__name__})
            raise SignInError("unavailable", "Microsoft's sign-in service can't be reached right now.") from None
        if "user_code" not in flow:
            log.warning("microsoft device code refused", extra={"error": flow.get("error")})
            raise SignInError("unavailable", "Microsoft's sign-in service refused to start a sign-in.")
        expires = now + timedelta(seconds=int(flow.get("expires_in") or 900))
        return DeviceCode(flow["user_code"], flow["verification_uri"], expires, flow)

    @staticmethod
    def cancel(code: DeviceCode) -> None:
        code.flow["expires_at"] = 0  # msal's documented way to stop the polling loop

    async def wait(self, code: DeviceCode, now_fn) -> Tokens:
        """Poll until the user has signed in (msal sleeps the interval Microsoft asks for)."""
        answer = await asyncio.to_thread(self._client().acquire_token_by_device_flow, code.flow)
        return self._check(answer, now_fn())

    async def refresh(self, tokens: Tokens, now: datetime) -> Tokens:
        def renew() -> dict:
            return self._client().acquire_token_by_refresh_token(tokens.refresh_token, scopes=list(MICROSOFT_SCOPES))

        try:
            answer = await asyncio.to_thread(renew)
        except (requests.RequestException, ValueError) as exc:
            raise SignInError(
                "unavailable", f"Microsoft's sign-in service can't be reached ({type(exc).__name__})."
            ) from None
        return self._check(answer, now, old_refresh=tokens.refresh_token)

    def _check(self, answer: dict, now: datetime, *, old_refresh: str = "") -> Tokens:
        error = answer.get("error")
        if error in {"invalid_grant", "interaction_required", "consent_required"}:
            raise SignInError("revoked", REVOKED)
        if error in {"authorization_declined", "access_denied"}:
            raise SignInError("denied", "The sign-in was declined at Microsoft, so nothing was saved.")
        # msal stops polling when the code's time is up and hands back the last answer ("still pending").
        if error in {"expired_token", "code_expired", "authorization_pending"}:
            raise SignInError("expired", "The code ran out before the sign-in was finished; nothing was saved.")
        if error or "access_token" not in answer:
            log.warning("microsoft token refused", extra={"error": error})
            raise SignInError("unavailable", "Microsoft refused the sign-in; nothing was saved. Please try again.")
        granted = set((answer.get("scope") or "").split())
        if granted and not {scope.rsplit("/", 1)[1] for scope in MICROSOFT_SCOPES} <= {
            s.rsplit("/", 1)[-1] for s in granted
        }:
            raise SignInError("scope", _scope_words("Microsoft"))
        return _tokens(answer, now, old_refresh=old_refresh)


# ---- Google: authorization code with PKCE through Authlib -----------------------------------------


@dataclass(frozen=True, slots=True)
class GoogleStart:
    url: str
    state: str
    verifier: str = field(repr=False)
    redirect_uri: str


class Google:
    name = "Google"

    def __init__(
        self, client_id: str, client_secret: str, auth_url: str, token_url: str, *, ca_file: str | None = None
    ) -> None:
        self.client_id, self.client_secret = client_id, client_secret
        self.auth_url, self.token_url = auth_url, token_url
        self.ca_file = ca_file

    def _client(self, redirect_uri: str = "") -> OAuth2Session:
        session = OAuth2Session(
            self.client_id,
            self.client_secret or None,
            scope=GOOGLE_SCOPE,
            redirect_uri=redirect_uri or None,
            code_challenge_method="S256",
        )
        trust(session, self.ca_file)
        return session

    def begin(self, redirect_uri: str, address: str) -> GoogleStart:
        verifier = generate_token(64)
        client = self._client(redirect_uri)
        # offline + consent: Google gives a refresh token; login_hint picks the right account.
        url, state = client.create_authorization_url(
            self.auth_url, code_verifier=verifier, access_type="offline", prompt="consent", login_hint=address
        )
        return GoogleStart(url, state, verifier, redirect_uri)

    async def finish(self, start: GoogleStart, code: str, now: datetime) -> Tokens:
        def exchange() -> dict:
            with self._client(start.redirect_uri) as client:
                return dict(client.fetch_token(self.token_url, code=code, code_verifier=start.verifier, timeout=20))

        try:
            answer = await asyncio.to_thread(exchange)
        except OAuthError as exc:
            log.warning("google token refused", extra={"error": exc.error})
            raise SignInError("denied", "Google refused the sign-in; nothing was saved. Please try again.") from None
        except requests.RequestException as exc:
            raise SignInError("unavailable", f"Google can't be reached ({type(exc).__name__}).") from None
        return self._check(answer, now)

    async def refresh(self, tokens: Tokens, now: datetime) -> Tokens:
        def renew() -> dict:
            with self._client() as client:
                return dict(client.refresh_token(self.token_url, refresh_token=tokens.refresh_token, timeout=20))

        try:
            answer = await asyncio.to_thread(renew)
        except OAuthError as exc:
            if exc.error in {"invalid_grant", "unauthorized_client"}:
                raise SignInError("revoked", REVOKED) from None
            raise SignInError("unavailable", "Google refused to renew the sign-in.") from None
        except requests.RequestException as exc:
            raise SignInError("unavailable", f"Google can't be reached ({type(exc).__name__}).") from None
        return self._check(answer, now, old_refresh=tokens.refresh_token)

    def _check(self, answer: dict, now: datetime, *, old_refresh: str = "") -> Tokens:
        if "access_token" not in answer:
            raise SignInError("unavailable", "Google sent no access token; nothing was saved.")
        if GOOGLE_SCOPE not in (answer.get("scope") or "").split():
            raise SignInError("scope", _scope_words("Google"))
        if not (answer.get("refresh_token") or old_refresh):
            raise SignInError("unavailable", "Google sent no refresh token; please sign in again.")
        return _tokens(answer, now, old_refresh=old_refresh)


@dataclass(slots=True)
class Providers:
    """The providers the operator registered; either may be None (then: app passwords only)."""

    microsoft: Microsoft | None = None
    google: Google | None = None

    @classmethod
    def from_settings(cls, settings: Settings, *, ca_file: str | None = None) -> Providers:
        microsoft = (
            Microsoft(settings.microsoft_oauth_client_id, settings.microsoft_oauth_authority, ca_file=ca_file)
            if settings.microsoft_oauth_client_id
            else None
        )
        secret = settings.google_oauth_client_secret.get_secret_value()
        google = (
            Google(
                settings.google_oauth_client_id,
                secret,
                settings.google_oauth_auth_url,
                settings.google_oauth_token_url,
                ca_file=ca_file,
            )
            if settings.google_oauth_client_id
            else None
        )
        return cls(microsoft, google)

    def get(self, kind: str) -> Microsoft | Google | None:
        return {"microsoft": self.microsoft, "google": self.google}.get(kind)


def utcnow() -> datetime:
    return datetime.now(UTC)
