"""A board file the user may read but not write: the header says so, changes are refused."""

from __future__ import annotations

import os
from pathlib import Path

from ui_helpers import make_app, notifications, press, screen_text, settle, type_text

from kanban_tui.services import Context, cards
from kanban_tui.storage.database import Database


async def test_header_says_read_only_and_a_new_card_is_refused(ctx, demo_board, monkeypatch):
    path = Path(ctx.db.path)
    real_access = os.access
    # Tests run as root, which may write anything: answer "no" for this file.
    monkeypatch.setattr(
        os,
        "access",
        lambda p, mode, *a, **k: (
            False if Path(p) == path and mode & os.W_OK else real_access(p, mode)
        ),
    )
    guest = Context(Database.open(path), actor="guest", clock=ctx.clock)
    assert guest.db.read_only
    before = len(cards.list_cards(ctx, "WEB"))
    app = make_app(guest)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert "Board · read-only" in screen_text(app).splitlines()[0]
        await press(pilot, "n")
        await type_text(pilot, "Should not be saved")
        await press(pilot, "ctrl+s")
        await settle(pilot)
        assert any("is read-only for you (it belongs to" in n for n in notifications(app))
        await press(pilot, "escape")
        await press(pilot, "L")
        await settle(pilot)
        assert sum("read-only" in n for n in notifications(app)) >= 2
    assert len(cards.list_cards(ctx, "WEB")) == before
    guest.db.close()
