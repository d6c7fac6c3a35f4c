"""Sprints: plan, start, change scope, complete (one function per user action).

Each action is one transaction that writes its events. A card joining or
leaving a sprint writes a ``card``/``sprint`` event with the sprint numbers
before and after; while the sprint is active that is a scope change, which
the burndown and the report read back from the log. Reports, burndown,
velocity and the backlog are in :mod:`.sprint_metrics`, starting and
completing in :mod:`.sprint_cycle`; all are re-exported here, so screens
and the command line import this one module.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from ..domain import sprints as rules
from ..domain import validation
from ..domain.errors import InvalidInput, RuleViolation, StaleChange
from ..domain.model import Card
from ..domain.sprints import Action, Sprint, SprintState
from ..storage import repo
from ..storage import sprint_repo as srepo
from ..storage.tables import SprintRow
from .context import Context
from .sprint_cycle import CARRY_OVER, Completion, complete_sprint, start_sprint
from .sprint_metrics import backlog, burndown, sprint_report, velocity
from .sprint_scope import (
    card_rows,
    event_key,
    join_sprint,
    move_card,
    new_sprint,
    touch,
)

__all__ = [
    "CARRY_OVER",
    "Completion",
    "active_sprint",
    "add_cards",
    "backlog",
    "burndown",
    "complete_sprint",
    "create_sprint",
    "delete_sprint",
    "edit_sprint",
    "get_sprint",
    "list_sprints",
    "next_sprint_number",
    "overdue",
    "plan_card",
    "remove_cards",
    "sprint_report",
    "start_sprint",
    "velocity",
]


def create_sprint(
    ctx: Context,
    board_key: str,
    name: str | None = None,
    goal: str | None = "",
    start: date | str | None = None,
    end: date | str | None = None,
    length: int | None = None,
    *,
    confirmed: bool = False,
) -> Sprint:
    """Plan a new sprint. Start defaults to the day after the latest sprint's end
    (or today), the length to the previous sprint's (or 14 days).

    Dates wholly in the past, or over a completed sprint's, are refused with
    :class:`NeedsConfirmation` unless ``confirmed``.
    """
    goal_text = rules.goal(goal)
    first = rules.parse_date(start, "start")
    last = rules.parse_date(end, "end")
    with ctx.db.write() as session:
        board = repo.board_row(session, board_key)
        existing = srepo.sprints(session, board)
        default_length = rules.previous_length(existing)
        first, last = rules.plan_dates(
            first,
            last,
            length,
            today=ctx.today(),
            default_start=rules.next_slot(existing, ctx.today(), length or default_length),
            default_length=default_length,
        )
        rules.check_unusual_dates(first, last, ctx.today(), existing, confirmed=confirmed)
        row = new_sprint(ctx, session, board, name=name, goal=goal_text, start=first, end=last)
        return srepo.sprint(session, board, row)


def list_sprints(
    ctx: Context, board_key: str, state: SprintState | str | None = None
) -> list[Sprint]:
    """The board's sprints by number, each with its card count and points."""
    with ctx.db.read() as session:
        board = repo.board_row(session, board_key)
        found = srepo.sprints(session, board)
    if state is None:
        return found
    wanted = SprintState(state)
    return [sprint for sprint in found if sprint.state is wanted]


def get_sprint(ctx: Context, board_key: str, number: int | str) -> Sprint:
    """One sprint by number, or ``"active"``."""
    with ctx.db.read() as session:
        board = repo.board_row(session, board_key)
        return srepo.sprint(session, board, srepo.sprint_row(session, board, number))


def next_sprint_number(ctx: Context, board_key: str) -> int:
    """The number the board's next new sprint gets (numbers are never reused)."""
    with ctx.db.read() as session:
        return repo.board_row(session, board_key).next_sprint


def active_sprint(ctx: Context, board_key: str) -> Sprint | None:
    """The board's active sprint, or None."""
    with ctx.db.read() as session:
        board = repo.board_row(session, board_key)
        assert board.id is not None
        row = srepo.active_row(session, board.id)
        return srepo.sprint(session, board, row) if row else None


def overdue(ctx: Context, board_key: str) -> str | None:
    """The flag every screen shows while the active sprint is past its end (rule 7)."""
    sprint = active_sprint(ctx, board_key)
    return rules.overdue_message(sprint, ctx.today()) if sprint else None


