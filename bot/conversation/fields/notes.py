"""Free-text notes (open questions, challenges, why you, clarification) and how it went."""

from __future__ import annotations

import re

from bot.common.parsing.text import Invalid, clean_text
from bot.conversation.fields.answers import _plain, means_skip
from bot.conversation.fields.corrections import taken_back_parts
from bot.conversation.fields.people import _NOT_CAUGHT
from bot.conversation.fields.spec import FIELDS

# ---- notes -------------------------------------------------------------------------------------


def note(key: str, text: str) -> str | None:
    """A free-text answer (open questions, challenges, why you, clarification); None when skipped."""
    spec = FIELDS[key]
    if spec.optional and means_skip(text):
        return None
    value = clean_text(text, limit=spec.limit, what="answer" if spec.limit > 300 else "line")
    return " ".join(value.split()) if spec.limit <= 300 else value


# Words of a chat no email should repeat: laughter and asides ("lol", "haha", "tbh") and emoji; and the short forms a
# phone keyboard leaves ("abt", "bc", "w/", "thru"), spelt out.
_CHAT_ONLY = re.compile(
    r"(?i)\s*(?<![\w'])(?:lol+|lmao+|rofl|ha(?:ha)+h?|he(?:he)+|tbh|ngl|omg|smh|xd)(?![\w'])|"
    r"\s*[\U0001F000-\U0001FAFF\u2600-\u27BF\u200d\ufe0f]+"
)
# A laugh, then a short exclamation that ends the line ("lol small world", "haha so random", "lmao what are the
# odds"): no part of what was discussed. Words that carry on the sentence ("lol and the rota") are kept.
_CHAT_TAIL = re.compile(
    r"(?i)[\s,]*(?<![\w'])(?:lol+|lmao+|rofl|ha(?:ha)+h?|he(?:he)+|omg|xd)[\s!.]+"
    r"(?!(?:and|but|or|the|with|about|on|in|of|for|to|a|an|my|her|his|their|our|we|i|she|he|they|it|also|then|plus|"
    r"because|cause|cos|as|at|from|how|why|when|where|which|who)\b)"
    r"(?:[^\W\d_][\w'’]*[\s,]*){1,4}[!.?\s]*$"
)
_SHORT_FORMS = {
    "abt": "about", "bc": "because", "b/c": "because", "bcos": "because", "coz": "because", "cuz": "because",
    "w/": "with", "w/o": "without", "thru": "through", "u": "you", "ur": "your", "r": "are", "n": "and",
    "tho": "though", "wrt": "about", "re:": "about", "pls": "please", "smth": "something", "sth": "something",
}  # fmt: skip
_SHORT = re.compile(
    r"(?i)(?<![\w/'&.-])(?:"
    + "|".join(re.escape(k) for k in sorted(_SHORT_FORMS, key=len, reverse=True))
    + r")(?![\w/&'-]|\.\w)"
)


def without_chat(text: str) -> str:
    """A line as an email may repeat it: "how i'd handle kids who never unmute lol, told her abt my warmups" ->
    "how i'd handle kids who never unmute, told her about my warmups"."""
    kept = _CHAT_TAIL.sub("", text)  # "... vaccine clinics lol small world": the remark after the laugh goes too
    kept = _CHAT_ONLY.sub("", kept)
    kept = _SHORT.sub(lambda m: _SHORT_FORMS[m.group(0).casefold()], kept)
    kept = re.sub(r"\s+([,.;:!?])", r"\1", " ".join(kept.split())).strip(" ,;")
    return kept if sum(ch.isalnum() for ch in kept) >= 2 else text


def clarification(text: str) -> str | None:
    return note("clarification", text)


# Words around a promiser's description that are no part of it: "it was the recruiter", "from their HR lady".
_PROMISER_LEAD = re.compile(r"(?i)^(?:(?:it\s+was|that\s+was|was|it'?s|promised\s+by|by|from|oh|um+|hmm+)\s+)+")


