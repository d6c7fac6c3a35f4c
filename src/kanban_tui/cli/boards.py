"""``kanban board ...`` and ``kanban column ...``."""

from __future__ import annotations

import argparse
from typing import Any

from . import output
from .common import (
    board_key,
    context,
    db_path,
    examples,
    holds_nothing,
    missing_action,
    shared_options,
)
from .output import safe

BOARD_EPILOG = examples(
    'kanban board create WEB "Website relaunch"',
    'kanban board create OPS "Operations" --columns "Backlog,Doing:2,Done"',
    "kanban board list",
    "kanban board list --json",
    "kanban board person-wip 2                   at most 2 cards in progress per person",
    "kanban board person-wip none --board OPS    remove the per-person limit",
)

COLUMN_EPILOG = examples(
    "kanban column add QA --wip 2                 a new in_progress column before Done",
    "kanban column add Icebox --category todo",
    'kanban column wip "In Progress" 4',
    "kanban column wip Review none                remove the limit",
    "kanban column wip Review 2 --board OPS",
)


def register(commands: Any) -> None:
    _register_board(commands)
    _register_column(commands)


def _register_board(commands: Any) -> None:
    group = commands.add_parser(
        "board",
        parents=[shared_options(board=False)],
        help="create and list boards",
        description="Create and list boards. A database holds any number of boards.",
        epilog=BOARD_EPILOG,
    )
    group.set_defaults(run=missing_action(group))
    actions = group.add_subparsers(title="actions", metavar="ACTION")

    create = actions.add_parser(
        "create",
        parents=[shared_options(board=False)],
        help="create a board",
        description="Create a board. Its cards get keys KEY-1, KEY-2, ...",
        epilog=BOARD_EPILOG,
    )
    create.add_argument("key", metavar="KEY", help="2-10 letters and digits, e.g. WEB")
    create.add_argument("name", metavar="NAME", help='the board\'s name, e.g. "Website relaunch"')
    create.add_argument(
        "--columns",
        metavar="LIST",
        help="comma-separated column names, NAME:N for a WIP limit; the first is the "
        "todo column, the last the done column (default: "
        '"To Do,In Progress:3,Review:2,Done")',
    )
    create.set_defaults(run=run_create)

    listing = actions.add_parser(
        "list",
        parents=[shared_options(board=False)],
        help="list the boards with their columns and card counts",
        description="List the boards with their columns and card counts.",
    )
    listing.add_argument("--json", action="store_true", help="print a JSON array (docs/json.md)")
    listing.set_defaults(run=run_list)

    person = actions.add_parser(
        "person-wip",
        parents=[shared_options(board=True)],
        help="set or remove the per-person WIP limit",
        description="Set the board's per-person WIP limit: at most N cards in "
        "in_progress columns per assignee. A move or an assignment over it is "
        "refused unless forced with --force --reason.",
        epilog=examples(
            "kanban board person-wip 2",
            "kanban board person-wip none --board OPS",
        ),
    )
    person.add_argument("limit", metavar="N|none", help="a positive number, or none")
    person.set_defaults(run=run_person_wip)


def _register_column(commands: Any) -> None:
    group = commands.add_parser(
        "column",
        parents=[shared_options(board=True)],
        help="add columns and set WIP limits",
        description="Add columns to a board and set their WIP limits.",
        epilog=COLUMN_EPILOG,
    )
    group.set_defaults(run=missing_action(group))
    actions = group.add_subparsers(title="actions", metavar="ACTION")

    add = actions.add_parser(
        "add",
        parents=[shared_options(board=True)],
        help="add a column",
        description="Add a column where its category belongs: todo columns first, "
        "then in_progress, then done.",
        epilog=COLUMN_EPILOG,
    )
    add.add_argument("name", metavar="NAME")
    add.add_argument(
        "--category",
        metavar="{todo,in_progress,done}",
        default="in_progress",
        help="the state group metrics read (default: in_progress)",
    )
    add.add_argument("--wip", metavar="N", help="WIP limit: at most N cards (default: none)")
    add.set_defaults(run=run_add)

    wip = actions.add_parser(
        "wip",
        parents=[shared_options(board=True)],
        help="set or remove a column's WIP limit",
        description="Set a column's WIP limit. It may go below the cards the column "
        "holds: the column then refuses new cards until it drains.",
        epilog=COLUMN_EPILOG,
    )
    wip.add_argument("column", metavar="COLUMN", help="the column's name (any case)")
    wip.add_argument("limit", metavar="N|none", help="a positive number, or none")
    wip.set_defaults(run=run_wip)


def _layout(columns: Any) -> str:
    parts = []
    for column in columns:
        limit = f" (WIP {column.wip_limit})" if column.wip_limit is not None else ""
        parts.append(safe(column.name) + limit)
    return ", ".join(parts)


def run_create(args: argparse.Namespace) -> int:
    from ..services import boards

    with context(args, create=True) as ctx:
        board = boards.create_board(ctx, args.key, args.name, args.columns)
        columns = boards.columns(ctx, board.key)
    output.write(f'Created board {board.key} "{safe(board.name)}" with columns {_layout(columns)}.')
    return 0


def run_list(args: argparse.Namespace) -> int:
    from ..services import boards, serialize

    listed = []
    # No file means no boards: listing must not leave an empty database behind.
    if not holds_nothing(db_path(args)):
        with context(args) as ctx:
            listed = [(board, boards.columns(ctx, board.key)) for board in boards.list_boards(ctx)]
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


def run_add(args: argparse.Namespace) -> int:
    from ..services import boards

    with context(args) as ctx:
        key = board_key(ctx, args)
        column = boards.add_column(ctx, key, args.name, args.category, args.wip)
        columns = boards.columns(ctx, key)
    limit = f"WIP limit {column.wip_limit}" if column.wip_limit is not None else "no WIP limit"
    order = output.separator().join(safe(item.name) for item in columns)
    output.write(
        f"Added column {safe(column.name)} to {key} ({column.category.value}, {limit}): {order}"
    )
    return 0


def run_wip(args: argparse.Namespace) -> int:
    from ..services import boards

    with context(args) as ctx:
        key = board_key(ctx, args)
        column = boards.set_wip_limit(ctx, key, args.column, args.limit)
    name = safe(column.name)
    if column.wip_limit is None:
        output.write(f"{name} on {key} has no WIP limit now (it holds {column.count}).")
    elif column.over_limit:
        output.write(
            f"{name} on {key} has WIP limit {column.wip_limit} but holds {column.count}: "
            "it refuses new cards until it drains."
        )
    else:
        output.write(f"{name} on {key} has WIP limit {column.wip_limit} (it holds {column.count}).")
    return 0


def run_person_wip(args: argparse.Namespace) -> int:
    from ..services import boards

    with context(args) as ctx:
        key = board_key(ctx, args)
        board = boards.set_person_wip_limit(ctx, key, args.limit)
    if board.person_wip_limit is None:
        output.write(f"{key} has no per-person WIP limit now.")
    else:
        limit = board.person_wip_limit
        output.write(
            f"{key} allows at most {limit} in-progress card{'' if limit == 1 else 's'} per person."
        )
    return 0
