"""Measure the import of large files: a kanban export and a Trello board.

    python bench/import_speed.py                # 10,000 cards, 3 runs each
    python bench/import_speed.py --cards 2000 --runs 1

Both files are generated (nothing is downloaded):

- the kanban export is ``kanban export`` of bench/build_board.py's board
  (``--cards`` cards over four columns), imported as ``kanban import`` does
  (``services.importer.import_boards``);
- the Trello board has ``--cards`` cards over five lists (one closed), with
  labels, members, due dates, a checklist on every tenth card and 1,000
  comments (Trello's export holds at most 1,000 actions), imported as
  ``kanban import --from trello`` does (``services.import_trello``).

Each run imports into a new database file in a temporary directory; the
clock covers the service call only (reading and parsing the JSON is left
out: it is the same whatever the writer does). Figures are the median and
the fastest of the runs, and how many progress reports the import made.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))
from build_board import WORDS, build  # noqa: E402

from kanban_tui.services import Context, export, importer  # noqa: E402
from kanban_tui.services.import_trello import import_trello  # noqa: E402
from kanban_tui.services.import_writer import reporting  # noqa: E402
from kanban_tui.storage.database import Database  # noqa: E402

EPOCH = 1_700_000_000  # 2023-11-14: the cards' ids carry their creation time


def kanban_export(cards: int, folder: Path) -> Any:
    """The JSON export document of a board of ``cards`` cards."""
    path = folder / "source.db"
    build(path, cards)
    ctx = Context(Database.open(path), actor="bench")
    try:
        return json.loads(export.dumps(export.export_data(ctx, "BIG")))
    finally:
        ctx.db.close()


def _id(rng: random.Random, seconds: int) -> str:
    return f"{EPOCH + seconds:08x}" + "".join(rng.choice("0123456789abcdef") for _ in range(16))


def trello_board(cards: int) -> dict[str, Any]:
    """A Trello board export of ``cards`` cards."""
    rng = random.Random(11)
    lists = [
        {"id": _id(rng, i), "name": name, "closed": name == "Old", "pos": 1024 * (i + 1)}
        for i, name in enumerate(("Backlog", "Doing", "Review", "Done", "Old"))
    ]
    labels = [
        {"id": _id(rng, i), "name": name, "color": color}
        for i, (name, color) in enumerate((("bug", "red"), ("", "green"), ("ux", "blue")))
    ]
    members = [{"id": _id(rng, i), "username": name} for i, name in enumerate(("ana", "bo"))]
    rows, checklists, actions = [], [], []
    for number in range(1, cards + 1):
        card_id = _id(rng, number * 60)
        rows.append(
            {
                "id": card_id,
                "idShort": number,
                "idList": lists[number % len(lists)]["id"],
                "name": " ".join(rng.sample(WORDS, 4)).capitalize(),
                "desc": "As a user I want " + " ".join(rng.sample(WORDS, 6)),
                "pos": 16384 * number,
                "closed": number % 17 == 0,
                "idLabels": [label["id"] for label in rng.sample(labels, rng.randint(0, 2))],
                "idMembers": [member["id"] for member in rng.sample(members, rng.randint(0, 1))],
                "due": "2026-12-01T12:00:00.000Z" if number % 7 == 0 else None,
                "dueComplete": number % 14 == 0,
                "dateLastActivity": "2026-11-01T10:00:00.000Z",
            }
        )
        if number % 10 == 0:
            items = [
                {"id": _id(rng, n), "name": f"step {n}", "state": "complete", "pos": n}
                for n in range(3)
            ]
            checklists.append(
                {
                    "id": _id(rng, number),
                    "idCard": card_id,
                    "name": "Done when",
                    "checkItems": items,
                }
            )
        if len(actions) < 1_000 and number % 3 == 0:
            actions.append(
                {
                    "id": _id(rng, number * 60 + 30),
                    "type": "commentCard",
                    "date": "2026-11-02T09:00:00.000Z",
                    "idMemberCreator": members[0]["id"],
                    "memberCreator": {"username": "ana"},
                    "data": {"card": {"id": card_id}, "text": "Looks good to me"},
                }
            )
    return {
        "name": "Bench board",
        "lists": lists,
        "labels": labels,
        "members": members,
        "cards": rows,
        "checklists": checklists,
        "actions": actions,
    }


def measure(
    name: str, runs: int, folder: Path, load: Callable[[Context, Callable[[int, int], None]], int]
) -> None:
    times, reports, cards = [], 0, 0
    for run in range(runs):
        database = Database.open(folder / f"{name}-{run}.db")
        ctx = Context(database, actor="bench")
        seen: list[tuple[int, int]] = []
        try:
            start = time.perf_counter()
            cards = load(ctx, lambda done, total, seen=seen: seen.append((done, total)))
            times.append(time.perf_counter() - start)
        finally:
            database.close()
        reports = len(seen)
    print(
        f"{name:<16} {cards:>7,} cards   median {statistics.median(times):6.2f} s   "
        f"fastest {min(times):6.2f} s   {reports} progress reports"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cards", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="kanban-import-bench-") as tmp:
        folder = Path(tmp)
        document = kanban_export(args.cards, folder)
        board = trello_board(args.cards)

        def load_kanban(ctx: Context, progress: Callable[[int, int], None]) -> int:
            (done,) = importer.import_boards(ctx, document, progress=progress)
            return done.cards

        def load_trello(ctx: Context, progress: Callable[[int, int], None]) -> int:
            with reporting(progress):
                summary = import_trello(ctx, board)
            return summary.counts.get("cards", 0)

        measure("kanban import", args.runs, folder, load_kanban)
        measure("trello import", args.runs, folder, load_trello)


if __name__ == "__main__":
    main()
