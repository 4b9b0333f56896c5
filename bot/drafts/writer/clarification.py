"""The clarification after a rough interview: what it is about, and the corrected point."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from bot.drafts.check import PROPER, english
from bot.drafts.writer.cleaning import _keeps_capital, drop_doubled_words, is_filler, tidy
from bot.drafts.writer.fit import as_clause
from bot.drafts.writer.perspective import Context, address, is_private
from bot.drafts.writer.sentences import note

# ---- the clarification after a rough interview -------------------------------------------------

_FAILURE = re.compile(
    r"\b(?:blanked|froze|undersold|underplayed|understated|rambled|stumbled|fumbled|messed up|botched|flustered|panicked|"
    r"forgot|didn['’]?t|did not|couldn['’]?t|could not|failed|struggled|got [\w\s-]{1,30}wrong|mixed up|"
    r"went blank|was nervous|not my best|glossed over|rushed|sold myself short|bombed|wasn['’]?t clear|"
    r"i said|i told (?:them|him|her|you)|i answered|nerves got|got nervous|i just blanked|"
    r"waffled|fluffed|flubbed|muddled|rusty|made a (?:mess|hash|pig['’]?s ear) of|went to pieces|"
    r"came across (?:as\s+)?(?:a\s+bit\s+|quite\s+|really\s+|so\s+|too\s+)?(?:nervous|flat|shy|quiet|awkward|"
    r"unsure|unprepared|disinterested|uninterested|arrogant|cold|nervy|anxious)|"
    r"was (?:so |really |very |a bit |quite |super )?(?:nervous|rubbish|terrible|awful|useless|hopeless|vague|"
    r"all over the place|a mess|a wreck|shaky|weak)|went (?:completely )?blank|was (?:a bit )?rusty)\b",
    re.IGNORECASE,
)
_TOPIC_AFTER = re.compile(
    r"(?i)\b(?:on|about|with|in|to|over|for)\s+((?:the|my|our|your|their|that|this)\s+[^,;:]+)$"
    r"|\b(?:undersold|underplayed|understated|glossed over|forgot to mention|didn['’]?t mention|fumbled|botched|"
    r"messed up|blanked on|froze on|stumbled (?:on|over)|rambled (?:on|through)|"
    r"didn['’]?t explain|did not mention|sold)\s+((?:the|my|our|your|their)\s+[^,;:]+?)(?:\s+short)?$"
    r"|\b(?:rusty|waffled|rambled|blanked|froze|stumbled|fumbled|shaky|weak|vague|rubbish|fluffed|muddled)\s+"
    r"(?:on|about|with|over|in)\s+((?!(?:it|that|this|them)\b)[a-z][\w+#.-]*(?:\s+[a-z][\w+#.-]*){0,2})$"
    r"|\b(?:fluffed|flubbed|muddled|bombed|made a (?:mess|hash) of)\s+((?:the|my)\s+[^,;:]+?)$"
)


def _first_group(found: re.Match[str]) -> str:
    """The topic a slip names, whichever of its forms matched."""
    return next((g for g in found.groups() if g), "")


_THE_ANSWER = re.compile(r"(?i)^(?:the )?(?:right |correct |better )?answer (is|would be)\b")
# "the right answer was to use a window function": what the user would do, said as theirs ("I'd use ...").
_THE_ANSWER_TO = re.compile(
    r"(?i)^(?:the|a) (?:right |correct |better |best )?(?:answer|approach|way|solution) "
    r"(?:was|is|would (?:have )?been|would be|would have been) to (?P<rest>\w.*)$"
)
_FORGOT_THAT = re.compile(
    r"(?i)^(?:i\s+)?(?:forgot|didn['’]?t get|did not get|never got)\s+to\s+(?:mention|say|tell (?:them|him|her))\s+"
    r"(?:that\s+)?(?P<rest>I(?:['’]m|['’]ve|\s).+)$"
)
# "told them i had no rail experience, forgot i did 6 months as a platform assistant": the slip, then what was
# forgotten, said as a fact of its own ("forgot (that) I did ...", not "forgot to ...").
_FORGOT_FACT = re.compile(
    r"(?i)^(?:I\s+)?(?:said|told\s+(?:them|him|her|you))\s+[^,;]+?(?:,\s*|;\s*|\s+but\s+)(?:but\s+)?(?:I\s+)?"
    r"forgot\s+(?:that\s+)?(?P<rest>I\s+(?:did|had|have|was|worked|ran|led|used|spent|hold|held)\b.+)$"
)
# "when omar asked about ice dams i mixed it up, i meant proper ventilation": the topic, and what was meant.
_ASKED_SLIP_MEANT = re.compile(
    r"(?i)^when\s+\S+\s+asked\s+(?:me\s+)?(?:about|on)\s+(?P<topic>[^,;]+?)\s+I\s+(?!said\b)[^,;]+?"
    r"(?:,\s*|;\s*|\s+but\s+)(?:but\s+)?(?:what\s+)?I\s+meant\s+(?:was\s+|to\s+say\s+)?(?P<right>[^;]+?)\s*$"
)
# Typing corrected as it went ("300, no wait its more like 200"): the words that say so are no part of the note.
_SELF_CORRECTED = re.compile(r"(?i),?\s*\b(?:no\s+wait|wait\s+no|scratch\s+that)\b,?\s*")
_SAID_NOT = re.compile(
    r"(?i)\bI (?:said|told (?:them|him|her|you))\s+(?:that\s+)?I\s*"
    r"(?:(?:had ?n['’]?t|had not|had never|have never|haven['’]?t|didn['’]?t|did not|never|could ?n['’]?t|['’]d never)\s+"
    r"(?:used|done|worked with|taught|run|led|managed|touched|tried|had|installed|built|made|cooked|seen)"
    r"|(?:had|have)\s+no|(?:didn['’]?t|did not|don['’]?t|do not)\s+have)"
    r"\s+(?P<what>[^,;.]+?)(?=\s+but\b|[,;.]|$)"
)
# "i told her i hadnt used relativity but i have, on 2 cases", "i said i wasnt 18th edition qualified but i am,
# passed it in march": the slip denied what is true, and the correction only says so; the true sentence, whole.
_ELLIPTIC = re.compile(
    r"(?i)^(?:when\s+\S+\s+asked\s+(?:me\s+)?(?:about|on)\s+(?P<topic>[^,;]+?)\s+)?"
    r"(?:I\s+)?(?:said|told (?:them|him|her|you))\s+(?:that\s+)?I\s*"
    r"(?P<neg>wasn['’]?t|was not|am not|['’]m not|had ?n['’]?t|had not|haven['’]?t|have not|didn['’]?t|did not|"
    r"don['’]?t|do not|could ?n['’]?t|could not|can['’]?t|cannot|['’]d never|had never|have never|['’]ve never|never)\s+"
    r"(?P<what>(?!a\s+clue\b)[^,;.–—]+?)\s*(?:,\s*|\s*[–—]\s*|\s+-\s+|\s+)(?:but\s+|and\s+)?(?:actually\s+)?"
    r"I\s+(?:actually\s+)?(?:really\s+)?"
    r"(?P<aux>am|was|have|had|do|did|can|could)(?:\s+actually)?(?:\s*[,;:]\s*(?:and\s+)?(?P<rest>[^;]+?))?\s*$"
)
_PREPOSITION = re.compile(r"(?i)^(?:on|in|at|for|with|since|from|during|across|over|by|as|via|through)\b")
_PAST = re.compile(r"(?i)^(?:passed|did|got|ran|led|used|worked|qualified|finished|completed|trained|managed|have|hold|"
                   r"still|\w+ed)\b")  # fmt: skip


# What was done, after "have" ("I have used", "I have done"): a past participle.
_DONE = re.compile(
    r"(?i)^(?:\w+ed|done|been|run|taught|seen|made|built|driven|had|held|written|taken|given|sat|spent|won|known|"
    r"flown|grown|shown|kept|met|gone|led|got|gotten|worn|drawn|ridden|sung|swum|spoken|done)\b"
)


def _elliptic(typed: str, ctx: Context) -> Clarification | None:
    """ "I said I wasn't 18th edition qualified but I am, passed it in March" -> "I am 18th edition qualified and
    passed it in March"; "I told her I hadn't used Relativity but I have, on 2 cases" -> "I have used Relativity
    on 2 cases"."""
    found = _ELLIPTIC.match(typed)
    if found is None:
        return None
    what = found["what"].strip()
    if "never" in found["neg"].lower() and found["aux"].lower() in {"have", "had"} and not _DONE.match(what):
        return None  # "I said I'd never X, I have": only a past doing reads after "I have"
    point = f"I {found['aux'].lower()} {what}"
    rest = (found["rest"] or "").strip(" .")
    if rest:
        if re.match(r"(?i)^I\b", rest):
            point += f"; {rest}"
        elif _PREPOSITION.match(rest):
            point += f" {rest}"
        elif _PAST.match(rest):
            point += f" and {rest}"
        else:
            point += f" ({rest})"
    topic = address(found["topic"].strip(), ctx, things=True) if found["topic"] else ""
    return Clarification(topic, address(point, ctx, things=True))


