"""How the Board screen and its dialogs look, on the demo board at the fixed clock.

Regenerate with ``pytest tests/snapshots --snapshot-update`` and look at the
SVGs (``tests/snapshots/__snapshots__``) before committing them.
"""

from __future__ import annotations

from snap_helpers import after_load


def test_board_80x24(snap_compare, demo_app):
    assert snap_compare(demo_app, terminal_size=(80, 24), run_before=after_load())


def test_board_120x40(snap_compare, demo_app):
    assert snap_compare(demo_app, terminal_size=(120, 40), run_before=after_load())


def test_board_filtered(snap_compare, demo_app):
    keys = ("slash", "number_sign", "f", "r", "o", "n", "t", "enter")
    assert snap_compare(demo_app, terminal_size=(120, 40), run_before=after_load(*keys))


def test_card_editor(snap_compare, demo_app):
    # The second card of In Progress, opened for editing.
    keys = ("l", "j", "e")
    assert snap_compare(demo_app, terminal_size=(100, 30), run_before=after_load(*keys))


def test_card_editor_with_an_error(snap_compare, demo_app):
    keys = ("n", "S", "i", "z", "e", "tab", "tab", "tab", "1", "0", "0", "0")
    assert snap_compare(demo_app, terminal_size=(80, 24), run_before=after_load(*keys))


def test_wip_override_dialog(snap_compare, demo_app):
    # In Progress is at its limit: moving a To Do card there is refused.
    assert snap_compare(demo_app, terminal_size=(100, 30), run_before=after_load("L"))


def test_help(snap_compare, demo_app):
    keys = ("question_mark",)
    assert snap_compare(demo_app, terminal_size=(100, 40), run_before=after_load(*keys))


def test_board_full_cards_at_80x24(snap_compare, demo_app):
    # z: full cards on a short terminal (compact is the default there).
    assert snap_compare(demo_app, terminal_size=(80, 24), run_before=after_load("z"))


def test_card_view(snap_compare, demo_app):
    # enter on the first card of In Progress: every field, c e b in the hint.
    keys = ("l", "enter")
    assert snap_compare(demo_app, terminal_size=(80, 24), run_before=after_load(*keys))
