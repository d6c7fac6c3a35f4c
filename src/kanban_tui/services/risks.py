"""The risk register: add, edit, close, list, link mitigation cards, heat map.

Every change is one transaction that writes its event with the before/after
values, so a risk's score history can be replayed from the log.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import date
from enum import StrEnum
from typing import Any, cast

from sqlmodel import Session

from ..domain import risk_fields, validation
from ..domain import risks as rules
from ..domain.errors import RuleViolation
from ..domain.model import Card, Event
from ..domain.risks import HeatMap, Mitigation, Risk, RiskStatus, ScorePoint
from ..storage import repo, risk_repo
from ..storage.risk_tables import RiskCardRow, RiskRow
from ..storage.store import Store
from ..storage.tables import BoardRow, CardRow
from . import cards
from .card_rows import check_version, touch
from .context import Context
from .risk_serialize import risk_json

__all__ = [
    "add_risk",
    "card_risks",
    "create_mitigation_card",
    "edit_risk",
    "get_risk",
    "heat_map",
    "link_card",
    "linked_card_keys",
    "list_risks",
    "mitigation_status",
    "risk_events",
    "risk_json",
    "score_history",
    "set_status",
    "unlink_card",
]


def _stored(values: dict[str, Any]) -> dict[str, Any]:
    """Domain values -> column values."""
    out = dict(values)
    for name, value in out.items():
        if isinstance(value, StrEnum):
            out[name] = value.value
        elif isinstance(value, date):
            out[name] = value.isoformat()
    return out


def _row_values(row: RiskRow) -> dict[str, Any]:
    return {name: getattr(row, name) for name in risk_fields.FIELDS}


def _scores(values: dict[str, Any]) -> dict[str, Any]:
    """The derived values at a moment, for the log."""
    score = rules.score(values["probability"], values["impact"])
    residual = None
    if values["residual_probability"] is not None and values["residual_impact"] is not None:
        residual = rules.score(values["residual_probability"], values["residual_impact"])
    return {"score": score, "severity": rules.severity(score).value, "residual_score": residual}


def _key(board: BoardRow, row: RiskRow) -> str:
    return f"{board.key}-R{row.number}"


def add_risk(
    ctx: Context,
    board_key: str,
    title: str,
    probability: int | str,
    impact: int | str,
    *,
    owner: str | None = None,
    category: rules.RiskCategory | str = rules.RiskCategory.TECHNICAL,
    response: rules.Response | str = rules.Response.MITIGATE,
    mitigation: str = "",
    contingency: str = "",
    trigger: str = "",
    review_on: date | str | None = None,
    description: str = "",
    residual_probability: int | str | None = None,
    residual_impact: int | str | None = None,
    status: RiskStatus | str = RiskStatus.OPEN,
) -> Risk:
    """Add a risk to a board's register; its key prints as ``WEB-R3``.

    ``probability`` and ``impact`` take 1-5 or their words; ``owner``
    defaults to the actor.
    """
    given = {
        "title": title,
        "probability": probability,
        "impact": impact,
        "category": category,
        "response": response,
        "mitigation": mitigation,
        "contingency": contingency,
        "trigger": trigger,
        "review_on": review_on,
        "description": description,
        "residual_probability": residual_probability,
        "residual_impact": residual_impact,
        "status": status,
        "owner": ctx.actor if owner is None else owner,
    }
    values = risk_fields.clean(ctx.meaning(given, "owner"))
    risk_fields.check(values)
    stored = _stored(values)
    with ctx.db.write() as session:
        board = repo.board_row(session, board_key)
        assert board.id is not None
        number = risk_repo.next_number(session, board)
        now = ctx.now()
        row = RiskRow(
            board_id=board.id,
            number=number,
            created_at=now,
            updated_at=now,
            updated_by=ctx.actor,
            **stored,
        )
        session.add(row)
        session.flush()
        logged = {k: v for k, v in stored.items() if k not in risk_fields.TEXTS}
        ctx.log(session, board.id, "risk", _key(board, row), "created", **logged, **_scores(stored))
        return risk_repo.risk(session, board, row)


def edit_risk(
    ctx: Context,
    key: str,
    changes: dict[str, Any],
    *,
    expected_version: int | None = None,
) -> Risk:
    """Change a risk's fields; only values that differ are written and logged."""
    values = _stored(risk_fields.clean(ctx.meaning(changes, "owner")))
    with ctx.db.write() as session:
        board, row = risk_repo.locate(session, key)
        key = _key(board, row)
        check_version(row, key, expected_version)
        before = _row_values(row)
        after = {**before, **values}
        risk_fields.check(after)
        diff: dict[str, Any] = {
            name: {"changed": True} if name in risk_fields.TEXTS else {"before": old, "after": new}
            for name, old in before.items()
            if (new := after[name]) != old
        }
        if not diff:
            return risk_repo.risk(session, board, row)
        for name, value in values.items():
            setattr(row, name, value)
        touch(ctx, row)
        session.add(row)
        old_scores, new_scores = _scores(before), _scores(after)
        for name in ("score", "residual_score"):
            if old_scores[name] != new_scores[name]:
                diff[name] = {"before": old_scores[name], "after": new_scores[name]}
        ctx.log(session, board.id, "risk", key, "edited", **diff)
        return risk_repo.risk(session, board, row)


