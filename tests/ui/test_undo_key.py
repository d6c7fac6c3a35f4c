"""ctrl+z: the person's last action taken back, from every view of the board."""

from __future__ import annotations

from backlog_helpers import open_backlog, press_settled
from ui_helpers import (
    card_list,
    make_app,
    notifications,
    other_person,
    press,
    screen_text,
    settle,
)

from kanban_tui.dialogs.help import HelpDialog
from kanban_tui.dialogs.wip import WipOverrideDialog
from kanban_tui.services import cards, sprints


def column_of(ctx, key: str) -> str:
    return cards.get_card(ctx, key).column


async def test_ctrl_z_takes_a_move_back_on_screen_and_in_the_file(ctx, board):
    cards.add_card(ctx, "WEB", "Build the thing")
    app = make_app(ctx)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "L")
        await settle(pilot)
        assert column_of(ctx, "WEB-1") == "In Progress"
        assert "In Progress 1/3" in screen_text(app)
        await press(pilot, "ctrl+z")
        await settle(pilot)
        assert column_of(ctx, "WEB-1") == "To Do"
        text = screen_text(app)
        assert "To Do 1" in text and "In Progress 0/3" in text
        assert card_list(app).current.key == "WEB-1"
        assert "Undid: WEB-1 moved To Do → In Progress" in notifications(app)
        await press(pilot, "ctrl+z")  # the card she made: archived
        await settle(pilot)
        assert notifications(app)[-1] == "Undid: WEB-1 created (it is in the archive now)"
        assert cards.get_card(ctx, "WEB-1").archived
        await press(pilot, "ctrl+z")
        await settle(pilot)
        assert notifications(app)[-1] == (
            "Nothing to undo: you have no change on this board left to undo."
        )


async def test_a_move_back_into_a_full_column_offers_the_override(ctx, board):
    for number in range(4):
        cards.add_card(ctx, "WEB", f"Card {number}")
    cards.move_card(ctx, "WEB-1", "In Progress")
    cards.move_card(ctx, "WEB-1", "Review")
    bob = other_person(ctx)
    for key in ("WEB-2", "WEB-3", "WEB-4"):
        cards.move_card(bob, key, "In Progress")
    app = make_app(ctx)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "ctrl+z")
        await settle(pilot)
        assert isinstance(app.screen, WipOverrideDialog)
        assert "WIP limit reached: In Progress holds 3 of 3." in screen_text(app)
        await press(pilot, *"still open")
        await press(pilot, "enter")
        await settle(pilot)
        assert column_of(ctx, "WEB-1") == "In Progress"
        assert "Undid: WEB-1 moved In Progress → Review" in notifications(app)


async def test_refused_when_someone_else_changed_the_card(ctx, board):
    cards.add_card(ctx, "WEB", "Shared")
    cards.move_card(ctx, "WEB-1", "In Progress")
    cards.edit_card(other_person(ctx, "sam"), "WEB-1", {"points": 3})
    app = make_app(ctx)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "ctrl+z")
        await settle(pilot)
        assert "WEB-1 was changed by sam since; nothing undone." in notifications(app)
        assert column_of(ctx, "WEB-1") == "In Progress"


async def test_ctrl_z_on_the_backlog_takes_a_plan_back(ctx, board):
    cards.add_card(ctx, "WEB", "Plan me")
    sprints.create_sprint(ctx, "WEB")
    sprints.add_cards(ctx, "WEB", 1, ["WEB-1"])
    app = make_app(ctx)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_backlog(pilot)
        await press_settled(pilot, "ctrl+z")
        await settle(pilot)
        assert cards.get_card(ctx, "WEB-1").sprint is None
        assert "Undid: WEB-1 added to Sprint 1" in notifications(app)


async def test_ctrl_z_is_in_help_and_the_palette(ctx, board):
    app = make_app(ctx)
    async with app.run_test(size=(100, 70)) as pilot:
        for view in ("1", "2", "3", "4", "5", "6", "A"):
            await press(pilot, view if view != "A" else "1")
            if view == "A":
                await settle(pilot)
                await press(pilot, "A")
            await settle(pilot)
            commands = [command.title for command in app.screen.palette_commands()]
            assert "Undo my last action" in commands, view
            await press(pilot, "question_mark")
            await settle(pilot)
            assert isinstance(app.screen, HelpDialog)
            assert "Undo my last action on this board" in screen_text(app), view
            await press(pilot, "escape")


async def test_a_read_only_file_says_so(ctx, board, monkeypatch):
    cards.add_card(ctx, "WEB", "Mine")
    cards.move_card(ctx, "WEB-1", "In Progress")
    monkeypatch.setattr(ctx.db, "read_only_reason", "You may only read this file.")
    app = make_app(ctx)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "ctrl+z")
        await settle(pilot)
        assert notifications(app) == ["You may only read this file."]
    monkeypatch.undo()
    assert column_of(ctx, "WEB-1") == "In Progress"
