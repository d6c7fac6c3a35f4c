"""Archiving cards: out of sight, kept whole; restored under the WIP rules.

An archived card keeps everything: its column, history, points and sprint
record (sprint reports and velocity still count it). It leaves the board, the
backlog and the counts that WIP limits read, and it cannot be moved, edited
or planned until it is restored. Restoring puts it back in its column, which
is an entry like any other: the column's WIP limit (and the per-person limit
for an in-progress column) refuses it unless forced with a reason.

Each card archived or restored is one event: entity ``card``, action
``archived`` (data ``column``, ``done``; ``bulk`` and ``older_than_days``
from :func:`archive_done_older_than`) or ``restored`` (data ``column``;
``forced`` and ``reason`` when forced).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlmodel import Session, col, select

from ..domain import validation
from ..domain.errors import InvalidInput, RuleViolation
from ..domain.model import Card, Category
from ..storage import repo
from ..storage.tables import BoardRow, CardRow, ColumnRow, EventRow
from .cards import _enter, _touch
from .context import Context, iso

DONE_AGE = 14
"""Days a done card waits before "Archive done cards older than 14 days" takes it."""


@dataclass(frozen=True)
class ArchivedCard:
    """An archived card and who archived it when (from its last ``archived`` event)."""

    card: Card
    at: datetime | None
    by: str | None


def _rows(session: Session, board: BoardRow, keys: list[str]) -> list[CardRow]:
    """The card rows named by ``keys`` (each once, in the order given), all on ``board``."""
    if not keys:
        raise InvalidInput("Name at least one card, e.g. WEB-12.")
    rows: list[CardRow] = []
    seen: set[int] = set()
    for key in keys:
        board_key, number = validation.parse_card_key(key)
        if board_key != board.key:
            raise InvalidInput(f"{board_key}-{number} is not a card of board {board.key}.")
        row = repo.card_row(session, board, number)
        if row.id not in seen:
            seen.add(row.id or 0)
            rows.append(row)
    return rows


def _archive(ctx: Context, session: Session, board: BoardRow, row: CardRow, **extra: Any) -> Card:
    column = session.get(ColumnRow, row.column_id)
    assert column is not None
    row.archived = True
    _touch(ctx, row)
    session.add(row)
    key = f"{board.key}-{row.number}"
    done = column.category == Category.DONE.value
    ctx.log(session, board.id, "card", key, "archived", column=column.name, done=done, **extra)
    return repo.card(session, board, row)


def archive_cards(ctx: Context, board: str, keys: list[str]) -> list[Card]:
    """Archive the cards ``keys`` of ``board``: all of them, or (one refused) none.

    A card archived already is refused ("WEB-3 is archived already.")."""
    with ctx.db.write() as session:
        board_row = repo.board_row(session, board)
        rows = _rows(session, board_row, keys)
        for row in rows:
            if row.archived:
                raise RuleViolation(f"{board_row.key}-{row.number} is archived already.")
        return [_archive(ctx, session, board_row, row) for row in rows]


def restore_cards(
    ctx: Context,
    board: str,
    keys: list[str],
    *,
    force: bool = False,
    reason: str | None = None,
) -> list[Card]:
    """Bring archived cards back to their columns: all of them, or (one refused) none.

    Each return is an entry into its column: a full column (or a person at the
    per-person limit) refuses it with :class:`~..domain.errors.WipLimitReached`
    unless ``force`` with a ``reason``, as ``card move`` does."""
    if force:
        validation.reason(reason)
    with ctx.db.write() as session:
        board_row = repo.board_row(session, board)
        rows = _rows(session, board_row, keys)
        restored = []
        for row in rows:
            key = f"{board_row.key}-{row.number}"
            if not row.archived:
                raise RuleViolation(f"{key} is not archived.")
            column = session.get(ColumnRow, row.column_id)
            assert column is not None
            forced = _enter(
                ctx, session, board_row, column, key, force, reason, row.assignee, row.id
            )
            row.archived = False
            _touch(ctx, row)
            session.add(row)
            session.flush()  # the next card's WIP count sees this one back
            data: dict[str, Any] = {"column": column.name}
            if force:
                data |= {"forced": True, "reason": reason, **forced}
            ctx.log(session, board_row.id, "card", key, "restored", **data)
            restored.append(repo.card(session, board_row, row))
        return restored


def _done_before(session: Session, board: BoardRow, cutoff: str) -> list[CardRow]:
    assert board.id is not None
    done = [
        row.id for row in repo.column_rows(session, board.id) if row.category == Category.DONE.value
    ]
    query = (
        select(CardRow)
        .where(
            CardRow.board_id == board.id,
            col(CardRow.archived).is_(False),
            col(CardRow.column_id).in_(done),
            col(CardRow.done_at).is_not(None),
            col(CardRow.done_at) <= cutoff,
        )
        .order_by(col(CardRow.done_at), col(CardRow.number))
    )
    return list(session.exec(query).all())


def _cutoff(ctx: Context, days: int) -> str:
    if isinstance(days, bool) or not isinstance(days, int) or days < 0:
        raise InvalidInput(f"Days must be a whole number of 0 or more (got {days!r}).")
    return iso(ctx.clock() - timedelta(days=days))


def done_older_than(ctx: Context, board: str, days: int) -> list[Card]:
    """The cards :func:`archive_done_older_than` would archive now (nothing written)."""
    cutoff = _cutoff(ctx, days)
    with ctx.db.read() as session:
        board_row = repo.board_row(session, board)
        return [
            repo.card(session, board_row, row) for row in _done_before(session, board_row, cutoff)
        ]


def archive_done_older_than(ctx: Context, board: str, days: int = DONE_AGE) -> list[Card]:
    """Archive, in one step, every card of a done column finished more than
    ``days`` days ago; returns them (none: an empty list, nothing written)."""
    cutoff = _cutoff(ctx, days)
    with ctx.db.write() as session:
        board_row = repo.board_row(session, board)
        return [
            _archive(ctx, session, board_row, row, bulk=True, older_than_days=days)
            for row in _done_before(session, board_row, cutoff)
        ]


def archived_cards(ctx: Context, board: str) -> list[ArchivedCard]:
    """The board's archived cards, most recently archived first."""
    with ctx.db.read() as session:
        board_row = repo.board_row(session, board)
        cards = repo.board_cards(session, board_row, archived=True)
        when: dict[str, tuple[str | None, str | None]] = {}
        for key, at, actor in session.exec(
            select(EventRow.key, EventRow.at, EventRow.actor)
            .where(
                EventRow.board_id == board_row.id,
                EventRow.entity == "card",
                EventRow.action == "archived",
            )
            .order_by(col(EventRow.id))
        ).all():
            when[key] = (at, actor)
    found = []
    for card in cards:
        stamp, by = when.get(card.key, (None, None))
        found.append(ArchivedCard(card, repo.parse_time(stamp), by))
    found.sort(key=lambda item: (item.at is None, -(item.at.timestamp() if item.at else 0)))
    return found