def set_status(
    ctx: Context,
    key: str,
    status: RiskStatus | str,
    *,
    expected_version: int | None = None,
) -> Risk:
    """Open, mitigating, closed or occurred. Closing keeps the risk and its history."""
    new = risk_fields.status(status)
    with ctx.db.write() as session:
        board, row = risk_repo.locate(session, key)
        key = _key(board, row)
        check_version(row, key, expected_version)
        if row.status == new.value:
            return risk_repo.risk(session, board, row)
        before, row.status = row.status, new.value
        touch(ctx, row)
        session.add(row)
        ctx.log(session, board.id, "risk", key, "status", before=before, after=new.value)
        return risk_repo.risk(session, board, row)


def get_risk(ctx: Context, key: str) -> Risk:
    with ctx.db.read() as session:
        board, row = risk_repo.locate(session, key)
        return risk_repo.risk(session, board, row)


def list_risks(
    ctx: Context,
    board_key: str,
    *,
    status: RiskStatus | str | None = None,
    owner: str | None = None,
) -> list[Risk]:
    """A board's risks, highest score first, optionally of one status or owner."""
    wanted = risk_fields.status(status) if status is not None else None
    owner = ctx.meaning({"owner": owner}, "owner")["owner"]
    who = risk_fields.owner(owner) if owner is not None else None
    with ctx.db.read() as session:
        board = repo.board_row(session, board_key)
        return rules.sort_risks(risk_repo.board_risks(session, board, status=wanted, owner=who))


def risk_events(ctx: Context, key: str) -> list[Event]:
    """Everything that happened to a risk, oldest first."""
    with ctx.db.read() as session:
        board, row = risk_repo.locate(session, key)
        return risk_repo.events(session, board, _key(board, row))


def score_history(ctx: Context, key: str) -> list[ScorePoint]:
    """The risk's ratings after each change of them, oldest first, from the log."""
    return rules.score_history(risk_events(ctx, key))


def heat_map(
    ctx: Context, board_key: str, *, residual: bool = False, include_closed: bool = False
) -> HeatMap:
    """Counts per cell, ``grid[probability - 1][impact - 1]``, of the open and
    mitigating risks (every risk with ``include_closed``)."""
    risks = list_risks(ctx, board_key)
    if not include_closed:
        risks = [risk for risk in risks if risk.status in rules.ACTIVE]
    return rules.heat_map(risks, residual)


def _card(session: Session, board: BoardRow, card_key: str) -> CardRow:
    card_board, number = validation.parse_card_key(card_key)
    if card_board != board.key:
        raise RuleViolation(
            f"{card_key.strip().upper()} is on board {card_board}; "
            f"a risk of {board.key} links only to cards of {board.key}."
        )
    return repo.card_row(session, board, number)


def _link(ctx: Context, session: Session, board: BoardRow, row: RiskRow, card: CardRow) -> None:
    assert row.id is not None and card.id is not None
    if session.get(RiskCardRow, (row.id, card.id)) is not None:
        return
    session.add(RiskCardRow(risk_id=row.id, card_id=card.id))
    touch(ctx, row)
    session.add(row)
    ctx.log(
        session, board.id, "risk", _key(board, row), "linked", card=f"{board.key}-{card.number}"
    )


