"""Measure start-up, card moves, memory and the command line at scale.

    python bench/run.py                 # 10,000 cards (the targets' size)
    python bench/run.py --cards 1000 --runs 3

The TUI runs as a real process in a pseudo-terminal (120x40), as a person
starts it: the clock runs from spawning ``kanban`` until the board's column
headers with their counts are on screen, and a move runs from writing the key
until the headers show the new counts and the database holds the move.
Figures are medians; expect a third of drift between runs on a shared box.
"""

from __future__ import annotations

import argparse
import fcntl
import os
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
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from build_board import build  # noqa: E402

ANSI = re.compile(rb"\x1b\[[0-9;?<>=$]*[ -/]*[@-~]|\x1b[()][0-9A-Za-z]|\x1b[=>]|\x1b\][^\x07]*\x07")
KANBAN = [sys.executable, "-m", "kanban_tui"]


class Terminal:
    """A child process on a pseudo-terminal, with its output as plain text."""

    def __init__(self, argv: list[str], env: dict[str, str], cols: int = 120, rows: int = 40):
        self.started = time.perf_counter()
        self.pid, self.fd = pty.fork()
        if self.pid == 0:  # child
            os.execvpe(argv[0], argv, env)
        fcntl.ioctl(self.fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        self.text = ""

    def wait_for(self, pattern: str, timeout: float = 60.0) -> float:
        """Seconds from now until ``pattern`` (a regex) appears in new output."""
        start = time.perf_counter()
        seen = b""
        regex = re.compile(pattern)
        while time.perf_counter() - start < timeout:
            ready, _, _ = select.select([self.fd], [], [], 0.05)
            if ready:
                try:
                    chunk = os.read(self.fd, 1 << 16)
                except OSError:
                    break
                seen += chunk
                text = ANSI.sub(b"", seen).decode("utf-8", "replace")
                if regex.search(text):
                    self.text = text
                    return time.perf_counter() - start
        raise TimeoutError(f"{pattern!r} did not appear; last output: {seen[-400:]!r}")

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


def tui_env(db: Path) -> dict[str, str]:
    env = dict(os.environ, TERM="xterm-256color", COLORTERM="truecolor", KANBAN_DB=str(db))
    env.setdefault("KANBAN_USER", "bench")
    return env


def first_paint(db: Path, header: str) -> tuple[float, float]:
    """(seconds to the painted board, peak MiB) for one start."""
    term = Terminal([*KANBAN, "--db", str(db)], tui_env(db))
    try:
        term.wait_for(header)
        seconds = time.perf_counter() - term.started
        time.sleep(0.3)
        return seconds, term.peak_rss_mib()
    finally:
        term.close()


def moves(db: Path, count: int, per_column: int) -> list[float]:
    """Key press to repaint for ``count`` moves of the focused To Do card (L then H)."""
    term = Terminal([*KANBAN, "--db", str(db)], tui_env(db))
    times = []
    try:
        term.wait_for(rf"To Do {per_column}\b")
        time.sleep(0.5)
        todo, doing = per_column, per_column
        for i in range(count):
            if i % 2 == 0:
                todo, doing = todo - 1, doing + 1
                key = "L"
            else:
                todo, doing = todo + 1, doing - 1
                key = "H"
            start = time.perf_counter()
            term.send(key)
            term.wait_for(rf"To Do {todo}\b.*In Progress {doing}\b", timeout=10)
            times.append(time.perf_counter() - start)
            time.sleep(0.1)
        with sqlite3.connect(db) as conn:
            committed = conn.execute(
                "SELECT count(*) FROM card JOIN board_column c ON c.id = card.column_id "
                "WHERE c.name = 'To Do'"
            ).fetchone()[0]
        assert committed == todo, (committed, todo)
    finally:
        term.close()
    return times


def command(argv: list[str], db: Path) -> float:
    start = time.perf_counter()
    subprocess.run(argv, check=True, stdout=subprocess.DEVNULL, env=tui_env(db))
    return time.perf_counter() - start


def textual_imported(db: Path) -> bool:
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


def main() -> None:
    parser = argparse.ArgumentParser(description="kanban benchmarks")
    parser.add_argument("--cards", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--moves", type=int, default=20)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="kanban-bench-"))
    try:
        big, empty = work / "big.db", work / "empty.db"
        build(big, args.cards)
        build(empty, 0)
        per_column = args.cards // 4
        big_runs = [first_paint(big, rf"To Do {per_column}\b") for _ in range(args.runs)]
        empty_runs = [first_paint(empty, r"To Do 0\b") for _ in range(args.runs)]
        paint = statistics.median(s for s, _ in big_runs)
        paint_empty = statistics.median(s for s, _ in empty_runs)
        memory = max(m for _, m in big_runs)
        move_times = moves(big, args.moves, per_column)
        list_json = statistics.median(
            command([*KANBAN, "card", "list", "--json"], big) for _ in range(args.runs)
        )
        version = statistics.median(command([*KANBAN, "--version"], big) for _ in range(args.runs))
        rows = [
            ("first painted board, empty", f"{paint_empty:.2f} s"),
            (f"first painted board, {args.cards:,} cards", f"{paint:.2f} s"),
            ("ratio to empty", f"{paint / paint_empty:.2f}x"),
            (f"peak memory, {args.cards:,} cards", f"{memory:.0f} MiB"),
            (
                f"move one card (key to repaint, committed), {args.cards:,} cards",
                f"{statistics.median(move_times) * 1000:.0f} ms median, "
                f"{sorted(move_times)[int(len(move_times) * 0.9) - 1] * 1000:.0f} ms p90",
            ),
            (f"`kanban card list --json`, {args.cards:,} cards", f"{list_json:.2f} s"),
            ("`kanban --version`", f"{version:.2f} s"),
            ("command line imports Textual", "yes" if textual_imported(big) else "no"),
        ]
        width = max(len(name) for name, _ in rows)
        print(f"| {'what'.ljust(width)} | figure |")
        print(f"|{'-' * (width + 2)}|--------|")
        for name, value in rows:
            print(f"| {name.ljust(width)} | {value} |")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
