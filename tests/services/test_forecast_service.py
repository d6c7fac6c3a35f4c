"""Forecasts, ageing and throughput read from a board's own card history."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta

import pytest

from kanban_tui.domain.calendar import Calendar
from kanban_tui.domain.errors import RuleViolation
from kanban_tui.domain.forecast import ThinHistory, When
from kanban_tui.services import Context, activity, ageing, boards, cards, forecast

TODAY = date(2026, 11, 25)  # a Wednesday, the ctx fixture's clock
WEEKDAYS = Calendar()


def at(ctx: Context, day: date, hour: int = 12) -> Context:
    return replace(ctx, clock=lambda: datetime.combine(day, time(hour), tzinfo=UTC))


@pytest.fixture
def steady(ctx: Context) -> Context:
    """Board FC: 2 cards finished on each of the last 12 working days (each
    started 3 days before), a card reopened and finished again, one in progress
    for 20 days and cards to do labelled ``api``."""
    with ctx.db.batch():  # one transaction: the history is set-up, not under test
        boards.create_board(
            at(ctx, TODAY - timedelta(days=40)), "FC", "Forecasts", "To Do,Doing,Done"
        )
        for day in WEEKDAYS.days_back(TODAY, 12):
            for _ in range(1 if day == TODAY else 2):
                card = cards.add_card(at(ctx, day - timedelta(days=3), 9), "FC", "work")
                cards.move_card(at(ctx, day - timedelta(days=3), 10), card.key, "Doing")
                cards.move_card(at(ctx, day, 11), card.key, "Done")
        # FC-1 was finished 12 working days ago; reopened and done again today, it
        # counts once, today (one card short of 2 until then). A card finished on
        # its first day keeps that day at 2.
        cards.move_card(at(ctx, TODAY, 9), "FC-1", "Doing")
        cards.move_card(at(ctx, TODAY, 10), "FC-1", "Done")
        extra = cards.add_card(at(ctx, TODAY - timedelta(days=30)), "FC", "extra")
        cards.move_card(at(ctx, TODAY - timedelta(days=30)), extra.key, "Doing")
        cards.move_card(at(ctx, WEEKDAYS.days_back(TODAY, 12)[0]), extra.key, "Done")
        old = cards.add_card(at(ctx, TODAY - timedelta(days=19)), "FC", "old work")
        cards.move_card(at(ctx, TODAY - timedelta(days=19)), old.key, "Doing")
        for n in range(3):
            cards.add_card(ctx, "FC", f"api {n}", labels=["api"])
    return ctx


def test_no_history_yet(ctx: Context) -> None:
    boards.create_board(ctx, "NEW", "New")
    with pytest.raises(ThinHistory, match="No history yet"):
        forecast.when(ctx, "NEW", forecast.Selection("5 cards", 5))
    assert ageing.age_lines(ctx, "NEW").p85 is None


def test_constant_throughput_and_a_reopened_card(steady: Context) -> None:
    history = forecast.history(steady, "FC", window=12)
    assert history.cards == (2,) * 12 and history.finished == 24
    selection = forecast.select_cards(steady, "FC", cards=30)
    report = forecast.when(steady, "FC", selection, window=12, seed=1)
    assert report.forecast.days == {50: 15, 85: 15, 95: 15}  # 30 cards in 15 working days
    assert set(report.forecast.dates.values()) == {date(2026, 12, 16)}
    result = forecast.how_many(steady, "FC", TODAY + timedelta(days=7), window=12, seed=2)
    assert result.working_days == 5 and result.cards == {50: 10, 85: 10, 95: 10}
    assert forecast.history(steady, "FC").finished == 24  # the default window: 30 days


def test_selections(steady: Context) -> None:
    assert forecast.select_cards(steady, "FC", label="API").remaining == 3
    assert forecast.select_cards(steady, "FC", column="doing").remaining == 1
    assert forecast.select_cards(steady, "FC", backlog_to="FC-28").remaining == 4
    with pytest.raises(Exception, match="done column"):
        forecast.select_cards(steady, "FC", column="Done")


def test_a_selection_with_nothing_left_is_refused(steady: Context) -> None:
    with pytest.raises(RuleViolation, match="No card on board FC carries the label 'nope'"):
        forecast.select_cards(steady, "FC", label="nope")
    cards.add_card(steady, "FC", "shipped", labels=["web"], column="Done")
    web = forecast.select_cards(steady, "FC", label="web")
    with pytest.raises(RuleViolation, match="no card left to finish in the cards labelled web"):
        forecast.when(steady, "FC", web)
    cards.move_card(steady, "FC-25", "Done")  # Doing is empty now
    doing = forecast.select_cards(steady, "FC", column="Doing")
    with pytest.raises(RuleViolation, match="no card left to finish in the column Doing"):
        forecast.when(steady, "FC", doing)


def test_working_days_are_a_board_setting(steady: Context) -> None:
    assert forecast.working_days(steady, "FC") == WEEKDAYS
    forecast.set_working_days(at(steady, TODAY, 18), "FC", "sun-thu")
    assert forecast.working_days(steady, "FC").working == frozenset({6, 0, 1, 2, 3})
    [event] = activity.recent_events(steady, "FC", limit=1)
    assert activity.describe(event) == "set the working days of FC to mon,tue,wed,thu,sun"


def test_ageing_marks_the_card_older_than_the_85th_percentile(
    steady: Context, monkeypatch: pytest.MonkeyPatch
) -> None:
    lines = ageing.age_lines(steady, "FC")
    assert (lines.p50, lines.p85) == (4, 4)  # started 3 days before: 4 days, both ends
    report = ageing.ageing(steady, "FC")
    assert report.columns == ("Doing",)
    [aged] = report.cards
    assert (aged.key, aged.age, aged.stale) == ("FC-25", 20, True)
    assert report.total == 1
    weeks = ageing.throughput(steady, "FC")
    assert weeks.total == 24 and len(weeks.weeks) == 12
    monkeypatch.setattr(ageing, "SHOWN", 0)  # a long column: counted, not all read
    assert ageing.ageing(steady, "FC").cards == () and ageing.ageing(steady, "FC").total == 1


def test_the_histogram_as_text_marks_the_percentile_days() -> None:
    monday = date(2026, 11, 30)
    tue, wed, fri = date(2026, 12, 1), date(2026, 12, 2), date(2026, 12, 4)
    result = When(
        3,
        {50: tue, 85: wed, 95: fri},
        {50: 1, 85: 2, 95: 4},
        ((tue, 6000), (wed, 3000), (fri, 1000)),
        30,
        30,
        40,
        10_000,
        1,
    )
    assert forecast.histogram_lines(result, monday, Calendar()) == [
        "Trials by finishing day (▲: the 50/85/95% days):",
        f"  1 Dec  {'█' * 30}   6,000  ▲ 50%",
        f"  2 Dec  {'█' * 15:<30}   3,000  ▲ 85%",
        "  3 Dec                                       0",  # a day no trial ended on
        f"  4 Dec  {'█' * 5:<30}   1,000  ▲ 95%",
    ]
    ascii_only = forecast.histogram_lines(result, monday, Calendar(), unicode=False)
    assert ascii_only[0].startswith("Trials by finishing day (^:") and "#####  " in ascii_only[4]
