"""/mailbox: connect the user's own mailbox (opt-in), show it, disconnect it.

The address, servers and user name wait in the conversation's scratch; the password never does: it is
read from the one message that carries it, handed to the mailbox service after the turn is saved
(the check talks to two servers), and that message is deleted from the chat where the platform can.
"""

from __future__ import annotations

from bot import actions
from bot.flows.state import AGAIN, Flow, Next, Pairs, State, entry, fixed
from bot.mailbox import MailboxForm, provider_for
from bot.mailbox.records import describe, load_mailbox
from bot.parsing.contacts import check_email
from bot.parsing.text import Invalid, shorten
from bot.turn import Finish, Turn

SCRATCH = "mail"
OFF = "Connecting your own mailbox is turned off on this bot: {reason}"
SECURITY_WORDS = {"tls": "tls", "ssl": "tls", "starttls": "starttls", "plain": "plain", "none": "plain"}
WHERE = {"tls": "TLS", "starttls": "STARTTLS", "plain": "no encryption (this machine only)"}


def _mail(turn: Turn) -> dict:
    return dict(turn.scratch.get(SCRATCH) or {})


def _keep(turn: Turn, **values) -> None:
    turn.set(**{SCRATCH: {**_mail(turn), **values}})


def _server(values: dict, side: str) -> str:
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
    lines = [
        f"Your mailbox: {shown['address']} (user name {shown['username']})",
        f"Sending: {_server(shown, 'smtp')}",
        f"Reading: {_server(shown, 'imap')}",
    ]
    if shown["status"] != "ok" and shown["last_error"]:
        lines.append(f"Last problem: {shown['last_error']}")
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


async def keep(turn: Turn) -> Next:
    turn.say("Kept as it is.")
    return State.IDLE


async def again(turn: Turn) -> Next:
    turn.drop(SCRATCH)
    return State.MAIL_ADDRESS


# ---- setting one up --------------------------------------------------------------------------------


async def on_address(turn: Turn, text: str) -> Next:
    address = check_email(text)
    turn.set(**{SCRATCH: {"address": address}})
    return State.MAIL_SERVERS if provider_for(address) else State.MAIL_SMTP


async def ask_servers(turn: Turn) -> tuple[str, Pairs]:
    address = _mail(turn).get("address", "")
    known = provider_for(address)
    if known is None:
        return "Which servers?", [("Type the servers", "other")]
    values = {
        "smtp_host": known.smtp_host,
        "smtp_port": known.smtp_port,
        "smtp_security": known.smtp_security,
        "imap_host": known.imap_host,
        "imap_port": known.imap_port,
        "imap_security": known.imap_security,
    }
    text = (
        f"{address} is at {known.name}. Its usual servers:\nSending (SMTP): {_server(values, 'smtp')}\n"
        f"Reading (IMAP): {_server(values, 'imap')}"
    )
    if known.note:
        text += f"\n{known.note}"
    return text, [("Use these", "use"), ("Type other servers", "other")]


async def use_defaults(turn: Turn) -> Next:
    known = provider_for(_mail(turn).get("address", ""))
    if known is None:
        return State.MAIL_SMTP
    _keep(
        turn,
        smtp_host=known.smtp_host,
        smtp_port=known.smtp_port,
        smtp_security=known.smtp_security,
        imap_host=known.imap_host,
        imap_port=known.imap_port,
        imap_security=known.imap_security,
    )
    return State.MAIL_USER


async def other_servers(_turn: Turn) -> Next:
    return State.MAIL_SMTP


def parse_server(text: str, *, implicit_port: int, what: str) -> tuple[str, int, str]:
    """'host:port [tls|starttls]' -> (host, port, security); the port picks the security when none is said."""
    words = text.strip().split()
    if not words or len(words) > 2:
        raise Invalid(f"Please type the {what} as host:port, e.g. mail.example.com:{implicit_port}.")
    host, _, port_text = words[0].rpartition(":")
    if not host or not port_text.isdigit() or not 0 < int(port_text) < 65536:
        raise Invalid(f"“{shorten(words[0], 80)}” is not host:port; e.g. mail.example.com:{implicit_port}.")
    port = int(port_text)
    if len(words) == 2:
        security = SECURITY_WORDS.get(words[1].lower())
        if security is None:
            raise Invalid(f"“{shorten(words[1], 20)}” is not a security I know: say tls or starttls (or nothing).")
    else:
        security = "tls" if port == implicit_port else "starttls"
    return host.strip("[]"), port, security


async def on_smtp(turn: Turn, text: str) -> Next:
    host, port, security = parse_server(text, implicit_port=465, what="sending server")
    _keep(turn, smtp_host=host, smtp_port=port, smtp_security=security)
    return State.MAIL_IMAP


async def on_imap(turn: Turn, text: str) -> Next:
    host, port, security = parse_server(text, implicit_port=993, what="reading server")
    _keep(turn, imap_host=host, imap_port=port, imap_security=security)
    return State.MAIL_USER


async def ask_user(turn: Turn) -> tuple[str, Pairs]:
    address = _mail(turn).get("address", "")
    return f"Your user name on those servers? Usually it is the address itself ({address}).", [
        (f"Use {address}"[:60], "same")
    ]


async def same_user(turn: Turn) -> Next:
    _keep(turn, username=_mail(turn).get("address", ""))
    return State.MAIL_PASSWORD


async def on_user(turn: Turn, text: str) -> Next:
    name = text.strip()
    if not name or len(name) > 200 or any(ch.isspace() for ch in name):
        raise Invalid("A user name is one word without spaces (often your whole email address).")
    _keep(turn, username=name)
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
    values = _mail(turn)
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
            after.say(
                f"{result.words} From now on your thank-you and second-email reminders get a “Send now” button "
                "for people whose email you gave me, and I'll tell you when one of them replies."
            )
            return State.IDLE

        return finish

    turn.later(job)
    turn.say("Checking both servers…")
    return None


ENTRIES = [
    entry(
        State.MAIL_SHOWN,
        Flow.MAILBOX,
        ask_shown,
        {State.IDLE, State.MAIL_ADDRESS},
        choices={"off": disconnect, "again": again, "keep": keep},
    ),
    entry(
        State.MAIL_ADDRESS,
        Flow.MAILBOX,
        fixed("Which email address should I send from and watch for replies?"),
        {State.MAIL_SERVERS, State.MAIL_SMTP},
        text=on_address,
    ),
    entry(
        State.MAIL_SERVERS,
        Flow.MAILBOX,
        ask_servers,
        {State.MAIL_USER, State.MAIL_SMTP},
        choices={"use": use_defaults, "other": other_servers},
    ),
    entry(
        State.MAIL_SMTP,
        Flow.MAILBOX,
        fixed(
            "The sending (SMTP) server, as host:port, e.g. smtp.example.com:465 (add “tls” or “starttls” "
            "if I guess its security wrong: 465 is TLS, other ports STARTTLS)."
        ),
        {State.MAIL_IMAP},
        text=on_smtp,
    ),
    entry(
        State.MAIL_IMAP,
        Flow.MAILBOX,
        fixed("The reading (IMAP) server, as host:port, e.g. imap.example.com:993 (993 is TLS, others STARTTLS)."),
        {State.MAIL_USER},
        text=on_imap,
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
