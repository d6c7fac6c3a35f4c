"""Archive and restore: one event a card, nothing lost, WIP rules on the way back."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from storehelp import card_rows, events

from kanban_tui.domain.errors import (
    InvalidInput,
    PersonWipLimitReached,
    RuleViolation,
    WipLimitReached,
)
from kanban_tui.domain.model import Board
from kanban_tui.services import Context, archive, boards, card_rank, cards, flow, sprints
from kanban_tui.services.sprint_cycle import start_sprint
from kanban_tui.services.sprint_metrics import sprint_report

FIXED_NOW = datetime(2026, 11, 25, 9, 30, tzinfo=UTC)  # the ctx fixture's clock


def written(ctx: Context, since: int) -> list[tuple[str, str, str, dict[str, Any]]]:
    return [(e["entity"], e["key"], e["action"], e["data"]) for e in events(ctx)[since:]]


def test_archiving_keeps_the_card_whole_and_logs_one_event_each(ctx: Context, board: Board) -> None:
    cards.add_card(ctx, "WEB", "one", points=3, column="Review")
    cards.add_card(ctx, "WEB", "two")
    before = card_rows(ctx)
    since = len(events(ctx))
    done = archive.archive_cards(ctx, "WEB", ["WEB-1", "web-2"])
    assert [(c.key, c.archived, c.column, c.points) for c in done] == [
        ("WEB-1", True, "Review", 3),
        ("WEB-2", True, "To Do", None),
    ]
    assert written(ctx, since) == [
        ("card", "WEB-1", "archived", {"column": "Review", "done": False}),
        ("card", "WEB-2", "archived", {"column": "To Do", "done": False}),
    ]
    after = card_rows(ctx)
    for number in (1, 2):
        kept = {k: v for k, v in after[number].items() if k not in ("archived", "version")}
        assert kept == {k: v for k, v in before[number].items() if k not in ("archived", "version")}
        assert after[number]["version"] == before[number]["version"] + 1
    assert cards.list_cards(ctx, "WEB") == []
    assert [c.key for c in cards.list_cards(ctx, "WEB", archived=True)] == ["WEB-1", "WEB-2"]
    assert [c.key for c in cards.list_cards(ctx, "WEB", archived=None)] == ["WEB-1", "WEB-2"]
    assert boards.columns(ctx, "WEB")[2].count == 0


def test_archive_is_all_or_nothing(ctx: Context, board: Board) -> None:
    cards.add_card(ctx, "WEB", "one")
    cards.add_card(ctx, "WEB", "two")
    archive.archive_cards(ctx, "WEB", ["WEB-2"])
    since = len(events(ctx))
    with pytest.raises(RuleViolation, match="WEB-2 is archived already"):
        archive.archive_cards(ctx, "WEB", ["WEB-1", "WEB-2"])
    with pytest.raises(InvalidInput, match="not a card of board WEB"):
        archive.archive_cards(ctx, "WEB", ["OPS-1"])
    with pytest.raises(InvalidInput, match="at least one card"):
        archive.archive_cards(ctx, "WEB", [])
    assert written(ctx, since) == []
    assert not cards.get_card(ctx, "WEB-1").archived


def test_an_archived_card_is_out_of_play_until_restored(ctx: Context, board: Board) -> None:
    cards.add_card(ctx, "WEB", "one")
    sprints.create_sprint(ctx, "WEB")
    archive.archive_cards(ctx, "WEB", ["WEB-1"])
    restore = r"WEB-1 is archived; restore it first \(kanban card restore WEB-1"
    with pytest.raises(RuleViolation, match=restore):
        cards.move_card(ctx, "WEB-1", "Review")
    with pytest.raises(RuleViolation, match=restore):
        cards.step_card(ctx, "WEB-1", -1)
    with pytest.raises(RuleViolation, match=restore):
        cards.edit_card(ctx, "WEB-1", {"title": "new"})
    with pytest.raises(RuleViolation, match=restore):
        cards.block_card(ctx, "WEB-1", "why")
    with pytest.raises(RuleViolation, match=restore):
        card_rank.rank_card(ctx, "WEB-1", "up")
    with pytest.raises(RuleViolation, match="archived; restore it"):
        sprints.plan_card(ctx, "WEB-1", 1)
    archive.restore_cards(ctx, "WEB", ["WEB-1"])
    with pytest.raises(RuleViolation, match="WEB-1 is not archived"):
        archive.restore_cards(ctx, "WEB", ["WEB-1"])
    assert cards.move_card(ctx, "WEB-1", "Review").column == "Review"


def test_restore_returns_the_card_to_its_column(ctx: Context, board: Board) -> None:
    cards.add_card(ctx, "WEB", "one", column="Review")
    archive.archive_cards(ctx, "WEB", ["WEB-1"])
    since = len(events(ctx))
    (card,) = archive.restore_cards(ctx, "WEB", ["WEB-1"])
    assert (card.column, card.archived) == ("Review", False)
    assert written(ctx, since) == [("card", "WEB-1", "restored", {"column": "Review"})]
    assert [c.key for c in cards.list_cards(ctx, "WEB")] == ["WEB-1"]


def test_restore_into_a_full_column_is_refused_unless_forced(ctx: Context, board: Board) -> None:
    cards.add_card(ctx, "WEB", "old", column="Review")
    archive.archive_cards(ctx, "WEB", ["WEB-1"])
    cards.add_card(ctx, "WEB", "a", column="Review")
    cards.add_card(ctx, "WEB", "b", column="Review")  # Review holds 2 of 2
    since = len(events(ctx))
    with pytest.raises(WipLimitReached, match="Review holds 2 of 2"):
        archive.restore_cards(ctx, "WEB", ["WEB-1"])
    with pytest.raises(InvalidInput, match="reason is required"):
        archive.restore_cards(ctx, "WEB", ["WEB-1"], force=True)
    assert written(ctx, since) == []
    assert cards.get_card(ctx, "WEB-1").archived
    archive.restore_cards(ctx, "WEB", ["WEB-1"], force=True, reason="needed back")
    assert written(ctx, since) == [  # one override, one event
        (
            "card",
            "WEB-1",
            "restored",
            {
                "column": "Review",
                "forced": True,
                "reason": "needed back",
                "breach": {"column": "Review", "count": 3, "limit": 2},
            },
        ),
    ]


def test_restoring_several_counts_each_one_back(ctx: Context, board: Board) -> None:
    cards.add_card(ctx, "WEB", "a", column="Review")
    cards.add_card(ctx, "WEB", "b", column="Review")
    archive.archive_cards(ctx, "WEB", ["WEB-1", "WEB-2"])
    cards.add_card(ctx, "WEB", "c", column="Review")  # 1 of 2: room for one
    with pytest.raises(WipLimitReached):
        archive.restore_cards(ctx, "WEB", ["WEB-1", "WEB-2"])
    assert [c.archived for c in cards.list_cards(ctx, "WEB", archived=None)] == [True, True, False]


def test_restore_obeys_the_per_person_limit(ctx: Context, board: Board) -> None:
    boards.set_person_wip_limit(ctx, "WEB", 1)
    cards.add_card(ctx, "WEB", "mine", column="In Progress", assignee="bob")
    archive.archive_cards(ctx, "WEB", ["WEB-1"])
    cards.add_card(ctx, "WEB", "also mine", column="In Progress", assignee="bob")
    with pytest.raises(PersonWipLimitReached, match="bob has 1 of 1"):
        archive.restore_cards(ctx, "WEB", ["WEB-1"])
    (card,) = archive.restore_cards(ctx, "WEB", ["WEB-1"], force=True, reason="pairing")
    assert not card.archived


def test_archive_done_older_than(ctx: Context, board: Board) -> None:
    old = replace(ctx, clock=lambda: FIXED_NOW - timedelta(days=20))
    cards.add_card(old, "WEB", "old done", column="Done")
    cards.add_card(old, "WEB", "old todo")
    recent = replace(ctx, clock=lambda: FIXED_NOW - timedelta(days=3))
    cards.add_card(recent, "WEB", "recent done", column="Done")
    assert [c.key for c in archive.done_older_than(ctx, "WEB", 14)] == ["WEB-1"]
    since = len(events(ctx))
    assert [c.key for c in archive.archive_done_older_than(ctx, "WEB", 14)] == ["WEB-1"]
    assert written(ctx, since) == [
        (
            "card",
            "WEB-1",
            "archived",
            {"column": "Done", "done": True, "bulk": True, "older_than_days": 14},
        )
    ]
    assert archive.archive_done_older_than(ctx, "WEB", 14) == []
    assert [c.key for c in archive.archive_done_older_than(ctx, "WEB", 0)] == ["WEB-3"]
    with pytest.raises(InvalidInput, match="Days must be"):
        archive.archive_done_older_than(ctx, "WEB", -1)


def test_archived_cards_say_who_archived_them_and_when(ctx: Context, board: Board) -> None:
    cards.add_card(ctx, "WEB", "one")
    cards.add_card(ctx, "WEB", "two")
    archive.archive_cards(replace(ctx, actor="bob"), "WEB", ["WEB-1"])
    later = replace(ctx, clock=lambda: FIXED_NOW + timedelta(hours=1))
    archive.archive_cards(later, "WEB", ["WEB-2"])
    found = archive.archived_cards(ctx, "WEB")
    assert [(a.card.key, a.by, a.at) for a in found] == [
        ("WEB-2", "alice", FIXED_NOW + timedelta(hours=1)),
        ("WEB-1", "bob", FIXED_NOW),
    ]


def test_cumulative_flow_and_cycle_time_replay_archiving(ctx: Context, board: Board) -> None:
    days = [replace(ctx, clock=lambda n=n: FIXED_NOW - timedelta(days=n)) for n in range(5)]
    cards.add_card(days[4], "WEB", "finished")
    cards.add_card(days[4], "WEB", "dropped", column="Review")
    cards.move_card(days[3], "WEB-1", "In Progress")
    cards.move_card(days[2], "WEB-1", "Done")
    archive.archive_cards(days[1], "WEB", ["WEB-1", "WEB-2"])
    archive.restore_cards(days[0], "WEB", ["WEB-2"])
    report = flow.flow_report(ctx, "WEB", days=4)
    # To Do, In Progress, Review, Done at the end of each of the last four days
    assert report.flow.counts == ((0, 1, 1, 0), (0, 0, 1, 1), (0, 0, 0, 1), (0, 0, 1, 1))
    assert [(c.key, c.days) for c in report.cycle.cards] == [("WEB-1", 2)]  # both days count


def test_sprint_reports_keep_counting_an_archived_done_card(ctx: Context, board: Board) -> None:
    cards.add_card(ctx, "WEB", "done one", points=5, sprint="backlog")
    sprints.create_sprint(ctx, "WEB")
    sprints.plan_card(ctx, "WEB-1", 1)
    start_sprint(ctx, "WEB", 1, goal="ship")
    cards.move_card(ctx, "WEB-1", "Done")
    archive.archive_cards(ctx, "WEB", ["WEB-1"])
    report = sprint_report(ctx, "WEB", 1)
    assert (report.completed, report.completed_points) == (("WEB-1",), 5)


def test_a_card_archived_before_it_was_done_leaves_the_sprint_scope(
    ctx: Context, board: Board
) -> None:
    cards.add_card(ctx, "WEB", "dropped", points=3)
    cards.add_card(ctx, "WEB", "kept", points=2)
    sprints.create_sprint(ctx, "WEB")
    sprints.plan_card(ctx, "WEB-1", 1)
    sprints.plan_card(ctx, "WEB-2", 1)
    start_sprint(ctx, "WEB", 1, goal="ship")
    archive.archive_cards(ctx, "WEB", ["WEB-1"])
    report = sprint_report(ctx, "WEB", 1)
    assert (report.removed, report.removed_points) == (("WEB-1",), 3)
    assert (report.carried_over, report.carried_over_points) == (("WEB-2",), 2)
