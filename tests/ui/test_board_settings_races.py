"""Board settings when others change the board under an open dialog, and the
details a new user tripped on: the switcher's n, the last done column, the
hint line, archived cards, the board opened after a delete."""

from __future__ import annotations

from textual.widgets import DataTable, Static
from ui_helpers import (
    card_list,
    make_app,
    notifications,
    other_person,
    poll_watch,
    press,
    screen_text,
    settle,
    type_text,
)

from kanban_tui.dialogs.board_forms import NewBoardDialog, PickDialog
from kanban_tui.dialogs.confirm import ConfirmDialog, NoticeDialog
from kanban_tui.dialogs.risk_prompts import PromptDialog
from kanban_tui.screens.board.screen import BoardScreen
from kanban_tui.screens.board.settings import BoardSettings
from kanban_tui.services import Context, archive, boards, cards, columns


def _names(ctx: Context, key: str = "WEB") -> list[str]:
    return [column.name for column in boards.columns(ctx, key)]


async def _settings_on(pilot, name: str) -> BoardSettings:
    await press(pilot, "S")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, BoardSettings) and screen.data is not None
    screen.query_one(DataTable).move_cursor(row=[c.name for c in screen.data.columns].index(name))
    await pilot.pause()
    return screen


async def _gone_meanwhile(pilot, ctx: Context, name: str) -> BoardSettings:
    """Someone else deletes column ``name``; the settings screen under the dialog shows it."""
    sam = other_person(ctx, "sam")
    columns.delete_column(sam, "WEB", name)
    sam.db.close()
    await poll_watch(pilot.app).next_poll(pilot)
    settings = pilot.app.screen_stack[-2]
    assert isinstance(settings, BoardSettings) and settings.data is not None
    assert name not in [c.name for c in settings.data.columns]
    return settings


async def test_rename_stays_on_its_column_when_it_is_deleted_meanwhile(ctx, board) -> None:
    app = make_app(ctx)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await _settings_on(pilot, "Review")
        await press(pilot, "r")
        assert isinstance(app.screen, PromptDialog)
        await _gone_meanwhile(pilot, ctx, "Review")
        await press(pilot, "ctrl+a", "ctrl+k")
        await type_text(pilot, "Rev2")
        await press(pilot, "enter")
        await settle(pilot)
        assert isinstance(app.screen, NoticeDialog)
        text = screen_text(app)
        assert "The column Review is gone" in text and "No column 'Review'" in text
        assert "Rename the column Done" not in text
        await press(pilot, "enter")  # Close, the only button
        await settle(pilot)
        assert isinstance(app.screen, BoardSettings)
        assert _names(ctx) == ["To Do", "In Progress", "Done"]


async def test_delete_category_and_move_stay_on_their_column(ctx, board) -> None:
    app = make_app(ctx)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await _settings_on(pilot, "Review")
        await press(pilot, "x")
        assert isinstance(app.screen, ConfirmDialog)
        await _gone_meanwhile(pilot, ctx, "Review")
        await press(pilot, "y")
        await settle(pilot)
        assert isinstance(app.screen, NoticeDialog)
        assert "The column Review is gone" in screen_text(app)
        await press(pilot, "escape")
        await settle(pilot)
        assert _names(ctx) == ["To Do", "In Progress", "Done"]

        await _settings_on(pilot, "In Progress")
        await press(pilot, "t")
        assert isinstance(app.screen, PickDialog)
        await _gone_meanwhile(pilot, ctx, "In Progress")
        await press(pilot, "down", "down", "enter")  # done
        await settle(pilot)
        assert isinstance(app.screen, NoticeDialog)
        assert "The column In Progress is gone" in screen_text(app)
        assert [c.category.value for c in boards.columns(ctx, "WEB")] == ["todo", "done"]


async def test_the_last_done_column_is_refused_before_asking_where_cards_go(ctx, board) -> None:
    cards.add_card(ctx, "WEB", "Shipped", column="Done")
    app = make_app(ctx)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await _settings_on(pilot, "Done")
        await press(pilot, "x")
        await settle(pilot)
        assert isinstance(app.screen, BoardSettings)
        assert any("Done cannot go" in n for n in notifications(app))


