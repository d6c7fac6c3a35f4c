"""The domain's nouns as plain values: no database, no UI."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum


class Category(StrEnum):
    """The state group a column belongs to; metrics and sprints read it."""

    TODO = "todo"
    IN_PROGRESS = "in_progress"
    DONE = "done"


class CardType(StrEnum):
    STORY = "story"
    TASK = "task"
    BUG = "bug"
    SPIKE = "spike"


class Priority(StrEnum):
    URGENT = "urgent"
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"
    NONE = "none"


POINT_CHOICES = (0, 1, 2, 3, 5, 8, 13, 21)
"""The estimates the UI offers; any integer 0-100 is valid."""


@dataclass(frozen=True, slots=True)
class Board:
    id: int
    key: str
    name: str
    person_wip_limit: int | None = None


@dataclass(frozen=True, slots=True)
class Column:
    id: int
    board_id: int
    name: str
    position: int
    category: Category
    wip_limit: int | None = None
    policy: str = ""
    count: int = 0
    """Non-archived cards in the column when it was read."""

    @property
    def header(self) -> str:
        """``name count/limit``, or ``name count`` without a limit (WIP rule 5)."""
        if self.wip_limit is None:
            return f"{self.name} {self.count}"
        return f"{self.name} {self.count}/{self.wip_limit}"

    @property
    def over_limit(self) -> bool:
        return self.wip_limit is not None and self.count > self.wip_limit

    @property
    def at_limit(self) -> bool:
        return self.wip_limit is not None and self.count == self.wip_limit


@dataclass(frozen=True, slots=True)
class Card:
    """A work item. ``description`` may be left empty by list reads."""

    id: int
    board_key: str
    number: int
    title: str
    column_id: int
    column: str
    rank: int
    type: CardType = CardType.TASK
    priority: Priority = Priority.NONE
    points: int | None = None
    assignee: str | None = None
    labels: tuple[str, ...] = ()
    due: date | None = None
    blocked: str | None = None
    """The reason the card is blocked, or None when it is not."""
    description: str = ""
    sprint: int | None = None
    archived: bool = False
    version: int = 1
    created_at: datetime | None = None
    updated_at: datetime | None = None
    started_at: datetime | None = None
    done_at: datetime | None = None
    updated_by: str = ""

    @property
    def key(self) -> str:
        return f"{self.board_key}-{self.number}"


@dataclass(frozen=True, slots=True)
class Comment:
    """One entry of a card's discussion; comments are never edited."""

    id: int
    card_key: str
    author: str
    at: datetime
    text: str


@dataclass(frozen=True, slots=True)
class Event:
    """One entry of the append-only activity log."""

    id: int
    at: datetime
    actor: str
    entity: str
    """card, column, board, sprint or risk"""
    key: str
    """the entity's key or name, e.g. WEB-12 or In Progress"""
    action: str
    data: dict[str, object] = field(default_factory=dict)
