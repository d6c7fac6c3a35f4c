"""PostgreSQL for tests: a database of their own on the server that
``KANBAN_TEST_POSTGRES`` names (``postgresql://postgres@127.0.0.1:5432/test``),
created for the test and dropped after it. Without the variable, or without
the psycopg driver, the tests that need a server skip and say why.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

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
