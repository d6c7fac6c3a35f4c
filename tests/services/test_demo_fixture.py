"""The ``demo_board`` fixture is a copy of one build: it must be what a build gives."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from kanban_tui import demo
from kanban_tui.domain.model import Board
from kanban_tui.services import Context
from kanban_tui.storage.database import Database


def dump(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


@pytest.mark.sqlite_only
def test_the_copied_demo_board_is_the_demo_built_in_the_test(
    ctx: Context, demo_board: Board, tmp_path: Path
) -> None:
    fresh = Context(Database.open(tmp_path / "fresh.db"), actor=ctx.actor, clock=ctx.clock)
    try:
        built = demo.fill(fresh, fresh.today())
    finally:
        fresh.db.close()
    assert (built.key, built.name) == (demo_board.key, demo_board.name)
    copied = dump(ctx.db.path)
    assert len(copied) > 100  # cards, sprints, risks and their events
    assert copied == dump(tmp_path / "fresh.db")
