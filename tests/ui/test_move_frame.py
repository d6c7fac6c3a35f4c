"""A move's frame: what it leaves undrawn, and the write held off it.

A move is drawn at once (the two columns it touches); these tests hold it to
drawing only what changed, and to its write starting once the frame is out.
"""

from __future__ import annotations

from typing import Any

import pytest
from storehelp import bulk_cards
from textual.scrollbar import ScrollBar, ScrollBarRender
from ui_helpers import make_app, press, screen_text, settle

from kanban_tui.screens import command_runner
from kanban_tui.services import cards
from kanban_tui.widgets.column import ColumnView

pytestmark = pytest.mark.draws_frames  # these count what each frame draws


def fill_to_do(ctx, count: int) -> None:
    """``count`` cards in WEB's To Do, bulk-inserted (a long column, quickly)."""
    bulk_cards(ctx, "WEB", count)


def count_draws(app: Any, column: str) -> tuple[list[int], ScrollBar]:
    """The vertical scrollbar of ``column``'s card list, and a list that grows
    by one each time the bar is drawn (Textual makes a renderer per draw)."""
    view = next(v for v in app.screen.query(ColumnView) if v.column.name == column)
    bar = view.cards.vertical_scrollbar
    draws: list[int] = []

    class Counting(ScrollBarRender):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            draws.append(1)
            super().__init__(*args, **kwargs)

    bar.renderer = Counting
    return draws, bar


async def test_a_card_leaving_a_long_column_leaves_its_unchanged_scrollbar_undrawn(ctx, board):
    fill_to_do(ctx, 300)
    app = make_app(ctx)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        draws, bar = count_draws(app, "To Do")
        await press(pilot, "L")
        await settle(pilot)
        assert "To Do 299" in screen_text(app)
        assert draws == []  # 300 cards or 299: the bar's thumb is where it was
        assert bar.window_virtual_size == bar.parent.virtual_size.height
        assert cards.get_card(ctx, "WEB-1").column == "In Progress"


async def test_a_scrollbar_whose_look_changes_is_drawn_again(ctx, board):
    fill_to_do(ctx, 9)
    app = make_app(ctx)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        draws, bar = count_draws(app, "To Do")
        await press(pilot, "L")
        await settle(pilot)
        assert "To Do 8" in screen_text(app)
        assert draws  # 9 cards to 8: the thumb grew
        assert bar.window_virtual_size == bar.parent.virtual_size.height


async def test_a_drawn_move_writes_a_frame_later_and_other_writes_at_once(ctx, board, monkeypatch):
    cards.add_card(ctx, "WEB", "Move me")
    events: list[str] = []
    real_sleep = command_runner.time.sleep

    def sleep(seconds: float) -> None:
        if seconds == command_runner.FRAME:
            events.append("frame")
        real_sleep(seconds)

    def recording(name: str, call: Any) -> Any:
        def recorded(*args: Any, **kwargs: Any) -> Any:
            events.append(name)
            return call(*args, **kwargs)

        return recorded

    monkeypatch.setattr(command_runner.time, "sleep", sleep)
    monkeypatch.setattr(cards, "step_card", recording("move", cards.step_card))
    monkeypatch.setattr(
        cards, "toggle_assign_to_me", recording("assign", cards.toggle_assign_to_me)
    )
    app = make_app(ctx)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await press(pilot, "L")
        await settle(pilot)
        assert events == ["frame", "move"]
        assert cards.get_card(ctx, "WEB-1").column == "In Progress"
        # Nothing is drawn before an assignment's result: it writes at once.
        events.clear()
        await press(pilot, "a")
        await settle(pilot)
        assert events == ["assign"]
        assert cards.get_card(ctx, "WEB-1").assignee == "alice"
