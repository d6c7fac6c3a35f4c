"""Where `kanban export` writes: never onto the database, `-o` whole or not at
all, and a stdout that cannot be written said in one sentence."""

from __future__ import annotations

import os
import resource
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from cli_helpers import Run, dump, together

FULL = Path("/dev/full")
needs_dev_full = pytest.mark.skipif(not FULL.exists(), reason="no /dev/full here")


@pytest.mark.usefixtures("board")
@pytest.mark.parametrize("fmt", ["json", "csv", "markdown"])
def test_the_export_is_never_written_onto_the_database(
    run: Run, db_path: Path, tmp_path: Path, fmt: str
) -> None:
    run("card", "add", "Keep me")
    before = dump(db_path)
    link = tmp_path / "link.db"
    link.symlink_to(db_path)
    journal = Path(f"{db_path}-journal")
    for target, what in (
        (db_path, "the database"),
        (link, "the database"),
        (journal, "the database's journal file"),
    ):
        result = run("--db", str(db_path), "export", "--format", fmt, "-o", str(target))
        assert (result.code, result.out) == (2, "")
        assert result.error == (
            f"error: {target} is {what} being exported; write the export to another file."
        )
    assert dump(db_path) == before
    assert not journal.exists() and link.is_symlink()


def _kanban(*argv: str, stdout: object = subprocess.PIPE, limit: int | None = None):
    """``kanban ARGV`` as a process; ``limit``: the largest file it may write
    (RLIMIT_FSIZE: a write past it fails as on a full disk)."""

    def limited() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a failed write, not a killed process
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return subprocess.run(
        [sys.executable, "-m", "kanban_tui", *argv],
        stdout=stdout,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        text=True,
        env=os.environ,
        preexec_fn=limited if limit is not None else None,
    )


@pytest.mark.usefixtures("demo_board")
def test_a_failed_write_leaves_the_file_as_it_was(tmp_path: Path) -> None:
    target = tmp_path / "backup.json"
    target.write_text("the last good export\n", encoding="utf-8")
    result = _kanban("export", "-o", str(target), limit=64 * 1024)  # the demo is ~130 KB
    assert result.returncode == 1
    assert result.stderr == f"error: Cannot write {target}: File too large.\n"
    assert target.read_text(encoding="utf-8") == "the last good export\n"
    assert sorted(path.name for path in tmp_path.iterdir() if "backup" in path.name) == [
        "backup.json"
    ]  # no half-written file beside it


@needs_dev_full
@pytest.mark.usefixtures("demo_board")
def test_a_stdout_that_cannot_be_written_is_one_sentence() -> None:
    with open(FULL, "w") as full:
        exported, listed, shown = together(
            lambda: _kanban("export", stdout=full),
            lambda: _kanban("card", "list", stdout=full),  # fails at the flush in main
            lambda: _kanban("card", "list", "--json", stdout=full),  # fails mid-listing
        )
    assert (exported.returncode, exported.stderr) == (
        1,
        "error: Cannot write the export: No space left on device.\n",
    )
    for result in (listed, shown):
        assert (result.returncode, result.stderr) == (
            1,
            "error: Cannot write the output: No space left on device.\n",
        )
