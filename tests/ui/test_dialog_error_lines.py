"""A dialog's error line starts at its input's left edge (not 11 columns in):
the block prompt, the rename prompt, the new column form, the card editor and
the sprint dialog."""

from __future__ import annotations

from backlog_helpers import open_backlog
from textual.widget import Widget
from textual.widgets import Input
from ui_helpers import make_app, press, screen_text, settle, type_text

from kanban_tui.dialogs.board_forms import NewColumnDialog
from kanban_tui.dialogs.card_editor import CardEditor
from kanban_tui.dialogs.risk_prompts import PromptDialog
from kanban_tui.dialogs.sprint_edit import SprintDialog
from kanban_tui.services import cards


def assert_aligned(app, name: str) -> None:
    field = app.screen.query_one(f"#{name}", Widget)
    error = app.screen.query_one(f"#{name}-error", Widget)
    assert error.has_class("-shown") and str(error.render()).strip()
    assert error.content_region.x == field.region.x, (name, error.content_region, field.region)


async def test_prompt_and_form_errors_line_up_with_their_input(ctx, board) -> None:
    cards.add_card(ctx, "WEB", "Login page")
    app = make_app(ctx)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "b", "enter")  # a block with no reason
        assert isinstance(app.screen, PromptDialog)
        assert_aligned(app, "answer")
        await press(pilot, "escape")

        await press(pilot, "n", "ctrl+s")  # a card with no title
        await settle(pilot)
        assert isinstance(app.screen, CardEditor)
        assert_aligned(app, "title")
        await press(pilot, "escape")
        await settle(pilot)

        await press(pilot, "S")
        await settle(pilot)
        await press(pilot, "a", "enter")  # a column with no name
        assert isinstance(app.screen, NewColumnDialog)
        assert_aligned(app, "name")
        await press(pilot, "escape")
        await settle(pilot)
        await press(pilot, "r", "ctrl+a", "ctrl+k", "enter")  # a column renamed to nothing
        assert isinstance(app.screen, PromptDialog)
        assert_aligned(app, "answer")


async def test_the_sprint_dialog_error_lines_up_with_its_input(ctx, board) -> None:
    app = make_app(ctx)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_backlog(pilot)
        await press(pilot, "c")
        await settle(pilot)
        assert isinstance(app.screen, SprintDialog)
        await press(pilot, "ctrl+a", "ctrl+k")
        await type_text(pilot, "x" * 200)  # too long a name
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, SprintDialog)
        assert_aligned(app, "name")


async def test_at_24_lines_four_sentences_leave_the_editor_s_buttons_in_view(ctx, demo_board):
    app = make_app(ctx)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "e")
        await settle(pilot)
        for name, value in (("points", "x"), ("due", "y"), ("assignee", "q q"), ("labels", "a b")):
            app.screen.query_one(f"#{name}", Input).value = value
        await settle(pilot)
        text = screen_text(app)
        assert "Labels must" in text or "Label 'a b'" in text  # the fourth sentence shows
        buttons = next(line for line in text.splitlines() if "ctrl+s save" in line)
        assert "Save" in buttons and "Cancel" in buttons
