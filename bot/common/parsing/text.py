"""Cleaning a typed answer and bounding its length; `Invalid`, the error every reader raises."""

from __future__ import annotations

import textwrap
import unicodedata

MAX_ANSWER_CHARS = 2000
MAX_NAME_CHARS = 120


class Invalid(ValueError):
    """An answer that cannot be used; its message tells the user what to type instead."""


def clean_text(text: str, *, limit: int = MAX_ANSWER_CHARS, what: str = "answer") -> str:
    """Strip an answer, drop control characters (keeping line breaks) and enforce a length limit."""
    cleaned = "".join(ch for ch in text if ch in "\n\t" or unicodedata.category(ch) not in {"Cc", "Cs", "Co"}).strip()
    if not cleaned:
        raise Invalid(f"That {what} looks empty. Please type something, or /skip if it is optional.")
    if len(cleaned) > limit:
        raise Invalid(
            f"That {what} is {len(cleaned):,} characters long; the limit is {limit:,}. "
            "Please shorten it (the main points are enough). Nothing you saved before is lost."
        )
    return cleaned


def clean_name(text: str, what: str = "name") -> str:
    """A name on one line, in any script, without control characters; at least one letter (no emoji-only name)."""
    name = " ".join(clean_text(text, limit=MAX_NAME_CHARS, what=what).split())
    if not any(ch.isalpha() for ch in name):
        raise Invalid(f"That does not look like a {what}: please use at least one letter.")
    return name


def shorten(text: str, limit: int = 60) -> str:
    """The user's words quoted back on one line: cut at a word boundary with "…" when longer than `limit`
    (a single word longer than that is cut inside it, still with "…")."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    short = textwrap.shorten(flat, limit, placeholder="…")
    if short == "…":  # the first word alone is longer than the limit
        short = flat[: limit - 1] + "…"
    return short[:-1].rstrip(" ,;:-–—") + "…"


def edges(clause: str) -> list[str]:
    """A clause, then its starts and its ends, longest first: where the words that say something (a day, a time)
    stand when the rest of the clause says something else ("wed at the latest", "first slot 8h30")."""
    words = clause.split()
    starts = [" ".join(words[:k]) for k in range(len(words), 0, -1)]
    ends = [" ".join(words[k:]) for k in range(1, len(words))]
    return sorted(dict.fromkeys(starts + ends), key=lambda part: -len(part.split()))
