"""Build a database with one large board, for benchmarks.

    python bench/build_board.py /tmp/big.db --cards 10000

Cards are spread over four columns without WIP limits (so a benchmark can
move them freely); rows are bulk-inserted, which is what a benchmark of
reading and moving needs, not a benchmark of creating.
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

from sqlalchemy import insert

from kanban_tui.domain.boards import ColumnSpec
from kanban_tui.domain.model import Category
from kanban_tui.domain.ranking import STEP
from kanban_tui.services import Context, boards
from kanban_tui.storage import repo
from kanban_tui.storage.database import Database
from kanban_tui.storage.server_url import ServerUrl
from kanban_tui.storage.tables import CardRow

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
        if rows:
            session.execute(insert(CardRow), rows)
        board.next_card = count + 1
        session.add(board)
    ctx.db.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", type=Path)
    parser.add_argument("--cards", type=int, default=10_000)
    args = parser.parse_args()
    build(args.path, args.cards)
    print(f"{args.path}: board BIG with {args.cards} cards")


if __name__ == "__main__":
    main()
