"""kanban board rename|rm, board create --template, column rename|move|rm|category."""

from __future__ import annotations

import pytest
from cli_helpers import Run, dump

pytestmark = [pytest.mark.both_engines, pytest.mark.usefixtures("cli_db")]
"""Each test runs on a database file and on a PostgreSQL server (tests/conftest.py)."""


def _columns(run: Run) -> list[str]:
    return [c["name"] for c in run("board", "list", "--json").json()[0]["columns"]]


def test_board_create_from_a_template(run: Run) -> None:
    result = run("board", "create", "SCR", "Team", "--template", "scrum")
    assert result.code == 0
    assert result.out == (
        'Created board SCR "Team" with columns Backlog (todo), To Do (todo), '
        "In Progress (in_progress, WIP 3), Review (in_progress, WIP 2), Done (done).\n"
    )
    bad = run("board", "create", "XP", "X", "--template", "xp")
    assert (bad.code, bad.error) == (2, "error: Template must be one of kanban, scrum (got 'xp').")
    both = run("board", "create", "XP", "X", "--template", "kanban", "--columns", "A,B")
    assert both.code == 2 and "not both" in both.error


def test_board_rename_and_rm(web: Run, db_path, cli_db) -> None:
    result = web("board", "rename", "web", "Website 2")
    assert (result.code, result.out) == (0, 'Renamed board WEB to "Website 2".\n')
    web("card", "add", "One")
    before = dump(cli_db)
    refused = web("board", "rm", "WEB")
    assert refused.code == 1
    assert refused.error == "error: Board WEB holds 1 card: only an empty board can be deleted."
    assert dump(cli_db) == before
    web("board", "create", "OPS", "Ops")
    assert web("board", "rm", "OPS").out == 'Deleted board OPS "Ops".\n'
    missing = web("board", "rm", "OPS")
    assert missing.code == 1 and "No board" in missing.error
    assert web("board", "rename", "WEB", "").code == 2


def test_column_rename(web: Run) -> None:
    result = web("column", "rename", "review", "Code review")
    assert (result.code, result.out) == (0, "Renamed column review on WEB to Code review.\n")
    assert _columns(web) == ["To Do", "In Progress", "Code review", "Done"]
    clash = web("column", "rename", "Code review", "done")
    assert (clash.code, clash.error) == (1, "error: The board has a column named 'Done' already.")
    missing = web("column", "rename", "Nope", "X")
    assert missing.code == 1 and "No column 'Nope'" in missing.error


def test_column_move(web: Run) -> None:
    result = web("column", "move", "Review", "left")
    assert result.out == (
        "Moved column Review on WEB to position 2: To Do · Review · In Progress · Done\n"
    )
    assert web("column", "move", "Review", "4").code == 0
    assert _columns(web) == ["To Do", "In Progress", "Done", "Review"]
    edge = web("column", "move", "Review", "right")
    assert (edge.code, edge.out) == (0, "Review is already last; nothing changed.\n")
    same = web("column", "move", "Review", "4")
    assert (same.code, same.out) == (0, "Review is already at position 4; nothing changed.\n")
    far = web("column", "move", "Review", "9")
    assert (far.code, far.error) == (2, "error: Position must be 1-4: the board has 4 columns.")
    word = web("column", "move", "Review", "up")
    assert word.code == 2 and "left, right or a number" in word.error


def test_column_rm_with_and_without_cards(web: Run, db_path, cli_db) -> None:
    web("card", "add", "One", "--column", "Review")
    web("card", "add", "Two", "--column", "Review")
    web("card", "add", "Three", "--column", "In Progress")
    web("card", "add", "Four", "--column", "In Progress")
    before = dump(cli_db)
    needs = web("column", "rm", "Review")
    assert needs.code == 1
    assert needs.error == (
        "error: Review holds 2 cards: say where they go with --move-cards-to COLUMN "
        "(one of To Do, In Progress, Done)."
    )
    full = web("column", "rm", "Review", "--move-cards-to", "In Progress")
    assert full.code == 1
    assert full.error == (
        "error: WIP limit reached: In Progress holds 2 of 3; 2 more cards would make 4."
    )
    assert web("column", "rm", "Review", "--move-cards-to", "x", "--force").code == 2
    assert dump(cli_db) == before
    forced = web(
        "column", "rm", "Review", "--move-cards-to", "In Progress", "--force", "--reason", "ship"
    )
    assert forced.code == 0
    assert forced.out == (
        "Deleted column Review from WEB; its 2 cards moved to In Progress over its WIP limit "
        "(the breach is logged): To Do · In Progress · Done\n"
    )
    log = web("log").out
    assert "deleted the column Review, its 2 cards moved to In Progress over its WIP limit" in log
    empty = web("column", "rm", "To Do")
    assert empty.code == 1 and "keeps at least one todo" in empty.error


