"""Card and board actions against a real file: one event each, one transaction,
keys never reused, flow timestamps and versions written."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from storehelp import card_rows, events, raw

from kanban_tui.domain.errors import InvalidInput, NotFound, RuleViolation, WipLimitReached
from kanban_tui.domain.model import Board
from kanban_tui.services import Context, boards, card_rank, cards
from kanban_tui.services import context as context_module

NOW = "2026-11-25T09:30:00Z"


def new_events(ctx: Context, since: int) -> list[dict[str, Any]]:
    return events(ctx)[since:]


def act(ctx: Context, action, *args, **kwargs) -> tuple[Any, list[dict[str, Any]]]:
    """Run one service action; return its result and the events it wrote."""
    before = len(events(ctx))
    result = action(ctx, *args, **kwargs)
    return result, new_events(ctx, before)


def fill(ctx: Context, column: str, count: int) -> list[str]:
    return [cards.add_card(ctx, "WEB", f"{column} {n}", column=column).key for n in range(count)]


def state(ctx: Context) -> tuple:
    """Everything an action could change: every row of the tables it touches."""
    return (
        raw(ctx.db.path, "SELECT * FROM board ORDER BY id"),
        raw(ctx.db.path, "SELECT * FROM board_column ORDER BY id"),
        raw(ctx.db.path, "SELECT * FROM card ORDER BY id"),
        raw(ctx.db.path, "SELECT * FROM event ORDER BY id"),
    )


# --- one event per action, with the actor and the values --------------------


def test_create_board_writes_one_event(ctx: Context) -> None:
    board, written = act(ctx, boards.create_board, "WEB", "Website", "Backlog,Doing:2,Done")
    assert board == Board(id=board.id, key="WEB", name="Website")
    assert written == [
        {
            "actor": "alice",
            "at": NOW,
            "entity": "board",
            "key": "WEB",
            "action": "created",
            "data": {"name": "Website", "columns": ["Backlog", "Doing", "Done"]},
        }
    ]
    headers = [column.header for column in boards.columns(ctx, "WEB")]
    assert headers == ["Backlog 0", "Doing 0/2", "Done 0"]


def test_default_board_has_the_specs_columns(ctx: Context, board: Board) -> None:
    columns = boards.columns(ctx, "WEB")
    assert [(c.name, c.category.value, c.wip_limit) for c in columns] == [
        ("To Do", "todo", None),
        ("In Progress", "in_progress", 3),
        ("Review", "in_progress", 2),
        ("Done", "done", None),
    ]


def test_duplicate_board_key_refused(ctx: Context, board: Board) -> None:
    before = state(ctx)
    with pytest.raises(RuleViolation, match="A board with key WEB exists already."):
        boards.create_board(ctx, "web", "Again")
    assert state(ctx) == before


def test_add_card_writes_one_event_with_its_values(ctx: Context, board: Board) -> None:
    card, written = act(
        ctx, cards.add_card, "WEB", "Fix login", points=3, labels="ui", priority="high"
    )
    assert card.key == "WEB-1"
    assert (card.version, card.created_at, card.updated_by) == (1, card.updated_at, "alice")
    assert written == [
        {
            "actor": "alice",
            "at": NOW,
            "entity": "card",
            "key": "WEB-1",
            "action": "created",
            "data": {
                "column": "To Do",
                "title": "Fix login",
                "points": 3,
                "labels": "ui",
                "priority": "high",
            },
        }
    ]


def test_move_writes_one_event_with_before_and_after(ctx: Context, board: Board) -> None:
    cards.add_card(ctx, "WEB", "a")
    card, written = act(ctx, cards.move_card, "WEB-1", "in progress")
    assert card.column == "In Progress"
    assert [(e["actor"], e["action"], e["data"]) for e in written] == [
        ("alice", "moved", {"before": "To Do", "after": "In Progress"})
    ]


def test_a_step_to_the_next_column_is_one_transaction(
    ctx: Context, board: Board, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The TUI's ``L``/``H``: the column is found and the card moved in the
    one write, not a read and then a write."""
    cards.add_card(ctx, "WEB", "a")

    def no_read() -> None:
        raise AssertionError("a read session besides the write")

    def step(ctx: Context) -> Any:
        with monkeypatch.context() as patch:
            patch.setattr(ctx.db, "read", no_read)
            return cards.step_card(ctx, "WEB-1", 1, expected_version=1)

    card, written = act(ctx, step)
    assert card.column == "In Progress"
    assert [(e["action"], e["data"]) for e in written] == [
        ("moved", {"before": "To Do", "after": "In Progress"})
    ]


