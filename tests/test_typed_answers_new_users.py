"""Answers written by people who had not read the parser (a dev set of 110 messages from 15 personas, typed on a
phone to one question each), through the real chat: the stored value, or the one question expected back.

Each row starts a fresh user onboarded in the persona's zone, with the clock at 19:00 there on Wednesday 25
November 2026 (the interview day), walks to the question and types the answer as written.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from tests.support.typed_rows import run_typed_row
from tests.test_typed_answers import Row

# A persona table that measures first-time understanding: left to CI by a default run (README, "Tests").
pytestmark = pytest.mark.measure

ZONES = {
    "Priya": "Europe/London", "Aoife": "Europe/Dublin", "Jack": "Australia/Melbourne", "Rahul": "Asia/Kolkata",
    "Brittany": "America/Chicago", "Chinedu": "Africa/Lagos", "Wanjiru": "Africa/Nairobi", "Lukas": "Europe/Berlin",
    "Camila": "America/Sao_Paulo", "Kenji": "Asia/Tokyo", "Ji-woo": "Asia/Seoul", "Lucía": "Europe/Madrid",
    "Mark": "Asia/Manila", "Tyler": "America/Los_Angeles", "Sara": "Europe/London",
}  # fmt: skip
QUESTIONS = {
    1: "company", 2: "role", 3: "when", 4: "person", 5: "person_role", 6: "email", 7: "phone", 8: "topic",
    9: "person_more", 10: "open_questions", 11: "challenges", 12: "why_me", 13: "assessment", 14: "clarify",
    15: "next_steps", 16: "decision", 17: "my_promise", 18: "my_promise_when", 19: "their_promise", 20: "tz",
}  # fmt: skip
WEDNESDAY = date(2026, 11, 25)


def d(iso: str) -> date:
    return date.fromisoformat(iso)


def local(persona: str, iso: str) -> datetime:
    """A local wall time of the persona's zone, as stored (UTC)."""
    return datetime.fromisoformat(iso).replace(tzinfo=ZoneInfo(ZONES[persona])).astimezone(UTC)


C, R, WHEN = "interview.company", "interview.role", "interview.happened_at"
N, PR, E, PH, TOPIC = "person.name", "person.role", "person.email", "person.phone", "person.topic"
DECIDE, WHAT, DUE, MINE = "interview.decision_on", "promise.what", "promise.due_on", "promise.mine"


def r(n: int, persona: str, question: int, typed: str, stored: dict | None = None, asks: str | None = None) -> Row:
    return Row(QUESTIONS[question], typed, stored or {}, asks, tz=f"{persona}#{n}")


