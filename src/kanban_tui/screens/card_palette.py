"""The palette's card entries, alike on the Board, the Sprint and the Backlog.

Each entry runs the same action method as its key (``b``, ``enter``, ``d``
…) on the selected card; with no card selected it says so in one sentence
instead of doing nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from textual.app import SystemCommand

from ..domain.model import Card
from .base import KanbanScreen

NO_CARD = "No card is selected: select a card first, then run this again."
"""What a card entry says when no card is under the cursor."""

CARD_ENTRIES: tuple[tuple[str, str, str], ...] = (
    ("Open card", "Read the selected card: fields, risks, comments (enter)", "read_card"),
    ("Edit card", "Change the selected card's fields (e)", "edit_card"),
    ("Comment on card", "Add a comment to the selected card (c in the card view)", "comment"),
    ("Block or unblock card", "Block the selected card with a reason, or unblock it (b)", "block"),
    ("Assign card to me", "Assign the selected card to me, or unassign it (a)", "assign"),
    ("Card history", "Everything that happened to the selected card (i)", "card_history"),
    ("Archive card", "Take the selected card off the board, history kept (d)", "archive_card"),
    ("Delete card", "Delete the selected card for good, asked first (D)", "delete_card"),
)
"""Name, help and the screen's action (``action_<name>``) of each card entry."""

READS = frozenset({"read_card", "card_history"})
"""The entries that change nothing (the rest say the read-only sentence first)."""


def card_entries(
    screen: KanbanScreen[Any], current: Callable[[], Card | None]
) -> Iterable[SystemCommand]:
    """The card entries of ``screen``, whose selected card is ``current()``."""
    for name, help_text, action in CARD_ENTRIES:
        method = getattr(screen, f"action_{action}", None)
        if method is not None:
            yield SystemCommand(name, help_text, _on_card(screen, current, action, method))


def _on_card(
    screen: KanbanScreen[Any],
    current: Callable[[], Card | None],
    action: str,
    method: Callable[[], object],
) -> Callable[[], None]:
    def run() -> None:
        if action not in READS and not screen.writable():
            return
        if current() is None:
            screen.notify(NO_CARD, severity="warning", markup=False)
        else:
            method()

    return run
