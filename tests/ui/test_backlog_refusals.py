"""Refusals on the Backlog screen: one sentence, and nothing changes."""

from __future__ import annotations

from backlog_helpers import estimate_settles, everything, open_backlog, press_settled
from ui_helpers import make_app, notifications, screen_text, type_text

from kanban_tui.dialogs.sprint_edit import SprintDialog
from kanban_tui.dialogs.sprint_start import StartSprintDialog
from kanban_tui.domain.sprints import SprintState
from kanban_tui.services import cards, sprints


async def test_starting_without_a_goal_is_refused_in_place(ctx, board):
    cards.add_card(ctx, "WEB", "A card", sprint=None)
    sprints.create_sprint(ctx, "WEB")
    sprints.add_cards(ctx, "WEB", 1, ["WEB-1"])
    before = everything(ctx)
    app = make_app(ctx)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_backlog(pilot)
        assert "No goal yet" in screen_text(app)
        await press_settled(pilot, "s")
        assert isinstance(app.screen, StartSprintDialog)
        await press_settled(pilot, "enter")
        assert isinstance(app.screen, StartSprintDialog)  # still open, nothing started
        assert "Sprint 1 needs a goal before it starts." in screen_text(app)
        assert notifications(app) == []  # said in place, not over the buttons
        assert everything(ctx) == before
        await press_settled(pilot, "escape")
        assert everything(ctx) == before
        assert sprints.get_sprint(ctx, "WEB", 1).state is SprintState.PLANNED


async def test_a_second_active_sprint_is_refused_before_any_dialog(ctx, board):
    sprints.create_sprint(ctx, "WEB", goal="First")
    sprints.start_sprint(ctx, "WEB", 1)
    sprints.create_sprint(ctx, "WEB", goal="Second")
    before = everything(ctx)
    app = make_app(ctx)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_backlog(pilot)
        await press_settled(pilot, "s")
        assert not isinstance(app.screen, StartSprintDialog)
        assert notifications(app) == [
            "Sprint 1 is active already; complete it before starting sprint 2."
        ]
        assert everything(ctx) == before


async def test_bad_sprint_dates_are_refused_in_place(ctx, board):
    app = make_app(ctx)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_backlog(pilot)
        await press_settled(pilot, "c")
        assert isinstance(app.screen, SprintDialog)
        await press_settled(pilot, "tab", "tab", "tab")  # to Length
        await press_settled(pilot, "backspace", "backspace")
        await type_text(pilot, "40")
        assert "A sprint lasts 1-31 days; 40 days is not allowed." in screen_text(app)
        await press_settled(pilot, "enter")
        assert isinstance(app.screen, SprintDialog)
        assert sprints.list_sprints(ctx, "WEB") == []
        await press_settled(pilot, "backspace", "backspace")
        await type_text(pilot, "7")
        assert "7 days: Wed 25 Nov – Tue 1 Dec 2026" in screen_text(app)
        await press_settled(pilot, "enter")
        made = sprints.get_sprint(ctx, "WEB", 1)
        assert (made.start.isoformat(), made.end.isoformat()) == ("2026-11-25", "2026-12-01")


async def test_plan_without_a_planned_sprint_says_how(ctx, board):
    cards.add_card(ctx, "WEB", "Lonely")
    app = make_app(ctx)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_backlog(pilot)
        await press_settled(pilot, "j", "greater_than_sign")
        assert notifications(app) == [
            "There is no planned sprint to plan it into; press c to create one."
        ]
        assert cards.get_card(ctx, "WEB-1").sprint is None


async def test_a_stale_estimate_is_refused_and_reloaded(ctx, board):
    cards.add_card(ctx, "WEB", "Contested")
    app = make_app(ctx)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_backlog(pilot)
        await press_settled(pilot, "j")
        cards.edit_card(ctx, "WEB-1", {"points": 8})  # someone else, meanwhile
        await press_settled(pilot, "plus")
        await estimate_settles(pilot)
        assert cards.get_card(ctx, "WEB-1").points == 8
        assert any(n.startswith("WEB-1 was changed by alice") for n in notifications(app))
        line = next(line for line in screen_text(app).splitlines() if "WEB-1 " in line)
        assert line.rstrip().endswith(" 8")  # the reload shows the other person's estimate
