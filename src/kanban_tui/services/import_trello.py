"""Import a Trello board JSON export as a new board, in one write transaction.

The reading is :mod:`..domain.trello`, the fitting to this product's rules
:mod:`..domain.trello_plan`; this writes the plan. One event: entity
``board``, action ``imported`` (data ``source``, ``name``, ``columns`` and
the summary's counts).
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlmodel import Session, select

from ..domain.errors import RuleViolation
from ..domain.import_summary import ImportSummary
from ..domain.trello import TrelloBoard, parse_board
from ..domain.trello_plan import BoardPlan, plan_board
from ..storage.tables import BoardRow, CardRow, ColumnRow, CommentRow
from .context import Context, iso


def import_trello(
    ctx: Context,
    data: object,
    *,
    key: str | None = None,
    name: str | None = None,
    dry_run: bool = False,
) -> ImportSummary:
    """Make a new board from ``data``, a parsed Trello board export.

    ``key`` is the new board's key (taken from the board's name when None)
    and ``name`` its name (the Trello board's by default). A dry run writes
    nothing and says what an import would make. Anything that is not a board
    export is refused with one sentence, and nothing is written.
    """
    board = parse_board(data)
    if dry_run:
        with ctx.db.read() as session:
            taken = set(session.exec(select(BoardRow.key)).all())
        summary = _plan(ctx, board, key, name, taken).summary
        summary.dry_run = True
        return summary
    with ctx.db.write() as session:
        taken = set(session.exec(select(BoardRow.key)).all())
        plan = _plan(ctx, board, key, name, taken)
        _write(ctx, session, plan)
        return plan.summary


def preview_trello(
    data: object, *, key: str | None = None, name: str | None = None
) -> ImportSummary:
    """What :func:`import_trello` would make in a database without boards (a dry run
    that needs no file)."""
    summary = plan_board(
        parse_board(data), key=key, name=name, taken=(), now=datetime.now(UTC)
    ).summary
    summary.dry_run = True
    return summary


def _plan(
    ctx: Context, board: TrelloBoard, key: str | None, name: str | None, taken: set[str]
) -> BoardPlan:
    plan = plan_board(board, key=key, name=name, taken=taken, now=ctx.clock())
    if plan.key in taken:
        raise RuleViolation(
            f"A board with key {plan.key} exists already: give another with --as KEY."
        )
    return plan


def _write(ctx: Context, session: Session, plan: BoardPlan) -> None:
    now = ctx.now()
    top = max((card.number for card in plan.cards), default=0)
    row = BoardRow(key=plan.key, name=plan.name, created_at=now, next_card=top + 1)
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
    for card in plan.cards:
        card_row = CardRow(
            board_id=row.id,
            number=card.number,
            title=card.title,
            description=card.description,
            assignee=card.assignee,
            labels=" ".join(card.labels),
            due=card.due.isoformat() if card.due else None,
            column_id=column_ids[card.column],
            rank=card.rank,
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
        source="trello",
        name=plan.name,
        columns=[spec.name for spec in plan.columns],
        counts=plan.summary.counts,
    )
