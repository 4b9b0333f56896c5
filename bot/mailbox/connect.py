"""/mailbox: connect the user's own mailbox (opt-in), show it, disconnect it; and the last steps of
connecting one, the user name and the password (the address and servers are bot/mailbox/connect_servers.py).

The address, servers and user name wait in the conversation's scratch; the password never does: it is
read from the one message that carries it, handed to the mailbox service after the turn is saved
(the check talks to two servers), and that message is deleted from the chat where the platform can.
"""

from __future__ import annotations

from bot.common import actions
from bot.common.parsing.text import Invalid
from bot.conversation.state import AGAIN, Flow, Next, Pairs, State, entry
from bot.conversation.turn import Finish, Turn
from bot.mailbox import MailboxForm
from bot.mailbox.records import describe, load_mailbox

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
    lines = [
        f"Your mailbox: {shown['address']} (user name {shown['username']})",
        f"Sending: {server_line(shown, 'smtp')}",
        f"Reading: {server_line(shown, 'imap')}",
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
