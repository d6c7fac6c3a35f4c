"""What the Board reads: each column's counts and points, and pages of its cards.

A board of 100,000 cards opens as fast as an empty one because the first
paint reads only what it shows: the counts, points and WIP state of every
column from one ``GROUP BY``, and each column's first page of cards in rank
order. More pages come as the person scrolls, by keyset on ``(rank, id)``
(after the last card held, or before the first one), never by skipping rows;
``G`` reads the last page backwards. Only a jump into the middle of a long
column (the scrollbar dragged) says where by a row number
(:func:`page_at`).

The ``/`` filter runs here too, in SQL (:func:`filter_clause`): the same
answers as :meth:`~..domain.card_filter.Filter.matches`, which a test holds
them to. Every read takes the filter; an inactive one narrows nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from sqlalchemy import (
    LargeBinary,
    String,
    and_,
    cast,
    func,
    literal,
    not_,
    or_,
    select,
    tuple_,
)
from sqlalchemy.sql import ColumnElement
from sqlmodel import Session

from ..domain import people as people_rules
from ..domain.card_filter import Filter
from ..domain.due import SOON_DAYS, WEEK_DAYS
from ..domain.model import Board, Card, Column
from ..storage import card_pages, repo
from ..storage import sprint_repo as srepo
from ..storage.card_pages import Position
from ..storage.tables import BoardRow, CardRow
from .context import Context

PAGE = 60
"""Cards a page holds: a tall terminal's column of compact cards, and a margin."""

_CARD: Any = CardRow.__table__  # type: ignore[attr-defined]


@dataclass(frozen=True)
class Totals:
    """Per column id: its cards (``counts``, what WIP limits count), their
    ``points``, and ``shown``, those that pass the filter (None: no filter)."""

    counts: dict[int, int]
    points: dict[int, int]
    shown: dict[int, int] | None = None


@dataclass(frozen=True)
class Page:
    """Cards of one column, ``start`` the index of the first in the column's
    (filtered) list."""

    start: int
    cards: list[Card]


@dataclass(frozen=True)
class BoardPages:
    """The first paint: the board, its columns, their totals, each one's first page."""

    board: Board
    columns: list[Column]
    totals: Totals
    pages: dict[int, Page]


# -- the filter, in SQL -----------------------------------------------------------
def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _like(value: Any, pattern: str) -> ColumnElement[bool]:
    return value.like(pattern, escape="\\")


def _casefold(text: str | None) -> str | None:
    return text.casefold() if text is not None else None


def _folded_contains(session: Session, value: Any, word: str) -> ColumnElement[bool]:
    """Whether ``value.casefold()`` holds ``word`` (casefolded already).

    SQLite's LIKE ignores the case of ASCII letters only: a title it matches
    matches (its other letters equal the folded word's); one with letters past
    ASCII is also matched through Python's ``casefold`` (registered on the
    connection), so that ``ß`` holds ``ss`` as on the screen. PostgreSQL
    folds with ``lower()``.
    """
    pattern = f"%{_escape(word)}%"
    if session.get_bind().dialect.name != "sqlite":
        return _like(func.lower(value), pattern)
    raw = session.connection().connection.dbapi_connection
    if raw is not None:
        raw.create_function("kanban_casefold", 1, _casefold, deterministic=True)
    past_ascii = func.length(value) != func.length(cast(value, LargeBinary))
    return or_(_like(value, pattern), and_(past_ascii, _like(func.kanban_casefold(value), pattern)))


def filter_clause(session: Session, board_key: str, wanted: Filter) -> ColumnElement[bool] | None:
    """The SQL of :meth:`Filter.matches` on the card table (None: every card)."""
    if not wanted.active:
        return None
    clauses: list[ColumnElement[bool]] = []
    if wanted.blocked:
        clauses.append(and_(_CARD.c.blocked.is_not(None), _CARD.c.blocked != ""))
    if wanted.due and wanted.today is not None:
        today = wanted.today
        due = _CARD.c.due
        dated = and_(due.is_not(None), due != "")
        open_ = _CARD.c.done_at.is_(None)
        iso = today.isoformat()
        soon = (today + timedelta(days=SOON_DAYS)).isoformat()
        week = (today + timedelta(days=WEEK_DAYS)).isoformat()
        terms = {
            "none": not_(dated),
            "overdue": and_(dated, open_, due < iso),
            "soon": and_(dated, open_, due >= iso, due <= soon),
            "week": and_(dated, open_, due <= week),
        }
        clauses.extend(terms[term] for term in wanted.due)
    who = func.coalesce(func.nullif(_CARD.c.assignee, ""), "none")
    clauses.extend(_like(who, f"{_escape(person)}%") for person in wanted.people)
    labels = literal(" ").concat(_CARD.c.labels)
    clauses.extend(_like(labels, f"% {_escape(label)}%") for label in wanted.labels)
    key = literal(f"{board_key}-".casefold()).concat(cast(_CARD.c.number, String))
    for word in wanted.words:
        title = _folded_contains(session, _CARD.c.title, word)
        clauses.append(or_(_like(key, f"%{_escape(word)}%"), title))
    return and_(*clauses)


