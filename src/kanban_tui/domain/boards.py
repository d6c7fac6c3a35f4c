"""Board layout rules: default columns and templates, the --columns syntax,
where a column may move, what a board keeps; which board a command means."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from . import validation
from .errors import InvalidInput, NotFound, RuleViolation, Unchanged
from .model import Board, Category


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


TODO_NAMES = frozenset(
    ("backlog", "to do", "todo", "to-do", "ideas", "icebox", "inbox", "new", "open")
    + ("ready", "planned", "selected", "next", "up next", "requested", "triage")
)
"""Names a typed column list makes todo columns (any case)."""
IN_PROGRESS_NAMES = frozenset(
    ("in progress", "doing", "wip", "review", "code review", "in review", "qa", "testing")
    + ("test", "development", "dev", "building", "blocked", "waiting", "staging")
)
"""Names a typed column list makes in_progress columns, even the last one."""
DONE_NAMES = frozenset(
    ("done", "closed", "released", "shipped", "complete", "completed", "finished")
    + ("deployed", "live", "resolved", "delivered")
)
"""Names a typed column list makes done columns, wherever they stand."""

CATEGORY_WORDS = {
    "todo": Category.TODO,
    "in_progress": Category.IN_PROGRESS,
    "in-progress": Category.IN_PROGRESS,
    "done": Category.DONE,
}


def category_text(category: Category) -> str:
    """``in-progress`` for people (``in_progress`` is the value typed)."""
    return category.value.replace("_", "-")


def a_category(category: Category) -> str:
    """``a todo``, ``an in-progress``, ``a done``: before the word "column"."""
    text = category_text(category)
    return f"{'an' if text[0] in 'aeiou' else 'a'} {text}"


def held(cards: int, archived: int) -> str:
    """``1 card``, ``1 archived card``, ``2 cards and 1 archived card``."""

    def count(number: int, what: str) -> str:
        return f"{number} {what}{'' if number == 1 else 's'}"

    parts = [count(cards, "card")] if cards or not archived else []
    if archived:
        parts.append(count(archived, "archived card"))
    return " and ".join(parts)


def named_category(name: str) -> Category | None:
    """The category a column's name says (``Backlog`` todo, ``Done`` done), or None."""
    folded = " ".join(name.casefold().split())
    for names, category in (
        (TODO_NAMES, Category.TODO),
        (IN_PROGRESS_NAMES, Category.IN_PROGRESS),
        (DONE_NAMES, Category.DONE),
    ):
        if folded in names:
            return category
    return None


def _parse_part(part: str) -> tuple[str, Category | None, int | None]:
    """``Doing:in_progress:3`` as its name, explicit category and WIP limit."""
    name, *suffixes = part.split(":")
    name = validation.column_name(name)
    if len(suffixes) > 2:
        raise InvalidInput(
            f"Column {name!r} has too many colons: write NAME, NAME:N, NAME:CATEGORY "
            "or NAME:CATEGORY:N."
        )
    category: Category | None = None
    limit: int | None = None
    for raw in suffixes:
        # Spaces around the separators are layout ("Doing : 4"), not part of the value.
        word = raw.strip().casefold()
        if not word:
            raise InvalidInput(
                f"Column {name!r} has a colon but nothing after it: give a WIP limit "
                "or a category (todo, in_progress, done)."
            )
        if word in CATEGORY_WORDS:
            if category is not None:
                raise InvalidInput(f"Column {name!r} has two categories: give one.")
            category = CATEGORY_WORDS[word]
        elif word == "none" or any(char.isdigit() or char == "-" for char in word):
            limit = validation.wip_limit(word)
        else:
            raise InvalidInput(
                f"Column {name!r}: after a colon give a WIP limit or a category: todo, "
                f"in_progress or done (got {raw.strip()!r})."
            )
    return name, category, limit