ROWS: list[Row] = [
    r(1, "Priya", 1, "Manchester Royal Infirmary - band 5 staff nurse on the cardiac ward",
      {C: "Manchester Royal Infirmary", R: "band 5 staff nurse on the cardiac ward"}, "When was the interview"),
    r(2, "Jack", 1, "the grand hyatt in the city, for sous chef", {R: "sous chef"}, "When was the interview"),
    r(3, "Rahul", 1, "Had my interview with Razorpay for the SDE-2 backend role at 11 this morning",
      {C: "Razorpay", R: "SDE-2 backend", WHEN: "Rahul@2026-11-25T11:00"}, "Who interviewed you"),
    r(4, "Brittany", 1, "Salesforce!!! 🙌", {C: "Salesforce"}, "What's the role"),
    r(5, "Camila", 1, "drogasil, farmaceutica responsavel", {C: "drogasil", R: "farmaceutica responsavel"}),
    r(6, "Ji-woo", 1, "product designer at Toss", {C: "Toss", R: "product designer"}, "When was the interview"),
    r(7, "Lucía", 1, "Uría Menéndez - paralegal en el área de mercantil",
      {C: "Uría Menéndez", R: "paralegal en el área de mercantil"}),
    r(8, "Mark", 1, "LBC Express paranaque hub po", {C: "LBC Express paranaque hub"}, "What's the role"),
    r(9, "Tyler", 1, "perkins coie - litigation paralegal", {C: "perkins coie", R: "litigation paralegal"}),
    r(10, "Aoife", 2, "English and History, it's a maternity cover til June but they said there could be something "
      "permanent after", {}, "When was the interview"),
    r(11, "Brittany", 2, "Account Executive, mid market 💼", {}, "When was the interview"),
    r(12, "Kenji", 2, "Backend Engineer (Go)", {R: "Backend Engineer (Go)"}, "When was the interview"),
    r(13, "Mark", 2, "warehouse team lead, night shift", {R: "warehouse team lead, night shift"}),
    r(14, "Priya", 3, "today at half three", {WHEN: "Priya@2026-11-25T15:30"}),
    r(15, "Jack", 3, "this arvo around 2", {WHEN: "Jack@2026-11-25T14:00"}),
    r(16, "Brittany", 3, "like an hour ago lol", {WHEN: "Brittany@2026-11-25T18:00"}),
    r(17, "Chinedu", 3, "Today by 10am", {WHEN: "Chinedu@2026-11-25T10:00"}),
    r(18, "Wanjiru", 3, "yesterday afternoon", {WHEN: None}, "About what time on Tuesday 24 November"),
    r(19, "Camila", 3, "hj as 14h30", {WHEN: "Camila@2026-11-25T14:30"}),
    r(20, "Tyler", 3, "yday 3pm", {WHEN: "Tyler@2026-11-24T15:00"}),
    r(21, "Sara", 3, "monday just gone at 2", {WHEN: "Sara@2026-11-23T14:00"}),
    r(22, "Priya", 4, "Sister Janet Okoro, ward manager, janet.okoro@mft.nhs.uk",
      {N: "Janet Okoro", PR: "ward manager", E: "janet.okoro@mft.nhs.uk"}),
    r(23, "Aoife", 4, "There were three on the panel but the main one was the principal, Mr. Seán Ó Briain, then the "
      "deputy and someone from the board", {N: "Mr. Seán Ó Briain", PR: "principal"}),
    r(24, "Rahul", 4, "Ms. Deepa Venkataraman (Engineering Manager, Payments) - deepa.v@razorpay.com",
      {N: "Ms. Deepa Venkataraman", PR: "Engineering Manager, Payments", E: "deepa.v@razorpay.com"}),
    r(25, "Brittany", 4, "DeShawn Williams, Regional VP of Sales, dwilliams@salesforce.com, 312-555-0187",
      {N: "DeShawn Williams", PR: "Regional VP of Sales", E: "dwilliams@salesforce.com", PH: "+13125550187"}),
    r(26, "Chinedu", 4, "Mrs Ngozi Okafor-Eze, she's the audit partner. Her number is 0803 123 4567",
      {N: "Mrs Ngozi Okafor-Eze", PR: "audit partner", PH: "+2348031234567"}),
    r(27, "Wanjiru", 4, "Eng. Wanjiku Kamau (Project Manager) — wkamau@crbc.co.ke / +254 722 123 456",
      {N: "Wanjiku Kamau", PR: "Project Manager", E: "wkamau@crbc.co.ke", PH: "+254722123456"}),
    r(28, "Wanjiru", 4, "Mercy Achieng", {N: "Mercy Achieng"}, "Mercy Achieng's role"),
    r(29, "Lukas", 4, "Pieter van der Berg", {N: "Pieter van der Berg"}, "Pieter van der Berg's role"),
    r(30, "Camila", 4, "Ana Paula de Souza Lima, gerente regional, (11) 98765-4321",
      {N: "Ana Paula de Souza Lima", PR: "gerente regional", PH: "+5511987654321"}),
    r(31, "Kenji", 4, "Tanaka Hiroshi, EM", {N: "Tanaka Hiroshi", PR: "engineering manager"}),
    r(32, "Kenji", 4, "Sato-san. I don't know first name", {N: "Sato"}),
    r(33, "Ji-woo", 4, "Kim Soo-jin 팀장님 (design lead) soojin.kim@toss.im",
      {N: "Kim Soo-jin", PR: "design lead", E: "soojin.kim@toss.im"}),
    r(34, "Lucía", 4, "María José García-López, socia (partner), mjgarcia@uria.com",
      {N: "María José García-López", E: "mjgarcia@uria.com"}),
    r(35, "Mark", 4, "sir mark dela cruz ops manager 09171234567",
      {N: "Mark Dela Cruz", PR: "ops manager", PH: "+639171234567"}),
    r(36, "Tyler", 4, "rebecca thompson-hughes <rthompsonhughes@perkinscoie.com> shes the paralegal manager",
      {N: "Rebecca Thompson-Hughes", PR: "paralegal manager", E: "rthompsonhughes@perkinscoie.com"}),
    r(37, "Sara", 4, "Mohammed Al-Rashid, area manager - mo.alrashid@boots.co.uk - 07700 900123",
      {N: "Mohammed Al-Rashid", PR: "area manager", E: "mo.alrashid@boots.co.uk", PH: "+447700900123"}),
    r(38, "Lukas", 5, "Head of Design, he'd be my boss", {PR: "Head of Design"}),
    r(39, "Wanjiru", 5, "HR officer", {PR: "HR officer"}),
    r(40, "Kenji", 5, "recruiter i think", {PR: "recruiter"}),
    r(41, "Jack", 6, "dunno mate didnt get it", {E: None}, "phone number"),
    r(42, "Aoife", 6, "it'd be principal@stbrigidscs.ie I'd say, that's what's on the website",
      {E: "principal@stbrigidscs.ie"}),
    r(43, "Lukas", 6, "pieter.vanderberg@n26.com", {E: "pieter.vanderberg@n26.com"}),
    r(44, "Camila", 6, "ana.lima@raiadrogasil.com.br i think", {E: "ana.lima@raiadrogasil.com.br"}),
    r(45, "Priya", 7, "just the ward number, 0161 276 1234 ext 4412", {PH: "+441612761234"}),
    r(46, "Jack", 7, "0412 345 678", {PH: "+61412345678"}),
    r(47, "Lukas", 7, "/skip", {PH: None}, "One thing you discussed"),
    r(48, "Tyler", 7, "dont have it", {PH: None}, "One thing you discussed"),
    r(49, "Priya", 8, "we talked about the preceptorship for newly qualified nurses", {}, "Added Jane Doe"),
    r(50, "Rahul", 8, "We discussed how they migrated their ledger service from a monolith to microservices", {},
      "Added Jane Doe"),
    r(51, "Brittany", 8, "we bonded over the Cubs 😂 and he asked a lot about my Q3 numbers", {}, "Added Jane Doe"),
    r(52, "Lucía", 8, "we both did Erasmus in Leiden! she was there in like 1998 haha", {}, "Added Jane Doe"),
    r(53, "Aoife", 9, "yeah the deputy, Ms Gallagher, and a woman from the board of management whose name I didn't "
      "catch", {"people": 2, N: "Ms Gallagher"}),
    r(54, "Wanjiru", 9, "also the HR lady, Mercy", {"people": 2, N: "Mercy"}),
    r(55, "Kenji", 9, "Sato-san from HR also", {"people": 2, N: "Sato"}),
    r(56, "Tyler", 9, "thats everyone", {"people": 1}, "still open"),
    r(57, "Rahul", 10, "Whether the role involves on-call rotation and how frequently.",
      {"interview.open_questions": "Whether the role involves on-call rotation and how frequently."}),
    r(58, "Ji-woo", 10, "not sure if the role is more consumer app or the business side tbh",
      {"interview.open_questions": "not sure if the role is more consumer app or the business side tbh"}),
    r(59, "Sara", 10, "nothing really, they covered it all", {"interview.open_questions": None}, "challenges"),
    r(60, "Tyler", 10, "is it fully in office or hybrid? forgot to ask 🤦",
      {"interview.open_questions": "is it fully in office or hybrid? forgot to ask 🤦"}),
    r(61, "Aoife", 11, "behaviour management mostly, a lot of the kids have had a rough time, and literacy levels are "
      "low in junior cycle so there'd be a lot of catch up", {}, "why are you in particular"),
    r(62, "Chinedu", 11, "Heavy travel to client sites in PH during busy season and IFRS 17 work for the insurance "
      "clients", {}, "why are you in particular"),
    r(63, "Mark", 11, "peak season dec, like 3x volume, and high attrition sa night shift", {},
      "why are you in particular"),
    r(64, "Chinedu", 12, "I'm ICAN certified and I handled the IFRS 17 transition for two insurers at my current firm",
      {}, "How did it go"),
    r(65, "Camila", 12, "5 years in retail pharmacy and i know the controled medicine rules (SNGPC) very well", {},
      "How did it go"),
    r(66, "Kenji", 12, "rather not say", {"interview.why_me": None}, "How did it go"),
    r(67, "Priya", 13, "mixed tbh, went blank on the sepsis scenario but recovered",
      {"interview.assessment": "mixed", "interview.clarification": "went blank on the sepsis scenario but recovered"},
      "next steps"),
    r(68, "Brittany", 13, "honestly killed it 🔥", {"interview.assessment": "well"}, "set straight"),
    r(69, "Kenji", 13, "Rough. My English was not so good in the system design part.",
      {"interview.assessment": "rough", "interview.clarification": "My English was not so good in the system design part."}),
    r(70, "Sara", 13, "Went well, I think? hard to read him", {"interview.assessment": "well"}, "set straight"),
    r(71, "Rahul", 14, "I want to clarify that my notice period is 60 days but negotiable to 30",
      {"interview.clarification": "I want to clarify that my notice period is 60 days but negotiable to 30"}),
    r(72, "Kenji", 14, "I said 3 years of Go but it is actually 4",
      {"interview.clarification": "I said 3 years of Go but it is actually 4"}),
    r(73, "Lucía", 14, "no, all good", {"interview.clarification": None}, "next steps"),
    r(74, "Jack", 15, "trial shift next week, they'll ring me to lock in a day",
      {"interview.next_steps": "trial shift next week, they'll ring me to lock in a day"}),
    r(75, "Lukas", 15, "Take-home task, 1 week", {"interview.next_steps": "Take-home task, 1 week"}),
    r(76, "Brittany", 15, "final round w the VP + a mock pitch 😬",
      {"interview.next_steps": "final round w the VP + a mock pitch 😬"}),
    r(77, "Priya", 16, "Friday week apparently", {DECIDE: d("2026-12-04")}),
    r(78, "Aoife", 16, "after the midterm I'd say, she said they have a few more to see", {DECIDE: None},
      "promise to send them"),
    r(79, "Rahul", 16, "In 7-10 days as per HR", {DECIDE: d("2026-12-05")}),
    r(80, "Brittany", 16, "end of next week hopefully 🤞", {DECIDE: d("2026-12-04")}),
    r(81, "Chinedu", 16, "They did not really say", {DECIDE: None}, "promise to send them"),
    r(82, "Lukas", 16, "KW 24", {DECIDE: d("2027-06-18")}),  # ISO week 24: Monday 14 to Friday 18 June
    r(83, "Kenji", 16, "after Golden Week", {DECIDE: None}, "promise to send them"),
    r(84, "Ji-woo", 16, "after chuseok", {DECIDE: None}, "promise to send them"),
    r(85, "Tyler", 16, "end of Q2", {DECIDE: d("2027-06-30")}),
    r(86, "Sara", 16, "within a fortnight", {DECIDE: d("2026-12-09")}),
    r(87, "Priya", 17, "said i'd send my NMC pin and two references", {WHAT: "my NMC pin and two references"},
      "By when"),
    r(88, "Brittany", 17, "my quota attainment deck by tomorrow and 3 references by friday",
      {"promises": 2, WHAT: "3 references", DUE: d("2026-11-27")}, "Anything else you promised"),
    r(89, "Wanjiru", 17, "My EBK certificate and degree certs, will email them", {"promises": 1}, "By when"),
    r(90, "Lucía", 17, "my transcript and the reference letter from my current boss, by monday",
      {"promises": 1, DUE: d("2026-11-30")}, "Anything else you promised"),
    r(91, "Tyler", 17, "writing sample", {WHAT: "writing sample"}, "By when"),
    r(92, "Kenji", 17, "my GitHub and a short design doc sample", {"promises": 1}, "By when"),
    r(93, "Mark", 17, "wala po, nothing", {"promises": 0}, "Did they promise"),
    r(94, "Chinedu", 17, "didn't promise anything", {"promises": 0}, "Did they promise"),
    r(95, "Priya", 18, "the pin tonight, refs by end of the week", {"promises": 2, DUE: d("2026-11-27")}),
    r(96, "Wanjiru", 18, "tomorrow morning", {DUE: d("2026-11-26")}, "Anything else you promised"),
    r(97, "Tyler", 18, "eod", {DUE: d("2026-11-25")}, "Anything else you promised"),
    r(98, "Kenji", 18, "this weekend", {DUE: d("2026-11-29")}, "Anything else you promised"),
    r(99, "Rahul", 19, "HR will share the compensation breakup and the offer timeline",
      {WHAT: "the compensation breakup and the offer timeline", MINE: False}),
    r(100, "Brittany", 19, "nope 🙂", {"promises": 0}, "Here's your debrief"),
    r(101, "Sara", 19, "nothing from their side", {"promises": 0}, "Here's your debrief"),
    r(102, "Aoife", 19, "Ms Gallagher said she'd email me the school's behaviour policy so I can have a read",
      {MINE: False}),
    r(103, "Mark", 19, "they'll text me the sched for the medical exam", {MINE: False}),
    r(104, "Rahul", 20, "IST", {"user.timezone": None}, "could be more than one time zone"),
    r(105, "Brittany", 20, "central time", {"user.timezone": "America/Chicago"}),
    r(106, "Tyler", 20, "pacific", {"user.timezone": "America/Los_Angeles"}),
    r(107, "Aoife", 20, "Irish time, same as London", {"user.timezone": "Europe/Dublin"}),
    r(108, "Camila", 20, "brasilia time", {"user.timezone": "America/Sao_Paulo"}),
    r(109, "Jack", 20, "melb", {"user.timezone": "Australia/Melbourne"}),
    r(110, "Lukas", 20, "CET", {"user.timezone": "Europe/Berlin"}),
]  # fmt: skip


