"""The Risks screen's parts without a terminal: filters, table columns, map layout."""

from __future__ import annotations

from kanban_tui import demo_risks
from kanban_tui.domain.risks import RiskStatus
from kanban_tui.screens.risks.state import RiskRegister
from kanban_tui.services import risks
from kanban_tui.widgets.heat_map import layout
from kanban_tui.widgets.risk_table import COLUMNS, TITLE_MIN, fit_columns

TODAY_KEYS = ["WEB-R1", "WEB-R3", "WEB-R2", "WEB-R4", "WEB-R5", "WEB-R8", "WEB-R6", "WEB-R7"]


def test_every_column_fits_at_120_and_the_least_useful_go_first_at_80():
    columns, title = fit_columns(118)
    assert [c.key for c in columns] == [c.key for c in COLUMNS] and title >= TITLE_MIN
    narrow, title = fit_columns(78)
    keys = [c.key for c in narrow]
    assert {"key", "title", "score", "status", "review", "cards", "owner"} <= set(keys)
    assert "response" not in keys and "category" not in keys and title >= TITLE_MIN
    assert sum(c.width + 1 for c in narrow if c.key != "title") + title + 1 <= 78
    assert fit_columns(300, longest=30)[1] == 30


def test_map_layout_uses_words_when_they_fit_and_finds_the_cell_under_a_click():
    wide, narrow = layout(73), layout(34)
    assert wide.numbered and wide.cell >= len("negligible")
    assert not narrow.numbered and narrow.cell == 3
    assert narrow.cell_at(narrow.left, 1) == (5, 1)  # top left: almost certain × negligible
    assert narrow.cell_at(narrow.left + 4 * (narrow.cell + 1), 5) == (1, 5)
    assert narrow.cell_at(0, 3) is None and narrow.cell_at(narrow.left, 0) is None
    assert layout(73, rows=2).cell_at(wide.left, 4) == (4, 1)


def test_the_register_filters_and_the_map_counts_what_the_table_lists(ctx, board):
    demo_risks.fill_risks(ctx, ctx.today())
    register = RiskRegister(risks.list_risks(ctx, "WEB"))
    assert [r.key for r in register.rows()] == TODAY_KEYS
    assert register.grid() == risks.heat_map(ctx, "WEB")
    assert register.choose((4, 5)) and [r.key for r in register.rows()] == ["WEB-R1"]
    assert not register.choose((4, 5)) and len(register.rows()) == 8
    assert register.next_status() is RiskStatus.OPEN
    assert all(r.status is RiskStatus.OPEN for r in register.rows())
    register.next_status(), register.next_status()
    assert register.status is RiskStatus.CLOSED and sum(map(sum, register.grid())) == 1
    register.clear()
    assert register.next_owner() == "alice" and register.describe() == ["owner alice"]
    register.text = "payment"
    assert [r.key for r in register.rows()] == ["WEB-R1"] and register.narrowed
    register.clear()
    register.residual = True
    assert register.grid() == risks.heat_map(ctx, "WEB", residual=True)
