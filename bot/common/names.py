"""How to greet a person and write their name, from the name as the user typed it."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from nameparser import HumanName
from nameparser.config import Constants

# nameparser's words (titles, suffixes), our own copy: titles beyond the usual ones are added here, never to the
# library's shared CONSTANTS (mutating it is deprecated; nameparser 3.0 drops it). "Adv." (South Africa's
# advocates) and the Spanish and Portuguese titles of a degree used before a name in every formal email: "Lic."
# (licenciado/a), "Ing." (ingeniero/a), "Arq.", "Mtro./Mtra." (maestro/a), "Eng." (engenheiro/a).
DEGREE_TITLES = frozenset(
    {"lic", "licda", "licdo", "ing", "arq", "mtro", "mtra", "engª", "enga", "eng", "dra", "sra", "srta"}
)
NAME_WORDS = Constants()
NAME_WORDS.titles.add("adv", *sorted(DEGREE_TITLES))
# Irish "Nic" (daughter of a Mac) starts a family name as nameparser's "Mac", "Ó" and "Ní" do: "Niamh Nic Aodha". Māori
# "Te" (nameparser's prefix already: "Aroha Te Rangi") and "Nic" keep their capital when a name typed in lower case
# is written as a name ("wiremu te hiko" -> "Wiremu Te Hiko"), as Ó and Ní do in nameparser's own exceptions.
NAME_WORDS.prefixes.add("nic")
NAME_WORDS.capitalization_exceptions["te"] = "Te"
NAME_WORDS.capitalization_exceptions["nic"] = "Nic"


def human_name(text: str) -> HumanName:
    """nameparser's reading of a name, with our words."""
    return HumanName(text, constants=NAME_WORDS)


# Family names that often come first (Chinese, Korean, Vietnamese), so "Zhang Wei" may be Mr or Ms Zhang.
_FAMILY_FIRST = {
    "zhang", "wang", "li", "liu", "chen", "yang", "huang", "zhao", "wu", "zhou", "xu", "sun", "ma", "zhu", "hu",
    "guo", "he", "lin", "luo", "gao", "zheng", "liang", "xie", "song", "tang", "han", "feng", "deng", "cao",
    "peng", "zeng", "xiao", "tian", "dong", "pan", "yuan", "cai", "jiang", "yu", "du", "ye", "cheng", "wei",
    "su", "lu", "ding", "ren", "shen", "yao", "jin", "fu", "zhong", "qian", "park", "choi",
    "jung", "jeong", "kang", "cho", "yoon", "jang", "lim", "shin", "oh", "seo", "kwon", "hwang", "ahn",
    "nguyen", "tran", "le", "pham", "hoang", "phan", "vu", "vo", "dang", "bui", "do", "ho", "ngo", "duong", "ly",
    # as romanised in Singapore, Malaysia and Hong Kong ("Tan Wei Ling", "Wong Kar Wai")
    "tan", "ng", "goh", "teo", "ong", "koh", "chua", "tay", "yeo", "chan", "wong", "leong", "chong", "lau", "ang",
    "toh", "quek", "seah", "chia",
}  # fmt: skip
# The most common Korean, Vietnamese, Chinese and Japanese family names: a name typed with one of them
# first ("Kim Min-jun", "Nguyễn Văn An", "Wang Fang", "Tanaka Hiroshi") is likely written family name first,
# so the given name is offered first. Vietnamese names are addressed by their last part ("An").
_KOREAN = {"kim", "lee", "park", "choi", "jung", "kang", "cho", "yoon"}
_VIETNAMESE = {"nguyen", "tran", "le", "pham", "hoang", "vu"}
# Vietnamese family names that are also short words of other languages ("Do", "Ho", "Ly"): read family name first
# only with the middle name that says so ("Văn" for men, "Thị" for women): "Do Van Minh", "Ho Thi Thu".
_VIETNAMESE_ALL = _VIETNAMESE | {"dang", "bui", "do", "ho", "ngo", "duong", "ly", "phan", "vo", "dao", "dinh"}
_VIETNAMESE_MIDDLE = {"van", "thi"}
_CHINESE = {"wang", "li", "zhang", "liu", "chen", "yang", "huang", "zhao", "wu", "zhou", "xu", "sun"}
_JAPANESE = {"tanaka", "sato", "suzuki", "takahashi", "watanabe", "ito", "yamamoto", "nakamura", "kobayashi"}
_GIVEN_AFTER = _KOREAN | _VIETNAMESE | _CHINESE | _JAPANESE
# Also Western given names ("Lee Smith", "Kim Wilde", "Chen" and "Park" as first names): with one of these
# first, the rest has to read as a romanised East Asian given name too.
_ALSO_WESTERN = {"lee", "kim", "li", "park", "chen"}
# One romanised Korean, Chinese or Japanese syllable ("min", "hoon", "yeon", "xiao", "shi", "wook").
_SYLLABLE = r"(?:ch|sh|zh|ts|[bcdfghjklmnprstz][wy]?|x(?=[iu])|q(?=[iu])|[yw])?[aeiou]{1,3}(?:ng|[nmklpt](?![aeiou]))?"
_GIVEN_WORD = re.compile(rf"(?:{_SYLLABLE}){{1,3}}")
_TITLES = {"dr", "prof", "professor", "mr", "mrs", "ms", "miss", "mx", "sir", "dame", "dr.", "prof."}
# Spanish and Portuguese titles ("Dra. Ana Beatriz", "Lic. Pérez", "Ing. Ruiz"): said with the given name, as
# "Dra. Ana Beatriz"; written with their full stop.
_IBERIAN_TITLES = {
    "dra": "Dra.", "lic": "Lic.", "licda": "Licda.", "licdo": "Licdo.", "ing": "Ing.", "mtro": "Mtro.",
    "mtra": "Mtra.", "sra": "Sra.", "srta": "Srta.", "sr": "Sr.", "dona": "Dona", "dña": "Doña", "doña": "Doña",
    "arq": "Arq.", "enf": "Enf.",
}  # fmt: skip
_TITLES |= set(_IBERIAN_TITLES) | {f"{t}." for t in _IBERIAN_TITLES}
# Ours and nameparser's (several hundred): made into one set once, not for every name written as names are.
_ANY_TITLE = frozenset(_TITLES | set(NAME_WORDS.titles))


