"""Undo: which of a person's actions ``ctrl+z`` takes back, and what takes it back.

The activity log is the undo history. An undo never deletes an event: the
services take the action back through the same service functions as any
change (so every rule still holds) and each event that writes carries
``undo_of``, the id of the event it takes back.

The rule: the person's newest *action* on the board decides. Reading their
events newest first, :func:`choose` passes over

- undo events (an undo is not undone again: ``ctrl+z`` twice takes back the
  two last actions) and the events they took back;
- what changes nothing undo could take back: a comment (:data:`PASSED`);
- companions logged beside an action, never alone (a forced move's WIP
  breach), and the cards a sprint's completion carried over (part of it);

and the first event left is the newest action. If it can be undone the answer
is its :class:`Step`; if not (a card deleted, a column, board, sprint or risk
change) the answer is a refusal that names it ("Your last action, deleting
WEB-4, cannot be undone; nothing undone."): ctrl+z never reaches past it to
an older, different action. One action may write several events: planning a
card from one sprint straight into another (one step), creating a card in a
sprint (one step: the new card is archived), and archiving the done cards in
one step (``bulk``: one step whose ``parts`` restore each card).

Which actions undo how is one table, :data:`INVERSES`, from an event's
``(entity, action)`` to a function that makes its step; the services have a
matching table from the step's ``kind`` to the service call. Another action
becomes undoable with one entry in each.

Pure: no database, no clock. Every refusal is the sentence a person reads.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from . import activity
from .errors import RuleViolation
from .undo_words import cannot_undo

ARROW = activity.ARROW


@dataclass(frozen=True)
class Logged:
    """One activity-log event, as undo reads it."""

    id: int
    at: str
    actor: str
    entity: str
    key: str
    action: str
    data: Mapping[str, Any] = field(default_factory=dict)

    @property
    def undo_of(self) -> int | None:
        """The event this one took back, if it was written by an undo."""
        value = self.data.get("undo_of")
        return value if isinstance(value, int) and not isinstance(value, bool) else None


@dataclass(frozen=True)
class Step:
    """What taking one action back does."""

    kind: str
    """How the services take it back: ``move``, ``edit``, ``rank``, ``sprint``."""
    key: str
    """The card."""
    event: int
    """The id of the action's (newest) event: what the undo's events name as ``undo_of``."""
    text: str
    """What the action was, as the person reads it: ``WEB-12 moved To Do → In Progress``."""
    args: Mapping[str, Any] = field(default_factory=dict)
    """What the service call needs (the kind's own: ``{"column": "To Do"}``)."""
    expect: Mapping[str, Any] = field(default_factory=dict)
    """What the card must still show for the undo to make sense (``{"column": "In Progress"}``)."""
    parts: tuple[Step, ...] = ()
    """An action of several cards (a bulk archive): one step per card, oldest
    first, each naming its own event; all are taken back, or none."""


class NothingToUndo(RuleViolation):
    """The person has nothing on this board left to undo."""


class CannotUndo(RuleViolation):
    """The person's last action cannot be taken back (a deletion, a column,
    board or sprint change, or an old event without the values it needs)."""


NOTHING = "Nothing to undo: you have no change on this board left to undo."


# -- the steps, one builder per undoable event --------------------------------------------


def _old(key: str) -> CannotUndo:
    return CannotUndo(
        f"{key}: your last change was logged before undo kept what it needs; nothing undone."
    )


def _moved(event: Logged, _: Logged | None) -> Step:
    before, after = event.data.get("before"), event.data.get("after")
    if not isinstance(before, str) or not isinstance(after, str):
        raise _old(event.key)
    return Step(
        "move",
        event.key,
        event.id,
        f"{event.key} moved {before} {ARROW} {after}",
        args={"column": before, "at": event.at},
        expect={"column": after},
    )


def unstarts(step: Step, started_at: datetime | None, category: str) -> bool:
    """Whether taking back the move ``step`` also takes back the card's start:
    the card is back in a to-do column (``category``) and was started by that
    very move (its start is the move's second), so its cycle time never began."""
    if step.kind != "move" or category != "todo" or started_at is None:
        return False
    try:
        return abs(started_at - datetime.fromisoformat(str(step.args.get("at")))) <= timedelta(
            seconds=1
        )
    except (TypeError, ValueError):  # no time, or a naive one against an aware one
        return False


EDIT_FIELDS = frozenset(
    {"title", "description", "type", "priority", "points", "assignee", "labels", "due", "blocked"}
)
"""The card fields an edit event may name, and so an undo may set back."""


def _edited(event: Logged, _: Logged | None) -> Step:
    # A forced assignment's override fields say why, they are not fields to set back.
    key = event.key
    data = {n: diff for n, diff in event.data.items() if n not in activity.OVERRIDE_FIELDS}
    if not data or not set(data) <= EDIT_FIELDS:
        raise _old(key)
    changes: dict[str, Any] = {}
    expect: dict[str, Any] = {}
    for name, diff in data.items():
        if not isinstance(diff, Mapping) or "before" not in diff:
            raise _old(key)  # a description edit logged before its old text was kept
        before = diff["before"]
        changes[name] = before.split() if name == "labels" and isinstance(before, str) else before
        if "after" in diff:
            expect[name] = diff["after"]
    return Step(
        "edit", key, event.id, _edit_text(key, data), args={"changes": changes}, expect=expect
    )


def _edit_text(key: str, data: Mapping[str, Any]) -> str:
    if set(data) == {"assignee"}:
        after = data["assignee"].get("after")
        return f"{key} assigned to {after}" if after else f"{key} unassigned"
    if set(data) == {"blocked"}:
        after = data["blocked"].get("after")
        return f"{key} blocked: {after}" if after else f"{key} unblocked"
    shown = {
        name: ({"changed": True} if diff.get("changed") else diff) for name, diff in data.items()
    }
    return f"{key} edited: " + ", ".join(
        activity.change(name, diff) for name, diff in shown.items()
    )


_SCOPES = {"backlog": "the backlog", "sprint": "its sprint", "sprint column": "its column"}


def _ranked(event: Logged, _: Logged | None) -> Step:
    index, scope = event.data.get("index"), str(event.data.get("scope") or "column")
    if not isinstance(index, int) or isinstance(index, bool) or index < 0:
        raise _old(event.key)
    where = _SCOPES.get(scope, "its column")
    move = str(event.data.get("move") or "")
    how = {
        "top": f"to the top of {where}",
        "bottom": f"to the bottom of {where}",
        "up": f"up in {where}",
        "down": f"down in {where}",
    }.get(move, f"in {where}")
    return Step(
        "rank",
        event.key,
        event.id,
        f"{event.key} ranked {how}",
        args={"index": index, "scope": scope},
    )


def _sprint_name(number: object) -> str:
    return "the backlog" if number is None else f"Sprint {number}"


def _planned(event: Logged, earlier: Logged | None) -> Step:
    """A card into or out of a sprint; ``earlier``: it left another sprint first."""
    first = earlier or event
    if "before" not in first.data or "after" not in event.data:
        raise _old(event.key)
    before, after = first.data["before"], event.data["after"]
    if before is None:
        text = f"{event.key} added to {_sprint_name(after)}"
    elif after is None:
        text = f"{event.key} taken out of {_sprint_name(before)}"
    else:
        text = f"{event.key} moved {_sprint_name(before)} {ARROW} {_sprint_name(after)}"
    return Step(
        "sprint", event.key, event.id, text, args={"sprint": before}, expect={"sprint": after}
    )


def _archived(event: Logged, earlier: Logged | None) -> Step:
    """An archived card comes back (to the column it was archived from)."""
    return Step("restore", event.key, event.id, f"{event.key} archived", expect={"archived": True})


def _restored(event: Logged, earlier: Logged | None) -> Step:
    """A restored card goes back to the archive."""
    return Step("archive", event.key, event.id, f"{event.key} restored", expect={"archived": False})


def _created(event: Logged, earlier: Logged | None) -> Step:
    """A new card goes to the archive (kept whole: the Archive restores it);
    ``earlier``: the card was created in a sprint (the ``created`` event,
    ``event`` the sprint join written with it), one action."""
    made = earlier or event
    return Step(
        "archive",
        made.key,
        event.id,
        f"{made.key} created (it is in the archive now)",
        expect={"archived": False},
    )


BULK_SHOWN = 3
"""How many card keys a bulk step's text names before "and N more"."""


def _bulk(newest: Logged, older: Iterator[Logged], undone: set[int]) -> Step:
    """The whole of a bulk archive (``newest``: its newest event): the events
    of the same transaction before it, ``archived`` with ``bulk``; one step
    restores them all."""
    events = [newest]
    last = newest
    for event in older:
        if (event.entity, event.action) != ("card", "archived") or not event.data.get("bulk"):
            break
        if event.undo_of is not None or not _same_action(last, event):
            break
        last = event
        if event.id not in undone:
            events.append(event)
    parts = tuple(_archived(event, None) for event in reversed(events))
    if len(parts) == 1:
        return parts[0]
    keys = [part.key for part in parts]
    named = ", ".join(keys[:BULK_SHOWN])
    if len(keys) > BULK_SHOWN:
        named += f" and {len(keys) - BULK_SHOWN} more"
    return Step(
        "restore",
        newest.key,
        newest.id,
        f"{len(keys)} done cards archived in one step ({named})",
        expect={"archived": True},
        parts=parts,
    )


Builder = Callable[[Logged, "Logged | None"], Step]

INVERSES: dict[tuple[str, str], Builder] = {
    ("card", "moved"): _moved,
    ("card", "edited"): _edited,  # also assign, block and unblock: edits of one field
    ("card", "ranked"): _ranked,
    ("card", "sprint"): _planned,
    ("card", "archived"): _archived,
    ("card", "restored"): _restored,
    ("card", "created"): _created,
}
"""``(entity, action)`` of an event -> the step that takes it back."""

COMPANIONS = frozenset({("column", "wip_breach"), ("board", "wip_breach")})
"""Events logged beside an action (a forced move's breach), never an action alone."""

STARTS = frozenset({("board", "created"), ("board", "imported")})
"""Where a board's history begins: nothing before it is the person's to undo."""

PASSED = frozenset({("card", "commented")})
"""Events that change nothing undo could take back (a comment): ctrl+z passes
over them to the action before."""


def undoable(event: Logged) -> bool:
    """Whether ``event`` is an action ``ctrl+z`` can take back."""
    if (event.entity, event.action) not in INVERSES:
        return False
    # Carried over by completing a sprint: that is the completion's, not a plan change.
    return not event.data.get("carried_over")


# -- choosing -------------------------------------------------------------------------------


def _is_join(event: Logged) -> bool:
    return (
        (event.entity, event.action) == ("card", "sprint")
        and event.data.get("before") is None
        and event.data.get("after") is not None
    )


def _same_action(newer: Logged, older: Logged) -> bool:
    """Whether ``older`` was logged in the same transaction just before ``newer``:
    the id before, by the same person, within the second (a transaction's
    events may straddle a second's turn)."""
    if older.id != newer.id - 1 or older.actor != newer.actor:
        return False
    if older.at == newer.at:
        return True
    try:
        apart = datetime.fromisoformat(newer.at) - datetime.fromisoformat(older.at)
    except ValueError:
        return False
    return timedelta(0) <= apart <= timedelta(seconds=1)


def _starts_join(join: Logged, older: Logged) -> bool:
    """``older`` began the action ``join`` ends: the card left a sprint, or was created."""
    if older.entity != "card" or older.key != join.key or not _same_action(join, older):
        return False
    if older.action == "created":
        return True
    return older.action == "sprint" and older.data.get("after") is None


def choose(events: Iterable[Logged]) -> Step:
    """The step that takes back the person's newest action in ``events``.

    ``events``: one person's events on one board, newest first (read lazily:
    the search stops at the newest action). Raises :class:`NothingToUndo`
    when there is none left, :class:`CannotUndo` naming it when it cannot be
    undone.
    """
    undone: set[int] = set()
    stream: Iterator[Logged] = iter(events)
    waiting: Logged | None = None
    while True:
        found = waiting if waiting is not None else next(stream, None)
        waiting = None
        if found is None:
            raise NothingToUndo(NOTHING)
        event = found
        if event.undo_of is not None:
            undone.add(event.undo_of)
            continue
        pair = (event.entity, event.action)
        if pair in STARTS:
            raise NothingToUndo(NOTHING)
        if pair in COMPANIONS or pair in PASSED or event.data.get("carried_over"):
            continue  # carried over: part of its sprint's completion, logged after it
        earlier: Logged | None = None
        if _is_join(event):
            waiting = next(stream, None)
            if waiting is not None and _starts_join(event, waiting):
                earlier, waiting = waiting, None
        if event.id in undone:
            continue
        if earlier is not None and earlier.action == "created":
            return _created(event, earlier)  # the card was made in the sprint
        if not undoable(event):
            raise CannotUndo(cannot_undo(event.entity, event.key, event.action, event.data))
        if pair == ("card", "archived") and event.data.get("bulk"):
            return _bulk(event, stream, undone)
        return INVERSES[pair](event, earlier)
