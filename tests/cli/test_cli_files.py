"""kanban demo, kanban backup, and bare kanban (the TUI's door)."""

from __future__ import annotations

import gc
import sqlite3
import sys
import types
from pathlib import Path

import pytest
from cli_helpers import Run

from kanban_tui import paths


def test_demo_fills_a_new_database(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "demo.db"
    result = run("demo", "--db", str(path))
    assert result.code == 0, result.err
    assert result.out.startswith('Made the demo board WEB "Website relaunch" with ')
    assert result.out.endswith(f"; open it with: kanban --db {path}\n")
    cards = run("card", "list", "--db", str(path), "--json").json()
    assert len(cards) >= 30
    assert {card["column"] for card in cards} == {"To Do", "In Progress", "Review", "Done"}


def test_demo_on_the_default_database_needs_no_db_option(run: Run) -> None:
    assert run("demo").out.endswith("; open it with: kanban\n")


def test_demo_beside_other_boards_names_the_board(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "two.db"
    run("board", "create", "OPS", "Ops", "--db", str(path))
    result = run("demo", "--db", str(path))
    assert result.out.endswith(f"open it with: kanban --db {path} --board WEB\n")


@pytest.mark.usefixtures("demo_board")  # what a first `kanban demo` made, copied in
def test_demo_refuses_a_second_time(run: Run, db_path: Path) -> None:
    before = db_path.stat().st_size
    result = run("demo")
    assert result.code == 1
    assert result.error == (
        f"error: {db_path} has a board WEB already; "
        "try a new file: kanban demo --db /tmp/kanban-demo.db"
    )
    assert len(run("board", "list", "--json").json()) == 1
    assert db_path.stat().st_size == before


def test_backup_copies_the_database(web: Run, db_path: Path, tmp_path: Path) -> None:
    web("card", "add", "Keep me")
    target = tmp_path / "copy.db"
    result = web("backup", str(target))
    assert result.code == 0
    assert result.out.startswith(f"Backed up {db_path} to {target} (")
    with sqlite3.connect(target) as conn:
        assert conn.execute("SELECT title FROM card").fetchall() == [("Keep me",)]
    again = web("backup", str(target))
    assert again.code == 1
    assert "exists already" in again.error


def test_backup_into_a_directory(web: Run, tmp_path: Path) -> None:
    folder = tmp_path / "backups"
    folder.mkdir()
    assert web("backup", str(folder)).code == 0
    (copy,) = folder.iterdir()
    assert copy.name.startswith("kanban-") and copy.suffix == ".db"


class FakeApp:
    opened: list[tuple[object, str]] = []
    events: list[str] = []

    def __init__(self, ctx: object, board: str) -> None:
        FakeApp.opened.append((ctx, board))
        self.return_code = 0

    def run(self) -> None:
        FakeApp.events.append("run")


@pytest.fixture
def fake_tui(monkeypatch: pytest.MonkeyPatch) -> list[tuple[object, str]]:
    """A stand-in for kanban_tui.app and a terminal on stdin and stdout."""
    module = types.ModuleType("kanban_tui.app")
    module.create_app = FakeApp  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "kanban_tui.app", module)
    monkeypatch.setattr("kanban_tui.cli.tui._interactive", lambda: True)
    # The TUI freezes what is alive before it runs (out of the collector's
    # passes): noted here, not done to the test process.
    monkeypatch.setattr(gc, "freeze", lambda: FakeApp.events.append("freeze"))
    FakeApp.opened, FakeApp.events = [], []
    return FakeApp.opened


def test_bare_kanban_creates_a_first_board_and_opens_it(
    run: Run, fake_tui: list, db_path: Path
) -> None:
    assert run().code == 0
    assert [board for _, board in fake_tui] == ["TEAM"]
    assert FakeApp.events == ["freeze", "run"]  # the start's objects frozen, then the app
    assert paths.last_board(db_path) == "TEAM"
    assert run("board", "list", "--json").json()[0]["key"] == "TEAM"


def test_bare_kanban_opens_the_board_asked_for_and_remembers_it(
    web: Run, fake_tui: list, db_path: Path
) -> None:
    web("board", "create", "OPS", "Ops")
    assert web("--board", "ops").code == 0
    assert paths.last_board(db_path) == "OPS"
    # the board last opened becomes the default of the other commands
    assert web("card", "add", "x").out == "OPS-1\n"
    assert web("--board", "NOPE").code == 1


def test_bare_kanban_without_a_terminal_says_so(run: Run, db_path: Path) -> None:
    result = run()
    assert result.code == 2
    assert "needs a terminal" in result.error
    assert not db_path.exists()
