"""OAuth 2.0 sign-in against local fakes of Microsoft's and Google's authorization servers (real HTTP),
and XOAUTH2 against real servers: Dovecot (its `oauth2` password database asks the fake's introspection
endpoint) and aiosmtpd (an XOAUTH2 authenticator). On SQLite and PostgreSQL.

Device code (msal), authorization code with PKCE (Authlib) through the bot's own callback, a token that
runs out between two sends (refreshed first, sent once), a token the server refuses (refreshed after the
refusal), a revoked refresh token (told once, nothing sent), a scope narrower than asked.
"""

from __future__ import annotations

import asyncio
import base64
import dataclasses
import logging
import re
import shutil
import tempfile
from email import message_from_bytes, policy
from pathlib import Path

import aiohttp
import fast_mail_parser
import pytest
import pytest_asyncio
from cryptography.fernet import Fernet
from sqlalchemy import select

from bot.drafts.draft import Draft
from bot.mailbox.records import MailboxForm
from bot.mailbox.sending import SendStatus
from bot.mailbox.service import MailboxService
from bot.mailbox.signin import SignInOutcome
from bot.service.config import Settings
from bot.store.db import make_engine, sessionmaker_for
from bot.store.models import Interview, InterviewStatus, Mailbox, MailboxStatus, Person, User
from tests.support.mailservers import client_context, mail, make_certificate, start_dovecot, start_smtp, wait_until
from tests.support.oauthfakes import FakeAuthority

pytestmark = pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS:UserWarning")

OUTLOOK, GMAIL = "ana@outlook.com", "ana@gmail.com"
MARIA = "maria.garcia@corp.example"


@pytest_asyncio.fixture
async def authority():
    folder = Path(tempfile.mkdtemp(prefix="followup-oauth-"))
    cert, key = make_certificate(folder)
    fake = FakeAuthority(cert, key)
    await fake.start()
    yield fake
    await fake.stop()
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def oauth_dovecot(authority):
    """Dovecot whose XOAUTH2 logins are checked at the fake's introspection endpoint."""
    server = start_dovecot(
        {OUTLOOK: "no-password-" + "x" * 8, GMAIL: "no-password-" + "y" * 8},
        oauth_introspection_url=authority.introspection_url,
    )
    yield server
    server.stop()
    shutil.rmtree(server.root, ignore_errors=True)


@pytest.fixture
def oauth_smtp(oauth_dovecot, authority):
    server = start_smtp(
        {}, mode="starttls", cert=oauth_dovecot.cert, key=oauth_dovecot.key, oauth_check=authority.check
    )
    yield server
    server.stop()


def oauth_settings(db_url: str, tmp_path: Path, authority: FakeAuthority) -> Settings:
    return Settings(
        database_url=db_url,
        FOLLOWUP_DATA_DIR=tmp_path / "data",
        FOLLOWUP_SECRET_KEY=Fernet.generate_key().decode(),
        FOLLOWUP_MAILBOX_POLL=0.3,
        FOLLOWUP_MAILBOX_TIMEOUT=5,
        microsoft_oauth_client_id=authority.microsoft_client_id,
        microsoft_oauth_authority=authority.microsoft_authority,
        google_oauth_client_id=authority.google_client_id,
        google_oauth_client_secret=authority.google_client_secret,
        google_oauth_auth_url=authority.google_auth_url,
        google_oauth_token_url=authority.google_token_url,
        _env_file=None,
    )


