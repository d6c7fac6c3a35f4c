"""The command line on a PostgreSQL server: ``--db postgresql://...`` or
``KANBAN_DB``, the same commands and sentences, and ``backup`` writing the
portable export (the server's own backups are pg_dump's)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_helpers import Run
from pg import fresh_database, needs_postgres

pytestmark = needs_postgres


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch):
    with fresh_database() as url:
        monkeypatch.setenv("KANBAN_DB", url.url)
        yield url


def test_the_commands_work_on_a_server_named_by_kanban_db(run: Run, server, tmp_path) -> None:
    assert run("board", "create", "WEB", "Website").code == 0
    assert run("card", "add", "First on the server", "--points", "3").out.strip() == "WEB-1"
    assert run("column", "wip", "In Progress", "1").code == 0
    assert run("card", "move", "WEB-1", "In Progress").code == 0
    run("card", "add", "Second")
    refused = run("card", "move", "WEB-2", "In Progress")
    assert refused.code == 1
    assert refused.error == "error: WIP limit reached: In Progress holds 1 of 1."
    listed = run("card", "list", "--json").json()
    assert [(card["key"], card["column"]) for card in listed] == [
        ("WEB-1", "In Progress"),
        ("WEB-2", "To Do"),
    ]

    backup = run("backup", str(tmp_path))
    assert backup.code == 0, backup.err
    (written,) = tmp_path.glob(f"{server.dbname}-*.json")
    assert f"to {written}" in backup.out
    exported = run("export", "--format", "json").out
    assert written.read_text(encoding="utf-8") == exported
    assert json.loads(exported)["format"] == "kanban-export"

    again = run("backup", str(written))
    assert again.code == 1 and "exists already" in again.error
    assert written.read_text(encoding="utf-8") == exported


def test_a_password_is_never_printed(run: Run, server, tmp_path: Path) -> None:
    with_password = server.url.replace("postgres@", "postgres:s3cret@")
    made = run("--db", with_password, "demo")
    assert made.code == 0, made.err
    assert "s3cret" not in made.out and "postgres:***@" in made.out


def test_a_url_of_another_engine_is_refused(run: Run) -> None:
    result = run("--db", "mysql://root@localhost/kanban", "card", "list")
    assert result.code == 2
    assert "names a server kanban cannot use" in result.error


def test_an_empty_server_lists_no_boards_and_backup_wants_a_json_name(
    run: Run, server, tmp_path: Path
) -> None:
    listed = run("board", "list")
    assert (listed.code, listed.out) == (0, "")
    assert "No boards yet" in listed.err
    assert run("board", "list", "--json").json() == []
    run("board", "create", "WEB", "Website")
    refused = run("backup", str(tmp_path / "copy.db"))
    assert refused.code == 2
    assert refused.error == (
        "error: On a server, kanban backup writes the JSON export (restore it with kanban "
        "import); name a .json file, not copy.db."
    )
    assert not (tmp_path / "copy.db").exists()
