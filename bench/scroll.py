"""``G`` to the bottom of a column and ``g`` back, timed in a headless app.

The Board holds a window of each column (``screens/board/paging.py``): ``G``
reads the last page backwards, ``g`` the first one again; neither reads the
cards between. :func:`scroll_times` opens the board in a Pilot app at 120x40
and returns the milliseconds from each key to the cursor resting on the
column's last (then first) card, held and drawn. Target: 100 ms each
(issue 13). ``bench/run.py`` prints them; alone:

    PYTHONPATH=src python bench/scroll.py /tmp/big.db [--board BIG] [--runs 5]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import time
from typing import Any

from kanban_tui.app import create_app
from kanban_tui.config import Config
from kanban_tui.services.context import Context
from kanban_tui.storage.database import Database
from kanban_tui.storage.server_url import ServerUrl, looks_like_url
from kanban_tui.widgets.card_list import CardList
from kanban_tui.widgets.column import BoardColumns

TARGET_MS = 100.0


async def _rests(card_list: CardList, index: int, limit: float = 10.0) -> None:
    """Until the cursor is on card ``index``, which the list holds."""
    deadline = time.perf_counter() + limit
    while not (card_list.cursor == index and card_list.current is not None):
        if time.perf_counter() > deadline:
            raise RuntimeError(f"the cursor never rested on card {index}")
        await asyncio.sleep(0.001)


async def _measure(db: Any, board: str, runs: int) -> tuple[float, float]:
    ctx = Context(Database.open(db), actor="bench")
    app = create_app(ctx, board, config=Config(cursor_blink=False, animations=False))
    down: list[float] = []
    up: list[float] = []
    async with app.run_test(size=(120, 40)) as pilot:
        deadline = time.perf_counter() + 60
        while not app.screen.query(BoardColumns) or not app.screen.query_one(BoardColumns).views:
            if time.perf_counter() > deadline:
                raise RuntimeError("the board never showed")
            await asyncio.sleep(0.01)
        await pilot.pause()
        columns = app.screen.query_one(BoardColumns)
        card_list = columns.active
        assert card_list is not None
        cards = card_list.cards
        for _ in range(runs):
            # The keys' actions, called as the key would: Pilot's ``press``
            # itself waits some 40 ms, which no person's key waits.
            started = time.perf_counter()
            columns.action_cursor_to(-1)  # G
            await _rests(cards, cards.total - 1)
            await pilot.pause()  # the frame that draws it
            down.append((time.perf_counter() - started) * 1000)
            started = time.perf_counter()
            columns.action_cursor_to(0)  # g
            await _rests(cards, 0)
            await pilot.pause()
            up.append((time.perf_counter() - started) * 1000)
    ctx.db.close()
    return statistics.median(down), statistics.median(up)


def scroll_times(db: Any, board: str = "BIG", runs: int = 5) -> tuple[float, float]:
    """Median milliseconds of ``G`` (to the last card) and ``g`` (back to the
    first) on the first column of ``board`` in ``db`` (a file, a server URL or
    a ``ServerUrl``)."""
    if isinstance(db, str) and looks_like_url(db):
        db = ServerUrl.parse(db)
    return asyncio.run(_measure(db, board, runs))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db")
    parser.add_argument("--board", default="BIG")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    down, up = scroll_times(args.db, args.board, args.runs)
    for name, value in (("G to the last card", down), ("g back to the first", up)):
        verdict = "ok" if value <= TARGET_MS else "over"
        print(f"{name}: {value:.0f} ms (target {TARGET_MS:.0f} ms: {verdict})")


if __name__ == "__main__":
    main()