# "she asked about kafka and i said ...", "he asked about ev chargers and i blanked": told as "when she asked
# about kafka i said ...", the form the rules below read.
_ASKED_AND = re.compile(
    r"(?i)^(?:when\s+)?(?P<who>she|he|they|[a-z]+)\s+asked\s+(?:me\s+)?(?P<prep>about|on)\s+(?P<topic>[^,;]+?)\s+"
    r"(?:and\s+|,\s*)(?=I\b)"
)
# "she asked if i can do nights, yes i can do nights": the question asked is the slip; the answer is the point.
_ASKED_IF = re.compile(
    r"(?i)^(?:when\s+)?(?:she|he|they|[a-z]+)\s+asked\s+(?:me\s+)?(?:if|whether)\s+[^,;]+[,;]\s*(?:and\s+)?"
    r"(?:(?:yes|yeah|yep|well)\b[,\s]*)?(?:the\s+answer\s+is\s+(?:yes|yeah)\b[,\s]*)?(?=\S)"
)
# What the interviewer asked about, when the note starts with it ("when she asked about phonics i blanked, ..."):
# the topic of the point, when no rule below found one.
_ASKED_TOPIC = re.compile(
    r"(?i)^when\s+\S+\s+asked\s+(?:me\s+)?(?:about|on)\s+(?P<topic>(?:(?!\bI\b)[^,;])+?)\s*(?:\bI\b|[,;])"
)
# "undersold behaviour management, my class had ...": what was undersold, with no article before it.
_UNDERSOLD = re.compile(
    r"(?i)^(?:I\s+)?(?:undersold|underplayed|understated|glossed over|didn['’]?t do justice to|sold short)\s+"
    r"(?P<topic>(?:my\s+)?[a-z][\w-]*(?:\s+[a-z][\w-]*){0,3})\s*[,;:]\s*(?P<rest>\S.*)$"
)
_MISSED = re.compile(r"(?i)\b(?:forgot to mention|didn['’]?t mention|did not mention|never mentioned)\b")
# "the point was I escalated within 24 hours": the point itself
_THE_POINT = re.compile(
    r"(?i)^the\s+point\s+(?:was|is)\s+(?:that\s+)?|^(?:what\s+)?(?:i\s+)?meant\s+(?:to\s+say|was)\s+(?:that\s+)?"
    r"|^(?:i\s+)?(?:should(?:\s+have|['’]ve|a)|wanted\s+to|meant\s+to)\s+(?:said|say|mention(?:ed)?)\s+(?:that\s+)?"
)
# Where the corrected point starts after the slip ("..., the point was ...", "..., i meant to say ..."): what came
# before it is the slip and the self-reproach, not something to tell the reader.
_CORRECTION = re.compile(
    r"(?i)(?:[,;:.]\s*|\s[-–—]\s)(?=(?:but\s+)?(?:the\s+point\s+(?:was|is)|(?:what\s+)?i\s+meant\s+(?:to\s+say|was))\b)"
)
# What the slip was about, named in the dropped clause ("i did the whole excel test in german"): the topic.
_ASSESSMENT = re.compile(
    r"(?i)\bthe\s+(?:whole\s+)?(?P<what>(?:[a-z]+\s+){0,2}(?:test|lesson|task|question|exercise|presentation|"
    r"case study|demo|assessment|role play|scenario|interview))\b"
)
# A self-reproach typed in the heat of the moment ("like an idiot", "ffs"): its clause is left out.
_REPROACH = re.compile(r"(?i)\b(?:like an? (?:idiot|fool|moron|muppet|amateur)|ffs|wtf|omg|fml|smh|ugh)\b")
_ACTUALLY = re.compile(r"(?i)^actually\b,?\s*|\s+actually\b,?")  # "I've actually run ...": the point, not the word
_APOLOGY = re.compile(r"(?i)^(?:sorry|unfortunately|honestly|sadly|i think|i guess|to be honest)(?:[,\s]+|$)")
_CLAUSE_SPLIT = re.compile(
    r"\s*(?:;|:|\s[-–—]\s|—|\.\s|,\s*(?:but|so|and)\s|\bbut\b"
    r"|,\s*(?=nerves\b|i just\b|just not\b(?!\s+as)|i was (?:so )?nervous\b)"
    r"|,\s*(?=(?:the|my|a better|the right|the correct)\s+answer\b|i['’]d\s|i would\s|it should\s|what i meant\b"
    r"|the\s+point\s+(?:was|is)\b|answer\s+(?:is|was|would\s+be)\b"
    r"|(?:the|a)\s+(?:right|correct|better|best)\s+(?:answer|approach|way|solution)\b"
    r"|i['’](?:ve|m)\s|i (?!(?:think|guess|mean|suppose|reckon|said|told)\b)[a-z]{2,}\b|we\s|we['’]|our\s"
    r"|(?:did|worked|ran|spent|led|volunteered|taught|managed|trained|coached|used)\s"
    r"|actually\b))\s*",
    re.I,
)


