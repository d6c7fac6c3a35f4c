"""Refusals and bad input: one ``error:`` line, the right exit status, nothing changed."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from cli_helpers import Run, dump
from storehelp import damage_table

from kanban_tui.__main__ import main


@pytest.fixture(scope="module")
def full_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Built once per module: the parametrized refusals below are many."""
    path = tmp_path_factory.mktemp("template") / "full.db"
    commands = [["board", "create", "WEB", "Website"]]
    commands += [["card", "add", title] for title in ("a", "b", "c", "d")]
    commands += [["card", "move", key, "In Progress"] for key in ("WEB-2", "WEB-3", "WEB-4")]
    for argv in commands:
        assert main([*argv, "--db", str(path)]) == 0
    return path


@pytest.fixture
def full(run: Run, full_template: Path, db_path: Path) -> Run:
    """WEB with WEB-1 in To Do and In Progress at its limit (WEB-2..4)."""
    shutil.copyfile(full_template, db_path)
    return run


BAD = [
    # (argv, exit status, the error line or a part of it)
    (["card", "add", ""], 2, "error: Title must not be empty."),
    (["card", "add", "   "], 2, "error: Title must not be empty."),
    (["card", "add", "x" * 201], 2, "error: Title must be at most 200 characters (got 201)."),
    (["card", "add", "x", "--points", "-1"], 2, "Points must be between 0 and 100 (got -1)."),
    (["card", "add", "x", "--points", "1000"], 2, "Points must be between 0 and 100 (got 1000)"),
    (["card", "add", "x", "--points", "three"], 2, "Points must be a whole number"),
    (["card", "add", "x", "--due", "2026-13-01"], 2, "Due date must be a date as YYYY-MM-DD"),
    (["card", "add", "x", "--type", "epic"], 2, "Unknown type 'epic'"),
    (["card", "add", "x", "--priority", "p1"], 2, "Unknown priority 'p1'"),
    (["card", "add", "x", "--column", "Nope"], 1, "No column 'Nope' on board WEB"),
    (["card", "add", "x", "--label", "a b"], 2, "Label 'a b' is not valid"),
    (["card", "add", "x", "--force"], 2, "error: --force needs --reason TEXT"),
    (["card", "add", "x", "--column", "In Progress"], 1, "In Progress holds 3 of 3."),
    (["card", "move", "WEB-1", "In Progress"], 1, "error: WIP limit reached: In Progress"),
    (["card", "move", "WEB-1", "In Progress", "--force"], 2, "error: --force needs --reason"),
    (["card", "move", "WEB-1", "Review", "--reason", "x"], 2, "--reason goes with --force"),
    (["card", "move", "WEB-1", "In Progress", "--force", "--reason", " "], 2, "reason is req"),
    (["card", "move", "WEB-1", "Nope"], 1, "No column 'Nope' on board WEB"),
    (["card", "move", "WEB-99", "Done"], 1, "error: No card WEB-99."),
    (["card", "move", "NOPE-1", "Done"], 1, "No board 'NOPE'"),
    (["card", "move", "WEB12", "Done"], 2, "error: 'WEB12' is not a card key such as WEB-12."),
    (["card", "show", "WEB-x"], 2, "is not a card key"),
    (["card", "rm", "WEB-99"], 1, "error: No card WEB-99."),
    (["card", "rm", "12"], 2, "is not a card key"),
    (["card", "edit", "WEB-1"], 2, "card edit needs at least one change"),
    (["card", "edit", "WEB-1", "--title", ""], 2, "error: Title must not be empty."),
    (["card", "edit", "WEB-1", "--points", "101"], 2, "Points must be between 0 and 100"),
    (["card", "edit", "WEB-1", "--due", "2026-02-30"], 2, "Due date must be a date"),
    (["card", "edit", "WEB-1", "--column", "Done"], 2, "use `kanban card move WEB-1 COLUMN`"),
    (["card", "edit", "WEB-1", "--blocked", "x", "--unblock"], 2, "not allowed with"),
    (["card", "list", "--column", "Nope"], 1, "No column 'Nope'"),
    (["column", "wip", "In Progress", "0"], 2, "WIP limit must be a positive whole number"),
    (["column", "add", "QA", "--wip", "0"], 2, "WIP limit must be a positive whole number"),
    (["column", "add", "review"], 1, "has a column named 'review' already"),
    # Said in a person's words, not by the argument's metavar (NEW, TEXT).
    (["column", "rename", "Review", ""], 2, "error: The new column name must not be empty."),
    (["card", "comment", "WEB-1", ""], 2, "error: A comment must not be empty."),
    (["card", "comment", "WEB-1", "  "], 2, "error: A comment must not be empty."),
    (["board", "create", "OPS", ""], 2, "Board name must be 1-80 characters"),
    (["board", "create", "OPS", "Ops", "--columns", "Only"], 2, "at least two names"),
    (["card", "list", "--board", "NOPE"], 1, "No board 'NOPE'; boards: WEB."),
    # argparse's own complaints become the same one line, exit 2
    (
        ["card"],
        2,
        "kanban card needs an action: add, move, edit, show, list, comment, block, unblock, "
        "archive, restore, rm",
    ),
    (["card", "fly"], 2, "argument ACTION: invalid choice: 'fly'"),
    (["card", "add"], 2, "the following arguments are required: TITLE"),
    (["card", "add", "x", "--points"], 2, "argument --points: expected one argument"),
    (["card", "add", "x", "--bogus"], 2, "unrecognized arguments: --bogus"),
    (["card", "add", "x", "--desc", "y"], 2, "unrecognized arguments: --desc"),
    (["crad", "list"], 2, "argument COMMAND: invalid choice: 'crad'"),
]


