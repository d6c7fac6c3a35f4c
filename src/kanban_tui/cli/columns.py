"""``kanban column ...``: add, rename, move, delete a column; its WIP limit and category."""

from __future__ import annotations

import argparse
from typing import Any

from ..domain import boards as board_rules
from ..domain.boards import a_category
from . import output
from .common import board_context, examples, force_reason, says_when_empty
from .declare import command, command_group, force_options
from .output import safe

COLUMN_EPILOG = examples(
    "kanban column add QA --wip 2                 a new in_progress column before Done",
    "kanban column add Icebox --category todo",
    'kanban column wip "In Progress" 4',
    "kanban column wip Review none                remove the limit",
    "kanban column wip Review 2 --board OPS",
    'kanban column rename Review "Code review"',
    "kanban column move QA left                   or right, or a position: 1 is the first",
    "kanban column rm QA --move-cards-to Review   its cards go to Review",
    'kanban column rm QA --move-cards-to Done --force --reason "release day"',
    "kanban column category QA done",
)


def register(commands: Any) -> None:
    actions = command_group(
        commands,
        "column",
        help="add, rename, move and delete columns; WIP limits",
        description="""Add, rename, reorder and delete a board's columns; set their WIP limits and
        categories.""",
        epilog=COLUMN_EPILOG,
    )

    add = command(
        actions,
        "add",
        run_add,
        help="add a column",
        description="""Add a column where its category belongs: todo columns first, then
        in_progress, then done.""",
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

    wip = command(
        actions,
        "wip",
        run_wip,
        help="set or remove a column's WIP limit",
        description="""Set a column's WIP limit. It may go below the cards the column holds: the
        column then refuses new cards until it drains.""",
        epilog=COLUMN_EPILOG,
    )
    wip.add_argument("column", metavar="COLUMN", help="the column's name (any case)")
    wip.add_argument("limit", metavar="N|none", help="a positive number, or none")

    rename = command(
        actions,
        "rename",
        run_rename,
        help="rename a column",
        description="""Rename a column. Its cards, WIP limit and category stay; the reports follow
        it under its new name.""",
        epilog=COLUMN_EPILOG,
    )
    says_when_empty(
        rename.add_argument("old", metavar="OLD", help="the column's name (any case)"),
        "Say which column to rename: its name must not be empty.",
    )
    says_when_empty(
        rename.add_argument("new", metavar="NEW", help="its new name"),
        "The new column name must not be empty.",
    )

    move = command(
        actions,
        "move",
        run_move,
        help="move a column left, right or to a position",
        description="""Move a column one place left or right, or to a position (1 is the left-most
        column).""",
        epilog=COLUMN_EPILOG,
    )
    move.add_argument("column", metavar="NAME", help="the column's name (any case)")
    move.add_argument("where", metavar="left|right|POSITION")

    remove = command(
        actions,
        "rm",
        run_rm,
        help="delete a column (its cards go to another)",
        description="""Delete a column. One that holds cards (archived ones too) needs
        --move-cards-to: they move there in their order, refused by that column's WIP limit unless
        forced with --force --reason.""",
        epilog=COLUMN_EPILOG,
    )
    remove.add_argument("column", metavar="NAME", help="the column's name (any case)")
    remove.add_argument("--move-cards-to", metavar="COLUMN", help="where the column's cards go")
    force_options(remove, "go over the target's WIP limit", "why the WIP limit is overridden")

    category = command(
        actions,
        "category",
        run_category,
        help="set a column's category",
        description="""Set the state group a column counts as: todo, in_progress or done. A board
        keeps at least one todo and one done column.""",
        epilog=COLUMN_EPILOG,
    )
    category.add_argument("column", metavar="NAME", help="the column's name (any case)")
    category.add_argument("category", metavar="todo|in_progress|done")


def run_add(args: argparse.Namespace) -> int:
    from ..services import boards

    with board_context(args) as (ctx, key):
        column = boards.add_column(ctx, key, args.name, args.category, args.wip)
        columns = boards.columns(ctx, key)
    limit = f"WIP limit {column.wip_limit}" if column.wip_limit is not None else "no WIP limit"
    output.write(
        f"Added column {safe(column.name)} to {key} ({column.category.value}, {limit}): "
        f"{_order(columns)}"
    )
    return 0


def run_wip(args: argparse.Namespace) -> int:
    from ..services import boards

    with board_context(args) as (ctx, key):
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


def _order(columns: Any) -> str:
    """The board's columns in order, which `column add`, `move` and `rm` end with."""
    return output.separator().join(safe(item.name) for item in columns)


def run_rename(args: argparse.Namespace) -> int:
    from ..services import columns

    with board_context(args) as (ctx, key):
        old = args.old
        column = columns.rename_column(ctx, key, old, args.new)
    output.write(f"Renamed column {safe(old.strip())} on {key} to {safe(column.name)}.")
    return 0


def run_move(args: argparse.Namespace) -> int:
    from ..services import boards, columns

    with board_context(args) as (ctx, key):
        column = columns.move_column(ctx, key, args.column, args.where)
        order = boards.columns(ctx, key)
    output.write(
        f"Moved column {safe(column.name)} on {key} to position {column.position + 1}: "
        f"{_order(order)}"
    )
    return 0


def run_rm(args: argparse.Namespace) -> int:
    from ..services import boards, columns

    force_reason(args)
    with board_context(args) as (ctx, key):
        try:
            removed = columns.delete_column(
                ctx,
                key,
                args.column,
                move_cards_to=args.move_cards_to,
                force=args.force,
                reason=args.reason,
            )
        except board_rules.ColumnHoldsCards as error:
            # The TUI asks where they go; here the option says it.
            raise board_rules.ColumnHoldsCards(
                error.message.replace(
                    "say where they go", "say where they go with --move-cards-to COLUMN", 1
                )
            ) from None
        order = boards.columns(ctx, key)
    text = f"Deleted column {safe(removed.column)} from {key}"
    if removed.moved_to is not None:
        count = len(removed.cards)
        text += f"; its {count} card{'' if count == 1 else 's'} moved to {safe(removed.moved_to)}"
        if removed.forced:
            text += " over its WIP limit (the breach is logged)"
    output.write(f"{text}: {_order(order)}")
    return 0


def run_category(args: argparse.Namespace) -> int:
    from ..services import columns

    with board_context(args) as (ctx, key):
        column = columns.set_column_category(ctx, key, args.column, args.category)
    output.write(f"{safe(column.name)} on {key} is {a_category(column.category)} column now.")
    return 0
