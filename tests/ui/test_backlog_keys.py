"""The rest of the Backlog screen's keys: help, fold, sections, filter, assign, delete, boards."""

from __future__ import annotations

from backlog_helpers import cursor_key, open_backlog, press_settled
from ui_helpers import make_app, notifications, screen_text, settle, type_text

from kanban_tui.dialogs.card_view import CardViewDialog
from kanban_tui.dialogs.confirm import ConfirmDialog
from kanban_tui.dialogs.help import HelpDialog
from kanban_tui.screens.backlog.state import Section
from kanban_tui.services import boards, cards, sprints
from kanban_tui.widgets.backlog_rows import header_parts


def plan(ctx) -> None:
    """Sprint 1 active (WEB-1), Sprint 2 planned (WEB-2, WEB-3), backlog WEB-4..6."""
    for n, title in enumerate(("Login", "Search", "Filters", "Export", "Import", "Audit"), 1):
        cards.add_card(ctx, "WEB", title, points=n, labels=["api"] if n % 2 else [])
    sprints.create_sprint(ctx, "WEB", goal="Log in")
    sprints.add_cards(ctx, "WEB", 1, ["WEB-1"])
    sprints.start_sprint(ctx, "WEB", 1)
    sprints.create_sprint(ctx, "WEB", goal="Find things")
    sprints.add_cards(ctx, "WEB", 2, ["WEB-2", "WEB-3"])


async def test_help_lists_the_planning_keys(ctx, board):
    app = make_app(ctx)
    async with app.run_test(size=(100, 70)) as pilot:
        await open_backlog(pilot)
        await press_settled(pilot, "question_mark")
        assert isinstance(app.screen, HelpDialog)
        text = screen_text(app)
        for words in (
            "Estimate the card (points)",
            "Move the card into the next planned sprint",
            "Move the card out of its sprint, back to the backlog",
            "Start the selected (or next) planned sprint; it needs a goal",
            "Complete the active sprint",
            "Plan a new sprint",
            "Rank up",
            "Next section",
        ):
            assert words in text, words


async def test_the_active_sprint_starts_folded_and_space_unfolds_it(ctx, board):
    plan(ctx)
    app = make_app(ctx)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_backlog(pilot)
        assert "Login" not in screen_text(app)
        assert "▸ Sprint 1  active" in screen_text(app)
        await press_settled(pilot, "space")
        assert "Login" in screen_text(app)
        await press_settled(pilot, "l")  # the next section's heading
        assert app.screen.plan_list.anchor_of() == ("section", 2)
        await press_settled(pilot, "l", "j")
        assert cursor_key(app) == "WEB-4"
        await press_settled(pilot, "h", "h")
        assert app.screen.plan_list.anchor_of() == ("section", 2)


async def test_the_filter_narrows_every_section(ctx, board):
    plan(ctx)
    app = make_app(ctx)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_backlog(pilot)
        await press_settled(pilot, "slash")
        await type_text(pilot, "#api")
        await press_settled(pilot, "enter")
        text = screen_text(app)
        assert "Filters" in text and "Search" not in text and "Export" not in text
        assert "1 of 2 cards" in text
        assert "filter: 3 of 6 cards" in text  # WEB-1 (folded) counts too
        await press_settled(pilot, "escape")
        assert "Search" in screen_text(app)


async def test_a_assigns_and_shift_d_deletes_a_card_or_a_planned_sprint(ctx, board):
    plan(ctx)
    app = make_app(ctx)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_backlog(pilot)
        await press_settled(pilot, "G")
        assert cursor_key(app) == "WEB-6"
        await press_settled(pilot, "a")
        assert cards.get_card(ctx, "WEB-6").assignee == "alice"
        await press_settled(pilot, "D")
        assert isinstance(app.screen, ConfirmDialog)
        await press_settled(pilot, "y")
        assert [c.key for c in sprints.backlog(ctx, "WEB")] == ["WEB-4", "WEB-5"]
        assert cursor_key(app) == "WEB-5"

        await press_settled(pilot, "g", "l")  # Sprint 2's heading
        await press_settled(pilot, "D")
        assert "Its 2 cards go back to the backlog" in screen_text(app)
        await press_settled(pilot, "y")
        assert [s.number for s in sprints.list_sprints(ctx, "WEB")] == [1]
        assert [c.key for c in sprints.backlog(ctx, "WEB")] == [
            "WEB-2",
            "WEB-3",
            "WEB-4",
            "WEB-5",
        ]
        assert "Deleted Sprint 2." in notifications(app)
        await press_settled(pilot, "g", "d")  # the active sprint: not deleted, the key is off
        assert not isinstance(app.screen, ConfirmDialog)


async def test_another_board_reloads_the_plan(ctx, board):
    plan(ctx)
    boards.create_board(ctx, "OPS", "Operations")
    cards.add_card(ctx, "OPS", "Rotate keys")
    app = make_app(ctx)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_backlog(pilot)
        app.open_board("OPS")
        await settle(pilot)
        text = screen_text(app)
        assert "OPS-1" in text and "WEB-4" not in text
        assert "No sprint planned: c plans one" in text


def test_a_planned_sprint_over_the_velocity_is_in_the_warning_colour(ctx, board):
    plan(ctx)
    section = sprints.get_sprint(ctx, "WEB", 2)
    planned = Section(section, cards.list_cards(ctx, "WEB", sprint=2))  # 5 points
    _, right = header_parts(planned, 80, folded=False, shown=2, mean=4.0, today=ctx.today())
    assert ("  5 pt", "over") in right and ("  velocity 4", "over") in right
    _, right = header_parts(planned, 80, folded=False, shown=2, mean=5.0, today=ctx.today())
    assert ("  5 pt", "points") in right and ("  velocity 5", "velocity") in right


async def test_mouse_selects_opens_and_folds(ctx, board):
    plan(ctx)
    app = make_app(ctx)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_backlog(pilot)
        plan_list = app.screen.plan_list
        rows = plan_list.rows
        row = next(i for i, r in enumerate(rows) if r.card is not None and r.card.key == "WEB-5")
        await pilot.click(plan_list, offset=(10, row))
        await settle(pilot)
        assert cursor_key(app) == "WEB-5"
        # Elsewhere on the row: clicks at one spot would chain with the one above.
        await pilot.click(plan_list, offset=(30, row), times=2)
        await settle(pilot)
        assert isinstance(app.screen, CardViewDialog)  # opened, as enter opens it
        await press_settled(pilot, "escape")
        header = next(i for i, r in enumerate(rows) if r.kind == "header" and r.section == 1)
        await pilot.click(plan_list, offset=(2, header))  # the ▾ of Sprint 2
        await settle(pilot)
        assert "Search" not in screen_text(app)


async def test_greater_than_on_a_sprint_heading_says_it_needs_a_card(ctx, board):
    plan(ctx)
    app = make_app(ctx)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_backlog(pilot)
        await press_settled(pilot, "l")  # Sprint 2's heading
        assert app.screen.plan_list.anchor_of() == ("section", 2)
        await press_settled(pilot, "greater_than_sign")
        assert (
            "> moves the selected card into the next planned sprint: "
            "put the cursor on a card first."
        ) in notifications(app)
        assert [c.key for c in sprints.backlog(ctx, "WEB")] == ["WEB-4", "WEB-5", "WEB-6"]
