"""Tables of the risk register.

A risk keeps only its inputs (probability, impact and the residual pair);
score and severity are derived when it is read. Dates and timestamps are ISO
text, as in :mod:`.tables`.
"""

from __future__ import annotations

from sqlalchemy import UniqueConstraint
from sqlmodel import Field, SQLModel


class RiskSequenceRow(SQLModel, table=True):
    """The per-board risk number sequence: never decremented, so keys are never reused."""

    __tablename__ = "risk_sequence"

    board_id: int = Field(foreign_key="board.id", ondelete="CASCADE", primary_key=True)
    next_number: int = 1


class RiskRow(SQLModel, table=True):
    __tablename__ = "risk"
    __table_args__ = (UniqueConstraint("board_id", "number"),)

    id: int | None = Field(default=None, primary_key=True)
    board_id: int = Field(foreign_key="board.id", ondelete="CASCADE", index=True)
    number: int
    """The ``n`` of ``<BOARD>-R<n>``."""
    title: str
    description: str = ""
    category: str = "technical"
    probability: int
    impact: int
    residual_probability: int | None = None
    residual_impact: int | None = None
    owner: str
    response: str = "mitigate"
    mitigation: str = ""
    contingency: str = ""
    trigger: str = ""
    status: str = "open"
    review_on: str | None = None
    version: int = 1
    created_at: str
    updated_at: str
    updated_by: str = ""


class RiskCardRow(SQLModel, table=True):
    """A card linked to a risk: the risk's mitigation work."""

    __tablename__ = "risk_card"

    risk_id: int = Field(foreign_key="risk.id", ondelete="CASCADE", primary_key=True)
    card_id: int = Field(foreign_key="card.id", ondelete="CASCADE", primary_key=True, index=True)
