"""The command palette reaches every column and card action (issue 10):
each entry runs the same action as its key, on the focused column or the
selected card, and says so when there is no card."""

from __future__ import annotations

from ui_helpers import make_app, notifications, press, screen_text, settle, type_text

from kanban_tui.dialogs.confirm import ConfirmDialog
from kanban_tui.dialogs.risk_prompts import PromptDialog
from kanban_tui.screens.board.screen import BoardScreen
from kanban_tui.screens.board.settings import BoardSettings
from kanban_tui.screens.card_palette import NO_CARD
from kanban_tui.services import Context, archive, boards, cards, comments


def _names(ctx: Context) -> list[str]:
    return [c.name for c in boards.columns(ctx, "WEB")]


async def _palette(pilot, text: str) -> None:
    await press(pilot, "ctrl+p")
    await type_text(pilot, text)
    await settle(pilot)
    await press(pilot, "enter")
    await settle(pilot)


async def test_column_actions_from_the_palette_act_on_the_focused_column(ctx, board) -> None:
    app = make_app(ctx)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "l")  # In Progress
        await _palette(pilot, "Rename column")
        assert isinstance(app.screen, PromptDialog)
        assert "In Progress" in screen_text(app)
        await press(pilot, "ctrl+a", "ctrl+k")
        await type_text(pilot, "Doing")
        await press(pilot, "enter")
        await settle(pilot)
        assert isinstance(app.screen, BoardSettings)
        assert _names(ctx) == ["To Do", "Doing", "Review", "Done"]
        await press(pilot, "escape")
        await settle(pilot)

        await _palette(pilot, "Move column right")
        assert _names(ctx) == ["To Do", "Review", "Doing", "Done"]
        await press(pilot, "escape")
        await settle(pilot)

        await _palette(pilot, "Set column category")
        assert "Category of" in screen_text(app)
        await press(pilot, "escape")
        await settle(pilot)
        await press(pilot, "escape")
        await settle(pilot)

        await press(pilot, "h", "h", "h", "l", "l")  # Doing, third now
        await _palette(pilot, "Delete column")
        assert isinstance(app.screen, ConfirmDialog)
        assert app.screen.question.plain == "Delete the column Doing?"


async def test_card_actions_from_the_palette(ctx, board) -> None:
    cards.add_card(ctx, "WEB", "Login page")
    cards.add_card(ctx, "WEB", "Signup page")
    app = make_app(ctx)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await _palette(pilot, "Block")
        assert isinstance(app.screen, PromptDialog)
        await type_text(pilot, "waiting for design")
        await press(pilot, "enter")
        await settle(pilot)
        assert cards.get_card(ctx, "WEB-1").blocked == "waiting for design"

        await _palette(pilot, "Comment on card")
        assert isinstance(app.screen, PromptDialog)
        await type_text(pilot, "looks good")
        await press(pilot, "enter")
        await settle(pilot)
        assert [c.text for c in comments.comments(ctx, "WEB-1")] == ["looks good"]

        await _palette(pilot, "Archive card")
        assert [a.card.key for a in archive.archived_cards(ctx, "WEB")] == ["WEB-1"]

        # An empty column: the card entries say there is no card.
        await press(pilot, "l")
        await _palette(pilot, "Open card")
        assert isinstance(app.screen, BoardScreen)
        assert NO_CARD in notifications(app)

        await _palette(pilot, "Restore archived card")
        assert app.current_mode == "archive"
        await _palette(pilot, "Restore card")
        assert not archive.archived_cards(ctx, "WEB")


async def test_palette_entries_on_a_read_only_file_say_why(ctx, board, monkeypatch) -> None:
    cards.add_card(ctx, "WEB", "Login page")
    monkeypatch.setattr(ctx.db, "read_only_reason", "The file is read-only.")
    app = make_app(ctx)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await _palette(pilot, "Rename column")
        assert isinstance(app.screen, BoardSettings)
        assert "The file is read-only." in notifications(app)
        assert _names(ctx) == ["To Do", "In Progress", "Review", "Done"]
        await press(pilot, "escape")
        await settle(pilot)
        app.clear_notifications()
        await _palette(pilot, "Block or unblock card")
        assert isinstance(app.screen, BoardScreen)
        assert notifications(app)[-1] == "The file is read-only."


async def test_every_card_and_column_entry_is_in_the_palette_of_each_card_view(ctx, board) -> None:
    wanted = {
        "Add column", "Rename column", "Move column left", "Move column right", "Delete column",
        "Set column category", "Rename board", "Delete board", "New board", "Open card",
        "Edit card", "Comment on card", "Block or unblock card", "Archive card", "Delete card",
    }  # fmt: skip
    app = make_app(ctx)
    async with app.run_test(size=(80, 24)) as pilot:
        for mode in ("1", "2", "3"):
            await press(pilot, mode)
            await settle(pilot)
            names = {command.title for command in app.get_system_commands(app.screen)}
            assert wanted <= names, (mode, wanted - names)
            if mode == "1":
                assert {"Set WIP limit", "Compact or full cards", "Restore archived card"} <= names
        await press(pilot, "A")
        await settle(pilot)
        names = {command.title for command in app.get_system_commands(app.screen)}
        assert "Restore card" in names
