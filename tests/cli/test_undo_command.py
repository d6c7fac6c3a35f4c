"""kanban undo: prints what it took back; exit 1 with one sentence when refused."""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_helpers import Run, dump

pytestmark = [pytest.mark.both_engines, pytest.mark.usefixtures("cli_db")]
"""Each test runs on a database file and on a PostgreSQL server (tests/conftest.py)."""


def test_undo_takes_back_my_last_action_and_says_what(web: Run) -> None:
    web("card", "add", "Login")
    web("card", "move", "WEB-1", "In Progress")
    web("card", "edit", "WEB-1", "--points", "5")
    result = web("undo")
    assert (result.code, result.err) == (0, "")
    assert result.out == "Undid: WEB-1 edited: points none → 5\n"
    result = web("undo", "--json")
    assert result.code == 0
    shown = result.json()
    assert shown["undid"] == "WEB-1 moved To Do → In Progress"
    assert shown["card"]["column"] == "To Do"
    log = web("log", "--limit", "2").out
    assert "moved WEB-1 from In Progress to To Do (undo)" in log


def test_nothing_to_undo_is_exit_1_and_changes_nothing(web: Run, tmp_path: Path, cli_db) -> None:
    before = dump(cli_db)
    result = web("undo")
    assert result.code == 1 and result.out == ""
    assert result.error == (
        "error: Nothing to undo: you have no change on this board left to undo."
    )
    assert dump(cli_db) == before


def test_a_change_by_someone_else_refuses(web: Run, monkeypatch) -> None:
    web("card", "add", "Login")
    web("card", "move", "WEB-1", "Review")
    monkeypatch.setenv("KANBAN_USER", "sam")
    web("card", "edit", "WEB-1", "--title", "Log in")
    monkeypatch.setenv("KANBAN_USER", "alice")
    result = web("undo")
    assert result.code == 1
    assert result.error == "error: WEB-1 was changed by sam since; nothing undone."


def test_a_move_back_into_a_full_column_needs_force_and_a_reason(web: Run, monkeypatch) -> None:
    for title in ("a", "b", "c", "d"):
        web("card", "add", title)
    web("card", "move", "WEB-1", "In Progress")
    web("card", "move", "WEB-1", "Review")
    monkeypatch.setenv("KANBAN_USER", "sam")
    for key in ("WEB-2", "WEB-3", "WEB-4"):
        web("card", "move", key, "In Progress")
    monkeypatch.setenv("KANBAN_USER", "alice")
    refused = web("undo")
    assert refused.code == 1
    assert refused.error == "error: WIP limit reached: In Progress holds 3 of 3."
    forced = web("undo", "--force", "--reason", "not finished after all")
    assert forced.code == 0
    assert forced.out == "Undid: WEB-1 moved In Progress → Review\n"
    log = web("log").out
    assert "(forced over the WIP limit of In Progress, 4 of 3: not finished after all)" in log
    assert "wip_breach" not in log and log.count("WEB-1 from Review to In Progress") == 1


def test_force_needs_a_reason(web: Run) -> None:
    result = web("undo", "--force")
    assert result.code == 2
    assert "--force needs --reason" in result.error


def test_an_action_that_cannot_be_undone_is_named_and_nothing_older_is_undone(
    web: Run, tmp_path: Path, cli_db
) -> None:
    web("card", "add", "Login")
    web("card", "archive", "WEB-1")
    web("column", "add", "QA")
    web("card", "add", "Signup", "--column", "QA")
    web("column", "rm", "QA", "--move-cards-to", "Review")
    before = dump(cli_db)
    result = web("undo")
    assert (result.code, result.out) == (1, "")
    assert result.error == (
        "error: Your last action, deleting the column QA, cannot be undone; nothing undone."
    )
    assert dump(cli_db) == before


def test_a_move_back_into_a_deleted_column_names_it(web: Run, monkeypatch) -> None:
    web("column", "add", "QA")
    web("card", "add", "Login", "--column", "QA")
    web("card", "move", "WEB-1", "Done")
    monkeypatch.setenv("KANBAN_USER", "sam")
    web("column", "rm", "QA")
    monkeypatch.setenv("KANBAN_USER", "alice")
    result = web("undo")
    assert result.code == 1
    assert result.error == "error: WEB-1 came from QA, which sam deleted since; nothing undone."
