"""+ and - on the Backlog: 0 is an estimate, and one estimate is one event."""

from __future__ import annotations

import json

from backlog_helpers import estimate_settles, open_backlog, press_settled
from sqlmodel import select
from ui_helpers import make_app, screen_text

from kanban_tui.screens.backlog import cards as backlog_cards
from kanban_tui.services import cards
from kanban_tui.storage.tables import EventRow


def edits(ctx, key: str) -> list[str]:
    with ctx.db.read() as session:
        rows = session.exec(
            select(EventRow).where(EventRow.key == key, EventRow.action == "edited")
        ).all()
    return [row.data for row in rows]


def row_of(app, key: str) -> str:
    return next(line for line in screen_text(app).splitlines() if f"{key} " in line).rstrip()


def test_the_steps_include_zero() -> None:
    step = backlog_cards.next_estimate
    assert step(None, 1) == 0 and step(0, 1) == 1 and step(1, 1) == 2 and step(21, 1) == 21
    assert step(1, -1) == 0 and step(0, -1) is None and step(None, -1) is None


async def test_plus_shows_each_step_at_once_and_writes_the_estimate_once(ctx, board):
    cards.add_card(ctx, "WEB", "Unsized")
    app = make_app(ctx)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_backlog(pilot)
        await press_settled(pilot, "j", "plus")
        assert row_of(app, "WEB-1").endswith(" 0")  # 0 is an estimate
        await press_settled(pilot, "plus", "plus", "plus")
        assert row_of(app, "WEB-1").endswith(" 3")
        assert app.screen._settle_timer is not None  # written once the keys stop
        assert cards.get_card(ctx, "WEB-1").points is None and edits(ctx, "WEB-1") == []
        await estimate_settles(pilot)
        assert cards.get_card(ctx, "WEB-1").points == 3
        assert [json.loads(data) for data in edits(ctx, "WEB-1")] == [
            {"points": {"before": None, "after": 3}}
        ]
        await press_settled(pilot, "minus", "minus", "minus", "minus")  # 3 2 1 0 ?
        await estimate_settles(pilot)
        assert cards.get_card(ctx, "WEB-1").points is None
        assert len(edits(ctx, "WEB-1")) == 2


async def test_stepping_another_card_or_quitting_writes_the_estimate_first(ctx, board):
    cards.add_card(ctx, "WEB", "One")
    cards.add_card(ctx, "WEB", "Two")
    app = make_app(ctx)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_backlog(pilot)
        await press_settled(pilot, "j", "plus", "plus", "j", "plus")
        assert cards.get_card(ctx, "WEB-1").points == 1
        assert cards.get_card(ctx, "WEB-2").points is None  # still settling
        await press_settled(pilot, "q")
        await estimate_settles(pilot)  # the write quitting waits for
        assert not app.is_running
    assert cards.get_card(ctx, "WEB-2").points == 0
    assert len(edits(ctx, "WEB-1")) == len(edits(ctx, "WEB-2")) == 1


async def test_any_other_key_writes_the_estimate_before_it_acts(ctx, board):
    cards.add_card(ctx, "WEB", "One")
    app = make_app(ctx)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_backlog(pilot)
        await press_settled(pilot, "j", "plus", "plus", "k")
        assert cards.get_card(ctx, "WEB-1").points == 1
        assert len(edits(ctx, "WEB-1")) == 1
