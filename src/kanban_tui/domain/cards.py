"""Card rules: which fields a person may set, and the flow timestamps."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any

from . import validation
from .model import Category

EDITABLE: dict[str, Callable[[Any], Any]] = {
    "title": validation.title,
    "type": validation.card_type,
    "priority": validation.priority,
    "points": validation.points,
    "assignee": validation.assignee,
    "labels": lambda value: (
        validation.split_labels(value) if isinstance(value, str) else validation.labels(value)
    ),
    "due": validation.due,
    "blocked": validation.blocked,
    "description": validation.description,
}
"""Field name -> cleaner that returns the stored value or raises InvalidInput;
in the order the card editor shows them."""


def clean(changes: Mapping[str, Any]) -> dict[str, Any]:
    """Validate a set of field changes; the first bad one raises."""
    return validation.clean_fields(EDITABLE, changes, lambda name: f"Unknown card field {name!r}.")


def field_errors(changes: Mapping[str, Any]) -> dict[str, str]:
    """Every bad field with its sentence; an editor shows them beside the fields."""
    return validation.field_errors(clean, changes)


def flow_stamps(
    to: Category,
    started_at: datetime | None,
    done_at: datetime | None,
    now: datetime,
) -> tuple[datetime | None, datetime | None]:
    """``(started_at, done_at)`` after a card enters a column of category ``to``.

    Started is the first entry into an in_progress column and never moves;
    done is the entry into a done column and is cleared when the card leaves.
    """
    if to is Category.IN_PROGRESS and started_at is None:
        started_at = now
    done_at = (done_at or now) if to is Category.DONE else None
    return started_at, done_at
