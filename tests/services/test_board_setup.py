"""Setting a board up through the services: each action, its one event, its refusals."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest
from storehelp import card_rows, events

from kanban_tui.domain.activity import describe
from kanban_tui.domain.boards import ColumnHoldsCards
from kanban_tui.domain.errors import (
    InvalidInput,
    NotFound,
    PersonWipLimitReached,
    RuleViolation,
    Unchanged,
    WipLimitReached,
)
from kanban_tui.domain.model import Board, Category
from kanban_tui.services import Context, activity, boards, card_rank, cards, columns, flow, risks


def _names(ctx: Context, key: str = "WEB") -> list[str]:
    return [column.name for column in boards.columns(ctx, key)]


def _new_events(ctx: Context, before: int) -> list[dict]:
    return events(ctx)[before:]


def test_a_board_from_a_template(ctx: Context) -> None:
    boards.create_board(ctx, "SCR", "Team", template="scrum")
    assert _names(ctx, "SCR") == ["Backlog", "To Do", "In Progress", "Review", "Done"]
    boards.create_board(ctx, "KAN", "Flow", template="Kanban")
    assert _names(ctx, "KAN") == ["To Do", "In Progress", "Done"]
    assert events(ctx)[-1]["data"]["template"] == "kanban"
    with pytest.raises(InvalidInput):
        boards.create_board(ctx, "XP", "X", template="xp")
    with pytest.raises(InvalidInput, match="not both"):
        boards.create_board(ctx, "XP", "X", "A,B", template="kanban")
    assert [b.key for b in boards.list_boards(ctx)] == ["KAN", "SCR"]


def test_rename_board_logs_one_event(ctx: Context, board: Board) -> None:
    before = len(events(ctx))
    assert boards.rename_board(ctx, "web", "Website 2").name == "Website 2"
    logged = _new_events(ctx, before)
    assert [(e["entity"], e["key"], e["action"], e["data"]) for e in logged] == [
        ("board", "WEB", "renamed", {"before": "Website", "after": "Website 2"})
    ]
    with pytest.raises(InvalidInput):
        boards.rename_board(ctx, "WEB", " ")
    with pytest.raises(NotFound):
        boards.rename_board(ctx, "NOPE", "x")


def test_only_an_empty_board_is_deleted(ctx: Context, board: Board) -> None:
    boards.create_board(ctx, "OPS", "Ops")
    card = cards.add_card(ctx, "WEB", "One")
    with pytest.raises(RuleViolation, match="WEB holds 1 card: only an empty board"):
        boards.delete_board(ctx, "WEB")
    cards.delete_card(ctx, card.key)
    risks.add_risk(ctx, "WEB", "Outage", probability=2, impact=3, owner="alice")
    with pytest.raises(RuleViolation, match="1 risk"):
        boards.delete_board(ctx, "WEB")
    assert boards.delete_board(ctx, "OPS").key == "OPS"
    assert [b.key for b in boards.list_boards(ctx)] == ["WEB"]
    assert all(e["key"] != "OPS" for e in events(ctx))


def test_rename_column_keeps_its_cards_and_logs_one_event(ctx: Context, board: Board) -> None:
    card = cards.add_card(ctx, "WEB", "One", column="Review")
    before = len(events(ctx))
    renamed = columns.rename_column(ctx, "WEB", "review", "Code review")
    assert (renamed.name, renamed.count, renamed.wip_limit) == ("Code review", 1, 2)
    assert cards.get_card(ctx, card.key).column == "Code review"
    assert [(e["key"], e["action"], e["data"]) for e in _new_events(ctx, before)] == [
        ("Code review", "renamed", {"before": "Review", "after": "Code review"})
    ]
    with pytest.raises(RuleViolation, match="'Done' already"):
        columns.rename_column(ctx, "WEB", "Code review", "done")
    columns.rename_column(ctx, "WEB", "Code review", "CODE REVIEW")  # a change of case


def test_move_column(ctx: Context, board: Board) -> None:
    before = len(events(ctx))
    assert columns.move_column(ctx, "WEB", "Review", "left").position == 1
    assert _names(ctx) == ["To Do", "Review", "In Progress", "Done"]
    columns.move_column(ctx, "WEB", "Done", 1)
    assert _names(ctx) == ["Done", "To Do", "Review", "In Progress"]
    logged = _new_events(ctx, before)
    assert [(e["key"], e["action"]) for e in logged] == [("Review", "moved"), ("Done", "moved")]
    assert logged[0]["data"] == {
        "before": 3,
        "after": 2,
        "order": ["To Do", "Review", "In Progress", "Done"],
    }
    with pytest.raises(Unchanged, match="Done is already first; nothing changed"):
        columns.move_column(ctx, "WEB", "Done", "left")
    with pytest.raises(InvalidInput, match="1-4"):
        columns.move_column(ctx, "WEB", "Done", "5")
    with pytest.raises(Unchanged, match="already at position 1"):
        columns.move_column(ctx, "WEB", "Done", "1")
    assert len(events(ctx)) == before + 2


def test_delete_an_empty_column(ctx: Context, board: Board) -> None:
    before = len(events(ctx))
    removed = columns.delete_column(ctx, "WEB", "Review")
    assert (removed.column, removed.moved_to, removed.cards) == ("Review", None, ())
    assert _names(ctx) == ["To Do", "In Progress", "Done"]
    assert [c.position for c in boards.columns(ctx, "WEB")] == [0, 1, 2]
    assert [(e["key"], e["action"]) for e in _new_events(ctx, before)] == [("Review", "deleted")]
    with pytest.raises(RuleViolation, match="Done cannot go"):
        columns.delete_column(ctx, "WEB", "Done")


def test_a_column_with_cards_needs_a_target_and_moves_them_in_one_event(
    ctx: Context, board: Board
) -> None:
    first = cards.add_card(ctx, "WEB", "First", column="Review")
    second = cards.add_card(ctx, "WEB", "Second", column="Review")
    card_rank.rank_card(ctx, second.key, "top")
    with pytest.raises(ColumnHoldsCards, match="Review holds 2 cards: say where"):
        columns.delete_column(ctx, "WEB", "Review")
    before = len(events(ctx))
    removed = columns.delete_column(ctx, "WEB", "Review", move_cards_to="done")
    assert removed.moved_to == "Done"
    assert removed.cards == (second.key, first.key)  # rank order
    done = cards.list_cards(ctx, "WEB", column="Done")
    assert [c.key for c in done] == [second.key, first.key]
    assert all(c.done_at is not None for c in done)  # entering done stamps them
    logged = _new_events(ctx, before)
    assert len(logged) == 1
    assert logged[0]["data"]["cards"] == [second.key, first.key]
    assert logged[0]["data"]["moved_to"] == "Done"


def test_the_targets_wip_limit_holds_unless_forced(ctx: Context, board: Board) -> None:
    for title in ("A", "B"):
        cards.add_card(ctx, "WEB", title, column="Review")
    cards.add_card(ctx, "WEB", "C", column="In Progress")
    cards.add_card(ctx, "WEB", "D", column="In Progress")
    rows, before = card_rows(ctx), len(events(ctx))
    with pytest.raises(WipLimitReached, match="In Progress holds 2 of 3; 2 more cards would"):
        columns.delete_column(ctx, "WEB", "Review", move_cards_to="In Progress")
    assert card_rows(ctx) == rows and len(events(ctx)) == before
    assert "Review" in _names(ctx)
    with pytest.raises(InvalidInput):
        columns.delete_column(ctx, "WEB", "Review", move_cards_to="In Progress", force=True)
    removed = columns.delete_column(
        ctx, "WEB", "Review", move_cards_to="In Progress", force=True, reason="release"
    )
    assert removed.forced
    logged = _new_events(ctx, before)
    assert len(logged) == 1
    wanted = {"forced": True, "reason": "release", "count": 4, "limit": 3}
    assert wanted.items() <= logged[0]["data"].items()


def test_archived_cards_move_too(ctx: Context, board: Board) -> None:
    card = cards.add_card(ctx, "WEB", "Old", column="Review")
    with ctx.db.write() as session:
        from kanban_tui.storage.tables import CardRow

        row = session.get(CardRow, card.id)
        assert row is not None
        row.archived = True
        session.add(row)
    with pytest.raises(ColumnHoldsCards):
        columns.delete_column(ctx, "WEB", "Review")
    columns.delete_column(ctx, "WEB", "Review", move_cards_to="To Do")
    assert card_rows(ctx)[card.number]["archived"]


def test_set_category(ctx: Context, board: Board) -> None:
    card = cards.add_card(ctx, "WEB", "One", column="Review")
    before = len(events(ctx))
    changed = columns.set_column_category(ctx, "WEB", "Review", "done")
    assert changed.category is Category.DONE
    assert cards.get_card(ctx, card.key).done_at is not None
    assert [(e["key"], e["action"], e["data"]) for e in _new_events(ctx, before)] == [
        ("Review", "category", {"before": "in_progress", "after": "done"})
    ]
    with pytest.raises(RuleViolation, match="at least one todo"):
        columns.set_column_category(ctx, "WEB", "To Do", "in_progress")
    with pytest.raises(InvalidInput):
        columns.set_column_category(ctx, "WEB", "To Do", "doing")


def test_the_flow_report_follows_a_renamed_column(ctx: Context, board: Board) -> None:
    now = ctx.clock()
    yesterday = replace(ctx, clock=lambda: now - timedelta(days=1))
    cards.add_card(yesterday, "WEB", "One", column="Review")
    cards.add_card(yesterday, "WEB", "Two", column="In Progress")
    columns.rename_column(ctx, "WEB", "Review", "Code review")
    columns.move_column(ctx, "WEB", "Code review", 2)
    report = flow.flow_report(ctx, "WEB", days=2)
    assert report.flow.columns == ("To Do", "Code review", "In Progress", "Done")
    assert report.flow.counts == ((0, 1, 1, 0), (0, 1, 1, 0))
    columns.delete_column(ctx, "WEB", "Code review", move_cards_to="Done")
    report = flow.flow_report(ctx, "WEB", days=2)
    assert report.flow.counts == ((0, 1, 0), (0, 1, 1))
    # Started in Review (in progress) yesterday, done today by the move: two days.
    assert [(card.key, card.days) for card in report.cycle.cards] == [("WEB-1", 2)]


def test_the_per_person_limit_holds_for_cards_that_start_by_the_move(
    ctx: Context, board: Board
) -> None:
    boards.set_person_wip_limit(ctx, "WEB", 1)
    started = cards.add_card(ctx, "WEB", "Busy", assignee="bob")
    cards.move_card(ctx, started.key, "In Progress")
    cards.add_card(ctx, "WEB", "Next", column="To Do", assignee="bob")
    boards.add_column(ctx, "WEB", "Inbox", "todo")
    cards.move_card(ctx, "WEB-2", "Inbox")
    with pytest.raises(PersonWipLimitReached, match="bob has 1 of 1"):
        columns.delete_column(ctx, "WEB", "Inbox", move_cards_to="Review")
    columns.delete_column(ctx, "WEB", "Inbox", move_cards_to="To Do")  # not in progress: fine
    boards.add_column(ctx, "WEB", "Later", "todo")
    cards.move_card(ctx, "WEB-2", "Later")
    columns.delete_column(ctx, "WEB", "Later", move_cards_to="Review", force=True, reason="pairing")
    logged = events(ctx)[-1]
    assert logged["data"]["people_over"] == {"bob": 2}
    assert describe("column", "Later", "deleted", logged["data"]) == (
        "deleted the column Later, its 1 card moved to Review over the per-person WIP limit "
        "(bob): pairing"
    )


def test_a_cards_history_shows_the_column_delete_that_moved_it(ctx: Context, board: Board) -> None:
    moved = cards.add_card(ctx, "WEB", "Moved", column="Review")
    for number in range(9):
        cards.add_card(ctx, "WEB", f"Filler {number}")
    ten = cards.add_card(ctx, "WEB", "Ten", column="To Do")
    columns.delete_column(ctx, "WEB", "Review", move_cards_to="Done")
    history = [activity.describe(e) for e in activity.recent_events(ctx, "WEB", key=moved.key)]
    assert history[0] == "deleted the column Review, its 1 card moved to Done"
    assert ten.key == "WEB-11"
    others = [activity.describe(e) for e in activity.recent_events(ctx, "WEB", key=ten.key)]
    assert not any("deleted the column" in line for line in others)


def test_the_burndown_reads_old_moves_after_a_rename(ctx: Context, board: Board) -> None:
    from kanban_tui.services import sprint_metrics, sprints

    one = cards.add_card(ctx, "WEB", "One", points=3)
    cards.add_card(ctx, "WEB", "Two", points=5)
    sprints.create_sprint(ctx, "WEB")
    sprints.add_cards(ctx, "WEB", 1, ["WEB-1", "WEB-2"])
    sprints.start_sprint(ctx, "WEB", 1, goal="Ship it")
    cards.move_card(ctx, one.key, "Done")
    before = sprint_metrics.burndown(ctx, "WEB")
    assert sum(before.completed) == 3
    columns.rename_column(ctx, "WEB", "Done", "Shipped")
    after = sprint_metrics.burndown(ctx, "WEB")
    assert after.remaining == before.remaining
    assert after.completed == before.completed


def test_columns_without_their_counts(ctx, board):
    """``counted=False`` (the Backlog's read): the same columns, names,
    categories and limits, without counting their cards."""
    cards.add_card(ctx, "WEB", "One")
    counted = boards.columns(ctx, "WEB")
    bare = boards.columns(ctx, "WEB", counted=False)
    assert counted[0].count == 1 and [c.count for c in bare] == [0, 0, 0, 0]
    assert [replace(c, count=0) for c in counted] == bare
