"""How the Activity screen and a card's history look, on the demo board at the
fixed clock. Regenerate with ``--snapshot-update`` and look at the SVGs first."""

from __future__ import annotations

from snap_helpers import after_load


def test_activity_80x24(snap_compare, demo_app):
    assert snap_compare(demo_app, terminal_size=(80, 24), run_before=after_load("6"))


def test_activity_120x40(snap_compare, demo_app):
    assert snap_compare(demo_app, terminal_size=(120, 40), run_before=after_load("6"))


def test_activity_filtered_by_person(snap_compare, demo_app):
    keys = ("6", "slash", "commercial_at", "c", "h", "e", "n", "enter")
    assert snap_compare(demo_app, terminal_size=(80, 24), run_before=after_load(*keys))


def test_card_history_80x24(snap_compare, demo_app):
    # Review's card WEB-21, from the board.
    keys = ("l", "l", "i")
    assert snap_compare(demo_app, terminal_size=(80, 24), run_before=after_load(*keys))


def test_card_history_from_the_activity_screen_120x40(snap_compare, demo_app):
    keys = ("6", "j", "j", "enter")
    assert snap_compare(demo_app, terminal_size=(120, 40), run_before=after_load(*keys))
