"""Reads and writes a key asks for run in a worker: a file held by another
process never freezes the keys."""

from __future__ import annotations

import sqlite3

from test_risk_screen import open_risks
from ui_helpers import card_list, file_held, make_app, notifications, press, settle, type_text

from kanban_tui.dialogs.board_switcher import BoardSwitcher
from kanban_tui.dialogs.help import HelpDialog
from kanban_tui.services import boards, cards, risks


async def test_ctrl_b_reads_the_boards_in_a_worker(ctx, board):
    boards.create_board(ctx, "OPS", "Operations")
    cards.add_card(ctx, "WEB", "First")
    cards.add_card(ctx, "WEB", "Second")
    app = make_app(ctx)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        lock = sqlite3.connect(ctx.db.path, isolation_level=None)
        lock.execute("BEGIN EXCLUSIVE")  # not even a reader gets in
        try:
            await press(pilot, "ctrl+b", "j", workers=False)
            await pilot.pause()
            assert not isinstance(app.screen, BoardSwitcher)
            assert card_list(app).current.key == "WEB-2"  # the keys still answer
        finally:
            lock.execute("COMMIT")
            lock.close()
        await settle(pilot)
        assert isinstance(app.screen, BoardSwitcher)


async def test_a_risk_saved_while_the_file_is_held_lands_after_and_keys_answer(ctx, demo_board):
    before = len(risks.list_risks(ctx, "WEB"))
    app = make_app(ctx)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_risks(pilot)
        await press(pilot, "n")
        await type_text(pilot, "Hosting contract ends")
        await press(pilot, "tab", "tab", "tab")
        await type_text(pilot, "4")
        await press(pilot, "tab")
        await type_text(pilot, "4")
        with file_held(ctx):
            await press(pilot, "ctrl+s", "question_mark", workers=False)
            await pilot.pause()
            assert isinstance(app.screen, HelpDialog)  # not frozen behind the lock
            assert len(risks.list_risks(ctx, "WEB")) == before
            await press(pilot, "escape", workers=False)
        await settle(pilot)
        assert len(risks.list_risks(ctx, "WEB")) == before + 1
        assert any(n.startswith("Added WEB-R") for n in notifications(app))


async def test_a_link_confirmed_while_the_file_is_held_lands_after_and_keys_answer(ctx, demo_board):
    app = make_app(ctx)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_risks(pilot)
        await press(pilot, "down", "down", "l")
        await type_text(pilot, "7")
        with file_held(ctx):
            await press(pilot, "enter", "question_mark", workers=False)
            await pilot.pause()
            assert isinstance(app.screen, HelpDialog)  # not frozen behind the lock
            assert risks.get_risk(ctx, "WEB-R2").cards == ()
            await press(pilot, "escape", workers=False)
        await settle(pilot)
        assert risks.get_risk(ctx, "WEB-R2").cards == ("WEB-7",)
        assert notifications(app).count("Linked WEB-7 to WEB-R2.") == 1
