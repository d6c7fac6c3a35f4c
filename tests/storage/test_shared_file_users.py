"""One board file, three real Unix users: alice writes, carol may only read.

In each of the three ways teams share a folder, any order of carol's reads
(the command line, and a long-lived viewer polling as an open TUI does) and
alice's writes leaves alice able to write and carol able to read and up to
date, and nothing of carol's is ever left beside the file. Runs as root
(CI); elsewhere it skips with the reason.
"""

from __future__ import annotations

import json
import os
import random
import sqlite3
import stat
from pathlib import Path

import pytest
from storehelp import die_mid_change
from unix_users import Viewer, accounts, as_user, kanban, killed, shared_folder, warm_up

__all__ = ["accounts"]  # the session fixture, imported for pytest

LAYOUTS = ["sticky", "owned", "team"]


@pytest.fixture
def board_file(request: pytest.FixtureRequest, accounts, tmp_path: Path):
    """Board WEB made by alice, then opened to carol for reading only."""
    warm_up(tmp_path)
    layout = request.param
    with shared_folder(layout, accounts) as folder:
        path = folder / "web.db"
        alice = accounts["alice"]
        made = kanban(alice, "board", "create", "WEB", "Website", "--db", str(path))
        assert made.code == 0, made
        # Alice shares it read-only: 0644 in a shared folder, 0640 for the team group.
        mode = 0o640 if layout == "team" else 0o644
        assert as_user(alice, lambda: os.chmod(path, mode)).code == 0
        yield path


def beside(path: Path) -> list[str]:
    return sorted(name for name in os.listdir(path.parent))


def titles(outcome) -> list[str]:
    assert outcome.code == 0, outcome
    return [card["title"] for card in json.loads(outcome.out)]


@pytest.mark.parametrize("board_file", LAYOUTS, indirect=True)
def test_any_order_of_reads_and_writes_keeps_alice_writing_and_carol_current(
    board_file: Path, accounts
) -> None:
    alice, carol = accounts["alice"], accounts["carol"]
    db = ["--db", str(board_file)]
    written: list[str] = []
    viewer: Viewer | None = None
    steps = random.Random(8).choices(["write", "read", "open", "poll", "close"], k=40)
    # Every kind of step also comes first, before anyone else touched the file.
    for first in ("read", "open", "write"):
        steps.insert(0, first)
    try:
        for number, step in enumerate(steps):
            if step == "write":
                title = f"card {number}"
                added = kanban(alice, "card", "add", title, *db)
                assert added.code == 0, (number, added)
                written.append(title)
            elif step == "read":
                assert titles(kanban(carol, "card", "list", "--json", *db)) == written
                refused = kanban(carol, "card", "add", "not mine", *db)
                assert refused.code == 1
                assert "read-only for you (it belongs to kanban-alice" in refused.err
            elif step == "open" and viewer is None:
                viewer = Viewer(carol, board_file)
                assert viewer.opened is True  # read_only
                assert viewer.ask("titles") == written
            elif step == "poll" and viewer is not None:
                viewer.ask("poll")
                assert viewer.ask("titles") == written
            elif step == "close" and viewer is not None:
                viewer.close()
                viewer = None
            assert beside(board_file) == ["web.db"], (number, step)
    finally:
        if viewer is not None:
            viewer.close()
    assert written


@pytest.mark.parametrize("board_file", LAYOUTS, indirect=True)
def test_a_viewer_sees_alices_change_at_its_next_poll(board_file: Path, accounts) -> None:
    alice, carol = accounts["alice"], accounts["carol"]
    viewer = Viewer(carol, board_file)
    try:
        assert viewer.ask("poll") == []
        assert kanban(alice, "card", "add", "Seen live", "--db", str(board_file)).code == 0
        assert viewer.ask("poll") == ["WEB-1"]
        assert viewer.ask("titles") == ["Seen live"]
    finally:
        viewer.close()


