"""Completing the active sprint from the Backlog screen (C): report, carry-over, start next."""

from __future__ import annotations

from backlog_helpers import open_backlog, press_settled
from ui_helpers import make_app, notifications, screen_text, type_text

from kanban_tui.dialogs.sprint_complete import CompleteSprintDialog
from kanban_tui.domain.sprints import SprintState
from kanban_tui.services import cards, sprints


def running(ctx) -> None:
    """Sprint 1 active with WEB-1..4 (5, 3, 2, 8 points), WEB-1 done; WEB-5 in the backlog;
    WEB-6 joins mid-sprint (1 point)."""
    for n, points in enumerate((5, 3, 2, 8, 1), start=1):
        cards.add_card(ctx, "WEB", f"Card {n}", points=points)
    sprints.create_sprint(ctx, "WEB", goal="Checkout works")
    sprints.add_cards(ctx, "WEB", 1, ["WEB-1", "WEB-2", "WEB-3", "WEB-4"])
    sprints.start_sprint(ctx, "WEB", 1)
    cards.add_card(ctx, "WEB", "Hotfix", points=1, sprint="active")
    cards.move_card(ctx, "WEB-1", "Done")


def all_keys(ctx) -> set[str]:
    return {card.key for card in cards.list_cards(ctx, "WEB")}


async def test_the_dialog_shows_the_report_then_unfinished_cards_go_to_the_backlog(ctx, board):
    running(ctx)
    before = all_keys(ctx)
    app = make_app(ctx)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_backlog(pilot)
        await press_settled(pilot, "C")
        assert isinstance(app.screen, CompleteSprintDialog)
        text = screen_text(app)
        assert "Complete Sprint 1" in text
        for line in (
            "Committed           4      18",
            "Added               1       1",
            "Removed             0       0",
            "Completed           1       5",
            "Carried over        4      14",
        ):
            assert line in text
        assert "4 unfinished cards go to:" in text
        assert "a new Sprint 2" in text
        await press_settled(pilot, "enter")  # the Complete button has focus; backlog is the default
        assert sprints.get_sprint(ctx, "WEB", 1).state is SprintState.COMPLETED
        assert [c.key for c in sprints.backlog(ctx, "WEB")] == [
            "WEB-2",
            "WEB-3",
            "WEB-4",
            "WEB-6",
            "WEB-5",
        ]
        assert [c.key for c in cards.list_cards(ctx, "WEB", sprint=1)] == ["WEB-1"]
        assert all_keys(ctx) == before  # nothing lost
        assert sprints.list_sprints(ctx, "WEB", "planned") == []
        assert any(
            n.startswith(
                "Sprint 1 completed: 5 of 19 points done; 4 cards (14 points) went to "
                "the top of the backlog"
            )
            for n in notifications(app)
        )
        text = screen_text(app)
        assert "Sprint 1" not in text.split("\n", 1)[1]  # completed sprints leave the plan
        assert "5 cards  15 pt" in text


async def test_carry_over_to_the_next_sprint_and_start_it_at_once(ctx, board):
    running(ctx)
    sprints.create_sprint(ctx, "WEB", name="Polish")
    before = all_keys(ctx)
    app = make_app(ctx)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_backlog(pilot)
        await press_settled(pilot, "C", "n", "s")
        assert "Polish (planned" in screen_text(app)
        await press_settled(pilot, "enter")  # in the goal field, empty: refused in place
        assert isinstance(app.screen, CompleteSprintDialog)
        assert "Sprint 2 needs a goal before it starts." in screen_text(app)
        assert sprints.get_sprint(ctx, "WEB", 1).state is SprintState.ACTIVE
        await type_text(pilot, "Make it shine")
        await press_settled(pilot, "enter")
        assert sprints.get_sprint(ctx, "WEB", 1).state is SprintState.COMPLETED
        following = sprints.get_sprint(ctx, "WEB", 2)
        assert (following.state, following.goal) == (SprintState.ACTIVE, "Make it shine")
        assert [c.key for c in cards.list_cards(ctx, "WEB", sprint=2)] == [
            "WEB-2",
            "WEB-3",
            "WEB-4",
            "WEB-6",
        ]
        assert [c.key for c in sprints.backlog(ctx, "WEB")] == ["WEB-5"]
        assert all_keys(ctx) == before
        text = screen_text(app)
        assert "Polish  active" in text and "Goal Make it shine" in text


async def test_carry_over_to_a_new_next_sprint(ctx, board):
    running(ctx)
    app = make_app(ctx)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_backlog(pilot)
        await press_settled(pilot, "C", "n", "enter")
        created = sprints.get_sprint(ctx, "WEB", 2)
        assert created.state is SprintState.PLANNED
        assert len(cards.list_cards(ctx, "WEB", sprint=2)) == 4
        assert "Sprint 2  planned" in screen_text(app)


async def test_escape_completes_nothing_and_c_without_an_active_sprint_is_refused(ctx, board):
    running(ctx)
    app = make_app(ctx)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_backlog(pilot)
        await press_settled(pilot, "C", "escape")
        assert sprints.get_sprint(ctx, "WEB", 1).state is SprintState.ACTIVE
        await press_settled(pilot, "C", "enter")
        await press_settled(pilot, "C")  # no active sprint now: the key is disabled
        assert not isinstance(app.screen, CompleteSprintDialog)
        app.screen.action_complete_sprint()  # from the palette, say
        await pilot.pause()
        assert "Board WEB has no active sprint." in notifications(app)


async def test_the_choices_show_their_state_without_colour(ctx, board):
    running(ctx)
    app = make_app(ctx)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_backlog(pilot)
        await press_settled(pilot, "C")
        text = screen_text(app)
        assert "(•) Backlog" in text
        assert "( ) Next sprint" in text
        assert "[ ] Start" in text
        assert "X" not in text.replace("XL", "")
        await press_settled(pilot, "s")
        assert "[x] Start" in screen_text(app)


async def test_esc_after_typing_the_next_goal_asks_before_dropping_it(ctx, board):
    running(ctx)
    app = make_app(ctx)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_backlog(pilot)
        await press_settled(pilot, "C", "s")  # start Sprint 2 at once: its goal field
        await type_text(pilot, "Ship it")
        await press_settled(pilot, "escape")
        assert "Discard changes to Sprint 2?" in screen_text(app)
        await press_settled(pilot, "escape")  # keep editing: the goal as typed
        assert isinstance(app.screen, CompleteSprintDialog)
        assert app.screen.query_one("#next-goal").value == "Ship it"
        await press_settled(pilot, "escape", "y")
        assert not isinstance(app.screen, CompleteSprintDialog)
        assert sprints.get_sprint(ctx, "WEB", 1).state is SprintState.ACTIVE


async def test_esc_after_only_choosing_leaves_at_once(ctx, board):
    running(ctx)
    app = make_app(ctx)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_backlog(pilot)
        await press_settled(pilot, "C", "n", "s", "escape")  # choices, nothing typed
        assert not isinstance(app.screen, CompleteSprintDialog)
        assert "Discard" not in screen_text(app)
