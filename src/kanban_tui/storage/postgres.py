"""A board on a PostgreSQL server: the same tables and promises as the file.

Writers take turns, as on SQLite. Every write transaction starts by taking
one transaction-scoped advisory lock (``pg_advisory_xact_lock``), held until
it commits or rolls back, so a check and the write it guards (a WIP limit, a
per-person limit, a card's version, the next card number, the one active
sprint) happen with no other writer in between, whichever machine it runs
on. Under READ COMMITTED each statement after the lock sees every earlier
commit, so the rules see what SQLite's ``BEGIN IMMEDIATE`` would show them.
A writer waits at most 5 s for the lock, then gets the same sentence as on
a busy file. Reads take one REPEATABLE READ snapshot and never wait.

Every commit that logs events sends ``NOTIFY`` on ``kanban`` (the payload is
the board id) and on the board's own channel ``kanban_board_<id>``, inside
the transaction, so listeners hear of it exactly when it is committed
(:class:`Listener`).

The schema version lives in the table ``kanban_meta``. An empty database
gets the schema in one transaction; an older one is migrated forward in one
transaction; a newer one, or another program's tables, are refused.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Column, MetaData, String, Table, event, inspect, text
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlmodel import Session, SQLModel, create_engine

from ..domain.errors import DatabaseBusy, NotFound, StorageError
from . import risk_tables, tables  # noqa: F401  (registers the tables on SQLModel.metadata)
from .migrations import SCHEMA_VERSION, migrate
from .server_url import ServerUrl
from .sql_json import PG_FUNCTION
from .store import Store

LOCK_TIMEOUT_MS = 5000
WRITE_LOCK = 0x4B414E42
"""The advisory lock every writer takes first ("KANB", as in the SQLite header)."""
BUSY = "The database is busy (another process held it for over 5 s); try again."
APPLICATION = "kanban"
CHANNEL = "kanban"

_meta = MetaData()
META = Table(
    "kanban_meta",
    _meta,
    Column("name", String, primary_key=True),
    Column("value", String, nullable=False),
)


def board_channel(board_id: int) -> str:
    return f"kanban_board_{board_id}"


def _driver() -> None:
    try:
        import psycopg  # noqa: F401
    except ImportError:
        raise StorageError(
            "A postgresql:// database needs the psycopg driver; install it with "
            "pip install 'wipboard[postgres]'."
        ) from None


class ServerDatabase(Store):
    """One PostgreSQL database holding boards. Make it with :meth:`open`."""

    path: ServerUrl

    def __init__(self, url: ServerUrl, engine: Engine) -> None:
        super().__init__()
        self.path = url
        self.engine = engine
        self._reader = engine.execution_options(
            isolation_level="REPEATABLE READ", postgresql_readonly=True
        )
        self._writer = engine.execution_options(kanban_write=True)

    @property
    def listens(self) -> bool:
        return True

    def go_offline(self, offline: bool) -> None:
        self.read_only_reason = (
            f"The PostgreSQL server at {self.path.server} cannot be reached; the board is "
            "read-only until it is back."
            if offline
            else self.pinned_reason
        )

    @classmethod
    def open(cls, url: ServerUrl, *, create: bool = True) -> ServerDatabase:
        """Connect, check the schema, and create or migrate it (when ``create``)."""
        _driver()
        engine = _make_engine(url)
        database = cls(url, engine)
        try:
            with _translate_errors(url, opening=True):
                database._prepare(create)
        except BaseException:
            engine.dispose()
            raise
        return database

    def _prepare(self, create: bool) -> None:
        with self.engine.connect() as conn:
            version = _schema_version(conn, self.path)
        if version == SCHEMA_VERSION:
            return
        if version == 0 and not create:
            raise NotFound(
                f"There is no board yet in {self.path}; create a board with "
                "`kanban board create KEY NAME` or start the TUI with `kanban`."
            )
        with self._writer.begin() as conn:
            version = _schema_version(conn, self.path)  # again, under the write lock
            if version == 0:
                SQLModel.metadata.create_all(conn)
                _meta.create_all(conn)
                conn.execute(META.insert(), [{"name": "application", "value": APPLICATION}])
                conn.execute(META.insert(), [{"name": "schema_version", "value": "0"}])
            else:
                migrate(conn, version, self.path)
            conn.execute(text(PG_FUNCTION))
            conn.execute(
                META.update().where(META.c.name == "schema_version"),
                {"value": str(SCHEMA_VERSION)},
            )

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A session for reading; one consistent snapshot until it closes."""
        if (batch := self._batch) is not None:
            yield batch
            return
        with _translate_errors(self.path), Session(self._reader, expire_on_commit=False) as s:
            yield s

    @contextmanager
    def _transaction(self) -> Iterator[Session]:
        with (
            _translate_errors(self.path),
            Session(self._writer, expire_on_commit=False) as session,
            session.begin(),
        ):
            yield session
            _announce(session)

    def backup(self, target: str | Path) -> Path:
        raise StorageError(
            f"{self.path} is on a PostgreSQL server: back it up with pg_dump, or write a "
            "portable export with kanban export --format json."
        )

    def listener(self) -> Listener:
        """A connection of its own that waits for others' commits."""
        return Listener(self.path)

    def close(self) -> None:
        self.engine.dispose()


