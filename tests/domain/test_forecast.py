"""Monte Carlo forecasts on hand-built histories with known answers."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kanban_tui.domain import forecast as mc
from kanban_tui.domain.calendar import Calendar, describe_working_days, parse_working_days
from kanban_tui.domain.errors import InvalidInput, RuleViolation

TODAY = date(2026, 11, 30)  # a Monday
WEEKDAYS = Calendar()


def steady(per_day: int, today: date = TODAY, window: int = 30) -> mc.History:
    """``per_day`` cards finished on each of the last ``window`` working days."""
    finishes = [(day, 1) for day in WEEKDAYS.days_back(today, window) for _ in range(per_day)]
    return mc.daily_history(finishes, today, WEEKDAYS, window)


def test_constant_throughput_gives_the_same_date_at_every_percentile() -> None:
    result = mc.when(steady(2), 30, TODAY, WEEKDAYS, seed=1)
    assert result.days == {50: 15, 85: 15, 95: 15}  # 30 cards at 2 a day: 15 working days
    # Tue 1 Dec .. three weeks of weekdays: the 15th is Monday 21 Dec.
    assert set(result.dates.values()) == {date(2026, 12, 21)}
    assert result.histogram == ((date(2026, 12, 21), mc.TRIALS),)
    assert (result.window, result.sample_size, result.finished) == (30, 30, 60)


def test_how_many_with_constant_throughput() -> None:
    result = mc.how_many(steady(2), date(2026, 12, 11), TODAY, WEEKDAYS, seed=1)
    assert result.working_days == 9  # Tue 1 - Fri 4, Mon 7 - Fri 11
    assert result.cards == {50: 18, 85: 18, 95: 18}


def test_percentiles_of_a_two_valued_history() -> None:
    # Two days in three finish 2 cards, one finishes none: one card is done
    # within k days with probability 1 - (1/3)**k: 0.67, 0.89, 0.96.
    days = WEEKDAYS.days_back(TODAY, 9)
    finishes = [(day, None) for index, day in enumerate(days) if index % 3 for _ in range(2)]
    history = mc.daily_history(finishes, TODAY, WEEKDAYS, 9)
    assert history.cards == (0, 2, 2) * 3 and history.finished == 12
    result = mc.when(history, 1, TODAY, WEEKDAYS, seed=7)
    assert result.days == {50: 1, 85: 2, 95: 3}


def test_the_same_seed_gives_the_same_forecast() -> None:
    history = mc.daily_history(
        [(TODAY - timedelta(days=n % 40), None) for n in range(0, 120, 3)], TODAY, WEEKDAYS
    )
    one = mc.when(history, 40, TODAY, WEEKDAYS, seed=42)
    assert one == mc.when(history, 40, TODAY, WEEKDAYS, seed=42)


def test_thin_history_is_refused_in_one_sentence() -> None:
    with pytest.raises(mc.ThinHistory, match="No history yet"):
        mc.when(mc.daily_history([], TODAY, WEEKDAYS), 5, TODAY, WEEKDAYS)
    nine = mc.daily_history([(TODAY, 1)] * 9 + [(TODAY - timedelta(days=90), 1)], TODAY, WEEKDAYS)
    with pytest.raises(mc.ThinHistory, match=r"9 cards finished in the last 30 working days"):
        mc.when(nine, 5, TODAY, WEEKDAYS)
    with pytest.raises(mc.ThinHistory):
        mc.how_many(nine, TODAY + timedelta(days=9), TODAY, WEEKDAYS)
    # A trickle: ten cards in a year's window, 10,000 cards would take centuries.
    trickle = mc.History(WEEKDAYS.days_back(TODAY, 260), (1,) * 10 + (0,) * 250, (0,) * 260, 10)
    with pytest.raises(RuleViolation, match="more than 20 years; nothing is forecast"):
        mc.when(trickle, 10_000, TODAY, WEEKDAYS, trials=50, seed=1)


def test_a_finish_on_a_day_off_counts_on_the_next_working_day() -> None:
    saturday, friday = date(2026, 11, 28), date(2026, 11, 27)
    history = mc.daily_history([(saturday, 3), (friday, 2), (friday, None)], TODAY, WEEKDAYS, 5)
    assert history.days == (
        date(2026, 11, 24),
        date(2026, 11, 25),
        date(2026, 11, 26),
        friday,
        TODAY,
    )
    # The Saturday's card is in Monday's count: work done is never thrown away.
    assert history.cards == (0, 0, 0, 2, 1) and history.points == (0, 0, 0, 2, 3)
    assert history.finished == 3 and history.ever == 3
    every_day = Calendar(frozenset(range(7)))
    assert mc.daily_history([(saturday, 3)], TODAY, every_day, 5).cards == (0, 0, 1, 0, 0)
    # The weekend before the window's first day (Monday 23) counts on that Monday;
    # the Friday before it is outside the window.
    before = [(date(2026, 11, 21), 1), (date(2026, 11, 22), 1), (date(2026, 11, 20), 1)]
    assert mc.daily_history(before, TODAY, WEEKDAYS, 6).cards == (2, 0, 0, 0, 0, 0)
    assert WEEKDAYS.counted_from(date(2026, 11, 23)) == date(2026, 11, 21)
    assert WEEKDAYS.counted_from(date(2026, 11, 24)) == date(2026, 11, 24)
    # A forecast made on the Saturday: that day's finish waits for Monday.
    assert mc.daily_history([(saturday, 1)], saturday, WEEKDAYS, 5).finished == 0


def test_working_days_from_the_board() -> None:
    sun_thu = Calendar(parse_working_days("sun-thu"))
    assert describe_working_days(sun_thu.working) == "mon,tue,wed,thu,sun"
    assert describe_working_days(parse_working_days("Mon, TUE,wed-fri")) == "mon-fri"
    assert sun_thu.nth_after(date(2026, 12, 3), 1) == date(2026, 12, 6)  # Thu -> Sun
    assert WEEKDAYS.count_between(TODAY, TODAY + timedelta(days=14)) == 10
    assert WEEKDAYS.nth_after(TODAY, 10) == TODAY + timedelta(days=14)
    with pytest.raises(InvalidInput, match="not a day of the week"):
        parse_working_days("mon,funday")
    with pytest.raises(InvalidInput):
        parse_working_days(" , ")


def test_chance_of_a_plan() -> None:
    assert mc.chance([2] * 10, 20, 10, seed=1) == 1.0
    assert mc.chance([2] * 10, 21, 10, seed=1) == 0.0
    assert 0.4 < mc.chance([0, 2] * 5, 10, 10, seed=1) < 0.8


SAMPLES = st.lists(st.integers(0, 4), min_size=5, max_size=30).filter(lambda s: sum(s) >= 10)


@settings(max_examples=25)
@given(sample=SAMPLES, remaining=st.integers(1, 60), more=st.integers(0, 30))
def test_more_cards_never_finish_earlier(sample: list[int], remaining: int, more: int) -> None:
    fewer = mc.finishing_days(sample, remaining, trials=300, seed=3)
    assert (mc.finishing_days(sample, remaining + more, trials=300, seed=3) >= fewer).all()


@settings(max_examples=25)
@given(sample=SAMPLES, remaining=st.integers(0, 60))
def test_a_higher_percentile_is_never_earlier(sample: list[int], remaining: int) -> None:
    history = mc.History(
        WEEKDAYS.days_back(TODAY, len(sample)), tuple(sample), tuple(sample), sum(sample)
    )
    result = mc.when(history, remaining, TODAY, WEEKDAYS, trials=300, seed=5)
    assert result.dates[50] <= result.dates[85] <= result.dates[95]
    by = mc.how_many(history, TODAY + timedelta(days=20), TODAY, WEEKDAYS, trials=300, seed=5)
    assert by.cards[50] >= by.cards[85] >= by.cards[95]


def _nth_working_day_by_walking(calendar: Calendar, start: date, count: int) -> date:
    day = start
    while count > 0:
        day += timedelta(days=1)
        count -= calendar.works(day)
    return day


@settings(max_examples=60)
@given(
    start=st.dates(date(2026, 1, 1), date(2027, 12, 31)),
    count=st.integers(0, 40),
    working=st.frozensets(st.integers(0, 6), min_size=1),
)
def test_the_nth_working_day_after_any_day(
    start: date, count: int, working: frozenset[int]
) -> None:
    calendar = Calendar(working)
    assert calendar.nth_after(start, count) == _nth_working_day_by_walking(calendar, start, count)


def test_a_forecast_made_at_the_weekend_finishes_on_a_working_day() -> None:
    saturday = date(2026, 12, 5)
    # The fifth working day after a Saturday is the Friday, not the next Saturday.
    assert WEEKDAYS.nth_after(saturday, 5) == date(2026, 12, 11)
    result = mc.when(steady(1, saturday), 5, saturday, WEEKDAYS, seed=1)
    assert set(result.dates.values()) == {date(2026, 12, 11)}
    assert all(WEEKDAYS.works(day) for day, _ in result.histogram)


def test_a_window_after_the_last_finish_names_that_finish() -> None:
    long_ago = date(2017, 12, 22)
    history = mc.daily_history([(long_ago, 1)] * 12, TODAY, WEEKDAYS)
    assert (history.finished, history.ever, history.last) == (0, 12, long_ago)
    with pytest.raises(mc.StaleHistory, match="the last finish was 22 Dec 2017") as refused:
        mc.check_history(history)
    assert refused.value.last == long_ago
    as_of = mc.daily_history([(long_ago, 1)] * 12, long_ago, WEEKDAYS)
    assert as_of.finished == 12
    assert mc.when(as_of, 3, long_ago, WEEKDAYS, seed=1).dates[50] > long_ago


def test_one_working_day_is_singular() -> None:
    one = mc.daily_history([(TODAY, 1)], TODAY, WEEKDAYS, 1)
    with pytest.raises(mc.ThinHistory) as refused:
        mc.check_history(one)
    assert "1 card finished in the last 1 working day (" in refused.value.message
