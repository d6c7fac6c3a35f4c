"""The Sprint screen (2): the active sprint's cards, its header, the Board's keys."""

from __future__ import annotations

from ui_helpers import card_list, make_app, press, screen_text, settle, type_text

from kanban_tui.dialogs.card_editor import CardEditor
from kanban_tui.dialogs.sprint_complete import CompleteSprintDialog
from kanban_tui.dialogs.wip import WipOverrideDialog
from kanban_tui.screens.sprint.screen import SprintScreen
from kanban_tui.screens.sprint.state import SprintInfoLoaded, read_info
from kanban_tui.services import cards, sprints
from kanban_tui.widgets.burndown import BurndownChart
from kanban_tui.widgets.card_list import CardList
from kanban_tui.widgets.column import BoardColumns, ColumnView


async def open_sprint(pilot) -> SprintScreen:
    await settle(pilot)
    await press(pilot, "2")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, SprintScreen)
    return screen


def shown_keys(screen: SprintScreen) -> dict[str, list[str]]:
    return {
        view.column.name: [card.key for card in view.query_one(CardList).cards]
        for view in screen.query(ColumnView)
    }


def column_of(ctx, key: str) -> str:
    return cards.get_card(ctx, key).column


async def test_only_the_active_sprint_cards_are_shown(ctx, demo_board):
    app = make_app(ctx)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_sprint(pilot)
        wanted = {
            column: [
                card.key
                for card in cards.list_cards(ctx, "WEB", sprint="active")
                if card.column == column
            ]
            for column in ("To Do", "In Progress", "Review", "Done")
        }
        assert shown_keys(screen) == wanted
        assert "WEB-26" not in screen_text(app)  # a backlog card
        assert "WEB-27" not in screen_text(app)  # planned for sprint 4
        active = sprints.active_sprint(ctx, "WEB")
        text = screen_text(app)
        assert active.name in text and active.goal in text
        assert "Sprint" in text.splitlines()[0]  # the top bar names the view


async def test_header_numbers_match_the_services(ctx, demo_board):
    app = make_app(ctx)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_sprint(pilot)
        active = sprints.active_sprint(ctx, "WEB")
        report = sprints.sprint_report(ctx, "WEB", "active")
        total = report.completed_points + report.carried_over_points
        assert total == active.points
        text = screen_text(app)
        assert f"{report.completed_points}/{total} pt done" in text, text
        assert f"{active.days_left(ctx.today())} days left" in text
        assert "18 Nov – 1 Dec" in text and "day 8 of 14" in text


async def test_l_into_a_full_column_is_refused_and_moves_respect_wip(ctx, demo_board):
    app = make_app(ctx)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_sprint(pilot)
        assert card_list(app).current.key == "WEB-25"  # To Do; In Progress is at 3/3
        await press(pilot, "L")
        await pilot.pause()
        assert isinstance(app.screen, WipOverrideDialog)
        assert "WIP limit reached: In Progress holds 3 of 3." in screen_text(app)
        await press(pilot, "escape")
        assert column_of(ctx, "WEB-25") == "To Do"
        # Review (1/2) has room: a card of In Progress moves on.
        await press(pilot, "l")
        moving = card_list(app).current.key
        await press(pilot, "L")
        await settle(pilot)
        assert column_of(ctx, moving) == "Review"
        text = screen_text(app)
        assert "In Progress 2 · WIP 2/3" in text and "Review 2 · WIP 2/2" in text
        assert card_list(app).current.key == moving


async def test_wip_headers_count_cards_outside_the_sprint(ctx, demo_board):
    # A card outside the sprint in Review: the limit counts it, the list does not show it.
    cards.move_card(ctx, "WEB-26", "Review")
    app = make_app(ctx)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_sprint(pilot)
        assert "WEB-26" not in shown_keys(screen)["Review"]
        text = screen_text(app)
        assert "Review 1 · WIP 2/2" in text


async def test_n_creates_the_card_in_the_active_sprint(ctx, demo_board):
    app = make_app(ctx)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_sprint(pilot)
        before = sprints.sprint_report(ctx, "WEB", "active").added_count
        await press(pilot, "n")
        assert isinstance(app.screen, CardEditor)
        await type_text(pilot, "Hotfix the wallet button")
        await press(pilot, "ctrl+s")
        await settle(pilot)
        [card] = [c for c in cards.list_cards(ctx, "WEB") if c.title == "Hotfix the wallet button"]
        assert card.sprint == 3 and card.column == "To Do"
        assert sprints.sprint_report(ctx, "WEB", "active").added_count == before + 1
        assert card.key in shown_keys(app.screen)["To Do"]
        assert card_list(app).current.key == card.key