def _announce(session: Session) -> None:
    """NOTIFY the boards this transaction logged events on (sent at commit)."""
    rows = session.info.get("events", ())
    if not rows:
        return
    session.flush()
    notes: list[str] = []
    values: dict[str, str] = {}
    for board_id in sorted({row.board_id for row in rows}):
        for channel in (CHANNEL, board_channel(board_id)):
            number = len(notes)
            notes.append(f"pg_notify(:channel{number}, :board{number})")
            values |= {f"channel{number}": channel, f"board{number}": str(board_id)}
    # One round trip; a target list is evaluated left to right: sent in this order.
    session.execute(text("SELECT " + ", ".join(notes)), values)


def _schema_version(conn: Connection, url: ServerUrl) -> int:
    """0 for an empty database, else the version of our schema in it, or a refusal."""
    names = set(inspect(conn).get_table_names())
    if not names:
        return 0
    if "kanban_meta" not in names:
        raise StorageError(
            f"{url} holds tables of another program; give kanban a database of its own "
            "(createdb NAME)."
        )
    values: dict[str, str] = {name: value for name, value in conn.execute(META.select())}
    if values.get("application") != APPLICATION:
        raise StorageError(f"{url} holds the tables of another program.")
    try:
        version = int(values.get("schema_version", ""))
    except ValueError:
        raise StorageError(f"{url} is damaged: its schema version is unreadable.") from None
    if version > SCHEMA_VERSION:
        raise StorageError(
            f"{url} was written by a newer version of kanban (schema {version}, "
            f"this one reads up to {SCHEMA_VERSION}); upgrade kanban to open it."
        )
    missing = sorted(set(SQLModel.metadata.tables) - names)
    if version == SCHEMA_VERSION and missing:
        raise StorageError(f"{url} is damaged: the tables {', '.join(missing)} are missing.")
    return version


def _make_engine(url: ServerUrl) -> Engine:
    engine = create_engine(
        url.driver_url,
        # A connection the server dropped (a restart) is noticed before use and
        # replaced: the next action after the server is back just works.
        pool_pre_ping=True,
        connect_args={"connect_timeout": 5, "application_name": "kanban"},
    )

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        if conn.get_execution_options().get("kanban_write"):
            # One round trip: SET LOCAL's timeout (set_config(..., true) is
            # transaction-local), then the lock, waited for at most that long.
            conn.exec_driver_sql(
                f"SELECT set_config('lock_timeout', '{int(LOCK_TIMEOUT_MS)}', true), "
                f"pg_advisory_xact_lock({WRITE_LOCK})"
            )

    return engine


def lost(url: ServerUrl, error: Any) -> str:
    detail = _words(error) or "no answer"
    return (
        f"The PostgreSQL server at {url.server} cannot be reached ({detail}); "
        "nothing was changed, try again when it is back."
    )


