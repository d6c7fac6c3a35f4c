"""The per-person WIP limit (spec WIP rule 6) through the services."""

from __future__ import annotations

import pytest
from storehelp import card_rows, events

from kanban_tui.domain.errors import InvalidInput, PersonWipLimitReached
from kanban_tui.domain.model import Board
from kanban_tui.services import Context, serialize
from kanban_tui.services import boards as board_services
from kanban_tui.services import cards as card_services


def _started(ctx: Context, title: str, who: str | None = "alice") -> str:
    card = card_services.add_card(ctx, "WEB", title, assignee=who)
    card_services.move_card(ctx, card.key, "In Progress")
    return card.key


def test_setting_the_limit_is_logged_and_shown(ctx: Context, board: Board) -> None:
    assert board_services.set_person_wip_limit(ctx, "WEB", "2").person_wip_limit == 2
    board_services.set_person_wip_limit(ctx, "web", "none")
    logged = [e for e in events(ctx) if e["action"] == "person_wip_limit"]
    assert [e["data"] for e in logged] == [
        {"before": None, "after": 2},
        {"before": 2, "after": None},
    ]
    with pytest.raises(InvalidInput):
        board_services.set_person_wip_limit(ctx, "WEB", 0)
    board_services.set_person_wip_limit(ctx, "WEB", 3)
    listed = board_services.resolve_board(ctx, "WEB")
    assert serialize.board(listed, [])["person_wip_limit"] == 3


def test_a_move_over_the_limit_is_refused_and_changes_nothing(ctx: Context, board: Board) -> None:
    board_services.set_person_wip_limit(ctx, "WEB", 1)
    _started(ctx, "First")
    second = card_services.add_card(ctx, "WEB", "Second", assignee="alice")
    rows, logged = card_rows(ctx), events(ctx)
    with pytest.raises(PersonWipLimitReached) as caught:
        card_services.move_card(ctx, second.key, "In Progress")
    assert caught.value.message == "WIP limit reached: alice has 1 of 1 cards in progress."
    assert card_rows(ctx) == rows and events(ctx) == logged
    # Other people and moves inside in_progress columns are not refused.
    _started(ctx, "Bob's", "bob")
    card_services.move_card(ctx, "WEB-1", "Review")


def test_assigning_a_card_in_progress_is_refused(ctx: Context, board: Board) -> None:
    board_services.set_person_wip_limit(ctx, "WEB", 1)
    _started(ctx, "Alice's")
    other = _started(ctx, "Nobody's", None)
    rows = card_rows(ctx)
    with pytest.raises(PersonWipLimitReached):
        card_services.edit_card(ctx, other, {"assignee": "alice"})
    with pytest.raises(PersonWipLimitReached):
        card_services.toggle_assign_to_me(ctx, other)  # ctx acts as alice
    assert card_rows(ctx) == rows
    waiting = card_services.add_card(ctx, "WEB", "Waiting")
    card_services.edit_card(ctx, waiting.key, {"assignee": "alice"})  # not in progress


def test_a_forced_move_is_one_event_naming_the_breach(ctx: Context, board: Board) -> None:
    board_services.set_person_wip_limit(ctx, "WEB", 1)
    _started(ctx, "First")
    second = card_services.add_card(ctx, "WEB", "Second", assignee="alice")
    before = len(events(ctx))
    card_services.move_card(ctx, second.key, "In Progress", force=True, reason="hotfix")
    [moved] = events(ctx)[before:]
    assert moved["action"] == "moved"
    assert moved["data"] == {
        "before": "To Do",
        "after": "In Progress",
        "forced": True,
        "reason": "hotfix",
        "person_breach": {"person": "alice", "count": 2, "limit": 1},
    }
    assert card_services.get_card(ctx, second.key).column == "In Progress"


def test_no_limit_and_unassigned_cards_are_unaffected(ctx: Context, board: Board) -> None:
    for n in range(3):
        _started(ctx, f"Alice {n}")
    board_services.set_person_wip_limit(ctx, "WEB", 1)
    board_services.set_wip_limit(ctx, "WEB", "In Progress", None)
    for n in range(3):
        _started(ctx, f"Free {n}", None)
    waiting = card_services.add_card(ctx, "WEB", "Unassigned")
    card_services.move_card(ctx, waiting.key, "In Progress")
    board_services.set_person_wip_limit(ctx, "WEB", None)
    _started(ctx, "Alice again")


# --- one person is one name -------------------------------------------------------


def test_any_spelling_of_a_name_counts_for_one_person(ctx: Context, board: Board) -> None:
    board_services.set_person_wip_limit(ctx, "WEB", 2)
    _started(ctx, "First", "bob")
    _started(ctx, "Second", "Bob ")
    assert [row["assignee"] for row in card_rows(ctx).values()] == ["bob", "bob"]
    waiting = card_services.add_card(ctx, "WEB", "Third", assignee="ＢＯＢ")
    other = _started(ctx, "Nobody's", None)
    rows = card_rows(ctx)
    with pytest.raises(PersonWipLimitReached) as caught:
        card_services.move_card(ctx, waiting.key, "In Progress")
    assert caught.value.message == "WIP limit reached: bob has 2 of 2 cards in progress."
    with pytest.raises(PersonWipLimitReached):
        card_services.edit_card(ctx, other, {"assignee": "Bob"})
    with pytest.raises(PersonWipLimitReached):
        card_services.add_card(ctx, "WEB", "Fourth", assignee="@BOB", column="In Progress")
    assert card_rows(ctx) == rows


def test_assign_to_me_knows_the_actor_in_any_spelling(ctx: Context, board: Board) -> None:
    bob = Context(ctx.db, actor="Bob", clock=ctx.clock)
    card = card_services.add_card(ctx, "WEB", "Bob's", assignee="BOB")
    assert card_services.toggle_assign_to_me(bob, card.key).assignee is None
    assert card_services.toggle_assign_to_me(bob, card.key).assignee == "bob"
