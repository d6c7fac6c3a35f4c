"""The risk register through the services, on a real database file."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, timedelta

import pytest
from sqlmodel import col, delete, func, select

from kanban_tui.domain.errors import InvalidInput, NotFound, RuleViolation, StaleChange
from kanban_tui.domain.model import Category
from kanban_tui.domain.risks import Response, RiskCategory, RiskStatus, Severity
from kanban_tui.services import Context, boards, cards, risks
from kanban_tui.storage.risk_tables import RiskRow
from kanban_tui.storage.tables import CardRow, EventRow

TODAY = date(2026, 11, 25)
"""The day of the ``ctx`` fixture's fixed clock."""


def risk_events(ctx: Context) -> list[EventRow]:
    with ctx.db.read() as session:
        query = select(EventRow).where(EventRow.entity == "risk").order_by(col(EventRow.id))
        return list(session.exec(query).all())


def count(ctx: Context, table) -> int:
    with ctx.db.read() as session:
        return session.exec(select(func.count()).select_from(table)).one()


@pytest.fixture
def risk(ctx: Context, board):
    return risks.add_risk(ctx, "WEB", "Payment provider outage", "likely", "severe")


def test_add_keeps_the_inputs_and_derives_score_and_severity(ctx: Context, board) -> None:
    risk = risks.add_risk(
        ctx,
        "web",
        "Payment provider outage",
        4,
        "major",
        owner="bob",
        category="external",
        response="transfer",
        mitigation="second provider",
        contingency="invoice orders",
        trigger="error rate > 2%",
        review_on="2026-12-01",
        description="cause, event, effect",
        residual_probability="unlikely",
        residual_impact=3,
    )
    assert risk.key == "WEB-R1"
    assert (risk.probability, risk.impact, risk.score, risk.severity) == (4, 4, 16, "critical")
    assert (risk.residual_score, risk.residual_severity) == (6, Severity.MEDIUM)
    assert (risk.owner, risk.category, risk.response) == ("bob", "external", "transfer")
    assert risk.status is RiskStatus.OPEN and risk.review_on == date(2026, 12, 1)
    assert risks.get_risk(ctx, "web-r1") == risk
    columns = RiskRow.__table__.columns.keys()  # type: ignore[attr-defined]
    assert "score" not in columns and "severity" not in columns


def test_owner_defaults_to_the_actor_and_the_defaults_are_sensible(ctx, risk) -> None:
    assert risk.owner == "alice"
    assert (risk.category, risk.response) == (RiskCategory.TECHNICAL, Response.MITIGATE)
    assert risk.status is RiskStatus.OPEN and risk.review_on is None and risk.cards == ()


def test_keys_are_per_board_separate_from_cards_and_never_reused(ctx: Context, board) -> None:
    boards.create_board(ctx, "APP", "App")
    cards.add_card(ctx, "WEB", "A card")
    keys = [risks.add_risk(ctx, "WEB", f"Risk {n}", 2, 2).key for n in range(3)]
    assert keys == ["WEB-R1", "WEB-R2", "WEB-R3"]
    assert risks.add_risk(ctx, "APP", "Other board", 1, 1).key == "APP-R1"
    with ctx.db.write() as session:  # whatever removes a risk (e.g. a future delete)
        session.execute(delete(RiskRow).where(col(RiskRow.number) == 3))
    assert risks.add_risk(ctx, "WEB", "After the removal", 1, 1).key == "WEB-R4"
    with pytest.raises(NotFound, match=r"^No risk WEB-R3\.$"):
        risks.get_risk(ctx, "WEB-R3")


