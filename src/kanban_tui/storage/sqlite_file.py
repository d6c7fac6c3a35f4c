"""The board file as the operating system sees it, read without SQLite.

Everything here looks at bytes, owners and modes, so that a file can be
judged (ours, foreign, too new, who may write it, what lies beside it)
before SQLite opens it: SQLite may create ``-wal``/``-shm``/``-journal``
files on open, and a file we refuse, or may only read, must be left
exactly as it was.
"""

from __future__ import annotations

import os
import pwd
import stat
import struct
from dataclasses import dataclass
from pathlib import Path

from ..domain.errors import StorageError

SQLITE_MAGIC = b"SQLite format 3\x00"
HEADER_SIZE = 100
SIDECARS = ("-journal", "-wal", "-shm")


@dataclass(frozen=True, slots=True)
class Header:
    """The fields of SQLite's 100-byte file header that decide how we open a file."""

    wal: bool
    """Bytes 18-19 are 2: the file was last written in WAL mode."""
    user_version: int
    application_id: int


def read_header(path: Path) -> Header:
    """The header of an SQLite file, or a sentence saying it is not one."""
    try:
        with path.open("rb") as handle:
            head = handle.read(HEADER_SIZE)
    except OSError as error:
        raise StorageError(f"Cannot read {path}: {error.strerror}.") from None
    if not head.startswith(SQLITE_MAGIC):
        raise StorageError(f"{path} is not a kanban database (it is not an SQLite file).")
    if len(head) < HEADER_SIZE:
        raise StorageError(f"{path} is damaged (it ends inside its header).")
    # Both numbers are signed big-endian 32-bit integers in the header.
    (user_version,) = struct.unpack(">i", head[60:64])
    (application_id,) = struct.unpack(">i", head[68:72])
    return Header(
        wal=head[18] == 2 or head[19] == 2, user_version=user_version, application_id=application_id
    )


def sidecar(path: Path, suffix: str) -> Path:
    return path.with_name(path.name + suffix)


def owner_name(uid: int) -> str:
    try:
        return pwd.getpwuid(uid).pw_name
    except KeyError:
        return f"uid {uid}"


def write_blocker(path: Path) -> str | None:
    """Why this user cannot change the board file, or None if they can.

    A change needs the file itself, its folder (SQLite writes a journal next
    to the file) and any ``-wal``/``-shm`` already there, all writable.
    The sentence names whose file or folder is in the way.
    """
    if not os.access(path, os.W_OK):
        info = path.stat()
        return (
            f"{path} is read-only for you (it belongs to {owner_name(info.st_uid)}, "
            f"mode {stat.S_IMODE(info.st_mode):04o}); changes are not allowed."
        )
    folder = path.parent
    if not os.access(folder, os.W_OK | os.X_OK):
        return (
            f"{path} is read-only for you: its folder {folder} is not writable for you, "
            "and every change writes a journal file there; changes are not allowed."
        )
    for suffix in ("-wal", "-shm"):
        stray = sidecar(path, suffix)
        try:
            info = stray.stat()
        except OSError:
            continue
        if not os.access(stray, os.R_OK | os.W_OK):
            owner = owner_name(info.st_uid)
            wal, shm = sidecar(path, "-wal"), sidecar(path, "-shm")
            return (
                f"{stray} belongs to {owner} and is not writable for you, so no change "
                f"can be saved; an older kanban left it there. Ask {owner} (or root) to "
                f"run `rm -f {wal} {shm}` while nobody has the board open."
            )
    return None


def new_file_mode(path: Path) -> int:
    """0600 for a personal file; 0660 in a group-writable setgid (team) directory."""
    return 0o660 if _team_folder(path.parent) else 0o600


def _team_folder(folder: Path) -> bool:
    try:
        mode = folder.stat().st_mode
    except OSError:
        return False
    return bool(mode & stat.S_ISGID and mode & stat.S_IWGRP)


def make_folders(folder: Path) -> None:
    """Create ``folder`` and missing parents: 0700, or 0770 inside a team folder.

    The umask neither widens nor narrows them: a board's folder may hold
    other boards and backups, which are nobody else's business.
    """
    missing: list[Path] = []
    current = folder
    while not current.exists():
        missing.append(current)
        if current.parent == current:
            break
        current = current.parent
    for step in reversed(missing):
        mode = 0o770 if _team_folder(step.parent) else 0o700
        try:
            step.mkdir(mode=mode)
        except FileExistsError:
            continue
        # mkdir applies the umask; chmod does not. The setgid bit a team
        # folder passes on is kept.
        os.chmod(step, mode | (step.stat().st_mode & stat.S_ISGID))
