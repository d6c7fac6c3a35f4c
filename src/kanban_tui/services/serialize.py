"""The JSON shapes of boards, columns, cards and sprints.

One place for them: ``--json`` on the command line prints these and export
will write the same objects. docs/json.md documents every key; renaming or
removing one is a breaking change, adding one is not.

Plain values in, plain ``dict`` out: no database and no UI here.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime
from typing import Any

from ..domain.model import Board, Card, Column, Comment
from ..domain.sprint_metrics import Burndown, SprintReport, Velocity
from ..domain.sprints import Sprint


def timestamp(moment: datetime | None) -> str | None:
    """ISO 8601 in UTC with a ``Z``, to the second: ``2026-11-25T09:30:00Z``."""
    if moment is None:
        return None
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def day(value: date | None) -> str | None:
    return value.isoformat() if value else None


def column(column: Column) -> dict[str, Any]:
    return {
        "name": column.name,
        "position": column.position,
        "category": column.category.value,
        "wip_limit": column.wip_limit,
        "count": column.count,
        "policy": column.policy,
    }


def board(board: Board, columns: Iterable[Column]) -> dict[str, Any]:
    return {
        "key": board.key,
        "name": board.name,
        "person_wip_limit": board.person_wip_limit,
        "columns": [column(item) for item in columns],
    }


def card(card: Card) -> dict[str, Any]:
    return {
        "key": card.key,
        "board": card.board_key,
        "title": card.title,
        "type": card.type.value,
        "priority": card.priority.value,
        "points": card.points,
        "assignee": card.assignee,
        "labels": list(card.labels),
        "due": day(card.due),
        "column": card.column,
        "rank": card.rank,
        "sprint": card.sprint,
        "blocked": card.blocked is not None,
        "blocked_reason": card.blocked,
        "archived": card.archived,
        "description": card.description,
        "created_at": timestamp(card.created_at),
        "updated_at": timestamp(card.updated_at),
        "started_at": timestamp(card.started_at),
        "done_at": timestamp(card.done_at),
    }


def comment(comment: Comment) -> dict[str, Any]:
    return {
        "card": comment.card_key,
        "author": comment.author,
        "at": timestamp(comment.at),
        "text": comment.text,
    }


def card_with_comments(item: Card, comments: Iterable[Comment]) -> dict[str, Any]:
    """``kanban card show --json``: :func:`card` and its ``comments``, oldest first."""
    return {**card(item), "comments": [comment(entry) for entry in comments]}


def sprint(sprint: Sprint) -> dict[str, Any]:
    return {
        "number": sprint.number,
        "board": sprint.board_key,
        "name": sprint.name,
        "goal": sprint.goal,
        "start": day(sprint.start),
        "end": day(sprint.end),
        "state": sprint.state.value,
        "length": sprint.length,
        "card_count": sprint.card_count,
        "points": sprint.points,
        "created_at": timestamp(sprint.created_at),
        "started_at": timestamp(sprint.started_at),
        "completed_at": timestamp(sprint.completed_at),
    }


REPORT_PARTS = ("committed", "added", "removed", "completed", "carried_over")


def sprint_report(report: SprintReport) -> dict[str, Any]:
    """``<part>_points``, ``<part>_count`` and ``<part>`` (card keys) for each part."""
    data: dict[str, Any] = {"number": report.number}
    for part in REPORT_PARTS:
        data[f"{part}_points"] = getattr(report, f"{part}_points")
        data[f"{part}_count"] = getattr(report, f"{part}_count")
    for part in REPORT_PARTS:
        data[part] = list(getattr(report, part))
    data.update(
        end=day(report.end),
        completed_on=day(report.completed_on),
        days_late=report.days_late,
        timing=report.timing,
    )
    return data


def sprint_with_report(item: Sprint, report: SprintReport) -> dict[str, Any]:
    """``kanban sprint report --json``: the sprint's name, goal, dates and state,
    then everything of :func:`sprint_report`."""
    data: dict[str, Any] = {
        "number": item.number,
        "board": item.board_key,
        "name": item.name,
        "goal": item.goal,
        "state": item.state.value,
        "start": day(item.start),
    }
    data.update(sprint_report(report))
    return data


def burndown(chart: Burndown) -> dict[str, Any]:
    """Lines have one value more than ``days``: value k is after k days."""
    return {
        "days": [day(item) for item in chart.days],
        "committed": chart.committed,
        "ideal": [round(value, 2) for value in chart.ideal],
        "remaining": list(chart.remaining),
        "scope": list(chart.scope),
        "added": list(chart.added),
        "removed": list(chart.removed),
        "completed": list(chart.completed),
    }


def sprint_burndown(item: Sprint, chart: Burndown) -> dict[str, Any]:
    """``kanban sprint burndown --json``: the sprint's number, then :func:`burndown`."""
    return {"number": item.number, **burndown(chart)}


def velocity(result: Velocity) -> dict[str, Any]:
    return {
        "sprints": [
            {
                "number": number,
                "name": name,
                "committed_points": committed,
                "completed_points": done,
            }
            for number, name, committed, done in zip(
                result.numbers, result.names, result.committed, result.completed, strict=True
            )
        ],
        "mean": round(result.mean, 1) if result.mean is not None else None,
    }
