"""``kanban log --json`` reads the whole log through the driver alone where
it can (services/log_stream.py): the same lines as the Core select's stream
(activity.event_batches) and as ``json.dumps`` of each event's object, for
rows of every shape, seen once, twice or often (each takes another path)."""

from __future__ import annotations

import json
from collections.abc import Iterable

import pytest
from sqlalchemy import insert

from kanban_tui.services import Context, activity, cards, log_stream
from kanban_tui.storage import repo
from kanban_tui.storage.tables import EventRow

MOVED = '{"after": "B", "before": "A"}'
UNDONE = '{"after": "B", "before": "A", "undo_of": 3}'
QUOTED = '{"column": "To Do", "title": "Q \\" \\\\"}'

ROWS = (
    # (at, actor, key, action, data): each is logged three times
    ("2026-10-01T12:00:00Z", "bob", "WEB-1", "moved", '{"after": "Done", "before": "To Do"}'),
    ("2026-10-01T12:00:01Z", "bob", "WEB-2", "moved", '{"after": "Done", "before": "To Do"}'),
    ("2026-10-01T12:00:00+02:00", "bob", "WEB-3", "moved", MOVED),
    ("2026-02-30T12:00:00Z", "bob", "WEB-4", "moved", MOVED),
    ("2026-10-01T24:00:00Z", "bob", "WEB-5", "moved", MOVED),
    ("2026-10-01T12:00:00Z ", "bob", "WEB-6", "moved", MOVED),
    ("2026-10-02T09:00:00Z", "al\u00e9 \u202e", "WEB-7", "moved", MOVED),
    ("2026-10-02T09:00:00Z", "bob", " WEB-8", "moved", MOVED),
    ("2026-10-02T09:00:00Z", "bob", "", "moved", MOVED),
    ("2026-10-02T09:00:00Z", "bob", 12, "moved", MOVED),
    ("2026-10-02T09:00:00Z", 7, "WEB-9", "moved", MOVED),
    ("2026-10-02T09:00:00Z", "bob", "WEB-10", "moved", MOVED.encode()),
    ("2026-10-02T09:00:00Z", "bob", "WEB-11", "moved", 5),
    ("2026-10-02T09:00:00Z", "bob", "WEB-12", "moved", "not json"),
    ("2026-10-02T09:00:00Z", "bob", "WEB-13", "moved", ' {"after": "B", "before": "A"}'),
    ("2026-10-02T09:00:00Z", "bob", "WEB-14", "moved", '{"after": "B", "before": "A"} {}'),
    ("2026-10-02T09:00:00Z", "bob", "WEB-15", "edited", '{"title": {"after": "\\u65e5"}}'),
    ("2026-10-02T09:00:00Z", "bob", "WEB-16", "moved", UNDONE),
    ("2026-10-03T09:00:00Z", "bob", "WEB-17", "created", QUOTED),
    ("2026-10-03T09:00:00Z", "bob", "WEB-\u00e918", "moved", MOVED),
)


def _log_rows(ctx: Context) -> None:
    with ctx.db.write() as session:
        board_id = repo.board_row(session, "WEB").id
        rows = [
            {"board_id": board_id, "at": at, "actor": actor, "entity": "card", "key": key}
            | {"action": action, "data": data}
            for _ in range(3)
            for at, actor, key, action, data in ROWS
        ]
        session.execute(insert(EventRow), rows)


def _flat(batches: Iterable[list[str]]) -> list[str]:
    return [line for lines in batches for line in lines]


@pytest.mark.parametrize("ascii_only", [False, True])
def test_the_streamed_log_is_the_events_json(ctx: Context, board, ascii_only: bool) -> None:
    cards.add_card(ctx, "WEB", "Caf\u00e9", points=3)
    _log_rows(ctx)
    events = activity.recent_events(ctx, "WEB", limit=1000)
    expected = [json.dumps(activity.event_json(e), ensure_ascii=ascii_only) for e in events]
    lines = _flat(log_stream.log_batches(ctx, "WEB", limit=1000, ascii_only=ascii_only))
    assert lines == expected
    core = _flat(activity.event_batches(ctx, "WEB", limit=1000, ascii_only=ascii_only))
    assert core == expected


def test_a_window_of_the_log_and_one_cards_history(ctx: Context, board) -> None:
    _log_rows(ctx)
    every = _flat(log_stream.log_batches(ctx, "WEB", limit=1000))
    assert _flat(log_stream.log_batches(ctx, "WEB", limit=7, offset=5)) == every[5:12]
    assert _flat(log_stream.log_batches(ctx, "WEB", limit=10, offset=1000)) == []
    history = _flat(log_stream.log_batches(ctx, "WEB", key="web-1"))
    assert history == _flat(activity.event_batches(ctx, "WEB", key="web-1"))
    assert len(history) == 3


def test_a_missing_board_is_refused_with_the_first_batch(ctx: Context, board) -> None:
    batches = log_stream.log_batches(ctx, "NOPE")
    with pytest.raises(Exception, match="No board 'NOPE'"):
        next(batches)


def test_many_batches_make_the_same_lines(
    ctx: Context, board, monkeypatch: pytest.MonkeyPatch
) -> None:
    _log_rows(ctx)
    every = _flat(log_stream.log_batches(ctx, "WEB", limit=1000))
    monkeypatch.setattr(log_stream, "BATCH", 7)
    batches = list(log_stream.log_batches(ctx, "WEB", limit=1000))
    assert [line for lines in batches for line in lines] == every
    assert max(len(lines) for lines in batches) == 7
