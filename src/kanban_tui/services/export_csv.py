"""The cards of an export document as CSV, for a spreadsheet: ``kanban export
--format csv`` and the TUI's "Export board…" to a ``.csv`` path."""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from typing import Any

CSV_FIELDS = (
    "key",
    "board",
    "title",
    "type",
    "priority",
    "points",
    "assignee",
    "labels",
    "due",
    "column",
    "rank",
    "sprint",
    "blocked",
    "blocked_reason",
    "archived",
    "description",
    "created_at",
    "updated_at",
    "updated_by",
    "started_at",
    "done_at",
    "comments",
)
"""The CSV header, in order: the card's JSON keys, ``comments`` as a count."""

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_TEXT_FIELDS = frozenset(
    {"title", "assignee", "labels", "column", "blocked_reason", "description", "updated_by"}
)
BOM = "\ufeff"


def cards_csv(document: Mapping[str, Any], *, bom: bool = True) -> str:
    """Every card of the document (archived too), one per row, under a header.

    RFC 4180 (``csv`` module, CRLF line ends, quotes where needed), labels
    joined by ``;``, booleans ``true``/``false``, nothing as an empty cell.
    A text cell that a spreadsheet would run as a formula (``=``, ``+``,
    ``-``, ``@``) starts with ``'``.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_FIELDS)
    for board in document["boards"]:
        for card in board["cards"]:
            writer.writerow([_cell(name, _value(card, name)) for name in CSV_FIELDS])
    return (BOM if bom else "") + buffer.getvalue()


def _value(card: Mapping[str, Any], name: str) -> Any:
    if name == "labels":
        return ";".join(card["labels"])
    if name == "comments":
        return len(card["comments"])
    return card.get(name)


def _cell(name: str, value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    text = str(value)
    if name in _TEXT_FIELDS and text.startswith(_FORMULA_STARTS):
        return "'" + text
    return text