# -- reading ------------------------------------------------------------------------
def _board(session: Session, board_key: str) -> tuple[BoardRow, int]:
    board = repo.board_row(session, board_key)
    assert board.id is not None
    return board, board.id


def _totals(
    session: Session, board: BoardRow, wanted: Filter | None, counted: Totals | None = None
) -> Totals:
    assert board.id is not None
    if counted is not None:
        counts, sums = dict(counted.counts), dict(counted.points)
    else:
        found = card_pages.column_totals(session, board.id)
        counts = {column_id: count for column_id, (count, _) in found.items()}
        sums = {column_id: points for column_id, (_, points) in found.items()}
    clause = filter_clause(session, board.key, wanted) if wanted is not None else None
    if clause is None:
        return Totals(counts, sums)
    live = and_(_CARD.c.board_id == board.id, _CARD.c.archived.is_(False))
    query = select(_CARD.c.column_id, func.count()).where(live, clause)
    shown = dict(session.execute(query.group_by(_CARD.c.column_id)).all())
    return Totals(counts, sums, shown)


BACKLOG = None
"""The ``column_id`` that names the backlog: its cards in rank order (the Backlog screen)."""

_FORWARD = (_CARD.c.rank, _CARD.c.id)


def _page_query(
    session: Session,
    board: BoardRow,
    column_id: int | None,
    wanted: Filter | None,
    limit: int,
    *,
    after: Position | None = None,
    before: Position | None = None,
    backward: bool = False,
) -> Any:
    """A page of a column (``storage/card_pages.py``'s queries, whose plans a
    test holds to the index) or of the backlog, narrowed by ``wanted``."""
    if column_id is not BACKLOG:
        if backward:
            query = card_pages.column_page_before_query(column_id, before, limit)
        else:
            query = card_pages.column_page_query(column_id, after, limit)
    else:
        assert board.id is not None
        query = card_pages.backlog_page_query(
            board.id, limit, after=after, before=before, backward=backward
        )
    clause = filter_clause(session, board.key, wanted) if wanted is not None else None
    return query if clause is None else query.where(clause)


def _read(session: Session, board: BoardRow, query: Any) -> list[Card]:
    assert board.id is not None
    return repo.query_cards(session, query, board.id, board.key)


def first_pages(
    ctx: Context,
    board_key: str,
    wanted: Filter | None = None,
    size: int = PAGE,
    counted: Totals | None = None,
) -> BoardPages:
    """The board, its columns with their totals, and each column's first
    ``size`` cards. ``counted``: the columns' counts and points known
    already (a new filter typed): only what passes the filter is counted."""
    with ctx.db.read() as session:
        board, board_id = _board(session, board_key)
        totals = _totals(session, board, wanted, counted)
        rows = repo.column_rows(session, board_id)
        columns = [repo.to_column(row, totals.counts.get(row.id or 0, 0)) for row in rows]
        shown = totals.shown if totals.shown is not None else totals.counts
        pages = {column.id: Page(0, []) for column in columns}
        # A column with a page or less of matches is read whole, all of them in
        # one query: a rare word would otherwise scan each column once more.
        few = [column.id for column in columns if 0 < shown.get(column.id, 0) <= size]
        clause = filter_clause(session, board.key, wanted) if wanted is not None else None
        if few and clause is not None:
            query = select(_CARD).where(_CARD.c.column_id.in_(few), _CARD.c.archived.is_(False))
            for card in _read(session, board, query.where(clause).order_by(*_FORWARD)):
                pages[card.column_id].cards.append(card)
        for column in columns:
            if shown.get(column.id, 0) and not pages[column.id].cards:
                query = _page_query(session, board, column.id, wanted, size)
                pages[column.id] = Page(0, _read(session, board, query))
        return BoardPages(repo.to_board(board), columns, totals, pages)


def people(ctx: Context, board_key: str) -> list[str]:
    """Everyone with a card on the board, for the editor's suggestions."""
    with ctx.db.read() as session:
        _, board_id = _board(session, board_key)
        names = select(_CARD.c.assignee).where(
            _CARD.c.board_id == board_id, _CARD.c.archived.is_(False)
        )
        return people_rules.roster(session.execute(names.distinct()).scalars().all())


