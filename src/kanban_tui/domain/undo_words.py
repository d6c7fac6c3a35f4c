"""Undo's refusals in words: the person's last action named as they did it
("deleting WEB-4", "deleting the column QA"), and the card whose column has gone.

Pure: no database, no clock. :mod:`.undo` chooses; this says why not.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from . import activity

_VERBS = {
    "created": "creating",
    "deleted": "deleting",
    "renamed": "renaming",
    "edited": "editing",
    "started": "starting",
    "completed": "completing",
    "linked": "linking a card to",
    "unlinked": "unlinking a card from",
    "status": "changing the status of",
    "wip_limit": "setting the WIP limit of",
    "person_wip_limit": "setting the per-person WIP limit of",
    "category": "changing the category of",
    "moved": "moving",
}
"""An event's action -> what the person was doing (the rest: "changing")."""


def _thing(entity: str, key: str, data: Mapping[str, Any]) -> str:
    if entity == "column":
        return f"the column {key}"
    if entity == "board":
        return f"the board {key}"
    if entity == "sprint":
        return activity.sprint_label(key, data)
    if entity == "risk":
        return f"the risk {key}"
    return key


def action_phrase(entity: str, key: str, action: str, data: Mapping[str, Any]) -> str:
    """The action as the person did it: ``deleting WEB-4``, ``starting Sprint 3``."""
    if (entity, action) == ("column", "created"):
        return f"adding the column {key}"
    verb = _VERBS.get(action, "changing")
    return f"{verb} {_thing(entity, key, data)}"


def cannot_undo(entity: str, key: str, action: str, data: Mapping[str, Any]) -> str:
    """``Your last action, deleting WEB-4, cannot be undone; nothing undone.``"""
    return (
        f"Your last action, {action_phrase(entity, key, action, data)}, "
        "cannot be undone; nothing undone."
    )


def column_gone(key: str, column: str, *, deleted_by: str | None, renamed_to: str | None) -> str:
    """Why a card cannot go back to ``column``: it is no longer on the board."""
    if renamed_to is not None:
        return (
            f"{key} came from {column}, which is called {renamed_to} since; "
            f"move it there if you want it back. Nothing undone."
        )
    who = f"{deleted_by} deleted" if deleted_by else "was deleted"
    return f"{key} came from {column}, which {who} since; nothing undone."