# What the note is about, typed first and set off by a dash or colon ("the incident at my old job - ...").
_HEAD_TOPIC = re.compile(r"(?i)^(?P<topic>(?:the|my|that|this)\s+[^.,;:–—-]{3,60}?)\s*(?:\s[-–—]\s|:\s)")
# What the user means to do about it, not something to tell the reader ("want to correct that").
_INTENT = re.compile(
    r"(?i)^(?:i\s+)?(?:want(?:ed)?|need|have|going)\s+to\s+(?:correct|fix|send|clarify|tell|explain|set)\b"
    r"|\bbefore (?:they|you|she|he) think|\bcame out (?:completely |all )?wrong\b|\bi reckon\b"
)
_NEGATED = re.compile(r"(?i)^I (?:wasn['’]?t|was not|didn['’]?t|did not|never|haven['’]?t|have not)\b")
# "I said 40 staff did them last year, it was actually 62": the slip and the right figure or word.
_SAID_BUT = re.compile(
    r"(?i)^(?:when\s+\S+\s+asked\s+(?:me\s+)?(?:about|on)\s+(?P<topic>[^,;]+?)\s+)?"
    r"(?:I\s+)?(?:said|told (?:them|him|her|you))\s+(?:that\s+)?"
    r"(?P<wrong>[^;]+?)\s*(?:,\s*|\s+but\s+|;\s*|\.\s+)(?:(?:but|and)\s+)?"
    r"(?:(?:(?:it|that)\s*(?:was|['’]s|is)|its)\s+(?:actually\s+|really\s+)?(?:more\s+(?:like\s+)?|closer\s+to\s+)?"
    r"|(?:actually|really)\s+(?:it['’]?s\s+)?)"
    r"(?P<right>(?:[^.;,]|[.,](?=\d))+?)(?:\s+(?:across|in|over|for)\s+(?P<more>[^.;,]+))?"
    r"(?=[.;,](?!\d)|$)"
)
# "jan", "feb" in a corrected date: the month written out ("I could start in February rather than January").
_MONTHS = {
    "jan": "January", "feb": "February", "mar": "March", "apr": "April", "jun": "June", "jul": "July",
    "aug": "August", "sep": "September", "sept": "September", "oct": "October", "nov": "November", "dec": "December",
}  # fmt: skip
_MONTH = re.compile(r"(?i)\b(?:" + "|".join(_MONTHS) + r")\b\.?")
# "I said I had 5 years" told back in the email: what holds now ("I have 7 years in retail, not 5").
_BACKSHIFT = re.compile(r"^I had (?=\d|(?:a|an|over|nearly|almost|about)\s)")


def _months(text: str) -> str:
    return _MONTH.sub(lambda m: _MONTHS[m.group(0).rstrip(".").lower()], text)