def test_move_to_the_same_column_changes_nothing(ctx: Context, board: Board) -> None:
    cards.add_card(ctx, "WEB", "a")
    before = state(ctx)
    cards.move_card(ctx, "WEB-1", "To Do")
    assert state(ctx) == before


def test_edit_writes_one_event_with_before_and_after_of_each_changed_field(
    ctx: Context, board: Board
) -> None:
    cards.add_card(ctx, "WEB", "a", points=1)
    card, written = act(
        ctx,
        cards.edit_card,
        "WEB-1",
        {"title": "b", "points": 1, "assignee": "bob", "description": "secret plan"},
    )
    assert (card.title, card.assignee, card.version) == ("b", "bob", 2)
    assert [(e["actor"], e["action"]) for e in written] == [("alice", "edited")]
    assert written[0]["data"] == {
        "title": {"before": "a", "after": "b"},
        "assignee": {"before": None, "after": "bob"},
        # The new text is not copied into the log; the old one is kept, unshown, for undo.
        "description": {"changed": True, "before": ""},
    }


def test_edit_that_changes_nothing_writes_nothing(ctx: Context, board: Board) -> None:
    cards.add_card(ctx, "WEB", "a", points=1)
    before = state(ctx)
    card = cards.edit_card(ctx, "WEB-1", {"title": " a ", "points": "1"})
    assert card.version == 1
    assert state(ctx) == before


def test_delete_writes_one_event(ctx: Context, board: Board) -> None:
    cards.add_card(ctx, "WEB", "a", points=5)
    _, written = act(ctx, cards.delete_card, "WEB-1")
    assert [(e["actor"], e["key"], e["action"], e["data"]) for e in written] == [
        ("alice", "WEB-1", "deleted", {"title": "a", "column": "To Do", "points": 5})
    ]
    with pytest.raises(NotFound, match="No card WEB-1."):
        cards.get_card(ctx, "WEB-1")


def test_add_column_and_set_wip_limit_write_one_event_each(ctx: Context, board: Board) -> None:
    column, written = act(ctx, boards.add_column, "WEB", "Test", "in_progress", "4")
    assert [(e["entity"], e["key"], e["action"], e["data"]) for e in written] == [
        ("column", "Test", "created", {"category": "in_progress", "wip": 4})
    ]
    assert [c.name for c in boards.columns(ctx, "WEB")] == [
        "To Do",
        "In Progress",
        "Review",
        "Test",
        "Done",
    ]
    _, written = act(ctx, boards.set_wip_limit, "WEB", "test", "none")
    assert [(e["actor"], e["action"], e["data"]) for e in written] == [
        ("alice", "wip_limit", {"before": 4, "after": None})
    ]


def test_every_event_names_the_actor(ctx: Context, board: Board) -> None:
    bob = Context(ctx.db, actor="bob", clock=ctx.clock)
    cards.add_card(bob, "WEB", "a")
    cards.move_card(bob, "WEB-1", "Review")
    cards.edit_card(bob, "WEB-1", {"title": "b"})
    card_rank.rank_card(bob, "WEB-1", "top")
    cards.delete_card(bob, "WEB-1")
    assert {e["actor"] for e in events(ctx)[1:]} == {"bob"}
    assert len(events(ctx)) == 5  # board created + add, move, edit, delete (rank: no-op)


# --- flow timestamps and versions ------------------------------------------------


def test_flow_timestamps_are_written(ctx: Context, board: Board) -> None:
    day = [1]
    timed = Context(ctx.db, actor="alice", clock=lambda: datetime(2026, 11, day[0], 9, tzinfo=UTC))

    def on(when: int, column: str):
        day[0] = when
        return cards.move_card(timed, "WEB-1", column)

    cards.add_card(timed, "WEB", "a")
    card = on(2, "In Progress")
    assert (card.started_at.day, card.done_at) == (2, None)
    card = on(3, "Review")
    assert (card.started_at.day, card.done_at) == (2, None)  # started stays
    card = on(4, "Done")
    assert (card.started_at.day, card.done_at.day) == (2, 4)
    card = on(5, "Review")  # reopened
    assert (card.started_at.day, card.done_at) == (2, None)
    card = on(6, "To Do")
    assert (card.started_at.day, card.done_at) == (2, None)
    card = on(7, "Done")
    assert card.done_at.day == 7
    row = card_rows(ctx)[1]
    assert (row["started_at"], row["done_at"]) == ("2026-11-02T09:00:00Z", "2026-11-07T09:00:00Z")


