"""The service context: who acts and what day it is."""

from __future__ import annotations

import time
from datetime import UTC, date, datetime

import pytest

from kanban_tui.services import Context, current_user
from kanban_tui.services.context import iso


def at(moment: datetime, ctx: Context) -> Context:
    return Context(ctx.db, actor="alice", clock=lambda: moment)


@pytest.mark.parametrize(
    ("tz", "expected"),
    [
        ("UTC", date(2026, 11, 25)),
        ("AEDT-11", date(2026, 11, 26)),  # Sydney: already Thursday morning
        ("EST+5", date(2026, 11, 25)),
    ],
)
def test_today_is_the_local_calendar_day(
    ctx: Context, monkeypatch: pytest.MonkeyPatch, tz: str, expected: date
) -> None:
    monkeypatch.setenv("TZ", tz)
    time.tzset()
    try:
        late = at(datetime(2026, 11, 25, 22, 0, tzinfo=UTC), ctx)
        assert late.today() == expected
    finally:
        monkeypatch.setenv("TZ", "UTC")
        time.tzset()


def test_new_york_evening_is_still_the_same_day(
    ctx: Context, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TZ", "EST+5")
    time.tzset()
    try:
        evening = at(datetime(2026, 11, 26, 1, 0, tzinfo=UTC), ctx)  # 20:00 on the 25th
        assert evening.today() == date(2026, 11, 25)
    finally:
        monkeypatch.setenv("TZ", "UTC")
        time.tzset()


def test_timestamps_are_stored_in_utc(ctx: Context, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "AEDT-11")
    time.tzset()
    try:
        assert iso(datetime(2026, 11, 25, 22, 0, tzinfo=UTC)) == "2026-11-25T22:00:00Z"
        assert at(datetime(2026, 11, 25, 22, 0, tzinfo=UTC), ctx).now() == "2026-11-25T22:00:00Z"
    finally:
        monkeypatch.setenv("TZ", "UTC")
        time.tzset()


def test_kanban_user_overrides_the_os_user(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KANBAN_USER", " carol ")
    assert current_user() == "carol"
    monkeypatch.setenv("KANBAN_USER", "")
    assert current_user() != ""
