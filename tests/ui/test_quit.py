"""Quitting (q, ctrl+q) never drops what was typed or a change still being saved."""

from __future__ import annotations

from textual.pilot import Pilot
from textual.widgets import Input
from ui_helpers import file_held, make_app, notifications, press, screen_text, settle, type_text

from kanban_tui.dialogs.card_editor import CardEditor
from kanban_tui.dialogs.card_history import HistoryDialog
from kanban_tui.dialogs.confirm import DiscardDialog
from kanban_tui.dialogs.wip import WipOverrideDialog
from kanban_tui.services import cards


async def wait_for(pilot: Pilot, condition, what: str, tries: int = 300) -> None:
    """Let the app run until ``condition()`` holds (bounded by tries, not a clock)."""
    for _ in range(tries):
        if condition():
            return
        await pilot.pause(0.02)
    raise AssertionError(f"never: {what}\n{screen_text(pilot.app)}")


async def open_editor(pilot: Pilot) -> CardEditor:
    await press(pilot, "e")
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, CardEditor), "the editor")
    await settle(pilot)  # mounted, its risks line read
    return pilot.app.screen


async def test_ctrl_q_in_a_changed_editor_asks_first(ctx, board):
    cards.add_card(ctx, "WEB", "Shared card")
    app = make_app(ctx)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        editor = await open_editor(pilot)
        await type_text(pilot, " twice")
        await press(pilot, "ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, DiscardDialog)
        assert "Discard changes to WEB-1 and quit?" in screen_text(app)
        await press(pilot, "ctrl+q")  # the question is open: answer it, not again
        await pilot.pause()
        assert app.return_code is None
        await press(pilot, "escape")  # keep editing
        await pilot.pause()
        assert app.screen is editor
        assert editor.query_one("#title", Input).value == "Shared card twice"
        assert app.return_code is None
        await press(pilot, "ctrl+q", "y")
        await pilot.pause()
        assert app.return_code == 0


async def test_ctrl_q_in_an_unchanged_editor_quits_at_once(ctx, board):
    cards.add_card(ctx, "WEB", "Shared card")
    app = make_app(ctx)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await open_editor(pilot)
        await press(pilot, "ctrl+q")
        await pilot.pause()
        assert app.return_code == 0


async def test_ctrl_q_over_a_changed_editor_asks_too(ctx, board):
    """The history (ctrl+o) is open over the editor: the typing below still counts."""
    cards.add_card(ctx, "WEB", "Shared card")
    app = make_app(ctx)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await open_editor(pilot)
        await type_text(pilot, " twice")
        await press(pilot, "ctrl+o")
        await settle(pilot)
        assert isinstance(app.screen, HistoryDialog)
        await press(pilot, "ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, DiscardDialog)
        assert "Discard changes to WEB-1 and quit?" in screen_text(app)


async def test_ctrl_q_while_the_override_holds_a_new_card_asks(ctx, board):
    for number in range(2):
        cards.add_card(ctx, "WEB", f"Review {number}", column="Review")
    app = make_app(ctx)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "l", "l", "n")
        await type_text(pilot, "Urgent review")
        await press(pilot, "ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, WipOverrideDialog), "the offer")
        await press(pilot, "ctrl+q")
        await pilot.pause()
        assert "Discard changes to the new card and quit?" in screen_text(app)


async def test_quitting_waits_for_a_change_still_being_saved(ctx, board):
    cards.add_card(ctx, "WEB", "Move me")
    app = make_app(ctx)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        with file_held(ctx):
            await press(pilot, "L", workers=False)
            await press(pilot, "ctrl+q", workers=False)
            await pilot.pause()
            assert app.return_code is None
            assert "Saving… kanban quits once the change is saved." in notifications(app)
        await wait_for(pilot, lambda: app.return_code == 0, "quit once saved")
    assert cards.get_card(ctx, "WEB-1").column == "In Progress"


async def test_a_second_quit_while_saving_offers_to_quit_now(ctx, board):
    cards.add_card(ctx, "WEB", "Move me")
    app = make_app(ctx)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        with file_held(ctx):
            await press(pilot, "L", "ctrl+q", "ctrl+q", workers=False)
            await pilot.pause()
            assert "quitting now may lose it" in screen_text(app)
            await press(pilot, "y", workers=False)
            await pilot.pause()
            assert app.return_code == 0
