"""Keys that several screens bind the same way, each with a stable id.

A keymap rebinds a key by its id, so the ids stay as they were: the card
keys are ``card.*`` on every screen, the filter and reload keys are named
for their screen (``board.filter``, ``backlog.reload``).
"""

from __future__ import annotations

from textual.binding import Binding

CARD_FILTER = "Filter cards as you type: words, @assignee, #label, !blocked, due:"
"""What ``/`` does on the screens that list cards."""

CARD_FILTER_HINT = "Filter: words @who #label !blocked due:overdue|soon|week|none  (esc clears)"
"""The ``/`` field's placeholder on the screens that list cards (fits 80 columns)."""

FILTER_NOTE = (
    "Filter: words match key or title; @name the assignee (@me, @none); "
    "#label a label; !blocked blocked cards; due:overdue past its due date, "
    "due:soon due within 2 days (today included), due:week overdue or due within "
    "7 days, due:none no due date (a done card is never overdue)."
)
"""The ``?`` help's sentence on the ``/`` terms (Board, Sprint, Backlog)."""

RANK_KEYS = [
    Binding("K,shift+up", "rank('up')", "Rank up", show=False, id="card.rank_up"),
    Binding("J,shift+down", "rank('down')", "Rank down", show=False, id="card.rank_down"),
    Binding("T", "rank('top')", "Rank to top", show=False, id="card.rank_top"),
    Binding("B", "rank('bottom')", "Rank to bottom", show=False, id="card.rank_bottom"),
]
"""J K T B (and shift+arrows): the selected card down, up, to the top, to the bottom."""

OPEN_KEY = Binding(
    "enter",
    "read_card",
    "Open",
    id="card.open",
    tooltip="Open the selected card to read it; c comment, e edit, b block there",
)
"""``enter``: the card view, to read the card (and comment, edit, block there)."""

ASSIGN_KEY = Binding(
    "a",
    "assign",
    "Assign me",
    show=False,
    id="card.assign",
    tooltip="Assign the card to me, or unassign it if it is mine",
)


def filter_key(screen: str, tooltip: str, *, show: bool = True) -> Binding:
    """``/``: open the screen's filter field (see ``KanbanScreen.action_filter``).

    A priority binding: it runs as the app takes the key, before it takes the
    next, so that letters typed right behind it in one burst (as SSH delivers
    them) go into the field rather than acting as the list's keys (``d``
    would archive a card)."""
    return Binding(
        "slash",
        "filter",
        "Filter",
        key_display="/",
        show=show,
        priority=True,
        id=f"{screen}.filter",
        tooltip=tooltip,
    )


def clear_filter_key(screen: str) -> Binding:
    """``esc``: clear and hide the filter field."""
    return Binding("escape", "clear_filter", "Clear filter", id=f"{screen}.clear_filter")


def reload_key(screen: str, tooltip: str) -> Binding:
    """``ctrl+r``: read what the screen shows from the database again."""
    return Binding("ctrl+r", "reload", "Reload", show=False, id=f"{screen}.reload", tooltip=tooltip)


UNDO_KEY = Binding(
    "ctrl+z",
    "undo",
    "Undo",
    show=False,
    id="card.undo",
    tooltip="Undo my last action on this board",
)
"""``ctrl+z`` on every view of the board: one action back a press (see services.undo)."""

UNDO_PALETTE = ("Undo my last action", "Take back your last change on this board (ctrl+z)")
"""The palette's name and help for ``ctrl+z``."""

BLOCK_KEY = Binding(
    "b",
    "block",
    "Block",
    show=False,
    id="card.block",
    tooltip="Block the card, saying why; or unblock a blocked card (asks first)",
)

CARD_KEYS = [*RANK_KEYS, ASSIGN_KEY, BLOCK_KEY, UNDO_KEY]
"""J K T B, a, b and ctrl+z, in this order on the Board, the Sprint and the Backlog."""

ARCHIVE_KEY = Binding(
    "d",
    "archive_card",
    "Archive",
    id="card.archive",
    tooltip="Archive the card: off the board, kept with its history (A shows the archive)",
)
"""``d``: archive, with no question (the Archive view restores it)."""

NEW_CARD_KEY = Binding(
    "n", "new_card", "New", id="card.new", tooltip="New card in the focused column"
)
"""``n``: a new card where the cursor is (the Backlog says "section")."""

DELETE_KEY = Binding(
    "D",
    "delete_card",
    "Delete",
    show=False,
    id="card.delete",
    tooltip="Delete the card for good (asks first); d archives it instead",
)
"""``D``: delete for good, asked first (the Archive shows it, with its own tooltip)."""

ARCHIVE_VIEW_KEY = Binding(
    "A",
    "open_archive",
    "Archive view",
    show=False,
    id="archive.open",
    tooltip="The archived cards: filter them, restore them, delete them for good",
)
"""``A``: the Archive view (from the Board, the Sprint and the Backlog)."""

WIP_KEY = Binding(
    "w", "set_wip", "WIP", id="column.wip", tooltip="Set the focused column's WIP limit"
)
"""``w``: the focused column's WIP limit (the Board's; the Sprint hides it from the footer)."""

COMPLETE_SPRINT_KEY = Binding(
    "C",
    "complete_sprint",
    "Complete",
    id="sprint.complete",
    tooltip="Complete the sprint: its report, where unfinished cards go, what next",
)
"""``C``: complete the active sprint (the Sprint's; the Backlog says it its way)."""


def nav_keys(action: str, noun: str) -> list[Binding]:
    """``h``/``l`` and the arrows: ``action(-1)``/``action(1)``, the previous or
    next ``noun`` (a column, a section)."""
    return [
        Binding("left,h", f"{action}(-1)", f"Previous {noun}", show=False, id="nav.left"),
        Binding("right,l", f"{action}(1)", f"Next {noun}", show=False, id="nav.right"),
    ]
