"""/mailbox: connect the user's own mailbox (opt-in), show it, disconnect it; and the last steps of
connecting one: signing in with Microsoft or Google (OAuth 2.0), or the user name and an app password
(the address and servers are bot/mailbox/connect_servers.py).

A sign-in ends outside any turn (the user is on Microsoft's or Google's page): `after_sign_in` is the
Finish that bot.app runs in a new turn then; `signed_out_notice` is the one message about a revoked
sign-in, with its "Sign in again" button (`sign_in_again`).

The address, servers and user name wait in the conversation's scratch; the password never does: it is
read from the one message that carries it, handed to the mailbox service after the turn is saved
(the check talks to two servers), and that message is deleted from the chat where the platform can.
"""

from __future__ import annotations

from bot.common import actions
from bot.common import texts as t
from bot.common.actions import Action, Kind, MailOp
from bot.common.events import Button
from bot.common.parsing.text import Invalid
from bot.conversation.state import AGAIN, Flow, Next, Pairs, State, action, entry
from bot.conversation.turn import Finish, Turn
from bot.mailbox import MailboxForm
from bot.mailbox.oauth import SignInError
from bot.mailbox.providers import provider_for
from bot.mailbox.records import describe, load_mailbox
from bot.mailbox.signin import PROVIDER_NAMES, SignInOutcome

SCRATCH = "mail"
OFF = "Connecting your own mailbox is turned off on this bot: {reason}"
WHERE = {"tls": "TLS", "starttls": "STARTTLS", "plain": "no encryption (this machine only)"}


def mail_values(turn: Turn) -> dict:
    """The answers so far (address, servers, user name), from the conversation's scratch."""
    return dict(turn.scratch.get(SCRATCH) or {})


def keep_values(turn: Turn, **values) -> None:
    turn.set(**{SCRATCH: {**mail_values(turn), **values}})


def server_line(values: dict, side: str) -> str:
    host, port, security = values.get(f"{side}_host"), values.get(f"{side}_port"), values.get(f"{side}_security")
    return f"{host}:{port} ({WHERE.get(security, security)})"


async def begin_mailbox(turn: Turn, _entries=None) -> Next:
    """/mailbox: off (and why) without the secret key; the connection if there is one; else set one up."""
    service = turn.mailbox
    if service is None or not service.available:
        reason = service.off_reason if service is not None else "the mailbox service is not running."
        turn.say(OFF.format(reason=reason))
        return None
    if await load_mailbox(turn.session, turn.user.id) is not None:
        return State.MAIL_SHOWN
    turn.drop(SCRATCH)
    return State.MAIL_ADDRESS


# ---- the connected mailbox -------------------------------------------------------------------------


async def ask_shown(turn: Turn) -> tuple[str, Pairs]:
    row = await load_mailbox(turn.session, turn.user.id)
    if row is None:
        return "No mailbox is connected.", [("Connect one", "again"), ("Leave it", "keep")]
    shown = describe(row)
    how = PROVIDER_NAMES.get(shown["auth"])
    lines = [
        f"Your mailbox: {shown['address']} ("
        + (f"signed in with {how}" if how else f"user name {shown['username']}")
        + ")",
        f"Sending: {server_line(shown, 'smtp')}",
        f"Reading: {server_line(shown, 'imap')}",
    ]
    if shown["status"] != "ok" and shown["last_error"]:
        lines.append(f"Last problem: {shown['last_error']}")
    if shown["status"] == "signed_out" and how:
        lines.append(f"Sign in with {how} again, and I'll send from it and watch it again.")
        return "\n".join(lines), [("Sign in again", "signin"), ("Disconnect", "off"), ("Keep it", "keep")]
    lines.append("I send the drafts you approve from it and watch it for your interviewers' replies.")
    return "\n".join(lines), [("Disconnect", "off"), ("Connect another", "again"), ("Keep it", "keep")]


async def disconnect(turn: Turn) -> Next:
    service, user_id = turn.mailbox, turn.user.id

    async def job() -> Finish:
        gone = await service.disconnect(user_id)

        async def finish(after: Turn) -> Next:
            after.say(
                "Disconnected: I forgot the mailbox and its password and stopped watching it. "
                "The reminders go on as before; tap “Sent” on them yourself."
                if gone
                else "No mailbox was connected."
            )
            return None

        return finish

    turn.later(job)
    return State.IDLE


