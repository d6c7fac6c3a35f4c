"""Queries that turn rows into domain objects (and find rows by their names)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date, datetime
from typing import Any, Protocol, TypeVar

from sqlalchemy import func
from sqlmodel import Session, col, select

from ..domain.errors import ColumnNotFound, InvalidInput, NotFound
from ..domain.model import Board, Card, CardType, Category, Column, Comment, Priority
from .tables import BoardRow, CardRow, ColumnRow, CommentRow, SprintRow


def parse_time(value: str | None) -> datetime | None:
    """A stored time; None for none, and for text that is no time (a row
    damaged by hand, ``2026-02-30``): the row still shows, without it,
    rather than failing the whole read."""
    if not value:
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        return None


def parse_day(value: str | None) -> date | None:
    """A stored day (``2026-11-25``); None for none."""
    return date.fromisoformat(value) if value else None


def to_board(row: BoardRow) -> Board:
    assert row.id is not None
    return Board(id=row.id, key=row.key, name=row.name, person_wip_limit=row.person_wip_limit)


def board_row(session: Session, key: str) -> BoardRow:
    row = session.exec(select(BoardRow).where(BoardRow.key == key.upper())).first()
    if row is None:
        raise NotFound(f"No board {key!r}.")
    return row


def counts(session: Session, board_id: int) -> dict[int, int]:
    """Non-archived cards per column id (one GROUP BY)."""
    query = counts_query(board_id)
    return {column_id: number for column_id, number in session.exec(query).all()}


def counts_query(board_id: int) -> Any:
    """The select of :func:`counts`: by the columns' index alone (it holds the
    column and ``archived``); the board's index would read every card's row
    for its column (30 ms against 9 at 100,000 cards)."""
    ids = select(ColumnRow.id).where(ColumnRow.board_id == board_id)
    return (
        select(CardRow.column_id, func.count())
        .where(col(CardRow.column_id).in_(ids), col(CardRow.archived).is_(False))
        .group_by(col(CardRow.column_id))
    )


def column_count(session: Session, column_id: int) -> int:
    query = select(func.count()).where(
        CardRow.column_id == column_id, col(CardRow.archived).is_(False)
    )
    return session.exec(query).one()


def to_column(row: ColumnRow, count: int = 0) -> Column:
    assert row.id is not None
    return Column(
        id=row.id,
        board_id=row.board_id,
        name=row.name,
        position=row.position,
        category=Category(row.category),
        wip_limit=row.wip_limit,
        policy=row.policy,
        count=count,
    )


def column_rows(session: Session, board_id: int) -> list[ColumnRow]:
    query = (
        select(ColumnRow).where(ColumnRow.board_id == board_id).order_by(col(ColumnRow.position))
    )
    return list(session.exec(query).all())


def columns(session: Session, board_id: int) -> list[Column]:
    numbers = counts(session, board_id)
    rows = column_rows(session, board_id)
    return [to_column(row, numbers.get(row.id or 0, 0)) for row in rows]


def column_row(session: Session, board: BoardRow, name: str) -> ColumnRow:
    """A column by name, case-insensitively, as a person types it."""
    assert board.id is not None
    if not name.strip():
        raise InvalidInput("Column name must not be empty.")
    rows = column_rows(session, board.id)
    for row in rows:
        if row.name.casefold() == name.strip().casefold():
            return row
    names = ", ".join(row.name for row in rows)
    raise ColumnNotFound(f"No column {name!r} on board {board.key}; columns are: {names}.", name)


def card_row(session: Session, board: BoardRow, number: int) -> CardRow:
    return numbered_row(session, CardRow, board, number, f"No card {board.key}-{number}.")


class _Numbered(Protocol):
    """A row a board numbers: a card, a sprint, a risk."""

    board_id: int
    number: int


Numbered = TypeVar("Numbered", bound=_Numbered)


def numbered_row(
    session: Session, table: type[Numbered], board: BoardRow, number: int, missing: str
) -> Numbered:
    """The row of ``table`` that ``board`` numbers ``number``; ``missing`` is
    the sentence of the NotFound when there is none."""
    row = session.exec(
        select(table).where(table.board_id == board.id, table.number == number)
    ).first()
    if row is None:
        raise NotFound(missing)
    return row


def to_card(row: Any, board_key: str, column: str, sprint: int | None) -> Card:
    """The domain card of a row: an ORM row, or a Core row of the whole table."""
    assert row.id is not None
    return _card_of([getattr(row, name) for name in _CARD_FIELDS], board_key, column, sprint)


def card(session: Session, board: BoardRow, row: CardRow) -> Card:
    """The full domain card for a row, with its column name and sprint number."""
    column = session.get(ColumnRow, row.column_id)
    assert column is not None
    sprint = session.get(SprintRow, row.sprint_id) if row.sprint_id else None
    return to_card(row, board.key, column.name, sprint.number if sprint else None)


def board_cards(session: Session, board: BoardRow, *, archived: bool | None = False) -> list[Card]:
    """A board's cards in rank order (``archived``: see :func:`board_cards_query`).

    Reads plain rows rather than ORM objects: at 10,000 cards that is the
    difference between tens and hundreds of milliseconds.
    """
    assert board.id is not None
    return query_cards(session, board_cards_query(board.id, archived=archived), board.id, board.key)


def board_cards_query(
    board_id: int,
    *,
    column_id: int | None = None,
    assignee: str | None = None,
    sprint_id: int | None = None,
    unassigned: bool = False,
    archived: bool | None = False,
    limit: int | None = None,
    offset: int = 0,
) -> Any:
    """A board's cards (all of a card's columns) in rank order: the non-archived
    ones, optionally narrowed (``unassigned``: only cards without an assignee;
    ``archived``: True, only the archived ones; None, both); ``offset``
    skipped, at most ``limit``."""
    table: Any = CardRow.__table__  # type: ignore[attr-defined]
    # A sprint is one board's: its cards are found by its id, through the
    # sprints' index, not by walking the whole board's.
    query = select(table).where(
        table.c.sprint_id == sprint_id if sprint_id is not None else table.c.board_id == board_id
    )
    if archived is not None:
        query = query.where(table.c.archived == archived)
    if column_id is not None:
        query = query.where(table.c.column_id == column_id)
    if assignee is not None:
        query = query.where(table.c.assignee == assignee)
    if unassigned:
        query = query.where(table.c.assignee.is_(None))
    query = query.order_by(table.c.rank, table.c.id)
    if limit is not None:
        query = query.limit(limit)
    return query.offset(offset) if offset else query


def column_names(session: Session, board_id: int) -> dict[int | None, str]:
    """``{column id: name}`` of a board's columns."""
    return {row.id: row.name for row in column_rows(session, board_id)}


