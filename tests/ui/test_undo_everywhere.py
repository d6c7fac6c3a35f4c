"""ctrl+z on the Archive, Activity, Reports and Risks; the Archive's esc and
its empty body."""

from __future__ import annotations

import pytest
from ui_helpers import make_app, notifications, press, screen_text, settle, type_text

from kanban_tui.screens.archive.screen import ArchiveScreen
from kanban_tui.services import archive, cards


async def test_ctrl_z_in_the_archive_takes_back_a_restore_made_there(ctx, board):
    cards.add_card(ctx, "WEB", "Old spike")
    archive.archive_cards(ctx, "WEB", ["WEB-1"])
    app = make_app(ctx)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "A")
        await settle(pilot)
        await press(pilot, "r")
        await settle(pilot)
        assert not cards.get_card(ctx, "WEB-1").archived
        assert "Old spike" not in screen_text(app)
        await press(pilot, "ctrl+z")
        await settle(pilot)
        await settle(pilot)
        assert cards.get_card(ctx, "WEB-1").archived
        assert "Undid: WEB-1 restored" in notifications(app)
        assert "Old spike" in screen_text(app)  # the view read itself again


@pytest.mark.parametrize("view", ["4", "5", "6"])
async def test_ctrl_z_works_on_risks_reports_and_activity(ctx, board, view):
    cards.add_card(ctx, "WEB", "Build it")
    cards.move_card(ctx, "WEB-1", "In Progress")
    app = make_app(ctx)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, view)
        await settle(pilot)
        await press(pilot, "ctrl+z")
        await settle(pilot)
        await settle(pilot)
        assert cards.get_card(ctx, "WEB-1").column == "To Do"
        assert "Undid: WEB-1 moved To Do → In Progress" in notifications(app)


async def test_ctrl_z_names_the_last_action_when_it_cannot_be_undone(ctx, board):
    cards.add_card(ctx, "WEB", "Keep")
    cards.add_card(ctx, "WEB", "Gone")
    archive.archive_cards(ctx, "WEB", ["WEB-1"])
    archive.restore_cards(ctx, "WEB", ["WEB-1"])
    archive.archive_cards(ctx, "WEB", ["WEB-2"])
    app = make_app(ctx)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "A")
        await settle(pilot)
        await press(pilot, "D")
        await pilot.pause()
        await press(pilot, "y")
        await settle(pilot)
        await press(pilot, "1")
        await settle(pilot)
        await press(pilot, "ctrl+z")
        await settle(pilot)
        assert notifications(app)[-1] == (
            "Your last action, deleting WEB-2, cannot be undone; nothing undone."
        )
        assert not cards.get_card(ctx, "WEB-1").archived


async def test_esc_in_the_archive_clears_the_filter_first_then_goes_back(ctx, board):
    cards.add_card(ctx, "WEB", "Old spike")
    archive.archive_cards(ctx, "WEB", ["WEB-1"])
    app = make_app(ctx)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "2")  # from the Sprint view
        await settle(pilot)
        await press(pilot, "A")
        await settle(pilot)
        assert isinstance(app.screen, ArchiveScreen)
        assert "esc Back" in screen_text(app)
        await press(pilot, "slash")
        await type_text(pilot, "spike")
        await press(pilot, "enter")
        await settle(pilot)
        assert "esc Clear filter" in screen_text(app)
        await press(pilot, "escape")
        await settle(pilot)
        assert isinstance(app.screen, ArchiveScreen)  # the filter went first
        assert "esc Back" in screen_text(app)
        await press(pilot, "escape")
        await settle(pilot)
        assert app.current_mode == "sprint"


async def test_an_empty_archive_says_so_in_its_body(ctx, board):
    app = make_app(ctx)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "A")
        await settle(pilot)
        body = screen_text(app).splitlines()[2:-1]
        assert any(
            "No archived cards. d on a card archives it; A comes here." in line for line in body
        )
