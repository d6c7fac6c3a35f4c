"""The activity log: who did what, when."""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Iterator
from itertools import islice
from typing import Any

from sqlalchemy import and_, literal, or_, union
from sqlmodel import Session, col, select

from ..domain import activity
from ..domain.model import Event
from ..storage import repo
from ..storage.sql_json import json_field
from ..storage.tables import EventRow
from ..storage.watch import Change, ChangeFeed
from .activity_lines import EVENT_FIELDS, LineMaker, data_of
from .context import Context, iso


def recent_events(
    ctx: Context,
    board_key: str,
    *,
    key: str | None = None,
    limit: int = 200,
    offset: int = 0,
    before: Event | None = None,
) -> list[Event]:
    """The board's newest events first (by time, then log order), ``offset``
    of them skipped; with ``before``, only those older than that event (the
    next page of a screen that holds it as its oldest, read by keyset
    whatever the number of events already held).

    ``key`` narrows to one card, column, sprint or risk; for a card that
    includes the events that name it (a risk link, a forced WIP breach, a
    deleted column that moved it); for a column, the cards forced into it
    over its limit.
    """
    older = (iso(before.at), before.id) if before is not None else None
    with ctx.db.read() as session:
        query = rows_query(session, board_key, key, limit, offset, older)
        # Plain rows, not ORM objects: the Activity screen and `kanban log` of
        # 100,000 events spent most of their time building those.
        return [_event_of(ctx, *values) for values in session.execute(query)]


def event_batches(
    ctx: Context,
    board_key: str,
    *,
    key: str | None = None,
    limit: int = 200,
    offset: int = 0,
    ascii_only: bool = False,
    batch: int | None = None,
) -> Iterator[list[str]]:
    """``json.dumps`` of :func:`event_json` for each event :func:`recent_events`
    finds, made as its row is read through the Core select, a list per
    ``batch`` rows read (``BATCH``): a million events hold a batch, not the
    million. A missing board is refused when the first batch is asked for.
    ``kanban log --json`` reads them through :mod:`.log_stream` (the driver
    alone where it can)."""
    batch = batch or BATCH
    lines = LineMaker(ctx, ascii_only).lines
    with ctx.db.read() as session:
        query = rows_query(session, board_key, key, limit, offset)
        rows = iter(repo.stream_rows(session, query, batch))
        while some := list(islice(rows, batch)):
            yield lines(some)


def rows_query(
    session: Session,
    board_key: str,
    key: str | None,
    limit: int,
    offset: int,
    before: tuple[str, int] | None = None,
) -> Any:
    """:func:`events_query` for the board ``board_key``, selecting the plain
    values of :data:`.activity_lines.EVENT_FIELDS`."""
    board = repo.board_row(session, board_key)
    assert board.id is not None
    names = column_names_ever(session, board.id) if key else None
    return events_query(board.id, key, limit, offset, names, before).with_only_columns(
        *(getattr(EventRow, name) for name in EVENT_FIELDS)
    )


BATCH = 1000
"""Events read at a time by :func:`event_batches`."""


def events_query(
    board_id: int,
    key: str | None,
    limit: int,
    offset: int = 0,
    columns_ever: frozenset[str] | None = None,
    before: tuple[str, int] | None = None,
) -> Any:
    """The select of :func:`recent_events`: newest first, by the index on
    ``(board_id, at, id)`` (tests/storage/test_query_plans.py).

    ``before`` (an event's stored ``at`` and its id) keeps the events older
    than it in that order: ``(at, id) < before``, written as a range on
    ``at`` that the index seeks to rather than walks.

    A ``key`` that no column of the board was ever called
    (``columns_ever``, from :func:`column_names_ever`; a card's key, say)
    is looked up by indexes: the events with that key, those of other
    entities that name it as their ``card`` (risk links, older WIP breaches:
    card events never carry one) and the column deletions that list it. A
    forced WIP breach names a column, so only a column's name can match
    one; for that name (or without ``columns_ever``) every event of the
    board is read.
    """
    query = select(EventRow).where(EventRow.board_id == board_id)
    if key:
        wanted = _normal_key(key)
        named = _card_named(col(EventRow.data)) == wanted
        deleted = and_(
            col(EventRow.entity) == "column",
            col(EventRow.action) == "deleted",
            # A deleted column's cards moved in one event that lists them.
            col(EventRow.data).contains(f'"{wanted}"'),
        )
        own = col(EventRow.key).in_({key.strip(), wanted})
        if columns_ever is not None and key.strip() not in columns_ever:
            others = or_(col(EventRow.entity) < "card", col(EventRow.entity) > "card")
            ids: Any = union(
                select(EventRow.id).where(EventRow.board_id == board_id, own),
                select(EventRow.id).where(EventRow.board_id == board_id, others, named),
                select(EventRow.id).where(EventRow.board_id == board_id, deleted),
            )
            # By id alone: the board's index on time would walk the whole log.
            query = select(EventRow).where(col(EventRow.id).in_(ids))
        else:
            breach = _json_field(col(EventRow.data), "$.breach.column") == key.strip()
            query = query.where(or_(own, named, breach, deleted))
    if before is not None:
        at, id_ = before
        query = query.where(
            col(EventRow.at) <= at,
            or_(col(EventRow.at) < at, col(EventRow.id) < id_),
        )
    query = query.order_by(col(EventRow.at).desc(), col(EventRow.id).desc()).limit(limit)
    return query.offset(offset) if offset else query


