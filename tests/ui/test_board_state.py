"""The in-memory board: the filter's terms and keeping cards in rank order."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

from hypothesis import given
from hypothesis import strategies as st

from kanban_tui.domain.model import Board, Card, Category, Column
from kanban_tui.screens.board.state import BoardState, Filter

TODO = Column(1, 1, "To Do", 0, Category.TODO)
DOING = Column(2, 1, "Doing", 1, Category.IN_PROGRESS, wip_limit=2)


def card(number: int, column: Column = TODO, **fields) -> Card:
    return Card(
        id=number,
        board_key="WEB",
        number=number,
        title=fields.pop("title", f"Card {number}"),
        column_id=column.id,
        column=column.name,
        rank=fields.pop("rank", number * 10),
        **fields,
    )


def test_filter_terms():
    bob = card(1, title="Fix Login", assignee="bob", labels=("auth", "backend"))
    none = card(2, title="Docs", blocked="waiting")
    assert Filter("login", "me").matches(bob) and not Filter("login", "me").matches(none)
    assert Filter("web-1", "me").matches(bob)
    assert Filter("@bo", "me").matches(bob) and not Filter("@al", "me").matches(bob)
    assert Filter("@me", "bob").matches(bob)
    assert Filter("@none", "me").matches(none)
    assert Filter("#back", "me").matches(bob) and not Filter("#front", "me").matches(bob)
    assert Filter("!blocked", "me").matches(none) and not Filter("!blocked", "me").matches(bob)
    assert not Filter("login #front", "me").matches(bob)
    assert not Filter("@ #", "me").active


def test_due_terms_filter_by_the_due_state_on_the_given_day():
    today = date(2026, 11, 25)
    late = card(1, due=date(2026, 11, 24))
    soon = card(2, due=today)
    week = card(3, due=date(2026, 12, 2))
    later = card(4, due=date(2026, 12, 3))
    undated = card(5)
    done_late = card(6, due=date(2026, 11, 1), done_at=datetime(2026, 11, 2, tzinfo=UTC))
    every = [late, soon, week, later, undated, done_late]

    def shown(text: str) -> list[int]:
        wanted = Filter(text, "me", today)
        return [c.number for c in every if wanted.matches(c)]

    assert shown("due:overdue") == [1]
    assert shown("due:ov") == [1]  # a prefix, as the filter matches while typing
    assert shown("DUE:SOON") == [2]
    assert shown("due:week") == [1, 2, 3]
    assert shown("due:none") == [5]
    assert shown("due:week card 2") == [2]  # with the other terms: all must match
    assert Filter("due:", "me", today).active is False  # the prefix alone, as "@"
    assert shown("due:tomorrow") == []  # no such term: a word, which no card holds
    # Without a day (a screen not yet loaded), due terms narrow nothing.
    assert Filter("due:overdue", "me").matches(later)


def test_put_keeps_rank_order_and_reports_both_columns():
    state = BoardState(Board(1, "WEB", "Web"), [TODO, DOING], [card(1), card(2), card(3)])
    moved = replace(card(2), column_id=DOING.id, column=DOING.name)
    assert state.put(moved) == (TODO.id, DOING.id)
    assert [c.number for c in state.cards[TODO.id]] == [1, 3]
    assert state.column(DOING.id).count == 1
    back = replace(moved, column_id=TODO.id, column=TODO.name)
    state.put(back)
    assert [c.number for c in state.cards[TODO.id]] == [1, 2, 3]
    ranked = replace(card(3), rank=1)
    state.put(ranked)
    assert [c.number for c in state.cards[TODO.id]] == [3, 1, 2]


def test_visible_follows_the_filter_and_changes():
    state = BoardState(Board(1, "WEB", "Web"), [TODO], [card(1, title="Alpha"), card(2)])
    assert state.visible(TODO.id) is state.cards[TODO.id]
    state.set_filter("alpha", "me")
    assert [c.number for c in state.visible(TODO.id)] == [1]
    state.put(replace(card(2), title="Alpha two"))
    assert [c.number for c in state.visible(TODO.id)] == [1, 2]
    assert (state.shown, state.total) == (2, 2)


def test_filter_names_compare_in_canonical_form():
    bob = card(1, assignee="bob")
    for typed in ("@BOB", "@Bo", "@ＢＯＢ", "@@bob"):
        assert Filter(typed, "me").matches(bob), typed
    for me in ("Bob", " ＢＯＢ ", "@bob"):
        assert Filter("@me", me).matches(bob), me
        assert Filter("@ME", me).matches(bob), me
    assert not Filter("@me", "bobby").matches(bob)
    state = BoardState(Board(1, "WEB", "Web"), [TODO], [bob, card(2, assignee="Bob")])
    assert state.assignees() == ["bob"]


@given(
    st.lists(
        st.tuples(
            st.integers(1, 6),
            st.sampled_from([TODO, DOING]),
            st.none() | st.integers(0, 13),
            st.booleans(),
        ),
        max_size=30,
    )
)
def test_column_points_stay_the_sum_of_their_cards_through_puts_and_removes(steps):
    """Points are kept up to date as cards come and go, not summed again each
    move: whatever the order, they equal a fresh sum."""
    state = BoardState(Board(1, "WEB", "Web"), [TODO, DOING], [card(n, points=1) for n in (1, 2)])
    for number, column, points, removing in steps:
        state.points(TODO.id), state.points(DOING.id)  # sums kept from here on
        moved = card(number, column, points=points)
        if removing:
            state.remove(moved)
        else:
            state.put(moved)
        for each in (TODO, DOING):
            expected = sum(c.points or 0 for c in state.cards.get(each.id, ()))
            assert state.points(each.id) == expected


def test_swap_takes_a_saved_copy_in_place_only_when_it_is_drawn_alike():
    """A move's saved card (a new version, the same look and place) replaces
    the drawn copy in the lists the columns hold, filtered or not."""
    state = BoardState(Board(1, "WEB", "Web"), [TODO, DOING], [card(1), card(2, title="Alpha")])
    state.set_filter("alpha", "me")
    shown = state.visible(TODO.id)
    saved = replace(card(2, title="Alpha"), version=2)
    assert state.swap(saved)
    assert state.cards[TODO.id][1] is saved and shown == [saved]
    assert state.visible(TODO.id) is shown  # the same list: the column holds it
    assert not state.swap(replace(saved, version=3, title="Alpha renamed"))
    assert not state.swap(replace(saved, version=3, rank=1))
    assert not state.swap(replace(saved, column_id=DOING.id, column=DOING.name))
    assert state.cards[TODO.id][1] is saved
