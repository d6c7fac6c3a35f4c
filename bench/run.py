"""Measure start-up, key round trips, memory and the command line at scale.

    python bench/run.py                 # 10,000 cards (the targets' size)
    python bench/run.py --cards 1000 --runs 3 --samples 20
    python bench/run.py --cards 100000 --events 1000000   # issue 13's scale
    python bench/run.py --db postgresql://postgres@127.0.0.1:5432/test   # on a server

Each figure is printed beside its target, as a ratio where the target is one.
Past 10,000 cards a 10,000-card board is measured too, for the memory
target (at most 1.2x its peak). ``--events N`` adds N events to the big
board's log (a year of moves) for the Activity screen (first page within
1.2x of the empty board's) and the reports (under 1 s). ``card list --json``
is held to the ``sqlite3`` shell printing the same rows as JSON (``sqlite3
-json FILE 'select * from card'``; on a server ``psql`` with
``row_to_json``), measured in the same run: the shell must be installed
(``apt-get install sqlite3``), else that row says so.

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

Each start of a board also opens the Activity (``6``) and Backlog (``3``)
screens, timed from the key to their first rows; the peak memory is read
before.

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
from build_board import add_events, build  # noqa: E402
from sqlalchemy import text as sql  # noqa: E402

from kanban_tui.storage.database import Database  # noqa: E402
from kanban_tui.storage.server_url import ServerUrl  # noqa: E402

ANSI = re.compile(rb"\x1b\[[0-9;?<>=$]*[ -/]*[@-~]|\x1b[()][0-9A-Za-z]|\x1b[=>]|\x1b\][^\x07]*\x07")
KANBAN = [sys.executable, "-m", "kanban_tui"]
BOARD = "BIG"  # the board build_board makes
CURSOR = "▌ "  # the edge mark of the focused card (CardList._render_card)

PAINT_TARGET = 1.15  # first paint, times the empty board (issue 13; 1.2 at 10,000 in issue 9)
MOVE_TARGET = 2.0  # a move, times the no-op key (issues 9 and 13)
MEMORY_TARGET = 1.2  # peak memory, times the 10,000-card board's (issue 13)
LIST_TARGET = 4.0  # `card list --json`, times the database's shell printing the rows as JSON
LIST_SCALE = 100_000  # ... at this many cards (issue 13); below, the start-up weighs more
SCREEN_TARGET = 1.2  # Activity and Backlog, times the empty board's (issue 13)
REPORTS_TARGET = 1.0  # seconds to read the Reports screen's figures (issue 13)
SCROLL_TARGET = 0.1  # seconds for `G` and for `g` in a column (issue 13; bench/scroll.py)
REFERENCE = 10_000  # the board the memory target compares with
REPORT_EVENTS = 300_000  # the reports' target is for a log of this size (issue 13)
PAGE_LOG = 600
"""With ``--events``, the empty board's log: more than the Activity screen's
first page (500), so that both boards draw a full screen of events and the
ratio shows what the size of the log costs, not what drawing rows does."""


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
    # An installed kanban starts from compiled bytecode: a development shell
    # that forbids writing it would have every run compile the package again.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.setdefault("KANBAN_USER", "bench")
    # The runs remember their boards in a state folder of their own, never the
    # person's (nor read their config): a folder beside the bench's boards.
    home = Path(tempfile.gettempdir()) / f"kanban-bench-home-{os.getpid()}"
    for name, sub in (("XDG_CONFIG_HOME", "config"), ("XDG_STATE_HOME", "state")):
        env[name] = str(home / sub)
    return env


@dataclass
class Start:
    """One start of the TUI on a board: the first paint, its peak memory, and
    the seconds from a key to each screen's first rows."""

    paint: float
    memory: float
    screens: dict[str, float]


SCREENS = {"activity": "6", "backlog": "3"}
"""The screens a start opens, by their keys."""


