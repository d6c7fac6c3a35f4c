"""The per-person WIP limit (spec WIP rule 6), as a pure rule."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kanban_tui.domain import wip
from kanban_tui.domain.errors import PersonWipLimitReached, WipLimitReached

counts = st.integers(min_value=0, max_value=50)
limits = st.integers(min_value=1, max_value=50)


@given(counts, limits)
def test_refused_exactly_at_or_over_the_limit(count: int, limit: int) -> None:
    if count >= limit:
        with pytest.raises(PersonWipLimitReached) as caught:
            wip.check_person("alice", count, limit)
        assert caught.value.count == count and caught.value.limit == limit
    else:
        wip.check_person("alice", count, limit)
    assert wip.person_breach("alice", count, limit) == (count >= limit)


@given(counts)
def test_no_limit_or_no_person_is_never_refused(count: int) -> None:
    wip.check_person("alice", count, None)
    wip.check_person(None, count, 1)
    assert not wip.person_breach("alice", count, None)
    assert not wip.person_breach(None, count, 1)


def test_message_is_one_sentence_with_the_numbers() -> None:
    with pytest.raises(WipLimitReached) as caught:  # every override path catches this
        wip.check_person("alice", 2, 2)
    assert caught.value.message == "WIP limit reached: alice has 2 of 2 cards in progress."
    assert isinstance(caught.value, PersonWipLimitReached)
    assert caught.value.person == "alice"
