"""Opening a board file: the checks made before it is used, with SQLite
but without writing, and the little that is written when it is new or old.

A file we refuse, or may only read, is left exactly as it was: nothing here
lets SQLite create a file beside it (see :mod:`.private_copy`).
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from urllib.parse import quote

from ..domain.errors import DatabaseDamaged, StorageError
from .private_copy import PrivateCopy, hot_journal, needs_copy
from .sqlite_file import make_folders, new_file_mode

APPLICATION_ID = 0x4B414E42  # "KANB" in the SQLite header marks our files
SCHEMA_VERSION = 6
"""The schema this version writes (``user_version``); :mod:`.migrations` takes
an older one here. Kept here, not beside the migrations, so that opening a
current file loads no SQLAlchemy (``card list --json`` reads it without)."""
TABLES = frozenset(
    {"board", "board_column", "sprint", "card", "comment", "event"}
    | {"risk_sequence", "risk", "risk_card"}
)
"""The names of the schema's tables: those of ``SQLModel.metadata`` (the
tables of :mod:`.tables` and :mod:`.risk_tables`), written out so that the
open checks them without building the ORM; tests/storage/test_plain_read.py
holds the two equal."""
BUSY = "The database is busy (another process held it for over 5 s); try again."


def uri(path: Path, immutable: bool = False) -> str:
    """A read-only SQLite URI; quoting keeps "?", "#" and "%" in names literal."""
    suffix = "&immutable=1" if immutable else ""
    return f"file:{quote(str(path.absolute()))}?mode=ro{suffix}"


DAMAGE_CODES = frozenset({sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB})
"""What SQLite says when a page it reads is not what it should be, or the
file is no database at all: "database disk image is malformed", "file is not
a database"."""


def is_damage(error: BaseException | None) -> bool:
    code = getattr(error, "sqlite_errorcode", None)
    return code is not None and code & 0xFF in DAMAGE_CODES


def damaged(path: Path, why: object) -> DatabaseDamaged:
    """The one sentence for a file SQLite finds damaged, at open or later."""
    return DatabaseDamaged(f"{path} is damaged or not a database ({why}).")


def refuse_foreign(path: Path, app_id: int, version: int, has_tables: bool) -> None:
    if version < 0 or (app_id != APPLICATION_ID and (app_id != 0 or has_tables)):
        raise StorageError(f"{path} is an SQLite database of another program.")
    if version > SCHEMA_VERSION:
        raise StorageError(
            f"{path} was written by a newer version of kanban (schema {version}, "
            f"this one reads up to {SCHEMA_VERSION}); upgrade kanban to open it."
        )


def _probe_with(target: str, timeout_ms: int) -> tuple[int, int, set[str]]:
    conn = sqlite3.connect(target, uri=True, timeout=timeout_ms / 1000)
    try:
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        # Reading the schema also checks the header's page count against
        # the file's size: a cut-off file is refused here.
        names = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
    finally:
        conn.close()
    return app_id, version, names


def probe(path: Path, copy: PrivateCopy | None, timeout_ms: int) -> tuple[int, int, set[str]]:
    """(application_id, user_version, names in the schema), creating no file.

    ``copy`` is a reader's private copy, used where SQLite could not read the
    file in place without writing; a writer (no copy) reads or repairs it.
    """
    try:
        if needs_copy(path):
            # Nobody has this WAL-mode file open; a writer may read it as it is.
            if copy is None:
                return _probe_with(uri(path, immutable=True), timeout_ms)
            return _probe_with(uri(copy.current()), timeout_ms)
        try:
            return _probe_with(uri(path), timeout_ms)
        except sqlite3.OperationalError as error:
            if not hot_journal(error):
                raise
            if copy is None:  # a writer rolls the interrupted change back, as SQLite would
                return _probe_with(f"file:{quote(str(path.absolute()))}", timeout_ms)
            return _probe_with(uri(copy.current()), timeout_ms)
    except sqlite3.OperationalError as error:
        if "locked" in str(error) or "busy" in str(error):
            raise StorageError(BUSY) from None
        raise damaged(path, error) from None
    except sqlite3.DatabaseError as error:
        raise damaged(path, error) from None


def check_schema(path: Path, names: set[str]) -> None:
    missing = sorted(TABLES - names)
    if missing:
        listed = ", ".join(missing)
        raise StorageError(
            f"{path} is damaged: the table{'s' if len(missing) > 1 else ''} {listed} "
            f"{'are' if len(missing) > 1 else 'is'} missing; restore it from a backup."
        )


def leave_wal(path: Path) -> None:
    """Turn a file an older kanban left in WAL mode to the rollback journal."""
    conn = sqlite3.connect(path.absolute(), timeout=0.2, isolation_level=None)
    try:
        conn.execute("PRAGMA journal_mode = DELETE")
    except sqlite3.OperationalError:
        pass  # someone still has it open in WAL mode; the next writer's open tries again
    finally:
        conn.close()


def create(path: Path) -> None:
    try:
        make_folders(path.parent)
        mode = new_file_mode(path)
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY | os.O_NOFOLLOW, mode)
        os.fchmod(fd, mode)  # the umask must not widen or narrow it
        os.close(fd)
    except FileExistsError:
        pass  # someone else created it a moment ago
    except OSError as error:
        raise StorageError(f"Cannot create {path}: {error.strerror}.") from None


def holds_boards(path: Path) -> bool:
    """Whether the file has a board in it (a file we just made may not)."""
    try:
        conn = sqlite3.connect(uri(path), uri=True)
        try:
            return bool(conn.execute("SELECT count(*) FROM board").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.Error:
        return True  # not ours to judge: keep it