def totals(ctx: Context, board_key: str, wanted: Filter | None = None) -> Totals:
    """Every column's counts and points (and what passes ``wanted``)."""
    with ctx.db.read() as session:
        board, _ = _board(session, board_key)
        return _totals(session, board, wanted)


def page_after(
    ctx: Context,
    board_key: str,
    column_id: int | None,
    last: Card,
    wanted: Filter | None = None,
    size: int = PAGE,
) -> list[Card]:
    """The ``size`` cards after ``last`` in the column (keyset: rank, then id)."""
    with ctx.db.read() as session:
        board, _ = _board(session, board_key)
        after = (last.rank, last.id)
        return _read(
            session, board, _page_query(session, board, column_id, wanted, size, after=after)
        )


def page_before(
    ctx: Context,
    board_key: str,
    column_id: int | None,
    first: Card | None,
    wanted: Filter | None = None,
    size: int = PAGE,
) -> list[Card]:
    """The ``size`` cards before ``first`` (None: the column's last ones), in rank order."""
    with ctx.db.read() as session:
        board, _ = _board(session, board_key)
        before = (first.rank, first.id) if first is not None else None
        query = _page_query(session, board, column_id, wanted, size, before=before, backward=True)
        return _read(session, board, query)[::-1]


def page_at(
    ctx: Context,
    board_key: str,
    column_id: int | None,
    index: int,
    wanted: Filter | None = None,
    size: int = PAGE,
) -> Page:
    """``size`` cards from the ``index``-th: a jump into the middle of a column
    (the one read that skips rows: a scrollbar dragged there)."""
    with ctx.db.read() as session:
        board, _ = _board(session, board_key)
        query = _page_query(session, board, column_id, wanted, size).offset(index)
        return Page(index, _read(session, board, query))


def page_around(
    ctx: Context,
    board_key: str,
    card: Card,
    wanted: Filter | None = None,
    size: int = PAGE,
    *,
    backlog: bool = False,
) -> Page:
    """The page of ``card``'s column (``backlog``: of the backlog) that
    ``card`` stands in, where its rank puts it: this copy of it, whether or
    not its move is committed yet."""
    with ctx.db.read() as session:
        board, _ = _board(session, board_key)
        scope = BACKLOG if backlog else card.column_id
        at = (card.rank, card.id)
        other = _CARD.c.id != card.id
        # Where it stands: the cards before it (its copy in the database aside).
        if scope is BACKLOG:
            assert board.id is not None
            before = tuple_(*_FORWARD) < tuple_(*at)
            count = select(func.count()).where(*srepo.backlog_filter(board.id), before)
        else:
            count = card_pages.cards_before_query(scope, at)
        clause = filter_clause(session, board.key, wanted) if wanted is not None else None
        count = count.where(other) if clause is None else count.where(other, clause)
        index = session.execute(count).scalar_one()
        half = size // 2
        ahead = _page_query(session, board, scope, wanted, half, before=at, backward=True)
        found = _read(session, board, ahead.where(other))[::-1]
        rest = _page_query(session, board, scope, wanted, max(size - len(found) - 1, 0), after=at)
        return Page(index - len(found), [*found, card, *_read(session, board, rest)])


@dataclass(frozen=True)
class BacklogTotals:
    """The whole backlog's cards, points and unestimated cards; ``shown``:
    how many pass the filter (all of them without one)."""

    count: int
    points: int
    unestimated: int
    shown: int
    last_number: int = 0
    """The board's highest card number: how wide a card's key can be (the
    Backlog's key column keeps that width while it scrolls)."""


def backlog_first(
    ctx: Context, board_key: str, wanted: Filter | None = None, size: int = PAGE
) -> tuple[BacklogTotals, Page]:
    """The backlog's totals (aggregate queries) and its first ``size`` cards."""
    with ctx.db.read() as session:
        board, board_id = _board(session, board_key)
        count, points, none = srepo.backlog_totals(session, board_id)
        shown = count
        clause = filter_clause(session, board.key, wanted) if wanted is not None else None
        if clause is not None:
            passing = select(func.count()).where(*srepo.backlog_filter(board_id), clause)
            shown = session.execute(passing).scalar_one()
        last = session.execute(
            select(func.max(_CARD.c.number)).where(_CARD.c.board_id == board_id)
        ).scalar_one()
        totals = BacklogTotals(int(count), int(points), int(none), int(shown), int(last or 0))
        if not shown:  # no card passes: no second look through them all for a page
            return totals, Page(0, [])
        first = _page_query(session, board, BACKLOG, wanted, size)
        return totals, Page(0, _read(session, board, first))
