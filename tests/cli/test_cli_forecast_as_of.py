"""``kanban forecast --as-of``: a real Trello board whose history ended in
December 2017 (trello_andrej1c_howgoesit.json, its last card finished on
22 Dec 2017) is forecast from then, and without --as-of it says so."""

from __future__ import annotations

from datetime import date

import pytest
from cli_helpers import Run
from import_fixtures import FIXTURES, needs_fixtures

pytestmark = needs_fixtures
HOWGOESIT = str(FIXTURES / "trello_andrej1c_howgoesit.json")
STALE = (
    "No card finished in the last 30 working days; the last finish was 22 Dec 2017: "
    "use --as-of 2017-12-22 to forecast from then."
)


@pytest.fixture
def old(run: Run) -> Run:
    assert run("import", "--from", "trello", HOWGOESIT, "--as", "HGI").code == 0
    return run


def test_a_board_whose_history_ended_long_ago_names_its_last_finish(old: Run) -> None:
    refused = old("forecast", "when", "--cards", "10")
    assert (refused.code, refused.out, refused.error) == (1, "", f"error: {STALE}")
    # With --json: the reason and the counts on stdout, still exit 1.
    data = old("forecast", "how-many", "--by", "2030-01-01", "--json")
    assert data.code == 1 and data.error == f"error: {STALE}"
    assert data.json() | {"as_of": None} == {
        "board": "HGI",
        "error": STALE,
        "reason": "stale history",
        "finished": 0,
        "needed": 10,
        "window": 30,
        "last_finish": "2017-12-22",
        "as_of": None,
    }


def test_as_of_forecasts_from_that_day(old: Run) -> None:
    result = old("forecast", "when", "--cards", "10", "--as-of", "2017-12-22", "--seed", "1")
    assert result.code == 0, result.err
    # All 19 of its finishes (11-22 Dec 2017, a weekend's among them) are in the window.
    assert result.out.splitlines()[1] == (
        "(10 cards; from 19 cards finished in the 30 working days to 22 Dec 2017, "
        "10,000 trials, seed 1)"
    )
    data = old("forecast", "when", "--cards", "10", "--as-of", "2017-12-22", "--json").json()
    assert data["as_of"] == "2017-12-22" and data["finished"] == 19
    assert data["today"] == date.today().isoformat()
    days = [date.fromisoformat(day) for day in data["percentiles"].values()]
    assert date(2017, 12, 22) < days[0] <= days[1] <= days[2] < date(2019, 1, 1)
    many = old("forecast", "how-many", "--by", "2018-01-31", "--as-of", "2017-12-22", "--json")
    assert many.json()["as_of"] == "2017-12-22" and many.json()["finished"] == 19


def test_a_bad_or_future_as_of_is_one_sentence(old: Run) -> None:
    future = old("forecast", "when", "--cards", "3", "--as-of", "2099-01-01")
    assert future.code != 0 and future.error.startswith(
        "error: The as-of date must be today or earlier"
    )
    assert "Traceback" not in future.err and future.out == ""
    bad = old("forecast", "how-many", "--by", "2018-01-31", "--as-of", "22/12/2017")
    assert (bad.code, bad.error) == (
        2,
        "error: --as-of must be a date as YYYY-MM-DD (got '22/12/2017').",
    )
    early = old("forecast", "how-many", "--by", "2017-12-01", "--as-of", "2017-12-22")
    assert (
        early.error == "error: The date must be after the as-of date (2017-12-22); got 2017-12-01."
    )
