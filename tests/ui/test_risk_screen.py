"""The Risks screen (4): the register's table, the heat map and its filters, on the demo data."""

from __future__ import annotations

from ui_helpers import make_app, press, screen_text, settle

from kanban_tui.dialogs.help import HelpDialog
from kanban_tui.dialogs.risk_prompts import RiskDetailDialog
from kanban_tui.domain import risks as rules
from kanban_tui.screens.risks.screen import RiskScreen
from kanban_tui.services import risks
from kanban_tui.widgets.heat_map import HeatMap
from kanban_tui.widgets.risk_table import RiskTable


async def open_risks(pilot) -> RiskScreen:
    await settle(pilot)
    await press(pilot, "4")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, RiskScreen)
    return screen


def rows(screen: RiskScreen) -> list[str]:
    """The keys of the table's rows, top to bottom."""
    table = screen.query_one(RiskTable)
    return [table.coordinate_to_cell_key((row, 0)).row_key.value for row in range(table.row_count)]


def active_in_cell(ctx, cell, residual=False) -> list[str]:
    found = [r for r in risks.list_risks(ctx, "WEB") if r.status in rules.ACTIVE]
    return [r.key for r in rules.in_cell(found, *cell, residual=residual)]


async def test_the_table_lists_every_risk_by_score_with_the_map_beside_it(ctx, demo_board):
    app = make_app(ctx)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_risks(pilot)
        assert rows(screen) == [risk.key for risk in risks.list_risks(ctx, "WEB")]
        assert len(rows(screen)) == 8
        text = screen_text(app)
        for word in (*rules.PROBABILITY_WORDS, *rules.IMPACT_WORDS):
            assert word in text, word
        assert "Heat map · inherent" in text and "Register · 8 risks" in text
        assert "critical" in text and "mitigating" in text and "1/2" in text
        # The detail pane shows the selected (top) risk with its linked cards.
        assert "Details · WEB-R1" in text and "20 critical" in text


async def test_heat_map_counts_match_the_services_inherent_and_residual(ctx, demo_board):
    app = make_app(ctx)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_risks(pilot)
        heat_map = screen.query_one(HeatMap)
        inherent = risks.heat_map(ctx, "WEB")
        assert heat_map.grid == inherent and heat_map.total == 7  # the closed one is left out
        await press(pilot, "r")
        await settle(pilot)
        residual = risks.heat_map(ctx, "WEB", residual=True)
        assert heat_map.grid == residual and residual != inherent
        assert "Heat map · residual" in screen_text(app)
        await press(pilot, "r")
        assert heat_map.grid == inherent


async def test_choosing_a_cell_filters_the_table_and_choosing_it_again_clears(ctx, demo_board):
    app = make_app(ctx)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_risks(pilot)
        await press(pilot, "tab")
        assert isinstance(app.focused, HeatMap)
        assert app.focused.cursor == (5, 5)
        await press(pilot, "down", "left")  # likely × major
        assert app.focused.cursor == (4, 4)
        await press(pilot, "enter")
        await settle(pilot)
        assert rows(screen) == active_in_cell(ctx, (4, 4)) == ["WEB-R3"]
        assert "Register · 1 of 8" in screen_text(app)
        await press(pilot, "enter")
        await settle(pilot)
        assert len(rows(screen)) == 8
        # space chooses too.
        await press(pilot, "down", "left", "space")  # possible × moderate
        assert rows(screen) == active_in_cell(ctx, (3, 3)) == ["WEB-R4"]
        await press(pilot, "escape")
        assert len(rows(screen)) == 8 and screen.register.cell is None


async def test_the_residual_toggle_changes_what_a_cell_holds(ctx, demo_board):
    app = make_app(ctx)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_risks(pilot)
        await press(pilot, "tab", "down", "down")  # possible × severe
        await press(pilot, "enter")
        assert rows(screen) == active_in_cell(ctx, (3, 5)) == ["WEB-R2"]
        await press(pilot, "r")  # WEB-R1 (4,5) is rated 2 x 4 after its response
        await press(pilot, "down", "left", "enter")  # unlikely × major
        await settle(pilot)
        assert rows(screen) == active_in_cell(ctx, (2, 4), residual=True) == ["WEB-R1"]


