"""The fourteenth dev table (issue 20, drafts14): what a careful reader still found in the company, the role, the
greeting, the case of names, a promise's day and the chase, on debriefs typed on a phone. Each family in wordings of
our own.

Families: a remark kept in the company's name in the emails (a place in brackets, the name's own initials in
brackets, "Intl", an acronym before the name it stands for, the real name said in quotes "technically"); a remark
after the role ("!!", an emoji, "- my dream job"); the department typed after the company taken for the role; the
Irish particle of a family name and the name a person asked to be called by, in the greeting; a lower-case name
(a small town after a place's noun, a system after the work it does, two tools weighed against each other, the
capitals of a sentence the user kept); a field of the role's title shown in lower case; a promise of the user's due
the day something of theirs arrives (no day rather than a wrong one); what they promised named in the chase."""

from __future__ import annotations

from datetime import date

import pytest

from bot.common import names
from bot.conversation.fields import Context
from bot.conversation.fields.days import promise
from bot.conversation.fields.interview import read_interview, role
from bot.conversation.fields.people import read_person
from bot.drafts import check, review, writer
from bot.drafts.draft import known_of
from bot.drafts.later import chase_email
from bot.drafts.thank_you import thank_you_drafts
from bot.store.models import Promise
from tests.test_messy_notes import NOW, Row, build

CTX = Context("Europe/London", NOW)


@pytest.mark.parametrize(
    ("typed", "says"),
    [
        ("Harbourside Care Home (Leith)", "Harbourside Care Home"),
        ("okafor & bello civil partners (obcp)", "Okafor & Bello Civil Partners"),
        ("Riverside Dental Group (RDG), Salford", "Riverside Dental Group, Salford"),
        ("st anne intl academy", "St Anne International Academy"),
        ("Oakridge Natl. Laboratory", "Oakridge National Laboratory"),
        ("kath - kenyatta academic teaching hospital", "KATH - Kenyatta Academic Teaching Hospital"),
        ("Acme (UK) Ltd", "Acme (UK) Ltd"),  # a bracket inside the name is part of it
    ],
)
def test_the_company_in_an_email_has_no_remark_of_the_users(typed, says):
    assert writer.email_company(typed) == says


@pytest.mark.parametrize(
    ("typed", "company"),
    [
        ('fresh bakes on high st (well its "crumb & co" technically, the sign is old)', "crumb & co"),
        ("the corner deli (officially 'Deli Brothers Ltd')", "Deli Brothers Ltd"),
    ],
)
def test_the_real_name_said_in_quotes_with_technically_is_the_employer(typed, company):
    assert read_interview(typed).values["company"] == company


@pytest.mark.parametrize(
    ("typed", "title"),
    [
        ("shift supervisor!!! 😭 first ever supervisor job", "shift supervisor"),
        ("team lead 🙏 fingers crossed", "team lead"),
        ("senior nurse - my dream job!!", "senior nurse"),
        ("barista!! finally lol", "barista"),
        ("Band 6 nurse", "Band 6 nurse"),
    ],
)
def test_a_remark_after_the_role_is_no_part_of_the_title(typed, title):
    assert role(typed) == title


@pytest.mark.parametrize(
    ("typed", "company"),
    [
        ("kath - kenyatta academic teaching hospital, microbiology lab", "kath - kenyatta academic teaching hospital"),
        ("St Marys hospital, pathology laboratory", "St Marys hospital"),
    ],
)
def test_the_department_after_the_company_is_not_taken_for_the_role(typed, company):
    understood = read_interview(typed)
    assert understood.values == {"company": company} and "role" in understood.missing


@pytest.mark.parametrize(
    ("typed", "likely"),
    [
        ("Dr Aoife Ni Chonaill", "Dr Ní Chonaill"),
        ("dr siofra ni bhraonain", "Dr Ní Bhraonain"),
        ("Prof Niamh Nic Dhonnchadha", "Prof Nic Dhonnchadha"),
        ("Dr Seán Mac Gabhann", "Dr Mac Gabhann"),
        ("Dr Wei Ni Chen", "Dr Wei"),  # a Chinese name: "Ni" is no Irish particle
    ],
)
def test_an_irish_particle_stays_with_the_family_name(typed, likely):
    assert names.propose_greeting(typed).likely == likely


@pytest.mark.parametrize(
    ("typed", "greeting", "role_said"),
    [
        ("ana sofia reyes-bautista (call her sofi daw)", "Sofi", None),
        ("Robert Jones, said to call him Bob, HR lead", "Bob", "HR lead"),
        ("elizabeth ward (goes by liz)", "Liz", None),
    ],
)
def test_the_name_a_person_asked_to_be_called_by_is_the_greeting(typed, greeting, role_said):
    understood = read_person(typed, CTX)
    assert understood.values["person_name"].greeting == greeting
    assert understood.values.get("person_role") == role_said


