"""``kanban export --format json``: everything a database holds, as one document.

The shape is documented in docs/export.md (``"format": "kanban-export"``,
``"version": 1``) and reuses the ``--json`` objects of :mod:`.serialize` and
:mod:`.risk_serialize`, with what a round trip needs beside them (sequences,
``updated_by``, comments, frozen reports, the whole activity log).

Deterministic: boards by key, everything else in a fixed order, no database
ids and no wall clock, so the same database exports byte-identically.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from sqlmodel import Session, col, select

from ..domain import activity
from ..domain import risks as risk_rules
from ..domain.errors import NotFound
from ..domain.sprint_metrics import SprintReport
from ..storage import repo, risk_repo
from ..storage import sprint_repo as srepo
from ..storage.risk_tables import RiskSequenceRow
from ..storage.tables import BoardRow, CardRow, CommentRow, EventRow
from . import serialize
from .context import Context
from .risk_serialize import risk_json

FORMAT = "kanban-export"
VERSION = 1
"""The version this code writes and the newest it reads."""

_FIXED_DAY = date(2000, 1, 1)
"""``overdue`` depends on today: it is dropped, the day only satisfies risk_json."""

_JSON_EXTRA = {code: f"\\u{code:04x}" for code in [0x7F, *range(0x80, 0xA0)]}
_JSON_EXTRA.update({code: f"\\u{code:04x}" for code in (0x200E, 0x200F, 0x2028, 0x2029)})
_JSON_EXTRA.update({code: f"\\u{code:04x}" for code in range(0x202A, 0x202F)})
_JSON_EXTRA.update({code: f"\\u{code:04x}" for code in range(0x2066, 0x206A)})


def export_data(ctx: Context, board_key: str | None = None) -> dict[str, Any]:
    """The export document: every board, or the one named, in one read."""
    with ctx.db.read() as session:
        query = select(BoardRow).order_by(col(BoardRow.key))
        if board_key is not None:
            query = query.where(BoardRow.key == board_key.strip().upper())
        rows = session.exec(query).all()
        if board_key is not None and not rows:
            raise NotFound(f"There is no board {board_key.strip().upper()}.")
        boards = [_board(session, row) for row in rows]
    return {"format": FORMAT, "version": VERSION, "boards": boards}


def dumps(data: dict[str, Any]) -> str:
    """The document as text: two-space indents, UTF-8, a newline at the end.

    Control characters and bidirectional marks are escaped (``\\u202e``), so
    the file is safe to show in a terminal and reads back the same.
    """
    return json.dumps(data, indent=2, ensure_ascii=False).translate(_JSON_EXTRA) + "\n"


def _board(session: Session, row: BoardRow) -> dict[str, Any]:
    assert row.id is not None
    board = repo.to_board(row)
    data = serialize.board(board, repo.columns(session, row.id))
    sequence = session.get(RiskSequenceRow, row.id)
    data.update(
        created_at=row.created_at,
        next_card=row.next_card,
        next_sprint=row.next_sprint,
        next_risk=sequence.next_number if sequence else 1,
    )
    events = _event_rows(session, row.id)
    data["cards"] = _cards(session, row)
    data["sprints"] = _sprints(session, row, events)
    data["risks"] = _risks(session, row)
    data["events"] = _events(events)
    return data


def _cards(session: Session, board: BoardRow) -> list[dict[str, Any]]:
    assert board.id is not None
    cards = repo.query_cards(
        session,
        select(CardRow).where(CardRow.board_id == board.id).order_by(col(CardRow.number)),
        board.id,
        board.key,
    )
    comments: dict[int, list[CommentRow]] = {}
    query = (
        select(CommentRow)
        .join(CardRow, col(CardRow.id) == CommentRow.card_id)
        .where(CardRow.board_id == board.id)
        .order_by(col(CommentRow.id))
    )
    for comment in session.exec(query).all():
        comments.setdefault(comment.card_id, []).append(comment)
    out = []
    for card in cards:
        data = serialize.card(card)
        data["updated_by"] = card.updated_by
        data["comments"] = [
            serialize.comment(repo.to_comment(item, card.key)) for item in comments.get(card.id, [])
        ]
        out.append(data)
    return out


def _sprints(session: Session, board: BoardRow, events: list[EventRow]) -> list[dict[str, Any]]:
    assert board.id is not None
    totals = srepo.totals(session, board.id)
    out = []
    for row in srepo.sprint_rows(session, board.id):
        assert row.id is not None
        count, points = totals.get(row.id, (0, 0))
        data = serialize.sprint(srepo.to_sprint(row, board.key, count, points))
        data["committed"] = json.loads(row.committed or "[]")
        frozen = SprintReport.from_dict(json.loads(row.report)) if row.report else None
        data["report"] = serialize.sprint_report(frozen) if frozen else None
        data["membership"] = _membership(events, row.number)
        out.append(data)
    return out


def _membership(events: list[EventRow], number: int) -> list[dict[str, Any]]:
    """Cards joining and leaving the sprint, from the log's ``sprint`` events."""
    found = []
    for event in events:
        if event.entity != "card" or event.action != "sprint":
            continue
        data = _data(event)
        if data.get("after") == number:
            change = "added"
        elif data.get("before") == number:
            change = "removed"
        else:
            continue
        found.append({"at": event.at, "actor": event.actor, "card": event.key, "change": change})
    return found


def _risks(session: Session, board: BoardRow) -> list[dict[str, Any]]:
    out = []
    for risk in sorted(risk_repo.board_risks(session, board), key=lambda item: item.number):
        data = risk_json(risk, _FIXED_DAY)
        del data["overdue"]
        row = risk_repo.locate(session, risk.key)[1]
        data["updated_by"] = row.updated_by
        history = risk_rules.score_history(risk_repo.events(session, board, risk.key))
        data["history"] = [
            {
                "at": serialize.timestamp(point.at),
                "actor": point.actor,
                "action": point.action,
                "probability": point.probability,
                "impact": point.impact,
                "score": point.score,
                "residual_probability": point.residual_probability,
                "residual_impact": point.residual_impact,
                "residual_score": point.residual_score,
            }
            for point in history
        ]
        out.append(data)
    return out


def _event_rows(session: Session, board_id: int) -> list[EventRow]:
    query = select(EventRow).where(EventRow.board_id == board_id).order_by(col(EventRow.id))
    return list(session.exec(query).all())


def _data(event: EventRow) -> dict[str, Any]:
    try:
        data = json.loads(event.data or "{}")
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def _events(rows: list[EventRow]) -> list[dict[str, Any]]:
    """Every event, oldest first; an undo's ``undo_of`` becomes the index, in
    this list, of the event it took back (database ids are not exported)."""
    index = {row.id: place for place, row in enumerate(rows)}
    out = []
    for row in rows:
        data = _data(row)
        if "undo_of" in data:
            data["undo_of"] = index.get(data["undo_of"])
        out.append(
            {
                "at": row.at,
                "actor": row.actor,
                "entity": row.entity,
                "key": row.key,
                "action": row.action,
                "data": data,
                "text": activity.describe(row.entity, row.key, row.action, data),
            }
        )
    return out
