"""Writing an export to a file: ``kanban export -o FILE`` and the TUI's
"Export board…" both write through :func:`write_export`.

- **Never onto the database.** ``kanban --db x.db export -o x.db`` would
  replace the database with its own export; the target is refused when it is
  the database file (or its SQLite journal), however it is named: another
  path, a hard link or a symlink to it (compared by device and inode).
- **Whole or not at all.** The text is written to a new file beside the
  target, which then replaces it in one rename: a write that fails (a full
  disk) leaves a file that was there as it was, and no half export. A
  symlink is written through (the file it names is replaced, the link
  stays); an existing file keeps its permissions. A target that is not a
  regular file (``/dev/stdout``, a named pipe) is written in place.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
from pathlib import Path

from ..domain.errors import InvalidInput, StorageError

SIDE_FILES = ("", "-journal", "-wal", "-shm")
"""The database file and the files SQLite keeps beside it."""


def check_target(target: Path, database: Path | None) -> None:
    """Refuse ``target`` when it is the ``database`` file or one of its side
    files: the same file (another path, a link to it), or the path a side
    file not made yet would take."""
    if database is None:
        return
    for suffix in SIDE_FILES:
        side = f"{database}{suffix}"
        try:
            same = os.path.realpath(target) == os.path.realpath(side) or os.path.samefile(
                target, side
            )
        except (OSError, ValueError):  # one of them does not exist: not the same file
            continue
        if same:
            what = f"the database's {suffix[1:]} file" if suffix else "the database"
            raise InvalidInput(
                f"{target} is {what} being exported; write the export to another file."
            )


def write_export(target: Path, text: str, *, database: Path | None = None) -> None:
    """Write ``text`` (UTF-8, line ends as they are) to ``target``, whole or
    not at all, refusing the database itself (``database``: its path, None
    for a server). A failure is one sentence naming ``target``."""
    check_target(target, database)
    data = text.encode("utf-8")
    try:
        existing = target.stat()
    except FileNotFoundError:
        existing = None
    except OSError as error:
        raise StorageError(f"Cannot write {target}: {error.strerror}.") from None
    if existing is not None and stat.S_ISDIR(existing.st_mode):
        raise InvalidInput(f"{target} is a folder; name a file to write the export to.")
    try:
        if existing is not None and not stat.S_ISREG(existing.st_mode):
            with open(target, "wb") as stream:  # a device or a pipe: no file to replace
                stream.write(data)
            return
        # Through a symlink: the file it names is replaced, the link stays.
        real = Path(os.path.realpath(target))
        _replace(real, data, None if existing is None else stat.S_IMODE(existing.st_mode))
    except BrokenPipeError:  # a pipe's reader went away: the command line stays quiet
        raise
    except OSError as error:
        raise StorageError(f"Cannot write {target}: {error.strerror}.") from None


def database_file(location: object) -> Path | None:
    """The database's file (``Store.path``, or ``--db``), None for a server."""
    return location if isinstance(location, Path) else None


def _replace(real: Path, data: bytes, mode: int | None) -> None:
    """``data`` in a new file beside ``real``, then renamed onto it."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
    while True:
        temporary = real.with_name(f".{real.name}.{secrets.token_hex(4)}.tmp")
        try:
            # 0o666 less the umask, as a new file gets from open(): not mkstemp's 0o600
            handle = os.open(temporary, flags, 0o666)
            break
        except FileExistsError:  # pragma: no cover (32 random bits)
            continue
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        if mode is not None:
            os.chmod(temporary, mode)
        os.replace(temporary, real)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def read_export(path: Path, shown: str, expected: str = "") -> str:
    """The UTF-8 text of an export at ``path`` (a BOM dropped), or one sentence
    saying why not; ``shown`` is how the sentence names the file, ``expected``
    what a file that is not text should have been."""
    try:
        return path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InvalidInput(f"There is no file {shown}.") from None
    except IsADirectoryError:
        raise InvalidInput(f"{shown} is a directory, not an export file.") from None
    except UnicodeDecodeError:
        more = f"; {expected}" if expected else ""
        raise InvalidInput(f"{shown} is not UTF-8 text{more}.") from None
    except OSError as error:
        raise InvalidInput(f"{shown} cannot be read: {error.strerror}.") from None
