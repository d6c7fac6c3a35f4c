"""The sprint report arithmetic, the burndown series and velocity."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kanban_tui.domain import sprint_metrics as metrics
from kanban_tui.domain.sprint_metrics import (
    CardChange,
    Change,
    Committed,
    FinalCard,
    SprintReport,
    Velocity,
)

START = date(2026, 11, 2)
END = date(2026, 11, 15)


def day(n: int) -> date:
    return START + timedelta(days=n)


def test_report_arithmetic() -> None:
    committed = [Committed("WEB-1", 5), Committed("WEB-2", 3), Committed("WEB-3", 2)]
    changes = [
        CardChange(day(2), "WEB-4", Change.ADDED, 8),
        CardChange(day(3), "WEB-3", Change.REMOVED, 2),
        CardChange(day(4), "WEB-5", Change.ADDED, 1),
        CardChange(day(5), "WEB-5", Change.REMOVED, 1),
    ]
    final = [FinalCard("WEB-1", 5, True), FinalCard("WEB-2", 3, False), FinalCard("WEB-4", 8, True)]
    report = metrics.report(3, committed, changes, final, end=END, completed_on=END)
    assert report.committed == ("WEB-1", "WEB-2", "WEB-3")
    assert report.added == ("WEB-4", "WEB-5")
    assert report.removed == ("WEB-3", "WEB-5")
    assert report.completed == ("WEB-1", "WEB-4")
    assert report.carried_over == ("WEB-2",)
    assert (
        report.committed_points,
        report.added_points,
        report.removed_points,
        report.completed_points,
        report.carried_over_points,
    ) == (10, 9, 3, 13, 3)
    assert (
        report.committed_count,
        report.added_count,
        report.removed_count,
        report.completed_count,
        report.carried_over_count,
    ) == (3, 2, 2, 2, 1)
    assert report.velocity == 13
    assert report.timing == "on time"


def test_a_deleted_card_is_removed_with_its_last_points() -> None:
    committed = [Committed("WEB-1", 5), Committed("WEB-2", None)]
    changes = [
        CardChange(day(1), "WEB-1", Change.POINTS, 8),
        CardChange(day(2), "WEB-1", Change.REMOVED, 8),
    ]
    report = metrics.report(1, committed, changes, [FinalCard("WEB-2", None, True)])
    assert report.removed == ("WEB-1",)
    assert report.removed_points == 8
    assert report.completed_points == 0
    assert report.days_late is None and report.timing is None


def test_a_committed_card_removed_and_added_again_is_not_added() -> None:
    committed = [Committed("WEB-1", 5)]
    changes = [
        CardChange(day(1), "WEB-1", Change.REMOVED, 5),
        CardChange(day(2), "WEB-1", Change.ADDED, 5),
    ]
    report = metrics.report(1, committed, changes, [FinalCard("WEB-1", 5, False)])
    assert report.added == () and report.removed == ()
    assert report.carried_over_points == 5


@pytest.mark.parametrize(
    ("completed", "timing", "late"), [(-2, "early", -2), (0, "on time", 0), (3, "late", 3)]
)
def test_completed_early_or_late(completed: int, timing: str, late: int) -> None:
    report = SprintReport(1, end=END, completed_on=END + timedelta(days=completed))
    assert report.timing == timing
    assert report.days_late == late


keys = st.lists(st.sampled_from([f"WEB-{n}" for n in range(1, 16)]), unique=True, max_size=15)
points = st.one_of(st.none(), st.integers(0, 21))


@given(st.data())
def test_counts_and_points_always_balance(data: st.DataObject) -> None:
    """committed + added - removed = completed + carried over, for any history."""
    committed_keys = data.draw(keys)
    estimates = {key: data.draw(points) for key in [f"WEB-{n}" for n in range(1, 16)]}
    committed = [Committed(key, estimates[key]) for key in committed_keys]
    members = set(committed_keys)
    changes = []
    for n in range(data.draw(st.integers(0, 30))):
        key = data.draw(st.sampled_from(sorted(estimates)))
        if key in members:
            changes.append(CardChange(day(n % 14), key, Change.REMOVED, estimates[key]))
            members.discard(key)
        else:
            changes.append(CardChange(day(n % 14), key, Change.ADDED, estimates[key]))
            members.add(key)
    final = [FinalCard(key, estimates[key], data.draw(st.booleans())) for key in sorted(members)]
    report = metrics.report(1, committed, changes, final)
    assert (
        report.committed_count + report.added_count - report.removed_count
        == report.completed_count + report.carried_over_count
    )
    assert (
        report.committed_points + report.added_points - report.removed_points
        == report.completed_points + report.carried_over_points
    )
    assert set(report.completed) | set(report.carried_over) == members
    assert SprintReport.from_dict(report.to_dict()) == report


def test_the_frozen_form_round_trips() -> None:
    report = SprintReport(
        2, ("WEB-1",), completed=("WEB-1",), committed_points=3, end=END, completed_on=END
    )
    data = report.to_dict()
    assert data["committed"] == ["WEB-1"] and data["end"] == "2026-11-15"
    assert SprintReport.from_dict(data) == report


def burndown(changes: list[CardChange], **kwargs: object) -> metrics.Burndown:
    committed = [Committed("WEB-1", 5), Committed("WEB-2", 3), Committed("WEB-3", 2)]
    values = {"today": END, **kwargs}
    return metrics.burndown(START, END, committed, changes, **values)  # type: ignore[arg-type]


def test_burndown_shape_and_ideal_line() -> None:
    chart = burndown([])
    assert chart.days == tuple(day(n) for n in range(14))
    assert len(chart.ideal) == len(chart.remaining) == len(chart.scope) == 15
    assert len(chart.added) == len(chart.removed) == len(chart.completed) == 14
    assert chart.committed == 10
    assert chart.ideal[0] == 10 and chart.ideal[-1] == 0
    assert chart.ideal[7] == pytest.approx(5)
    assert all(a >= b for a, b in zip(chart.ideal, chart.ideal[1:], strict=False))
    assert chart.remaining == (10,) * 15


def test_burndown_follows_done_scope_and_reopen() -> None:
    chart = burndown(
        [
            CardChange(day(1), "WEB-1", Change.DONE),
            CardChange(day(3), "WEB-4", Change.ADDED, 8),
            CardChange(day(3), "WEB-9", Change.DONE),  # not in the sprint: ignored
            CardChange(day(4), "WEB-1", Change.REOPENED),
            CardChange(day(5), "WEB-1", Change.DONE),
            CardChange(day(6), "WEB-3", Change.REMOVED, 2),
            CardChange(day(7), "WEB-2", Change.POINTS, 5),
            CardChange(day(8), "WEB-5", Change.ADDED, 1, done=True),
        ],
        today=day(9),
    )
    #                      start d0  d1 d2  d3  d4  d5 d6 d7  d8  d9
    assert chart.remaining[:11] == (10, 10, 5, 5, 13, 18, 13, 11, 13, 13, 13)
    assert chart.scope[:11] == (10, 10, 10, 10, 18, 18, 18, 16, 18, 19, 19)
    assert chart.remaining[11:] == (None,) * 4 and chart.scope[11:] == (None,) * 4
    # The re-estimate of d7 moves the scope line, unmarked: no card joined.
    assert chart.added[:9] == (0, 0, 0, 8, 0, 0, 0, 0, 1)
    assert chart.removed[:9] == (0, 0, 0, 0, 0, 0, 2, 0, 0)
    assert chart.completed[:9] == (0, 5, 0, 0, -5, 5, 0, 0, 0)


def test_burndown_of_a_sprint_completed_late_runs_past_the_end() -> None:
    chart = burndown([CardChange(day(15), "WEB-1", Change.DONE)], today=day(20), last_day=day(15))
    assert chart.days[-1] == day(15)
    assert len(chart.days) == 16
    assert chart.ideal[14:] == (0, 0, 0)
    assert chart.remaining[-1] == 5
    assert chart.remaining[-2] == 10


def test_burndown_clamps_changes_outside_the_sprint() -> None:
    chart = burndown(
        [
            CardChange(START - timedelta(days=3), "WEB-1", Change.DONE),
            CardChange(END + timedelta(days=9), "WEB-2", Change.DONE),
        ],
        last_day=END,
    )
    assert chart.remaining[1] == 5
    assert chart.remaining[-1] == 2
    assert chart.completed[0] == 5 and chart.completed[-1] == 3


def test_burndown_with_cards_done_at_the_start() -> None:
    committed = [Committed("WEB-1", 5, done=True), Committed("WEB-2", 3)]
    chart = metrics.burndown(START, END, committed, [], today=START)
    assert chart.committed == 8
    assert chart.remaining[:2] == (3, 3)
    assert chart.remaining[2] is None


@given(st.integers(1, 31), st.integers(0, 100))
def test_ideal_line_goes_from_committed_to_zero_at_the_end(length: int, committed: int) -> None:
    end = START + timedelta(days=length - 1)
    chart = metrics.burndown(START, end, [Committed("WEB-1", committed)], [], today=end)
    assert len(chart.days) == length
    assert chart.ideal[0] == committed
    assert chart.ideal[length] == 0
    assert chart.remaining == (committed,) * (length + 1)


@pytest.mark.parametrize(
    ("completed", "mean"),
    [
        ([], None),
        ([5], 5),
        ([4, 8], 6),
        ([3, 6, 9], 6),
        ([100, 1, 2, 3], 2),
        ([20, 10, 13, 21], 44 / 3),
    ],
)
def test_velocity_is_the_mean_of_the_last_three(completed: list[int], mean: float | None) -> None:
    assert metrics.velocity(completed) == (pytest.approx(mean) if mean is not None else None)
    assert Velocity(completed=tuple(completed)).mean == metrics.velocity(completed)


def test_an_estimate_changed_and_taken_back_leaves_no_scope_marks() -> None:
    """The Sprint screen showed ``+3−3`` beside a report saying Added 0."""
    committed = [Committed("WEB-1", 5), Committed("WEB-2", 3)]
    changes = [
        CardChange(day(2), "WEB-1", Change.POINTS, 8),
        CardChange(day(2), "WEB-1", Change.POINTS, 5),  # the undo
        CardChange(day(3), "WEB-2", Change.POINTS, 5),  # kept: the scope grows, unmarked
    ]
    chart = metrics.burndown(START, END, committed, changes, today=day(4))
    report = metrics.report(1, committed, changes, [FinalCard("WEB-1", 5, False),
                                                   FinalCard("WEB-2", 5, False)])  # fmt: skip
    assert sum(chart.added) == report.added_points == 0
    assert sum(chart.removed) == report.removed_points == 0
    assert chart.scope[:5] == (8, 8, 8, 8, 10)


def test_a_committed_card_taken_out_and_back_has_no_marks() -> None:
    committed = [Committed("WEB-1", 5)]
    changes = [
        CardChange(day(1), "WEB-1", Change.REMOVED, 5),
        CardChange(day(2), "WEB-1", Change.ADDED, 5),
        CardChange(day(3), "WEB-2", Change.ADDED, 2),
        CardChange(day(4), "WEB-2", Change.REMOVED, 2),
        CardChange(day(5), "WEB-2", Change.ADDED, 2),
    ]
    chart = metrics.burndown(START, END, committed, changes, today=day(6))
    assert sum(chart.removed) == 0
    assert chart.added[3] == 2 and sum(chart.added) == 2


@given(st.data())
def test_the_burndown_marks_add_up_to_the_report(data: st.DataObject) -> None:
    """One rule: the chart's +n/−n over the sprint are the report's added and removed points."""
    committed_keys = data.draw(keys)
    estimates = {key: data.draw(points) for key in [f"WEB-{n}" for n in range(1, 16)]}
    committed = [Committed(key, estimates[key]) for key in committed_keys]
    members = set(committed_keys)
    changes = []
    for n in range(data.draw(st.integers(0, 30))):
        key = data.draw(st.sampled_from(sorted(estimates)))
        when = day(n // 3)  # in order: the log's order
        if key in members and data.draw(st.booleans()):
            estimates[key] = data.draw(points)
            changes.append(CardChange(when, key, Change.POINTS, estimates[key]))
        elif key in members:
            changes.append(CardChange(when, key, Change.REMOVED, estimates[key]))
            members.discard(key)
        else:
            changes.append(CardChange(when, key, Change.ADDED, estimates[key]))
            members.add(key)
    final = [FinalCard(key, estimates[key], False) for key in sorted(members)]
    report = metrics.report(1, committed, changes, final)
    chart = metrics.burndown(START, END, committed, changes, today=END)
    assert sum(chart.added) == report.added_points
    assert sum(chart.removed) == report.removed_points
