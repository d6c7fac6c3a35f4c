"""Build a database with one large board, for benchmarks.

    python bench/build_board.py /tmp/big.db --cards 10000
    python bench/build_board.py /tmp/big.db --cards 100000 --events 1000000
    python bench/build_board.py postgresql://postgres@127.0.0.1:5432/big --cards 100000

Cards are spread over four columns without WIP limits (so a benchmark can
move them freely); rows are bulk-inserted, which is what a benchmark of
reading and moving needs, not a benchmark of creating.
"""

from __future__ import annotations

import argparse
import random
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import bindparam, insert, update

from kanban_tui.domain.boards import ColumnSpec
from kanban_tui.domain.model import Category
from kanban_tui.domain.ranking import STEP
from kanban_tui.services import Context, boards
from kanban_tui.storage import repo
from kanban_tui.storage.database import Database
from kanban_tui.storage.server_url import ServerUrl
from kanban_tui.storage.tables import CardRow, EventRow

COLUMNS = (
    ColumnSpec("To Do", Category.TODO),
    ColumnSpec("In Progress", Category.IN_PROGRESS),
    ColumnSpec("Review", Category.IN_PROGRESS),
    ColumnSpec("Done", Category.DONE),
)
WORDS = [
    "checkout",
    "search",
    "login",
    "cache",
    "api",
    "page",
    "report",
    "export",
    "import",
    "billing",
    "invoice",
    "profile",
    "settings",
    "upload",
    "image",
    "banner",
    "menu",
    "footer",
    "header",
    "index",
    "query",
    "sync",
]


def build(path: Path | ServerUrl, count: int, key: str = "BIG") -> None:
    """Create ``path`` (a file that must not exist, or an empty server
    database) with board ``key`` holding ``count`` cards."""
    if isinstance(path, Path) and path.exists():
        raise SystemExit(f"{path} exists; choose a new file")
    ctx = Context(Database.open(path), actor="bench")
    boards.create_board(ctx, key, "Benchmark board", COLUMNS)
    rng = random.Random(7)
    now = ctx.now()
    with ctx.db.write() as session:
        board = repo.board_row(session, key)
        assert board.id is not None
        column_ids = [column.id for column in repo.column_rows(session, board.id)]
        rows = []
        for number in range(1, count + 1):
            rows.append(
                {
                    "board_id": board.id,
                    "number": number,
                    "title": " ".join(rng.sample(WORDS, 4)).capitalize(),
                    "column_id": column_ids[(number - 1) % len(column_ids)],
                    "rank": number * STEP,
                    "points": rng.choice((None, 1, 2, 3, 5, 8)),
                    "assignee": rng.choice((None, "alice", "bob", "chen")),
                    "labels": rng.choice(("", "frontend", "backend api")),
                    "priority": rng.choice(("none", "low", "medium", "high")),
                    "created_at": now,
                    "updated_at": now,
                }
            )
        if rows and isinstance(path, ServerUrl):
            # COPY skips the defaults an INSERT from SQLAlchemy fills in.
            table: Any = CardRow.__table__  # type: ignore[attr-defined]
            defaults = {
                column.name: column.default.arg
                for column in table.columns
                if column.default is not None and column.default.is_scalar
            }
            _copy(session, "card", ({**defaults, **row} for row in rows))
        elif rows:
            session.execute(insert(CardRow), rows)
        board.next_card = count + 1
        session.add(board)
    ctx.db.close()
    if isinstance(path, ServerUrl):
        _vacuum(path, "card")


EVENT_DAYS = 365
"""The log's events are spread over the last year, oldest first."""
CHUNK = 50_000


