"""Sprints through the services on a real database file: rules 1-8 and the backlog."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, timedelta
from typing import Any

import pytest
import storehelp
from sqlmodel import select

from kanban_tui.domain.errors import InvalidInput, RuleViolation
from kanban_tui.domain.sprints import SprintState
from kanban_tui.services import Context, card_rank, serialize, sprints
from kanban_tui.services import cards as card_services
from kanban_tui.storage.tables import SprintRow

TODAY = date(2026, 11, 25)


def at(ctx: Context, days: float) -> Context:
    """The same actor ``days`` after the fixtures' fixed moment (2026-11-25 09:30 UTC)."""
    moment = ctx.clock() + timedelta(days=days)
    return replace(ctx, clock=lambda: moment)


def add(ctx: Context, *points: int | None, **fields: Any) -> list[str]:
    return [
        card_services.add_card(ctx, "WEB", f"Card {n}", points=value, **fields).key
        for n, value in enumerate(points)
    ]


def sprint_rows(ctx: Context) -> list[dict[str, Any]]:
    with ctx.db.read() as session:
        return [row.model_dump() for row in session.exec(select(SprintRow)).all()]


def state(ctx: Context) -> tuple[Any, ...]:
    """Everything a refused change must leave alone."""
    return sprint_rows(ctx), storehelp.card_rows(ctx), len(storehelp.events(ctx))


def keys(found: list[Any]) -> list[str]:
    return [card.key for card in found]


@pytest.fixture
def running(ctx: Context, board: Any) -> list[str]:
    """Sprint 1 active with WEB-1..4 (5, 3, 2, 8 points); WEB-5 and WEB-6 in the backlog."""
    cards = add(ctx, 5, 3, 2, 8, 1, None)
    sprints.create_sprint(ctx, "WEB", goal="Checkout works")
    sprints.add_cards(ctx, "WEB", 1, cards[:4])
    sprints.start_sprint(ctx, "WEB", 1)
    return cards


def test_create_defaults(ctx: Context, board: Any) -> None:
    one = sprints.create_sprint(ctx, "WEB")
    assert (one.number, one.name, one.state) == (1, "Sprint 1", SprintState.PLANNED)
    assert (one.start, one.end, one.length) == (TODAY, date(2026, 12, 8), 14)
    two = sprints.create_sprint(ctx, "WEB", name="Polish", length=7)
    assert (two.number, two.name, two.start, two.length) == (2, "Polish", date(2026, 12, 9), 7)
    three = sprints.create_sprint(ctx, "WEB")
    assert (three.start, three.length) == (date(2026, 12, 16), 7)
    assert [item.key for item in sprints.list_sprints(ctx, "WEB")] == ["WEB-S1", "WEB-S2", "WEB-S3"]
    assert storehelp.events(ctx)[-1]["action"] == "created"


def test_create_refuses_forty_days_and_writes_nothing(ctx: Context, board: Any) -> None:
    before = state(ctx)
    with pytest.raises(InvalidInput) as refused:
        sprints.create_sprint(ctx, "WEB", start="2026-12-01", end="2027-01-09")
    assert refused.value.message == "A sprint lasts 1-31 days; 2026-12-01 to 2027-01-09 is 40 days."
    with pytest.raises(InvalidInput, match="32 days is not allowed"):
        sprints.create_sprint(ctx, "WEB", length=32)
    assert state(ctx) == before


def test_start_needs_a_goal_and_changes_nothing_without_one(ctx: Context, board: Any) -> None:
    sprints.create_sprint(ctx, "WEB")
    before = state(ctx)
    with pytest.raises(RuleViolation, match="Sprint 1 needs a goal before it starts."):
        sprints.start_sprint(ctx, "WEB", 1)
    assert state(ctx) == before
    started = sprints.start_sprint(ctx, "WEB", 1, goal="Ship search")
    assert (started.state, started.goal) == (SprintState.ACTIVE, "Ship search")


