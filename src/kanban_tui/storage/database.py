"""The database file: opening, checking, creating, migrating, transactions.

Journal and what it promises. The file uses SQLite's rollback journal
(``journal_mode=DELETE``, ``synchronous=FULL``), not WAL. A team shares one
file, and some teammates may only read it: in WAL mode every reader needs
the ``-wal`` and ``-shm`` files, and a reader who finds none creates them as
its own, after which nobody else can write (and in a folder the reader
cannot write, it cannot read safely at all). With a rollback journal a
reader needs nothing but the file, and only writers create the journal,
for the length of one change. A committed change survives a crash of the
process or of the machine at any point, and the file is never left damaged.

Readers and writers take turns: a change waits for reads in progress (they
take milliseconds) and reads wait while a change is written. Writers queue
on a 5 s busy timeout, and every write transaction starts with
``BEGIN IMMEDIATE`` so that a check and the write it guards (a WIP limit, a
version) happen under one lock. A file from an older version that is still
in WAL mode is turned to the rollback journal by the first writer that can.
"""

from __future__ import annotations

import os
import sqlite3
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..domain.errors import (
    DatabaseBusy,
    InvalidInput,
    KanbanError,
    NotFound,
    ReadOnly,
    StorageError,
)
from . import opening, plain_read
from .opening import APPLICATION_ID, SCHEMA_VERSION
from .private_copy import PrivateCopy, hot_journal, needs_copy
from .sqlite_file import read_header, write_blocker
from .store import Store

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine
    from sqlmodel import Session

    from .plain_read import PlainReader
    from .server_url import ServerUrl

BUSY_TIMEOUT_MS = 5000


def _free_name(path: Path, tag: str) -> Path:
    """``kanban.db.v1.bak``, or ``kanban.db.v1-2.bak`` if an earlier attempt left one."""
    candidate = path.with_name(f"{path.name}{tag}.bak")
    number = 1
    while candidate.exists():
        number += 1
        candidate = path.with_name(f"{path.name}{tag}-{number}.bak")
    return candidate


