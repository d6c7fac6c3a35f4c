"""Import a Jira CSV export as a new board, in one write transaction.

The reading is :mod:`..domain.jira_csv`, the fitting to this product's rules
:mod:`..domain.jira_plan`; this writes the plan the way
:mod:`.import_trello` does. One event: entity ``board``, action ``imported``
(data ``source`` ``jira``, ``name``, ``columns`` and the summary's counts).
"""

from __future__ import annotations

from datetime import UTC, datetime

from ..domain.import_plan import BoardPlan
from ..domain.import_summary import ImportSummary
from ..domain.jira_csv import JiraExport, parse_csv
from ..domain.jira_plan import plan_export
from .context import Context
from .import_writer import check_key_free, taken_keys, write_plan


def import_jira(
    ctx: Context,
    text: str,
    *,
    key: str | None = None,
    date_format: str | None = None,
    dry_run: bool = False,
) -> ImportSummary:
    """Make a new board from ``text``, a Jira CSV export.

    ``key`` is the new board's key (the Jira project key, else one made from
    the project name, when None). A dry run writes nothing and says what an
    import would make.
    """
    export = parse_csv(text)
    if dry_run:
        with ctx.db.read() as session:
            taken = taken_keys(session)
        summary = _plan(ctx, export, key, date_format, taken).summary
        summary.dry_run = True
        return summary
    with ctx.db.write() as session:
        taken = taken_keys(session)
        plan = _plan(ctx, export, key, date_format, taken)
        write_plan(ctx, session, plan, "jira")
        return plan.summary


def preview_jira(
    text: str, *, key: str | None = None, date_format: str | None = None
) -> ImportSummary:
    """What :func:`import_jira` would make in a database without boards."""
    plan = plan_export(
        parse_csv(text), key=key, taken=(), now=datetime.now(UTC), date_format=date_format
    )
    plan.summary.dry_run = True
    return plan.summary


def _plan(
    ctx: Context, export: JiraExport, key: str | None, date_format: str | None, taken: set[str]
) -> BoardPlan:
    plan = plan_export(export, key=key, taken=taken, now=ctx.clock(), date_format=date_format)
    return check_key_free(plan, taken)
