"""D (delete, asks first), a (assign to me), w (WIP limit), / (filter)."""

from __future__ import annotations

import pytest
from textual.widgets import Input
from ui_helpers import card_list, make_app, notifications, press, screen_text, settle, type_text

from kanban_tui.dialogs.confirm import ConfirmDialog
from kanban_tui.dialogs.wip import WipLimitDialog
from kanban_tui.services import boards, cards
from kanban_tui.widgets.filter_bar import FilterBar


async def test_shift_d_asks_naming_the_card_then_deletes_it(ctx, board):
    cards.add_card(ctx, "WEB", "Obsolete task")
    cards.add_card(ctx, "WEB", "Keep me")
    app = make_app(ctx)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "D")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        text = screen_text(app)
        assert "WEB-1" in text and "Obsolete task" in text
        await press(pilot, "escape")
        await pilot.pause()
        assert [card.key for card in cards.list_cards(ctx, "WEB")] == ["WEB-1", "WEB-2"]
        await press(pilot, "D")
        await pilot.pause()
        await press(pilot, "n")  # no
        await pilot.pause()
        assert len(cards.list_cards(ctx, "WEB")) == 2
        await press(pilot, "D")
        await pilot.pause()
        await press(pilot, "y")
        await pilot.pause()
        assert [card.key for card in cards.list_cards(ctx, "WEB")] == ["WEB-2"]
        assert "Obsolete task" not in screen_text(app)
        assert card_list(app).current.key == "WEB-2"
        assert "Deleted WEB-1." in notifications(app)


async def test_enter_on_the_confirm_dialog_deletes(ctx, board):
    cards.add_card(ctx, "WEB", "Gone")
    app = make_app(ctx)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "D")
        await pilot.pause()
        await press(pilot, "enter")
        await pilot.pause()
        assert cards.list_cards(ctx, "WEB") == []
        assert "press n to add" in screen_text(app)


async def test_a_toggles_the_assignee_to_me(ctx, board):
    cards.add_card(ctx, "WEB", "Someone should do this")
    app = make_app(ctx)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "a")
        assert cards.get_card(ctx, "WEB-1").assignee == "alice"
        assert "@alice" in screen_text(app).split("\n", 2)[2]  # on the card, not the top bar
        await press(pilot, "a")
        assert cards.get_card(ctx, "WEB-1").assignee is None
        assert "WEB-1 unassigned." in notifications(app)


async def test_w_sets_the_wip_limit_and_zero_is_refused_in_place(ctx, board):
    app = make_app(ctx)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "w")
        await pilot.pause()
        assert isinstance(app.screen, WipLimitDialog)
        await type_text(pilot, "0")
        await press(pilot, "enter")
        await pilot.pause()
        assert isinstance(app.screen, WipLimitDialog)
        assert "WIP limit must be a positive whole number" in screen_text(app)
        assert boards.columns(ctx, "WEB")[0].wip_limit is None
        await press(pilot, "backspace")
        await type_text(pilot, "5")
        await press(pilot, "enter")
        await pilot.pause()
        assert boards.columns(ctx, "WEB")[0].wip_limit == 5
        assert "To Do 0/5" in screen_text(app)


async def test_w_none_clears_a_limit(ctx, board):
    app = make_app(ctx)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "l", "w")
        await pilot.pause()
        field = app.screen.query_one("#limit", Input)
        assert field.value == "3"
        field.value = "none"
        await press(pilot, "enter")
        await pilot.pause()
        assert boards.columns(ctx, "WEB")[1].wip_limit is None
        assert "In Progress 0 " in screen_text(app)


async def test_slash_filters_by_text_assignee_and_label_and_esc_clears(ctx, board):
    cards.add_card(ctx, "WEB", "Fix login bug", assignee="bob", labels="auth")
    cards.add_card(ctx, "WEB", "Write docs", assignee="alice", labels="docs")
    cards.add_card(ctx, "WEB", "Login page design", labels="design")
    cards.move_card(ctx, "WEB-3", "In Progress")
    app = make_app(ctx)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)

        def shown():
            return sorted(card.key for view in app.screen.query("CardList") for card in view.cards)

        await press(pilot, "slash")
        await type_text(pilot, "login")
        assert shown() == ["WEB-1", "WEB-3"]
        assert "filter: 2 of 3 cards" in screen_text(app)
        await press(pilot, *["backspace"] * 5)
        await type_text(pilot, "@bob")
        assert shown() == ["WEB-1"]
        await press(pilot, *["backspace"] * 4)
        await type_text(pilot, "#des")
        assert shown() == ["WEB-3"]
        # Only In Progress shows a card: the card keys act there, not on an empty To Do.
        await press(pilot, "enter")
        assert card_list(app).current.key == "WEB-3"
        await press(pilot, "slash")
        await press(pilot, *["backspace"] * 4)
        await type_text(pilot, "@me")
        assert shown() == ["WEB-2"]
        # enter keeps the filter and goes back to the cards
        await press(pilot, "enter")
        assert card_list(app).current.key == "WEB-2"
        assert shown() == ["WEB-2"]
        await press(pilot, "escape")
        assert shown() == ["WEB-1", "WEB-2", "WEB-3"]
        assert not app.screen.query_one("#filter", Input).display


async def test_filter_says_when_nothing_matches_in_a_column(ctx, board):
    cards.add_card(ctx, "WEB", "Alpha")
    app = make_app(ctx)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "slash")
        await type_text(pilot, "zzz")
        text = screen_text(app)
        assert "No card matches" in text and "filter: 0 of 1 cards" in text


@pytest.mark.parametrize("view", ["1", "3"])
async def test_a_filter_typed_in_one_burst_after_the_slash_is_all_filter(ctx, demo_board, view):
    """Over SSH ``/done`` arrives at once: none of its letters may act as a key
    (``d`` archives a card on the Board, ``n`` opens a new one)."""
    before = cards.list_cards(ctx, "WEB")
    app = make_app(ctx)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await press(pilot, view)
        screen = app.screen
        await type_text(pilot, "/done/x")
        assert app.screen is screen  # no dialog opened
        assert app.screen.query_one(FilterBar).value == "done/x"  # a "/" in the field is typed
        assert cards.list_cards(ctx, "WEB") == before  # nothing archived or changed
