"""Fixtures for command-line tests: run ``main`` in-process and read what it printed."""

from __future__ import annotations

import pytest
from cli_helpers import Result, Run

from kanban_tui.__main__ import main


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str]) -> Run:
    """``run("card", "list")`` -> Result; the database is $KANBAN_DB (tmp_path)."""

    def invoke(*argv: str) -> Result:
        capsys.readouterr()
        code = main(list(argv))
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return invoke


@pytest.fixture
def web(run: Run) -> Run:
    """A database holding board WEB with the default columns."""
    assert run("board", "create", "WEB", "Website").code == 0
    return run


@pytest.fixture
def cli_db(db_location, monkeypatch: pytest.MonkeyPatch):
    """$KANBAN_DB on the test's engine: the file, or the server's database
    (modules marked ``both_engines`` run on each; see tests/conftest.py)."""
    from kanban_tui.storage.server_url import ServerUrl

    monkeypatch.setenv(
        "KANBAN_DB", db_location.url if isinstance(db_location, ServerUrl) else str(db_location)
    )
    return db_location
