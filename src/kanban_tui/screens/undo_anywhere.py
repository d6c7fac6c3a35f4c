"""``ctrl+z`` on the views without cards of their own to move: the Archive,
Activity, Reports and Risks.

The Board, Sprint and Backlog run :func:`.commands.undo_command` through their
:class:`~.card_commands.CardCommands` and redraw what came back; these views
run the same command through theirs (each mounts one), then read themselves
again and mark the other views stale, whatever the undo touched.
"""

from __future__ import annotations

from typing import Any

from textual.app import SystemCommand

from .card_commands import CommandScreen
from .commands import undo_command
from .keys import UNDO_PALETTE


def undo_here(screen: CommandScreen[Any]) -> None:
    """Take back the person's last action on the open board, from ``screen``."""
    commands = screen.commands
    if not commands.writable():
        return
    command = undo_command(screen.ctx, screen.board_key)

    def undone(_: object) -> None:
        screen.reload()
        screen.kanban.mark_views_stale()

    command.then = undone
    commands.run(command)


def undo_palette(screen: CommandScreen[Any]) -> SystemCommand:
    """The palette's "Undo my last action" on ``screen``."""
    return SystemCommand(*UNDO_PALETTE, lambda: undo_here(screen))
