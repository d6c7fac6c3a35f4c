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


def test_cards_that_stood_still_are_counted_from_the_board_now() -> None:
    """``now`` gives today's cards per column: those the window's events do
    not name are counted every day where they stand today."""
    early = [FlowEvent(OLD, f"WEB-{n}", "created", column) for n, column in enumerate(COLUMNS * 3)]
    late = [
        FlowEvent(TODAY - timedelta(days=5), "WEB-0", "moved", "Doing"),
        FlowEvent(TODAY - timedelta(days=2), "WEB-0", "moved", "Done"),
        FlowEvent(TODAY - timedelta(days=1), "WEB-9", "created", "To Do"),
    ]
    whole = cumulative_flow(early + late, COLUMNS, TODAY)
    now = {"To Do": 3, "Doing": 3, "Done": 4}
    assert cumulative_flow(late, COLUMNS, TODAY, start={"WEB-0": "To Do"}, now=now) == whole
    assert whole.counts[0] == (3, 3, 3) and whole.latest() == (3, 3, 4)


def test_a_board_now_short_of_the_moved_cards_counts_no_column_below_none() -> None:
    late = [FlowEvent(TODAY - timedelta(days=1), "WEB-1", "moved", "Done")]
    flow = cumulative_flow(late, COLUMNS, TODAY, start={"WEB-1": "Doing"}, now={"To Do": 2})
    assert flow.counts[0] == (2, 1, 0) and flow.latest() == (2, 0, 1)