# Every row is understood the first time: "07700 900123" (in the UK's range for drama, which phonenumbers' tables
# do not list as valid) is a UK mobile number of full length, kept as typed.
KNOWN_GAPS: set[int] = set()
UNDERSTOOD = [row for row in ROWS if int(row.tz.split("#")[1]) not in KNOWN_GAPS]


def _persona(row: Row) -> str:
    return row.tz.split("#")[0]


async def run_persona_row(app, clock, row: Row) -> None:
    persona = _persona(row)
    stored = {
        key: local(persona, value.split("@", 1)[1])
        if isinstance(value, str) and value.startswith(f"{persona}@")
        else value
        for key, value in row.stored.items()
    }
    wrong = await run_typed_row(
        app, clock, zone=ZONES[persona], day=WEDNESDAY, at=row.at, typed=row.typed, stored=stored, asks=row.asks
    )
    assert not wrong, f"#{row.tz} {row.typed!r} at {row.at}:\n" + "\n".join(wrong)


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
@pytest.mark.parametrize("row", UNDERSTOOD, ids=[f"{r.tz.split('#')[1]}:{r.typed[:30]}" for r in UNDERSTOOD])
async def test_a_new_users_answer_is_understood_the_first_time(app, clock, row):
    await run_persona_row(app, clock, row)
