"""A 10,000-card board opens, scrolls and moves cards without freezing."""

from __future__ import annotations

from storehelp import bulk_cards
from ui_helpers import card_list, make_app, press, screen_text, settle

from kanban_tui.domain.boards import ColumnSpec
from kanban_tui.domain.model import Category
from kanban_tui.services import boards, cards
from kanban_tui.widgets.column import ColumnView

CARDS = 10_000


def big_board(ctx) -> None:
    """Board BIG, four columns without limits, cards bulk-inserted round-robin."""
    columns = [
        ColumnSpec("To Do", Category.TODO),
        ColumnSpec("In Progress", Category.IN_PROGRESS),
        ColumnSpec("Review", Category.IN_PROGRESS),
        ColumnSpec("Done", Category.DONE),
    ]
    boards.create_board(ctx, "BIG", "Big board", columns)
    bulk_cards(
        ctx,
        "BIG",
        CARDS,
        lambda n, ids: {"title": f"Card number {n}", "column_id": ids[(n - 1) % 4]},
    )


async def test_ten_thousand_cards_open_scroll_and_move(ctx, monkeypatch):
    big_board(ctx)
    app = make_app(ctx, "BIG")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        text = screen_text(app)
        assert "To Do 2,500" in text and "Done 2,500" in text

        # Scrolling to the end of a column is immediate: only visible lines render.
        await press(pilot, "end")
        await pilot.pause()
        assert card_list(app).current.key == "BIG-9997"
        assert "BIG-9997" in screen_text(app)

        # A move repaints the two columns it touched, not the board.
        shown: list[str] = []
        original = ColumnView.show

        def counting(self, column, *args, **kwargs):
            shown.append(column.name)
            return original(self, column, *args, **kwargs)

        monkeypatch.setattr(ColumnView, "show", counting)
        await press(pilot, "L")
        await settle(pilot)
        assert sorted(set(shown)) == ["In Progress", "To Do"]
        assert cards.get_card(ctx, "BIG-9997").column == "In Progress"
        text = screen_text(app)
        assert "To Do 2,499" in text and "In Progress 2,501" in text
        assert card_list(app).current.key == "BIG-9997"