async def test_clicking_a_cell_filters_and_clicking_again_clears(ctx, demo_board):
    app = make_app(ctx)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_risks(pilot)
        heat_map = screen.query_one(HeatMap)
        plan = heat_map._layout()
        # The middle of possible × moderate, past the border and padding.
        x = 2 + plan.left + 2 * (plan.cell + 1) + plan.cell // 2
        y = 1 + 1 + (5 - 3)
        await pilot.click(HeatMap, offset=(x, y))
        await settle(pilot)
        assert rows(screen) == ["WEB-R4"] and heat_map.chosen == (3, 3)
        await pilot.click(HeatMap, offset=(x, y))
        await settle(pilot)
        assert len(rows(screen)) == 8 and heat_map.chosen is None


async def test_overdue_review_is_marked_and_a_closed_risk_is_not(ctx, demo_board):
    app = make_app(ctx)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_risks(pilot)
        text = screen_text(app)
        assert "2026-11-21!" in text  # WEB-R2, open, review passed
        assert "2026-11-15!" not in text and "2026-11-15" in text  # WEB-R8 is closed
        assert "1 overdue" in text
        table = screen.query_one(RiskTable)
        cell = table.get_cell("WEB-R2", "review")
        overdue = table.get_component_rich_style("risk-table--overdue", partial=True)
        assert cell.spans[-1].style == overdue and overdue.color is not None
        assert overdue.color == table.get_component_rich_style("risk-table--critical-text").color


async def test_status_owner_and_text_filters_and_esc_clears_them(ctx, demo_board):
    app = make_app(ctx)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_risks(pilot)
        await press(pilot, "f")  # open
        assert rows(screen) == [r.key for r in risks.list_risks(ctx, "WEB", status="open")]
        await press(pilot, "f", "f")  # closed: the map counts the closed one now
        assert rows(screen) == ["WEB-R8"] and screen.query_one(HeatMap).total == 1
        await press(pilot, "escape", "o")  # alice
        assert rows(screen) == [r.key for r in risks.list_risks(ctx, "WEB", owner="alice")]
        assert "owner alice" in screen_text(app)
        await press(pilot, "escape", "slash", "c", "h", "e", "c", "k")
        assert rows(screen) == ["WEB-R3"]
        await press(pilot, "enter")
        assert isinstance(app.focused, RiskTable)
        await press(pilot, "escape")
        assert len(rows(screen)) == 8


async def test_details_show_every_field_linked_cards_and_score_history(ctx, demo_board):
    app = make_app(ctx)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_risks(pilot)
        await press(pilot, "v")
        await settle(pilot)
        assert isinstance(app.screen, RiskDetailDialog)
        text = screen_text(app)
        for expected in (
            "Payment provider outage during the launch campaign",
            "20 critical · 4 likely × 5 severe",
            "8 medium · 2 unlikely × 4 major",
            "mitigating",
            "alice",
            "external",
            "mitigate",
            "2026-11-30",
            "1 of 2 done",
            "WEB-41",
            "Done",
            "Add a second payment provider",
            "To Do",
            "Mitigation",
            "Contingency",
            "Trigger",
            "Payment error rate above 2%",
            "Score history",
        ):
            assert expected in text, expected
        history = risks.score_history(ctx, "WEB-R1")
        assert text.count(" edited ") + text.count(" created ") >= len(history)
        await press(pilot, "escape")
        assert isinstance(app.screen, RiskScreen)


async def test_all_mitigation_cards_done_is_said(ctx, demo_board):
    from kanban_tui.services import cards

    cards.move_card(ctx, "WEB-42", "Done")
    app = make_app(ctx)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_risks(pilot)
        await press(pilot, "v")
        await settle(pilot)
        assert "all mitigation cards done (2 of 2)" in screen_text(app)


async def test_question_mark_lists_every_key_of_the_risks_screen(ctx, demo_board):
    app = make_app(ctx)
    async with app.run_test(size=(120, 60)) as pilot:
        await open_risks(pilot)
        await press(pilot, "question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpDialog)
        text = app.screen.query_one("#help-text").render().plain
        for binding in (*RiskScreen.BINDINGS, *HeatMap.BINDINGS, *RiskTable.BINDINGS):
            assert (binding.tooltip or binding.description) in text, binding
        assert "Risks view" in text


async def test_four_opens_the_risks_screen_from_anywhere_and_one_goes_back(ctx, demo_board):
    app = make_app(ctx)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_risks(pilot)
        await press(pilot, "1")
        await pilot.pause()
        assert not isinstance(app.screen, RiskScreen)
        await press(pilot, "4")
        await pilot.pause()
        assert isinstance(app.screen, RiskScreen)


async def test_an_empty_register_says_how_to_start(ctx, board):
    app = make_app(ctx)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_risks(pilot)
        assert "No risks on WEB yet: press n to add the first one." in screen_text(app)
