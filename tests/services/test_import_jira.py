"""Importing the real Jira CSV exports of ../shared/fixtures/imports, counted against the files."""

from __future__ import annotations

import csv
from typing import Any

import pytest
import storehelp
from import_fixtures import FIXTURES, needs_fixtures

from kanban_tui.domain.errors import InvalidInput
from kanban_tui.services import Context, import_writer
from kanban_tui.services.boards import create_board
from kanban_tui.services.import_jira import import_jira

pytestmark = needs_fixtures
UGV = "jira_rohan019_ugv_crlf_2021.csv"


def load(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8-sig")


def rows(ctx: Context, sql: str, *params: object) -> list[tuple[Any, ...]]:
    return storehelp.raw(ctx.db.path, sql, *params)


def dump(ctx: Context) -> list[str]:
    return storehelp.dump(ctx.db.path)


def test_sprints_and_their_current_cards(ctx: Context) -> None:
    import_jira(ctx, load(UGV))
    with (FIXTURES / UGV).open(encoding="utf-8-sig", newline="") as handle:
        header, *issues = list(csv.reader(handle))
    sprint = [i for i, name in enumerate(header) if name == "Sprint"]
    current: dict[str, int] = {}
    for issue in issues:
        names = [issue[i] for i in sprint if issue[i].strip()]
        if names:
            current[names[-1]] = current.get(names[-1], 0) + 1
    stored = rows(
        ctx,
        "select s.name, count(c.id) from sprint s join card c on c.sprint_id = s.id group by s.id",
    )
    assert dict(stored) == current
    assert rows(ctx, "select action from event") == [("imported",)]


def test_status_category_gives_the_column_category(ctx: Context) -> None:
    import_jira(ctx, load(UGV))
    columns = dict(rows(ctx, "select name, category from board_column"))
    assert columns["Done"] == "done" and columns["In Progress"] == "in_progress"
    assert columns["blocked"] == "in_progress"  # lower-case status, category "In Progress"


def test_a_broken_file_changes_nothing(ctx: Context) -> None:
    create_board(ctx, "WEB", "Website")
    before = dump(ctx)
    with pytest.raises(InvalidInput, match="no Summary or Issue key column"):
        import_jira(ctx, "Name,Other\r\nx,y\r\n")
    assert dump(ctx) == before


def test_a_failure_part_way_through_the_write_changes_nothing(
    ctx: Context, monkeypatch: pytest.MonkeyPatch
) -> None:
    create_board(ctx, "WEB", "Website")
    before = dump(ctx)

    def failing(done: int, total: int) -> None:
        if done:  # the cards written, the comments and the event not yet
            raise RuntimeError("disk gone")

    with import_writer.reporting(failing), pytest.raises(RuntimeError):
        import_jira(ctx, load(UGV))
    assert dump(ctx) == before


def test_a_dry_run_writes_nothing(ctx: Context) -> None:
    before = dump(ctx)
    summary = import_jira(ctx, load(UGV), dry_run=True)
    assert summary.dry_run and summary.counts["cards"] == 55
    assert dump(ctx) == before
