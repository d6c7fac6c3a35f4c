"""``kanban forecast``: when cards will be done, how many will be, by Monte Carlo.

The forecasts and their words are the services' (:mod:`..services.forecast`);
numpy loads only when a forecast runs.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from typing import TYPE_CHECKING, Any

from ..domain.errors import RuleViolation
from ..formatting import day_text, plural
from . import output
from .common import UsageError, board_context, examples
from .declare import command, command_group, json_option
from .output import safe

if TYPE_CHECKING:
    from ..domain.forecast import HowMany, When
    from ..services.context import Context

HOW = """\
From the board's own history: the cards finished on each of the last N working
days (default 30; weekends are days off unless `kanban forecast working-days`
says otherwise). 10,000 trials draw those days at random; the percentiles of
the trials are the forecast (docs/metrics.md). With fewer than 10 cards
finished in the window nothing is forecast (exit 1). --seed N repeats a
forecast exactly. --as-of DATE forecasts as if today were DATE (the window
ends there, the dates count from there): for a board whose history ended
long ago, such as an old Trello export."""


def register(commands: Any) -> None:
    actions = command_group(
        commands,
        "forecast",
        help="when will these cards be done, how many by a date (Monte Carlo)",
        description="""Forecast from the board's own throughput: when a set of cards will be done,
        or how many cards will be done by a date, at 50/85/95% confidence.""",
        epilog=examples(
            """
            kanban forecast when --cards 30
            kanban forecast when --column Review
            kanban forecast when --label api --json
            kanban forecast when --backlog-to WEB-30 --seed 7
            kanban forecast how-many --by 2026-12-18
            kanban forecast working-days sun-thu
            """,
            note=HOW,
        ),
    )

    when = command(
        actions,
        "when",
        run_when,
        help="when will these cards be done",
        description="""When the cards named will be done: the days by which 50%, 85% and 95% of the
        trials had finished them. Only cards not yet done count.""",
        epilog=examples(
            """
            kanban forecast when --cards 30
            kanban forecast when --column 'In Progress'
            kanban forecast when --backlog-to WEB-30 --json
            """,
            note=HOW,
        ),
    )
    which = when.add_mutually_exclusive_group(required=True)
    which.add_argument("--cards", metavar="N", help="this many cards")
    which.add_argument("--column", metavar="C", help="the cards in column C")
    which.add_argument("--label", metavar="L", help="the cards carrying label L")
    which.add_argument(
        "--backlog-to", metavar="KEY", help="the backlog from its top down to card KEY"
    )
    _common(when)

    many = command(
        actions,
        "how-many",
        run_how_many,
        help="how many cards will be done by a date",
        description="""How many cards will be done by the end of a day: at least K cards with 50%,
        85% and 95% confidence.""",
        epilog=examples("kanban forecast how-many --by 2026-12-18 --json", note=HOW),
    )
    many.add_argument("--by", metavar="YYYY-MM-DD", required=True, help="the last day counted")
    _common(many)

    days = command(
        actions,
        "working-days",
        run_working_days,
        help="show or set the board's working days",
        description="""The days of the week the team works, which forecasts count in (Monday to
        Friday unless set). Given DAYS, sets them; the change is logged.""",
        epilog=examples("kanban forecast working-days", "kanban forecast working-days sun-thu"),
    )
    days.add_argument("days", metavar="DAYS", nargs="?", help="e.g. mon-fri or mon,tue,wed,thu")


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--window", metavar="N", help="working days of history (default 30)")
    parser.add_argument("--seed", metavar="N", help="a seed: the same forecast every time")
    parser.add_argument("--as-of", metavar="YYYY-MM-DD", help="forecast as if today were this day")
    json_option(parser, "JSON")


def _whole(value: str | None, option: str, default: int | None = None) -> int | None:
    if value is None:
        return default
    try:
        return int(value.strip())
    except ValueError:
        raise UsageError(f"{option} takes a whole number (got {value!r})") from None


def _seed(args: argparse.Namespace) -> int | None:
    seed = _whole(args.seed, "--seed")
    if seed is not None and seed < 0:
        raise UsageError(f"--seed takes a whole number from 0 (got {seed})")
    return seed


def _window(args: argparse.Namespace) -> int:
    from ..domain import forecast

    return forecast.check_window(_whole(args.window, "--window", forecast.WINDOW) or 0)


def _as_of(args: argparse.Namespace) -> date | None:
    from ..domain import validation

    return validation.day(args.as_of, "--as-of") if args.as_of is not None else None


@contextmanager
def _thin(ctx: Context, key: str, args: argparse.Namespace, window: int) -> Iterator[None]:
    """A forecast refused for thin history: with --json, a JSON object saying why
    and the counts on stdout; the sentence (with the --as-of to try, for a board
    whose last finish is before the window) on stderr; exit 1 either way."""
    from ..domain import forecast as mc
    from ..services import forecast

    try:
        yield
    except mc.ThinHistory as thin:
        message = thin.message
        last = thin.last if isinstance(thin, mc.StaleHistory) else None
        if last is not None:
            hint = f"use --as-of {last.isoformat()} to forecast from then"
            message = f"{message.rstrip('.')}: {hint}."
        if args.json:
            found = forecast.history(ctx, key, window, args.as_of_day)
            output.write_json(
                {
                    "board": key,
                    "error": message,
                    "reason": "no history"
                    if found.ever == 0
                    else "stale history"
                    if last is not None
                    else "thin history",
                    "finished": found.finished,
                    "needed": mc.THIN,
                    "window": found.window,
                    "last_finish": found.last.isoformat() if found.last else None,
                    "as_of": (args.as_of_day or ctx.today()).isoformat(),
                }
            )
        raise RuleViolation(message) from None


def run_when(args: argparse.Namespace) -> int:
    from ..services import forecast

    cards = _whole(args.cards, "--cards")
    seed = _seed(args)
    window = _window(args)
    args.as_of_day = as_of = _as_of(args)
    with board_context(args) as (ctx, key):
        selection = forecast.select_cards(
            ctx, key, cards=cards, column=args.column, label=args.label, backlog_to=args.backlog_to
        )
        with _thin(ctx, key, args, window):
            report = forecast.when(ctx, key, selection, window=window, seed=seed, as_of=as_of)
        calendar = forecast.working_days(ctx, key)
    result = report.forecast
    if args.json:
        output.write_json(
            {
                "board": key,
                "selection": selection.what,
                "cards": selection.remaining,
                "today": report.today.isoformat(),
                "as_of": (as_of or report.today).isoformat(),
                "percentiles": {str(p): day.isoformat() for p, day in result.dates.items()},
                "working_days_needed": {str(p): n for p, n in result.days.items()},
                "histogram": [
                    {"date": day.isoformat(), "trials": count} for day, count in result.histogram
                ],
                **_about(result, calendar.working),
            }
        )
        return 0
    output.write(
        [
            safe(forecast.when_sentence(result, report.today)),
            safe(_basis(result, selection.what, as_of)),
            "",
            *forecast.histogram_lines(result, report.today, calendar, unicode=output.utf8_stdout()),
        ]
    )
    return 0


def _basis(result: When | HowMany, what: str | None = None, as_of: date | None = None) -> str:
    from ..services.forecast import basis

    return f"({what}; {basis(result, as_of)})" if what else f"({basis(result, as_of)})"


def _about(result: When | HowMany, working: frozenset[int]) -> dict[str, Any]:
    from ..domain.calendar import describe_working_days

    return {
        "window": result.window,
        "sample_size": result.sample_size,
        "finished": result.finished,
        "trials": result.trials,
        "seed": result.seed,
        "working_days": describe_working_days(working),
    }


def run_how_many(args: argparse.Namespace) -> int:
    from ..domain import validation
    from ..services import forecast

    by = validation.day(args.by, "--by")
    assert by is not None
    seed = _seed(args)
    window = _window(args)
    args.as_of_day = as_of = _as_of(args)
    with board_context(args) as (ctx, key):
        with _thin(ctx, key, args, window):
            result = forecast.how_many(ctx, key, by, window=window, seed=seed, as_of=as_of)
        calendar = forecast.working_days(ctx, key)
        today = ctx.today()
    if args.json:
        output.write_json(
            {
                "board": key,
                "by": by.isoformat(),
                "today": today.isoformat(),
                "as_of": (as_of or today).isoformat(),
                "working_days_to_date": result.working_days,
                "cards": {str(p): count for p, count in result.cards.items()},
                **_about(result, calendar.working),
            }
        )
        return 0
    counts = ", ".join(f"{p}%: at least {count:,}" for p, count in result.cards.items())
    output.write(
        [
            f"By {day_text(by, today)} ({plural(result.working_days, 'working day')}): {counts}",
            safe(_basis(result, as_of=as_of)),
        ]
    )
    return 0


def run_working_days(args: argparse.Namespace) -> int:
    from ..domain.calendar import describe_working_days
    from ..services import forecast

    with board_context(args) as (ctx, key):
        if args.days is None:
            calendar = forecast.working_days(ctx, key)
            output.write(f"{key} works {describe_working_days(calendar.working)}")
            return 0
        calendar = forecast.set_working_days(ctx, key, args.days)
    output.write(f"{key} works {describe_working_days(calendar.working)} from now on")
    return 0
