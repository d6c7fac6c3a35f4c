"""Forecasts, ageing and throughput of a board, from its own history (docs/metrics.md).

The history is the cards' stamps: ``started_at`` is a card's first entry into
an in-progress column, ``done_at`` its last entry into a done column (a card
reopened from done loses it and gets it again when it finishes), so a
reopened card counts once, at its last finish. Archived cards count; a
deleted card's history went with it. The rules are :mod:`..domain.forecast`
and :mod:`..domain.ageing`; the calendar's working days are a board setting
kept in the activity log (``board`` ``working_days``), so setting them needs
no schema change and travels with an export.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from sqlmodel import Session, col, select

from ..domain import forecast as mc
from ..domain import validation
from ..domain.calendar import Calendar, describe_working_days, parse_working_days
from ..domain.errors import InvalidInput, RuleViolation
from ..domain.model import Card, Category
from ..storage import repo
from ..storage.tables import BoardRow, CardRow, EventRow
from . import cards as card_service
from . import sprint_metrics
from .context import Context, iso
from .forecast_words import HISTOGRAM_TITLE as HISTOGRAM_TITLE
from .forecast_words import basis as basis
from .forecast_words import histogram_lines as histogram_lines
from .forecast_words import when_sentence as when_sentence


def day_of(moment: str | None) -> date | None:
    """The person's day of a stored time, as ``ctx.today()`` counts days."""
    return datetime.fromisoformat(moment).astimezone().date() if moment else None


# -- the calendar -----------------------------------------------------------------------


def _calendar(session: Session, board: BoardRow) -> Calendar:
    row = session.exec(
        select(EventRow.data)
        .where(
            EventRow.board_id == board.id,
            EventRow.entity == "board",
            EventRow.action == "working_days",
        )
        .order_by(col(EventRow.id).desc())
        .limit(1)
    ).first()
    if row is None:
        return Calendar()
    return Calendar(parse_working_days(str(json.loads(row).get("after") or "mon-fri")))


def working_days(ctx: Context, board_key: str) -> Calendar:
    """The board's working days (Monday to Friday unless it lists others)."""
    with ctx.db.read() as session:
        return _calendar(session, repo.board_row(session, board_key))


def set_working_days(ctx: Context, board_key: str, days: str) -> Calendar:
    """Set the board's working days from text such as ``mon-fri`` or ``sun-thu``."""
    calendar = Calendar(parse_working_days(days))
    with ctx.db.write() as session:
        board = repo.board_row(session, board_key)
        before = _calendar(session, board)
        ctx.log(
            session,
            board.id,
            "board",
            board.key,
            "working_days",
            before=describe_working_days(before.working),
            after=describe_working_days(calendar.working),
        )
    return calendar


# -- history ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Finished:
    started: date | None
    done: date
    points: int | None


def finished_cards(session: Session, board: BoardRow, since: date | None = None) -> list[Finished]:
    """The board's finished cards, archived ones too; ``since``: only those
    finished on that day or later (read in SQL: a board's whole history can be long)."""
    query = select(CardRow.started_at, CardRow.done_at, CardRow.points).where(
        CardRow.board_id == board.id, col(CardRow.done_at).is_not(None)
    )
    if since is not None:
        # Two days early in UTC: the stored times are UTC, the days are local.
        first = datetime.combine(since - timedelta(days=2), time(0), tzinfo=UTC)
        query = query.where(col(CardRow.done_at) >= iso(first))
    found = []
    for started, done, points in session.exec(query).all():
        day = day_of(done)
        assert day is not None
        if since is None or day >= since:
            found.append(Finished(day_of(started), day, points))
    return found


def _last_finish(session: Session, board: BoardRow, today: date) -> date | None:
    """The board's last finish on ``today`` or before (the newest few read in SQL)."""
    # Two days late in UTC: the stored times are UTC, the days are local.
    bound = iso(datetime.combine(today + timedelta(days=2), time(0), tzinfo=UTC))
    rows = session.exec(
        select(CardRow.done_at)
        .where(
            CardRow.board_id == board.id,
            col(CardRow.done_at).is_not(None),
            col(CardRow.done_at) < bound,
        )
        .order_by(col(CardRow.done_at).desc())
        .limit(64)
    ).all()
    days = [day for day in map(day_of, rows) if day is not None and day <= today]
    return max(days, default=None)


def _history(
    session: Session, board: BoardRow, calendar: Calendar, today: date, window: int
) -> mc.History:
    # A finish on the days off before the window's first day counts on it.
    first = calendar.counted_from(calendar.days_back(today, window)[0])
    finished = [item for item in finished_cards(session, board, first) if item.done <= today]
    last = max((item.done for item in finished), default=None) or _last_finish(
        session, board, today
    )
    return mc.daily_history(
        ((item.done, item.points) for item in finished),
        today,
        calendar,
        window,
        ever=len(finished) or int(last is not None),
        last=last,
    )


