"""Helpers for the Backlog screen's Pilot tests: opening it, reading what it holds."""

from __future__ import annotations

from typing import Any

from sqlmodel import select
from textual.pilot import Pilot
from ui_helpers import press, settle

from kanban_tui.services import Context
from kanban_tui.storage.tables import CardRow, EventRow, SprintRow


async def open_backlog(pilot: Pilot) -> None:
    await settle(pilot)
    await press(pilot, "3")
    await settle(pilot)


async def press_settled(pilot: Pilot, *keys: str) -> None:
    """Press ``keys`` one by one, letting each change land (workers included)."""
    for key in keys:
        await press(pilot, key)
        await settle(pilot)


async def estimate_settles(pilot: Pilot) -> None:
    """What the pause after the last ``+`` / ``-`` does: the estimate is written."""
    pilot.app.screen.flush_pending()
    await pilot.pause()  # a write starts after the frame that shows the key's effect
    await settle(pilot)


def everything(ctx: Context) -> tuple[Any, ...]:
    """Every sprint and card row and the number of events: what a refusal leaves alone."""
    with ctx.db.read() as session:
        sprints = [row.model_dump() for row in session.exec(select(SprintRow)).all()]
        cards = [row.model_dump() for row in session.exec(select(CardRow)).all()]
        events = len(session.exec(select(EventRow)).all())
    return sprints, cards, events


def ranks(ctx: Context) -> dict[int, int]:
    with ctx.db.read() as session:
        return {row.number: row.rank for row in session.exec(select(CardRow)).all()}


def cursor_key(app: Any) -> str | None:
    """The key of the card under the Backlog screen's cursor."""
    row = app.screen.plan_list.current
    return row.card.key if row is not None and row.card is not None else None
