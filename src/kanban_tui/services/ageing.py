"""Which work is ageing, and the weekly throughput (docs/metrics.md).

Reads the cards' stamps (see :mod:`.forecast`); the rules are
:mod:`..domain.ageing`.
"""

from __future__ import annotations

from datetime import date, timedelta

from sqlmodel import col, func, select

from ..domain import ageing as rules
from ..domain.model import Category
from ..storage import repo
from ..storage.tables import CardRow
from .context import Context
from .forecast import day_of, finished_cards

SHOWN = 200
"""In-progress cards per column the Ageing view reads, the oldest."""


def _since(today: date) -> date:
    """The first day the percentile lines read."""
    return today - timedelta(weeks=rules.HISTORY_WEEKS)


def age_lines(ctx: Context, board_key: str) -> rules.Lines:
    """The board's 50th/85th percentile cycle times of the last 12 weeks
    (no lines with fewer than 10 finished cards)."""
    today = ctx.today()
    with ctx.db.read() as session:
        found = finished_cards(session, repo.board_row(session, board_key), _since(today))
    return rules.percentile_lines(((item.started, item.done) for item in found), today)


def ageing(ctx: Context, board_key: str) -> rules.Ageing:
    """The age of the cards in the in-progress columns, the oldest :data:`SHOWN` of
    each (archived cards aside), and how many there are."""
    today = ctx.today()
    with ctx.db.read() as session:
        board = repo.board_row(session, board_key)
        assert board.id is not None
        columns = [
            row
            for row in repo.column_rows(session, board.id)
            if row.category == Category.IN_PROGRESS.value
        ]
        ids = {row.id: row.name for row in columns}
        rows: list[tuple[int, str, int, str | None]] = []
        total = 0
        for column_id in ids:
            # The oldest first, a chart's worth: a long column is counted, not all read.
            in_column = (CardRow.column_id == column_id, col(CardRow.archived).is_(False))
            rows += session.exec(
                select(CardRow.number, CardRow.title, CardRow.column_id, CardRow.started_at)
                .where(*in_column)
                .order_by(
                    col(CardRow.started_at).is_(None), col(CardRow.started_at), col(CardRow.number)
                )
                .limit(SHOWN)
            ).all()
            total += session.exec(select(func.count()).where(*in_column)).one()
        finished = finished_cards(session, board, _since(today))
        prefix = board.key
    lines = rules.percentile_lines(((item.started, item.done) for item in finished), today)
    order = {row.id: index for index, row in enumerate(columns)}
    aged = []
    for number, title, column_id, started in rows:
        day = day_of(started) or today
        age = rules.age_days(day, today)
        aged.append((order[column_id], -age, number, title, ids[column_id], age))
    aged.sort()
    return rules.Ageing(
        tuple(row.name for row in columns),
        tuple(
            rules.AgedCard(f"{prefix}-{number}", title, name, age, lines.stale(age))
            for _, _, number, title, name, age in aged
        ),
        lines,
        today,
        total,
    )


def throughput(ctx: Context, board_key: str, weeks: int = rules.HISTORY_WEEKS) -> rules.Throughput:
    """Cards finished in each of the last ``weeks`` weeks, oldest first."""
    today = ctx.today()
    with ctx.db.read() as session:
        found = finished_cards(
            session, repo.board_row(session, board_key), today - timedelta(weeks=weeks)
        )
    return rules.weekly_throughput((item.done for item in found), today, weeks)
