"""Local fakes of Microsoft's and Google's authorization servers, over real HTTP(S) on 127.0.0.1.

One aiohttp application serves both, the way the real ones answer the calls the bot makes:
- Microsoft (what msal calls): the OpenID configuration, the device-code endpoint and the token endpoint
  (device code, refresh token); HTTPS, as msal accepts nothing else.
- Google (what Authlib calls, and what a browser opens): the consent page (answers at once with a
  redirect to the bot's callback, as if the user clicked "Allow"), the token endpoint (authorization
  code checked against its PKCE S256 challenge and redirect URI, refresh token).
- RFC 7662 token introspection over plain HTTP, for Dovecot's `oauth2` password database; and
  `check(user, token)` for the aiosmtpd XOAUTH2 authenticator.

The test decides what the "user" does: `approve(user_code, address)`, `revoke(address)`, `expire_all()`,
`grant_scope` (a scope narrower than asked), `deny_google`.
"""

from __future__ import annotations

import base64
import hashlib
import secrets
import ssl
from dataclasses import dataclass, field
from urllib.parse import urlencode

from aiohttp import web

from tests.support.mailservers import free_port, server_context

MS_TENANT = "consumers"
GOOGLE_SCOPE = "https://mail.google.com/"


@dataclass
class FakeAuthority:
    cert: object
    key: object
    google_client_id: str = "google-client.apps.example"
    google_client_secret: str = "google-secret"
    microsoft_client_id: str = "ms-client-id"
    expires_in: int = 3600
    device_expires_in: int = 900
    grant_scope: str | None = None  # None: what was asked
    deny_google: bool = False
    google_user: str = ""  # who "signs in" at Google's consent page
    access: dict[str, dict] = field(default_factory=dict)  # access token -> {user, active}
    refresh: dict[str, dict] = field(default_factory=dict)  # refresh token -> {user, scope, revoked}
    device: dict[str, dict] = field(default_factory=dict)  # device code -> {user_code, user, scope}
    codes: dict[str, dict] = field(default_factory=dict)  # Google authorization codes
    calls: list[str] = field(default_factory=list)  # "ms:device", "ms:token:refresh", "google:token:code", ...
    https_port: int = 0
    http_port: int = 0
    _runner: web.AppRunner | None = None

    # ---- what tests use -------------------------------------------------------------------------------

    @property
    def microsoft_authority(self) -> str:
        return f"https://localhost:{self.https_port}/{MS_TENANT}"

    @property
    def google_auth_url(self) -> str:
        return f"https://localhost:{self.https_port}/google/auth"

    @property
    def google_token_url(self) -> str:
        return f"https://localhost:{self.https_port}/google/token"

    @property
    def introspection_url(self) -> str:
        return f"http://127.0.0.1:{self.http_port}/introspect"

    def approve(self, user_code: str, user: str) -> None:
        for grant in self.device.values():
            if grant["user_code"] == user_code:
                grant["user"] = user
                return
        raise AssertionError(f"no device code {user_code}")

    def revoke(self, user: str) -> None:
        for grant in self.refresh.values():
            if grant["user"] == user:
                grant["revoked"] = True
        for token in self.access.values():
            if token["user"] == user:
                token["active"] = False

    def expire_all(self) -> None:
        for token in self.access.values():
            token["active"] = False

    def check(self, user: str, token: str) -> bool:
        found = self.access.get(token)
        return bool(found and found["active"] and found["user"] == user)

    def secrets_issued(self) -> list[str]:
        return [*self.access, *self.refresh]

    # ---- the servers ----------------------------------------------------------------------------------

    async def start(self) -> None:
        app = web.Application()
        app.router.add_get(f"/{MS_TENANT}/v2.0/.well-known/openid-configuration", self._openid)
        app.router.add_post(f"/{MS_TENANT}/oauth2/v2.0/devicecode", self._devicecode)
        app.router.add_post(f"/{MS_TENANT}/oauth2/v2.0/token", self._ms_token)
        app.router.add_get("/google/auth", self._google_auth)
        app.router.add_post("/google/token", self._google_token)
        app.router.add_post("/introspect", self._introspect)
        self._runner = web.AppRunner(app, access_log=None, handle_signals=False)
        await self._runner.setup()
        self.https_port, self.http_port = free_port(), free_port()
        tls: ssl.SSLContext = server_context(self.cert, self.key)
        await web.TCPSite(self._runner, "127.0.0.1", self.https_port, ssl_context=tls).start()
        await web.TCPSite(self._runner, "127.0.0.1", self.http_port).start()

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    def _issue(self, user: str, scope: str, refresh_token: str | None = None) -> dict:
        access = "at-" + secrets.token_urlsafe(16)
        self.access[access] = {"user": user, "active": True}
        refresh_token = refresh_token or "rt-" + secrets.token_urlsafe(16)
        self.refresh[refresh_token] = {"user": user, "scope": scope, "revoked": False}
        return {
            "token_type": "Bearer",
            "access_token": access,
            "refresh_token": refresh_token,
            "expires_in": self.expires_in,
            "scope": scope,
        }

    @staticmethod
    def _error(error: str, status: int = 400) -> web.Response:
        return web.json_response({"error": error, "error_description": error}, status=status)

    # Microsoft

    async def _openid(self, request: web.Request) -> web.Response:
        base = f"https://localhost:{self.https_port}/{MS_TENANT}"
        return web.json_response(
            {
                "issuer": f"{base}/v2.0",
                "authorization_endpoint": f"{base}/oauth2/v2.0/authorize",
                "token_endpoint": f"{base}/oauth2/v2.0/token",
                "device_authorization_endpoint": f"{base}/oauth2/v2.0/devicecode",
            }
        )

    async def _devicecode(self, request: web.Request) -> web.Response:
        form = await request.post()
        self.calls.append("ms:device")
        if form.get("client_id") != self.microsoft_client_id:
            return self._error("invalid_client")
        device_code = secrets.token_urlsafe(24)
        user_code = secrets.token_hex(4).upper()
        self.device[device_code] = {"user_code": user_code, "user": None, "scope": str(form.get("scope", ""))}
        return web.json_response(
            {
                "device_code": device_code,
                "user_code": user_code,
                "verification_uri": "https://microsoft.com/devicelogin",
                "expires_in": self.device_expires_in,
                "interval": 1,
                "message": f"To sign in, use a web browser to open https://microsoft.com/devicelogin and enter {user_code}.",
            }
        )

    def _ms_scope(self, asked: str) -> str:
        if self.grant_scope is not None:
            return self.grant_scope
        return " ".join(s for s in asked.split() if s.startswith("https://"))

    async def _ms_token(self, request: web.Request) -> web.Response:
        form = await request.post()
        grant = form.get("grant_type")
        if form.get("client_id") != self.microsoft_client_id:
            return self._error("invalid_client")
        if grant == "urn:ietf:params:oauth:grant-type:device_code":
            self.calls.append("ms:token:device")
            found = self.device.get(str(form.get("device_code")))
            if found is None:
                return self._error("expired_token")
            if found["user"] is None:
                return self._error("authorization_pending")
            del self.device[str(form.get("device_code"))]
            return web.json_response(self._issue(found["user"], self._ms_scope(found["scope"])))
        if grant == "refresh_token":
            self.calls.append("ms:token:refresh")
            found = self.refresh.get(str(form.get("refresh_token")))
            if found is None or found["revoked"]:
                return self._error("invalid_grant")
            del self.refresh[str(form.get("refresh_token"))]  # Microsoft rotates refresh tokens
            return web.json_response(self._issue(found["user"], found["scope"]))
        return self._error("unsupported_grant_type")

    # Google

    async def _google_auth(self, request: web.Request) -> web.Response:
        query = request.query
        self.calls.append("google:auth")
        redirect = query.get("redirect_uri", "")
        problems = [
            query.get("client_id") != self.google_client_id,
            query.get("response_type") != "code",
            query.get("code_challenge_method") != "S256",
            not query.get("code_challenge"),
            GOOGLE_SCOPE not in query.get("scope", "").split(),
            not redirect,
        ]
        if any(problems):
            return web.Response(status=400, text="invalid_request")
        if self.deny_google:
            raise web.HTTPFound(f"{redirect}?{urlencode({'error': 'access_denied', 'state': query.get('state', '')})}")
        code = "code-" + secrets.token_urlsafe(16)
        self.codes[code] = {
            "challenge": query["code_challenge"],
            "redirect_uri": redirect,
            "user": self.google_user or query.get("login_hint", ""),
            "scope": self.grant_scope if self.grant_scope is not None else GOOGLE_SCOPE,
        }
        raise web.HTTPFound(f"{redirect}?{urlencode({'code': code, 'state': query.get('state', '')})}")

    def _google_client_ok(self, request: web.Request, form) -> bool:
        given = (form.get("client_id"), form.get("client_secret"))
        header = request.headers.get("Authorization", "")
        if header.startswith("Basic "):
            user, _, password = base64.b64decode(header[6:]).decode().partition(":")
            given = (user, password)
        return given == (self.google_client_id, self.google_client_secret)

    async def _google_token(self, request: web.Request) -> web.Response:
        form = await request.post()
        if not self._google_client_ok(request, form):
            return self._error("invalid_client", 401)
        grant = form.get("grant_type")
        if grant == "authorization_code":
            self.calls.append("google:token:code")
            found = self.codes.pop(str(form.get("code")), None)
            if found is None or found["redirect_uri"] != form.get("redirect_uri"):
                return self._error("invalid_grant")
            verifier = str(form.get("code_verifier", ""))
            digest = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
            if digest != found["challenge"]:
                return self._error("invalid_grant")  # PKCE: the code is worth nothing without the verifier
            return web.json_response(self._issue(found["user"], found["scope"]))
        if grant == "refresh_token":
            self.calls.append("google:token:refresh")
            token = str(form.get("refresh_token"))
            found = self.refresh.get(token)
            if found is None or found["revoked"]:
                return self._error("invalid_grant")
            answer = self._issue(found["user"], found["scope"], refresh_token=token)
            del answer["refresh_token"]  # Google keeps the refresh token
            return web.json_response(answer)
        return self._error("unsupported_grant_type")

    # Introspection (RFC 7662), for Dovecot

    async def _introspect(self, request: web.Request) -> web.Response:
        form = await request.post()
        self.calls.append("introspect")
        found = self.access.get(str(form.get("token", "")))
        if not found or not found["active"]:
            return web.json_response({"active": False})
        return web.json_response({"active": True, "username": found["user"]})