_FAMILY_TITLES = {"Sr.", "Sra.", "Srta."}  # said with the family name ("Sr. de la Fuente"), never the given name


def title_only(name: str) -> bool:
    """Whether a name is only a title ("Dra", "Mr."): nothing to greet anyone by."""
    words = " ".join(name.split()).split(" ")
    return len(words) == 1 and words[0].rstrip(".").lower() in _TITLES


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

    "Jane Doe" -> Jane (no need to ask); "Doe, Jane" -> Jane; "Dr. Anna-Lena Müller" -> Dr. Müller or
    Anna-Lena (ask); "Mei Lin Tan" -> Mei Lin (ask).

    A name that starts with one of the most common Korean, Vietnamese, Chinese or Japanese family names is
    likely written family name first: "Kim Min-jun" -> Min-jun, Kim Min-jun, Mr Kim or Ms Kim (ask);
    "Nguyễn Văn An" -> An, the full name, Văn An, Mr or Ms Nguyễn (ask); "Tanaka Hiroshi" -> Hiroshi (ask).
    The rule, in `_given_after_family`, keeps Western names as they were: "Lee Smith" -> Lee, "Emily Chen"
    -> Emily. A less common family name first ("Ma Long") -> the full name, Long, Mr or Ms Ma (ask).
    """
    flat, bracketed = _without_remarks(capitalised(courtesy(" ".join(name.split()).strip(" ,"))))
    if not flat:
        return Greeting("there", ("there",), True)
    asked = _ASKED_TO_BE_CALLED.search(bracketed)
    if asked:  # "maria santos (said call her tina)": the name she asked to be called by, as a given name
        nick = asked.group(1).capitalize()
        rest = propose_greeting(flat)
        return Greeting(nick, tuple(dict.fromkeys((nick, *rest.options))), False)
    flat = _plain_title(flat, bracketed)
    tokens = [t for t in re.split(r"[\s,]+", flat) if t]
    iberian = _IBERIAN_TITLES.get(tokens[0].rstrip(".").lower()) if tokens else None
    if iberian in _FAMILY_TITLES and len(tokens) > 2 and tokens[1].lower() in _PARTICLES:
        # "Sr. de la Fuente": no given name, the family name starts at the particle
        family = " ".join(_particle(t) if t.lower() in _PARTICLES else t for t in tokens[1:])
        english = "Mr" if iberian == "Sr." else "Ms"
        return Greeting(f"{iberian} {family}", (f"{iberian} {family}", f"{english} {family}"), False)
    if iberian and len(tokens) > 1:
        # "Dra. Ana Beatriz dos Santos Ferreira": "Dra. Ana Beatriz", or the given name alone
        rest = propose_greeting(" ".join(tokens[1:]))
        if iberian in _FAMILY_TITLES and len(tokens) > 2:
            # "Sr. Pablo de la Fuente": Señor goes with the family name; the given name is the default
            formal = [o.split(" ", 1)[1] for o in rest.options if o.startswith(("Mr ", "Ms "))] or [tokens[-1]]
            english = "Mr" if iberian == "Sr." else "Ms"
            options = (
                rest.likely,
                f"{iberian} {formal[0]}",
                f"{english} {formal[0]}",
                *(o for o in rest.options if not o.startswith(("Mr ", "Ms "))),
            )
            return Greeting(rest.likely, tuple(dict.fromkeys(options)), True)
        options = (f"{iberian} {rest.likely}", *rest.options)
        return Greeting(options[0], tuple(dict.fromkeys(options)), True)
    if len(tokens) >= 3 and tokens[0].lower() in _GIVEN_ABBREVIATIONS:
        # "Ma. Cristina Dela Cruz": "Ma." is Maria, not a title; she is greeted by the name after it
        given, family = tokens[1], " ".join(tokens[2:])
        return Greeting(given, (given, f"Ms {family}", " ".join(tokens)), True)
    hungarian = _hungarian(tokens)
    if hungarian:
        return hungarian
    parsed = human_name(flat)
    tokens = [t for t in re.split(r"[\s,]+", flat) if t]
    first, middle, last, title = parsed.first, parsed.middle, parsed.last, parsed.title
    if parsed.suffix and not title and len(tokens) > 2 and "," not in flat:
        # "Jose Miguel Santos III": the suffix is not a name to greet by or count
        tokens = [t for t in tokens if t.lower().strip(".") not in {p.lower().strip(".") for p in parsed.suffix_list}]
        flat = " ".join(tokens)
        parsed = human_name(flat)
        first, middle, last = parsed.first, parsed.middle, parsed.last
    if title:
        formal = f"{title} {last or first}".strip()
        given = " ".join(p for p in (first, middle) if p) if last else ""
        named = tokens[1:] if tokens[0].rstrip(".").lower() == title.rstrip(".").lower() else []
        irish = next((i for i in range(1, len(named) - 1) if _irish_particle(named[i], named[i + 1])), None)
        if irish is not None and any(_reads_east_asian(_folded(w)) for w in named[:irish]):
            irish = None  # "Dr Wei Ni Chen": a Chinese name, not an Irish one
        if irish is not None:
            # "Dr Siobhan Ni Bhriain", "Dr Seán Mac Gabhann": the particle is part of the family name
            family = " ".join([_irish(named[irish], named[irish + 1]), *named[irish + 1 :]])
            given = " ".join(named[:irish])
            return Greeting(f"{title} {family}", (f"{title} {family}", given), True)
        if len(named) > 1 and named[0].lower() in _PARTICLES:
            # "Mr van der Berg", "Mr Van Dijk": no given name, one form, the particle as typed (a name typed in lower
            # case has its particle in lower case already: `capitalised`)
            return Greeting(f"{title} {' '.join(named)}", (f"{title} {' '.join(named)}",), False)
        if _given_after_family(named) or (len(named) == 3 and _folded(named[0]) in _FAMILY_FIRST):
            # "Dr. Kim Min-jun": Dr. Kim, or Min-jun; "Ms Lim Wei Ling": Ms Lim, or Wei Ling
            formal = f"{title} {named[0]}"
            given = named[-1] if _folded(named[0]) in _VIETNAMESE_ALL else " ".join(named[1:])
        elif len(named) > 2 and _folded(named[1]) in _PATRONYMIC:
            formal = f"{title} {named[0]}"  # "Dr Ahmad bin Ismail": bin Ismail names his father; Dr Ahmad
        options = tuple(dict.fromkeys(o for o in (formal, given) if o))
        return Greeting(formal, options, len(options) > 1)
    if "," in flat and first:
        # "Doe, Jane": the comma says which part is the given name.
        family = last or first
        return Greeting(first, (first, display_name(flat), f"Mr {family}", f"Ms {family}"), False)
    if len(tokens) == 1:
        # one name alone may be a family name ("Otieno"): the drafts greet it with "Dear", right either way
        return Greeting(first or flat, (first or flat,), False)
    if _given_after_family(tokens):
        family = tokens[0]
        vietnamese = _folded(family) in _VIETNAMESE_ALL
        given = tokens[-1] if vietnamese else " ".join(tokens[1:])
        options = (given, flat, " ".join(tokens[1:]), f"Mr {family}", f"Ms {family}")
        return Greeting(given, tuple(dict.fromkeys(options)), True)
    if len(tokens) == 2 and _folded(tokens[0]) in _FAMILY_FIRST:
        family, given = tokens
        return Greeting(flat, (flat, given, f"Mr {family}", f"Ms {family}"), True)
    particle = next((i for i, tok in enumerate(tokens) if i and tok.lower() in _PARTICLES), None)
    if particle is not None and particle < len(tokens) - 1 and _folded(tokens[0]) not in _FAMILY_FIRST:
        # "Pieter van der Berg", "Ana Paula de Souza Lima", "Seán Ó Briain": the family name starts at the particle
        if (
            particle >= 3
            and tokens[particle].lower() in _IBERIAN_PARTICLES
            and _IBERIAN.search(_folded(tokens[particle - 1]))
        ):
            particle -= 1  # "María Fernanda López de la Garza": "López de la Garza" is one family name
        elif particle == 2 and _IBERIAN_SURNAME.search(_folded(tokens[1])):
            particle = 1  # "Joana Ferreira da Silva", "João Pereira dos Santos": one given name, then the family
        given, family = " ".join(tokens[:particle]), " ".join(tokens[particle:])
        # "Ní", "Nic", "bint" say daughter of, "bin", "ibn" son of: only the title that goes with them
        daughter, son = _folded(tokens[particle]) in _DAUGHTER, _folded(tokens[particle]) in _SON
        # Malay and Arabic "bin Ismail" names the father: Mr Ahmad, not Mr bin Ismail
        called = given if _folded(tokens[particle]) in _PATRONYMIC else family
        formal = [f"Mr {called}"] * (not daughter) + [f"Ms {called}"] * (not son)
        return Greeting(given, (given, flat, *formal), False)
    if len(tokens) in {3, 4} and not parsed.suffix and _double_surname(tokens):
        # Spanish and Portuguese: given name(s), then two family names; the first is the one used alone
        given, family = " ".join(tokens[: len(tokens) - 2]), tokens[-2]
        return Greeting(given, (given, f"Mr {family}", f"Ms {family}", flat), False)
    if len(tokens) >= 4 and not parsed.suffix and _folded(tokens[0]) not in _FAMILY_FIRST:
        # "Maria Clara Santos Reyes": two given names, then the family names
        given, family = " ".join(tokens[:2]), tokens[-1]
        return Greeting(given, (given, tokens[0], flat, f"Mr {family}", f"Ms {family}"), True)
    if (
        len(tokens) == 3
        and not parsed.suffix
        and (_everyday_word(tokens[1]) or _IBERIAN_SURNAME.search(_folded(tokens[1])))
    ):
        # "Gabriela Nascimento Rocha": a middle word that is an everyday word of Portuguese or Spanish ("birth")
        # is a family name, not a second given name; the first family name is the one used alone
        given, family = tokens[0], tokens[1]
        return Greeting(given, (given, f"Ms {family}", f"Mr {family}", flat), True)
    if len(tokens) >= 3 and not parsed.suffix:
        given = " ".join(tokens[:-1])
        family = tokens[-1]
        options = (given, tokens[0], flat, f"Mr {family}", f"Ms {family}")
        if _folded(tokens[0]) in _FAMILY_FIRST:  # "Lim Wei Ling": Wei Ling, never a family name
            given = " ".join(tokens[1:])
            options = (given, flat, f"Mr {tokens[0]}", f"Ms {tokens[0]}")
        return Greeting(options[0], tuple(dict.fromkeys(options)), True)
    return Greeting(first, (first, flat), False)


# Typed beside a name, not part of it: a nickname in quotes ("jm"), a remark or title in brackets ("(not sure
# of spelling)", "(dr)").
_REMARK = re.compile(r"\s*(?:\"[^\"]*\"|“[^”]*”|\([^)]*\)|\[[^\]]*\])\s*")
# Titles a greeting uses, as a careful person writes them: "Dr.-Ing.", "Dr. med." and "Prof. Dr." -> Dr, Prof.
_TITLE_FORMS = (
    (re.compile(r"(?i)^prof(?:essor|\.)?\s+dr\.?(?:-ing\.?)?\s+"), "Prof "),
    (re.compile(r"(?i)^dr\.?(?:\s*-\s*ing\.?|\s+med\.?(?:\s+dent\.?)?|\s+rer\.\s*nat\.?|\s+phil\.?)\s+"), "Dr "),
)
_BRACKET_TITLES = {"dr": "Dr", "prof": "Prof", "professor": "Prof"}
_DAUGHTER = {"ni", "nic", "bint", "binti", "ui"}
_SON = {"bin", "ibn", "ben"}
_PATRONYMIC = {"bin", "binti", "bint", "ibn"}
_GIVEN_ABBREVIATIONS = {"ma.", "mª"}  # Filipino and Spanish "Maria"
# Hungarian names are written family name first ("Nagy István"): a common family name followed by a common
# given name is read that way.
_HUNGARIAN_FAMILY = {
    "nagy", "kovacs", "toth", "szabo", "horvath", "varga", "kiss", "molnar", "nemeth", "farkas", "balogh",
    "papp", "takacs", "juhasz", "lakatos", "meszaros", "olah", "racz", "fekete", "szilagyi", "torok", "feher",
    "balazs", "gal", "kis", "szucs", "kocsis", "orsos", "pinter", "fodor", "szalai", "sipos", "magyar", "lukacs",
}  # fmt: skip
_HUNGARIAN_GIVEN = {
    "istvan", "laszlo", "jozsef", "janos", "zoltan", "sandor", "gabor", "ferenc", "attila", "peter", "tamas",
    "zsolt", "tibor", "andras", "csaba", "imre", "lajos", "gyorgy", "balazs", "bence", "mate", "mihaly", "akos",
    "maria", "erzsebet", "katalin", "eva", "ilona", "anna", "zsuzsanna", "andrea", "krisztina", "judit",
    "agnes", "eszter", "timea", "noemi", "reka", "zsofia", "orsolya", "aniko", "erika", "szilvia",
}  # fmt: skip


# Words typed before a name that are not part of it, as a careful person writes them in English: a judge's
# style ("His Honour Judge McGowan" -> "Judge McGowan"), Polish courtesy and degree words ("pan" -> Mr, "pani"
# -> Ms, "mgr inż." -> nothing, "dr inż." -> Dr), a nursing grade or registration ("CNM2", "RGN", "ANP").
_COURTESY = (
    (re.compile(r"(?i)^(?:his|her|your)\s+hono(?:u)?r\s+(?:judge\s+)?(?=\S)"), "Judge "),
    (re.compile(r"(?i)^dr\.?\s+(?:hab\.?\s+)?inż\.?\s+"), "Dr "),
    (re.compile(r"(?i)^(?:mgr\.?\s+(?:inż\.?\s+)?|inż\.?\s+)(?=\S)"), ""),
    (re.compile(r"(?i)^pani\s+(?=\S+\s+\S)"), "Ms "),
    (re.compile(r"(?i)^(?:cnm|cns|cmm)\s?[1-3]?\s+|^(?:rgn|rmn|rn|anp|adon)\.?\s+(?=\S+\s+\S)"), ""),
)
_POLISH_PAN = re.compile(r"(?i)^pan\s+(?=(\S+)\s+\S)")


# Titles of respect in other languages, as the English ones the drafts greet with: Romanian "doamna Popescu" and
# "domnul", Polish and Ukrainian "pani", German "Herr"/"Hr." and "Frau", French "Mme" and "Monsieur", Italian
# "Signora", Dutch "mevrouw"/"mevr." and "meneer"/"dhr."; Turkish "Sayın" says no gender and goes. Said before a
# name only (a dotted short form before a capital).
_FOREIGN_TITLES = (
    (r"doamna|doamnă|doamnei|pani|paní|frau|madame|mme\.?|signora|sig\.ra|mevrouw", "Ms"),
    (r"domnul|domnului|herr|monsieur|signor|signore|meneer|mijnheer", "Mr"),
    (r"sayın|sayin", ""),
)
_FOREIGN_DOTTED = ((r"dna\.|d-na\.?|fru|mevr\.", "Ms"), (r"dl\.|d-l\.?|hr\.|sig\.|dhr\.", "Mr"), (r"sn\.", ""))


def foreign_titles(text: str) -> str:
    """ "doamna Popescu" -> "Ms Popescu", "Hr. Klaus Weber" -> "Mr Klaus Weber", "Sayın Ayşe Kaya" -> "Ayşe Kaya"."""
    for words, english in _FOREIGN_TITLES:
        text = re.sub(rf"(?i)(?<![\w.])(?:{words})\s+(?=[^\W\d_])", f"{english} " if english else "", text)
    for words, english in _FOREIGN_DOTTED:
        text = re.sub(rf"(?i)(?<![\w.])(?:{words})\s*(?=(?-i:[A-ZÀ-Þ]))", f"{english} " if english else "", text)
    return re.sub(r"\b(?:Ms|Mr) (?=(?:Dr|Prof)\b)", "", text)  # "Frau Dr. Schmidt": the doctor's title is enough


def courtesy(name: str) -> str:
    """A name without the courtesy or grade words typed before it (`_COURTESY`): "pan tomasz kowalczyk" ->
    "Mr tomasz kowalczyk", "CNM2 siobhan o'reilly" -> "siobhan o'reilly". "Pan" is also a Chinese family name:
    it is Polish only before a given name that does not read East Asian ("Pan Xiaoming" stays)."""
    name = foreign_titles(name)
    for pattern, plain in _COURTESY:
        name = pattern.sub(plain, name, count=1)
    pan = _POLISH_PAN.match(name)
    if pan and not _reads_east_asian(_folded(pan.group(1))):
        name = "Mr " + name[pan.end() :]
    return name


def _without_remarks(name: str) -> tuple[str, str]:
    """A name without a nickname or remark typed beside it, and what was in brackets ("(dr)" -> "dr")."""
    bracketed = " ".join(
        m.strip(" ()[].").lower() for m in re.findall(r"\(([^)]*)\)|\[([^\]]*)\]", name) for m in m if m
    )
    return " ".join(_REMARK.sub(" ", name).split()).strip(" ,"), bracketed


def _plain_title(name: str, bracketed: str) -> str:
    """ "Dr.-Ing. Katharina von der Heide" -> "Dr Katharina von der Heide"; a title typed in brackets replaces
    the one in front ("Pharm. (Dr) Olumide Adeyemi-Cole" -> "Dr Olumide Adeyemi-Cole")."""
    name = re.sub(r"(?i)^(?:pharm|engr|eng|arch|atty|hon|rev)\.?\s+(?=(?:dr|prof)\b)", "", name)  # "Pharm. Dr X"
    for pattern, plain in _TITLE_FORMS:
        name = pattern.sub(plain, name, count=1)
    title = _BRACKET_TITLES.get(bracketed)
    if title:
        parsed = human_name(name)
        rest = name[len(parsed.title) :].strip() if parsed.title and name.startswith(parsed.title) else name
        name = f"{title} {rest}"
    return name


# A name the person asked to be called by, said in brackets beside their name: "(call her tina)", "(goes by Liz)",
# "(said to call him Bob)", "(prefers Kate)".
_ASKED_TO_BE_CALLED = re.compile(
    r"(?i)(?:^|\b)(?:(?:said|says|asked|told me)\s+(?:to\s+)?)?(?:call(?:s)?\s+(?:him|her|them|me)|goes\s+by|known\s+as|"
    r"prefers?|likes\s+to\s+be\s+called)\s+([^\W\d_]{2,})"
)
# The Irish particles of a family name: "Ní Bhriain", "Nic Dhonnchadha", "Mac Gabhann", "Ó Briain", "Uí Néill".
_IRISH_PARTICLES = {"ní", "ni", "nic", "mac", "mhic", "ó", "uí", "ui"}


def asked_to_be_called(remark: str) -> str | None:
    """The name a remark beside a name says the person asked to be called by ("call her tina daw" -> "Tina",
    "goes by Liz" -> "Liz"), or None."""
    asked = _ASKED_TO_BE_CALLED.search(remark)
    return asked.group(1).capitalize() if asked else None


def _irish_particle(word: str, family: str) -> bool:
    """ "Ní", "Nic", "Mac", "Ó" before a family name; "Ni" without its fada only before a lenited one ("Ni Bhriain"),
    never in "Wei Ni Chen"."""
    if word.lower() in {"ni", "ui"}:
        return re.match(r"[BCDFGMPST]h", family) is not None
    return word.lower() in _IRISH_PARTICLES


def _irish(particle: str, family: str) -> str:
    """The particle as Irish writes it: "Ni"/"Ui" before a lenited name ("Bhriain") take their fada: "Ní", "Uí"."""
    lenited = re.match(r"[BCDFGMPST]h", family) is not None
    if lenited and particle.lower() in {"ni", "ui"}:
        return {"ni": "Ní", "ui": "Uí"}[particle.lower()]
    return particle[:1].upper() + particle[1:]


def _hungarian(tokens: list[str]) -> Greeting | None:
    if len(tokens) != 2 or _folded(tokens[0]) not in _HUNGARIAN_FAMILY or _folded(tokens[1]) not in _HUNGARIAN_GIVEN:
        return None
    family, given = tokens
    return Greeting(given, (given, f"Mr {family}", f"Ms {family}", f"{family} {given}"), True)


_IBERIAN_PARTICLES = {"de", "del", "da", "das", "do", "dos", "la"}
_PARTICLES = {"van", "von", "der", "den", "de", "da", "das", "do", "dos", "di", "del", "della", "du", "le", "la", "ó", "o", "ní", "ni", "nic", "uí", "ui", "mac", "te", "bin", "binti", "al", "el", "ter", "ten", "dela", "ibn", "bint", "zu", "abu", "af", "av"}  # fmt: skip


# Spanish and Portuguese family names: a name whose last word ends like one, or has an accent, reads as given
# name(s) and two family names ("Luis Romero Sánchez": Mr Romero).
_IBERIAN = re.compile(r"(?i)(?:ez|es|az|oz|iz|ira|eira|ro|do|da|ado|edo|ales|ano|ia)$")
_IBERIAN_STRONG = re.compile(r"(?i)(?:ez|az|oz|iz)$")
# Endings only family names have (never a given name's: "Paula", "Inés", "Mercedes" keep theirs).
_IBERIAN_SURNAME = re.compile(r"(?i)(?:ez|eira|eiro|alves|ques|ares|andes|ardes)$")  # never "Beatriz", "Luiz"


# Given names of Spanish and Portuguese with a family name's ending: second given names ("Ana Lucía Restrepo", "Juan
# Pedro Ramos"), never the first of two family names.
_IBERIAN_GIVEN = {
    "lucia", "maria", "sofia", "julia", "cecilia", "patricia", "alicia", "antonia", "amelia", "natalia", "valeria",
    "gloria", "claudia", "marcia", "leticia", "eugenia", "victoria", "emilia", "olivia", "lidia", "silvia", "elvira",
    "rosario", "pedro", "alejandro", "leandro", "lisandro", "fernando", "eduardo", "ricardo", "alfredo", "bernardo",
    "leonardo", "armando", "orlando", "reinaldo", "ronaldo", "fernanda", "hilda", "ines", "mercedes", "dolores",
    "andres", "moises", "ulises", "mariano", "luciano", "adriano", "cayetano", "conrado", "isidro", "casimiro",
    "alvaro", "amparo", "ramiro", "rodrigo", "gerardo", "gonzalo", "osvaldo", "reynaldo", "eleonora", "aurora",
}  # fmt: skip


def _double_surname(tokens: list[str]) -> bool:
    last, before = _folded(tokens[-1]), _folded(tokens[-2])
    if before in _IBERIAN_GIVEN:  # "Ana Lucía Restrepo": two given names, one family name
        return False
    accented = any(_folded(t) != t.lower() for t in tokens)
    iberian = bool(_IBERIAN.search(before))  # the first family name, the one used alone, reads as one
    return iberian and (accented or bool(_IBERIAN_STRONG.search(last) or _IBERIAN_STRONG.search(before)))


@lru_cache(maxsize=1)
def _other_language_words() -> frozenset[str]:
    """Everyday words of Spanish, Portuguese, French, Italian, German and Dutch that are not English (the word
    list bot/drafts/words/make.py builds from pyspellchecker's dictionaries)."""
    path = Path(__file__).resolve().parent.parent / "drafts" / "words" / "foreign.txt"
    return frozenset(path.read_text(encoding="utf-8").split()) if path.exists() else frozenset()


def _everyday_word(token: str) -> bool:
    return _folded(token) in _other_language_words()


def capitalised(name: str) -> str:
    """A name typed all in lower (or upper) case, written as names are: "pieter van der meer" -> "Pieter van
    der Meer", "ian mcleod" -> "Ian McLeod" (nameparser's rules); names typed with capitals stay as typed."""
    if not name or "," in name:
        return name
    if not (name == name.lower() or name == name.upper()):
        # "Judge brendan mcgowan", "Sister ngozi okafor": a title typed with a capital, the name in lower case
        tokens = name.split(" ")
        titled = 0
        while titled < len(tokens) - 1 and tokens[titled].rstrip(".").lower() in _ANY_TITLE:
            titled += 1
        rest = " ".join(tokens[titled:])
        if not titled or rest != rest.lower():
            return name
        return " ".join([*tokens[:titled], capitalised(rest)])
    parsed = human_name(name)
    parsed.capitalize(force=True)
    return particles_after_title(" ".join(str(parsed).split())) or name


def particles_after_title(name: str) -> str:
    """ "Mr Van der Berg" -> "Mr van der Berg": a particle right after a title starts the family name, in lower
    case as it is after a given name (nameparser takes it for a given name there)."""
    tokens = name.split(" ")
    if len(tokens) < 3 or tokens[0].rstrip(".").lower() not in _TITLES:
        return name
    n = 1
    while n < len(tokens) - 1 and tokens[n].lower() in _PARTICLES:
        tokens[n] = _particle(tokens[n])
        n += 1
    return " ".join(tokens)


def _particle(word: str) -> str:
    """A particle as written inside a name: in lower case ("van", "de"), but for those nameparser writes with their
    capital ("Te", "Ó", "Ní", "Nic")."""
    return NAME_WORDS.capitalization_exceptions.get(word.lower()) or word.lower()


def family_first(name: str) -> bool:
    """Whether a name reads family name first ("Kim Min-jun", "Nguyễn Văn An"; see `_given_after_family`)."""
    return _given_after_family(" ".join(name.split()).split(" "))


def _given_after_family(tokens: list[str]) -> bool:
    """Whether a name of 2-3 words reads family name first: the first word is a common East Asian family name
    (`_GIVEN_AFTER`), the last one is not (in "Lee Park" either could be the family name), and after a first
    word that is also a Western given name ("Lee Smith", "Kim Wilde", "Park Miller") every other word reads
    as a romanised East Asian given name: a hyphenated one ("Min-jun") or one to three syllables
    ("Jihoon", "Xiaoming"), no doubled consonant ("Allen") and no silent final "e" ("Pace")."""
    if not 2 <= len(tokens) <= 3:
        return False
    family, *rest = (_folded(t) for t in tokens)
    if len(rest) == 2 and family in _VIETNAMESE_ALL and rest[0] in _VIETNAMESE_MIDDLE and rest[1].isalpha():
        return True  # "Nguyen Van An", "Do Thi Lan": never the Dutch "van"
    if family not in _GIVEN_AFTER or rest[-1] in _GIVEN_AFTER:
        return False
    if not all(re.fullmatch(r"[a-z]+(?:[-'’][a-z]+)*", word) and len(word) > 1 for word in rest):
        return False  # an initial ("Lee J. Smith") or a suffix: not a given name
    return family not in _ALSO_WESTERN or all(_reads_east_asian(word) for word in rest)


def _reads_east_asian(word: str) -> bool:
    if "-" in word:
        return all(_GIVEN_WORD.fullmatch(part) for part in word.split("-"))
    doubled = re.search(r"([b-df-hj-np-tv-z])\1", word)
    return bool(_GIVEN_WORD.fullmatch(word)) and not doubled and not re.search(r"[^aeiou]e$", word)


def _folded(word: str) -> str:
    """A word without its accents, for the family-name list: "Nguyễn" -> "nguyen"."""
    return "".join(ch for ch in unicodedata.normalize("NFKD", word.lower()) if not unicodedata.combining(ch))


def display_name(name: str) -> str:
    """A name in reading order for the To: line: "Doe, Jane" -> "Jane Doe"; other names as typed, without a
    nickname or remark typed beside them ("Tom Kowalchuk (not sure of spelling)" -> "Tom Kowalchuk")."""
    flat = _without_remarks(capitalised(courtesy(" ".join(name.split()).strip(" ,"))))[0] or name.strip()
    flat = re.sub(r"\b(Ii|Iii|Iv)$", lambda m: m.group(1).upper(), flat)  # "Santos Iii" -> "Santos III"
    if "," not in flat:
        return flat
    parsed = human_name(flat)
    parts = [parsed.title, parsed.first, parsed.middle, parsed.last, parsed.suffix]
    return " ".join(p for p in parts if p) or flat


def respelled(greeting: str, name: str) -> str:
    """A greeting chosen before the name was corrected, with the accents the corrected name has: "Maria Clara" for
    "María Clara Santos Reyes" -> "María Clara", "Ms Nunez" for "Sofía Núñez" -> "Ms Núñez". Only words that differ
    by their accents take the name's spelling; any other word stays as chosen."""
    spelt = {_folded(word): word for word in name.split()}
    return " ".join(
        spelt[_folded(word)] if _folded(word) in spelt and spelt[_folded(word)].casefold() != word.casefold() else word
        for word in greeting.split()
    )


def greeting_name(person: object) -> str:
    """The name to greet a person by: the stored choice when there is one, else the likely form."""
    stored = getattr(person, "greeting", None)
    if stored and stored.strip():
        return " ".join(stored.split())
    name = getattr(person, "name", "") or ""
    if unnamed(name):  # "the HR lady": no name to greet by (the email says "Hello,")
        return ""
    return propose_greeting(name).likely


def unnamed(name: str) -> bool:
    """A person noted by how the user knows them ("the HR lady", "the guy from ops"), their name not caught."""
    return name.startswith("the ")
