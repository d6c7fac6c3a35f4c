"""Measure start-up, key round trips, memory and the command line at scale.

    python bench/run.py                 # 10,000 cards (the targets' size)
    python bench/run.py --cards 1000 --runs 3 --samples 20
    python bench/run.py --db postgresql://postgres@127.0.0.1:5432/test   # on a server

With ``--db`` the boards live on that PostgreSQL server instead of in files:
the bench creates two databases of its own there (the URL's database is only
where it connects to create them) and drops them at the end.

The TUI runs as a real process in a pseudo-terminal (120x40), as a person
starts it: the clock runs from spawning ``kanban`` until the board's column
headers with their counts are on screen.

Key round trips run from writing a key until its frame has been read back
from the terminal. Three kinds, alternated in one session so that load on a
shared machine falls on all alike:

- the floor, a no-op key: ``j`` steps the cursor to the next card, which
  touches no database; done when the cursor mark is on another card;
- a focus step, for comparison: ``l`` and ``h`` move the focus to the next
  column and back, no database either (a move's cursor follows the card, so a
  move changes focus too);
- a move: ``L`` (then ``H``) moves the focused card one column, done when
  both headers show the new counts and the cursor is on the moved card in its
  new column; the database must hold the move (checked at the end).

The first five rounds are a warm-up, left out. Figures are medians and 90th percentiles;
absolute figures drift by a third between runs on a shared box, so read the
ratios, which come from one run.
"""

from __future__ import annotations

import argparse
import codecs
import fcntl
import os
import platform
import pty
import re
import select
import shutil
import signal
import sqlite3
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from importlib.metadata import version as package_version
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from build_board import build  # noqa: E402
from sqlalchemy import text as sql  # noqa: E402

from kanban_tui.storage.database import Database  # noqa: E402
from kanban_tui.storage.server_url import ServerUrl  # noqa: E402

ANSI = re.compile(rb"\x1b\[[0-9;?<>=$]*[ -/]*[@-~]|\x1b[()][0-9A-Za-z]|\x1b[=>]|\x1b\][^\x07]*\x07")
KANBAN = [sys.executable, "-m", "kanban_tui"]
BOARD = "BIG"  # the board build_board makes
CURSOR = "▌ "  # the edge mark of the focused card (CardList._render_card)

PAINT_TARGET = 1.2  # first paint at 10,000 cards, times the empty board (issue 9)
MOVE_TARGET = 2.0  # a move, times the no-op key (issues 9 and 13)


