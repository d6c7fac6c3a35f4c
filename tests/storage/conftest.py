"""Fixtures of the storage tests."""

from __future__ import annotations

import pytest

from kanban_tui.services import Context
from kanban_tui.storage.database import Database


@pytest.fixture
def bob(ctx: Context) -> Context:
    """Bob, on his own connection (a second Database object) to the same file."""
    other = Database.open(ctx.db.path)
    yield Context(other, actor="bob", clock=ctx.clock)
    other.close()
