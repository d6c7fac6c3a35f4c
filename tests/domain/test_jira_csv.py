"""Reading a Jira CSV export and fitting it to this product's rules (pure)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kanban_tui.domain.errors import InvalidInput
from kanban_tui.domain.import_plan import BoardPlan
from kanban_tui.domain.jira_csv import parse_csv, parse_date
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


def test_statuses_are_columns_in_first_seen_order_by_status_category() -> None:
    text = (
        "Summary,Issue key,Status,Status Category\n"
        "A,AB-1,Review,In Progress\nB,AB-2,Backlog,To Do\n"
        "C,AB-3,Shipped,Done\nD,AB-4,Review,In Progress\n"
    )
    columns = plan(text).columns
    assert [(c.name, c.category) for c in columns] == [
        ("Review", Category.IN_PROGRESS),
        ("Backlog", Category.TODO),
        ("Shipped", Category.DONE),
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
