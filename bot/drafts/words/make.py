"""Builds the two word lists the sendability check reads (bot/drafts/words/*.txt) from well-kept sources.

    python -m bot.drafts.words.make /usr/share/dict/american-english-huge /usr/share/dict/british-english-huge

- `cased.txt`: words English writes with capitals (acronyms and proper nouns: "ICU", "PTO", "Bronx",
  "Medicaid"), from SCOWL's word lists (Debian's wamerican-huge and wbritish-huge, 2020.12.07): every entry
  with a capital whose lower-case form is not an entry too ("care" / "CARE" stays as typed), of three letters
  or more, spelled one way only, and not an everyday word of Spanish, Portuguese, French, Italian, German or
  Dutch ("Que", "Salvador").
- `english.txt`: SCOWL's lower-case English words of four letters or more that pyspellchecker's dictionary lacks
  ("barista", "fitout", "storey"): known words, never asked about.
- `foreign.txt`: everyday words of those six languages (pyspellchecker's dictionaries, each word at least
  one in a million) that are not English words: the check never "corrects" or asks about them ("contas").
"""

from __future__ import annotations

import sys
import unicodedata
from pathlib import Path

from spellchecker import SpellChecker

HERE = Path(__file__).resolve().parent
LANGUAGES = ("es", "pt", "fr", "it", "de", "nl")
COMMON = 1e-6  # a word's share of its language's running text


def main(sources: list[str]) -> int:
    entries: set[str] = set()
    for source in sources:
        entries.update(Path(source).read_text(encoding="utf-8", errors="replace").split())
    lower = {e for e in entries if e == e.lower()}
    english = SpellChecker()
    others = {lang: SpellChecker(language=lang) for lang in LANGUAGES}

    def foreign(word: str) -> bool:
        return any(s.word_usage_frequency(word) >= COMMON for s in others.values())

    forms: dict[str, set[str]] = {}
    for entry in entries:
        if entry != entry.lower() and entry.isalpha() and len(entry) >= 3 and entry.lower() not in lower:
            forms.setdefault(entry.lower(), set()).add(entry)
    cased = sorted(next(iter(f)) for k, f in forms.items() if len(f) == 1 and not foreign(k))
    (HERE / "cased.txt").write_text("\n".join(cased) + "\n", encoding="utf-8")

    known = sorted(e for e in lower if len(e) >= 4 and e.isalpha() and e.isascii() and e not in english)
    (HERE / "english.txt").write_text("\n".join(known) + "\n", encoding="utf-8")

    words: set[str] = set()
    for speller in others.values():
        for typed in speller.word_frequency.dictionary:
            word = _plain(typed)  # as typed on a phone: "reunião" is "reuniao"
            if (
                len(word) >= 4
                and word.isalpha()
                and word.isascii()
                and speller.word_usage_frequency(typed) >= COMMON
                and word not in english
                and word not in lower
            ):
                words.add(word)
    (HERE / "foreign.txt").write_text("\n".join(sorted(words)) + "\n", encoding="utf-8")
    print(f"cased.txt: {len(cased)}, english.txt: {len(known)}, foreign.txt: {len(words)} words")
    return 0


def _plain(word: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFKD", word) if not unicodedata.combining(ch))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
