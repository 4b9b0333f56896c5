"""People: the user's own name, an interviewer's name, greeting, role, email and phone, also out of a sentence."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import phonenumbers
from spellchecker import SpellChecker

from bot.common import names, texts
from bot.common.parsing.contacts import (
    check_email,
    check_phone,
    format_phone,
    phone_readings,
    phone_region,
    read_phone,
    readings_elsewhere,
    region_of_email,
)
from bot.common.parsing.text import Invalid, clean_name, clean_text, shorten
from bot.conversation.fields.answers import later_only, means_no_more, means_skip
from bot.conversation.fields.places import country_name, regions_named
from bot.conversation.fields.spec import Context, Understood
from bot.drafts.writer.cleaning import typed_title

# ---- people ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Name:
    """A person's name as stored, how to greet them, other fair greetings, and whether to ask which."""

    name: str
    greeting: str
    options: tuple[str, ...] = ()
    confirm: bool = False


_OWN_NAME_LEAD = re.compile(
    r"^(?:hi|hello|hey)?[,!]?\s*(?:i'm|i am|im|my name is|my name's|it's|its|this is|call me|name:?)\s+", re.IGNORECASE
)
_ROLE_WORDS = re.compile(
    r"\b(?:manager|lead|leader|engineer|developer|recruiter|director|head|vp|cto|ceo|cfo|coo|founder|hr|em|hm|pm|tl|"
    r"designer|scientist|analyst|architect|partner|talent|people|officer|president|owner|consultant|staff|"
    r"principal|senior|junior|intern|coordinator|specialist|product|sales|marketing|team|tech|hiring|sourcer|dean|"
    r"chief|associate|counsel|advisor|adviser|administrator|supervisor|executive|assistant|representative|"
    r"generalist|accountant|controller|finance|operations|ops|chair|editor|programme|program|research|researcher|"
    r"teacher|lecturer|nurse|attorney|lawyer|paralegal|ux|ui|qa|devops|sre|swe|ta|hrbp|svp|evp|md|gm|superintendent|"
    r"nursing|rector|matron|registrar|headteacher|headmaster|headmistress|foreman|owner|chef|cook|"
    r"secretary|pharmacist|physician|surgeon|doctor|professor|mgr|technician|dev|developer|rn|sde|boss|"
    # the same words in the languages people mix in: Spanish, Portuguese, Turkish, Romanian
    r"jefe|jefa|gerente|directora|diretor|diretora|coordinador|coordinadora|encargado|encargada|enfermera|enfermero|"
    r"analista|ingeniero|ingeniera|chefe|müdür|müdürü|sorumlusu|şef|şefi|sef|sefa|directoare)\b",
    re.IGNORECASE,
)


def _last_first(text: str) -> str:
    """ "Doe, Jane" -> "Jane Doe" (two name parts, the second not a job title)."""
    head, comma, tail = text.partition(",")
    plain = comma and head.strip() and tail.strip() and "," not in tail and not _ROLE_WORDS.search(tail)
    plain = plain and not _ROLE_WORDS.search(head) and not head.lower().startswith(("the ", "a ", "an ", "my ", "our "))
    plain = plain and head.split()[0].casefold().rstrip(".") not in {"mr", "mrs", "ms", "mx", "dr", "prof", "miss"}
    if plain and len(tail.split()) <= 2 and len(head.split()) <= 3 and tail.strip()[0].isupper():
        return f"{tail.strip()} {head.strip()}"
    return text


def proper_case(name: str) -> str:
    """A name typed all in lowercase gets its capitals ("tom baker" -> "Tom Baker", "ian mcdonald" ->
    "Ian McDonald", with nameparser's rules); a name typed with any capital is kept as typed, but for a title in
    front of it typed in lower case ("lic. Fernanda Ruiz" -> "Lic. Fernanda Ruiz")."""
    first, _, rest = name.partition(" ")
    if rest and first.islower() and first.endswith(".") and _is_title(first) and rest != rest.lower():
        return f"{first.capitalize()} {rest}"
    if name != name.lower() or not any(ch.isalpha() for ch in name):
        return name
    parsed = names.human_name(name)
    parsed.capitalize(force=True)
    capitalised = " ".join(str(parsed).split())
    # nameparser may reorder or drop parts it does not recognise; then only the first letters change.
    if capitalised.casefold().split() != name.casefold().split():
        capitalised = " ".join(part[:1].upper() + part[1:] for part in name.split())
    capitalised = re.sub(r"\b(dela|delos|delas)\b", lambda m: m.group(1).capitalize(), capitalised)  # "Dela Cruz"
    capitalised = names.particles_after_title(capitalised)  # "mr van der berg" -> "Mr van der Berg"
    if names.family_first(capitalised):  # a romanised given name keeps one capital: "Min-jun", not "Min-Jun"
        first, *given = capitalised.split(" ")
        capitalised = " ".join([first, *(word[:1].upper() + word[1:].lower() for word in given)])
    return capitalised


def own_name(text: str) -> str:
    """The user's own name for signatures: "I'm Camille Dubois" -> "Camille Dubois"."""
    value = _OWN_NAME_LEAD.sub("", text.strip()).strip(" .!")
    return proper_case(clean_name(_last_first(value) or text))


# Words of notes about a job that are never part of a person's name: a line with one of them ("Legacy Doc Mgmt,
# slow billing", pasted at "anyone else?") is not a person.
_NOTE_WORDS = {
    "mgmt", "mgt", "dept", "docs", "doc", "document", "documents", "documentation", "legacy", "system", "systems",
    "process", "processes", "billing", "invoicing", "budget", "budgets", "project", "projects", "migration",
    "platform", "software", "app", "apps", "data", "database", "stack", "backlog", "roadmap", "pipeline", "tooling",
    "infrastructure", "infra", "customers", "clients", "stakeholders", "deadline", "deadlines", "onboarding",
    "training", "salary", "benefits", "hybrid", "remote", "overtime", "culture", "testing", "tests", "code",
    "coding", "question", "questions", "interview", "interviews", "role", "job", "position", "offer", "workload",
    "turnover", "attrition", "compliance", "reporting", "reports", "deliverables", "kpis", "kpi", "metrics",
    "revenue", "sales", "costs", "volume", "slow", "issues", "problems", "challenges", "tickets", "bugs",
}  # fmt: skip


def has_note_word(text: str) -> bool:
    """A word of notes about the job ("billing", "legacy", "mgmt") that no name holds."""
    return any(word.strip(".,:;!?()[]\"'").casefold() in _NOTE_WORDS for word in text.split())


_BULLET = re.compile(r"^\s*(?:[-•*·▪◦‣–—>]|\d{1,2}[.)])\s+")


def is_list(text: str) -> bool:
    """Several lines, or a line that starts with a bullet ("• Legacy Doc Mgmt - slow billing"): a pasted list."""
    lines = [line for line in text.splitlines() if line.strip()]
    return len(lines) > 1 or bool(_BULLET.match(text))


def person_name(text: str) -> Name:
    """An interviewer's name and how to greet them; `confirm` when the greeting is a guess."""
    raw = text.strip()
    if is_list(raw):
        raise Invalid(texts.PERSON_LIST_FIRST)
    if has_note_word(raw) or len(raw.split()) > 8:
        raise Invalid(texts.PERSON_NOT_A_NAME.format(typed=shorten(raw, 40)))
    if "@" in raw:
        raise Invalid("That looks like an email address; what is the person's name? (I'll ask for the email next.)")
    if sum(ch.isdigit() for ch in raw) >= 5:
        raise Invalid("That looks like a phone number; what is the person's name? (I'll ask for the number later.)")
    engineer = re.match(r"(?i)(engr|eng)\.?\s+(?=\S)", raw)
    raw = _HONORIFICS.sub("", raw).strip() or raw
    raw = _without_post_nominals(raw)
    name = proper_case(clean_name(_last_first(raw), what="name"))
    proposed = names.propose_greeting(name)  # the drafts' own rule: one place decides how to greet
    options = proposed.options
    if engineer and len(name.split()) > 1:  # "Engr. Chukwuemeka Okafor": "Dear Engr. Okafor" as the formal option
        title = "Engr." if engineer.group(1).lower() == "engr" else "Eng."
        family = next((o[3:] for o in options if o.startswith("Mr ")), name.split()[-1])
        options = tuple(dict.fromkeys((*options[:1], f"{title} {family}", *options[1:])))
    return Name(name, proposed.likely, options, proposed.confirm)


# Titles of respect that are not part of a name: "Sister" (a senior nurse), "sir" (Filipino), "Eng." (Kenya), "pak",
# "bu" (Indonesian), "encik", "puan" (Malay),
# "-san" (Japanese), "님" (Korean); "Dr." and "Mr." stay, as the drafts greet with them.
_HONORIFICS = re.compile(
    r"(?i)^(?:sister|sir|eng\.?|engr\.?|ma'am|pak|bapak|bu|ibu|mbak|encik|puan|tuan|cik)\s+(?=\S)|(?:-san|-sama|-sensei|\s*\S*님)(?=\s|$)"
)


def _without_post_nominals(name: str) -> str:
    """ "Jim O'Brien PE", "Jane Doe PhD, CPA" -> the name: letters after a name (nameparser's list of suffix
    acronyms) typed as such, with a capital, are a licence or a degree, not part of it."""
    words = name.split()
    while (
        len(words) > 2
        and re.sub(r"[.,]", "", words[-1]).casefold() in names.NAME_WORDS.suffix_acronyms
        and (re.sub(r"[.,]", "", words[-1]).isupper() or re.sub(r"[.,]", "", words[-1]) in _MIXED_CASE_LETTERS)
    ):  # "PE", "CPA", "PhD"; not "Obi" (Amara Obi), though OBI is an order's letters too
        words.pop()
    return " ".join(words).rstrip(" ,") if len(words) != len(name.split()) else name


_MIXED_CASE_LETTERS = {"PhD", "MSc", "BSc", "MEng", "DPhil", "Esq", "MPhil", "MBA", "LLM", "EdD", "DrPH"}


def greeting(text: str) -> str:
    """A greeting chosen or typed by the user ("Dr. Müller", "Zhang Wei"); an email address or a number typed
    here is refused, not written after "Dear"."""
    if "@" in text:
        raise Invalid("That looks like an email address; I'll ask for it in a moment. How should the email greet "
                      "them? Tap one of the names, or type it (e.g. Mr Zhang).")  # fmt: skip
    if sum(ch.isdigit() for ch in text) >= 5:
        raise Invalid("That looks like a phone number; I'll ask for it later. How should the email greet them?")
    return clean_name(text, what="greeting")


