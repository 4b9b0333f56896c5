"""Real mail servers for the mailbox tests: aiosmtpd for SMTP, Dovecot (Debian's package) for IMAP.

Dovecot runs from a config in a tmp dir: its own base_dir, a passwd-file of test users, mail in a tmp
Maildir, listening on loopback ports only; no system service is touched. Without the binary the tests
skip loudly on a developer's machine and fail under CI=true (`.ci/run` installs dovecot-imapd).
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import datetime as dt
import imaplib
import ipaddress
import os
import pwd
import shutil
import signal
import socket
import ssl
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword
from cryptography import x509
from cryptography.fernet import Fernet
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from bot.service.config import Settings

IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
DOVECOT = shutil.which("dovecot") or ("/usr/sbin/dovecot" if Path("/usr/sbin/dovecot").exists() else None)


def mail_settings(db_url: str, tmp_path: Path) -> Settings:
    """Settings for the mailbox tests: a fresh vault key, a quick poll and a short server timeout."""
    return Settings(
        database_url=db_url,
        FOLLOWUP_DATA_DIR=tmp_path / "data",
        FOLLOWUP_SECRET_KEY=Fernet.generate_key().decode(),
        FOLLOWUP_MAILBOX_POLL=0.3,
        FOLLOWUP_MAILBOX_TIMEOUT=5,
        _env_file=None,
    )


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def make_certificate(folder: Path) -> tuple[Path, Path]:
    """A self-signed certificate for localhost and 127.0.0.1 (made here, valid for a day)."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(hours=1))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = folder / "cert.pem", folder / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    return cert_path, key_path


def client_context(cert: Path) -> ssl.SSLContext:
    """What the bot would use, trusting the test certificate (and nothing else)."""
    return ssl.create_default_context(cafile=str(cert))


def server_context(cert: Path, key: Path) -> ssl.SSLContext:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    return context


def require_dovecot() -> str:
    if DOVECOT:
        return DOVECOT
    message = "Dovecot is not installed (apt-get install -y dovecot-imapd): the IMAP tests need a real server"
    if IN_CI:
        pytest.fail(message + " and CI=true")
    pytest.skip("SKIPPED LOUDLY: " + message)


# ---- IMAP: Dovecot --------------------------------------------------------------------------------


