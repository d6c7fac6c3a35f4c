"""kanban card ...: the happy paths and the JSON shape."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import storehelp
from cli_helpers import Run

pytestmark = [pytest.mark.both_engines, pytest.mark.usefixtures("cli_db")]
"""Each test runs on a database file and on a PostgreSQL server (tests/conftest.py)."""

CARD_KEYS = [
    "key",
    "board",
    "title",
    "type",
    "priority",
    "points",
    "assignee",
    "labels",
    "due",
    "column",
    "rank",
    "sprint",
    "blocked",
    "blocked_reason",
    "archived",
    "description",
    "created_at",
    "updated_at",
    "started_at",
    "done_at",
]


def test_card_add_prints_the_key_alone(web: Run) -> None:
    assert web("card", "add", "First").out == "WEB-1\n"
    result = web("card", "add", "Second")
    assert (result.code, result.out, result.err) == (0, "WEB-2\n", "")


def test_card_add_with_every_field(web: Run) -> None:
    key = web(
        "card", "add", "Fix the login redirect",
        "--column", "review",
        "--type", "bug",
        "--priority", "High",
        "--points", "3",
        "--assignee", "@bob",
        "--label", "auth,frontend",
        "--label", "urgent-fix",
        "--due", "2026-12-01",
        "--description", "Steps:\n1. log in",
        "--blocked", "waiting for the API team",
    ).out.strip()  # fmt: skip
    card = web("card", "show", key, "--json").json()
    assert list(card) == [*CARD_KEYS, "comments"]  # show adds the discussion
    assert card.pop("comments") == []
    assert card == card | {
        "key": "WEB-1",
        "board": "WEB",
        "title": "Fix the login redirect",
        "type": "bug",
        "priority": "high",
        "points": 3,
        "assignee": "bob",
        "labels": ["auth", "frontend", "urgent-fix"],
        "due": "2026-12-01",
        "column": "Review",
        "sprint": None,
        "blocked": True,
        "blocked_reason": "waiting for the API team",
        "archived": False,
        "description": "Steps:\n1. log in",
        "done_at": None,
    }
    # Entering an in_progress column starts the clock; times are ISO 8601 UTC.
    assert card["started_at"].endswith("Z") and card["created_at"].endswith("Z")
    assert isinstance(card["rank"], int)


def test_card_add_description_from_stdin(web: Run, monkeypatch) -> None:
    import io

    monkeypatch.setattr("sys.stdin", io.StringIO("# Notes\n\nfrom a pipe\n"))
    web("card", "add", "Piped", "--description", "-")
    assert web("card", "show", "WEB-1", "--json").json()["description"] == "# Notes\n\nfrom a pipe"


def test_card_defaults(web: Run) -> None:
    web("card", "add", "Plain")
    card = web("card", "show", "WEB-1", "--json").json()
    assert card | {"created_at": None, "updated_at": None, "rank": None} == {
        "key": "WEB-1",
        "board": "WEB",
        "title": "Plain",
        "type": "task",
        "priority": "none",
        "points": None,
        "assignee": None,
        "labels": [],
        "due": None,
        "column": "To Do",
        "rank": None,
        "sprint": None,
        "blocked": False,
        "blocked_reason": None,
        "archived": False,
        "description": "",
        "created_at": None,
        "updated_at": None,
        "started_at": None,
        "done_at": None,
        "comments": [],
    }


def test_card_move_to_done_and_back(web: Run) -> None:
    web("card", "add", "Ship it")
    result = web("card", "move", "web-1", "done")
    assert (result.code, result.out) == (0, "WEB-1 moved from To Do to Done.\n")
    assert web("card", "show", "WEB-1", "--json").json()["done_at"] is not None
    web("card", "move", "WEB-1", "In Progress")
    card = web("card", "show", "WEB-1", "--json").json()
    assert (card["column"], card["done_at"]) == ("In Progress", None)
    assert web("card", "move", "WEB-1", "In Progress").out == "WEB-1 is already in In Progress.\n"


def test_wip_refusal_and_forced_move_logged(web: Run, cli_db: Path) -> None:
    for title in ("a", "b", "c", "d"):
        web("card", "add", title)
    for key in ("WEB-1", "WEB-2", "WEB-3"):
        assert web("card", "move", key, "In Progress").code == 0
    refused = web("card", "move", "WEB-4", "In Progress")
    assert refused.code == 1
    assert refused.out == ""
    assert refused.error == "error: WIP limit reached: In Progress holds 3 of 3."
    assert web("card", "show", "WEB-4", "--json").json()["column"] == "To Do"

    forced = web("card", "move", "WEB-4", "In Progress", "--force", "--reason", "prod is down")
    assert forced.code == 0
    assert forced.out.startswith("WEB-4 moved from To Do to In Progress (4 of 3: over the WIP")
    rows = storehelp.raw(
        cli_db, "SELECT key, action, data FROM event WHERE data LIKE '%prod is down%'"
    )
    assert [row[:2] for row in rows] == [("WEB-4", "moved")]  # one override, one event
    data = json.loads(rows[0][2])
    assert data["forced"] is True and data["reason"] == "prod is down"
    assert data["breach"] == {"column": "In Progress", "count": 4, "limit": 3}


def test_card_add_into_a_full_column(web: Run) -> None:
    web("column", "wip", "Review", "1")
    assert web("card", "add", "a", "--column", "Review").code == 0
    refused = web("card", "add", "b", "--column", "Review")
    assert refused.code == 1
    assert refused.error == "error: WIP limit reached: Review holds 1 of 1."
    forced = web("card", "add", "b", "--column", "Review", "--force", "--reason", "hotfix")
    assert (forced.code, forced.out) == (0, "WEB-2\n")
    assert forced.err == (
        "Review now holds 2 of 1: over its WIP limit; the override is logged with your reason.\n"
    )


def test_card_edit_changes_and_clears(web: Run) -> None:
    web("card", "add", "Draft", "--points", "3", "--assignee", "bob", "--due", "2026-12-01")
    result = web(
        "card", "edit", "WEB-1",
        "--title", "Final",
        "--points", "none",
        "--assignee", "none",
        "--due", "none",
        "--label", "ui",
        "--blocked", "needs design",
    )  # fmt: skip
    assert result.code == 0
    assert result.out == (
        "WEB-1: title Draft → Final; points 3 → none; assignee bob → none; "
        "labels none → ui; due 2026-12-01 → none; blocked: needs design.\n"
    )
    card = web("card", "show", "WEB-1", "--json").json()
    assert (card["title"], card["points"], card["assignee"], card["due"]) == (
        "Final",
        None,
        None,
        None,
    )
    assert (card["labels"], card["blocked"]) == (["ui"], True)

    result = web("card", "edit", "WEB-1", "--unblock", "--label", "none")
    assert result.out == "WEB-1: labels ui → none; unblocked.\n"
    card = web("card", "show", "WEB-1", "--json").json()
    assert (card["labels"], card["blocked"], card["blocked_reason"]) == ([], False, None)
    assert web("card", "edit", "WEB-1", "--title", "Final").out == "WEB-1: nothing changed.\n"


def test_card_edit_description(web: Run) -> None:
    web("card", "add", "Doc")
    assert web("card", "edit", "WEB-1", "--description", "why").out == (
        "WEB-1: description changed.\n"
    )


def test_card_show_human_lists_every_field(web: Run) -> None:
    web("card", "add", "Show me", "--points", "5", "--label", "a,b", "--description", "Body")
    out = web("card", "show", "WEB-1").out
    lines = out.splitlines()
    assert lines[0] == "WEB-1  Show me"
    names = [line.split()[0] for line in lines[2:17]]
    assert names == [
        "board", "column", "type", "priority", "points", "assignee", "labels", "due",
        "sprint", "blocked", "rank", "created", "updated", "started", "done",
    ]  # fmt: skip
    assert "  points    5" in lines
    assert "  labels    a, b" in lines
    assert lines[-1] == "  Body"


def test_card_list_human_is_aligned(web: Run) -> None:
    web("card", "add", "First", "--points", "3", "--assignee", "bob")
    web("card", "add", "Second one", "--points", "13")
    web("card", "move", "WEB-2", "In Progress")
    web("card", "edit", "WEB-2", "--blocked", "why")
    assert web("card", "list").out == (
        "KEY    COLUMN       PTS  ASSIGNEE  TITLE\n"
        "WEB-1  To Do          3  bob       First\n"
        "WEB-2  In Progress   13  -         [blocked] Second one\n"
    )


def test_card_list_filters_and_json(web: Run) -> None:
    web("card", "add", "a", "--assignee", "bob")
    web("card", "add", "b", "--assignee", "carol", "--column", "Review")
    web("card", "add", "c", "--assignee", "bob", "--column", "Review")
    cards = web("card", "list", "--json").json()
    assert [card["key"] for card in cards] == ["WEB-1", "WEB-2", "WEB-3"]
    assert all(list(card) == CARD_KEYS for card in cards)
    review = web("card", "list", "--column", "review", "--json").json()
    assert [card["key"] for card in review] == ["WEB-2", "WEB-3"]
    bobs = web("card", "list", "--assignee", "bob", "--column", "Review", "--json").json()
    assert [card["key"] for card in bobs] == ["WEB-3"]


def test_card_list_empty(web: Run) -> None:
    assert web("card", "list", "--json").out == "[]\n"
    result = web("card", "list")
    assert (result.code, result.out, result.err) == (0, "", "No cards on WEB yet.\n")


def test_card_rm_never_reuses_keys(web: Run) -> None:
    for title in ("a", "b", "c"):
        web("card", "add", title)
    result = web("card", "rm", "WEB-3")
    assert (result.code, result.out) == (0, 'Deleted WEB-3 "c".\n')
    assert web("card", "add", "d").out == "WEB-4\n"
    missing = web("card", "show", "WEB-3")
    assert (missing.code, missing.error) == (1, "error: No card WEB-3.")
    assert [c["key"] for c in web("card", "list", "--json").json()] == ["WEB-1", "WEB-2", "WEB-4"]


def test_options_before_and_after_the_command(run: Run, tmp_path: Path) -> None:
    other = str(tmp_path / "other.db")
    assert run("--db", other, "board", "create", "OPS", "Ops").code == 0
    assert run("card", "add", "x", "--db", other).out == "OPS-1\n"
    assert run("--db", other, "card", "list", "--json").json()[0]["key"] == "OPS-1"
    assert run("card", "list", "--db", other, "--json").json()[0]["key"] == "OPS-1"
    # The default database (KANBAN_DB) was never touched.
    assert run("board", "list", "--json").json() == []


def test_board_option_before_and_after(web: Run) -> None:
    web("board", "create", "OPS", "Ops")
    assert web("--board", "OPS", "card", "add", "x").out == "OPS-1\n"
    assert web("card", "add", "y", "--board", "ops").out == "OPS-2\n"
    assert web("card", "list", "--board", "WEB", "--json").json() == []


def test_hostile_title_is_shown_not_run(web: Run) -> None:
    title = "evil \x1b]0;pwned\x07 \x1b[2J \x9b31m \u202ecod.exe"
    assert web("card", "add", title).code == 0
    for out in (web("card", "list").out, web("card", "show", "WEB-1").out):
        assert "\x1b" not in out and "\x07" not in out and "\x9b" not in out
        assert "\u202e" not in out
        assert "evil \\x1b]0;pwned\\x07" in out
    raw = web("card", "list", "--json").out
    assert "\x1b" not in raw and "\x9b" not in raw and "\u202e" not in raw
    assert json.loads(raw)[0]["title"] == title


def test_unicode_titles_stay_readable(web: Run) -> None:
    web("card", "add", "Umlaute: äöü, 日本語")
    assert "Umlaute: äöü, 日本語" in web("card", "list").out
    assert "日本語" in web("card", "list", "--json").out


def test_options_between_group_and_action(run: Run, tmp_path: Path) -> None:
    other = str(tmp_path / "other.db")
    assert run("board", "--db", other, "create", "OPS", "Ops").code == 0
    assert run("card", "--db", other, "add", "x").out == "OPS-1\n"
    assert run("column", "--db", other, "--board", "OPS", "wip", "Review", "4").code == 0
    assert run("card", "--db", other, "list", "--json").json()[0]["key"] == "OPS-1"


def test_board_beside_a_key_must_agree(web: Run) -> None:
    web("board", "create", "OPS", "Ops")
    web("card", "add", "x", "--board", "WEB")
    assert web("card", "show", "WEB-1", "--board", "web", "--json").json()["key"] == "WEB-1"
    assert web("--board", "WEB", "card", "move", "WEB-1", "Review").code == 0
    for argv in (
        ["card", "show", "WEB-1", "--board", "OPS"],
        ["card", "move", "WEB-1", "Done", "--board", "OPS"],
        ["card", "edit", "WEB-1", "--title", "y", "--board", "OPS"],
        ["card", "rm", "WEB-1", "--board", "OPS"],
        ["--board", "OPS", "card", "rm", "WEB-1"],
    ):
        result = web(*argv)
        assert (result.code, result.error) == (
            2,
            "error: WEB-1 is a card of board WEB, not of OPS",
        ), argv
    assert web("card", "show", "WEB-1", "--json").json()["column"] == "Review"
