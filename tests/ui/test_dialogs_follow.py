"""Open dialogs follow what happens under them: a refreshed field puts its
cursor at the end, another board closes the old board's dialogs (typing is
asked about first), the card view's keys follow a server lost and back, and
a refused history read says its sentence in place of loading…."""

from __future__ import annotations

from pathlib import Path

from test_block_key_and_card_view import wait_for
from test_editor_live import open_editor
from test_transfer_ui import _answer, _palette
from textual.widgets import Input, OptionList, Static, TextArea
from ui_helpers import (
    PollWatch,
    make_app,
    notifications,
    other_person,
    press,
    screen_text,
    settle,
)

from kanban_tui.dialogs.board_switcher import BoardSwitcher
from kanban_tui.dialogs.card_editor import CardEditor
from kanban_tui.dialogs.card_history import HistoryDialog
from kanban_tui.dialogs.card_view import CardViewDialog
from kanban_tui.dialogs.confirm import ConfirmDialog, DiscardDialog
from kanban_tui.domain.errors import StorageError
from kanban_tui.services import activity, boards, cards, export

OUTAGE = "The database server cannot be reached; the board is read-only until it is back."


async def open_view(pilot) -> CardViewDialog:
    await settle(pilot)
    await press(pilot, "enter")
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, CardViewDialog), "the card view")
    await settle(pilot)
    return pilot.app.screen


# -- 1. a refreshed field's cursor ---------------------------------------------------
async def test_a_field_refreshed_by_their_save_puts_the_cursor_after_their_text(ctx, board):
    cards.add_card(ctx, "WEB", "Card 5 A")
    bob = other_person(ctx)
    app = make_app(ctx)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        polls = PollWatch(app)
        editor = await open_editor(pilot)
        title = editor.query_one("#title", Input)
        assert title.has_focus and title.cursor_position == len("Card 5 A")
        cards.edit_card(bob, "WEB-1", {"title": "Card 5 A X", "description": "One\nTwo"})
        await polls.next_poll(pilot)
        await wait_for(pilot, lambda: title.value == "Card 5 A X", "their title")
        await press(pilot, "Z")
        assert title.value == "Card 5 A XZ"
        description = editor.query_one("#description", TextArea)
        assert description.text == "One\nTwo"
        assert description.cursor_location == (1, 3)  # the end of their text
    bob.db.close()


# -- 2. another board ------------------------------------------------------------------
async def test_opening_an_imported_board_closes_the_old_boards_card(ctx, board, tmp_path: Path):
    cards.add_card(ctx, "WEB", "Login page")
    boards.create_board(ctx, "OPS", "Operations")
    source = tmp_path / "ops.json"
    source.write_text(export.dumps(export.export_data(ctx, "OPS")), encoding="utf-8")
    app = make_app(ctx)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_view(pilot)
        await _palette(pilot, "Import")
        await _answer(pilot, str(source))
        await _answer(pilot, "NEW")  # OPS is taken: under another key
        assert isinstance(app.screen, ConfirmDialog)
        await press(pilot, "y")
        await settle(pilot)
        assert app.board_key == "NEW"
        assert not isinstance(app.screen, CardViewDialog)
        assert app.screen.id == "board"
        assert "Login page" not in screen_text(app)


async def test_a_board_switch_under_typing_asks_first_and_keeps_it_if_told(ctx, board):
    cards.add_card(ctx, "WEB", "Login page")
    boards.create_board(ctx, "OPS", "Operations")
    app = make_app(ctx)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_view(pilot)
        await press(pilot, "e")
        await wait_for(pilot, lambda: isinstance(app.screen, CardEditor), "the editor")
        await settle(pilot)
        editor = app.screen
        await press(pilot, *" v2")
        await _palette(pilot, "Switch board")
        await wait_for(pilot, lambda: isinstance(app.screen, BoardSwitcher), "the board list")
        options = app.screen.query_one("#boards", OptionList)
        options.highlighted = [b.key for b in app.screen.boards].index("OPS")
        await press(pilot, "enter")
        await settle(pilot)
        assert isinstance(app.screen, DiscardDialog)
        assert "Discard changes to WEB-1?" in screen_text(app)
        await press(pilot, "escape")  # keep editing
        await settle(pilot)
        assert app.screen is editor and app.board_key == "WEB"
        assert editor.query_one("#title", Input).value == "Login page v2"
        await _palette(pilot, "Open board OPS")
        assert isinstance(app.screen, DiscardDialog)
        await press(pilot, "y")  # discard
        await settle(pilot)
        assert app.board_key == "OPS"
        assert app.screen.id == "board"
    assert cards.get_card(ctx, "WEB-1").title == "Login page"


# -- 3. a server lost and back ---------------------------------------------------------------
async def test_the_card_view_follows_a_server_lost_and_back(ctx, board):
    cards.add_card(ctx, "WEB", "Login page")
    app = make_app(ctx)
    async with app.run_test(size=(100, 30)) as pilot:
        view = await open_view(pilot)
        title = view.query_one("#card-view-title", Static)
        assert "read-only" not in str(title.render())
        assert "c comment" in screen_text(app)
        ctx.db.read_only_reason = OUTAGE  # what Store.go_offline does on a server
        app._show_offline()
        await settle(pilot)
        assert "WEB-1 · read-only" in str(title.render())
        assert not any(view.check_action(a, ()) for a in ("comment", "edit", "block"))
        assert "c comment" not in screen_text(app)
        await press(pilot, "c")
        await pilot.pause()
        assert app.screen is view  # no prompt: the sentence at once, in place
        assert OUTAGE.split(";")[0] in screen_text(app)
        assert OUTAGE not in notifications(app)  # not a toast for after the dialog
        ctx.db.read_only_reason = None  # back
        app._show_offline()
        await settle(pilot)
        assert "read-only" not in str(title.render())
        assert all(view.check_action(a, ()) for a in ("comment", "edit", "block"))
        assert "c comment" in screen_text(app)
        assert OUTAGE.split(";")[0] not in screen_text(app)


# -- 4. a history that cannot be read ------------------------------------------------------
async def test_a_refused_history_read_says_why_in_place_of_loading(ctx, board, monkeypatch):
    cards.add_card(ctx, "WEB", "Login page")

    def refused(*args, **kwargs):
        raise StorageError(OUTAGE)

    app = make_app(ctx)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_view(pilot)
        monkeypatch.setattr(activity, "recent_events", refused)
        await press(pilot, "i")
        await wait_for(pilot, lambda: isinstance(app.screen, HistoryDialog), "the history")
        await settle(pilot)
        await settle(pilot)
        line = str(app.screen.query_one("#history-count", Static).render())
        assert "loading…" not in line
        assert line.startswith(OUTAGE), line
        assert "loading…" not in screen_text(app)


async def test_a_card_left_open_under_another_view_is_closed_when_that_view_is_back(ctx, board):
    cards.add_card(ctx, "WEB", "Login page")
    boards.create_board(ctx, "OPS", "Operations")
    app = make_app(ctx)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_view(pilot)
        await _palette(pilot, "Activity")  # the card left open on the Board's stack
        assert app.current_mode == "activity", app.current_mode
        await _palette(pilot, "Open board OPS")
        assert app.board_key == "OPS"
        await press(pilot, "1")
        await settle(pilot)
        assert app.current_mode == "board"
        assert app.screen.id == "board", app.screen
        assert "Login page" not in screen_text(app)