def test_every_change_writes_one_event_and_the_score_history_replays(ctx, risk) -> None:
    then = ctx.clock() + timedelta(days=2)
    later = replace(ctx, actor="bob", clock=lambda: then)
    risks.edit_risk(ctx, risk.key, {"title": "Payment provider down", "mitigation": "plan"})
    risks.edit_risk(later, risk.key, {"probability": "possible"})
    risks.set_status(ctx, risk.key, "mitigating")
    risks.edit_risk(ctx, risk.key, {"residual_probability": 1, "residual_impact": 4})
    card = cards.add_card(ctx, "WEB", "Second provider")
    risks.link_card(ctx, risk.key, card.key)
    risks.unlink_card(ctx, risk.key, card.key)
    risks.create_mitigation_card(ctx, risk.key)
    actions = [event.action for event in risk_events(ctx)]
    assert actions == [
        "created", "edited", "edited", "status", "edited", "linked", "unlinked", "linked"
    ]  # fmt: skip
    created, title, rating, status = (json.loads(e.data) for e in risk_events(ctx)[:4])
    assert (created["probability"], created["impact"], created["score"]) == (4, 5, 20)
    assert created["severity"] == "critical" and created["owner"] == "alice"
    assert title == {
        "title": {"before": "Payment provider outage", "after": "Payment provider down"},
        "mitigation": {"changed": True},
    }
    assert rating["probability"] == {"before": 4, "after": 3}
    assert rating["score"] == {"before": 20, "after": 15}
    assert status == {"before": "open", "after": "mitigating"}

    history = risks.score_history(ctx, risk.key)
    assert [(p.action, p.actor, p.score, p.residual_score) for p in history] == [
        ("created", "alice", 20, None),
        ("edited", "bob", 15, None),
        ("edited", "alice", 15, 4),
    ]
    assert history[1].at == then
    assert [p.severity for p in history] == [Severity.CRITICAL, Severity.HIGH, Severity.HIGH]


def test_a_change_that_changes_nothing_writes_no_event(ctx, risk) -> None:
    before = risk_events(ctx)
    same = risks.edit_risk(ctx, risk.key, {"probability": "likely", "impact": 5})
    assert risks.set_status(ctx, risk.key, "open") == same
    assert same.version == risk.version and risk_events(ctx) == before


def test_a_stale_edit_is_refused_and_changes_nothing(ctx, risk) -> None:
    bob = replace(ctx, actor="bob")
    risks.edit_risk(bob, risk.key, {"impact": 4}, expected_version=risk.version)
    events = risk_events(ctx)
    for change in (
        lambda: risks.edit_risk(ctx, risk.key, {"impact": 1}, expected_version=risk.version),
        lambda: risks.set_status(ctx, risk.key, "closed", expected_version=risk.version),
    ):
        with pytest.raises(StaleChange, match=r"^WEB-R1 was changed by bob at \d\d:\d\d; "):
            change()
    now = risks.get_risk(ctx, risk.key)
    assert (now.impact, now.status, now.version) == (4, RiskStatus.OPEN, risk.version + 1)
    assert risk_events(ctx) == events


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"probability": 6}, "Probability must be 1-5 or one of rare, unlikely, possible, "
         "likely, almost certain (got 6)."),
        ({"category": "weather"}, "Unknown category 'weather'"),
        ({"review_on": "01/12/2026"}, "Review date must be a date as YYYY-MM-DD"),
        ({"residual_probability": 2}, "Residual probability and residual impact go together"),
        ({"owner": ""}, "A risk has exactly one owner"),
        ({"title": "ok", "impact": "catastrophic"}, "Impact must be 1-5"),
    ],
)  # fmt: skip
def test_bad_values_change_nothing(ctx, risk, changes, message) -> None:
    events = risk_events(ctx)
    with pytest.raises(InvalidInput) as caught:
        risks.edit_risk(ctx, risk.key, changes)
    assert caught.value.message.startswith(message)
    assert risks.get_risk(ctx, risk.key) == risk and risk_events(ctx) == events
    with pytest.raises(InvalidInput):
        risks.add_risk(ctx, "WEB", **{"title": "New", "probability": 3, "impact": 3, **changes})
    assert count(ctx, RiskRow) == 1 and risk_events(ctx) == events
    assert risks.add_risk(ctx, "WEB", "Next", 1, 1).key == "WEB-R2"


