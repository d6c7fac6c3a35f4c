"""Which work is ageing, and the weekly throughput (docs/metrics.md).

Reads the cards' stamps (see :mod:`.forecast`); the rules are
:mod:`..domain.ageing`.
"""

from __future__ import annotations

from datetime import date, timedelta

from sqlmodel import col, select

from ..domain import ageing as rules
from ..domain.model import Category
from ..storage import repo
from ..storage.tables import CardRow
from .context import Context
from .forecast import day_of, finished_cards


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
    """The age of every card in an in-progress column (archived cards aside)."""
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
        rows = session.exec(
            select(CardRow.number, CardRow.title, CardRow.column_id, CardRow.started_at).where(
                CardRow.board_id == board.id,
                col(CardRow.column_id).in_(list(ids)),
                col(CardRow.archived).is_(False),
            )
        ).all()
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
    )


def throughput(ctx: Context, board_key: str, weeks: int = rules.HISTORY_WEEKS) -> rules.Throughput:
    """Cards finished in each of the last ``weeks`` weeks, oldest first."""
    today = ctx.today()
    with ctx.db.read() as session:
        found = finished_cards(
            session, repo.board_row(session, board_key), today - timedelta(weeks=weeks)
        )
    return rules.weekly_throughput((item.done for item in found), today, weeks)