class Database(Store):
    """One database file and its engine. Make it with :meth:`open`."""

    path: Path

    def __init__(
        self,
        path: Path,
        read_only_reason: str | None,
        copy: PrivateCopy | None = None,
    ) -> None:
        super().__init__()
        self.path = path
        self.read_only_reason = read_only_reason
        """The sentence a refused change shows: whose file or folder is in the way."""
        self._engines: tuple[Engine, Engine] | None = None
        """The engine and its writer (BEGIN IMMEDIATE), made on first use."""
        self._engine_read_only = read_only_reason is not None
        self._engine_lock = threading.Lock()
        self._copy = copy or (PrivateCopy(path) if self.read_only else None)
        self._copy_engine: tuple[Path, Engine] | None = None
        self._copy_lock = threading.RLock()
        self._identity = _identity(path)

    @property
    def engine(self) -> Engine:
        """The SQLAlchemy engine, made (and SQLAlchemy imported) on first use:
        a command that only streams rows (:meth:`plain_read`) never needs it."""
        return self._made_engines()[0]

    @property
    def _writer(self) -> Engine:
        return self._made_engines()[1]

    def _made_engines(self) -> tuple[Engine, Engine]:
        if self._engines is None:
            with self._engine_lock:
                if self._engines is None:
                    engine = _make_engine(self.path, read_only=self._engine_read_only)
                    writer = engine.execution_options(kanban_begin="BEGIN IMMEDIATE")
                    self._engines = (engine, writer)
        return self._engines

    @classmethod
    def open(cls, path: str | os.PathLike[str] | ServerUrl, *, create: bool = True) -> Store:
        """Open a kanban database; never change a file it refuses or may only read.

        ``create`` makes a missing or empty file a new database; without it
        (a command that only reads) such a file is "not found". A
        :class:`ServerUrl` opens a database on a PostgreSQL server instead.
        """
        if not isinstance(path, str | os.PathLike):
            from .postgres import ServerDatabase

            return ServerDatabase.open(path, create=create)
        path = Path(os.path.expanduser(path))
        try:
            return cls._open(path, create)
        except OSError as error:  # a folder on the way we may not enter, say
            raise StorageError(f"Cannot open {path}: {error.strerror}.") from None

    @classmethod
    def _open(cls, path: Path, create: bool) -> Database:
        if path.is_symlink() and not path.exists():
            target = os.readlink(path)
            raise InvalidInput(f"{path} is a symbolic link to {target}, which is missing.")
        if path.is_dir():
            raise InvalidInput(f"{path} is a directory, not a database file.")
        if not path.exists():
            if not create:
                raise NotFound(f"There is no database at {path}.")
            opening.create(path)
        fresh = path.stat().st_size == 0
        blocker = write_blocker(path)
        copy = PrivateCopy(path) if blocker else None
        version = app_id = 0
        if fresh and not create:
            raise NotFound(f"{path} is empty: it holds no board yet.")
        if fresh and blocker:
            raise StorageError(f"{path} is empty and cannot become a database: {blocker}")
        if not fresh:
            header = read_header(path)
            opening.refuse_foreign(path, header.application_id, header.user_version, False)
            app_id, version, names = opening.probe(path, copy, BUSY_TIMEOUT_MS)
            opening.refuse_foreign(path, app_id, version, bool(names))
            if app_id == APPLICATION_ID and version == SCHEMA_VERSION:
                opening.check_schema(path, names)
            if blocker and version < SCHEMA_VERSION:
                raise StorageError(f"{path} needs an upgrade, which is a change. {blocker}")
            if blocker is None and header.wal:
                opening.leave_wal(path)
        database = cls(path, blocker, copy)
        # An up-to-date file is not written: a write on every open would wake
        # every watching TUI and queue behind writers.
        current = app_id == APPLICATION_ID and version == SCHEMA_VERSION
        if blocker is None and not current:
            try:
                with _translate_errors(database):
                    database._initialise(version)
            except BaseException:
                database.close()
                raise
        return database

    def _initialise(self, seen_version: int) -> None:
        backup = None
        if seen_version and seen_version < SCHEMA_VERSION:
            backup = self.backup(_free_name(self.path, f".v{seen_version}"))
        from sqlmodel import SQLModel

        from . import risk_tables, tables  # noqa: F401  (the tables create_all makes)
        from .migrations import migrate

        with self._writer.begin() as conn:
            version = conn.exec_driver_sql("PRAGMA user_version").scalar_one()
            if version == 0:
                SQLModel.metadata.create_all(conn)
            else:
                migrate(conn, version, self.path, f", and a copy is at {backup}")
            conn.exec_driver_sql(f"PRAGMA application_id = {APPLICATION_ID}")
            conn.exec_driver_sql(f"PRAGMA user_version = {SCHEMA_VERSION}")

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A session for reading; one consistent snapshot until it closes."""
        if (batch := self._batch) is not None:
            yield batch
            return
        self._follow_the_file()
        with _translate_errors(self):
            if self._copy is None:
                with _session(self.engine) as session:
                    yield session
                return
            with self._reader_session() as session:
                yield session

    @contextmanager
    def plain_read(self) -> Iterator[PlainReader | None]:
        """A read through the driver alone (:mod:`.plain_read`): one
        transaction, as :meth:`read`, on a file this user may write; None for
        one read from a private copy, and inside a :meth:`batch`."""
        if self._batch is not None or self._copy is not None:
            yield None
            return
        self._follow_the_file()
        with _translate_errors(self):
            connection = plain_read.connect(self.path, BUSY_TIMEOUT_MS)
            try:
                connection.execute("BEGIN")
                yield plain_read.PlainReader(connection)
            finally:
                connection.close()

    @contextmanager
    def _reader_session(self) -> Iterator[Session]:
        """A read of a file this user may not write: in place when SQLite can,
        else from a private recovered copy (see :mod:`.private_copy`)."""
        from sqlalchemy.exc import OperationalError

        if not needs_copy(self.path):
            session = _session(self.engine)
            try:
                # Takes the shared lock now: SQLite checks for a hot journal here.
                session.connection().exec_driver_sql("SELECT 1 FROM sqlite_master LIMIT 1")
            except OperationalError as error:
                session.close()
                if not hot_journal(error.orig):
                    raise
            else:
                self._release_copy()  # the file reads in place again
                with session:
                    yield session
                return
        with self._copy_lock, _session(self._copied()) as session:
            yield session

    def _follow_the_file(self) -> None:
        """If the file was replaced (a backup moved into place), drop the
        connections to the old one: its changes would be lost with it."""
        identity = _identity(self.path)
        if identity == self._identity:
            return
        read_header(self.path)  # still an SQLite file, or one sentence why not
        if self._engines is not None:
            self._engines[0].dispose()
        self._release_copy()
        self._identity = identity
        self.generation += 1

    def _release_copy(self) -> None:
        if self._copy_engine is None:
            return
        with self._copy_lock:
            if self._copy_engine is not None:
                self._copy_engine[1].dispose()
                self._copy_engine = None
            if self._copy is not None:
                self._copy.close()

    def _copied(self) -> Engine:
        assert self._copy is not None
        copy = self._copy.current()
        if self._copy_engine is None or self._copy_engine[0] != copy:
            if self._copy_engine is not None:
                self._copy_engine[1].dispose()
            self._copy_engine = (copy, _make_engine(copy, read_only=True))
        return self._copy_engine[1]

    @contextmanager
    def _transaction(self) -> Iterator[Session]:
        self._follow_the_file()
        with _translate_errors(self), _session(self._writer) as session, session.begin():
            yield session

    def check_integrity(self) -> None:
        """Read every page of the file (SQLite's ``quick_check``); raise
        :class:`DatabaseDamaged` if one is not what it should be. Its cost
        grows with the file, so the open leaves it to this (see :mod:`.opening`)."""
        with self.read() as session:
            row = session.connection().exec_driver_sql("PRAGMA quick_check(1)").first()
        # "*** in database main ***" heads the first finding: only one database here.
        problem = str(row[0]).removeprefix("*** in database main ***") if row else "ok"
        problem = " ".join(problem.split())
        if problem != "ok":
            raise opening.damaged(self.path, problem)

    def backup(self, target: str | os.PathLike[str]) -> Path:
        """A consistent copy of the live database (SQLite's online backup)."""
        target = Path(os.path.expanduser(target))
        created = False
        try:
            if target.exists() or target.is_symlink():
                raise StorageError(f"{target} exists already; choose a new file for the backup.")
            fd = os.open(target, os.O_CREAT | os.O_EXCL | os.O_WRONLY | os.O_NOFOLLOW, 0o600)
            created = True
            os.close(fd)
            # Absolute: SQLite would read "file:..." or ":memory:" as its own kind of name.
            copy = sqlite3.connect(target.absolute())
            try:
                with self.read() as session:
                    source = session.connection().connection.driver_connection
                    assert source is not None
                    _copy_pages(source, copy)
            finally:
                copy.close()
        except (OSError, sqlite3.Error, StorageError) as error:
            if created:  # a half-written copy is no backup, and would block a retry
                target.unlink(missing_ok=True)
            if isinstance(error, StorageError):
                raise
            reason = error.strerror if isinstance(error, OSError) else str(error)
            raise StorageError(f"Cannot write {target}: {reason}.") from None
        return target

    def close(self) -> None:
        if self._engines is not None:
            self._engines[0].dispose()
        self._release_copy()
        if self._copy is not None:
            self._copy.close()


def _identity(path: Path) -> tuple[int, int]:
    try:
        info = path.stat()
    except OSError as error:
        raise StorageError(f"Cannot open {path}: {error.strerror}.") from None
    return info.st_dev, info.st_ino


def _copy_pages(source: sqlite3.Connection, copy: sqlite3.Connection) -> None:
    """SQLite's online backup, inside the caller's read transaction."""
    source.backup(copy)


def _session(engine: Engine) -> Session:
    from sqlmodel import Session

    from . import risk_tables, tables  # noqa: F401  (the ORM's tables, on SQLModel.metadata)

    return Session(engine, expire_on_commit=False)


def _make_engine(path: Path, read_only: bool) -> Engine:
    from sqlalchemy import event
    from sqlalchemy.engine import URL
    from sqlalchemy.pool import NullPool
    from sqlmodel import create_engine

    # URL.create takes the name as it is: a URL string would be parsed, and
    # "?", "#" or "%41" in a folder name would open (or create) another file.
    if read_only:
        url = URL.create("sqlite", database=opening.uri(path), query={"uri": "true"})
    else:
        url = URL.create("sqlite", database=str(path.absolute()))
    engine = create_engine(
        url,
        connect_args={"check_same_thread": False, "timeout": BUSY_TIMEOUT_MS / 1000},
        # A reader keeps no connection between reads: nothing of its own stays
        # open on a file it may not write.
        poolclass=NullPool if read_only else None,
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # We issue BEGIN ourselves (below); pysqlite's implicit one is unreliable.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys = ON")
        # A change keeps its pages in memory until it commits: spilling them
        # into the file half-way would lock every reader out from then on.
        cursor.execute("PRAGMA cache_spill = OFF")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        conn.exec_driver_sql(conn.get_execution_options().get("kanban_begin", "BEGIN"))

    return engine


@contextmanager
def _translate_errors(database: Database) -> Iterator[None]:
    """Turn driver failures into one sentence; domain errors pass through."""
    try:
        yield
    except sqlite3.Error as error:  # the driver's own: stream_rows, plain_read, a backup
        if not (opening.is_damage(error) or _busy(error)):
            raise  # the caller's to say (a backup's full disk)
        raise _refusal(database, error) from None
    except Exception as error:
        # SQLAlchemy's wrapping of the driver's error; only raised once it is loaded.
        errors = sys.modules.get("sqlalchemy.exc")
        if errors is None or not isinstance(error, errors.DBAPIError):
            raise
        raise _refusal(database, error.orig) from None


def _busy(error: BaseException | None) -> bool:
    text = str(error)
    return isinstance(error, sqlite3.OperationalError) and ("locked" in text or "busy" in text)


def _refusal(database: Database, error: BaseException | None) -> KanbanError:
    text = str(error)
    if opening.is_damage(error):
        # Found where it is read: the open reads only the header and the schema.
        return opening.damaged(database.path, error)
    if _busy(error):
        return DatabaseBusy(opening.BUSY)
    if isinstance(error, sqlite3.OperationalError) and ("readonly" in text or "read-only" in text):
        reason = database.read_only_reason or write_blocker(database.path)
        return ReadOnly(reason or f"{database.path} could not be written ({text}).")
    return StorageError(f"Database error: {text}.")