_ROLE_ABBREVIATIONS = {
    "em": "engineering manager", "hm": "hiring manager", "pm": "product manager", "tl": "tech lead",
    "swe": "software engineer", "sre": "site reliability engineer", "ta": "talent acquisition",
    "eng manager": "engineering manager", "hr": "HR", "cto": "CTO", "ceo": "CEO", "vp": "VP",
}  # fmt: skip


# What people add to a title in a chat and no email should repeat: a hedge ("i think"), a bracket of chat ("(finally
# lol)"), a clause after the title ("but they hinted at chef de cuisine", "basically my future boss"), what the
# person did ("came in for 10 min at the end", "popped in for like 5 mins").
_HEDGES = re.compile(
    r"(?i)(?<!\w)(?:i think|i guess|i believe|i reckon|i'd say|probably|probs|prolly|prob|maybe|idk|tbh|lol|haha|lmao|"
    r"basically|actually|technically|essentially|(?:i'?m\s+)?pretty sure|(?:i'?m\s+)?fairly sure|if i remember right|"
    r"iirc|afaik|je crois|je pense|creo|acho|ich glaube|glaube ich|penso|credo|denke ich)(?!\w)"
)
# A hedge before a title or after it: "something like ops coordinator?", "kind of a team lead", "analyst or something".
_LEAD_HEDGE = re.compile(
    r"(?i)^(?:(?:something|smth|sth|somethin)\s+(?:like|along the lines of)|(?:it'?s\s+|its\s+)?(?:sort of|kind of|kinda|"
    r"sorta)|like|roughly|approximately|approx|around)\s+(?:(?:a|an|the)\s+)?"
)
_TAIL_HEDGE = re.compile(r"(?i)\s+(?:or something(?: like that)?|or smth|or sth|or so|or whatever|-?ish)$|\s*\?+$")
_CHAT_BRACKET = re.compile(
    r"\s*\((?=[^()]*(?:\b(?:lol|haha|lmao|idk|tbh|finally|ugh|yay|i think|not sure|might be|hopefully|mostly|apparently|"
    r"probably|i guess)\b|[\U0001F300-\U0001FAFF]))"
    r"[^()]*\)\s*",
    re.IGNORECASE,
)
_ASIDE_CLAUSE = re.compile(
    r"(?i)\s*(?:,\s*|\s+[-–—]\s+)(?:not|def not|definitely not|certainly not)\s+(?:the|a|an|my|his|her|their)\s.*$|"
    r"\s*(?:,\s*|\s+[-–—]\s+)(?:but|though|although|basically|essentially|so basically|which|who|kinda|kind of|"
    r"sort of|i think|probably|maybe|prob|my (?:future|new|potential|would-be) (?:boss|manager|line manager)|"
    r"would be|will be|he'd|she'd|they'd|hopefully)\b.*$|"
    # a clause with its own subject and verb after the title is about the person or the job, never part of the title:
    # "ops manager - she runs the whole site", "staff nurse, they didn't say the grade", "it's nights mostly"
    r"\s*(?:,\s*|\s+[-–—]\s+)(?:(?:she|he|they|we|you|i)(?:['’](?:s|re|m|ve|d|ll))?|shes|hes|theyre|im|ive|"
    r"it['’]s|(?-i:its)|there(?:['’]s|\s+(?:is|was|are|were))|(?:she|he|they)\s+(?:is|was|are|were))\s+\S.*$|"
    # what the user thought of them: "head chef, really nice guy", "super friendly", "a lovely lady"
    # a clause that says what the user thought without its subject: "seemed stressed", "think it's nights", "very
    # chatty"; "tho it's mostly admin"
    r"\s*(?:,\s*|\s+[-–—]\s+|\s+(?=(?:tho|altho)\s))(?:seemed|seems|looked|looks|sounded|sounds|felt|came across|"
    r"think|thinks|guess|reckon|tho|altho|(?:really|very|super|so|quite|pretty|bit|a bit|kinda|v)\s+(?!\w*\s*(?:"
    r"manager|lead|engineer|director|head|senior|junior|nurse|chef|officer))\w+)\b.*$|"
    r"\s*(?:,\s*|\s+[-–—]\s+)(?:(?:really|very|super|so|quite|pretty|such|v|a|an)\s+)*(?:nice|lovely|friendly|"
    r"great|cool|kind|chill|sweet|intense|scary|tough|strict|funny|helpful|warm|cold|serious|easygoing|decent|"
    r"smart|young|quiet|awesome|amazing|brilliant|legend|gem|down to earth|easy to talk to)"
    r"(?:\s+(?:guy|lady|man|woman|person|bloke|chap|one|people|folks|fella|dude))?(?:\s+(?:tbh|lol|too|though|"
    r"honestly|haha))*\s*[.!]*$"
)
_DID_TAIL = re.compile(
    r"(?i)\s+(?:who'?d|who would|who will|who'?ll|that'?d|that would)\s+(?:be|become)\b.*$|"  # "who'd be my boss"
    r"\s+if\s+i\s+(?:get|got|take)\b.*$|"  # "line manager if i get it"
    r"\s+(?:tbh\s+|but\s+)?(?:not sure|not 100% sure|unsure|i don'?t know|dunno)\b.*$|"  # "… not sure of the exact title"
    r"\s+(?:who\s+|that\s+)?(?:came in|popped in|popped by|joined|sat in|dropped in|dropped by|showed up|stopped by|"
    r"came by|was there|was also there|stepped in|jumped in|joined in)\b.*$"
)


_WOULD_BE = re.compile(
    r"(?i)^(?:the\s+)?(?:one|person|guy|lady|woman|man)\s+(?:who'?d|who would|who will|that'?d)\s+be\s+(?:my|the)\s+(?P<role>.+)$"
)


# Marks of feeling typed with a value and no part of it: emoji (and their joiners), "!!", "??".
_FEELING = re.compile(r"[\U0001F000-\U0001FAFF\u2600-\u27BF\u200d\ufe0f]+|(?<=\w)[!?]{2,}|(?<=\w)!+(?=\s|$)")
# Another title offered in its place: "team manager? or deputy tm", "head chef i think, or sous chef"
_OR_OTHER = re.compile(
    r"(?i)^(?P<one>.+?)\s*(?:\?+\s*|,\s*|\s+)(?:or|or maybe|or possibly|or else)\s+(?!something|smth|sth|so\b|whatever)"
    r"(?:(?:the|a|an|maybe|possibly|prob|probably)\s+)?(?P<other>[^.,;?]+?)(?:\s*[,;]\s*(?P<tail>[^.,;?]*))?\s*[.?]?$"
)
# A sentence after the title with no job word in it: "one of the two", "cant remember which"
_LATER_SENTENCE = re.compile(r"(?<=\w)[.?]\s+(?P<rest>[^.]+?)\.?$")


def _either_title(value: str) -> str:
    """ "team manager? or deputy tm" -> "team manager (or deputy team manager)": the title said first, the other kept
    beside it (short forms of the first one's words spelt out as it spells them)."""
    found = _OR_OTHER.match(value)
    if found is None or not _ROLE_WORDS.search(found["one"]) or _ROLE_WORDS.search(found["tail"] or ""):
        return value
    one = found["one"].strip(" ?,")
    words = one.split()
    other = found["other"].strip()
    for size in range(len(words), 1, -1):  # "tm": the initials of "team manager"
        tail = words[-size:]
        initials = "".join(w[0] for w in tail).casefold()
        other = re.sub(rf"(?i)\b{initials}\b", " ".join(tail), other)
    if not _ROLE_WORDS.search(other) and not (len(other.split()) <= 2 and _ROLE_WORDS.search(one)):
        return value  # "deputy", "deputy team manager": another title; not a remark of many words
    return f"{one} (or {other})"


def without_asides(value: str) -> str:
    """A title or a name of a place without what was said around it: "cafe manager, full time (finally lol)" ->
    "cafe manager, full time"; "sous chef, but they hinted at chef de cuisine" -> "sous chef"; "GM came in for 10
    min at the end" -> "GM"; "FOM i think" -> "FOM"; "team manager i think? or deputy tm. one of the two 🤷" ->
    "team manager (or deputy team manager)". The words as typed when nothing would be left."""
    would_be = _WOULD_BE.match(value.strip())
    if would_be:  # "the one who'd be my manager": the role is what they would be
        value = would_be["role"]
    value = " ".join(_FEELING.sub(" ", value).split())
    later = _LATER_SENTENCE.search(value)
    if later and not _ROLE_WORDS.search(later["rest"]):  # "... one of the two": a remark, no title
        value = value[: later.start() + 1].rstrip(".")
    kept = _CHAT_BRACKET.sub(" ", value)
    kept = _ASIDE_CLAUSE.sub("", kept)
    kept = _DID_TAIL.sub("", kept)
    kept = _HEDGES.sub(" ", kept)
    kept = _TAIL_HEDGE.sub("", _LEAD_HEDGE.sub("", " ".join(kept.split())))
    kept = re.sub(r"\(\s*\)", " ", re.sub(r"\(\s+", "(", re.sub(r"\s+\)", ")", kept)))  # "(front desk basically)"
    kept = re.sub(r"\s+([.,;:])", r"\1", " ".join(kept.split())).strip(" ,;:-–—")
    kept = _either_title(kept)
    doubt = _OPEN_DOUBT.match(kept)
    if doubt and _ROLE_WORDS.search(doubt["one"]) and not _either_title(kept).endswith(")"):
        kept = doubt["one"].strip(" ,")
    return kept if sum(ch.isalnum() for ch in kept) >= 2 else value


@lru_cache(maxsize=1)
def _english_checker() -> SpellChecker:
    return SpellChecker()


def _all_english(text: str) -> bool:
    """Every word of a title is one the English dictionary knows, or a known job word ("HR", "CX")."""
    words = [w for w in re.findall(r"[^\W\d_]+", text.lower()) if not _ROLE_WORDS.fullmatch(w)]
    return bool(re.search(r"[^\W\d_]", text)) and not _english_checker().unknown(words)


def unknown_word(word: str) -> bool:
    """A word no English dictionary knows (a name: "Lindiwe")."""
    return bool(_english_checker().unknown([word.casefold()]))


