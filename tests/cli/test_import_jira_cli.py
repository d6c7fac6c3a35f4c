"""kanban import --from jira-csv FILE [--as KEY] [--dry-run] [--date-format FMT]."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from cli_helpers import Run, dump
from import_fixtures import FIXTURES, needs_fixtures

pytestmark = needs_fixtures
UGV = str(FIXTURES / "jira_rohan019_ugv_crlf_2021.csv")
POINTS = ("Custom field (Story Points)", "Custom field (Story point estimate)")


def _expected(path: Path) -> tuple[int, int, set[str]]:
    """Issues, story points and sprint names, counted straight from the CSV."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        header, *rows = list(csv.reader(handle))
    points = [i for i, name in enumerate(header) if name in POINTS or name == "Story Points"]
    sprints = [i for i, name in enumerate(header) if name == "Sprint"]
    total = sum(int(float(row[i])) for row in rows for i in points if row[i].strip())
    names = {row[i].strip() for row in rows for i in sprints if row[i].strip()}
    return len(rows), total, names


@pytest.mark.parametrize("path", sorted(FIXTURES.glob("jira_*.csv")), ids=lambda p: p.stem)
def test_every_real_export_imports_with_its_issues_points_and_sprints(run: Run, path: Path) -> None:
    issues, points, sprints = _expected(path)
    result = run("import", "--from", "jira-csv", str(path), "--as", "JIRA")
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert f"  cards: {issues}" in lines
    assert f"  points: {points}" in lines
    assert f"  sprints: {len(sprints)}" in lines
    cards = run("card", "list", "--board", "JIRA", "--json").json()
    assert len(cards) == issues
    assert sum(card["points"] or 0 for card in cards) == points
    listed = run("sprint", "list", "--board", "JIRA").out
    assert all(name in listed for name in sprints)


def test_the_card_says_its_jira_key_and_keeps_its_fields(run: Run) -> None:
    assert run("import", "--from", "jira-csv", UGV).code == 0
    cards = run("card", "list", "--board", "UGV", "--json").json()
    with_points = [card for card in cards if card["points"] == 3]
    assert len(with_points) == 2  # "3.0" in the CSV
    first = cards[0]
    assert first["description"] == "from UGV-31"  # the first row of the CSV
    # UGV Sprint 1 is the board's 4th: its issues were created after FT's, OLA1's and OL69's
    assert (first["priority"], first["assignee"], first["sprint"]) == ("medium", "rohan.bbx", 4)
    assert "from UGV-31" in run("card", "show", first["key"]).out


def test_a_dry_run_writes_nothing(run: Run, db_path: Path) -> None:
    result = run("import", "--from", "jira-csv", UGV, "--dry-run")
    assert result.code == 0, result.err
    assert result.out.startswith("Would make the board UGV 'Uniform Gift voucher'")
    assert result.out.endswith("Dry run: nothing was written.\n")
    assert not db_path.exists()
    assert run("board", "create", "WEB", "Website").code == 0
    before = dump(db_path)
    assert run("import", "--from", "jira-csv", UGV, "--dry-run").code == 0
    assert dump(db_path) == before


def test_board_key_taken_is_refused(run: Run) -> None:
    assert run("import", "--from", "jira-csv", UGV, "--as", "ugv").code == 0
    taken = run("import", "--from", "jira-csv", UGV, "--as", "UGV")
    assert (taken.code, taken.error) == (
        1,
        "error: A board with key UGV exists already: give another with --as KEY.",
    )


