"""kanban sprint ...: a whole sprint cycle from the command line, and the reports.

The command line runs on the real clock, so dates are relative to today.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from cli_helpers import Run, dump

pytestmark = [pytest.mark.both_engines, pytest.mark.usefixtures("cli_db")]
"""Each test runs on a database file and on a PostgreSQL server (tests/conftest.py)."""

SPRINT_KEYS = [
    "number", "board", "name", "goal", "start", "end", "state", "length",
    "card_count", "points", "created_at", "started_at", "completed_at",
]  # fmt: skip

REPORT_KEYS = [
    "number", "board", "name", "goal", "state", "start",
    "committed_points", "committed_count", "added_points", "added_count",
    "removed_points", "removed_count", "completed_points", "completed_count",
    "carried_over_points", "carried_over_count",
    "committed", "added", "removed", "completed", "carried_over",
    "end", "completed_on", "days_late", "timing",
]  # fmt: skip


def day(offset: int) -> str:
    return (date.today() + timedelta(days=offset)).isoformat()


def keys(result) -> list[str]:
    return [card["key"] for card in result.json()]


@pytest.fixture
def cards(web: Run) -> Run:
    """WEB-1..6 with 5, 3, 2, 8, 1 and no points, all in the backlog."""
    for title, points in (("A", "5"), ("B", "3"), ("C", "2"), ("D", "8"), ("E", "1")):
        assert web("card", "add", title, "--points", points).code == 0
    assert web("card", "add", "F").out == "WEB-6\n"
    return web


def refused(run: Run, cli_db: Path, *argv: str) -> str:
    """Run a command that must be refused by a rule: exit 1, one line, nothing changed."""
    before = dump(cli_db)
    result = run(*argv)
    assert (result.code, result.out) == (1, ""), result.err
    assert dump(cli_db) == before
    return result.error


def test_a_whole_sprint_cycle(cards: Run, cli_db: Path) -> None:
    run = cards
    created = run("sprint", "create", "--start", day(-3), "--length", "10")
    assert (created.code, created.err) == (0, "")
    assert created.out == (
        f"Planned Sprint 1 on WEB: {day(-3)} to {day(6)} (10 days); "
        "no goal yet (needed to start).\n"
    )
    added = run("sprint", "add", "1", "WEB-1", "WEB-2", "web-3", "WEB-4")
    assert added.out == (
        "Added WEB-1, WEB-2, WEB-3 and WEB-4 to Sprint 1. It holds 4 cards, 18 points now.\n"
    )
    again = run("sprint", "add", "1", "WEB-1")
    assert again.out == "WEB-1 is in Sprint 1 already. It holds 4 cards, 18 points now.\n"

    # Starting needs a goal; the refusal names the option that gives one.
    error = refused(run, cli_db, "sprint", "start", "1")
    assert error == "error: Sprint 1 needs a goal before it starts; give one with --goal G."
    started = run("sprint", "start", "1", "--goal", "Checkout works", "--start", day(-3))
    assert started.out == (
        f"Started Sprint 1 on WEB: {day(-3)} to {day(6)} (10 days); goal: Checkout works. "
        "Committed: 4 cards, 18 points.\n"
    )

    # Work happens; scope changes mid-sprint are allowed and recorded.
    for key, column in (("WEB-1", "Done"), ("WEB-3", "Done"), ("WEB-2", "In Progress")):
        assert run("card", "move", key, column).code == 0
    assert run("card", "add", "Hotfix", "--points", "3", "--sprint", "active").out == "WEB-7\n"
    assert run("sprint", "add", "active", "WEB-5").out == (
        "Added WEB-5 to Sprint 1 (a scope change). It holds 6 cards, 22 points now.\n"
    )
    assert run("sprint", "remove", "active", "WEB-4").out == (
        "Took WEB-4 out of Sprint 1 (a scope change), back to the backlog. "
        "It holds 5 cards, 14 points now.\n"
    )
    assert keys(run("card", "list", "--sprint", "active", "--json")) == [
        "WEB-1", "WEB-2", "WEB-3", "WEB-5", "WEB-7",
    ]  # fmt: skip
    assert keys(run("card", "list", "--sprint", "1", "--json")) == keys(
        run("card", "list", "--sprint", "active", "--json")
    )
    assert keys(run("card", "list", "--sprint", "backlog", "--json")) == ["WEB-4", "WEB-6"]

    # The live report: committed 18 (4 cards); added WEB-7 (3) and WEB-5 (1);
    # removed WEB-4 (8); done WEB-1 (5) and WEB-3 (2); not done WEB-2, WEB-5, WEB-7.
    live = run("sprint", "report", "active", "--json").json()
    assert list(live) == REPORT_KEYS
    expected = {
        "committed_points": 18, "committed_count": 4,
        "added_points": 4, "added_count": 2,
        "removed_points": 8, "removed_count": 1,
        "completed_points": 7, "completed_count": 2,
        "carried_over_points": 7, "carried_over_count": 3,
        "committed": ["WEB-1", "WEB-2", "WEB-3", "WEB-4"],
        "added": ["WEB-7", "WEB-5"],
        "removed": ["WEB-4"],
        "completed": ["WEB-1", "WEB-3"],
        "carried_over": ["WEB-2", "WEB-5", "WEB-7"],
    }  # fmt: skip
    assert live == live | expected | {"state": "active", "completed_on": None, "timing": None}
    text = run("sprint", "report", "active").out.splitlines()
    assert text[0] == "Sprint 1 on WEB, active, 7 days left (a live report: as if it ended today)"
    assert "  not done yet      3       7" in text

    # Completing 6 days early; unfinished cards go to a next sprint made for them.
    done = run("sprint", "complete", "--carry-over", "next")
    assert done.out.splitlines() == [
        "Completed Sprint 1, 6 days early: 7 of 14 points done (2 of 5 cards).",
        "3 unfinished cards (7 points) carried over to Sprint 2 (created for them): "
        "WEB-2, WEB-5, WEB-7.",
    ]
    report = run("sprint", "report", "1", "--json").json()
    assert report == report | expected
    assert report | {"state": "completed", "end": day(6), "completed_on": day(0)} == report
    assert (report["days_late"], report["timing"]) == (-6, "early")
    listed = run("sprint", "list", "--json").json()
    assert all(list(item) == SPRINT_KEYS for item in listed)
    assert [(s["number"], s["state"], s["start"], s["end"]) for s in listed] == [
        (1, "completed", day(-3), day(6)),
        (2, "planned", day(7), day(16)),
    ]
    assert keys(run("card", "list", "--sprint", "2", "--json")) == ["WEB-2", "WEB-5", "WEB-7"]
    error = refused(run, cli_db, "sprint", "add", "1", "WEB-4")
    assert error == "error: Sprint 1 is completed and read-only."

    # Sprint 2 starts today instead of its planned day; then it completes into the
    # backlog and the next sprint (made now) starts at once.
    started = run("sprint", "start", "2", "--goal", "Finish checkout", "--start", day(0))
    assert f"Started Sprint 2 on WEB: {day(0)} to {day(9)} (10 days)" in started.out
    run("card", "move", "WEB-2", "Done")
    done = run("sprint", "complete", "--carry-over", "backlog", "--start-next", "--goal", "Polish")
    assert done.out.splitlines() == [
        "Completed Sprint 2, 9 days early: 3 of 7 points done (1 of 3 cards).",
        "2 unfinished cards (4 points) went to the top of the backlog: WEB-5, WEB-7.",
        f"Started Sprint 3: {day(0)} to {day(9)} (10 days); goal: Polish. "
        "Committed: 0 cards, 0 points.",
    ]
    backlog = keys(run("card", "list", "--sprint", "backlog", "--json"))
    assert backlog == ["WEB-5", "WEB-7", "WEB-4", "WEB-6"]
    states = [(s["number"], s["state"]) for s in run("sprint", "list", "--json").json()]
    assert states == [(1, "completed"), (2, "completed"), (3, "active")]
    velocity = run("sprint", "velocity", "--json").json()
    assert velocity == {
        "sprints": [
            {"number": 1, "name": "Sprint 1", "committed_points": 18, "completed_points": 7},
            {"number": 2, "name": "Sprint 2", "committed_points": 7, "completed_points": 3},
        ],
        "mean": 5.0,
    }


def test_markdown_and_text_reports(cards: Run) -> None:
    run = cards
    run("sprint", "create", "--name", "Launch", "--goal", "Ship *it*", "--start", day(-1))
    run("sprint", "add", "1", "WEB-1", "WEB-2")
    run("card", "edit", "WEB-2", "--title", "Fix [link] | table")
    run("sprint", "start", "1", "--start", day(-1))
    run("card", "move", "WEB-1", "Done")
    run("sprint", "complete")
    markdown = run("sprint", "report", "1", "--markdown")
    assert (markdown.code, markdown.err) == (0, "")
    assert markdown.out.splitlines() == [
        "# Sprint 1: Launch report",
        "",
        "- **Board:** WEB",
        f"- **Dates:** {day(-1)} to {day(12)} (14 days)",
        f"- **State:** completed on {day(0)}, 12 days early",
        "- **Goal:** Ship \\*it\\*",
        "",
        "| | Cards | Points |",
        "|:--|--:|--:|",
        "| Committed | 2 | 8 |",
        "| Added | 0 | 0 |",
        "| Removed | 0 | 0 |",
        "| Completed | 1 | 5 |",
        "| Carried over | 1 | 3 |",
        "",
        "## Completed (1 card, 5 points)",
        "",
        "- WEB-1 A (5 points)",
        "",
        "## Carried over (1 card, 3 points)",
        "",
        "- WEB-2 Fix \\[link\\] \\| table (3 points)",
    ]
    text = run("sprint", "report", "1").out.splitlines()
    assert text[:3] == [
        f'Sprint 1 "Launch" on WEB, completed on {day(0)}, 12 days early',
        f"  dates  {day(-1)} to {day(12)} (14 days)",
        "  goal   Ship *it*",
    ]
    assert text[-2:] == ["  completed     WEB-1", "  carried over  WEB-2"]
    assert run("sprint", "report", "1", "--json", "--markdown").code == 2


def test_a_late_sprint_is_flagged_then_reported_late(cards: Run) -> None:
    run = cards
    run("sprint", "create", "--goal", "Late one")
    run("sprint", "add", "1", "WEB-1")
    run("sprint", "start", "1", "--start", day(-20), "--length", "14")
    listing = run("sprint", "list").out.splitlines()
    assert "active, 7 days overdue" in listing[1]
    assert listing[-1] == f"Sprint 1 ended on {day(-7)}, 7 days ago; complete it."
    done = run("sprint", "complete")
    assert done.out.splitlines()[0] == (
        "Completed Sprint 1, 7 days late: 0 of 5 points done (0 of 1 card)."
    )
    report = run("sprint", "report", "1", "--json").json()
    assert (report["days_late"], report["timing"]) == (7, "late")


def test_burndown_json_and_table(cards: Run) -> None:
    run = cards
    run("sprint", "create", "--goal", "g", "--start", day(-2), "--length", "5")
    run("sprint", "add", "1", "WEB-1", "WEB-2")
    run("sprint", "start", "1", "--start", day(-2))
    run("card", "move", "WEB-1", "Done")
    chart = run("sprint", "burndown", "--json").json()
    assert list(chart) == [
        "number", "days", "committed", "ideal", "remaining", "scope",
        "added", "removed", "completed",
    ]  # fmt: skip
    assert chart["days"] == [day(n) for n in range(-2, 3)]
    assert chart["committed"] == 8
    assert chart["remaining"] == [8, 8, 8, 3, None, None]
    assert chart["completed"] == [0, 0, 5, 0, 0]
    table = run("sprint", "burndown", "1").out.splitlines()
    assert table[0] == f"Sprint 1 burndown, {day(-2)} to {day(2)} (5 days): 8 points committed"
    assert table[2].split() == ["DAY", "IDEAL", "LEFT", "SCOPE", "ADDED", "REMOVED", "DONE"]
    assert table[6].split()[:4] == [day(0), "3.2", "3", "8"]


def test_create_edit_and_delete(web: Run) -> None:
    created = web("sprint", "create", "--goal", "First", "--json").json()
    assert list(created) == SPRINT_KEYS
    assert created | {"number": 1, "name": "Sprint 1", "state": "planned", "length": 14} == created
    assert (created["start"], created["end"]) == (day(0), day(13))
    second = web("sprint", "create", "--length", "7").out
    assert second == (
        f"Planned Sprint 2 on WEB: {day(14)} to {day(20)} (7 days); no goal yet (needed to start).\n"  # noqa: E501
    )
    edited = web("sprint", "edit", "2", "--name", "Launch", "--goal", "Go live")
    assert edited.out == 'Sprint 2: name "Sprint 2" → "Launch"; goal (none) → "Go live".\n'
    assert web("sprint", "edit", "2", "--goal", "Go live").out == "Sprint 2: nothing changed.\n"
    web("card", "add", "x", "--points", "2", "--sprint", "2")
    assert web("sprint", "rm", "2").out == (
        'Deleted Sprint 2 "Launch"; its 1 card, 2 points went back to the backlog.\n'
    )
    assert keys(web("card", "list", "--sprint", "backlog", "--json")) == ["WEB-1"]
    assert web("sprint", "create").out.startswith("Planned Sprint 3 on WEB")


def test_list_human(cards: Run) -> None:
    run = cards
    empty = run("sprint", "list")
    assert empty.err == "No sprints on WEB yet: plan one with `kanban sprint create`.\n"
    run("sprint", "create", "--goal", "One", "--start", day(-1))
    run("sprint", "add", "1", "WEB-1")
    run("sprint", "start", "1", "--start", day(-1))
    run("card", "move", "WEB-1", "Done")
    run("sprint", "complete")
    run("sprint", "create", "--goal", "Two", "--start", day(0))
    run("sprint", "start", "2")
    run("sprint", "create")
    assert run("sprint", "list").out.splitlines() == [
        "#  STATE                 START       END         CARDS  PTS  GOAL",
        f"1  completed             {day(-1)}  {day(12)}      1    5  One",
        f"2  active, 14 days left  {day(0)}  {day(13)}      0    0  Two",
        f"3  planned               {day(14)}  {day(27)}      0    0  -",
        "",
        "Velocity: 5.0 points (mean of the last completed sprint).",
    ]
    run("sprint", "edit", "3", "--name", "Launch")
    assert run("sprint", "list").out.splitlines()[3] == (
        f"3  Launch    planned               {day(14)}  {day(27)}      0    0  -"
    )


def test_user_text_never_reaches_the_terminal_raw(web: Run) -> None:
    goal = "\x1b[31mred\x07 [@click=app.quit]x[/]"
    web("sprint", "create", "--goal", goal)
    web("sprint", "start", "1")
    web("risk", "add", "T\x1b]0;title\x07", "-p", "1", "-i", "1", "--mitigation", "a\x9bb")
    for argv in (
        ["sprint", "list"],
        ["sprint", "report", "1"],
        ["sprint", "report", "1", "--markdown"],
        ["sprint", "report", "1", "--json"],
        ["risk", "list"],
        ["risk", "show", "WEB-R1"],
        ["risk", "list", "--json"],
    ):
        out = web(*argv).out
        assert "\x1b" not in out and "\x07" not in out and "\x9b" not in out, argv
    assert web("sprint", "list", "--json").json()[0]["goal"] == goal


def test_dates_in_the_past_or_over_a_completed_sprint_need_yes(cards: Run, cli_db: Path) -> None:
    run = cards
    error = refused(run, cli_db, "sprint", "create", "--start", day(-30), "--length", "14")
    assert error == (
        f"error: {day(-30)} to {day(-17)} is wholly in the past (today is {day(0)}); "
        "add --yes to plan the sprint on those dates anyway."
    )
    assert run("sprint", "create", "--start", day(-30), "--length", "14", "--yes").code == 0
    # Sprint 1 is now completed with its days in the past; planning over them asks too.
    run("sprint", "add", "1", "WEB-1")
    assert (
        run("sprint", "start", "1", "--goal", "G", "--start", day(-3), "--length", "10").code == 0
    )
    assert run("sprint", "complete").code == 0
    run("sprint", "create", "--start", day(1))  # Sprint 2 on fresh days: no question
    error = refused(run, cli_db, "sprint", "edit", "2", "--start", day(-3))
    assert f"overlaps the completed Sprint 1 ({day(-3)} to {day(-1)})" in error
    assert error.endswith("; add --yes to plan the sprint on those dates anyway.")
    assert run("sprint", "edit", "2", "--start", day(-3), "--yes").code == 0
    assert run("sprint", "edit", "2", "--goal", "Dates kept").code == 0  # no new dates, no question


def test_adding_many_cards_names_ten_and_counts_the_rest(web: Run) -> None:
    for number in range(12):
        assert web("card", "add", f"Card {number}").code == 0
    assert web("sprint", "create", "--goal", "Many").code == 0
    added = web("sprint", "add", "1", *(f"WEB-{n}" for n in range(1, 13))).out.strip()
    assert added.startswith("Added WEB-1, WEB-2, ") and "WEB-9 and 3 more to Sprint 1." in added
    assert "WEB-10" not in added and "It holds 12 cards" in added
