"""A dialog's Cancel button does what esc does (the one handler in
``dialogs.base.Dialog``): with typing in the dialog it asks first, and
"Keep editing" keeps every character; with nothing typed it just closes."""

from __future__ import annotations

from test_risk_screen import open_risks
from textual.widgets import Input
from ui_helpers import make_app, press, settle, type_text

from kanban_tui.dialogs.card_editor import CardEditor
from kanban_tui.dialogs.confirm import DiscardDialog
from kanban_tui.dialogs.risk_editor import RiskEditor
from kanban_tui.screens.board.screen import BoardScreen
from kanban_tui.services import cards, risks


async def click_cancel(pilot) -> None:
    await pilot.click("#cancel")
    await settle(pilot)


async def test_cancel_in_a_half_written_card_asks_and_keeps_the_text(ctx, board):
    app = make_app(ctx)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "n")
        await type_text(pilot, "Half a thought")
        await click_cancel(pilot)
        assert isinstance(app.screen, DiscardDialog)
        await click_cancel(pilot)  # "Keep editing"
        assert isinstance(app.screen, CardEditor)
        assert app.screen.query_one("#title", Input).value == "Half a thought"
        await click_cancel(pilot)
        await press(pilot, "y")  # discard
        assert isinstance(app.screen, BoardScreen)
        assert cards.list_cards(ctx, "WEB") == []


async def test_cancel_in_an_untouched_risk_editor_closes_it_at_once(ctx, demo_board):
    app = make_app(ctx)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_risks(pilot)
        before = len(risks.list_risks(ctx, "WEB"))
        await press(pilot, "n")
        assert isinstance(app.screen, RiskEditor)
        await click_cancel(pilot)
        assert app.screen is screen
        assert len(risks.list_risks(ctx, "WEB")) == before