def test_start_snapshots_the_committed_scope(ctx: Context, running: list[str]) -> None:
    with ctx.db.read() as session:
        row = session.exec(select(SprintRow)).one()
    assert row.committed.count('"key"') == 4
    report = sprints.sprint_report(ctx, "WEB", 1)
    assert report.committed == tuple(running[:4])
    assert report.committed_points == 18
    card_services.edit_card(ctx, running[0], {"points": 13})
    assert sprints.sprint_report(ctx, "WEB", 1).committed_points == 18


def test_a_second_active_sprint_is_refused(ctx: Context, running: list[str]) -> None:
    sprints.create_sprint(ctx, "WEB", goal="Next")
    before = state(ctx)
    with pytest.raises(RuleViolation) as refused:
        sprints.start_sprint(ctx, "WEB", 2)
    assert refused.value.message == (
        "Sprint 1 is active already; complete it before starting sprint 2."
    )
    assert state(ctx) == before
    assert [item.state for item in sprints.list_sprints(ctx, "WEB")] == ["active", "planned"]


def test_a_card_in_two_sprints_is_refused(ctx: Context, running: list[str]) -> None:
    sprints.create_sprint(ctx, "WEB")
    before = state(ctx)
    with pytest.raises(RuleViolation, match=f"{running[0]} is in sprint 1 already"):
        sprints.add_cards(ctx, "WEB", 2, [running[4], running[0]])
    assert state(ctx) == before  # WEB-5 was not added either: one transaction
    new = card_services.add_card(ctx, "WEB", "New", sprint=2)
    with pytest.raises(RuleViolation, match=f"{new.key} is in sprint 2 already"):
        sprints.add_cards(ctx, "WEB", 1, [new.key])
    assert card_services.get_card(ctx, new.key).sprint == 2
    assert card_services.get_card(ctx, running[0]).sprint == 1


def test_scope_changes_of_an_active_sprint_are_counted(ctx: Context, running: list[str]) -> None:
    sprints.add_cards(at(ctx, 2), "WEB", 1, [running[4]])
    sprints.remove_cards(at(ctx, 3), "WEB", 1, [running[2]])
    new = card_services.add_card(at(ctx, 4), "WEB", "Hotfix", points=3, sprint="active")
    report = sprints.sprint_report(ctx, "WEB", "active")
    assert report.added == (running[4], new.key)
    assert (report.added_points, report.removed_points) == (4, 2)
    assert report.removed == (running[2],)
    joins = [e for e in storehelp.events(ctx) if e["action"] == "sprint"]
    assert [e["data"]["scope_change"] for e in joins] == [False] * 4 + [True] * 3
    chart = sprints.burndown(at(ctx, 5), "WEB", 1)
    assert chart.added[2] == 1 and chart.removed[3] == 2 and chart.added[4] == 3
    assert chart.scope[:6] == (18, 18, 18, 19, 17, 20)


def test_planning_a_planned_sprint_is_not_a_scope_change(ctx: Context, board: Any) -> None:
    cards = add(ctx, 1, 2)
    sprints.create_sprint(ctx, "WEB", goal="g")
    sprints.add_cards(ctx, "WEB", 1, cards)
    sprints.remove_cards(ctx, "WEB", 1, cards[:1])
    assert [c.key for c in card_services.list_cards(ctx, "WEB", sprint=1)] == cards[1:]
    with pytest.raises(RuleViolation, match="has not started; it has no report yet"):
        sprints.sprint_report(ctx, "WEB", 1)
    with pytest.raises(RuleViolation, match=f"{cards[0]} is not in sprint 1."):
        sprints.remove_cards(ctx, "WEB", 1, cards[:1])


def finish(ctx: Context, *keys: str) -> None:
    for key in keys:
        card_services.move_card(ctx, key, "Done")