def parse_columns(text: str) -> tuple[ColumnSpec, ...]:
    """Parse ``"Backlog,To Do,Doing:in_progress:3,Review:2,Done"``.

    ``:N`` is a WIP limit and ``:todo``, ``:in_progress`` or ``:done`` the
    category. A column without one takes the category its name says
    (:data:`TODO_NAMES`, :data:`IN_PROGRESS_NAMES`, :data:`DONE_NAMES`);
    any other is todo when first, done when last and in_progress between.
    """
    parts = [part.strip() for part in text.split(",")]
    if len(parts) < 2 or any(not part for part in parts):
        raise InvalidInput(
            "Columns must be a comma-separated list of at least two names, "
            'e.g. "To Do,In Progress:3,Done".'
        )
    specs = []
    for index, part in enumerate(parts):
        name, category, limit = _parse_part(part)
        if category is None:
            category = named_category(name)
        if category is None:
            if index == 0:
                category = Category.TODO
            elif index == len(parts) - 1:
                category = Category.DONE
            else:
                category = Category.IN_PROGRESS
        specs.append(ColumnSpec(name, category, limit))
    check_unique([spec.name for spec in specs])
    got = {spec.category for spec in specs}
    for needed, example in ((Category.TODO, "To Do"), (Category.DONE, "Done")):
        if needed not in got:
            raise RuleViolation(
                f"A board needs a todo and a done column, and these columns have no "
                f"{needed.value} one: add one such as {example}, or mark one NAME:{needed.value}."
            )
    check_layout([(spec.name, spec.category) for spec in specs])
    return tuple(specs)


def describe(specs: Sequence[ColumnSpec]) -> str:
    """``Backlog (todo), Doing (in_progress, WIP 3), Done (done)``: the
    category (and limit) each column got."""
    parts = []
    for spec in specs:
        limit = f", WIP {spec.wip_limit}" if spec.wip_limit is not None else ""
        parts.append(f"{spec.name} ({spec.category.value}{limit})")
    return ", ".join(parts)


def check_layout(columns: Sequence[tuple[str, Category]]) -> None:
    """A board keeps unique column names and at least one todo and one done column."""
    check_unique([name for name, _ in columns])
    categories = {category for _, category in columns}
    if Category.TODO not in categories or Category.DONE not in categories:
        raise RuleViolation("A board keeps at least one todo and one done column.")


def check_unique(given: Sequence[str]) -> None:
    """Column names are unique on a board, ignoring case."""
    names = [name.casefold() for name in given]
    duplicates = sorted({name for name in names if names.count(name) > 1})
    if duplicates:
        raise InvalidInput(f"Column names must be unique on a board: {duplicates[0]!r} repeats.")


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
            raise Unchanged(f"{name} is already {edge}; nothing changed.")
        return target
    if not word.isdigit() or not word.isascii():
        raise InvalidInput(
            f"Position must be left, right or a number 1-{count} (got {text.strip()!r})."
        )
    number = int(word)
    if not 1 <= number <= count:
        raise InvalidInput(f"Position must be 1-{count}: the board has {count} columns.")
    if number - 1 == current:
        raise Unchanged(f"{name} is already at position {number}; nothing changed.")
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


def choose_board(boards: Sequence[Board], key: str | None, last: str | None = None) -> Board:
    """The board meant among ``boards``: the one named, else the only one,
    else the last opened."""
    if key is not None:  # an empty key is a mistake, not "the default board"
        wanted = validation.board_key(key)
        for board in boards:
            if board.key == wanted:
                return board
        known = ", ".join(board.key for board in boards) or "none yet"
        raise NotFound(f"No board {key!r}; boards: {known}.")
    if not boards:
        raise NotFound("There is no board yet: create one with `kanban board create KEY NAME`.")
    if len(boards) == 1:
        return boards[0]
    for board in boards:
        if last and board.key == last:
            return board
    keys = ", ".join(board.key for board in boards)
    raise InvalidInput(f"Several boards exist ({keys}); choose one with --board KEY.")
