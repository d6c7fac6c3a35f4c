"""Which Jira issues a Jira CSV import takes, under which board key, and which
card number each gets (pure).

- **Repeated rows.** An issue key on two rows is one issue: the first row wins
  (the export's own sort put it first) and the later ones are skipped, the
  summary says how many.
- **The board's project** is the project most issues belong to (the prefix
  of their keys, ``UGV`` of ``UGV-31``; a tie goes to the first seen), else
  the most common ``Project key``. The board key is ``--as KEY``, else that
  project's key when it is valid and free, else one made from its name; the
  board's name is that project's ``Project name``.
- **Card numbers.** The project whose numbers are kept is the board key when
  the file has issues of that project, else the board's project. A card whose
  Jira key is of that project keeps its number (``UGV-31`` -> 31). Every other
  card (another project, no key, a number out of range) is numbered after the
  highest kept number, oldest first (by ``Created``, then its Jira number,
  then the file's order). So a card ``X-n`` is never a different Jira issue
  ``X-n``; its description always starts with its Jira key (``from FT-3``).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from datetime import datetime

from . import validation
from .jira_csv import JiraIssue

JIRA_KEY = re.compile(r"^([A-Za-z][A-Za-z0-9_]*)-(\d+)$")
SHOWN = 5
"""How many issue keys a summary sentence names before ``and N more``."""


def few(keys: Sequence[str]) -> str:
    """``A-1, A-2`` or ``A-1, A-2, A-3, A-4, A-5 and 3 more``."""
    shown = ", ".join(keys[:SHOWN])
    return f"{shown} and {len(keys) - SHOWN} more" if len(keys) > SHOWN else shown


def split_key(key: str) -> tuple[str, int] | None:
    """``("UGV", 31)`` of ``UGV-31`` (project upper case), or None for another text."""
    found = JIRA_KEY.match(key.strip())
    return (found.group(1).upper(), int(found.group(2))) if found else None


def unique(issues: Sequence[JiraIssue]) -> tuple[list[JiraIssue], int]:
    """``issues`` with each issue key once (its first row), and how many rows repeated one."""
    kept: list[JiraIssue] = []
    seen: set[str] = set()
    for issue in issues:
        key = issue.key.upper()
        if key and key in seen:
            continue
        seen.add(key)
        kept.append(issue)
    return kept, len(issues) - len(kept)


def main_project(issues: Sequence[JiraIssue]) -> str:
    """The project most issues belong to (upper case), or ``""`` when none says."""
    projects = [found[0] for found in (split_key(issue.key) for issue in issues) if found]
    if not projects:
        projects = [issue.first("Project key").upper() for issue in issues]
        projects = [project for project in projects if project]
    return Counter(projects).most_common(1)[0][0] if projects else ""


def project_name(issues: Sequence[JiraIssue], project: str) -> str:
    """The ``Project name`` of ``project``'s issues, else the first one the file gives."""
    names = [
        (issue.first("Project name"), (split_key(issue.key) or ("", 0))[0])
        for issue in issues
        if issue.first("Project name")
    ]
    mine = [name for name, prefix in names if prefix == project]
    return (mine or [name for name, _ in names] or [""])[0]


def kept_project(issues: Sequence[JiraIssue], board_key: str, project: str) -> str:
    """The project whose issues keep their numbers on the board ``board_key``."""
    prefixes = {found[0] for found in (split_key(issue.key) for issue in issues) if found}
    return board_key.upper() if board_key.upper() in prefixes else project


def numbers(
    issues: Sequence[JiraIssue], project: str, created: Sequence[datetime]
) -> tuple[list[int], list[int]]:
    """Each issue's card number, and the indexes of the issues renumbered
    (oldest first); ``created``: each issue's creation time."""
    found: list[int | None] = [None] * len(issues)
    used: set[int] = set()
    for index, issue in enumerate(issues):
        parts = split_key(issue.key)
        if parts is None or parts[0] != project or parts[1] in used:
            continue
        if 1 <= parts[1] <= validation.MAX_KEY_NUMBER:
            found[index] = parts[1]
            used.add(parts[1])
    others = [index for index, number in enumerate(found) if number is None]

    def age(index: int) -> tuple[datetime, int, int]:
        parts = split_key(issues[index].key)
        return created[index], parts[1] if parts else 0, index

    others.sort(key=age)
    top = max(used, default=0)
    for offset, index in enumerate(others, start=1):
        found[index] = top + offset
    return [number or 0 for number in found], others