@pytest.mark.parametrize(("argv", "code", "message"), BAD, ids=[" ".join(b[0]) for b in BAD])
def test_bad_input_is_one_line_and_changes_nothing(
    full: Run, db_path: Path, argv: list[str], code: int, message: str
) -> None:
    before = dump(db_path)
    result = full(*argv)
    assert result.code == code, result.err
    assert message in result.error
    assert result.out == ""
    assert dump(db_path) == before


def test_usage_errors_name_the_help(run: Run) -> None:
    assert run("card", "add").error.endswith("(see `kanban card add --help`)")


def test_several_boards_need_a_choice(web: Run) -> None:
    web("board", "create", "OPS", "Ops")
    result = web("card", "add", "x")
    assert result.code == 2
    assert result.error == "error: Several boards exist (OPS, WEB); choose one with --board KEY."
    unknown = web("card", "list", "--board", "APP")
    assert (unknown.code, unknown.error) == (1, "error: No board 'APP'; boards: OPS, WEB.")


def test_no_board_yet(run: Run, ctx) -> None:
    result = run("card", "add", "x")
    assert result.code == 1
    assert "There is no board yet" in result.error


@pytest.mark.parametrize(
    "argv",
    [
        ["card", "list"],
        ["card", "show", "WEB-1"],
        ["card", "add", "x"],
        ["card", "move", "WEB-1", "Done"],
        ["card", "edit", "WEB-1", "--title", "y"],
        ["card", "rm", "WEB-1"],
        ["column", "add", "QA"],
        ["column", "wip", "Review", "3"],
        ["backup", "copy.db"],
    ],
)
def test_a_missing_database_is_not_created(run: Run, tmp_path: Path, argv: list[str]) -> None:
    """Only board create, demo and the TUI make a new file; a typo in --db is an error."""
    path = tmp_path / "typo.db"
    result = run(*argv, "--db", str(path))
    assert result.code == 1
    assert result.error.startswith(f"error: There is no database at {path}")
    assert not path.exists()