def log_rows(
    board_id: int, count: int, cards: int, key: str, made: dict[int, tuple[str, int]] | None = None
) -> Iterator[dict[str, object]]:
    """``count`` events of board ``key`` in log order: each card created in
    To Do (while there are cards to create), then moves of random cards to
    the next column (from Done, back to an earlier one, reopened); times rise
    evenly over :data:`EVENT_DAYS` to now. ``made`` gets each logged card's
    creation time and the column (index) its last event left it in."""
    rng = random.Random(11)
    names = [spec.name for spec in COLUMNS]
    start = datetime.now(UTC) - timedelta(days=EVENT_DAYS)
    step = timedelta(days=EVENT_DAYS) / max(count, 1)
    where = [0] * (cards + 1)
    created = 0
    for index in range(count):
        at = (start + step * index).strftime("%Y-%m-%dT%H:%M:%SZ")
        if created < cards:
            created += 1
            card, action = created, "created"
            data = f'{{"column": "To Do", "title": "Card {created}"}}'
            if made is not None:
                made[card] = (at, 0)
        else:
            card, action = rng.randint(1, cards), "moved"
            before = where[card]
            after = before + 1 if before < len(names) - 1 else rng.randrange(before)
            where[card] = after
            data = f'{{"after": "{names[after]}", "before": "{names[before]}"}}'
            if made is not None and card in made:
                made[card] = (made[card][0], after)
        yield {
            "board_id": board_id,
            "at": at,
            "actor": "bench",
            "entity": "card",
            "key": f"{key}-{card}",
            "action": action,
            "data": data,
        }


def add_events(
    path: Path | ServerUrl, count: int, cards: int, key: str = "BIG", settle: bool = False
) -> None:
    """Append ``count`` events to board ``key``'s log (see :func:`log_rows`):
    COPY on a server, executemany in chunks in a file. ``settle``: the cards
    then stand where their log leaves them, made when it says (as on a board
    that lived through it; the Reports take the board back from there)."""
    database = Database.open(path)
    made: dict[int, tuple[str, int]] | None = {} if settle else None
    with database.write() as session:
        board_id = repo.board_row(session, key).id
        assert board_id is not None
        rows = log_rows(board_id, count, max(cards, 1), key, made)
        if isinstance(path, ServerUrl):
            _copy(session, "event", rows)
        else:
            chunk: list[dict[str, object]] = []
            for row in rows:
                chunk.append(row)
                if len(chunk) == CHUNK:
                    session.execute(insert(EventRow), chunk)
                    chunk = []
            if chunk:
                session.execute(insert(EventRow), chunk)
        if made:
            columns = [column.id for column in repo.column_rows(session, board_id)]
            table: Any = CardRow.__table__  # type: ignore[attr-defined]
            session.execute(
                update(table)
                .where(table.c.board_id == board_id, table.c.number == bindparam("n"))
                .values(created_at=bindparam("at"), column_id=bindparam("column")),
                [
                    {"n": number, "at": at, "column": columns[index]}
                    for number, (at, index) in made.items()
                ],
            )
    database.close()
    if isinstance(path, ServerUrl):
        _vacuum(path, "event")
        if settle:
            _vacuum(path, "card")


def _copy(session: Any, table: str, rows: Iterable[dict[str, object]]) -> None:
    """``rows`` into ``table`` on a server by COPY, ten times an executemany."""
    iterator = iter(rows)
    first = next(iterator, None)
    if first is None:
        return
    fields = list(first)
    raw = session.connection().connection.dbapi_connection
    assert raw is not None
    statement = f"COPY {table} ({', '.join(fields)}) FROM STDIN"
    with raw.cursor() as cursor, cursor.copy(statement) as copy:
        copy.write_row(tuple(first[name] for name in fields))
        for row in iterator:
            copy.write_row(tuple(row[name] for name in fields))


def _vacuum(url: ServerUrl, table: str) -> None:
    """``VACUUM ANALYZE``: the planner's statistics and the visibility map
    (which index-only scans need), as autovacuum leaves a table that grew
    over time; a table bulk-loaded a moment ago has neither."""
    import psycopg

    with psycopg.connect(url.url, autocommit=True) as conn:
        conn.execute(f"VACUUM ANALYZE {table}".encode())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "path",
        type=lambda at: ServerUrl.parse(at) if "://" in at else Path(at),
        help="a file, or a PostgreSQL URL (its database must exist)",
    )
    parser.add_argument("--cards", type=int, default=10_000)
    parser.add_argument("--events", type=int, default=0, help="events to add to the log")
    args = parser.parse_args()
    build(args.path, args.cards)
    if args.events:
        add_events(args.path, args.events, args.cards)
    print(f"{args.path}: board BIG with {args.cards} cards and {args.events} events more")


if __name__ == "__main__":
    main()
