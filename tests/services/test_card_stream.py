"""``card list --json`` streamed (services/card_stream.py): each line is, byte
for byte, ``json.dumps`` of the card's documented object, in list_cards'
order, under every filter; its memory does not grow with the rows."""

from __future__ import annotations

import json
import tracemalloc
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import insert, update

from kanban_tui.services import Context, archive, boards, card_stream, cards, serialize, sprints
from kanban_tui.storage import repo
from kanban_tui.storage.database import Database
from kanban_tui.storage.tables import CardRow

FILTERS = [
    {},
    {"archived": None},
    {"archived": True},
    {"column": "done"},
    {"assignee": "bob"},
    {"assignee": "none"},
    {"assignee": "me"},
    {"sprint": 1},
    {"sprint": "backlog"},
    {"sprint": 1, "assignee": "bob", "column": "to do"},
]


@pytest.fixture
def varied(ctx: Context, board) -> Context:
    """Cards with every kind of value: text to escape, labels, due dates,
    points, a sprint, blocked, archived, a timestamp stored in another form."""
    cards.add_card(
        ctx,
        "WEB",
        'Quote " back\\slash \u00e9\u4e2d \U0001f600 del\x7f',
        description="two\nlines\ttab \u202e bidi \x85 c1",
        labels=["frontend", "api"],
        points=5,
        assignee="bob",
        due=date(2026, 12, 24),
        priority="urgent",
        type="bug",
    )
    cards.add_card(ctx, "WEB", "Plain", column="Done")
    cards.add_card(ctx, "WEB", "Mine", assignee="alice", points=0)
    cards.block_card(ctx, "WEB-3", "Waiting for \u201cops\u201d")
    cards.add_card(ctx, "WEB", "Gone")
    archive.archive_cards(ctx, "WEB", ["WEB-4"])
    sprints.create_sprint(ctx, "WEB")
    sprints.add_cards(ctx, "WEB", 1, ["WEB-1", "WEB-3"])
    cards.add_card(ctx, "WEB", "Damaged time")
    with ctx.db.write() as session:  # as an older version or an import might have stored it
        session.execute(
            update(CardRow)
            .where(CardRow.number == 2)
            .values(updated_at="2026-11-25T10:30:00+01:00")
        )
        # By hand: no such day, no such hour; each reads as no time (null).
        session.execute(
            update(CardRow)
            .where(CardRow.number == 5)
            .values(updated_at="2026-02-30T10:30:00Z", started_at="2026-11-25T24:30:00Z")
        )
    return ctx


@pytest.mark.parametrize("ascii_only", [False, True])
def test_each_line_is_the_json_of_the_listed_card(varied: Context, ascii_only: bool) -> None:
    for where in FILTERS:
        listed = cards.list_cards(varied, "WEB", **where)
        expected = [json.dumps(serialize.card(c), ensure_ascii=ascii_only) for c in listed]
        lines = list(card_stream.card_lines(varied, "WEB", ascii_only=ascii_only, **where))
        assert lines == expected, where
    assert len(list(card_stream.card_lines(varied, "WEB", archived=None))) == 5


def test_a_window_of_the_list(varied: Context) -> None:
    every = list(card_stream.card_lines(varied, "WEB", archived=None))
    assert list(card_stream.card_lines(varied, "WEB", archived=None, limit=2)) == every[:2]
    assert (
        list(card_stream.card_lines(varied, "WEB", archived=None, offset=1, limit=2))
        == (every[1:3])
    )
    assert list(card_stream.card_lines(varied, "WEB", archived=None, offset=9)) == []
    backlog = list(card_stream.card_lines(varied, "WEB", sprint="backlog"))
    assert list(card_stream.card_lines(varied, "WEB", sprint="backlog", offset=1)) == backlog[1:]


def test_a_refusal_comes_with_the_first_line(varied: Context) -> None:
    lines = card_stream.card_lines(varied, "NOPE")
    with pytest.raises(Exception, match="No board 'NOPE'"):
        next(lines)


@pytest.fixture(scope="module")
def many(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A file with 2,400 cards on board BIG, bulk-inserted."""
    path = tmp_path_factory.mktemp("many") / "kanban.db"
    database = Database.open(path)
    ctx = Context(database, actor="alice")
    boards.create_board(ctx, "BIG", "Big")
    with database.write() as session:
        board = repo.board_row(session, "BIG")
        column = repo.column_rows(session, board.id or 0)[0].id
        rows = [
            {
                "board_id": board.id,
                "number": number,
                "title": f"Card number {number} of the big board",
                "column_id": column,
                "rank": number,
                "labels": "one two",
                "created_at": "2026-11-25T09:30:00Z",
                "updated_at": "2026-11-25T09:30:00Z",
            }
            for number in range(1, 2_401)
        ]
        session.execute(insert(CardRow), rows)
        board.next_card = 2_401
        session.add(board)
    database.close()
    return path


@pytest.mark.sqlite_only
def test_memory_does_not_grow_with_the_rows(many: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Read 200 rows at a time, 2,400 lines take about the memory of 400 (two batches): nothing
    holds them all (a list of 2,400 cards would take six times as much)."""
    monkeypatch.setattr(card_stream, "BATCH", 200)
    database = Database.open(many)
    ctx = Context(database, actor="alice")

    def peak(limit: int) -> int:
        tracemalloc.start()
        count = sum(1 for _ in card_stream.card_lines(ctx, "BIG", limit=limit))
        _, top = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        assert count == limit
        return top

    try:
        peak(400)  # the first read warms caches (compiled statements)
        small, large = peak(400), peak(2_400)
    finally:
        database.close()
    assert large < small * 1.5, (small, large)
