"""scripts/screenshots.py: a shot is drawn at both sizes, the same each time
(the committed one), on its own copy of the demo data (the README's
pictures come from it).

Run as a separate process, as a person runs it: the script fixes the time
zone and the environment before Textual is imported.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "screenshots.py"
COMMITTED = ROOT / "screenshots"


def run(out: Path, only: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(SCRIPT), "--out", str(out), "--only", only],
        capture_output=True,
        text=True,
    )


def test_a_shot_is_drawn_at_both_sizes_as_the_repository_holds_it(tmp_path: Path) -> None:
    """The script draws the same picture each time (a fixed clock and data):
    what it draws today is, byte for byte, the committed one. A screen
    changed without its screenshots drawn again fails here."""
    result = run(tmp_path, "archive")
    assert result.returncode == 0, result.stderr
    names = sorted(path.name for path in tmp_path.iterdir())
    assert names == ["archive-120x40.svg", "archive-80x24.svg"]
    for name in names:
        svg = (tmp_path / name).read_text(encoding="utf-8")
        assert svg == (COMMITTED / name).read_text(encoding="utf-8"), name
        # The shot's own setup archived cards; the other shots never see them.
        assert "WEB-35" in svg and "Archive" in svg


def test_an_unknown_shot_is_refused_in_one_sentence(tmp_path: Path) -> None:
    result = run(tmp_path, "bord")
    assert result.returncode == 1
    assert result.stderr.strip() == "screenshots: no shot named bord"
    assert not any(tmp_path.iterdir())
