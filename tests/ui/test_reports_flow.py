"""The Reports screen's flow views: cumulative flow and cycle time (key f)."""

from __future__ import annotations

from ui_helpers import make_app, press, screen_text, settle

from kanban_tui.domain.boards import ColumnSpec
from kanban_tui.domain.model import Category
from kanban_tui.screens.reports.screen import ReportsScreen
from kanban_tui.services import boards, cards, flow
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
        assert screen.view == "cycle" and screen.query_one(CycleTimeChart).data == cycle

        for view in ("ageing", "throughput", "sprints"):  # then round to the start
            await press(pilot, "f")
            await settle(pilot)
            assert screen.view == view
        assert "Velocity" in screen_text(app)


LONG = [
    "Backlog and future ideas",
    "To Do",
    "In Progress",
    "Ready to merge",
    "Ready for QA",
    "Done",
]


async def test_six_long_columns_fold_between_columns_never_inside_one(ctx):
    """At 80 columns neither the legend nor the numbers under the chart fit
    on one line: each folds between two columns, a name never parted from
    its count, and folds again when the terminal widens."""
    boards.create_board(ctx, "WEB", "Website", [ColumnSpec(name, category(name)) for name in LONG])
    for number, name in enumerate(LONG):
        for _ in range(number + 1):
            cards.add_card(ctx, "WEB", "Work", column=name, force=True, reason="test")
    app = make_app(ctx)
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "5", "f")
        lines = screen_text(app).splitlines()
        counts = [f"{name} {number + 1}" for number, name in enumerate(LONG)]
        for shown in counts:
            assert sum(shown in line for line in lines) == 1, shown  # the count beside its name
        legend = [line for line in lines if "█" in line]
        assert len(legend) == 2 and all(f"█ {name}" in "".join(legend) for name in LONG)
        today = next(index for index, line in enumerate(lines) if line.lstrip().startswith("Today"))
        assert "Done 6" not in lines[today] and "Done 6" in lines[today + 1]
        await pilot.resize_terminal(160, 30)
        await settle(pilot)
        lines = screen_text(app).splitlines()
        assert any(all(shown in line for shown in counts) for line in lines)


def category(name: str) -> Category:
    if name == "Done":
        return Category.DONE
    return Category.TODO if name in LONG[:2] else Category.IN_PROGRESS


async def test_a_board_without_cards_says_so_under_its_diagram(ctx, board):
    app = make_app(ctx)
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "5", "f")
        text = " ".join(screen_text(app).split())
        assert "No card was on this board in these four weeks" in text
        assert "Today" not in text
        cards.add_card(ctx, "WEB", "First")
        app.screen.reload()
        await settle(pilot)
        text = " ".join(screen_text(app).split())
        assert "Today To Do 1 · In Progress 0" in text and "No card was" not in text


async def test_cards_finished_without_a_start_are_named_not_called_none(ctx, board):
    """Cards moved from To Do straight to Done have no cycle time: the view
    says how many finished, rather than that none did."""
    for number in range(1, 4):
        cards.add_card(ctx, "WEB", f"Card {number}")
        cards.move_card(ctx, f"WEB-{number}", "Done", force=True, reason="test")
    app = make_app(ctx)
    async with app.run_test(size=(100, 30)) as pilot:
        await press(pilot, "5", "f", "f")
        text = " ".join(screen_text(app).split())
        assert "3 cards finished in these four weeks, none with a start" in text
        assert "No card was finished" not in text


async def test_the_flow_charts_take_the_height_a_tall_window_gives(ctx, demo_board):
    """16 rows at least (a short window scrolls the pane); a taller window, a taller chart."""
    heights = {}
    for rows in (24, 60):
        app = make_app(ctx)
        async with app.run_test(size=(100, rows)) as pilot:
            await press(pilot, "5")
            await press(pilot, "f")
            flow_height = app.screen.query_one(CumulativeFlowChart).size.height
            await press(pilot, "f")
            heights[rows] = (flow_height, app.screen.query_one(CycleTimeChart).size.height)
    assert min(heights[24]) >= 16
    # The title, the legend's and numbers' lines and the footer take the rest.
    assert heights[60][0] > 40 and heights[60][1] > 40, heights
