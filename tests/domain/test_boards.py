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
    # Names that say no category (``QA`` is in progress, ``Done`` done): the
    # position decides, first todo, last done, the others in progress.
    st.from_regex(r"[A-Za-z][A-Za-z0-9 ]{0,10}[A-Za-z0-9]", fullmatch=True).filter(
        lambda name: boards.named_category(name) is None
    ),
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


def test_a_typed_list_takes_categories_from_the_names() -> None:
    specs = boards.parse_columns("Backlog,To Do,In Progress:3,Review:2,Done")
    assert [spec.category for spec in specs] == [TODO, TODO, DOING, DOING, DONE]
    assert [spec.wip_limit for spec in specs] == [None, None, 3, 2, None]
    assert boards.describe(specs) == (
        "Backlog (todo), To Do (todo), In Progress (in_progress, WIP 3), "
        "Review (in_progress, WIP 2), Done (done)"
    )


def test_unknown_names_are_todo_first_done_last_in_progress_between() -> None:
    specs = boards.parse_columns("Ideas,Build,Ship")
    assert [spec.category for spec in specs] == [TODO, DOING, DONE]
    specs = boards.parse_columns("Inbox,Ready,Build,Released")
    assert [spec.category for spec in specs] == [TODO, TODO, DOING, DONE]


def test_an_explicit_category_and_limit_in_either_order() -> None:
    specs = boards.parse_columns("Next:todo, Doing:in_progress:3, Check:2:in_progress, Live:done")
    assert specs == (
        ColumnSpec("Next", TODO),
        ColumnSpec("Doing", DOING, 3),
        ColumnSpec("Check", DOING, 2),
        ColumnSpec("Live", DONE),
    )


@pytest.mark.parametrize(
    ("text", "missing"), [("To Do,In Progress", "done"), ("Doing,Done", "todo")]
)
def test_a_list_without_a_todo_or_done_column_is_refused(text: str, missing: str) -> None:
    with pytest.raises(RuleViolation, match=f"have no {missing} one: .* NAME:{missing}"):
        boards.parse_columns(text)


@pytest.mark.parametrize("text", ["A:todo:done,B", "A:1:2:3,B", "A:soon,B"])
def test_bad_suffixes_are_refused(text: str) -> None:
    with pytest.raises(InvalidInput, match="Column 'A'"):
        boards.parse_columns(text)


def test_a_category_reads_with_its_article() -> None:
    assert boards.a_category(DOING) == "an in-progress"
    assert boards.a_category(TODO) == "a todo"
    assert boards.held(0, 1) == "1 archived card"
    assert boards.held(2, 1) == "2 cards and 1 archived card"
    assert boards.held(1, 0) == "1 card"
