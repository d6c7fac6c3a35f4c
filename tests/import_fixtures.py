"""Where the real Trello and Jira exports are: ``../shared/fixtures/imports``
beside the checkout, or the folder ``KANBAN_IMPORT_FIXTURES`` names (a clone
elsewhere). Tests that read them skip, saying so, when neither is there."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

FIXTURES = Path(
    os.environ.get("KANBAN_IMPORT_FIXTURES")
    or Path(__file__).resolve().parents[1] / ".." / "shared" / "fixtures" / "imports"
).resolve()

needs_fixtures = pytest.mark.skipif(
    not FIXTURES.is_dir(), reason=f"the real exports are not here: {FIXTURES}"
)
