"""The demo's sample risk register."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from kanban_tui import demo, demo_risks
from kanban_tui.domain.risks import RiskStatus, Severity
from kanban_tui.services import Context, risks
from kanban_tui.storage.database import Database

TODAY = date(2026, 11, 25)


def test_sample_register_covers_the_register_s_features(ctx: Context, board) -> None:
    added = demo_risks.fill_risks(ctx, TODAY)
    assert 6 <= len(added) <= 10
    assert {risk.severity for risk in added} == set(Severity)
    assert sum(risk.residual_score is not None for risk in added) >= 2
    assert [risk.status for risk in added].count(RiskStatus.CLOSED) == 1
    assert sum(risk.overdue(TODAY) for risk in added) == 1
    linked = [risk for risk in added if risk.cards]
    assert len(linked) == 1 and len(linked[0].cards) >= 2 and linked[0].cards_done == 1
    assert len({risk.owner for risk in added}) >= 3
    assert any(len(risks.score_history(ctx, risk.key)) > 1 for risk in added)


def test_sample_register_is_deterministic_and_fits_the_demo_board(tmp_path: Path) -> None:
    shapes = []
    for name in ("one.db", "two.db"):
        database = Database.open(tmp_path / name)
        try:
            ctx = Context(database, actor="demo")
            demo.fill(ctx, TODAY)  # the demo board comes with its register
            shapes.append([risks.risk_json(risk, TODAY) for risk in risks.list_risks(ctx, "WEB")])
        finally:
            database.close()
    assert shapes[0] == shapes[1] and len(shapes[0]) == len(demo_risks.RISKS)
