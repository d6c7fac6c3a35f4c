"""``tmp_path`` in memory, for the tests that write SQLite files all day.

Every board a test makes is committed with ``synchronous=FULL``: four
``fdatasync`` calls a commit, 10-15 ms on this CI's disk, and the command-line,
service and storage tests commit thousands of times. No test can observe
whether a commit reached the platter (that takes a power cut); what they prove
(locking, the journal, a process killed mid-write, file modes and owners) is
the same on a RAM file system. So every test's ``tmp_path`` is on
``/dev/shm`` where there is one: about half the single-process run time of
the command-line, service and storage tests.

The root ``conftest.py`` imports the fixture, for every folder. Set
``KANBAN_TESTS_ON_DISK=1`` to run them on pytest's own ``tmp_path`` instead.

Imported as ``ram_tmp`` (pytest puts ``tests/`` on sys.path).
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

RAM = Path("/dev/shm")


@pytest.fixture
def tmp_path(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Path]:
    """A fresh folder on ``/dev/shm`` (removed afterwards), else one from pytest's
    ``tmp_path_factory``. Pytest's own ``tmp_path`` is not asked for: it would make
    a numbered folder on disk for every test all the same, listing every earlier
    one to number it (a second of CPU a test process by the end of the suite)."""
    name = re.sub(r"[^\w.-]", "_", request.node.name)[:40]  # parameters may hold a "/"
    if os.environ.get("KANBAN_TESTS_ON_DISK") or not (RAM.is_dir() and os.access(RAM, os.W_OK)):
        yield tmp_path_factory.mktemp(name)
        return
    folder = Path(tempfile.mkdtemp(prefix=f"kanban-{name}-", dir=RAM))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)
