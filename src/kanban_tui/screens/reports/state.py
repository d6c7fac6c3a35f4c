"""What the Reports screen reads: the sprints, velocity, and the chosen sprint's
burndown and report. Plain Python, read through the services in a worker.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ...domain.sprint_metrics import Burndown, SprintReport, Velocity
from ...domain.sprints import Sprint, SprintState
from ...services import boards, flow, sprints
from ...services.context import Context
from ...services.flow import FlowReport
from . import ageing


@dataclass(frozen=True)
class Reports:
    board_name: str
    today: date
    sprints: tuple[Sprint, ...]
    """The sprints that have a report (active and completed), newest first."""
    velocity: Velocity
    chosen: Sprint | None = None
    burndown: Burndown | None = None
    report: SprintReport | None = None
    flow: FlowReport | None = None
    """Cumulative flow and cycle time of the last four weeks."""
    ageing: ageing.AgeingViews | None = None
    """The Ageing and Throughput views."""


def reported(found: list[Sprint]) -> tuple[Sprint, ...]:
    """Active and completed sprints, newest first (planned ones have no report yet)."""
    return tuple(
        sorted(
            (sprint for sprint in found if sprint.state is not SprintState.PLANNED),
            key=lambda sprint: sprint.number,
            reverse=True,
        )
    )


def default_number(found: tuple[Sprint, ...]) -> int | None:
    """The active sprint, else the latest completed one."""
    active = next((sprint for sprint in found if sprint.state is SprintState.ACTIVE), None)
    if active is not None:
        return active.number
    return found[0].number if found else None


def read_reports(ctx: Context, board_key: str, number: int | None) -> Reports:
    """Everything the screen shows, for sprint ``number`` (None: the default one).

    A number that no longer has a report (deleted, or never started) falls
    back to the default.
    """
    name = boards.resolve_board(ctx, board_key).name
    flows = flow.flow_report(ctx, board_key)
    found = reported(sprints.list_sprints(ctx, board_key))
    velocity = sprints.velocity(ctx, board_key)
    numbers = {sprint.number for sprint in found}
    if number not in numbers:
        number = default_number(found)
    views = ageing.read(ctx, board_key)
    if number is None:
        return Reports(name, ctx.today(), found, velocity, flow=flows, ageing=views)
    chosen = next(sprint for sprint in found if sprint.number == number)
    return Reports(
        name,
        ctx.today(),
        found,
        velocity,
        chosen,
        sprints.burndown(ctx, board_key, number),
        sprints.sprint_report(ctx, board_key, number),
        flows,
        views,
    )
