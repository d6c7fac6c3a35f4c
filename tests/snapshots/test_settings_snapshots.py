"""How Board settings (S) looks on the demo board at 80x24, and its new-board dialog."""

from __future__ import annotations

from snap_helpers import after_load


def test_board_settings_80x24(snap_compare, demo_app):
    assert snap_compare(demo_app, terminal_size=(80, 24), run_before=after_load("S"))


def test_new_board_dialog_80x24(snap_compare, demo_app):
    keys = ("S", "N", "O", "P", "S")
    assert snap_compare(demo_app, terminal_size=(80, 24), run_before=after_load(*keys))
