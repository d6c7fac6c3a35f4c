"""Forward migrations of the schema.

``MIGRATIONS[n]`` takes a connection at schema version ``n`` to ``n + 1``.
The database takes a backup copy before it runs any of them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

SCHEMA_VERSION = 1

MIGRATIONS: dict[int, Callable[[Any], None]] = {}