def _first(row: Row, role_title: str | None = None, *, keep: bool = False) -> str:
    item = build(row)
    if role_title:
        item.role = role_title
    if keep:
        asked = review.questions(item, "Priya Raman")
        assert asked, "a question was expected"
        item.short_notes = {
            f"ok:{asked[0].key}": review.raw_note(item, asked[0].key),
            f"shown:{asked[0].key}": asked[0].sentence,
        }
    return thank_you_drafts(item, "Priya Raman", "Europe/London", NOW)[0].body


@pytest.mark.parametrize(
    ("row", "keep", "says"),
    [
        (Row("why_me", "2 yrs at a dental clinic in cavan, ran recalls", None), False, "in Cavan"),
        (Row("why_me", "3 yrs at the gp practice in ennis, did bloods there", None), False, "in Ennis"),
        (Row("topic", "invoicing via harvest and the retainer", None), False, "invoicing via Harvest"),
        (Row("topic", "rostering on sling and the breaks", None), False, "rostering on Sling"),
        (Row("topic", "bookings on paper and by phone", None), False, "bookings on paper"),
        (Row("topic", "canva vs adobe for the menus", None), True, "Canva versus Adobe"),
    ],
)
def test_a_lower_case_name_is_written_as_one(row, keep, says):
    assert says in _first(row, keep=keep)


@pytest.mark.parametrize(
    ("typed", "word"),
    [
        ("4 yrs at a contractor, did stormwater design on a school job", "stormwater"),
        ("3 yrs at a consultancy, did geotech reports for housing", "geotech"),
    ],
)
def test_a_field_of_the_role_title_is_shown_in_lower_case(typed, word):
    item = build(Row("why_me", typed, None))
    item.role = f"civil engineer - roads & {word}"
    asked = review.questions(item, "Priya Raman")
    assert all(word.capitalize() not in q.sentence for q in asked), asked


@pytest.mark.parametrize("mine_due", [date(2026, 12, 3), date(2026, 12, 4)])
def test_a_promise_due_the_day_their_item_arrives_states_no_day(mine_due):
    item = build(Row("topic", "the menu refresh", None))
    item.promises = [
        Promise(id=1, mine=True, what="the take-home task", due_on=mine_due),
        Promise(id=2, mine=False, what="the brief", due_on=mine_due),
    ]
    body = thank_you_drafts(item, "Priya Raman", "Europe/London", NOW)[0].body
    assert "I'll send the take-home task." in body, body
    item.promises[1].due_on = None  # nothing of theirs that day: the day stands
    body = thank_you_drafts(item, "Priya Raman", "Europe/London", NOW)[0].body
    assert f"by {writer.day_words(mine_due)}" in body, body


@pytest.mark.parametrize(
    ("typed", "what", "who"),
    [
        ("dave's sending the rota so i can plan my notice (he said maybe tho)", "the rota", "dave"),
        ("nothing i think. oh wait priya said shed send the induction pack", "the induction pack", "priya"),
        ("none really, actually tom said hed send the job spec", "the job spec", "tom"),
    ],
)
def test_what_they_promised_is_named_without_why_or_doubt(typed, what, who):
    promised = promise(typed, CTX)
    assert promised is not None and promised.items[0].what == what and promised.mine is False
    assert (promised.who or "").lower() == who


def test_the_chase_names_the_thing_and_the_company_without_remarks():
    item = build(Row("topic", "the menu refresh", None))
    item.company = "Harbourside Care Home (Leith)"
    item.promises = [Promise(id=2, mine=False, what="the rota for the unit", due_on=None, person_id=1)]
    draft = chase_email(item, item.promises[0], item.people[0], "Priya Raman", "Europe/London", NOW)
    assert "the rota for the unit" in draft.body and "Leith" not in draft.subject, draft


@pytest.mark.parametrize(
    ("typed", "says", "never"),
    [
        ("my cv again as a pdf (the docx one lost its formatting)", "my CV again as a PDF by", "docx"),
        ("two references (my old boss is slow to reply)", "two references by", "slow"),
        ("my food hygiene cert (level 2)", "(level 2)", None),  # a bracket of two words names the item
    ],
)
def test_a_remark_in_brackets_in_a_promise_is_not_sent(typed, says, never):
    item = build(Row("mine", typed, None))
    item.promises[0].due_on = date(2026, 12, 4)
    body = thank_you_drafts(item, "Priya Raman", "Europe/London", NOW)[0].body
    assert says in body and (never is None or never not in body), body


@pytest.mark.parametrize(
    ("typed", "says", "never"),
    [
        ("2 yrs in a private lab, i can do manual diff counts fast", "manual differential counts", "different counts"),
        ("ran the wbc diff on nights for 3 yrs", "WBC differential", "WBC different "),
        ("3 yrs on a ward, very diff from clinic work", "very different from clinic work", "differential"),
    ],
)
def test_a_lab_s_diff_count_is_a_differential_count(typed, says, never):
    item = build(Row("why_me", typed, None))
    fixed, _ = check.fix_text(typed, known_of(item))  # what every sentence of the note is written from
    assert says in fixed and never not in fixed, fixed
