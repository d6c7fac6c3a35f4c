"""Cards: create, move, rank, edit, delete, list."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import func, update
from sqlmodel import Session, col, select

from ..domain import cards as card_rules
from ..domain import people, ranking, validation, wip
from ..domain.errors import InvalidInput, RuleViolation, StaleChange
from ..domain.model import Card, Category
from ..storage import repo
from ..storage import sprint_repo as srepo
from ..storage.tables import BoardRow, CardRow, ColumnRow
from . import person_wip
from .context import Context, iso
from .sprint_metrics import backlog
from .sprint_scope import join_sprint


def _enter(
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


def _check_version(row: CardRow, key: str, expected: int | None) -> None:
    if expected is not None and row.version != expected:
        at = datetime.fromisoformat(row.updated_at).astimezone().strftime("%H:%M")
        raise StaleChange(f"{key} was changed by {row.updated_by} at {at}; reloaded - try again.")


def _touch(ctx: Context, row: CardRow) -> None:
    row.version += 1
    row.updated_at = ctx.now()
    row.updated_by = ctx.actor


def _live(row: CardRow, key: str) -> None:
    """An archived card is out of play until it is restored."""
    if row.archived:
        raise RuleViolation(
            f"{key} is archived; restore it first (kanban card restore {key}, "
            "or r in the Archive view)."
        )


def _locate(session: Session, key: str) -> tuple[BoardRow, CardRow]:
    board_key, number = validation.parse_card_key(key)
    board = repo.board_row(session, board_key)
    return board, repo.card_row(session, board, number)


def add_card(
    ctx: Context,
    board_key: str,
    title: str,
    *,
    column: str | None = None,
    force: bool = False,
    reason: str | None = None,
    sprint: int | str | None = None,
    **fields: Any,
) -> Card:
    """Create a card at the bottom of the board's ranking; prints as ``WEB-12``.

    ``sprint`` (a number or ``"active"``) plans it into that sprint at once;
    ``"backlog"`` or None leaves it in the backlog.
    """
    values = card_rules.clean(ctx.meaning({"title": title, **fields}, "assignee"))
    with ctx.db.write() as session:
        board = repo.board_row(session, board_key)
        assert board.id is not None
        if column is None:
            target = next(
                row
                for row in repo.column_rows(session, board.id)
                if row.category == Category.TODO.value
            )
        else:
            target = repo.column_row(session, board, column)
        number = board.next_card
        key = f"{board.key}-{number}"
        who = values.get("assignee")
        forced = _enter(ctx, session, board, target, key, force, reason, who)
        board.next_card += 1
        session.add(board)
        bottom = session.exec(
            select(func.max(CardRow.rank)).where(CardRow.board_id == board.id)
        ).one()
        now = ctx.now()
        started, done = card_rules.flow_stamps(Category(target.category), None, None, ctx.clock())
        rank = ranking.between(bottom, None)  # below the bottom: never without a gap
        assert target.id is not None and rank is not None
        row = CardRow(
            board_id=board.id,
            number=number,
            column_id=target.id,
            rank=rank,
            created_at=now,
            updated_at=now,
            updated_by=ctx.actor,
            started_at=iso(started) if started else None,
            done_at=iso(done) if done else None,
            **_stored(values),
        )
        session.add(row)
        session.flush()
        ctx.log(
            session,
            board.id,
            "card",
            key,
            "created",
            column=target.name,
            **_loggable(values),
            **forced,
        )
        if sprint is not None and str(sprint).strip().lower() != "backlog":
            join_sprint(ctx, session, board, srepo.sprint_row(session, board, sprint), row)
        return repo.card(session, board, row)


def _stored(values: dict[str, Any]) -> dict[str, Any]:
    """Domain values -> column values."""
    out = dict(values)
    if "labels" in out:
        out["labels"] = " ".join(out["labels"])
    if "due" in out:
        out["due"] = out["due"].isoformat() if out["due"] else None
    for name in ("type", "priority"):
        if name in out:
            out[name] = out[name].value
    return out


def _loggable(values: dict[str, Any]) -> dict[str, Any]:
    out = _stored(values)
    out.pop("description", None)
    return out


def get_card(ctx: Context, key: str) -> Card:
    with ctx.db.read() as session:
        board, row = _locate(session, key)
        return repo.card(session, board, row)


def list_cards(
    ctx: Context,
    board_key: str,
    *,
    column: str | None = None,
    assignee: str | None = None,
    sprint: int | str | None = None,
    archived: bool | None = False,
) -> list[Card]:
    """Non-archived cards in rank order, optionally of one column or assignee
    (``"none"``: the unassigned cards), and of one sprint (a number,
    ``"active"``) or the ``"backlog"``. ``archived`` True: the archived cards
    only; None: both (the backlog holds no archived card)."""
    assignee = ctx.meaning({"assignee": assignee}, "assignee")["assignee"]
    who = validation.assignee(assignee)
    unassigned = assignee is not None and people.canonical(assignee) == "none"
    if sprint is not None and str(sprint).strip().lower() == "backlog":
        found = [] if archived else backlog(ctx, board_key)
        if column:
            with ctx.db.read() as session:
                name = repo.column_row(session, repo.board_row(session, board_key), column).name
            found = [card for card in found if card.column == name]
        if unassigned:
            return [card for card in found if card.assignee is None]
        return [card for card in found if who is None or people.same(card.assignee, who)]
    with ctx.db.read() as session:
        board = repo.board_row(session, board_key)
        column_id = repo.column_row(session, board, column).id if column else None
        sprint_id = srepo.sprint_row(session, board, sprint).id if sprint is not None else None
        return repo.board_cards(
            session,
            board,
            column_id=column_id,
            assignee=who,
            sprint_id=sprint_id,
            unassigned=unassigned,
            archived=archived,
        )


def move_card(
    ctx: Context,
    key: str,
    column: str,
    *,
    force: bool = False,
    reason: str | None = None,
    expected_version: int | None = None,
) -> Card:
    """Move a card to another column, under the target's WIP limit unless forced."""
    if force:
        validation.reason(reason)
    with ctx.db.write() as session:
        board, row = _locate(session, key)
        key = f"{board.key}-{row.number}"
        _live(row, key)
        _check_version(row, key, expected_version)
        source = session.get(ColumnRow, row.column_id)
        target = repo.column_row(session, board, column)
        assert source is not None
        if target.id == row.column_id:
            return repo.card(session, board, row)
        who = None if source.category == Category.IN_PROGRESS.value else row.assignee
        forced = _enter(ctx, session, board, target, key, force, reason, who, row.id)
        assert target.id is not None
        started, done = card_rules.flow_stamps(
            Category(target.category),
            repo.parse_time(row.started_at),
            repo.parse_time(row.done_at),
            ctx.clock(),
        )
        row.column_id = target.id
        row.started_at = iso(started) if started else None
        row.done_at = iso(done) if done else None
        _touch(ctx, row)
        session.add(row)
        data: dict[str, Any] = {"before": source.name, "after": target.name}
        if force:
            data |= {"forced": True, "reason": reason, **forced}
        ctx.log(session, board.id, "card", key, "moved", **data)
        return repo.card(session, board, row)


