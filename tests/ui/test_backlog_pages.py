"""The Backlog holds a window of the backlog: the counts from the database,
``G`` reads the last page only, the filter runs in SQL (300 cards, pages of 20)."""

from __future__ import annotations

from backlog_helpers import cursor_key
from storehelp import bulk_cards
from ui_helpers import make_app, press, screen_text, settle, type_text

from kanban_tui.screens.backlog.paging import PagedPlan
from kanban_tui.services import boards, cards

CARDS = 300


def backlog_board(ctx) -> None:
    boards.create_board(ctx, "BL", "Backlog")
    bulk_cards(
        ctx,
        "BL",
        CARDS,
        lambda n, _: {
            "title": f"{'Gamma' if n % 4 == 0 else 'Delta'} item {n}",
            "points": None if n % 5 == 0 else 2,
        },
    )


async def test_the_backlog_reads_pages_jumps_and_filters(ctx, monkeypatch):
    monkeypatch.setattr(PagedPlan, "PAGE_SIZE", 20)
    backlog_board(ctx)
    app = make_app(ctx, "BL")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await press(pilot, "3")
        await settle(pilot)
        backlog = app.screen.state.backlog
        # Counted by the database, though only a window is held.
        assert "300 cards  480 pt  ? 60 unestimated" in screen_text(app)
        assert backlog.start == 0 and len(backlog.cards) <= 80

        await press(pilot, "G")
        await settle(pilot)
        assert cursor_key(app) == "BL-300"
        backlog = app.screen.state.backlog
        assert backlog.start > 0 and len(backlog.cards) <= 80
        await press(pilot, "g")
        await settle(pilot)
        await press(pilot, "j")
        await settle(pilot)
        assert cursor_key(app) == "BL-1"

        await press(pilot, "slash", *"gamma", "enter")
        await settle(pilot)
        assert "filter: 75 of 300 cards" in screen_text(app)
        held = app.screen.state.backlog.cards
        assert held and all(card.title.startswith("Gamma") for card in held)


async def test_undo_selects_the_card_it_took_back_past_the_first_page(ctx, monkeypatch):
    """ctrl+z reads the page of the card it put back (as the Board does), so
    the cursor follows it there, not a row of the first page."""
    monkeypatch.setattr(PagedPlan, "PAGE_SIZE", 20)
    backlog_board(ctx)
    app = make_app(ctx, "BL")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await press(pilot, "3")
        await settle(pilot)
        await press(pilot, "G")
        await settle(pilot)
        assert cursor_key(app) == "BL-300"
        await press(pilot, "T")  # to the top of the backlog
        await settle(pilot)
        assert cursor_key(app) == "BL-300"
        await press(pilot, "g", "j", "j")
        await settle(pilot)
        await press(pilot, "ctrl+z")  # back to the bottom
        await settle(pilot)
        assert cards.get_card(ctx, "BL-300").rank > cards.get_card(ctx, "BL-299").rank
        assert cursor_key(app) == "BL-300"
        assert app.screen.state.backlog.start > 0


async def test_a_filter_that_matches_no_backlog_card_says_so(ctx, demo_board):
    """Not that the backlog is empty: it holds cards, none of them passing."""
    app = make_app(ctx)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await press(pilot, "3")
        await settle(pilot)
        await type_text(pilot, "/zqxw")
        await settle(pilot)
        text = screen_text(app)
        assert "The backlog is empty" not in text
        assert "No card here matches the filter" in text


async def test_the_key_column_keeps_its_width_as_the_backlog_scrolls(ctx, monkeypatch):
    """BL-1 at the top, BL-300 at the bottom: titles start in one column throughout."""
    monkeypatch.setattr(PagedPlan, "PAGE_SIZE", 20)
    backlog_board(ctx)
    app = make_app(ctx, "BL")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await press(pilot, "3")
        await settle(pilot)

        def title_column(item: str) -> int:
            line = next(line for line in screen_text(app).splitlines() if item in line)
            return line.index(item)

        top = title_column("Delta item 1 ")
        await press(pilot, "G")
        await settle(pilot)
        assert title_column("Gamma item 300") == top
