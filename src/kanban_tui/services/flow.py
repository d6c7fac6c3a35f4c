"""Flow reports of a board: the cumulative flow diagram and cycle time.

Two reads in one session: the card events of the board (log order) and the
done cards' stamps; the counting is :mod:`kanban_tui.domain.flow_metrics`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import String, and_, case, func, literal, or_
from sqlmodel import col, select

from ..domain import flow_metrics as metrics
from ..domain.flow_metrics import CumulativeFlow, CycleTimes, FlowEvent
from ..domain.model import Category
from ..storage import repo
from ..storage.sql_json import json_field
from ..storage.tables import CardRow, ColumnRow, EventRow
from .context import Context, iso

FLOW_ACTIONS = ("created", "moved", "deleted", "archived", "restored")
COLUMN_ACTIONS = ("renamed", "deleted")
"""Column events the replay follows: a column's history stays under its name of today."""


@dataclass(frozen=True)
class FlowReport:
    flow: CumulativeFlow
    cycle: CycleTimes
    done_columns: frozenset[str]
    """Names of the board's done columns (charts colour them as done)."""


def _day(moment: str | None) -> date | None:
    """The person's day of a stored time, as ``ctx.today()`` counts days."""
    return datetime.fromisoformat(moment).astimezone().date() if moment else None


def _values(data: str | None) -> dict[str, Any]:
    """An event's data, parsed once per distinct text while a report is read
    (a board's moves repeat the same few); the dicts are only read."""
    text = data or "{}"
    values = _PARSED.get(text)
    if values is None:
        values = json.loads(text)
        if len(_PARSED) >= 4096:
            _PARSED.clear()
        _PARSED[text] = values
    return values


_PARSED: dict[str, Any] = {}


def _event(entity: str, key: str, action: str, at: str, data: str) -> FlowEvent:
    values = _values(data)
    day = _day(at)
    assert day is not None
    if entity == "column":
        # A rename carries the cards to the new name; a delete, to where they went.
        if action == "renamed":
            return FlowEvent(day, values.get("before", key), metrics.COLUMN_RENAMED, key)
        return FlowEvent(day, key, metrics.COLUMN_DELETED, values.get("moved_to"))
    column = values.get("column") if action == "created" else values.get("after")
    if action == "restored" or (action == "archived" and values.get("done")):
        column = values.get("column")  # an archived done card stays counted as done
    elif action == "archived":
        column = None  # archived from a column not done: it leaves the diagram
    return FlowEvent(day, key, action, column if action != "deleted" else None)


def flow_report(ctx: Context, board_key: str, days: int = metrics.FLOW_WINDOW) -> FlowReport:
    """Cumulative flow and cycle time of the ``days`` days ending today."""
    today = ctx.today()
    with ctx.db.read() as session:
        board = repo.board_row(session, board_key)
        assert board.id is not None
        columns = repo.column_rows(session, board.id)
        cutoff = _cutoff(metrics.window(today, days)[0])
        start: dict[str, str] | None = None
        now: dict[str, int] | None = None
        events: list[FlowEvent] = []
        if cutoff is not None:
            rows = list(repo.stream_rows(session, flow_events_query(board.id, cutoff), 10_000))
            taken_back = _taken_back(session, board, columns, cutoff, today, rows)
            if taken_back is not None:
                start, now, events = taken_back
            else:
                start = _start(session, board.id, cutoff)
                events = [_event(*row) for row in rows]
        if start is None:
            every = repo.stream_rows(session, flow_events_query(board.id), 10_000)
            events = [_event(*row) for row in every]
        stamps = session.exec(
            select(CardRow.number, CardRow.started_at, CardRow.done_at).where(
                CardRow.board_id == board.id, col(CardRow.done_at).is_not(None)
            )
        ).all()
        prefix = board.key
    names = [column.name for column in columns]
    flow = metrics.cumulative_flow(events, names, today, days, start, now)
    cycle = metrics.cycle_times(
        ((f"{prefix}-{number}", _day(started), _day(done)) for number, started, done in stamps),
        today,
        days,
    )
    done = frozenset(column.name for column in columns if column.category == Category.DONE.value)
    return FlowReport(flow, cycle, done)


