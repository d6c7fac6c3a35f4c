"""A label never holds ';', which separates labels in the CSV export's cell:
typed, it is refused; from Trello or Jira, it becomes '-' with a note."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from kanban_tui.domain import validation
from kanban_tui.domain.errors import InvalidInput
from kanban_tui.domain.import_text import label_name
from kanban_tui.domain.jira_csv import parse_csv
from kanban_tui.domain.jira_plan import plan_export
from kanban_tui.domain.trello import parse_board
from kanban_tui.domain.trello_plan import plan_board

NOW = datetime(2026, 11, 25, 9, 30, tzinfo=UTC)
REFUSAL = (
    "Label 'a;b' is not valid: a label cannot contain ';' (it separates labels in the CSV export)."
)


@pytest.mark.parametrize("typed", [["a;b"], ["ok", " a;b "]])
def test_a_semicolon_in_a_label_is_refused(typed: list[str]) -> None:
    with pytest.raises(InvalidInput) as refused:
        validation.labels(typed)
    assert refused.value.message == REFUSAL
    with pytest.raises(InvalidInput):
        validation.split_labels(",".join(typed))


def test_another_tools_label_loses_its_semicolons() -> None:
    assert label_name("Front;End") == "front-end"
    assert label_name("a ; b;") == "a-b"


def test_a_trello_label_with_a_semicolon_becomes_a_dash_with_a_note() -> None:
    data = {
        "name": "Board",
        "lists": [{"id": "l1", "name": "To Do", "pos": 1}, {"id": "l2", "name": "Done", "pos": 2}],
        "labels": [{"id": "x", "name": "UX;UI", "color": "blue"}],
        "cards": [{"id": "c1", "idList": "l1", "name": "One", "pos": 1, "idLabels": ["x"]}],
        "actions": [],
        "members": [],
    }
    plan = plan_board(parse_board(data), key=None, name=None, taken=(), now=NOW)
    assert plan.cards[0].labels == ("ux-ui",)
    assert "the label 'UX;UI' became 'ux-ui'" in plan.summary.skipped["labels"][0]


def test_a_jira_label_with_a_semicolon_becomes_a_dash_with_a_note() -> None:
    text = "Summary,Issue key,Status,Labels\nShip it,AB-1,To Do,release;v2\n"
    plan = plan_export(parse_csv(text), key="AB", taken=(), now=NOW)
    assert plan.cards[0].labels == ("release-v2",)
    assert "the label 'release;v2' became 'release-v2'" in plan.summary.skipped["labels"][0]
