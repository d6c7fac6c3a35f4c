"""Reading a Jira CSV export (pure): the issues, each as the plain values the
export holds, before any fitting to this product's rules (:mod:`.jira_plan`).

Jira repeats a header once per value of a multi-value field (``Sprint``,
``Labels``, ``Comment``, ...), so rows are read with :func:`csv.reader` and
each header maps to the list of its non-empty values, in column order.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import datetime

from .errors import InvalidInput

EXPECTED = "expected a Jira CSV export (Issues > Export > CSV)"
DEFAULT_DATE_FORMAT = "%d/%b/%y %I:%M %p"
"""Jira's default: ``15/Feb/26 4:37 PM``."""
POINT_HEADERS = (
    "Custom field (Story Points)",
    "Custom field (Story point estimate)",
    "Story Points",
    "Story point estimate",
)
PARENT_HEADERS = ("Parent", "Parent id", "Parent key", "Custom field (Epic Link)")
REQUIRED = ("Summary", "Issue key")


@dataclass(frozen=True, slots=True)
class JiraIssue:
    fields: dict[str, list[str]]

    def first(self, header: str) -> str:
        values = self.fields.get(header, [])
        return values[0].strip() if values else ""

    def all(self, header: str) -> list[str]:
        return [value.strip() for value in self.fields.get(header, []) if value.strip()]

    @property
    def key(self) -> str:
        return self.first("Issue key")

    @property
    def points_text(self) -> str:
        for header in POINT_HEADERS:
            if self.first(header):
                return self.first(header)
        return ""

    @property
    def sprints(self) -> list[str]:
        """Every sprint the issue was in; the last is its current one."""
        return self.all("Sprint")


@dataclass(frozen=True, slots=True)
class JiraExport:
    headers: tuple[str, ...]
    issues: tuple[JiraIssue, ...]


def parse_csv(text: str) -> JiraExport:
    """The issues of a Jira CSV export's text (a BOM and CRLF are fine), or one sentence."""
    text = text.removeprefix("\ufeff")
    try:
        rows = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as error:
        raise InvalidInput(f"The file is not CSV ({error}); {EXPECTED}.") from None
    rows = [row for row in rows if any(cell.strip() for cell in row)]
    if not rows:
        raise InvalidInput(f"The file is empty; {EXPECTED}.")
    headers = tuple(cell.strip() for cell in rows[0])
    missing = [name for name in REQUIRED if name not in headers]
    if missing:
        raise InvalidInput(f"The file has no {' or '.join(missing)} column; {EXPECTED}.")
    issues = []
    for row in rows[1:]:
        fields: dict[str, list[str]] = {}
        for header, cell in zip(headers, row, strict=False):
            if cell.strip():
                fields.setdefault(header, []).append(cell)
        issues.append(JiraIssue(fields))
    return JiraExport(headers, tuple(issues))


def parse_date(text: str, fmt: str | None) -> datetime | None:
    """A Jira date with ``fmt`` (the default format when None), or None when it does not fit."""
    if not text.strip():
        return None
    for candidate in (fmt or DEFAULT_DATE_FORMAT, "%Y-%m-%d", "%Y-%m-%d %H:%M"):
        try:
            return datetime.strptime(text.strip(), candidate)
        except ValueError:
            continue
    return None
