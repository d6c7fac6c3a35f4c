"""Sprints: plan, start, change scope, complete (one function per user action).

Each action is one transaction that writes its events. A card joining or
leaving a sprint writes a ``card``/``sprint`` event with the sprint numbers
before and after; while the sprint is active that is a scope change, which
the burndown and the report read back from the log. Reports, burndown,
velocity and the backlog are in :mod:`.sprint_metrics` and re-exported here.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlmodel import Session

from ..domain import ranking, validation
from ..domain import sprints as rules
from ..domain.errors import InvalidInput, RuleViolation, StaleChange
from ..domain.sprint_metrics import SprintReport
from ..domain.sprints import Action, Sprint, SprintState
from ..storage import repo
from ..storage import sprint_repo as srepo
from ..storage.tables import BoardRow, CardRow, SprintRow
from .context import Context
from .sprint_metrics import backlog, burndown, live_report, sprint_report, velocity

__all__ = [
    "Completion",
    "add_cards",
    "backlog",
    "burndown",
    "complete_sprint",
    "create_sprint",
    "delete_sprint",
    "edit_sprint",
    "get_sprint",
    "list_sprints",
    "remove_cards",
    "sprint_report",
    "start_sprint",
    "velocity",
]

CARRY_OVER = ("backlog", "next")


def _key(board: BoardRow, row: SprintRow) -> str:
    return rules.sprint_key(board.key, row.number)


def _touch(row: SprintRow) -> None:
    row.version += 1


def _domain_rows(session: Session, board: BoardRow) -> list[Sprint]:
    return srepo.sprints(session, board)


def _new_sprint(
    ctx: Context,
    session: Session,
    board: BoardRow,
    *,
    name: str | None,
    goal: str,
    start: date,
    end: date,
) -> SprintRow:
    number = board.next_sprint
    board.next_sprint += 1
    session.add(board)
    row = SprintRow(
        board_id=board.id,
        number=number,
        name=rules.name(name, number),
        goal=goal,
        start=start.isoformat(),
        end=end.isoformat(),
        state=rules.CREATED_STATE.value,
        created_at=ctx.now(),
    )
    session.add(row)
    session.flush()
    ctx.log(
        session,
        board.id,
        "sprint",
        _key(board, row),
        "created",
        name=row.name,
        goal=goal,
        start=row.start,
        end=row.end,
    )
    return row


def create_sprint(
    ctx: Context,
    board_key: str,
    name: str | None = None,
    goal: str | None = "",
    start: date | str | None = None,
    end: date | str | None = None,
    length: int | None = None,
) -> Sprint:
    """Plan a new sprint. Start defaults to the day after the latest sprint's end
    (or today), the length to the previous sprint's (or 14 days)."""
    goal_text = rules.goal(goal)
    first = rules.parse_date(start, "start")
    last = rules.parse_date(end, "end")
    with ctx.db.write() as session:
        board = repo.board_row(session, board_key)
        existing = _domain_rows(session, board)
        first, last = rules.plan_dates(
            first,
            last,
            length,
            today=ctx.today(),
            default_start=rules.next_slot(existing, ctx.today()),
            default_length=rules.previous_length(existing),
        )
        rules.name(name, board.next_sprint)
        row = _new_sprint(ctx, session, board, name=name, goal=goal_text, start=first, end=last)
        return srepo.sprint(session, board, row)


def list_sprints(
    ctx: Context, board_key: str, state: SprintState | str | None = None
) -> list[Sprint]:
    """The board's sprints by number, each with its card count and points."""
    with ctx.db.read() as session:
        board = repo.board_row(session, board_key)
        found = _domain_rows(session, board)
    if state is None:
        return found
    wanted = SprintState(state)
    return [sprint for sprint in found if sprint.state is wanted]


def get_sprint(ctx: Context, board_key: str, number: int | str) -> Sprint:
    """One sprint by number, or ``"active"``."""
    with ctx.db.read() as session:
        board = repo.board_row(session, board_key)
        return srepo.sprint(session, board, srepo.sprint_row(session, board, number))


