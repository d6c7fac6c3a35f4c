"""The Reports screen's flow views on the demo board at the fixed clock."""

from __future__ import annotations

from snap_helpers import after_load


def test_cumulative_flow_120x40(snap_compare, demo_app):
    assert snap_compare(demo_app, terminal_size=(120, 40), run_before=after_load("5", "f"))


def test_cycle_time_120x40(snap_compare, demo_app):
    assert snap_compare(demo_app, terminal_size=(120, 40), run_before=after_load("5", "f", "f"))


def test_cumulative_flow_80x24(snap_compare, demo_app):
    assert snap_compare(demo_app, terminal_size=(80, 24), run_before=after_load("5", "f"))
