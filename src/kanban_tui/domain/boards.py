"""Board layout rules: default columns and templates, the --columns syntax,
where a column may move, what a board keeps."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from . import validation
from .errors import InvalidInput, RuleViolation
from .model import Category


class ColumnHoldsCards(RuleViolation):
    """A column to delete holds cards and no target was given for them."""


@dataclass(frozen=True, slots=True)
class ColumnSpec:
    name: str
    category: Category
    wip_limit: int | None = None


DEFAULT_COLUMNS = (
    ColumnSpec("To Do", Category.TODO),
    ColumnSpec("In Progress", Category.IN_PROGRESS, 3),
    ColumnSpec("Review", Category.IN_PROGRESS, 2),
    ColumnSpec("Done", Category.DONE),
)


def parse_columns(text: str) -> tuple[ColumnSpec, ...]:
    """Parse ``"To Do,In Progress:3,Review:2,Done"``.

    The first column is todo, the last done, the ones between in_progress; a
    ``:N`` suffix is the WIP limit.
    """
    parts = [part.strip() for part in text.split(",")]
    if len(parts) < 2 or any(not part for part in parts):
        raise InvalidInput(
            "Columns must be a comma-separated list of at least two names, "
            'e.g. "To Do,In Progress:3,Done".'
        )
    specs = []
    for index, part in enumerate(parts):
        name, _, limit = part.rpartition(":") if ":" in part else (part, "", "")
        if index == 0:
            category = Category.TODO
        elif index == len(parts) - 1:
            category = Category.DONE
        else:
            category = Category.IN_PROGRESS
        # Spaces around the separators are layout ("Doing : 4"), not part of the limit.
        limit = limit.strip()
        if ":" in part and not limit:
            raise InvalidInput(
                f"Column {name.strip()!r} has a colon but no WIP limit after it: "
                "give a number or none."
            )
        specs.append(
            ColumnSpec(validation.column_name(name), category, validation.wip_limit(limit or None))
        )
    check_layout([(spec.name, spec.category) for spec in specs])
    return tuple(specs)


def check_layout(columns: Sequence[tuple[str, Category]]) -> None:
    """A board keeps unique column names and at least one todo and one done column."""
    names = [name.casefold() for name, _ in columns]
    duplicates = sorted({name for name in names if names.count(name) > 1})
    if duplicates:
        raise InvalidInput(f"Column names must be unique on a board: {duplicates[0]!r} repeats.")
    categories = {category for _, category in columns}
    if Category.TODO not in categories or Category.DONE not in categories:
        raise RuleViolation("A board keeps at least one todo and one done column.")


TEMPLATES: dict[str, tuple[ColumnSpec, ...]] = {
    "kanban": (
        ColumnSpec("To Do", Category.TODO),
        ColumnSpec("In Progress", Category.IN_PROGRESS, 3),
        ColumnSpec("Done", Category.DONE),
    ),
    "scrum": (
        ColumnSpec("Backlog", Category.TODO),
        ColumnSpec("To Do", Category.TODO),
        ColumnSpec("In Progress", Category.IN_PROGRESS, 3),
        ColumnSpec("Review", Category.IN_PROGRESS, 2),
        ColumnSpec("Done", Category.DONE),
    ),
}
"""The columns a new board can start from (``--template``; the TUI's choice)."""


def template(name: str) -> tuple[ColumnSpec, ...]:
    """The columns of template ``name`` (any case)."""
    found = TEMPLATES.get(name.strip().casefold())
    if found is None:
        raise InvalidInput(f"Template must be one of {', '.join(TEMPLATES)} (got {name!r}).")
    return found


def board_columns(template_name: str | None, columns: str | None) -> tuple[ColumnSpec, ...] | None:
    """A new board's columns: a template, or a ``--columns`` list, never both
    (None: the default four)."""
    if template_name and columns:
        raise InvalidInput("Give either a template or a list of columns, not both.")
    if template_name:
        return template(template_name)
    if columns:
        return parse_columns(columns)
    return None


def position(text: str, current: int, count: int, name: str = "The column") -> int:
    """Where a column goes: ``left``, ``right`` or a 1-based position, as a
    0-based index among ``count`` columns (``current`` is its index now)."""
    word = text.strip().casefold()
    if word in ("left", "right"):
        target = current - 1 if word == "left" else current + 1
        if not 0 <= target < count:
            edge = "first" if word == "left" else "last"
            raise RuleViolation(f"{name} is already the {edge} column.")
        return target
    if not word.isdigit() or not word.isascii():
        raise InvalidInput(
            f"Position must be left, right or a number 1-{count} (got {text.strip()!r})."
        )
    number = int(word)
    if not 1 <= number <= count:
        raise InvalidInput(f"Position must be 1-{count}: the board has {count} columns.")
    return number - 1


def reorder(names: Sequence[str], current: int, target: int) -> list[str]:
    """``names`` with the one at ``current`` moved to ``target``."""
    order = list(names)
    order.insert(target, order.pop(current))
    return order


def check_rename(names: Sequence[str], old: str, new: str) -> None:
    """A column's new name is unique on its board (a change of case is allowed)."""
    for name in names:
        if name.casefold() == new.casefold() and name.casefold() != old.casefold():
            raise RuleViolation(f"The board has a column named {name!r} already.")


def check_removal(columns: Sequence[tuple[str, Category]], name: str) -> None:
    """Removing column ``name`` leaves a board that keeps a todo and a done column."""
    rest = [(other, category) for other, category in columns if other != name]
    categories = {category for _, category in rest}
    if Category.TODO not in categories or Category.DONE not in categories:
        raise RuleViolation(
            f"{name} cannot go: a board keeps at least one todo and one done column."
        )
