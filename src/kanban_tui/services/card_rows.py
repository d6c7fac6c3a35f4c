"""What every card change shares: finding the row, the WIP check on entry,
the version check, the stamp of who changed it, and refusing an archived card.
The version check and the stamp serve a risk's row too."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Protocol

from sqlmodel import Session

from ..domain import cards as card_rules
from ..domain import validation, wip
from ..domain.errors import RuleViolation, StaleChange
from ..domain.model import Category
from ..storage import repo
from ..storage.tables import BoardRow, CardRow, ColumnRow
from . import person_wip
from .context import Context, iso


def enter(
    ctx: Context,
    session: Session,
    board: BoardRow,
    column: ColumnRow,
    key: str,
    force: bool,
    reason: str | None,
    person: str | None = None,
    card_id: int | None = None,
) -> dict[str, Any]:
    """WIP rules 1, 4 and 6 for a card entering ``column``: refuse, or say the breach.

    ``person`` (the assignee) is given when the card starts in-progress work.
    A forced entry returns what its one event records besides the change
    itself (:func:`person_wip.override_data`): the reason and each limit it
    went over; the caller logs them with its own event, so one override is
    one event.
    """
    assert column.id is not None
    person_breach = None
    if column.category == Category.IN_PROGRESS.value:
        person_breach = person_wip.take_on(session, board, card_id, person, force)
    count = repo.column_count(session, column.id)
    if not force:
        wip.check_entry(column.name, count, column.wip_limit)
        return {}
    breach = None
    if wip.breach(column.name, count, column.wip_limit):
        breach = {"column": column.name, "count": count + 1, "limit": column.wip_limit}
    return person_wip.override_data(reason, breach, person_breach)


class Versioned(Protocol):
    """A row a person changes: a card's or a risk's."""

    version: int
    updated_at: str
    updated_by: str


def check_version(row: Versioned, key: str, expected: int | None) -> None:
    """Refuse a change made to an older version of the row than the stored one."""
    if expected is not None and row.version != expected:
        at = datetime.fromisoformat(row.updated_at).astimezone().strftime("%H:%M")
        raise StaleChange(f"{key} was changed by {row.updated_by} at {at}; reloaded - try again.")


def touch(ctx: Context, row: Versioned) -> None:
    """The row's next version, stamped with who changed it and when."""
    row.version += 1
    row.updated_at = ctx.now()
    row.updated_by = ctx.actor


def restamp(row: CardRow, category: Category, now: datetime) -> None:
    """The card's flow stamps once it stands in a column of ``category``
    (:func:`.domain.cards.flow_stamps`)."""
    started, done = card_rules.flow_stamps(
        category, repo.parse_time(row.started_at), repo.parse_time(row.done_at), now
    )
    row.started_at = iso(started) if started else None
    row.done_at = iso(done) if done else None


def locate(session: Session, key: str) -> tuple[BoardRow, CardRow]:
    board_key, number = validation.parse_card_key(key)
    board = repo.board_row(session, board_key)
    return board, repo.card_row(session, board, number)


def locate_live(session: Session, key: str) -> tuple[BoardRow, CardRow, str]:
    """A card to change: its board, its row and its key as the board spells it
    (``WEB-12`` for ``web-12``). An archived card is out of play until it is
    restored."""
    board, row = locate(session, key)
    key = f"{board.key}-{row.number}"
    if row.archived:
        raise RuleViolation(
            f"{key} is archived; restore it first (kanban card restore {key}, "
            "or r in the Archive view)."
        )
    return board, row, key
