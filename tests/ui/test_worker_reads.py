"""Reads a key asks for run in a worker: a file held by another process never freezes the keys."""

from __future__ import annotations

import sqlite3

from ui_helpers import card_list, make_app, settle

from kanban_tui.dialogs.board_switcher import BoardSwitcher
from kanban_tui.services import boards, cards


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
            await pilot.press("ctrl+b", "j")
            await pilot.pause()
            assert not isinstance(app.screen, BoardSwitcher)
            assert card_list(app).current.key == "WEB-2"  # the keys still answer
        finally:
            lock.execute("COMMIT")
            lock.close()
        await settle(pilot)
        assert isinstance(app.screen, BoardSwitcher)
