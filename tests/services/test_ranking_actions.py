"""Ranking through the service: only the moved card changes; order is kept,
also when the ranks run out of room and the board is renumbered."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from storehelp import card_rows, events, raw

from kanban_tui.domain.ranking import Move
from kanban_tui.services import Context, boards, card_rank, cards
from kanban_tui.storage.database import Database


def order(ctx: Context, column: str = "To Do") -> list[int]:
    return [card.number for card in cards.list_cards(ctx, "WEB", column=column)]


def ranks(ctx: Context) -> dict[int, int]:
    return {number: row["rank"] for number, row in card_rows(ctx).items()}


def board_order(ctx: Context) -> list[int]:
    """Every card of the board in rank order (the order the backlog reads)."""
    return [number for (number,) in raw(ctx.db.path, "SELECT number FROM card ORDER BY rank, id")]


@pytest.fixture
def five(ctx: Context, board) -> Context:
    for n in range(1, 6):
        cards.add_card(ctx, "WEB", f"card {n}")
    return ctx


@pytest.mark.parametrize(
    ("key", "move", "expected"),
    [
        ("WEB-3", "up", [1, 3, 2, 4, 5]),
        ("WEB-3", "down", [1, 2, 4, 3, 5]),
        ("WEB-3", "top", [3, 1, 2, 4, 5]),
        ("WEB-3", "bottom", [1, 2, 4, 5, 3]),
        ("WEB-2", "up", [2, 1, 3, 4, 5]),
        ("WEB-4", "down", [1, 2, 3, 5, 4]),
    ],
)
def test_a_move_changes_only_the_moved_cards_rank(five: Context, key, move, expected) -> None:
    before = ranks(five)
    rows_before = card_rows(five)
    card = card_rank.rank_card(five, key, move)
    assert order(five) == expected
    after = ranks(five)
    number = card.number
    assert {n: r for n, r in after.items() if n != number} == {
        n: r for n, r in before.items() if n != number
    }
    assert after[number] != before[number]
    for n, row in card_rows(five).items():
        if n != number:
            assert row == rows_before[n]  # not even updated_at or version moved


@pytest.mark.parametrize(("key", "move"), [("WEB-1", "up"), ("WEB-1", "top"), ("WEB-5", "down")])
def test_a_move_past_the_edge_changes_nothing(five: Context, key, move) -> None:
    rows = card_rows(five)
    logged = events(five)
    card_rank.rank_card(five, key, move)
    assert card_rows(five) == rows
    assert events(five) == logged


def test_a_move_writes_one_event_with_before_and_after(five: Context) -> None:
    before = ranks(five)[4]
    logged = len(events(five))
    card = card_rank.rank_card(five, "WEB-4", "top")
    written = events(five)[logged:]
    assert [(e["actor"], e["key"], e["action"]) for e in written] == [("alice", "WEB-4", "ranked")]
    # index: where it was in its column, for undo to put it back
    assert written[0]["data"] == {"move": "top", "before": before, "after": card.rank, "index": 3}


def test_ranking_in_one_column_keeps_the_others_in_place(five: Context) -> None:
    cards.move_card(five, "WEB-2", "In Progress")
    cards.move_card(five, "WEB-4", "In Progress")
    in_progress = order(five, "In Progress")
    card_rank.rank_card(five, "WEB-5", "top")
    assert order(five) == [5, 1, 3]
    assert order(five, "In Progress") == in_progress


def crowd(ctx: Context, values: dict[int, int]) -> None:
    """Set ranks directly, leaving no room between neighbours."""
    for number, rank in values.items():
        raw(ctx.db.path, "UPDATE card SET rank = ? WHERE number = ?", rank, number)


@pytest.mark.parametrize(
    ("key", "move", "expected"),
    [
        ("WEB-5", "up", [1, 2, 3, 5, 4]),
        ("WEB-2", "down", [1, 3, 2, 4, 5]),
        ("WEB-3", "up", [1, 3, 2, 4, 5]),
    ],
)
def test_when_ranks_run_out_of_room_order_is_kept(five: Context, key, move, expected) -> None:
    # Consecutive ranks, and a card of another column wedged among them.
    cards.move_card(five, "WEB-1", "In Progress")
    cards.add_card(five, "WEB", "six")
    crowd(five, {1: 3, 2: 1, 3: 2, 4: 3, 5: 4, 6: 0})
    # board order by (rank, id): 6, 2, 3, 1, 4, 5; To Do shows 6, 2, 3, 4, 5
    board_before = board_order(five)
    card = card_rank.rank_card(five, key, move)
    shown = [n for n in expected if n != 1]
    assert order(five) == [6, *shown]
    # Every other card keeps its place relative to the rest of the board.
    others = [n for n in board_order(five) if n != card.number]
    assert others == [n for n in board_before if n != card.number]
    assert order(five, "In Progress") == [1]


def test_renumbering_leaves_room_for_the_next_moves(five: Context) -> None:
    crowd(five, {1: 1, 2: 2, 3: 3, 4: 4, 5: 5})
    card_rank.rank_card(five, "WEB-5", "up")
    values = sorted(ranks(five).values())
    assert all(b - a >= 2 for a, b in zip(values, values[1:], strict=False))


@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(
    start=st.lists(st.integers(0, 4), min_size=4, max_size=4),
    moves=st.lists(st.tuples(st.integers(0, 3), st.sampled_from(list(Move))), max_size=12),
)
def test_any_sequence_of_moves_matches_a_list_model(start, moves) -> None:
    with tempfile.TemporaryDirectory() as folder:
        db = Database.open(Path(folder) / "kanban.db")
        ctx = Context(db, actor="alice")
        try:
            boards.create_board(ctx, "WEB", "Website")
            for n in range(4):
                cards.add_card(ctx, "WEB", f"card {n + 1}")
            crowd(ctx, dict(zip(range(1, 5), start, strict=True)))  # ties and no gaps
            model = order(ctx)
            for index, move in moves:
                number = model[index]
                model.remove(number)
                place = {
                    Move.UP: max(index - 1, 0),
                    Move.DOWN: min(index + 1, len(model)),
                    Move.TOP: 0,
                    Move.BOTTOM: len(model),
                }[move]
                model.insert(place, number)
                card_rank.rank_card(ctx, f"WEB-{number}", move)
                assert order(ctx) == model
        finally:
            db.close()
