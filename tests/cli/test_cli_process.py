"""The command as a real process: start-up imports, exit status, pipes."""

from __future__ import annotations

import functools
import io
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from cli_helpers import together

from kanban_tui.__main__ import main
from kanban_tui.services import boards as board_services
from kanban_tui.services import cards

NO_TEXTUAL = """
import sys
from kanban_tui.__main__ import main
codes = [main(argv) for argv in {argvs!r}]
loaded = sorted(n for n in sys.modules if n.split(".")[0] in ("textual", "numpy"))
print(codes, loaded, file=sys.stderr)
sys.exit(1 if loaded or any(codes) else 0)
"""


def test_commands_never_import_textual(db_path: Path) -> None:
    """Nor numpy, which only a forecast loads."""
    argvs = [
        ["board", "create", "WEB", "Website"],
        ["card", "add", "x", "--points", "3"],
        ["card", "move", "WEB-1", "Review"],
        ["card", "edit", "WEB-1", "--title", "y"],
        ["card", "list", "--json"],
        ["card", "list"],
        ["card", "show", "WEB-1"],
        ["board", "list", "--json"],
        ["column", "wip", "Review", "4"],
        ["sprint", "create", "--goal", "g"],
        ["sprint", "add", "1", "WEB-1"],
        ["sprint", "start", "1"],
        ["card", "add", "y", "--sprint", "active"],
        ["card", "list", "--sprint", "active"],
        ["sprint", "list"],
        ["sprint", "list", "--json"],
        ["sprint", "report", "active", "--markdown"],
        ["sprint", "burndown"],
        ["sprint", "remove", "1", "WEB-2"],
        ["sprint", "complete", "--carry-over", "next", "--start-next", "--goal", "g2"],
        ["sprint", "report", "1", "--json"],
        ["sprint", "velocity"],
        ["sprint", "edit", "2", "--name", "Two"],
        ["risk", "add", "r", "-p", "3", "-i", "4", "--review-on", "2026-12-01"],
        ["risk", "edit", "WEB-R1", "--status", "mitigating", "--owner", "bob"],
        ["risk", "list"],
        ["risk", "list", "--json"],
        ["risk", "show", "WEB-R1"],
        ["risk", "show", "WEB-R1", "--json"],
        ["risk", "link", "WEB-R1", "WEB-1"],
        ["risk", "unlink", "WEB-R1", "WEB-1"],
        ["risk", "mitigate", "WEB-R1"],
        ["demo", "--db", str(db_path.with_name("demo.db"))],
        ["backup", str(db_path.with_name("copy.db"))],
        ["log"],
        ["log", "--card", "WEB-1", "--json"],
        ["card", "rm", "WEB-1"],
        ["log", "--card", "WEB-1"],
        ["--help"],
    ]
    result = subprocess.run(
        [sys.executable, "-c", NO_TEXTUAL.format(argvs=argvs)],
        capture_output=True,
        text=True,
        env=os.environ,
    )
    assert result.returncode == 0, result.stderr


def test_help_and_version_do_not_load_the_database_layer() -> None:
    code = (
        "import sys\nfrom kanban_tui.__main__ import main\nmain(['--version'])\n"
        "print(sorted({n.split('.')[0] for n in sys.modules} & {'sqlalchemy', 'sqlmodel', "
        "'textual'}))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.splitlines()[-1] == "[]"


NO_ORM = """
import sys
from kanban_tui.__main__ import main
codes = [main(argv) for argv in {argvs!r}]
loaded = sorted({{n.split(".")[0] for n in sys.modules}} & {{"sqlalchemy", "sqlmodel", "pydantic"}})
print(codes, loaded, file=sys.stderr)
"""


def test_the_json_streams_load_no_orm(db_path: Path) -> None:
    """``card list --json`` and ``log --json`` of a current file read it
    through the driver alone: SQLAlchemy, SQLModel and pydantic were 40% of
    ``card list --json`` at 100,000 cards. A filter takes the Core select."""
    made = [["board", "create", "WEB", "Website"], ["card", "add", "x"]]
    assert all(main([*argv, "--db", str(db_path)]) == 0 for argv in made)

    def loaded(*argvs: list[str]) -> str:
        argvs_db = [[*argv, "--db", str(db_path)] for argv in argvs]
        code = NO_ORM.format(argvs=argvs_db)
        result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
        return result.stderr.splitlines()[-1]

    streams = (["card", "list", "--json"], ["card", "list", "--json", "--all"], ["log", "--json"])
    assert loaded(*streams) == "[0, 0, 0] []"
    filtered = loaded(["card", "list", "--json", "--column", "To Do"])
    assert filtered == "[0] ['pydantic', 'sqlalchemy', 'sqlmodel']"  # the probe sees them


def test_an_old_file_is_upgraded_before_the_stream_reads_it(run, db_path: Path) -> None:
    """The streams' open is the same open: a file of schema 5 is copied and
    migrated first (through the ORM), then read."""
    assert run("board", "create", "WEB", "Website").code == 0
    assert run("card", "add", "x").code == 0
    expected = run("card", "list", "--json").out
    with sqlite3.connect(db_path) as conn:
        conn.execute("DROP INDEX ix_card_sprint_rank")
        conn.execute("PRAGMA user_version = 5")
    conn.close()
    assert run("card", "list", "--json").out == expected
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone() == (6,)
        indexes = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
    conn.close()
    assert "ix_card_sprint_rank" in indexes
    assert db_path.with_name(f"{db_path.name}.v5.bak").exists()


def test_a_del_character_prints_escaped_in_a_stream_as_elsewhere(run) -> None:
    """``\\x7f`` is printed as ``\\u007f`` by every --json (a terminal would act
    on it), also in a streamed list whose other text is all ASCII."""
    assert run("board", "create", "WEB", "Website").code == 0
    assert run("card", "add", "del\x7f").code == 0
    listed = run("card", "list", "--json").out
    shown = run("card", "show", "WEB-1", "--json").out
    assert "\\u007f" in listed and "\\u007f" in shown and "\x7f" not in listed + shown


def kanban(*argv: str, **kwargs) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kanban_tui", *argv],
        capture_output=True,
        text=True,
        env=os.environ,
        stdin=subprocess.DEVNULL,
        **kwargs,
    )


