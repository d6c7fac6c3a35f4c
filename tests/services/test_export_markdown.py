"""The Markdown export's escaping (services/export_markdown.py)."""

from __future__ import annotations

from kanban_tui.cli.output import safe
from kanban_tui.formatting import CONTROLS, DISGUISES
from kanban_tui.services.export_markdown import md


def test_md_escapes_controls_as_the_command_line_prints_them() -> None:
    hostile = "".join(map(chr, (*CONTROLS, *DISGUISES, 0xDC80, 0xDCFF))) + "plain é"
    # the escapes the terminal shows, their backslashes escaped for Markdown
    assert md(hostile) == safe(hostile).replace("\\", "\\\\")
    assert md("a|b") == "a\\|b"


def test_md_leaves_no_markup() -> None:
    assert md("\\`*_[]<>|~#") == "\\\\\\`\\*\\_\\[\\]\\<\\>\\|\\~\\#"


def test_the_marks_cell_reads_as_the_tui_shows_a_card() -> None:
    from kanban_tui.services.export_markdown import board_markdown

    card = {
        "key": "WEB-7",
        "title": "Fix it",
        "points": 3,
        "assignee": None,
        "column": "To Do",
        "rank": 1,
        "archived": False,
        "blocked": True,
        "blocked_reason": "waits on *ops*",
        "due": "2026-12-01",
        "type": "bug",
        "priority": "high",
        "sprint": 3,
        "labels": ["a11y", "front_end"],
    }
    bare = dict(card, blocked=False, blocked_reason=None, due=None, type="task")
    bare.update(key="WEB-8", priority="none", sprint=None, labels=[])
    board = {
        "key": "WEB",
        "name": "Web",
        "person_wip_limit": None,
        "columns": [{"name": "To Do", "wip_limit": None}],
        "cards": [card, bare, dict(card, key="WEB-9", blocked_reason=None, rank=2)],
    }
    rows = [line for line in board_markdown(board) if line.startswith("| WEB-")]
    assert rows[0] == (
        "| WEB-7 | Fix it | 3 |  | blocked: waits on \\*ops\\* · due 2026-12-01 · bug · high "
        "· sprint 3 · \\#a11y \\#front\\_end |"
    )
    assert rows[1] == "| WEB-8 | Fix it | 3 |  |  |"
    assert rows[2].endswith(
        "| blocked · due 2026-12-01 · bug · high · sprint 3 · \\#a11y \\#front\\_end |"
    )