_IT_WAS = re.compile(r"(?i)^(?:no+\s+)*(?:it\s+was|it'?s|was|actually)\b\s*")
_NOT_THEM = re.compile(r"(?i)^(?:not|wasn'?t|it wasn'?t)\s+(?:her|him|them|\w+)$")


def promiser_pieces(text: str) -> list[str]:
    """The parts of an answer about who promised something that may name them, the one the user settled on first:
    "jane i think.. or the guy from operations? no no it was jane, he left before that" -> ["jane", ...];
    "not her, the HR guy. suman shrestha" -> ["the HR guy", "suman shrestha"] (the one said not to be it left out)."""
    said = " ".join(text.split())
    settled = re.search(r"(?i)(?:[.?!,]\s*|\s)(?:no+[\s,]+)+(?:it\s+was|it'?s|was)\s+(?P<rest>.+)$", said)
    parts = taken_back_parts(said)
    first = settled["rest"] if settled else parts[1] if parts else None
    pieces = [first] if first else []
    pieces += [piece for piece in re.split(r"\s*(?:[,;?!]|\.+)\s*", said) if piece]
    out: list[str] = []
    for piece in pieces:
        piece = _IT_WAS.sub("", piece.split(",")[0]).strip(" .?!")
        if piece and not _NOT_THEM.match(piece) and piece not in out:
            out.append(piece)
    return out


def promiser(text: str) -> str | None:
    """Who promised something, described ("the recruiter who set it up", "some guy from payroll"): the words
    to note it by; None for an answer that describes no one ("yes", "ok")."""
    said = " ".join(clean_text(text, limit=120, what="line").split())
    said = _NOT_CAUGHT.sub(" ", said)  # "the hr girl, forgot her name.. the one who set up the call": no name is news
    said = re.sub(r"\s*[,;.]+(?:\s*[,;.]+)*\s*", ", ", " ".join(said.split())).strip(" ,")
    value = _PROMISER_LEAD.sub("", without_chat(said)).strip(" .,!;:")
    if not re.search(r"[^\W\d_]{2,}", value) or _plain(value) in {"yes", "yeah", "yep", "ok", "okay", "sure", "y"}:
        return None
    return value


