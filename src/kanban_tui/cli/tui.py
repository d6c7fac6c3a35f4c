"""``kanban`` with no command: open the TUI."""

from __future__ import annotations

import argparse
import sys

from .. import paths
from .common import UsageError, context, db_path


def _interactive() -> bool:
    try:
        return sys.stdin.isatty() and sys.stdout.isatty()
    except (AttributeError, ValueError):
        return False


def run(args: argparse.Namespace) -> int:
    from ..services.context import current_user

    current_user()  # a bad KANBAN_USER is refused before anything else, as for every command
    # A script or agent that runs bare `kanban` through a pipe would otherwise
    # hang on a UI nobody can see.
    if not _interactive():
        raise UsageError(
            "kanban without a command opens the terminal UI, which needs a terminal; "
            "see `kanban --help` for the commands"
        )
    from ..services import boards

    path = db_path(args)
    with context(args, create=True) as ctx:
        board = boards.open_board(ctx, args.board, paths.last_board(path))
        paths.remember_board(path, board.key)
        from ..app import create_app

        app = create_app(ctx, board.key)
        app.run()
    return app.return_code or 0