def test_complete_to_the_backlog_keeps_every_card_and_puts_them_on_top(
    ctx: Context, running: list[str]
) -> None:
    card_services.move_card(at(ctx, 1), running[1], "In Progress")
    finish(at(ctx, 2), running[0])
    total_before = len(storehelp.card_rows(ctx))
    points_before = {n: row["points"] for n, row in storehelp.card_rows(ctx).items()}
    done = sprints.complete_sprint(at(ctx, 13), "WEB", carry_over="backlog")
    assert len(storehelp.card_rows(ctx)) == total_before
    assert {n: row["points"] for n, row in storehelp.card_rows(ctx).items()} == points_before
    assert done.carried_to is None and done.next_sprint is None
    assert done.report.completed == (running[0],)
    assert done.report.carried_over == tuple(running[1:4])
    assert (done.report.completed_points, done.report.carried_over_points) == (5, 13)
    assert keys(sprints.backlog(ctx, "WEB")) == [*running[1:4], *running[4:6]]
    assert keys(card_services.list_cards(ctx, "WEB", sprint=1)) == [running[0]]
    assert card_services.get_card(ctx, running[1]).column == "In Progress"
    assert sprints.get_sprint(ctx, "WEB", 1).state is SprintState.COMPLETED
    assert sprints.sprint_report(ctx, "WEB", 1) == done.report


def test_backlog_order_after_carry_over_keeps_the_sprint_order(
    ctx: Context, running: list[str]
) -> None:
    card_rank.rank_card(ctx, running[3], "top", scope="sprint")
    order = keys(card_services.list_cards(ctx, "WEB", sprint=1))
    assert order == [running[3], *running[:3]]
    backlog_before = keys(sprints.backlog(ctx, "WEB"))
    sprints.complete_sprint(ctx, "WEB")
    assert keys(sprints.backlog(ctx, "WEB")) == order + backlog_before


def test_complete_to_a_new_next_sprint(ctx: Context, running: list[str]) -> None:
    finish(ctx, running[2])
    total_before = len(storehelp.card_rows(ctx))
    done = sprints.complete_sprint(at(ctx, 14), "WEB", carry_over="next")
    assert done.carried_to == 2
    following = sprints.get_sprint(ctx, "WEB", 2)
    assert following.state is SprintState.PLANNED
    assert (following.start, following.end) == (date(2026, 12, 9), date(2026, 12, 22))
    assert keys(card_services.list_cards(ctx, "WEB", sprint=2)) == [
        running[0],
        running[1],
        running[3],
    ]
    assert (following.card_count, following.points) == (3, 16)
    assert len(storehelp.card_rows(ctx)) == total_before
    assert keys(sprints.backlog(ctx, "WEB")) == running[4:6]
    assert done.report.carried_over_points == 16 and done.report.completed_points == 2
    assert done.report.days_late == 1 and done.report.timing == "late"


def test_complete_to_an_existing_planned_sprint_on_top_of_its_cards(
    ctx: Context, running: list[str]
) -> None:
    sprints.create_sprint(ctx, "WEB", goal="Later")
    sprints.create_sprint(ctx, "WEB")
    sprints.add_cards(ctx, "WEB", 2, [running[5]])
    done = sprints.complete_sprint(ctx, "WEB", carry_over="next")
    assert done.carried_to == 2
    assert len(sprints.list_sprints(ctx, "WEB")) == 3
    assert keys(card_services.list_cards(ctx, "WEB", sprint=2)) == [*running[:4], running[5]]


def test_complete_and_start_the_next_at_once(ctx: Context, running: list[str]) -> None:
    before = state(ctx)
    with pytest.raises(RuleViolation, match="Sprint 2 needs a goal before it starts."):
        sprints.complete_sprint(ctx, "WEB", carry_over="next", start_next=True)
    assert state(ctx) == before  # the whole completion was refused
    done = sprints.complete_sprint(
        at(ctx, 13), "WEB", carry_over="next", start_next=True, next_goal="Finish checkout"
    )
    assert done.next_sprint is not None
    assert done.next_sprint.state is SprintState.ACTIVE
    assert done.next_sprint.start == date(2026, 12, 8)  # it starts the day it is started
    assert sprints.sprint_report(ctx, "WEB", 2).committed == tuple(running[:4])
    assert sprints.active_sprint(ctx, "WEB") == sprints.get_sprint(ctx, "WEB", 2)


