"""cumulative_flow from a start state: the same figures as replaying the part
of the log the state stands for."""

from __future__ import annotations

from datetime import date, timedelta

from kanban_tui.domain.flow_metrics import COLUMN_RENAMED, FlowEvent, cumulative_flow

TODAY = date(2026, 11, 25)
OLD = TODAY - timedelta(days=60)
COLUMNS = ["To Do", "Doing", "Done"]


def test_a_start_state_counts_as_its_replayed_events() -> None:
    early = [
        FlowEvent(OLD, "WEB-1", "created", "To Do"),
        FlowEvent(OLD, "WEB-2", "created", "To Do"),
        FlowEvent(OLD, "WEB-3", "created", "Doing"),
        FlowEvent(OLD, "WEB-1", "moved", "Doing"),
        FlowEvent(OLD, "WEB-3", "deleted"),
    ]
    late = [
        FlowEvent(TODAY - timedelta(days=3), "WEB-1", "moved", "Done"),
        FlowEvent(TODAY - timedelta(days=2), "Doing", COLUMN_RENAMED, "Busy"),
        FlowEvent(TODAY - timedelta(days=1), "WEB-2", "moved", "Busy"),
    ]
    columns = ["To Do", "Busy", "Done"]
    whole = cumulative_flow(early + late, columns, TODAY)
    start = {"WEB-1": "Doing", "WEB-2": "To Do"}
    assert cumulative_flow(late, columns, TODAY, start=start) == whole
    assert whole.counts[0] == (1, 1, 0) and whole.latest() == (0, 1, 1)