_NUMBER = re.compile(r"\b\d+(?:[.,]\d+)?%?")
# "when rafael asked salary i said R$ 4.500 but i meant as CLT": the figure said and what it meant, together.
_SAID_MEANT = re.compile(
    r"(?i)^(?:when\s+[^,;]*?\s+)?I said\s+(?P<wrong>[^,;.]+?(?:[.,]\d[^,;.]*?)?)\s*(?:,\s*|\s+)(?:but\s+)?(?:I\s+)?meant\s+"
    r"(?P<right>(?:[^.;,]|[.,](?=\d))+)"
)
# A later sentence on another matter ("and for the swim test ..."): not part of the point about the topic.
_OTHER_MATTER = re.compile(r"(?i)^(?:and\s+|also\s+)*(?:for|on|about|as for|re|regarding)\s+(?:the|my)\s+\w+")
# "..., just not on a live case": the limit of the point, kept with it.
_LIMIT = re.compile(r"(?i)^(?:just|but|though|only)?\s*not\s+(?:on|in|at|for|with|as|yet|during)\b")


def _meant(clean: str) -> str:
    found = _SAID_MEANT.search(clean)
    if found is None:
        return clean
    wrong, right = found["wrong"].strip(), found["right"].strip()
    said = (
        f"The {wrong} I mentioned was meant {right}"
        if re.match(r"(?i)(?:as|for|per|including|before|after)\b", right)
        else f"By {wrong} I meant {right}"
    )
    return said + clean[found.end() :]


def _swapped(clean: str, ctx: Context) -> Clarification | None:
    """A slip corrected in the user's words, the right point first: "I said 40 staff did them, it was actually
    62" -> "62 staff did them, not 40"; "I said I've done TDM for vancomycin but it was gentamicin" -> "I've
    done TDM for gentamicin, not vancomycin"."""
    found = _SAID_BUT.search(clean)
    if found is None:
        return None
    wrong, right = found["wrong"].strip(), re.sub(r"\s*\([^)]*\)?", "", found["right"]).strip()
    more = f" across {found['more'].strip()}" if found["more"] else ""
    old_number, new_number = _NUMBER.search(wrong), _NUMBER.match(right)
    named = _NAMED_AS.match(wrong)
    if named and not old_number:  # "I said Python was my main language, it's actually Go": what is, not what was
        if named["said"][:1].isupper() and right[:1].islower():
            right = right[:1].upper() + right[1:]  # a name said ("Python"), a name meant ("Go")
        point = f"{named['what']} is {right}{more}, not {named['said']}"
    elif old_number and new_number:
        point = f"{wrong[: old_number.start()]}{new_number.group(0)}{wrong[old_number.end() :]}{more}, not {old_number.group(0)}"
    elif len(right.split()) <= 3 and len(wrong.split()) > len(right.split()) and _like_for_like(wrong, right):
        old = " ".join(wrong.split()[-len(right.split()) :])
        point = f"{' '.join(wrong.split()[: -len(right.split())])} {right}, not {old}"
    else:
        return None
    if re.match(r"\d", point):  # "3 yrs of ifrs" said, "5" meant: "I have 5 years of IFRS experience, not 3"
        said, _, rest = point.partition(", not ")
        clause = as_clause(said)
        if clause and clause.startswith("I have ") and rest:
            years = re.fullmatch(r"I have \d+ years of (?!.*experience$).+", clause)
            point = f"{clause}{' experience' if years else ''}, not {rest}"
    topic = address(found["topic"].strip(), ctx, things=True) if found["topic"] else ""
    return Clarification(topic, address(_BACKSHIFT.sub("I have ", _months(point)), ctx, things=True))


# "Python was my main language" said: the thing named, and what it was named as.
_NAMED_AS = re.compile(r"(?i)^(?P<said>[\w+#.-]+)\s+(?:was|is)\s+(?P<what>(?:my|our|the)\s+[^,;]+)$")


def _like_for_like(wrong: str, right: str) -> bool:
    """Whether the right words stand for the last words of the wrong ones: one word for one ("b2" -> "c1"), or
    words sharing one ("in jan" -> "in feb"), never a clause of its own ("go these days")."""
    said, meant = wrong.lower().split(), right.lower().split()
    return len(meant) == 1 or bool(set(said[-len(meant) :]) & set(meant))


# "when she asked about budgets i said i managed 50k, meant 500k": the sentence said, with the figure meant.
_SAID_FIGURE = re.compile(
    r"(?i)^(?:when\s+\S+\s+asked\s+(?:me\s+)?(?:about|on)\s+(?P<topic>[^,;]+?)\s+)?I said\s+(?:that\s+)?"
    r"(?P<wrong>I\s(?:[^,;.]|[.,](?=\d))*?\d(?:[^,;.]|[.,](?=\d))*?)\s*(?:,\s*|\s+)(?:but\s+)?(?:I\s+)?meant\s+"
    r"(?P<right>\d[\d.,]*\s*%?)\s*$"
)


# "when annelie asked about materiality i said 5% of revenue, meant 5% of profit before tax": the topic asked
# about, and what was meant, leading.
_ASKED_MEANT = re.compile(
    r"(?i)^when\s+\S+\s+asked\s+(?:me\s+)?(?:about|on)\s+(?P<topic>[^,;]+?)\s+I said\s+(?:that\s+)?"
    r"(?P<wrong>(?:[^,;.I]|[.,](?=\d))[^,;]*?)\s*(?:,\s*|\s+)(?:but\s+)?(?:I\s+)?meant\s+(?P<right>[^,;]+?)\s*$"
)


