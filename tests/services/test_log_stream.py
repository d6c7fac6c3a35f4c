"""``kanban log --json`` streamed (services/log_stream.log_batches): the same
objects as before, a window of them by limit and offset, memory flat."""

from __future__ import annotations

import json
import tracemalloc
from collections.abc import Iterable
from pathlib import Path

import pytest
from sqlalchemy import insert

from kanban_tui.services import Context, activity, boards, cards, log_stream
from kanban_tui.storage import repo
from kanban_tui.storage.database import Database
from kanban_tui.storage.tables import EventRow


def _flat(batches: Iterable[list[str]]) -> list[str]:
    return [line for lines in batches for line in lines]


@pytest.mark.parametrize("ascii_only", [False, True])
def test_each_line_is_the_json_of_the_event(ctx: Context, board, ascii_only: bool) -> None:
    cards.add_card(ctx, "WEB", "Caf\u00e9 \u202e", points=3)
    cards.move_card(ctx, "WEB-1", "Review")
    cards.add_card(ctx, "WEB", "Other")
    for where in ({}, {"key": "web-1"}, {"limit": 2}, {"limit": 2, "offset": 1}):
        events = activity.recent_events(ctx, "WEB", **where)
        expected = [json.dumps(activity.event_json(e), ensure_ascii=ascii_only) for e in events]
        assert _flat(log_stream.log_batches(ctx, "WEB", ascii_only=ascii_only, **where)) == expected
    every = activity.recent_events(ctx, "WEB")
    assert len(every) == 4
    assert activity.recent_events(ctx, "WEB", limit=2, offset=1) == every[1:3]


ODD_ROWS = (
    # (at, action, data): what the streamed path prints as stored, or not
    ("2026-10-01T12:00:00+02:00", "moved", '{"before": "A", "after": "B"}'),
    ("2026-10-01T12:00:00.5Z", "moved", "not json"),
    ("2026-10-01T12:00:00", "weird_thing", "[1, 2]"),
    ("2026-10-01 12:00:00Z", "edited", '{"points": {"before": 1.5, "after": 2e10}}'),
    ("2026-10-02T12:00:00Z", "edited", '{"title": {"before": "x", "after": "日本"}, "undo_of": 3}'),
    ("2026-10-02T12:00:00Z", "edited", '{"title": {"before": "x", "after": "日本"}, "undo_of": 3}'),
    ("2026-10-02T23:59:59Z", "moved", '{"before": null, "after": ["a", true, {"x": 1}]}'),
    ("2024-02-29T00:00:00Z", "moved", '{"before": "", "after": ""}'),
)


@pytest.mark.parametrize("ascii_only", [False, True])
def test_odd_rows_print_as_their_events_do(ctx: Context, board, ascii_only: bool) -> None:
    """The streamed path skips the Event and prints a stored ``...Z`` time as
    is, parsing each distinct data text once: the same text as event_json's,
    for times in other forms, damaged or repeated data and undos."""
    rows = [
        {"at": at, "key": "WEB-1", "action": action, "data": data} for at, action, data in ODD_ROWS
    ]
    assert len(streamed_as_their_events(ctx, rows, ascii_only)) == len(ODD_ROWS) + 1


def streamed_as_their_events(
    ctx: Context, rows: list[dict[str, object]], ascii_only: bool
) -> list[str]:
    """Bob's card events ``rows`` logged on WEB; the streamed lines of the whole
    log, checked equal to ``json.dumps`` of each event's :func:`event_json`."""
    with ctx.db.write() as session:
        board_id = repo.board_row(session, "WEB").id
        common = {"board_id": board_id, "actor": "bob", "entity": "card"}
        session.execute(insert(EventRow), [common | row for row in rows])
    events = activity.recent_events(ctx, "WEB")
    expected = [json.dumps(activity.event_json(e), ensure_ascii=ascii_only) for e in events]
    lines = _flat(log_stream.log_batches(ctx, "WEB", ascii_only=ascii_only))
    assert lines == expected
    return lines


