"""Planning a sprint from the keyboard alone, on a fresh board (Backlog screen, 3)."""

from __future__ import annotations

from datetime import date

from backlog_helpers import cursor_key, estimate_settles, open_backlog, press_settled
from textual.widgets import OptionList
from ui_helpers import make_app, notifications, screen_text, type_text

from kanban_tui.dialogs.card_editor import CardEditor
from kanban_tui.dialogs.sprint_edit import SprintDialog
from kanban_tui.dialogs.sprint_estimate import EstimateDialog, SprintChooser
from kanban_tui.dialogs.sprint_start import StartSprintDialog
from kanban_tui.domain.sprints import SprintState
from kanban_tui.services import cards, sprints


async def new_card(pilot, title: str) -> None:
    await press_settled(pilot, "n")
    assert isinstance(pilot.app.screen, CardEditor)
    await type_text(pilot, title)
    await press_settled(pilot, "enter")


async def test_a_sprint_planned_and_started_from_the_keyboard(ctx, board):
    app = make_app(ctx)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_backlog(pilot)
        assert "The backlog is empty" in screen_text(app)

        for title in ("Search box", "Search results", "Saved searches"):
            await new_card(pilot, title)
        assert [c.key for c in sprints.backlog(ctx, "WEB")] == ["WEB-1", "WEB-2", "WEB-3"]
        assert cursor_key(app) == "WEB-3"  # the new card is selected

        # Estimate in place: p asks, + steps.
        await press_settled(pilot, "g", "j")
        assert cursor_key(app) == "WEB-1"
        await press_settled(pilot, "p")
        assert isinstance(app.screen, EstimateDialog)
        await type_text(pilot, "5")
        await press_settled(pilot, "enter")
        await press_settled(pilot, "j", "plus", "plus", "plus")
        await estimate_settles(pilot)
        assert cards.get_card(ctx, "WEB-1").points == 5
        assert cards.get_card(ctx, "WEB-2").points == 2  # ? -> 0 -> 1 -> 2
        assert cards.get_card(ctx, "WEB-3").points is None

        # A sprint, then two cards into it with >.
        await press_settled(pilot, "c")
        assert isinstance(app.screen, SprintDialog)
        await press_settled(pilot, "tab")  # name left empty: "Sprint 1"
        await type_text(pilot, "Search that works")
        await press_settled(pilot, "enter")
        planned = sprints.get_sprint(ctx, "WEB", 1)
        assert (planned.name, planned.goal, planned.state) == (
            "Sprint 1",
            "Search that works",
            SprintState.PLANNED,
        )
        assert (planned.start, planned.end) == (date(2026, 11, 25), date(2026, 12, 8))
        assert app.screen.plan_list.anchor_of() == ("section", 1)  # on the new sprint
        await press_settled(pilot, "G", "k", "k")  # the backlog's first card
        assert cursor_key(app) == "WEB-1"
        await press_settled(pilot, "greater_than_sign", "greater_than_sign")
        assert [c.key for c in cards.list_cards(ctx, "WEB", sprint=1)] == ["WEB-1", "WEB-2"]
        assert [c.key for c in sprints.backlog(ctx, "WEB")] == ["WEB-3"]
        assert cursor_key(app) == "WEB-3"  # the cursor stays in the backlog
        assert "WEB-2 moved to Sprint 1." in notifications(app)
        text = screen_text(app)
        assert "2 cards  7 pt" in text and "1 card  0 pt  ? 1 unestimated" in text

        # Start it: the goal is there already, the dates default to today.
        await press_settled(pilot, "s")
        assert isinstance(app.screen, StartSprintDialog)
        assert "2 cards, 7 points committed" in screen_text(app)
        await press_settled(pilot, "enter")
        started = sprints.get_sprint(ctx, "WEB", 1)
        assert started.state is SprintState.ACTIVE
        assert started.goal == "Search that works"
        assert (started.start, started.end) == (date(2026, 11, 25), date(2026, 12, 8))
        assert sprints.sprint_report(ctx, "WEB", 1).committed_points == 7
        text = screen_text(app)
        assert "Sprint 1  active" in text and "Goal Search that works" in text
        assert "0/7 pt done" in text
        assert any(n.startswith("Sprint 1 started with 2 cards") for n in notifications(app))


