"""Snapshot fixtures: the demo board at the fixed clock, with nothing that moves."""

from __future__ import annotations

import pytest

from kanban_tui.app import KanbanApp, create_app
from kanban_tui.config import Config
from kanban_tui.domain.model import Board
from kanban_tui.services import Context

STILL = Config(theme="textual-dark", cursor_blink=False, animations=False)


@pytest.fixture
def demo_app(ctx: Context, demo_board: Board) -> KanbanApp:
    """The app on the demo board WEB, built at the fixed test clock."""
    return create_app(ctx, "WEB", config=STILL)
