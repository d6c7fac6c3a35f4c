"""The selected card stays selected and on screen: after a filter, a resize, a view switch."""

from __future__ import annotations

from ui_helpers import make_app, press, settle, type_text

from kanban_tui.dialogs.card_editor import CardEditor
from kanban_tui.widgets.card_list import CARD_HEIGHT, COMPACT_HEIGHT


def active_list(app):
    return app.screen.columns.active.cards


def in_view(cards) -> bool:
    height = COMPACT_HEIGHT if cards.compact else CARD_HEIGHT
    top = cards.cursor * height
    return cards.scroll_y <= top and top + height - 1 <= cards.scroll_y + cards.size.height


async def test_clearing_a_filter_brings_the_cursor_back_to_its_card_in_view(ctx, demo_board):
    app = make_app(ctx)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, *["j"] * 9)
        chosen = active_list(app).current.key
        await press(pilot, "slash")
        await type_text(pilot, "nothing matches this")
        await settle(pilot)
        assert active_list(app).current is None
        await press(pilot, "escape", "escape")
        await settle(pilot)
        cards = active_list(app)
        assert cards.current.key == chosen
        assert in_view(cards) and cards.has_focus_within or app.focused is app.screen.columns


async def test_a_smaller_terminal_and_a_view_switch_keep_the_card_in_view(ctx, demo_board):
    app = make_app(ctx)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, *["j"] * 9)
        chosen = active_list(app).current.key
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        assert active_list(app).current.key == chosen and in_view(active_list(app))
        await press(pilot, "3")
        await settle(pilot)
        await pilot.resize_terminal(80, 16)
        await settle(pilot)
        await press(pilot, "1")
        await settle(pilot)
        assert active_list(app).current.key == chosen and in_view(active_list(app))


async def test_e_opens_the_card_the_filter_shows_under_the_cursor(ctx, demo_board):
    app = make_app(ctx)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, *["j"] * 9)
        hidden = active_list(app).current
        await press(pilot, "slash")
        await type_text(pilot, "@none")
        await press(pilot, "enter")
        await settle(pilot)
        cards = active_list(app)
        shown = [card.key for card in cards.cards]
        assert hidden.key not in shown or hidden.assignee is None
        await press(pilot, "e")
        await settle(pilot)
        assert isinstance(app.screen, CardEditor)
        assert app.screen.card.key in shown and app.screen.card.key == cards.current.key


async def test_the_backlog_cursor_comes_back_to_its_card_after_a_filter(ctx, demo_board):
    from backlog_helpers import cursor_key, open_backlog

    app = make_app(ctx)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_backlog(pilot)
        await press(pilot, "G", "k", "k")
        chosen = cursor_key(app)
        plan = app.screen.plan_list
        await press(pilot, "slash")
        await type_text(pilot, "nothing matches this")
        await settle(pilot)
        await press(pilot, "escape", "escape")
        await settle(pilot)
        assert cursor_key(app) == chosen
        assert plan.scroll_y <= plan.cursor < plan.scroll_y + plan.size.height
        await pilot.resize_terminal(80, 14)
        await settle(pilot)
        assert cursor_key(app) == chosen
        assert plan.scroll_y <= plan.cursor < plan.scroll_y + plan.size.height


async def test_the_card_selected_while_filtered_stays_selected_after_clearing(ctx, demo_board):
    """``/`` finds a card, ``esc`` clears the filter: the found card stays
    selected, not the one selected before filtering."""
    app = make_app(ctx)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, *["j"] * 3)
        before = active_list(app).current.key
        found = active_list(app).cards[0]
        await press(pilot, "slash")
        await type_text(pilot, found.title)
        await press(pilot, "enter")
        await settle(pilot)
        assert active_list(app).current.key == found.key != before
        await press(pilot, "escape")
        await settle(pilot)
        cards = active_list(app)
        assert len(cards.cards) > 1  # the filter is cleared
        assert cards.current.key == found.key and in_view(cards)
