"""What the Sprint screen holds besides the cards: the sprint, its numbers, its burndown.

Plain Python, read through the services in the screen's workers.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from textual.message import Message

from ...domain.errors import NotFound
from ...domain.model import Board, Card, Column
from ...domain.sprint_metrics import Burndown, SprintReport
from ...domain.sprints import Sprint
from ...services import cards, sprints
from ...services.context import Context
from ..board.state import BoardState


@dataclass(frozen=True)
class SprintInfo:
    """The active sprint as the header and chart show it (or what to say without one)."""

    today: date
    sprint: Sprint | None = None
    report: SprintReport | None = None
    """The live report: points done (completed) and left (carried over) so far."""
    burndown: Burndown | None = None
    planned: Sprint | None = None
    """With no active sprint: the next planned one, to point at."""

    @property
    def done_points(self) -> int:
        return self.report.completed_points if self.report else 0

    @property
    def total_points(self) -> int:
        """Every point in the sprint now, done or not."""
        if self.report is None:
            return 0
        return self.report.completed_points + self.report.carried_over_points


def read_info(ctx: Context, board_key: str) -> SprintInfo:
    """The board's active sprint with its live report and burndown."""
    today = ctx.today()
    sprint = sprints.active_sprint(ctx, board_key)
    if sprint is None:
        planned = sprints.list_sprints(ctx, board_key, "planned")
        return SprintInfo(today, planned=planned[0] if planned else None)
    return SprintInfo(
        today,
        sprint,
        sprints.sprint_report(ctx, board_key, sprint.number),
        sprints.burndown(ctx, board_key, sprint.number),
    )


def read_sprint_cards(ctx: Context, board_key: str) -> tuple[list[Card], SprintInfo]:
    """The active sprint's cards and its info; no cards when no sprint is active."""
    info = read_info(ctx, board_key)
    if info.sprint is None:
        return [], info
    try:
        found = cards.list_cards(ctx, board_key, sprint=info.sprint.number)
    except NotFound:  # completed or deleted between the two reads
        return [], read_info(ctx, board_key)
    return found, info


class SprintInfoLoaded(Message):
    """The worker read the sprint's numbers again (after a change made here)."""

    def __init__(self, key: str, info: SprintInfo, ticket: int) -> None:
        super().__init__()
        self.key = key
        self.info = info
        self.ticket = ticket
        """The read's number: an older read than the newest asked is dropped."""


class SprintBoardState(BoardState):
    """The sprint's cards by column; headers count what WIP limits count.

    A WIP limit holds for the whole column, so a limited column's count is
    every card in it, the sprint's and the others (which this screen never
    changes); an unlimited column counts the sprint's cards only.
    """

    def __init__(self, board: Board, columns: list[Column], found: list[Card]) -> None:
        super().__init__(board, columns, found)
        self.others: dict[int, int] = {}
        for column in self.columns:
            self._count_others(column)

    def _count_others(self, column: Column) -> None:
        self.others[column.id] = max(column.count - self.in_sprint(column.id), 0)

    def in_sprint(self, column_id: int) -> int:
        return len(self.cards.get(column_id, ()))

    def column(self, column_id: int) -> Column:
        column = super().column(column_id)
        if column.wip_limit is None:
            return column
        return replace(column, count=column.count + self.others.get(column_id, 0))

    def set_column(self, column: Column) -> None:
        super().set_column(column)
        self._count_others(column)