def step_card(
    ctx: Context,
    key: str,
    offset: int,
    *,
    force: bool = False,
    reason: str | None = None,
    expected_version: int | None = None,
) -> Card:
    """Move a card to the previous (-1) or next (+1) column."""
    with ctx.db.read() as session:
        board, row = _locate(session, key)
        _live(row, f"{board.key}-{row.number}")
        assert board.id is not None
        rows = repo.column_rows(session, board.id)
        index = next(i for i, column in enumerate(rows) if column.id == row.column_id)
    if not 0 <= index + offset < len(rows):
        edge = "first" if offset < 0 else "last"
        raise RuleViolation(f"{board.key}-{row.number} is already in the {edge} column.")
    return move_card(
        ctx,
        key,
        rows[index + offset].name,
        force=force,
        reason=reason,
        expected_version=expected_version,
    )


RANK_SCOPES = ("column", "backlog", "sprint", "sprint column")
"""``sprint column``: the card's sprint's cards in its column (the Sprint screen's lists)."""


def _siblings(session: Session, board: BoardRow, row: CardRow, scope: str) -> list[Any]:
    """``(id, rank)`` of the list the card is ranked in, in rank order."""
    assert board.id is not None
    key = f"{board.key}-{row.number}"
    if scope == "backlog":
        found = srepo.backlog_ranks(session, board.id)
        if row.id not in {card_id for card_id, _ in found}:
            raise RuleViolation(f"{key} is not in the backlog.")
        return found
    if scope == "sprint":
        if row.sprint_id is None:
            raise RuleViolation(f"{key} is in no sprint.")
        return srepo.sprint_ranks(session, row.sprint_id)
    query = (
        select(CardRow.id, CardRow.rank)
        .where(CardRow.column_id == row.column_id, col(CardRow.archived).is_(False))
        .order_by(col(CardRow.rank), col(CardRow.id))
    )
    if scope == "sprint column":
        if row.sprint_id is None:
            raise RuleViolation(f"{key} is in no sprint.")
        query = query.where(CardRow.sprint_id == row.sprint_id)
    return list(session.exec(query).all())


