"""Writing an import plan (:mod:`..domain.import_plan`) from another tool:
the new board, its columns, sprints, cards and comments, inside the caller's
write transaction, and its one event (entity ``board``, action ``imported``,
data ``source``, ``name``, ``columns`` and the summary's counts).

Also what every importer shares (the kanban one of :mod:`.importer` too):
the refusal of a board key that is taken (:class:`ImportKeyTaken`, with a
free key to offer), and the progress of a long write (:data:`Progress`,
:func:`reporting`). Cards are written in batches of :data:`BATCH` rows, one
``INSERT`` each, their ids read back in one query: 10,000 cards take a
second or two, where a flush per card took several (bench/import_speed.py).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from sqlalchemy import insert
from sqlmodel import Session, select

from ..domain.errors import KeyTaken
from ..domain.import_plan import BoardPlan, CardPlan
from ..domain.import_summary import ImportSummary
from ..domain.sprints import SprintState
from ..storage.tables import BoardRow, CardRow, ColumnRow, CommentRow, SprintRow
from .context import Context, iso

BATCH = 500
"""Cards written per ``INSERT`` (and between two progress reports)."""

Progress = Callable[[int, int], None]
"""Told ``(cards written, cards in all)`` as an import writes: once before
the first card, after each batch, and once at the end."""

_REPORTING: ContextVar[Progress | None] = ContextVar("import_progress", default=None)


@contextmanager
def reporting(progress: Progress) -> Iterator[None]:
    """Every import this thread runs inside the block reports to ``progress``,
    also through an importer that does not pass it along (Trello, Jira)."""
    token = _REPORTING.set(progress)
    try:
        yield
    finally:
        _REPORTING.reset(token)


def progress_of(progress: Progress | None) -> Progress:
    """``progress``, else the one :func:`reporting` set, else one that does nothing."""
    return progress or _REPORTING.get() or _quiet


def _quiet(done: int, total: int) -> None:
    pass


class ImportKeyTaken(KeyTaken):
    """The board key an import would use is taken here.

    The message is the command line's sentence (it names ``--as``). ``key``
    is the taken key and ``free`` a free one like it (``WEB2``), or None
    when the file holds several boards (which come in under their own keys
    only): a door that asks for another key (the TUI) says it in its own
    words with :meth:`sentence`.
    """

    def __init__(self, key: str, free: str | None) -> None:
        self.key = key
        self.free = free
        if free is None:
            super().__init__(self.sentence("--as renames the one board of a file, not several"))
        else:
            super().__init__(self.sentence("give another with --as KEY"))

    def sentence(self, then: str | None = None) -> str:
        """``A board with key WEB exists already.``, or ``…already: {then}.``"""
        return f"A board with key {self.key} exists already" + (f": {then}." if then else ".")


def taken_keys(session: Session) -> set[str]:
    """The board keys in use, which a new board's key must avoid."""
    return set(session.exec(select(BoardRow.key)).all())


def free_key(key: str, taken: Collection[str]) -> str:
    """A key like ``key`` that is not taken: ``WEB2``, ``WEB3``… (``WEB4`` after
    ``WEB3``), cut to stay within 10 characters."""
    base = key.rstrip("0123456789") or key
    start = int(key[len(base) :] or 1) + 1
    for number in range(start, start + 10_000):
        suffix = str(number)
        candidate = base[: 10 - len(suffix)] + suffix
        if candidate not in taken:
            return candidate
    raise AssertionError("ten thousand keys taken")  # pragma: no cover


def refuse_taken(key: str, taken: Collection[str], *, boards: int = 1) -> ImportKeyTaken:
    """The refusal of ``key``, offering a free key when the file's one board
    may take another (``boards``: how many the file holds)."""
    return ImportKeyTaken(key, free_key(key, taken) if boards == 1 else None)


def check_key_free(plan: BoardPlan, taken: set[str]) -> BoardPlan:
    if plan.key in taken:
        raise refuse_taken(plan.key, taken)
    return plan


def insert_batches(
    session: Session,
    rows: Sequence[dict[str, Any]],
    *,
    done: int = 0,
    total: int | None = None,
    progress: Progress,
) -> dict[int, int]:
    """Insert card ``rows`` (one board's, each with its ``number``) in batches,
    reporting after each; the new ids by card number."""
    total = len(rows) if total is None else total
    connection = session.connection()  # Core: one executemany, not the ORM's row groups
    for start in range(0, len(rows), BATCH):
        batch = rows[start : start + BATCH]
        connection.execute(insert(CardRow), batch)
        progress(done + start + len(batch), total)
    if not rows:
        return {}
    board_id = rows[0]["board_id"]
    found = session.exec(
        select(CardRow.number, CardRow.id).where(CardRow.board_id == board_id)
    ).all()
    return {number: card_id for number, card_id in found if card_id is not None}


