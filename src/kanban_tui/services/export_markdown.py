"""The export for a wiki: a board snapshot and its sprint reports in Markdown.

``kanban export --format markdown``, the TUI's "Export board…" to a ``.md``
path and ``kanban sprint report --markdown`` all write through here. The
board part is made from the JSON export document (services/export.py), so it
shows the same cards as the JSON and the CSV. User text is escaped
(:func:`md`): a title never turns into markup or breaks a table.

Also here: how a sprint's dates, state and numbers read, which the terminal
report (cli/sprint_report.py) shares with the Markdown one.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING, Any

from ..formatting import CONTROLS, DISGUISES, plural

if TYPE_CHECKING:
    from ..domain.model import Card
    from ..domain.sprint_metrics import SprintReport
    from ..domain.sprints import Sprint
    from .context import Context

PARTS = (
    ("committed", "committed"),
    ("added", "added"),
    ("removed", "removed"),
    ("completed", "completed"),
    ("carried_over", "carried over"),
)

# The characters that never reach a page raw, escaped as `kanban`'s terminal
# output escapes them (cli/output.py ``safe``, one line), then Markdown's own.
_CONTROL_ESCAPES = {code: f"\\x{code:02x}" for code in CONTROLS}
_CONTROL_ESCAPES.update({code: f"\\u{code:04x}" for code in DISGUISES})
_CONTROL_ESCAPES.update({code: f"\\x{code - 0xDC00:02x}" for code in range(0xDC80, 0xDD00)})
_CONTROL_ESCAPES[ord("\t")] = " "
_MARKDOWN = str.maketrans({char: "\\" + char for char in "\\`*_[]<>|~#"})


def md(value: str) -> str:
    """User text inside Markdown: shown literally, never as markup."""
    return value.translate(_CONTROL_ESCAPES).translate(_MARKDOWN)


# -- how a sprint reads (the terminal report and the Markdown one) -----------------
def size(count: int, points: int) -> str:
    return f"{plural(count, 'card')}, {plural(points, 'point')}"


def dates(sprint: Sprint) -> str:
    if sprint.start is None or sprint.end is None or sprint.length is None:
        return "no dates yet"
    return f"{sprint.start} to {sprint.end} ({plural(sprint.length, 'day')})"


def timing(report: SprintReport) -> str:
    """``, 3 days early`` / ``, on time`` / ``, 2 days late``; empty while it runs."""
    late = report.days_late
    if late is None:
        return ""
    if late == 0:
        return ", on time"
    return f", {plural(abs(late), 'day')} {'late' if late > 0 else 'early'}"


def state(sprint: Sprint, today: date) -> str:
    """The state as a person wants it: with days left, or overdue, while active."""
    if sprint.state.value != "active" or sprint.end is None:
        return sprint.state.value
    if sprint.overdue(today):
        return f"active, {plural((today - sprint.end).days, 'day')} overdue"
    if sprint.start is not None and sprint.start > today:
        return f"active, starts in {plural((sprint.start - today).days, 'day')}"
    left = sprint.days_left(today) or 0
    return f"active, {plural(left, 'day')} left"


def status(sprint: Sprint, report: SprintReport, today: date) -> str:
    if report.completed_on is not None:
        return f"completed on {report.completed_on}{timing(report)}"
    return f"{state(sprint, today)} (a live report: as if it ended today)"


def parts(report: SprintReport) -> list[tuple[str, str]]:
    """``(field, label)``; while a sprint runs, its unfinished work is not carried yet."""
    live = report.completed_on is None
    return [
        (part, "not done yet" if live and part == "carried_over" else label)
        for part, label in PARTS
    ]


def numbers(report: SprintReport) -> list[tuple[str, int, int]]:
    return [
        (label, getattr(report, f"{part}_count"), getattr(report, f"{part}_points"))
        for part, label in parts(report)
    ]


# -- Markdown ------------------------------------------------------------------------
def sprint_markdown(
    sprint: Sprint, report: SprintReport, cards: Mapping[str, Card], today: date
) -> list[str]:
    """The report as a Markdown document, each card with its title and points."""
    heading = f"Sprint {sprint.number}"
    if sprint.name != heading:
        heading += f": {md(sprint.name)}"
    lines = [
        f"# {heading} report",
        "",
        f"- **Board:** {sprint.board_key}",
        f"- **Dates:** {dates(sprint)}",
        f"- **State:** {status(sprint, report, today)}",
        f"- **Goal:** {md(sprint.goal) or '-'}",
        "",
        "| | Cards | Points |",
        "|:--|--:|--:|",
    ]
    lines += [f"| {label.capitalize()} | {c} | {p} |" for label, c, p in numbers(report)]
    for part, label in parts(report)[1:]:
        keys = getattr(report, part)
        if not keys:
            continue
        points = getattr(report, f"{part}_points")
        lines += ["", f"## {label.capitalize()} ({size(len(keys), points)})", ""]
        for key in keys:
            card = cards.get(key)
            if card is None:
                lines.append(f"- {key} (deleted)")
            else:
                estimate = "unestimated" if card.points is None else plural(card.points, "point")
                lines.append(f"- {key} {md(card.title)} ({estimate})")
    return lines


def board_markdown(board: Mapping[str, Any]) -> list[str]:
    """One board of the export document as a wiki page: each column with its
    cards (archived left out)."""
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
    """``blocked: why · due 2026-12-01 · bug · high · sprint 3 · #a11y #frontend``:
    labels with ``#`` as the TUI shows them (escaped: no heading, no issue link)."""
    marks = []
    if card["blocked"]:
        reason = card["blocked_reason"]
        marks.append(f"blocked: {md(reason)}" if reason else "blocked")
    if card["due"]:
        marks.append(f"due {card['due']}")
    if card["type"] != "task":
        marks.append(card["type"])
    if card["priority"] != "none":
        marks.append(card["priority"])
    if card["sprint"] is not None:
        marks.append(f"sprint {card['sprint']}")
    if card["labels"]:
        marks.append(" ".join(f"\\#{md(label)}" for label in card["labels"]))
    return " · ".join(marks)


def reports_markdown(
    reports: list[tuple[Sprint, SprintReport]], cards: Mapping[str, Card], today: date
) -> list[str]:
    """The sprint reports, each one heading level down under the board's."""
    lines: list[str] = []
    for sprint, report in reports:
        for line in sprint_markdown(sprint, report, cards, today):
            lines.append("#" + line if line.startswith("#") else line)
        lines.append("")
    return lines


def export_markdown(ctx: Context, document: Mapping[str, Any]) -> str:
    """Every board of the export ``document`` as a page: its snapshot, then the
    report of each started or completed sprint. Ends with one newline."""
    from . import cards, sprints

    lines: list[str] = []
    today = ctx.today()
    for board in document["boards"]:
        lines += board_markdown(board)
        shown = [
            sprint
            for sprint in sprints.list_sprints(ctx, board["key"])
            if sprint.state.value != "planned"
        ]
        if shown:
            known = {card.key: card for card in cards.list_cards(ctx, board["key"], archived=None)}
            reports = [
                (item, sprints.sprint_report(ctx, board["key"], item.number)) for item in shown
            ]
            lines += reports_markdown(reports, known, today)
    return "\n".join(lines).rstrip("\n") + "\n"
