"""Import a Jira CSV export as a new board, in one write transaction.

The reading is :mod:`..domain.jira_csv`, the fitting to this product's rules
:mod:`..domain.jira_plan`; this writes the plan the way
:mod:`.import_trello` does. Its events: entity ``board``, action ``imported``
(data ``source`` ``jira``, ``name``, ``columns`` and the summary's counts),
logged last, after each completed sprint's ``started`` and ``completed``
events: undo meets the import first, where a board's history begins, and
has nothing to take back (it never names "completing Sprint 1").

A completed sprint is written as completing it would leave it: its inferred
dates, the scope a start snapshots and the report completion freezes
(:func:`write_sprint_history`), so the sprint reports and velocity show it.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from sqlmodel import Session, col, select

from ..domain.import_plan import BoardPlan
from ..domain.import_summary import ImportSummary
from ..domain.jira_csv import JiraExport, check_date_format, parse_csv
from ..domain.jira_plan import plan_export
from ..domain.sprints import sprint_key
from ..storage.tables import BoardRow, SprintRow
from .context import Context, iso
from .import_writer import check_key_free, import_plan


def import_jira(
    ctx: Context,
    text: str,
    *,
    key: str | None = None,
    date_format: str | None = None,
    dry_run: bool = False,
) -> ImportSummary:
    """Make a new board from ``text``, a Jira CSV export.

    ``key`` is the new board's key (the Jira project key, else one made from
    the project name, when None). A dry run writes nothing and says what an
    import would make.
    """
    if date_format is not None:
        check_date_format(date_format)
    export = parse_csv(text)
    return import_plan(
        ctx,
        lambda taken: _plan(ctx, export, key, date_format, taken),
        "jira",
        dry_run=dry_run,
        after=lambda session, plan: write_sprint_history(ctx, session, plan),
    )


def preview_jira(
    text: str, *, key: str | None = None, date_format: str | None = None
) -> ImportSummary:
    """What :func:`import_jira` would make in a database without boards."""
    if date_format is not None:
        check_date_format(date_format)
    plan = plan_export(
        parse_csv(text), key=key, taken=(), now=datetime.now(UTC), date_format=date_format
    )
    plan.summary.dry_run = True
    return plan.summary


def _plan(
    ctx: Context, export: JiraExport, key: str | None, date_format: str | None, taken: set[str]
) -> BoardPlan:
    plan = plan_export(export, key=key, taken=taken, now=ctx.clock(), date_format=date_format)
    return check_key_free(plan, taken)


def write_sprint_history(ctx: Context, session: Session, plan: BoardPlan) -> None:
    """Give the sprints :func:`.import_writer.write_plan` just wrote for ``plan``
    the dates, committed scope and frozen report their plan holds, and log
    their ``started`` and ``completed`` events as a start and a completion do
    (data ``source`` ``jira``): a burndown replays the log between the two, so
    later changes to the cards never show in an imported sprint's chart."""
    board_id = session.exec(select(BoardRow.id).where(BoardRow.key == plan.key)).one()
    rows = session.exec(
        select(SprintRow).where(SprintRow.board_id == board_id).order_by(col(SprintRow.number))
    ).all()
    for row, sprint in zip(rows, plan.sprints, strict=True):
        if sprint.report is None or sprint.start is None or sprint.end is None:
            continue
        row.start, row.end = sprint.start.isoformat(), sprint.end.isoformat()
        row.started_at = iso(sprint.started_at) if sprint.started_at else row.started_at
        row.completed_at = iso(sprint.completed_at) if sprint.completed_at else row.completed_at
        scope: list[dict[str, Any]] = [
            {"key": item.key, "points": item.points, "done": item.done} for item in sprint.committed
        ]
        row.committed = json.dumps(scope)
        row.report = json.dumps(sprint.report.to_dict())
        session.add(row)
        key = sprint_key(plan.key, row.number)
        ctx.log(
            session,
            board_id,
            "sprint",
            key,
            "started",
            source="jira",
            goal=row.goal,
            start=row.start,
            end=row.end,
            committed_points=sum(item.points or 0 for item in sprint.committed),
            committed_count=len(sprint.committed),
        )
        frozen = sprint.report.to_dict()
        ctx.log(session, board_id, "sprint", key, "completed", source="jira", **frozen)
    session.flush()
