"""The flow report reads where cards stood before its window from each card's
last event (services/flow._start) instead of replaying the whole log: the
figures are those of the whole replay, and it falls back to the replay where
they could differ."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from kanban_tui.services import Context, archive, cards, columns, flow

NOW = datetime(2026, 11, 25, 9, 30).astimezone()


class Clock:
    def __init__(self) -> None:
        self.now = NOW - timedelta(days=90)

    def __call__(self) -> datetime:
        return self.now

    def days(self, count: float) -> None:
        self.now += timedelta(days=count)


@pytest.fixture
def clocked(ctx: Context, board) -> tuple[Context, Clock]:
    clock = Clock()
    return Context(ctx.db, actor="alice", clock=clock), clock


def _history(ctx: Context, clock: Clock) -> None:
    """Ninety days of a board: long-finished cards, archived and deleted ones,
    and moves inside the four-week window."""
    for number in range(1, 13):
        cards.add_card(ctx, "WEB", f"Card {number}")
        clock.days(1)
    for key, column in [("WEB-1", "Done"), ("WEB-2", "Review"), ("WEB-3", "Done")]:
        cards.move_card(ctx, key, column, force=True, reason="test")
        clock.days(2)
    archive.archive_cards(ctx, "WEB", ["WEB-3", "WEB-4"])  # one done, one not
    cards.delete_card(ctx, "WEB-5")
    archive.restore_cards(ctx, "WEB", ["WEB-4"])
    clock.days(55)  # into the window
    for key, column in [("WEB-2", "Done"), ("WEB-6", "In Progress"), ("WEB-7", "Review")]:
        cards.move_card(ctx, key, column, force=True, reason="test")
        clock.days(3)
    archive.archive_cards(ctx, "WEB", ["WEB-1"])
    cards.delete_card(ctx, "WEB-8")
    clock.now = NOW


def _replayed(ctx: Context, monkeypatch: pytest.MonkeyPatch) -> flow.FlowReport:
    with monkeypatch.context() as patch:
        patch.setattr(flow, "_cutoff", lambda first: None)
        return flow.flow_report(ctx, "WEB")


def test_the_figures_are_those_of_the_whole_replay(
    clocked: tuple[Context, Clock], monkeypatch: pytest.MonkeyPatch
) -> None:
    ctx, clock = clocked
    _history(ctx, clock)
    started: list[object] = []
    real = flow._start
    monkeypatch.setattr(flow, "_start", lambda *a: started.append(real(*a)) or started[-1])
    fast = flow.flow_report(ctx, "WEB")
    assert started and started[0] is not None  # read from the last events, not replayed
    assert fast == _replayed(ctx, monkeypatch)
    assert fast.flow.counts[0] != fast.flow.counts[-1]  # the window saw moves


def test_a_column_renamed_inside_the_window_is_followed(
    clocked: tuple[Context, Clock], monkeypatch: pytest.MonkeyPatch
) -> None:
    ctx, clock = clocked
    _history(ctx, clock)
    clock.days(-5)
    columns.rename_column(ctx, "WEB", "Review", "Checks")
    clock.now = NOW
    assert flow.flow_report(ctx, "WEB") == _replayed(ctx, monkeypatch)
    assert "Checks" in flow.flow_report(ctx, "WEB").flow.columns


def test_before_the_window_a_rename_or_a_clock_gone_back_means_the_replay(
    clocked: tuple[Context, Clock], monkeypatch: pytest.MonkeyPatch
) -> None:
    ctx, clock = clocked
    _history(ctx, clock)
    with ctx.db.read() as session:
        board_id = flow.repo.board_row(session, "WEB").id
        cutoff = flow._cutoff(NOW.date() - timedelta(days=27))
        assert cutoff is not None and flow._start(session, board_id, cutoff) is not None
    # A card moved with a clock set back: its last event is not its latest.
    clock.now = NOW - timedelta(days=85)  # before WEB-9 was created
    cards.move_card(ctx, "WEB-9", "Review", force=True, reason="test")
    with ctx.db.read() as session:
        assert flow._start(session, board_id, cutoff) is None
    assert flow.flow_report(ctx, "WEB") == _replayed(ctx, monkeypatch)