def _said_figure(clean: str, ctx: Context) -> Clarification | None:
    asked = _ASKED_MEANT.match(clean)
    if asked and not re.match(r"(?i)(?:as|for|per|including|before|after)\b", asked["right"]):
        point = f"I meant {asked['right'].strip()}, not {asked['wrong'].strip()}"
        return Clarification(address(asked["topic"].strip(), ctx, things=True), address(point, ctx, things=True))
    found = _SAID_FIGURE.match(clean)
    old = _NUMBER.search(found["wrong"]) if found else None
    if found is None or old is None or len(_NUMBER.findall(found["wrong"])) != 1:
        return None
    wrong, right = found["wrong"].strip(), found["right"].strip()
    point = f"{wrong[: old.start()]}{right}{wrong[old.end() :]}, not {old.group(0)}"
    topic = address(found["topic"].strip(), ctx, things=True) if found["topic"] else ""
    return Clarification(topic, address(_BACKSHIFT.sub("I have ", point), ctx, things=True))


# "the coaching question", "sa coaching question" (the article of another language): what a slip was about.
_QUESTION_NAMED = re.compile(r"(?i)(?:\bthe\s+)?\b[a-z][\w-]*\s+(?:question|q)$")


def _another_language(words: str) -> bool:
    """Whether a clause is typed in another language: two words or more, most of them not English."""
    found = re.findall(r"[^\W\d_]+", words)
    foreign = [w for w in found if not english(w)]
    return len(foreign) >= 2 and len(foreign) * 2 > len(found)


_ONE_TO_ONE = re.compile(r"\b1[-:]1s?\b|\b1 on 1s?\b")
# What the user would do ("I'd handle it by talking to them"): "them" is the people the question was about.
_WOULD = re.compile(r"(?i)^I(?:['’]d|\s+would)\b")


def _their_people(point: str, typed: str) -> str:
    """ "I'd handle it by talking to them 1-1 first": the people in the question, never the reader ("you")."""
    if not _WOULD.match(point):
        return point
    for found in re.finditer(r"(?i)\b(to|with) them\b", typed):
        point = re.sub(rf"\b{found.group(1)} you\b", f"{found.group(1)} them", point, count=1)
    return point


@dataclass(frozen=True, slots=True)
class Clarification:
    topic: str  # what it is about ("the system design question"), or ""
    point: str  # the corrected point ("I'd put a queue in front of the booking writes"), or ""
    missed: bool = False  # the topic never came up ("I forgot to mention my AWS certification")


# "(i) said i had cctv experience, meant i did the cctv course(, not ...)": a thing claimed, and what was meant by it.
_HAD_MEANT = re.compile(
    r"(?i)^(?:I\s+)?said\s+(?:that\s+)?I\s+(?:had|have)\s+(?P<wrong>(?!\d)[^,;.]+?)\s*(?:,\s*|\s+)(?:but\s+)?(?:I\s+)?"
    r"meant\s+(?:that\s+)?(?P<right>I\s+(?!meant\b)[^,;.]+?)(?:\s*,\s*(?:and\s+|but\s+)?not\s+[^,;.]+)?\s*$"
)


# A remark about the slip after the point ("i said it wrong", "need to fix that", "pls fix that", "annoying", "prob
# doesnt matter but"): the user's note to themselves.
_SLIP_REMARK = re.compile(
    r"(?i)(?:[,.;:!–—-]+\s*|\s+(?=(?:pls|plz|please|need\s+to|i\s+said\s+it)\b))(?:(?:i|I)\s+(?:said|got)\s+it\s+wrong|(?:i\s+)?need\s+to\s+(?:fix|correct)\s+(?:that|this|it)|"
    r"(?:pls|plz|please)\s+(?:fix|correct)(?:\s+(?:that|this|it))?|annoying|so\s+annoying|ugh+|my\s+bad|oops|"
    r"prob(?:ably)?\s+doesn'?t\s+matter(?:\s+but)?|not\s+a\s+big\s+deal|whatever)\W*$"
)
# A remark about how the slip happened, with whatever follows it ("68% not 86% oops typed it in my head backwards",
# "start date is the 15th, my bad i flipped the numbers", "B1 not B2 brain fart"): the user's note to themselves.
_SLIP_TAIL = re.compile(
    r"(?i)(?<=[\w%)])[\s,.;:!–—-]+(?:oops+|whoops+|my\s+bad|brain\s+fart|doh|(?:i\s+)?(?:typed|flipped|swapped|mixed"
    r"\s+up)\s+(?:it|them|the\s+(?:numbers|digits|dates))\b)(?:\W.*)?$"
)
# The point first, then that it was forgotten: "i do have X, forgot to say", "X - they asked about towing and i forgot
# to mention it".
_FORGOT_AFTER = re.compile(
    r"(?i)^(?P<point>(?!forgot\b).+?)\s*[,.;:–—-]+\s*(?:(?:they|he|she|we)\s+(?:asked|talked)\s+(?:me\s+)?about\s+[^,.;]+?"
    r"\s+and\s+)?(?:i\s+)?(?:totally\s+|completely\s+)?forgot\s+to\s+(?:mention|say|tell\s+(?:them|him|her))"
    r"(?:\s+(?:it|that|this))?$"
)


# "said X, i meant Y" where Y, a few words, replaces the like words of X ("stage 2" -> "stage 4").
_SAID_MEANT_PART = re.compile(
    r"(?i)^(?:i\s+)?said\s+(?:that\s+)?(?P<wrong>[^,;.]{6,}?)\s*[,.;–—-]+\s*(?:but\s+)?(?:i\s+)?meant\s+"
    r"(?P<right>(?:(?!lol\b|haha\b|tbh\b)[\w'’-]+\s+){0,2}(?!lol\b|haha\b|tbh\b)[\w'’%.-]+)(?:\s+(?:lol|haha|tbh|ngl|oops))*$"
)