def _none_english(text: str) -> bool:
    words = [w.lower() for w in re.findall(r"[^\W\d_]+", text) if not w.isupper()]  # "EMEA": letters, no language
    if len(words) < 2:  # one word ("Acme", "Leeds") may be a place or a team's name
        return False
    return 2 * len(_english_checker().unknown(words)) > len(words)  # "gerente de ventas": "de" is no English


def _other_script(word: str) -> bool:
    """A word with a letter of no Latin script (人, ж, ع); "Nguyễn", "Łódź" are Latin."""
    return any(ch.isalpha() and not unicodedata.name(ch, "LATIN").startswith("LATIN") for ch in word)


def one_language(value: str) -> str:
    """A title typed in two languages, the one the emails are written in kept: "kierownik zmiany (shift manager)",
    "kierownik zmiany, shift manager", "人事部 HR manager", "gerente de ventas / sales manager" -> the English one.
    A title in one language only comes back as typed."""
    latin = " ".join(w for w in value.split() if not _other_script(w)).strip(" ,;:-–—/")
    if (
        any(_other_script(w) for w in value.split()) and _ROLE_WORDS.search(latin) and _all_english(latin)
    ):  # "人事部 HR manager"
        return latin
    pair = re.fullmatch(r"(?P<a>[^()]+?)\s*\((?P<b>[^()]+)\)", value) or re.fullmatch(
        r"(?P<a>[^,;/()]+?)\s*(?:[,;/]|\s[-–—]\s)\s*(?P<b>[^,;/()]+)", value
    )
    if pair is None:
        return value
    a, b = pair["a"].strip(), pair["b"].strip()
    if _all_english(b) and _ROLE_WORDS.search(b) and _none_english(a):
        return b
    if _all_english(a) and _ROLE_WORDS.search(a) and _none_english(b):
        return a
    return value


# "hiring manager i think? or her boss is... either way": a title, then a question the user asks themselves and
# leaves open; the title said first is the one kept (another title offered instead is kept by `_either_title`)
_OPEN_DOUBT = re.compile(
    r"(?i)^(?P<one>[^?]+?)\s*\?+\s+(?P<rest>(?:or\s+)?(?:(?:her|his|their|my|the)\s+\w+\s+(?:is|was|might be|could be)\b|"
    r".*(?:\.{2,}|…|\b(?:either way|anyway|whatever|in any case|one of the two|not sure which)\b)).*)$"
)


def person_role(text: str) -> str | None:
    """An interviewer's role ("the EM" -> "engineering manager"); None when skipped ("dunno", "not sure")."""
    if means_skip(text):
        return None
    value = " ".join(clean_text(text, limit=200, what="role").split()).strip(" .!:;,")
    value = without_asides(value).strip(" .!:;,")
    # "she's the head of people, super nice": a role said as a sentence, not a remark about her
    value = re.sub(r"(?i)^(?:she|he|they)(?:'s|’s| is| are| was)\s+(?=(?:the|a|an|our|their)\s)", "", value)
    value = re.sub(r"(?i)^(?:shes|hes|theyre)\s+(?=(?:the|a|an|our|their)\s)", "", value)  # "shes the team manager"
    value = re.sub(r"(?i)\s+(?:i think|i guess|i believe|maybe|probably|i'd say|i reckon|lol|haha|tbh)$", "", value)
    value = re.sub(r"(?i)^hod\b\.?(?:\s+of)?\s*(?=\w)", "head of ", value)  # "HOD pathology": head of department
    value = re.sub(r"(?i)^hod\.?$", "head of department", value)
    value = re.sub(  # "hiring mgr": the short forms of job words, written out as the role question writes them
        r"(?i)\b(mgr|mngr|asst|coord|supv)\b\.?",
        lambda m: {
            "mgr": "manager",
            "mngr": "manager",
            "asst": "assistant",
            "coord": "coordinator",
            "supv": "supervisor",
        }[m.group(1).lower()],
        value,
    )
    runs = re.match(
        r"(?i)^(?:she|he|they)\s+(?:runs|manages|leads|heads(?: up)?|is in charge of|oversees)\s+(?:the\s+)?"
        r"(?:whole\s+|entire\s+)?(?P<what>.+)$",
        value,
    )
    if runs:  # "she runs the whole data team": the head of it
        value = f"head of the {runs['what']}"
    sides = [side.strip() for side in re.split(r"\s*(?:=|==|->|=>)\s*", value) if side.strip()]
    if (
        len(sides) == 2
    ):  # "kierownik zmiany = shift manager": the role and its translation, keep the one in words we know
        known = [side for side in sides if _ROLE_WORDS.search(side)]
        value = known[-1] if known else sides[-1]
    said = [part for part in re.split(r"\s*[,;]\s*|\s+[-–—]\s+", value) if part]
    if any(means_skip(part) for part in said) and not _ROLE_WORDS.search(value):
        return None  # "not sure, she was taking notes mostly": no role, and why
    if any(means_skip(part) for part in said) and all(means_skip(part) or _REMARK.match(part) for part in said):
        return None  # "no clue, she was just introduced as "from ops"": no role, and a remark
    kept = [part for part in said if not _REMARK.match(part)]
    if kept and len(kept) < len(re.split(r"\s*[,;]\s*|\s+[-–—]\s+", value)):  # "Head of Design, he'd be my boss"
        value = ", ".join(kept)
    value = one_language(value)
    value = re.sub(r"(?i)^(?:also|and|plus|too)\s+(?=\S)", "", value)  # "yes, also a junior partner, Lerato Dlamini"
    # "ella es la gerente de mercadeo", "ele é o diretor": "she's the ..." in Spanish, Portuguese, French, German
    value = re.sub(
        r"(?i)^(?:ella|él|el|ele|ela|elle|il|sie|er)\s+(?:es|era|é|est|ist|war)\s+(?:la|el|una|un|a|o|uma|um|le|une|die|der|eine|ein)\s+",
        "",
        value,
    )
    value = re.sub(r"^(?:(?:she|he|they)(?:'s| is| are)\s+)?(?:the|a|an|our|their)\s+", "", value, flags=re.I)
    value = re.sub(r"(?i)^(?:some(?:one|body)|a (?:guy|man|woman|lady|person)) from\s+(?:the\s+)?(?=\S)", "", value)
    return _ROLE_ABBREVIATIONS.get(value.lower(), value)


def _line_phone(raw: str, ctx: Context, hints: tuple[str, ...]) -> str | None:
    """A number typed beside an email address: when it is a number of the user's country and of the address's
    country too, the address's (it is that person's number)."""
    readings = phone_readings(raw, ctx.region, hints)
    if len(readings) > 1:
        return next((n for n in readings if phone_region(n) in hints), readings[0])
    found = read_phone(raw, ctx.region, hints)
    if found is None and ctx.region and not _valid_here(raw, ctx.region):
        elsewhere = readings_elsewhere(raw, ctx.region)
        return elsewhere[0] if len(elsewhere) == 1 else None  # one other country writes it so (said back)
    return found


def _valid_here(raw: str, region: str) -> bool:
    try:
        return phonenumbers.is_valid_number(phonenumbers.parse(raw, region))
    except phonenumbers.NumberParseException:
        return False


def _numbers(text: str, ctx: Context, hints: tuple[str, ...] = ()) -> list[str]:
    """The phone numbers in a line as typed (phonenumbers' matcher, for the user's country and the ones the line
    points to; seven digits or more)."""
    found: list[str] = []
    for where in dict.fromkeys((ctx.region or "ZZ", *hints)):
        matcher = phonenumbers.PhoneNumberMatcher(text, where, leniency=phonenumbers.Leniency.POSSIBLE)
        found += [m.raw_string for m in matcher if sum(ch.isdigit() for ch in m.raw_string) >= 7]
    return list(dict.fromkeys(found))


def phone_country(e164: str | None) -> str | None:
    """The country a stored number belongs to (ISO code), to say back one read for another country."""
    return phone_region(e164) if e164 else None


def contact_details(text: str, ctx: Context) -> tuple[dict[str, str], str]:
    """The email address and phone number in an answer to another of the person's questions ("wang.fang@x.cn" typed
    where the role was asked), and what is left of the answer without them."""
    found: dict[str, str] = {}
    mails, rest = _emails(text)
    if len(mails) == 1:
        found["person_email"] = mails[0]
    hints = tuple(r for r in (region_of_email(mails[0] if mails else None),) if r)
    numbers = [n for n in _numbers(rest, ctx) if _line_phone(n, ctx, hints)]
    if len(numbers) == 1:
        found["person_phone"] = str(_line_phone(numbers[0], ctx, hints))
        rest = rest.replace(numbers[0], " ")
    if not found:
        return found, text
    return found, " ".join(_FILLER.sub(" ", rest).split()).strip(" ,;:|-–—/")


def role_not_greeting(text: str, options: Sequence[str]) -> bool:
    """An answer to "how should the email greet them?" that is their role ("Hiring manager", "the HR lead"): a job
    word, no title, and none of the names offered."""
    words = {w.strip(".,").casefold() for w in text.split()}
    offered = {w.strip(".,").casefold() for option in options for w in option.split()}
    titled = bool(words & {t.rstrip(".") for t in _TITLES_BARE})
    return bool(_ROLE_WORDS.search(text)) and not titled and not (words & offered) and len(text.split()) <= 8


def email(text: str) -> str | None:
    """An email address, also out of a sentence ("her email is maria@x.com", "<maria@x.com>")."""
    found, _ = _emails(text)
    if len(found) == 1:
        return found[0]
    if len(found) > 1:
        raise Invalid("That has more than one email address; give me one, for this person.")
    typed = [word.strip("<>()[]{},;:\"'.?!") for word in text.split() if "@" in word]
    if not typed and later_only(text):
        return None  # "she'll send it later": no address yet (the chat goes on without one)
    if not typed:
        spoken = _spoken_email(text)  # "tunde dot adeyemi at giglogistics dot com"
        if spoken is not None:
            return spoken
    if len(typed) == 1 and "," in typed[0].partition("@")[2]:  # "ravi.kumar@apollohospitals,com": a slip of the thumb
        try:
            fixed = check_email(typed[0].replace(",", "."))
        except Invalid:
            pass
        else:
            raise Invalid(texts.EMAIL_COMMA.format(fixed=fixed))
    return check_email(typed[0] if len(typed) == 1 else text)


_GUESSED = re.compile(
    r"(?i)\b(?:i think|i guess|i reckon|i assume|probably|probs|prob|prolly|maybe|guessing|my guess|a guess|"
    r"presumably|should be|must be|would be|might be|not sure|if i had to guess|firstname|first\.?name|lastname|"
    r"last\.?name|the usual (?:format|pattern))\b|\?"
)


