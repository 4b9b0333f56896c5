"""Email headers that read the same after any mail program decodes them: Subject, To and From.

Python's own folding of long non-ASCII headers drops the space between two encoded words
(CPython issue 144156: "Société Générale" arrives as "SociétéGénérale"), in every version we run on.
So these headers are encoded here, whatever the Python version: each word of a subject goes into an
RFC 2047 encoded word *together with the space after it*. Decoders drop the whitespace between two
encoded words, never what is inside one, so the folds can go between any two of them and nothing is
lost. A display name is one encoded word (see `phrase_word`).
`MailPolicy` is `email.policy.SMTP` with this folding for those headers; every other header (Date,
Message-ID, In-Reply-To...) is ASCII and folds as before.
"""

from __future__ import annotations

import base64
import re
from email.headerregistry import Address
from email.policy import SMTP, EmailPolicy
from email.utils import formataddr

ENCODED_HEADERS = frozenset({"subject", "to", "from", "cc", "reply-to"})
MAX_LINE = 78  # RFC 5322's "should", counting the header's name on the first line
MAX_WORD = 75  # RFC 2047: an encoded word is at most 75 characters
_PREFIX, _SUFFIX = "=?utf-8?q?", "?="
# Q encoding as RFC 2047 5(3) allows it inside a phrase (a display name) too: the strictest of its forms.
_LITERAL = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789!*+-/")
_CHUNKS = re.compile(r"\S*\s*", re.UNICODE)


def _q(char: str) -> str:
    out = []
    for byte in char.encode("utf-8"):
        if byte == 0x20:
            out.append("_")
        elif byte in _LITERAL:
            out.append(chr(byte))
        else:
            out.append(f"={byte:02X}")
    return "".join(out)


def encoded_words(text: str, lead: int = 1) -> list[str]:
    """`text` as RFC 2047 encoded words (UTF-8, Q) that decode back to exactly `text`, spaces included.

    Words are packed whole with the whitespace that follows them; a word too long for one encoded
    word is split between characters (never inside one character's UTF-8 bytes). `lead` is how much
    of the line comes before the first one ("Subject: "), so that line too stays within MAX_LINE.
    """
    overhead = len(_PREFIX) + len(_SUFFIX)
    full = MAX_WORD - overhead
    room = max(min(full, MAX_LINE - lead - overhead), 12)
    words: list[str] = []
    current = ""
    for chunk in _CHUNKS.findall(text):
        if not chunk:
            continue
        encoded = "".join(_q(ch) for ch in chunk)
        if len(current) + len(encoded) <= room:
            current += encoded
            continue
        if current:
            words.append(current)
            current, room = "", full
        for ch in chunk:  # longer than what is left: character by character
            piece = _q(ch)
            if len(current) + len(piece) > room:
                words.append(current)
                current, room = "", full
            current += piece
    if current or not words:
        words.append(current)
    return [f"{_PREFIX}{word}{_SUFFIX}" for word in words]


def phrase_word(name: str) -> str:
    """A display name as ONE encoded word (Q or B, the shorter), even past RFC 2047's 75 characters.

    In a phrase, Python's parser keeps the whitespace between two encoded words as a space while
    RFC 2047 6.2 (and other parsers) drop it: one word is the form every parser reads the same.
    The line stays far below the 998-character limit for any name the bot keeps.
    """
    q = "".join(_q(ch) for ch in name)
    b = base64.b64encode(name.encode("utf-8")).decode("ascii")
    return f"{_PREFIX}{q}{_SUFFIX}" if len(q) <= len(b) else f"=?utf-8?b?{b}{_SUFFIX}"


def needs_encoding(text: str) -> bool:
    """Anything but short ASCII words must be encoded ("=?" too: it would be read as an encoded word)."""
    return (
        not text.isascii()
        or "=?" in text
        or any(len(word) > MAX_LINE - 12 for word in text.split())
        or any(ord(ch) < 32 or ord(ch) == 127 for ch in text)
        or text != " ".join(text.split())
    )


def fold_tokens(name: str, tokens: list[str]) -> str:
    """`Name: tok tok` folded before a token where the line would pass MAX_LINE; CRLF-terminated."""
    lines: list[str] = []
    line = f"{name}:"
    for token in tokens:
        if len(line) + 1 + len(token) > MAX_LINE and line.strip() != f"{name}:":
            lines.append(line)
            line = ""
        line += " " + token
    lines.append(line)
    return "\r\n".join(lines) + "\r\n"


def fold_unstructured(name: str, text: str) -> str:
    if not needs_encoding(text):
        return fold_tokens(name, text.split())
    return fold_tokens(name, encoded_words(text, len(name) + 2))


def address_tokens(addresses: tuple[Address, ...], lead: int) -> list[str]:
    tokens: list[str] = []
    for index, item in enumerate(addresses):
        comma = "," if index < len(addresses) - 1 else ""
        spec = item.addr_spec
        # Runs of spaces in a name mean nothing, and parsers of address headers move them about.
        name = " ".join(item.display_name.split())
        if not name:
            tokens.append(spec + comma)
        elif needs_encoding(name):
            tokens.append(phrase_word(name))
            tokens.append(f"<{spec}>{comma}")
        else:
            shown = formataddr((name, spec))  # quotes "Doe, Jane" where needed
            tokens.extend(shown.split(" ")[:-1])
            tokens.append(shown.split(" ")[-1] + comma)
    return tokens


class MailPolicy(EmailPolicy):
    """email.policy.SMTP, with Subject and the address headers encoded by this module (see above)."""

    def _ours(self, name: str, value) -> str | None:
        if name.lower() not in ENCODED_HEADERS:
            return None
        addresses = getattr(value, "addresses", None)
        if addresses is not None:
            return fold_tokens(name, address_tokens(tuple(addresses), len(name) + 2))
        return fold_unstructured(name, str(value))

    def header_store_parse(self, name, value):
        # The subject is kept exactly as given: the standard parser would decode "=?...?=" in it already.
        if name.lower() == "subject" and isinstance(value, str) and not hasattr(value, "name"):
            if "\r" in value or "\n" in value:
                raise ValueError("A subject is one line.")
            return name, value
        return super().header_store_parse(name, value)

    def fold(self, name, value):
        ours = self._ours(name, value)
        return ours if ours is not None else super().fold(name, value)

    def fold_binary(self, name, value):
        ours = self._ours(name, value)
        return ours.encode("ascii") if ours is not None else super().fold_binary(name, value)


MAIL = MailPolicy(linesep=SMTP.linesep)
