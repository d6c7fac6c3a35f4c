"""Fixtures of the storage tests."""

from __future__ import annotations

import pytest
from ram_tmp import tmp_path

from kanban_tui.services import Context
from kanban_tui.storage.database import Database

__all__ = ["tmp_path"]  # the fixture, imported for pytest (see ram_tmp)


@pytest.fixture
def bob(ctx: Context) -> Context:
    """Bob, on his own connection (a second Database object) to the same file."""
    other = Database.open(ctx.db.path)
    yield Context(other, actor="bob", clock=ctx.clock)
    other.close()