def test_unknown_risk_board_or_card_is_not_found(ctx, risk) -> None:
    with pytest.raises(NotFound, match=r"^No risk WEB-R9\.$"):
        risks.edit_risk(ctx, "WEB-R9", {"impact": 1})
    with pytest.raises(NotFound):
        risks.add_risk(ctx, "NOPE", "x", 1, 1)
    with pytest.raises(NotFound, match=r"^No card WEB-99\.$"):
        risks.link_card(ctx, risk.key, "WEB-99")
    with pytest.raises(InvalidInput, match="is not a risk key"):
        risks.get_risk(ctx, "WEB-1")


def test_mitigation_card_is_created_linked_and_in_the_backlog(ctx, risk) -> None:
    risks.edit_risk(ctx, risk.key, {"mitigation": "Add a second provider.", "owner": "dana"})
    updated, card = risks.create_mitigation_card(ctx, risk.key)
    assert updated.cards == (card.key,) and updated.cards_done == 0
    assert card.title == "Mitigate WEB-R1: Payment provider outage"
    assert card.sprint is None and card.assignee == "dana" and card.labels == ("risk",)
    assert card.priority == "urgent"  # the risk is critical
    assert "Add a second provider." in card.description and "WEB-R1" in card.description
    column = next(c for c in boards.columns(ctx, "WEB") if c.name == card.column)
    assert column.category is Category.TODO
    assert card.key in [c.key for c in cards.list_cards(ctx, "WEB", column=column.name)]
    assert risks.card_risks(ctx, card.key) == [updated]
    _, named = risks.create_mitigation_card(ctx, risk.key, "Load-test checkout")
    assert named.title == "Load-test checkout"
    assert risks.get_risk(ctx, risk.key).cards == (card.key, named.key)


def test_mitigation_card_and_link_are_one_transaction(ctx, risk, monkeypatch) -> None:
    def broken(*args) -> None:
        raise RuleViolation("link failed")

    monkeypatch.setattr(risks, "_link", broken)
    events = count(ctx, EventRow)
    with pytest.raises(RuleViolation):
        risks.create_mitigation_card(ctx, risk.key)
    assert count(ctx, CardRow) == 0 and count(ctx, EventRow) == events
    monkeypatch.undo()
    _, card = risks.create_mitigation_card(ctx, risk.key)
    assert card.key == "WEB-1"


def test_a_refused_card_creates_no_link(ctx, board, risk) -> None:
    boards.set_wip_limit(ctx, "WEB", "To Do", 1)
    cards.add_card(ctx, "WEB", "Fills To Do")
    with pytest.raises(RuleViolation, match="WIP limit reached: To Do holds 1 of 1."):
        risks.create_mitigation_card(ctx, risk.key)
    assert risks.get_risk(ctx, risk.key).cards == ()


def test_mitigation_status_is_complete_when_every_linked_card_is_done(ctx, risk) -> None:
    assert not risks.mitigation_status(ctx, risk.key).complete
    first = risks.create_mitigation_card(ctx, risk.key, "First")[1]
    second = risks.create_mitigation_card(ctx, risk.key, "Second")[1]
    cards.move_card(ctx, first.key, "Done")
    status = risks.mitigation_status(ctx, risk.key)
    assert status.cards == ((first.key, True), (second.key, False)) and not status.complete
    cards.move_card(ctx, second.key, "Done")
    assert risks.mitigation_status(ctx, risk.key).complete
    assert risks.get_risk(ctx, risk.key).mitigation_done


def test_links_are_same_board_idempotent_and_go_with_a_deleted_card(ctx, risk) -> None:
    boards.create_board(ctx, "APP", "App")
    other = cards.add_card(ctx, "APP", "Elsewhere")
    with pytest.raises(RuleViolation, match="APP-1 is on board APP; a risk of WEB links only"):
        risks.link_card(ctx, risk.key, other.key)
    card = cards.add_card(ctx, "WEB", "Here")
    assert risks.link_card(ctx, risk.key, card.key).cards == (card.key,)
    assert risks.link_card(ctx, risk.key, card.key.lower()).cards == (card.key,)
    assert [e.action for e in risk_events(ctx)].count("linked") == 1
    cards.delete_card(ctx, card.key)
    assert risks.get_risk(ctx, risk.key).cards == ()
    with pytest.raises(NotFound):
        risks.unlink_card(ctx, risk.key, card.key)
    kept = cards.add_card(ctx, "WEB", "Kept")
    with pytest.raises(RuleViolation, match=r"^WEB-2 is not linked to WEB-R1\.$"):
        risks.unlink_card(ctx, risk.key, kept.key)


