"""The Reports screen's flow views: cumulative flow and cycle time (key f)."""

from __future__ import annotations

from ui_helpers import make_app, press, screen_text, settle

from kanban_tui.screens.reports.screen import ReportsScreen
from kanban_tui.services import flow
from kanban_tui.widgets.flow_charts import CumulativeFlowChart, CycleTimeChart, days_text


async def test_f_shows_cumulative_flow_then_cycle_time_then_sprints(ctx, demo_board):
    app = make_app(ctx)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "5")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ReportsScreen)
        await press(pilot, "f")
        await settle(pilot)
        assert screen.view == "flow"
        assert screen.query_one(CumulativeFlowChart).display
        text = screen_text(app)
        assert "Cumulative flow" in text
        for name in ("To Do", "In Progress", "Review", "Done"):
            assert name in text, name
        report = flow.flow_report(ctx, "WEB")
        assert screen.query_one(CumulativeFlowChart).flow == report.flow

        await press(pilot, "f")
        await settle(pilot)
        assert screen.view == "cycle" and screen.query_one(CycleTimeChart).display
        cycle = flow.cycle_times(ctx, "WEB")
        assert cycle.count > 0
        text = screen_text(app)
        assert f"Median {days_text(cycle.median)}" in text
        assert f"{cycle.count} cards done" in text

        screen.reload()
        await settle(pilot)
        assert screen.view == "cycle" and screen.query_one(CycleTimeChart).cycle == cycle

        for view in ("ageing", "throughput", "sprints"):  # then round to the start
            await press(pilot, "f")
            await settle(pilot)
            assert screen.view == view
        assert "Velocity" in screen_text(app)
