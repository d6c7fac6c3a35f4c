"""Column headers (WIP rule 5) and the limit flags; card keys."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from kanban_tui.domain.model import Card, Category, Column


def column(count: int, limit: int | None, name: str = "In Progress") -> Column:
    return Column(1, 1, name, 1, Category.IN_PROGRESS, wip_limit=limit, count=count)


def test_header_with_and_without_limit() -> None:
    assert column(2, 3).header == "In Progress 2/3"
    assert column(4, 3).header == "In Progress 4/3"
    assert column(7, None, "To Do").header == "To Do 7"


def test_flags() -> None:
    assert column(3, 3).at_limit and not column(3, 3).over_limit
    assert column(4, 3).over_limit and not column(4, 3).at_limit
    assert not column(2, 3).at_limit and not column(2, 3).over_limit
    assert not column(50, None).at_limit and not column(50, None).over_limit


@given(st.integers(0, 500), st.none() | st.integers(1, 500))
def test_flags_and_header_agree_with_the_numbers(count: int, limit: int | None) -> None:
    col = column(count, limit)
    assert col.at_limit is (limit is not None and count == limit)
    assert col.over_limit is (limit is not None and count > limit)
    assert col.header == (f"In Progress {count}" + ("" if limit is None else f"/{limit}"))


def test_card_key() -> None:
    card = Card(id=9, board_key="WEB", number=12, title="t", column_id=1, column="To Do", rank=0)
    assert card.key == "WEB-12"
