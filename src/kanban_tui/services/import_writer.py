"""Writing an import plan (:mod:`..domain.import_plan`) from another tool:
the new board, its columns, sprints, cards and comments, inside the caller's
write transaction, and its one event (entity ``board``, action ``imported``,
data ``source``, ``name``, ``columns`` and the summary's counts)."""

from __future__ import annotations

from sqlmodel import Session, select

from ..domain.errors import RuleViolation
from ..domain.import_plan import BoardPlan
from ..domain.sprints import SprintState
from ..storage.tables import BoardRow, CardRow, ColumnRow, CommentRow, SprintRow
from .context import Context, iso


def taken_keys(session: Session) -> set[str]:
    """The board keys in use, which a new board's key must avoid."""
    return set(session.exec(select(BoardRow.key)).all())


def check_key_free(plan: BoardPlan, taken: set[str]) -> BoardPlan:
    if plan.key in taken:
        raise RuleViolation(
            f"A board with key {plan.key} exists already: give another with --as KEY."
        )
    return plan


def write_plan(ctx: Context, session: Session, plan: BoardPlan, source: str) -> None:
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
            archived=card.archived,
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
        source=source,
        name=plan.name,
        columns=[spec.name for spec in plan.columns],
        counts=plan.summary.counts,
    )