def test_a_completed_sprint_is_read_only(ctx: Context, running: list[str]) -> None:
    sprints.complete_sprint(ctx, "WEB")
    before = state(ctx)
    attempts = [
        lambda: sprints.edit_sprint(ctx, "WEB", 1, name="Renamed"),
        lambda: sprints.edit_sprint(ctx, "WEB", 1, goal="Other", end="2026-12-20"),
        lambda: sprints.add_cards(ctx, "WEB", 1, [running[4]]),
        lambda: sprints.remove_cards(ctx, "WEB", 1, [running[0]]),
        lambda: sprints.start_sprint(ctx, "WEB", 1, goal="Again"),
        lambda: sprints.complete_sprint(ctx, "WEB", number=1),
        lambda: sprints.delete_sprint(ctx, "WEB", 1),
        lambda: card_services.add_card(ctx, "WEB", "Late", sprint=1),
    ]
    for attempt in attempts:
        with pytest.raises(RuleViolation) as refused:
            attempt()
        assert refused.value.message == "Sprint 1 is completed and read-only."
    assert state(ctx) == before
    with pytest.raises(RuleViolation, match="has no active sprint to complete"):
        sprints.complete_sprint(ctx, "WEB")


def test_a_card_completed_in_a_closed_sprint_cannot_be_planned_again(
    ctx: Context, running: list[str]
) -> None:
    finish(ctx, running[0])
    sprints.complete_sprint(ctx, "WEB")
    sprints.create_sprint(ctx, "WEB")
    with pytest.raises(RuleViolation, match="was completed in sprint 1, which is read-only"):
        sprints.add_cards(ctx, "WEB", 2, [running[0]])


def test_edit_sprint(ctx: Context, running: list[str]) -> None:
    edited = sprints.edit_sprint(ctx, "WEB", 1, name="Checkout", end="2026-12-10")
    assert (edited.name, edited.end, edited.length) == ("Checkout", date(2026, 12, 10), 16)
    assert storehelp.events(ctx)[-1]["data"]["name"] == {"before": "Sprint 1", "after": "Checkout"}
    before = state(ctx)
    with pytest.raises(RuleViolation, match="Sprint 1 is active and keeps a goal"):
        sprints.edit_sprint(ctx, "WEB", 1, goal="")
    with pytest.raises(InvalidInput, match="2026-11-25 to 2027-01-09 is 46 days"):
        sprints.edit_sprint(ctx, "WEB", 1, end="2027-01-09")
    with pytest.raises(InvalidInput, match="not both"):
        sprints.edit_sprint(ctx, "WEB", 1, end="2026-12-01", length=3)
    assert state(ctx) == before
    moved = sprints.edit_sprint(ctx, "WEB", 1, start="2026-11-26")
    assert (moved.start, moved.length) == (date(2026, 11, 26), 16)


def test_delete_a_planned_sprint_returns_its_cards(ctx: Context, running: list[str]) -> None:
    with pytest.raises(RuleViolation, match="Sprint 1 is active; complete it instead"):
        sprints.delete_sprint(ctx, "WEB", 1)
    sprints.create_sprint(ctx, "WEB")
    sprints.add_cards(ctx, "WEB", 2, running[4:6])
    sprints.delete_sprint(ctx, "WEB", 2)
    assert keys(sprints.backlog(ctx, "WEB")) == running[4:6]
    assert sprints.create_sprint(ctx, "WEB").number == 3


def test_burndown_reads_the_log(ctx: Context, running: list[str]) -> None:
    finish(at(ctx, 1), running[0])
    card_services.move_card(at(ctx, 3), running[0], "Review")  # reopened
    finish(at(ctx, 4), running[0], running[1])
    chart = sprints.burndown(at(ctx, 5), "WEB")
    assert chart.committed == 18
    assert chart.remaining[:7] == (18, 18, 13, 13, 18, 10, 10)
    assert chart.remaining[7:] == (None,) * 8
    sprints.complete_sprint(at(ctx, 13), "WEB")
    finish(at(ctx, 14), running[2])  # after the sprint: not in its chart
    closed = sprints.burndown(at(ctx, 20), "WEB", 1)
    assert closed.remaining[-1] == 10 and len(closed.days) == 14