def _state(orig: Any, url: ServerUrl) -> str:
    """The SQLSTATE of a failure. libpq gives none when the server refuses a
    connection, so the server's words say which refusal it was."""
    state = getattr(orig, "sqlstate", None) or ""
    if state:
        return state
    words = " ".join(str(orig).split())
    if f'database "{url.dbname}" does not exist' in words:
        return "3D000"
    if "password authentication failed" in words or "no pg_hba.conf entry" in words:
        return "28000"
    if 'role "' in words and "does not exist" in words:
        return "28000"
    return ""


@contextmanager
def _translate_errors(url: ServerUrl, *, opening: bool = False) -> Iterator[None]:
    """Turn driver failures into one sentence; domain errors pass through.

    ``opening``: the first connection, where a failure is a mistake in the
    URL or the set-up far more often than an outage, and is worded so."""
    import psycopg

    try:
        yield
    except DBAPIError as error:
        orig = error.orig
        state = _state(orig, url)
        if state == "55P03":  # lock_not_available: the write lock stayed taken
            raise DatabaseBusy(BUSY) from None
        if state == "3D000":  # invalid_catalog_name
            host, port = url.server.rsplit(":", 1)
            raise StorageError(
                f"There is no database {url.dbname} on {url.server}; create it with "
                f"createdb -h {host} -p {port} {url.dbname}."
            ) from None
        if state == "42501":  # insufficient_privilege
            raise StorageError(
                f"{url.user or 'This role'} may not use the kanban tables in {url.dbname} "
                f"({_words(orig)}); connect as the role that owns them, or have it grant "
                "access (README: A team across machines)."
            ) from None
        if state == "28000" or state == "28P01":
            detail = " ".join(str(orig).split())
            raise StorageError(f"{url.server} refused the login ({detail}).") from None
        if (
            isinstance(error, OperationalError)
            or error.connection_invalidated
            or state.startswith("08")
            or state.startswith("57P")
        ):
            raise StorageError(cannot_connect(url, orig) if opening else lost(url, orig)) from None
        raise StorageError(f"Database error: {_words(orig).rstrip('.')}.") from None
    except psycopg.OperationalError as error:
        raise StorageError(cannot_connect(url, error) if opening else lost(url, error)) from None


def _words(error: Any) -> str:
    """The server's first line, without libpq's ``LINE 2: ... ^`` pointer."""
    return " ".join(str(error).strip().splitlines()[0].split()) if str(error).strip() else ""


def cannot_connect(url: ServerUrl, error: Any) -> str:
    return f"Cannot connect to the PostgreSQL server at {url.server}: {_words(error).rstrip('.')}."


class Listener:
    """A connection of its own, LISTENing on ``kanban`` for others' commits.

    It runs no query while nothing happens: :meth:`wait` sleeps in the
    socket until a notification comes or the time is up.
    """

    def __init__(self, url: ServerUrl) -> None:
        self._url = url
        self._conn: Any = None

    def connect(self) -> None:
        import psycopg

        self.close()
        try:
            conn = psycopg.connect(url_for_driver(self._url), autocommit=True, connect_timeout=5)
            conn.execute(f"LISTEN {CHANNEL}")
        except psycopg.Error as error:
            raise StorageError(lost(self._url, error)) from None
        self._conn = conn

    def wait(self, timeout: float) -> bool:
        """Whether others committed something within ``timeout`` seconds.

        Raises :class:`StorageError` when the connection is lost: the caller
        says so, and calls :meth:`connect` until the server is back.
        """
        import psycopg

        if self._conn is None:
            self.connect()
        try:
            heard = False
            for _note in self._conn.notifies(timeout=timeout, stop_after=1):
                heard = True
            if heard:  # the rest of a burst is one change for the reader
                for _note in self._conn.notifies(timeout=0.05):
                    pass
            return heard
        except (psycopg.Error, OSError) as error:
            self.close()
            raise StorageError(lost(self._url, error)) from None

    def close(self) -> None:
        if self._conn is not None:
            with contextlib.suppress(Exception):  # closing a dead connection
                self._conn.close()
            self._conn = None


def url_for_driver(url: ServerUrl) -> str:
    """The libpq URL psycopg takes (no SQLAlchemy dialect prefix)."""
    return "postgresql://" + url.url.partition("://")[2]
