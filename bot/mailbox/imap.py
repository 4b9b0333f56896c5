"""The few IMAP conversations the bot has, over aioimaplib: read-only folders, headers, IDLE, Sent."""

from __future__ import annotations

import asyncio
import re
from dataclasses import dataclass

from aioimaplib import aioimaplib

from bot.mailbox.problems import MailProblem, Trouble

# What is read of a new message before we know it concerns the user's follow-ups: these headers only.
HEADER_FIELDS = (
    "From Reply-To Subject Date Message-ID In-Reply-To References Auto-Submitted X-Autoreply X-Autorespond "
    "Precedence X-MS-Exchange-Inbox-Rules-Loop X-Auto-Response-Suppress"
)
# Of a message that does concern them, the start only: enough for the first lines of the answer.
FIRST_BYTES = 16384

_CODE = re.compile(rb"\[(UIDVALIDITY|UIDNEXT) (\d+)\]")
_FETCH_UID = re.compile(rb"UID (\d+)")
_LITERAL = re.compile(rb"\{\d+\}$")
_LIST = re.compile(rb'^(?:LIST )?\((?P<flags>[^)]*)\) (?:"[^"]*"|NIL) (?P<name>.+)$')
SENT_NAMES = ("Sent", "Sent Items", "Sent Messages", "Sent Mail", "[Gmail]/Sent Mail", "INBOX.Sent", "Gesendet")


@dataclass(frozen=True, slots=True)
class FolderState:
    uid_validity: int
    uid_next: int | None


def _ok(response: aioimaplib.Response, what: str) -> aioimaplib.Response:
    if response.result != "OK":
        raise MailProblem(Trouble.SERVER, f"The incoming server refused to {what}.")
    return response


async def examine(client: aioimaplib.IMAP4, folder: str = "INBOX") -> FolderState:
    """Open a folder read-only (EXAMINE): nothing is marked read, moved or deleted."""
    response = await client.examine(quote(folder))
    if response.result != "OK":
        raise MailProblem(Trouble.NO_INBOX, f"The incoming server has no folder {folder} I can open.")
    # aioimaplib only tracks SELECT; EXAMINE selects the folder too (RFC 3501 6.3.2), read-only.
    client.protocol.state = aioimaplib.SELECTED
    codes = {name: int(value) for line in response.lines for name, value in _CODE.findall(bytes(line))}
    if b"UIDVALIDITY" not in codes:
        raise MailProblem(Trouble.SERVER, "The incoming server did not say how it numbers messages (UIDVALIDITY).")
    return FolderState(codes[b"UIDVALIDITY"], codes.get(b"UIDNEXT"))


def quote(text: str) -> str:
    return aioimaplib.quoted(text)


async def uid_search(client: aioimaplib.IMAP4, *criteria: str) -> list[int]:
    response = _ok(await client.uid_search(*criteria, charset=None), "search")
    uids: list[int] = []
    # aioimaplib strips "* SEARCH" from the untagged lines; the last line is the tagged completion.
    for line in response.lines[:-1]:
        if isinstance(line, bytes):
            uids.extend(int(n) for n in line.removeprefix(b"SEARCH").split() if n.isdigit())
    return sorted(uids)


async def uids_after(client: aioimaplib.IMAP4, last_uid: int) -> list[int]:
    # "n:*" always matches the last message even when it is older than n; filter it out.
    return [uid for uid in await uid_search(client, "UID", f"{last_uid + 1}:*") if uid > last_uid]


async def fetch_parts(client: aioimaplib.IMAP4, uids: list[int], part: str) -> dict[int, bytes]:
    """UID FETCH one body part (always a .PEEK, so nothing is marked read) for some messages."""
    if not uids:
        return {}
    response = _ok(await client.uid("fetch", ",".join(map(str, uids)), f"(UID {part})"), "fetch messages")
    found: dict[int, bytes] = {}
    uid: int | None = None
    literal: bytes | None = None
    for line in response.lines:
        if isinstance(line, bytearray):
            literal = bytes(line)
            continue
        match = _FETCH_UID.search(line)
        if b"FETCH (" in line:  # a new message's data starts
            if uid is not None and literal is not None:
                found[uid] = literal
            uid, literal = (int(match.group(1)) if match else None), None
        elif match and uid is None:  # some servers put UID after the literal
            uid = int(match.group(1))
    if uid is not None and literal is not None:
        found[uid] = literal
    return found


async def headers(client: aioimaplib.IMAP4, uids: list[int]) -> dict[int, bytes]:
    return await fetch_parts(client, uids, f"BODY.PEEK[HEADER.FIELDS ({HEADER_FIELDS})]")


async def first_bytes(client: aioimaplib.IMAP4, uids: list[int]) -> dict[int, bytes]:
    return await fetch_parts(client, uids, f"BODY.PEEK[]<0.{FIRST_BYTES}>")


async def sent_folders(client: aioimaplib.IMAP4) -> list[str]:
    """The folders sent mail may be in: the one flagged \\Sent first, then the usual names."""
    response = _ok(await client.list('""', "*"), "list folders")
    flagged: list[str] = []
    named: list[str] = []
    for line in response.lines:
        match = _LIST.match(bytes(line)) if isinstance(line, bytes | bytearray) else None
        if not match:
            continue
        name = match.group("name").decode("utf-8", "replace").strip()
        if name.startswith('"') and name.endswith('"'):
            name = name[1:-1].replace('\\"', '"').replace("\\\\", "\\")
        if b"\\Sent" in match.group("flags"):
            flagged.append(name)
        elif name in SENT_NAMES:
            named.append(name)
    return flagged + named


async def find_in_sent(client: aioimaplib.IMAP4, message_id: str) -> str | None:
    """The Sent folder holding a message with this Message-ID, or None (read-only search)."""
    for folder in await sent_folders(client):
        try:
            await examine(client, folder)
        except MailProblem:
            continue
        if await uid_search(client, "HEADER", "Message-ID", quote(message_id)):
            return folder
    return None


async def append_to_sent(client: aioimaplib.IMAP4, message: bytes) -> str | None:
    """File a copy of a sent message into Sent, as a mail program would; returns the folder used."""
    folders = await sent_folders(client)
    if not folders:
        return None
    response = await client.append(message, mailbox=quote(folders[0]), flags="(\\Seen)")
    return folders[0] if response.result == "OK" else None


async def wait_for_news(client: aioimaplib.IMAP4, seconds: float) -> bool:
    """IDLE up to `seconds`; True as soon as the server says a message arrived."""
    idle = await client.idle_start(timeout=seconds)
    arrived = False
    try:
        while client.has_pending_idle():
            push = await client.wait_server_push(timeout=seconds + 30)
            if push == aioimaplib.STOP_WAIT_SERVER_PUSH:
                break
            if any(isinstance(line, bytes) and line.endswith(b"EXISTS") for line in push):
                arrived = True
                break
    finally:
        if client.has_pending_idle():
            client.idle_done()
        await asyncio.wait_for(idle, client.timeout)
    return arrived