def _part_replaced(wrong: str, right: str) -> str | None:
    """ "phosphate restriction starts at ckd stage 2" + "stage 4" -> "phosphate restriction starts at ckd stage 4, not
    stage 2": the words of `right` but its last found in `wrong`, the word after them replaced; None when not so."""
    words = right.split()
    lead = r"\s+".join(re.escape(x) for x in words[:-1])
    pattern = rf"(?i)\b{lead}\s+([\w'’%.-]+)\b" if lead else None
    if pattern is None:
        found = re.search(r"\b(\d[\w%.,]*)\b(?!.*\b\d)", wrong) if re.match(r"\d", words[-1]) else None
        if found is None:
            return None
        start, end, old = found.start(1), found.end(1), found.group(1)
        return f"{wrong[:start]}{words[-1]}{wrong[end:]}, not {old}"
    found = list(re.finditer(pattern, wrong))
    if not found or found[-1].group(1).lower() == words[-1].lower():
        return None
    m = found[-1]
    old = wrong[m.start() : m.end()]
    return f"{wrong[: m.start()]}{right}{wrong[m.end() :]}, not {old}"


@lru_cache(maxsize=1024)
def clarification(text: str | None, ctx: Context) -> Clarification | None:
    """Split a rough-interview note into what it is about and the corrected point; drop the self-reproach."""
    if text is None or is_filler(text):
        return None
    typed = _SELF_CORRECTED.sub(", ", tidy(drop_doubled_words(text)).rstrip(".!"))
    typed = re.sub(r"\s*[\U0001F300-\U0001FAFF\u2600-\u27BF\uFE0F\u200D]+", "", typed)  # "🤦 pls fix that"
    typed = re.sub(r"\bI\s+(DO|DID|AM|HAVE|CAN)\b", lambda m: f"I {m[1].lower()}", typed)  # "i DO have": said
    for _ in range(3):  # "..., i said it wrong", "... pls fix that": about the slip, never the reader's to read
        typed = _SLIP_TAIL.sub("", _SLIP_REMARK.sub("", typed)).rstrip(" ,.!")
    typed = _chat_words(typed)  # "tbh i kinda waffled ... lol": the slip and the point, without the chat
    swapped_part = _SAID_MEANT_PART.match(typed)
    if swapped_part:  # "said it starts at stage 2, i meant stage 4": "it starts at stage 4, not stage 2"
        said = _part_replaced(swapped_part["wrong"], swapped_part["right"])
        if said is not None:
            return Clarification("", address(said, ctx, things=True))
    told_late = _FORGOT_AFTER.match(typed)
    if told_late:  # "i do have a full licence, they asked about towing and i forgot to say": the point, added
        typed = f"forgot to mention {told_late['point'].strip()}"
    typed = _ASKED_IF.sub("", typed)  # "she asked if i can do nights, yes i can": the answer
    typed = _ASKED_AND.sub(lambda m: f"when {m['who']} asked {m['prep']} {m['topic']} ", typed)
    asked_about = _ASKED_TOPIC.match(typed)
    undersold = _UNDERSOLD.match(typed)
    if undersold:  # "undersold behaviour management, my class had ...": what was undersold, then the point
        inner = clarification(undersold["rest"], ctx)
        if inner is not None and inner.point and not inner.topic:
            return Clarification(_topic_written(undersold["topic"], ctx), inner.point)
    elliptic = _elliptic(typed, ctx)
    if elliptic is not None:  # "i said i wasnt 18th edition but i am": the true sentence, whole
        return elliptic
    slip = _ASKED_SLIP_MEANT.match(typed)
    if slip:  # "when omar asked about ice dams i mixed it up, i meant ...": "On ice dams, I meant ..."
        return Clarification(
            address(slip["topic"].strip(), ctx, things=True), address(f"I meant {slip['right']}", ctx, things=True)
        )
    forgot = _FORGOT_FACT.match(typed)
    if forgot:  # "told them i had no rail experience, forgot i did 6 months ...": the fact, as something to add
        return Clarification("", address(forgot["rest"], ctx, things=True), True)
    had = _HAD_MEANT.match(typed)
    if had:  # "said i had cctv experience, meant i did the cctv course": what the words meant, in one sentence
        return Clarification(
            "", address(f"by {had['wrong'].strip()}, I meant that {had['right'].strip()}", ctx, things=True)
        )
    figure = _said_figure(typed, ctx)
    if figure is not None:  # "i said i managed 50k, meant 500k": "I managed 500,000, not 50,000"
        return figure
    clean = _meant(typed)
    forgot = _FORGOT_THAT.match(clean)
    if forgot:  # "forgot to mention I have my own car": the point itself, as something to add
        return Clarification("", address(forgot["rest"], ctx, things=True), True)
    swapped = _swapped(clean, ctx)
    if swapped is not None:
        return swapped
    topic, points, missed = "", [], False
    corrected = list(_CORRECTION.finditer(clean))
    if corrected:  # "i did the demo too fast ffs, the point was to get them talking": the point only
        slip, clean = clean[: corrected[-1].start()], re.sub(r"(?i)^but\s+", "", clean[corrected[-1].end() :])
        named, failed = _ASSESSMENT.search(slip), _FAILURE.search(slip) and _TOPIC_AFTER.search(slip)
        if failed:  # "i didnt explain the child protection case well": what the slip was about
            topic = re.sub(
                r"(?i)\s+(?:very\s+)?(?:well|properly|clearly|enough)$",
                "",
                _first_group(failed).strip(),
            )
        elif named:
            topic = f"the {named['what']}"
    head = _HEAD_TOPIC.match(clean)
    if head:  # "the incident at my old job - I wasn't the one ...": what it is about, then the point
        topic, clean = head["topic"].strip(), clean[head.end() :]
    topic_sentence, point_sentences = -1, set()
    for n, sentence in enumerate(re.split(r"(?<=[.!?])\s+", clean)):
        for part in _CLAUSE_SPLIT.split(sentence):
            part = _ACTUALLY.sub("", _APOLOGY.sub("", part.strip(" ,.")).strip()).strip()
            asked = _QUESTION_NAMED.search(part)
            if asked and _another_language(part[: asked.start()]):
                # "nablanko ako sa coaching question": the slip, typed in another language; what it was about
                topic = topic or asked.group(0).strip()
                continue
            pointed = _THE_POINT.match(part)
            if pointed and not re.match(r"(?i)to\s", part[pointed.end() :]):
                part = part[pointed.end() :]  # "the point was I escalated": the point; "the point was to ...": kept
            if not part or is_filler(part) or is_private(part, ctx) or _INTENT.search(part):
                continue
            if _REPROACH.search(part):  # the slip with a swear or an insult at oneself: what it was about only
                named = _ASSESSMENT.search(part)
                topic = topic or (f"the {named['what']}" if named else "")
                kept = [p.strip() for p in re.split(r",\s*", part) if p.strip() and not _REPROACH.search(p)]
                if not kept:
                    continue
                part = ", ".join(kept)
            if _FAILURE.search(part):
                found = _TOPIC_AFTER.search(part)
                if found and not topic:
                    topic = re.sub(
                        r"(?i)\s+and\s+(?:panicked|froze|blanked|stumbled)\b.*$|\s+(?:very\s+)?(?:well|properly|clearly|enough)$",
                        "",
                        _first_group(found).strip(),
                    )
                    missed = bool(_MISSED.search(part))
                    topic_sentence = n
            elif head and points and _OTHER_MATTER.match(part):
                break  # "the group task - ... and for the swim test ...": one matter per clarification
            elif points and _LIMIT.match(part):
                points[-1] = f"{points[-1]}, {part[0].lower()}{part[1:]}"
            elif points and _NEGATED.match(part) is None and _NEGATED.match(points[-1]):
                points[-1] = part  # "I wasn't the one who worked live, I was the one who stopped the job": the fact
            else:
                if _NO_SUBJECT.match(part) and (topic or any(_FAILURE.search(p) for p in _CLAUSE_SPLIT.split(clean))):
                    part = f"I {part}"  # "undersold my experience w/ kids, did 3 yrs at a nursery": I did ...
                points.append(part)
                point_sentences.add(n)
    if topic_sentence >= 0 and points and points[0].startswith("I ") and topic_sentence not in point_sentences:
        topic = ""  # a slip told in a sentence of its own ("I just blanked on the German word") is no topic
    if not topic and not points:
        return None
    said = _SAID_NOT.search(clean)
    if said and points:  # "I said I hadn't used Opera PMS ... I used it daily": "I used Opera PMS daily"
        named = re.sub(
            r"(?i)^(I(?:['’]ve)?\s+(?:\w+\s+){0,2}?)(?<!\bof\s)(?:it|them)\b",
            lambda m: m.group(1) + said["what"],
            points[0],
            count=1,
        )
        if named == points[0] and not topic:  # "... no NHS experience, I did 6 months on NHS wards": on NHS experience
            topic = said["what"].strip()
        points[0] = named
    if not topic and asked_about and points:  # "when she asked about phonics i blanked, i trained ...": on phonics
        topic = asked_about["topic"].strip()
    point = ""
    if points:
        chosen = note(". ".join(points), ctx, 28, things=True)
        point = chosen.after_colon() if not chosen.empty else ""
        to = _THE_ANSWER_TO.match(point)
        if to:  # "the right answer was to use X" -> "I'd use X"
            point = "I'd " + to["rest"]
        point = _THE_ANSWER.sub(r"my answer \1", point)  # "the answer is X" after a slip: the user's own answer
        point = _ANSWER_VERB.sub(r"\1to ", point)  # "my answer is report to the DSL": "... is to report ..."
        point = _BY_FIGURE.sub(r"\1 by ", point)  # "we cut costs 12%": "we cut costs by 12%"
        point = re.sub(r"\b(\d+)\s*yrs?\b", lambda m: f"{m[1]} year{'' if m[1] == '1' else 's'}", point)
        years = re.match(r"(?i)^I have (\d[^,;]*)$", point)
        said = as_clause(years.group(1)) if years else None
        if said and said.startswith("I have "):
            point = said  # "I have 3 years post-op rehab" -> "I have 3 years of post-op rehab experience", as the fit says it
        point = _their_people(point, ". ".join(points))
        point = _ONE_TO_ONE.sub(lambda m: "one-to-ones" if m.group(0).endswith("s") else "one-to-one", point)
    point = _NOT_FIGURE.sub(r"\1, not \2", point)  # "my notice period is 1 month not 3": "..., not 3"
    topic = _topic_written(topic, ctx)
    if topic and point and _NAME_ONLY.fullmatch(topic):
        # "rusty on Excel but I use it daily for rotas": "it" is Excel ("I use Excel daily for rotas")
        point = re.sub(
            r"^(I(?:['’]ve)?\s+(?:\w+\s+){0,2}?)(?:it|them)\b",
            lambda m: m.group(1) + PROPER.get(topic.lower(), topic),
            point,
            count=1,
        )
    if topic and point and _said_in(topic, point):
        topic = ""  # "on disclosure, I managed disclosure on 2 cases": the point names it already
    if not point and not topic:
        return None
    if not point and not missed and not _STRENGTH.search(typed):
        return None  # "messed up the maths test": self-criticism with no point, never told to the reader
    return Clarification(topic, point, missed and not point)


