"""``kanban board ...`` and ``kanban column ...``."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from ..domain.boards import ColumnSpec, describe
from ..domain.errors import NotFound
from . import output
from .common import board_context, context, db_path, examples, holds_nothing
from .declare import command, command_group, json_option
from .output import safe

BOARD_EPILOG = examples(
    'kanban board create WEB "Website relaunch"',
    'kanban board create OPS "Operations" --columns "Backlog,Doing:2,Done"',
    'kanban board create WEB Web --columns "Ideas,Next:todo,Doing:in_progress:3,Live"',
    "kanban board create OPS Operations --template scrum",
    'kanban board rename WEB "Website relaunch 2"',
    "kanban board rm OLD                         delete an empty board",
    "kanban board list",
    "kanban board list --json",
    "kanban board person-wip 2                   at most 2 cards in progress per person",
    "kanban board person-wip none --board OPS    remove the per-person limit",
)


def register(commands: Any) -> None:
    actions = command_group(
        commands,
        "board",
        board=False,
        help="create, rename, delete and list boards",
        description="""Create, rename, delete and list boards. A database holds any number of
        boards.""",
        epilog=BOARD_EPILOG,
    )

    create = command(
        actions,
        "create",
        run_create,
        board=False,
        help="create a board",
        description="Create a board. Its cards get keys KEY-1, KEY-2, ...",
        epilog=BOARD_EPILOG,
    )
    create.add_argument("key", metavar="KEY", help="2-10 letters and digits, e.g. WEB")
    create.add_argument("name", metavar="NAME", help='the board\'s name, e.g. "Website relaunch"')
    create.add_argument(
        "--columns",
        metavar="LIST",
        help="""comma-separated column names; NAME:N sets a WIP limit and
        NAME:todo|in_progress|done the category (both: Doing:in_progress:3). Without one, names
        like Backlog or To Do are todo and Done or Released done; others are todo when first, done
        when last, in_progress between. Needs a todo and a done column (default: "To Do,In
        Progress:3,Review:2,Done")""",
    )
    create.add_argument(
        "--template",
        metavar="{kanban,scrum}",
        help="""the columns to start from: kanban "To Do, In Progress, Done", scrum "Backlog, To
        Do, In Progress, Review, Done" (not with --columns)""",
    )

    rename = command(
        actions,
        "rename",
        run_rename,
        board=False,
        help="give a board a new name (its key stays)",
        description="Give a board a new name. Its key, and its cards' keys, stay.",
        epilog=examples('kanban board rename WEB "Website relaunch 2"'),
    )
    rename.add_argument("key", metavar="KEY", help="the board's key")
    rename.add_argument("name", metavar="NAME", help="the new name")

    remove = command(
        actions,
        "rm",
        run_rm,
        board=False,
        help="delete an empty board",
        description="""Delete a board that holds no cards (archived ones count) and no risks. Its
        columns, sprints and activity log go with it.""",
        epilog=examples("kanban board rm OLD"),
    )
    remove.add_argument("key", metavar="KEY", help="the board's key")

    listing = command(
        actions,
        "list",
        run_list,
        board=False,
        help="list the boards with their columns and card counts",
        description="List the boards with their columns and card counts.",
    )
    json_option(listing, "a JSON array")

    person = command(
        actions,
        "person-wip",
        run_person_wip,
        help="set or remove the per-person WIP limit",
        description="""Set the board's per-person WIP limit: at most N cards in in_progress columns
        per assignee. A move or an assignment over it is refused unless forced with --force
        --reason.""",
        epilog=examples(
            """
            kanban board person-wip 2
            kanban board person-wip none --board OPS
            """
        ),
    )
    person.add_argument("limit", metavar="N|none", help="a positive number, or none")


def _layout(columns: Any) -> str:
    """``Backlog (todo), Doing (in_progress, WIP 3), Done (done)``."""
    return safe(describe([ColumnSpec(c.name, c.category, c.wip_limit) for c in columns]))


def run_create(args: argparse.Namespace) -> int:
    from ..services import boards

    with context(args, create=True) as ctx:
        board = boards.create_board(ctx, args.key, args.name, args.columns, template=args.template)
        columns = boards.columns(ctx, board.key)
    output.write(f'Created board {board.key} "{safe(board.name)}" with columns {_layout(columns)}.')
    return 0


def run_rename(args: argparse.Namespace) -> int:
    from ..services import boards

    with context(args) as ctx:
        board = boards.rename_board(ctx, args.key, args.name)
    output.write(f'Renamed board {board.key} to "{safe(board.name)}".')
    return 0


def run_rm(args: argparse.Namespace) -> int:
    from ..services import boards

    with context(args) as ctx:
        board = boards.delete_board(ctx, args.key)
    output.write(f'Deleted board {board.key} "{safe(board.name)}".')
    return 0


def run_list(args: argparse.Namespace) -> int:
    from ..services import boards, serialize

    listed = []
    # No file means no boards: listing must not leave an empty database behind
    # (nor a schema on an empty server database).
    if not holds_nothing(db_path(args)):
        try:
            with context(args) as ctx:
                listed = [
                    (board, boards.columns(ctx, board.key)) for board in boards.list_boards(ctx)
                ]
        except NotFound:
            if isinstance(db_path(args), Path):
                raise
    if args.json:
        output.write_json([serialize.board(board, columns) for board, columns in listed])
        return 0
    if not listed:
        output.note("No boards yet: create one with `kanban board create KEY NAME`.")
        return 0
    rows = [
        [
            board.key,
            safe(board.name),
            str(sum(column.count for column in columns)),
            output.separator().join(safe(column.header) for column in columns),
        ]
        for board, columns in listed
    ]
    output.write(output.table(["KEY", "NAME", "CARDS", "COLUMNS"], rows, right=[2]))
    return 0


def run_person_wip(args: argparse.Namespace) -> int:
    from ..services import boards

    with board_context(args) as (ctx, key):
        board = boards.set_person_wip_limit(ctx, key, args.limit)
    if board.person_wip_limit is None:
        output.write(f"{key} has no per-person WIP limit now.")
    else:
        limit = board.person_wip_limit
        output.write(
            f"{key} allows at most {limit} in-progress card{'' if limit == 1 else 's'} per person."
        )
    return 0
