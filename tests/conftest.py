"""Fixtures shared by every layer. Tests never touch the real user directories."""

from __future__ import annotations

import gc
import os
import shutil
import sqlite3
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import headless_frames
import pytest
import textual.screen
from hypothesis import settings
from ram_tmp import tmp_path

from kanban_tui import demo
from kanban_tui.domain.model import Board
from kanban_tui.services import Context
from kanban_tui.services import boards as board_services
from kanban_tui.storage.database import Database
from kanban_tui.storage.postgres import ServerDatabase
from kanban_tui.storage.server_url import ServerUrl

# No wall-clock bound on an example: a busy 2-core CI box is not a failure.
settings.register_profile("kanban", deadline=None)
settings.load_profile("kanban")

FIXED_NOW = datetime(2026, 11, 25, 9, 30, tzinfo=UTC)

__all__ = ["tmp_path"]  # every test's files on /dev/shm where there is one (see ram_tmp)


def pytest_collection_finish(session: pytest.Session) -> None:
    """Garbage collection tuned for a long test process (each xdist worker is one).

    Everything alive once the tests are collected (the imported libraries, the
    collected items) lives to the end: frozen, full collections stop walking it
    again. A Pilot test leaves a whole widget tree of garbage; larger
    thresholds collect it in fewer, cheaper passes. Measured on the UI tests,
    the collector went from about 40 % of their CPU time to under 25 %.
    """
    gc.collect()
    gc.freeze()
    gc.set_threshold(10_000, 10, 10)


def pytest_sessionfinish(session: pytest.Session) -> None:
    """One collection, then everything still alive frozen: pytest's own end of
    session (its unraisable-exception check) then collects five times over, and
    each of those passes walked the whole heap a test process had grown (about
    0.2 s each after the UI tests). This pass runs what was left's finalizers,
    so an exception raised in one is still reported."""
    gc.collect()
    gc.freeze()


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_auto_num_workers(config: pytest.Config) -> int | None:
    """``-n auto`` is two test processes more than there are cores.

    A UI test waits for the app to go quiet (a screen's refresh, a worker's
    thread, Textual's wait for idle where a screen changes), so a Pilot test
    process keeps its core only about 60 % busy; more processes than cores
    fill the gaps. Measured on 2 cores on 2026-12-02 (with ``--dist
    worksteal``, see ``addopts``): 154 s with three, 149-150 s with four,
    152 s with five. ``PYTEST_XDIST_AUTO_NUM_WORKERS`` still decides when it
    is set.
    """
    if os.environ.get("PYTEST_XDIST_AUTO_NUM_WORKERS"):
        return None
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return (cores or 1) + 2


@pytest.fixture(autouse=True, scope="session")
def frames_when_asked() -> None:
    """Screens draw a frame within a millisecond of a change, not at 60 a second.

    Textual draws what changed on a timer (``textual.screen.UPDATE_PERIOD``,
    from ``TEXTUAL_FPS``); a person never sees the wait, but a Pilot test
    waits for each frame, idle. ``TEXTUAL_FPS`` is read when Textual is
    imported, before a conftest runs (pytest-textual-snapshot imports it), so
    the period is set here. Measured on four UI test files: 8 % less time.
    """
    textual.screen.UPDATE_PERIOD = 1 / 1000  # type: ignore[misc]


@pytest.fixture(autouse=True)
def frames_rendered_when_read(request: pytest.FixtureRequest) -> Iterator[None]:
    """A headless app's frames are not rendered, only the screen a test reads
    (``headless_frames``); a test marked ``draws_frames`` renders every frame."""
    if request.node.get_closest_marker("draws_frames"):
        yield
        return
    with headless_frames.skipping():
        yield


