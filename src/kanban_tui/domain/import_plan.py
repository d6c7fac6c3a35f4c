"""What an import from another tool writes: a new board, its columns and
sprints, its cards and their comments, fitted to this product's rules. The
Trello and Jira readers each make one (:mod:`.trello_plan`,
:mod:`.jira_plan`); ``services/import_writer.py`` writes it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from .boards import ColumnSpec
from .import_summary import ImportSummary
from .import_text import unique_name
from .model import CardType, Category, Priority
from .sprint_metrics import Committed, SprintReport


@dataclass(frozen=True, slots=True)
class CommentPlan:
    author: str
    at: datetime
    text: str


@dataclass(frozen=True, slots=True)
class SprintPlan:
    name: str
    completed: bool
    start: date | None = None
    end: date | None = None
    started_at: datetime | None = None
    completed_at: datetime | None = None
    committed: tuple[Committed, ...] = ()
    """The scope as a start would snapshot it."""
    report: SprintReport | None = None
    """What completing it would freeze (a completed sprint with a known history)."""


@dataclass(frozen=True, slots=True)
class CardPlan:
    number: int
    column: int
    """Index into the plan's columns."""
    rank: int
    title: str
    description: str = ""
    type: CardType = CardType.TASK
    priority: Priority = Priority.NONE
    points: int | None = None
    labels: tuple[str, ...] = ()
    assignee: str | None = None
    due: date | None = None
    sprint: int | None = None
    """Index into the plan's sprints."""
    archived: bool = False
    created_at: datetime | None = None
    updated_at: datetime | None = None
    started_at: datetime | None = None
    done_at: datetime | None = None
    comments: tuple[CommentPlan, ...] = ()


@dataclass
class BoardPlan:
    key: str
    name: str
    columns: tuple[ColumnSpec, ...]
    sprints: list[SprintPlan] = field(default_factory=list)
    cards: list[CardPlan] = field(default_factory=list)
    summary: ImportSummary = field(default_factory=lambda: ImportSummary("", "", ""))


def with_ends(
    specs: list[ColumnSpec],
    names: list[str],
    where: dict[str, int],
    summary: ImportSummary,
    no_todo: str,
    no_done: str,
) -> tuple[tuple[ColumnSpec, ...], dict[str, int]]:
    """``specs`` with a to-do column put first and a done one last where the
    source has none (a board needs both); the summary says why (``no_todo``,
    ``no_done``) and what was added. ``where``, a source's id or name -> its
    column's index, moves up by one past an added first column."""
    if not any(spec.category is Category.TODO for spec in specs):
        specs.insert(0, ColumnSpec(unique_name("To Do", names), Category.TODO))
        where = {source: index + 1 for source, index in where.items()}
        summary.skip("columns", f"{no_todo}: added 'To Do' first")
    if not any(spec.category is Category.DONE for spec in specs):
        specs.append(ColumnSpec(unique_name("Done", names), Category.DONE))
        summary.skip("columns", f"{no_done}: added 'Done' last")
    return tuple(specs), where
