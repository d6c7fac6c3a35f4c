"""Whether the database is damaged, read in full after it is open.

Opening a file reads its header and schema only, so that it costs the same
at any size; SQLite still refuses a damaged page wherever a read or a write
meets it. This reads every page, for a TUI to say so at once rather than
when a person first reaches the damage.
"""

from __future__ import annotations

from ..domain.errors import DatabaseDamaged, KanbanError
from .context import Context


def find_damage(ctx: Context) -> str | None:
    """The sentence saying the database is damaged, or None (sound, or not
    checked now: the file was busy). Damage found pins the database read-only
    for this process, with that sentence as the reason a change is refused.

    Reads the whole file (a fraction of a second at 100,000 cards): call it
    from a worker thread."""
    try:
        ctx.db.check_integrity()
    except DatabaseDamaged as damage:
        ctx.db.pin_read_only(damage.message)
        return damage.message
    except KanbanError:
        return None
    return None