@pytest.mark.parametrize(
    "argv",
    [["card", "list"], ["card", "add", "x"], ["board", "list"], ["board", "create", "A1", "A"]],
)
def test_a_file_that_is_not_a_database_is_left_alone(
    run: Run, tmp_path: Path, argv: list[str]
) -> None:
    path = tmp_path / "notes.txt"
    content = b"my precious notes\n" * 500
    path.write_bytes(content)
    result = run(*argv, "--db", str(path))
    assert result.code == 1
    assert result.error == f"error: {path} is not a kanban database (it is not an SQLite file)."
    assert path.read_bytes() == content
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != "home") == ["notes.txt"]


def test_a_database_of_another_program_is_left_alone(run: Run, tmp_path: Path) -> None:
    import sqlite3

    path = tmp_path / "other.sqlite"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE t (x)")
    content = path.read_bytes()
    result = run("card", "list", "--db", str(path))
    assert result.code == 1
    assert "is an SQLite database of another program" in result.error
    assert path.read_bytes() == content


@pytest.mark.parametrize(
    ("argv", "table"),
    [
        (("card", "list"), "card"),
        (("card", "list", "--json"), "card"),
        (("card", "add", "lost"), "card"),
        (("log", "--json"), "event"),
        (("log", "--json", "--card", "WEB-1"), "event"),
    ],
    ids=["list", "json", "add", "log-json", "card-log-json"],
)
def test_a_damaged_table_is_one_sentence_where_it_is_met(
    full: Run, db_path: Path, argv: tuple[str, ...], table: str
) -> None:
    """The open reads the header and the schema only; the damage is said by
    the command that meets it (the streams read through the driver alone
    too), and a write that meets it changes nothing."""
    damage_table(db_path, table)
    before = db_path.read_bytes()
    result = full(*argv)
    assert result.code == 1
    assert result.error == (
        f"error: {db_path} is damaged or not a database (database disk image is malformed)."
    )
    assert db_path.read_bytes() == before


@pytest.mark.filterwarnings("error::pytest.PytestUnraisableExceptionWarning")
def test_a_row_edited_by_hand_fails_in_one_line(web: Run, db_path: Path) -> None:
    """A value the program never writes (points as text, set in the sqlite3
    shell) fails the stream in one line, and the reader it left part way
    closes quietly after its connection (no "Exception ignored" traceback)."""
    import gc
    import sqlite3

    assert web("card", "add", "One", "--points", "3").code == 0
    with sqlite3.connect(db_path) as connection:
        connection.execute("UPDATE card SET points = 'abc'")
    connection.close()
    result = web("card", "list", "--json")
    gc.collect()  # the abandoned reader is finalised here, not after the test
    assert result.code == 1
    assert result.error.startswith("error: internal error: ValueError")
    assert "\n" not in result.error


def test_a_directory_as_database(run: Run, tmp_path: Path) -> None:
    result = run("card", "list", "--db", str(tmp_path))
    assert result.code == 2
    assert result.error == f"error: {tmp_path} is a directory, not a database file."


def test_unexpected_failure_is_one_line(run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    from kanban_tui.services import boards

    def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("disk on fire")

    run("board", "create", "WEB", "Website")
    monkeypatch.setattr(boards, "list_boards", broken)
    result = run("board", "list")
    assert (result.code, result.error) == (1, "error: internal error: RuntimeError: disk on fire")


def test_keyboard_interrupt_exits_130(run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    from kanban_tui.services import boards

    def interrupted(*_args: object, **_kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(boards, "list_boards", interrupted)
    run("board", "create", "WEB", "Website")
    result = run("board", "list")
    assert result.code == 130


def test_help_is_normal_output(run: Run) -> None:
    result = run("--help")
    assert result.code == 0 and result.err == ""
    assert result.out.startswith("usage: kanban ")
    for argv in (["card", "--help"], ["card", "add", "--help"], ["column", "wip", "-h"]):
        result = run(*argv)
        assert result.code == 0, argv
        assert "usage: kanban " in result.out


def test_version(run: Run) -> None:
    from kanban_tui import __version__

    assert run("--version").out == f"kanban {__version__}\n"


def test_main_reads_sys_argv(monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    monkeypatch.setattr("sys.argv", ["kanban", "--version"])
    assert main() == 0
    assert capsys.readouterr().out.startswith("kanban ")
