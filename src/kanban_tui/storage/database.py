"""The database file: opening, checking, creating, migrating, transactions.

Settings and what they promise: WAL journal with ``synchronous=NORMAL``. A
committed change survives a crash of the process at any point; on power loss
the last transactions before the loss may be rolled back, but the file is
never left damaged. Readers never block the writer and the writer never
blocks readers; writers queue on a 5 s busy timeout, and every write
transaction starts with ``BEGIN IMMEDIATE`` so that a check and the write it
guards (a WIP limit, a version) happen under one lock.
"""

from __future__ import annotations

import os
import sqlite3
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import quote

from sqlalchemy import event
from sqlalchemy.engine import URL, Engine
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlmodel import Session, SQLModel, create_engine

from ..domain.errors import ReadOnly, StorageError
from . import risk_tables, tables  # noqa: F401  (registers the tables on SQLModel.metadata)
from .migrations import MIGRATIONS, SCHEMA_VERSION

APPLICATION_ID = 0x4B414E42  # "KANB" in the SQLite header marks our files
SQLITE_MAGIC = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 5000


def _new_file_mode(path: Path) -> int:
    """0600 for a personal file; 0660 in a group-writable setgid (team) directory."""
    try:
        parent = path.parent.stat()
    except OSError:
        return 0o600
    shared = parent.st_mode & stat.S_ISGID and parent.st_mode & stat.S_IWGRP
    return 0o660 if shared else 0o600


def _uri(path: Path, immutable: bool = False) -> str:
    """A read-only SQLite URI; quoting keeps "?", "#" and "%" in names literal.

    ``immutable`` is for a file nobody can be writing to at the moment that
    we may not write to either (no ``-shm`` beside it and a folder we cannot
    create one in): SQLite then reads it without the shared-memory file.
    """
    suffix = "&immutable=1" if immutable else ""
    return f"file:{quote(str(path.absolute()))}?mode=ro{suffix}"


def _free_name(path: Path, tag: str) -> Path:
    """``kanban.db.v1.bak``, or ``kanban.db.v1-2.bak`` if an earlier attempt left one."""
    candidate = path.with_name(f"{path.name}{tag}.bak")
    number = 1
    while candidate.exists():
        number += 1
        candidate = path.with_name(f"{path.name}{tag}-{number}.bak")
    return candidate


def _check_header(path: Path) -> None:
    try:
        with path.open("rb") as handle:
            head = handle.read(len(SQLITE_MAGIC))
    except OSError as error:
        raise StorageError(f"Cannot read {path}: {error.strerror}.") from None
    if head != SQLITE_MAGIC:
        raise StorageError(f"{path} is not a kanban database (it is not an SQLite file).")


def _reader_uri(path: Path) -> str:
    """The URI a read-only connection can open the file with (see ``_uri``)."""
    if os.access(path.parent, os.W_OK) or Path(f"{path}-shm").exists():
        return _uri(path)
    return _uri(path, immutable=True)


def _probe(path: Path) -> tuple[int, int, bool]:
    """(application_id, user_version, has_tables) read without changing the file."""
    try:
        conn = sqlite3.connect(_reader_uri(path), uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
        try:
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            has_tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] > 0
            # quick_check reports most damage as a row, not as an exception.
            check = conn.execute("PRAGMA quick_check(1)").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.DatabaseError as error:
        raise StorageError(f"{path} is damaged or not a database ({error}).") from None
    if check != "ok":
        first = " ".join(str(check).split())
        raise StorageError(f"{path} is damaged or not a database ({first}).")
    return app_id, version, has_tables