def test_a_card_created_in_a_done_column_is_done(ctx: Context, board: Board) -> None:
    card = cards.add_card(ctx, "WEB", "already shipped", column="Done")
    assert card.done_at is not None and card.started_at is None


def test_every_change_bumps_the_version_and_records_who(ctx: Context, board: Board) -> None:
    bob = Context(ctx.db, actor="bob", clock=ctx.clock)
    for title in "abc":
        cards.add_card(ctx, "WEB", title)
    assert cards.get_card(ctx, "WEB-1").version == 1
    card = cards.move_card(bob, "WEB-1", "In Progress")
    assert (card.version, card.updated_by) == (2, "bob")
    card = cards.edit_card(ctx, "WEB-1", {"points": 3})
    assert (card.version, card.updated_by) == (3, "alice")
    card = card_rank.rank_card(bob, "WEB-3", "top")
    assert (card.version, card.updated_by) == (2, "bob")
    assert card_rows(ctx)[2]["version"] == 1  # the card it passed is untouched


# --- card keys ---------------------------------------------------------------


def test_card_keys_are_never_reused_after_a_delete(ctx: Context, board: Board) -> None:
    for title in "abc":
        cards.add_card(ctx, "WEB", title)
    cards.delete_card(ctx, "WEB-3")
    cards.delete_card(ctx, "WEB-2")
    assert cards.add_card(ctx, "WEB", "d").key == "WEB-4"
    cards.delete_card(ctx, "WEB-1")
    cards.delete_card(ctx, "WEB-4")
    assert cards.add_card(ctx, "WEB", "e").key == "WEB-5"


def test_each_board_has_its_own_sequence(ctx: Context, board: Board) -> None:
    boards.create_board(ctx, "OPS", "Operations")
    assert cards.add_card(ctx, "WEB", "a").key == "WEB-1"
    assert cards.add_card(ctx, "OPS", "b").key == "OPS-1"
    assert cards.add_card(ctx, "WEB", "c").key == "WEB-2"


# --- WIP limits through the services -----------------------------------------


def test_a_full_column_refuses_a_move_and_nothing_changes(ctx: Context, board: Board) -> None:
    fill(ctx, "In Progress", 3)
    cards.add_card(ctx, "WEB", "waiting")
    before = state(ctx)
    with pytest.raises(WipLimitReached) as caught:
        cards.move_card(ctx, "WEB-4", "In Progress")
    assert caught.value.message == "WIP limit reached: In Progress holds 3 of 3."
    assert state(ctx) == before


def test_a_full_column_refuses_a_create_and_nothing_changes(ctx: Context, board: Board) -> None:
    fill(ctx, "Review", 2)
    before = state(ctx)
    with pytest.raises(WipLimitReached, match="Review holds 2 of 2"):
        cards.add_card(ctx, "WEB", "one more", column="Review")
    assert state(ctx) == before  # the card sequence did not move either
    assert cards.add_card(ctx, "WEB", "elsewhere").key == "WEB-3"


def test_leaving_and_reordering_a_full_column_are_allowed(ctx: Context, board: Board) -> None:
    keys = fill(ctx, "In Progress", 3)
    card_rank.rank_card(ctx, keys[2], "top")
    cards.move_card(ctx, keys[0], "Review")
    assert boards.columns(ctx, "WEB")[1].header == "In Progress 2/3"


def test_a_lowered_limit_keeps_refusing_until_the_column_drains(ctx: Context, board: Board) -> None:
    keys = fill(ctx, "In Progress", 3)
    cards.add_card(ctx, "WEB", "waiting")
    column = boards.set_wip_limit(ctx, "WEB", "In Progress", 1)
    assert (column.header, column.over_limit) == ("In Progress 3/1", True)
    for count in (3, 2, 1):
        with pytest.raises(WipLimitReached, match=f"holds {count} of 1"):
            cards.move_card(ctx, "WEB-4", "In Progress")
        if count > 1:
            cards.move_card(ctx, keys[count - 1], "Done")
    cards.move_card(ctx, keys[0], "Done")
    assert cards.move_card(ctx, "WEB-4", "In Progress").column == "In Progress"


def test_archived_cards_do_not_count_toward_the_limit(ctx: Context, board: Board) -> None:
    fill(ctx, "Review", 2)
    raw(ctx.db.path, "UPDATE card SET archived = ? WHERE number = 1", True)
    assert boards.columns(ctx, "WEB")[2].header == "Review 1/2"
    assert cards.add_card(ctx, "WEB", "fits", column="Review").column == "Review"


