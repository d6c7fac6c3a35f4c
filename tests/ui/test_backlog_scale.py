"""A backlog of 10,000 cards opens and ranks without freezing (one virtualised list)."""

from __future__ import annotations

from backlog_helpers import cursor_key
from storehelp import bulk_cards
from ui_helpers import make_app, press, screen_text, settle

from kanban_tui.services import boards, sprints

CARDS = 10_000


def big_backlog(ctx) -> None:
    """Board BIG with 10,000 To Do cards, every fifth one unestimated, and a planned sprint."""
    boards.create_board(ctx, "BIG", "Big backlog")
    bulk_cards(
        ctx,
        "BIG",
        CARDS,
        lambda n, _: {"title": f"Backlog item {n}", "points": None if n % 5 == 0 else 3},
    )
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
