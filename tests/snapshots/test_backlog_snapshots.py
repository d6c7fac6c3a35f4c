"""How the Backlog screen (3) and its sprint dialogs look, on the demo board at the fixed clock.

The demo board has two completed sprints, an active Sprint 3 (folded at first)
and a planned Sprint 4. Regenerate with ``--snapshot-update`` and look at the
SVGs before committing them.
"""

from __future__ import annotations

from snap_helpers import after_load


def test_backlog_80x24(snap_compare, demo_app):
    assert snap_compare(demo_app, terminal_size=(80, 24), run_before=after_load("3"))


def test_backlog_120x40(snap_compare, demo_app):
    assert snap_compare(demo_app, terminal_size=(120, 40), run_before=after_load("3"))


def test_backlog_active_sprint_unfolded(snap_compare, demo_app):
    # space unfolds the active sprint; the cursor on a blocked card of it.
    keys = ("3", "space", "j", "j", "j", "j", "j", "j", "j", "j")
    assert snap_compare(demo_app, terminal_size=(120, 40), run_before=after_load(*keys))


def test_complete_sprint_dialog(snap_compare, demo_app):
    keys = ("3", "C", "n", "s")
    assert snap_compare(demo_app, terminal_size=(80, 24), run_before=after_load(*keys))


def test_new_sprint_dialog(snap_compare, demo_app):
    assert snap_compare(demo_app, terminal_size=(80, 24), run_before=after_load("3", "c"))
