"""A column a page at a time (storage/card_pages.py), on both engines: keyset
pages in rank order that skip and repeat nothing, from either end, and the
columns' counts and points."""

from __future__ import annotations

import pytest
from sqlalchemy import update

from kanban_tui.services import Context, archive, cards
from kanban_tui.storage import card_pages, repo
from kanban_tui.storage.tables import CardRow


@pytest.fixture
def todo(ctx: Context, board) -> int:
    """Column To Do of WEB with WEB-1..WEB-7 (points 1..7), two of them tied
    in rank, WEB-7 archived; WEB-8 in Done."""
    for number in range(1, 8):
        cards.add_card(ctx, "WEB", f"Card {number}", points=number)
    cards.add_card(ctx, "WEB", "Elsewhere", column="Done", points=8)
    archive.archive_cards(ctx, "WEB", ["WEB-7"])
    with ctx.db.write() as session:
        b = repo.board_row(session, "WEB")
        five = repo.card_row(session, b, 5)
        session.execute(update(CardRow).where(CardRow.number == 4).values(rank=five.rank))
        return repo.column_row(session, b, "To Do").id


def _numbers(found: list) -> list[int]:
    return [card.number for card in found]


def test_pages_follow_each_other_without_gaps_or_repeats(ctx: Context, todo: int) -> None:
    with ctx.db.read() as session:
        pages, after = [], None
        while page := card_pages.column_page(session, todo, after, limit=2):
            pages.append(_numbers(page))
            after = (page[-1].rank, page[-1].id)
        assert pages == [[1, 2], [3, 4], [5, 6]]
        first = card_pages.column_page(session, todo, None, limit=1)[0]
        assert (first.key, first.column, first.points) == ("WEB-1", "To Do", 1)


def test_pages_read_backwards_from_the_end(ctx: Context, todo: int) -> None:
    with ctx.db.read() as session:
        last = card_pages.column_page_before(session, todo, None, limit=4)
        assert _numbers(last) == [3, 4, 5, 6]
        start = (last[0].rank, last[0].id)
        assert _numbers(card_pages.column_page_before(session, todo, start, limit=4)) == [1, 2]
        assert card_pages.cards_before(session, todo, start) == 2
        five = last[2]
        assert card_pages.cards_before(session, todo, (five.rank, five.id)) == 4


def test_totals_count_and_add_the_points_of_cards_not_archived(ctx: Context, todo: int) -> None:
    with ctx.db.read() as session:
        board = repo.board_row(session, "WEB")
        assert board.id is not None
        done = repo.column_row(session, board, "Done").id
        assert card_pages.column_totals(session, board.id) == {todo: (6, 21), done: (1, 8)}


def test_a_rank_beyond_32_bits_is_kept(ctx: Context, todo: int) -> None:
    """Ranks are 65,536 apart: past 32,767 cards they no longer fit 32 bits
    (a BIGINT on PostgreSQL since schema 4)."""
    with ctx.db.write() as session:
        session.execute(update(CardRow).where(CardRow.number == 6).values(rank=2**40))
    with ctx.db.read() as session:
        last = card_pages.column_page_before(session, todo, None, limit=1)
    assert (last[0].key, last[0].rank) == ("WEB-6", 2**40)
