"""Explicit, stable ranking: a move lands between its intended neighbours."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kanban_tui.domain import ranking
from kanban_tui.domain.ranking import STEP, Move


def test_between_open_ends() -> None:
    assert ranking.between(None, None) == 0
    assert ranking.between(None, 10) == 10 - STEP
    assert ranking.between(10, None) == 10 + STEP


def test_between_two_neighbours_and_no_gap() -> None:
    assert ranking.between(0, 10) == 5
    assert ranking.between(0, 2) == 1
    assert ranking.between(0, 1) is None
    assert ranking.between(5, 5) is None


@given(st.integers(-(2**40), 2**40), st.integers(0, 2**40))
def test_between_is_strictly_inside_or_none(before: int, gap: int) -> None:
    after = before + gap
    rank = ranking.between(before, after)
    if gap < 2:
        assert rank is None
    else:
        assert rank is not None
        assert before < rank < after


@given(st.integers(-(2**40), 2**40))
def test_open_ends_are_strictly_outside(rank: int) -> None:
    assert ranking.between(None, rank) < rank  # type: ignore[operator]
    assert ranking.between(rank, None) > rank  # type: ignore[operator]


@given(st.integers(0, 500))
def test_renumber_gives_increasing_ranks_with_room_between(count: int) -> None:
    ranks = ranking.renumber(count)
    assert len(ranks) == count
    assert all(b - a == STEP for a, b in zip(ranks, ranks[1:], strict=False))
    for a, b in zip(ranks, ranks[1:], strict=False):
        assert ranking.between(a, b) is not None


def test_target_at_the_edges_is_no_move() -> None:
    ranks = [10, 20, 30]
    assert ranking.target(ranks, 0, Move.UP) is None
    assert ranking.target(ranks, 0, Move.TOP) is None
    assert ranking.target(ranks, 2, Move.DOWN) is None
    assert ranking.target(ranks, 2, Move.BOTTOM) is None
    assert ranking.target([10], 0, Move.DOWN) is None


def test_target_neighbours() -> None:
    ranks = [10, 20, 30, 40]
    assert ranking.target(ranks, 2, Move.UP) == (10, 20)
    assert ranking.target(ranks, 1, Move.UP) == (None, 10)
    assert ranking.target(ranks, 1, Move.DOWN) == (30, 40)
    assert ranking.target(ranks, 2, Move.DOWN) == (40, None)
    assert ranking.target(ranks, 3, Move.TOP) == (None, 10)
    assert ranking.target(ranks, 0, Move.BOTTOM) == (40, None)


def expected_order(ids: list[int], index: int, move: Move) -> list[int]:
    order = list(ids)
    card = order.pop(index)
    place = {
        Move.UP: max(index - 1, 0),
        Move.DOWN: min(index + 1, len(ids) - 1),
        Move.TOP: 0,
        Move.BOTTOM: len(ids) - 1,
    }[move]
    order.insert(place, card)
    return order


def apply(ranks: list[int], index: int, move: Move) -> list[int]:
    """Move the card at ``index`` as the service does; return the new order of card ids.

    Cards are identified by their position in ``ranks``; ties sort by that id,
    as the database sorts by (rank, id).
    """
    neighbours = ranking.target(ranks, index, move)
    if neighbours is None:
        return list(range(len(ranks)))
    rank = ranking.between(*neighbours)
    if rank is None:
        ranks = ranking.renumber(len(ranks))  # same order, fresh gaps
        neighbours = ranking.target(ranks, index, move)
        assert neighbours is not None
        rank = ranking.between(*neighbours)
        assert rank is not None
    moved = list(ranks)
    moved[index] = rank
    return sorted(range(len(ranks)), key=lambda card: (moved[card], card))


sorted_ranks = st.lists(st.integers(-(2**20), 2**20), min_size=1, max_size=30).map(sorted)


@given(sorted_ranks, st.data(), st.sampled_from(list(Move)))
def test_a_move_places_the_card_between_its_intended_neighbours(ranks, data, move) -> None:
    index = data.draw(st.integers(0, len(ranks) - 1))
    ids = list(range(len(ranks)))
    assert apply(ranks, index, move) == expected_order(ids, index, move)


@given(st.lists(st.integers(0, 3), min_size=2, max_size=12).map(sorted), st.data())
def test_crowded_ranks_still_move_exactly_one_place(ranks, data) -> None:
    # Ranks 0-3 leave no gaps: this exercises the renumber path.
    index = data.draw(st.integers(0, len(ranks) - 1))
    move = data.draw(st.sampled_from(list(Move)))
    ids = list(range(len(ranks)))
    assert apply(ranks, index, move) == expected_order(ids, index, move)


@given(st.lists(st.sampled_from(list(Move)), max_size=40), st.data())
def test_a_sequence_of_moves_matches_a_list_model(moves, data) -> None:
    count = 6
    ranks = ranking.renumber(count)
    cards = list(range(count))  # card ids in their shown order
    by_card = dict(zip(cards, ranks, strict=True))
    for move in moves:
        index = data.draw(st.integers(0, count - 1))
        shown = sorted(cards, key=lambda card: (by_card[card], card))
        card = shown[index]
        current = [by_card[c] for c in shown]
        neighbours = ranking.target(current, index, move)
        if neighbours is not None:
            rank = ranking.between(*neighbours)
            if rank is None:
                by_card = dict(zip(shown, ranking.renumber(count), strict=True))
                current = [by_card[c] for c in shown]
                rank = ranking.between(*ranking.target(current, index, move))  # type: ignore[misc]
            assert rank is not None
            others = {c: r for c, r in by_card.items() if c != card}
            by_card[card] = rank
            assert {c: r for c, r in by_card.items() if c != card} == others
        after = sorted(cards, key=lambda c: (by_card[c], c))
        assert after == expected_order(shown, index, move)


@pytest.mark.parametrize("move", ["up", "down", "top", "bottom"])
def test_moves_parse_from_their_names(move: str) -> None:
    assert Move(move).value == move
