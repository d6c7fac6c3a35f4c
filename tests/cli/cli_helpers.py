"""What command-line tests share: the result of one run, and a database dump."""

from __future__ import annotations

import json
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import storehelp

from kanban_tui.storage.server_url import ServerUrl

T = TypeVar("T")


@dataclass
class Result:
    code: int
    out: str
    err: str

    def json(self) -> Any:
        return json.loads(self.out)

    @property
    def error(self) -> str:
        """The one ``error:`` line; fails unless stderr is exactly that."""
        lines = self.err.splitlines()
        assert len(lines) == 1, self.err
        assert lines[0].startswith("error: "), self.err
        return lines[0]


Run = Callable[..., Result]
"""The ``run`` fixture: ``run("card", "list")`` -> Result."""


def dump(path: Path | ServerUrl) -> list[str]:
    """Every row of the database as text, to prove a refusal changed nothing."""
    return storehelp.dump(path)


def together(*runs: Callable[[], T]) -> list[T]:
    """Run independent commands (real processes) at once; their results in order.

    A process's wall time is mostly starting Python and waiting on the disk,
    which overlap; only runs that need nothing from each other go together.
    """
    with ThreadPoolExecutor(len(runs)) as pool:
        return list(pool.map(lambda run: run(), runs))
