"""``kanban export --format csv|markdown``: the export for a spreadsheet or a wiki.

Both are made from the JSON export document (services/export.py), so they
show the same cards; the Markdown adds the sprint reports of
``kanban sprint report --markdown`` (cli/sprint_report.py).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from ..domain.model import Card
from ..domain.sprint_metrics import SprintReport
from ..domain.sprints import Sprint
from . import sprint_report
from .sprint_report import md


def board_markdown(board: Mapping[str, Any]) -> list[str]:
    """One board as a wiki page: each column with its cards (archived left out)."""
    lines = [f"# {md(board['key'])}: {md(board['name'])}", ""]
    if board["person_wip_limit"] is not None:
        lines += [f"Per-person WIP limit: {board['person_wip_limit']}", ""]
    for column in board["columns"]:
        cards = sorted(
            (
                card
                for card in board["cards"]
                if card["column"] == column["name"] and not card["archived"]
            ),
            key=lambda card: card["rank"],
        )
        limit = f", WIP {column['wip_limit']}" if column["wip_limit"] is not None else ""
        count = f"{len(cards)} card" + ("" if len(cards) == 1 else "s")
        lines += [f"## {md(column['name'])} ({count}{limit})", ""]
        if not cards:
            lines += ["No cards.", ""]
            continue
        lines += ["| Key | Title | Points | Assignee | Marks |", "|:--|:--|--:|:--|:--|"]
        for card in cards:
            points = "" if card["points"] is None else str(card["points"])
            lines.append(
                f"| {card['key']} | {md(card['title'])} | {points} "
                f"| {md(card['assignee'] or '')} | {_marks(card)} |"
            )
        lines.append("")
    return lines


def _marks(card: Mapping[str, Any]) -> str:
    marks = []
    if card["blocked"]:
        marks.append(f"blocked: {md(card['blocked_reason'] or '')}")
    if card["due"]:
        marks.append(f"due {card['due']}")
    if card["type"] != "task":
        marks.append(card["type"])
    if card["priority"] != "none":
        marks.append(card["priority"])
    if card["sprint"] is not None:
        marks.append(f"sprint {card['sprint']}")
    marks += [md(label) for label in card["labels"]]
    return ", ".join(marks)


def reports_markdown(
    reports: list[tuple[Sprint, SprintReport]], cards: Mapping[str, Card], today: date
) -> list[str]:
    """The sprint reports, each one heading level down under the board's."""
    lines: list[str] = []
    for sprint, report in reports:
        for line in sprint_report.markdown(sprint, report, cards, today):
            lines.append("#" + line if line.startswith("#") else line)
        lines.append("")
    return lines