@dataclass
class Dovecot:
    """One Dovecot master process; users are added before start()."""

    root: Path
    cert: Path
    key: Path
    passwords: dict[str, str] = field(default_factory=dict)
    starttls_port: int = 0
    tls_port: int = 0
    process: subprocess.Popen | None = None
    # OAuth 2.0: XOAUTH2 and OAUTHBEARER logins checked at this RFC 7662 introspection URL (Dovecot's
    # `oauth2` password database), after the passwd-file users' passwords.
    oauth_introspection_url: str = ""

    def _ids(self) -> tuple[str, int, int]:
        # As root, Dovecot's own unprivileged accounts run the login and mail processes; otherwise all
        # runs as the current user.
        if os.geteuid() == 0:
            entry = pwd.getpwnam("dovecot")
            return "dovecot", entry.pw_uid, entry.pw_gid
        entry = pwd.getpwuid(os.getuid())
        return entry.pw_name, entry.pw_uid, entry.pw_gid

    def start(self) -> None:
        binary = require_dovecot()
        user, uid, gid = self._ids()
        login_user = "dovenull" if os.geteuid() == 0 else user
        for sub in ("run", "state", "mail"):
            (self.root / sub).mkdir(exist_ok=True)
        os.chown(self.root / "mail", uid, gid)
        users = self.root / "users"
        users.write_text(
            "".join(
                f"{name}:{{PLAIN}}{password}:{uid}:{gid}::{self.root / 'home' / name}::\n"
                for name, password in self.passwords.items()
            )
        )
        self.starttls_port, self.tls_port = free_port(), free_port()
        mechanisms, oauth_passdb = "plain login", ""
        if self.oauth_introspection_url:
            mechanisms += " xoauth2 oauthbearer"
            oauth_conf = self.root / "oauth2.conf.ext"
            oauth_conf.write_text(
                f"introspection_mode = post\nintrospection_url = {self.oauth_introspection_url}\n"
                "username_attribute = username\nactive_attribute = active\nactive_value = true\n"
            )
            oauth_passdb = (
                f"passdb {{\n  driver = oauth2\n  mechanisms = xoauth2 oauthbearer\n  args = {oauth_conf}\n}}\n"
            )
        conf = self.root / "dovecot.conf"
        conf.write_text(
            f"""
base_dir = {self.root}/run
state_dir = {self.root}/state
log_path = {self.root}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = yes
ssl_cert = <{self.cert}
ssl_key = <{self.key}
disable_plaintext_auth = no
auth_mechanisms = {mechanisms}
# The tests try wrong passwords on purpose: no 2-second delay, no growing penalty for this client.
auth_failure_delay = 0
login_trusted_networks = 127.0.0.0/8
default_login_user = {login_user}
default_internal_user = {user}
default_internal_group = {pwd.getpwuid(uid).pw_name if os.geteuid() != 0 else "dovecot"}
first_valid_uid = 1
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {users}
}}
{oauth_passdb}userdb {{
  driver = passwd-file
  args = username_format=%u {users}
}}
mail_location = maildir:{self.root}/mail/%u
namespace inbox {{
  inbox = yes
  mailbox Sent {{
    special_use = \\Sent
    auto = subscribe
  }}
}}
service anvil {{
  chroot =
}}
service imap-login {{
  chroot =
  inet_listener imap {{
    address = 127.0.0.1
    port = {self.starttls_port}
  }}
  inet_listener imaps {{
    address = 127.0.0.1
    port = {self.tls_port}
    ssl = yes
  }}
}}
"""
        )
        self.process = subprocess.Popen(
            [binary, "-F", "-c", str(conf)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True
        )
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"Dovecot exited: {self.process.stdout.read().decode(errors='replace')}")
            try:
                with socket.create_connection(("127.0.0.1", self.starttls_port), timeout=1) as sock:
                    if sock.recv(100).startswith(b"* OK"):
                        return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("Dovecot did not start listening within 20 s")

    def stop(self) -> None:
        """Kill the master and its children at once (their own process group): a graceful SIGTERM makes
        Dovecot's master wait a second for its children, a second per mailbox test."""
        if self.process and self.process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()

    def imap(self, user: str) -> imaplib.IMAP4_SSL:
        """A plain imaplib session for the test itself (delivering, looking around)."""
        client = imaplib.IMAP4_SSL("127.0.0.1", self.tls_port, ssl_context=client_context(self.cert))
        client.login(user, self.passwords[user])
        return client

    def deliver(self, user: str, message: bytes, folder: str = "INBOX") -> None:
        """Put a message into a folder with IMAP APPEND, as a delivery would."""
        client = self.imap(user)
        try:
            status, _ = client.append(folder, None, None, message)
            assert status == "OK"
        finally:
            client.logout()

    def messages(self, user: str, folder: str) -> list[bytes]:
        client = self.imap(user)
        try:
            client.select(folder, readonly=True)
            _, data = client.uid("SEARCH", "ALL")
            found = []
            for uid in data[0].split():
                _, parts = client.uid("FETCH", uid, "(BODY.PEEK[])")
                found.append(parts[0][1])
            return found
        finally:
            client.logout()

    def flags(self, user: str, folder: str = "INBOX") -> list[bytes]:
        client = self.imap(user)
        try:
            client.select(folder, readonly=True)
            _, data = client.fetch("1:*", "(FLAGS)")
            return [line for line in data if line]
        finally:
            client.logout()


def start_dovecot(passwords: dict[str, str], *, oauth_introspection_url: str = "") -> Dovecot:
    # Not pytest's tmp_path: that is private to the current user, and Dovecot's login processes run as
    # another account when the tests run as root.
    root = Path(tempfile.mkdtemp(prefix="followup-dovecot-"))
    root.chmod(0o755)
    cert, key = make_certificate(root)
    server = Dovecot(root, cert, key, dict(passwords), oauth_introspection_url=oauth_introspection_url)
    try:
        server.start()
    except BaseException:
        server.stop()
        shutil.rmtree(root, ignore_errors=True)
        raise
    return server


# ---- SMTP: aiosmtpd -------------------------------------------------------------------------------


@dataclass
class Recorder:
    """The SMTP handler: refuses some recipients, records what it accepts, may file it into Sent."""

    refuse: set[str] = field(default_factory=set)
    accepted: list[tuple[str, list[str], bytes]] = field(default_factory=list)
    file_into: tuple[Dovecot, str] | None = None  # act like Gmail: the server files sent mail itself

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.lower() in self.refuse:
            return "550 5.1.1 No such user here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.accepted.append((envelope.mail_from, list(envelope.rcpt_tos), bytes(envelope.original_content)))
        if self.file_into:
            dovecot, user = self.file_into
            dovecot.deliver(user, bytes(envelope.original_content), folder="Sent")
        return "250 Message accepted for delivery"


