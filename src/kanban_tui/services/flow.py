"""Flow reports of a board: the cumulative flow diagram and cycle time.

Two reads in one session: the card events of the board (log order) and the
done cards' stamps; the counting is :mod:`kanban_tui.domain.flow_metrics`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import and_, or_
from sqlmodel import col, select

from ..domain import flow_metrics as metrics
from ..domain.flow_metrics import CumulativeFlow, CycleTimes, FlowEvent
from ..domain.model import Category
from ..storage import repo
from ..storage.tables import CardRow, EventRow
from .context import Context

FLOW_ACTIONS = ("created", "moved", "deleted", "archived", "restored")
COLUMN_ACTIONS = ("renamed", "deleted")
"""Column events the replay follows: a column's history stays under its name of today."""


@dataclass(frozen=True)
class FlowReport:
    flow: CumulativeFlow
    cycle: CycleTimes
    done_columns: frozenset[str]
    """Names of the board's done columns (charts colour them as done)."""


def _day(moment: str | None) -> date | None:
    """The person's day of a stored time, as ``ctx.today()`` counts days."""
    return datetime.fromisoformat(moment).astimezone().date() if moment else None


def _event(entity: str, key: str, action: str, at: str, data: str) -> FlowEvent:
    values = json.loads(data or "{}")
    day = _day(at)
    assert day is not None
    if entity == "column":
        # A rename carries the cards to the new name; a delete, to where they went.
        if action == "renamed":
            return FlowEvent(day, values.get("before", key), metrics.COLUMN_RENAMED, key)
        return FlowEvent(day, key, metrics.COLUMN_DELETED, values.get("moved_to"))
    column = values.get("column") if action == "created" else values.get("after")
    if action == "restored" or (action == "archived" and values.get("done")):
        column = values.get("column")  # an archived done card stays counted as done
    elif action == "archived":
        column = None  # archived from a column not done: it leaves the diagram
    return FlowEvent(day, key, action, column if action != "deleted" else None)


def flow_report(ctx: Context, board_key: str, days: int = metrics.FLOW_WINDOW) -> FlowReport:
    """Cumulative flow and cycle time of the ``days`` days ending today."""
    today = ctx.today()
    with ctx.db.read() as session:
        board = repo.board_row(session, board_key)
        assert board.id is not None
        columns = repo.column_rows(session, board.id)
        rows = session.exec(
            select(EventRow)
            .where(
                EventRow.board_id == board.id,
                or_(
                    and_(col(EventRow.entity) == "card", col(EventRow.action).in_(FLOW_ACTIONS)),
                    and_(
                        col(EventRow.entity) == "column", col(EventRow.action).in_(COLUMN_ACTIONS)
                    ),
                ),
            )
            .order_by(col(EventRow.id))
        ).all()
        events = [_event(e.entity, e.key, e.action, e.at, e.data) for e in rows]
        stamps = session.exec(
            select(CardRow.number, CardRow.started_at, CardRow.done_at).where(
                CardRow.board_id == board.id, col(CardRow.done_at).is_not(None)
            )
        ).all()
        prefix = board.key
    flow = metrics.cumulative_flow(events, [column.name for column in columns], today, days)
    cycle = metrics.cycle_times(
        ((f"{prefix}-{number}", _day(started), _day(done)) for number, started, done in stamps),
        today,
        days,
    )
    done = frozenset(column.name for column in columns if column.category == Category.DONE.value)
    return FlowReport(flow, cycle, done)


def cumulative_flow(
    ctx: Context, board_key: str, days: int = metrics.FLOW_WINDOW
) -> CumulativeFlow:
    return flow_report(ctx, board_key, days).flow


def cycle_times(ctx: Context, board_key: str, days: int = metrics.FLOW_WINDOW) -> CycleTimes:
    return flow_report(ctx, board_key, days).cycle
