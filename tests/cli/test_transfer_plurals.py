"""The counts kanban export and kanban import print read right for one of a thing."""

from __future__ import annotations

from pathlib import Path

from cli_helpers import Run


def test_one_board_with_one_card_is_counted_in_the_singular(run: Run, tmp_path: Path) -> None:
    assert run("board", "create", "UU", "U").code == 0
    assert run("card", "add", "One", "--board", "UU").code == 0
    target = tmp_path / "uu.json"
    exported = run("export", "-o", str(target))
    assert exported.out == f"Exported 1 board (1 card) as json to {target}.\n"
    loaded = run("import", str(target), "--db", str(tmp_path / "fresh.db"))
    assert loaded.code == 0, loaded.err
    assert loaded.out.startswith('Imported board UU "U": 1 card, 0 sprints, 0 risks, ')