async def again_sign_in(turn: Turn) -> Next:
    row = await load_mailbox(turn.session, turn.user.id)
    turn.drop(SCRATCH)
    if row is None:
        return State.MAIL_ADDRESS
    keep_values(turn, address=row.address)
    if not can_sign_in(turn, row.address):
        turn.say(why_no_sign_in(turn, row.address) or "Please connect it again.")
        return State.MAIL_ADDRESS
    return State.MAIL_SIGN_IN


async def keep(turn: Turn) -> Next:
    turn.say("Kept as it is.")
    return State.IDLE


async def again(turn: Turn) -> Next:
    turn.drop(SCRATCH)
    return State.MAIL_ADDRESS


# ---- setting one up, after the address and servers (bot/mailbox/connect_servers.py) ---------------------------


async def ask_user(turn: Turn) -> tuple[str, Pairs]:
    address = mail_values(turn).get("address", "")
    return f"Your user name on those servers? Usually it is the address itself ({address}).", [
        (f"Use {address}"[:60], "same")
    ]


async def same_user(turn: Turn) -> Next:
    keep_values(turn, username=mail_values(turn).get("address", ""))
    return State.MAIL_PASSWORD


async def on_user(turn: Turn, text: str) -> Next:
    name = text.strip()
    if not name or len(name) > 200 or any(ch.isspace() for ch in name):
        raise Invalid("A user name is one word without spaces (often your whole email address).")
    keep_values(turn, username=name)
    return State.MAIL_PASSWORD


async def ask_password(turn: Turn) -> tuple[str, Pairs]:
    text = (
        "Last, an app password for this mailbox (made in your mail account's security settings; "
        "better than your usual password). I check both servers before saving anything, keep it encrypted "
        "and never show it again."
    )
    if turn.user.platform == "slack":
        text += " Tap the button and type it in the window that opens, so it stays out of this chat."
        return text, [("Type the app password", actions.SECRET_CHOICE)]
    if turn.user.platform == "telegram":
        text += " I delete your message with it as soon as I've read it."
    if turn.user.platform == "console":  # the terminal hides what is typed after this button's prompt
        return text, [("Type the app password (hidden)", actions.SECRET_CHOICE)]
    return text, []


async def type_it(turn: Turn) -> Next:
    """The private-prompt button reached the core (a platform without private input): type it here."""
    turn.say("Please type the app password as your next message.")
    return None


async def on_password(turn: Turn, text: str) -> Next:
    turn.secret_input = True  # whatever happens next, the message with the password goes
    if turn.user.platform == "slack" and not turn.private_input:
        # The bot can't delete a user's Slack message: refuse it, so the habit doesn't stick.
        turn.say(
            "I didn't use that: on Slack, please type the password in the private window the button opens, "
            "not in the chat. If that was your real password, delete your message (its ⋮ menu › Delete)."
        )
        return AGAIN
    password = text.strip()
    if not password:
        raise Invalid("That was empty: please send the app password.")
    values = mail_values(turn)
    form = MailboxForm(
        address=values.get("address", ""),
        password=password,
        username=values.get("username", ""),
        smtp_host=values.get("smtp_host", ""),
        smtp_port=int(values.get("smtp_port") or 0),
        smtp_security=values.get("smtp_security", ""),
        imap_host=values.get("imap_host", ""),
        imap_port=int(values.get("imap_port") or 0),
        imap_security=values.get("imap_security", ""),
    )
    service, user_id = turn.mailbox, turn.user.id

    async def job() -> Finish:
        result = await service.connect(user_id, form)

        async def finish(after: Turn) -> Next:
            if State(after.conv.step) != State.MAIL_PASSWORD:
                return None  # the user moved on meanwhile (/cancel): the outcome stands, nothing to ask
            if not result.ok:
                words = result.words[:1].upper() + result.words[1:]
                after.say(f"I couldn't connect, so nothing was saved. {words}")
                return AGAIN
            after.drop(SCRATCH)
            after.say(result.words + CONNECTED_NEXT)
            return State.IDLE

        return finish

    turn.later(job)
    turn.say("Checking both servers…")
    return None


# ---- signing in with Microsoft or Google (OAuth 2.0) ----------------------------------------------------

CONNECTED_NEXT = (
    " From now on your thank-you and second-email reminders get a “Send now” button for people whose email "
    "you gave me, and I'll tell you when one of them replies."
)


