"""kanban board person-wip, and moves and edits refused by the per-person limit."""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_helpers import Run, dump

pytestmark = [pytest.mark.both_engines, pytest.mark.usefixtures("cli_db")]
"""Each test runs on a database file and on a PostgreSQL server (tests/conftest.py)."""


def test_person_wip_sets_and_removes_the_limit(web: Run) -> None:
    result = web("board", "person-wip", "2")
    assert (result.code, result.out) == (0, "WEB allows at most 2 in-progress cards per person.\n")
    assert web("board", "list", "--json").json()[0]["person_wip_limit"] == 2
    assert web("board", "person-wip", "none").out == "WEB has no per-person WIP limit now.\n"
    assert web("board", "list", "--json").json()[0]["person_wip_limit"] is None
    bad = web("board", "person-wip", "0")
    assert bad.code == 2 and "WIP limit must be a positive whole number" in bad.error
    assert "kanban board person-wip 2" in web("board", "person-wip", "--help").out


def test_refused_move_and_edit_are_one_error_line(web: Run, cli_db: Path) -> None:
    web("board", "person-wip", "1")
    web("card", "add", "First", "--assignee", "alice")
    web("card", "add", "Second", "--assignee", "alice")
    web("card", "add", "Third")
    web("card", "move", "WEB-1", "In Progress")
    web("card", "move", "WEB-3", "In Progress")
    before = dump(cli_db)
    moved = web("card", "move", "WEB-2", "In Progress")
    assert moved.code == 1 and moved.out == ""
    assert moved.error == "error: WIP limit reached: alice has 1 of 1 cards in progress."
    edited = web("card", "edit", "WEB-3", "--assignee", "alice")
    assert edited.code == 1
    assert edited.error == "error: WIP limit reached: alice has 1 of 1 cards in progress."
    assert dump(cli_db) == before
    forced = web("card", "move", "WEB-2", "In Progress", "--force", "--reason", "pairing")
    assert forced.code == 0
    log = web("log").out
    assert (
        "moved WEB-2 from To Do to In Progress (forced over alice's WIP limit, 2 of 1: pairing)"
    ) in log
    assert "wip_breach" not in log and log.count("WEB-2") == 2  # created, then one forced move


def test_edit_can_force_an_assignment_with_a_reason(web: Run) -> None:
    web("board", "person-wip", "1")
    web("card", "add", "First", "--assignee", "alice", "--column", "In Progress")
    web("card", "add", "Second", "--column", "In Progress")
    forced = web("card", "edit", "WEB-2", "--assignee", "alice", "--force", "--reason", "pair")
    assert forced.code == 0, forced.err
    assert "assigned WEB-2 to alice (forced over alice's WIP limit, 2 of 1: pair)" in web("log").out