class Database:
    """One database file and its engine. Make it with :meth:`open`."""

    def __init__(self, path: Path, engine: Engine, read_only: bool) -> None:
        self.path = path
        self.engine = engine
        self.read_only = read_only
        self._writer = engine.execution_options(kanban_begin="BEGIN IMMEDIATE")
        self.reader_uri = _reader_uri(path)
        """How a plain sqlite3 connection opens this file for reading (a change feed)."""
        self.own_events: set[int] = set()
        """Ids of events this process committed, so a change feed can skip them."""

    @classmethod
    def open(cls, path: str | os.PathLike[str]) -> Database:
        """Open (creating if needed) a kanban database; never overwrite a foreign file."""
        path = Path(path).expanduser()
        fresh = not path.exists() or path.stat().st_size == 0
        if not path.exists():
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                mode = _new_file_mode(path)
                fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, mode)
                os.fchmod(fd, mode)  # the umask must not widen or narrow it
                os.close(fd)
            except FileExistsError:
                fresh = path.stat().st_size == 0
            except OSError as error:
                raise StorageError(f"Cannot create {path}: {error.strerror}.") from None
        if path.is_dir():
            raise StorageError(f"{path} is a directory, not a database file.")
        version = app_id = 0
        if not fresh:
            _check_header(path)
            app_id, version, has_tables = _probe(path)
            if app_id != APPLICATION_ID and (app_id != 0 or has_tables):
                raise StorageError(f"{path} is an SQLite database of another program.")
            if version > SCHEMA_VERSION:
                raise StorageError(
                    f"{path} was written by a newer version of kanban (schema {version}, "
                    f"this one reads up to {SCHEMA_VERSION}); upgrade kanban to open it."
                )
        read_only = not os.access(path, os.W_OK)
        if read_only and version < SCHEMA_VERSION:
            raise StorageError(f"{path} needs an upgrade but is read-only for you.")
        database = cls(path, _make_engine(path, read_only), read_only)
        # An up-to-date file is not written: a write on every open would wake
        # every watching TUI (PRAGMA data_version) and queue behind writers.
        current = app_id == APPLICATION_ID and version == SCHEMA_VERSION
        if not read_only and not current:
            try:
                with _translate_errors():
                    database._initialise(version)
            except BaseException:
                database.close()
                raise
        return database

    def _initialise(self, seen_version: int) -> None:
        backup = None
        if seen_version and seen_version < SCHEMA_VERSION:
            backup = self.backup(_free_name(self.path, f".v{seen_version}"))
        with self._writer.begin() as conn:
            version = conn.exec_driver_sql("PRAGMA user_version").scalar_one()
            if version == 0:
                SQLModel.metadata.create_all(conn)
            else:
                try:
                    for step in range(version, SCHEMA_VERSION):
                        MIGRATIONS[step](conn)
                except DBAPIError as error:
                    raise StorageError(
                        f"{self.path} could not be upgraded from schema {version} to "
                        f"{SCHEMA_VERSION} ({error.orig}); it is unchanged, and a copy "
                        f"is at {backup}."
                    ) from None
            conn.exec_driver_sql(f"PRAGMA application_id = {APPLICATION_ID}")
            conn.exec_driver_sql(f"PRAGMA user_version = {SCHEMA_VERSION}")

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A session for reading; one consistent snapshot until it closes."""
        with _translate_errors(), Session(self.engine, expire_on_commit=False) as session:
            yield session

    @contextmanager
    def write(self) -> Iterator[Session]:
        """One user action: a write transaction that commits whole or not at all."""
        if self.read_only:
            raise ReadOnly(f"{self.path} is read-only for you; changes are not allowed.")
        with _translate_errors(), Session(self._writer, expire_on_commit=False) as session:
            with session.begin():  # noqa: SIM117 - own events are noted after the commit
                yield session
            self.own_events.update(row.id for row in session.info.pop("events", ()))

    def backup(self, target: str | os.PathLike[str]) -> Path:
        """A consistent copy of the live database (SQLite's online backup)."""
        target = Path(target).expanduser()
        if target.exists():
            raise StorageError(f"{target} exists already; choose a new file for the backup.")
        source = sqlite3.connect(_uri(self.path), uri=True)
        created = False
        try:
            fd = os.open(target, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
            created = True
            os.close(fd)
            copy = sqlite3.connect(target)
            try:
                source.backup(copy)
            finally:
                copy.close()
        except (OSError, sqlite3.Error) as error:
            if created:  # a half-written copy is no backup, and would block a retry
                target.unlink(missing_ok=True)
            reason = error.strerror if isinstance(error, OSError) else str(error)
            raise StorageError(f"Cannot write {target}: {reason}.") from None
        finally:
            source.close()
        return target

    def close(self) -> None:
        self.engine.dispose()


def _make_engine(path: Path, read_only: bool) -> Engine:
    # URL.create takes the name as it is: a URL string would be parsed, and
    # "?", "#" or "%41" in a folder name would open (or create) another file.
    if read_only:
        url = URL.create("sqlite", database=_reader_uri(path), query={"uri": "true"})
    else:
        url = URL.create("sqlite", database=str(path))
    engine = create_engine(
        url, connect_args={"check_same_thread": False, "timeout": BUSY_TIMEOUT_MS / 1000}
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # We issue BEGIN ourselves (below); pysqlite's implicit one is unreliable.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys = ON")
        if not read_only:
            cursor.execute("PRAGMA journal_mode = WAL")
            cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        conn.exec_driver_sql(conn.get_execution_options().get("kanban_begin", "BEGIN"))

    return engine


@contextmanager
def _translate_errors() -> Iterator[None]:
    """Turn driver failures into one sentence; domain errors pass through."""
    try:
        yield
    except OperationalError as error:
        text = str(error.orig)
        if "locked" in text or "busy" in text:
            raise StorageError(
                "The database is busy (another process held it for over 5 s); try again."
            ) from None
        if "readonly" in text or "read-only" in text:
            raise ReadOnly("The database is read-only for you; changes are not allowed.") from None
        raise StorageError(f"Database error: {text}.") from None
    except DBAPIError as error:
        raise StorageError(f"Database error: {error.orig}.") from None
