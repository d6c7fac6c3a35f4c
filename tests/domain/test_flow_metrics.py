"""Cumulative flow and cycle time from small hand-made logs."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from kanban_tui.domain.flow_metrics import FlowEvent, cumulative_flow, cycle_times, percentile

COLUMNS = ("To Do", "Doing", "Done")
TODAY = date(2026, 11, 25)


def day(n: int) -> date:
    return TODAY - timedelta(days=n)


def test_cumulative_flow_replays_created_moved_deleted():
    events = [
        FlowEvent(day(5), "A-1", "created", "To Do"),  # before the window
        FlowEvent(day(2), "A-2", "created", "To Do"),
        FlowEvent(day(2), "A-1", "moved", "Doing"),
        FlowEvent(day(1), "A-1", "moved", "Done"),
        FlowEvent(day(1), "A-2", "deleted"),
        FlowEvent(day(-1), "A-3", "created", "To Do"),  # tomorrow: ignored
    ]
    flow = cumulative_flow(events, COLUMNS, TODAY, days=3)
    assert flow.days == (day(2), day(1), TODAY)
    assert flow.counts == ((1, 1, 0), (0, 0, 1), (0, 0, 1))
    assert flow.totals() == (2, 1, 1)
    assert flow.latest() == (0, 0, 1)


def test_a_column_no_longer_on_the_board_is_counted_nowhere():
    events = [FlowEvent(day(0), "A-1", "created", "Old")]
    assert cumulative_flow(events, COLUMNS, TODAY, days=1).counts == ((0, 0, 0),)


def test_cycle_times_of_cards_done_in_the_window():
    stamps = [
        ("A-1", day(10), day(4)),  # 7 days, both ends counted
        ("A-2", day(3), day(3)),  # the same day: 1
        ("A-3", day(5), day(2)),  # 4 days
        ("A-4", None, day(1)),  # never started: no cycle time
        ("A-5", day(40), day(30)),  # done before the window
        ("A-6", day(2), None),  # not done
    ]
    cycle = cycle_times(stamps, TODAY, days=7)
    assert [(card.key, card.days) for card in cycle.cards] == [("A-1", 7), ("A-2", 1), ("A-3", 4)]
    assert cycle.count == 3 and cycle.median == 4 and cycle.p85 == 7


def test_percentile_is_nearest_rank():
    assert percentile([], 85) is None
    assert percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 85) == 9
    assert percentile([4], 85) == 4


offsets = st.integers(min_value=-3, max_value=20)
logs = st.lists(
    st.tuples(
        offsets,
        st.integers(0, 4),
        st.sampled_from(["created", "moved", "deleted"]),
        st.integers(0, 2),
    ),
    max_size=40,
)


@given(logs)
def test_totals_per_day_equal_the_cards_existing_that_day(log):
    events = [
        FlowEvent(day(offset), f"A-{card}", action, COLUMNS[column])
        for offset, card, action, column in sorted(log, key=lambda item: -item[0])
    ]
    flow = cumulative_flow(events, COLUMNS, TODAY, days=10)
    for index, when in enumerate(flow.days):
        existing: set[str] = set()
        for event in events:
            if event.day <= when:
                if event.action == "deleted":
                    existing.discard(event.key)
                else:
                    existing.add(event.key)
        assert flow.totals()[index] == len(existing)


@given(st.lists(st.tuples(offsets, offsets), max_size=30))
def test_cycle_times_are_never_negative(pairs):
    stamps = [(f"A-{n}", day(a), day(b)) for n, (a, b) in enumerate(pairs)]
    cycle = cycle_times(stamps, TODAY)
    assert all(card.days >= 1 for card in cycle.cards)  # both ends of its span count
    if cycle.cards:
        assert cycle.median is not None and cycle.median >= 1
        assert cycle.p85 is not None and cycle.p85 >= cycle.median


def test_archiving_replays_as_the_docs_say():
    """docs/metrics.md: an archived done card stays counted as done; one archived
    from another column leaves its band that day; a restored card comes back."""
    events = [
        FlowEvent(day(5), "A-1", "created", "To Do"),
        FlowEvent(day(5), "A-2", "created", "Doing"),
        FlowEvent(day(4), "A-1", "moved", "Done"),
        FlowEvent(day(2), "A-1", "archived", "Done"),  # done: stays counted
        FlowEvent(day(2), "A-2", "archived", None),  # not done: leaves its band
        FlowEvent(day(0), "A-2", "restored", "Doing"),  # back in its column
    ]
    flow = cumulative_flow(events, COLUMNS, TODAY, days=4)
    assert flow.days == (day(3), day(2), day(1), TODAY)
    assert flow.counts == ((0, 1, 1), (0, 0, 1), (0, 0, 1), (0, 1, 1))


def test_cards_done_without_a_start_are_counted_apart():
    stamps = [("A-1", day(3), day(1)), ("A-2", None, day(1)), ("A-3", None, day(40))]
    cycle = cycle_times(stamps, TODAY, days=7)
    assert [card.key for card in cycle.cards] == ["A-1"] and cycle.unstarted == 1
