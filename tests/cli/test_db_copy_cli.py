"""``kanban db copy SOURCE TARGET``: the command line over services/db_copy.py."""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_helpers import Run, dump
from pg import fresh_database, needs_postgres

from kanban_tui.domain.model import Board


@pytest.fixture
def team(demo_board: Board, run: Run, tmp_path: Path) -> Path:
    """The demo board WEB in $KANBAN_DB, with a comment and a second board."""
    assert run("card", "comment", "WEB-3", "Looks right to me.").code == 0
    assert run("board", "create", "OPS", "Operations").code == 0
    assert run("card", "add", "Rotate the keys", "--board", "OPS").code == 0
    return tmp_path / "kanban.db"


def test_copy_prints_what_it_copied_and_the_copy_exports_the_same(
    team: Path, run: Run, tmp_path: Path
) -> None:
    target = tmp_path / "copy.db"
    done = run("db", "copy", str(team), str(target))
    assert done.code == 0, done.err
    assert done.err == ""
    assert done.out == (
        "Copied 2 boards: 69 cards, 4 sprints, 8 risks, 275 events, 1 comment "
        f"from {team} to {target}.\n"
    )
    assert run("export", "--db", str(target)).out == run("export").out


def test_copy_of_one_board(team: Path, run: Run, tmp_path: Path) -> None:
    target = tmp_path / "ops.db"
    done = run("db", "copy", str(team), str(target), "--board", "OPS")
    assert done.code == 0, done.err
    assert done.out.startswith("Copied 1 board: 1 card, 0 sprints, 0 risks, 2 events")
    assert run("export", "--db", str(target)).out == run("export", "--board", "OPS").out


def test_a_key_the_target_holds_is_refused_and_nothing_is_written(
    team: Path, run: Run, tmp_path: Path
) -> None:
    target = tmp_path / "other.db"
    assert run("board", "create", "OPS", "Their ops", "--db", str(target)).code == 0
    before = dump(target)
    refused = run("db", "copy", str(team), str(target))
    assert refused.code == 1
    assert refused.error == (
        f"error: {target} holds a board OPS already; nothing was copied (copy into another "
        "database, or rename the board in one of them)."
    )
    assert dump(target) == before


@pytest.mark.parametrize(
    ("argv", "code", "says"),
    [
        (["db", "copy", "{team}"], 2, "the following arguments are required: TARGET"),
        (["db"], 2, "kanban db needs an action: copy"),
        (["db", "copy", "{team}", "{team}"], 2, "are the same database; name another target"),
        (["db", "copy", "{team}", "mysql://h/x"], 2, "TARGET mysql://... names a server"),
        (["db", "copy", "{missing}", "{new}"], 1, "There is no database at"),
        (["db", "copy", "{team}", "{new}", "--board", "NOPE"], 1, "There is no board NOPE"),
        (["--db", "{team}", "db", "copy", "{team}", "{new}"], 2, "--db does not apply"),
    ],
)
def test_bad_uses_get_one_sentence(
    team: Path, run: Run, tmp_path: Path, argv: list[str], code: int, says: str
) -> None:
    names = {"team": team, "missing": tmp_path / "missing.db", "new": tmp_path / "new.db"}
    result = run(*(word.format(**names) for word in argv))
    assert result.code == code
    assert says in result.error
    assert not (tmp_path / "new.db").exists()
    assert not (tmp_path / "missing.db").exists()


@needs_postgres
def test_a_file_to_a_server_and_back(team: Path, run: Run, tmp_path: Path) -> None:
    with fresh_database() as url:
        there = run("db", "copy", str(team), url.url)
        assert there.code == 0, there.err
        assert there.out.endswith(f"to {url.display}.\n")
        back = tmp_path / "back.db"
        again = run("db", "copy", url.url, str(back))
        assert again.code == 0, again.err
        exported = run("export").out
        assert run("export", "--db", url.url).out == exported
        assert run("export", "--db", str(back)).out == exported
