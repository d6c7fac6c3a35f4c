"""SQLModel tables. Rows are storage; the rest of the app sees domain objects.

Timestamps are ISO 8601 UTC strings (``2026-11-25T17:40:00Z``) and dates are
``YYYY-MM-DD``: they sort as text, print as JSON unchanged and avoid the
naive/aware datetime traps of the ORM.
"""

from __future__ import annotations

from sqlalchemy import DDL, BigInteger, Index, Integer, UniqueConstraint, event
from sqlmodel import Field, SQLModel

RANK = BigInteger().with_variant(Integer(), "sqlite")
"""A card's rank: 65,536 apart (domain/ranking.py), so past 32,767 cards
beyond a 32-bit integer. SQLite's INTEGER holds 64 bits already (and keeps
the type name it always had); PostgreSQL's is a BIGINT (schema 4)."""


class BoardRow(SQLModel, table=True):
    __tablename__ = "board"

    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(unique=True)
    name: str
    next_card: int = 1
    """The per-board card sequence: never decremented, so keys are never reused."""
    next_sprint: int = 1
    person_wip_limit: int | None = None
    created_at: str


class ColumnRow(SQLModel, table=True):
    __tablename__ = "board_column"
    __table_args__ = (UniqueConstraint("board_id", "name"),)

    id: int | None = Field(default=None, primary_key=True)
    board_id: int = Field(foreign_key="board.id", ondelete="CASCADE", index=True)
    name: str
    position: int
    category: str
    wip_limit: int | None = None
    policy: str = ""


class SprintRow(SQLModel, table=True):
    __tablename__ = "sprint"
    __table_args__ = (UniqueConstraint("board_id", "number"),)

    id: int | None = Field(default=None, primary_key=True)
    board_id: int = Field(foreign_key="board.id", ondelete="CASCADE", index=True)
    number: int
    name: str
    goal: str = ""
    start: str | None = None
    end: str | None = None
    state: str = "planned"
    version: int = 1
    created_at: str = ""
    started_at: str | None = None
    completed_at: str | None = None
    committed: str = "[]"
    """JSON: the scope snapshotted at the start, ``[{"key", "points", "done"}]``."""
    report: str | None = None
    """JSON: the report frozen at completion (``SprintReport.to_dict``)."""


class CardRow(SQLModel, table=True):
    __tablename__ = "card"
    __table_args__ = (
        UniqueConstraint("board_id", "number"),
        Index("ix_card_board_rank", "board_id", "archived", "rank"),
        # A column's page of cards in rank order (storage/card_pages.py).
        Index("ix_card_column_rank", "column_id", "archived", "rank"),
        # A column's count and points from the index alone (card_pages.column_totals).
        Index("ix_card_column_points", "column_id", "archived", "points"),
        # A board's cards finished since a day: the forecasts' history (schema 5).
        Index("ix_card_board_done", "board_id", "done_at"),
        # A sprint's cards in rank order, and the sprints' counts (schema 6).
        Index("ix_card_sprint_rank", "sprint_id", "archived", "rank"),
    )

    id: int | None = Field(default=None, primary_key=True)
    board_id: int = Field(foreign_key="board.id", ondelete="CASCADE")
    number: int
    title: str
    description: str = ""
    type: str = "task"
    priority: str = "none"
    points: int | None = None
    assignee: str | None = None
    labels: str = ""
    """Space-separated; labels never hold spaces."""
    due: str | None = None
    column_id: int = Field(foreign_key="board_column.id")
    rank: int = Field(sa_type=RANK)
    sprint_id: int | None = Field(default=None, foreign_key="sprint.id", ondelete="SET NULL")
    blocked: str | None = None
    archived: bool = False
    version: int = 1
    created_at: str
    updated_at: str
    updated_by: str = ""
    started_at: str | None = None
    done_at: str | None = None


class CommentRow(SQLModel, table=True):
    """A card's discussion: comments are added, never edited (schema 3)."""

    __tablename__ = "comment"

    id: int | None = Field(default=None, primary_key=True)
    card_id: int = Field(foreign_key="card.id", ondelete="CASCADE", index=True)
    author: str
    at: str
    text: str


class EventRow(SQLModel, table=True):
    """The append-only activity log."""

    __tablename__ = "event"
    __table_args__ = (
        # The events of one card or risk (its key).
        Index("ix_event_board_key", "board_id", "key"),
        # The newest events of a board first: the Activity screen and `kanban log`.
        Index("ix_event_board_at", "board_id", "at", "id"),
        # One kind of event in log order: the flow report, sprint metrics, undo.
        Index("ix_event_board_action", "board_id", "entity", "action", "id"),
        # One person's events, newest first: what undo takes back (schema 6).
        Index("ix_event_board_actor", "board_id", "actor", "id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    board_id: int = Field(foreign_key="board.id", ondelete="CASCADE")
    at: str
    actor: str
    entity: str
    key: str
    action: str
    data: str = "{}"
    """JSON: the before/after values that matter."""


# Sprint rule 1, kept by the database as well as by the service's check: a
# partial unique index, in SQL both engines read alike. Written as DDL rather
# than an ``Index(..., sqlite_where=..., postgresql_where=...)``: a dialect's
# keyword makes SQLAlchemy import that dialect (20 ms on every command).
event.listen(
    SprintRow.metadata.tables["sprint"],
    "after_create",
    DDL("CREATE UNIQUE INDEX ux_sprint_one_active ON sprint (board_id) WHERE state = 'active'"),
)
