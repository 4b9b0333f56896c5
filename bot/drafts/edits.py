"""The text rules of a draft the user edits: their text tidied, its sentences numbered, one replaced."""

from __future__ import annotations

import re

from bot.drafts.writer import cleaning as w  # the writer's sentence splitter, `_split_plain`


def tidy_body(body: str) -> str:
    """The user's text with line ends normalised, trailing spaces and runs of blank lines removed."""
    lines = [line.rstrip() for line in body.replace("\r\n", "\n").replace("\r", "\n").strip().split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines))


# ---- editing one sentence ---------------------------------------------------------------------


def _sentences(line: str) -> list[str]:
    return list(w._split_plain(line)) or [line]


def numbered(body: str) -> list[str]:
    """The body's sentences, one per line, numbered from 1 ("3: I led a similar migration...")."""
    out: list[str] = []
    for line in body.split("\n"):
        if line.strip():
            for sentence in _sentences(line):
                out.append(f"{len(out) + 1}: {sentence}")
    return out


def count_sentences(body: str) -> int:
    return len(numbered(body))


def replace_sentence(body: str, number: int, text: str) -> str:
    """The body with sentence `number` (as `numbered` counts) replaced by `text`, or removed when `text`
    is empty; paragraphs and line breaks stay as they were."""
    new = " ".join(text.split())
    lines, seen = [], 0
    for line in body.split("\n"):
        if not line.strip():
            lines.append(line)
            continue
        parts = _sentences(line)
        count = len(parts)
        if seen < number <= seen + count:
            index = number - seen - 1
            if new:
                old_end = parts[index][-1] if parts[index][-1] in ".,!?:;" else ""
                parts[index] = new if new[-1] in ".,!?:;" else new + old_end  # as the sentence ended
            else:
                del parts[index]
        seen += count
        if parts:
            lines.append(" ".join(parts))
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip("\n")