# Chat words around the slip ("tbh", "lol", "kinda", "i think"): never part of what the reader is told.
_CHAT_LEAD = re.compile(r"(?i)^(?:(?:tbh|ngl|honestly|to be honest|lol|ok|okay|so|um+|erm+|yeah|i think|i guess|"
                        r"i reckon|i feel like|pretty sure)\b[,\s]*)+")  # fmt: skip
_CHAT_INNER = re.compile(r"(?i)\s*\b(?:lol|lmao|haha+|tbh|ngl|smh)\b\s*(?=[,;.!]|\s+(?:but|and)\b|$)")
_HEDGE = re.compile(
    r"(?i)\b(?:kinda|kind of|sort of|sorta|a bit|a little|slightly)\s+(?=\w+ed\b|rusty\b|came\b|went\b)"
)


def _chat_words(typed: str) -> str:
    typed = _CHAT_INNER.sub(" ", _CHAT_LEAD.sub("", typed)).strip(" ,")
    typed = re.sub(r"\s+([,;.])", r"\1", re.sub(r"\s{2,}", " ", _HEDGE.sub("", typed)))
    return typed[:1].upper() + typed[1:] if typed[:1] == "i" and typed[1:2] in {" ", "'", "’"} else typed


# The slips that say the point is a strength the user has ("undersold my drafting"): what it was about is worth a
# line even without the point; other slips ("messed up the maths test") say nothing to the reader.
_STRENGTH = re.compile(
    r"(?i)\b(?:undersold|underplayed|understated|glossed over|sold (?:myself|it|that) short|didn['’]?t do justice|"
    r"forgot|didn['’]?t (?:mention|explain|get to)|did not (?:mention|explain)|never mentioned|wasn['’]?t clear|"
    r"could have said more|should have said more)\b"
)
# A point typed without "I" after the slip ("did 3 yrs at a nursery"): the user's own doing.
_NO_SUBJECT = re.compile(
    r"^(?:did|worked|ran|led|spent|managed|used|taught|trained|volunteered|built|passed|completed|finished|"
    r"got|have|hold|do|use|run|manage|work|speak|drive|know|cut|grew|saved|won|qualified|helped|looked)\b"
)
# "my answer is report to the DSL": what to do, said as such ("my answer is to report to the DSL").
_ANSWER_VERB = re.compile(
    r"(?i)^(my answer (?:is|would be)\s+(?:always\s+|simply\s+|just\s+)?)(?=(?:report|raise|call|escalate|check|ask|"
    r"tell|stop|follow|use|inform|contact|record|document|isolate|evacuate|refer|speak|make|keep|put|give|wash|log|"
    r"notify|flag|assess|apply|review|phone|remove|secure|listen|reassure|write|challenge|explain|get|go|take|"
    r"wait|look|start|prioriti[sz]e|delegate|stay|move|clean|lock|fill|send|let|pause|consult|reset|restart|"
    r"roll|rollback|revert|triage|treat|monitor|observe|document)\b)"
)
# "we cut costs 12%": the figure is by how much ("we cut costs by 12%").
_BY_FIGURE = re.compile(
    r"(?i)\b((?:cut|reduced|lowered|increased|raised|grew|boosted|improved|dropped|brought down|trimmed|saved)"
    r"(?:\s+(?!by\b)[a-z][\w-]*){1,3})\s+(?=(?:about\s+|around\s+|over\s+|nearly\s+|almost\s+)?\d+(?:\.\d+)?\s*%)"
)
# "the safeguarding one" after a slip: the question it was.
_THE_ONE = re.compile(r"(?i)^(the\s+(?:[\w-]+\s+){1,3})ones?$")


