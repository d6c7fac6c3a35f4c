"""How the Reports screen looks, on the demo board at the fixed clock.

Regenerate with ``pytest tests/snapshots --snapshot-update`` and look at the
SVGs (``tests/snapshots/__snapshots__``) before committing them.
"""

from __future__ import annotations

from snap_helpers import after_load


def test_reports_120x40(snap_compare, demo_app):
    assert snap_compare(demo_app, terminal_size=(120, 40), run_before=after_load("5"))


def test_reports_completed_sprint_80x24(snap_compare, demo_app):
    # Sprint 2, completed: its frozen report, scrolled into view.
    keys = ("5", "down", "l", "end")
    assert snap_compare(demo_app, terminal_size=(80, 24), run_before=after_load(*keys))