def screen_patterns(log: bool, cards: bool) -> dict[str, tuple[str, ...]]:
    """What shows that a screen's rows are on screen: the newest event of the
    bench's log (without one, the board's creation), a backlog card (without
    cards, only the keys of the Backlog's footer)."""
    return {
        "activity": (r"moved BIG-\d+ from",) if log else (r"created the board",),
        "backlog": (r"> Sprint", rf"{BOARD}-\d+ ") if cards else (r"> Sprint",),
    }


def first_paint(
    db: Target, header: str, patterns: dict[str, tuple[str, ...]] | None = None
) -> Start:
    """One start: seconds to the painted board, peak MiB, then each screen."""
    term = Terminal([*KANBAN, "--db", where(db)], tui_env(db))
    try:
        term.wait_for(header)
        seconds = time.perf_counter() - term.started
        time.sleep(0.3)
        start = Start(seconds, term.peak_rss_mib(), {})
        if patterns is None:
            return start
        term.settle()
        for name, shown in patterns.items():
            began = time.perf_counter()
            term.send(SCREENS[name])
            term.wait_for(*shown, timeout=120)
            start.screens[name] = time.perf_counter() - began
            term.settle()
            term.send("1")  # back to the board
            term.settle(quiet=0.3)
        return start
    finally:
        term.close()


def reports_seconds(db: Target, runs: int) -> float:
    """Median seconds to read everything the Reports screen shows
    (``screens/reports/state.read_reports``), in a process of its own."""
    code = (
        "import sys, time, statistics\n"
        "from kanban_tui.services import Context\n"
        "from kanban_tui.storage.database import Database\n"
        "from kanban_tui.storage.server_url import ServerUrl\n"
        "from kanban_tui.screens.reports.state import read_reports\n"
        "at = sys.argv[1]\n"
        "db = Database.open(ServerUrl.parse(at) if '://' in at else at, create=False)\n"
        "ctx = Context(db, actor='bench')\n"
        "times = []\n"
        f"for _ in range({runs}):\n"
        "    began = time.perf_counter()\n"
        f"    read_reports(ctx, {BOARD!r}, None)\n"
        "    times.append(time.perf_counter() - began)\n"
        "print(statistics.median(times))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, where(db)],
        env=tui_env(db),
        capture_output=True,
        text=True,
        check=True,
    )
    return float(result.stdout.split()[-1])


def shell_json(db: Target, table: str = "card") -> list[str] | None:
    """The database's own shell printing every row of ``table`` as JSON, or
    None when that shell is not installed."""
    if isinstance(db, ServerUrl):
        if shutil.which("psql") is None:
            return None
        return ["psql", db.url, "-Atc", f"SELECT row_to_json({table}) FROM {table}"]
    if shutil.which("sqlite3") is None:
        return None
    return ["sqlite3", "-json", str(db), f"SELECT * FROM {table}"]


def scroll_figures(db: Target) -> tuple[float, float] | None:
    """Seconds for ``G`` and for ``g`` in the first column of the board, from
    bench/scroll.py (``scroll_times``, median milliseconds of five of each)."""
    from scroll import scroll_times

    down, up = scroll_times(db, BOARD)
    return down / 1000, up / 1000


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
        text = term.wait_for(rf"To Do {per_column:,}\b", rf"{CURSOR}{BOARD}-\d+ ")
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
                key, rf"To Do {todo:,}\b", rf"In Progress {doing:,}\b", rf"{CURSOR}{BOARD}-{card} "
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
    parser.add_argument(
        "--events", type=int, default=0, help="events to add to the board's log (a year of moves)"
    )
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
    if args.events < 0:
        parser.error("--events must be 0 or more")
    started, load_before = time.perf_counter(), os.getloadavg()[0]
    work = Path(tempfile.mkdtemp(prefix="kanban-bench-"))
    server = Server(args.db) if args.db else None
    try:
        run(args, work, server, started, load_before)
    finally:
        shutil.rmtree(work, ignore_errors=True)
        shutil.rmtree(Path(tempfile.gettempdir()) / f"kanban-bench-home-{os.getpid()}", True)
        if server is not None:
            server.drop()