def test_python_dash_m_exit_status_and_one_line_errors(tmp_path: Path) -> None:
    # At once: none needs another's file (the refused create has a file of its own).
    version, missing, created, usage, bare = together(
        lambda: kanban("--version"),
        lambda: kanban("board", "create", "WEB", "", "--db", str(tmp_path / "refused.db")),
        lambda: kanban("board", "create", "WEB", "Website"),
        lambda: kanban("card", "move", "WEB-7"),
        lambda: kanban(),
    )
    assert version.returncode == 0
    assert (missing.returncode, missing.stdout) == (2, "")
    assert missing.stderr == "error: Board name must be 1-80 characters on one line (got 0).\n"
    assert created.returncode == 0
    assert usage.returncode == 2
    assert usage.stderr.count("\n") == 1 and usage.stderr.startswith("error: ")
    assert bare.returncode == 2 and "needs a terminal" in bare.stderr
    not_found = kanban("card", "show", "WEB-7")
    assert (not_found.returncode, not_found.stderr) == (1, "error: No card WEB-7.\n")


LISTED = 120
"""Cards whose listings are each more than twice the largest stdout buffer (8 KiB)."""


def closed_pipe(argv: list[str]) -> subprocess.CompletedProcess[bytes]:
    """``kanban ARGV`` writing into a pipe whose reader has gone already."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        return subprocess.run(
            [sys.executable, "-m", "kanban_tui", *argv],
            stdout=write_end,
            stderr=subprocess.PIPE,
            env=os.environ,
        )
    finally:
        os.close(write_end)


@pytest.mark.usefixtures("board")
@pytest.mark.parametrize("cards_on_board", [1, LISTED])
def test_a_closed_pipe_is_quiet(ctx, run, cards_on_board: int) -> None:
    """`kanban card list | head -1`: the reader is gone; no traceback, exit 141.

    With one card the output waits in the stdout buffer and the pipe breaks
    at the flush in ``main``; with many it breaks mid-listing, in the command.
    """
    with ctx.db.batch():
        for number in range(cards_on_board):
            title = f"Card number {number} with a long enough title " + "x" * 100
            cards.add_card(ctx, "WEB", title, points=3)
    argvs = (["card", "list"], ["card", "list", "--json"], ["card", "show", "WEB-1"])
    # Where the pipe breaks is the point: check the output is as small or large as meant.
    sizes = [len(run(*argv).out.encode()) for argv in argvs[:2]]
    if cards_on_board == 1:  # below the stdout buffer (a pipe's block size, 4 KiB, or 8 KiB)
        assert max(sizes) < 4096, sizes
    else:
        assert min(sizes) > 2 * io.DEFAULT_BUFFER_SIZE, sizes
    results = together(*(functools.partial(closed_pipe, argv) for argv in argvs))
    for argv, result in zip(argvs, results, strict=True):
        assert (result.returncode, result.stderr) == (141, b""), argv


def test_a_terminal_that_is_not_utf8(ctx) -> None:
    env = dict(os.environ, PYTHONIOENCODING="ascii")
    board_services.create_board(ctx, "WEB", "Café")  # in $KANBAN_DB, which the processes open
    cards.add_card(ctx, "WEB", "Umlaut äöü 日本")
    boards, listed = together(
        lambda: subprocess.run(
            [sys.executable, "-m", "kanban_tui", "board", "list"], capture_output=True, env=env
        ),
        lambda: subprocess.run(
            [sys.executable, "-m", "kanban_tui", "card", "list", "--json"],
            capture_output=True,
            env=env,
        ),
    )
    assert boards.returncode == 0 and boards.stderr == b""
    assert b"To Do 1 | In Progress 0/3" in boards.stdout
    assert b"Caf\\xe9" in boards.stdout
    assert listed.stdout.isascii()
    assert json.loads(listed.stdout)[0]["title"] == "Umlaut äöü 日本"


def test_a_reader_that_stops_reading_the_output_holds_no_one_up(ctx, board) -> None:
    """``card list --json | less``, left open: the command has read the rows and
    let go of the file; what the pipe does not take yet waits in the command.
    Without that, the write below waits out the busy timeout and is refused."""
    for number in range(400):  # some 170 kB of JSON: more than a pipe holds
        cards.add_card(ctx, "WEB", f"Card {number}", description="x" * 400)
    reader = subprocess.Popen(
        [sys.executable, "-m", "kanban_tui", "--db", str(ctx.db.path), "card", "list", "--json"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=os.environ,
    )
    try:
        # The first bytes: the command is reading (or has read) the rows.
        assert reader.stdout is not None and reader.stdout.read(1) == b"["
        cards.add_card(ctx, "WEB", "Written while the output waits")
        out = reader.stdout.read()  # the rest (communicate would skip what is buffered)
        err = reader.stderr.read() if reader.stderr else b""
        reader.wait()
    finally:
        reader.kill()
    assert reader.returncode == 0, err
    assert len(json.loads(b"[" + out)) == 400
