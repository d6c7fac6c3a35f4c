"""The TUI's own process runs the collector's full pass once a view is drawn
(``KanbanScreen.collect_soon``), not in the middle of the next key's answer;
a test process, which runs many apps, does not."""

from __future__ import annotations

import gc

from textual.pilot import Pilot
from ui_helpers import make_app, press, settle

from kanban_tui.screens import base
from kanban_tui.services import boards


async def passes_reach(pilot: Pilot, passes: list[object], count: int) -> None:
    """Until the timer has run ``count`` passes in all (a hang guard, no clock)."""
    for _ in range(200):
        if len(passes) >= count:
            return
        await pilot.pause()
    raise AssertionError(f"{len(passes)} passes, not {count}")


async def test_a_drawn_view_is_collected_after_only_where_asked(ctx, monkeypatch):
    boards.create_board(ctx, "WEB", "Web")
    passes: list[object] = []
    monkeypatch.setattr(gc, "collect", lambda *args: passes.append(args))
    monkeypatch.setattr(base, "COLLECT_AFTER", 0.001)

    app = make_app(ctx)
    async with app.run_test() as pilot:
        await settle(pilot)
        await press(pilot, "3", "1")
        assert passes == []  # tests: not asked (no timer set, so nothing to wait for)

    app = make_app(ctx)
    app.collects_when_shown = True  # as cli/tui.py does
    async with app.run_test() as pilot:
        await settle(pilot)
        await passes_reach(pilot, passes, 1)
        assert passes == [()]  # the board, read and drawn
        await press(pilot, "3")
        await passes_reach(pilot, passes, 2)  # the Backlog, read and drawn
        await press(pilot, "1")
        await passes_reach(pilot, passes, 3)  # the Board, shown again as it was
        assert len(passes) == 3