def write_plan(
    ctx: Context,
    session: Session,
    plan: BoardPlan,
    source: str,
    *,
    progress: Progress | None = None,
    before_log: Callable[[], None] | None = None,
) -> None:
    """Write ``plan`` as a new board. ``progress`` (else :func:`reporting`'s)
    hears how many cards are written; ``before_log`` runs once the rows are
    written, before the board's ``imported`` event: that event is logged
    last, so undo meets the import (where a board's history begins) first."""
    report = progress_of(progress)
    report(0, len(plan.cards))
    now = ctx.now()
    top = max((card.number for card in plan.cards), default=0)
    row = BoardRow(
        key=plan.key,
        name=plan.name,
        created_at=now,
        next_card=top + 1,
        next_sprint=len(plan.sprints) + 1,
    )
    session.add(row)
    session.flush()
    assert row.id is not None
    column_ids = []
    for position, spec in enumerate(plan.columns):
        column = ColumnRow(
            board_id=row.id, name=spec.name, position=position, category=spec.category.value
        )
        session.add(column)
        session.flush()
        assert column.id is not None
        column_ids.append(column.id)
    sprint_ids = []
    for number, sprint in enumerate(plan.sprints, start=1):
        state = SprintState.COMPLETED if sprint.completed else SprintState.PLANNED
        sprint_row = SprintRow(
            board_id=row.id,
            number=number,
            name=sprint.name,
            state=state.value,
            created_at=now,
            started_at=now if sprint.completed else None,
            completed_at=now if sprint.completed else None,
        )
        session.add(sprint_row)
        session.flush()
        assert sprint_row.id is not None
        sprint_ids.append(sprint_row.id)
    values = [_card_values(ctx, row.id, card, column_ids, sprint_ids, now) for card in plan.cards]
    card_ids = insert_batches(session, values, progress=report)
    comments = [
        {"card_id": card_ids[card.number], "author": c.author, "at": iso(c.at), "text": c.text}
        for card in plan.cards
        for c in card.comments
    ]
    if comments:
        session.connection().execute(insert(CommentRow), comments)
    if before_log is not None:
        before_log()
    ctx.log(
        session,
        row.id,
        "board",
        plan.key,
        "imported",
        source=source,
        name=plan.name,
        columns=[spec.name for spec in plan.columns],
        counts=plan.summary.counts,
    )
    report(len(plan.cards), len(plan.cards))


def _card_values(
    ctx: Context,
    board_id: int,
    card: CardPlan,
    column_ids: list[int],
    sprint_ids: list[int],
    now: str,
) -> dict[str, Any]:
    return {
        "board_id": board_id,
        "number": card.number,
        "title": card.title,
        "description": card.description,
        "type": card.type.value,
        "priority": card.priority.value,
        "points": card.points,
        "assignee": card.assignee,
        "labels": " ".join(card.labels),
        "due": card.due.isoformat() if card.due else None,
        "column_id": column_ids[card.column],
        "rank": card.rank,
        "sprint_id": sprint_ids[card.sprint] if card.sprint is not None else None,
        "blocked": None,
        "archived": card.archived,
        "version": 1,
        "created_at": iso(card.created_at) if card.created_at else now,
        "updated_at": iso(card.updated_at) if card.updated_at else now,
        "updated_by": ctx.actor,
        "started_at": iso(card.started_at) if card.started_at else None,
        "done_at": iso(card.done_at) if card.done_at else None,
    }


def import_plan(
    ctx: Context,
    make_plan: Callable[[set[str]], BoardPlan],
    source: str,
    *,
    dry_run: bool = False,
    after: Callable[[Session, BoardPlan], None] | None = None,
) -> ImportSummary:
    """Plan an import against the keys taken now and write it in one
    transaction (``after`` adds to it, before the ``imported`` event), or,
    for a dry run, only plan it: the door every importer from another tool
    goes through."""
    if dry_run:
        with ctx.db.read() as session:
            summary = make_plan(taken_keys(session)).summary
        summary.dry_run = True
        return summary
    with ctx.db.write() as session:
        plan = make_plan(taken_keys(session))
        then = None if after is None else (lambda: after(session, plan))
        write_plan(ctx, session, plan, source, before_log=then)
        return plan.summary
