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
def cli_db(db_location, monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest):
    """$KANBAN_DB on the test's engine: the file, or the server's database
    (modules marked ``both_engines`` run on each; see tests/conftest.py)."""
    from kanban_tui.storage.server_url import ServerUrl

    monkeypatch.setenv(
        "KANBAN_DB", db_location.url if isinstance(db_location, ServerUrl) else str(db_location)
    )
    if isinstance(db_location, ServerUrl):
        shared_engine(request.getfixturevalue("worker_server"), monkeypatch)
    return db_location


def shared_engine(server, monkeypatch: pytest.MonkeyPatch) -> None:
    """Commands opening this process's test database use its one engine.

    A command process connects once and sets up SQLAlchemy's dialect once
    (several queries), then exits; run in a test process, each of thousands
    of commands did so, and a new connection is a new server process. Every
    check ``ServerDatabase.open`` makes is still made (``_prepare``);
    only the engine is shared, and a command's ``close`` leaves it open.
    Any other URL (a missing database, a wrong password) opens as it would.
    """
    from kanban_tui.storage import postgres
    from kanban_tui.storage.postgres import ServerDatabase

    real_open = ServerDatabase.open

    def open_shared(url, *, create: bool = True):
        if url.url != server.url.url:
            return real_open(url, create=create)
        store = ServerDatabase(url, server.engine)
        with postgres._translate_errors(url, opening=True):
            store._prepare(create)
        store.close = lambda: None  # the engine is the test process's
        return store

    monkeypatch.setattr(ServerDatabase, "open", open_shared)
