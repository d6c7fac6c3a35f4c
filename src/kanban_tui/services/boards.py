"""Boards and columns."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import func
from sqlmodel import Session, col, select

from ..domain import boards as board_rules
from ..domain import validation
from ..domain.errors import InvalidInput, KeyTaken, RuleViolation
from ..domain.model import Board, Category, Column
from ..formatting import plural
from ..storage import repo
from ..storage.risk_tables import RiskRow
from ..storage.tables import BoardRow, CardRow, ColumnRow
from .context import Context


def create_board(
    ctx: Context,
    key: str,
    name: str,
    columns: Sequence[board_rules.ColumnSpec] | str | None = None,
    *,
    template: str | None = None,
) -> Board:
    """A new board with the given columns, or a template's (``kanban``,
    ``scrum``); the spec's four by default."""
    key = validation.board_key(key)
    name = validation.board_name(name)
    if template is not None or isinstance(columns, str):
        columns = board_rules.board_columns(template, columns if isinstance(columns, str) else None)
    specs = tuple(columns) if columns else board_rules.DEFAULT_COLUMNS
    board_rules.check_layout([(spec.name, spec.category) for spec in specs])
    with ctx.db.write() as session:
        if session.exec(select(BoardRow).where(BoardRow.key == key)).first():
            raise KeyTaken(f"A board with key {key} exists already.")
        row = BoardRow(key=key, name=name, created_at=ctx.now())
        session.add(row)
        session.flush()
        assert row.id is not None
        for position, spec in enumerate(specs):
            session.add(
                ColumnRow(
                    board_id=row.id,
                    name=spec.name,
                    position=position,
                    category=spec.category.value,
                    wip_limit=spec.wip_limit,
                )
            )
        ctx.log(
            session,
            row.id,
            "board",
            key,
            "created",
            name=name,
            columns=[spec.name for spec in specs],
            **({"template": template.strip().casefold()} if template else {}),
        )
        return repo.to_board(row)


def rename_board(ctx: Context, key: str, name: str) -> Board:
    """Give a board a new name; its key (and its cards' keys) stay."""
    name = validation.board_name(name)
    with ctx.db.write() as session:
        row = repo.board_row(session, validation.board_key(key))
        before = row.name
        if before == name:
            raise InvalidInput(f"Board {row.key} is called {name!r} already.")
        row.name = name
        session.add(row)
        ctx.log(session, row.id, "board", row.key, "renamed", before=before, after=name)
        return repo.to_board(row)


def delete_board(ctx: Context, key: str) -> Board:
    """Delete an empty board: no cards (archived ones count) and no risks.

    Its columns, sprints and activity log go with it; the file's other boards
    are untouched. The log belongs to the board, so no event outlives it.
    """
    with ctx.db.write() as session:
        row = repo.board_row(session, validation.board_key(key))
        _refuse_unless_empty(session, row)
        board = repo.to_board(row)
        session.delete(row)
        return board


def check_board_deletable(ctx: Context, key: str) -> Board:
    """Refuse now, as ``delete_board`` would, a board that is not empty: the
    TUI asks its question only about a board that can go. Writes nothing."""
    with ctx.db.read() as session:
        row = repo.board_row(session, validation.board_key(key))
        _refuse_unless_empty(session, row)
        return repo.to_board(row)


def _refuse_unless_empty(session: Session, row: BoardRow) -> None:
    assert row.id is not None
    cards = session.exec(
        select(func.count()).select_from(CardRow).where(CardRow.board_id == row.id)
    ).one()
    if cards:
        archived = session.exec(
            select(func.count())
            .select_from(CardRow)
            .where(CardRow.board_id == row.id, col(CardRow.archived).is_(True))
        ).one()
        also = f", {archived} of them archived" if archived else ""
        raise RuleViolation(
            f"Board {row.key} holds {plural(cards, 'card')}{also}: only an empty "
            "board can be deleted."
        )
    risks = session.exec(
        select(func.count()).select_from(RiskRow).where(RiskRow.board_id == row.id)
    ).one()
    if risks:
        raise RuleViolation(
            f"Board {row.key} holds {plural(risks, 'risk')}: only an empty board can be deleted."
        )


