"""Work item age, cycle time counting both ends, weekly throughput."""

from __future__ import annotations

from datetime import date, timedelta

from kanban_tui.domain import ageing

TODAY = date(2026, 11, 25)


def test_both_ends_count() -> None:
    assert ageing.cycle_days(TODAY, TODAY) == 1
    assert ageing.cycle_days(TODAY - timedelta(days=3), TODAY) == 4
    assert ageing.age_days(TODAY, TODAY) == 1


def test_percentile_lines_and_the_stale_mark() -> None:
    # Cycle times 1..20 days, finished lately; one never started, one too old.
    stamps = [(TODAY - timedelta(days=n - 1), TODAY) for n in range(1, 21)]
    stamps += [(None, TODAY), (TODAY - timedelta(days=200), TODAY - timedelta(days=100))]
    lines = ageing.percentile_lines(stamps, TODAY)
    assert (lines.p50, lines.p85, lines.count) == (10, 17, 20)
    assert lines.stale(18) and not lines.stale(17)


def test_no_lines_from_thin_history() -> None:
    lines = ageing.percentile_lines([(TODAY, TODAY)] * 9, TODAY)
    assert lines.p85 is None and not lines.stale(1000)


def test_weekly_throughput_counts_zero_weeks() -> None:
    finishes = [TODAY, TODAY - timedelta(days=6), TODAY - timedelta(days=7), TODAY - timedelta(84)]
    result = ageing.weekly_throughput(finishes, TODAY)
    assert [week.cards for week in result.weeks] == [0] * 10 + [1, 2]
    assert result.weeks[-1].first == TODAY - timedelta(days=6)
    assert result.mean == 3 / 12
