"""``kanban`` with no command: open the TUI (in a terminal, or as a page of
``kanban serve``, see :mod:`..web.page`)."""

from __future__ import annotations

import argparse
import dataclasses
import gc
import sys
from typing import TYPE_CHECKING

from .. import paths
from ..web import page
from .common import UsageError, context, db_path

if TYPE_CHECKING:
    from ..services.context import Context


def _interactive() -> bool:
    try:
        return sys.stdin.isatty() and sys.stdout.isatty()
    except (AttributeError, ValueError):
        return False


def run(args: argparse.Namespace) -> int:
    from ..services.context import current_user

    current_user()  # a bad KANBAN_USER is refused before anything else, as for every command
    # A script or agent that runs bare `kanban` through a pipe would otherwise
    # hang on a UI nobody can see. A page of `kanban serve` talks through pipes
    # too, but to textual-serve, which Textual's web driver says.
    in_browser = page.in_browser()
    if not in_browser and not _interactive():
        raise UsageError(
            "kanban without a command opens the terminal UI, which needs a terminal; "
            "see `kanban --help` for the commands"
        )
    from ..services import boards

    path = db_path(args)
    with context(args, create=True) as opened:
        ctx = _as_page(opened) if in_browser else opened
        board = boards.open_board(ctx, args.board, paths.last_board(path))
        if not in_browser:  # a visitor's board is not the serving user's next one
            paths.remember_board(path, board.key)
        from ..app import create_app

        app = create_app(ctx, board.key)
        if in_browser:  # the visitor is not the serving user: not their files
            app.files_refused = page.NO_FILES
            app.remembers = False
        # What is alive now (the imported modules, their classes, the ORM's
        # metadata: some 100,000 objects) lives as long as the process: the
        # collector's full passes stop walking it again. Each was 80-110 ms
        # holding the interpreter, at whatever moment it fell: a screen opened
        # then waited for it (measured: the Activity screen's read of a
        # 100,000-card board). The tests, which run many apps in one process,
        # never come here.
        gc.freeze()
        app.collects_when_shown = True  # and then full passes while a view is read, not typed at
        app.run()
    return app.return_code or 0


def _as_page(ctx: Context) -> Context:
    """A page's context: read-only unless the server allows writes, and then
    its changes logged as ``web:`` and the serving user."""
    if not page.writes_allowed():
        ctx.db.pin_read_only(page.READ_ONLY)
        return ctx
    return dataclasses.replace(ctx, actor=page.page_actor(ctx.actor))
