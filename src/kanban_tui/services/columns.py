"""Tidying a board's columns: rename, reorder, delete, set the category.

Adding a column and setting its WIP limit are in :mod:`.boards`. Each
function is one user action: one transaction, one event in the activity log.
Events name columns, so the reports replay a rename (``column renamed``)
and a delete that moved cards (``column deleted`` with ``moved_to``) to
follow a column's history (see :mod:`.flow`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlmodel import Session, col, select

from ..domain import boards as board_rules
from ..domain import validation, wip
from ..domain.errors import InvalidInput, PersonWipLimitReached, Unchanged
from ..domain.model import Category, Column
from ..storage import repo
from ..storage.tables import BoardRow, CardRow, ColumnRow
from . import person_wip
from .card_rows import restamp, touch
from .context import Context


@dataclass(frozen=True, slots=True)
class ColumnRemoval:
    """What :func:`delete_column` did."""

    board: str
    column: str
    moved_to: str | None
    """The column the cards went to (None: the column was empty)."""
    cards: tuple[str, ...]
    """The keys of the cards moved, in rank order (archived ones included)."""
    forced: bool = False


def _board_and_column(session: Session, board_key: str, name: str) -> tuple[BoardRow, ColumnRow]:
    board = repo.board_row(session, board_key)
    return board, repo.column_row(session, board, name)


def _cards_of(session: Session, column: ColumnRow) -> list[CardRow]:
    """Every card standing in ``column``, archived ones too, in rank order."""
    query = (
        select(CardRow)
        .where(CardRow.column_id == column.id)
        .order_by(col(CardRow.rank), col(CardRow.id))
    )
    return list(session.exec(query).all())


def rename_column(ctx: Context, board_key: str, column: str, new_name: str) -> Column:
    """Rename a column; its cards, limit and category stay."""
    name = validation.column_name(new_name)
    with ctx.db.write() as session:
        board, row = _board_and_column(session, board_key, column)
        assert board.id is not None and row.id is not None
        before = row.name
        if before == name:
            raise InvalidInput(f"The column is called {name!r} already.")
        names = [other.name for other in repo.column_rows(session, board.id)]
        board_rules.check_rename(names, before, name)
        row.name = name
        session.add(row)
        ctx.log(session, board.id, "column", name, "renamed", before=before, after=name)
        return repo.to_column(row, repo.column_count(session, row.id))


def move_column(ctx: Context, board_key: str, column: str, where: str | int) -> Column:
    """Move a column ``left``, ``right`` or to a 1-based position."""
    with ctx.db.write() as session:
        board, row = _board_and_column(session, board_key, column)
        assert board.id is not None and row.id is not None
        rows = repo.column_rows(session, board.id)
        current = next(i for i, other in enumerate(rows) if other.id == row.id)
        target = board_rules.position(str(where), current, len(rows), row.name)
        rows.insert(target, rows.pop(current))
        for index, other in enumerate(rows):
            if other.position != index:
                other.position = index
                session.add(other)
        ctx.log(
            session,
            board.id,
            "column",
            row.name,
            "moved",
            before=current + 1,
            after=target + 1,
            order=[other.name for other in rows],
        )
        return repo.to_column(row, repo.column_count(session, row.id))


def set_column_category(
    ctx: Context, board_key: str, column: str, category: Category | str
) -> Column:
    """Set the state group a column counts as (todo, in_progress, done).

    The board keeps a todo and a done column. Its cards take the stamps of
    entering the new category, as a move would give them: the reports and
    due marks then read them as started or done.
    """
    wanted = validation.category(category)
    with ctx.db.write() as session:
        board, row = _board_and_column(session, board_key, column)
        assert board.id is not None and row.id is not None
        before = Category(row.category)
        if before is wanted:
            raise Unchanged(
                f"{row.name} is already {board_rules.a_category(wanted)} column; nothing changed."
            )
        layout = [
            (other.name, wanted if other.id == row.id else Category(other.category))
            for other in repo.column_rows(session, board.id)
        ]
        board_rules.check_layout(layout)
        row.category = wanted.value
        session.add(row)
        now = ctx.clock()
        for card in _cards_of(session, row):
            restamp(card, wanted, now)
            session.add(card)
        change = {"before": before.value, "after": wanted.value}
        ctx.log(session, board.id, "column", row.name, "category", **change)
        return repo.to_column(row, repo.column_count(session, row.id))


def delete_column(
    ctx: Context,
    board_key: str,
    column: str,
    *,
    move_cards_to: str | None = None,
    force: bool = False,
    reason: str | None = None,
) -> ColumnRemoval:
    """Delete a column. One holding cards (archived ones too) needs a target
    column: they move there in rank order, under its WIP limit unless forced
    with a reason. One event, the moved cards in its data."""
    if force:
        validation.reason(reason)
    with ctx.db.write() as session:
        board, row = _board_and_column(session, board_key, column)
        assert board.id is not None and row.id is not None
        rows = repo.column_rows(session, board.id)
        layout = [(other.name, Category(other.category)) for other in rows]
        board_rules.check_removal(layout, row.name)
        cards = _cards_of(session, row)
        target: ColumnRow | None = None
        if move_cards_to is not None:
            target = repo.column_row(session, board, move_cards_to)
            if target.id == row.id:
                raise InvalidInput(
                    f"The cards of {row.name} cannot move to {row.name}, the column being "
                    "deleted: name another column."
                )
        if cards and target is None:
            names = ", ".join(other.name for other in rows if other.id != row.id)
            archived = sum(1 for card in cards if card.archived)
            raise board_rules.ColumnHoldsCards(
                f"{row.name} holds {board_rules.held(len(cards) - archived, archived)}: "
                f"say where they go (one of {names})."
            )
        keys = tuple(f"{board.key}-{card.number}" for card in cards)
        data: dict[str, Any] = {
            "category": row.category,
            "wip": row.wip_limit,
            "position": row.position + 1,
        }
        if target is not None and cards:
            moving = _Emptying(board, row, target, cards, force, reason)
            data.update(_move_all(ctx, session, moving))
            data["cards"] = list(keys)
        session.delete(row)
        session.flush()
        for index, other in enumerate(repo.column_rows(session, board.id)):
            if other.position != index:
                other.position = index
                session.add(other)
        ctx.log(session, board.id, "column", row.name, "deleted", **data)
        return ColumnRemoval(
            board.key,
            row.name,
            target.name if target is not None and cards else None,
            keys,
            "forced" in data,
        )


@dataclass(frozen=True, slots=True)
class _Emptying:
    """A deleted column's cards on their way to ``target``, forced or not."""

    board: BoardRow
    source: ColumnRow
    target: ColumnRow
    cards: list[CardRow]
    force: bool
    reason: str | None


