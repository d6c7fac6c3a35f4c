"""Cards: create, move, edit, block, assign, delete, list (ranking: :mod:`.card_rank`)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func
from sqlmodel import Session, select

from ..domain import cards as card_rules
from ..domain import people, ranking, validation
from ..domain.errors import RuleViolation
from ..domain.model import Card, Category
from ..storage import repo
from ..storage import sprint_repo as srepo
from ..storage.tables import BoardRow, CardRow, ColumnRow
from . import person_wip
from .card_rows import check_version, enter, locate, locate_live, restamp, touch
from .context import Context, iso
from .sprint_metrics import backlog
from .sprint_scope import join_sprint


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
        forced = enter(ctx, session, board, target, key, force, reason, who)
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
        board, row = locate(session, key)
        return repo.card(session, board, row)


def list_cards(
    ctx: Context,
    board_key: str,
    *,
    column: str | None = None,
    assignee: str | None = None,
    sprint: int | str | None = None,
    archived: bool | None = False,
    limit: int | None = None,
    offset: int = 0,
) -> list[Card]:
    """Non-archived cards in rank order, optionally of one column or assignee
    (``"none"``: the unassigned cards), and of one sprint (a number,
    ``"active"``) or the ``"backlog"``. ``archived`` True: the archived cards
    only; None: both (the backlog holds no archived card). ``offset`` cards
    skipped, at most ``limit`` (read no further than that, but the backlog's)."""
    who, unassigned = assignee_filter(ctx, assignee)
    if sprint is not None and str(sprint).strip().lower() == "backlog":
        found = [] if archived else backlog(ctx, board_key)
        if column:
            with ctx.db.read() as session:
                name = repo.column_row(session, repo.board_row(session, board_key), column).name
            found = [card for card in found if card.column == name]
        if unassigned:
            found = [card for card in found if card.assignee is None]
        else:
            found = [card for card in found if who is None or people.same(card.assignee, who)]
        return found[offset : None if limit is None else offset + limit]
    with ctx.db.read() as session:
        board = repo.board_row(session, board_key)
        assert board.id is not None
        query = list_query(session, board, column, who, unassigned, sprint, archived, limit, offset)
        return repo.query_cards(session, query, board.id, board.key)


def assignee_filter(ctx: Context, assignee: str | None) -> tuple[str | None, bool]:
    """The assignee a card list is narrowed to (``me``: the actor), and whether
    to the unassigned cards (``none``)."""
    assignee = ctx.meaning({"assignee": assignee}, "assignee")["assignee"]
    who = validation.assignee(assignee)
    return who, assignee is not None and people.canonical(assignee) == "none"


def list_query(
    session: Session,
    board: BoardRow,
    column: str | None,
    who: str | None,
    unassigned: bool,
    sprint: int | str | None,
    archived: bool | None,
    limit: int | None,
    offset: int,
) -> Any:
    """The select of :func:`list_cards` on ``board`` (of a sprint, not the backlog)."""
    assert board.id is not None
    column_id = repo.column_row(session, board, column).id if column else None
    sprint_id = srepo.sprint_row(session, board, sprint).id if sprint is not None else None
    return repo.board_cards_query(
        board.id,
        column_id=column_id,
        assignee=who,
        sprint_id=sprint_id,
        unassigned=unassigned,
        archived=archived,
        limit=limit,
        offset=offset,
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
        board, row, key = locate_live(session, key)
        check_version(row, key, expected_version)
        target = repo.column_row(session, board, column)
        return _move(ctx, session, board, row, target, force, reason)


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
    with ctx.db.write() as session:  # one transaction: the TUI's move, off its frame
        board, row, key = locate_live(session, key)
        assert board.id is not None
        rows = repo.column_rows(session, board.id)
        index = next(i for i, column in enumerate(rows) if column.id == row.column_id)
        if not 0 <= index + offset < len(rows):
            edge = "first" if offset < 0 else "last"
            raise RuleViolation(f"{key} is already in the {edge} column.")
        if force:
            validation.reason(reason)
        check_version(row, key, expected_version)
        return _move(ctx, session, board, row, rows[index + offset], force, reason)


def _move(
    ctx: Context,
    session: Session,
    board: BoardRow,
    row: CardRow,
    target: ColumnRow,
    force: bool,
    reason: str | None,
) -> Card:
    """The move itself, after the card was found live and current: WIP rules,
    flow stamps, the event."""
    key = f"{board.key}-{row.number}"
    source = session.get(ColumnRow, row.column_id)
    assert source is not None
    if target.id == row.column_id:
        return repo.card(session, board, row)
    who = None if source.category == Category.IN_PROGRESS.value else row.assignee
    forced = enter(ctx, session, board, target, key, force, reason, who, row.id)
    assert target.id is not None
    restamp(row, Category(target.category), ctx.clock())
    row.column_id = target.id
    touch(ctx, row)
    session.add(row)
    data: dict[str, Any] = {"before": source.name, "after": target.name}
    if force:
        data |= {"forced": True, "reason": reason, **forced}
    ctx.log(session, board.id, "card", key, "moved", **data)
    return repo.card(session, board, row)


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
        board, row, key = locate_live(session, key)
        check_version(row, key, expected_version)
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
        touch(ctx, row)
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
        board, row, key = locate_live(session, key)
        check_version(row, key, expected)
        if why is None and row.blocked is None:
            raise RuleViolation(f"{key} is not blocked.")
        if why == row.blocked:
            return repo.card(session, board, row)
        ctx.log(
            session, board.id, "card", key, "edited", blocked={"before": row.blocked, "after": why}
        )
        row.blocked = why
        touch(ctx, row)
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
        board, row = locate(session, key)
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
