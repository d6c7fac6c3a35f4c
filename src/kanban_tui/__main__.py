"""``kanban`` and ``python -m kanban_tui``."""

from __future__ import annotations

import gc
import sys
from collections.abc import Sequence

from . import cli


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``kanban`` command line; returns the exit status."""
    status = cli.main(argv)
    if argv is None:
        # A real command, about to exit: the collector's last pass over
        # SQLAlchemy's object graph at shutdown costs ~0.1 s, a sixth of a
        # command, for memory the process returns anyway. Callers that pass
        # argv (tests, scripts) keep running, so their objects stay collectable.
        gc.freeze()
    return status


if __name__ == "__main__":
    sys.exit(main())
