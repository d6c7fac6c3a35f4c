"""kanban import --from trello FILE [--as KEY] [--dry-run]."""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_helpers import Run, dump
from import_fixtures import FIXTURES, needs_fixtures

pytestmark = needs_fixtures
GOCD = str(FIXTURES / "trello_gocd_testdrive_large.json")


def test_import_prints_the_summary_and_makes_the_board(run: Run, db_path: Path) -> None:
    result = run("import", "--from", "trello", GOCD)
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert lines[0] == "Made the board TD 'Test Drive' from a Trello export:"
    assert "  cards: 122" in lines and "  archived: 78" in lines
    assert "Cleaned or left out, by field:" in lines
    cards = run("card", "list", "--board", "TD", "--json").json()
    assert len(cards) == 122 - 78  # the list shows the cards not archived


def test_a_long_summary_line_folds_under_its_field(run: Run) -> None:
    """Out of a terminal (as here) the summary folds at 80 columns, a field's
    sentence going on four spaces in; no word is lost."""
    result = run("import", "--from", "trello", GOCD, "--dry-run")
    lines = result.out.splitlines()
    assert max(len(line) for line in lines) <= 80
    start = lines.index(
        "  lists: 12 archived lists are no column: their cards are archived, in the"
    )
    assert lines[start + 1] == "    column before where each list stood"
    assert "  attachments: 59 not imported" in lines
    said = " ".join(line.strip() for line in lines)
    assert (
        "comments: the export holds Trello's newest 1,000 actions only: older comments"
        " and creation dates are not in the file" in said
    )


def test_board_key_option(run: Run) -> None:
    assert run("import", "--from", "trello", GOCD, "--as", "gocd").code == 0
    assert run("card", "list", "--board", "GOCD", "--json").code == 0
    taken = run("import", "--from", "trello", GOCD, "--as", "GOCD")
    assert (taken.code, taken.error) == (
        1,
        "error: A board with key GOCD exists already: give another with --as KEY.",
    )


def test_a_dry_run_writes_nothing(run: Run, db_path: Path) -> None:
    result = run("import", "--from", "trello", GOCD, "--dry-run")
    assert result.code == 0, result.err
    assert result.out.startswith("Would make the board TD 'Test Drive'")
    assert result.out.endswith("Dry run: nothing was written.\n")
    assert not db_path.exists()  # not even an empty file
    assert run("board", "create", "WEB", "Website").code == 0
    before = dump(db_path)
    assert run("import", "--from", "trello", GOCD, "--dry-run").code == 0
    assert dump(db_path) == before


@pytest.mark.parametrize(
    ("content", "sentence"),
    [
        ("{not json", "is not JSON (line 1); expected a Trello board JSON export"),
        ('{"cards": []}', "This is not a Trello board export: expected a Trello board JSON"),
        (b"\xff\xfe{}", "is not UTF-8 text; expected a Trello board JSON export"),
    ],
)
def test_other_files_are_refused_in_one_sentence_and_change_nothing(
    run: Run, db_path: Path, tmp_path: Path, content: str | bytes, sentence: str
) -> None:
    assert run("board", "create", "WEB", "Website").code == 0
    before = dump(db_path)
    path = tmp_path / "export.json"
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content)
    result = run("import", "--from", "trello", str(path))
    assert result.code == 2
    assert sentence in result.error
    assert dump(db_path) == before


def test_the_single_card_export_is_refused(run: Run, db_path: Path) -> None:
    result = run(
        "import", "--from", "trello", str(FIXTURES / "trello_single_card_export_2026.json")
    )
    assert result.code == 2
    assert "a single card, not of a board" in result.error
    assert not db_path.exists()


def test_a_missing_file(run: Run, tmp_path: Path) -> None:
    result = run("import", "--from", "trello", str(tmp_path / "nope.json"))
    assert (result.code, result.error) == (2, f"error: There is no file {tmp_path / 'nope.json'}.")
