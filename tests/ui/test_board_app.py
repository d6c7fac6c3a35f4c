"""App-wide keys: ? help, ctrl+b switch board, q quit, 1 board view, the palette, reload."""

from __future__ import annotations

from textual.command import CommandPalette
from ui_helpers import card_list, make_app, press, screen_text, settle, type_text

from kanban_tui import paths
from kanban_tui.dialogs.board_switcher import BoardSwitcher
from kanban_tui.dialogs.help import HelpDialog
from kanban_tui.screens.board.screen import BoardScreen
from kanban_tui.services import boards, cards
from kanban_tui.widgets.column import BoardColumns


async def test_question_mark_lists_every_binding_of_the_screen(ctx, board):
    app = make_app(ctx)
    async with app.run_test(size=(120, 60)) as pilot:
        await settle(pilot)
        await press(pilot, "question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpDialog)
        text = app.screen.query_one("#help-text").render().plain
        text = " ".join(text.split())  # a long description wraps under itself
        expected = [
            binding.tooltip or binding.description
            for source in (BoardScreen.BINDINGS, BoardColumns.BINDINGS, app.BINDINGS)
            for binding in source
            # Offered only on a file this person may only read (test_read_only_open).
            if binding.action not in BoardScreen.READS_INSTEAD
        ]
        for description in expected:
            assert description in text, description
        for keys in ("H shift+←", "L shift+→", "K shift+↑", "J shift+↓", "T", "B", "^p", "?"):
            assert keys in text, keys
        await press(pilot, "escape")
        await pilot.pause()
        assert isinstance(app.screen, BoardScreen)


async def test_q_quits(ctx, board):
    app = make_app(ctx)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "q")
        await pilot.pause()
        assert not app.is_running


async def test_q_in_the_filter_is_typed_not_quit(ctx, board):
    app = make_app(ctx)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "slash")
        await type_text(pilot, "q1?")
        assert app.is_running
        assert app.screen.query_one("#filter").value == "q1?"


async def test_ctrl_b_switches_board_and_remembers_it(ctx, board):
    boards.create_board(ctx, "OPS", "Operations")
    cards.add_card(ctx, "OPS", "Rotate the certificates")
    app = make_app(ctx)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "ctrl+b")
        await settle(pilot)  # the boards are read in a worker
        assert isinstance(app.screen, BoardSwitcher)
        assert "Operations" in screen_text(app)
        await press(pilot, "down", "enter")
        await settle(pilot)
        assert app.board_key == "OPS"
        text = screen_text(app)
        assert "OPS  Operations" in text and "Rotate the" in text
        assert paths.last_board(ctx.db.path) == "OPS"
        assert card_list(app).current.key == "OPS-1"


async def test_palette_offers_board_commands(ctx, board):
    boards.create_board(ctx, "OPS", "[b]Operations[/b]")
    app = make_app(ctx)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await press(pilot, "ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        await type_text(pilot, "open board ops")
        await settle(pilot)  # the palette's search worker has listed its hits
        assert "Open board OPS · [b]Operations[/b]" in screen_text(app)
        await press(pilot, "enter")
        await settle(pilot)
        assert app.board_key == "OPS"


async def test_palette_new_card_command(ctx, board):
    app = make_app(ctx)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await press(pilot, "ctrl+p")
        await type_text(pilot, "new card")
        await settle(pilot)  # the palette's search worker has listed its hits
        await press(pilot, "enter")
        await pilot.pause()
        assert "New card in To Do" in screen_text(app)


async def test_1_shows_the_board_view(ctx, board):
    app = make_app(ctx)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "1")
        await pilot.pause()
        assert app.current_mode == "board" and isinstance(app.screen, BoardScreen)


async def test_reload_keeps_focus_scroll_and_shows_other_changes(ctx, board):
    for number in range(30):
        cards.add_card(ctx, "WEB", f"Card {number}")
    app = make_app(ctx)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        for _ in range(20):
            await press(pilot, "j")
        shown = card_list(app)
        scroll = shown.scroll_y
        assert scroll > 0 and shown.current.key == "WEB-21"
        # Another process changes the board.
        cards.edit_card(ctx, "WEB-21", {"title": "Renamed elsewhere"})
        cards.add_card(ctx, "WEB", "Added elsewhere", column="Review")
        app.screen.reload()
        await settle(pilot)
        assert card_list(app) is shown and shown.current.key == "WEB-21"
        assert shown.current.title == "Renamed elsewhere"
        assert shown.scroll_y == scroll
        assert "Review 1/2" in screen_text(app)


async def test_a_keymap_in_the_config_rebinds_a_key(ctx, board):
    from dataclasses import replace

    from ui_helpers import TEST_CONFIG

    from kanban_tui.app import create_app
    from kanban_tui.dialogs.confirm import ConfirmDialog

    cards.add_card(ctx, "WEB", "Rebound")
    app = create_app(ctx, "WEB", config=replace(TEST_CONFIG, keymap={"card.delete": "x"}))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "D")
        await pilot.pause()
        assert not isinstance(app.screen, ConfirmDialog)
        await press(pilot, "x")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)


async def test_clicking_a_column_header_focuses_its_cards(ctx, board):
    app = make_app(ctx)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        done = app.screen.query("ColumnView").last()
        await pilot.click(done.header)
        assert card_list(app) is done.cards


async def test_a_change_made_while_a_reload_runs_is_not_lost(ctx, board, monkeypatch):
    import threading

    from kanban_tui.screens.board import paging as board_screen

    cards.add_card(ctx, "WEB", "Moving")
    app = make_app(ctx)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        # Hold the reload's read until the move has been made and committed,
        # so that what the reload read is older than what the screen shows.
        release = threading.Event()
        real_list = board_screen.board_pages.first_pages
        stale = real_list(ctx, "WEB")

        def slow_list(*args, **kwargs):
            release.wait(5)
            return stale

        monkeypatch.setattr(board_screen.board_pages, "first_pages", slow_list)
        screen.reload()
        reload = [worker for worker in app.workers if not worker.is_finished]
        await press(pilot, "L", held=reload)  # the move is saved while the reload is held
        monkeypatch.setattr(board_screen.board_pages, "first_pages", real_list)
        release.set()
        await settle(pilot)
        assert cards.get_card(ctx, "WEB-1").column == "In Progress"
        assert card_list(app).current.key == "WEB-1"
        assert "In Progress 1/3" in screen_text(app)
