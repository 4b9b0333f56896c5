"""Answers that are not values: "no" / "that's all", skipping ("dunno"), a bare "yes", typed button labels."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

# ---- "no", skipping and typed button labels -------------------------------------------------

_NO_MORE = {
    "no", "nope", "nah", "no thanks", "no thank you", "none", "nothing", "nothing else", "nothing more",
    "not really", "not that i know", "no one", "nobody", "no one else", "nobody else", "that's all",
    "thats all", "that is all", "that's it", "thats it", "that's everyone", "thats everyone", "that is everyone",
    "everyone", "all done", "done", "i'm done", "im done", "no more", "nothing to add", "n/a", "na", "-", "--",
    "nup", "nop", "naw", "nah nothing", "nup nothing", "no ta", "nah ta", "no thanks ta", "no cheers", "nah cheers",
    "zip", "nil", "zilch", "none at all",
    # the same in the languages people fall back to: Spanish, Portuguese, German, French, Swahili, Tagalog
    "nada", "ninguno", "ninguna", "no nada", "não", "nao", "nenhum", "nenhuma", "nein", "nichts", "keine", "non",
    "rien", "hapana", "hakuna", "wala", "wala po",
    # Polish, Dutch, Egyptian Arabic, Pidgin, Japanese
    "nie", "nic", "nee", "niets", "geen", "nö", "mafeesh", "mafish", "mafeesh haga", "mafish haga", "no sabi",
    "i no sabi", "ない", "なし", "特にない", "特にないです", "特になし", "ありません", "いいえ",
    # Hungarian, Ukrainian, Russian, Moroccan Darija, Welsh, Bengali, Malay
    "nem", "semmi", "semmit", "nincs", "ні", "нi", "нет", "нічого", "ничего", "немає", "нема", "walou", "walo",
    "wallou", "walu", "dim byd", "kichu na", "kisu na", "kichu nai", "না", "কিছু না", "tiada",
}  # fmt: skip
_SKIP = _NO_MORE | {
    "skip", "dunno", "don't know", "dont know", "i don't know", "i dont know", "idk", "not sure", "no idea",
    "unknown", "can't say", "cant say", "?", "pass", "not yet", "none yet", "don't have it", "dont have it",
    "i don't have it", "i dont have it", "don't have one", "dont have one", "i don't have one", "i dont have one",
    "no email", "no phone", "no number", "didn't get it", "didnt get it", "not given",
}  # fmt: skip

_SKIP_LONGEST_FIRST = tuple(sorted(_SKIP, key=len, reverse=True))  # sorted once, not per clause


# What `_plain` drops: all but letters and digits (`str.isalnum`, which is `re`'s \w without "_"), spaces
# (`str.isspace`, `re`'s \s) and ' / - ?; one `re.sub` instead of a test per character (called ~10 times a turn).
_DROPPED = re.compile(r"[^\w\s'/\-?]|_")


def _plain(text: str) -> str:
    """Lower case, apostrophes unified, punctuation and emoji around words dropped."""
    s = unicodedata.normalize("NFKC", text).casefold().replace("’", "'").replace("‘", "'")
    s = _DROPPED.sub("", s)
    s = " ".join(s.split()).strip(" '")
    return s if s.strip("-?/") else s.replace(" ", "")


# ---- one "no answer" vocabulary: every optional question and the promise questions ----------------
#
# People say "no" in sentences: "no I didn't", "didn't promise anything", "not that I recall", "none I can
# think of", "nothing from their side", "they didn't mention anything", "no idea, no timeline given". An
# answer is "no answer" when each of its clauses (split at commas, dashes and "and"/"but") is one of these.
_SUBJECT = r"(?:(?:i|we|they|she|he|it|you|nobody|no one|dem|dey)\s+)?"
_NOT_DID = r"(?:didn't|didnt|did not|didnae|didna|havenae|dinnae|don't|dont|do not|haven't|havent|have not|never|wasn't|wasnt|was not|weren't|werent|hasn't|hasnt|no)"
_TELL = (
    r"(?:really\s+|actually\s+|even\s+)?(?:promise|mention|say|said|tell|told|give|gave|offer|discuss|specify|commit|agree|"
    r"talk about|bring up|get to|come up|share|set|name|put|get into|get|got|receive|have|catch|ask for)\w*"
)
_WHAT = r"(?:\s+(?:them|him|her|me|us|you))?(?:\s+(?:to\s+)?(?:anything|nothing|a thing|any\s+\w+|a\s+(?:date|timeline|timeframe|deadline|day)|one|it|so|that|much|when|either))?"
_TAIL = (
    r"(?:\s+(?:really|at all|yet|so far|specific|in particular|as far as i (?:know|remember|recall)|i think|"
    r"i (?:can )?(?:think of|remember|recall)|that i (?:can )?(?:think of|remember|recall|know of)|comes to mind|"
    r"from (?:their|my|our|his|her|your) side|from (?:them|me|him|her|us)|on (?:their|my|our) (?:side|end)|"
    r"mentioned|given|said|promised|discussed|specified|offered|made|to (?:add|mention|report|say)|for now|this time|"
    r"there|here|about (?:it|that|timing|dates?|a date)|worth (?:mentioning|noting|saying|sharing)|to speak of|of note|"
    r"special)\b)*"
)
_NONE_CLAUSES = [
    re.compile(rf"{_SUBJECT}{_NOT_DID}\s+{_TELL}{_WHAT}{_TAIL}"),  # "they didn't mention anything"
    re.compile(rf"(?:no|nope|nah)\s+{_SUBJECT}{_NOT_DID}(?:\s+{_TELL})?{_WHAT}{_TAIL}"),  # "no I didn't"
    re.compile(rf"{_SUBJECT}{_NOT_DID}(?:\s+(?:really|think so|believe so))?"),  # "I didn't", "they didn't really"
    re.compile(
        r"not (?:that|as far as) i (?:can )?(?:recall|remember|know|know of|think|am aware|'m aware|can tell)(?: of)?"
    ),
    re.compile(
        rf"(?:none|nothing|no one|nobody|zero|nada|zilch|not a thing|not anything){_TAIL}(?:\s+(?:else|more))?{_TAIL}"
    ),
    re.compile(
        r"(?:no|not|nothing|none)\s+(?:(?:fixed|set|specific|exact|real|firm|clear|definite|proper)\s+)?(?:idea|clue|timeline|timeframe|time frame|date|deadline|dates|word|info|"
        r"information|details?|specifics?|mention|promises?|answer|decision date|estimate)(?:\s+(?:yet|given|was given|made|"
        r"mentioned|said|specified|set|provided|at all|whatsoever|so far|on that|on timing|on when))*"
    ),
    re.compile(r"(?:not|never)\s+(?:mentioned|discussed|said|specified|given|clear|stated|decided|set)(?:\s+\w+){0,2}"),
    re.compile(r"(?:it\s+)?(?:didn't|didnt|did not|never)\s+come up"),
    re.compile(r"(?:i\s+)?(?:don't|dont|do not)\s+(?:know|remember|recall)(?:\s+(?:yet|really|tbh|honestly))*"),
    re.compile(
        r"(?:tbd|tba|tbc|to be (?:confirmed|decided|announced)|unclear|unknown|uncertain|no clue|who knows|beats me|hard to say|can't say|cannot say|dunno|"
        r"wala|walang|wala naman|nada|keine|nichts|nein|nenhum|nenhuma|nao|não|ninguno|ninguna)"
    ),
    # "they didn't say" / "no date" in the languages people fall back to: Portuguese, Spanish, German, French,
    # Swahili ("hawakusema"), Tagalog
    re.compile(
        r"(?:eles\s+|elas\s+|ellos\s+)?(?:não|nao|no)\s+(?:falaram|disseram|dijeron|comentaron|mencionaram|"
        r"mencionaron|sei|sé|se|tenho|tengo)(?:\s+(?:nada|nenhuma|ninguna|ideia|idea))?|"
        r"(?:sem|sin)\s+(?:data|fecha|prazo|plazo)|ni idea|nem ideia|keine ahnung|weiß nicht|weiss nicht|"
        r"(?:kein|ohne)\s+(?:datum|termin)|nicht gesagt|haben nichts gesagt|aucune idée|aucune idee|je ne sais pas|"
        r"pas de date|nimic(?:\s+\w+)?|nu(?:\s+(?:știu|stiu|stim|știm|au\s+(?:zis|spus)|mi-au\s+(?:zis|spus)))|n-au\s+(?:zis|spus)(?:\s+nimic)?|"
        r"hawakusema|hawajasema|sijui|hakuna|hindi nila sinabi|hindi sinabi|di nila sinabi"
    ),
    # the same in Hungarian ("nem mondtak semmit", "semmi különös"), Ukrainian and Russian ("нічого не обіцяла",
    # "не сказали", "не знаю"), Moroccan Darija ("ma kayn walou", "ma3reftch"), Welsh ("dim byd") and Bengali
    re.compile(
        r"(?:nem\s+(?:\w+\s+)?(?:mondtak|mondott|mondták|ígértem|igertem|ígértek|igertek|tudom|tudni|említettek)(?:\s+semmit)?|"
        r"semmi(?:t|\s+(?:különös|kulonos|konkrét|konkret|extra))?|nincs(?:\s+semmi)?|"
        r"(?:нічого|ничего)(?:\s+не\s+\w+)?|не\s+(?:\w+\s+)?(?:сказали|казали|знаю|обіцяла|обіцяв|обещала|обещал|"
        r"говорили|згадували|домовлялися)(?:\s+нічого|\s+ничего)?|немає|нема|"
        r"(?:ma\s*)?k(?:a|ay)?yn\s+wal(?:ou|o|u)|wal(?:ou|o|lou|u)|ma3r(?:e)?ftch|ma3rftch|"
        r"dim byd|dim syniad|kichu (?:na|nai|bole ni)|jani na|কিছু না|জানি না)"
    ),
    # "not on me rn", "don't have it to hand": the value exists but not here (it can be added later)
    re.compile(
        r"(?:(?:i\s+)?(?:don't|dont|do not)\s+have\s+(?:it|them|that)\s+|(?:it'?s\s+|its\s+)?not\s+|haven't got it\s+)"
        r"(?:on me|with me|to hand|at hand|handy|in front of me|here)(?:\s+(?:rn|right now|now|atm|at the moment))?"
    ),
    # "pretty clear", "all covered": nothing left open
    re.compile(
        r"(?:(?:it|that|everything|all)\s+)?(?:was\s+|is\s+|'s\s+)?(?:all\s+)?(?:pretty|fairly|quite|very|super|really|"
        r"all)?\s*(?:clear|straightforward|covered|self explanatory|clear enough|answered)"
    ),
    re.compile(r"(?:see|same as|as)\s+above|ditto|same as before|as before"),
    # "nothing, they have everything": nothing more to send
    re.compile(
        r"(?:they|she|he)\s+(?:already\s+)?(?:have|has|got)\s+(?:everything|it all|all of it|all they need|what they need|"
        r"(?:my|the)\s+\w+(?:\s+\w+)?)(?:\s+already)?"
    ),
    # "nah i'm good", "we're all good": nothing wanted
    re.compile(r"(?:i'?m|im|i am|we'?re|we are)\s+(?:all\s+)?(?:good|fine|ok|okay|sorted)"),
    # "they didn't say they'd send anything", "just that they'd be in touch": no promise of a thing
    re.compile(
        rf"{_SUBJECT}{_NOT_DID}\s+(?:say|mention|tell me)\s+(?:that\s+)?(?:they'?d|they would|they will|they'll|she'?d|"
        r"he'?d|to)\s+(?:send|share|give|email|forward)\s+(?:me\s+)?(?:anything|a thing|much)"
    ),
    re.compile(
        r"(?:(?:just|only)\s+)?(?:(?:(?:they|she|he)\s+)?(?:just\s+)?(?:said|say|says|told me|mentioned)\s+)?(?:that\s+)?"
        r"(?:they'?d|they would|they will|they'll|she'?d|he'?d|she'll|he'll|we'?ll|we will|we'?d|we would)\s+"
        r"(?:be in touch|get back to me|get back to us|let me know|reach out|be in contact|call me|contact me)"
        r"(?:\s+(?:soon|later|next week|this week|shortly|either way))*"
    ),
    re.compile(r"(?:not|nothing)\s+(?:really|that i know|on my side|on their side)"),
    re.compile(rf"{_SUBJECT}(?:promised|said|mentioned|gave|offered|discussed|committed to)\s+nothing{_TAIL}"),
    re.compile(
        r"(?:i'?m\s+|i am\s+)?not\s+(?:really\s+|totally\s+|quite\s+|too\s+|that\s+)?(?:sure|certain)(?:\s+(?:yet|really|either))*"
    ),
    re.compile(
        r"(?:(?:they|we|she|he|i)\s+)?(?:think\s+(?:i|we)\s+)?(?:(?:already|pretty much|basically)\s+)?"
        r"(?:covered|answered|explained|went through|said|mentioned|asked(?: about)?|got through|got answers to|"
        r"raised|brought up)\s+"
        r"(?:it all|everything|all of it|it|all|all of that|what i wanted|all i wanted|all i needed|all my questions|"
        r"all i had|everything i wanted|everything i had)(?:\s+(?:to ask|already|in the interview|there))*"
    ),
    re.compile(r"(?:i'?d\s+)?(?:rather|prefer)\s+not(?:\s+to)?(?:\s+say)?|no comment|pass|skip(?:\s+(?:it|this))?"),
    re.compile(
        r"(?:all|it'?s all|everything)\s+(?:good|fine|clear|ok|okay|sorted)|nothing to (?:add|clarify|correct|fix)"
    ),
    # a flat refusal: "not a chance", "no way"
    re.compile(r"(?:not a chance|no chance|no way|not happening|negative|hell no|no can do)"),
    # "nothing specific" / "I don't know (yet)" in the languages people fall back to: Polish, German, Dutch,
    # Egyptian Arabic, Nigerian Pidgin, Japanese
    # "nothing (planned)" in French, Italian, Indonesian/Malay, Turkish, Vietnamese, the Nordic languages, Chinese,
    # Korean; "rien de prévu", "tidak ada", "belum ada", "pas encore"
    re.compile(
        r"rien(?:\s+(?:de\s+(?:prévu|prevu|spécial|special|particulier|précis|precis|concret|plus)|du tout|à signaler|a signaler|"
        r"pour l'instant|pour le moment))?|pas encore|pas vraiment|aucune?(?:\s+\w+)?|niente(?:\s+di\s+\w+)?|nulla|"
        r"(?:tidak|nggak|enggak|gak|ga|tak|belum)\s+ada(?:\s+apa(?:\s*-\s*|\s+)apa)?|takde|tiada|belum|"
        r"yok|hiçbir şey|hicbir sey|không(?:\s+có)?|khong(?:\s+co)?|ingenting|inget|ingen|intet|ei mitään|"
        r"没有|沒有|无|없어요|없음|없습니다|nothing o|no o"
    ),
    re.compile(
        r"(?:nic|nie|nichts|niets|nada|nothing)\s+(?:konkretnego|szczególnego|specjalnego|takiego|besonderes|"
        r"konkretes|bijzonders|especial|en especial|concreto|specific|special)|(?:nie|nee)\s+(?:wiem|weet ik|weiß ich)|"
        r"(?:i\s+)?no (?:sabi|know)(?:\s+am)?|mafeesh(?:\s+haga)?|mafish(?:\s+haga)?|ma fee4|"
        r"(?:特に)?(?:ない|無い|なし|ありません|ないです)(?:です|でした)?(?:ね|よ)?|わからない|分からない|まだ(?:わからない|分からない)"
    ),
]
# "not yet, HR will send it": the value comes later. Only "no answer" beside a clause that says so.
_LATER = re.compile(
    r"(?:\w+\s+){0,5}(?:will|'ll|would|gonna|going to|are going to|is going to|should|can|could)\s+(?:send|email|share|give|"
    r"forward|text|pass on|get|find|grab|look up|look for|dig up|check|ask for)\s+(?:(?:me|us)\s*)?(?:it|them|one|that|those|"
    r"(?:(?:the|their|his|her)\s+)?(?:\w+\s+)?(?:details|info|information|address|contacts?|email|number))?"
    r"(?:\s+(?:later|soon|daw|po|raw|over|on|after|to me|me|tomorrow|off|from|of|on|in|the|their|his|her|my|work|one|"
    r"account|personal|office|company|a|an|website|site|"
    r"web|linkedin|email|emails|card|business card|signature|careers page|page|google|online|somewhere|myself))*"
)
_FILLER_WORDS = re.compile(
    r"^(?:(?:um+|uh+|hmm+|well|honestly|tbh|sadly|unfortunately|so|oh|ah|err?|actually|nah|no|nope|nup|i think|"
    r"i guess|i'd say)\s+)+|"
    r"(?:\s+(?:tbh|honestly|really|lol|haha|hehe|sadly|unfortunately|though|either|i'm afraid|im afraid|yet|rn|atm|"
    r"o|oh|sha|for now|right now|at the moment|sorry|thanks|thank you|mate))+$"
)


_ELSEWHERE = re.compile(
    r"(?:it'?s|its|it is|they'?re|it should be|should be)\s+(?:in|on|at)\s+(?:the|my|their|his|her|an?)\s+.+"
)


# Words said around a "no" that add nothing: a form of address, a thank-you in the user's language, and the
# sentence particles of Pidgin ("no o"), Malay and Tagalog.
_COURTESY = re.compile(
    r"\b(?:mate|bro|po|daw|raw|naman|lah|la|yaar|sis|dude|man|ta|cheers|o|thanks|thank you|thx|ty|merci|"
    r"merci beaucoup|gracias|obrigad[oa]|danke|grazie|dank je|tack|asante|salamat|terima kasih|makasih|cảm ơn|"
    r"shukran|teşekkürler|dziękuję|dzieki|dzięki|mulțumesc|multumesc|köszi|köszönöm|koszi|diolch|дякую|спасибі|спасибо|"
    r"dhonnobad|kak|sir|sah|suh|maam|ma'am)\b"
)


def means_none(text: str) -> bool:
    """An answer that says there is nothing to give ("no I didn't", "nothing from their side", "not that I
    recall", "no idea, no timeline given", "see above"): every clause of it is a "no answer" phrase."""
    s = _plain(text).replace("n/a", "na").replace("/", " ")
    if not s or s in _SKIP:
        return bool(text.strip()) and (s in _SKIP or not s)
    lowered = unicodedata.normalize("NFKC", text).casefold().replace("’", "'")
    lowered = re.sub(r"\b(?:nothin|nuthin|nuthing|nothng)\b", "nothing", lowered)  # "nothin from them no"
    parts = re.split(r"\s*(?:[,;:.!()]|\s[-–—]+\s|\s+but\s+|\s+and\s+|\s+so\s+)\s*", lowered)
    clauses = [_plain(part).replace("n/a", "na").replace("/", " ").strip(" '-") for part in parts]
    clauses = [re.sub(r"(?:(?<=\s)|^)'|'(?=\s|$)", "", c) for c in clauses]  # "just 'we'll be in touch'": a quote
    clauses = [c for c in clauses if c]
    if not clauses:
        return False
    spelt = {c: re.sub(r"(?<=\w)'d\b", " would", re.sub(r"(?<=\w)'ll\b", " will", c)) for c in clauses}
    later = [c for c in clauses if _LATER.fullmatch(spelt[c]) or _ELSEWHERE.fullmatch(c)]
    if later and len(later) < len(clauses):  # "not yet po, HR will send it": the other clauses decide
        clauses = [c for c in clauses if c not in later]
    for clause in clauses:
        clause = re.sub(r"(?:\s+(?:tbh|honestly|lol|haha|sorry|thanks))+$", "", clause)  # "no idea tbh"
        clause = re.sub(_COURTESY, " ", clause)
        clause = " ".join(clause.split())
        if not clause:  # "merci" after "Rien,": a courtesy, no content
            continue
        bare = _FILLER_WORDS.sub("", clause).strip()
        head = next((skip for skip in _SKIP_LONGEST_FIRST if bare.startswith(skip + " ")), None)
        if head is not None and means_none(bare[len(head) :]):  # "dunno mate didnt get it"
            continue
        led = re.sub(r"^(?:(?:um+|uh+|well|honestly|tbh|so|oh|ah|nah|no|nope|nup)\s+)+", "", clause)  # "nope not yet"
        if clause in _SKIP or bare in _SKIP or led in _SKIP or (not bare and clause):
            continue
        if not any(p.fullmatch(bare) or p.fullmatch(clause) for p in _NONE_CLAUSES):
            unsaid = re.sub(r"\s+(?:no|nope|nah)$", "", bare)  # "nothing from them no": the "no" said again last
            if unsaid == bare or not (unsaid in _SKIP or any(p.fullmatch(unsaid) for p in _NONE_CLAUSES)):
                return False
    return True


def later_only(text: str) -> bool:
    """ "she'll send it later", "will find it on linkedin": the value comes later, and nothing else is said."""
    s = re.sub(r"(?<=\w)'ll\b", " will", _plain(text).replace("/", " "))  # "she'll send it later"
    s = re.sub(r"(?<=\w)'d\b", " would", s)  # "she said she'd email me from her work one"
    clauses = [c.strip() for c in re.split(r"\s*(?:[,;:.!]|\s+and\s+|\s+but\s+)\s*", s) if c.strip()]
    return bool(clauses) and all(_LATER.fullmatch(c) or _ELSEWHERE.fullmatch(c) for c in clauses)


def means_no_more(text: str) -> bool:
    """ "no", "nothing", "nope", "not really", "that's all", "that's everyone"...: the "no more" button."""
    s = _plain(text).removesuffix(" thank you").removesuffix(" thanks").strip(" ,")
    if s in _NO_MORE or (means_none(text) and s not in _SKIP):  # "dunno" is not "that's all"
        return True
    # "no, that's everyone", "nope that's all": a "no" in front of another "no more"
    head, _, rest = s.partition(" ")
    return head in {"no", "nope", "nah", "ok", "okay"} and rest.strip() in _NO_MORE


_NO_ONE_ELSE = re.compile(
    r"(?:(?:no|nope|nah|ok|okay|yes|yeah|yep)\s+)*(?:"
    r"(?:that'?s|that is|that was|thats)\s+(?:everyone|everybody|all of them|the lot|all the people|it for people)|"
    r"(?:everyone|everybody|all of them)|"
    r"(?:no\s*one|no-one|nobody|none|no other|no more)\s+(?:else|other|others|more|people|interviewers?|persons?)|"
    r"(?:just|only)\s+(?:him|her|them|the one|that one|those two|the two of them|the 2 of them|the two|one person)"
    r")(?:\s+(?:thanks|thank you|tbh|really|there|in the room|on the panel|in the interview|was there|were there|"
    r"was in it|came|joined|sat in|lol|haha|hehe|i think))*"
)


def means_no_one_else(text: str) -> bool:
    """ "that's everyone", "nobody else", "no that's everyone", "just her": no more people (said at the last
    question about a person, it also answers "was anyone else involved?")."""
    return bool(_NO_ONE_ELSE.fullmatch(_plain(text).replace("-", " ").strip()))


_SKIP_LAST = re.compile(
    r"(?:(?:just|pls|please|i'?ll|ill|let'?s|lets)\s+)?(?:skip|pass)(?:\s+(?:it|this|that|this one|for now|pls|please|"
    r"thanks|for the moment|on this))*"
)


def means_skip(text: str) -> bool:
    """An answer that says there is no answer ("dunno", "-", "not sure"): treat as /skip on optional fields.
    A line that ends by asking to skip ("prob jess@ something but not sure, skip for now") is a skip too: the
    half-remembered start is not a value to store."""
    s = _plain(text)
    if s in _SKIP or (not s and bool(text.strip())) or means_none(text):
        return True
    last = re.split(r"\s*(?:[,;:.!]|\s[-–—]+\s|\s+but\s+|\s+so\s+)\s*", text.casefold().replace("’", "'").strip())
    last = [_plain(part) for part in last if _plain(part)]
    return len(last) > 1 and bool(_SKIP_LAST.fullmatch(last[-1]))


_YES = {"yes", "yep", "yeah", "yup", "sure", "one more", "another", "another one", "more", "add another", "y"}
_AGREE = {"yes", "yep", "yeah", "yup", "sure", "y", "ok", "okay", "correct", "right", "that's right"}


def means_agree(text: str) -> bool:
    """A bare "yes" / "sure" / "ok": agreement, not an answer with content."""
    return _plain(text) in _AGREE


def match_label(text: str, buttons: Sequence[tuple[str, str]]) -> str | None:
    """The action of the button whose label is exactly what was typed (case and punctuation aside), or None."""
    typed = _plain(text)
    return next((action for label, action in buttons if typed and _plain(label) == typed), None)


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


# ---- "no" with a remark: "no nothing.. only hr will call for documents verification" ----------------------------
_NO_LEAD = re.compile(
    r"(?i)^\s*(?:(?:not really|not that i know|nothing|none|nada|nope|nah|naw|nup|no|na|nao|não|wala|hapana|nein|"
    r"rien)"
    r"\b[\s,.;:!-]*)+"
)
# What takes back a "no" said just before: "oh wait", "actually", "hang on", "come to think of it".
_NO_TAKEN_BACK = re.compile(
    r"(?i)^(?:(?:oh|ah|um+|erm+|hmm+)[\s,.!…]+)?(?:wait|actually|hang on|hold on|come to think of it|no wait|oh yes|"
    r"oh yeah|now that i think)\b"
)
_ONLY_LEAD = re.compile(
    r"(?i)^(?:(?:only|just|but|except|apart from|other than|besides|except that|although|though)\s+)+"
)
# A clause says something happens, rather than naming a thing: it has a verb of its own.
_CLAUSE_VERB = re.compile(
    r"(?i)\b(?:will|'ll|would|'d|gonna|going to|is|are|was|were|said|says|told|asked|did|does|has|have|had|might|may|"
    r"should|can|could|need|needs|wants|want|call|calls|contact|contacts)\b"
)
# A clause that promises a thing sent: that is an item after all ("no, but they'll send the contract").
_SENDS = re.compile(r"(?i)\b(?:send|sending|sends|email|emailing|share|sharing|give|forward|post|mail|pass on)\b")


def no_then_remark(text: str) -> str | None:
    """ "no nothing.. only hr will call for documents verification", "nah, they were lovely tho": a "no" said first and
    a remark after it that names no item; the remark ("" for none), or None when the answer is not that (no "no"
    first, or what follows names a thing: "no, only the reference letter", "nothing but they'll send the contract")."""
    s = unicodedata.normalize("NFKC", text).replace("’", "'").strip()
    lead = _NO_LEAD.match(s)
    if lead is None or lead.end() == 0:
        return None
    rest = s[lead.end() :].strip(" .,;:!-–—")
    if not rest:
        return ""
    if _NO_TAKEN_BACK.match(rest):
        return None  # "nope. oh wait – my PTCB cert #": the "no" taken back, what follows is the answer
    after_only = _ONLY_LEAD.match(rest) is not None
    bare = _ONLY_LEAD.sub("", rest).strip()
    if _SENDS.search(bare):
        return None  # "no, but they'll send the contract": a thing sent after all
    if not _CLAUSE_VERB.search(bare) and (after_only or (len(bare.split()) <= 6 and not means_none(bare))):
        return None  # "no, only the reference letter": that item
    return re.sub(r"(?i)^that\s+", "", bare)  # "just that hr will ring me": what they said


def item_after_no(text: str) -> str:
    """ "no, only the reference letter", "nothing but the signed offer": the item named after the "no" (the text as
    typed when it does not start that way)."""
    s = text.strip()
    lead = _NO_LEAD.match(s)
    if lead is None or lead.end() == 0:
        return text
    rest = s[lead.end() :].strip(" .,;:!-")
    only = _ONLY_LEAD.match(rest)
    return rest[only.end() :].strip() if only and rest[only.end() :].strip() else text


_FUTURE = re.compile(r"(?i)\b(?:will|'ll|gonna|going to|are to|is to|would|'d)\b")


def remark_next_step(remark: str) -> bool:
    """ "hr will call for documents verification": a remark after a "no" that says what happens next."""
    return bool(_FUTURE.search(remark)) and len(remark.split()) >= 3
