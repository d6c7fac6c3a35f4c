"""The palette's "Archive done cards older than 14 days", for every card screen.

It counts first (in the command runner's worker, never on the UI thread),
asks with the count, then archives them all in one write.
"""

from __future__ import annotations

from textual.content import Content

from ..dialogs.confirm import ConfirmDialog
from ..domain.model import Card
from ..services import archive
from .card_commands import CardCommands
from .commands import Command, archive_done_command

DONE_AGE = archive.DONE_AGE
"""The palette entry's N: days since a card was done."""

TITLE = f"Archive done cards older than {DONE_AGE} days"


def archive_done(commands: CardCommands, board: str, days: int = DONE_AGE) -> None:
    """Count the done cards finished more than ``days`` days ago, ask, archive them."""
    if not commands.writable():
        return
    ctx = commands.ctx

    def ask(found: list[Card]) -> None:
        if not found:
            commands.notify(f"No done cards finished more than {days} days ago.")
            return
        count = f"{len(found)} done card{'' if len(found) == 1 else 's'}"
        question = Content.assemble(
            "Archive ",
            (count, "bold"),
            f" finished more than {days} days ago?\n",
            ("They keep their history; the Archive view (A) restores them.", "$text-muted"),
        )

        def answered(yes: bool | None) -> None:
            if yes:
                commands.run(archive_done_command(ctx, board, days))

        commands.app.push_screen(
            ConfirmDialog("Archive done cards", question, confirm="Archive"), answered
        )

    commands.run(
        Command("count_done", lambda _, __: archive.done_older_than(ctx, board, days), then=ask)
    )
