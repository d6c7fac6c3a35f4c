"""Database names that would lose the board, or are not what was meant, are refused.

Each gets one sentence and exit status 2, and nothing is created anywhere.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from cli_helpers import Run


@pytest.fixture
def empty_cwd(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    place = tmp_path / "cwd"
    place.mkdir()
    monkeypatch.chdir(place)
    return place


@pytest.mark.parametrize(
    ("db", "sentence"),
    [
        ("", "--db needs a file name (got an empty one)."),
        (":memory:", "--db ':memory:' is a name SQLite reads as an in-memory or URI database"),
        (" :memory: ", "is a name SQLite reads as an in-memory or URI database"),
        ("file:board.db?mode=memory", "is a name SQLite reads as an in-memory or URI database"),
        ("~no-such-user-here/x.db", "starts with ~no-such-user-here, but there is no user"),
        ("bad\udcffname.db", "is not a valid file name (it is not UTF-8)."),
    ],
)
@pytest.mark.parametrize("command", [["demo"], ["card", "list"], ["board", "create", "A", "B"]])
def test_names_sqlite_would_misread_are_refused(
    run: Run, empty_cwd: Path, db: str, sentence: str, command: list[str]
) -> None:
    result = run(*command, "--db", db)
    assert result.code == 2
    assert sentence in result.error
    assert os.listdir(empty_cwd) == []


@pytest.mark.parametrize("value", [":memory:", "file::memory:", "~no-such-user-here/k.db"])
def test_kanban_db_is_checked_the_same_way(
    run: Run, empty_cwd: Path, monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    monkeypatch.setenv("KANBAN_DB", value)
    result = run("demo")
    assert result.code == 2
    assert result.error.startswith(f"error: KANBAN_DB {value!r}")
    assert os.listdir(empty_cwd) == []
    # --help still works, so the person can read what to set.
    assert run("--help").code == 0


def test_a_dangling_symlink_is_refused_not_followed(run: Run, tmp_path: Path) -> None:
    link = tmp_path / "board.db"
    link.symlink_to(tmp_path / "gone" / "real.db")
    for command in (["demo"], ["card", "list"], ["backup", str(tmp_path / "b.db")]):
        result = run(*command, "--db", str(link))
        assert result.code == 2
        assert result.error == (
            f"error: --db {str(link)!r} is a symbolic link to {tmp_path / 'gone' / 'real.db'}, "
            "which is missing."
        )
    assert sorted(os.listdir(tmp_path)) == ["board.db"]


def test_a_read_command_on_an_empty_file_writes_nothing(run: Run, tmp_path: Path) -> None:
    empty = tmp_path / "empty.db"
    empty.touch()
    for command in (["card", "list"], ["sprint", "list"], ["log"], ["risk", "list"]):
        result = run(*command, "--db", str(empty))
        assert result.code == 1
        assert "There is no board yet in" in result.error
    assert run("board", "list", "--db", str(empty)).code == 0
    assert empty.stat().st_size == 0
    assert sorted(os.listdir(tmp_path)) == ["empty.db"]
    # A command that makes a board makes the database.
    assert run("board", "create", "WEB", "Website", "--db", str(empty)).code == 0
    assert empty.stat().st_size > 0


def test_demo_reports_the_cards_of_a_real_file(run: Run, empty_cwd: Path) -> None:
    result = run("demo", "--db", "team.db")
    assert result.code == 0
    assert "with 42 cards in team.db" in result.out
    assert run("card", "list", "--db", "team.db", "--json").json()


@pytest.mark.parametrize("name", [":memory:", "file:copy.db", "file:copy.db?mode=memory", ""])
def test_a_backup_to_a_name_sqlite_would_misread_is_refused(
    run: Run, empty_cwd: Path, name: str
) -> None:
    assert run("board", "create", "WEB", "Website", "--db", "board.db").code == 0
    result = run("backup", name, "--db", "board.db")
    assert result.code == 2
    assert os.listdir(empty_cwd) == ["board.db"]


def test_a_backup_into_a_folder_one_may_not_enter_is_one_sentence(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run("board", "create", "WEB", "Website").code == 0
    closed = tmp_path / "closed"
    closed.mkdir()

    def denied(self: Path) -> bool:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "is_dir", denied)  # root may enter any folder
    result = run("backup", str(closed / "b.db"))
    assert result.code == 1
    assert result.error == f"error: Cannot write {closed / 'b.db'}: Permission denied."


@pytest.mark.parametrize(
    "argv",
    [
        ["board", "create", "P", "Website"],
        ["board", "create", "WEB", ""],
        ["board", "create", "WEB", "Website", "--columns", "A,A"],
        ["board", "create", "WEB", "Website", "--columns", "A:0,B"],
    ],
)
def test_a_refused_board_create_leaves_no_file_or_folder(
    run: Run, tmp_path: Path, argv: list[str]
) -> None:
    target = tmp_path / "new" / "deeper" / "board.db"
    assert run(*argv, "--db", str(target)).code == 2
    assert not (tmp_path / "new").exists()
    empty = tmp_path / "empty.db"
    empty.touch()
    assert run(*argv, "--db", str(empty)).code == 2
    assert empty.stat().st_size == 0