def test_a_forced_move_logs_a_wip_breach_with_the_reason(ctx: Context, board: Board) -> None:
    fill(ctx, "In Progress", 3)
    cards.add_card(ctx, "WEB", "hotfix")
    card, written = act(
        ctx, cards.move_card, "WEB-4", "In Progress", force=True, reason="prod is down"
    )
    assert card.column == "In Progress"
    # One override, one event: the move, the reason and the limit it went over.
    assert [(e["actor"], e["entity"], e["key"], e["action"], e["data"]) for e in written] == [
        (
            "alice",
            "card",
            "WEB-4",
            "moved",
            {
                "before": "To Do",
                "after": "In Progress",
                "forced": True,
                "reason": "prod is down",
                "breach": {"column": "In Progress", "count": 4, "limit": 3},
            },
        ),
    ]
    column = boards.columns(ctx, "WEB")[1]
    assert (column.header, column.over_limit) == ("In Progress 4/3", True)


def test_a_forced_create_logs_a_wip_breach(ctx: Context, board: Board) -> None:
    fill(ctx, "Review", 2)
    _, written = act(
        ctx, cards.add_card, "WEB", "urgent", column="Review", force=True, reason="audit"
    )
    assert [(e["action"], e["data"].get("reason"), e["data"].get("breach")) for e in written] == [
        ("created", "audit", {"column": "Review", "count": 3, "limit": 2}),
    ]


def test_forcing_needs_a_reason_and_then_nothing_changes(ctx: Context, board: Board) -> None:
    fill(ctx, "In Progress", 3)
    cards.add_card(ctx, "WEB", "hotfix")
    before = state(ctx)
    with pytest.raises(InvalidInput, match="A reason is required to go over a WIP limit."):
        cards.move_card(ctx, "WEB-4", "In Progress", force=True, reason="  ")
    assert state(ctx) == before


def test_a_forced_move_within_the_limit_is_no_breach(ctx: Context, board: Board) -> None:
    cards.add_card(ctx, "WEB", "a")
    _, written = act(ctx, cards.move_card, "WEB-1", "In Progress", force=True, reason="x")
    assert [e["action"] for e in written] == ["moved"]


# --- one transaction -----------------------------------------------------------


def test_other_refusals_change_nothing(ctx: Context, board: Board) -> None:
    cards.add_card(ctx, "WEB", "a")
    before = state(ctx)
    with pytest.raises(NotFound):
        cards.move_card(ctx, "WEB-1", "Nowhere")
    with pytest.raises(NotFound):
        cards.move_card(ctx, "WEB-9", "Done")
    with pytest.raises(InvalidInput):
        cards.edit_card(ctx, "WEB-1", {"title": "ok", "points": 500})
    with pytest.raises(RuleViolation, match="WEB-1 is already in the first column."):
        cards.step_card(ctx, "WEB-1", -1)
    with pytest.raises(RuleViolation):
        boards.add_column(ctx, "WEB", "done", "done")
    assert state(ctx) == before


@pytest.mark.parametrize(
    "action",
    [
        lambda ctx: cards.add_card(ctx, "WEB", "new", points=3),
        lambda ctx: cards.move_card(ctx, "WEB-1", "In Progress"),
        lambda ctx: cards.edit_card(ctx, "WEB-1", {"title": "changed"}),
        lambda ctx: card_rank.rank_card(ctx, "WEB-2", "top"),
        lambda ctx: cards.delete_card(ctx, "WEB-1"),
        lambda ctx: boards.add_column(ctx, "WEB", "QA", "in_progress"),
        lambda ctx: boards.set_wip_limit(ctx, "WEB", "Review", 5),
        lambda ctx: boards.create_board(ctx, "OPS", "Operations"),
    ],
    ids=["add", "move", "edit", "rank", "delete", "add-column", "wip-limit", "create-board"],
)
def test_an_action_that_fails_at_its_last_step_changes_nothing(
    ctx: Context, board: Board, monkeypatch: pytest.MonkeyPatch, action
) -> None:
    cards.add_card(ctx, "WEB", "a")
    cards.add_card(ctx, "WEB", "b")
    before = state(ctx)

    def fail(*args, **kwargs):
        raise RuntimeError("disk full")

    # Writing the event is the last thing an action does; fail there.
    monkeypatch.setattr(context_module.Context, "log", fail)
    with pytest.raises(RuntimeError):
        action(ctx)
    assert state(ctx) == before