def test_column_category(web: Run) -> None:
    result = web("column", "category", "Review", "done")
    assert (result.code, result.out) == (0, "Review on WEB is a done column now.\n")
    bad = web("column", "category", "Review", "finished")
    assert bad.code == 2
    rule = web("column", "category", "To Do", "done")
    assert rule.code == 1 and "at least one todo" in rule.error


def test_a_typed_list_says_the_category_each_column_got(run: Run) -> None:
    made = run(
        "board",
        "create",
        "WEB",
        "Website",
        "--columns",
        "Backlog,To Do,In Progress:3,Review:2,Done",
    )
    assert made.out == (
        'Created board WEB "Website" with columns Backlog (todo), To Do (todo), '
        "In Progress (in_progress, WIP 3), Review (in_progress, WIP 2), Done (done).\n"
    )
    own = run("board", "create", "OPS", "Ops", "--columns", "Next:todo,Doing:in_progress:2,Live")
    assert own.code == 0 and "Doing (in_progress, WIP 2), Live (done)" in own.out
    half = run("board", "create", "HALF", "Half", "--columns", "To Do,In Progress")
    assert (half.code, half.error) == (
        1,
        "error: A board needs a todo and a done column, and these columns have no done one: "
        "add one such as Done, or mark one NAME:done.",
    )


def test_column_commands_already_there_say_nothing_changed(web: Run, db_path, cli_db) -> None:
    before = dump(cli_db)
    first = web("column", "move", "To Do", "left")
    assert (first.code, first.out) == (0, "To Do is already first; nothing changed.\n")
    there = web("column", "move", "To Do", "1")
    assert (there.code, there.out) == (0, "To Do is already at position 1; nothing changed.\n")
    same = web("column", "category", "Review", "in_progress")
    assert (same.code, same.out) == (
        0,
        "Review is already an in-progress column; nothing changed.\n",
    )
    assert dump(cli_db) == before
    moved = web("column", "category", "Review", "done")
    assert moved.out == "Review on WEB is a done column now.\n"


def test_column_names_empty_or_with_a_comma_are_bad_values(web: Run, db_path, cli_db) -> None:
    before = dump(cli_db)
    for argv in (
        ("column", "rm", ""),
        ("column", "rename", "", "X"),
        ("column", "rename", "Review", " "),
        ("column", "move", "", "left"),
        ("column", "category", " ", "done"),
        ("column", "wip", "", "3"),
    ):
        result = web(*argv)
        assert result.code == 2, argv
        assert "must not be empty" in result.error or "1-40 characters" in result.error
    comma = web("column", "add", "QA, staging")
    assert comma.code == 2 and "must not hold a comma" in comma.error
    renamed = web("column", "rename", "Review", "Review, QA")
    assert renamed.code == 2 and "must not hold a comma" in renamed.error
    assert dump(cli_db) == before
    same = web("column", "rm", "Review", "--move-cards-to", "review")
    assert (same.code, same.error) == (
        2,
        "error: The cards of Review cannot move to Review, the column being deleted: "
        "name another column.",
    )


def test_a_column_holding_only_archived_cards_says_so(web: Run) -> None:
    web("card", "add", "Old", "--column", "Review")
    web("card", "archive", "WEB-1")
    refused = web("column", "rm", "Review")
    assert (refused.code, refused.error) == (
        1,
        "error: Review holds 1 archived card: say where they go with --move-cards-to COLUMN "
        "(one of To Do, In Progress, Done).",
    )
    web("card", "add", "New", "--column", "Review")
    both = web("column", "rm", "Review")
    assert "Review holds 1 card and 1 archived card: say where they go" in both.error


def test_the_last_done_column_is_refused_before_its_cards_are_asked_about(web: Run) -> None:
    web("card", "add", "Shipped", "--column", "Done")
    refused = web("column", "rm", "Done")
    assert refused.code == 1
    assert refused.error == (
        "error: Done cannot go: a board keeps at least one todo and one done column."
    )
