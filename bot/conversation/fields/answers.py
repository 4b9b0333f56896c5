"""Answers that are not values: "no" / "that's all", skipping ("dunno"), a bare "yes", typed button labels."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

# ---- "no", skipping and typed button labels -------------------------------------------------

_NO_MORE = {
    "no", "nope", "nah", "no thanks", "no thank you", "none", "nothing", "nothing else", "nothing more",
    "not really", "not that i know", "no one", "nobody", "no one else", "nobody else", "that's all",
    "thats all", "that is all", "that's it", "thats it", "that's everyone", "thats everyone", "that is everyone",
    "everyone", "all done", "done", "i'm done", "im done", "no more", "nothing to add", "n/a", "na", "-", "--",
}  # fmt: skip
_SKIP = _NO_MORE | {
    "skip", "dunno", "don't know", "dont know", "i don't know", "i dont know", "idk", "not sure", "no idea",
    "unknown", "can't say", "cant say", "?", "pass", "not yet", "none yet", "don't have it", "dont have it",
    "i don't have it", "i dont have it", "don't have one", "dont have one", "i don't have one", "i dont have one",
    "no email", "no phone", "no number", "didn't get it", "didnt get it", "not given",
}  # fmt: skip


def _plain(text: str) -> str:
    """Lower case, apostrophes unified, punctuation and emoji around words dropped."""
    s = unicodedata.normalize("NFKC", text).casefold().replace("’", "'").replace("‘", "'")
    s = "".join(ch for ch in s if ch.isalnum() or ch in " '/-?" or ch.isspace())
    s = " ".join(s.split()).strip(" '")
    return s if s.strip("-?/") else s.replace(" ", "")


def means_no_more(text: str) -> bool:
    """ "no", "nothing", "nope", "not really", "that's all", "that's everyone"...: the "no more" button."""
    s = _plain(text).removesuffix(" thank you").removesuffix(" thanks").strip(" ,")
    if s in _NO_MORE:
        return True
    # "no, that's everyone", "nope that's all": a "no" in front of another "no more"
    head, _, rest = s.partition(" ")
    return head in {"no", "nope", "nah", "ok", "okay"} and rest.strip() in _NO_MORE


def means_skip(text: str) -> bool:
    """An answer that says there is no answer ("dunno", "-", "not sure"): treat as /skip on optional fields."""
    s = _plain(text)
    return s in _SKIP or (not s and bool(text.strip()))


_YES = {"yes", "yep", "yeah", "yup", "sure", "one more", "another", "another one", "more", "add another", "y"}
_AGREE = {"yes", "yep", "yeah", "yup", "sure", "y", "ok", "okay", "correct", "right", "that's right"}


def means_agree(text: str) -> bool:
    """A bare "yes" / "sure" / "ok": agreement, not an answer with content."""
    return _plain(text) in _AGREE


def match_button(
    text: str, buttons: Sequence[tuple[str, str]], *, no_more: str | None = None, more: str | None = None
) -> str | None:
    """The action of the button whose label was typed (case and punctuation ignored), or None.

    `no_more` names the action of the question's "Nothing" / "That's all" / "That's everyone" button:
    a typed "no" variant taps it. `more` names its "Add another" button: a typed "yes" variant taps it.
    None means the answer is not a button: where the bot offers "Add another" / "That's all", the
    chat takes it as the next item itself ("references by Monday").
    """
    typed = _plain(text)
    if not typed:
        return None
    for label, action in buttons:
        if _plain(label) == typed:
            return action
    if no_more is not None and means_no_more(text):
        return no_more
    if more is not None and typed in _YES:
        return more
    if typed in _AGREE:  # "yes" to a question whose one button starts with "Yes" ("Yes, by Friday 11 December")
        yes = [action for label, action in buttons if _plain(label).split(" ", 1)[0] == "yes"]
        if len(yes) == 1:
            return yes[0]
    return None