def oauth_kind(address: str) -> str | None:
    known = provider_for(address)
    return known.oauth if known is not None else None


def can_sign_in(turn: Turn, address: str) -> bool:
    service = turn.mailbox
    signins = service.signins if service is not None else None
    return signins is not None and signins.offers(oauth_kind(address), turn.user.platform)


def why_no_sign_in(turn: Turn, address: str) -> str:
    """Why this Microsoft or Google address gets app passwords only here ("" for other providers)."""
    kind = oauth_kind(address)
    if kind is None or can_sign_in(turn, address):
        return ""
    name = PROVIDER_NAMES.get(kind, kind)
    service = turn.mailbox
    providers = service.signins.providers if service is not None and service.signins is not None else None
    if kind == "google" and providers is not None and providers.google is not None:
        return (
            "Signing in with Google needs this bot's web address for Google to send you back to, and whoever runs "
            "the bot hasn't set it (FOLLOWUP_PUBLIC_URL), so only an app password is possible here."
        )
    return (
        f"Signing in with {name} isn't set up on this bot (whoever runs it registers it with {name} once; "
        "see docs/mailbox.md), so only an app password is possible here."
    )


async def ask_sign_in(turn: Turn) -> tuple[str, Pairs]:
    address = mail_values(turn).get("address", "")
    if oauth_kind(address) == "microsoft":
        return (
            f"{address} is a Microsoft address. Microsoft no longer lets mail programs in with a password, so you "
            "sign in with Microsoft instead: I give you a short code to enter on Microsoft's page, and there you "
            "allow me to read and send your mail. I never see your Microsoft password.",
            [("Sign in with Microsoft", "microsoft")],
        )
    where = (
        " Open it in a browser on this computer: Google sends you back to me here."
        if turn.user.platform == "console"
        else ""
    )
    return (
        f"{address} is a Google address. The simplest is to sign in with Google: I send you a link to Google's "
        f"page, and there you allow me to read and send your mail. I never see your Google password.{where} "
        "An app password works too, if you prefer.",
        [("Sign in with Google", "google"), ("Use an app password", "password")],
    )


async def start_microsoft(turn: Turn) -> Next:
    service, user_id, address = turn.mailbox, turn.user.id, mail_values(turn).get("address", "")

    async def job() -> Finish:
        try:
            code, trouble = await service.signins.start_microsoft(user_id, address), ""
        except SignInError as exc:
            code, trouble = None, exc.words

        async def finish(after: Turn) -> Next:
            if State(after.conv.step) != State.MAIL_SIGN_IN:
                service.signins.cancel(user_id)  # the user moved on meanwhile
                return None
            if code is None:
                after.say(f"{trouble} Please tap “Sign in with Microsoft” again in a moment.")
                return None
            after.say(
                f"Open {code.url} on your phone or computer and enter this code: {code.user_code}\n"
                f"Sign in as {address} and allow access to your mail. I'll carry on here as soon as you've done "
                "it; the code works for 15 minutes."
            )
            return None

        return finish

    turn.later(job)
    turn.say("Asking Microsoft for a sign-in code…")
    return None


async def start_google(turn: Turn) -> Next:
    service, user_id, address = turn.mailbox, turn.user.id, mail_values(turn).get("address", "")
    loopback = turn.user.platform == "console"  # the terminal: Google comes back to 127.0.0.1, as for mail apps

    async def job() -> Finish:
        try:
            link, trouble = await service.signins.start_google(user_id, address, loopback=loopback), ""
        except (SignInError, OSError) as exc:
            link, trouble = "", getattr(exc, "words", "I couldn't start the sign-in.")

        async def finish(after: Turn) -> Next:
            if State(after.conv.step) != State.MAIL_SIGN_IN:
                service.signins.cancel(user_id)
                return None
            if not link:
                after.say(f"{trouble} Please tap “Sign in with Google” again in a moment.")
                return None
            after.say(
                f"Open this link, sign in as {address} and allow access to your mail:\n{link}\n"
                "I'll carry on here once Google sends you back."
            )
            return None

        return finish

    turn.later(job)
    return None


