"""``card list --json`` as a stream: each card's JSON text as its row is read.

At 100,000 cards a list of domain cards (and of their dicts) was most of the
time and all of the memory of the command. Here the rows come from one
select, in batches: the board's cards, unfiltered, through the driver alone
where the database allows (:mod:`..storage.plain_read`, no ORM loaded), any
other list through the SQLAlchemy Core select of :func:`.cards.list_query`
(a server-side cursor on PostgreSQL). Each row becomes the one-line JSON
text of :func:`.serialize.card` straight away,
written by a template rather than through a dict and ``json.dumps`` (three
times faster: the command is held to 4x the ``sqlite3`` shell). Nothing holds
more than a batch. The stored text already has the documented form
(timestamps ``2026-11-25T09:30:00Z``, dates ``2026-11-25``), so it is passed
through; a value in any other form goes through the same conversion as
:func:`.serialize.card`. ``tests/services/test_card_stream.py`` holds the
lines beside ``json.dumps(serialize.card(card))``, byte for byte.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from itertools import chain
from json.encoder import encode_basestring, encode_basestring_ascii  # type: ignore[attr-defined]
from typing import Any

from ..storage.plain_read import cards_sql
from .activity_lines import VALID_HOURS, VALID_MINUTES, is_iso_utc
from .context import Context

BATCH = 1000
"""Rows fetched at a time (``yield_per``)."""

_FIELDS = (
    "number",
    "title",
    "type",
    "priority",
    "points",
    "assignee",
    "labels",
    "due",
    "column_id",
    "rank",
    "sprint_id",
    "blocked",
    "archived",
    "description",
    "created_at",
    "updated_at",
    "started_at",
    "done_at",
)


def card_lines(
    ctx: Context,
    board_key: str,
    *,
    column: str | None = None,
    assignee: str | None = None,
    sprint: int | str | None = None,
    archived: bool | None = False,
    limit: int | None = None,
    offset: int = 0,
    ascii_only: bool = False,
) -> Iterator[str]:
    """The JSON text (one line, ``json.dumps`` of :func:`.serialize.card`) of
    each card :func:`.cards.list_cards` lists, in the same (rank) order, read
    as it is yielded; ``offset`` cards skipped, at most ``limit``.
    ``ascii_only``: every non-ASCII character escaped (``ensure_ascii``).

    A bad board, column, sprint or assignee is refused when the first line
    is asked for, before any is made.
    """
    if sprint is not None and str(sprint).strip().lower() == "backlog":
        from . import serialize
        from .cards import list_cards

        # The backlog's order is worked out in Python (sprint_metrics.backlog).
        found = list_cards(
            ctx, board_key, column=column, assignee=assignee, sprint=sprint, archived=archived
        )
        end = None if limit is None else offset + limit
        for card in found[offset:end]:
            yield json.dumps(serialize.card(card), ensure_ascii=ascii_only)
        return
    text = encode_basestring_ascii if ascii_only else encode_basestring
    if column is None and assignee is None and sprint is None:
        # The whole board (or its archive): read through the driver alone
        # where the database allows (no ORM to import: storage/plain_read.py).
        with ctx.db.plain_read() as reader:
            if reader is not None:
                board_id, key = reader.board(board_key)
                names = {id_: text(name) for id_, name in reader.column_names(board_id).items()}
                numbers = reader.sprint_numbers(board_id)
                query = cards_sql(board_id, _FIELDS, archived, limit, offset)
                rows = chain.from_iterable(reader.rows(query, BATCH))
                yield from _lines(rows, text(key), key, names, numbers, text)
                return
    yield from _selected(ctx, board_key, column, assignee, sprint, archived, limit, offset, text)


def _selected(
    ctx: Context,
    board_key: str,
    column: str | None,
    assignee: str | None,
    sprint: int | str | None,
    archived: bool | None,
    limit: int | None,
    offset: int,
    text: Callable[[str], str],
) -> Iterator[str]:
    """The lines of :func:`card_lines` through the Core select of
    :func:`.cards.list_query` (any filter, any database)."""
    from ..storage import repo
    from ..storage.tables import CardRow
    from .cards import assignee_filter, list_query

    who, unassigned = assignee_filter(ctx, assignee)
    with ctx.db.read() as session:
        board = repo.board_row(session, board_key)
        assert board.id is not None
        query = list_query(session, board, column, who, unassigned, sprint, archived, limit, offset)
        table: Any = CardRow.__table__  # type: ignore[attr-defined]
        query = query.with_only_columns(*(table.c[name] for name in _FIELDS))
        names = {key: text(name) for key, name in repo.column_names(session, board.id).items()}
        numbers = repo.sprint_numbers(session, board.id)
        yield from _lines(
            repo.stream_rows(session, query, BATCH),
            text(board.key),
            board.key,
            names,
            numbers,
            text,
        )


def _lines(
    rows: Iterable[Any],
    board: str,
    prefix: str,
    names: dict[int | None, str],
    sprints: dict[int, int],
    text: Callable[[str], str],
) -> Iterator[str]:
    """The lines of :func:`card_lines`: the keys and their order are those of
    :func:`.serialize.card`, each value as ``json.dumps`` writes it."""

    def maybe(value: str | None) -> str:
        return "null" if value is None else text(value)

    hours, minutes = VALID_HOURS, VALID_MINUTES

    def stamp(value: str | None) -> str:
        if value is None:
            return "null"
        if value[:13] in hours and value[13:] in minutes or is_iso_utc(value):
            return f'"{value}"'  # a valid time, stored as serialize.timestamp prints it
        from ..storage.repo import parse_time
        from .serialize import timestamp

        return maybe(timestamp(parse_time(value)))

    words = {value: text(value) for value in ("task", "story", "bug", "spike", "none")}
    words.update({value: text(value) for value in ("urgent", "high", "medium", "low")})
    join = ", ".join
    for (
        number,
        title,
        type_,
        priority,
        points,
        assignee,
        labels,
        due,
        column_id,
        rank,
        sprint_id,
        blocked,
        archived,
        description,
        created_at,
        updated_at,
        started_at,
        done_at,
    ) in rows:
        yield (
            f'{{"key": "{prefix}-{number}", "board": {board}, "title": {text(title)}, '
            f'"type": {words.get(type_) or text(type_)}, '
            f'"priority": {words.get(priority) or text(priority)}, '
            f'"points": {"null" if points is None else int(points)}, '
            f'"assignee": {"null" if assignee is None else text(assignee)}, '
            f'"labels": [{join(map(text, labels.split())) if labels else ""}], '
            f'"due": {maybe(due if due is None or len(due) == 10 else _day(due))}, '
            f'"column": {names[column_id]}, "rank": {int(rank)}, '
            f'"sprint": {"null" if sprint_id is None else sprints[sprint_id]}, '
            f'"blocked": {"false" if blocked is None else "true"}, '
            f'"blocked_reason": {"null" if blocked is None else text(blocked)}, '
            f'"archived": {"true" if archived else "false"}, '
            f'"description": {text(description)}, '
            f'"created_at": {stamp(created_at)}, "updated_at": {stamp(updated_at)}, '
            f'"started_at": {"null" if started_at is None else stamp(started_at)}, '
            f'"done_at": {"null" if done_at is None else stamp(done_at)}}}'
        )


def _day(value: str) -> str | None:
    from .serialize import day

    return day(date.fromisoformat(value))
