"""Sprint rule 7: an active sprint past its end date is flagged on every screen."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

import pytest
from ui_helpers import make_app, press, screen_text, settle

from kanban_tui.domain.model import Board
from kanban_tui.services import Context, sprints
from kanban_tui.widgets.top_bar import TopBar

DEMO_DAY = date(2026, 11, 25)
FLAG = "Sprint 3 ended on 2026-12-01, 3 days ago; complete it."


@pytest.fixture
def late(ctx: Context, demo_board: Board) -> Context:
    """The demo board (built on DEMO_DAY) three days after the active sprint's end date."""
    assert ctx.today() == DEMO_DAY
    return replace(ctx, clock=lambda: datetime(2026, 12, 4, 9, 0, tzinfo=UTC))


async def test_every_screen_shows_the_flag_in_the_error_colour(late):
    assert sprints.overdue(late, "WEB") == FLAG
    app = make_app(late)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        for mode in app.MODES:
            await app.switch_mode(mode)
            await settle(pilot)
            assert FLAG in screen_text(app), mode
            bar = app.screen.query_one(TopBar)
            assert bar.has_class("-flagged")
        # The Sprint screen says so in its header too.
        await app.switch_mode("sprint")
        await settle(pilot)
        assert "ended 3 days ago" in screen_text(app)


async def test_the_flag_fits_at_80_columns(late):
    app = make_app(late)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        first_line = screen_text(app).splitlines()[0]
        assert "WEB" in first_line and "Board" in first_line
        assert "⚠ Sprint 3 ended on 2026-12-01" in first_line


async def test_no_flag_while_the_sprint_runs(ctx, demo_board):
    app = make_app(ctx)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert "complete it" not in screen_text(app)
        assert not app.screen.query_one(TopBar).has_class("-flagged")


async def test_completing_the_sprint_clears_the_flag_on_reload(late):
    app = make_app(late)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert FLAG in screen_text(app)
        sprints.complete_sprint(late, "WEB", carry_over="backlog")
        await press(pilot, "ctrl+r")
        await settle(pilot)
        assert "complete it" not in screen_text(app)