def test_velocity_is_the_mean_of_the_last_three(ctx: Context, board: Any) -> None:
    cards = add(ctx, 8, 5, 3, 2, 13)
    for number, key in enumerate(cards[:4], start=1):
        clock = at(ctx, (number - 1) * 14)
        sprints.create_sprint(clock, "WEB", goal=f"Goal {number}")
        sprints.add_cards(clock, "WEB", number, [key])
        sprints.start_sprint(clock, "WEB", number)
        finish(clock, key)
        sprints.complete_sprint(at(ctx, number * 14 - 1), "WEB")
    result = sprints.velocity(ctx, "WEB")
    assert result.numbers == (1, 2, 3, 4)
    assert result.completed == (8, 5, 3, 2)
    assert result.mean == pytest.approx(10 / 3)


def test_backlog_ranking_moves_one_card(ctx: Context, board: Any) -> None:
    cards = add(ctx, 1, 2, 3, 4)
    finish(ctx, cards[1])  # done cards are not in the backlog
    assert keys(sprints.backlog(ctx, "WEB")) == [cards[0], cards[2], cards[3]]
    ranks = {n: row["rank"] for n, row in storehelp.card_rows(ctx).items()}
    card_rank.rank_card(ctx, cards[3], "up", scope="backlog")
    after = {n: row["rank"] for n, row in storehelp.card_rows(ctx).items()}
    assert [n for n in ranks if ranks[n] != after[n]] == [4]
    assert keys(sprints.backlog(ctx, "WEB")) == [cards[0], cards[3], cards[2]]
    card_rank.rank_card(ctx, cards[2], "top", scope="backlog")
    assert keys(card_services.list_cards(ctx, "WEB", sprint="backlog")) == [
        cards[2],
        cards[0],
        cards[3],
    ]
    with pytest.raises(RuleViolation, match=f"{cards[1]} is not in the backlog"):
        card_rank.rank_card(ctx, cards[1], "up", scope="backlog")


def test_json_shapes_name_the_spec_fields(ctx: Context, running: list[str]) -> None:
    finish(ctx, running[0])
    done = sprints.complete_sprint(ctx, "WEB")
    shape = serialize.sprint(done.sprint)
    assert {"number", "name", "goal", "start", "end", "state"} <= set(shape)
    assert (shape["state"], shape["start"], shape["end"]) == (
        "completed",
        "2026-11-25",
        "2026-12-08",
    )
    report = serialize.sprint_report(done.report)
    for part in ("committed", "added", "removed", "completed", "carried_over"):
        assert isinstance(report[f"{part}_points"], int)
        assert isinstance(report[f"{part}_count"], int)
    assert (report["completed_points"], report["carried_over_count"]) == (5, 3)
    assert json.loads(json.dumps(serialize.burndown(sprints.burndown(ctx, "WEB", 1))))["days"][
        0
    ] == ("2026-11-25")
    assert serialize.velocity(sprints.velocity(ctx, "WEB"))["mean"] == 5.0


def test_deleting_a_card_of_the_active_sprint_removes_it_from_scope(
    ctx: Context, running: list[str]
) -> None:
    card_services.delete_card(at(ctx, 2), running[3])
    report = sprints.sprint_report(ctx, "WEB", 1)
    assert (report.removed, report.removed_points) == ((running[3],), 8)
    assert sprints.burndown(at(ctx, 3), "WEB", 1).removed[2] == 8


def test_an_overdue_sprint_is_flagged(ctx: Context, running: list[str]) -> None:
    assert sprints.overdue(at(ctx, 13), "WEB") is None
    assert sprints.overdue(at(ctx, 15), "WEB") == (
        "Sprint 1 ended on 2026-12-08, 2 days ago; complete it."
    )
    sprints.complete_sprint(at(ctx, 15), "WEB")
    assert sprints.overdue(at(ctx, 15), "WEB") is None


def test_the_file_keeps_one_active_sprint_per_board(ctx: Context, running: list[str]) -> None:
    sprints.create_sprint(ctx, "WEB", goal="Next")
    # sqlite3's IntegrityError, or psycopg's UniqueViolation naming the index.
    with pytest.raises(Exception, match="UNIQUE|ux_sprint_one_active"):
        storehelp.raw(ctx.db.path, "UPDATE sprint SET state = 'active' WHERE number = 2")
