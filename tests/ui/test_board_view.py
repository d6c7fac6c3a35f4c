"""What the Board screen shows: columns, headers with WIP counts, cards."""

from __future__ import annotations

from ui_helpers import card_list, make_app, press, screen_text, settle

from kanban_tui.dialogs.card_view import CardViewDialog
from kanban_tui.services import boards, cards
from kanban_tui.widgets.card_list import PRIORITY_MARK
from kanban_tui.widgets.column import ColumnHeader, ColumnView


async def test_columns_side_by_side_with_headers_and_cards(ctx, demo_board):
    app = make_app(ctx)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        text = screen_text(app)
        assert "WEB" in text and demo_board.name in text
        headers = [column.header for column in boards.columns(ctx, "WEB")]
        assert any(all(header in line for header in headers) for line in text.splitlines())
        assert any(column.at_limit for column in boards.columns(ctx, "WEB"))
        # A card: key, title, assignee, priority mark, points and labels.
        card = next(
            c
            for c in cards.list_cards(ctx, "WEB", column="In Progress")
            if c.assignee and c.labels and c.points and c.priority.value != "none"
        )
        for shown in (card.key, card.title.split()[0], f"@{card.assignee}", f" {card.points} "):
            assert shown in text, shown
        assert f"#{card.labels[0]}" in text
        assert PRIORITY_MARK[card.priority] in text
        assert "⊘ blocked" in text


async def test_header_colours_follow_the_wip_state(ctx, demo_board):
    boards.set_wip_limit(ctx, "WEB", "Done", 5)
    app = make_app(ctx)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        headers = {
            view.column.name: view.query_one(ColumnHeader) for view in app.screen.query(ColumnView)
        }
        assert headers["In Progress"].has_class("-at-limit")
        assert not headers["In Progress"].has_class("-over-limit")
        assert headers["Done"].has_class("-over-limit")
        assert not headers["To Do"].has_class("-at-limit", "-over-limit")
        # Each state has its own colour (warning at the limit, error over it).
        colours = {name: header.styles.color for name, header in headers.items()}
        assert len({colours["To Do"], colours["In Progress"], colours["Done"]}) == 3


async def test_an_empty_column_says_how_to_add_a_card(ctx, board):
    app = make_app(ctx)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert screen_text(app).count("press n to add a card") == 4


async def test_first_column_has_focus_and_arrows_move_it(ctx, demo_board):
    app = make_app(ctx)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        focused = card_list(app)
        assert focused.current is not None and focused.current.column == "To Do"
        await press(pilot, "l")
        assert card_list(app).current.column == "In Progress"
        await press(pilot, "right", "right")
        assert card_list(app).current.column == "Done"
        await press(pilot, "j", "down")
        assert card_list(app).cursor == 2
        await press(pilot, "k")
        assert card_list(app).cursor == 1
        await press(pilot, "h")
        assert card_list(app).current.column == "Review"


async def test_steps_and_moves_keep_the_focus_on_the_board_and_mark_the_active_column(ctx, board):
    """h/l and a move change the active column, never Textual's focus (a focus
    change repaints the whole screen); the active column's header is marked."""
    cards.add_card(ctx, "WEB", "Move me")
    app = make_app(ctx)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        board = app.focused
        focus_changes = []
        app.screen.watch(
            app.screen, "focused", lambda widget: focus_changes.append(widget), init=False
        )

        def marked() -> list[str]:
            return [view.column.name for view in app.screen.query(ColumnView) if view.header.active]

        assert marked() == ["To Do"]
        await press(pilot, "l")
        assert marked() == ["In Progress"]
        await press(pilot, "h", "L")
        await settle(pilot)
        assert marked() == ["In Progress"]
        assert card_list(app).current.column == "In Progress"
        assert app.focused is board and focus_changes == []
        # The filter takes the focus; the board's mark goes until it comes back.
        await press(pilot, "slash")
        assert marked() == [] and app.focused is not board
        await press(pilot, "enter")
        assert marked() == ["In Progress"] and app.focused is board


async def test_clicking_a_card_selects_it_and_double_click_opens_it(ctx, demo_board):
    app = make_app(ctx)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        done = app.screen.query(ColumnView).last().cards
        # Second card of the Done column: card height 5, so row 5-8 of the list.
        await pilot.click(done, offset=(4, 6))
        assert card_list(app) is done and done.cursor == 1
        await pilot.double_click(done, offset=(4, 6))
        await pilot.pause()
        view = app.screen
        assert isinstance(view, CardViewDialog) and view.card.key == done.cards[1].key


async def test_usable_at_80x24_nothing_overlaps(ctx, demo_board):
    app = make_app(ctx)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        views = list(app.screen.query(ColumnView))
        assert len(views) == 4
        regions = [view.region for view in views]
        for left, right in zip(regions, regions[1:], strict=False):
            assert left.right <= right.x, regions
        assert all(region.right <= 80 for region in regions)
        assert all(view.size.width >= 18 for view in views)


async def test_too_many_columns_scroll_sideways(ctx, board):
    for name in ("Design", "Build", "Test", "Stage"):
        boards.add_column(ctx, "WEB", name)
    cards.add_card(ctx, "WEB", "Last column card", column="Done")
    app = make_app(ctx)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        views = list(app.screen.query(ColumnView))
        assert len(views) == 8
        assert all(view.size.width >= 18 for view in views)
        for _ in range(7):
            await press(pilot, "l")
        await pilot.pause()
        last = views[-1]
        assert card_list(app) is last.cards
        # The focused column was scrolled into view.
        assert last.region.x >= 0 and last.region.right <= 80
        assert "WEB-1 Last col" in screen_text(app)  # a compact card at 80x24


async def test_big_terminal_shows_more_cards(ctx, demo_board):
    app = make_app(ctx)
    async with app.run_test(size=(200, 60)) as pilot:
        await settle(pilot)
        text = screen_text(app)
        todo = app.screen.query(ColumnView).first()
        assert todo.size.width > 40
        assert text.count("WEB-") >= 24
