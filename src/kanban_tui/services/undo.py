"""Undo: take back the person's own last action on a board (``ctrl+z``, ``kanban undo``).

Which action, and whether it may be taken back, is :mod:`..domain.undo`.
Here, in one transaction: read the person's events, refuse if anyone else
has changed the card since or it no longer shows what the action left,
then take the action back through the ordinary service function (a move
back obeys the WIP limit like any move, with the same override), whose
events carry ``undo_of``. Nothing is deleted from the log.

:data:`APPLY` maps a step's kind to that service call; with
:data:`..domain.undo.INVERSES` it is the whole of what makes an action undoable.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from typing import Any

from sqlmodel import Session, col, select

from ..domain import undo as rules
from ..domain import undo_words as words
from ..domain import validation
from ..domain.errors import NotFound, RuleViolation
from ..domain.model import Card
from ..storage import repo
from ..storage.tables import BoardRow, CardRow, ColumnRow, EventRow, SprintRow
from . import archive, cards, sprints
from .card_rank import rank_card_at
from .context import Context


@dataclass(frozen=True)
class Undone:
    """What an undo took back, and the card as it is now."""

    text: str
    """The action undone: ``WEB-12 moved To Do → In Progress``."""
    card: Card
    event: int
    """The id of the event taken back (the newest, for an action of several cards)."""
    cards: tuple[Card, ...] = ()
    """Every card taken back (more than one after a bulk archive)."""

    @property
    def sentence(self) -> str:
        """``Undid: WEB-12 moved To Do → In Progress``."""
        return f"Undid: {self.text}"


@dataclass
class _Undoing(Context):
    """The person's context, whose every event says which event it takes back."""

    undo_of: int = 0
    logged: int = 0

    def log(
        self,
        session: Session,
        board_id: int | None,
        entity: str,
        key: str,
        action: str,
        **data: Any,
    ) -> None:
        self.logged += 1
        super().log(session, board_id, entity, key, action, **data, undo_of=self.undo_of)


Apply = Callable[[Context, rules.Step, bool, "str | None"], Card]


def _move(ctx: Context, step: rules.Step, force: bool, reason: str | None) -> Card:
    card = cards.move_card(ctx, step.key, step.args["column"], force=force, reason=reason)
    with ctx.db.write() as session:  # the undo's own transaction (a batch)
        row = session.get(CardRow, card.id)
        column = session.get(ColumnRow, card.column_id)
        assert row is not None and column is not None
        if rules.unstarts(step, repo.parse_time(row.started_at), column.category):
            row.started_at = None  # never really started: no cycle time from this move
            session.add(row)
            return replace(card, started_at=None)
    return card


def _edit(ctx: Context, step: rules.Step, force: bool, reason: str | None) -> Card:
    return cards.edit_card(ctx, step.key, dict(step.args["changes"]), force=force, reason=reason)


def _rank(ctx: Context, step: rules.Step, force: bool, reason: str | None) -> Card:
    return rank_card_at(ctx, step.key, step.args["index"], scope=step.args["scope"])


def _plan(ctx: Context, step: rules.Step, force: bool, reason: str | None) -> Card:
    return sprints.plan_card(ctx, step.key, step.args["sprint"])


def _board_of(key: str) -> str:
    return key.rsplit("-", 1)[0]


def _restore(ctx: Context, step: rules.Step, force: bool, reason: str | None) -> Card:
    return archive.restore_cards(ctx, _board_of(step.key), [step.key], force=force, reason=reason)[
        0
    ]


def _archive(ctx: Context, step: rules.Step, force: bool, reason: str | None) -> Card:
    return archive.archive_cards(ctx, _board_of(step.key), [step.key])[0]


APPLY: dict[str, Apply] = {
    "move": _move,
    "edit": _edit,
    "rank": _rank,
    "sprint": _plan,
    "restore": _restore,
    "archive": _archive,
}
"""A step's kind -> the service call that takes the action back."""


