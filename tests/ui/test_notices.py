"""Notifications never over a dialog, and never the same one twice at once."""

from __future__ import annotations

from ui_helpers import make_app, press, screen_text, settle

from kanban_tui.dialogs.card_editor import CardEditor
from kanban_tui.services import cards


async def test_the_same_notification_is_shown_once(ctx, board):
    app = make_app(ctx)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot)
        for _ in range(3):
            app.notify("WEB-1 changed by bob.")
        app.notify("WEB-2 changed by bob.")
        await settle(pilot)
        text = screen_text(app)
        assert text.count("WEB-1 changed by bob.") == 1
        assert text.count("WEB-2 changed by bob.") == 1


async def test_a_notification_waits_while_a_dialog_is_open(ctx, board):
    cards.add_card(ctx, "WEB", "Edited")
    app = make_app(ctx)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot)
        app.notify("Shown before the dialog.")
        await settle(pilot)
        assert "Shown before the dialog." in screen_text(app)
        await press(pilot, "e")
        await settle(pilot)
        assert isinstance(app.screen, CardEditor)
        app.notify("Raised meanwhile.")
        app.notify("Raised meanwhile.")
        await settle(pilot)
        text = screen_text(app)
        # Nothing over the editor's buttons or fields.
        assert "Raised meanwhile." not in text and "Shown before the dialog." not in text
        assert "Save" in text and "Cancel" in text
        await press(pilot, "escape")
        await settle(pilot)
        assert not isinstance(app.screen, CardEditor)
        text = screen_text(app)
        assert text.count("Raised meanwhile.") == 1
