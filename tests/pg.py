"""PostgreSQL for tests: a database of their own on the server that
``KANBAN_TEST_POSTGRES`` names (``postgresql://postgres@127.0.0.1:5432/test``),
created for the test and dropped after it. Without the variable, or without
the psycopg driver, the tests that need a server skip and say why.
"""

from __future__ import annotations

import contextlib
import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest

from kanban_tui.storage import postgres
from kanban_tui.storage.postgres import ServerDatabase
from kanban_tui.storage.server_url import ServerUrl

VARIABLE = "KANBAN_TEST_POSTGRES"


def admin_url() -> str | None:
    return os.environ.get(VARIABLE) or None


def skip_reason() -> str | None:
    if admin_url() is None:
        return f"{VARIABLE} is not set (it names a PostgreSQL server to test against)"
    try:
        import psycopg  # noqa: F401
    except ImportError:
        return "the psycopg driver is not installed (pip install 'wipboard[postgres]')"
    return None


needs_postgres = pytest.mark.skipif(skip_reason() is not None, reason=skip_reason() or "")


def _admin(sql: str) -> None:
    import psycopg

    url = admin_url()
    assert url is not None
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(sql)


def url_for(name: str) -> ServerUrl:
    admin = ServerUrl.parse(admin_url() or "")
    base = admin.url.rsplit("/", 1)[0]
    return ServerUrl.parse(f"{base}/{name}")


@contextmanager
def fresh_database() -> Iterator[ServerUrl]:
    """An empty database on the test server, dropped afterwards."""
    name = f"kanban_test_{uuid.uuid4().hex[:12]}"
    _admin(f'CREATE DATABASE "{name}"')
    _admin(f'ALTER DATABASE "{name}" SET synchronous_commit = off')  # as WorkerDatabase
    try:
        yield url_for(name)
    finally:
        _admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def terminate_connections(url: ServerUrl, *, keep_listeners: bool = False) -> int:
    """Cut every connection to ``url``'s database, as a server restart would."""
    import psycopg

    admin = admin_url()
    assert admin is not None
    with psycopg.connect(admin, autocommit=True) as conn:
        rows = conn.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = %s AND pid <> pg_backend_pid()",
            (url.dbname,),
        ).fetchall()
    return len(rows)


class Proxy:
    """A TCP relay in front of the test server, to cut it off and bring it back.

    ``url`` reaches the database through the relay; :meth:`cut` closes every
    relayed connection and refuses new ones (as a server that went down),
    :meth:`restore` lets them through again (the server is back).
    """

    def __init__(self, target: ServerUrl) -> None:
        import socket
        import threading
        from urllib.parse import urlsplit

        parts = urlsplit(target.url)
        self._upstream = (parts.hostname or "127.0.0.1", parts.port or 5432)
        self._listener = socket.create_server(("127.0.0.1", 0))
        port = self._listener.getsockname()[1]
        netloc = parts.netloc.rsplit("@", 1)
        user = netloc[0] + "@" if len(netloc) == 2 else ""
        self.url = ServerUrl.parse(f"postgresql://{user}127.0.0.1:{port}{parts.path}")
        self._open = True
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        import socket
        import threading

        while True:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            with self._lock:
                if not self._open:
                    client.close()
                    continue
                try:
                    server = socket.create_connection(self._upstream)
                except OSError:
                    client.close()
                    continue
                self._sockets += [client, server]
            for source, sink in ((client, server), (server, client)):
                threading.Thread(target=_pump, args=(source, sink), daemon=True).start()

    def cut(self) -> None:
        import socket

        with self._lock:
            self._open = False
            for sock in self._sockets:
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)
                sock.close()
            self._sockets.clear()

    def restore(self) -> None:
        with self._lock:
            self._open = True

    def close(self) -> None:
        self.cut()
        self._listener.close()


def _pump(source: Any, sink: Any) -> None:
    try:
        while data := source.recv(65536):
            sink.sendall(data)
    except OSError:
        pass
    finally:
        with contextlib.suppress(OSError):
            sink.close()


