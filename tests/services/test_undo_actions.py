"""undo_last: each kind of action taken back through its service, as new events;
refusals change nothing."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from itertools import count

import pytest
from storehelp import card_rows, events, raw

from kanban_tui.domain.activity import describe
from kanban_tui.domain.errors import ReadOnly, RuleViolation, WipLimitReached
from kanban_tui.domain.model import Board
from kanban_tui.services import Context, card_rank, cards, sprints
from kanban_tui.services.undo import undo_last


@pytest.fixture
def web(ctx: Context, board: Board) -> Context:
    """alice on WEB with three cards in To Do; her clock moves on a little each
    time it is read, all within the second (as the fixed test clock)."""
    ticks = count()
    start = ctx.clock()
    alice = replace(ctx, clock=lambda: start + timedelta(milliseconds=next(ticks)))
    for title in ("Login", "Signup", "Search"):
        cards.add_card(alice, "WEB", title)
    return alice


def as_(ctx: Context, name: str) -> Context:
    return replace(ctx, actor=name)


def card(ctx: Context, key: str):
    return cards.get_card(ctx, key)


def test_a_move_is_taken_back_as_a_new_event(web: Context) -> None:
    cards.move_card(web, "WEB-1", "In Progress")
    logged = len(events(web))
    done = undo_last(web, "WEB")
    assert done.sentence == "Undid: WEB-1 moved To Do → In Progress"
    assert done.card.column == card(web, "WEB-1").column == "To Do"
    written = events(web)[logged:]
    assert len(events(web)) == logged + 1  # nothing deleted, one event added
    assert [(e["actor"], e["action"]) for e in written] == [("alice", "moved")]
    assert written[0]["data"]["undo_of"] == len(events(web)) - 1
    assert describe("card", "WEB-1", "moved", written[0]["data"]) == (
        "moved WEB-1 from In Progress to To Do (undo)"
    )


def test_two_undos_take_back_the_two_last_actions_and_then_there_is_nothing(web: Context) -> None:
    cards.move_card(web, "WEB-1", "In Progress")
    cards.move_card(web, "WEB-1", "Review")
    assert undo_last(web, "WEB").text == "WEB-1 moved In Progress → Review"
    assert card(web, "WEB-1").column == "In Progress"
    assert undo_last(web, "WEB").text == "WEB-1 moved To Do → In Progress"
    assert card(web, "WEB-1").column == "To Do"
    for key in ("WEB-3", "WEB-2", "WEB-1"):  # the cards she made: archived, newest first
        assert undo_last(web, "WEB").text == f"{key} created (it is in the archive now)"
        assert card(web, key).archived
    before = events(web)
    with pytest.raises(RuleViolation) as raised:
        undo_last(web, "WEB")
    assert raised.value.message == "Nothing to undo: you have no change on this board left to undo."
    assert events(web) == before


def test_an_edit_sets_its_fields_back_description_too(web: Context) -> None:
    cards.edit_card(web, "WEB-1", {"description": "The old plan", "points": 2})
    cards.edit_card(
        web,
        "WEB-1",
        {"title": "Log in", "points": 5, "labels": ["ui", "api"], "description": "New plan"},
    )
    done = undo_last(web, "WEB")
    assert done.text.startswith("WEB-1 edited: ")
    now = card(web, "WEB-1")
    assert (now.title, now.points, now.labels, now.description) == ("Login", 2, (), "The old plan")
    undo_last(web, "WEB")
    now = card(web, "WEB-1")
    assert (now.points, now.description) == (None, "")


@pytest.mark.parametrize(
    ("act", "check"),
    [
        (lambda ctx: cards.block_card(ctx, "WEB-2", "waiting"), lambda c: c.blocked is None),
        (lambda ctx: cards.toggle_assign_to_me(ctx, "WEB-2"), lambda c: c.assignee is None),
    ],
)
def test_block_and_assign_are_undone(web: Context, act, check) -> None:
    act(web)
    undo_last(web, "WEB")
    assert check(card(web, "WEB-2"))


def test_unblock_is_undone_with_the_reason_back(web: Context) -> None:
    cards.block_card(web, "WEB-2", "waiting for the API")
    cards.unblock_card(web, "WEB-2")
    assert undo_last(web, "WEB").text == "WEB-2 unblocked"
    assert card(web, "WEB-2").blocked == "waiting for the API"


def test_a_rank_change_goes_back_to_its_place(web: Context) -> None:
    card_rank.rank_card(web, "WEB-3", "top")
    assert [c.key for c in cards.list_cards(web, "WEB")] == ["WEB-3", "WEB-1", "WEB-2"]
    assert undo_last(web, "WEB").text == "WEB-3 ranked to the top of its column"
    assert [c.key for c in cards.list_cards(web, "WEB")] == ["WEB-1", "WEB-2", "WEB-3"]
    assert events(web)[-1]["data"]["move"] == "back"


def test_a_sprint_add_and_remove_are_undone(web: Context) -> None:
    sprints.create_sprint(web, "WEB")
    sprints.add_cards(web, "WEB", 1, ["WEB-1"])
    assert undo_last(web, "WEB").text == "WEB-1 added to Sprint 1"
    assert card(web, "WEB-1").sprint is None
    sprints.add_cards(web, "WEB", 1, ["WEB-2"])
    sprints.remove_cards(web, "WEB", 1, ["WEB-2"])
    assert undo_last(web, "WEB").text == "WEB-2 taken out of Sprint 1"
    assert card(web, "WEB-2").sprint == 1


def test_planning_from_one_sprint_into_another_is_undone_in_one_step(web: Context) -> None:
    sprints.create_sprint(web, "WEB")
    sprints.create_sprint(web, "WEB")
    sprints.plan_card(web, "WEB-1", 1)
    sprints.plan_card(web, "WEB-1", 2)
    assert undo_last(web, "WEB").text == "WEB-1 moved Sprint 1 → Sprint 2"
    assert card(web, "WEB-1").sprint == 1
    assert undo_last(web, "WEB").text == "WEB-1 added to Sprint 1"
    assert card(web, "WEB-1").sprint is None


def test_refused_when_someone_else_changed_the_card_since(web: Context) -> None:
    cards.move_card(web, "WEB-1", "In Progress")
    cards.edit_card(as_(web, "sam"), "WEB-1", {"points": 3})
    rows, logged = card_rows(web), events(web)
    with pytest.raises(RuleViolation) as raised:
        undo_last(web, "WEB")
    assert raised.value.message == "WEB-1 was changed by sam since; nothing undone."
    assert (card_rows(web), events(web)) == (rows, logged)


def test_only_my_own_actions_are_undone(web: Context) -> None:
    cards.move_card(web, "WEB-1", "In Progress")
    cards.move_card(as_(web, "sam"), "WEB-2", "Review")
    undo_last(web, "WEB")
    assert (card(web, "WEB-1").column, card(web, "WEB-2").column) == ("To Do", "Review")
    with pytest.raises(RuleViolation, match="Nothing to undo"):
        undo_last(as_(web, "bob"), "WEB")


def test_moving_back_into_a_full_column_is_refused_by_its_wip_limit(web: Context) -> None:
    for title in ("a", "b", "c"):
        made = cards.add_card(as_(web, "sam"), "WEB", title)
        cards.move_card(as_(web, "sam"), made.key, "In Progress")
    cards.move_card(web, "WEB-4", "Review", force=False)  # alice takes one out…
    cards.move_card(as_(web, "sam"), "WEB-1", "In Progress")  # …sam fills it again
    rows, logged = card_rows(web), events(web)
    with pytest.raises(WipLimitReached) as raised:
        undo_last(web, "WEB")
    assert raised.value.message == "WIP limit reached: In Progress holds 3 of 3."
    assert (card_rows(web), events(web)) == (rows, logged)
    done = undo_last(web, "WEB", force=True, reason="it was never finished")
    assert done.card.column == "In Progress"
    moved = events(web)[-1]  # one event: the move back, its reason and the breach
    assert moved["action"] == "moved" and moved["data"]["undo_of"]
    assert moved["data"]["reason"] == "it was never finished"
    assert moved["data"]["breach"] == {"column": "In Progress", "count": 4, "limit": 3}


def test_a_card_no_longer_where_the_action_left_it_is_refused(web: Context) -> None:
    cards.move_card(web, "WEB-3", "Review")
    # Changed behind the log's back (as a change undo cannot see would).
    raw(
        web.db.path,
        "UPDATE card SET column_id = (SELECT id FROM board_column WHERE name = 'Done') "
        "WHERE number = 3",
    )
    with pytest.raises(RuleViolation) as raised:
        undo_last(web, "WEB")
    assert raised.value.message == "WEB-3 is no longer in Review; nothing undone."


def test_a_read_only_file_refuses_with_its_sentence(web: Context, monkeypatch) -> None:
    cards.move_card(web, "WEB-1", "In Progress")
    logged = events(web)
    monkeypatch.setattr(web.db, "read_only_reason", "You may only read this file.")
    with pytest.raises(ReadOnly) as raised:
        undo_last(web, "WEB")
    assert raised.value.message == "You may only read this file."
    monkeypatch.undo()
    assert events(web) == logged


def test_an_edit_already_set_back_outside_kanban_is_still_passed(web: Context) -> None:
    cards.move_card(web, "WEB-1", "Review")
    cards.edit_card(web, "WEB-1", {"description": "New plan"})
    raw(web.db.path, "UPDATE card SET description = '' WHERE number = 1")
    assert undo_last(web, "WEB").text == "WEB-1 edited: description"
    assert events(web)[-1]["action"] == "edited"
    assert undo_last(web, "WEB").text == "WEB-1 moved To Do → Review"


def test_undoing_the_move_that_started_a_card_clears_its_start(web: Context) -> None:
    cards.move_card(web, "WEB-1", "In Progress")
    assert card(web, "WEB-1").started_at is not None
    assert undo_last(web, "WEB").card.started_at is None
    assert card_rows(web)[1]["started_at"] is None
    cards.move_card(web, "WEB-2", "In Progress")
    cards.move_card(web, "WEB-2", "Review")
    undo_last(web, "WEB")  # back to In Progress: still started
    assert card(web, "WEB-2").started_at is not None


def test_an_archive_is_taken_back_and_so_is_a_restore(web: Context) -> None:
    from kanban_tui.services import archive

    archive.archive_cards(web, "WEB", ["WEB-2"])
    assert card(web, "WEB-2").archived
    done = undo_last(web, "WEB")
    assert done.sentence == "Undid: WEB-2 archived"
    restored = card(web, "WEB-2")
    assert (restored.archived, restored.column) == (False, "To Do")
    assert events(web)[-1]["action"] == "restored"
    assert events(web)[-1]["data"]["undo_of"] == len(events(web)) - 1
    # The undo is not itself undone: the next ctrl+z goes to the action before.
    archive.archive_cards(web, "WEB", ["WEB-3"])
    archive.restore_cards(web, "WEB", ["WEB-3"])
    assert undo_last(web, "WEB").text == "WEB-3 restored"
    assert card(web, "WEB-3").archived


def test_undoing_an_archive_is_refused_by_a_full_column(web: Context) -> None:
    from kanban_tui.services import archive, boards

    archive.archive_cards(web, "WEB", ["WEB-1"])
    boards.set_wip_limit(as_(web, "sam"), "WEB", "To Do", 2)
    before = events(web)
    with pytest.raises(WipLimitReached):
        undo_last(web, "WEB")
    assert events(web) == before
    assert undo_last(web, "WEB", force=True, reason="needed back").card.archived is False


def test_a_forced_assignment_is_one_event_and_undone_like_any_edit(web: Context) -> None:
    from kanban_tui.services import boards

    boards.set_person_wip_limit(web, "WEB", 1)
    cards.edit_card(web, "WEB-1", {"assignee": "bob"})
    cards.move_card(web, "WEB-1", "In Progress")
    cards.move_card(web, "WEB-2", "In Progress")
    before = len(events(web))
    cards.edit_card(web, "WEB-2", {"assignee": "bob"}, force=True, reason="pairing")
    [edited] = events(web)[before:]
    assert edited["data"]["person_breach"] == {"person": "bob", "count": 2, "limit": 1}
    done = undo_last(web, "WEB")
    assert done.card.assignee is None


# -- the newest action decides ------------------------------------------------------------


def test_a_delete_for_good_is_named_and_no_older_action_is_reached(web: Context) -> None:
    from kanban_tui.services import archive

    archive.archive_cards(web, "WEB", ["WEB-2"])
    archive.restore_cards(web, "WEB", ["WEB-2"])
    archive.archive_cards(web, "WEB", ["WEB-3"])
    cards.delete_card(web, "WEB-3")
    before = events(web)
    with pytest.raises(RuleViolation) as raised:
        undo_last(web, "WEB")
    assert raised.value.message == (
        "Your last action, deleting WEB-3, cannot be undone; nothing undone."
    )
    assert events(web) == before
    assert not card(web, "WEB-2").archived


def test_a_column_deleted_with_its_cards_is_named(web: Context) -> None:
    from kanban_tui.services import archive, boards, columns

    archive.archive_cards(web, "WEB", ["WEB-1"])
    boards.add_column(web, "WEB", "QA")
    cards.move_card(web, "WEB-2", "QA")
    columns.delete_column(web, "WEB", "QA", move_cards_to="Review")
    with pytest.raises(RuleViolation) as raised:
        undo_last(web, "WEB")
    assert raised.value.message == (
        "Your last action, deleting the column QA, cannot be undone; nothing undone."
    )
    assert card(web, "WEB-1").archived


def test_a_move_back_into_a_column_deleted_since_says_so(web: Context) -> None:
    from kanban_tui.services import boards, columns

    boards.add_column(as_(web, "sam"), "WEB", "QA")
    cards.move_card(web, "WEB-1", "QA")
    cards.move_card(web, "WEB-1", "Review")
    columns.delete_column(as_(web, "sam"), "WEB", "QA")
    before = events(web)
    with pytest.raises(RuleViolation) as raised:
        undo_last(web, "WEB")
    assert raised.value.message == "WEB-1 came from QA, which sam deleted since; nothing undone."
    assert events(web) == before


def test_a_bulk_archive_is_restored_in_one_undo(ctx: Context, board: Board) -> None:
    from kanban_tui.services import archive

    old = replace(ctx, clock=lambda: ctx.clock() - timedelta(days=20))
    for title in ("a", "b", "c", "d"):
        cards.add_card(old, "WEB", title)
    for key in ("WEB-1", "WEB-2", "WEB-3"):
        cards.move_card(old, key, "Done")
    archive.archive_cards(ctx, "WEB", ["WEB-4"])  # one card, on its own, before
    assert len(archive.archive_done_older_than(ctx, "WEB", 14)) == 3
    done = undo_last(ctx, "WEB")
    assert done.text == "3 done cards archived in one step (WEB-1, WEB-2, WEB-3)"
    assert [c.key for c in done.cards] == ["WEB-1", "WEB-2", "WEB-3"]
    assert not any(card(ctx, key).archived for key in ("WEB-1", "WEB-2", "WEB-3"))
    restores = [e for e in events(ctx) if e["action"] == "restored"]
    archived = {  # event ids count from 1
        e["key"]: number for number, e in enumerate(events(ctx), 1) if e["action"] == "archived"
    }
    assert {e["key"]: e["data"]["undo_of"] for e in restores} == {
        key: archived[key] for key in ("WEB-1", "WEB-2", "WEB-3")
    }
    assert undo_last(ctx, "WEB").text == "WEB-4 archived"  # none undone twice


def test_a_bulk_archive_undo_is_refused_whole_when_someone_changed_a_card(
    ctx: Context, board: Board
) -> None:
    from kanban_tui.services import archive

    old = replace(ctx, clock=lambda: ctx.clock() - timedelta(days=20))
    for title in ("a", "b"):
        cards.move_card(old, cards.add_card(old, "WEB", title).key, "Done")
    archive.archive_done_older_than(ctx, "WEB", 14)
    archive.restore_cards(as_(ctx, "sam"), "WEB", ["WEB-1"])
    before = events(ctx)
    with pytest.raises(RuleViolation) as raised:
        undo_last(ctx, "WEB")
    assert raised.value.message == "WEB-1 was changed by sam since; nothing undone."
    assert events(ctx) == before
    assert card(ctx, "WEB-2").archived  # not restored alone