def run(
    args: argparse.Namespace, work: Path, server: Server | None, started: float, load: float
) -> None:
    def board(tag: str, cards: int) -> Target:
        target: Target = work / f"{tag}.db" if server is None else server.database(tag)
        began = time.perf_counter()
        build(target, cards)
        print(f"built {tag}: {cards:,} cards in {time.perf_counter() - began:.1f} s", flush=True)
        return target

    big, empty = board("big", args.cards), board("empty", 0)
    reference = board("reference", REFERENCE) if args.cards != REFERENCE else None
    if args.events:
        began = time.perf_counter()
        add_events(big, args.events, args.cards)
        add_events(empty, PAGE_LOG, 0)
        print(f"logged {args.events:,} events in {time.perf_counter() - began:.1f} s", flush=True)
    log = bool(args.events)
    report_board, report_events = big, args.events
    if args.events:  # a board of its own, its cards where their log leaves them
        report_board, report_events = board("reports", args.cards), min(args.events, REPORT_EVENTS)
        add_events(report_board, report_events, args.cards, settle=True)
    per_column = args.cards // 4
    big_runs: list[Start] = []
    empty_runs: list[Start] = []
    reference_runs: list[Start] = []
    for _ in range(args.runs):  # alternated, like the keys
        big_runs.append(first_paint(big, rf"To Do {per_column:,}\b", screen_patterns(log, True)))
        empty_runs.append(first_paint(empty, r"To Do 0\b", screen_patterns(log, False)))
        if reference is not None:
            reference_runs.append(
                first_paint(reference, rf"To Do {REFERENCE // 4:,}\b", screen_patterns(False, True))
            )
    paint = statistics.median(start.paint for start in big_runs)
    paint_empty = statistics.median(start.paint for start in empty_runs)
    memory = max(start.memory for start in big_runs)
    memory_reference = max((start.memory for start in reference_runs), default=memory)

    def screen(name: str, runs: list[Start]) -> float:
        return statistics.median(start.screens[name] for start in runs)

    trips = round_trips(big, args.samples, per_column)
    floor, move = statistics.median(trips.noop), statistics.median(trips.move)
    list_json = statistics.median(
        command([*KANBAN, "card", "list", "--json"], big) for _ in range(args.runs)
    )
    shell = shell_json(big)
    list_shell = statistics.median(command(shell, big) for _ in range(args.runs)) if shell else None
    version = statistics.median(command([*KANBAN, "--version"], big) for _ in range(args.runs))
    whole_log = [*KANBAN, "log", "--json", "--limit", str(args.events + PAGE_LOG)]
    log_json = statistics.median(command(whole_log, big) for _ in range(args.runs)) if log else None
    event_shell = shell_json(big, "event")
    log_shell = (
        statistics.median(command(event_shell, big) for _ in range(args.runs))
        if event_shell and log
        else None
    )
    reports = reports_seconds(report_board, args.runs)
    scroll = scroll_figures(big)
    cards = f"{args.cards:,} cards"
    events = f"{args.events:,} events"
    activity, activity_empty = screen("activity", big_runs), screen("activity", empty_runs)
    backlog, backlog_empty = screen("backlog", big_runs), screen("backlog", empty_runs)
    unplanned = args.cards - args.cards // 4  # every card not in Done
    rows = [
        ("first painted board, empty", f"{paint_empty:.2f} s", ""),
        (f"first painted board, {cards}", f"{paint:.2f} s", ""),
        (
            f"first paint, {cards}, vs the empty board",
            f"{paint / paint_empty:.2f}x",
            verdict(round(paint / paint_empty, 2), PAINT_TARGET),
        ),
        (f"peak memory, {cards}", f"{memory:.0f} MiB", ""),
        *(
            [
                (f"peak memory, {REFERENCE:,} cards", f"{memory_reference:.0f} MiB", ""),
                (
                    f"peak memory, {cards}, vs {REFERENCE:,} cards",
                    f"{memory / memory_reference:.2f}x",
                    verdict(round(memory / memory_reference, 2), MEMORY_TARGET),
                ),
            ]
            if reference is not None
            else []
        ),
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
        (
            "`G` then `g` in a column (bench/scroll.py)",
            f"{scroll[0] * 1000:.0f} ms, {scroll[1] * 1000:.0f} ms" if scroll else "not measured",
            f"at most {SCROLL_TARGET * 1000:.0f} ms each"
            + (f": {'met' if max(scroll) <= SCROLL_TARGET else 'MISSED'}" if scroll else ""),
        ),
        (
            "Activity screen (key to first rows), empty board"
            + (f", {PAGE_LOG} events" if log else ", no events"),
            f"{activity_empty:.2f} s",
            "",
        ),
        (f"Activity screen, {cards}, {events} more", f"{activity:.2f} s", ""),
        (
            "Activity screen vs the empty board's",
            f"{activity / activity_empty:.2f}x",
            verdict(round(activity / activity_empty, 2), SCREEN_TARGET),
        ),
        ("Backlog screen (key to first rows), empty board", f"{backlog_empty:.2f} s", ""),
        (f"Backlog screen, {unplanned:,} unplanned cards", f"{backlog:.2f} s", ""),
        (
            "Backlog screen vs the empty board's",
            f"{backlog / backlog_empty:.2f}x",
            verdict(round(backlog / backlog_empty, 2), SCREEN_TARGET),
        ),
        *(
            [
                (
                    f"Backlog screen, {REFERENCE:,} cards ({REFERENCE - REFERENCE // 4:,} "
                    "unplanned): the same screenful of rows",
                    f"{screen('backlog', reference_runs):.2f} s",
                    "",
                ),
                (
                    f"Backlog screen, {cards} vs {REFERENCE:,} cards",
                    f"{backlog / screen('backlog', reference_runs):.2f}x",
                    "(what the board's size costs)",
                ),
            ]
            if reference_runs
            else []
        ),
        (
            f"Reports screen's figures, {cards}, {report_events:,} events more",
            f"{reports:.2f} s",
            f"under {REPORTS_TARGET:g} s: " + ("met" if reports < REPORTS_TARGET else "MISSED"),
        ),
        (f"`kanban card list --json`, {cards}", f"{list_json:.2f} s", ""),
        (
            "the same rows as JSON by the database's shell",
            f"{list_shell:.2f} s ({shell[0] if shell else ''})"
            if list_shell
            else "shell not installed (apt-get install sqlite3 / postgresql-client)",
            "",
        ),
        (
            "`card list --json` vs the shell",
            f"{list_json / list_shell:.2f}x" if list_shell else "-",
            (
                verdict(round(list_json / list_shell, 2), LIST_TARGET)
                if args.cards >= LIST_SCALE
                else f"at most {LIST_TARGET:g}x at {LIST_SCALE:,} cards (start-up counts more here)"
            )
            if list_shell
            else "",
        ),
        *(
            [
                (f"`kanban log --json`, the whole log, {events}", f"{log_json:.2f} s", ""),
                (
                    "the same event rows as JSON by the database's shell",
                    f"{log_shell:.2f} s" if log_shell else "shell not installed",
                    "",
                ),
                (
                    "`log --json` vs the shell",
                    f"{log_json / log_shell:.2f}x" if log_shell else "-",
                    verdict(round(log_json / log_shell, 2), LIST_TARGET) if log_shell else "",
                ),
            ]
            if log_json is not None
            else []
        ),
        ("`kanban --version`", f"{version:.2f} s", ""),
        ("command line imports Textual", "yes" if textual_imported(big) else "no", ""),
    ]
    print_table(("what", "figure", "target"), rows)
    print(
        f"\n{args.runs} starts of each board; {len(trips.noop)} no-op keys, "
        f"{len(trips.focus)} focus steps and {len(trips.move)} moves, alternated in one "
        f"session; {conditions(started, load, server)}."
    )


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
