"""Output that waits for its reader, rather than the team waiting for it.

A command that streams rows (``card list --json``, ``log --json``) writes
them while it reads, inside one read transaction: on the shared file
(rollback journal) that is a read lock, and every writer of the team waits
until it ends. A reader that stops taking the output (``| less`` left open, a
slow script) would make the command hold that lock for as long, so what
stdout cannot take at once is held back (in memory, then in a temporary
file past :data:`IN_MEMORY`) and written, waiting as long as it must, once
the read is over (:meth:`Holdback.drain`). Memory stays bounded either way.
"""

from __future__ import annotations

import os
import select
import sys
import tempfile
from typing import IO

IN_MEMORY = 4 * 1024 * 1024
"""Bytes held back in memory before they go to a temporary file."""

CHUNK = 4096
"""Bytes written at a time: no more than a pipe with room takes at once."""


class Holdback:
    """Writes UTF-8 bytes to stdout without ever waiting while the read runs:
    what the pipe takes now goes at once, the rest waits here, oldest first."""

    def __init__(self) -> None:
        self._fd: int | None = None
        try:
            sys.stdout.flush()
            self._fd = sys.stdout.fileno()
        except (AttributeError, OSError, ValueError):
            self._fd = None  # not a real file (a test's capture): written as usual
        self._held: IO[bytes] | None = None
        self._sent = 0
        """Bytes of ``_held`` written out already."""

    def write(self, text: str) -> None:
        if self._fd is None:
            sys.stdout.write(text)
            return
        data = text.encode("utf-8")
        if self._held is None:
            rest = _send(self._fd, memoryview(data))
            if rest:
                # Closed once all of it is out (``_send_held``).
                self._held = tempfile.SpooledTemporaryFile(max_size=IN_MEMORY)  # noqa: SIM115
                self._held.write(rest)
                self._sent = 0
            return
        self._held.seek(0, os.SEEK_END)
        self._held.write(data)
        self._send_held(wait=False)

    def drain(self) -> None:
        """Write what was held back (the read is over: waiting harms no one)."""
        if self._held is not None:
            self._send_held(wait=True)

    def _send_held(self, *, wait: bool) -> None:
        held, fd = self._held, self._fd
        assert held is not None and fd is not None
        while wait or _takes_more(fd):
            held.seek(self._sent)
            block = held.read(1 << 16 if wait else CHUNK)
            if not block:
                held.close()
                self._held = None
                return
            self._sent += os.write(fd, block)


def _send(fd: int, data: memoryview) -> memoryview:
    """Write to ``fd`` what it takes without waiting; the rest is returned."""
    while data and _takes_more(fd):
        data = data[os.write(fd, data[:CHUNK]) :]
    return data


def _takes_more(fd: int) -> bool:
    """Whether a write to ``fd`` now would not wait (a pipe with room, a file)."""
    try:
        return bool(select.select([], [fd], [], 0)[1])
    except (OSError, ValueError):
        return True