class OAuthRecorder(Recorder):
    """A Recorder that also takes AUTH XOAUTH2, checking the bearer token with `check(user, token)`."""

    def __init__(self, check) -> None:
        super().__init__()
        self.check = check
        self.logins: list[str] = []

    async def auth_XOAUTH2(self, server, args):
        if len(args) < 2:
            return AuthResult(success=False, handled=False)
        try:
            fields = dict(
                part.split("=", 1) for part in base64.b64decode(args[1]).decode().split("\x01") if "=" in part
            )
        except ValueError:
            return AuthResult(success=False, handled=False)
        user, token = fields.get("user", ""), fields.get("auth", "").removeprefix("Bearer ")
        ok = self.check(user, token)
        self.logins.append(f"{user}:{'ok' if ok else 'refused'}")
        return AuthResult(success=ok, handled=False, auth_data=user)


class Authenticator:
    def __init__(self, passwords: dict[str, str]) -> None:
        self.passwords = dict(passwords)  # tests change them: never the caller's dict

    def __call__(self, server, session, envelope, mechanism, auth_data):
        if not isinstance(auth_data, LoginPassword):
            return AuthResult(success=False, handled=False)
        user, password = auth_data.login.decode(), auth_data.password.decode()
        return AuthResult(success=self.passwords.get(user) == password, handled=False)


@dataclass
class SmtpServer:
    controller: Controller
    recorder: Recorder
    port: int
    auth: Authenticator

    def stop(self) -> None:
        self.controller.stop()


def start_smtp(
    passwords: dict[str, str], *, mode: str, cert: Path | None = None, key: Path | None = None, oauth_check=None
) -> SmtpServer:
    """mode: "starttls" (STARTTLS required before AUTH), "tls" (implicit TLS) or "plain" (loopback only).

    With `oauth_check(user, token)` it also offers AUTH XOAUTH2."""
    recorder = OAuthRecorder(oauth_check) if oauth_check is not None else Recorder()
    port = free_port()
    auth = Authenticator(passwords)
    kwargs: dict = {
        "hostname": "127.0.0.1",
        "port": port,
        "authenticator": auth,
        "auth_required": True,
        # With implicit TLS aiosmtpd does not see the TLS layer itself, so "require TLS for AUTH" is moot.
        "auth_require_tls": mode == "starttls",
    }
    if mode == "starttls":
        kwargs.update(tls_context=server_context(cert, key), require_starttls=True)
    elif mode == "tls":
        kwargs.update(ssl_context=server_context(cert, key))
    controller = Controller(recorder, **kwargs)
    controller.start()
    return SmtpServer(controller, recorder, port, auth)


# ---- what the mailbox tests share: the servers as fixtures, the test users, a message, a wait --------

USERS = {"ana": "ana-app-pw", "ben": "ben-app-pw"}


@pytest.fixture
def dovecot():
    """A real IMAP server (skips loudly without Dovecot locally, fails under CI=true)."""
    server = start_dovecot(USERS)
    yield server
    server.stop()
    shutil.rmtree(server.root, ignore_errors=True)


@pytest.fixture
def smtp(dovecot):
    """Start SMTP servers on demand: start("starttls" | "tls" | "plain")."""
    started = []

    def start(mode: str = "starttls"):
        server = start_smtp(USERS, mode=mode, cert=dovecot.cert, key=dovecot.key)
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop()


async def wait_until(predicate, what: str, seconds: float = 60.0) -> None:
    """Wait for the servers and watchers (a ceiling for a loaded machine, not a speed check)."""
    async with asyncio.timeout(seconds):
        while not predicate():
            await asyncio.sleep(0.05)
    assert predicate(), what


def mail(sender: str, subject: str, body: str, message_id: str, **headers: str) -> bytes:
    extra = "".join(f"{name.replace('_', '-')}: {value}\r\n" for name, value in headers.items())
    return (
        f"From: {sender}\r\nTo: ana@mail.example\r\nSubject: {subject}\r\nMessage-ID: {message_id}\r\n"
        f"Date: Wed, 25 Nov 2026 15:00:00 +0000\r\n{extra}\r\n{body}\r\n"
    ).encode()