@pytest_asyncio.fixture
async def world(db_url, tmp_path, clock, authority, oauth_dovecot):
    engine = make_engine(db_url)
    sessions = sessionmaker_for(engine)
    async with sessions() as session, session.begin():
        ana = User(key="console:ana", platform="console", name="Ana Silva", timezone="Europe/Lisbon")
        session.add(ana)
        await session.flush()
        interview = Interview(user_id=ana.id, status=InterviewStatus.ACTIVE, company="Corp", role="Analyst")
        session.add(interview)
        await session.flush()
        session.add(Person(interview_id=interview.id, name="Maria Garcia", email=MARIA))
        user_id = ana.id
    service = MailboxService(
        sessions,
        oauth_settings(db_url, tmp_path, authority),
        clock,
        tls=client_context(oauth_dovecot.cert),
        oauth_ca_file=str(authority.cert),
    )
    outcomes: list[SignInOutcome] = []
    told: list[tuple[int, str]] = []

    async def signed_in(outcome: SignInOutcome) -> None:
        outcomes.append(outcome)

    async def signed_out(who: int, words: str) -> None:
        told.append((who, words))

    service.signins.on_signed_in, service.signins.on_signed_out = signed_in, signed_out
    yield service, user_id, outcomes, told
    await service.stop_watching()
    await engine.dispose()


def form(address: str, dovecot, smtp, auth: str) -> MailboxForm:
    return MailboxForm(
        address=address,
        password="",
        smtp_host="127.0.0.1",
        smtp_port=smtp.port,
        smtp_security="starttls",
        imap_host="127.0.0.1",
        imap_port=dovecot.starttls_port,
        imap_security="starttls",
        auth=auth,
    )


def draft(subject: str = "Thank you for today") -> Draft:
    return Draft("Maria Garcia", MARIA, subject, "Dear Maria,\n\nThank you for the conversation today.\n\nAna")


async def microsoft_sign_in(service, user_id, outcomes, authority) -> SignInOutcome:
    code = await service.signins.start_microsoft(user_id, OUTLOOK)
    assert code.url == "https://microsoft.com/devicelogin" and len(code.user_code) == 8
    [asked] = [grant["scope"] for grant in authority.device.values() if grant["user_code"] == code.user_code]
    # IMAP, SMTP and a refresh token; msal always adds openid (who signed in), which it cannot leave out.
    assert set(asked.split()) == {
        "https://outlook.office.com/IMAP.AccessAsUser.All",
        "https://outlook.office.com/SMTP.Send",
        "offline_access",
        "openid",
    }
    await asyncio.sleep(0.3)  # the bot is polling; the user has not signed in yet
    assert not outcomes and "ms:token:device" in authority.calls
    authority.approve(code.user_code, OUTLOOK)
    await wait_until(lambda: outcomes, "the device-code sign-in did not finish")
    return outcomes.pop()


async def test_microsoft_device_code_then_xoauth2_send_refresh_and_revoke(
    world, authority, oauth_dovecot, oauth_smtp, clock, caplog
):
    caplog.set_level(logging.DEBUG)  # every library's debug lines too: no token may appear in any
    service, user_id, outcomes, told = world
    outcome = await microsoft_sign_in(service, user_id, outcomes, authority)
    assert outcome.tokens is not None, outcome.words
    assert outcome.tokens.access_token not in repr(outcome) and outcome.tokens.refresh_token not in repr(outcome)
    connected = await service.connect(user_id, form(OUTLOOK, oauth_dovecot, oauth_smtp, "microsoft"), outcome.tokens)
    assert connected.ok, connected.words
    assert "introspect" in authority.calls  # Dovecot asked the fake about the token
    assert connected.description["auth"] == "microsoft"
    async with service.sessions() as session:
        row = await session.scalar(select(Mailbox))
    for secret in authority.secrets_issued():  # sealed, never in the clear; never in /export
        assert secret.encode() not in row.password_encrypted
        assert secret not in repr(await service.export(user_id))

    first = await service.send_draft(user_id, None, draft())
    assert first.status == SendStatus.SENT, first.words
    assert oauth_smtp.recorder.logins == [f"{OUTLOOK}:ok"] * 2  # the check when connecting, then the send

    # Two hours later (the token lasts one): refreshed before the send, which goes out once.
    clock.advance(hours=2)
    authority.expire_all()
    second = await service.send_draft(user_id, None, draft("Following up"))
    assert second.status == SendStatus.SENT, second.words
    assert authority.calls.count("ms:token:refresh") == 1
    assert len(oauth_smtp.recorder.accepted) == 2 and oauth_smtp.recorder.logins[-1] == f"{OUTLOOK}:ok"

    # The server refuses a token that should still be good: refreshed after the refusal, sent once.
    authority.expire_all()
    third = await service.send_draft(user_id, None, draft("One more"))
    assert third.status == SendStatus.SENT, third.words
    assert authority.calls.count("ms:token:refresh") == 2
    assert oauth_smtp.recorder.logins[-2:] == [f"{OUTLOOK}:refused", f"{OUTLOOK}:ok"]
    assert len(oauth_smtp.recorder.accepted) == 3

    # Revoked: the user is told once; nothing is sent, now or on the next try.
    authority.revoke(OUTLOOK)
    clock.advance(hours=2)
    refused = await service.send_draft(user_id, None, draft("Not to go"))
    assert refused.status == SendStatus.FAILED and "sign in again" in refused.words
    again = await service.send_draft(user_id, None, draft("Not to go either"))
    assert again.status == SendStatus.FAILED
    assert len(told) == 1 and "Microsoft no longer accepts my sign-in to ana@outlook.com" in told[0][1]
    assert len(oauth_smtp.recorder.accepted) == 3
    assert authority.calls.count("ms:token:refresh") == 3  # the second try did not even ask
    assert (await service.describe(user_id))["status"] == MailboxStatus.SIGNED_OUT
    logged = caplog.text + "".join(str(r.args) for r in caplog.records)
    for secret in authority.secrets_issued():
        encoded = base64.b64encode(f"user={OUTLOOK}\x01auth=Bearer {secret}\x01\x01".encode()).decode()
        assert secret not in logged and encoded not in logged