def history(
    ctx: Context, board_key: str, window: int = mc.WINDOW, as_of: date | None = None
) -> mc.History:
    """The board's daily throughput over the last ``window`` working days
    (to ``as_of``, when given)."""
    mc.check_window(window)
    return _read_history(ctx, board_key, _day(ctx, as_of), window)[1]


def _read_history(
    ctx: Context, board_key: str, today: date, window: int
) -> tuple[Calendar, mc.History]:
    """The board's working days and its throughput to ``today``, in one read."""
    with ctx.db.read() as session:
        board = repo.board_row(session, board_key)
        calendar = _calendar(session, board)
        return calendar, _history(session, board, calendar, today, window)


def _day(ctx: Context, as_of: date | None) -> date:
    """The day a forecast is made as of: today, or an earlier ``as_of``
    (an imported board whose history ended long ago)."""
    today = ctx.today()
    if as_of is None:
        return today
    if as_of > today:
        raise InvalidInput(
            f"The as-of date must be today or earlier (today is {today.isoformat()}); "
            f"got {as_of.isoformat()}."
        )
    return as_of


# -- "when" -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Selection:
    """The cards a "when" forecast is about, in words and in number."""

    what: str
    """``30 cards``, ``the column Review``, ``the cards labelled api``,
    ``the backlog to WEB-31``."""
    remaining: int


def _open_categories(ctx: Context, board_key: str) -> dict[str, Category]:
    with ctx.db.read() as session:
        board = repo.board_row(session, board_key)
        assert board.id is not None
        return {row.name: Category(row.category) for row in repo.column_rows(session, board.id)}


def done_columns(ctx: Context, board_key: str) -> set[str]:
    """The names of the board's done columns (nothing in them is left to forecast)."""
    return {
        name
        for name, category in _open_categories(ctx, board_key).items()
        if category is Category.DONE
    }


def _not_done(found: list[Card], categories: dict[str, Category]) -> list[Card]:
    return [card for card in found if categories.get(card.column) is not Category.DONE]


def select_cards(
    ctx: Context,
    board_key: str,
    *,
    cards: int | None = None,
    column: str | None = None,
    label: str | None = None,
    backlog_to: str | None = None,
    sprint_to: str | None = None,
) -> Selection:
    """Count the cards one of ``cards``, ``column``, ``label`` or ``backlog_to`` names.

    Only cards not done count: a forecast is about the work left.
    """
    if cards is not None:
        if cards < 1:
            raise InvalidInput(f"The number of cards is at least 1 (got {cards}).")
        return Selection(f"{cards:,} card{'' if cards == 1 else 's'}", cards)
    return _select_named(
        ctx, board_key, column=column, label=label, backlog_to=backlog_to, sprint_to=sprint_to
    )


def _select_named(
    ctx: Context,
    board_key: str,
    *,
    column: str | None,
    label: str | None,
    backlog_to: str | None,
    sprint_to: str | None,
) -> Selection:
    categories = _open_categories(ctx, board_key)
    if column is not None:
        found = card_service.list_cards(ctx, board_key, column=column)
        name = found[0].column if found else _column_name(ctx, board_key, column)
        if categories.get(name) is Category.DONE:
            raise RuleViolation(f"{name} is a done column: nothing in it is left to finish.")
        return Selection(f"the column {name}", len(found))
    if label is not None:
        wanted = label.strip().lower()
        if not wanted:
            raise InvalidInput("The label is empty.")
        found = [
            card
            for card in card_service.list_cards(ctx, board_key)
            if wanted in (item.lower() for item in card.labels)
        ]
        if not found:
            raise RuleViolation(
                f"No card on board {board_key} carries the label {label.strip()!r}."
            )
        return Selection(f"the cards labelled {label.strip()}", len(_not_done(found, categories)))
    if backlog_to is not None:
        key = validation.parse_card_key(backlog_to)
        wanted_key = f"{key[0]}-{key[1]}"
        backlog = sprint_metrics.backlog(ctx, board_key)
        keys = [card.key for card in backlog]
        if wanted_key not in keys:
            card = card_service.get_card(ctx, wanted_key)
            where = f"planned in Sprint {card.sprint}" if card.sprint else "done"
            raise RuleViolation(f"{wanted_key} is {where}, not in the backlog.")
        return Selection(f"the backlog to {wanted_key}", keys.index(wanted_key) + 1)
    if sprint_to is not None:
        card = card_service.get_card(ctx, sprint_to)
        if card.sprint is None:
            raise RuleViolation(f"{card.key} is in no sprint.")
        ahead = _not_done(card_service.list_cards(ctx, board_key, sprint=card.sprint), categories)
        keys = [item.key for item in ahead]
        if card.key not in keys:
            raise RuleViolation(f"{card.key} is done: nothing down to it is left to finish.")
        return Selection(f"Sprint {card.sprint} down to {card.key}", keys.index(card.key) + 1)
    raise InvalidInput("Say which cards: --cards N, --column C, --label L or --backlog-to KEY.")


