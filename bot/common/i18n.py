"""Messages ready for translation: one gettext catalogue (`bot/common/locale/`), English complete, read by Babel.

The message ids are the English texts themselves: every text of `bot/common/texts.py` (its constants, and
the strings inside its lists and dicts), the command table's menu and help lines, and every literal passed
to `gettext`/`ngettext` in `bot/` (plurals: "{n} interview" / "{n} interviews"). `bot/common/locale/messages.pot`
is the template; `bot/common/locale/<language>/LC_MESSAGES/messages.po` a translation (`en`: complete, the
source). Babel compiles a .po in memory on first use (no .mo files to keep in step).

`python -m bot.common.i18n` remakes the template and the English catalogue from the code and merges the
template into the other languages (new messages untranslated, gone ones dropped); a test fails while they
are out of date. Translate a language with any PO editor (Poedit, Weblate, Lokalise) or by hand.

Where the user's language is known (Telegram's command menu, per `language_code`), `gettext(text, language)`
looks a text up; English needs no lookup, so a text nobody translated reads as it is written. The texts of
`bot/common/texts.py` are looked up where they are used: reading `t.WELCOME` inside `with speaking("de"):`
gives the German catalogue's text (lists and dicts of texts too), so no constant and no call site changes
when a language is added. Nothing sets a language for the chat yet (the core does not know users'
languages), so the chat reads English, as written, at no cost.
"""

from __future__ import annotations

import ast
import io
import sys
import types
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache
from gettext import NullTranslations
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po
from babel.support import Translations

from bot.common import texts  # imports nothing of ours

PACKAGE = Path(__file__).resolve().parents[1]  # bot/
LOCALE_DIR = PACKAGE / "common" / "locale"
TEMPLATE = LOCALE_DIR / "messages.pot"
SOURCE_LANGUAGE = "en"  # the language of the message ids
# CLDR's locale for English dates and times: "Friday 11 December", "15:00" (bot/common/when.py).
ENGLISH = "en_GB"
HEADER = "# The Followup bot's messages (bot/common/i18n.py: python -m bot.common.i18n remakes this file).\n#"
KEYWORDS = {"gettext": None, "ngettext": (1, 2), "count": (2, 3), "N_": None}


def po_path(language: str) -> Path:
    return LOCALE_DIR / language / "LC_MESSAGES" / "messages.po"


def languages() -> list[str]:
    """Every language with a catalogue, English first."""
    found = sorted(p.parent.parent.name for p in LOCALE_DIR.glob("*/LC_MESSAGES/messages.po"))
    return sorted(found, key=lambda language: language != SOURCE_LANGUAGE)


def base_language(language: str | None) -> str:
    """'pt-BR', 'pt_BR', 'PT' -> 'pt': what Telegram's language_code and the catalogues share."""
    return (language or SOURCE_LANGUAGE).replace("-", "_").split("_")[0].lower() or SOURCE_LANGUAGE


@lru_cache(maxsize=32)
def translations(language: str) -> NullTranslations:
    """The language's catalogue compiled by Babel (in memory); English's, or none, reads the ids as they are."""
    path = po_path(base_language(language))
    if not path.is_file():
        return NullTranslations()
    with path.open("rb") as po:
        catalog = read_po(po, locale=base_language(language))
    compiled = io.BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    return Translations(compiled)


def N_(message: str) -> str:
    """Marks a text for the catalogue where it is looked up later (from a variable)."""
    return message


def gettext(message: str, language: str = SOURCE_LANGUAGE) -> str:
    """`message` in `language`, or as written when it has no translation there."""
    return translations(language).gettext(message)


def ngettext(singular: str, plural: str, n: int, language: str = SOURCE_LANGUAGE) -> str:
    """The form of a message for `n` under the language's plural rule (CLDR's, in its catalogue's header)."""
    return translations(language).ngettext(singular, plural, n)


def count(n: int, singular: str, plural: str, language: str = SOURCE_LANGUAGE) -> str:
    """ "1 interview", "3 interviews": `singular` and `plural` hold `{n}`."""
    return ngettext(singular, plural, n, language).format(n=n)


def translated(message: str, language: str) -> str | None:
    """The message's translation in `language`, or None when that language has none for it (or is English)."""
    if base_language(language) == SOURCE_LANGUAGE:
        return None
    text = gettext(message, language)
    return text if text != message else None


# ---- the texts of bot/common/texts.py, looked up where they are read ---------------------------------

_LANGUAGE: ContextVar[str] = ContextVar("followup_language", default=SOURCE_LANGUAGE)


def current_language() -> str:
    return _LANGUAGE.get()


@contextmanager
def speaking(language: str | None) -> Iterator[None]:
    """Within this block (this task only), texts read from bot/common/texts.py are in `language`."""
    token = _LANGUAGE.set(base_language(language))
    try:
        yield
    finally:
        _LANGUAGE.reset(token)


def localise(value: object, language: str) -> object:
    """A text, or a list, tuple or dict of texts, in `language` (anything else as it is)."""
    if isinstance(value, str):
        return gettext(value, language)
    if isinstance(value, list | tuple):
        return type(value)(localise(item, language) for item in value)
    if isinstance(value, dict):
        return {key: localise(item, language) for key, item in value.items()}
    return value