async def test_microsoft_scope_narrower_than_asked_is_refused(world, authority):
    service, user_id, outcomes, _ = world
    authority.grant_scope = "https://outlook.office.com/IMAP.AccessAsUser.All"  # no SMTP.Send
    outcome = await microsoft_sign_in(service, user_id, outcomes, authority)
    assert outcome.tokens is None
    assert outcome.words.startswith("Microsoft didn't give me permission to read and send your mail")


async def test_a_device_code_left_unused_runs_out_and_says_so(world, authority):
    service, user_id, outcomes, _ = world
    authority.device_expires_in = 2
    await service.signins.start_microsoft(user_id, OUTLOOK)
    await wait_until(lambda: outcomes, "the unused code was not reported")
    outcome = outcomes.pop()
    assert outcome.tokens is None
    assert outcome.words == "The code ran out before the sign-in was finished; nothing was saved."


async def browser_opens(url: str, authority: FakeAuthority) -> tuple[int, str]:
    """What the user's browser does: open Google's page, follow its redirect to the bot's callback."""
    trust = client_context(authority.cert)
    async with aiohttp.ClientSession() as browser, browser.get(url, ssl=trust) as page:
        return page.status, await page.text()


async def test_google_authorization_code_with_pkce_through_the_loopback_callback(
    world, authority, oauth_dovecot, oauth_smtp, clock
):
    service, user_id, outcomes, _ = world
    url = await service.signins.start_google(user_id, GMAIL, loopback=True)
    assert url.startswith(authority.google_auth_url)
    assert "code_challenge_method=S256" in url and "code_challenge=" in url and "code_verifier" not in url
    assert "redirect_uri=http%3A%2F%2F127.0.0.1%3A" in url and "access_type=offline" in url
    status, page = await browser_opens(url, authority)
    assert status == 200 and "Signed in. You can close this tab" in page
    await wait_until(lambda: outcomes, "the Google sign-in did not finish")
    outcome = outcomes.pop()
    assert outcome.tokens is not None, outcome.words
    assert authority.calls.count("google:token:code") == 1
    connected = await service.connect(user_id, form(GMAIL, oauth_dovecot, oauth_smtp, "google"), outcome.tokens)
    assert connected.ok, connected.words

    # The same link twice (a reload): the code was used; the page says so and nothing else happens.
    status, page = await browser_opens(url, authority)
    assert status == 400 and "already used" in page

    # The watcher logs in to IMAP with XOAUTH2; a token Dovecot refuses (AUTHENTICATIONFAILED) is refreshed.
    authority.expire_all()
    seen = []

    async def on_reply(reply):
        seen.append(reply)

    await service.start_watching(on_reply, use_idle=False)
    await wait_until(lambda: "google:token:refresh" in authority.calls, "the refused token was not refreshed")
    oauth_dovecot.deliver(GMAIL, mail(f"Maria Garcia <{MARIA}>", "Re: Thank you", "Thanks Ana!", "<m1@corp>"))
    await wait_until(lambda: seen, "the watcher did not read the inbox with the refreshed token")
    assert seen[0].snippet == "Thanks Ana!" and authority.calls.count("google:token:refresh") == 1