def _column_name(ctx: Context, board_key: str, column: str) -> str:
    with ctx.db.read() as session:
        return repo.column_row(session, repo.board_row(session, board_key), column).name


@dataclass(frozen=True)
class WhenReport:
    selection: Selection
    forecast: mc.When
    today: date
    as_of: date | None = None
    """The day the forecast counts from, when not today."""


def when(
    ctx: Context,
    board_key: str,
    selection: Selection,
    *,
    window: int = mc.WINDOW,
    seed: int | None = None,
    trials: int = mc.TRIALS,
    as_of: date | None = None,
) -> WhenReport:
    """When the selected cards will be done; :class:`~..domain.forecast.ThinHistory`
    when the history is too thin to say. ``as_of``: as if today were that day
    (the window ends there, the dates count from there)."""
    mc.check_window(window)
    today = _day(ctx, as_of)
    calendar, found = _read_history(ctx, board_key, today, window)
    mc.check_history(found)  # "No history yet" before "nothing left" on a new board
    if selection.remaining == 0:
        # "0 cards: 50% by today" would be a forecast of nothing, made up.
        raise RuleViolation(f"Nothing to forecast: no card left to finish in {selection.what}.")
    forecast = mc.when(found, selection.remaining, today, calendar, trials=trials, seed=seed)
    return WhenReport(selection, forecast, ctx.today(), as_of)


def how_many(
    ctx: Context,
    board_key: str,
    by: date,
    *,
    window: int = mc.WINDOW,
    seed: int | None = None,
    trials: int = mc.TRIALS,
    as_of: date | None = None,
) -> mc.HowMany:
    """How many cards will be finished by the end of ``by`` (counted from
    ``as_of`` as if it were today, when given)."""
    mc.check_window(window)
    today = _day(ctx, as_of)
    if as_of is not None and by <= as_of:
        raise InvalidInput(
            f"The date must be after the as-of date ({as_of.isoformat()}); got {by}."
        )
    calendar, found = _read_history(ctx, board_key, today, window)
    return mc.how_many(found, by, today, calendar, trials=trials, seed=seed)


# -- sprint fit -------------------------------------------------------------------------


@dataclass(frozen=True)
class Fit:
    """The chance that a sprint's planned cards finish by its end."""

    sprint: int
    cards: int
    """Planned cards not done yet."""
    points: int
    working_days: int
    """Working days from the sprint's first (or tomorrow, if later) to its last."""
    by_cards: float | None
    """From the card throughput (None: too little history)."""
    by_points: float | None
    """From the points finished per day, the velocity at a day's grain."""
    note: str | None = None
    """Why there is no chance to show, in one sentence."""


def sprint_fit(
    ctx: Context,
    board_key: str,
    number: int,
    *,
    window: int = mc.WINDOW,
    seed: int | None = 0,
    trials: int = mc.TRIALS,
) -> Fit:
    """How likely sprint ``number``'s planned cards are all done by its end.

    Seeded by default, so the same history shows the same figure each time
    the Backlog is drawn.
    """
    from . import sprints

    today = ctx.today()
    sprint = sprints.get_sprint(ctx, board_key, number)
    categories = _open_categories(ctx, board_key)
    planned = _not_done(card_service.list_cards(ctx, board_key, sprint=number), categories)
    points = sum(card.points or 0 for card in planned)
    calendar, found = _read_history(ctx, board_key, today, window)
    if sprint.end is None:
        return Fit(number, len(planned), points, 0, None, None, "no end date")
    start = max(sprint.start or today, today + timedelta(days=1))
    days = calendar.count_between(start - timedelta(days=1), sprint.end)
    try:
        mc.check_history(found)
    except mc.ThinHistory as thin:
        return Fit(number, len(planned), points, days, None, None, thin.message)
    by_cards = mc.chance(found.cards, len(planned), days, trials=trials, seed=seed)
    by_points = mc.chance(found.points, points, days, trials=trials, seed=seed) if points else None
    return Fit(number, len(planned), points, days, by_cards, by_points)


# -- words shared by the command line and the TUI: forecast_words ------------------------


def label_counts(ctx: Context, board_key: str) -> list[tuple[str, int]]:
    """Each label of the board's cards not done, with how many carry it, most first."""
    categories = _open_categories(ctx, board_key)
    counts: dict[str, int] = {}
    for card in _not_done(card_service.list_cards(ctx, board_key), categories):
        for label in card.labels:
            counts[label] = counts.get(label, 0) + 1
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))
