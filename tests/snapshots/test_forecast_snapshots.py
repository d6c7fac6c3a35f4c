"""The forecast views on the demo board at the fixed clock: the Reports
screen's Ageing and Throughput, the W dialog, and a card's age mark.

Regenerate with ``pytest tests/snapshots --snapshot-update`` and look at the
SVGs before committing them.
"""

from __future__ import annotations

from snap_helpers import after_load


def test_ageing_120x40(snap_compare, demo_app):
    keys = ("5", "f", "f", "f")
    assert snap_compare(demo_app, terminal_size=(120, 40), run_before=after_load(*keys))


def test_throughput_80x24(snap_compare, demo_app):
    keys = ("5", "f", "f", "f", "f")
    assert snap_compare(demo_app, terminal_size=(80, 24), run_before=after_load(*keys))


def test_forecast_dialog_80x24(snap_compare, demo_app):
    # The Review column (WEB-21 shows ▲ past the 85th percentile), W, its column.
    keys = ("l", "l", "W", "enter")
    assert snap_compare(demo_app, terminal_size=(80, 24), run_before=after_load(*keys))
