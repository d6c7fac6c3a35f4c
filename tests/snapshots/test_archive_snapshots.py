"""How the Archive view looks: the demo board with its old done cards archived
and one card archived from To Do, at the fixed clock. Regenerate with
``--snapshot-update`` and look at the SVG first."""

from __future__ import annotations

from dataclasses import replace

from snap_helpers import after_load

from kanban_tui.services import archive


def test_archive_80x24(snap_compare, ctx, demo_app):
    archive.archive_done_older_than(ctx, "WEB", 14)
    archive.archive_cards(replace(ctx, actor="bob"), "WEB", ["WEB-25"])
    assert snap_compare(demo_app, terminal_size=(80, 24), run_before=after_load("A"))