async def test_new_card_in_a_sprint_section_joins_that_sprint(ctx, board):
    sprints.create_sprint(ctx, "WEB", goal="g")
    app = make_app(ctx)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_backlog(pilot)
        await press_settled(pilot, "g")  # Sprint 1's heading
        await new_card(pilot, "Inside the sprint")
        assert cards.get_card(ctx, "WEB-1").sprint == 1
        assert sprints.backlog(ctx, "WEB") == []
        assert "Created WEB-1 in Sprint 1." in notifications(app)


async def test_less_than_takes_a_card_back_and_m_chooses_the_sprint(ctx, board):
    for title in ("One", "Two"):
        cards.add_card(ctx, "WEB", title)
    sprints.create_sprint(ctx, "WEB", goal="first")
    sprints.create_sprint(ctx, "WEB", goal="second")
    sprints.add_cards(ctx, "WEB", 1, ["WEB-1"])
    app = make_app(ctx)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_backlog(pilot)
        await press_settled(pilot, "g", "j")
        assert cursor_key(app) == "WEB-1"
        await press_settled(pilot, "greater_than_sign")  # from Sprint 1 on to Sprint 2
        assert cards.get_card(ctx, "WEB-1").sprint == 2
        await press_settled(pilot, "G")
        assert cursor_key(app) == "WEB-2"
        await press_settled(pilot, "m")
        chooser = app.screen
        assert isinstance(chooser, SprintChooser)
        targets = chooser.query_one("#targets", OptionList)
        # It starts where the card is: the backlog, the last place.
        assert targets.highlighted_option.id == "backlog"
        await press_settled(pilot, "up", "up", "enter")  # Sprint 1
        assert cards.get_card(ctx, "WEB-2").sprint == 1
        await press_settled(pilot, "g", "j")
        assert cursor_key(app) == "WEB-2"
        await press_settled(pilot, "m")
        assert app.screen.query_one("#targets", OptionList).highlighted_option.id == "1"
        await press_settled(pilot, "enter")  # where it is: nothing changes
        assert cards.get_card(ctx, "WEB-2").sprint == 1
        await press_settled(pilot, "g", "j", "less_than_sign")
        assert cards.get_card(ctx, "WEB-2").sprint is None
        assert [c.key for c in sprints.backlog(ctx, "WEB")] == ["WEB-2"]


async def test_a_sprint_wholly_in_the_past_asks_before_it_is_planned(ctx, board):
    from textual.widgets import Input

    from kanban_tui.dialogs.confirm import ConfirmDialog

    app = make_app(ctx)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_backlog(pilot)
        await press_settled(pilot, "c")
        dialog = app.screen
        assert isinstance(dialog, SprintDialog)
        dialog.query_one("#start", Input).value = "2026-10-01"
        dialog.query_one("#length", Input).value = "14"
        await press_settled(pilot, "ctrl+s")
        assert isinstance(app.screen, ConfirmDialog)
        text = screen_text(app)
        assert "2026-10-01 to 2026-10-14 is wholly in the past" in text
        assert "Plan the sprint anyway?" in text
        assert sprints.list_sprints(ctx, "WEB") == []
        await press_settled(pilot, "n")  # back to the dialog, the dates as typed
        assert isinstance(app.screen, SprintDialog)
        assert app.screen.query_one("#start", Input).value == "2026-10-01"
        # "Change dates" puts the cursor on Start: a typed date goes there.
        assert app.focused is app.screen.query_one("#start", Input)
        assert app.screen.query_one("#name", Input).value == ""
        await press_settled(pilot, "ctrl+s")
        await press_settled(pilot, "escape")  # Change dates (esc), the same
        assert app.focused is app.screen.query_one("#start", Input)
        await press_settled(pilot, "ctrl+s")
        await press_settled(pilot, "y")
        [planned] = sprints.list_sprints(ctx, "WEB")
        assert (planned.start, planned.end) == (date(2026, 10, 1), date(2026, 10, 14))
