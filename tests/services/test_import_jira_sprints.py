"""The sprints of the real Jira exports: order, states, dates and frozen reports,
counted by hand from each file with the csv module."""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import storehelp
from import_fixtures import FIXTURES, needs_fixtures

from kanban_tui.domain import sprints as rules
from kanban_tui.services import Context
from kanban_tui.services.import_jira import import_jira
from kanban_tui.services.sprint_metrics import sprint_report, velocity

pytestmark = needs_fixtures
JIRA_FILES = sorted(FIXTURES.glob("jira_*.csv"))
POINTS = (
    "Custom field (Story Points)",
    "Custom field (Story point estimate)",
    "Story Points",
    "Story point estimate",
)


def when(text: str) -> datetime:
    return datetime.strptime(text.strip(), "%d/%b/%y %I:%M %p")


@dataclass
class Counted:
    """One sprint of a file, counted straight from its rows."""

    listed: list[str] = field(default_factory=list)
    """Issue keys that name the sprint in any Sprint column."""
    finished: list[str] = field(default_factory=list)
    """Done issues whose last sprint it is."""
    carried: list[str] = field(default_factory=list)
    """Issues that name it but whose last sprint is another."""
    open: int = 0
    """Issues whose last sprint it is that are not done."""
    created: list[datetime] = field(default_factory=list)
    resolved: list[datetime] = field(default_factory=list)
    done_points: int = 0
    all_points: int = 0


def count(path: Path) -> dict[str, Counted]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        header, *rows = list(csv.reader(handle))
    col = {name: header.index(name) for name in header}
    sprint_columns = [i for i, name in enumerate(header) if name == "Sprint"]
    point_columns = [i for i, name in enumerate(header) if name in POINTS]
    found: dict[str, Counted] = {}
    for row in rows:
        names = [row[i].strip() for i in sprint_columns if row[i].strip()]
        if not names:
            continue
        if "Status Category" in col:
            done = row[col["Status Category"]] == "Done"
        else:
            done = row[col["Status"]].casefold() == "done"
        points = next((int(float(row[i])) for i in point_columns if row[i].strip()), 0)
        key = row[col["Issue key"]]
        for name in names:
            sprint = found.setdefault(name, Counted())
            sprint.listed.append(key)
            sprint.created.append(when(row[col["Created"]]))
            sprint.all_points += points
            if name != names[-1]:
                sprint.carried.append(key)
            elif done:
                sprint.finished.append(key)
                sprint.done_points += points
                sprint.resolved.append(when(row[col["Resolved"]]))
            else:
                sprint.open += 1
    return found


def rows(ctx: Context, sql: str, *params: object) -> list[tuple[Any, ...]]:
    return storehelp.raw(ctx.db.path, sql, *params)


@pytest.mark.parametrize("path", JIRA_FILES, ids=lambda p: p.stem)
def test_every_real_export_has_its_sprints_and_their_states(ctx: Context, path: Path) -> None:
    counted = count(path)
    import_jira(ctx, path.read_text(encoding="utf-8-sig"), key="JIRA")
    stored = rows(ctx, "select name, state from sprint order by number")
    expected = {name: "planned" if sprint.open else "completed" for name, sprint in counted.items()}
    assert dict(stored) == expected
    assert len(stored) == len(counted)
    assert all(state != "active" for _, state in stored)  # at most one: none here


def test_bellali_sprints_are_in_their_numbers_order() -> None:
    names = list(count(FIXTURES / "jira_bellali_cs4483_2026.csv"))
    assert [name.split(" — ")[0] for name in names] == [  # the file lists Sprint 4 before 3
        "Sprint 0",
        "Sprint 4",
        "Sprint 3",
        "Sprint 2",
        "Sprint 1",
    ]


@pytest.mark.parametrize(
    ("name", "order"),
    [
        (
            "jira_bellali_cs4483_2026.csv",
            [
                "Sprint 0 — Setup & Planning",
                "Sprint 1 — Core Loop Demo",
                "Sprint 2 — Prototype Foundatio",
                "Sprint 3 — Content & Balancing",
                "Sprint 4 — Build, Polish & Rep",
            ],
        ),
        # four sprints all numbered 1: by their earliest issue (FT-2 at 9:53 on 1 Sep 2021, ...)
        (
            "jira_rohan019_ugv_crlf_2021.csv",
            ["FT Sprint 1", "OLA1 Sprint 1", "OL69 Sprint 1", "UGV Sprint 1"],
        ),
    ],
)
def test_sprints_are_ordered_sensibly(ctx: Context, name: str, order: list[str]) -> None:
    summary = import_jira(ctx, (FIXTURES / name).read_text(encoding="utf-8-sig"))
    assert [n for (n,) in rows(ctx, "select name from sprint order by number")] == order
    assert any("not in the order the file lists them" in s for s in summary.skipped["sprints"])


@pytest.mark.parametrize("path", JIRA_FILES, ids=lambda p: p.stem)
def test_completed_sprints_have_inferred_dates_and_a_frozen_report(
    ctx: Context, path: Path
) -> None:
    counted = count(path)
    summary = import_jira(ctx, path.read_text(encoding="utf-8-sig"), key="JIRA")
    stored = rows(ctx, 'select number, name, start, "end", state from sprint order by number')
    done = [(n, name, start, end) for n, name, start, end, state in stored if state == "completed"]
    origin = rows(ctx, "select number, description from card")
    keys = {f"JIRA-{n}": text.splitlines()[0].removeprefix("from ") for n, text in origin}
    for number, name, start, end in done:
        sprint = counted[name]
        last = max(sprint.resolved).date() if sprint.resolved else max(sprint.created).date()
        first = last - timedelta(days=rules.DEFAULT_DAYS - 1)  # one completed sprint per file
        assert (date.fromisoformat(start), date.fromisoformat(end)) == (first, last)
        rules.check_dates(date.fromisoformat(start), date.fromisoformat(end))
        report = sprint_report(ctx, "JIRA", number)
        assert report.completed_on == last
        shown = {card: keys[card] for card in report.committed}
        assert sorted(shown.values()) == sorted(sprint.listed)
        assert sorted(shown[card] for card in report.completed) == sorted(sprint.finished)
        assert sorted(shown[card] for card in report.carried_over) == sorted(sprint.carried)
        assert report.committed_points == sprint.all_points
        assert report.velocity == sprint.done_points
    chart = velocity(ctx, "JIRA")
    assert list(chart.numbers) == [number for number, *_ in done]
    if done:
        assert "sprint dates" in summary.skipped
    else:
        assert "sprint dates" not in summary.skipped


def test_the_real_files_with_a_completed_sprint() -> None:
    """The case above is not empty: two real files end a sprint."""
    ended = {
        path.name: [name for name, sprint in count(path).items() if not sprint.open]
        for path in JIRA_FILES
    }
    assert ended["jira_bellali_cs4483_2026.csv"] == ["Sprint 0 — Setup & Planning"]
    assert ended["jira_matinkhajavi_small_2025.csv"] == ["SCRUM Sprint 1"]


@pytest.mark.parametrize("path", JIRA_FILES, ids=lambda p: p.stem)
def test_comment_columns_of_the_real_files(ctx: Context, path: Path) -> None:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        header = next(csv.reader(handle))
    summary = import_jira(ctx, path.read_text(encoding="utf-8-sig"), key="JIRA")
    # none of the real exports carries a Comment column: nothing is made up
    assert header.count("Comment") == 0
    assert summary.counts["comments"] == 0 == len(rows(ctx, "select id from comment"))
