"""Reading a board file that this user may not write, when SQLite cannot.

A read-only connection cannot read a rollback-journal file whose last writer
died mid-change (a "hot" journal must be rolled back first, which is a
write), nor a WAL-mode file that nobody has open (SQLite would create the
``-wal`` and ``-shm`` files as this user, and they would then lock every
writer out). In both cases the committed state is still on disk: the file
plus, for a hot journal, the journal's copy of the pages it overwrote.

So the reader copies both into a private folder, checks that the file did
not change while it copied, and lets SQLite recover the copy. The copy is
kept while the original stays as it was, so a screen polling four times a
second copies once, not each time.
"""

from __future__ import annotations

import shutil
import sqlite3
import tempfile
from pathlib import Path

from ..domain.errors import StorageError
from .sqlite_file import read_header, sidecar

ATTEMPTS = 5


def _fingerprint(path: Path) -> tuple[object, ...]:
    """What must not change while the file is copied."""
    parts: list[object] = []
    for suffix in ("", "-journal", "-wal"):
        target = sidecar(path, suffix) if suffix else path
        try:
            info = target.stat()
        except FileNotFoundError:
            parts.append(None)
            continue
        head = b""
        if suffix == "-journal":
            # A new journal after a rollback has a new random nonce in its header.
            with target.open("rb") as handle:
                head = handle.read(28)
        parts.append((info.st_ino, info.st_size, info.st_mtime_ns, head))
    return tuple(parts)


class PrivateCopy:
    """A recovered, private copy of a board file, refreshed when the file changes."""

    def __init__(self, path: Path) -> None:
        self._path = path
        self._folder: Path | None = None
        self._made_from: tuple[object, ...] | None = None

    def current(self) -> Path:
        """The path of a copy that matches the file as it is now."""
        for _ in range(ATTEMPTS):
            before = _fingerprint(self._path)
            if before == self._made_from and self._folder is not None:
                return self._folder / "board.db"
            copy = self._copy()
            if _fingerprint(self._path) == before:
                self._recover(copy)
                self._made_from = before
                return copy
        raise StorageError(f"{self._path} kept changing while it was read; try again in a moment.")

    def _copy(self) -> Path:
        self.close()
        self._folder = Path(tempfile.mkdtemp(prefix="kanban-read-"))
        copy = self._folder / "board.db"
        journal = sidecar(self._path, "-journal")
        try:
            # The journal first: pages a rollback restores meanwhile are in it.
            if journal.exists():
                shutil.copyfile(journal, sidecar(copy, "-journal"))
            shutil.copyfile(self._path, copy)
        except FileNotFoundError:
            pass  # the journal went away: the fingerprint differs, and we copy again
        except OSError as error:
            raise StorageError(f"Cannot read {self._path}: {error.strerror}.") from None
        return copy

    def _recover(self, copy: Path) -> None:
        """Let SQLite roll back the copied journal, and leave WAL mode, in the copy."""
        conn = sqlite3.connect(copy, isolation_level=None)
        try:
            if read_header(copy).wal:
                conn.execute("PRAGMA journal_mode = DELETE")
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlite3.DatabaseError as error:
            raise StorageError(f"{self._path} is damaged ({error}).") from None
        finally:
            conn.close()

    def close(self) -> None:
        if self._folder is not None:
            shutil.rmtree(self._folder, ignore_errors=True)
        self._folder = None
        self._made_from = None

    def __del__(self) -> None:  # a copy of the team's board must not linger in /tmp
        self.close()


def hot_journal(error: BaseException | None) -> bool:
    """Whether SQLite refused a read because a hot journal needs a rollback."""
    return getattr(error, "sqlite_errorname", "") == "SQLITE_READONLY_ROLLBACK"


def needs_copy(path: Path) -> bool:
    """A WAL-mode file with no ``-wal`` beside it cannot be opened without creating one."""
    return not sidecar(path, "-wal").exists() and read_header(path).wal
