"""Import a Jira CSV export as a new board, in one write transaction.

The reading is :mod:`..domain.jira_csv`, the fitting to this product's rules
:mod:`..domain.jira_plan`; this writes the plan the way
:mod:`.import_trello` does. One event: entity ``board``, action ``imported``
(data ``source`` ``jira``, ``name``, ``columns`` and the summary's counts).
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlmodel import Session, select

from ..domain.errors import RuleViolation
from ..domain.import_summary import ImportSummary
from ..domain.jira_csv import JiraExport, parse_csv
from ..domain.jira_plan import JiraPlan, plan_export
from ..domain.sprints import SprintState
from ..storage.tables import BoardRow, CardRow, ColumnRow, CommentRow, SprintRow
from .context import Context, iso


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
    export = parse_csv(text)
    if dry_run:
        with ctx.db.read() as session:
            taken = set(session.exec(select(BoardRow.key)).all())
        summary = _plan(ctx, export, key, date_format, taken).summary
        summary.dry_run = True
        return summary
    with ctx.db.write() as session:
        taken = set(session.exec(select(BoardRow.key)).all())
        plan = _plan(ctx, export, key, date_format, taken)
        _write(ctx, session, plan)
        return plan.summary


def preview_jira(
    text: str, *, key: str | None = None, date_format: str | None = None
) -> ImportSummary:
    """What :func:`import_jira` would make in a database without boards."""
    plan = plan_export(
        parse_csv(text), key=key, taken=(), now=datetime.now(UTC), date_format=date_format
    )
    plan.summary.dry_run = True
    return plan.summary


def _plan(
    ctx: Context, export: JiraExport, key: str | None, date_format: str | None, taken: set[str]
) -> JiraPlan:
    plan = plan_export(export, key=key, taken=taken, now=ctx.clock(), date_format=date_format)
    if plan.key in taken:
        raise RuleViolation(
            f"A board with key {plan.key} exists already: give another with --as KEY."
        )
    return plan


def _write(ctx: Context, session: Session, plan: JiraPlan) -> None:
    now = ctx.now()
    top = max((card.number for card in plan.cards), default=0)
    row = BoardRow(
        key=plan.key,
        name=plan.name,
        created_at=now,
        next_card=top + 1,
        next_sprint=len(plan.sprints) + 1,
    )
    session.add(row)
    session.flush()
    assert row.id is not None
    column_ids = []
    for position, spec in enumerate(plan.columns):
        column = ColumnRow(
            board_id=row.id, name=spec.name, position=position, category=spec.category.value
        )
        session.add(column)
        session.flush()
        assert column.id is not None
        column_ids.append(column.id)
    sprint_ids = []
    for number, sprint in enumerate(plan.sprints, start=1):
        state = SprintState.COMPLETED if sprint.completed else SprintState.PLANNED
        sprint_row = SprintRow(
            board_id=row.id,
            number=number,
            name=sprint.name,
            state=state.value,
            created_at=now,
            started_at=now if sprint.completed else None,
            completed_at=now if sprint.completed else None,
        )
        session.add(sprint_row)
        session.flush()
        assert sprint_row.id is not None
        sprint_ids.append(sprint_row.id)
    for card in plan.cards:
        card_row = CardRow(
            board_id=row.id,
            number=card.number,
            title=card.title,
            description=card.description,
            type=card.type.value,
            priority=card.priority.value,
            points=card.points,
            assignee=card.assignee,
            labels=" ".join(card.labels),
            due=card.due.isoformat() if card.due else None,
            column_id=column_ids[card.column],
            rank=card.rank,
            sprint_id=sprint_ids[card.sprint] if card.sprint is not None else None,
            created_at=iso(card.created_at) if card.created_at else now,
            updated_at=iso(card.updated_at) if card.updated_at else now,
            updated_by=ctx.actor,
            started_at=iso(card.started_at) if card.started_at else None,
            done_at=iso(card.done_at) if card.done_at else None,
        )
        session.add(card_row)
        session.flush()
        assert card_row.id is not None
        for comment in card.comments:
            session.add(
                CommentRow(
                    card_id=card_row.id,
                    author=comment.author,
                    at=iso(comment.at),
                    text=comment.text,
                )
            )
    ctx.log(
        session,
        row.id,
        "board",
        plan.key,
        "imported",
        source="jira",
        name=plan.name,
        columns=[spec.name for spec in plan.columns],
        counts=plan.summary.counts,
    )
