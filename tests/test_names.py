"""How to greet a person, from names typed in many cultures: family name first where it is likely, Western
names unchanged."""

from __future__ import annotations

import pytest

from bot.common import names
from bot.conversation.fields.people import person_name

CASES = [
    # family name first: the given name is offered first, and the user is asked
    ("Kim Min-jun", "Min-jun", ("Min-jun", "Kim Min-jun", "Mr Kim", "Ms Kim"), True),
    ("Kim Minjun", "Minjun", ("Minjun", "Kim Minjun", "Mr Kim", "Ms Kim"), True),
    ("Lee Jae-yong", "Jae-yong", ("Jae-yong", "Lee Jae-yong", "Mr Lee", "Ms Lee"), True),
    ("Park Geun-hye", "Geun-hye", ("Geun-hye", "Park Geun-hye", "Mr Park", "Ms Park"), True),
    ("Choi Seo-yeon", "Seo-yeon", ("Seo-yeon", "Choi Seo-yeon", "Mr Choi", "Ms Choi"), True),
    ("Yoon Ji-woo", "Ji-woo", ("Ji-woo", "Yoon Ji-woo", "Mr Yoon", "Ms Yoon"), True),
    ("Kim Jong Un", "Jong Un", ("Jong Un", "Kim Jong Un", "Mr Kim", "Ms Kim"), True),
    ("Nguyễn Văn An", "An", ("An", "Nguyễn Văn An", "Văn An", "Mr Nguyễn", "Ms Nguyễn"), True),
    ("Trần Thị Mai", "Mai", ("Mai", "Trần Thị Mai", "Thị Mai", "Mr Trần", "Ms Trần"), True),
    ("Pham Minh", "Minh", ("Minh", "Pham Minh", "Mr Pham", "Ms Pham"), True),
    ("Zhang Wei", "Wei", ("Wei", "Zhang Wei", "Mr Zhang", "Ms Zhang"), True),
    ("Wang Xiao Ming", "Xiao Ming", ("Xiao Ming", "Wang Xiao Ming", "Mr Wang", "Ms Wang"), True),
    ("Li Na", "Na", ("Na", "Li Na", "Mr Li", "Ms Li"), True),
    ("Chen Jie", "Jie", ("Jie", "Chen Jie", "Mr Chen", "Ms Chen"), True),
    ("Liu Yang", "Liu Yang", ("Liu Yang", "Yang", "Mr Liu", "Ms Liu"), True),  # two family names: as before
    ("Tanaka Hiroshi", "Hiroshi", ("Hiroshi", "Tanaka Hiroshi", "Mr Tanaka", "Ms Tanaka"), True),
    ("Satō Yuki", "Yuki", ("Yuki", "Satō Yuki", "Mr Satō", "Ms Satō"), True),
    ("Dr. Kim Min-jun", "Dr. Kim", ("Dr. Kim", "Min-jun"), True),
    # given name first, or Western names that start like a family name: unchanged
    ("Emily Chen", "Emily", ("Emily", "Emily Chen"), False),
    ("Lee Smith", "Lee", ("Lee", "Lee Smith"), False),
    ("Kim Wilde", "Kim", ("Kim", "Kim Wilde"), False),
    ("Lee Pace", "Lee", ("Lee", "Lee Pace"), False),
    ("Lee Allen", "Lee", ("Lee", "Lee Allen"), False),
    ("Kim Kardashian", "Kim", ("Kim", "Kim Kardashian"), False),
    ("Lee Park", "Lee", ("Lee", "Lee Park"), False),  # either could be the family name: as before
    ("Jean-Luc Picard", "Jean-Luc", ("Jean-Luc", "Jean-Luc Picard"), False),
    ("Hiroshi Tanaka", "Hiroshi", ("Hiroshi", "Hiroshi Tanaka"), False),
    ("Ji-hoon Park", "Ji-hoon", ("Ji-hoon", "Ji-hoon Park"), False),
    ("Oluwaseun Adeyemi", "Oluwaseun", ("Oluwaseun", "Oluwaseun Adeyemi"), False),
    ("José Álvarez-Núñez", "José", ("José", "José Álvarez-Núñez"), False),
    ("Siobhán O'Brien", "Siobhán", ("Siobhán", "Siobhán O'Brien"), False),
    ("Priya Raman", "Priya", ("Priya", "Priya Raman"), False),
    ("Dr. Anna-Lena Müller", "Dr. Müller", ("Dr. Müller", "Anna-Lena"), True),
    ("Mei Lin Tan", "Mei Lin", ("Mei Lin", "Mei", "Mei Lin Tan", "Mr Tan", "Ms Tan"), True),
    ("Ma Long", "Ma Long", ("Ma Long", "Long", "Mr Ma", "Ms Ma"), True),  # a less common family name: as before
    # "Family, Given": the comma decides, as before
    ("Kim, Min-jun", "Min-jun", ("Min-jun", "Min-jun Kim", "Mr Kim", "Ms Kim"), False),
    ("Doe, Jane", "Jane", ("Jane", "Jane Doe", "Mr Doe", "Ms Doe"), False),
    # a middle word that is an everyday word of Portuguese or Spanish ("nascimento": birth), or ends as only family
    # names do ("Alves"), is the first family name: "Dear Gabriela Nascimento" would be wrong
    (
        "Gabriela Nascimento Rocha",
        "Gabriela",
        ("Gabriela", "Ms Nascimento", "Mr Nascimento", "Gabriela Nascimento Rocha"),
        True,
    ),
    ("Pedro Alves Costa", "Pedro", ("Pedro", "Ms Alves", "Mr Alves", "Pedro Alves Costa"), True),
]


