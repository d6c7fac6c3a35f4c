"""The per-person WIP limit on the Board: set from the palette, refused with the override."""

from __future__ import annotations

from ui_helpers import card_list, make_app, notifications, press, screen_text, settle, type_text

from kanban_tui.dialogs.wip import PersonWipDialog, WipOverrideDialog
from kanban_tui.services import boards, cards


async def test_palette_sets_the_limit_and_a_second_card_of_alice_is_refused(ctx, board):
    cards.add_card(ctx, "WEB", "Started", assignee="alice")
    cards.move_card(ctx, "WEB-1", "In Progress")
    cards.add_card(ctx, "WEB", "Next", assignee="alice")
    app = make_app(ctx)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await press(pilot, "ctrl+p")
        await type_text(pilot, "per-person")
        await settle(pilot)  # the palette's search worker has listed its hits
        await press(pilot, "enter")
        await pilot.pause()
        assert isinstance(app.screen, PersonWipDialog)
        assert "Per-person WIP limit" in screen_text(app)
        await type_text(pilot, "1")
        await press(pilot, "enter")
        await pilot.pause()
        assert boards.resolve_board(ctx, "WEB").person_wip_limit == 1
        assert "WEB now has a per-person WIP limit of 1." in notifications(app)
        assert card_list(app).current.key == "WEB-2"
        await press(pilot, "L")
        await settle(pilot)  # drawn at once, refused by the write
        refusal = "WIP limit reached: alice has 1 of 1 cards in progress."
        assert refusal not in notifications(app)  # the question says it, no toast
        assert isinstance(app.screen, WipOverrideDialog)
        text = screen_text(app)
        assert refusal in text and "Move WEB-2 into In Progress anyway?" in text
        await press(pilot, "escape")
        await pilot.pause()
        assert cards.get_card(ctx, "WEB-2").column == "To Do"
