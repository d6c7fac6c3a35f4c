"""Write the README's screenshots: the demo board and its dialogs, as SVG.

    python scripts/screenshots.py            # into screenshots/

The board is the demo board built at a fixed date in a throwaway database,
shown headless at 120x40 (the board also at 80x24), so the pictures only
change when the UI or the demo data does.
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from kanban_tui import demo
from kanban_tui.app import create_app
from kanban_tui.config import Config
from kanban_tui.services import Context
from kanban_tui.storage.database import Database

NOW = datetime(2026, 11, 25, 9, 30, tzinfo=UTC)
STILL = Config(theme="textual-dark", cursor_blink=False, animations=False)
SHOTS: list[tuple[str, tuple[int, int], Sequence[str]]] = [
    ("board.svg", (120, 40), ()),
    ("board-80x24.svg", (80, 24), ()),
    ("sprint.svg", (120, 40), ("2",)),
    ("sprint-80x24.svg", (80, 24), ("2",)),
    ("reports.svg", (120, 40), ("5",)),
    ("cumulative-flow.svg", (120, 40), ("5", "f")),
    ("cycle-time.svg", (120, 40), ("5", "f", "f")),
    ("card-editor.svg", (120, 40), ("l", "j", "e")),
    ("wip-override.svg", (120, 40), ("L",)),
    ("filter.svg", (120, 40), ("slash", "commercial_at", "c", "h", "e", "n", "enter")),
    ("help.svg", (120, 40), ("question_mark",)),
    ("activity.svg", (120, 40), ("6",)),
    ("activity-80x24.svg", (80, 24), ("6",)),
    ("card-history.svg", (120, 40), ("l", "l", "i")),
    ("backlog.svg", (120, 40), ("3",)),
    ("backlog-80x24.svg", (80, 24), ("3",)),
    ("complete-sprint.svg", (120, 40), ("3", "C", "n", "s")),
    ("risks.svg", (120, 40), ("4",)),
    ("risks-80x24.svg", (80, 24), ("4",)),
    ("risk-map.svg", (120, 40), ("4", "r", "tab", "down", "down", "down", "left", "left", "enter")),
    ("risk-details.svg", (120, 40), ("4", "v")),
    ("risk-editor.svg", (120, 40), ("4", "e")),
]


async def shoot(ctx: Context, out: Path, name: str, size: tuple[int, int], keys: Sequence[str]):
    app = create_app(ctx, "WEB", config=STILL)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        for key in keys:
            await pilot.press(key)
            await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        app.save_screenshot(name, str(out))


async def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        database = Database.open(Path(tmp) / "demo.db")
        ctx = Context(database, actor="alice", clock=lambda: NOW)
        demo.fill(ctx, NOW.date())
        for name, size, keys in SHOTS:
            await shoot(ctx, out, name, size, keys)
            print(out / name)
        database.close()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path(__file__).parent.parent / "screenshots")
    asyncio.run(main(parser.parse_args().out))
