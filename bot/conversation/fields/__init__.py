"""One field layer: every interview field read and checked in one place, for the chat and the forms.

Each reader takes what was typed (and a `Context`: the user's zone, the clock, their country) and
returns a clean value, or raises `Invalid` whose message says what would work, in the tense of the
question. Dates come back as a `DayRange` (a day or a vague span; reminders use its last day) or as
`Ambiguous` candidates to ask about; an interview time as a `Moment`, or `DayOnly` when only the day
was given. Sentences ("We talked to Maria, she's the EM, maria@x.com") come back `Understood`: the
values found and the fields still missing.

What lives where:

- `spec`: `Context`, `Field` / `FIELDS` (label, optional, limit, how to skip), `Understood`.
- `answers`: answers that are not values: "no" / "that's all", "dunno", a bare "yes", typed button labels.
- `interview`: company and role, when the interview was or will be, the time on a day given alone.
- `days`: a decision day, a promise and its day, the next steps; days said back or asked about.
- `notes`: free-text notes and how it went.
- `people`: the user's own name, an interviewer's name, greeting, role, email and phone.
- `places`: the user's time zone and country.

The chat and the forms call the readers as `fields.<reader>`: they are re-exported here, and only
they. Their result types (`Name`, `PromiseItem`, `Promised`, `NextSteps`, `Zone`) and the parsing values
(`DayRange`, `Ambiguous`, `Moment`, `DayOnly`) are imported from the module that owns them.
"""

from bot.common.parsing.text import Invalid
from bot.conversation.fields.answers import (
    match_button,
    match_label,
    means_agree,
    means_no_one_else,
    means_skip,
    no_then_remark,
    remark_next_step,
)
from bot.conversation.fields.corrections import corrected, nickname, taken_back, taken_back_parts, without_take_back
from bot.conversation.fields.days import (
    already_sent,
    candidate_buttons,
    day,
    decision,
    next_steps,
    no_day_said,
    noted_day,
    noted_items,
    only_thank_you,
    parts_with_days,
    promise,
    promise_when,
    say_day,
    settled,
    undated_decision,
    vague_decision,
    which_one,
)
from bot.conversation.fields.interview import (
    HOUR,
    TIME_BUTTONS,
    company,
    read_interview,
    read_role,
    role,
    say_part,
    time_buttons,
    time_of_day,
    when,
)
from bot.conversation.fields.notes import (
    assessment,
    assessment_and_note,
    clarification,
    note,
    promiser,
    promiser_pieces,
    verdict_not_name,
    without_chat,
)
from bot.conversation.fields.people import (
    PhoneChoice,
    by_role_only,
    contact_details,
    email,
    greeting,
    guessed_email,
    has_note_word,
    is_list,
    name_not_known,
    named_only,
    no_one_more,
    own_name,
    person_name,
    person_role,
    phone,
    phone_and_note,
    phone_country,
    read_person,
    role_not_greeting,
    say_understood,
    says_name_unknown,
    says_no_address,
    several_people,
    shared_inbox,
    unknown_word,
    unnamed_person,
)
from bot.conversation.fields.places import country, country_name, zone, zone_label
from bot.conversation.fields.spec import Context, Understood, optional, skip_hint

__all__ = [
    "HOUR",
    "TIME_BUTTONS",
    "Context",
    "Invalid",
    "PhoneChoice",
    "Understood",
    "already_sent",
    "assessment",
    "assessment_and_note",
    "by_role_only",
    "candidate_buttons",
    "clarification",
    "company",
    "contact_details",
    "corrected",
    "country",
    "country_name",
    "day",
    "decision",
    "email",
    "greeting",
    "guessed_email",
    "has_note_word",
    "is_list",
    "match_button",
    "match_label",
    "means_agree",
    "means_no_one_else",
    "means_skip",
    "name_not_known",
    "named_only",
    "next_steps",
    "nickname",
    "no_day_said",
    "no_one_more",
    "no_then_remark",
    "note",
    "noted_day",
    "noted_items",
    "only_thank_you",
    "optional",
    "own_name",
    "parts_with_days",
    "person_name",
    "person_role",
    "phone",
    "phone_and_note",
    "phone_country",
    "promise",
    "promise_when",
    "promiser",
    "promiser_pieces",
    "read_interview",
    "read_person",
    "read_role",
    "remark_next_step",
    "role",
    "role_not_greeting",
    "say_day",
    "say_part",
    "say_understood",
    "says_name_unknown",
    "says_no_address",
    "settled",
    "several_people",
    "shared_inbox",
    "skip_hint",
    "taken_back",
    "taken_back_parts",
    "time_buttons",
    "time_of_day",
    "undated_decision",
    "unknown_word",
    "unnamed_person",
    "vague_decision",
    "verdict_not_name",
    "when",
    "which_one",
    "without_chat",
    "without_take_back",
    "zone",
    "zone_label",
]