class WorkerDatabase:
    """One database per test process (xdist worker), its schema made once;
    each test starts from empty tables (or from the demo board) in a few
    milliseconds instead of a CREATE DATABASE."""

    def __init__(self) -> None:
        self._name = f"kanban_test_{os.getpid()}_{uuid.uuid4().hex[:6]}"
        _admin(f'CREATE DATABASE "{self._name}"')
        # A test's commits need not wait for the disk: nothing here must
        # survive a crash of the server (its own setting, for this database).
        _admin(f'ALTER DATABASE "{self._name}" SET synchronous_commit = off')
        self.url = url_for(self._name)
        from sqlmodel import SQLModel

        from kanban_tui.storage.database import Database

        Database.open(self.url).close()  # the schema, in the way kanban makes it
        # One engine for every test of this process (see ``store``): its pool
        # and its dialect, set up once, instead of a new engine, connection and
        # dialect set-up per test (a server backend started each time).
        self.engine = postgres._make_engine(self.url)
        self._admin_conn: Any = None
        self._tables = [table.name for table in SQLModel.metadata.sorted_tables]
        self._serial = {table.name for table in SQLModel.metadata.sorted_tables if "id" in table.c}
        self._demo: dict[str, list[tuple[Any, ...]]] | None = None

    def _connect(self) -> Any:
        """This process's own connection for emptying and filling the tables
        (kept open: a new connection is a new server process)."""
        import psycopg

        if self._admin_conn is None or self._admin_conn.closed:
            self._admin_conn = psycopg.connect(self.url.url, autocommit=True)
        elif self._admin_conn.info.transaction_status != psycopg.pq.TransactionStatus.IDLE:
            self._admin_conn.close()  # cut off in a test (terminate_connections)
            self._admin_conn = psycopg.connect(self.url.url, autocommit=True)
        return contextlib.nullcontext(self._admin_conn)

    def store(self) -> ServerDatabase:
        """A ServerDatabase on this database, as ``Database.open`` makes it, on
        the engine every test of this process shares. Its state (read-only
        reason, own events, batches) is new; the engine outlives it."""
        database = postgres.ServerDatabase(self.url, self.engine)
        with postgres._translate_errors(self.url):
            database._prepare(True)  # the checks Database.open makes
        return database

    def empty(self) -> ServerUrl:
        """The database with every table empty and every id counting from 1.

        DELETE, not TRUNCATE: on tables of a few rows it takes a millisecond
        where TRUNCATE makes new files for every table and index (50-80 ms)."""
        statements = [f'DELETE FROM "{name}"' for name in reversed(self._tables)]
        statements += [
            f"SELECT setval(pg_get_serial_sequence('\"{name}\"', 'id'), 1, false)"
            for name in self._tables
            if name in self._serial
        ]
        with self._connect() as conn:
            conn.execute("; ".join(statements).encode())
        return self.url

    def keep_as_demo(self) -> None:
        """Remember every row now in the tables (the demo board, just built)."""
        with self._connect() as conn:
            self._demo = {
                name: conn.execute(f'SELECT * FROM "{name}" ORDER BY 1').fetchall()
                for name in self._tables
            }

    @property
    def has_demo(self) -> bool:
        return self._demo is not None

    def demo(self) -> ServerUrl:
        """The database holding exactly the rows :meth:`keep_as_demo` kept."""
        assert self._demo is not None
        self.empty()
        with self._connect() as conn, conn.cursor() as cursor:
            for name in self._tables:
                rows = self._demo[name]
                if not rows:
                    continue
                marks = ", ".join(["%s"] * len(rows[0]))
                cursor.executemany(f'INSERT INTO "{name}" VALUES ({marks})', rows)
                if name in self._serial:
                    sequence = f'"{name}"'
                    cursor.execute(
                        f"SELECT setval(pg_get_serial_sequence(%s, 'id'), "
                        f"(SELECT max(id) FROM {sequence}))",
                        (sequence,),
                    )
        return self.url

    def drop(self) -> None:
        if self._admin_conn is not None:
            self._admin_conn.close()
        self.engine.dispose()
        _admin(f'DROP DATABASE IF EXISTS "{self._name}" WITH (FORCE)')
