"""Free-text notes (open questions, challenges, why you, clarification) and how it went."""

from __future__ import annotations

from bot.fields.answers import _plain, means_skip
from bot.fields.spec import FIELDS
from bot.parsing.text import Invalid, clean_text

# ---- notes -------------------------------------------------------------------------------------


def note(key: str, text: str) -> str | None:
    """A free-text answer (open questions, challenges, why you, clarification); None when skipped."""
    spec = FIELDS[key]
    if spec.optional and means_skip(text):
        return None
    value = clean_text(text, limit=spec.limit, what="answer" if spec.limit > 300 else "line")
    return " ".join(value.split()) if spec.limit <= 300 else value


def clarification(text: str) -> str | None:
    return note("clarification", text)


_ASSESSMENTS = {
    "well": {"went well", "well", "good", "great", "very well", "really well", "fine", "ok", "okay", "positive"},
    "mixed": {"mixed", "so so", "so-so", "average", "not sure", "okay-ish", "could be better", "partly"},
    "rough": {"rough", "bad", "badly", "not well", "not good", "terrible", "awful", "poor", "poorly", "not great"},
}


def assessment(text: str) -> str:
    """How it went: "well", "mixed" or "rough" (the buttons' words and their everyday variants)."""
    typed = _plain(text)
    for value, words in _ASSESSMENTS.items():
        if typed in words or typed.removeprefix("it went ").removeprefix("it was ") in words:
            return value
    raise Invalid("Choose went well, mixed or rough.")