def guessed_email(text: str) -> bool:
    """An address said as a guess ("its firstname.lastname@ i think so jane.doe@kpmg.co.za probably", "maybe
    j.doe@x.com?"), not one the person gave."""
    outside = re.sub(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", " ", text)
    return bool(_GUESSED.search(outside))


# What shows an answer means to be an address (a slip to point out, once): an "@", a domain ("maria.gmail.com"), an
# address said in words ("at x dot com") or a mail provider's name.
_EMAIL_LIKE = re.compile(
    r"(?i)@|[^\s.]\.[a-z]{2,}\b|\bdot\s+(?:com|org|net|co|edu|gov|io)\b|\((?:at|dot)\)|\[(?:at|dot)\]|"
    r"\b(?:gmail|hotmail|yahoo|outlook|icloud|proton(?:mail)?|live|aol|gmx|yandex|mail\.ru)\b"
)


# What an answer that has no address to give speaks of: not having it, getting it later or elsewhere.
_NO_ADDRESS = re.compile(
    r"(?i)\b(?:no|not|never|none|nope|nah|didn'?t|didnt|don'?t|dont|doesn'?t|doesnt|haven'?t|havent|hasn'?t|hasnt|"
    r"without|n/?a|later|ask|get|find|check|will|'ll|linkedin|recruiter|agency|hr|portal|website|card|one|it|email|"
    r"e-mail|mail|address|contact|whatsapp|dm|phone|number)\b"
)


# An address typed only up to its "@" ("dev.patel@...", "jess@??"): the user does not have the rest.
_CUT_ADDRESS = re.compile(r"[\w.+-]+@(?:[.…?_*-]*)(?=[\s,;]|$)")
_NOT_KNOWN = re.compile(
    r"(?i)\b(?:idk|dunno|no idea|not sure|unsure|forgot|forget|can'?t remember|cant remember|don'?t (?:know|remember)|"
    r"dont (?:know|remember)|the rest|something|smth|sth|or so|no sé|no se|não sei|nao sei|weiß nicht)\b|\?"
)


def says_no_address(text: str) -> bool:
    """ "he never gave me his email", "will get it from the recruiter", "only got her on linkedin": an answer at the
    email question that has no address to give (not one that tries to be an address: "maria.gmail.com"); and an
    address cut off at its "@" by someone who does not know the rest ("dev.patel@... idk the rest")."""
    said = text.replace("’", "'")
    if _CUT_ADDRESS.search(said) and _NOT_KNOWN.search(_CUT_ADDRESS.sub(" ", said)):
        return True
    return not _EMAIL_LIKE.search(text) and bool(_NO_ADDRESS.search(said))


# "not hers, only the general one: reservas@...", "no personal one, just info@x.com": the address given is a shared
# inbox (the company's, a team's), not the person's own.
_NOT_THEIRS = re.compile(
    r"(?i)\b(?:(?:don'?t|dont|do not|didn'?t|didnt)\s+(?:have|get|got)\s+(?:hers|his|theirs|hers|her own|his own|their own|"
    r"her personal|his personal|a personal)|haven'?t got (?:hers|his|theirs)|no personal|not (?:hers|his|theirs|her own|"
    r"his own)|no (?:tengo|tenho) (?:el|la|o|a) (?:suyo|suya|dela|dele)|n[aã]o tenho o (?:dela|dele)|"
    r"no (?:tengo|tenho) (?:su|el suyo|la suya))"
)
_SHARED_WORDS = re.compile(
    r"(?i)\b(?:general|generic|geral|genérico|generico|shared|main|office|company|team|front desk|reception|inbox|"
    r"department|dept)\b"
)


def shared_inbox(text: str) -> bool:
    """An address the user says is not the person's own but a shared inbox ("nao tenho o dela, so o geral
    reservas@x.example", "don't have his, only the office one office@x.com")."""
    found, rest = _emails(text)
    return bool(found) and bool(_NOT_THEIRS.search(rest)) and bool(_SHARED_WORDS.search(rest))


_SPOKEN_AT = re.compile(r"(?i)\s*(?:\s|\[|\()(?:at)(?:\s|\]|\))\s*")
_SPOKEN_DOT = re.compile(r"(?i)\s*(?:\s|\[|\()(?:dot|period)(?:\s|\]|\))\s*")
# "mike underscore t", "r dash sharma", "jo hyphen li": the other signs of an address said in words
_SIGNS = {"underscore": "_", "under score": "_", "dash": "-", "hyphen": "-", "minus": "-"}
_SPOKEN_SIGN = re.compile(r"(?i)\s*(?:\s|\[|\()(?P<word>underscore|under score|dash|hyphen|minus)(?:\s|\]|\))\s*")


def _spoken_email(text: str) -> str | None:
    """An address said in words ("tunde dot adeyemi at giglogistics dot com", "jo [at] x [dot] org"), when it then
    reads as one valid address; None otherwise."""
    value = f" {text.strip()} "
    if len(_SPOKEN_AT.findall(value)) != 1:
        return None
    domain = _SPOKEN_AT.split(value)[-1]
    if not _SPOKEN_DOT.search(domain + " ") and "." not in domain:  # "jo(at)x.org", "jo at x dot org"
        return None
    joined = _SPOKEN_DOT.sub(".", _SPOKEN_AT.sub("@", value)).strip()
    joined = _SPOKEN_SIGN.sub(lambda m: _SIGNS[m["word"].casefold().replace(" ", "")], f" {joined} ").strip()
    if " " in joined:
        return None
    try:
        return check_email(joined)
    except Invalid:
        return None


class PhoneChoice(Invalid):
    """A number typed without its country code that is a number in the user's country and in the person's too:
    which one is asked (the chat offers a button each; a form says so)."""

    def __init__(self, numbers: list[str]) -> None:
        self.numbers = numbers
        said = " or ".join(f"{format_phone(n)} ({country_name(phone_region(n))})" for n in numbers)
        super().__init__(texts.PHONE_WHICH.format(numbers=said))


# A label typed before a number ("mob", "office", "work"): said with the note of the other number, not stored alone.
_PHONE_LABEL = re.compile(
    r"(?i)\b(?:mob(?:ile)?|cell(?:phone)?|m|personal|office|work|desk|landline|home|direct|switchboard|tel|t|ph(?:one)?)"
    r"\s*[:.]?\s*$"
)
_MOBILE_LABEL = re.compile(r"(?i)\b(?:mob(?:ile)?|cell(?:phone)?|m|personal)\s*[:.]?\s*$")
_EXTENSION = re.compile(r"(?i)^\s*(?:ext\.?|extension|x)\s*(\d{1,6})")


# What is typed right after a number in a line about a person and belongs to it: an extension, a note in brackets.
_NOTE_AFTER_NUMBER = re.compile(r"(?i)\s*(?:(?:ext\.?|extension|x)\s*(?P<ext>\d{1,6})\b|\((?P<note>[^)]{1,60})\))")


def phone_and_note(text: str, ctx: Context, email: str | None = None) -> tuple[str, str | None]:
    """A phone number (as `phone` reads it) and what was typed beside it, kept as a note: an extension ("+353 1 555
    0100 ext. 214" -> "ext. 214"), a remark ("07700 900123 (whatsapp only)" -> "WhatsApp only"), another number
    ("office 0161 496 0000, mob 07700 900456": the mobile is the number, "office +44 161 496 0000" the note)."""
    region = ctx.region or "ZZ"
    matches = list(phonenumbers.PhoneNumberMatcher(text, region, leniency=phonenumbers.Leniency.POSSIBLE))
    if not matches:
        return phone(text, ctx, email), None
    if len(matches) == 1 and matches[0].raw_string.strip() == text.strip():
        extension = matches[0].number.extension
        return phone(text, ctx, email), f"ext. {extension}" if extension else None
    label = {id(m): _PHONE_LABEL.search(text[: m.start]) for m in matches}
    mobile = [
        m
        for m in matches
        if _MOBILE_LABEL.search(text[: m.start])
        or phonenumbers.number_type(m.number) == phonenumbers.PhoneNumberType.MOBILE
    ]
    chosen = (mobile or matches)[0]
    number = phone(chosen.raw_string, ctx, email)
    notes = []
    cut = [(chosen.start, chosen.end)]
    found_label = label[id(chosen)]
    if found_label and not any(found_label.start() < m.end <= chosen.start for m in matches if m is not chosen):
        cut = [(found_label.start(), chosen.end)]  # "mob 07700 900456": the label goes with its number
    if chosen.number.extension:
        notes.append(f"ext. {chosen.number.extension}")
    else:
        extension = _EXTENSION.match(text[chosen.end :])
        if extension:
            notes.append(f"ext. {extension.group(1)}")
            cut = [(cut[0][0], chosen.end + extension.end())]
    rest = text[: cut[0][0]] + " " + text[cut[0][1] :]
    for other in (m for m in matches if m is not chosen):
        formatted = phonenumbers.format_number(other.number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
        rest = rest.replace(other.raw_string, formatted)
    rest = re.sub(r"[()\[\]]", " ", rest)
    rest = " ".join(rest.split()).strip(" ,;:-–—/.")
    if rest and re.search(r"[^\W_]", rest):
        notes.append(rest)
    return number, "; ".join(notes) or None


def phone(text: str, ctx: Context, email: str | None = None) -> str:
    """A phone number read for the user's country (07911 123456 in London), else for the country of the person's
    email domain (030 12345678 for someone at a .de address), stored in E.164; a number of both is asked about."""
    region = ctx.region
    hints = tuple(r for r in (region_of_email(email),) if r)
    matches = list(phonenumbers.PhoneNumberMatcher(text, region or "ZZ", leniency=phonenumbers.Leniency.POSSIBLE))
    said = matches[0].raw_string if len(matches) == 1 and matches[0].raw_string.strip() != text.strip() else text
    readings = phone_readings(said, region, hints)
    if len(readings) > 1:
        raise PhoneChoice(readings)
    found = read_phone(said, region, hints)
    if found is not None:
        return found
    try:
        return check_phone(said, region)
    except Invalid:
        elsewhere = readings_elsewhere(said, region) if region else []
        if len(elsewhere) == 1:  # "07911 123456" typed in Bogotá: a UK number (the chat says so)
            return elsewhere[0]
        if 1 < len(elsewhere) <= 3:  # a number of a few other countries: which one is asked, a button each
            raise PhoneChoice(elsewhere) from None
        if region and not said.strip().startswith("+") and sum(ch.isdigit() for ch in said) >= 7:
            raise Invalid(texts.PHONE_NOT_HERE.format(typed=shorten(said, 40), country=country_name(region))) from None
        if region is None and not text.strip().startswith("+"):
            raise Invalid(
                f"I can't tell which country “{shorten(text, 40)}” is in: please add the country code "
                "(e.g. +44 7911 123456), set your country in /settings, or /skip."
            ) from None
        raise


_PERSON_CLAUSES = (
    # "she's the EM", "he is a recruiter", "who's the hiring manager"
    re.compile(
        r"(?:^|,|\band\b|\bwho|\s)\s*(?:she|he|they|who)(?:'s|’s| is| are| was|s(?=\s))\s+(?:the\s+|a\s+|an\s+|our\s+|their\s+)?"
        r"(?P<role>[^,.;()<>|]+)",
        re.I,
    ),
    re.compile(r"(?:her|his|their)\s+(?:role|title|job)\s+is\s+(?:the\s+|a\s+|an\s+)?(?P<role>[^,.;()<>|]+)", re.I),
)
_NAME_LEADS = re.compile(
    r"(?<!\w)(?:(?:some|a|this|the|one|an)\s+)?(?:guy|man|woman|lady|girl|bloke|dude|person|fella|chap|gentleman|oke|ou|"
    r"lad|fellow|gal|chick|aunty|auntie)\s+"
    r"(?:called|named|by the name of)\s+|(?<!\w)(?:talked|spoke|met|chatted|interviewed)\s+(?:to|with)?\s*|(?:was|were)\s+with\s+|interviewed\s+by\s+|"
    r"(?:my\s+|the\s+|first\s+|second\s+|next\s+|other\s+)*(?:interviewer|person|one|contact)\s+(?:was|is)\s+|"
    r"(?:her|his|their)\s+name\s+(?:is|was)\s+|^(?:yes|yeah|yep|yup|yea|oh|and|tak|sí|si|sim|ja|oui|da|haan|oo|ndiyo|ewe)\b[,!.]?\s*|(?:it\s+was|this\s+is|i'm|i am|then|and|also|también|tambien|também|tambem|aussi|auch)\s+|^with\s+|^by\s+",
    re.I,
)
_FILLER = re.compile(
    r"\b(?:her|his|their)\s+(?:email|e-mail|mail|address|phone|number|mobile|cell)(?:\s+(?:is|was))?\b|"
    r"\b(?:email|e-mail|mail|phone|tel|mobile|cell)\s*(?::|is\b)|\b(?:reach (?:her|him|them) at|at)\s*$",
    re.I,
)
# What separates a person's parts when typed on one line: commas, semicolons, dashes and bars between words,
# brackets ("Prof. Alan Reid (Dean of Engineering)"), " at " never (it belongs to a role: "CTO at Zeta").
_SEPARATORS = re.compile(r"\s*(?:[,;|()\[\]<>]|\s[-–—/]+\s|\s[-–—]+|[-–—]+\s)\s*")
_SENTENCE_END = re.compile(r"(\S+)\.(?=\s)")  # "Sato-san. I don't know ..." (not "Dr. ", "Prof. ")
_REMARK = re.compile(
    r"(?i)^(?:(?:super|very|really|so|quite|pretty|v)\s+)?(?:nice|lovely|friendly|great|cool|kind|chill|sweet|intense|"
    r"scary|tough|strict|funny|helpful|warm|cold|serious|easygoing|easy going)\b(?:\s+(?:tbh|lol|too|though))*$|"
    r"^(?:i|i'm|im|i've|i'd|he'd|she'd|they'd|hes|shes|he's|she's|they're|it's|its|not sure|no idea|dunno|idk|"
    r"(?:she|he|they)\s+(?:was|were|is|are|seemed|came|sat)|"
    r"for like|for about|for half|for part)\b|"
    r"^there (?:was|were|is) (?:also |another |one more |a )?(?:\w+ ){0,2}?(?:woman|man|lady|guy|person|one)"
    r"(?: there| too| as well)*$"
)
_TITLES = {
    "dr",
    "dr.",
    "prof",
    "prof.",
    "professor",
    "mr",
    "mr.",
    "mrs",
    "mrs.",
    "ms",
    "ms.",
    "mx",
    "mx.",
    "sir",
    "dame",
}


_TITLES_BARE = {title.rstrip(".") for title in _TITLES} | {"eng", "engr", "st", "jr", "sr", "mt"}


# Titles beyond the usual ones come from nameparser's own list (its titles: "sr", "sra" and hundreds more, with ours,
# bot/common/names.py): a word of it written with its abbreviation dot and a capital ("Adv.", "Sra.") is a title,
# never a job or the end of a sentence.
_DEGREE_TITLES = names.DEGREE_TITLES


def _is_title(word: str) -> bool:
    bare = word.rstrip(".").lower()
    head = bare.split(".-")[0].split("-")[0]  # "Dr.-Ing.": a doctor's title with its field
    if head in {"dr", "prof"} or bare in {"pharm", "arch", "atty"}:
        return True
    if word.endswith(".") and bare in _DEGREE_TITLES:  # "dra. ana beatriz", typed in lower case
        return True
    return bare in _TITLES_BARE or (word.endswith(".") and word[:1].isupper() and bare in names.NAME_WORDS.titles)


# A title typed in brackets beside a name ("pharm. (dr) olumide adeyemi-cole"): a title, not a separate part.
_BRACKET_TITLE = re.compile(r"(?i)\(\s*(dr|prof|professor)\.?\s*\)")


# Two titles, one in brackets ("Dr. (Mrs.)", "Mrs. (Dr.)", "Prof. (Mr.)"): one person's, the greeting takes one.
_TWO_TITLES = re.compile(r"(?<![\w.])(?P<a>[^\W\d_][\w.-]*)\s*\(\s*(?P<b>[^\W\d_][\w.-]*)\s*\)(?=\s)")


def _one_title(found: re.Match) -> str:
    a, b = found["a"], found["b"]
    if not (_is_title(a) and _is_title(b)):
        return found.group(0)
    academic = [t for t in (a, b) if t.rstrip(".").lower().split(".-")[0] in {"dr", "prof", "professor"}]
    return (academic or [a])[0]


_ARTICLE_TITLE = re.compile(r"(?i)(?:^|(?<=[,;]\s))(?:la|el|le|the|o|a|die|der)\s+(?=\w+\.\s)")


_DEPARTMENT = re.compile(
    r"(?<=[^\W\d_])\s+(?:de la|de|del|da|do|from|of|von|van|fra|från|aus|di)\s+(?P<team>[A-Z]{2,4})(?=\s*(?:[,;]|$))"
)


def _emails(text: str) -> tuple[list[str], str]:
    """The email addresses in a line (each word with an "@" checked by email-validator), and the line without them."""
    found: list[str] = []
    kept: list[str] = []
    for word in re.split(r"(\s+)", text):
        core = word.strip("<>()[]{},;:\"'.?!")
        if "@" in core:
            try:
                found.append(check_email(core.removeprefix("mailto:")))
                word = word.replace(core, " ")
            except Invalid:
                pass
        kept.append(word)
    rest = re.sub(r"[<(\[{]\s*[>)\]}]", " ", "".join(kept))  # the brackets an address stood in
    return found, rest


# "two of them - ...", "there were 3:", "a panel of three:": how many, before the people themselves.
_HOW_MANY = re.compile(
    r"(?i)^(?:(?:there\s+(?:were|was)\s+)?(?:two|three|four|2|3|4)(?:\s+of\s+them|\s+people|\s+interviewers)?|"
    r"a\s+panel\s+of\s+\w+)\s*(?:[-–—:,]+\s*|\s+)"
)
# A person said without a name: "a lady from HR, didnt catch her name", "a medic whose name i forgot".
_UNNAMED = re.compile(
    r"(?i)^(?:a|an|another|some|one|the other|also a|also an)\s+(?:(?!name)\S+\s+){0,6}?(?:\S+)(?:.*\bname\b.*)?$"
)


# A person whose name was not caught: "didnt catch her name, the HR lady", "some guy from ops". The chat notes them
# by the words the user knows them by ("the HR lady") rather than asking for a name the user does not have.
_NOT_CAUGHT = re.compile(
    r"(?i)[\s,;.!-]*\b(?:(?:i|we)\s+)?(?:don'?t|dont|do not|can'?t|cant|cannot|didn'?t|didnt|did not|never)\s+(?:remember|"
    r"recall|know|catch|get|hear|got|ask)\s+(?:her|his|their|the|a)\s+names?\b|[\s,;.!-]*\b(?:(?:i|we)\s+)?(?:forgot|forget|"
    r"forgotten)\s+(?:her|his|their|the)\s+names?\b|[\s,;.!-]*\b(?:no|without a)\s+name(?:\s+given)?\b|"
    r"[\s,;.!-]*\bname\s+(?:unknown|not given|forgotten|\?+)|"
    r"[\s,;.!-]*\b(?:dunno|idk|no idea of|not sure of)\s+(?:her|his|their|the)\s+names?\b"
)
_PERSON_NOUN = (
    r"guy|lady|woman|man|bloke|dude|person|fella|fellow|gentleman|gent|girl|chap|oke|lad|gal|chick|someone|somebody"
)
_DESCRIBED_PERSON = re.compile(
    rf"(?i)^(?:(?:ja|ya|yes|yeah|yep|yup|also|and|plus|oh|there was|there were|it was|just)\s+)*(?:the|a|an|some|this|that|"
    rf"one)\s+(?P<who>(?:[\w&'’-]+\s+){{0,2}}(?:{_PERSON_NOUN})(?:\s+(?:from|in|of|at|on|who runs|running|doing)\s+"
    rf"(?:the\s+)?[\w&'’-]+(?:\s+[\w&'’-]+){{0,2}})?|(?:[\w&'’-]+\s+){{0,3}}[\w&'’-]+)$"
)


_NAME_UNKNOWN = re.compile(
    r"(?:(?:no|nope|nah|sorry|honestly|tbh)\s+)*(?:i\s+)?(?:don'?t|dont|do not|didn'?t|didnt|did not|never|can'?t|cant)\s+"
    r"(?:know|catch|get|remember|recall|hear|ask)(?:\s+(?:it|that|one|(?:her|his|their|the)\s+names?))?"
    r"(?:\s+(?:sorry|tbh|honestly|unfortunately))*|(?:i\s+)?(?:forgot|forget)(?:\s+(?:it|(?:her|his|their|the)\s+names?))?|"
    r"(?:no idea|dunno|idk|not sure|unknown|no clue|no name|no name given|not given)(?:\s+(?:of\s+)?(?:it|(?:her|his|their|the)"
    r"\s+names?))?"
)


def says_name_unknown(text: str) -> bool:
    """ "..., didnt get his name": the line says the name was not caught (with or without who it was)."""
    return bool(_NOT_CAUGHT.search(" ".join(text.split())))


def name_not_known(text: str) -> bool:
    """ "didn't catch it", "no idea", "forgot his name": at a name question, the name is not known. A plain "no"
    ("nothing", "none", "no one else", "nope that's it") is not: it says there is nobody more (`no_one_more`)."""
    said = " ".join(re.sub(r"[^\w\s']", " ", text.casefold().replace("’", "'")).split())
    if not said:
        return False
    return bool(_NAME_UNKNOWN.fullmatch(said)) or (means_skip(text) and not no_one_more(text))


def no_one_more(text: str) -> bool:
    """ "nothing", "none", "no one else", "nope that's it" typed where the next person's name is asked: the list is
    complete, as "That's everyone" says; "didn't catch her name", "dunno", "no idea" are a person not named."""
    said = " ".join(re.sub(r"[^\w\s']", " ", text.casefold().replace("’", "'")).split())
    return bool(said) and not _NAME_UNKNOWN.fullmatch(said) and not says_name_unknown(text) and means_no_more(text)


def unnamed_role(placeholder: str) -> str | None:
    """The role inside the words an unnamed person is known by: "the HR lady" -> "HR", "the guy from ops" -> "ops",
    "the finance director" -> "finance director"; None when they say none ("the tall guy")."""
    words = re.sub(
        rf"(?i)^(?:the|el|la|o|a|der|die|le)\s+|\b(?:{_PERSON_NOUN})\b|\b(?:from|in|of|at|on|who runs|running|doing|the)\b",
        " ",
        placeholder,
    )
    words = " ".join(words.split())
    return words if words and _ROLE_WORDS.search(words) else None


def unnamed_person(text: str) -> str | None:
    """The words a person whose name was not caught is known by: "didnt catch her name, the HR lady" -> "the HR
    lady", "some guy from ops" -> "the guy from ops"; None when the answer gives a name (or is no such line)."""
    said = " ".join(text.split()).strip(" .!")
    not_caught = _NOT_CAUGHT.search(said)
    rest = _NOT_CAUGHT.sub(" ", said) if not_caught else said
    rest = " ".join(re.sub(r"[()]", " ", rest).split()).strip(" ,;:.!-–—")
    described = _DESCRIBED_PERSON.match(rest)
    if described is None or len(rest.split()) > 8:
        return None
    who = described["who"]
    if not not_caught and not re.search(rf"(?i)\b(?:{_PERSON_NOUN})\b", who):
        return None  # "the recruiter" alone is a role answer, not a person the user could not name
    if any(w[:1].isupper() and not (w.isupper() and len(w) <= 5) for w in who.split()):
        return None  # a capitalised word may be the name ("the guy called Dev" is read as Dev)
    if re.search(r"(?i)\b(?:called|named|name is)\b", who):
        return None
    return f"the {who}"


_NAME_FORGOTTEN = re.compile(
    r"(?i)(?:\b(?:honestly|tbh|ngl|sorry|lol)\s+)*\bi\s+(?:don'?t|do not|can'?t|cannot|didn'?t|did not)\s+(?:remember|recall|"
    r"know|catch|get)\s+(?:her|his|their|the)\s+name\b[^\w,;]*|\b(?:i\s+)?(?:forgot|forget)\s+(?:her|his|their|the)\s+name\b[^\w,;]*"
)
# Titles written after a name in Japanese and Chinese ("鈴木 部長", "王 经理"): the person's role.
_CJK_TITLE = re.compile(
    r"(?<=\S)\s*((?:人事)?(?:部長|課長|社長|係長|主任|次長|室長|店長|所長|取締役|専務|常務|会長|副社長|部長代理|本部長|"
    r"经理|總經理|总经理|主管|总监|總監|董事长|董事長|主任))(?=\s|$|[()（）,，])"
)


def _latin(part: str) -> bool:
    return any(ch.isascii() and ch.isalpha() for ch in part)


def first_of_several(text: str) -> str:
    """The first person of a line that names several, when the others are not named ("some oke called sipho and a
    lady from HR, didnt catch her name", "two of them - Dave Kowalczyk the ops supervisor and a medic whose name i
    forgot"): the chat asks about the others at "anyone else?". A line with one person comes back as it was."""
    counted = _HOW_MANY.match(text)
    said = text[counted.end() :] if counted and len(text) > counted.end() else text
    pieces = re.split(r"\s*,?\s+(?:and|&|plus)\s+(?=(?:a|an|another|some|one|the other|also)\b)", said, flags=re.I)
    if len(pieces) >= 2 and all(_unnamed(piece) for piece in pieces[1:]):
        return pieces[0]
    return said if counted and said is not text and not _unnamed(said) else text


# "and" between two people in the languages people fall back to: Spanish, Portuguese/Italian, Norwegian/Danish,
# German, French, Swedish, Turkish
_AND_PERSON = re.compile(r"(?i)\s*,?\s+(?:and|plus|&|\+|y|e|og|und|et|och|ve)\s+")
# The words around a person's name and role that are neither ("sarah from hr", "her manager tom", "el gerente de
# planta"): possessives, articles and the little words that tie a team to a person.
_PERSON_GLUE = {
    "her", "his", "their", "my", "our", "the", "a", "an", "el", "la", "los", "las", "der", "die", "das", "le", "o",
    "from", "of", "in", "at", "de", "del", "da", "do", "fra", "från", "von", "van", "aus", "du", "di", "who", "is",
    "was", "also", "too", "she's", "he's", "she", "he", "manager's", "boss's", "plant", "planta", "site", "store",
}  # fmt: skip


def _person_piece(piece: str, first: bool) -> tuple[str, str] | None:
    """One part of a line that names several people: (how to read it, what it names) when it is a person: a name
    (capitals, or a lower-case word beside a role or team: "sarah from hr", "her manager tom"), or, after the first,
    a person by role alone ("el gerente de planta", "the owner, Dr Walsh"); None when it is not one."""
    words = piece.split()
    if not words or len(words) > 6:
        return None
    capitals = [w for w in words if w[:1].isupper() and w.strip(".,()").isalpha() and not w.isupper()]
    roles = [w for w in words if _ROLE_WORDS.fullmatch(w.strip(".,()"))]
    glue = {w.casefold().strip(".,()") for w in words} & _PERSON_GLUE
    if capitals:
        return piece, piece
    left = [
        w.strip(".,()")
        for w in words
        if w.casefold().strip(".,()") not in _PERSON_GLUE
        and not _ROLE_WORDS.fullmatch(w.strip(".,()"))
        and not _is_title(w)
    ]
    if (roles or glue) and len(left) == 1 and left[0].isalpha() and len(left[0]) > 1:  # "her manager tom"
        name = left[0].capitalize()
        role = " ".join(w for w in words if w.strip(".,()") != left[0] and w.casefold() not in _PERSON_GLUE)
        return (f"{name} ({role})" if role and words[0].casefold() in _PERSON_GLUE else piece), name
    if not first and roles and re.match(r"(?i)(?:the|her|his|their|el|la|o|a|der|die|le)\s", piece):
        return piece, piece  # "el gerente de planta": a person by role, whose name the chat asks
    return None


def by_role_only(piece: str) -> bool:
    """ "el gerente de planta", "the owner": a person named by their role alone (a piece of `several_people`), whose
    name the chat asks rather than reading a name out of the words."""
    words = piece.split()
    if not words or any(w[:1].isupper() and w.strip(".,()").isalpha() and not w.isupper() for w in words[1:]):
        return False
    left = [
        w
        for w in words
        if w.casefold().strip(".,()") not in _PERSON_GLUE and not _ROLE_WORDS.fullmatch(w.strip(".,()"))
    ]
    return not left and words[0].casefold() in _PERSON_GLUE


# A clause about the people just named, led by a pronoun: "she's the manager", "ella es la gerente", "él no sé"
_PRONOUN_IS = re.compile(
    r"(?i)^(?:she|he|they|ella|él|el|ele|ela|elle|il|sie|er)(?:'s|’s|\s+(?:is|was|es|era|é|est|ist|war))?\s+"
)
_SAID_OF_THEM = re.compile(
    r"(?i),\s*(?:she|he|ella|él|ele|ela|elle|il|sie|er)(?:'s|’s|\s+(?:is|was|es|era|é|est|ist|war|no|not|don'?t|dunno))\b"
)


def named_only(piece: str) -> str:
    """A piece of `several_people` without what was said of the person after it ("Ana Restrepo, ella es la
    gerente" -> "Ana Restrepo")."""
    said = _SAID_OF_THEM.search(piece)
    return piece[: said.start()] if said and said.start() > 0 else piece


def several_people(text: str) -> list[str]:
    """A line that names two people or more ("Maria from HR and her boss Tom", "Dave Kowalczyk and Priya Shah",
    "sarah from hr and her manager tom", "Lic. Jorge Treviño de RH y el gerente de planta", "Kari Nordmann og Ole
    Hansen fra HR"): one piece per person, each as the chat reads it ("Tom (manager)"); a line with one person (or
    an address, which belongs to one) comes back whole, as one piece."""
    if "@" in text or "\n" in text:
        return [text]
    said = _SAID_OF_THEM.search(text)
    if said and said.start() > 0:  # "Ana Restrepo y Felipe Gómez, ella es la gerente, él no sé": the names, then
        names_said = several_people(text[: said.start()])  # what is said of them; a title goes to the first one
        titles = [c.strip() for c in re.split(r"\s*[,;]\s*", text[said.start() :].strip(" ,;")) if c.strip()]
        titles = [c for c in titles if _ROLE_WORDS.search(c) and not means_skip(_PRONOUN_IS.sub("", c))]
        if len(names_said) > 1:  # each title to the one named in its place ("she's the HM, he's the tech lead")
            return [f"{n}, {titles[i]}" if i < len(titles) else n for i, n in enumerate(names_said)]
        return [text]
    pieces = [p.strip(" ,") for p in _AND_PERSON.split(text) if p.strip(" ,")]
    if len(pieces) < 2 or any(_unnamed(piece) for piece in pieces):
        return [text]
    joined = [m.group(0).strip(" ,").casefold() for m in _AND_PERSON.finditer(text)]
    if any(j in {"y", "e"} and len(piece.split()) < 2 for j, piece in zip(joined, pieces[1:], strict=False)):
        return [text]  # "Ana Paula e Silva", "Ortega y Gasset": one person's family names
    read = [_person_piece(piece, n == 0) for n, piece in enumerate(pieces)]
    if any(r is None for r in read):
        return [text]
    return [r[0] for r in read if r is not None]


def _unnamed(piece: str) -> bool:
    capitals = [w for w in piece.split()[1:] if w[:1].isupper() and not (w.isupper() and len(w) <= 4)]
    return bool(_UNNAMED.match(piece)) and not capitals


_EXTENSION_ALONE = re.compile(r"(?i)(?:^|[\s,;(])(?:ext\.?|extn\.?|extension|x)\s*(?P<ext>\d{2,6})\b\)?")
_TITLED_SURNAME = re.compile(r"(?i)^(?P<title>mr|mrs|ms|miss|mx)\.?\s+(?P<surname>[^\W\d_][\w'’-]+)$")


def _in_full(said: str, text: str) -> str:
    """ "it was mr okafor. chinedu okafor i think": a title and a family name, then the whole name said later in the
    same answer: the whole name (its greeting keeps the title as an option)."""
    titled = _TITLED_SURNAME.match(said.strip())
    if titled is None:
        return said
    surname = re.escape(titled["surname"])
    for found in re.finditer(rf"(?i)\b(?P<given>[^\W\d_][\w'’-]+)\s+{surname}\b", text):
        given = found["given"]
        if given.casefold().rstrip(".") not in names.NAME_WORDS.titles and _plain_name(f"{given} {titled['surname']}"):
            return f"{given} {titled['surname']}"
    return said


def read_person(text: str, ctx: Context) -> Understood:
    """Name, title, role, email and phone from one answer, in any order and with the usual separators.

    "We talked to Maria, she's the EM, maria@x.com", "Jane Doe, Hiring manager, jane@x.com", "Prof. Alan Reid
    (Dean of Engineering) a.reid@uni.ac.uk +44 131 650 1000", "Chen Jing - product lead - chen.jing@y.cn" and
    "Sara Costa <sara.costa@w.com>, recruiter" all work: emails are found by email-validator, numbers by
    phonenumbers' matcher, and the name is the part nameparser and the capitals say is one.
    """
    rest = first_of_several(" ".join(clean_text(text, limit=600, what="answer").split()))
    rest = re.sub(r"(?i)^(?:(?:uh+|um+|erm+|hmm+|so|well|ok|okay)\b[\s,.]*)+(?=\S)", "", rest)  # "uhh a guy called Dev"
    rest = names.foreign_titles(rest)  # "doamna Popescu", "Hr. Klaus Weber": the English title the drafts greet with
    values: dict[str, object] = {}
    mails, rest = _emails(rest)
    if len(mails) > 1:
        raise Invalid("That has more than one email address; give me one person at a time.")
    if mails:
        values["person_email"] = mails[0]
    hints = tuple(r for r in (region_of_email(mails[0] if mails else None),) if r) + regions_named(rest)
    numbers = [n for n in _numbers(rest, ctx, hints) if _line_phone(n, ctx, hints)]
    if numbers:
        values["person_phone"] = _line_phone(numbers[0], ctx, hints)
        at = rest.find(numbers[0])
        after = _NOTE_AFTER_NUMBER.match(rest, at + len(numbers[0])) if at >= 0 else None
        inside = re.search(r"(?i)(?:ext\.?|extension|x)\s*(\d{1,6})\s*$", numbers[0])
        if inside:  # "+353 1 555 0100 ext. 214": the matcher's number holds its extension
            values["person_phone_note"] = f"ext. {inside.group(1)}"
        elif after:  # "07700 900123 (whatsapp only)", "... ext. 214": a note of the number, not a role
            values["person_phone_note"] = f"ext. {after['ext']}" if after["ext"] else " ".join(after["note"].split())
            rest = rest[: after.start()] + " " + rest[after.end() :]
        rest = rest.replace(numbers[0], " ")
    else:  # "head of nursing, ext 4471": an internal extension alone, no number to dial; a note of the phone
        extension = _EXTENSION_ALONE.search(rest)
        if extension:
            values["person_phone_note"] = f"ext. {extension['ext']}"
            rest = rest[: extension.start()] + " " + rest[extension.end() :]
    rest = _FILLER.sub(" ", rest)
    rest = _NAME_FORGOTTEN.sub(" ; ", rest)  # "i don't remember her name 🫠 the recruiter was there too, Priyanka"
    titled = _CJK_TITLE.search(rest)
    beside = re.split(r"[,;()（）,，]", rest[titled.end() :])[0].strip() if titled else ""
    if titled and beside and _ROLE_WORDS.search(beside) and not any(_other_script(w) for w in beside.split()):
        titled = None  # "产品经理 product manager": the title in two languages, the English one kept (`one_language`)
    if titled:  # "鈴木 部長 (Suzuki Hiroshi)": a Japanese or Chinese title after the name is the role
        values["person_role"] = titled.group(1)
        rest = rest[: titled.start()] + " " + rest[titled.end() :]
    for clause in _PERSON_CLAUSES:
        found = clause.search(rest)
        if found:
            said = found.group("role").strip()
            rest = rest[: found.start()] + " " + rest[found.end() :]
            if _ROLE_WORDS.search(said) or re.search(r"(?i)\b(?:the|a|an|our|their)\s+$", found.group(0)[: -len(said)]):
                values["person_role"] = person_role(said)
            # else a remark about them ("he's lovely", "she was nice"): not a role
            break
    team = _DEPARTMENT.search(rest)  # "Gabriela Ortiz de RH", "Sam Lee from HR": the team is the role
    if team and "person_role" not in values:
        start = max(rest.rfind(mark, 0, team.start()) for mark in ",;(") + 1
        title = rest[start : team.start()]
        if _ROLE_WORDS.search(title):  # "jefa de RRHH", "head of HR": a title of the team, the whole is the role
            values["person_role"] = person_role(rest[start : team.end()])
            rest = rest[:start] + rest[team.end() :]
        else:
            values["person_role"] = person_role(team.group("team"))
            rest = rest[: team.start()] + rest[team.end() :]
    rest = _ARTICLE_TITLE.sub("", rest)  # "la Sra. Gabriela Ortiz": the article goes, the title stays
    rest = _TWO_TITLES.sub(_one_title, rest)  # "Dr. (Mrs.) Sunita Rao-Deshpande": the title a greeting uses
    rest = _BRACKET_TITLE.sub(lambda m: m.group(1), rest)
    rest = re.sub(r"(?i)\bdr\.?\s*-\s*ing\.?(?=\s)", "Dr", rest)  # "Dr.-Ing.": the doctor's title a greeting uses
    rest = _SENTENCE_END.sub(
        lambda m: m.group(0) if _is_title(m.group(0)) or len(m.group(1)) <= 2 else f"{m.group(1)};", rest
    )
    parts = [p.strip(" .;:-–—") for p in _SEPARATORS.split(rest) if p and p.strip(" .;:-–—")]
    lead = _NAME_LEADS.search(parts[0]) if parts else None
    called = None  # "a guy called Dev": what follows "called" is the name, even a word that is also a job's
    while parts and lead:
        if re.search(r"(?i)\b(?:called|named|name (?:is|was))\s*$", lead.group(0)):
            called = parts[0][lead.end() :].strip()
        parts[0] = parts[0][lead.end() :].strip()
        lead = _NAME_LEADS.match(parts[0]) if parts[0] else None
    parts = [p for p in parts if p.casefold().strip(".:") not in _CONTACT_LABELS]  # "cel 55 1234 5678": the label
    for i, part in enumerate(parts):  # "la de rh, karla algo": the one from a team, then her name
        one_from = _ONE_FROM.fullmatch(part)
        if one_from and "person_role" not in values and len(parts) > 1:
            team = one_from["team"]
            values["person_role"] = person_role(team.upper() if len(team) <= 4 and team.isalpha() else team)
            del parts[i]
            break
    parts = [_NAME_TAILS.sub("", p) for p in parts if p and not _REMARK.match(p)]  # "he'd be my boss"
    parts = [_role_first(p) for p in parts]  # "chef Rafa Costa": the job, then the name
    parts = [q for p in parts for q in p]
    if (
        len(parts) == 2
        and "person_role" not in values
        and not (parts[1].isupper() and len(parts[1]) <= 5)  # "Pierre Martin, DRH": a role's letters, no given name
        and _last_first(", ".join(parts)) != ", ".join(parts)
    ):
        parts = [_last_first(", ".join(parts))]
    elif len(parts) > 2 and all(len(p.split()) == 1 and _looks_like_name(p) for p in parts[:2]):
        parts = [f"{parts[1]} {parts[0]}", *parts[2:]]  # "Reed, Tom - engineering manager": family name first
    named = next((i for i, part in enumerate(parts) if _looks_like_name(part)), None)
    if called and parts and parts[0] == called and len(called.split()) <= 3 and not any(c.isdigit() for c in called):
        named = 0
    latin = next((i for i, part in enumerate(parts) if _looks_like_name(part) and _latin(part)), None)
    if named is not None and latin is not None and not _latin(parts[named]) and len(parts[latin].split()) >= 2:
        named = latin  # "鈴木 (Suzuki Hiroshi)": the name as the emails will write it
    if named is None and parts:
        split = _name_then_role(parts[0])
        if split is not None:
            parts[0:1] = list(split)
            named = 0
    if named is None and parts and _plain_name(_HONORIFICS.sub("", parts[0]).strip()):
        named = 0  # "nadia haddad, head of finance": a lowercase name first, its role after
    if named is not None:
        said = parts.pop(named)
        latin_words = [w for w in said.split() if not _other_script(w)]
        if len(latin_words) >= 2 and len(latin_words) < len(
            said.split()
        ):  # "渡辺健二 Kenji Watanabe": as emails write it
            said = " ".join(latin_words)
        full = _in_full(said, names.foreign_titles(text))
        if full != said:  # "mrs smith, jane smith, the head teacher": the whole name is no role
            parts = [p for p in parts if p.casefold() != full.casefold()]
        values["person_name"] = person_name(full)
    if "person_role" not in values:
        roles = [p for p in parts if p and not means_skip(p) and sum(ch.isalpha() for ch in p) >= 2]
        head_is_role = bool(roles) and bool(_ROLE_WORDS.search(roles[0]))
        roles = [  # "Head of Design, he'd be my boss": the remark is not the role; "Engineering Manager, Payments" is
            p for i, p in enumerate(roles) if i == 0 or _ROLE_WORDS.search(p) or (head_is_role and len(p.split()) <= 2)
        ]
        if roles:
            values["person_role"] = person_role(", ".join(roles) if len(roles) <= 2 else roles[0])
    _addressed_as(values)
    wanted = ("person_name", "person_role", "person_email", "person_phone")
    return Understood(values, tuple(k for k in wanted if k not in values))


_ADDRESS_TITLES = {"dr": "Dr", "doctor": "Dr", "ms": "Ms", "mrs": "Mrs", "mr": "Mr", "miss": "Miss", "mx": "Mx",
                   "prof": "Prof", "professor": "Professor"}  # fmt: skip


def _addressed_as(values: dict[str, object]) -> None:
    """ "Lim Wei Ling (ms lim)", "Tanaka Yumi (dr tanaka, tanaka is the family name)", "dr lucy zheng, Lucy Zheng":
    a title and the person's own name beside the name is how the user addresses them, not their role: it becomes
    the greeting the drafts use (the role is then asked)."""
    name, said = values.get("person_name"), values.get("person_role")
    if not isinstance(name, Name) or not isinstance(said, str):
        return
    nick = names.asked_to_be_called(said)
    if nick:  # "maria santos (call her tina)": the name she asked to be called by; the rest, if any, is the role
        values["person_name"] = Name(name.name, nick, tuple(dict.fromkeys((nick, *name.options))), False)
        rest = [p.strip() for p in said.split(",") if p.strip() and names.asked_to_be_called(p) is None]
        if rest:
            values["person_role"] = person_role(", ".join(rest))
        else:
            del values["person_role"]
        return
    words = [w.strip(".,") for w in said.split()]
    title = _ADDRESS_TITLES.get(words[0].casefold()) if words else None
    own = {_fold(w) for w in name.name.split()}
    if title is None or len(words) < 2 or not all(_fold(w) in own for w in words[1:]):
        return
    family = next((o.split(" ", 1)[1] for o in name.options if o.startswith(("Mr ", "Ms "))), None)
    if family is None or _fold(family) not in {_fold(w) for w in words[1:]}:
        family = next(w for w in reversed(name.name.split()) if _fold(w) == _fold(words[-1]))
    greeting = f"{title} {family}"
    values["person_name"] = Name(name.name, greeting, tuple(dict.fromkeys((greeting, *name.options))), False)
    del values["person_role"]


def _fold(word: str) -> str:
    return word.strip(".,()").casefold()


# A person said as the one from a team, in English and the languages people fall back to: "the one from hr", "la de
# rh", "el de finanzas", "o do rh", "die aus der HR".
_ONE_FROM = re.compile(
    r"(?i)(?:(?:yes|yeah|yep|si|sí|sim|ja|oui|also|too|and|plus|también|tambien|também|tambem|aussi|auch|ook)\s+)*"
    r"(?:the one|the person|the (?:guy|lady|woman|man|girl|gal|bloke)|someone|somebody|la|el|lo|o|a|der|die|le|la persona)"
    r"\s+(?:from|de|del|da|do|of|in|von|aus|du|di)\s+(?:(?:the|la|el|los|las|der|die|o|a)\s+)?"
    r"(?P<team>[\w&.-]+(?:\s+[\w&.-]+)?)"
)


# The word typed before a number or an address, left alone once it is taken: "cel", "mob", "tel", "whatsapp".
_CONTACT_LABELS = {
    "cel", "cell", "celular", "móvil", "movil", "mobile", "mob", "tel", "tlf", "telf", "ph", "phone", "whatsapp", "wa",
    "telefone", "telefono", "teléfono", "handy", "email", "e-mail", "mail", "correo", "num", "no", "number", "contact",
}  # fmt: skip


_NAME_TAILS = re.compile(
    r"(?i)\s+(?:(?:sat in|joined|was there|was also there|came in|was in|was on the panel|too|also|as well)\b\s*)+$|"
    r"\s+(?:something|somebody|sth|whatever|whats-her-name|whats-his-name|algo|algo así|algo asi|qualquer coisa|"
    r"irgendwas|quelque chose|kung ano|or other)$"
)


def _role_first(part: str) -> list[str]:
    """ "chef Rafa Costa", "our cto Omar Ali": lowercase job words, then a capitalised name -> [name, job]."""
    words = part.split()
    for i in range(1, len(words)):
        head, tail = " ".join(words[:i]), " ".join(words[i:])
        lowered = all(w == w.lower() or (w.isupper() and len(w) <= 4) for w in head.split())  # "our cto", "CTO"
        if lowered and all(w.lower() in {"the", "our", "their", "my", "her", "his", "a", "an"} for w in head.split()):
            continue  # "her boss Tom Reed": the words before the job
        if not lowered or not _ROLE_WORDS.search(head):
            return [part]
        if _looks_like_name(tail) and len(tail.split()) >= 2:
            return [tail, re.sub(r"(?i)^(?:the|our|their|my|her|his)\s+", "", head)]
    return [part]


@lru_cache(maxsize=1)
def _dictionary():
    from spellchecker import SpellChecker

    return SpellChecker()


def _dictionary_word(word: str) -> bool:
    """A word the English dictionary knows ("workshop", "site"); a name of another language ("tane") is not one."""
    return word.isalpha() and _dictionary().word_usage_frequency(word.lower()) >= 1e-6  # not "cruz", "smith"


def _name_then_role(part: str) -> tuple[str, str] | None:
    """ "Alan Reid Dean of Engineering", "Omar Ali CTO": the capitalised words before the first role word."""
    words = re.sub(r"(?i)\s+(?:also|too|as well)$", "", part).split()
    for i, word in enumerate(words):
        if _ROLE_WORDS.fullmatch(word.strip(".,")) and i >= 1:
            cut = i
            while cut > 1 and words[cut - 1].lower() in {"from", "in", "of", "the", "at", "is", "was", "our", "their"}:
                cut -= 1  # "Sato-san from HR": the name, then where they work
            start, peel = i, cut == i
            while peel and cut > 2 and words[cut - 1].islower() and _dictionary_word(words[cut - 1]):
                cut -= 1  # "wiremu tane workshop mgr": a common word before the job word belongs to the job
                start = cut
            head, tail = " ".join(words[:cut]), " ".join(words[start:])
            if _looks_like_name(head) or _plain_name(_HONORIFICS.sub("", head).strip()):
                return head, tail
            return None
    return None


def _plain_name(part: str) -> bool:
    """A name typed in lowercase ("nadia haddad"): one to four words of letters, none of them a job word."""
    words = part.split()
    return (
        1 <= len([w for w in words if w.lower() not in _PARTICLES]) <= 4  # "jorge alberto de la garza"
        and len(words) <= 7
        and not _ROLE_WORDS.search(part)
        and not has_note_word(part)
        and all(w.replace("-", "").replace("'", "").replace(".", "").isalpha() for w in words)
        and not any(w.lower() in _NOT_NAMES for w in words)
    )


_NOT_NAMES = set(
    [
        "the",
        "a",
        "an",
        "of",
        "for",
        "and",
        "or",
        "my",
        "our",
        "their",
        "his",
        "her",
        "at",
        "in",
        "on",
        "to",
        "with",
        "i",
        "you",
        "he",
        "she",
        "they",
        "we",
        "it",
        "is",
        "was",
        "were",
        "be",
        "think",
        "so",
        "yes",
        "no",
        "not",
        "maybe",
        "sure",
        "ok",
        "okay",
        "one",
        "more",
        "another",
        "also",
        "then",
        "just",
        "only",
        "some",
        "someone",
        "somebody",
        "else",
        "there",
        "here",
        "this",
        "that",
        "who",
        "what",
        "did",
        "do",
        "does",
        "have",
        "had",
        "will",
        "would",
        "can",
        "could",
        "should",
    ]
)


def say_understood(understood: Understood) -> str:
    """What was taken from a sentence, in words ("Maria, engineering manager, maria@x.com"), for the chat to confirm."""
    shown = []
    values = understood.values
    if values.get("company") and values.get("role"):  # as the drafts will name it: "Data Engineer at Toss"
        shown.append(f"{typed_title(str(values['role']))} at {typed_title(str(values['company']))}")
        values = {k: v for k, v in values.items() if k not in {"company", "role"}}
    for key in ("company", "role", "person_name", "person_role", "person_email", "person_phone"):
        value = values.get(key)
        if value is None:
            continue
        if isinstance(value, Name):
            value = value.name
        if key == "person_phone":
            note = values.get("person_phone_note")
            value = format_phone(str(value)) + (f" ({note})" if note else "")
        shown.append(str(value))
    if values.get("person_phone_note") and values.get("person_phone") is None:  # "ext 4471": no number to dial yet
        shown.append(f"phone {values['person_phone_note']}")
    return ", ".join(shown)


def _looks_like_name(part: str) -> bool:
    words = part.split()
    if not words or len(words) > 8 or _ROLE_WORDS.search(part) or any(ch.isdigit() for ch in part):
        return False
    if has_note_word(part):
        return False
    if (words[0].lower() in _TITLES or (words[0].endswith(".") and _is_title(words[0]))) and len(words) > 1:
        words = words[1:]
    if part.strip().casefold() in _YES_NO:
        return False
    particles = [w for w in words if w.lower() in _PARTICLES]
    return len(words) - len(particles) <= 5 and all(
        w[0].isupper() or not w[0].isascii() or w in particles for w in words
    )


# Lowercase words inside a name: "van der Berg", "de la Fuente", Catalan "Puig i Ferrer", "dos Santos".
_PARTICLES = {
    "van", "de", "der", "den", "da", "di", "do", "dos", "das", "du", "des", "del", "della", "von", "zu", "le", "la", "los",
    "las",
    "bin", "binti", "bint", "ibn", "al", "el", "i", "y", "e", "ter", "ten", "op", "ap",
    # honorifics said before a given name: Portuguese "dona Célia", "seu João", Spanish "doña Rosa", "don Luis"
    "dona", "doña", "dom", "seu",
}  # fmt: skip
_YES_NO = {"yes", "yeah", "yep", "yup", "no", "nope", "nah", "ok", "okay", "sure"}
