"""The Reports screen (5): velocity, and the chosen sprint's burndown and report."""

from __future__ import annotations

import pytest
from ui_helpers import make_app, press, screen_text, settle

from kanban_tui.screens.reports.screen import ReportsScreen, SprintPicker
from kanban_tui.services import cards, sprints
from kanban_tui.widgets.burndown import BurndownChart
from kanban_tui.widgets.velocity import VelocityChart


async def open_reports(pilot) -> ReportsScreen:
    await settle(pilot)
    await press(pilot, "5")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, ReportsScreen)
    return screen


def report_lines(report) -> list[str]:
    """The report table's rows as the screen prints them (label, cards, points)."""
    return [
        f"{label:14}{count:>7}{points:>8}"
        for label, count, points in (
            ("Committed", report.committed_count, report.committed_points),
            ("Added", report.added_count, report.added_points),
            ("Removed", report.removed_count, report.removed_points),
            ("Completed", report.completed_count, report.completed_points),
            ("Carried over", report.carried_over_count, report.carried_over_points),
        )
    ]


async def test_velocity_shows_each_completed_sprint_and_the_mean(ctx, demo_board):
    app = make_app(ctx)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_reports(pilot)
        velocity = sprints.velocity(ctx, "WEB")
        assert screen.query_one(VelocityChart).velocity == velocity
        assert velocity.completed == (29, 26) and velocity.mean == 27.5
        text = screen_text(app)
        assert "mean 27.5 pt (last 2) · 2 completed sprints" in text
        assert "mean 27.5" in text
        for committed, completed in zip(velocity.committed, velocity.completed, strict=True):
            assert str(committed) in text and str(completed) in text
        assert "Sprint 1" in text and "Sprint 2" in text


async def test_the_active_sprint_is_chosen_first_with_its_live_report(ctx, demo_board):
    app = make_app(ctx)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_reports(pilot)
        assert screen.reports.chosen.number == 3
        text = screen_text(app)
        for line in report_lines(sprints.sprint_report(ctx, "WEB", 3)):
            assert line in text, line
        assert "live: as if it ended today" in text
        assert "day 8 of 14" in text
        chart = screen.query_one(BurndownChart)
        assert chart.chart == sprints.burndown(ctx, "WEB", 3)


async def test_choosing_a_completed_sprint_shows_its_frozen_report(ctx, demo_board):
    app = make_app(ctx)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_reports(pilot)
        await press(pilot, "down")  # Sprint 2
        await settle(pilot)
        assert screen.reports.chosen.number == 2
        report = sprints.sprint_report(ctx, "WEB", 2)
        text = screen_text(app)
        for line in report_lines(report):
            assert line in text, line
        assert f"Velocity {report.completed_points} pt" in text
        assert screen.query_one(BurndownChart).chart == sprints.burndown(ctx, "WEB", 2)
        await press(pilot, "left_square_bracket")  # older: Sprint 1
        await settle(pilot)
        assert screen.reports.chosen.number == 1
        await press(pilot, "right_square_bracket", "right_square_bracket")
        await settle(pilot)
        assert screen.reports.chosen.number == 3
        assert screen.query_one(SprintPicker).highlighted == 0


async def test_a_completed_report_stays_frozen_when_its_cards_change(ctx, demo_board):
    app = make_app(ctx)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_reports(pilot)
        await press(pilot, "down", "down")  # Sprint 1
        await settle(pilot)
        before = sprints.sprint_report(ctx, "WEB", 1)
        cards.move_card(ctx, before.completed[0], "To Do")  # reopened after the sprint
        await press(pilot, "ctrl+r")
        await settle(pilot)
        assert screen.reports.chosen.number == 1
        for line in report_lines(before):
            assert line in screen_text(app), line


async def test_completing_the_sprint_adds_it_to_velocity_on_reload(ctx, demo_board):
    app = make_app(ctx)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_reports(pilot)
        sprints.complete_sprint(ctx, "WEB", carry_over="backlog")
        await press(pilot, "ctrl+r")
        await settle(pilot)
        velocity = sprints.velocity(ctx, "WEB")
        assert velocity.completed == (29, 26, 17)
        assert screen.query_one(VelocityChart).velocity == velocity
        assert "mean 24 pt (last 3) · 3 completed sprints" in screen_text(app)
        assert screen.reports.chosen.number == 3  # kept, now completed


async def test_with_no_sprint_started_the_screen_says_so(ctx, board):
    app = make_app(ctx)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_reports(pilot)
        text = screen_text(app)
        assert "No sprint has started yet" in text
        assert "no completed sprint yet" in text


async def test_help_lists_j_and_k_to_choose_a_sprint(ctx, demo_board):
    # The README names j/k for choosing a sprint; ? says so too.
    app = make_app(ctx)
    async with app.run_test(size=(80, 40)) as pilot:
        await open_reports(pilot)
        await press(pilot, "question_mark")
        await settle(pilot)
        lines = [line.strip(" │") for line in screen_text(app).splitlines()]
        assert any(line.startswith("k") and "Choose a sprint" in line for line in lines)
        assert any(line.startswith("j") and "Choose a sprint" in line for line in lines)


@pytest.mark.draws_frames  # the stale strips came from a frame drawn before a resize
async def test_a_chart_is_drawn_for_the_width_it_has_when_drawn(ctx, demo_board):
    app = make_app(ctx)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_reports(pilot)
        chart = screen.query_one(VelocityChart)
        right = chart.content_region.right
        axis = next(line for line in screen_text(app).splitlines() if "0 └" in line)
        # The x axis runs to the chart's right edge: strips drawn for the width
        # it had before its scrollbar went were one cell short.
        assert len(axis.rstrip()) == right, (len(axis.rstrip()), right)
