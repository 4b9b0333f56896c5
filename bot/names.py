"""How to greet a person and write their name, from the name as the user typed it."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from nameparser import HumanName

# Family names that often come first (Chinese, Korean, Vietnamese), so "Zhang Wei" may be Mr or Ms Zhang.
_FAMILY_FIRST = {
    "zhang", "wang", "li", "liu", "chen", "yang", "huang", "zhao", "wu", "zhou", "xu", "sun", "ma", "zhu", "hu",
    "guo", "he", "lin", "luo", "gao", "zheng", "liang", "xie", "song", "tang", "han", "feng", "deng", "cao",
    "peng", "zeng", "xiao", "tian", "dong", "pan", "yuan", "cai", "jiang", "yu", "du", "ye", "cheng", "wei",
    "su", "lu", "ding", "ren", "shen", "yao", "jin", "fu", "zhong", "qian", "park", "choi",
    "jung", "jeong", "kang", "cho", "yoon", "jang", "lim", "shin", "oh", "seo", "kwon", "hwang", "ahn",
    "nguyen", "tran", "le", "pham", "hoang", "phan", "vu", "vo", "dang", "bui", "do", "ho", "ngo", "duong", "ly",
}  # fmt: skip
_TITLES = {"dr", "prof", "professor", "mr", "mrs", "ms", "miss", "mx", "sir", "dame", "dr.", "prof."}


@dataclass(frozen=True, slots=True)
class Greeting:
    """How to greet a person: the likely form, the forms to offer as buttons, and whether to ask."""

    likely: str
    options: tuple[str, ...]
    confirm: bool

    @property
    def formal(self) -> bool:
        return self.likely.split(" ")[0].rstrip(".").lower() in _TITLES or len(self.likely.split()) > 2


@lru_cache(maxsize=1024)
def propose_greeting(name: str) -> Greeting:
    """Propose how to greet someone from their name as typed.

    "Jane Doe" -> Jane (no need to ask); "Doe, Jane" -> Jane; "Zhang Wei" -> Zhang Wei, Wei, Mr Zhang or
    Ms Zhang (ask); "Dr. Anna-Lena Müller" -> Dr. Müller or Anna-Lena (ask); "Mei Lin Tan" -> Mei Lin (ask).
    """
    flat = " ".join(name.split()).strip(" ,")
    if not flat:
        return Greeting("there", ("there",), True)
    parsed = HumanName(flat)
    tokens = [t for t in re.split(r"[\s,]+", flat) if t]
    first, middle, last, title = parsed.first, parsed.middle, parsed.last, parsed.title
    if title:
        formal = f"{title} {last or first}".strip()
        given = " ".join(p for p in (first, middle) if p) if last else ""
        options = tuple(dict.fromkeys(o for o in (formal, given) if o))
        return Greeting(formal, options, len(options) > 1)
    if "," in flat and first:
        # "Doe, Jane": the comma says which part is the given name.
        family = last or first
        return Greeting(first, (first, display_name(flat), f"Mr {family}", f"Ms {family}"), False)
    if len(tokens) == 1:
        return Greeting(first or flat, (first or flat,), False)
    if len(tokens) == 2 and _folded(tokens[0]) in _FAMILY_FIRST:
        family, given = tokens
        return Greeting(flat, (flat, given, f"Mr {family}", f"Ms {family}"), True)
    if len(tokens) >= 3 and not parsed.suffix:
        given = " ".join(tokens[:-1])
        family = tokens[-1]
        options = (given, tokens[0], flat, f"Mr {family}", f"Ms {family}")
        if _folded(tokens[0]) in _FAMILY_FIRST:
            options = (flat, tokens[-1], " ".join(tokens[1:]), f"Mr {tokens[0]}", f"Ms {tokens[0]}")
        return Greeting(options[0], tuple(dict.fromkeys(options)), True)
    return Greeting(first, (first, flat), False)


def _folded(word: str) -> str:
    """A word without its accents, for the family-name list: "Nguyễn" -> "nguyen"."""
    return "".join(ch for ch in unicodedata.normalize("NFKD", word.lower()) if not unicodedata.combining(ch))


def display_name(name: str) -> str:
    """A name in reading order for the To: line: "Doe, Jane" -> "Jane Doe"; other names as typed."""
    flat = " ".join(name.split()).strip(" ,")
    if "," not in flat:
        return flat
    parsed = HumanName(flat)
    parts = [parsed.title, parsed.first, parsed.middle, parsed.last, parsed.suffix]
    return " ".join(p for p in parts if p) or flat


def greeting_name(person: object) -> str:
    """The name to greet a person by: the stored choice when there is one, else the likely form."""
    stored = getattr(person, "greeting", None)
    if stored and stored.strip():
        return " ".join(stored.split())
    return propose_greeting(getattr(person, "name", "") or "").likely
