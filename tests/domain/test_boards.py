"""Board layout: the --columns syntax and what a board keeps."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kanban_tui.domain import boards
from kanban_tui.domain.boards import DEFAULT_COLUMNS, ColumnSpec
from kanban_tui.domain.errors import InvalidInput, RuleViolation
from kanban_tui.domain.model import Category

TODO, DOING, DONE = Category.TODO, Category.IN_PROGRESS, Category.DONE


def test_default_columns_are_the_specs_four() -> None:
    expected = (
        ColumnSpec("To Do", TODO),
        ColumnSpec("In Progress", DOING, 3),
        ColumnSpec("Review", DOING, 2),
        ColumnSpec("Done", DONE),
    )
    assert expected == DEFAULT_COLUMNS


def test_parse_the_default_layout() -> None:
    assert boards.parse_columns("To Do,In Progress:3,Review:2,Done") == DEFAULT_COLUMNS


def test_first_is_todo_last_is_done_between_in_progress() -> None:
    specs = boards.parse_columns(" Backlog , Doing : 4 ,Test,Shipped:none ")
    assert specs == (
        ColumnSpec("Backlog", TODO),
        ColumnSpec("Doing", DOING, 4),
        ColumnSpec("Test", DOING),
        ColumnSpec("Shipped", DONE),
    )


def test_two_columns_are_enough() -> None:
    assert boards.parse_columns("Open,Closed") == (
        ColumnSpec("Open", TODO),
        ColumnSpec("Closed", DONE),
    )


@pytest.mark.parametrize("text", ["Done", "", "To Do,,Done", "To Do,Done,", " , "])
def test_malformed_lists_refused(text: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        boards.parse_columns(text)
    assert caught.value.message == (
        "Columns must be a comma-separated list of at least two names, "
        'e.g. "To Do,In Progress:3,Done".'
    )


@pytest.mark.parametrize("limit", ["0", "-2"])
def test_bad_wip_limit_in_the_list_refused(limit: str) -> None:
    with pytest.raises(InvalidInput, match=r"WIP limit must be a positive whole number"):
        boards.parse_columns(f"To Do,Doing:{limit},Done")


def test_non_numeric_wip_limit_refused() -> None:
    with pytest.raises(InvalidInput, match=r"\(got 'x'\)"):
        boards.parse_columns("To Do,Doing:x,Done")


@pytest.mark.parametrize("text", ["To Do,Doing,to do", "A,B,B", "Done,DONE"])
def test_names_must_be_unique_ignoring_case(text: str) -> None:
    with pytest.raises(
        InvalidInput, match=r"^Column names must be unique on a board: '.+' repeats\.$"
    ):
        boards.parse_columns(text)


def test_too_long_column_name_refused() -> None:
    with pytest.raises(InvalidInput, match=r"1-40 characters"):
        boards.parse_columns(f"To Do,{'x' * 41},Done")


@pytest.mark.parametrize(
    "layout",
    [
        [("A", TODO), ("B", DOING)],
        [("A", DOING), ("B", DONE)],
        [("A", DOING)],
        [],
    ],
)
def test_a_board_keeps_one_todo_and_one_done_column(layout) -> None:
    with pytest.raises(RuleViolation) as caught:
        boards.check_layout(layout)
    assert caught.value.message == "A board keeps at least one todo and one done column."


def test_valid_layouts_pass() -> None:
    boards.check_layout([("A", TODO), ("B", DONE)])
    boards.check_layout([("A", TODO), ("B", TODO), ("C", DOING), ("D", DONE), ("E", DONE)])


names = st.lists(
    st.from_regex(r"[A-Za-z][A-Za-z0-9 ]{0,10}[A-Za-z0-9]", fullmatch=True),
    min_size=2,
    max_size=8,
    unique_by=str.casefold,
)


@settings(max_examples=40)
@given(names, st.data())
def test_any_list_of_unique_names_round_trips(column_names, data) -> None:
    limits = [data.draw(st.none() | st.integers(1, 99)) for _ in column_names]
    text = ",".join(
        name if limit is None else f"{name}:{limit}"
        for name, limit in zip(column_names, limits, strict=True)
    )
    specs = boards.parse_columns(text)
    assert [spec.name for spec in specs] == column_names
    assert [spec.wip_limit for spec in specs] == limits
    assert specs[0].category is TODO and specs[-1].category is DONE
    assert all(spec.category is DOING for spec in specs[1:-1])
