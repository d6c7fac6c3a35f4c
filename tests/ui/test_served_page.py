"""The app as a page of ``kanban serve`` (kanban_tui.web.page): Textual's web
driver starts it blurred, and a read-only page refuses changes and files."""

from __future__ import annotations

from textual import events
from textual.app import App
from ui_helpers import make_app, notifications, press, screen_text, settle

from kanban_tui import paths
from kanban_tui.dialogs.risk_prompts import PromptDialog
from kanban_tui.web import page


def footer(app) -> str:
    return screen_text(app).splitlines()[-1]


async def test_an_app_blurred_at_start_shows_its_keys_once_focused(ctx, board):
    app = make_app(ctx)
    app.set_reactive(App.app_focus, False)  # as the web driver starts a page: blurred
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert "Quit" not in footer(app)
        app.post_message(events.AppFocus())  # the page has the keyboard
        await settle(pilot)
        assert "q Quit" in footer(app), footer(app)


async def test_a_read_only_page_refuses_a_change_and_the_files(ctx, board):
    ctx.db.pin_read_only(page.READ_ONLY)
    app = make_app(ctx)
    app.files_refused = page.NO_FILES
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert "Board · read-only" in screen_text(app).splitlines()[0]
        await press(pilot, "n")
        app.action_export_board()
        app.action_import_file()
        await settle(pilot)
        assert notifications(app) == [page.READ_ONLY, page.NO_FILES, page.NO_FILES]
        assert not isinstance(app.screen, PromptDialog)


async def test_a_page_keeps_its_picks_to_itself(ctx, board):
    app = make_app(ctx)
    app.remembers = False
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await press(pilot, "z")  # compact cards
        app.theme = "nord" if app.theme != "nord" else "gruvbox"
        app.open_board("WEB")
        await settle(pilot)
        assert app.card_layout != "auto"
    assert not paths.config_path().exists()
    assert paths.last_board(ctx.db.path) is None
