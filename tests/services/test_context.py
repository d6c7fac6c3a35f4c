"""The service context: who acts and what day it is."""

from __future__ import annotations

import dataclasses
import getpass
import time
from datetime import UTC, date, datetime

import pytest

from kanban_tui.domain.errors import InvalidInput
from kanban_tui.services import Context, activity, boards, current_user
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


# --- who acts: one person is one name ----------------------------------------------


@pytest.mark.parametrize("value", ["Bob", " bob ", "ＢＯＢ", "@Bob"])
def test_kanban_user_is_kept_in_canonical_form(monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    monkeypatch.setenv("KANBAN_USER", value)
    assert current_user() == "bob"


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (
            "bob\u200b",
            "KANBAN_USER must be visible text: it contains the invisible character "
            "U+200B ZERO WIDTH SPACE (got 'bob\\u200b').",
        ),
        (
            "\u202ebob",
            "KANBAN_USER must not change the text direction: it contains the bidi control "
            "U+202E RIGHT-TO-LEFT OVERRIDE (got '\\u202ebob').",
        ),
        (
            "bob\x1b[31m",
            "KANBAN_USER must be one line of visible text: it contains the control character "
            "U+001B (got 'bob\\x1b[31m').",
        ),
        ("b" * 65, "KANBAN_USER must be at most 64 characters (got 65)."),
        ("@", "KANBAN_USER must be a user name of 1-64 characters (got '@')."),
    ],
)
def test_a_bad_kanban_user_is_refused_with_one_sentence(
    monkeypatch: pytest.MonkeyPatch, value: str, message: str
) -> None:
    monkeypatch.setenv("KANBAN_USER", value)
    with pytest.raises(InvalidInput) as caught:
        current_user()
    assert caught.value.message == message
    assert caught.value.exit_code == 2


def test_the_login_name_goes_through_the_same_rule(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("KANBAN_USER")
    monkeypatch.setattr(getpass, "getuser", lambda: "Carol")
    assert current_user() == "carol"
    monkeypatch.setattr(getpass, "getuser", lambda: "carol\u2060")
    with pytest.raises(InvalidInput) as caught:
        current_user()
    assert caught.value.message == (
        "The login name (set KANBAN_USER to use another) must be visible text: it contains "
        "the invisible character U+2060 WORD JOINER (got 'carol\\u2060')."
    )


def test_the_log_names_the_actor_in_canonical_form(ctx: Context) -> None:
    bob = Context(ctx.db, actor=" ＢＯＢ ", clock=ctx.clock)
    assert bob.actor == "bob"
    boards.create_board(bob, "WEB", "Website")
    assert [event.actor for event in activity.recent_events(ctx, "WEB")] == ["bob"]
    assert dataclasses.replace(bob, actor="@Dana").actor == "dana"