async def test_google_refused_consent_and_narrow_scope_save_nothing(world, authority):
    service, user_id, outcomes, _ = world
    authority.deny_google = True
    status, page = await browser_opens(await service.signins.start_google(user_id, GMAIL, loopback=True), authority)
    assert status == 200 and "cancelled" in page
    await wait_until(lambda: outcomes, "the refusal was not reported")
    assert outcomes.pop().tokens is None
    authority.deny_google, authority.grant_scope = False, "openid email"
    await browser_opens(await service.signins.start_google(user_id, GMAIL, loopback=True), authority)
    await wait_until(lambda: outcomes, "the narrow scope was not reported")
    outcome = outcomes.pop()
    assert outcome.tokens is None and outcome.words.startswith("Google didn't give me permission")
    assert await service.describe(user_id) is None


# ---- as a user would: the chat, through the driver ----------------------------------------------


@pytest_asyncio.fixture
async def oauth_app(db_url, tmp_path, clock, authority, oauth_dovecot, oauth_smtp, monkeypatch):
    """The whole bot, with Outlook.com's and Gmail's servers being the local Dovecot and aiosmtpd."""
    from bot.app import Followup
    from bot.mailbox import providers
    from tests.support.recording import RecordingSender

    here = {
        "smtp_host": "127.0.0.1",
        "smtp_port": oauth_smtp.port,
        "smtp_security": "starttls",
        "imap_host": "127.0.0.1",
        "imap_port": oauth_dovecot.starttls_port,
        "imap_security": "starttls",
    }
    monkeypatch.setitem(providers.BY_DOMAIN, "outlook.com", dataclasses.replace(providers.OUTLOOK, **here))
    monkeypatch.setitem(providers.BY_DOMAIN, "gmail.com", dataclasses.replace(providers.GMAIL, **here))
    app = Followup(
        oauth_settings(db_url, tmp_path, authority),
        clock,
        mail_tls=client_context(oauth_dovecot.cert),
        oauth_ca_file=str(authority.cert),
    )
    sender = RecordingSender()
    app.add_sender(sender)
    yield app, sender
    await app.stop()


def said(sender) -> str:
    return "\n".join(sender.texts())