class Terminal:
    """A child process on a pseudo-terminal, with its output as plain text."""

    def __init__(self, argv: list[str], env: dict[str, str], cols: int = 120, rows: int = 40):
        self.started = time.perf_counter()
        self.pid, self.fd = pty.fork()
        if self.pid == 0:  # child
            os.execvpe(argv[0], argv, env)
        fcntl.ioctl(self.fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        self._carry = b""  # an escape sequence cut in two by a read
        self._decoder = codecs.getincrementaldecoder("utf-8")("replace")

    def _read(self, timeout: float) -> str | None:
        """The next output as plain text ("" if none came in ``timeout``; None at EOF).

        Escape sequences are stripped chunk by chunk, so a large frame costs
        this side little however many reads it takes.
        """
        ready, _, _ = select.select([self.fd], [], [], timeout)
        if not ready:
            return ""
        try:
            chunk = os.read(self.fd, 1 << 16)
        except OSError:
            return None
        if not chunk:
            return None
        data = self._carry + chunk
        cut = data.rfind(b"\x1b")
        if cut >= 0 and len(data) - cut < 64 and not ANSI.match(data, cut):
            data, self._carry = data[:cut], data[cut:]
        else:
            self._carry = b""
        return self._decoder.decode(ANSI.sub(b"", data))

    def wait_for(self, *patterns: str, timeout: float = 60.0) -> str:
        """Read until every regex in ``patterns`` has appeared in new output; that output."""
        end = time.perf_counter() + timeout
        regexes = [re.compile(pattern) for pattern in patterns]
        text = ""
        while (left := end - time.perf_counter()) > 0:
            new = self._read(min(left, 0.05))
            if new is None:
                break
            if new:
                text += new
                if all(regex.search(text) for regex in regexes):
                    return text
        raise TimeoutError(f"{patterns!r} did not appear; last output: {text[-400:]!r}")

    def settle(self, quiet: float = 0.1, limit: float = 2.0) -> str:
        """Read until the app has been silent for ``quiet`` seconds; the text read."""
        text = ""
        end = time.perf_counter() + limit
        while time.perf_counter() < end:
            new = self._read(quiet)
            if not new:
                break
            text += new
        return text

    def send(self, keys: str) -> None:
        os.write(self.fd, keys.encode())

    def peak_rss_mib(self) -> float:
        for line in Path(f"/proc/{self.pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
        return float("nan")

    def close(self) -> None:
        try:
            os.kill(self.pid, signal.SIGTERM)
            os.waitpid(self.pid, 0)
        except (ProcessLookupError, ChildProcessError):
            pass
        os.close(self.fd)


Target = Path | ServerUrl
"""Where a board lives: a file, or a database on a server."""


def where(db: Target) -> str:
    return db.url if isinstance(db, ServerUrl) else str(db)


def tui_env(db: Target) -> dict[str, str]:
    env = dict(os.environ, TERM="xterm-256color", COLORTERM="truecolor", KANBAN_DB=where(db))
    env.setdefault("KANBAN_USER", "bench")
    # The runs remember their boards in a state folder of their own, never the
    # person's (nor read their config): a folder beside the bench's boards.
    home = Path(tempfile.gettempdir()) / f"kanban-bench-home-{os.getpid()}"
    for name, sub in (("XDG_CONFIG_HOME", "config"), ("XDG_STATE_HOME", "state")):
        env[name] = str(home / sub)
    return env


def first_paint(db: Target, header: str) -> tuple[float, float]:
    """(seconds to the painted board, peak MiB) for one start."""
    term = Terminal([*KANBAN, "--db", where(db)], tui_env(db))
    try:
        term.wait_for(header)
        seconds = time.perf_counter() - term.started
        time.sleep(0.3)
        return seconds, term.peak_rss_mib()
    finally:
        term.close()


@dataclass
class RoundTrips:
    noop: list[float]
    focus: list[float]
    move: list[float]


def focused_card(text: str) -> str:
    """The number of the card under the cursor mark, last drawn in ``text``."""
    found = re.findall(rf"{CURSOR}{BOARD}-(\d+) ", text)
    if not found:
        raise RuntimeError(f"no focused card on screen: {text[-400:]!r}")
    return found[-1]


def round_trips(db: Target, samples: int, per_column: int, warmup: int = 5) -> RoundTrips:
    """Key round trips in one session, alternated, after ``warmup`` rounds.

    Each round: ``j`` (the floor: the cursor to the next card), ``l`` and ``h``
    (focus to the next column and back, no database), then ``L`` or ``H``
    (the focused card one column right or left; the cursor follows it, so a
    move changes focus too). The counts of To Do and In Progress swing by one
    and back.
    """
    term = Terminal([*KANBAN, "--db", where(db)], tui_env(db))
    trips = RoundTrips([], [], [])
    text = ""

    def press(key: str, *patterns: str) -> float:
        """Seconds from writing ``key`` until ``patterns`` are on screen."""
        nonlocal text
        start = time.perf_counter()
        term.send(key)
        text = term.wait_for(*patterns, timeout=10)
        seconds = time.perf_counter() - start
        text += term.settle()  # the frame's tail, before the next key
        return seconds

    def elsewhere() -> str:
        """The cursor mark on another card than now."""
        return rf"{CURSOR}{BOARD}-(?!{focused_card(text)} )\d+ "

    try:
        text = term.wait_for(rf"To Do {per_column}\b", rf"{CURSOR}{BOARD}-\d+ ")
        text += term.settle()
        todo, doing = per_column, per_column
        for round_ in range(warmup + samples):
            noop = press("j", elsewhere())
            focus = [press("l", elsewhere()), press("h", elsewhere())]
            card = focused_card(text)
            if round_ % 2 == 0:
                todo, doing, key = todo - 1, doing + 1, "L"
            else:
                todo, doing, key = todo + 1, doing - 1, "H"
            # Three patterns, not one: a partial repaint draws each header on its own.
            move = press(
                key, rf"To Do {todo}\b", rf"In Progress {doing}\b", rf"{CURSOR}{BOARD}-{card} "
            )
            if round_ >= warmup:
                trips.noop.append(noop)
                trips.focus.extend(focus)
                trips.move.append(move)
        database = Database.open(db)
        with database.read() as session:
            committed = session.execute(
                sql(
                    "SELECT count(*) FROM card JOIN board_column c ON c.id = card.column_id "
                    "WHERE c.name = 'To Do'"
                )
            ).scalar_one()
        database.close()
        assert committed == todo, (committed, todo)
    finally:
        term.close()
    return trips


def command(argv: list[str], db: Target) -> float:
    start = time.perf_counter()
    subprocess.run(argv, check=True, stdout=subprocess.DEVNULL, env=tui_env(db))
    return time.perf_counter() - start


def textual_imported(db: Target) -> bool:
    code = (
        "import sys; from kanban_tui.__main__ import main\n"
        "try:\n    main(['card', 'list', '--json'])\nexcept SystemExit:\n    pass\n"
        "print('textual' in sys.modules, file=sys.stderr)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        env=tui_env(db),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        check=True,
    )
    return result.stderr.strip().endswith("True")


def p90(values: list[float]) -> float:
    return statistics.quantiles(values, n=10, method="inclusive")[-1]


def ms(values: list[float]) -> str:
    return f"{statistics.median(values) * 1000:.0f} ms median, {p90(values) * 1000:.0f} ms p90"


def conditions(started: float, load_before: float, server: Server | None = None) -> str:
    return (
        f"{datetime.now():%Y-%m-%d %H:%M}, {time.perf_counter() - started:.0f} s; "
        f"{os.cpu_count()} cores, load average {load_before:.1f} before, "
        f"{os.getloadavg()[0]:.1f} after (1 min); "
        f"Python {platform.python_version()}, textual {package_version('textual')}, "
        + (f"PostgreSQL {server.version()}" if server else f"SQLite {sqlite3.sqlite_version}")
    )


def main() -> None:
    parser = argparse.ArgumentParser(description="kanban benchmarks")
    parser.add_argument("--cards", type=int, default=10_000, help="cards on the board")
    parser.add_argument("--runs", type=int, default=7, help="starts of each board")
    parser.add_argument(
        "--samples", type=int, default=60, help="rounds of no-op key, focus steps and move"
    )
    parser.add_argument(
        "--db",
        metavar="URL",
        help="a postgresql:// server to measure on (it must allow CREATE DATABASE)",
    )
    args = parser.parse_args()
    if args.cards < 8:
        parser.error("--cards must be at least 8 (two cards in each column)")
    started, load_before = time.perf_counter(), os.getloadavg()[0]
    work = Path(tempfile.mkdtemp(prefix="kanban-bench-"))
    server = Server(args.db) if args.db else None
    try:
        big: Target
        empty: Target
        if server is None:
            big, empty = work / "big.db", work / "empty.db"
        else:
            big, empty = server.database("big"), server.database("empty")
        build(big, args.cards)
        build(empty, 0)
        per_column = args.cards // 4
        paint_runs: list[tuple[float, float]] = []
        empty_runs: list[tuple[float, float]] = []
        for _ in range(args.runs):  # alternated, like the keys
            paint_runs.append(first_paint(big, rf"To Do {per_column}\b"))
            empty_runs.append(first_paint(empty, r"To Do 0\b"))
        paint = statistics.median(seconds for seconds, _ in paint_runs)
        paint_empty = statistics.median(seconds for seconds, _ in empty_runs)
        memory = max(mib for _, mib in paint_runs)
        trips = round_trips(big, args.samples, per_column)
        floor, move = statistics.median(trips.noop), statistics.median(trips.move)
        list_json = statistics.median(
            command([*KANBAN, "card", "list", "--json"], big) for _ in range(args.runs)
        )
        version = statistics.median(command([*KANBAN, "--version"], big) for _ in range(args.runs))
        cards = f"{args.cards:,} cards"
        rows = [
            ("first painted board, empty", f"{paint_empty:.2f} s", ""),
            (f"first painted board, {cards}", f"{paint:.2f} s", ""),
            (
                f"first paint, {cards}, vs the empty board",
                f"{paint / paint_empty:.2f}x",
                verdict(round(paint / paint_empty, 2), PAINT_TARGET),
            ),
            (f"peak memory, {cards}", f"{memory:.0f} MiB", ""),
            ("no-op key (`j`: cursor to the next card), the floor", ms(trips.noop), ""),
            (
                "focus step (`l`, `h`: cursor to the next column), no database",
                f"{ms(trips.focus)} ({statistics.median(trips.focus) / floor:.1f}x the floor)",
                "",
            ),
            (f"move one card (key to repaint, committed), {cards}", ms(trips.move), ""),
            (
                "move vs the no-op floor",
                f"{move / floor:.1f}x median, {p90(trips.move) / p90(trips.noop):.1f}x p90",
                verdict(round(move / floor, 1), MOVE_TARGET),
            ),
            (f"`kanban card list --json`, {cards}", f"{list_json:.2f} s", ""),
            ("`kanban --version`", f"{version:.2f} s", ""),
            ("command line imports Textual", "yes" if textual_imported(big) else "no", ""),
        ]
        print_table(("what", "figure", "target"), rows)
        print(
            f"\n{args.runs} starts of each board; {len(trips.noop)} no-op keys, "
            f"{len(trips.focus)} focus steps and {len(trips.move)} moves, alternated in one "
            f"session; {conditions(started, load_before, server)}."
        )
    finally:
        shutil.rmtree(work, ignore_errors=True)
        shutil.rmtree(Path(tempfile.gettempdir()) / f"kanban-bench-home-{os.getpid()}", True)
        if server is not None:
            server.drop()


class Server:
    """Databases of the bench's own on a PostgreSQL server, dropped at the end."""

    def __init__(self, url: str) -> None:
        self.admin = ServerUrl.parse(url)
        self.made: list[str] = []

    def _run(self, sql: str) -> None:
        import psycopg

        with psycopg.connect(self.admin.url, autocommit=True) as conn:
            conn.execute(sql.encode())

    def database(self, tag: str) -> ServerUrl:
        name = f"kanban_bench_{tag}_{os.getpid()}"
        self._run(f'DROP DATABASE IF EXISTS "{name}"')
        self._run(f'CREATE DATABASE "{name}"')
        self.made.append(name)
        return ServerUrl.parse(self.admin.url.rsplit("/", 1)[0] + "/" + name)

    def version(self) -> str:
        import psycopg

        with psycopg.connect(self.admin.url) as conn:
            row = conn.execute("SHOW server_version").fetchone()
        return str(row[0]).split()[0] if row else "?"

    def drop(self) -> None:
        for name in self.made:
            self._run(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def verdict(ratio: float, target: float) -> str:
    """Whether ``ratio``, rounded as printed, is within ``target``."""
    return f"at most {target:g}x: {'met' if ratio <= target else 'MISSED'}"


def print_table(header: tuple[str, ...], rows: Sequence[tuple[str, ...]]) -> None:
    widths = [max(len(row[i]) for row in (header, *rows)) for i in range(len(header))]
    for index, row in enumerate((header, *rows)):
        print("| " + " | ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)) + " |")
        if index == 0:
            print("|" + "|".join("-" * (w + 2) for w in widths) + "|")


if __name__ == "__main__":
    main()