CARD_ROWS = (
    # (key, action, data), oldest first: the log is read newest first, so the
    # sentences are made around the key by the last rows, then used above
    (11, "ranked", '{"move": "top"}'),
    ("WEB-12", "ranked", b'{"move": "top"}'),
    ("WEB-13", "ranked", 14),
    ("", "shuffled", '{"before": "To Do", "after": "Review"}'),
    (" WEB-5 ", "shuffled", '{"before": "To Do", "after": "Review"}'),
    ("", "moved", '{"before": "To Do", "after": "Review"}'),
    ("WEB-\u202e4", "moved", '{"before": "To Do", "after": "Review"}'),
    ("WEB-8", "created", '{"column": "To Do", "title": "a \\u0000key\\u0000 b"}'),
    ("WEB-7", "created", '{"column": "To Do", "title": "a \\u0000key\\u0000 b"}'),
    ("WEB-7", "created", '{"column": "To Do", "title": "a \\u0000key\\u0000 b"}'),
    ("WEB-6", "shuffled", '{"before": "To Do", "after": "Review"}'),
    ("WEB-6", "shuffled", '{"before": "To Do", "after": "Review"}'),
    ("WEB-3", "moved", '{"before": "To Do", "after": "Review"}'),
    ("WEB-2", "moved", '{"before": "To Do", "after": "Review"}'),
    ("WEB-1", "moved", '{"before": "To Do", "after": "Review"}'),
    ("WEB-10", "ranked", '{"move": "top"}'),
    ("WEB-9", "ranked", '{"move": "top"}'),
)


@pytest.mark.parametrize("ascii_only", [False, True])
def test_card_sentences_made_once_still_name_each_card(
    ctx: Context, board, ascii_only: bool
) -> None:
    """A card's sentence for data seen before is made once around its key:
    each line still names its own card, whatever the key holds (spaces,
    nothing, a number a hand-made row left) or the data holds."""
    at = "2026-10-02T12:00:00Z"
    rows = [
        {"at": at, "key": key, "action": action, "data": data} for key, action, data in CARD_ROWS
    ]
    lines = streamed_as_their_events(ctx, rows, ascii_only)
    texts = [json.loads(line)["text"] for line in lines]
    assert "moved WEB-3 from To Do to Review" in texts
    assert "moved WEB-\u202e4 from To Do to Review" in texts
    assert "ranked WEB-10 to the top of its column" in texts


@pytest.fixture(scope="module")
def long_log(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A file whose board LOG has 2,400 events more, bulk-inserted."""
    path = tmp_path_factory.mktemp("log") / "kanban.db"
    database = Database.open(path)
    boards.create_board(Context(database, actor="alice"), "LOG", "Log")
    with database.write() as session:
        board_id = repo.board_row(session, "LOG").id
        rows = [
            {
                "board_id": board_id,
                "at": f"2026-11-{1 + number % 28:02d}T09:30:00Z",
                "actor": "alice",
                "entity": "card",
                "key": f"LOG-{number}",
                "action": "moved",
                "data": '{"after": "Review", "before": "To Do"}',
            }
            for number in range(1, 2_401)
        ]
        session.execute(insert(EventRow), rows)
    database.close()
    return path


@pytest.mark.sqlite_only
def test_memory_does_not_grow_with_the_events(
    long_log: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Read 200 rows at a time, 2,400 events take about the memory of 400."""
    monkeypatch.setattr(activity, "BATCH", 200)
    database = Database.open(long_log)
    ctx = Context(database, actor="alice")

    def peak(limit: int) -> int:
        tracemalloc.start()
        count = sum(len(lines) for lines in activity.event_batches(ctx, "LOG", limit=limit))
        _, top = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        assert count == limit
        return top

    try:
        peak(400)
        small, large = peak(400), peak(2_400)
    finally:
        database.close()
    assert large < small * 1.5, (small, large)


def test_a_column_called_like_a_card_still_finds_its_breaches(ctx: Context, board) -> None:
    """A key no column was ever called is read by indexes; one a column was
    called (here WEB-9, renamed since) also finds the forced WIP breaches
    into it, as reading every event does."""
    from kanban_tui.services import boards, columns

    boards.add_column(ctx, "WEB", "WEB-9", wip_limit=1)
    cards.add_card(ctx, "WEB", "First", column="WEB-9")
    cards.add_card(ctx, "WEB", "Second")
    cards.move_card(ctx, "WEB-2", "WEB-9", force=True, reason="urgent")
    columns.rename_column(ctx, "WEB", "WEB-9", "Checks")
    found = activity.recent_events(ctx, "WEB", key="WEB-9")
    assert ("card", "WEB-2", "moved") in [(e.entity, e.key, e.action) for e in found]
    assert [e.action for e in activity.recent_events(ctx, "WEB", key="WEB-2")] == [
        "moved",
        "created",
    ]
