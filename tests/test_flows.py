"""The conversation as data: the diagram, the declared transitions and the command table agree."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.app import commands_menu
from bot.common import texts as t
from bot.conversation import flows
from bot.conversation.flows import ENTRIES, SECTION, State, transitions
from bot.conversation.flows.commands import COMMANDS, help_text
from bot.conversation.flows.summary import SECTION_START
from tests.support.driver import ChatUser
from tests.support.scripts import debrief, onboard

DIAGRAM = Path(__file__).resolve().parents[1] / "docs" / "conversation.mmd"


def diagram_arrows() -> set[tuple[str, str]]:
    arrows = set()
    for line in DIAGRAM.read_text().splitlines():
        match = re.match(r"\s*(\w+) --> (\w+)", line)
        if match:
            arrows.add((match[1], match[2]))
    return arrows


def test_the_diagram_shows_exactly_the_declared_transitions():
    declared = {(a.value, b.value) for a, b in transitions()}
    arrows = diagram_arrows()
    assert arrows - declared == set(), "arrows in docs/conversation.mmd that no entry or command declares"
    assert declared - arrows == set(), "declared transitions missing from docs/conversation.mmd"
    assert {state for pair in arrows for state in pair} == {s.value for s in State}


def test_every_state_has_one_entry_and_every_summary_part_starts_in_its_own_section():
    assert set(ENTRIES) == set(State)
    assert set(SECTION_START) == set(t.EDIT_LABELS)
    for section, state in SECTION_START.items():
        assert SECTION[state] == section
        assert state in ENTRIES[State.SUMMARY].goes_to


def test_one_command_table_feeds_the_menu_and_help():
    names = [c.name for c in COMMANDS]
    assert len(names) == len(set(names))
    assert commands_menu() == [(c.name, c.menu) for c in COMMANDS if c.menu]
    assert [name for name, _ in commands_menu()][:3] == ["start", "new", "upcoming"]
    text = help_text()
    assert text.startswith(t.HELP_HEAD) and text.endswith(t.HELP_TAIL)
    for command in COMMANDS:
        if command.help:
            assert f"/{command.name}: {command.help}\n" in text


@pytest.fixture
def moves(monkeypatch):
    """Every state change a conversation makes, as (from, to) with the target a handler returned."""
    seen: list[tuple[State, State]] = []
    real = flows.move

    def recording(turn, target, via=None):
        if not isinstance(target, flows.Back):
            seen.append((State(turn.conv.step), target))
        real(turn, target, via)

    monkeypatch.setattr(flows, "move", recording)
    return seen


async def test_a_whole_debrief_only_takes_declared_transitions(app, moves):
    ada = ChatUser(app)
    await onboard(ada)
    await debrief(ada)
    await ada.taps("People")
    await ada.taps("Remove Bob")
    await ada.taps("Add another person")
    await ada.says("Carol King")
    await ada.says("Recruiter")
    await ada.says("/skip")
    await ada.says("/skip")
    await ada.says("/skip")  # the thing discussed with her
    await ada.taps("That's everyone")
    ada.expect("Here's your debrief")
    await ada.taps("Write the drafts")
    await ada.says("/settings")
    await ada.taps("Quiet hours")
    await ada.says("22:00-07:00")
    await ada.taps("Done")
    await ada.says("/upcoming")
    await ada.says("Beta GmbH")
    await ada.says("Analyst")
    await ada.says("tomorrow 10:00")
    declared = transitions()
    # An edit from the summary returns to the summary: the rule every debrief state shares.
    undeclared = [(a, b) for a, b in moves if (a, b) not in declared and not (a in SECTION and b == State.SUMMARY)]
    assert undeclared == []
    assert len(moves) > 30
