"""/mailbox, setting one up: the address, then its provider's usual servers (or ones typed as host:port,
the port picking the security when none is said). The rest of the flow is bot/mailbox/connect.py."""

from __future__ import annotations

from bot.common.parsing.contacts import check_email
from bot.common.parsing.text import Invalid, shorten
from bot.conversation.state import Flow, Next, Pairs, State, entry, fixed
from bot.conversation.turn import Turn
from bot.mailbox import provider_for
from bot.mailbox.connect import (
    SCRATCH,
    ask_sign_in,
    can_sign_in,
    keep_values,
    mail_values,
    on_sign_in_text,
    server_line,
    start_google,
    start_microsoft,
    why_no_sign_in,
)

SECURITY_WORDS = {"tls": "tls", "ssl": "tls", "starttls": "starttls", "plain": "plain", "none": "plain"}


async def on_address(turn: Turn, text: str) -> Next:
    address = check_email(text)
    turn.set(**{SCRATCH: {"address": address}})
    if can_sign_in(turn, address):  # Outlook.com, Gmail: OAuth 2.0 where the operator set it up
        return State.MAIL_SIGN_IN
    return State.MAIL_SERVERS if provider_for(address) else State.MAIL_SMTP


async def ask_servers(turn: Turn) -> tuple[str, Pairs]:
    address = mail_values(turn).get("address", "")
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
        f"{address} is at {known.name}. Its usual servers:\nSending (SMTP): {server_line(values, 'smtp')}\n"
        f"Reading (IMAP): {server_line(values, 'imap')}"
    )
    why = why_no_sign_in(turn, address)
    if why:
        text += f"\n{why}"
    if known.note:
        text += f"\n{known.note}"
    return text, [("Use these", "use"), ("Type other servers", "other")]


async def use_defaults(turn: Turn) -> Next:
    known = provider_for(mail_values(turn).get("address", ""))
    if known is None:
        return State.MAIL_SMTP
    keep_values(
        turn,
        smtp_host=known.smtp_host,
        smtp_port=known.smtp_port,
        smtp_security=known.smtp_security,
        imap_host=known.imap_host,
        imap_port=known.imap_port,
        imap_security=known.imap_security,
    )
    return State.MAIL_USER


async def password_instead(turn: Turn) -> Next:
    """Gmail with an app password after all: its usual servers, then the user name and the password."""
    known = provider_for(mail_values(turn).get("address", ""))
    if known is not None:  # always: the sign-in is only offered for providers we know
        keep_values(
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
    keep_values(turn, smtp_host=host, smtp_port=port, smtp_security=security)
    return State.MAIL_IMAP


async def on_imap(turn: Turn, text: str) -> Next:
    host, port, security = parse_server(text, implicit_port=993, what="reading server")
    keep_values(turn, imap_host=host, imap_port=port, imap_security=security)
    return State.MAIL_USER


ENTRIES = [
    entry(
        State.MAIL_ADDRESS,
        Flow.MAILBOX,
        fixed("Which email address should I send from and watch for replies?"),
        {State.MAIL_SERVERS, State.MAIL_SMTP, State.MAIL_SIGN_IN},
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
    # Outlook.com and Gmail with the operator's OAuth registration (bot/mailbox/connect.py has the rest).
    entry(
        State.MAIL_SIGN_IN,
        Flow.MAILBOX,
        ask_sign_in,
        {State.IDLE, State.MAIL_USER},
        text=on_sign_in_text,
        choices={"microsoft": start_microsoft, "google": start_google, "password": password_instead},
    ),
]