# Words of each kind found anywhere in a sentence ("it went badly tbh, I blanked on ..."); a negation before a
# word turns it ("not great" is rough, "not bad" is good).
_GOOD = (
    r"well|good|great|fine|ok|okay|positive|positively|nice|smooth|smoothly|solid|excellent|amazing|fantastic|"
    r"brilliant|strong|confident|nailed(?: it)?|aced(?: it)?|happy|pleased|enjoyed|fun|better than expected|"
    r"killed it|crushed it|smashed it|nailed|went great|liked|loved|impressed|decent|alright|all right|good enough|"
    r"gr8|gd|gud|awesome|awsome|superb|perfect|swimmingly|"  # as typed on a phone
    r"bien|bueno|buena|bem|gut|bene"  # "creo que bien!", "foi bem", "lief gut": a good word in the user's language
)
_BAD = (
    r"badly|bad|rough|terrible|terribly|awful|awfully|poor|poorly|horrible|disaster|disastrous|worse|worst|"
    r"struggled|stumbled|fumbled|blanked|froze|bombed|messed(?: it)? up|botched|flopped|rambled|"
    r"weak|tough|hard(?! to (?:read|tell|say))|difficult|not my best|went blank"
)
_MIXED = r"mixed|could have been better|could(?:'ve| have) gone better|could'?ve been better|meh|could be better|so so|so-so|average|okay-ish|ok-ish|partly|50/50|hit and miss|hit or miss|ups and downs"
# "nothing special", "nada espectacular", "rien de fou": a lukewarm verdict, in English and the languages people mix in
_MIXED += (
    r"|nothing (?:special|spectacular|amazing|great|exceptional|to write home about)|not amazing|not spectacular|"
    r"nada (?:de\s+)?(?:especial|espectacular|del otro mundo|extraordinario)|nada demais|nada de mais|"
    r"rien de (?:spécial|special|fou|extraordinaire)|nichts besonderes|niente di speciale|nimic special"
)
_NEGATION = r"(?:not|n['’]t|never|hardly|wasn['’]t|didn['’]t|isn['’]t)\s+(?:(?:so|that|too|very|really|as|go|went)\s+)*"
# How the user felt, not how it went: rough only when nothing else is said ("well, but I was a little nervous" is well).
_FEELING = r"nervous|anxious|stressed|jittery|shaky|scared"
_SIGNAL = re.compile(
    rf"(?i)\b(?P<neg>{_NEGATION})?(?:(?P<good>{_GOOD})|(?P<bad>{_BAD})|(?P<mixed>{_MIXED})|(?P<feeling>{_FEELING}))\b"
)
# The strongest words: a plainly bad one outweighs a lukewarm good one ("started fine then went really badly" is
# rough; "good overall, just rambled on one q" stays mixed).
_STRONG_BAD = re.compile(
    r"(?i)\b(?:terrible|terribly|awful|awfully|horrible|horribly|disaster|disastrous|worst|bombed|flopped|car crash|"
    r"train wreck|trainwreck|(?:really|very|so|super|extremely|pretty|quite|totally|completely|properly)\s+"
    r"(?:bad|badly|rough|poorly|poor))\b"
)
_UNSURE = {"not sure", "unsure", "dunno", "idk", "no idea"}
# Lukewarm words: "ok" / "okay" alone, or "alright", "fine" said with a hedge ("went ok i think", "fine i guess"), are
# no "went well" (a person who thought it went well says so); they are mixed unless a plainly good word is said too.
_LUKEWARM = re.compile(r"(?i)\b(?:ok|okay|ok-?ish|alright|all right|fine|fine-?ish)\b")
_ALWAYS_LUKEWARM = re.compile(r"(?i)\b(?:ok|okay|ok-?ish)\b")
_HEDGE = re.compile(
    r"(?i)\b(?:i think|i guess|i suppose|i hope|i reckon|probably|maybe|hopefully|kinda|kind of|sort of|sorta|"
    r"i'?d say|not sure|idk|enough|creo|acho|je pense|je crois|glaube|cred)\b|\?"
)
# A verdict first ("horrible.", "honestly? rough.", "8/10 -"), then what to set straight.
_VERDICT_HEAD = re.compile(
    rf"(?is)^\s*(?:(?:it\s+)?(?:was|went)\s+)?[\w\s'’,?!-]{{0,24}}?\b(?:{_MIXED}|{_BAD}|{_GOOD}|better|not bad|"
    r"\d{1,2}\s*(?:/|out of)\s*10)\b(?:\s*(?:tbh|honestly|overall|i think|lol|haha|ngl|lmao|i guess|tho|though|really))*"
    r"\s*(?:[-–—:;,.!?]+|\s+but\s+)\s*(?P<rest>.+)$"
)


def assessment_and_note(text: str) -> tuple[str, str | None]:
    """How it went and, for "mixed - I rambled on the budget question" or "Rough. My English was not so good in
    the system design part.", the one thing to set straight said with it (None when only the verdict was given)."""
    verdict = assessment(text)
    head = _VERDICT_HEAD.match(text)
    said = text[: head.start("rest")] if head else ""
    if head and not re.search(
        r"(?i)(?:\s+but|,)\s*$", said
    ):  # "kinda rough lol. blanked on ... but the walk went great"
        try:
            first = assessment(said)
        except Invalid:
            first = verdict
        if first != "well":  # the user's own word for it, ahead of what the remark says went well or badly
            verdict = first
    rest = head["rest"].strip() if head else _after_turn(text)
    while (more := _VERDICT_HEAD.match(rest)) is not None:  # "meh, could've gone better. stumbled on ...": two verdicts
        said = rest[: more.start("rest")]
        if len(_SIGNAL.sub(" ", said.casefold()).strip(" ,.;:!?-–—").split()) > 1:
            break
        rest = more["rest"].strip()
    if verdict == "well" or len(rest.split()) < 3 or means_skip(rest) or not _remark_words(rest):
        return verdict, None
    return verdict, clean_text(rest, limit=FIELDS["clarification"].limit, what="line")