def link_card(ctx: Context, key: str, card_key: str) -> Risk:
    """Link a card of the same board to a risk as mitigation work (again: no change)."""
    with ctx.db.write() as session:
        board, row = risk_repo.locate(session, key)
        _link(ctx, session, board, row, _card(session, board, card_key))
        session.flush()
        return risk_repo.risk(session, board, row)


def unlink_card(ctx: Context, key: str, card_key: str) -> Risk:
    """Remove a card's link to a risk; the card itself stays."""
    with ctx.db.write() as session:
        board, row = risk_repo.locate(session, key)
        card = _card(session, board, card_key)
        link = session.get(RiskCardRow, (row.id, card.id))
        if link is None:
            raise RuleViolation(f"{board.key}-{card.number} is not linked to {_key(board, row)}.")
        session.delete(link)
        touch(ctx, row)
        session.add(row)
        card_key = f"{board.key}-{card.number}"
        ctx.log(session, board.id, "risk", _key(board, row), "unlinked", card=card_key)
        session.flush()
        return risk_repo.risk(session, board, row)


class _Joined:
    """The database, but ``read``/``write`` join an open transaction.

    Lets a service that opens its own transaction (``cards.add_card``) run
    inside another, so creating a mitigation card and linking it is one
    user action that happens whole or not at all.
    """

    def __init__(self, db: Store, session: Session) -> None:
        self._db = db
        self._session = session

    def __getattr__(self, name: str) -> Any:
        return getattr(self._db, name)

    @contextmanager
    def write(self) -> Iterator[Session]:
        yield self._session

    read = write


PRIORITY = {
    rules.Severity.CRITICAL: "urgent",
    rules.Severity.HIGH: "high",
    rules.Severity.MEDIUM: "medium",
    rules.Severity.LOW: "low",
}
"""A mitigation card's priority follows its risk's severity."""


def create_mitigation_card(ctx: Context, key: str, title: str | None = None) -> tuple[Risk, Card]:
    """Create a card for a risk's mitigation work and link it, in one transaction.

    The card goes to the bottom of the board's first todo column, in no
    sprint (so it is in the backlog), assigned to the risk's owner, labelled
    ``risk``, with the risk's mitigation plan as its description.
    """
    with ctx.db.write() as session:
        board, row = risk_repo.locate(session, key)
        risk = risk_repo.risk(session, board, row)
        name = title if title is not None else f"Mitigate {risk.key}: {risk.title}"
        if title is None and len(name) > validation.MAX_TITLE:
            name = name[: validation.MAX_TITLE - 3].rstrip() + "..."
        plan = f"{risk.mitigation}\n\n" if risk.mitigation else ""
        joined = replace(ctx, db=cast(Store, _Joined(ctx.db, session)))
        card = cards.add_card(
            joined,
            board.key,
            name,
            type="task",
            priority=PRIORITY[risk.severity],
            assignee=risk.owner,
            labels=("risk",),
            description=f"{plan}Mitigation work for risk {risk.key}.",
        )
        _link(ctx, session, board, row, repo.card_row(session, board, card.number))
        session.flush()
        return risk_repo.risk(session, board, row), card


def mitigation_status(ctx: Context, key: str) -> Mitigation:
    """The linked cards and whether each is done (stands in a done column)."""
    with ctx.db.read() as session:
        board, row = risk_repo.locate(session, key)
        assert row.id is not None
        linked = risk_repo.links(session, [row.id]).get(row.id, [])
        return Mitigation(tuple((f"{board.key}-{number}", done) for number, done in linked))


def card_risks(ctx: Context, card_key: str) -> list[Risk]:
    """The risks a card is linked to, highest score first (shown on the card)."""
    board_key, number = validation.parse_card_key(card_key)
    with ctx.db.read() as session:
        board = repo.board_row(session, board_key)
        card = repo.card_row(session, board, number)
        return rules.sort_risks(risk_repo.card_risks(session, board, card))


def linked_card_keys(ctx: Context, board_key: str) -> frozenset[str]:
    """Keys of the board's cards linked to any risk, in one query (a mark on the card)."""
    with ctx.db.read() as session:
        board = repo.board_row(session, board_key)
        assert board.id is not None
        query = risk_repo.linked_cards_query(board.id)
        return frozenset(f"{board.key}-{number}" for number in session.exec(query).all())