@pytest.fixture(autouse=True)
def isolated_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point platformdirs (XDG), KANBAN_DB and KANBAN_USER at throwaway values."""
    home = tmp_path / "home"
    for name, sub in (
        ("XDG_DATA_HOME", "data"),
        ("XDG_CONFIG_HOME", "config"),
        ("XDG_STATE_HOME", "state"),
        ("XDG_CACHE_HOME", "cache"),
    ):
        monkeypatch.setenv(name, str(home / sub))
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("KANBAN_DB", str(tmp_path / "kanban.db"))
    monkeypatch.setenv("KANBAN_USER", "alice")
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    # argparse asks gettext to translate each of its messages, and gettext
    # searches the disk for a catalogue every time: some 170 searches a parser,
    # and the CLI tests build one per command. There is no catalogue to find;
    # LANGUAGE=C (read by gettext only) ends each search before it starts.
    monkeypatch.setenv("LANGUAGE", "C")
    return home


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "kanban.db"


BOTH_ENGINES = {"services", "storage"}
"""The test folders whose ``ctx`` tests run on SQLite and on PostgreSQL
(tests/pg.py: when ``KANBAN_TEST_POSTGRES`` names a server, else skipped)."""


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "sqlite_only(reason): a ctx test about the SQLite file itself"
    )
    config.addinivalue_line(
        "markers", "draws_frames: a UI test about the frames an app renders (headless_frames)"
    )
    config.addinivalue_line(
        "markers", "both_engines: a module outside services/storage run on both engines too"
    )


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """``engine`` is both engines in BOTH_ENGINES, unless a test is marked ``sqlite_only``."""
    if "engine" not in metafunc.fixturenames:
        return
    folder = Path(str(metafunc.definition.fspath)).parent.name
    if folder not in BOTH_ENGINES and not metafunc.definition.get_closest_marker("both_engines"):
        return
    if metafunc.definition.get_closest_marker("sqlite_only"):
        return
    metafunc.parametrize("engine", ["sqlite", "postgres"])


@pytest.fixture
def engine() -> str:
    """The engine of ``ctx``: SQLite, except where parametrised (see above)."""
    return "sqlite"


@pytest.fixture(scope="session")
def worker_server() -> Iterator[Any]:
    """This test process's PostgreSQL database (tests/pg.py), made on first use."""
    from pg import WorkerDatabase, skip_reason

    if reason := skip_reason():
        pytest.skip(reason)
    database = WorkerDatabase()
    yield database
    database.drop()


@pytest.fixture
def db_location(db_path: Path, engine: str, request: pytest.FixtureRequest) -> Path | ServerUrl:
    """A fresh database of the test's engine: the file ``db_path``, or this
    test process's server database with every table emptied."""
    if engine == "postgres":
        return request.getfixturevalue("worker_server").empty()
    return db_path


@pytest.fixture
def ctx(db_location: Path | ServerUrl, request: pytest.FixtureRequest) -> Iterator[Context]:
    """A service context on a fresh database, acting as alice at a fixed time.

    On PostgreSQL the store is new but its engine is this process's one
    (``WorkerDatabase.store``): no new connection and dialect set-up per test.
    """
    if isinstance(db_location, ServerUrl):
        server = request.getfixturevalue("worker_server")
        yield Context(server.store(), actor="alice", clock=lambda: FIXED_NOW)
        return
    if not db_location.exists():
        # A copy of a file Database.open made (its mode too): opening it costs
        # a schema check, where making the schema took 5-10 ms a test.
        shutil.copy2(request.getfixturevalue("schema_template"), db_location)
    database = Database.open(db_location)
    yield Context(database, actor="alice", clock=lambda: FIXED_NOW)
    database.close()


@pytest.fixture(scope="session")
def schema_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A new database file as ``Database.open`` makes it, once per test process."""
    path = tmp_path_factory.mktemp("schema-template") / "kanban.db"
    Database.open(path).close()
    return path


@pytest.fixture
def board(ctx: Context):
    """A board WEB with the default columns: To Do, In Progress (3), Review (2), Done."""
    return board_services.create_board(ctx, "WEB", "Website")


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo board WEB, built once per session (per xdist worker) at the fixed clock.

    Built as the ``ctx`` fixture would build it (alice, FIXED_NOW, TZ=UTC), on a
    file of its own that no test opens: tests get a copy (see ``demo_board``).
    """
    path = tmp_path_factory.mktemp("demo-template") / "kanban.db"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("TZ", "UTC")  # as isolated_dirs sets it: days are UTC days
        time.tzset()
        database = Database.open(path)
        try:
            builder = Context(database, actor="alice", clock=lambda: FIXED_NOW)
            demo.fill(builder, builder.today())
        finally:
            database.close()
    time.tzset()
    return path


@pytest.fixture
def demo_board(ctx: Context, demo_template: Path, request: pytest.FixtureRequest) -> Board:
    """The demo team board WEB (about 40 cards), built at the fixed test clock.

    The same content as ``demo.fill(ctx, ctx.today())``, copied into the test's
    database with SQLite's online backup instead of being replayed per test.
    """
    if isinstance(ctx.db, ServerDatabase):
        server = request.getfixturevalue("worker_server")
        if not server.has_demo:
            demo.fill(ctx, ctx.today())
            server.keep_as_demo()
        server.demo()
        return board_services.resolve_board(ctx, "WEB")
    source = sqlite3.connect(f"file:{demo_template}?mode=ro", uri=True)
    target = sqlite3.connect(ctx.db.path)
    try:
        source.backup(target)
    finally:
        target.close()
        source.close()
    return board_services.resolve_board(ctx, "WEB")
