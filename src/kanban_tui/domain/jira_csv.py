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
    short_rows: tuple[int, ...] = ()
    """The lines where a row with fewer fields than the header starts (its
    missing fields are read as empty; the summary says so)."""


def parse_csv(text: str) -> JiraExport:
    """The issues of a Jira CSV export's text (a BOM and CRLF are fine), or one
    sentence; a file cut off inside a quoted field is refused, naming its line."""
    text = text.removeprefix("\ufeff")
    try:
        rows = _rows(text, strict=True)
    except csv.Error:
        try:  # a stray quote inside a field: read as Jira's own reader would
            rows = _rows(text, strict=False)
        except csv.Error as error:
            raise InvalidInput(f"The file is not CSV ({error}); {EXPECTED}.") from None
    rows = [(line, row) for line, row in rows if any(cell.strip() for cell in row)]
    if not rows:
        raise InvalidInput(f"The file is empty; {EXPECTED}.")
    headers = tuple(cell.strip() for cell in rows[0][1])
    missing = [name for name in REQUIRED if name not in headers]
    if missing:
        raise InvalidInput(f"The file has no {' or '.join(missing)} column; {EXPECTED}.")
    issues = []
    short = []
    for line, row in rows[1:]:
        if len(row) < len(headers):
            short.append(line)
        fields: dict[str, list[str]] = {}
        for header, cell in zip(headers, row, strict=False):
            if cell.strip():
                fields.setdefault(header, []).append(cell)
        issues.append(JiraIssue(fields))
    return JiraExport(headers, tuple(issues), tuple(short))


def _rows(text: str, *, strict: bool) -> list[tuple[int, list[str]]]:
    """Each row with the line it starts on."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=strict)
    rows: list[tuple[int, list[str]]] = []
    start = 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return rows
        except csv.Error as error:
            if "unexpected end of data" in str(error):
                raise InvalidInput(
                    f"The file ends inside a quoted field of the row that starts on line "
                    f"{start}: it looks cut off; {EXPECTED}."
                ) from None
            raise
        rows.append((start, row))
        start = reader.line_num + 1


def check_date_format(fmt: str) -> str:
    """``fmt`` when it is a strptime format (it has a ``%`` directive), or one sentence."""
    if "%" not in fmt:
        raise InvalidInput(
            f"--date-format {fmt!r} has no % directive; give a strptime format such as "
            f"{DEFAULT_DATE_FORMAT!r} (Jira's default, for 15/Feb/26 4:37 PM)."
        )
    try:
        datetime.now().strftime(fmt)
        datetime.strptime("", fmt)
    except ValueError as error:
        if "does not match" not in str(error):
            raise InvalidInput(
                f"--date-format {fmt!r} is not a strptime format ({error})."
            ) from None
    return fmt


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
