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