def rank_card(ctx: Context, key: str, move: ranking.Move | str, *, scope: str = "column") -> Card:
    """Move a card up, down, to the top or bottom of its column (or of the
    ``"backlog"``, or of its ``"sprint"``); no other card moves."""
    move = ranking.Move(move)
    if scope not in RANK_SCOPES:
        raise InvalidInput(
            f"Ranking scope must be column, backlog, sprint or sprint column (got {scope!r})."
        )
    with ctx.db.write() as session:
        board, row = _locate(session, key)
        _live(row, f"{board.key}-{row.number}")
        siblings = _siblings(session, board, row, scope)
        ids = [card_id for card_id, _ in siblings]
        index = ids.index(row.id)
        neighbours = ranking.target([rank for _, rank in siblings], index, move)
        if neighbours is None:
            return repo.card(session, board, row)
        before = row.rank  # read before a renumber moves it
        new_rank = ranking.between(*neighbours)
        if new_rank is None:
            _renumber(session, board)
            session.refresh(row)
            siblings = _siblings(session, board, row, scope)
            neighbours = ranking.target([rank for _, rank in siblings], index, move)
            assert neighbours is not None
            new_rank = ranking.between(*neighbours)
        row.rank = new_rank if new_rank is not None else row.rank
        _touch(ctx, row)
        session.add(row)
        key = f"{board.key}-{row.number}"
        # ``index``: where it was in its list, which undo puts it back to.
        data: dict[str, Any] = {
            "move": move.value,
            "before": before,
            "after": row.rank,
            "index": index,
        }
        if scope != "column":
            data["scope"] = scope
        ctx.log(session, board.id, "card", key, "ranked", **data)
        return repo.card(session, board, row)


def _renumber(session: Session, board: BoardRow) -> None:
    """Spread the board's ranks evenly again, keeping every card's order."""
    ids = session.exec(
        select(CardRow.id)
        .where(CardRow.board_id == board.id)
        .order_by(col(CardRow.rank), col(CardRow.id))
    ).all()
    for card_id, rank in zip(ids, ranking.renumber(len(ids)), strict=True):
        session.execute(update(CardRow).where(col(CardRow.id) == card_id).values(rank=rank))


def edit_card(
    ctx: Context,
    key: str,
    changes: dict[str, Any],
    *,
    expected_version: int | None = None,
    force: bool = False,
    reason: str | None = None,
) -> Card:
    """Change a card's fields; only values that differ are written and logged.

    Assigning a card in an in_progress column obeys the per-person WIP limit."""
    values = _stored(card_rules.clean(ctx.meaning(changes, "assignee")))
    with ctx.db.write() as session:
        board, row = _locate(session, key)
        key = f"{board.key}-{row.number}"
        _live(row, key)
        _check_version(row, key, expected_version)
        diff = {
            name: {"before": getattr(row, name), "after": value}
            for name, value in values.items()
            if getattr(row, name) != value
        }
        if not diff:
            return repo.card(session, board, row)
        forced: dict[str, Any] = {}
        if "assignee" in diff:
            breach = person_wip.assign(session, board, row, values["assignee"], force)
            forced = person_wip.override_data(reason, None, breach) if force else {}
        for name, value in values.items():
            setattr(row, name, value)
        _touch(ctx, row)
        session.add(row)
        if "description" in diff:
            # Not shown in the log (long text), but kept: undo sets it back.
            diff["description"] = {"changed": True, "before": diff["description"]["before"]}
        ctx.log(session, board.id, "card", key, "edited", **diff, **forced)
        return repo.card(session, board, row)


def block_card(ctx: Context, key: str, reason: str, *, expected_version: int | None = None) -> Card:
    """Mark a card blocked, saying why (or change why); one event.

    The event is an edit of ``blocked``, the same shape as blocking through
    :func:`edit_card`, so the log reads "blocked WEB-12: reason" either way."""
    return _set_blocked(ctx, key, validation.block_reason(reason), expected_version)


def unblock_card(ctx: Context, key: str, *, expected_version: int | None = None) -> Card:
    """Clear a card's blocked mark; one event. A card that is not blocked is refused."""
    return _set_blocked(ctx, key, None, expected_version)


def _set_blocked(ctx: Context, key: str, why: str | None, expected: int | None) -> Card:
    with ctx.db.write() as session:
        board, row = _locate(session, key)
        key = f"{board.key}-{row.number}"
        _live(row, key)
        _check_version(row, key, expected)
        if why is None and row.blocked is None:
            raise RuleViolation(f"{key} is not blocked.")
        if why == row.blocked:
            return repo.card(session, board, row)
        ctx.log(
            session, board.id, "card", key, "edited", blocked={"before": row.blocked, "after": why}
        )
        row.blocked = why
        _touch(ctx, row)
        session.add(row)
        return repo.card(session, board, row)


def toggle_assign_to_me(
    ctx: Context,
    key: str,
    *,
    expected_version: int | None = None,
    force: bool = False,
    reason: str | None = None,
) -> Card:
    """Assign the card to the actor, or unassign it if it is theirs already."""
    card = get_card(ctx, key)
    mine = people.same(card.assignee, ctx.actor)
    return edit_card(
        ctx,
        key,
        {"assignee": None if mine else ctx.actor},
        expected_version=expected_version if expected_version is not None else card.version,
        force=force,
        reason=reason,
    )


def delete_card(ctx: Context, key: str) -> Card:
    """Delete a card for good; its number is never given out again."""
    with ctx.db.write() as session:
        board, row = _locate(session, key)
        card = repo.card(session, board, row)
        session.delete(row)
        ctx.log(
            session,
            board.id,
            "card",
            card.key,
            "deleted",
            title=card.title,
            column=card.column,
            points=card.points,
        )
        return card
