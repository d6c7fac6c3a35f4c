"""Write the screenshots: every screen and dialog on the demo board, as SVG.

    python scripts/screenshots.py            # into screenshots/, about a minute
    python scripts/screenshots.py --only board,sprint --out /tmp/shots

Every shot is written at both sizes, ``NAME-120x40.svg`` and
``NAME-80x24.svg`` (a few that only differ at one size, at that size only).
SVGs in the folder that the script did not write are removed, so a renamed
or dropped shot leaves nothing stale behind (not with ``--only``).

The demo board is built once, at a fixed date and clock, in a throwaway
database; each shot runs on its own copy, after its ``setup`` (archiving a
few cards, adding comments, a second board) through the services, so no
shot sees another's changes. Time zone, settings and state folders and
Textual's environment variables are fixed too: running it twice gives the
same files, and the pictures change only when the UI or the demo data does.
"""

from __future__ import annotations

import os
import tempfile
import time

# Before Textual is imported (it reads its variables then): nothing of the
# person's terminal, settings or time zone reaches the pictures.
_UNSET = {"NO_COLOR", "FORCE_COLOR", "ESCDELAY", "COLUMNS", "LINES"}
for _name in list(os.environ):
    if _name.startswith(("TEXTUAL_", "KANBAN_")) or _name in _UNSET:
        del os.environ[_name]
_HOME = tempfile.TemporaryDirectory(prefix="kanban-shots-home-")
for _name, _sub in (
    ("XDG_DATA_HOME", "data"),
    ("XDG_CONFIG_HOME", "config"),
    ("XDG_STATE_HOME", "state"),
    ("XDG_CACHE_HOME", "cache"),
):
    os.environ[_name] = os.path.join(_HOME.name, _sub)
os.environ["TZ"] = "UTC"
os.environ["LANGUAGE"] = "C"
time.tzset()

import argparse  # noqa: E402
import asyncio  # noqa: E402
import shutil  # noqa: E402
from collections.abc import Callable, Sequence  # noqa: E402
from dataclasses import dataclass, replace  # noqa: E402
from datetime import UTC, datetime, timedelta  # noqa: E402
from pathlib import Path  # noqa: E402

import textual.screen  # noqa: E402
from textual.pilot import Pilot  # noqa: E402

from kanban_tui import demo  # noqa: E402
from kanban_tui.app import create_app  # noqa: E402
from kanban_tui.config import Config  # noqa: E402
from kanban_tui.services import Context, archive, boards, cards, comments  # noqa: E402
from kanban_tui.storage.database import Database  # noqa: E402

NOW = datetime(2026, 11, 25, 9, 30, tzinfo=UTC)
BOARD = "WEB"
WIDE, SMALL = (120, 40), (80, 24)
BOTH = (WIDE, SMALL)
ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class To:
    """In a shot's keys: the keys that move the Board's cursor to card ``key``
    (from the first card of the first column), worked out from the shot's data."""

    key: str


Setup = Callable[[Context], None]


@dataclass(frozen=True)
class Shot:
    name: str
    keys: Sequence[str | To] = ()
    setup: Setup | None = None
    sizes: tuple[tuple[int, int], ...] = BOTH
    layout: str = "auto"
    """Board cards: ``auto`` (compact under 30 rows), ``compact`` or ``full``;
    set in the config rather than with ``z``, which would save it."""
    shows: str = "BoardScreen"
    """The class of the screen on top once the keys are pressed: a shot whose
    keys no longer lead there is reported (and the script exits 1)."""


def as_person(ctx: Context, actor: str, hours_ago: float = 0) -> Context:
    """``ctx`` acting for ``actor`` at NOW minus ``hours_ago``."""
    moment = NOW - timedelta(hours=hours_ago)
    return Context(ctx.db, actor=actor, clock=lambda: moment)


def archived_cards(ctx: Context) -> None:
    """Done cards older than 14 days archived in one step; one To Do card by hand."""
    archive.archive_done_older_than(as_person(ctx, "alice", 26), BOARD, 14)
    archive.archive_cards(as_person(ctx, "dana", 2), BOARD, ["WEB-35"])


def discussion(ctx: Context) -> None:
    """A few comments on WEB-23 (the blocked card), newest last."""
    for who, hours, text in (
        ("bob", 26, "Fails about one run in five, only on CI; locally it passes every time."),
        ("chen", 22, "The login form still animates when the test clicks. Add a wait?"),
        ("emeka", 2, "Blocked until the CI runners are upgraded; picking it up after that."),
    ):
        comments.add_comment(as_person(ctx, who, hours), "WEB-23", text)


def second_board(ctx: Context) -> None:
    """A second board with a few cards, so the switcher has a choice."""
    boards.create_board(ctx, "OPS", "Operations", template="kanban")
    for title in ("Upgrade the CI runners", "Rotate the TLS certificates", "Nightly restore drill"):
        cards.add_card(ctx, board_key="OPS", title=title)


def slash_filter(text: str) -> list[str]:
    """Keys that type ``text`` into the ``/`` filter and apply it."""
    return ["slash", *text, "enter"]


