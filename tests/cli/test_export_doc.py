"""docs/export.md's synopsis names every option `kanban export` and `kanban
import` take, and only those."""

from __future__ import annotations

import re
from pathlib import Path

from kanban_tui.cli import build_parser

DOC = Path(__file__).parents[2] / "docs" / "export.md"


def _options(command: str) -> list[list[str]]:
    """Each option of ``command`` as its spellings (``["-o", "--output"]``)."""
    parser = build_parser([command])
    sub = next(a for a in parser._actions if a.__class__.__name__ == "_SubParsersAction")
    return [
        action.option_strings
        for action in sub.choices[command]._actions
        if action.option_strings and action.dest not in ("help", "db")  # every command's
    ]


def test_the_synopsis_names_every_option() -> None:
    text = DOC.read_text(encoding="utf-8")
    synopsis = text.split("```", 2)[1]
    for command in ("export", "import"):
        lines = [line for line in synopsis.splitlines() if line.startswith(f"kanban {command}")]
        named = set(re.findall(r"(?<![\w-])--?[a-z][a-z-]*", " ".join(lines)))
        options = _options(command)
        missing = [spellings for spellings in options if not named & set(spellings)]
        assert missing == [], command
        known = {spelling for spellings in options for spelling in spellings}
        assert named <= known, command
