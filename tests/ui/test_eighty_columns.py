"""At 80x24 every screen is usable: the footer keeps ? and q, titles are not cut,
and a refusal in a dialog leaves the dialog's buttons in sight."""

from __future__ import annotations

import pytest
from ui_helpers import make_app, notifications, other_person, press, screen_text, settle, type_text

from kanban_tui.app import KanbanApp
from kanban_tui.dialogs.card_editor import CardEditor
from kanban_tui.services import cards


@pytest.mark.parametrize("key", ["1", "2", "3", "4", "5", "6"])
async def test_the_footer_always_offers_help_and_quit(ctx, demo_board, key):
    app = make_app(ctx)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, key)
        await settle(pilot)
        footer = screen_text(app).splitlines()[-1]
        assert "? Help" in footer and "q Quit" in footer, footer


@pytest.mark.parametrize("key", ["1", "2", "3"])
async def test_a_narrower_footer_drops_the_screens_last_keys_not_help(ctx, demo_board, key):
    app = make_app(ctx)
    async with app.run_test(size=(60, 24)) as pilot:
        await settle(pilot)
        await press(pilot, key)
        await settle(pilot)
        footer = screen_text(app).splitlines()[-1]
        assert "? Help" in footer and "q Quit" in footer, footer
        assert footer.startswith(" n New"), footer  # the first keys stay
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        footer = screen_text(app).splitlines()[-1]
        assert "? Help" in footer, footer
        assert "C Complete" in footer if key != "1" else "w WIP" in footer, footer  # room again


async def test_report_titles_say_less_when_narrow_rather_than_break_a_phrase(ctx, demo_board):
    app = make_app(ctx)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "5")
        await settle(pilot)
        text = screen_text(app)
        assert "Velocity  mean 27.5 pt (last 2) · 2 completed sprints" in text
        assert "Sprint 3  18 Nov – 1 Dec · day 8 of 14 · 7 days left" in text
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        title = app.screen.query_one("#velocity-title")
        lines = screen_text(app).splitlines()
        top = title.region.y
        assert lines[top][title.region.x :].strip() == "Velocity  mean 27.5 pt (last 2)"
        assert title.region.height == 1  # one line: no phrase broken over two
        burndown = app.screen.query_one("#burndown-title")
        assert burndown.region.height == 1
        await press(pilot, "f")
        await settle(pilot)
        text = " ".join(screen_text(app).split())
        assert "cards per column at the end of each day" in text, text


async def test_a_refused_save_says_why_in_the_editor_with_its_buttons_in_sight(
    ctx, board, monkeypatch
):
    monkeypatch.setattr(KanbanApp, "_poll", lambda self: None)  # the save finds out
    cards.add_card(ctx, "WEB", "Shared card")
    bob = other_person(ctx)
    app = make_app(ctx)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "e")
        await settle(pilot)
        await type_text(pilot, " twice")
        cards.edit_card(bob, "WEB-1", {"title": "Bob's title"})
        await press(pilot, "ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, CardEditor)
        buttons = screen_text(app).splitlines()[-3]
        assert "Save" in buttons and "Cancel" in buttons, screen_text(app)
        assert "WEB-1 was changed by bob" in screen_text(app)
        assert not any("was changed by bob" in n for n in notifications(app))
    bob.db.close()
