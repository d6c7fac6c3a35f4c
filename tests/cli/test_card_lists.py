"""kanban card list: by sprint, unassigned cards, and the order a person reads."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from cli_helpers import Run

from kanban_tui.formatting import day_text

pytestmark = [pytest.mark.both_engines, pytest.mark.usefixtures("cli_db")]
"""Each test runs on a database file and on a PostgreSQL server (tests/conftest.py)."""


def keys(run: Run, *argv: str) -> list[str]:
    return [card["key"] for card in run("card", "list", *argv, "--json").json()]


@pytest.fixture
def planned(web: Run) -> Run:
    """WEB-1 (bob) and WEB-2 in sprint 1 (active), WEB-3 (bob) in sprint 2 (planned),
    WEB-4 in the backlog, WEB-5 done in no sprint."""
    web("card", "add", "One", "--assignee", "bob", "--points", "3")
    web("card", "add", "Two")
    web("sprint", "create", "--goal", "First")
    web("sprint", "add", "1", "WEB-1", "WEB-2")
    web("sprint", "start", "1")
    web("sprint", "create")
    web("card", "add", "Three", "--assignee", "bob", "--sprint", "2")
    web("card", "add", "Four")
    web("card", "add", "Five", "--column", "Done")
    return web


def test_list_by_sprint(planned: Run) -> None:
    assert keys(planned, "--sprint", "active") == ["WEB-1", "WEB-2"]
    assert keys(planned, "--sprint", "1") == ["WEB-1", "WEB-2"]
    assert keys(planned, "--sprint", "2") == ["WEB-3"]
    assert keys(planned, "--sprint", "backlog") == ["WEB-4"]
    assert keys(planned, "--sprint", "active", "--assignee", "bob") == ["WEB-1"]
    assert keys(planned, "--sprint", "backlog", "--column", "Done") == []
    cards = planned("card", "list", "--json").json()
    assert [card["sprint"] for card in cards] == [1, 1, 2, None, None]


def test_card_add_into_a_sprint_is_a_scope_change_on_the_active_one(planned: Run) -> None:
    assert planned("card", "add", "Hotfix", "--points", "2", "--sprint", "active").out == "WEB-6\n"
    report = planned("sprint", "report", "active", "--json").json()
    assert (report["added"], report["added_points"]) == (["WEB-6"], 2)
    assert planned("card", "add", "Later", "--sprint", "backlog").out == "WEB-7\n"
    assert planned("card", "show", "WEB-7", "--json").json()["sprint"] is None


def test_assignee_none_lists_the_unassigned_cards(planned: Run) -> None:
    assert keys(planned, "--assignee", "none") == ["WEB-2", "WEB-4", "WEB-5"]
    assert keys(planned, "--assignee", "None", "--sprint", "active") == ["WEB-2"]
    assert keys(planned, "--assignee", "none", "--sprint", "backlog") == ["WEB-4"]
    assert keys(planned, "--assignee", "bob") == ["WEB-1", "WEB-3"]


def test_the_human_list_goes_column_by_column(web: Run) -> None:
    web("card", "add", "Later done", "--column", "Done")
    web("card", "add", "Started", "--column", "In Progress")
    web("card", "add", "Waiting")
    web("card", "add", "Reviewing", "--column", "Review")
    web("card", "add", "Also waiting")
    web("card", "move", "WEB-5", "In Progress")
    # --json keeps the board's rank order
    assert keys(web) == ["WEB-1", "WEB-2", "WEB-3", "WEB-4", "WEB-5"]
    assert web("card", "list").out.splitlines() == [
        "KEY    COLUMN       PTS  ASSIGNEE  TITLE",
        "WEB-3  To Do          -  -         Waiting",
        "WEB-2  In Progress    -  -         Started",
        "WEB-5  In Progress    -  -         Also waiting",
        "WEB-4  Review         -  -         Reviewing",
        "WEB-1  Done           -  -         Later done",
    ]


def test_the_human_list_shows_sprints_when_cards_have_one(planned: Run) -> None:
    lines = planned("card", "list").out.splitlines()
    assert lines[0].split() == ["KEY", "COLUMN", "PTS", "ASSIGNEE", "SPRINT", "TITLE"]
    assert lines[1].split() == ["WEB-1", "To", "Do", "3", "bob", "1", "One"]
    assert lines[4].split() == ["WEB-4", "To", "Do", "-", "-", "-", "Four"]
    # Listing one sprint already says which sprint.
    assert "SPRINT" not in planned("card", "list", "--sprint", "2").out
    empty = planned("card", "list", "--sprint", "2", "--assignee", "none")
    assert (empty.out, empty.err) == ("", "No cards on WEB match.\n")


def test_the_human_list_shows_due_marks_when_cards_have_a_date(web: Run) -> None:
    today = date.today()  # the command reads the real clock
    web("card", "add", "Late", "--due", (today - timedelta(days=3)).isoformat())
    web("card", "add", "Soon", "--due", (today + timedelta(days=1)).isoformat())
    web("card", "add", "Undated")
    lines = web("card", "list").out.splitlines()
    assert lines[0].split() == ["KEY", "COLUMN", "PTS", "ASSIGNEE", "DUE", "TITLE"]
    late, soon = today - timedelta(days=3), today + timedelta(days=1)
    assert f"  overdue {day_text(late, today)}  " in lines[1] and lines[1].endswith("Late")
    assert f"  due {day_text(soon, today)}  " in lines[2] and lines[2].endswith("Soon")
    assert lines[3].split()[-2:] == ["-", "Undated"]
    # --json keeps its shape: the date, ISO 8601.
    assert [card["due"] for card in web("card", "list", "--json").json()] == [
        late.isoformat(), soon.isoformat(), None,
    ]  # fmt: skip
    # A list with no dated card stays as it was.
    web("card", "add", "Shipped", "--column", "Done")
    assert web("card", "list", "--column", "Done").out.split()[:5] == [
        "KEY", "COLUMN", "PTS", "ASSIGNEE", "TITLE",
    ]  # fmt: skip


@pytest.mark.parametrize(
    "argv",
    [
        ["sprint"], ["sprint", "create"], ["sprint", "add"], ["sprint", "remove"],
        ["sprint", "start"], ["sprint", "complete"], ["sprint", "edit"], ["sprint", "rm"],
        ["sprint", "list"], ["sprint", "report"], ["sprint", "burndown"],
        ["sprint", "velocity"], ["risk"], ["risk", "add"], ["risk", "edit"], ["risk", "list"],
        ["risk", "show"], ["risk", "link"], ["risk", "unlink"], ["risk", "mitigate"],
    ],
)  # fmt: skip
def test_every_new_command_has_help_with_examples(run: Run, argv: list[str]) -> None:
    result = run(*argv, "--help")
    assert (result.code, result.err) == (0, "")
    assert result.out.startswith(f"usage: kanban {' '.join(argv)} ")
    assert "\nexamples:\n  kanban " in result.out


def test_the_backlog_reads_in_rank_order(web: Run) -> None:
    web("card", "add", "Waiting")
    web("card", "add", "Started", "--column", "In Progress")
    web("card", "add", "Next")
    lines = web("card", "list", "--sprint", "backlog").out.splitlines()
    assert [line.split()[0] for line in lines[1:]] == ["WEB-1", "WEB-2", "WEB-3"]


def test_a_done_card_shows_its_date_without_a_due_mark(web: Run) -> None:
    """As on the board (domain.due.marked): a done card's date asks nothing of anyone."""
    today = date.today()  # the command reads the real clock
    late = today - timedelta(days=3)
    web("card", "add", "Shipped", "--due", late.isoformat())
    web("card", "add", "Late", "--due", late.isoformat())
    web("card", "move", "WEB-1", "Done")
    lines = web("card", "list").out.splitlines()
    shipped = next(line for line in lines if line.endswith("Shipped"))
    assert f"  {day_text(late, today)}  " in shipped
    assert "due" not in shipped.replace("Shipped", "")
    assert f"  overdue {day_text(late, today)}  " in lines[1] and lines[1].endswith("Late")
    web("card", "archive", "WEB-1")
    archived = web("card", "list", "--archived").out.splitlines()
    assert archived[0].split() == ["KEY", "COLUMN", "PTS", "ASSIGNEE", "DUE", "TITLE"]
    assert f"  {day_text(late, today)}  " in archived[1] and "due" not in archived[1]
