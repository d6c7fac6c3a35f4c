"""How the Risks screen and its dialogs look, on the demo register at the fixed clock.

The demo register has 8 risks across every severity band, one overdue review,
one closed risk and one with mitigation cards (one of two done). Regenerate
with ``pytest tests/snapshots --snapshot-update`` and look at the SVGs before
committing them.
"""

from __future__ import annotations

from snap_helpers import after_load


def test_risks_80x24(snap_compare, demo_app):
    assert snap_compare(demo_app, terminal_size=(80, 24), run_before=after_load("4"))


def test_risks_120x40(snap_compare, demo_app):
    assert snap_compare(demo_app, terminal_size=(120, 40), run_before=after_load("4"))


def test_risks_cell_chosen_residual(snap_compare, demo_app):
    # The map focused, residual scores, the cell unlikely × moderate chosen.
    keys = ("4", "r", "tab", "down", "down", "down", "left", "left", "enter")
    assert snap_compare(demo_app, terminal_size=(120, 40), run_before=after_load(*keys))


def test_risk_details(snap_compare, demo_app):
    assert snap_compare(demo_app, terminal_size=(100, 40), run_before=after_load("4", "v"))


def test_risk_editor(snap_compare, demo_app):
    assert snap_compare(demo_app, terminal_size=(100, 40), run_before=after_load("4", "e"))


def test_risk_editor_with_an_error(snap_compare, demo_app):
    keys = ("4", "n", "S", "l", "o", "w", "tab", "tab", "tab", "6")
    assert snap_compare(demo_app, terminal_size=(80, 24), run_before=after_load(*keys))


def test_risk_status_picker(snap_compare, demo_app):
    assert snap_compare(demo_app, terminal_size=(80, 24), run_before=after_load("4", "s"))