async def test_a_column_of_archived_cards_says_so_and_asks_where_they_go(ctx, board) -> None:
    card = cards.add_card(ctx, "WEB", "Old", column="Review")
    archive.archive_cards(ctx, "WEB", [card.key])
    app = make_app(ctx)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await _settings_on(pilot, "Review")
        await press(pilot, "x", "y")
        await settle(pilot)
        assert isinstance(app.screen, PickDialog)
        assert "Review holds 1 archived card" in screen_text(app)


async def test_switcher_n_cancelled_goes_back_where_you_were(ctx, board) -> None:
    app = make_app(ctx)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "ctrl+b")
        await settle(pilot)
        await press(pilot, "n")
        await settle(pilot)
        assert isinstance(app.screen, NewBoardDialog)
        await press(pilot, "escape")
        await settle(pilot)
        assert isinstance(app.screen, BoardScreen)
        # From another view, the palette's New board comes back there too.
        await press(pilot, "2")
        await settle(pilot)
        await press(pilot, "ctrl+p")
        await type_text(pilot, "New board")
        await settle(pilot)
        await press(pilot, "enter")
        await settle(pilot)
        assert isinstance(app.screen, NewBoardDialog)
        await press(pilot, "escape")
        await settle(pilot)
        assert app.current_mode == "sprint"


async def test_the_new_board_dialog_shows_each_columns_category(ctx, board) -> None:
    app = make_app(ctx)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await _settings_on(pilot, "Done")
        await press(pilot, "N")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, NewBoardDialog)
        dialog.query_one("#template").value = "own"
        await settle(pilot)
        dialog.query_one("#columns").value = "Backlog,To Do,In Progress:3,Done"
        await settle(pilot)
        preview = str(dialog.query_one("#columns-preview", Static).render())
        assert "To Do (todo)" in preview and "In Progress (in_progress, WIP 3)" in preview


async def test_the_hint_line_fits_one_line_at_80(ctx, board) -> None:
    app = make_app(ctx)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = await _settings_on(pilot, "Done")
        assert screen.query_one("#settings-hint").size.height == 1


async def test_the_board_opened_after_a_delete_has_its_first_card_selected(ctx, board) -> None:
    cards.add_card(ctx, "WEB", "First card")
    cards.add_card(ctx, "WEB", "Second card", column="Review")
    app = make_app(ctx)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "S", "N")
        await settle(pilot)
        assert isinstance(app.screen, NewBoardDialog)
        await type_text(pilot, "TMP")
        await press(pilot, "tab")
        await type_text(pilot, "Temporary")
        app.screen.query_one("#template").value = "scrum"
        await press(pilot, "enter")
        await settle(pilot)
        assert app.board_key == "TMP"
        await press(pilot, "escape")  # look around the new board, on its last column
        await settle(pilot)
        await press(pilot, "l", "l", "l", "l")
        await press(pilot, "S", "X", "y")
        await settle(pilot)
        assert isinstance(app.screen, BoardScreen) and app.board_key == "WEB"
        selected = card_list(app).current
        assert selected is not None and selected.key == "WEB-1"
        assert "WEB-1" in screen_text(app)


async def test_board_rename_says_the_board_is_gone(ctx, board) -> None:
    boards.create_board(ctx, "OPS", "Operations")
    app = make_app(ctx)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "S", "R")
        await settle(pilot)
        assert isinstance(app.screen, PromptDialog)
        sam = other_person(ctx, "sam")
        boards.delete_board(sam, "WEB")
        sam.db.close()
        await press(pilot, "ctrl+a", "ctrl+k")
        await type_text(pilot, "Web two")
        await press(pilot, "enter")
        await settle(pilot)
        assert isinstance(app.screen, NoticeDialog)
        assert "The board WEB is gone" in screen_text(app)
