"""A card's fields as the editor shows them, and what it says when others
change or delete the card while it is open.

The points field is shared with the Backlog's estimate dialog.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.content import Content
from textual.widgets import Input

from ..domain import cards, validation
from ..domain.errors import KanbanError
from ..domain.model import POINT_CHOICES, Card
from ..widgets.text import literal

FIELDS = tuple(cards.EDITABLE)
"""The editor's fields, in its order: every field a person may set."""


class PointsInput(Input):
    """Points: type any 0-100, or step through the usual estimates with up/down."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "step(1)", "More points", show=False),
        Binding("down", "step(-1)", "Fewer points", show=False),
    ]

    def action_step(self, direction: int) -> None:
        try:
            current = validation.points(self.value)
        except KanbanError:
            current = None
        if current is None:
            choices = POINT_CHOICES if direction > 0 else POINT_CHOICES[::-1]
            self.value = str(choices[0])
        elif direction > 0:
            self.value = str(next((p for p in POINT_CHOICES if p > current), current))
        else:
            self.value = str(next((p for p in POINT_CHOICES[::-1] if p < current), current))
        self.cursor_position = len(self.value)


def edit_heading(card: Card) -> Content:
    """``Edit WEB-12 in Review``."""
    return Content.assemble("Edit ", (card.key, "bold"), " in ", literal(card.column, "bold"))


def deleted_note(key: str, column: str, by: str | None) -> str:
    """What the editor says once its card is gone."""
    who = f"{by} deleted {key}" if by else f"{key} was deleted"
    return f"{who} meanwhile; saving makes your text a new card in {column}."


def changed_note(before: Card, fresh: Card, mine: Sequence[str]) -> str:
    """What the editor says when ``fresh`` replaced ``before`` under it ("" if
    nothing it shows changed); ``mine`` are the fields typed in, which are kept."""
    old, new = card_fields(before), card_fields(fresh)
    theirs = [name for name in FIELDS if old[name] != new[name]]
    moved = fresh.column != before.column
    who, key = fresh.updated_by or "Someone", fresh.key
    if fresh.archived and not before.archived:
        return (
            f"{who} archived {key} meanwhile; it cannot be saved until it is restored "
            "(r in the Archive view)."
        )
    if not theirs and not moved:
        return ""
    if theirs:
        note = f"{who} changed {key} meanwhile: {', '.join(theirs)}"
        note += f"; it is now in {fresh.column}." if moved else "."
    else:
        note = f"{who} moved {key} to {fresh.column} meanwhile."
    return note + kept_note([name for name in theirs if name in mine], new)


def kept_note(both: Sequence[str], theirs: Mapping[str, str]) -> str:
    """What the editor adds when a field was changed by this person and by
    someone else: that this person's text is kept, and what theirs is (the
    editor no longer shows it). "" when no field was changed by both."""
    if not both:
        return ""
    named = [f"{name} (theirs: {their_value(theirs[name])})" for name in both]
    verb = "is" if len(both) == 1 and both[0] not in ("points", "labels") else "are"
    listed = named[0] if len(named) == 1 else f"{', '.join(named[:-1])} and {named[-1]}"
    return f" Your {listed} {verb} kept; saving replaces theirs."


def their_value(value: str) -> str:
    """A field's stored text as a note names it: quoted, cut, on one line."""
    if not value:
        return "empty"
    text = " ".join(value.split())
    return f"“{text if len(text) <= 40 else text[:39] + '…'}”"


def card_fields(card: Card | None) -> dict[str, str]:
    """The card's fields as text, exactly as stored."""
    if card is None:
        return {name: "" for name in FIELDS} | {"type": "task", "priority": "none"}
    return {
        "title": card.title,
        "type": card.type.value,
        "priority": card.priority.value,
        "points": "" if card.points is None else str(card.points),
        "assignee": card.assignee or "",
        "labels": ", ".join(card.labels),
        "due": card.due.isoformat() if card.due else "",
        "blocked": card.blocked or "",
        "description": card.description,
    }