SHOTS: list[Shot] = [
    # The Board: full and compact cards (compact is the default under 30 rows).
    Shot("board-full", layout="full"),
    Shot("board-compact", layout="compact"),
    Shot("filter", slash_filter("@chen")),
    Shot("wip-override", ("L",), shows="WipOverrideDialog"),
    Shot(
        "card-view",
        (To("WEB-23"), "enter"),
        setup=discussion,
        sizes=(WIDE,),
        shows="CardViewDialog",
    ),
    Shot(
        "card-view",
        (To("WEB-23"), "enter", "end"),
        setup=discussion,
        sizes=(SMALL,),
        shows="CardViewDialog",
    ),
    Shot("card-editor", (To("WEB-22"), "e"), shows="CardEditor"),
    Shot("card-history", (To("WEB-21"), "i"), shows="HistoryDialog"),
    Shot("archive", ("A",), setup=archived_cards, shows="ArchiveScreen"),
    Shot("board-settings", ("S",), shows="BoardSettings"),
    Shot("board-switcher", ("ctrl+b",), setup=second_board, shows="BoardSwitcher"),
    Shot("help", ("question_mark",), shows="HelpDialog"),
    Shot("palette", ("ctrl+p",), shows="CommandPalette"),
    # Sprints.
    Shot("sprint", ("2",), shows="SprintScreen"),
    # Folded away under 30 rows; c shows it (at 120x40 it shows already).
    Shot("sprint-burndown", ("2", "c"), sizes=(SMALL,), shows="SprintScreen"),
    Shot("backlog", ("3",), shows="BacklogScreen"),
    Shot("complete-sprint", ("3", "C", "n", "s"), shows="CompleteSprintDialog"),
    # Risks.
    Shot("risks", ("4",), shows="RiskScreen"),
    Shot(
        "risk-map",
        ("4", "r", "tab", "down", "down", "down", "left", "left", "enter"),
        shows="RiskScreen",
    ),
    Shot("risk-details", ("4", "v"), shows="RiskDetailDialog"),
    Shot("risk-editor", ("4", "e"), shows="RiskEditor"),
    # Reports: each view `f` steps through.
    Shot("reports", ("5",), shows="ReportsScreen"),
    Shot("cumulative-flow", ("5", "f"), shows="ReportsScreen"),
    Shot("cycle-time", ("5", "f", "f"), shows="ReportsScreen"),
    Shot("ageing", ("5", "f", "f", "f"), shows="ReportsScreen"),
    Shot("throughput", ("5", "f", "f", "f", "f"), shows="ReportsScreen"),
    Shot("forecast", ("l", "W", "enter"), shows="ForecastDialog"),
    # Activity.
    Shot("activity", ("6",), shows="ActivityScreen"),
]
# A frame as soon as something changed, not at 60 a second: as the tests do.
textual.screen.UPDATE_PERIOD = 1 / 1000  # type: ignore[misc]
STILL = Config(theme="textual-dark", cursor_blink=False, animations=False)


def file_name(shot: Shot, size: tuple[int, int]) -> str:
    return f"{shot.name}-{size[0]}x{size[1]}.svg"


def keys_to(ctx: Context, key: str) -> list[str]:
    """``l`` per column and ``j`` per card before ``key`` on the Board."""
    columns = boards.columns(ctx, BOARD)
    for index, column in enumerate(columns):
        found = [card.key for card in cards.list_cards(ctx, BOARD, column=column.name)]
        if key in found:
            return ["l"] * index + ["j"] * found.index(key)
    raise SystemExit(f"screenshots: {key} is not on board {BOARD}")


async def settle(pilot: Pilot) -> None:
    """Let queued messages, workers and what they posted be handled and drawn."""
    await pilot.pause()
    for _ in range(100):
        if not pilot.app.workers:
            break
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
    await pilot.pause()


async def shoot(ctx: Context, shot: Shot, size: tuple[int, int], out: Path) -> str | None:
    """Write the shot; None if all went well, else what the screen showed instead."""
    keys: list[str] = []
    for key in shot.keys:
        keys.extend(keys_to(ctx, key.key) if isinstance(key, To) else [key])
    app = create_app(ctx, BOARD, config=replace(STILL, card_layout=shot.layout))
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        for key in keys:
            await pilot.press(key)
            await settle(pilot)
        app.save_screenshot(file_name(shot, size), str(out))
        shown = type(app.screen).__name__
    if shown != shot.shows:
        return f"{file_name(shot, size)} shows {shown}, not {shot.shows}: have its keys changed?"
    return None


async def main(out: Path, only: set[str] | None) -> None:
    shots = [shot for shot in SHOTS if only is None or shot.name in only]
    unknown = (only or set()) - {shot.name for shot in SHOTS}
    if unknown:
        raise SystemExit(f"screenshots: no shot named {', '.join(sorted(unknown))}")
    out.mkdir(parents=True, exist_ok=True)
    written: set[str] = set()
    wrong: list[str] = []
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="kanban-shots-") as tmp:
        base = Path(tmp) / "demo.db"
        database = Database.open(base)
        demo.fill(Context(database, actor="alice", clock=lambda: NOW), NOW.date())
        database.close()
        for shot in shots:
            for size in shot.sizes:
                copy = Path(tmp) / "shot.db"
                shutil.copyfile(base, copy)
                database = Database.open(copy)
                try:
                    ctx = Context(database, actor="alice", clock=lambda: NOW)
                    if shot.setup is not None:
                        shot.setup(ctx)
                    problem = await shoot(ctx, shot, size, out)
                    written.add(file_name(shot, size))
                    if problem:
                        wrong.append(problem)
                finally:
                    database.close()
                    copy.unlink()
                print(out / file_name(shot, size), flush=True)
    if only is None:
        for stale in sorted(set(p.name for p in out.glob("*.svg")) - written):
            (out / stale).unlink()
            print(f"removed {out / stale}")
    print(f"{len(written)} screenshots in {time.monotonic() - started:.0f}s")
    if wrong:
        raise SystemExit("screenshots: " + "\nscreenshots: ".join(wrong))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "screenshots")
    parser.add_argument("--only", help="comma-separated shot names, e.g. board-full,sprint")
    args = parser.parse_args()
    chosen = {name.strip() for name in args.only.split(",")} if args.only else None
    try:
        asyncio.run(main(args.out, chosen))
    finally:
        _HOME.cleanup()
