"""How the Sprint screen looks, on the demo board at the fixed clock.

Regenerate with ``pytest tests/snapshots --snapshot-update`` and look at the
SVGs (``tests/snapshots/__snapshots__``) before committing them.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

from snap_helpers import after_load

from kanban_tui.app import create_app
from kanban_tui.config import Config
from kanban_tui.services import boards, sprints

STILL = Config(theme="textual-dark", cursor_blink=False, animations=False)


def test_sprint_80x24(snap_compare, demo_app):
    assert snap_compare(demo_app, terminal_size=(80, 24), run_before=after_load("2"))


def test_sprint_80x24_with_the_burndown(snap_compare, demo_app):
    # c: the burndown, folded away at 80x24, shown with its legend.
    assert snap_compare(demo_app, terminal_size=(80, 24), run_before=after_load("2", "c"))


def test_sprint_120x40(snap_compare, demo_app):
    assert snap_compare(demo_app, terminal_size=(120, 40), run_before=after_load("2"))


def test_sprint_overdue(snap_compare, ctx, demo_board):
    # Three days past the end of Sprint 3: the flag in the top bar, "ended" in the header.
    assert ctx.today() == date(2026, 11, 25)  # the day the demo board was built on
    late = replace(ctx, clock=lambda: datetime(2026, 12, 4, 9, 30, tzinfo=UTC))
    app = create_app(late, "WEB", config=STILL)
    assert snap_compare(app, terminal_size=(100, 30), run_before=after_load("2"))


def test_sprint_none_active(snap_compare, ctx):
    boards.create_board(ctx, "WEB", "Website")
    sprints.create_sprint(ctx, "WEB", goal="Search that scales")
    app = create_app(ctx, "WEB", config=STILL)
    assert snap_compare(app, terminal_size=(80, 24), run_before=after_load("2"))