# A topic that is a name alone ("Excel", "SQL"), no article: what "it" in the point stands for.
_NAME_ONLY = re.compile(r"(?!(?:the|my|a|an|our|your|their|this|that)\b)[A-Za-z][\w+#.-]*(?:\s+[A-Z][\w+#.-]*){0,2}")
_NOT_FIGURE = re.compile(
    r"(\b\d[\w%.]*(?:,\d+)*(?:\s+[a-z]+)?),?\s+not\s+(\d[\w%.,]*)$"
)  # "1 month not 3", "28% not 35%"


def _said_in(topic: str, point: str) -> bool:
    """Whether every word that matters in the topic is in the point already."""
    words = [w for w in re.findall(r"[\w'’-]+", topic.lower()) if w not in {"the", "my", "a", "an", "your", "our"}]
    return bool(words) and all(re.search(rf"(?i)\b{re.escape(w)}\b", point) for w in words)


def _topic_written(topic: str, ctx: Context) -> str:
    """What a clarification is about, as the email names it: "the decontamination q" -> "the decontamination
    question", "my excel" -> "my Excel skills", lower case unless it is a name."""
    topic = re.sub(r"(?i)\bq$", "question", re.sub(r"(?i)\bqs$", "questions", topic.strip()))
    topic = re.sub(r"(?i)\bw/o(?=\s)", "without", re.sub(r"(?i)\bw/(?=\s)", "with", topic))  # "w/ kids"
    topic = _THE_ONE.sub(lambda m: f"{m[1]}{'questions' if m[0].endswith('s') else 'question'}", topic)
    if re.fullmatch(r"(?i)[a-z][\w-]*\s+questions?", topic):
        topic = "the " + topic  # "coaching question" taken from a slip in another language
    topic = address(topic, ctx, things=True)
    if topic:
        words = topic.split(" ")
        if not _keeps_capital(words[0], words[1:2], ctx.proper):
            topic = words[0].lower() + topic[len(words[0]) :]
        tool = re.fullmatch(r"(?i)my ([a-z]+)", topic)
        if tool and tool.group(1).lower() in PROPER:  # "undersold my excel": my Excel skills
            topic = f"my {PROPER[tool.group(1).lower()]} skills"
    return topic