def column_names_ever(session: Any, board_id: int) -> frozenset[str]:
    """Every name a column of the board had: today's, and those in its log
    (a column event's key is the column's name then; a rename's ``after``)."""
    events = select(EventRow.key, EventRow.action, EventRow.data).where(
        EventRow.board_id == board_id, EventRow.entity == "column"
    )
    names = {row.name for row in repo.column_rows(session, board_id)}
    for name, action, data in session.execute(events):
        names.add(name)
        if action == "renamed":
            try:
                after = json.loads(data).get("after")
            except (ValueError, AttributeError):
                after = None
            if isinstance(after, str):
                names.add(after)
    return frozenset(names)


def _card_named(data: Any) -> Any:
    """The ``card`` of an event's data, in SQL; a damaged row names none (no error)."""
    return _json_field(data, "$.card")


def _json_field(data: Any, path: str) -> Any:
    """One field of an event's data, in SQL; a damaged row has none (no error)."""
    return json_field(data, literal(path))


def _event_of(
    ctx: Context,
    id_: int | None,
    at: str,
    actor: str,
    entity: str,
    key: str,
    action: str,
    data: str,
) -> Event:
    """The event of a row's values (in the order of ``EVENT_FIELDS``)."""
    return Event(
        id=id_ or 0,
        at=repo.parse_time(at) or ctx.clock(),
        actor=actor,
        entity=entity,
        key=key,
        action=action,
        data=data_of(data),
    )


def describe(event: Event) -> str:
    """The event as one line a person reads: ``moved WEB-12 from Review to Done``."""
    return activity.describe(event.entity, event.key, event.action, event.data)


def event_json(event: Event) -> dict[str, Any]:
    """The documented JSON shape of an event (docs/json.md)."""
    return {
        "id": event.id,
        "at": iso(event.at),
        "actor": event.actor,
        "entity": event.entity,
        "key": event.key,
        "action": event.action,
        "data": event.data,
        "text": describe(event),
    }


def _normal_key(key: str) -> str:
    """Card, risk and sprint keys are typed in any case (web-12, web-r3); a
    column's name is also looked up as it was typed."""
    text = key.strip()
    match = _KEY.fullmatch(text)
    if match is None:
        return text
    board_key, kind, number = match.groups()
    return f"{board_key.upper()}-{kind.upper()}{int(number)}"


_KEY = re.compile(r"([A-Za-z][A-Za-z0-9]{1,9})-([RrSs]?)([0-9]+)")


class Changes:
    """What other processes commit from now on, polled cheaply (see storage.watch).

    The app polls from a worker thread and closes on the UI thread; the lock
    keeps the two apart, so a poll never runs on a closed feed.
    """

    def __init__(self, ctx: Context) -> None:
        self._ctx = ctx
        self._feed: ChangeFeed | None = ChangeFeed(ctx.db)
        self._lock = threading.Lock()
        self._listener = ctx.db.listener() if ctx.db.listens else None

    @property
    def announced(self) -> bool:
        """Whether commits are announced (:meth:`wait`) rather than polled for."""
        return self._listener is not None

    def wait(self, timeout: float) -> bool:
        """Whether others may have committed within ``timeout`` s (a server
        announces it); StorageError when the server cannot be reached."""
        assert self._listener is not None
        return self._listener.wait(timeout)

    def offline(self, offline: bool) -> None:
        """The server is out of reach (True), or back (False)."""
        self._ctx.db.go_offline(offline)

    def poll(self) -> tuple[list[Change], bool]:
        """Other processes' changes since the last poll (this process's own are
        left out), and whether this process committed anything meanwhile."""
        with self._lock:
            if self._feed is None:
                return [], False
            changes = self._feed.poll(self._ctx.db.own_events)
            return changes, self._feed.own_seen

    def close(self) -> None:
        if self._listener is not None:
            self._listener.close()
        with self._lock:
            if self._feed is not None:
                self._feed.close()
                self._feed = None


def change_feed(ctx: Context) -> Changes:
    return Changes(ctx)