def _move_all(ctx: Context, session: Session, moving: _Emptying) -> dict[str, Any]:
    """Move a deleted column's cards into its target (WIP rules 1, 4 and 6);
    their ranks stay, so they keep their order. Returns the event's data."""
    target, cards = moving.target, moving.cards
    assert target.id is not None
    count = repo.column_count(session, target.id)
    entering = sum(1 for card in cards if not card.archived)
    data: dict[str, Any] = {"moved_to": target.name}
    if wip.entries_breach(count, entering, target.wip_limit):
        if not moving.force:
            wip.check_entries(target.name, count, entering, target.wip_limit)
        data.update(
            forced=True,
            reason=validation.reason(moving.reason),
            count=count + entering,
            limit=target.wip_limit,
        )
    data.update(_people_over(session, moving))
    now = ctx.clock()
    category = Category(target.category)
    for card in cards:
        restamp(card, category, now)
        card.column_id = target.id
        touch(ctx, card)
        session.add(card)
    session.flush()
    return data


def _people_over(session: Session, moving: _Emptying) -> dict[str, Any]:
    """WIP rule 6 for cards that start in-progress work by the move: refused
    when their assignee would go over the per-person limit, unless forced."""
    board, cards = moving.board, moving.cards
    limit = board.person_wip_limit
    starting = (
        moving.target.category == Category.IN_PROGRESS.value
        and moving.source.category != Category.IN_PROGRESS.value
    )
    if limit is None or not starting:
        return {}
    taking: dict[str, int] = {}
    for card in cards:
        if card.assignee and not card.archived:
            taking[card.assignee] = taking.get(card.assignee, 0) + 1
    over = {}
    for person, count in sorted(taking.items()):
        now = person_wip.in_progress_count(session, board, person, None)
        if now + count > limit:
            if not moving.force:
                raise PersonWipLimitReached(person, now, limit)
            over[person] = now + count
    if not over:
        return {}
    return {"forced": True, "reason": validation.reason(moving.reason), "people_over": over}
