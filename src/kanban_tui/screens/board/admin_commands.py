"""The writes of board settings, as :class:`~..commands.Command` values:
boards (new, rename, delete) and columns (add, rename, move, delete,
category). Nothing touches the database until a ``CardCommands`` runs one.
"""

from __future__ import annotations

from textual.content import Content

from ...dialogs.board_forms import NewBoard, NewColumn
from ...domain.boards import a_category
from ...domain.model import Category, Column
from ...formatting import plural
from ...services import boards, columns
from ...services.context import Context
from ...widgets.text import literal
from ..commands import Command


def new_board_command(ctx: Context, typed: NewBoard) -> Command:
    return Command(
        "new_board",
        lambda _, __: boards.create_board(
            ctx, typed.key, typed.name, typed.columns, template=typed.template
        ),
        extra=typed,
        note=lambda made: f"Created board {made.key} “{made.name}”.",
    )


def rename_board_command(ctx: Context, key: str, name: str) -> Command:
    return Command(
        "rename_board",
        lambda _, __: boards.rename_board(ctx, key, name),
        extra=name,
        note=lambda board: f"Board {board.key} is now “{board.name}”.",
    )


def check_board_deletable_command(ctx: Context, key: str) -> Command:
    """Read only: refused (the sentence shown) when the board is not empty."""
    return Command("read", lambda _, __: boards.check_board_deletable(ctx, key))


def delete_board_command(ctx: Context, key: str) -> Command:
    return Command(
        "delete_board",
        lambda _, __: boards.delete_board(ctx, key),
        note=lambda board: f"Deleted board {board.key} “{board.name}”.",
    )


def add_column_command(ctx: Context, board: str, typed: NewColumn) -> Command:
    return Command(
        "add_column",
        lambda _, __: boards.add_column(ctx, board, typed.name, typed.category, typed.wip_limit),
        extra=typed,
        note=lambda column: f"Added the column {column.name} ({column.category.value}).",
    )


def rename_column_command(ctx: Context, board: str, column: Column, name: str) -> Command:
    return Command(
        "rename_column",
        lambda _, __: columns.rename_column(ctx, board, column.name, name),
        extra=name,
        note=lambda renamed: f"Renamed the column {column.name} to {renamed.name}.",
    )


def move_column_command(ctx: Context, board: str, column: Column, where: str) -> Command:
    return Command(
        "move_column",
        lambda _, __: columns.move_column(ctx, board, column.name, where),
        extra=column.name,
    )


def category_command(ctx: Context, board: str, column: Column, category: Category) -> Command:
    return Command(
        "column_category",
        lambda _, __: columns.set_column_category(ctx, board, column.name, category),
        note=lambda changed: f"{changed.name} is {a_category(changed.category)} column now.",
    )


def delete_column_command(
    ctx: Context, board: str, column: Column, target: Column | None
) -> Command:
    """Delete ``column``; its cards go to ``target`` (a full one offers the override)."""
    into = target.name if target is not None else None

    def said(removed: columns.ColumnRemoval) -> str:
        if removed.moved_to is None:
            return f"Deleted the column {removed.column}."
        moved = plural(len(removed.cards), "card")
        over = " over its WIP limit (logged)" if removed.forced else ""
        return f"Deleted the column {removed.column}; {moved} moved to {removed.moved_to}{over}."

    return Command(
        "delete_column",
        lambda why, _: columns.delete_column(
            ctx, board, column.name, move_cards_to=into, force=why is not None, reason=why
        ),
        offer=Content.assemble(
            "Move the cards of ",
            literal(column.name, "bold"),
            " into ",
            literal(into or "", "bold"),
            " anyway?",
        ),
        note=said,
    )
