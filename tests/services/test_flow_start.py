"""The flow report reads where cards stood before its window from each card's
last event (services/flow._start) instead of replaying the whole log: the
figures are those of the whole replay, and it falls back to the replay where
they could differ."""

from __future__ import annotations

import json
import random
from collections import Counter
from datetime import datetime, timedelta

import pytest
from import_fixtures import FIXTURES, needs_fixtures

from kanban_tui.domain.errors import KanbanError
from kanban_tui.services import Context, archive, cards, columns, flow, undo
from kanban_tui.services.import_trello import import_trello
from kanban_tui.storage.database import Database

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
    real = flow._taken_back
    monkeypatch.setattr(flow, "_taken_back", lambda *a: started.append(real(*a)) or started[-1])
    monkeypatch.setattr(flow, "_start", lambda *a: pytest.fail("the history was grouped"))
    fast = flow.flow_report(ctx, "WEB")
    assert started and started[0] is not None  # the board now, taken back: not replayed
    assert fast == _replayed(ctx, monkeypatch)
    assert fast.flow.counts[0] != fast.flow.counts[-1]  # the window saw moves


def _random_work(ctx: Context, clock: Clock, seed: int) -> None:
    """Seventy random actions over ninety days (adds, moves, archives and
    restores of done and open cards, deletes, undos), the clock only going
    forward; the board is read again only after an undo."""
    rng = random.Random(seed)
    names = ["To Do", "In Progress", "Review", "Done"]
    live: list[str] = []
    gone: list[str] = []
    for _ in range(70):
        choice = rng.random()
        try:
            if choice < 0.2 or not live:
                column = rng.choice(names[:2])
                live.append(
                    cards.add_card(ctx, "WEB", "W", column=column, force=True, reason="t").key
                )
            elif choice < 0.6:
                cards.move_card(ctx, rng.choice(live), rng.choice(names), force=True, reason="t")
            elif choice < 0.7:
                key = rng.choice(live)
                archive.archive_cards(ctx, "WEB", [key])
                live.remove(key)
                gone.append(key)
            elif choice < 0.8 and gone:
                key = rng.choice(gone)
                archive.restore_cards(ctx, "WEB", [key], force=True, reason="t")
                gone.remove(key)
                live.append(key)
            elif choice < 0.9:
                key = rng.choice(live + gone)
                cards.delete_card(ctx, key)
                (live if key in live else gone).remove(key)
            else:
                undo.undo_last(ctx, "WEB")
                live = [c.key for c in cards.list_cards(ctx, "WEB")]
                gone = [a.card.key for a in archive.archived_cards(ctx, "WEB")]
        except KanbanError:
            pass
        clock.days(rng.choice((0.3, 1, 2)))
    clock.now = NOW


def _same_as_the_replay(ctx: Context, monkeypatch: pytest.MonkeyPatch) -> None:
    """The board taken back through the window gives what replaying the log
    gives, and the diagram's last day is the board as it stands."""
    fast = flow.flow_report(ctx, "WEB")
    assert fast == _replayed(ctx, monkeypatch)
    now = Counter(c.column for c in cards.list_cards(ctx, "WEB"))
    now.update(a.card.column for a in archive.archived_cards(ctx, "WEB") if a.card.column == "Done")
    assert fast.flow.latest() == tuple(now[name] for name in fast.flow.columns)


def test_random_work_gives_the_figures_of_the_whole_replay(
    clocked: tuple[Context, Clock], monkeypatch: pytest.MonkeyPatch
) -> None:
    ctx, clock = clocked
    _random_work(ctx, clock, 0)
    _same_as_the_replay(ctx, monkeypatch)


@pytest.mark.sqlite_only  # more histories, the queries being those of the test above
@pytest.mark.parametrize("seed", range(1, 6))
def test_more_random_work_gives_the_figures_of_the_whole_replay(
    clocked: tuple[Context, Clock], monkeypatch: pytest.MonkeyPatch, seed: int
) -> None:
    ctx, clock = clocked
    _random_work(ctx, clock, seed)
    _same_as_the_replay(ctx, monkeypatch)


def test_a_card_moved_with_the_clock_set_back_counts_where_it_stands(
    clocked: tuple[Context, Clock], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A move logged with a clock gone back (before the card's creation):
    replaying the log by day would leave the card where it was created, for
    ever; the diagram counts it where the board has it."""
    ctx, clock = clocked
    _history(ctx, clock)
    clock.now = NOW - timedelta(days=85)  # before WEB-9 was created
    cards.move_card(ctx, "WEB-9", "Review", force=True, reason="test")
    clock.now = NOW
    review = flow.flow_report(ctx, "WEB").flow.columns.index("Review")
    fast = [day[review] for day in flow.flow_report(ctx, "WEB").flow.counts]
    replayed = [day[review] for day in _replayed(ctx, monkeypatch).flow.counts]
    assert fast == [count + 1 for count in replayed]
    assert fast[-1] == sum(c.column == "Review" for c in cards.list_cards(ctx, "WEB"))


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


@needs_fixtures
def test_imported_cards_count_from_the_day_they_were_made(db_location) -> None:
    """A Trello import writes no card events: each card counts in its column
    from the day Trello made it (the window's first days before some were
    made, the last day the board as it stands), where the log alone counted
    none of them."""
    data = json.loads((FIXTURES / "trello_miyamae_clipkit.json").read_text(encoding="utf-8"))
    day = datetime(2015, 3, 10, 12, 0).astimezone()  # after the last card was made
    ctx = Context(Database.open(db_location), actor="alice", clock=lambda: day)
    import_trello(ctx, data, key="CLIP")
    report = flow.flow_report(ctx, "CLIP").flow
    made = [
        c.created_at.astimezone().date()
        for c in cards.list_cards(ctx, "CLIP")
        + [a.card for a in archive.archived_cards(ctx, "CLIP") if a.card.column == "クローズ"]
    ]
    assert report.totals() == tuple(sum(d <= shown for d in made) for shown in report.days)
    assert report.totals()[0] < report.totals()[-1]  # some were made inside the window
    now = Counter(c.column for c in cards.list_cards(ctx, "CLIP") if c.created_at <= day)
    assert report.latest()[0] == now[report.columns[0]] > 0
    ctx.db.close()


def test_the_demo_board_gives_the_figures_of_the_whole_replay(
    ctx: Context, demo_board, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The demo's months of history, played through the services."""
    monkeypatch.setattr(flow, "_start", lambda *a: pytest.fail("the history was grouped"))
    fast = flow.flow_report(ctx, "WEB")
    assert fast == _replayed(ctx, monkeypatch)
    assert fast.flow.counts[0] != fast.flow.counts[-1]


def test_a_card_deleted_in_the_window_after_its_log_went_back_means_the_replay(
    clocked: tuple[Context, Clock], monkeypatch: pytest.MonkeyPatch
) -> None:
    """WEB-10 archived, then restored with a clock set back before the
    archive, then deleted inside the window: its last event before the window
    is not its latest, so the log is replayed, as the whole replay reads it."""
    ctx, clock = clocked
    _history(ctx, clock)
    clock.now = NOW - timedelta(days=40)
    archive.archive_cards(ctx, "WEB", ["WEB-10"])
    clock.now = NOW - timedelta(days=60)
    archive.restore_cards(ctx, "WEB", ["WEB-10"])
    clock.now = NOW - timedelta(days=3)
    cards.delete_card(ctx, "WEB-10")
    clock.now = NOW
    assert flow.flow_report(ctx, "WEB") == _replayed(ctx, monkeypatch)