def test_date_format_reads_other_dates(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "iso.csv"
    path.write_text(
        "Summary,Issue key,Status,Created,Due date\r\n"
        "Ship,AB-1,To Do,03.02.2026 09:15,04.03.2026 00:00\r\n",
        encoding="utf-8-sig",
    )
    plain = run("import", "--from", "jira-csv", str(path), "--dry-run")
    assert "does not fit the date format" in plain.out
    fitted = run(
        "import", "--from", "jira-csv", str(path), "--date-format", "%d.%m.%Y %H:%M", "--as", "AB"
    )
    assert fitted.code == 0, fitted.err
    assert "  due dates: 1" in fitted.out
    assert run("card", "list", "--board", "AB", "--json").json()[0]["due"] == "2026-03-04"


def test_a_file_that_is_no_jira_export_is_refused(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "other.csv"
    path.write_text("a,b\n1,2\n", encoding="utf-8")
    result = run("import", "--from", "jira-csv", str(path))
    assert result.code == 2
    assert result.error.startswith("error: The file has no Summary or Issue key column")


@pytest.mark.parametrize(
    ("source", "what"),
    [("trello", "a Trello export"), ("kanban", "a kanban export")],
)
def test_date_format_is_refused_for_other_sources_and_changes_nothing(
    run: Run, db_path: Path, source: str, what: str
) -> None:
    trello = str(FIXTURES / "trello_nextcloud_deck_minimal.json")
    refused = run("import", "--from", source, trello, "--date-format", "%d.%m.%Y")
    assert (refused.code, refused.error) == (
        2,
        f"error: --date-format applies only to --from jira-csv, not to {what}.",
    )
    assert not db_path.exists()
    assert run("board", "create", "WEB", "Website").code == 0
    before = dump(db_path)
    again = run("import", "--from", source, trello, "--date-format", "%d.%m.%Y")
    assert again.code == 2
    assert dump(db_path) == before


def test_comments_keep_their_author_and_date(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "cloud.csv"
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle).writerows(
            [
                ["Summary", "Issue key", "Assignee", "Assignee Id", "Comment", "Comment"],
                [
                    "Ship",
                    "AB-1",
                    "Ann Lee",
                    "557058:f5813",
                    "15/Feb/26 4:37 PM;557058:f5813;Looks good; ship it",
                    "16/Feb/26 9:05 AM;jsmith;Server user",
                ],
            ]
        )
    result = run("import", "--from", "jira-csv", str(path), "--as", "AB")
    assert result.code == 0, result.err
    assert "  comments: 2" in result.out.splitlines()
    shown = run("card", "show", "AB-1").out
    assert "ann.lee" in shown and "Looks good; ship it" in shown and "jsmith" in shown
    assert "557058" not in shown


def test_an_imported_completed_sprint_shows_in_velocity_and_later_changes_stay_out(
    run: Run,
) -> None:
    small = str(FIXTURES / "jira_matinkhajavi_small_2025.csv")  # 5 done issues, 1 sprint
    assert run("import", "--from", "jira-csv", small, "--as", "SC").code == 0
    chart = run("sprint", "velocity", "--board", "SC", "--json").json()
    assert [sprint["name"] for sprint in chart["sprints"]] == ["SCRUM Sprint 1"]
    report = run("sprint", "report", "1", "--board", "SC", "--json").json()
    assert (report["committed_count"], report["completed_count"]) == (5, 5)
    assert (report["start"], report["state"]) == ("2025-10-12", "completed")  # 14 days
    before = run("sprint", "burndown", "1", "--board", "SC", "--json").json()
    assert run("card", "edit", "SC-1", "--points", "5").code == 0
    assert run("card", "move", "SC-1", "To Do").code == 0
    after = run("sprint", "burndown", "1", "--board", "SC", "--json").json()
    assert after == before  # a year later, the card's changes are not the sprint's
    assert run("sprint", "report", "1", "--board", "SC", "--json").json() == report


def test_the_help_gives_examples_and_the_default_date_format(run: Run) -> None:
    result = run("import", "--help")
    assert result.code == 0
    shown = " ".join(result.out.split())
    assert "kanban import --from trello board.json" in shown
    assert "kanban import --from jira-csv Jira.csv" in shown
    assert "--from says what FILE is" in shown
    assert "15/Feb/26 4:37 PM (%d/%b/%y %I:%M %p)" in shown


def test_a_nonsense_date_format_is_refused_before_anything(run: Run, db_path: Path) -> None:
    refused = run("import", "--from", "jira-csv", UGV, "--date-format", "hello")
    assert refused.code == 2
    assert refused.error.startswith("error: --date-format 'hello' has no % directive;")
    assert not db_path.exists()


def test_a_date_format_that_fits_no_date_is_refused_naming_one(run: Run, db_path: Path) -> None:
    refused = run("import", "--from", "jira-csv", UGV, "--date-format", "%d.%m.%Y")
    assert refused.code == 2
    assert refused.error == (
        "error: The date format '%d.%m.%Y' fits none of the file's dates, such as "
        "'08/Sep/21 5:10 AM' (Created of UGV-31); give the format they are written in "
        "with --date-format."
    )
    assert not db_path.exists()


def test_undo_after_importing_a_completed_sprint_meets_the_import(run: Run) -> None:
    small = str(FIXTURES / "jira_matinkhajavi_small_2025.csv")  # 1 completed sprint
    assert run("import", "--from", "jira-csv", small, "--as", "SC").code == 0
    undone = run("undo", "--board", "SC")
    assert undone.code == 1
    assert "completing" not in undone.error
    assert undone.error.startswith("error: Nothing to undo")
