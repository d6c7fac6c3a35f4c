"""Starting and completing sprints (rules 1-3 and 5-7)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date

from sqlmodel import Session

from ..domain import sprints as rules
from ..domain.errors import InvalidInput, RuleViolation
from ..domain.sprint_metrics import SprintReport
from ..domain.sprints import Action, Sprint, SprintState
from ..storage import repo
from ..storage import sprint_repo as srepo
from ..storage.tables import BoardRow, SprintRow
from .context import Context
from .sprint_metrics import live_report
from .sprint_scope import event_key, move_card, new_sprint, rank_on_top, touch

CARRY_OVER = ("backlog", "next")


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
    others = [item for item in srepo.sprints(session, board) if item.number != row.number]
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
    touch(row)
    session.add(row)
    ctx.log(
        session,
        board.id,
        "sprint",
        event_key(board, row),
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

    Without dates it starts today and keeps its planned length.
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
    return new_sprint(ctx, session, board, name=None, goal="", start=first, end=last)


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
        touch(row)
        session.add(row)
        ctx.log(session, board.id, "sprint", event_key(board, row), "completed", **report.to_dict())
        session.flush()  # the completed event comes before the carry-over events
        done = srepo.done_column_ids(session, board.id)
        cards = srepo.sprint_card_rows(session, row.id or 0)
        unfinished = [card for card in cards if card.column_id not in done]
        target = _next_planned(ctx, session, board, row) if carry_over == "next" else None
        if target is None:
            rank_on_top(
                session,
                [c for c in unfinished if not c.archived],
                srepo.backlog_ranks(session, board.id),
            )
        else:
            rank_on_top(session, unfinished, srepo.sprint_ranks(session, target.id or 0))
        for card in unfinished:
            archived = card.archived
            move_card(ctx, session, board, card, None if archived else target, carried_over=True)
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