def sprint_numbers(session: Session, board_id: int) -> dict[int, int]:
    """``{sprint id: number}`` of a board's sprints."""
    query = select(SprintRow.id, SprintRow.number).where(SprintRow.board_id == board_id)
    return dict(session.execute(query).all())  # type: ignore[arg-type]


_CARD_FIELDS = [
    "id",
    "number",
    "title",
    "column_id",
    "rank",
    "type",
    "priority",
    "points",
    "assignee",
    "labels",
    "due",
    "blocked",
    "description",
    "sprint_id",
    "archived",
    "version",
    "created_at",
    "updated_at",
    "started_at",
    "done_at",
    "updated_by",
]
_TYPES = {kind.value: kind for kind in CardType}
_PRIORITIES = {level.value: level for level in Priority}


def query_cards(session: Session, query: Any, board_id: int, board_key: str) -> list[Card]:
    """The cards ``query`` selects of one board, built from plain tuples (by
    position, not by name: Row attribute access is most of the cost at 10,000
    cards), with their column names and sprint numbers."""
    names, sprints = column_names(session, board_id), sprint_numbers(session, board_id)
    table: Any = CardRow.__table__  # type: ignore[attr-defined]
    query = query.with_only_columns(*(table.c[name] for name in _CARD_FIELDS))
    column_at, sprint_at = _CARD_FIELDS.index("column_id"), _CARD_FIELDS.index("sprint_id")
    cards = []
    for values in session.execute(query):
        sprint_id = values[sprint_at]
        sprint = sprints.get(sprint_id) if sprint_id is not None else None
        cards.append(_card_of(values, board_key, names[values[column_at]], sprint))
    return cards


def _card_of(values: Sequence[Any], board_key: str, column: str, sprint: int | None) -> Card:
    """The domain card of a card's stored values, in ``_CARD_FIELDS`` order."""
    (
        id_,
        number,
        title,
        column_id,
        rank,
        type_,
        priority,
        points,
        assignee,
        labels,
        due,
        blocked,
        description,
        _sprint_id,
        archived,
        version,
        created_at,
        updated_at,
        started_at,
        done_at,
        updated_by,
    ) = values
    return Card(
        id=id_,
        board_key=board_key,
        number=number,
        title=title,
        column_id=column_id,
        column=column,
        rank=rank,
        type=_TYPES[type_],
        priority=_PRIORITIES[priority],
        points=points,
        assignee=assignee,
        labels=tuple(labels.split()),
        due=parse_day(due),
        blocked=blocked,
        description=description,
        sprint=sprint,
        archived=archived,
        version=version,
        created_at=parse_time(created_at),
        updated_at=parse_time(updated_at),
        started_at=parse_time(started_at),
        done_at=parse_time(done_at),
        updated_by=updated_by,
    )


def comments(session: Session, card_key: str, card_id: int) -> list[Comment]:
    """A card's comments, oldest first (the order they are read in)."""
    rows = session.exec(
        select(CommentRow).where(CommentRow.card_id == card_id).order_by(col(CommentRow.id))
    ).all()
    return [to_comment(row, card_key) for row in rows]


def to_comment(row: CommentRow, card_key: str) -> Comment:
    assert row.id is not None
    at = parse_time(row.at)
    assert at is not None
    return Comment(id=row.id, card_key=card_key, author=row.author, at=at, text=row.text)


def stream_rows(session: Session, query: Any, batch: int = 1000) -> Iterator[Any]:
    """The rows of ``query`` as they are read, as plain tuples: on a server
    through a server-side cursor (``yield_per``); from a file straight from
    the driver's cursor, which steps through the result as it is read
    (SQLAlchemy's wrapping of each row was a tenth of ``card list --json``
    at 100,000 cards)."""
    connection = session.connection()
    if connection.dialect.name != "sqlite":
        yield from connection.execute(query.execution_options(yield_per=batch))
        return
    compiled = query.compile(
        dialect=connection.dialect, compile_kwargs={"render_postcompile": True}
    )
    params = [compiled.params[name] for name in compiled.positiontup or ()]
    driver = connection.connection.dbapi_connection
    assert driver is not None
    cursor = driver.cursor()
    try:
        cursor.execute(compiled.string, params)
        while rows := cursor.fetchmany(batch):
            yield from rows
    finally:
        cursor.close()
