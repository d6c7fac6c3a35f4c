"""kanban card comment / block / unblock, and the comments in card show."""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_helpers import Run, dump

pytestmark = [pytest.mark.both_engines, pytest.mark.usefixtures("cli_db")]
"""Each test runs on a database file and on a PostgreSQL server (tests/conftest.py)."""


def test_a_comment_is_added_and_shown_newest_last(web: Run, monkeypatch) -> None:
    web("card", "add", "Login")
    result = web("card", "comment", "web-1", "First [b]look[/b]\nline two")
    assert result.code == 0 and result.err == ""
    assert result.out.startswith("WEB-1: comment added by alice at ")
    monkeypatch.setenv("KANBAN_USER", "bob")
    added = web("card", "comment", "WEB-1", "Second", "--json").json()
    assert list(added) == ["card", "author", "at", "text"]
    assert added | {"at": None} == {"card": "WEB-1", "author": "bob", "at": None, "text": "Second"}
    shown = web("card", "show", "WEB-1").out
    assert "comments (2)" in shown
    assert shown.index("First [b]look[/b]") < shown.index("    line two") < shown.index("Second")
    card = web("card", "show", "WEB-1", "--json").json()
    assert [(c["author"], c["text"]) for c in card["comments"]] == [
        ("alice", "First [b]look[/b]\nline two"),
        ("bob", "Second"),
    ]
    assert card["comments"][0]["at"].endswith("Z")


def test_a_control_character_in_a_comment_is_refused(web: Run) -> None:
    web("card", "add", "Login")
    refused = web("card", "comment", "WEB-1", "bell\x07")
    assert refused.code == 2
    assert "control character U+0007" in refused.error


def test_comment_refusals_are_one_error_line_and_change_nothing(web: Run, cli_db: Path) -> None:
    web("card", "add", "Login")
    before = dump(cli_db)
    missing = web("card", "comment", "WEB-9", "hello")
    assert (missing.code, missing.error) == (1, "error: No card WEB-9.")
    long = web("card", "comment", "WEB-1", "x" * 4001)
    assert long.code == 2 and "at most 4000 characters" in long.error
    assert dump(cli_db) == before


def test_block_and_unblock(web: Run) -> None:
    web("card", "add", "Login")
    blocked = web("card", "block", "WEB-1", "--reason", "waiting for CI")
    assert (blocked.code, blocked.out) == (0, "WEB-1 blocked: waiting for CI.\n")
    card = web("card", "show", "WEB-1", "--json").json()
    assert (card["blocked"], card["blocked_reason"]) == (True, "waiting for CI")
    unblocked = web("card", "unblock", "WEB-1", "--json").json()
    assert (unblocked["blocked"], unblocked["blocked_reason"]) == (False, None)
    again = web("card", "unblock", "WEB-1")
    assert (again.code, again.error) == (1, "error: WEB-1 is not blocked.")
    log = web("log", "--card", "WEB-1").out
    assert "blocked WEB-1: waiting for CI" in log and "unblocked WEB-1" in log


def test_block_needs_a_reason(web: Run, cli_db: Path) -> None:
    web("card", "add", "Login")
    before = dump(cli_db)
    missing = web("card", "block", "WEB-1")
    assert missing.code == 2 and "--reason" in missing.error
    blank = web("card", "block", "WEB-1", "--reason", "  ")
    assert blank.code == 2
    assert dump(cli_db) == before
