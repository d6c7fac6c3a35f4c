"""kanban board ... and kanban column ..."""

from __future__ import annotations

import pytest
from cli_helpers import Run


def test_board_create_prints_its_columns(run: Run) -> None:
    result = run("board", "create", "WEB", "Website relaunch")
    assert result.code == 0
    assert result.out == (
        'Created board WEB "Website relaunch" with columns '
        "To Do (todo), In Progress (in_progress, WIP 3), Review (in_progress, WIP 2), "
        "Done (done).\n"
    )
    assert result.err == ""


def test_board_create_with_columns(run: Run) -> None:
    assert run("board", "create", "OPS", "Ops", "--columns", "Backlog,Doing:2,Done").code == 0
    board = run("board", "list", "--json").json()[0]
    assert [(c["name"], c["category"], c["wip_limit"]) for c in board["columns"]] == [
        ("Backlog", "todo", None),
        ("Doing", "in_progress", 2),
        ("Done", "done", None),
    ]


def test_board_list_json_shape(web: Run) -> None:
    web("card", "add", "One")
    web("card", "add", "Two", "--column", "Review")
    boards = web("board", "list", "--json").json()
    assert boards == [
        {
            "key": "WEB",
            "name": "Website",
            "person_wip_limit": None,
            "columns": [
                {
                    "name": "To Do",
                    "position": 0,
                    "category": "todo",
                    "wip_limit": None,
                    "count": 1,
                    "policy": "",
                },
                {
                    "name": "In Progress",
                    "position": 1,
                    "category": "in_progress",
                    "wip_limit": 3,
                    "count": 0,
                    "policy": "",
                },
                {
                    "name": "Review",
                    "position": 2,
                    "category": "in_progress",
                    "wip_limit": 2,
                    "count": 1,
                    "policy": "",
                },
                {
                    "name": "Done",
                    "position": 3,
                    "category": "done",
                    "wip_limit": None,
                    "count": 0,
                    "policy": "",
                },
            ],
        }
    ]


def test_board_list_human_shows_counts(web: Run) -> None:
    web("board", "create", "OPS", "Operations")
    web("card", "add", "One", "--board", "OPS")
    lines = web("board", "list").out.splitlines()
    assert lines[0].split() == ["KEY", "NAME", "CARDS", "COLUMNS"]
    assert lines[1].startswith("OPS  Operations      1  To Do 1 · In Progress 0/3")
    assert lines[2].startswith("WEB  Website         0  To Do 0")


def test_board_list_on_a_missing_file_is_empty_and_creates_nothing(run: Run, tmp_path) -> None:
    path = tmp_path / "nothing-here.db"
    result = run("board", "list", "--json", "--db", str(path))
    assert (result.code, result.out) == (0, "[]\n")
    result = run("board", "list", "--db", str(path))
    assert result.code == 0 and "No boards yet" in result.err
    assert not path.exists()


def test_board_create_twice_is_refused(web: Run) -> None:
    result = web("board", "create", "WEB", "Again")
    assert result.code == 1
    assert result.error == "error: A board with key WEB exists already."


@pytest.mark.parametrize("key", ["W", "1AB", "TOOLONGKEY1", "WE B", ""])
def test_bad_board_key(run: Run, key: str) -> None:
    result = run("board", "create", key, "Name")
    assert result.code == 2
    assert "Board key" in result.error


def test_column_add_places_it_by_category(web: Run) -> None:
    result = web("column", "add", "QA", "--wip", "2")
    assert result.code == 0
    assert result.out == (
        "Added column QA to WEB (in_progress, WIP limit 2): "
        "To Do · In Progress · Review · QA · Done\n"
    )
    web("column", "add", "Icebox", "--category", "todo")
    names = [c["name"] for c in web("board", "list", "--json").json()[0]["columns"]]
    assert names == ["To Do", "Icebox", "In Progress", "Review", "QA", "Done"]


def test_column_add_bad_category(web: Run) -> None:
    result = web("column", "add", "QA", "--category", "doing")
    assert result.code == 2
    assert result.error == ("error: Unknown category 'doing': use one of todo, in_progress, done.")


def test_column_wip_set_and_clear(web: Run) -> None:
    result = web("column", "wip", "review", "5")
    assert (result.code, result.out) == (0, "Review on WEB has WIP limit 5 (it holds 0).\n")
    result = web("column", "wip", "Review", "none")
    assert (result.code, result.out) == (0, "Review on WEB has no WIP limit now (it holds 0).\n")
    review = web("board", "list", "--json").json()[0]["columns"][2]
    assert review["wip_limit"] is None


def test_column_wip_below_count_says_it_is_over(web: Run) -> None:
    web("card", "add", "One", "--column", "Review")
    web("card", "add", "Two", "--column", "Review")
    result = web("column", "wip", "Review", "1")
    assert result.code == 0
    assert "holds 2: it refuses new cards until it drains" in result.out


@pytest.mark.parametrize("limit", ["0", "-1", "three", "1.5"])
def test_column_wip_bad_limit(web: Run, limit: str) -> None:
    result = web("column", "wip", "Review", limit)
    assert result.code == 2
    assert "WIP limit must be a positive whole number" in result.error


def test_column_add_wip_zero(web: Run) -> None:
    result = web("column", "add", "QA", "--wip", "0")
    assert result.code == 2
    assert "WIP limit must be a positive whole number" in result.error


def test_column_wip_unknown_column(web: Run) -> None:
    result = web("column", "wip", "Testing", "2")
    assert result.code == 1
    assert result.error == (
        "error: No column 'Testing' on board WEB; columns are: To Do, In Progress, Review, Done."
    )