def list_boards(ctx: Context) -> list[Board]:
    with ctx.db.read() as session:
        return [repo.to_board(row) for row in session.exec(select(BoardRow).order_by(BoardRow.key))]


def resolve_board(ctx: Context, key: str | None, last: str | None = None) -> Board:
    """The board meant: the one named, else the only one, else the last opened."""
    return board_rules.choose_board(list_boards(ctx), key, last)


def columns(ctx: Context, board_key: str, *, counted: bool = True) -> list[Column]:
    """The board's columns in order, each with its card count. ``counted``
    False: every count 0, not read (for names, categories and limits only:
    the counts take 10-20 ms at 100,000 cards)."""
    with ctx.db.read() as session:
        board = repo.board_row(session, board_key)
        assert board.id is not None
        if not counted:
            return [repo.to_column(row) for row in repo.column_rows(session, board.id)]
        return repo.columns(session, board.id)


def add_column(
    ctx: Context,
    board_key: str,
    name: str,
    category: Category | str = Category.IN_PROGRESS,
    wip_limit: int | str | None = None,
) -> Column:
    """Add a column where its category belongs: todo after the last todo,
    in_progress before the first done column, done at the end."""
    name = validation.column_name(name)
    category = validation.category(category)
    limit = validation.wip_limit(wip_limit)
    with ctx.db.write() as session:
        board = repo.board_row(session, board_key)
        assert board.id is not None
        rows = repo.column_rows(session, board.id)
        if any(row.name.casefold() == name.casefold() for row in rows):
            raise RuleViolation(f"Board {board.key} has a column named {name!r} already.")
        order = [Category.TODO, Category.IN_PROGRESS, Category.DONE]
        index = len(rows)
        for i, row in enumerate(rows):
            if order.index(Category(row.category)) > order.index(category):
                index = i
                break
        for row in rows[index:]:
            row.position += 1
            session.add(row)
        new = ColumnRow(
            board_id=board.id,
            name=name,
            position=index,
            category=category.value,
            wip_limit=limit,
        )
        session.add(new)
        session.flush()
        ctx.log(session, board.id, "column", name, "created", category=category.value, wip=limit)
        return repo.to_column(new)


def set_wip_limit(ctx: Context, board_key: str, column: str, limit: int | str | None) -> Column:
    """Set or clear a column's WIP limit; it may go below the current count (rule 3)."""
    wip = validation.wip_limit(limit)
    with ctx.db.write() as session:
        board = repo.board_row(session, board_key)
        row = repo.column_row(session, board, column)
        before = row.wip_limit
        row.wip_limit = wip
        session.add(row)
        assert row.id is not None
        count = repo.column_count(session, row.id)
        ctx.log(session, board.id, "column", row.name, "wip_limit", before=before, after=wip)
        return repo.to_column(row, count)


def set_person_wip_limit(ctx: Context, board_key: str, limit: int | str | None) -> Board:
    """Set or clear the board's per-person WIP limit (cards in in_progress
    columns per assignee); people already over it keep their cards (rule 3)."""
    wip = validation.wip_limit(limit)
    with ctx.db.write() as session:
        board = repo.board_row(session, board_key)
        before = board.person_wip_limit
        board.person_wip_limit = wip
        session.add(board)
        ctx.log(session, board.id, "board", board.key, "person_wip_limit", before=before, after=wip)
        return repo.to_board(board)


FIRST_BOARD_KEY = "TEAM"
FIRST_BOARD_NAME = "Team board"


def open_board(ctx: Context, key: str | None, last: str | None = None) -> Board:
    """The board the TUI opens; on a database with no board, a first one is created."""
    if key is None and not list_boards(ctx):
        try:
            return create_board(ctx, FIRST_BOARD_KEY, FIRST_BOARD_NAME)
        except RuleViolation:  # another process made it at the same moment
            pass
    return resolve_board(ctx, key, last)