async def test_outlook_user_signs_in_with_a_device_code_and_sends_a_thank_you(oauth_app, authority, oauth_smtp, clock):
    from tests.support.driver import ChatUser
    from tests.support.scripts import debrief, onboard

    app, sender = oauth_app
    ana = await onboard(ChatUser(app, "ana", name="Ana"))
    await ana.says("/mailbox")
    ana.expect("Which email address")
    await ana.says("ana@outlook.com")
    ana.expect("is a Microsoft address", "never see your Microsoft password")
    assert [b.label for b in ana.buttons] == ["Sign in with Microsoft"]
    await ana.taps("Sign in with Microsoft")
    ana.expect("Asking Microsoft for a sign-in code", "Open https://microsoft.com/devicelogin", "15 minutes")
    code = re.search(r"enter this code: (\w+)", ana.text).group(1)
    await ana.says("done??")  # typed while Microsoft still waits for them
    ana.expect("still waiting for you to finish signing in with Microsoft")

    authority.approve(code, OUTLOOK)  # on their phone
    await wait_until(lambda: "Connected ana@outlook.com" in said(sender), "the sign-in did not finish in the chat")
    assert "Signed in with Microsoft. Checking both servers…" in said(sender)
    assert "sending and reading both work. From now on" in said(sender)
    sender.take()

    await debrief(ana, company="Société Générale Investissement et Financement", when="just now", write_drafts=True)
    clock.advance(hours=2)
    assert await app.dispatch_due() == 2
    ana.buttons = list(next(r for _, r in reversed(sender.sent) if "thank-you email to Jane Doe" in r.text).buttons)
    # The access token (1 hour) runs out between the reminder and the tap.
    clock.advance(hours=3)
    authority.expire_all()
    await ana.taps("Send now")
    shown = re.search(r"Subject: (.+)", ana.text).group(1)
    assert "Société Générale" in shown and len(shown) > 78  # long enough to be folded
    await ana.taps("Send")
    ana.expect("Sent to Jane Doe", "Marked as sent")
    assert len(oauth_smtp.recorder.accepted) == 1 and authority.calls.count("ms:token:refresh") == 1
    assert oauth_smtp.recorder.logins[-1] == f"{OUTLOOK}:ok"
    received = oauth_smtp.recorder.accepted[0][2]
    assert b"\r\n =?utf-8?q?" in received.split(b"\r\n\r\n")[0]  # folded over lines
    assert str(message_from_bytes(received, policy=policy.default)["Subject"]) == shown
    assert fast_mail_parser.parse_email(received).subject == shown

    # Microsoft revokes the sign-in: told once, with a button; nothing is sent meanwhile.
    authority.revoke(OUTLOOK)
    clock.advance(hours=3)
    await app.mailbox.start_watching(app.on_mail_reply, use_idle=False)
    await wait_until(lambda: "no longer accepts my sign-in" in said(sender), "the revoked sign-in was not told")
    await asyncio.sleep(1)  # the watcher does not say it again
    notices = [r for r in sender.take() if "no longer accepts my sign-in" in r.text]
    assert len(notices) == 1 and [b.label for b in notices[0].buttons] == ["Sign in again"]
    assert "Nothing will be sent until you sign in again" in notices[0].text

    await ana.says("/mailbox")
    ana.expect("Your mailbox: ana@outlook.com (signed in with Microsoft)", "Last problem: Microsoft no longer accepts")
    assert [b.label for b in ana.buttons] == ["Sign in again", "Disconnect", "Keep it"]
    await ana.taps("Keep it")
    ana.buttons = list(notices[0].buttons)
    await ana.taps("Sign in again")
    ana.expect("is a Microsoft address")
    await ana.taps("Sign in with Microsoft")
    code = re.search(r"enter this code: (\w+)", ana.text).group(1)
    authority.approve(code, OUTLOOK)
    await wait_until(lambda: "Connected ana@outlook.com" in said(sender), "signing in again did not reconnect")
    assert (await app.mailbox.describe(await ana_id(app)))["status"] == "ok"


async def ana_id(app) -> int:
    async with app.sessions() as session:
        return await session.scalar(select(User.id).where(User.key == "console:ana"))


async def test_gmail_user_signs_in_through_the_browser_redirect(oauth_app, authority):
    from tests.support.driver import ChatUser
    from tests.support.scripts import onboard

    app, sender = oauth_app
    ana = await onboard(ChatUser(app, "ana", name="Ana"))
    await ana.says("/mailbox")
    await ana.says("Ana@Gmail.com")
    ana.expect("is a Google address", "Open it in a browser on this computer", "An app password works too")
    assert [b.label for b in ana.buttons] == ["Sign in with Google", "Use an app password"]
    await ana.taps("Sign in with Google")
    ana.expect("Open this link, sign in as ana@gmail.com")
    link = re.search(r"(https://\S+)", ana.text).group(1)
    status, page = await browser_opens(link, authority)
    assert status == 200 and "Signed in" in page
    await wait_until(lambda: "Connected Ana@gmail.com" in said(sender), "the Google sign-in did not finish in the chat")
    assert "Signed in with Google. Checking both servers…" in said(sender)
    assert authority.calls.count("google:token:code") == 1


