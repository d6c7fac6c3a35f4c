"""Reading a Jira CSV export and fitting it to this product's rules (pure)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kanban_tui.domain.errors import InvalidInput
from kanban_tui.domain.import_plan import BoardPlan
from kanban_tui.domain.import_summary import Tally
from kanban_tui.domain.jira_csv import parse_csv, parse_date
from kanban_tui.domain.jira_fields import labels
from kanban_tui.domain.jira_plan import plan_export
from kanban_tui.domain.model import CardType, Category, Priority

NOW = datetime(2026, 2, 1, tzinfo=UTC)
HEAD = "Summary,Issue key,Issue Type,Status,Priority,Labels,Labels,Sprint,Sprint,Story Points"


def plan(text: str) -> BoardPlan:
    return plan_export(parse_csv(text), key="AB", taken=(), now=NOW)


def test_repeated_headers_are_lists_and_a_bom_and_crlf_are_fine() -> None:
    text = f"\ufeff{HEAD}\r\nShip it,AB-4,Story,Doing,High,ui,Big Thing,S1,S2,3.0\r\n"
    export = parse_csv(text)
    issue = export.issues[0]
    assert issue.all("Labels") == ["ui", "Big Thing"]
    assert issue.sprints == ["S1", "S2"]
    card = plan(text).cards[0]
    assert (card.number, card.type, card.priority, card.points) == (
        4,
        CardType.STORY,
        Priority.HIGH,
        3,
    )
    assert card.labels == ("ui", "big-thing")
    assert card.description == "from AB-4"


def test_story_points_from_whichever_header_holds_them() -> None:
    text = (
        "Summary,Issue key,Custom field (Story Points),Custom field (Story point estimate)\n"
        "A,AB-1,,5\nB,AB-2,2,\n"
    )
    assert [card.points for card in plan(text).cards] == [5, 2]


def test_columns_go_todo_in_progress_done_first_seen_within_each_category() -> None:
    text = (
        "Summary,Issue key,Status,Status Category\n"
        "A,AB-1,Review,In Progress\nB,AB-2,Shipped,Done\nC,AB-3,Backlog,To Do\n"
        "D,AB-4,Doing,In Progress\nE,AB-5,Ready,To Do\nF,AB-6,Review,In Progress\n"
    )
    made = plan(text)
    assert [(c.name, c.category) for c in made.columns] == [
        ("Backlog", Category.TODO),
        ("Ready", Category.TODO),
        ("Review", Category.IN_PROGRESS),
        ("Doing", Category.IN_PROGRESS),
        ("Shipped", Category.DONE),
    ]
    names = [made.columns[card.column].name for card in made.cards]
    assert names == ["Review", "Shipped", "Backlog", "Doing", "Ready", "Review"]
    assert "not in the order the file first shows them" in made.summary.skipped["columns"][0]


def test_a_status_without_category_goes_by_its_name_else_in_progress() -> None:
    # "Blocked" is an in-progress name (boards.IN_PROGRESS_NAMES); an unknown one is too.
    text = "Summary,Issue key,Status\nA,AB-1,Blocked\nB,AB-2,Done\nC,AB-3,Parked\nD,AB-4,Open\n"
    assert [(c.name, c.category) for c in plan(text).columns] == [
        ("Open", Category.TODO),
        ("Blocked", Category.IN_PROGRESS),
        ("Parked", Category.IN_PROGRESS),
        ("Done", Category.DONE),
    ]


def test_without_status_category_the_name_says_and_todo_and_done_are_added() -> None:
    columns = plan("Summary,Issue key,Status\nA,AB-1,Doing\n").columns
    assert [c.category for c in columns] == [Category.TODO, Category.IN_PROGRESS, Category.DONE]


def test_last_sprint_is_current_and_an_all_done_sprint_is_completed() -> None:
    text = (
        "Summary,Issue key,Status,Status Category,Sprint,Sprint\n"
        "A,AB-1,Done,Done,S1,\nB,AB-2,Open,To Do,S1,S2\n"
    )
    made = plan(text)
    assert [(s.name, s.completed) for s in made.sprints] == [("S1", True), ("S2", False)]
    assert [card.sprint for card in made.cards] == [0, 1]


def test_unknown_priority_is_none_and_counted() -> None:
    made = plan("Summary,Issue key,Priority\nA,AB-1,Whenever\nB,AB-2,Lowest\n")
    assert [card.priority for card in made.cards] == [Priority.NONE, Priority.NONE]
    assert made.summary.skipped["priority"] == [
        "1 card: the priority 'Whenever' is not known: none"
    ]


def test_parent_id_becomes_the_parent_key_line() -> None:
    text = "Summary,Issue key,Issue id,Parent id\nEpic,AB-1,100,\nSub,AB-2,101,100\n"
    assert plan(text).cards[1].description == "from AB-2\nparent AB-1"


def test_dates_default_format_and_a_given_one() -> None:
    assert parse_date("15/Feb/26 4:37 PM", None) == datetime(2026, 2, 15, 16, 37)
    assert parse_date("15.02.2026", "%d.%m.%Y") == datetime(2026, 2, 15)
    assert parse_date("15.02.2026", None) is None


@pytest.mark.parametrize("text", ["", "a,b\n1,2\n"])
def test_other_files_are_refused(text: str) -> None:
    with pytest.raises(InvalidInput):
        parse_csv(text)


@given(st.lists(st.text(min_size=1, max_size=40), min_size=1, max_size=6))
def test_any_summaries_plan_valid_cards(summaries: list[str]) -> None:
    lines = ["Summary,Issue key"]
    lines += ['"' + s.replace('"', '""') + f'",AB-{n}' for n, s in enumerate(summaries, 1)]
    made = plan("\r\n".join(lines) + "\r\n")
    assert made.summary.counts["cards"] == len(made.cards) <= len(summaries)
    assert all(card.title and "\n" not in card.title for card in made.cards)


def test_a_long_sprint_name_is_cut_to_a_valid_one() -> None:
    made = plan(f"Summary,Issue key,Sprint\nA,AB-1,{'S' * 100}\n")
    assert len(made.sprints[0].name) == 80 and made.sprints[0].name.endswith("…")


def test_the_boards_project_keeps_its_numbers_and_others_follow_oldest_first() -> None:
    text = (
        "Summary,Issue key,Created\n"
        "A,AB-31,03/Feb/26 9:00 AM\n"
        "B,XY-3,02/Feb/26 9:00 AM\n"
        "C,AB-2,01/Feb/26 9:00 AM\n"
        "D,XY-31,01/Jan/26 9:00 AM\n"
        "E,AB-3,\n"
        "F,XY-1,02/Feb/26 9:00 AM\n"
    )
    made = plan_export(parse_csv(text), key=None, taken=(), now=NOW)
    assert made.key == "AB"  # the project most issues belong to; a tie: the first seen
    numbers = {card.description.split()[1]: card.number for card in made.cards}
    # AB's issues keep theirs; the others come after 31, oldest first (then by Jira number)
    assert numbers == {"AB-31": 31, "AB-2": 2, "AB-3": 3, "XY-31": 32, "XY-1": 33, "XY-3": 34}
    assert made.summary.skipped["numbers"] == [
        "3 issues whose key is not AB-n (or its number is taken) (XY-31, XY-1, XY-3) became "
        "AB-32 to AB-34, oldest first, after the highest kept number; each card's "
        "description starts with its Jira key (from KEY-n)"
    ]


def test_a_card_key_is_never_another_jira_issues_key() -> None:
    text = "Summary,Issue key\nA,XY-2\nB,AB-7\nC,XY-1\nD,XY-5\n"
    made = plan_export(parse_csv(text), key=None, taken=(), now=NOW)
    assert made.key == "XY"  # the project most issues belong to
    for card in made.cards:
        jira = card.description.split()[1]
        if jira.startswith("XY-"):
            assert jira == f"XY-{card.number}"
        else:
            assert card.number not in (1, 2, 5)
    renamed = plan_export(parse_csv(text), key="AB", taken=(), now=NOW)
    assert [card.number for card in renamed.cards] == [9, 7, 8, 10]  # AB-7 is AB-7 still


def test_a_repeated_issue_is_imported_once_and_said() -> None:
    made = plan("Summary,Issue key\nFirst,AB-1\nOther,AB-2\nAgain,AB-1\n")
    assert [(card.number, card.title) for card in made.cards] == [(1, "First"), (2, "Other")]
    assert made.summary.skipped["issues"] == [
        "1 row repeating an issue key skipped: the first row of each issue is imported"
    ]


def test_every_column_not_imported_is_named() -> None:
    extra = [f"Custom field (F{n})" for n in range(12)]
    made = plan("Summary,Issue key," + ",".join(extra) + "\nA,AB-1" + "," * 12 + "\n")
    assert made.summary.skipped["columns not imported"] == ["12: " + ", ".join(extra)]


def test_points_left_out_name_their_issues() -> None:
    rows = "".join(f"T{n},AB-{n},{n}.5\n" for n in range(1, 8))
    made = plan("Summary,Issue key,Story Points\n" + rows)
    assert made.summary.skipped["points"] == [
        "7 cards (AB-1, AB-2, AB-3, AB-4, AB-5 and 2 more): story points not a whole "
        "number 0-100 left out"
    ]


def test_rows_with_missing_fields_are_said_and_a_cut_off_file_is_refused() -> None:
    made = plan("Summary,Issue key,Status\nA,AB-1,Done\nB,AB-2\nC,AB-3,Done\n")
    assert len(made.cards) == 3
    assert made.summary.skipped["rows"] == [
        "1 row with fewer fields than the header (line 3): the missing fields read as empty"
    ]
    cut = 'Summary,Issue key,Description\nA,AB-1,"two\nlines"\nB,AB-2,"cut off he'
    with pytest.raises(
        InvalidInput, match="ends inside a quoted field of the row that starts on line 4"
    ):
        parse_csv(cut)


def test_a_date_format_without_directive_or_fitting_no_date_is_refused() -> None:
    text = "Summary,Issue key,Created\nA,AB-1,15/Feb/26 4:37 PM\n"
    with pytest.raises(InvalidInput, match="'hello' has no % directive"):
        plan_export(parse_csv(text), key="AB", taken=(), now=NOW, date_format="hello")
    with pytest.raises(InvalidInput) as refused:
        plan_export(parse_csv(text), key="AB", taken=(), now=NOW, date_format="%d.%m.%Y")
    assert str(refused.value) == (
        "The date format '%d.%m.%Y' fits none of the file's dates, such as "
        "'15/Feb/26 4:37 PM' (Created of AB-1); give the format they are written in "
        "with --date-format."
    )
    fitting = plan_export(
        parse_csv(text), key="AB", taken=(), now=NOW, date_format="%d/%b/%y %I:%M %p"
    )
    assert fitting.cards[0].created_at == datetime(2026, 2, 15, 16, 37, tzinfo=UTC)


def test_a_jira_label_of_nothing_but_hashes_is_left_out_and_said() -> None:
    tally = Tally()
    assert labels(["#", "#ux"], tally) == ("ux",)
    said = [sentence for _what, sentence in tally.seen]
    assert "the label '#' left out: no letter of it makes one" in said