def test_closing_keeps_the_risk_and_its_history(ctx, risk) -> None:
    risks.edit_risk(ctx, risk.key, {"probability": 2, "review_on": "2026-11-01"})
    assert risks.get_risk(ctx, risk.key).overdue(TODAY)
    closed = risks.set_status(ctx, risk.key, RiskStatus.CLOSED)
    assert closed.status is RiskStatus.CLOSED and not closed.overdue(TODAY)
    assert [e.action for e in risks.risk_events(ctx, risk.key)] == ["created", "edited", "status"]
    assert [p.score for p in risks.score_history(ctx, risk.key)] == [20, 10]
    assert risks.list_risks(ctx, "WEB", status="closed") == [closed]
    assert risks.list_risks(ctx, "WEB", status="open") == []
    assert sum(map(sum, risks.heat_map(ctx, "WEB"))) == 0
    assert risks.heat_map(ctx, "WEB", include_closed=True)[1][4] == 1
    reopened = risks.set_status(ctx, risk.key, "open")
    assert reopened.status is RiskStatus.OPEN


def test_list_is_sorted_by_score_and_filters_by_status_and_owner(ctx, board) -> None:
    low = risks.add_risk(ctx, "WEB", "Low", 1, 2, owner="bob")
    high = risks.add_risk(ctx, "WEB", "High", 4, 3, review_on="2026-12-01")
    tie = risks.add_risk(ctx, "WEB", "Tie, sooner review", 3, 4, review_on="2026-11-28")
    top = risks.add_risk(ctx, "WEB", "Top", 5, 5, owner="bob")
    assert [r.key for r in risks.list_risks(ctx, "WEB")] == [top.key, tie.key, high.key, low.key]
    assert [r.key for r in risks.list_risks(ctx, "WEB", owner="@bob")] == [top.key, low.key]
    risks.set_status(ctx, high.key, "mitigating")
    assert [r.key for r in risks.list_risks(ctx, "WEB", status="mitigating")] == [high.key]
    with pytest.raises(InvalidInput, match="Unknown status 'done'"):
        risks.list_risks(ctx, "WEB", status="done")


def test_heat_map_counts_open_risks_and_residual_cells(ctx, board) -> None:
    risks.add_risk(ctx, "WEB", "a", 5, 5, residual_probability=2, residual_impact=2)
    risks.add_risk(ctx, "WEB", "b", 5, 5)
    risks.add_risk(ctx, "WEB", "c", 1, 3)
    grid = risks.heat_map(ctx, "WEB")
    assert grid[4][4] == 2 and grid[0][2] == 1 and sum(map(sum, grid)) == 3
    residual = risks.heat_map(ctx, "WEB", residual=True)
    assert residual[1][1] == 1 and residual[4][4] == 1


def test_risk_json_shape(ctx, risk) -> None:
    risks.edit_risk(ctx, risk.key, {"review_on": "2026-11-20"})
    _, card = risks.create_mitigation_card(ctx, risk.key)
    data = risks.risk_json(risks.get_risk(ctx, risk.key), TODAY)
    assert data["key"] == "WEB-R1" and data["board"] == "WEB"
    assert (data["probability"], data["impact"], data["score"], data["severity"]) == (
        4, 5, 20, "critical"
    )  # fmt: skip
    assert data["residual_score"] is None and data["residual_severity"] is None
    assert (data["owner"], data["response"], data["status"]) == ("alice", "mitigate", "open")
    assert data["review_on"] == "2026-11-20" and data["overdue"] is True
    assert data["cards"] == [card.key] and data["created_at"] == "2026-11-25T09:30:00Z"
    assert json.loads(json.dumps(data)) == data