@pytest.mark.parametrize("board_file", LAYOUTS, indirect=True)
def test_a_writer_killed_mid_change_never_stops_a_reader(board_file: Path, accounts) -> None:
    alice, carol = accounts["alice"], accounts["carol"]
    db = ["--db", str(board_file)]
    assert kanban(alice, "card", "add", "Before the crash", *db).code == 0
    viewer = Viewer(carol, board_file)
    try:
        assert killed(as_user(alice, lambda: die_mid_change(board_file)))
        assert "web.db-journal" in beside(board_file)  # a hot journal: only a writer may fix it
        # Carol reads the committed state; SQLite alone would refuse her.
        assert titles(kanban(carol, "card", "list", "--json", *db)) == ["Before the crash"]
        assert viewer.ask("poll") == []
        assert viewer.ask("titles") == ["Before the crash"]
        assert "web.db-journal" in beside(board_file)  # and she changed nothing
        # Alice's next command rolls the half-change back, and carol sees what follows.
        assert kanban(alice, "card", "add", "After the crash", *db).code == 0
        assert beside(board_file) == ["web.db"]
        assert viewer.ask("poll") == ["WEB-2"]
        assert viewer.ask("titles") == ["Before the crash", "After the crash"]
    finally:
        viewer.close()


def wal_mode(path: Path) -> None:
    """As an older kanban left its files: in WAL mode."""
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.close()


@pytest.mark.parametrize("board_file", ["sticky", "team"], indirect=True)
def test_an_old_wal_file_is_read_without_creating_anything(board_file: Path, accounts) -> None:
    alice, carol = accounts["alice"], accounts["carol"]
    db = ["--db", str(board_file)]
    assert kanban(alice, "card", "add", "Old times", *db).code == 0
    assert as_user(alice, lambda: wal_mode(board_file)).code == 0
    assert board_file.read_bytes()[18:20] == b"\x02\x02"
    assert titles(kanban(carol, "card", "list", "--json", *db)) == ["Old times"]
    assert beside(board_file) == ["web.db"]
    # The first writer turns it to the rollback journal.
    assert kanban(alice, "card", "add", "New times", *db).code == 0
    assert board_file.read_bytes()[18:20] == b"\x01\x01"
    assert titles(kanban(carol, "card", "list", "--json", *db)) == ["Old times", "New times"]


@pytest.mark.parametrize("board_file", ["sticky"], indirect=True)
def test_stray_files_of_an_older_version_are_named_with_their_owner(
    board_file: Path, accounts
) -> None:
    alice, carol = accounts["alice"], accounts["carol"]
    db = ["--db", str(board_file)]
    assert as_user(alice, lambda: wal_mode(board_file)).code == 0

    def old_reader() -> None:  # what kanban 0.1 did: SQLite made -wal and -shm as carol
        conn = sqlite3.connect(f"file:{board_file}?mode=ro", uri=True)
        conn.execute("SELECT count(*) FROM card").fetchone()
        conn.close()

    assert as_user(carol, old_reader).code == 0
    wal = Path(f"{board_file}-wal")
    assert wal.stat().st_uid == carol.uid and stat.S_IMODE(wal.stat().st_mode) == 0o644
    refused = kanban(alice, "card", "add", "Blocked", *db)
    assert refused.code == 1
    assert refused.err == (
        f"error: {wal} belongs to kanban-carol and is not writable for you, so no change "
        f"can be saved; an older kanban left it there. Ask kanban-carol (or root) to run "
        f"`rm -f {wal} {board_file}-shm` while nobody has the board open.\n"
    )
    assert kanban(alice, "card", "list", *db).code == 0  # reading still works
    # The fix the sentence gives works.
    assert as_user(carol, lambda: [os.remove(wal), os.remove(f"{board_file}-shm")]).code == 0
    assert kanban(alice, "card", "add", "Unblocked", *db).code == 0
