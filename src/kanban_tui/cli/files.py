"""``kanban demo`` and ``kanban backup``: whole database files."""

from __future__ import annotations

import argparse
import shlex
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import paths
from ..domain.errors import RuleViolation, StorageError
from . import output
from .common import UsageError, context, db_path, examples
from .declare import command

if TYPE_CHECKING:
    from ..services.context import Context

DEMO_KEY = "WEB"


def register(commands: Any) -> None:
    command(
        commands,
        "demo",
        run_demo,
        board=False,
        help="fill a database with a sample team board, for a first look",
        description="""Add a realistic sample team board (WEB, about 40 cards with three weeks of
        history) to a database, for a first look at the TUI.""",
        epilog=examples("kanban demo --db /tmp/demo.db && kanban --db /tmp/demo.db"),
    )

    backup = command(
        commands,
        "backup",
        run_backup,
        board=False,
        help="copy the live database to a new file",
        description="""Write a consistent copy of the database, safe while others use it. PATH must
        not exist; a directory gets a dated file name inside it. On a PostgreSQL server (whose own
        backups are pg_dump's) it writes the portable JSON export instead, to a .json file that
        `kanban import` reads back.""",
        epilog=examples("kanban backup ~/backups/", "kanban backup /tmp/kanban-copy.db"),
    )
    backup.add_argument("path", metavar="PATH", help="a new file, or a directory")


def run_demo(args: argparse.Namespace) -> int:
    from .. import demo
    from ..services import boards

    path = db_path(args)
    with context(args, create=True) as ctx:
        existing = [board.key for board in boards.list_boards(ctx)]
        if DEMO_KEY in existing:
            raise RuleViolation(
                f"{path} has a board {DEMO_KEY} already; "
                f"try a new file: kanban demo --db /tmp/kanban-demo.db"
            )
        board = demo.fill(ctx, date.today(), key=DEMO_KEY)
        count = sum(column.count for column in boards.columns(ctx, board.key))
    command = ["kanban"]
    if args.db:
        command += ["--db", str(path)]
    if existing:
        command += ["--board", board.key]
    output.write(
        f'Made the demo board {board.key} "{output.safe(board.name)}" with {count} cards '
        f"in {output.safe(str(path))}; open it with: {shlex.join(command)}"
    )
    return 0


def run_backup(args: argparse.Namespace) -> int:
    target = paths.db_file(args.path, "PATH", utf8=False)
    source = db_path(args)
    if _is_dir(target):
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        if isinstance(source, Path):
            target = target / f"{source.stem}-{stamp}{source.suffix or '.db'}"
        else:
            target = target / f"{source.dbname}-{stamp}.json"
    elif not isinstance(source, Path) and target.suffix.lower() != ".json":
        raise UsageError(
            f"On a server, kanban backup writes the JSON export (restore it with kanban "
            f"import); name a .json file, not {target.name}."
        )
    with context(args) as ctx:
        # A server's own backups are pg_dump's; this writes the portable export.
        server = not isinstance(source, Path)
        written = _export_to(ctx, target) if server else ctx.db.backup(target)
    size = written.stat().st_size
    kind = "" if isinstance(source, Path) else "the JSON export of "
    output.write(
        f"Backed up {kind}{output.safe(str(source))} to {output.safe(str(written))} "
        f"({_size(size)})."
    )
    return 0


def _export_to(ctx: Context, target: Path) -> Path:
    """The JSON export of every board, written to a new file (never over one)."""
    from ..services import export

    text = export.dumps(export.export_data(ctx))
    try:
        with target.open("x", encoding="utf-8") as handle:
            handle.write(text)
    except FileExistsError:
        raise StorageError(f"{target} exists already; choose a new file for the backup.") from None
    except OSError as error:
        target.unlink(missing_ok=True)
        raise StorageError(f"Cannot write {target}: {error.strerror}.") from None
    return target


def _is_dir(path: Path) -> bool:
    try:
        return path.is_dir()
    except OSError as error:  # a folder on the way we may not enter
        raise StorageError(f"Cannot write {path}: {error.strerror}.") from None


def _size(count: float) -> str:
    for unit in ("bytes", "KB", "MB", "GB"):
        if count < 1024 or unit == "GB":
            return f"{count:.0f} {unit}" if unit == "bytes" else f"{count:.1f} {unit}"
        count /= 1024
    return f"{count:.1f} GB"