def undo_last(
    ctx: Context, board_key: str, *, force: bool = False, reason: str | None = None
) -> Undone:
    """Take back the person's newest action on the board that can be undone.

    Refused (nothing changes) when there is none, when anyone else has
    changed the card since, or when the card no longer shows what the
    action left. ``force``/``reason``: over a WIP limit, as for a move.
    """
    if force:
        validation.reason(reason)
    with ctx.db.batch(), ctx.db.write() as session:
        board = repo.board_row(session, board_key)
        step = rules.choose(_mine(session, board, ctx.actor))
        parts = step.parts or (step,)
        for part in parts:  # every card first: all are taken back, or none
            words.check_others(part, ctx.actor, _later(session, board, part))
            row = _card(session, board, part.key)
            words.check_state(part, _now(session, row))
            _check_column(session, board, part)
        done = []
        for part in parts:
            undoing = _Undoing(ctx.db, ctx.actor, ctx.clock, undo_of=part.event)
            done.append(APPLY[part.kind](undoing, part, force, reason))
            if not undoing.logged:
                # Already as it was (a text set back outside kanban): still one
                # event, an edit of nothing, so the next undo goes on to the action before.
                undoing.log(session, board.id, "card", part.key, "edited")
        return Undone(step.text, done[0], step.event, tuple(done))


def _logged(row: EventRow) -> rules.Logged:
    try:
        data = json.loads(row.data)
    except ValueError:
        data = {}
    return rules.Logged(
        id=row.id or 0,
        at=row.at,
        actor=row.actor,
        entity=row.entity,
        key=row.key,
        action=row.action,
        data=data if isinstance(data, dict) else {},
    )


def _mine(session: Session, board: BoardRow, actor: str) -> Iterator[rules.Logged]:
    """The person's events on the board, newest first, read a page at a time
    as they are asked for (the search usually stops at the first)."""
    below: int | None = None
    while True:
        rows = list(session.exec(mine_query(board.id or 0, actor, below)))
        for row in rows:
            yield _logged(row)
        if len(rows) < _PAGE:
            return
        below = rows[-1].id


_PAGE = 100


def mine_query(board_id: int, actor: str, below: int | None) -> Any:
    """A page of ``actor``'s events on the board, newest first, older than
    event ``below`` if given: ``ix_event_board_actor`` walked backwards, no sort."""
    query = select(EventRow).where(EventRow.board_id == board_id, EventRow.actor == actor)
    if below is not None:
        query = query.where(col(EventRow.id) < below)
    return query.order_by(col(EventRow.id).desc()).limit(_PAGE)


def _later(session: Session, board: BoardRow, step: rules.Step) -> list[rules.Logged]:
    """The card's events after the step's, oldest first."""
    query = (
        select(EventRow)
        .where(
            EventRow.board_id == board.id,
            EventRow.entity == "card",
            EventRow.key == step.key,
            col(EventRow.id) > step.event,
        )
        .order_by(col(EventRow.id))
    )
    return [_logged(row) for row in session.exec(query)]


def _check_column(session: Session, board: BoardRow, step: rules.Step) -> None:
    """Refuse a move back into a column that is no longer on the board,
    saying who deleted it (or what it is called now)."""
    if step.kind != "move":
        return
    name = str(step.args["column"])
    assert board.id is not None
    if any(row.name == name for row in repo.column_rows(session, board.id)):
        return
    query = (
        select(EventRow)
        .where(
            EventRow.board_id == board.id,
            EventRow.entity == "column",
            col(EventRow.action).in_(("deleted", "renamed")),
            col(EventRow.id) > step.event,
        )
        .order_by(col(EventRow.id))
    )
    deleted_by: str | None = None
    renamed_to: str | None = None
    for row in session.exec(query):
        event = _logged(row)
        if event.action == "deleted" and event.key == name:
            deleted_by, renamed_to = event.actor, None
            break
        if event.action == "renamed" and event.data.get("before") == name:
            renamed_to = str(event.data.get("after") or event.key)
            break
    raise RuleViolation(
        words.column_gone(step.key, name, deleted_by=deleted_by, renamed_to=renamed_to)
    )


def _card(session: Session, board: BoardRow, key: str) -> CardRow:
    board_key, number = validation.parse_card_key(key)
    try:
        if board_key != board.key:
            raise NotFound(key)
        row = repo.card_row(session, board, number)
    except NotFound:
        raise RuleViolation(f"{key} no longer exists; nothing undone.") from None
    return row


def _now(session: Session, row: CardRow) -> dict[str, Any]:
    """What the card shows now, in the terms of the events: its column's
    name, its sprint's number, its stored fields."""
    column = session.get(ColumnRow, row.column_id)
    sprint = session.get(SprintRow, row.sprint_id) if row.sprint_id else None
    now: dict[str, Any] = {name: getattr(row, name) for name in rules.EDIT_FIELDS}
    now["column"] = column.name if column is not None else None
    now["sprint"] = sprint.number if sprint is not None else None
    now["archived"] = row.archived
    return now
