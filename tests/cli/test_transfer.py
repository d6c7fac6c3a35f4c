"""kanban export (json, csv, markdown) and kanban import."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from cli_helpers import Run, dump

from kanban_tui.domain.model import Board


@pytest.fixture
def demo(demo_board: Board, run: Run) -> Run:
    """The demo board WEB in $KANBAN_DB."""
    return run


def test_export_to_stdout_and_to_a_file_is_the_same_document(demo: Run, tmp_path: Path) -> None:
    printed = demo("export")
    assert printed.code == 0 and printed.err == ""
    target = tmp_path / "web.json"
    saved = demo("export", "-o", str(target))
    assert saved.code == 0
    assert saved.out == f"Exported 1 board (68 cards) as json to {target}.\n"
    assert target.read_text(encoding="utf-8") == printed.out
    assert json.loads(printed.out)["format"] == "kanban-export"


def test_the_demo_exported_imported_and_exported_again_is_identical(
    demo: Run, tmp_path: Path
) -> None:
    first = tmp_path / "first.json"
    demo("export", "-o", str(first))
    fresh = tmp_path / "fresh.db"
    loaded = demo("import", str(first), "--db", str(fresh))
    assert loaded.code == 0, loaded.err
    assert loaded.out == (
        'Imported board WEB "Website relaunch": 68 cards, 26 archived, 4 sprints, 8 risks, '
        "272 events.\n"
    )
    again = demo("export", "--db", str(fresh))
    assert again.out.encode() == first.read_bytes()


def test_a_taken_key_is_refused_with_exit_1_and_as_renames(demo: Run, tmp_path: Path) -> None:
    first = tmp_path / "web.json"
    demo("export", "-o", str(first))
    refused = demo("import", str(first))
    assert refused.code == 1
    assert refused.error == (
        "error: A board with key WEB exists already: give another with --as KEY."
    )
    renamed = demo("import", str(first), "--as", "COPY")
    assert renamed.code == 0, renamed.err
    assert demo("card", "show", "COPY-21", "--json").json()["board"] == "COPY"


def test_a_broken_file_into_a_new_database_leaves_no_file(demo: Run, tmp_path: Path) -> None:
    data = json.loads(demo("export").out)
    data["boards"][0]["cards"][17]["points"] = 140
    broken = tmp_path / "broken.json"
    broken.write_text(json.dumps(data), encoding="utf-8")
    target = tmp_path / "new.db"
    result = demo("import", str(broken), "--db", str(target))
    assert result.code == 2
    assert result.error == "error: cards[17]: Points must be between 0 and 100 (got 140)."
    assert not target.exists()


def test_a_refused_import_changes_nothing(demo: Run, tmp_path: Path, db_path: Path) -> None:
    data = json.loads(demo("export").out)
    data["boards"][0]["events"][-1]["actor"] = 7
    broken = tmp_path / "broken.json"
    broken.write_text(json.dumps(data), encoding="utf-8")
    before = dump(db_path)
    result = demo("import", str(broken), "--as", "OTHER")
    assert result.code == 2
    assert result.error.startswith("error: events[271]: actor must be a string (got 7)")
    assert dump(db_path) == before


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ("not json at all", "is not a kanban export: it is not JSON"),
        ('{"name": "a trello board"}', 'is not a kanban export (no "format": "kanban-export"'),
        ('{"format": "kanban-export", "version": 9, "boards": []}', "is an export of version 9"),
    ],
)
def test_files_that_are_not_exports_are_refused(
    run: Run, tmp_path: Path, content: str, reason: str
) -> None:
    path = tmp_path / "in.json"
    path.write_text(content, encoding="utf-8")
    result = run("import", str(path))
    assert result.code == 2
    assert result.error.startswith(f"error: {path} {reason}")


def test_missing_file_and_unbuilt_sources(run: Run, tmp_path: Path) -> None:
    missing = run("import", str(tmp_path / "nope.json"))
    assert (missing.code, missing.error) == (2, f"error: There is no file {tmp_path}/nope.json.")
    jira = run("import", "--from", "jira-csv", str(tmp_path / "x"))  # reads the file
    assert (jira.code, jira.error) == (2, f"error: There is no file {tmp_path}/x.")
    trello = run("import", "--from", "trello", str(tmp_path / "x"))  # reads the file
    assert trello.code == 2 and trello.error.startswith("error: ") and "x" in trello.error


def test_dry_run_says_what_would_come_in(demo: Run, tmp_path: Path) -> None:
    first = tmp_path / "web.json"
    demo("export", "-o", str(first))
    fresh = tmp_path / "fresh.db"
    result = demo("import", str(first), "--dry-run", "--db", str(fresh), "--as", "TRY")
    assert result.out.startswith('Would import board TRY "Website relaunch": 68 cards')
    assert not fresh.exists()  # nothing written, not even an empty file


def test_export_of_an_unknown_board(demo: Run) -> None:
    result = demo("export", "--board", "NOPE")
    assert (result.code, result.error) == (1, "error: There is no board NOPE.")


def _hostile(run: Run) -> None:
    title = '=cmd| "quoted", *bold* _u_ `code` [a](b) <b>'
    assert run("card", "add", title, "--label", "x,y", "--points", "3").code == 0
    run("card", "edit", "WEB-1", "--description", "line one,\nline two")


def test_csv_reads_back_with_the_csv_module(web: Run) -> None:
    _hostile(web)
    web("card", "add", "# Heading", "--assignee", "bob")
    result = web("export", "--format", "csv")
    assert result.code == 0
    assert result.out.startswith("\ufeffkey,board,title,")
    rows = list(csv.DictReader(io.StringIO(result.out.removeprefix("\ufeff"), newline="")))
    assert [row["key"] for row in rows] == ["WEB-1", "WEB-2"]
    first = rows[0]
    assert first["title"] == '\'=cmd| "quoted", *bold* _u_ `code` [a](b) <b>'
    assert first["labels"] == "x;y" and first["points"] == "3"
    assert first["description"] == "line one,\nline two"
    assert first["archived"] == "false" and first["due"] == ""
    assert rows[1]["assignee"] == "bob" and rows[1]["title"] == "# Heading"


def test_csv_without_bom(web: Run, tmp_path: Path) -> None:
    web("card", "add", "One")
    target = tmp_path / "cards.csv"
    assert web("export", "--format", "csv", "--no-bom", "-o", str(target)).code == 0
    assert target.read_bytes().startswith(b"key,board,title,")
    assert b"\r\n" in target.read_bytes()
    refused = web("export", "--no-bom")
    assert (refused.code, refused.error) == (2, "error: --no-bom is for --format csv only.")


def test_markdown_escapes_user_text(web: Run) -> None:
    _hostile(web)
    web("card", "add", "# not a heading")
    result = web("export", "--format", "markdown")
    assert result.code == 0
    lines = result.out.splitlines()
    assert lines[0] == "# WEB: Website"
    row = next(line for line in lines if line.startswith("| WEB-1 "))
    assert row == (
        '| WEB-1 | =cmd\\| "quoted", \\*bold\\* \\_u\\_ \\`code\\` \\[a\\](b) \\<b\\> '
        "| 3 |  | \\#x \\#y |"
    )
    assert "| WEB-2 | \\# not a heading |" in result.out
    assert not any(line.startswith("# not") for line in lines)


def test_markdown_holds_the_sprint_reports(demo: Run) -> None:
    text = demo("export", "--format", "markdown").out
    assert "## Sprint 1 report" in text and "### Completed (7 cards, 29 points)" in text
    assert "## In Progress (3 cards, WIP 3)" in text


def test_a_label_with_a_semicolon_is_refused_typed_and_imported(web: Run, tmp_path: Path) -> None:
    refusal = (
        "Label 'a;b' is not valid: a label cannot contain ';' "
        "(it separates labels in the CSV export)."
    )
    typed = web("card", "add", "x", "--label", "a;b")
    assert (typed.code, typed.error) == (2, f"error: {refusal}")
    web("card", "add", "y", "--label", "a,b")
    data = json.loads(web("export").out)
    data["boards"][0]["cards"][0]["labels"] = ["ok", "a;b"]
    source = tmp_path / "web.json"
    source.write_text(json.dumps(data), encoding="utf-8")
    imported = web("import", str(source), "--as", "COPY")
    assert (imported.code, imported.error) == (2, f"error: cards[0]: {refusal}")


def test_json_nested_deeper_than_the_parser_goes_is_one_sentence(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "deep.json"
    path.write_text("[" * 100_000, encoding="utf-8")
    result = run("import", str(path))
    assert (result.code, result.error) == (
        2,
        f"error: {path} is not a kanban export: it is not JSON (nested too deeply).",
    )


def test_an_export_of_no_boards_says_so_and_writes_nothing(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "none.json"
    path.write_text('{"format": "kanban-export", "version": 1, "boards": []}', encoding="utf-8")
    target = tmp_path / "new.db"
    result = run("import", str(path), "--db", str(target))
    assert (result.code, result.out, result.err) == (
        0,
        f"{path} holds no boards; nothing was imported.\n",
        "",
    )
    assert not target.exists()
    dry = run("import", str(path), "--db", str(target), "--dry-run")
    assert dry.out == f"{path} holds no boards; nothing would be imported.\n"
