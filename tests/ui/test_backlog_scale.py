"""A backlog of 10,000 cards opens and ranks without freezing (one virtualised list)."""

from __future__ import annotations

from backlog_helpers import cursor_key
from sqlalchemy import insert
from ui_helpers import make_app, press, screen_text, settle

from kanban_tui.domain.ranking import STEP
from kanban_tui.services import boards, sprints
from kanban_tui.storage import repo
from kanban_tui.storage.tables import CardRow

CARDS = 10_000


def big_backlog(ctx) -> None:
    """Board BIG with 10,000 To Do cards, every fifth one unestimated, and a planned sprint."""
    boards.create_board(ctx, "BIG", "Big backlog")
    now = ctx.now()
    with ctx.db.write() as session:
        board = repo.board_row(session, "BIG")
        todo = repo.column_rows(session, board.id)[0].id
        rows = [
            {
                "board_id": board.id,
                "number": n,
                "title": f"Backlog item {n}",
                "column_id": todo,
                "rank": n * STEP,
                "points": None if n % 5 == 0 else 3,
                "created_at": now,
                "updated_at": now,
            }
            for n in range(1, CARDS + 1)
        ]
        session.execute(insert(CardRow), rows)
        board.next_card = CARDS + 1
        session.add(board)
    sprints.create_sprint(ctx, "BIG", goal="Big goal")


async def test_ten_thousand_backlog_cards(ctx):
    big_backlog(ctx)
    app = make_app(ctx, "BIG")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "3")
        await settle(pilot)
        text = screen_text(app)
        assert "10,000 cards  24,000 pt  ? 2,000 unestimated" in text

        await press(pilot, "end")
        await settle(pilot)
        assert cursor_key(app) == "BIG-10000"
        assert "BIG-10000" in screen_text(app)
        await press(pilot, "T")  # to the top of the backlog: one card written
        await settle(pilot)
        assert [c.key for c in sprints.backlog(ctx, "BIG")[:2]] == ["BIG-10000", "BIG-1"]
        assert cursor_key(app) == "BIG-10000"
        await press(pilot, "greater_than_sign")  # into Sprint 1
        await settle(pilot)
        assert sprints.get_sprint(ctx, "BIG", 1).card_count == 1