async def on_sign_in_text(turn: Turn, text: str) -> Next:
    address = mail_values(turn).get("address", "")
    kind = oauth_kind(address) or ""
    name = PROVIDER_NAMES.get(kind, "the provider")
    service = turn.mailbox
    if service is not None and service.signins is not None and service.signins.waiting(turn.user.id):
        new = "code" if kind == "microsoft" else "link"
        turn.say(
            f"I'm still waiting for you to finish signing in with {name}. Tap “Sign in with {name}” again for a "
            f"new {new}, or /cancel to stop."
        )
        return None
    raise Invalid(f"Please tap “Sign in with {name}” (or /cancel to stop).")


def after_sign_in(outcome: SignInOutcome) -> Finish:
    """The end of a sign-in, in a new turn: check both servers with the token, then save; or say why not."""
    name = PROVIDER_NAMES.get(outcome.kind, outcome.kind)

    async def finish(turn: Turn) -> Next:
        values = mail_values(turn)
        if State(turn.conv.step) != State.MAIL_SIGN_IN or values.get("address") != outcome.address:
            if outcome.tokens is not None:
                turn.say(
                    f"You signed in with {name}, but you had left the mailbox setup by then, so I didn't connect "
                    "anything. Send /mailbox to start again."
                )
            return None
        if outcome.tokens is None:
            turn.say(f"{outcome.words} Tap “Sign in with {name}” to try again, or /cancel.")
            return AGAIN
        form = MailboxForm(address=outcome.address, password="", auth=outcome.kind)
        service, user_id, tokens = turn.mailbox, turn.user.id, outcome.tokens

        async def job() -> Finish:
            result = await service.connect(user_id, form, tokens)

            async def done(after: Turn) -> Next:
                if State(after.conv.step) != State.MAIL_SIGN_IN:
                    return None
                if not result.ok:
                    words = result.words[:1].upper() + result.words[1:]
                    after.say(f"You're signed in with {name}, but I couldn't connect, so nothing was saved. {words}")
                    return AGAIN
                after.drop(SCRATCH)
                after.say(result.words + CONNECTED_NEXT)
                return State.IDLE

            return done

        turn.later(job)
        turn.say(f"Signed in with {name}. Checking both servers…")
        return None

    return finish


def signed_out_notice(words: str) -> Finish:
    """The one message about a revoked sign-in, with a button to sign in again."""

    async def finish(turn: Turn) -> Next:
        turn.say(words, [Button("Sign in again", actions.mail(turn.user.id, MailOp.SIGN_IN))])
        return None

    return finish


async def sign_in_again(turn: Turn, action: Action) -> Next:
    """The "Sign in again" button of a revoked sign-in: /mailbox's sign-in for the connected address."""
    if action.ref != turn.user.id:
        turn.say(t.FOREIGN_BUTTON, notice=True)
        return None
    row = await load_mailbox(turn.session, turn.user.id)
    if row is None:
        turn.say("No mailbox is connected any more: send /mailbox to connect one.")
        return None
    if State(turn.conv.step) not in SIGN_IN_FROM:
        turn.say("Finish or /cancel what you're in the middle of first, then tap “Sign in again” (or send /mailbox).")
        return None
    if not can_sign_in(turn, row.address):
        turn.say(why_no_sign_in(turn, row.address) or "Send /mailbox to connect it again.")
        return None
    turn.drop(SCRATCH)
    keep_values(turn, address=row.address)
    return State.MAIL_SIGN_IN


SIGN_IN_FROM = frozenset({State.IDLE, State.MAIL_SHOWN})
# "Sign in again", under the message about a revoked sign-in (and under a Send now it stopped).
ACTIONS = [action(Kind.MAIL, sign_in_again, ops={MailOp.SIGN_IN}, starts=SIGN_IN_FROM, goes_to={State.MAIL_SIGN_IN})]


ENTRIES = [
    entry(
        State.MAIL_SHOWN,
        Flow.MAILBOX,
        ask_shown,
        {State.IDLE, State.MAIL_ADDRESS, State.MAIL_SIGN_IN},
        choices={"off": disconnect, "again": again, "keep": keep, "signin": again_sign_in},
    ),
    entry(
        State.MAIL_USER,
        Flow.MAILBOX,
        ask_user,
        {State.MAIL_PASSWORD},
        text=on_user,
        choices={"same": same_user},
    ),
    entry(
        State.MAIL_PASSWORD,
        Flow.MAILBOX,
        ask_password,
        {State.IDLE},
        text=on_password,
        choices={actions.SECRET_CHOICE: type_it},
    ),
]
