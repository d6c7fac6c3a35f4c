"""Writing an export to a file (services/export_file.py): never onto the
database, and whole or not at all."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import pytest

from kanban_tui.domain.errors import InvalidInput, StorageError
from kanban_tui.services import export_file
from kanban_tui.services.export_file import check_target, write_export


def test_the_database_is_refused_by_any_name(tmp_path: Path) -> None:
    database = tmp_path / "x.db"
    database.write_bytes(b"SQLite format 3\x00")
    (tmp_path / "link.db").symlink_to(database)
    os.link(database, tmp_path / "hard.db")
    os.mkdir(tmp_path / "sub")
    for name in ("x.db", "link.db", "hard.db", "sub/../x.db", "x.db-wal", "x.db-journal"):
        target = tmp_path / name
        with pytest.raises(InvalidInput) as refused:
            write_export(target, "{}", database=database)
        assert refused.value.message.startswith(f"{target} is the database")
        assert refused.value.message.endswith("; write the export to another file.")
    assert database.read_bytes() == b"SQLite format 3\x00"
    assert not (tmp_path / "x.db-wal").exists()
    check_target(tmp_path / "other.json", database)  # another file: fine
    check_target(database, None)  # a server: there is no file to hit


def test_a_failed_write_leaves_the_file_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "backup.json"
    target.write_text("the last good export", encoding="utf-8")

    def full(_fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(export_file.os, "fsync", full)
    with pytest.raises(StorageError) as failed:
        write_export(target, "x" * 10_000)
    assert failed.value.message == f"Cannot write {target}: No space left on device."
    assert target.read_text(encoding="utf-8") == "the last good export"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["backup.json"]  # no temp left


def test_a_symlink_stays_and_the_file_keeps_its_permissions(tmp_path: Path) -> None:
    real = tmp_path / "real.json"
    real.write_text("old", encoding="utf-8")
    real.chmod(0o640)
    link = tmp_path / "link.json"
    link.symlink_to(real)
    write_export(link, "new\r\n")
    assert link.is_symlink() and real.read_bytes() == b"new\r\n"
    assert stat.S_IMODE(real.stat().st_mode) == 0o640
    fresh = tmp_path / "fresh.json"
    write_export(fresh, "é")
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o666 & ~umask  # as open() makes it
    assert fresh.read_bytes() == "é".encode()


def test_a_folder_and_a_missing_folder_are_one_sentence(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput) as folder:
        write_export(tmp_path, "{}")
    assert folder.value.message == f"{tmp_path} is a folder; name a file to write the export to."
    missing = tmp_path / "nowhere" / "x.json"
    with pytest.raises(StorageError) as nowhere:
        write_export(missing, "{}")
    assert nowhere.value.message == f"Cannot write {missing}: No such file or directory."


def test_a_named_pipe_is_written_in_place(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)  # a reader waits: the write can open
    try:
        write_export(fifo, "{}\n")  # not replaced by a file
        assert os.read(reader, 100) == b"{}\n"
    finally:
        os.close(reader)
    assert stat.S_ISFIFO(fifo.stat().st_mode)