@pytest.mark.parametrize(("name", "likely", "options", "confirm"), CASES, ids=[c[0] for c in CASES])
def test_greetings_across_cultures(name, likely, options, confirm):
    proposal = names.propose_greeting(name)
    assert (proposal.likely, proposal.options, proposal.confirm) == (likely, options, confirm)
    assert proposal.options[0] == proposal.likely  # the chat's first button is the greeting /skip keeps


@pytest.mark.parametrize("name", ["Kim Min-jun", "Nguyễn Văn An", "Tanaka Hiroshi", "Wang Xiao Ming"])
def test_a_family_name_first_is_asked_about_with_short_buttons(name):
    typed = person_name(name)
    assert typed.confirm and typed.greeting == typed.options[0]
    assert all(len(option) <= 30 for option in typed.options)
    assert len(set(typed.options)) == len(typed.options)


@pytest.mark.parametrize(
    ("name", "likely", "formal"),
    [
        # particles stay with the family name (nameparser's prefixes): never "Dear Anke van der,"
        ("Anke van der Linde", "Anke", "Mr van der Linde"),
        # Swedish "af" is a particle too: never "Dear Helena af,"
        ("Helena af Klinteberg", "Helena", "Ms af Klinteberg"),
        ("pieter van der meer", "Pieter", "Mr van der Meer"),
        ("Carmen de la Fuente", "Carmen", "Mr de la Fuente"),
        # two family names: the first is the one used alone
        ("luis romero sánchez", "Luis", "Mr Romero"),
        ("María José Gutiérrez Ortiz", "María José", "Mr Gutiérrez"),
        ("Gabriel García Márquez", "Gabriel", "Mr García"),
        # family name first: the given name by default, the family name in the formal forms
        ("Wu Mei", "Mei", "Ms Wu"),
        ("Lim Wei Ling", "Wei Ling", "Ms Lim"),
        ("Tan Wei Ling", "Wei Ling", "Ms Tan"),  # Singapore's romanisations: never "Dear Tan Wei"
        ("Wong Kar Wai", "Kar Wai", "Mr Wong"),
        # Señor goes with the family name: the given name by default, never "Dear Sr. Pablo"
        ("Sr. Pablo de la Fuente", "Pablo", "Mr de la Fuente"),
        ("Sra. Lucía Pérez", "Lucía", "Ms Pérez"),
        # typed in lower case: written as a name
        ("mr okafor", "Mr Okafor", None),
        # a title and a particle: the rest is the family name, greeted whole ("Mr der Berg" / "Van" were offered)
        ("mr van der berg", "Mr van der Berg", None),
        ("Dr. al-Hassan", "Dr. al-Hassan", None),
        ("ian mcleod", "Ian", None),
        # a judge's style, Polish courtesy and degree words, a nursing grade: not part of the name
        ("His Honour Judge brendan mcgowan (retd)", "Judge McGowan", None),
        ("Her Honour Mary Kelly", "Judge Kelly", None),
        ("pan tomasz kowalczyk", "Mr Kowalczyk", None),
        ("pani anna nowak", "Ms Nowak", None),
        ("mgr inż. Dorota Zielińska-Wójcik", "Dorota", None),
        ("dr inż. jan nowak", "Dr Nowak", None),
        ("CNM2 siobhan o'reilly", "Siobhan", None),
        ("RGN Mary Byrne", "Mary", None),
        ("Pan Wei Ming", "Wei Ming", "Mr Pan"),  # Pan, the Chinese family name, stays
        # a title typed with a capital, the name in lower case: the name is written as a name
        ("Sister ngozi okafor", "Sister Okafor", None),
        # Señor and a family name with a particle, no given name: never "Dear de,"
        ("Sr. de la fuente", "Sr. de la Fuente", "Mr de la Fuente"),
    ],
)
def test_particles_double_surnames_and_family_names_first_get_a_correct_default_and_formal_forms(name, likely, formal):
    proposal = names.propose_greeting(name)
    assert proposal.likely == likely
    if formal:
        assert formal in proposal.options or formal.replace("Mr ", "Ms ") in proposal.options
        assert formal.replace("Ms ", "Mr ") in proposal.options or formal in proposal.options
    for option in proposal.options:  # no option ends with a particle or a title alone
        assert option.split()[-1].lower() not in {"van", "der", "de", "la", "da", "al", "bin", "mr", "ms"}


def test_a_name_typed_in_lower_case_reads_as_a_name_on_the_to_line():
    assert names.display_name("pieter van der meer") == "Pieter van der Meer"
    assert names.display_name("mr van der berg") == "Mr van der Berg"  # a particle after a title: lower case
    assert person_name("mr van der berg").name == "Mr van der Berg"
    assert person_name("dr de souza").name == "Dr de Souza"
    assert "Sr. de la Fuente" in names.propose_greeting("Sr. Pablo de la Fuente").options
    assert names.display_name("dave o'neill") == "Dave O'Neill"
    assert names.display_name("Lim Wei Ling") == "Lim Wei Ling"  # typed with capitals: as typed
    assert names.display_name("His Honour Judge brendan mcgowan") == "Judge Brendan McGowan"
    assert names.display_name("CNM2 siobhan o'reilly") == "Siobhan O'Reilly"
    assert names.display_name("mgr inż. Dorota Zielińska-Wójcik") == "Dorota Zielińska-Wójcik"


def test_a_portuguese_name_with_one_given_name_before_two_family_names_is_greeted_by_the_given_name():
    # "Ferreira", "Pereira" end as only family names do: the family is "Ferreira da Silva", not "da Silva"
    assert names.propose_greeting("joana ferreira da silva").likely == "Joana"
    assert names.propose_greeting("João Pereira dos Santos").likely == "João"
    assert names.propose_greeting("Ana Paula de Souza Lima").likely == "Ana Paula"  # "Paula" is a given name