async def test_without_the_operators_registration_only_app_passwords_and_why(db_url, tmp_path, clock):
    from bot.app import Followup
    from tests.support.driver import ChatUser
    from tests.support.mailservers import mail_settings
    from tests.support.scripts import onboard

    app = Followup(mail_settings(db_url, tmp_path), clock)
    try:
        ana = await onboard(ChatUser(app, "ana", name="Ana"))
        await ana.says("/mailbox")
        await ana.says("ana@outlook.com")
        ana.expect("Signing in with Microsoft isn't set up on this bot", "docs/mailbox.md", "app password")
        assert [b.label for b in ana.buttons] == ["Use these", "Type other servers"]
        await ana.says("/cancel")
        await ana.says("/mailbox")
        await ana.says("ana@gmail.com")
        ana.expect("Signing in with Google isn't set up on this bot")
    finally:
        await app.stop()


async def test_on_telegram_google_comes_back_to_the_public_url_on_the_health_listener(
    db_url, tmp_path, clock, authority, oauth_dovecot, oauth_smtp, monkeypatch
):
    """FOLLOWUP_PUBLIC_URL is where browsers reach the bot (a proxy in front of HEALTH_PORT or the webhook's port)."""
    from urllib.parse import urlsplit

    from bot.app import Followup
    from bot.mailbox import providers
    from tests.support.driver import ChatUser
    from tests.support.recording import RecordingSender
    from tests.support.scripts import onboard

    here = {"smtp_host": "127.0.0.1", "smtp_port": oauth_smtp.port, "smtp_security": "starttls",
            "imap_host": "127.0.0.1", "imap_port": oauth_dovecot.starttls_port, "imap_security": "starttls"}  # fmt: skip
    monkeypatch.setitem(providers.BY_DOMAIN, "gmail.com", dataclasses.replace(providers.GMAIL, **here))
    settings = oauth_settings(db_url, tmp_path, authority).model_copy(update={"public_url": "https://bot.example.com/"})
    app = Followup(settings, clock, mail_tls=client_context(oauth_dovecot.cert), oauth_ca_file=str(authority.cert))
    sender = RecordingSender("telegram")
    app.add_sender(sender)
    try:
        port = await app.serve_health(0)
        ana = await onboard(ChatUser(app, "ana", platform="telegram", name="Ana"))
        await ana.says("/mailbox")
        await ana.says("ana@gmail.com")
        ana.expect("is a Google address")
        assert "browser on this computer" not in ana.text
        await ana.taps("Sign in with Google")
        link = re.search(r"(https://\S+)", ana.text).group(1)
        assert "redirect_uri=https%3A%2F%2Fbot.example.com%2Foauth%2Fgoogle" in link
        trust = client_context(authority.cert)
        async with aiohttp.ClientSession() as browser:
            async with browser.get(link, ssl=trust, allow_redirects=False) as consent:
                back = urlsplit(consent.headers["Location"])
            assert (back.scheme, back.netloc, back.path) == ("https", "bot.example.com", "/oauth/google")
            # The proxy hands https://bot.example.com/oauth/google?... to the health listener.
            async with browser.get(f"http://127.0.0.1:{port}{back.path}?{back.query}") as page:
                assert page.status == 200 and "Signed in" in await page.text()
        await wait_until(lambda: "Connected ana@gmail.com" in said(sender), "the sign-in did not finish on Telegram")
    finally:
        await app.stop()


async def test_a_gmail_user_may_prefer_an_app_password(oauth_app, oauth_dovecot):
    from tests.support.driver import ChatUser
    from tests.support.scripts import onboard

    app, _ = oauth_app
    ana = await onboard(ChatUser(app, "ana", name="Ana"))
    await ana.says("/mailbox")
    await ana.says("ana@gmail.com")
    await ana.taps("Use an app password")
    ana.expect("Your user name on those servers?", "ana@gmail.com")
    await ana.taps("Use ana@gmail.com")
    ana.expect("app password")
    await ana.says(oauth_dovecot.passwords[GMAIL])
    # Dovecot takes the password; the SMTP fake here only takes XOAUTH2, and says so without saving anything.
    ana.expect("couldn't connect, so nothing was saved", "refused the user name or password")
    assert await app.mailbox.describe(await ana_id(app)) is None