class _TextsModule(types.ModuleType):
    """bot/common/texts.py's module type: its public names read through the catalogue of the current language."""

    def __getattribute__(self, name: str) -> object:
        value = super().__getattribute__(name)
        if name.startswith("_"):
            return value
        language = _LANGUAGE.get()
        return value if language == SOURCE_LANGUAGE else localise(value, language)


texts.__class__ = _TextsModule


# ---- the catalogue: what the code says, extracted ---------------------------------------------------


def _texts_constants(path: Path) -> Iterator[tuple[str, int]]:
    """Every string of texts.py's module-level constants (plain, in a list or tuple, as a dict's value)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in tree.body:
        if not isinstance(node, ast.Assign | ast.AnnAssign) or node.value is None:
            continue
        value = node.value
        parts = value.elts if isinstance(value, ast.List | ast.Tuple) else [value]
        if isinstance(value, ast.Dict):
            parts = value.values
        for part in parts:
            if isinstance(part, ast.Constant) and isinstance(part.value, str) and part.value.strip():
                yield part.value, part.lineno


def _command_lines(path: Path) -> Iterator[tuple[str, int]]:
    """The menu and help lines of the command table (`Command(name, run, where, menu, help, ...)` calls)."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "Command":
            for part in [*node.args[3:5], *(k.value for k in node.keywords if k.arg in {"menu", "help"})]:
                if isinstance(part, ast.Constant) and isinstance(part.value, str):
                    yield part.value, part.lineno


def template() -> Catalog:
    """The catalogue's template, from the code as it is now."""
    catalog = Catalog(project="followup-bot", locale=None, domain="messages", fuzzy=False, header_comment=HEADER)
    texts = PACKAGE / "common" / "texts.py"
    for text, line in _texts_constants(texts):
        catalog.add(text, locations=[("bot/common/texts.py", line)], flags=_flags(text))
    for text, line in _command_lines(PACKAGE / "conversation" / "flows" / "commands.py"):
        catalog.add(text, locations=[("bot/conversation/flows/commands.py", line)], flags=_flags(text))
    for filename, line, message, _comments, _context in extract_from_dir(
        PACKAGE, method_map=[("**.py", "python")], keywords=KEYWORDS
    ):
        if "locale" in Path(filename).parts:
            continue
        catalog.add(message, locations=[(f"bot/{filename}", line)], flags=_flags(message))
    return catalog


def _flags(message: str | tuple[str, ...]) -> list[str]:
    first = message[0] if isinstance(message, tuple) else message
    return ["python-brace-format"] if "{" in first else []


def english(pot: Catalog) -> Catalog:
    """The English catalogue: complete, each message its own translation."""
    catalog = Catalog(
        locale=SOURCE_LANGUAGE, domain="messages", project="followup-bot", fuzzy=False, header_comment=HEADER
    )
    for message in pot:
        if not message.id:
            continue
        string = tuple(message.id) if isinstance(message.id, tuple | list) else message.id
        catalog.add(message.id, string, locations=message.locations, flags=message.flags)
    return catalog


def _po_bytes(catalog: Catalog) -> bytes:
    out = io.BytesIO()
    write_po(out, catalog, width=120, omit_header=False, sort_output=True, no_location=True)
    return _without_dates(out.getvalue())


def _without_dates(po: bytes) -> bytes:
    """A catalogue's bytes without the creation and revision dates, so remaking it changes nothing."""
    return b"\n".join(
        line for line in po.split(b"\n") if not line.startswith((b'"POT-Creation-Date:', b'"PO-Revision-Date:'))
    )


def rendered() -> dict[Path, bytes]:
    """Every catalogue file as the code says it should read now (the template, English, the others merged)."""
    pot = template()
    files = {TEMPLATE: _po_bytes(pot), po_path(SOURCE_LANGUAGE): _po_bytes(english(pot))}
    for language in languages():
        if language == SOURCE_LANGUAGE:
            continue
        with po_path(language).open("rb") as po:
            catalog = read_po(po, locale=language)
        catalog.update(pot, no_fuzzy_matching=True)
        catalog.obsolete.clear()
        files[po_path(language)] = _po_bytes(catalog)
    return files


def _messages(po: bytes) -> dict[object, object]:
    """A catalogue's messages as {id: translation}, whatever Babel version wrote or wraps it."""
    catalog = read_po(io.BytesIO(po))
    return {
        tuple(m.id) if isinstance(m.id, list | tuple) else m.id: tuple(m.string)
        if isinstance(m.string, list | tuple)
        else m.string
        for m in catalog
        if m.id
    }


def out_of_date() -> list[Path]:
    """The catalogue files whose messages differ from what the code says now (a text added, changed, gone)."""
    return [
        path
        for path, content in rendered().items()
        if not path.is_file() or _messages(path.read_bytes()) != _messages(content)
    ]


def main() -> int:
    for path, content in rendered().items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
        print(f"wrote {path.relative_to(PACKAGE.parent)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
