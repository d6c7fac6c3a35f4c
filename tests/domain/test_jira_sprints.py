"""The sprints of a Jira CSV export: their order, states, dates and frozen reports (pure)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from kanban_tui.domain import sprints as rules
from kanban_tui.domain.import_plan import BoardPlan
from kanban_tui.domain.import_summary import Tally
from kanban_tui.domain.jira_csv import parse_csv
from kanban_tui.domain.jira_fields import comments
from kanban_tui.domain.jira_plan import plan_export
from kanban_tui.domain.jira_sprints import number_in

NOW = datetime(2026, 3, 1, tzinfo=UTC)
HEAD = "Summary,Issue key,Status,Status Category,Created,Resolved,Story Points,Sprint,Sprint\n"


def plan(text: str) -> BoardPlan:
    return plan_export(parse_csv(text), key="AB", taken=(), now=NOW)


@pytest.mark.parametrize(
    ("name", "number"),
    [
        ("Sprint 4 — Build, Polish & Rep", 4),
        ("RETAIL Sprint 12", 12),
        ("OL69 Sprint 1", 1),
        ("Iteration 7", 7),
        ("Backlog grooming", None),
    ],
)
def test_the_number_in_a_sprint_name(name: str, number: int | None) -> None:
    assert number_in(name) == number


def test_sprints_go_by_the_number_in_their_names_not_the_file_order() -> None:
    made = plan(
        HEAD + "A,AB-1,Open,To Do,,,,Sprint 4,\n"
        "B,AB-2,Open,To Do,,,,Sprint 10,\n"
        "C,AB-3,Open,To Do,,,,Sprint 3,\n"
    )
    assert [sprint.name for sprint in made.sprints] == ["Sprint 3", "Sprint 4", "Sprint 10"]
    assert [card.sprint for card in made.cards] == [1, 2, 0]
    assert (
        "3 sprints ordered by the number in their names, not in the order the file lists them"
        in made.summary.skipped["sprints"]
    )


def test_without_distinct_numbers_sprints_go_by_their_earliest_created_issue() -> None:
    made = plan(
        HEAD + "A,AB-1,Open,To Do,03/Feb/26 9:00 AM,,,UGV Sprint 1,\n"
        "B,AB-2,Open,To Do,02/Feb/26 9:00 AM,,,FT Sprint 1,\n"
        "C,AB-3,Open,To Do,01/Feb/26 9:00 AM,,,Planning,\n"
    )
    assert [sprint.name for sprint in made.sprints] == ["Planning", "FT Sprint 1", "UGV Sprint 1"]
    assert any("earliest Created" in line for line in made.summary.skipped["sprints"])


def test_a_completed_sprint_gets_dates_and_the_report_completion_freezes() -> None:
    made = plan(
        HEAD + "A,AB-1,Done,Done,02/Feb/26 9:00 AM,09/Feb/26 5:30 PM,3,Sprint 1,\n"
        "B,AB-2,Done,Done,03/Feb/26 9:00 AM,05/Feb/26 1:00 PM,2,Sprint 1,\n"
        "C,AB-3,Open,To Do,04/Feb/26 9:00 AM,,5,Sprint 1,Sprint 2\n"
    )
    first, second = made.sprints
    assert (first.completed, second.completed) == (True, False)
    # ends on its last resolution, lasts a default sprint (14 days)
    assert (first.start, first.end) == (date(2026, 1, 27), date(2026, 2, 9))
    assert first.started_at == datetime(2026, 1, 27, tzinfo=UTC)
    assert first.completed_at == datetime(2026, 2, 9, 17, 30, tzinfo=UTC)
    rules.check_dates(first.start, first.end)
    report = first.report
    assert report is not None
    assert report.committed == ("AB-1", "AB-2", "AB-3")
    assert (report.completed, report.carried_over) == (("AB-1", "AB-2"), ("AB-3",))
    assert (report.committed_points, report.completed_points, report.carried_over_points) == (
        10,
        5,
        5,
    )
    assert report.completed_on == report.end == date(2026, 2, 9)
    assert [item.key for item in first.committed] == list(report.committed)
    assert made.cards[0].done_at == first.completed_at  # done when Jira resolved it
    assert (second.start, second.report) == (None, None)  # planned: no dates, no report
    assert made.summary.skipped["sprint dates"] == [
        "1 completed sprint: dates inferred, as the export has none (each ends on the latest "
        "Resolved date of its done issues and lasts 14 days, after the previous one)"
    ]


def test_inferred_sprints_last_the_default_length_one_after_the_other() -> None:
    made = plan(
        HEAD + "A,AB-1,Done,Done,01/Jan/26 9:00 AM,20/Feb/26 9:00 AM,,Sprint 1,\n"
        "B,AB-2,Done,Done,19/Feb/26 9:00 AM,25/Feb/26 10:00 AM,,Sprint 2,\n"
    )
    first, second = made.sprints
    assert (first.start, first.end) == (date(2026, 2, 7), date(2026, 2, 20))
    assert first.start is not None and first.end is not None
    assert rules.days(first.start, first.end) == rules.DEFAULT_DAYS
    # the next completed sprint starts the day after the previous one ended
    assert (second.start, second.end) == (date(2026, 2, 21), date(2026, 2, 25))


def test_no_sprint_is_made_active() -> None:
    made = plan(HEAD + "A,AB-1,Doing,In Progress,,,,Sprint 1,\n")
    assert not made.sprints[0].completed and made.sprints[0].report is None
    assert any("none made active" in line for line in made.summary.skipped["sprints"])


def test_a_cloud_comment_keeps_its_date_and_its_author_by_display_name() -> None:
    made = plan(
        "Summary,Issue key,Assignee,Assignee Id,Comment,Comment\n"
        'A,AB-1,Ann Lee,557058:f5813,"15/Feb/26 4:37 PM;557058:f5813;Looks good; ship it",'
        '"16/Feb/26 9:05 AM;jsmith;Server user"\n'
    )
    first, second = made.cards[0].comments
    assert (first.author, first.at, first.text) == (
        "ann.lee",
        datetime(2026, 2, 15, 16, 37, tzinfo=UTC),
        "Looks good; ship it",
    )
    assert (second.author, second.at) == ("jsmith", datetime(2026, 2, 16, 9, 5, tzinfo=UTC))


def test_a_comment_whose_date_does_not_fit_is_kept_whole_and_counted() -> None:
    tally = Tally()
    created = datetime(2026, 2, 1, tzinfo=UTC)
    (made,) = comments(["2026.02.15;ann;Hello"], None, created, tally)
    assert (made.author, made.at, made.text) == ("unknown", created, "2026.02.15;ann;Hello")
    assert list(tally.seen) == [
        (
            "comments",
            "a comment whose date does not fit the date format kept whole, "
            "dated as its issue (see --date-format)",
        )
    ]
