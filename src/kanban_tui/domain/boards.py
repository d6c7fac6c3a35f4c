"""Board layout rules: default columns, the --columns syntax, what a board keeps."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from . import validation
from .errors import InvalidInput, RuleViolation
from .model import Category


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