def _taken_back(
    session: Any,
    board: Any,
    columns: list[ColumnRow],
    cutoff: str,
    today: date,
    rows: list[Any],
) -> tuple[dict[str, str], dict[str, int], list[FlowEvent]] | None:
    """The board as it stands, taken back through the window's events
    (``rows``, from ``cutoff`` on, in log order): where each card the window
    moves stood at ``cutoff`` (``start``), the cards in each column now,
    counted by the database, and the events to replay. A moved card starts
    from its first event there (a move's column before, an archive's
    column); the few whose first event does not say (a restore, a delete)
    are read from their own last event before ``cutoff``. No card's whole
    history is read, and a card the window does not touch is only counted.

    So the diagram's last day is the board as it is: a card whose log went
    back in time counts where it stands, and one that has no event (an import
    from Trello or Jira writes none) counts from the day it was made.
    None where the window renames, deletes or recategorises a column, or a
    column's category ever changed (an archived card counts if it left a done
    column, which is then not told by today's category): the caller reads the
    log instead, as it does when an event is dated after today (a clock set
    back: the board now is not the board of the report's last day)."""
    category = select(_EVENT.c.id).where(
        _EVENT.c.board_id == board.id, _EVENT.c.entity == "column", _EVENT.c.action == "category"
    )
    if any(row[0] == "column" for row in rows) or session.execute(category.limit(1)).first():
        return None
    events = [_event(*row) for row in rows]
    first: dict[str, tuple[str, str]] = {}
    for row in rows:
        first.setdefault(row[1], (row[2], row[4]))
    named = {column.id: column.name for column in columns}
    now: dict[str, int] = {}
    for column_id, count in session.execute(counted_query(board.id)):
        now[named[column_id]] = count
    prefix = f"{board.key}-"
    for number, column_id, made in session.execute(made_since_query(board.id, cutoff)):
        if prefix + str(number) not in first:  # made since without an event of its own
            day = _day(made) or date.min
            events.append(FlowEvent(day, prefix + str(number), "created", named[column_id]))
    if any(event.day > today for event in events):
        return None  # a clock set back: the board now is after the report's today
    start: dict[str, str] = {}
    unsaid = []
    for key, (action, data) in first.items():
        if action == "created":
            continue
        before = _values(data).get("before" if action == "moved" else "column")
        if action in ("moved", "archived") and isinstance(before, str):
            start[key] = before
        else:
            unsaid.append(key)
    for chunk in range(0, len(unsaid), 500):
        last: dict[str, tuple[str, str, str]] = {}
        latest: dict[str, str] = {}
        for key, entity, action, at, data in session.execute(
            cards_events_query(board.id, unsaid[chunk : chunk + 500])
        ):
            if entity == "card" and action in FLOW_ACTIONS and at < cutoff:
                last[key] = (action, at, data)
                latest[key] = max(latest.get(key, at), at)
        for key, (action, at, data) in last.items():
            if at != latest[key]:
                return None  # the card's log goes back in time: the replay decides
            column = _event("card", key, action, cutoff, data).column
            if column is not None:
                start[key] = column
    return start, now, events


def cards_events_query(board_id: int, keys: list[str]) -> Any:
    """Every event of the cards ``keys`` (key, entity, action, at, data), in
    log order: a few cards' by the key's index."""
    return (
        select(  # type: ignore[call-overload]
            _EVENT.c.key, _EVENT.c.entity, _EVENT.c.action, _EVENT.c.at, _EVENT.c.data
        )
        .where(_EVENT.c.board_id == board_id, _EVENT.c.key.in_(keys))
        .order_by(_EVENT.c.id)
    )


def _counted(board_id: int) -> Any:
    """The cards the diagram counts: not archived, or archived from a done column."""
    done = select(ColumnRow.id).where(
        ColumnRow.board_id == board_id, ColumnRow.category == Category.DONE.value
    )
    return or_(col(CardRow.archived).is_(False), col(CardRow.column_id).in_(done))


def counted_query(board_id: int) -> Any:
    """(column id, cards) of the board now, as the diagram counts them.
    Counted in the covering index on (column, archived, points): no card
    row is read."""
    ids = select(ColumnRow.id).where(ColumnRow.board_id == board_id)
    return (
        select(CardRow.column_id, func.count())
        .where(col(CardRow.column_id).in_(ids), _counted(board_id))
        .group_by(col(CardRow.column_id))
    )


def made_since_query(board_id: int, since: str) -> Any:
    """(number, column id, made) of the board's counted cards made from ``since`` on."""
    return select(CardRow.number, CardRow.column_id, CardRow.created_at).where(
        CardRow.board_id == board_id, col(CardRow.created_at) >= since, _counted(board_id)
    )


_EVENT: Any = EventRow.__table__  # type: ignore[attr-defined]


