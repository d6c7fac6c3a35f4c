"""Importing the real Jira CSV exports of ../shared/fixtures/imports, counted against the files."""

from __future__ import annotations

import csv
from typing import Any

import pytest
import storehelp
from import_fixtures import FIXTURES, needs_fixtures

from kanban_tui.domain.errors import InvalidInput
from kanban_tui.domain.undo import NothingToUndo
from kanban_tui.services import Context, import_writer
from kanban_tui.services.boards import create_board
from kanban_tui.services.import_jira import import_jira
from kanban_tui.services.undo import undo_last

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


def test_the_import_is_logged_last_so_undo_meets_it_not_a_sprint(ctx: Context) -> None:
    import_jira(ctx, load("jira_matinkhajavi_small_2025.csv"))  # one completed sprint
    events = rows(ctx, "select entity, action from event order by id")
    assert events == [("sprint", "started"), ("sprint", "completed"), ("board", "imported")]
    with pytest.raises(NothingToUndo, match="Nothing to undo"):
        undo_last(ctx, "SCRUM")


def test_the_real_exports_columns_go_todo_in_progress_done(ctx: Context) -> None:
    expected = {
        UGV: ["To Do", "blocked", "In Progress", "Done"],
        "jira_bellali_cs4483_2026.csv": ["To Do", "In Progress", "Done"],
        "jira_harshal08_retail_sprint1_2021.csv": ["To Do", "Blocked", "In Progress", "Done"],
    }
    for name, columns in expected.items():
        key = import_jira(ctx, load(name)).board_key
        stored = rows(
            ctx,
            "select c.name from board_column c join board b on b.id = c.board_id "
            "where b.key = ? order by c.position",
            key,
        )
        assert [column for (column,) in stored] == columns


def test_a_card_of_the_ugv_board_is_the_jira_issue_of_its_key(ctx: Context) -> None:
    summary = import_jira(ctx, load(UGV))  # UGV-1..31, then FT, OL and OLA1 issues
    cards = rows(ctx, "select number, description from card")
    for number, description in cards:
        jira = description.splitlines()[0].removeprefix("from ")
        if jira.startswith("UGV-"):
            assert jira == f"UGV-{number}"
        else:
            assert number > 31
    assert sorted(number for number, _ in cards) == list(range(1, 56))
    assert summary.skipped["numbers"][0].startswith(
        "24 issues whose key is not UGV-n (or its number is taken) (FT-1, FT-2, FT-3, FT-4, "
        "FT-5 and 19 more) became UGV-32 to UGV-55, oldest first"
    )
