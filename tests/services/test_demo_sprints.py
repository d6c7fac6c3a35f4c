"""The demo board's sprint history: real shapes for velocity, burndown and reports."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, time
from pathlib import Path

from kanban_tui import demo
from kanban_tui.services import Context, boards, serialize, sprints
from kanban_tui.storage.database import Database

TODAY = date(2026, 11, 25)


def test_demo_sprints(ctx: Context) -> None:
    ctx = replace(ctx, clock=lambda: datetime.combine(TODAY, time(12), tzinfo=UTC))
    demo.fill(ctx, TODAY)
    headers = [column.header for column in boards.columns(ctx, "WEB")]
    assert headers == ["To Do 17", "In Progress 3/3", "Review 1/2", "Done 21"]
    states = [sprint.state.value for sprint in sprints.list_sprints(ctx, "WEB")]
    assert states == ["completed", "completed", "active", "planned"]
    one, two, three = (sprints.sprint_report(ctx, "WEB", n) for n in (1, 2, 3))
    assert one.carried_over == ("WEB-8",) and "WEB-8" in two.committed  # carried to sprint 2
    assert two.carried_over == ("WEB-15",) and "WEB-15" in three.committed  # via the backlog
    assert three.added == ("WEB-25",) and three.added_points == 2  # added mid-sprint
    assert sprints.velocity(ctx, "WEB").completed == (29, 26)
    active = sprints.active_sprint(ctx, "WEB")
    assert active is not None and not active.overdue(TODAY) and active.days_left(TODAY) == 7
    chart = sprints.burndown(ctx, "WEB")
    assert chart.remaining[0] == chart.committed == 35
    assert sum(chart.added) == 2 and 0 < chart.remaining[8] < 35
    assert chart.remaining[9] is None
    assert sprints.backlog(ctx, "WEB")[0].key == "WEB-29"  # ranked to the top by hand


def test_demo_sprints_are_deterministic(tmp_path: Path) -> None:
    shapes = []
    for name in ("one.db", "two.db"):
        database = Database.open(tmp_path / name)
        try:
            ctx = Context(database, actor="demo")
            demo.fill(ctx, TODAY)
            shapes.append(
                [serialize.sprint(sprint) for sprint in sprints.list_sprints(ctx, "WEB")]
                + [serialize.sprint_report(sprints.sprint_report(ctx, "WEB", n)) for n in (1, 2)]
            )
        finally:
            database.close()
    assert shapes[0] == shapes[1]
