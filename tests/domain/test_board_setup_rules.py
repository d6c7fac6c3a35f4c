"""Board set-up rules: templates, where a column may move, renames and removals."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kanban_tui.domain import activity, wip
from kanban_tui.domain import boards as rules
from kanban_tui.domain.errors import InvalidInput, RuleViolation, Unchanged, WipLimitReached
from kanban_tui.domain.flow_metrics import (
    COLUMN_DELETED,
    COLUMN_RENAMED,
    FlowEvent,
    cumulative_flow,
)
from kanban_tui.domain.model import Category


def test_templates_give_the_kanban_and_scrum_columns():
    assert [spec.name for spec in rules.template("Kanban")] == ["To Do", "In Progress", "Done"]
    scrum = rules.template(" scrum ")
    assert [spec.name for spec in scrum] == ["Backlog", "To Do", "In Progress", "Review", "Done"]
    for specs in rules.TEMPLATES.values():
        rules.check_layout([(spec.name, spec.category) for spec in specs])
    with pytest.raises(InvalidInput, match="kanban, scrum"):
        rules.template("xp")


def test_a_template_or_a_list_never_both():
    assert rules.board_columns(None, None) is None
    assert [s.name for s in rules.board_columns(None, "A,B") or ()] == ["A", "B"]
    with pytest.raises(InvalidInput, match="not both"):
        rules.board_columns("kanban", "A,B")


@given(st.integers(1, 12), st.data())
def test_a_position_in_range_is_taken_and_one_outside_refused(count: int, data: st.DataObject):
    current = data.draw(st.integers(0, count - 1))
    number = data.draw(st.integers(-3, count + 3))
    if number - 1 == current:
        with pytest.raises(Unchanged, match=f"already at position {number}; nothing changed"):
            rules.position(str(number), current, count)
    elif 1 <= number <= count:
        assert rules.position(str(number), current, count) == number - 1
    else:
        with pytest.raises(InvalidInput, match=f"1-{count}"):
            rules.position(str(number), current, count)


@given(st.integers(1, 12), st.data())
def test_left_and_right_step_one_place_but_not_off_the_board(count: int, data: st.DataObject):
    current = data.draw(st.integers(0, count - 1))
    for word, step, edge in (("left", -1, "first"), ("RIGHT", 1, "last")):
        if 0 <= current + step < count:
            assert rules.position(word, current, count) == current + step
        else:
            with pytest.raises(Unchanged, match=f"QA is already {edge}; nothing changed"):
                rules.position(word, current, count, "QA")


@given(st.lists(st.integers(), min_size=1, max_size=8, unique=True), st.data())
def test_reorder_keeps_every_column_once(names: list[int], data: st.DataObject):
    labels = [str(name) for name in names]
    current = data.draw(st.integers(0, len(labels) - 1))
    target = data.draw(st.integers(0, len(labels) - 1))
    order = rules.reorder(labels, current, target)
    assert sorted(order) == sorted(labels)
    assert order[target] == labels[current]


def test_positions_that_are_no_number_are_refused():
    for text in ("", "first", "2.5", "١"):
        with pytest.raises(InvalidInput, match="left, right or a number"):
            rules.position(text, 0, 3)


def test_a_rename_must_stay_unique_but_may_change_case():
    rules.check_rename(["To Do", "Done"], "To Do", "TO DO")
    with pytest.raises(RuleViolation, match="'Done' already"):
        rules.check_rename(["To Do", "Done"], "To Do", "done")


def test_a_board_keeps_a_todo_and_a_done_column():
    layout = [("To Do", Category.TODO), ("Doing", Category.IN_PROGRESS), ("Done", Category.DONE)]
    rules.check_removal(layout, "Doing")
    with pytest.raises(RuleViolation, match="Done cannot go"):
        rules.check_removal(layout, "Done")


def test_many_cards_entering_at_once_are_counted_together():
    wip.check_entries("Doing", 1, 2, 3)
    wip.check_entries("Doing", 5, 0, 3)  # nothing enters: never refused
    with pytest.raises(WipLimitReached, match="holds 2 of 3; 2 more cards would make 4"):
        wip.check_entries("Doing", 2, 2, 3)


def test_the_flow_follows_a_renamed_and_a_deleted_column():
    today = date(2026, 11, 25)
    events = [
        FlowEvent(date(2026, 11, 23), "A-1", "created", "Review"),
        FlowEvent(date(2026, 11, 23), "A-2", "created", "QA"),
        FlowEvent(date(2026, 11, 24), "Review", COLUMN_RENAMED, "Code review"),
        FlowEvent(date(2026, 11, 24), "A-3", "created", "Review"),  # a new column, same name
        FlowEvent(date(2026, 11, 25), "QA", COLUMN_DELETED, "Code review"),
    ]
    flow = cumulative_flow(events, ["Review", "Code review"], today, days=3)
    assert flow.counts == ((0, 1), (1, 1), (1, 2))


def test_the_log_says_what_was_done_to_boards_and_columns():
    assert activity.describe("board", "WEB", "renamed", {"before": "A", "after": "B"}) == (
        "renamed the board WEB: “A” → “B”"
    )
    assert activity.describe("column", "QA", "renamed", {"before": "Test", "after": "QA"}) == (
        "renamed the column Test to QA"
    )
    moved = {"before": 3, "after": 2, "order": ["To Do", "QA", "Done"]}
    assert activity.describe("column", "QA", "moved", moved) == (
        "moved the column QA from position 3 to 2: To Do, QA, Done"
    )
    deleted = {
        "moved_to": "Done",
        "cards": ["WEB-1", "WEB-2"],
        "forced": True,
        "reason": "ship",
        "count": 4,
        "limit": 3,
    }
    assert activity.describe("column", "QA", "deleted", deleted) == (
        "deleted the column QA, its 2 cards moved to Done over its WIP limit (4 of 3): ship"
    )
    assert activity.describe("column", "QA", "deleted", {}) == "deleted the column QA"
    assert activity.describe("column", "QA", "category", {"before": "todo", "after": "done"}) == (
        "made QA a done column (was todo)"
    )
    assert activity.describe("board", "WEB", "created", {"name": "W", "template": "scrum"}) == (
        "created the board WEB: W (from the scrum template)"
    )
