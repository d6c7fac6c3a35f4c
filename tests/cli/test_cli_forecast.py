"""``kanban forecast``: known answers on a steady history, JSON, thin history, bad input."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

import pytest
from cli_helpers import Run

from kanban_tui.domain.calendar import Calendar
from kanban_tui.formatting import day_text
from kanban_tui.services import Context, boards, cards
from kanban_tui.storage.database import Database

WEEKDAYS = Calendar()


@pytest.fixture
def steady(run: Run, db_path: Path) -> date:
    """Board WEB with 2 cards finished on each of the last 12 working days
    (the command reads the real clock, so the history is made relative to it)."""
    today = date.today()
    database = Database.open(db_path)
    ctx = Context(database, actor="alice")

    def at(day: date, hour: int) -> Context:
        return replace(ctx, clock=lambda: datetime.combine(day, time(hour), tzinfo=UTC))

    with database.batch():
        boards.create_board(at(today - timedelta(days=30), 8), "WEB", "Website")
        for day in WEEKDAYS.days_back(today, 12):
            for _ in range(2):
                card = cards.add_card(at(day, 0), "WEB", "work")
                cards.move_card(at(day, 0), card.key, "Done")
        cards.add_card(at(today, 0), "WEB", "left", labels=["api"])
    database.close()
    return today


def test_when_constant_throughput(run: Run, steady: date) -> None:
    result = run("forecast", "when", "--cards", "30", "--window", "12", "--seed", "4")
    done = day_text(WEEKDAYS.nth_after(steady, 15), steady)
    assert result.code == 0, result.err
    assert result.out.splitlines() == [
        f"30 cards: 50% by {done}, 85% by {done}, 95% by {done}",
        "(30 cards; from 24 cards finished in the last 12 working days, 10,000 trials, seed 4)",
        "",
        # The histogram of finishing dates, as W shows it: every trial on one day.
        "Trials by finishing day (▲: the 50/85/95% days):",
        f"  {done}  {'█' * 30}  10,000  ▲ 50% 85% 95%",
    ]


def test_when_json_names_its_basis(run: Run, steady: date) -> None:
    data = run("forecast", "when", "--label", "api", "--json", "--window", "12").json()
    tomorrow = WEEKDAYS.nth_after(steady, 1).isoformat()
    assert data["percentiles"] == {"50": tomorrow, "85": tomorrow, "95": tomorrow}
    assert data["histogram"] == [{"date": tomorrow, "trials": 10_000}]
    assert (data["cards"], data["window"], data["sample_size"], data["trials"]) == (
        1,
        12,
        12,
        10_000,
    )
    assert data["finished"] == 24 and data["seed"] is None and data["working_days"] == "mon-fri"


def test_how_many_and_working_days(run: Run, steady: date) -> None:
    by = WEEKDAYS.nth_after(steady, 5)
    data = run("forecast", "how-many", "--by", by.isoformat(), "--window", "12", "--json").json()
    assert data["cards"] == {"50": 10, "85": 10, "95": 10} and data["working_days_to_date"] == 5
    assert (
        run("forecast", "working-days", "sun-thu").out
        == "WEB works mon,tue,wed,thu,sun from now on\n"
    )
    assert run("forecast", "working-days").out == "WEB works mon,tue,wed,thu,sun\n"


def test_thin_history_and_bad_input(web: Run) -> None:
    assert web("forecast", "when", "--cards", "5").error == (
        "error: No history yet: no card on this board has been finished."
    )
    assert web("forecast", "when", "--cards", "5").code == 1
    for argv, sentence in (
        (("when", "--cards", "many"), "error: --cards takes a whole number (got 'many')"),
        (("when", "--cards", "0"), "error: The number of cards is at least 1 (got 0)."),
        (
            ("when", "--cards", "3", "--seed", "-1"),
            "error: --seed takes a whole number from 0 (got -1)",
        ),
        (("how-many", "--by", "soon"), "error: --by must be a date as YYYY-MM-DD (got 'soon')."),
        (
            ("when", "--cards", "3", "--window", "0"),
            "error: The window is 1-365 working days (got 0).",
        ),
        (
            ("working-days", "funday"),
            "error: 'funday' is not a day of the week; use mon, tue, wed, thu, fri, sat or sun.",
        ),
    ):
        result = web("forecast", *argv)
        assert (result.code, result.error) == (2, sentence)
