"""WIP rules 1-3 as pure functions."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kanban_tui.domain import wip
from kanban_tui.domain.errors import RuleViolation, WipLimitReached


def test_full_column_refuses_with_the_exact_sentence() -> None:
    with pytest.raises(WipLimitReached) as caught:
        wip.check_entry("In Progress", 3, 3)
    assert caught.value.message == "WIP limit reached: In Progress holds 3 of 3."
    assert isinstance(caught.value, RuleViolation)
    assert caught.value.exit_code == 1
    assert (caught.value.column, caught.value.count, caught.value.limit) == ("In Progress", 3, 3)


def test_column_below_its_limit_admits() -> None:
    wip.check_entry("In Progress", 2, 3)
    wip.check_entry("In Progress", 0, 1)


def test_no_limit_admits_any_count() -> None:
    wip.check_entry("To Do", 10_000, None)
    assert not wip.breach("To Do", 10_000, None)


def test_limit_lowered_below_the_count_keeps_refusing_until_drained() -> None:
    # Rule 3: five cards, limit lowered to 2: entries refused at 5, 4, 3 and 2.
    for count in (5, 4, 3, 2):
        with pytest.raises(WipLimitReached, match=f"holds {count} of 2"):
            wip.check_entry("Review", count, 2)
    wip.check_entry("Review", 1, 2)


@given(count=st.integers(0, 1000), limit=st.none() | st.integers(1, 1000))
def test_entry_refused_exactly_when_count_reaches_limit(count: int, limit: int | None) -> None:
    full = limit is not None and count >= limit
    assert wip.breach("Doing", count, limit) is full
    if full:
        with pytest.raises(WipLimitReached) as caught:
            wip.check_entry("Doing", count, limit)
        assert caught.value.message == f"WIP limit reached: Doing holds {count} of {limit}."
    else:
        wip.check_entry("Doing", count, limit)
