"""Importing another tool's export: a Trello board (``kanban import --from
trello FILE``) or a Jira CSV export (``--from jira-csv``), registered with
``import`` in :mod:`.transfer`.

Thin by design: :func:`run_trello` and :func:`run_jira` read the file, call
the service and print the summary (:func:`print_summary`).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from ..domain.errors import InvalidInput
from ..domain.import_summary import ImportSummary, summary_lines
from ..domain.jira_csv import EXPECTED as JIRA_EXPECTED
from ..domain.jira_csv import check_date_format
from ..domain.trello import EXPECTED
from . import output
from .common import context, db_path, holds_nothing


def run_trello(args: argparse.Namespace, path: Path, key: str | None, dry_run: bool) -> int:
    """Import the Trello export at ``path`` into the database ``args`` names; print the summary."""
    from ..services.import_trello import import_trello, preview_trello

    data = read_json(path)
    if dry_run and holds_nothing(db_path(args)):  # a dry run creates no file
        summary = preview_trello(data, key=key)
    else:
        with context(args, create=not dry_run) as ctx:
            summary = import_trello(ctx, data, key=key, dry_run=dry_run)
    print_summary(summary)
    return 0


def date_format_refusal(source: str) -> str | None:
    """The one sentence refusing ``--date-format`` with ``--from source``, or None when it fits."""
    if source == "jira-csv":
        return None
    what = "a Trello export" if source == "trello" else "a kanban export"
    return f"--date-format applies only to --from jira-csv, not to {what}."


def run_jira(
    args: argparse.Namespace, path: Path, key: str | None, dry_run: bool, date_format: str | None
) -> int:
    """Import the Jira CSV export at ``path`` into the database ``args`` names; print a summary."""
    from ..services.import_jira import import_jira, preview_jira

    if date_format is not None:
        check_date_format(date_format)  # refused before the file is read
    text = read_text(path, JIRA_EXPECTED)
    if dry_run and holds_nothing(db_path(args)):  # a dry run creates no file
        summary = preview_jira(text, key=key, date_format=date_format)
    else:
        with context(args, create=not dry_run) as ctx:
            summary = import_jira(ctx, text, key=key, date_format=date_format, dry_run=dry_run)
    print_summary(summary)
    return 0


def read_text(path: Path, expected: str) -> str:
    """The UTF-8 text at ``path`` (a BOM dropped), or one sentence saying why not."""
    from ..services.export_file import read_export

    return read_export(path, output.safe(str(path)), expected)


def read_json(path: Path) -> object:
    """The parsed JSON at ``path``, or one sentence saying why not."""
    shown = output.safe(str(path))
    text = read_text(path, EXPECTED)
    try:
        return json.loads(text)
    except (ValueError, RecursionError) as error:
        where = f" (line {error.lineno})" if isinstance(error, json.JSONDecodeError) else ""
        raise InvalidInput(f"{shown} is not JSON{where}; {EXPECTED}.") from None


def print_summary(summary: ImportSummary) -> None:
    """The summary, its long lines (a field's sentence) folded under the field."""
    lines: list[str] = []
    for line in summary_lines(summary):
        hanging = " " * (len(line) - len(line.lstrip()) + 2)
        lines += output.folded(output.safe(line), "", hanging)
    output.write(lines)
