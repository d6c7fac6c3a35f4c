"""kanban card archive / restore, and card list --archived / --all."""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_helpers import Run, dump

pytestmark = [pytest.mark.both_engines, pytest.mark.usefixtures("cli_db")]
"""Each test runs on a database file and on a PostgreSQL server (tests/conftest.py)."""


def test_archive_and_restore_round_trip(web: Run) -> None:
    web("card", "add", "Login", "--column", "Review")
    web("card", "add", "Logout")
    result = web("card", "archive", "WEB-1", "web-2")
    assert result.code == 0
    assert result.out.splitlines() == [
        'Archived WEB-1 "Login" from Review.',
        'Archived WEB-2 "Logout" from To Do.',
    ]
    assert "kanban card restore WEB-1 WEB-2" in result.err
    assert web("card", "list").err.strip() == "No cards on WEB yet."
    archived = web("card", "list", "--archived", "--json").json()
    assert [(c["key"], c["archived"]) for c in archived] == [("WEB-1", True), ("WEB-2", True)]
    both = web("card", "list", "--all").out
    assert "[archived] Login" in both
    assert web("card", "show", "WEB-1").out.rstrip().endswith("archived  yes")
    restored = web("card", "restore", "WEB-1", "--json").json()
    assert [(c["key"], c["column"], c["archived"]) for c in restored] == [
        ("WEB-1", "Review", False)
    ]
    assert [c["key"] for c in web("card", "list", "--json").json()] == ["WEB-1"]
    assert web("card", "list", "--archived").out.count("WEB-") == 1


def test_an_archived_card_cannot_move_and_says_how_to_restore(web: Run, cli_db: Path) -> None:
    web("card", "add", "Login")
    web("card", "archive", "WEB-1")
    before = dump(cli_db)
    refused = web("card", "move", "WEB-1", "Review")
    assert refused.code == 1
    assert "restore it first (kanban card restore WEB-1" in refused.error
    assert web("card", "archive", "WEB-1").code == 1
    assert dump(cli_db) == before


def test_restore_into_a_full_column_needs_force_and_reason(web: Run, cli_db: Path) -> None:
    web("card", "add", "old", "--column", "Review")
    web("card", "archive", "WEB-1")
    web("card", "add", "a", "--column", "Review")
    web("card", "add", "b", "--column", "Review")
    before = dump(cli_db)
    refused = web("card", "restore", "WEB-1")
    assert (refused.code, refused.error) == (1, "error: WIP limit reached: Review holds 2 of 2.")
    assert web("card", "restore", "WEB-1", "--force").code == 2
    assert dump(cli_db) == before
    forced = web("card", "restore", "WEB-1", "--force", "--reason", "hotfix")
    assert forced.code == 0 and forced.out.startswith("Restored WEB-1 to Review")


def test_archive_done_older_than(web: Run) -> None:
    web("card", "add", "shipped", "--column", "Done")
    none = web("card", "archive", "--done-older-than", "14")
    assert none.code == 0 and none.out == ""
    assert "No done cards on WEB finished more than 14 days ago." in none.err
    now = web("card", "archive", "--done-older-than", "0", "--json").json()
    assert [c["key"] for c in now] == ["WEB-1"]


def test_archive_usage_errors(web: Run) -> None:
    web("card", "add", "Login")
    assert web("card", "archive").code == 2
    assert web("card", "archive", "WEB-1", "--done-older-than", "3").code == 2
    assert web("card", "archive", "--done-older-than", "soon").code == 2
    assert web("card", "archive", "WEB-1", "OPS-2").code == 2
    assert web("card", "archive", "WEB-1", "--board", "OPS").code == 2
    assert web("card", "list", "--archived", "--all").code == 2