def active_sprint(ctx: Context, board_key: str) -> Sprint | None:
    """The board's active sprint, or None."""
    with ctx.db.read() as session:
        board = repo.board_row(session, board_key)
        assert board.id is not None
        row = srepo.active_row(session, board.id)
        return srepo.sprint(session, board, row) if row else None


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
) -> Sprint:
    """Change a planned or active sprint's name, goal or dates (None: unchanged).

    A new start alone keeps the sprint's length.
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
            _touch(row)
            session.add(row)
            ctx.log(session, board.id, "sprint", _key(board, row), "edited", **diff)
        return srepo.sprint(session, board, row)


def _is_done(session: Session, board: BoardRow, card: CardRow) -> bool:
    assert board.id is not None
    return card.column_id in srepo.done_column_ids(session, board.id)


def _move_card(
    ctx: Context,
    session: Session,
    board: BoardRow,
    card: CardRow,
    target: SprintRow | None,
    **extra: Any,
) -> None:
    """Put ``card`` into ``target`` (None: out of any sprint) and log it."""
    before = session.get(SprintRow, card.sprint_id) if card.sprint_id else None
    card.sprint_id = target.id if target else None
    card.version += 1
    card.updated_at = ctx.now()
    card.updated_by = ctx.actor
    session.add(card)
    active = SprintState.ACTIVE.value
    ctx.log(
        session,
        board.id,
        "card",
        f"{board.key}-{card.number}",
        "sprint",
        before=before.number if before else None,
        after=target.number if target else None,
        points=card.points,
        done=_is_done(session, board, card),
        scope_change=any(row is not None and row.state == active for row in (before, target)),
        **extra,
    )


def join_sprint(
    ctx: Context, session: Session, board: BoardRow, row: SprintRow, card: CardRow
) -> None:
    """Rule 8 and the table for one card joining ``row``; used by add_card too."""
    rules.transition(row.state, Action.ADD_CARD, row.number)
    key = f"{board.key}-{card.number}"
    if card.archived:
        raise RuleViolation(f"{key} is archived; restore it before planning it.")
    current = session.get(SprintRow, card.sprint_id) if card.sprint_id else None
    if rules.check_membership(
        key,
        row.number,
        current.number if current else None,
        SprintState(current.state) if current else None,
        _is_done(session, board, card),
    ):
        _move_card(ctx, session, board, card, row)


def _cards(session: Session, board: BoardRow, keys: Iterable[str]) -> list[CardRow]:
    rows = []
    for text in keys:
        board_key, number = validation.parse_card_key(text)
        if board_key != board.key:
            raise InvalidInput(f"{text} is not a card of board {board.key}.")
        rows.append(repo.card_row(session, board, number))
    if not rows:
        raise InvalidInput("Name at least one card, e.g. WEB-12.")
    return rows


def add_cards(ctx: Context, board_key: str, number: int | str, keys: Iterable[str]) -> Sprint:
    """Plan cards into a sprint; on an active sprint each one is a scope change."""
    with ctx.db.write() as session:
        board = repo.board_row(session, board_key)
        row = srepo.sprint_row(session, board, number)
        for card in _cards(session, board, keys):
            join_sprint(ctx, session, board, row, card)
        return srepo.sprint(session, board, row)


def remove_cards(ctx: Context, board_key: str, number: int | str, keys: Iterable[str]) -> Sprint:
    """Take cards out of a sprint, back to the backlog where their rank puts them."""
    with ctx.db.write() as session:
        board = repo.board_row(session, board_key)
        row = srepo.sprint_row(session, board, number)
        rules.transition(row.state, Action.REMOVE_CARD, row.number)
        for card in _cards(session, board, keys):
            if card.sprint_id != row.id:
                raise RuleViolation(f"{board.key}-{card.number} is not in sprint {row.number}.")
            _move_card(ctx, session, board, card, None)
        return srepo.sprint(session, board, row)


def delete_sprint(ctx: Context, board_key: str, number: int | str) -> Sprint:
    """Delete a planned sprint; its cards go back to the backlog. Its number is not reused."""
    with ctx.db.write() as session:
        board = repo.board_row(session, board_key)
        row = srepo.sprint_row(session, board, number)
        rules.transition(row.state, Action.DELETE, row.number)
        sprint = srepo.sprint(session, board, row)
        for card in srepo.sprint_card_rows(session, sprint.id):
            _move_card(ctx, session, board, card, None)
        session.flush()
        session.delete(row)
        ctx.log(session, board.id, "sprint", sprint.key, "deleted", name=sprint.name)
        return sprint


def _start(
    ctx: Context,
    session: Session,
    board: BoardRow,
    row: SprintRow,
    *,
    goal: str | None,
    start: date | None,
    end: date | None,
    length: int | None,
) -> None:
    assert board.id is not None
    sprint = srepo.to_sprint(row, board.key)
    active = srepo.active_row(session, board.id)
    goal_text = rules.goal(goal) if goal is not None else row.goal
    rules.check_start(sprint, srepo.to_sprint(active, board.key) if active else None, goal_text)
    others = [item for item in _domain_rows(session, board) if item.number != row.number]
    default_length = sprint.length or rules.previous_length(others, row.number)
    if start is None and end is None and length is None:
        first, last = rules.start_dates(sprint, ctx.today(), default_length)
        rules.check_dates(first, last)
    else:
        first, last = rules.plan_dates(
            start,
            end,
            length,
            today=ctx.today(),
            default_start=None,
            default_length=default_length,
        )
    done = srepo.done_column_ids(session, board.id)
    scope = [
        {"key": f"{board.key}-{card.number}", "points": card.points, "done": card.column_id in done}
        for card in srepo.sprint_card_rows(session, sprint.id)
        if not card.archived
    ]
    row.goal = goal_text
    row.start = first.isoformat()
    row.end = last.isoformat()
    row.state = rules.transition(row.state, Action.START, row.number).value
    row.started_at = ctx.now()
    row.committed = json.dumps(scope)
    _touch(row)
    session.add(row)
    ctx.log(
        session,
        board.id,
        "sprint",
        _key(board, row),
        "started",
        goal=goal_text,
        start=row.start,
        end=row.end,
        committed_points=sum(item["points"] or 0 for item in scope),
        committed_count=len(scope),
    )
    session.flush()


def start_sprint(
    ctx: Context,
    board_key: str,
    number: int | str,
    *,
    goal: str | None = None,
    start: date | str | None = None,
    end: date | str | None = None,
    length: int | None = None,
) -> Sprint:
    """Start a planned sprint and snapshot its committed scope (rules 1-3).

    Without dates it keeps its planned ones, unless those have passed
    entirely; then it starts today with the same length.
    """
    first = rules.parse_date(start, "start")
    last = rules.parse_date(end, "end")
    with ctx.db.write() as session:
        board = repo.board_row(session, board_key)
        row = srepo.sprint_row(session, board, number)
        _start(ctx, session, board, row, goal=goal, start=first, end=last, length=length)
        return srepo.sprint(session, board, row)


@dataclass(frozen=True, slots=True)
class Completion:
    """What completing a sprint did."""

    sprint: Sprint
    report: SprintReport
    carried_to: int | None
    """The sprint number unfinished cards went to, or None for the backlog."""
    next_sprint: Sprint | None
    """The next sprint if one was created or started."""


def _next_planned(ctx: Context, session: Session, board: BoardRow, done: SprintRow) -> SprintRow:
    """The lowest-numbered planned sprint, created (same length, from the day after) if none."""
    planned = [
        row for row in srepo.sprint_rows(session, done.board_id) if row.state == SprintState.PLANNED
    ]
    if planned:
        return planned[0]
    assert done.start and done.end
    first, last = rules.next_dates(date.fromisoformat(done.start), date.fromisoformat(done.end))
    return _new_sprint(ctx, session, board, name=None, goal="", start=first, end=last)


def complete_sprint(
    ctx: Context,
    board_key: str,
    *,
    number: int | str | None = None,
    carry_over: str = "backlog",
    start_next: bool = False,
    next_goal: str | None = None,
) -> Completion:
    """Complete the active sprint (rules 5-7) and freeze its report.

    Cards in done columns stay with it as completed; every unfinished card
    goes on top of the backlog in its order, or (``carry_over="next"``) to the
    next planned sprint, created if none exists. ``start_next`` starts that
    next sprint at once, with ``next_goal`` if it has no goal yet.
    """
    if carry_over not in CARRY_OVER:
        raise InvalidInput(f"Carry-over must be backlog or next (got {carry_over!r}).")
    with ctx.db.write() as session:
        board = repo.board_row(session, board_key)
        assert board.id is not None
        if number is None:
            row = srepo.active_row(session, board.id)
            if row is None:
                raise RuleViolation(f"Board {board.key} has no active sprint to complete.")
        else:
            row = srepo.sprint_row(session, board, number)
        rules.transition(row.state, Action.COMPLETE, row.number)
        report = live_report(session, board, row, completed_on=ctx.today())
        row.state = SprintState.COMPLETED.value
        row.completed_at = ctx.now()
        row.report = json.dumps(report.to_dict())
        _touch(row)
        session.add(row)
        ctx.log(session, board.id, "sprint", _key(board, row), "completed", **report.to_dict())
        session.flush()  # the completed event comes before the carry-over events
        done = srepo.done_column_ids(session, board.id)
        cards = srepo.sprint_card_rows(session, row.id or 0)
        unfinished = [card for card in cards if card.column_id not in done]
        target = _next_planned(ctx, session, board, row) if carry_over == "next" else None
        if target is None:
            _rank_on_top(
                session,
                [c for c in unfinished if not c.archived],
                srepo.backlog_ranks(session, board.id),
            )
        else:
            _rank_on_top(session, unfinished, srepo.sprint_ranks(session, target.id or 0))
        for card in unfinished:
            archived = card.archived
            _move_card(ctx, session, board, card, None if archived else target, carried_over=True)
        next_row = target
        if start_next:
            next_row = next_row or _next_planned(ctx, session, board, row)
            goal = next_goal if next_goal is not None else (next_row.goal or None)
            _start(ctx, session, board, next_row, goal=goal, start=None, end=None, length=None)
        return Completion(
            sprint=srepo.sprint(session, board, row),
            report=report,
            carried_to=target.number if target else None,
            next_sprint=srepo.sprint(session, board, next_row) if next_row else None,
        )


def _rank_on_top(session: Session, cards: list[CardRow], others: list[tuple[int, int]]) -> None:
    """Give ``cards`` (in rank order) ranks above every card of ``others``, keeping their order."""
    moving = {card.id for card in cards}
    ranks = [rank for card_id, rank in others if card_id not in moving]
    if not cards or not ranks:
        return
    top = ranks[0]
    for offset, card in enumerate(sorted(cards, key=lambda c: (c.rank, c.id or 0))):
        card.rank = top - (len(cards) - offset) * ranking.STEP
        session.add(card)
