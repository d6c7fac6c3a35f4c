"""What every database offers the services, whatever the engine.

:class:`~.database.Database` is a board file (SQLite) and
:class:`~.postgres.ServerDatabase` a PostgreSQL database; both give the
services the same four things: a read (one consistent snapshot), a write
(one user action, all or nothing, writers taking turns so that a check and
the write it guards happen under one lock), a batch of writes as one
transaction, and the ids of the events this process committed.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from ..domain.errors import ReadOnly

if TYPE_CHECKING:
    from sqlmodel import Session

    from .plain_read import PlainReader
    from .server_url import ServerUrl


class Listener(Protocol):
    """Waits for others' commits without asking the database (PostgreSQL's LISTEN)."""

    def wait(self, timeout: float) -> bool:
        """Whether others committed within ``timeout`` s; StorageError when cut off."""
        ...

    def close(self) -> None: ...


class Store:
    """The engine-independent part of a database."""

    path: Path | ServerUrl
    """The file, or the server URL (without its password when printed)."""
    read_only_reason: str | None = None
    """The sentence a refused change shows (None: changes are allowed)."""
    pinned_reason: str | None = None
    """A read-only this process chose for itself (a page of ``kanban serve``
    without ``--allow-writes``): a server coming back does not lift it."""
    generation = 0
    """Counts the times the data was replaced under us (a backup restored)."""

    def __init__(self) -> None:
        self.own_events: set[int] = set()
        """Ids of events this process committed, so a change feed can skip them."""
        self._batches = threading.local()

    @property
    def read_only(self) -> bool:
        return self.read_only_reason is not None

    def pin_read_only(self, reason: str) -> None:
        """Refuse every change from now on, with ``reason`` as the sentence."""
        self.pinned_reason = self.read_only_reason = reason

    @property
    def listens(self) -> bool:
        """Whether others' commits are announced (no polling needed)."""
        return False

    def listener(self) -> Listener:
        """A listener for others' commits (only where :attr:`listens`)."""
        raise NotImplementedError

    def go_offline(self, offline: bool) -> None:
        """Refuse changes while the server cannot be reached (False: it is
        back). A file is never offline."""

    def check_integrity(self) -> None:
        """Read the whole database for damage: ``DatabaseDamaged`` if
        found. A server keeps its own pages sound: nothing to read here."""

    def read(self) -> AbstractContextManager[Session]:
        raise NotImplementedError

    @contextmanager
    def plain_read(self) -> Iterator[PlainReader | None]:
        """A read through the database's own driver, without SQLAlchemy: one
        consistent snapshot, as :meth:`read`, for the command line's streams
        (:mod:`.plain_read`); None where the engine offers none (a server, a
        file read from a private copy, inside a :meth:`batch`): read with
        :meth:`read` then."""
        yield None

    @contextmanager
    def write(self) -> Iterator[Session]:
        """One user action: a write transaction that commits whole or not at all
        (inside a :meth:`batch`, the batch's own); refused while read-only."""
        if (batch := self._batch) is not None:
            yield batch
            return
        if self.read_only_reason is not None:
            raise ReadOnly(self.read_only_reason)
        with self._transaction() as session:
            yield session
        # Noted once committed: a TUI then skips its own changes.
        self.own_events.update(row.id for row in session.info.pop("events", ()))

    def _transaction(self) -> AbstractContextManager[Session]:
        """A new session in a write transaction, committed as it closes."""
        raise NotImplementedError

    def backup(self, target: str | Path) -> Path:
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError

    @property
    def _batch(self) -> Session | None:
        return getattr(self._batches, "session", None)

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Several actions as one transaction: every read and write inside sees
        the others, and all of them are kept, or none (``kanban demo``, an undo).

        Per thread: the TUI's other workers keep their own sessions meanwhile."""
        with self.write() as session:
            self._batches.session = session
            try:
                yield
            finally:
                self._batches.session = None
