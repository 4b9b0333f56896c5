"""Button labels built from the user's words are cut at a word boundary, never mid-word."""

from __future__ import annotations

import pytest

from bot.common import texts as t
from bot.common.parsing.text import shorten
from bot.followups.overview import person_buttons
from bot.store.models import Person

LONG_NAMES = [
    "Maria del Carmen Fernández de la Vega Santos-Villanueva",
    "Oluwaseun Adebayo-Ogunleye Fashola Akinwande",
    "Dr. Anna-Lena Müller-Lüdenscheidt von Hohenzollern",
    "Nguyễn Thị Minh Khai Phạm Hoàng Anh",
]


@pytest.mark.parametrize("name", [*LONG_NAMES, "Jane Doe"])
def test_edit_details_label_is_whole_words(name):
    label = person_buttons(Person(id=1, interview_id=1, name=name), None)[-1].label
    full = t.B_EDIT_DETAILS.format(name=name)
    assert len(label) <= 60
    if len(full) <= 60:
        assert label == full
    else:
        assert label.endswith("…")
        kept = label[:-1]
        assert full.startswith(kept) and full[len(kept)] in " ,-", (label, full)  # the cut falls between words


@pytest.mark.parametrize(
    "label",
    [
        "Close: Instituto Nacional de Tecnologia e Inovação Aplicada do Brasil",
        "Drop Maria del Carmen Fernández de la Vega Santos's follow-ups",
        "Remind me on Wednesday 16 December at 09:00 (Europe/Berlin), before the decision",
    ],
)
def test_labels_are_cut_between_words(label):
    short = shorten(label)
    assert len(short) <= 60 and short.endswith("…")
    assert label.startswith(short[:-1]) and label[len(short) - 1] in " ,-:"