def edit_sprint(
    ctx: Context,
    board_key: str,
    number: int | str,
    *,
    name: str | None = None,
    goal: str | None = None,
    start: date | str | None = None,
    end: date | str | None = None,
    length: int | None = None,
    expected_version: int | None = None,
    confirmed: bool = False,
) -> Sprint:
    """Change a planned or active sprint's name, goal or dates (None: unchanged).

    A new start alone keeps the sprint's length. New dates wholly in the past,
    or over a completed sprint's, need ``confirmed`` (:class:`NeedsConfirmation`).
    """
    first = rules.parse_date(start, "start")
    last = rules.parse_date(end, "end")
    if last is not None and length is not None:
        raise InvalidInput("Give an end date or a length, not both.")
    with ctx.db.write() as session:
        board = repo.board_row(session, board_key)
        row = srepo.sprint_row(session, board, number)
        rules.transition(row.state, Action.EDIT, row.number)
        if expected_version is not None and row.version != expected_version:
            raise StaleChange(
                f"Sprint {row.number} was changed by someone else; reloaded - try again."
            )
        current = srepo.to_sprint(row, board.key)
        values: dict[str, Any] = {}
        if name is not None:
            values["name"] = rules.name(name, row.number)
        if goal is not None:
            values["goal"] = rules.goal(goal)
            rules.check_active_goal(current.state, row.number, values["goal"])
        if first is not None or last is not None or length is not None:
            new_start = first or current.start or ctx.today()
            keep = current.length or rules.DEFAULT_DAYS
            new_end = last or rules.end_for(new_start, length if length is not None else keep)
            rules.check_dates(new_start, new_end)
            if (new_start, new_end) != (current.start, current.end):
                others = srepo.sprints(session, board)
                rules.check_unusual_dates(
                    new_start, new_end, ctx.today(), others, row.number, confirmed=confirmed
                )
            values["start"] = new_start.isoformat()
            values["end"] = new_end.isoformat()
        diff = {
            field: {"before": getattr(row, field), "after": value}
            for field, value in values.items()
            if getattr(row, field) != value
        }
        if diff:
            for field, value in values.items():
                setattr(row, field, value)
            touch(row)
            session.add(row)
            ctx.log(session, board.id, "sprint", event_key(board, row), "edited", **diff)
        return srepo.sprint(session, board, row)


def add_cards(ctx: Context, board_key: str, number: int | str, keys: Iterable[str]) -> Sprint:
    """Plan cards into a sprint; on an active sprint each one is a scope change."""
    with ctx.db.write() as session:
        board = repo.board_row(session, board_key)
        row = srepo.sprint_row(session, board, number)
        for card in card_rows(session, board, keys):
            join_sprint(ctx, session, board, row, card)
        return srepo.sprint(session, board, row)


def remove_cards(ctx: Context, board_key: str, number: int | str, keys: Iterable[str]) -> Sprint:
    """Take cards out of a sprint, back to the backlog where their rank puts them."""
    with ctx.db.write() as session:
        board = repo.board_row(session, board_key)
        row = srepo.sprint_row(session, board, number)
        rules.transition(row.state, Action.REMOVE_CARD, row.number)
        for card in card_rows(session, board, keys):
            if card.sprint_id != row.id:
                raise RuleViolation(f"{board.key}-{card.number} is not in sprint {row.number}.")
            move_card(ctx, session, board, card, None)
        return srepo.sprint(session, board, row)


def delete_sprint(ctx: Context, board_key: str, number: int | str) -> Sprint:
    """Delete a planned sprint; its cards go back to the backlog. Its number is not reused."""
    with ctx.db.write() as session:
        board = repo.board_row(session, board_key)
        row = srepo.sprint_row(session, board, number)
        rules.transition(row.state, Action.DELETE, row.number)
        sprint = srepo.sprint(session, board, row)
        for card in srepo.sprint_card_rows(session, sprint.id):
            move_card(ctx, session, board, card, None)
        session.flush()
        session.delete(row)
        ctx.log(session, board.id, "sprint", sprint.key, "deleted", name=sprint.name)
        return sprint


def plan_card(ctx: Context, key: str, number: int | str | None) -> Card:
    """Put one card into sprint ``number`` (None: back to the backlog), taking it
    out of the planned or active sprint it is in first, in one transaction.

    The card keeps its rank. Each step writes its own event, so leaving or
    joining an active sprint is a scope change as with add/remove_cards.
    """
    board_key, card_number = validation.parse_card_key(key)
    with ctx.db.write() as session:
        board = repo.board_row(session, board_key)
        card = repo.card_row(session, board, card_number)
        target = srepo.sprint_row(session, board, number) if number is not None else None
        current = session.get(SprintRow, card.sprint_id) if card.sprint_id else None
        if current is not None and current.state == SprintState.COMPLETED.value:
            current = None  # a completed sprint's unfinished card is in the backlog
        if current is not None and (target is None or current.id != target.id):
            rules.transition(current.state, Action.REMOVE_CARD, current.number)
            move_card(ctx, session, board, card, None)
        if target is not None:
            join_sprint(ctx, session, board, target, card)
        return repo.card(session, board, card)
