"""Import a Trello board JSON export as a new board, in one write transaction.

The reading is :mod:`..domain.trello`, the fitting to this product's rules
:mod:`..domain.trello_plan`; this writes the plan. One event: entity
``board``, action ``imported`` (data ``source``, ``name``, ``columns`` and
the summary's counts).
"""

from __future__ import annotations

from datetime import UTC, datetime

from ..domain.import_plan import BoardPlan
from ..domain.import_summary import ImportSummary
from ..domain.trello import TrelloBoard, parse_board
from ..domain.trello_plan import plan_board
from .context import Context
from .import_writer import check_key_free, import_plan


def import_trello(
    ctx: Context,
    data: object,
    *,
    key: str | None = None,
    name: str | None = None,
    dry_run: bool = False,
) -> ImportSummary:
    """Make a new board from ``data``, a parsed Trello board export.

    ``key`` is the new board's key (taken from the board's name when None)
    and ``name`` its name (the Trello board's by default). A dry run writes
    nothing and says what an import would make. Anything that is not a board
    export is refused with one sentence, and nothing is written.
    """
    board = parse_board(data)
    return import_plan(
        ctx, lambda taken: _plan(ctx, board, key, name, taken), "trello", dry_run=dry_run
    )


def preview_trello(
    data: object, *, key: str | None = None, name: str | None = None
) -> ImportSummary:
    """What :func:`import_trello` would make in a database without boards (a dry run
    that needs no file)."""
    summary = plan_board(
        parse_board(data), key=key, name=name, taken=(), now=datetime.now(UTC)
    ).summary
    summary.dry_run = True
    return summary


def _plan(
    ctx: Context, board: TrelloBoard, key: str | None, name: str | None, taken: set[str]
) -> BoardPlan:
    plan = plan_board(board, key=key, name=name, taken=taken, now=ctx.clock())
    return check_key_free(plan, taken)
