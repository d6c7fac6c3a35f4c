"""W on the Board and the Backlog, the age of in-progress cards, the sprint fit."""

from __future__ import annotations

import pytest
from ui_helpers import make_app, press, screen_text, settle

from kanban_tui.dialogs.forecast import SEED, ForecastDialog
from kanban_tui.services import ageing, cards, forecast
from kanban_tui.widgets.column import ColumnView


async def keys(pilot, *names: str) -> None:
    for name in names:
        await press(pilot, name)
        await settle(pilot)


async def test_ages_on_in_progress_cards_and_the_stale_mark(ctx, demo_board):
    aged = {card.key: card for card in ageing.ageing(ctx, "WEB").cards}
    stale = [card for card in aged.values() if card.stale]
    assert [card.key for card in stale] == ["WEB-21"]  # the demo's card stuck in Review
    app = make_app(ctx)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        text = screen_text(app)
        assert f"▲{aged['WEB-21'].age}d" in text  # the sign, not colour alone
        assert f" {aged['WEB-22'].age}d " in text and f"▲{aged['WEB-22'].age}d" not in text


async def test_w_on_the_board_offers_the_column_or_a_label(ctx, demo_board):
    app = make_app(ctx)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await keys(pilot, "l", "W")
        assert isinstance(app.screen, ForecastDialog)
        text = screen_text(app)
        assert "the column In Progress" in text and "the cards labelled frontend (7)" in text
        await keys(pilot, "down", "enter")
        selection = forecast.select_cards(ctx, "WEB", label="frontend")
        report = forecast.when(ctx, "WEB", selection, seed=SEED)
        assert forecast.when_sentence(report.forecast, report.today) in screen_text(app)
        await keys(pilot, "escape")
        assert not isinstance(app.screen, ForecastDialog)


async def test_w_on_the_backlog_and_the_sprint_fit(ctx, demo_board):
    app = make_app(ctx)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await keys(pilot, "3")
        fit = forecast.sprint_fit(ctx, "WEB", 4)
        assert fit.by_cards is not None
        assert f"{int(fit.by_cards * 100)}% likely" in screen_text(app)
        backlog = [card.key for card in forecast.sprint_metrics.backlog(ctx, "WEB")]
        await keys(pilot, "right", "down", "down", "W")  # Sprint 4's second card
        assert isinstance(app.screen, ForecastDialog)
        assert "Sprint 4 down to WEB-31" in screen_text(app)
        assert "2 cards: 50% by" in screen_text(app)
        await keys(pilot, "escape", "right", "down", "down", "W")  # the backlog's second
        assert f"the backlog to {backlog[1]}" in screen_text(app)
        assert "2 cards: 50% by" in screen_text(app)


async def test_w_on_a_done_column_offers_only_the_labels(ctx, demo_board):
    done = forecast.done_columns(ctx, "WEB")
    assert done == {"Done"}
    app = make_app(ctx)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await keys(pilot, "l", "l", "l", "l", "W")  # the last column, Done
        assert isinstance(app.screen, ForecastDialog)
        text = screen_text(app)
        assert "the column Done" not in text and "the cards labelled frontend (7)" in text
        await keys(pilot, "enter")
        assert "frontend" in screen_text(app) and "% by" in screen_text(app)


@pytest.mark.draws_frames  # what a frame drew, before any look at the screen
async def test_a_card_moved_into_progress_is_drawn_again_with_its_age_once_saved(ctx, board):
    cards.add_card(ctx, "WEB", "Just started")
    app = make_app(ctx)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await keys(pilot, "L")  # drawn at once, before it is saved (not started yet)
        await settle(pilot)
        assert cards.get_card(ctx, "WEB-1").started_at is not None
        in_progress = next(
            view.cards for view in app.screen.query(ColumnView) if view.column.name == "In Progress"
        )
        drawn_ages = {key[-1] for key in in_progress._cache}  # the lines frames drew
        assert (1, False) in drawn_ages  # started today: day 1, both ends counted
        assert " 1d" in screen_text(app)
