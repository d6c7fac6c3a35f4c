"""Reading sprints back: the report, the burndown, velocity and the backlog.

The burndown and a live report replay the activity log between the sprint's
``started`` and ``completed`` events, so they show what happened, including
scope changes and re-estimates, and a completed sprint's chart never moves.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any, cast

from sqlmodel import Session, col, select

from ..domain import sprint_metrics as metrics
from ..domain.errors import RuleViolation
from ..domain.model import Card, Category
from ..domain.sprint_metrics import Burndown, CardChange, Change, FinalCard, SprintReport, Velocity
from ..domain.sprints import SprintState, sprint_key
from ..storage import repo
from ..storage import sprint_repo as srepo
from ..storage.tables import BoardRow, CardRow, EventRow, SprintRow
from .context import Context


def _boundary(session: Session, board: BoardRow, row: SprintRow, action: str) -> int | None:
    """The id of the sprint's last ``started``/``completed`` event."""
    query = (
        select(EventRow.id)
        .where(
            EventRow.board_id == board.id,
            EventRow.key == sprint_key(board.key, row.number),
            EventRow.entity == "sprint",
            EventRow.action == action,
        )
        .order_by(col(EventRow.id).desc())
    )
    return session.exec(query).first()


def _in_range(query: Any, first: int | None, last: int | None) -> Any:
    if first is not None:
        query = query.where(col(EventRow.id) > first)
    if last is not None:
        query = query.where(col(EventRow.id) < last)
    return query


def changes(session: Session, board: BoardRow, row: SprintRow) -> list[CardChange]:
    """The card changes that matter to the sprint while it ran, in log order."""
    assert board.id is not None
    first = _boundary(session, board, row, "started")
    last = _boundary(session, board, row, "completed") if row.state == "completed" else None
    keys = {item.key for item in srepo.committed(row)}
    joins = _in_range(
        select(EventRow.key).where(
            EventRow.board_id == board.id, EventRow.entity == "card", EventRow.action == "sprint"
        ),
        first,
        last,
    )
    keys.update(session.exec(joins).all())
    if not keys:
        return []
    query = _in_range(
        select(EventRow).where(
            EventRow.board_id == board.id,
            EventRow.entity == "card",
            col(EventRow.key).in_(sorted(keys)),
        ),
        first,
        last,
    ).order_by(col(EventRow.id))
    categories = srepo.column_categories(session, board.id)
    found = []
    for event in session.exec(query).all():
        change = _change(event, row.number, categories)
        if change is not None:
            found.append(change)
    return found


def _change(event: EventRow, number: int, categories: dict[str, Category]) -> CardChange | None:
    data = json.loads(event.data or "{}")
    day = datetime.fromisoformat(event.at).astimezone().date()  # the person's day, as ctx.today()
    if event.action == "sprint":
        points = data.get("points")
        if data.get("after") == number:
            return CardChange(day, event.key, Change.ADDED, points, bool(data.get("done")))
        if data.get("before") == number:
            return CardChange(day, event.key, Change.REMOVED, points)
        return None
    if event.action == "deleted":
        return CardChange(day, event.key, Change.REMOVED, data.get("points"))
    if event.action == "moved":
        before = categories.get(data.get("before", "")) is Category.DONE
        after = categories.get(data.get("after", "")) is Category.DONE
        if after and not before:
            return CardChange(day, event.key, Change.DONE)
        if before and not after:
            return CardChange(day, event.key, Change.REOPENED)
        return None
    if event.action == "edited" and "points" in data:
        return CardChange(day, event.key, Change.POINTS, data["points"].get("after"))
    return None


def live_report(
    session: Session, board: BoardRow, row: SprintRow, completed_on: date | None = None
) -> SprintReport:
    """The report of a running sprint as if it ended now."""
    assert board.id is not None and row.id is not None
    done = srepo.done_column_ids(session, board.id)
    final = [
        FinalCard(f"{board.key}-{card.number}", card.points, card.column_id in done)
        for card in srepo.sprint_card_rows(session, row.id)
        if not card.archived or card.column_id in done
    ]
    return metrics.report(
        row.number,
        srepo.committed(row),
        changes(session, board, row),
        final,
        end=repo.parse_day(row.end),
        completed_on=completed_on,
    )


def _not_started(row: SprintRow, what: str) -> None:
    if row.state == SprintState.PLANNED.value:
        raise RuleViolation(f"Sprint {row.number} has not started; it has no {what} yet.")


def sprint_report(ctx: Context, board_key: str, number: int | str) -> SprintReport:
    """The frozen report of a completed sprint, or the live one of the active sprint."""
    with ctx.db.read() as session:
        board = repo.board_row(session, board_key)
        row = srepo.sprint_row(session, board, number)
        _not_started(row, "report")
        if row.state == SprintState.COMPLETED.value and row.report:
            return SprintReport.from_dict(json.loads(row.report))
        return live_report(session, board, row)


def burndown(ctx: Context, board_key: str, number: int | str = "active") -> Burndown:
    """The burndown series of an active or completed sprint, read from the log."""
    with ctx.db.read() as session:
        board = repo.board_row(session, board_key)
        row = srepo.sprint_row(session, board, number)
        _not_started(row, "burndown")
        assert row.start and row.end
        completed = repo.parse_time(row.completed_at)
        return metrics.burndown(
            date.fromisoformat(row.start),
            date.fromisoformat(row.end),
            srepo.committed(row),
            changes(session, board, row),
            today=ctx.today(),
            last_day=completed.astimezone().date() if completed else None,
        )


def velocity(ctx: Context, board_key: str) -> Velocity:
    """Committed and completed points of every completed sprint, oldest first;
    ``.mean`` is the mean of the last 3."""
    with ctx.db.read() as session:
        board = repo.board_row(session, board_key)
        assert board.id is not None
        rows = [
            row
            for row in srepo.sprint_rows(session, board.id)
            if row.state == SprintState.COMPLETED.value and row.report
        ]
    reports = [SprintReport.from_dict(json.loads(row.report or "{}")) for row in rows]
    return Velocity(
        numbers=tuple(row.number for row in rows),
        names=tuple(row.name for row in rows),
        committed=tuple(report.committed_points for report in reports),
        completed=tuple(report.completed_points for report in reports),
    )


def backlog(ctx: Context, board_key: str) -> list[Card]:
    """Every non-archived card in no planned or active sprint and not in a done
    column, in rank order."""
    with ctx.db.read() as session:
        board = repo.board_row(session, board_key)
        assert board.id is not None
        table: Any = cast(Any, CardRow).__table__
        query = (
            select(table).where(*srepo.backlog_filter(board.id)).order_by(table.c.rank, table.c.id)
        )
        return repo.query_cards(session, query, board.id, board.key)
