"""Reading the activity log: every action the services write has its sentence,
newest first, one key's history with the events that name it."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import timedelta

import storehelp

from kanban_tui.domain.activity import KNOWN, LEGACY
from kanban_tui.services import (
    Context,
    activity,
    archive,
    boards,
    card_rank,
    cards,
    columns,
    comments,
    forecast,
    risks,
    sprints,
)
from kanban_tui.services.import_trello import import_trello


def every_action(ctx: Context) -> None:
    """Each user action that writes an event, once (or more) on board WEB."""
    boards.create_board(ctx, "WEB", "Website")
    boards.add_column(ctx, "WEB", "QA", wip_limit=1)
    boards.set_wip_limit(ctx, "WEB", "Review", 3)
    first = cards.add_card(ctx, "WEB", "First", points=3)
    second = cards.add_card(ctx, "WEB", "Second", points=2)
    cards.move_card(ctx, first.key, "QA")
    cards.move_card(ctx, second.key, "QA", force=True, reason="hotfix")
    card_rank.rank_card(ctx, second.key, "top")
    cards.edit_card(ctx, first.key, {"points": 5, "description": "more"})
    cards.toggle_assign_to_me(ctx, first.key)
    comments.add_comment(ctx, first.key, "Looks good")
    boards.set_person_wip_limit(ctx, "WEB", 1)
    forecast.set_working_days(ctx, "WEB", "sun-thu")
    cards.edit_card(ctx, second.key, {"assignee": "alice"}, force=True, reason="pairing")
    sprints.create_sprint(ctx, "WEB", goal="Ship it")
    sprints.add_cards(ctx, "WEB", 1, [first.key, second.key])
    sprints.edit_sprint(ctx, "WEB", 1, name="Launch")
    sprints.start_sprint(ctx, "WEB", 1)
    sprints.complete_sprint(ctx, "WEB", carry_over="backlog")
    sprints.create_sprint(ctx, "WEB")
    sprints.delete_sprint(ctx, "WEB", 2)
    risk = risks.add_risk(ctx, "WEB", "Outage", probability=3, impact=4)
    risks.edit_risk(ctx, risk.key, {"probability": 2})
    risks.set_status(ctx, risk.key, "mitigating")
    risks.link_card(ctx, risk.key, first.key)
    risks.unlink_card(ctx, risk.key, first.key)
    archive.archive_cards(ctx, "WEB", [first.key])
    archive.restore_cards(ctx, "WEB", [first.key], force=True, reason="back")
    cards.delete_card(ctx, second.key)
    boards.rename_board(ctx, "WEB", "Website 2")
    columns.rename_column(ctx, "WEB", "QA", "Testing")
    columns.move_column(ctx, "WEB", "Testing", "left")
    columns.set_column_category(ctx, "WEB", "Testing", "todo")
    columns.delete_column(ctx, "WEB", "Testing", move_cards_to="To Do")
    trello = {"name": "Imported", "lists": [{"id": "l", "name": "To Do"}], "cards": []}
    import_trello(ctx, trello, key="TRL")  # a board of its own


def test_every_action_the_services_write_has_its_own_sentence(ctx: Context) -> None:
    every_action(ctx)
    events = activity.recent_events(ctx, "WEB", limit=1000)
    events += activity.recent_events(ctx, "TRL", limit=1000)
    written = {(event.entity, event.action) for event in events}
    assert written == KNOWN - LEGACY
    for event in events:
        assert activity.describe(event)


def test_newest_first_by_time_then_by_log_order(ctx: Context, board) -> None:
    later = replace(ctx, clock=lambda: ctx.clock() + timedelta(hours=1))
    cards.add_card(later, "WEB", "Made later")  # WEB-1, an hour on
    cards.add_card(ctx, "WEB", "Made now")  # WEB-2, logged after but earlier in time
    cards.move_card(ctx, "WEB-2", "Review")
    keys = [(event.key, event.action) for event in activity.recent_events(ctx, "WEB")]
    assert keys[:3] == [("WEB-1", "created"), ("WEB-2", "moved"), ("WEB-2", "created")]
    assert len(activity.recent_events(ctx, "WEB", limit=2)) == 2


def test_a_cards_history_includes_the_events_that_name_it(ctx: Context, board) -> None:
    boards.set_wip_limit(ctx, "WEB", "Review", 1)
    cards.add_card(ctx, "WEB", "Filler", column="Review")
    card = cards.add_card(ctx, "WEB", "Hot")
    cards.move_card(ctx, card.key, "Review", force=True, reason="release")
    risk = risks.add_risk(ctx, "WEB", "Outage", probability=3, impact=4)
    risks.link_card(ctx, risk.key, card.key)
    history = activity.recent_events(ctx, "WEB", key="web-2")
    assert [(e.entity, e.action) for e in history] == [
        ("risk", "linked"),
        ("card", "moved"),
        ("card", "created"),
    ]
    assert activity.describe(history[1]) == (
        "moved WEB-2 from To Do to Review (forced over the WIP limit of Review, 2 of 1: release)"
    )
    assert [e.action for e in activity.recent_events(ctx, "WEB", key="web-r1")] == [
        "linked",
        "created",
    ]
    assert [e.action for e in activity.recent_events(ctx, "WEB", key="Review")] == [
        "moved",
        "wip_limit",
    ]


def test_a_deleted_card_keeps_its_history(ctx: Context, board) -> None:
    card = cards.add_card(ctx, "WEB", "Short-lived")
    cards.delete_card(ctx, card.key)
    assert [e.action for e in activity.recent_events(ctx, "WEB", key=card.key)] == [
        "deleted",
        "created",
    ]


def test_the_json_shape(ctx: Context, board) -> None:
    cards.add_card(ctx, "WEB", "Fix the login redirect")
    (event,) = activity.recent_events(ctx, "WEB", key="WEB-1")
    shape = activity.event_json(event)
    assert shape == {
        "id": event.id,
        "at": "2026-11-25T09:30:00Z",
        "actor": "alice",
        "entity": "card",
        "key": "WEB-1",
        "action": "created",
        "data": event.data,
        "text": "created WEB-1 in To Do: Fix the login redirect",
    }
    json.dumps(shape)


def test_a_damaged_event_still_reads(ctx: Context, board) -> None:
    cards.add_card(ctx, "WEB", "x")
    storehelp.raw(ctx.db.path, "UPDATE event SET data = 'not json' WHERE key = 'WEB-1'")
    (event,) = activity.recent_events(ctx, "WEB", key="WEB-1")
    assert event.data == {}
    assert activity.describe(event) == "created WEB-1"
    assert activity.recent_events(ctx, "WEB", key="WEB-2") == []
    assert len(activity.recent_events(ctx, "WEB")) == 2


def test_the_key_rule_in_sql_and_in_the_domain_give_one_answer(ctx):
    # kanban log --card reads the rule in SQL; the Activity screen's key
    # filter applies domain/event_about.py to what it holds: the same events.
    from kanban_tui.domain.event_about import about

    every_action(ctx)
    for number in range(3):
        cards.add_card(ctx, "WEB", f"Card {number}", column="Review")
    boards.add_column(ctx, "WEB", "Code review")
    cards.move_card(ctx, "WEB-5", "Code review")
    columns.delete_column(ctx, "WEB", "Code review", move_cards_to="Review", force=True, reason="x")
    everything = activity.recent_events(ctx, "WEB", limit=1000)
    for key in ("WEB-1", "WEB-2", "WEB-3", "WEB-4", "WEB-5", "WEB-R1", "WEB-S1"):
        in_sql = [e.id for e in activity.recent_events(ctx, "WEB", key=key, limit=1000)]
        in_domain = [e.id for e in everything if about(e.entity, e.key, e.action, e.data, key)]
        assert in_sql == in_domain, key
    deleted = [e for e in everything if e.entity == "column" and e.action == "deleted"]
    assert any(about(e.entity, e.key, e.action, e.data, "WEB-5") for e in deleted)