_EMPTY_WORDS = frozenset(
    [
        "it",
        "was",
        "went",
        "i",
        "guess",
        "tbh",
        "honestly",
        "overall",
        "lol",
        "but",
        "and",
        "so",
        "just",
        "pretty",
        "really",
        "very",
        "a",
        "bit",
        "i",
        "think",
        "kinda",
        "kind",
        "of",
        "sort",
        "quite",
        "all",
        "in",
        "all",
        "ngl",
        "tho",
        "though",
        "haha",
    ]
)


def _remark_words(rest: str) -> list[str]:
    """The words of a remark besides verdicts and hedges ("ok i guess" has none: no thing to set straight)."""
    left = _HEDGE.sub(" ", _SIGNAL.sub(" ", rest.casefold()))
    return [word for word in re.findall(r"[^\W_]+", left) if word not in _EMPTY_WORDS]


# Where a sentence turns from the verdict to what went wrong: "nailed the technical part but blanked on salary",
# "started fine then went really badly on the case study".
_TURN = re.compile(r"(?i)\s+(?:but|then|until|till|except|although|though|tho)\s+")


def _after_turn(text: str) -> str:
    """What follows the first turn of a sentence that says a verdict before it ("" when there is none)."""
    turn = _TURN.search(text)
    if turn is None or not _SIGNAL.search(text[: turn.start()]):
        return ""
    return text[turn.end() :].strip()


def assessment(text: str) -> str:
    """How it went: "well", "mixed" or "rough", from the buttons' words or a sentence ("it went badly tbh, I
    blanked on the SQL question" is rough; "well overall but I fumbled the last question" is mixed)."""
    typed = _plain(text)
    if typed in _UNSURE:
        return "mixed"
    score = re.search(r"\b(\d{1,2}(?:\.5)?)\s*(?:/|out of|of)\s*10\b", text.casefold())
    if score and float(score[1]) <= 10:  # "8/10", "6 out of 10": a mark, read as the buttons read
        mark = float(score[1])
        return "well" if mark >= 7 else "mixed" if mark >= 5 else "rough"
    good = bad = mixed = felt = False
    warm = False  # a good word that is more than lukewarm ("good", "smashed it")
    for found in _SIGNAL.finditer(typed):
        if found["feeling"]:
            felt = felt or not found["neg"]
        elif found["mixed"]:
            mixed = True
        elif bool(found["good"]) != bool(found["neg"]):  # "good", or "not bad"
            good = True
            warm = warm or bool(found["neg"]) or not _LUKEWARM.fullmatch(found["good"])
        else:  # "bad", or "not great"
            bad = True
    if good and bad and not mixed and not warm and _STRONG_BAD.search(typed):  # "fine until the case study, then awful"
        return "rough"
    if mixed or (good and bad):
        return "mixed"
    if good and not warm and (_ALWAYS_LUKEWARM.search(typed) or _HEDGE.search(text)):  # "went ok i think"
        return "mixed"
    if good:
        return "well"
    if bad or felt:
        return "rough"
    raise Invalid("Choose went well, mixed or rough.")


def verdict_not_name(text: str) -> bool:
    """ "mixed", "went well", "rough tbh": how it went, in lower case, where a name was asked (typed a step early)."""
    if any(ch.isupper() for ch in text) or len(text.split()) > 3:
        return False
    try:
        assessment(text)
    except Invalid:
        return False
    return True