async def test_k_ranks_among_the_sprint_cards_of_the_column(ctx, demo_board):
    app = make_app(ctx)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_sprint(pilot)
        await press(pilot, "l", "l", "l", "j")  # Done, second card
        first, second = shown_keys(screen)["Done"][:2]
        assert card_list(app).current.key == second
        await press(pilot, "K")
        await settle(pilot)
        assert shown_keys(screen)["Done"][:2] == [second, first]
        in_db = [c.key for c in cards.list_cards(ctx, "WEB", column="Done", sprint=3)]
        assert in_db[:2] == [second, first]


async def test_moving_a_card_to_done_updates_the_header(ctx, demo_board):
    app = make_app(ctx)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_sprint(pilot)
        await press(pilot, "l", "l")  # Review: WEB-21, 3 points
        assert card_list(app).current.key == "WEB-21"
        await press(pilot, "L")
        await settle(pilot)
        report = sprints.sprint_report(ctx, "WEB", "active")
        assert report.completed_points == 20
        assert "20/37 pt done" in screen_text(app)


async def test_a_read_of_the_sprint_numbers_older_than_the_newest_is_not_shown(ctx, demo_board):
    # A read begun before the move was saved may land after the one begun once
    # it was (it waited on the commit): the newer numbers stay.
    app = make_app(ctx)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_sprint(pilot)
        before = read_info(ctx, "WEB")
        await press(pilot, "l", "l", "L")
        await settle(pilot)
        assert "20/37 pt done" in screen_text(app)
        screen.post_message(SprintInfoLoaded("WEB", before, screen._info_ticket - 1))
        await settle(pilot)
        assert "20/37 pt done" in screen_text(app)


async def test_c_hides_and_shows_the_burndown(ctx, demo_board):
    app = make_app(ctx)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_sprint(pilot)
        chart = screen.query_one(BurndownChart)
        assert chart.display and chart.size.height >= 10
        await press(pilot, "c")
        assert not chart.display
        await press(pilot, "c")
        assert chart.display


async def test_a_short_terminal_folds_the_burndown_away_until_c(ctx, demo_board):
    app = make_app(ctx)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_sprint(pilot)
        chart = screen.query_one(BurndownChart)
        assert not chart.display
        # Room for eight compact cards a column.
        assert screen.query_one(CardList).size.height >= 16
        await press(pilot, "c")
        await settle(pilot)
        assert chart.display and chart.size.height >= 8  # with its legend
        assert "remaining" in screen_text(app) and "ideal" in screen_text(app)
        await press(pilot, "c")
        await settle(pilot)
        assert not chart.display


async def test_without_an_active_sprint_the_screen_says_how_to_start_one(ctx, board):
    sprints.create_sprint(ctx, "WEB", goal="Ship the search")
    app = make_app(ctx)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_sprint(pilot)
        text = screen_text(app)
        assert "No active sprint" in text
        assert "Press 3 for the Backlog" in text and "press s to start it" in text
        assert "Sprint 1 is planned" in text
        assert not screen.query_one(BoardColumns).display
        assert "press n to add a card" not in text
        await press(pilot, "n")
        assert not isinstance(app.screen, CardEditor)  # nothing to add a card to


async def test_a_sprint_started_elsewhere_shows_up_on_reload(ctx, board):
    planned = sprints.create_sprint(ctx, "WEB", goal="Ship the search")
    card = cards.add_card(ctx, "WEB", "Search box", sprint=planned.number)
    app = make_app(ctx)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_sprint(pilot)
        assert "No active sprint" in screen_text(app)
        sprints.start_sprint(ctx, "WEB", planned.number)
        await press(pilot, "ctrl+r")
        await settle(pilot)
        text = screen_text(app)
        assert "No active sprint" not in text
        assert card.key in text and "Ship the search" in text


async def test_shift_c_completes_the_sprint_through_the_backlog_dialog(ctx, demo_board):
    app = make_app(ctx)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_sprint(pilot)
        await press(pilot, "C")
        await pilot.pause()
        assert isinstance(app.screen, CompleteSprintDialog)
        await press(pilot, "ctrl+s")
        await settle(pilot)
        assert sprints.active_sprint(ctx, "WEB") is None
        assert sprints.get_sprint(ctx, "WEB", 3).state.value == "completed"
        text = screen_text(app)
        assert "No active sprint" in text and "Sprint 4 is planned" in text


async def test_help_lists_the_sprint_keys_and_the_board_keys(ctx, demo_board):
    from kanban_tui.dialogs.help import binding_rows

    app = make_app(ctx)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_sprint(pilot)
        rows = dict(binding_rows(app, screen.help_nodes()))
        assert rows["c"] == "Show or hide the burndown chart"
        assert rows["C"].startswith("Complete the sprint")
        for key in ("n", "H shift+←", "d", "D", "A", "w", "/", "a", "T", "B"):
            assert key in rows, key
