"""``kanban db copy``: a whole database, or one board, into another
(a team's file onto a PostgreSQL server, or back). The service is
services/db_copy.py."""

from __future__ import annotations

import argparse
from typing import Any

from .. import paths
from . import output
from .common import UsageError, examples
from .declare import command, command_group


def register(commands: Any) -> None:
    actions = command_group(
        commands,
        "db",
        parents=[],  # copy names its databases (SOURCE, TARGET): no --db here
        help="copy boards between databases (a file and a PostgreSQL server)",
        description="Work on whole databases.",
        epilog=examples(
            "kanban db copy team.db postgresql://kanban@db.example.org/team",
        ),
    )
    copy = command(
        actions,
        "copy",
        run_copy,
        parents=[],
        help="copy every board (or one) from SOURCE into TARGET",
        description="""Copy every board of SOURCE into TARGET: cards, comments, sprints, risks and
        the whole activity log, with their keys, versions and history, in one transaction. Each is
        a file path or a postgresql:// URL. TARGET may be a new file (created), an empty PostgreSQL
        database (the schema is created) or a database holding other boards; a board whose key
        TARGET holds already is refused, and then nothing is copied. The rows are counted and each
        board's export compared on both sides before the copy is kept. SOURCE is only read.""",
        epilog=examples(
            """
            kanban db copy ~/.local/share/kanban/kanban.db postgresql://kanban@db/team
            kanban db copy postgresql://kanban@db/team ./team.db
            kanban db copy team.db other.db --board WEB
            """
        ),
    )
    copy.add_argument("source", metavar="SOURCE", help="the database to copy from")
    copy.add_argument("target", metavar="TARGET", help="the database to copy into")
    copy.add_argument(
        "--board",
        metavar="KEY",
        default=argparse.SUPPRESS,
        help="copy only this board (default: every board)",
    )


def run_copy(args: argparse.Namespace) -> int:
    from ..services import db_copy

    if getattr(args, "db", None) is not None:
        raise UsageError("db copy names its databases as SOURCE and TARGET; --db does not apply")
    source = paths.db_location(args.source, "SOURCE")
    target = paths.db_location(args.target, "TARGET")
    done = db_copy.copy_database(source, target, getattr(args, "board", None))
    output.write(output.safe(done.sentence()))
    return 0