def _flow_events(board_id: int) -> Any:
    return and_(
        _EVENT.c.board_id == board_id,
        or_(
            and_(_EVENT.c.entity == "card", _EVENT.c.action.in_(FLOW_ACTIONS)),
            and_(_EVENT.c.entity == "column", _EVENT.c.action.in_(COLUMN_ACTIONS)),
        ),
    )


def flow_events_query(board_id: int, since: str | None = None) -> Any:
    """The events the flow replays, in log order: all, or those from ``since`` on."""
    query = select(  # type: ignore[call-overload]
        _EVENT.c.entity, _EVENT.c.key, _EVENT.c.action, _EVENT.c.at, _EVENT.c.data
    ).where(_flow_events(board_id))
    if since is not None:
        query = query.where(_EVENT.c.at >= since)
    return query.order_by(_EVENT.c.id)


def last_moves_query(board_id: int, before: str, in_sql: bool = True) -> Any:
    """Each card's last flow event before ``before``: its key, action, the
    column it names (as :func:`_event` reads it; an archive's data whole),
    and whether it is also the card's latest by time. ``in_sql`` False: the
    column NULL and every event's data whole, for Python to read (on
    PostgreSQL, where a field of the data costs a function call that traps
    errors, several times json.loads)."""
    events = _EVENT.alias("e")
    card = and_(
        events.c.board_id == board_id,
        events.c.entity == "card",
        events.c.action.in_(FLOW_ACTIONS),
        events.c.at < before,
    )
    last = (
        select(func.max(events.c.id).label("id"), func.max(events.c.at).label("at"))
        .where(card)
        .group_by(events.c.key)
        .subquery()
    )
    data = _EVENT.c.data
    column: Any = case(
        (_EVENT.c.action == "moved", json_field(data, literal("$.after"))),
        (_EVENT.c.action.in_(("created", "restored")), json_field(data, literal("$.column"))),
        else_=None,
    )
    archive: Any = case((_EVENT.c.action == "archived", data), else_=None)
    if not in_sql:
        column, archive = literal(None, String), data
    return select(  # type: ignore[call-overload]
        _EVENT.c.key, _EVENT.c.action, column, archive, _EVENT.c.at == last.c.at
    ).join(last, _EVENT.c.id == last.c.id)


def _cutoff(first: date) -> str | None:
    """The UTC time of the person's midnight two days before the window's
    ``first`` day: every event before it falls on an earlier day than every
    event from it on. None where that midnight is not one (a clock change)."""
    day = first - timedelta(days=2)
    midnight = datetime.combine(day, time()).astimezone()
    before = midnight - timedelta(seconds=1)
    if midnight.date() != day or before.astimezone().date() != day - timedelta(days=1):
        return None
    return iso(midnight)


def _start(session: Any, board_id: int, cutoff: str) -> dict[str, str] | None:
    """Where each card was at ``cutoff`` (key -> column name, as named then),
    from each card's last event before it: read in SQL, one row a card, rather
    than by replaying every earlier event here. None when that would not give
    what the replay gives, and the caller replays: a column was renamed or
    deleted before ``cutoff``, a card's events go back in time, or one names
    no column."""
    renamed = select(_EVENT.c.id).where(
        _EVENT.c.board_id == board_id,
        _EVENT.c.entity == "column",
        _EVENT.c.action.in_(COLUMN_ACTIONS),
        _EVENT.c.at < cutoff,
    )
    if session.execute(renamed.limit(1)).first() is not None:
        return None
    start: dict[str, str] = {}
    in_sql = session.get_bind().dialect.name == "sqlite"
    for key, action, column, data, in_order in repo.stream_rows(
        session, last_moves_query(board_id, cutoff, in_sql), 10_000
    ):
        if not in_order:
            return None
        if action == "archived":
            column = _event("card", key, action, cutoff, data).column
        elif not in_sql and action != "deleted":
            values = _values(data)
            column = values.get("after" if action == "moved" else "column")
        elif action != "deleted" and column is None:
            return None  # a damaged event: the card stays where it was, which the replay knows
        if column is not None:
            start[key] = column
    return start


def cumulative_flow(
    ctx: Context, board_key: str, days: int = metrics.FLOW_WINDOW
) -> CumulativeFlow:
    return flow_report(ctx, board_key, days).flow


def cycle_times(ctx: Context, board_key: str, days: int = metrics.FLOW_WINDOW) -> CycleTimes:
    return flow_report(ctx, board_key, days).cycle
