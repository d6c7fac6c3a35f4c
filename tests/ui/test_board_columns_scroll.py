"""The row of columns scrolls sideways to column boundaries only: never part-way
through a column, after columns are added, removed or resized."""

from __future__ import annotations

from textual.widgets import DataTable
from ui_helpers import make_app, press, settle, type_text

from kanban_tui.dialogs.confirm import ConfirmDialog
from kanban_tui.services import boards
from kanban_tui.widgets.column import BoardColumns, ColumnView


def lands_on_a_boundary(app) -> bool:
    row = app.screen.query_one(BoardColumns)
    lefts = [view.virtual_region.x for view in row.query_children(ColumnView)]
    assert row.scroll_x <= row.max_scroll_x
    return int(row.scroll_x) in lefts


def active_in_view(app) -> bool:
    row = app.screen.query_one(BoardColumns)
    view = row.active
    left = view.virtual_region.x
    return row.scroll_x <= left and left + view.outer_size.width <= row.scroll_x + row.size.width


async def test_the_row_lands_on_column_edges_after_a_column_goes(ctx, board) -> None:
    for name in ("Ready", "Testing", "Staging"):
        boards.add_column(ctx, "WEB", name)
    app = make_app(ctx)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        for _ in range(8):  # to the last column, one step at a time
            await press(pilot, "l")
            await settle(pilot)
            assert lands_on_a_boundary(app) and active_in_view(app)
        await pilot.resize_terminal(97, 24)
        await settle(pilot)
        assert lands_on_a_boundary(app) and active_in_view(app)
        await press(pilot, "S")
        await settle(pilot)
        app.screen.query_one(DataTable).move_cursor(row=1)  # In Progress: empty
        await press(pilot, "x")
        assert isinstance(app.screen, ConfirmDialog)
        await press(pilot, "y")
        await settle(pilot)
        await press(pilot, "escape")
        await settle(pilot)
        assert len(boards.columns(ctx, "WEB")) == 6
        assert lands_on_a_boundary(app) and active_in_view(app)


async def test_a_filter_keeps_the_columns_their_width(ctx, board) -> None:
    """The filter bar's margins once narrowed the row by two cells: a scrap of
    the next column showed at the right edge while filtering."""
    for name in ("Ready", "Testing"):
        boards.add_column(ctx, "WEB", name)
    app = make_app(ctx)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        row = app.screen.query_one(BoardColumns)
        widths = [view.outer_size.width for view in row.query_children(ColumnView)]
        await press(pilot, "slash")
        await type_text(pilot, "zz")
        await press(pilot, "enter")
        await settle(pilot)
        assert row.size.width == 80
        assert [view.outer_size.width for view in row.query_children(ColumnView)] == widths


async def test_every_column_of_the_row_fits_its_keys_alike(ctx, board) -> None:
    for name in ("Ready", "Testing"):
        boards.add_column(ctx, "WEB", name)
    app = make_app(ctx)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        views = list(app.screen.query_one(BoardColumns).query_children(ColumnView))
        assert len({view.outer_size.width for view in views}) > 1  # 115 cells shared by 6
        assert len({view.cards.key_width for view in views}) == 1
