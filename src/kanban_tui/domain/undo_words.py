"""Undo's refusals: the person's last action named as they did it
("deleting WEB-4", "deleting the column QA"), the card whose column has gone,
and the checks once an action is chosen (someone else changed the card since;
it no longer shows what the action left).

Pure: no database, no clock. :mod:`.undo` chooses; this says why not.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, Protocol

from . import activity, people
from .errors import RuleViolation


class Chosen(Protocol):
    """What the checks read of a chosen step (:class:`.undo.Step`)."""

    @property
    def key(self) -> str: ...
    @property
    def expect(self) -> Mapping[str, Any]: ...


class Later(Protocol):
    """What the checks read of a later event (:class:`.undo.Logged`)."""

    @property
    def actor(self) -> str: ...
    @property
    def action(self) -> str: ...


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


# -- refusals once chosen ---------------------------------------------------------------------


def check_others(step: Chosen, actor: str, later: Iterable[Later]) -> None:
    """Refuse when anyone else has changed the card since (``later``: its events
    after the step's, oldest first)."""
    for event in later:
        if not people.same(event.actor, actor):
            if event.action == "deleted":
                raise RuleViolation(
                    f"{step.key} was deleted by {event.actor} since; nothing undone."
                )
            raise RuleViolation(f"{step.key} was changed by {event.actor} since; nothing undone.")


def check_state(step: Chosen, now: Mapping[str, Any]) -> None:
    """Refuse when the card no longer shows what the action left (``now``: its
    column, sprint number, stored fields and whether it is archived)."""
    if now.get("archived") and "archived" not in step.expect:
        raise RuleViolation(f"{step.key} is archived; restore it first. Nothing undone.")
    for name, expected in step.expect.items():
        if now.get(name) == expected:
            continue
        if name == "column":
            raise RuleViolation(f"{step.key} is no longer in {expected}; nothing undone.")
        if name == "sprint":
            where = "the backlog" if expected is None else f"Sprint {expected}"
            raise RuleViolation(f"{step.key} is no longer in {where}; nothing undone.")
        raise RuleViolation(
            f"{step.key}'s {activity.field_name(name)} has changed since; nothing undone."
        )
