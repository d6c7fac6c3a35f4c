"""Risk scoring, severity bands, the 1-5 scales, field checks, heat map, order."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kanban_tui.domain import risk_fields
from kanban_tui.domain import risks as rules
from kanban_tui.domain.errors import InvalidInput
from kanban_tui.domain.model import Event
from kanban_tui.domain.risks import (
    Mitigation,
    Response,
    Risk,
    RiskCategory,
    RiskStatus,
    Severity,
)

TODAY = date(2026, 11, 25)
ratings = st.integers(min_value=1, max_value=5)


def refusal(call, *args) -> str:
    with pytest.raises(InvalidInput) as caught:
        call(*args)
    message = caught.value.message
    assert caught.value.exit_code == 2
    assert (message[:1].isupper() or message[:1] == "'") and message.endswith(".")
    assert "\n" not in message
    return message


def make(number: int = 1, p: int = 3, i: int = 3, **fields) -> Risk:
    return Risk(id=number, board_key="WEB", number=number, title=f"Risk {number}", probability=p,
                impact=i, owner="alice", **fields)  # fmt: skip


# --- scoring and bands -------------------------------------------------------

EXPECTED_BANDS = {
    1: "low", 2: "low", 3: "low", 4: "low",
    5: "medium", 6: "medium", 8: "medium", 9: "medium",
    10: "high", 12: "high", 15: "high",
    16: "critical", 20: "critical", 25: "critical",
}  # fmt: skip


@pytest.mark.parametrize("p", range(1, 6))
@pytest.mark.parametrize("i", range(1, 6))
def test_every_cell_scores_p_times_i_in_its_band(p: int, i: int) -> None:
    risk = make(p=p, i=i)
    assert risk.score == p * i
    assert risk.severity.value == EXPECTED_BANDS[p * i]


@pytest.mark.parametrize(
    ("value", "band"),
    [(1, Severity.LOW), (4, Severity.LOW), (5, Severity.MEDIUM), (9, Severity.MEDIUM),
     (10, Severity.HIGH), (15, Severity.HIGH), (16, Severity.CRITICAL), (25, Severity.CRITICAL)],
)  # fmt: skip
def test_band_edges(value: int, band: Severity) -> None:
    assert rules.severity(value) is band


@pytest.mark.parametrize("value", [0, 26, -1])
def test_a_score_outside_1_to_25_is_refused(value: int) -> None:
    assert refusal(rules.severity, value) == f"A risk score is 1-25 (got {value})."


@given(ratings, ratings)
def test_severity_never_falls_as_a_rating_rises(p: int, i: int) -> None:
    order = list(Severity)
    here = order.index(rules.severity(p * i))
    if p < 5:
        assert order.index(rules.severity((p + 1) * i)) >= here
    if i < 5:
        assert order.index(rules.severity(p * (i + 1))) >= here


def test_a_residual_score_above_the_inherent_one_is_refused() -> None:
    same = {"probability": 3, "impact": 3, "residual_probability": 3, "residual_impact": 3}
    risk_fields.check(same)  # equal is fine: a response that changed nothing
    risk_fields.check({**same, "residual_probability": 1})
    assert refusal(risk_fields.check, {**same, "residual_probability": 4}) == (
        "The residual score (12) cannot be above the inherent score (9): "
        "it is what is left after the response."
    )


def test_residual_score_needs_both_ratings() -> None:
    assert make(p=4, i=5).residual_score is None
    assert make(p=4, i=5).residual_severity is None
    risk = make(p=4, i=5, residual_probability=2, residual_impact=3)
    assert (risk.score, risk.residual_score, risk.residual_severity) == (20, 6, Severity.MEDIUM)


# --- the 1-5 scales ----------------------------------------------------------


@pytest.mark.parametrize("n", range(1, 6))
def test_probability_and_impact_take_the_number_or_the_word(n: int) -> None:
    p_word, i_word = rules.PROBABILITY_WORDS[n - 1], rules.IMPACT_WORDS[n - 1]
    for value in (n, str(n), p_word, f" {p_word} ", p_word.upper(), p_word.replace(" ", "_")):
        assert rules.probability(value) == n
    for value in (n, str(n), i_word, i_word.title()):
        assert rules.impact(value) == n
    assert rules.probability_word(n) == p_word and rules.impact_word(n) == i_word


def test_almost_certain_in_any_spelling() -> None:
    for value in ("almost certain", "Almost Certain", "almost-certain", "almost_certain"):
        assert rules.probability(value) == 5


@given(st.integers().filter(lambda n: not 1 <= n <= 5))
def test_a_rating_outside_1_to_5_is_refused(n: int) -> None:
    assert refusal(rules.probability, n) == (
        f"Probability must be 1-5 or one of rare, unlikely, possible, likely, almost certain "
        f"(got {n})."
    )
    assert refusal(rules.impact, str(n) if n >= 0 else n) == (
        f"Impact must be 1-5 or one of negligible, minor, moderate, major, severe (got {n})."
    )


@pytest.mark.parametrize("value", ["huge", "", "3.5", "²", "likely!", 2.0, True, None])
def test_a_rating_that_is_not_a_number_or_word_is_refused(value) -> None:
    message = refusal(rules.probability, value)
    assert message.startswith("Probability must be 1-5 or one of rare, unlikely,")
    assert f"(got {value!r})." in message


def test_words_of_the_other_scale_are_refused() -> None:
    assert "(got 'severe')" in refusal(rules.probability, "severe")
    assert "(got 'likely')" in refusal(rules.impact, "likely")


# --- field checks --------------------------------------------------------------


def test_clean_accepts_every_field() -> None:
    cleaned = risk_fields.clean(
        {
            "title": " Payment outage ",
            "description": "cause, event, effect\n",
            "category": "Security",
            "probability": "likely",
            "impact": 5,
            "residual_probability": "rare",
            "residual_impact": "none",
            "owner": "@bob",
            "response": "TRANSFER",
            "mitigation": "m",
            "contingency": "c",
            "trigger": "t",
            "status": "mitigating",
            "review_on": "2026-12-01",
        }
    )
    assert cleaned["title"] == "Payment outage"
    assert cleaned["category"] is RiskCategory.SECURITY
    assert (cleaned["probability"], cleaned["impact"]) == (4, 5)
    assert (cleaned["residual_probability"], cleaned["residual_impact"]) == (1, None)
    assert cleaned["owner"] == "bob"
    assert cleaned["response"] is Response.TRANSFER
    assert cleaned["status"] is RiskStatus.MITIGATING
    assert cleaned["review_on"] == date(2026, 12, 1)
    assert set(cleaned) == set(risk_fields.FIELDS)


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("category", "weather",
         "Unknown category 'weather': use one of technical, schedule, budget, scope, resource, "
         "security, compliance, external."),
        ("response", "ignore",
         "Unknown response 'ignore': use one of avoid, mitigate, transfer, accept."),
        ("status", "done", "Unknown status 'done': use one of open, mitigating, closed, occurred."),
        ("review_on", "2026-13-01", "Review date must be a date as YYYY-MM-DD (got '2026-13-01')."),
        ("review_on", "next week", "Review date must be a date as YYYY-MM-DD (got 'next week')."),
        ("review_on", "20261201", "Review date must be a date as YYYY-MM-DD (got '20261201')."),
        ("residual_probability", 0,
         "Residual probability must be 1-5 or one of rare, unlikely, possible, likely, "
         "almost certain (got 0)."),
        ("residual_impact", "huge",
         "Residual impact must be 1-5 or one of negligible, minor, moderate, major, severe "
         "(got 'huge')."),
        ("title", "  ", "Title must not be empty."),
        ("title", "two\nlines", "Title must be one line."),
        ("owner", "", "A risk has exactly one owner: give one user name of 1-64 characters "
         "without spaces or commas (got '')."),
        ("owner", None, "A risk has exactly one owner: give one user name of 1-64 characters "
         "without spaces or commas (got None)."),
        ("owner", "bob, chen",
         "Risk owner must be one user name without spaces or commas (got 'bob, chen')."),
        ("owner", "b" * 65, "Risk owner must be at most 64 characters (got 65)."),
        ("owner", "bob\u202e", "Risk owner must not change the text direction: it contains "
         "the bidi control U+202E RIGHT-TO-LEFT OVERRIDE (got 'bob\\u202e')."),
        ("mitigation", "x" * 10_001, "Mitigation must be at most 10000 characters (got 10001)."),
        ("colour", "red",
         "Unknown risk field 'colour': use one of title, description, category, probability, "
         "impact, residual_probability, residual_impact, owner, response, mitigation, "
         "contingency, trigger, status, review_on."),
    ],
)  # fmt: skip
def test_every_refusal_is_one_sentence(field: str, value, message: str) -> None:
    assert refusal(risk_fields.clean, {field: value}) == message
    if field in risk_fields.EDITABLE:
        assert risk_fields.field_errors({"title": "fine", "impact": 2, field: value}) == {
            field: message
        }


def test_review_date_may_be_none_or_a_date() -> None:
    assert risk_fields.review_on(None) is None
    assert risk_fields.review_on(" none ") is None
    assert risk_fields.review_on("") is None
    assert risk_fields.review_on(date(2026, 1, 2)) == date(2026, 1, 2)


def test_residual_ratings_go_together() -> None:
    risk_fields.check({"residual_probability": None, "residual_impact": None})
    risk_fields.check({"residual_probability": 2, "residual_impact": 3})
    for pair in ((2, None), (None, 3)):
        values = {"residual_probability": pair[0], "residual_impact": pair[1]}
        assert refusal(risk_fields.check, values) == (
            "Residual probability and residual impact go together: give both or neither."
        )


@pytest.mark.parametrize(
    ("text", "parsed"), [("WEB-R3", ("WEB", 3)), (" web-r12 ", ("WEB", 12)), ("A1-R1", ("A1", 1))]
)
def test_risk_keys(text: str, parsed: tuple[str, int]) -> None:
    assert rules.parse_risk_key(text) == parsed
    assert make(number=parsed[1]).key == f"WEB-R{parsed[1]}"


@pytest.mark.parametrize("text", ["WEB-3", "WEB-R", "R3", "WEB R3", ""])
def test_a_card_key_or_garbage_is_not_a_risk_key(text: str) -> None:
    assert refusal(rules.parse_risk_key, text) == f"{text!r} is not a risk key such as WEB-R3."


# --- overdue -------------------------------------------------------------------


@pytest.mark.parametrize("status", list(RiskStatus))
@pytest.mark.parametrize("days", [-1, 0, 1, None])
def test_overdue_is_a_passed_review_date_on_a_risk_not_closed(status, days) -> None:
    review = None if days is None else TODAY + timedelta(days=days)
    risk = make(status=status, review_on=review)
    expected = days == -1 and status is not RiskStatus.CLOSED
    assert risk.overdue(TODAY) is expected
    assert rules.is_overdue(review, status.value, TODAY) is expected


# --- heat map and cell filter ----------------------------------------------------


cells = st.lists(st.tuples(ratings, ratings), max_size=40)


@given(cells)
def test_heat_map_counts_each_risk_once_in_its_cell(pairs) -> None:
    risks = [make(number=n + 1, p=p, i=i) for n, (p, i) in enumerate(pairs)]
    grid = rules.heat_map(risks)
    assert len(grid) == 5 and all(len(row) == 5 for row in grid)
    assert sum(map(sum, grid)) == len(risks)
    for p in range(1, 6):
        for i in range(1, 6):
            chosen = rules.in_cell(risks, p, i)
            assert grid[p - 1][i - 1] == len(chosen) == pairs.count((p, i))
            assert all(risk.cell() == (p, i) for risk in chosen)


def test_heat_map_rows_are_probability_and_columns_impact() -> None:
    grid = rules.heat_map([make(p=5, i=1), make(p=5, i=1), make(p=1, i=4)])
    assert grid[4][0] == 2 and grid[0][3] == 1 and grid[0][4] == 0


def test_residual_heat_map_uses_residual_cells_or_inherent_when_not_assessed() -> None:
    assessed = make(1, p=5, i=5, residual_probability=2, residual_impact=3)
    unassessed = make(2, p=4, i=4)
    grid = rules.heat_map([assessed, unassessed], residual=True)
    assert grid[1][2] == 1 and grid[3][3] == 1 and grid[4][4] == 0
    assert rules.in_cell([assessed, unassessed], 2, 3, residual=True) == [assessed]
    assert rules.in_cell([assessed, unassessed], 5, 5) == [assessed]


# --- order -----------------------------------------------------------------------


def test_sort_highest_score_first_then_nearest_review_then_key() -> None:
    soon, later = TODAY, TODAY + timedelta(days=7)
    a = make(number=10, p=2, i=3, review_on=later)
    b = make(number=2, p=3, i=2, review_on=soon)
    c = make(number=3, p=3, i=2)
    d = make(number=1, p=3, i=2)
    e = make(number=4, p=5, i=5)
    f = make(number=9, p=1, i=1, review_on=soon)
    assert [r.number for r in rules.sort_risks([f, a, b, c, d, e])] == [4, 2, 10, 1, 3, 9]


@given(st.lists(st.tuples(ratings, ratings, st.none() | st.integers(-30, 30)), max_size=30))
def test_sort_is_by_score_and_independent_of_input_order(rows) -> None:
    risks = [
        make(number=n + 1, p=p, i=i, review_on=None if d is None else TODAY + timedelta(days=d))
        for n, (p, i, d) in enumerate(rows)
    ]
    ordered = rules.sort_risks(risks)
    scores = [risk.score for risk in ordered]
    assert scores == sorted(scores, reverse=True)
    assert rules.sort_risks(reversed(risks)) == ordered


# --- mitigation and history ---------------------------------------------------------


def test_mitigation_is_complete_only_when_every_linked_card_is_done() -> None:
    assert not Mitigation(()).complete
    assert not Mitigation((("WEB-1", True), ("WEB-2", False))).complete
    done = Mitigation((("WEB-1", True), ("WEB-2", True)))
    assert (done.total, done.done, done.complete) == (2, 2, True)
    assert not make().mitigation_done
    assert make(cards=("WEB-1", "WEB-2"), cards_done=2).mitigation_done
    assert not make(cards=("WEB-1", "WEB-2"), cards_done=1).mitigation_done


def test_score_history_replays_created_and_rating_edits_only() -> None:
    from datetime import UTC, datetime

    def event(n: int, action: str, **data) -> Event:
        at = datetime(2026, 11, n, tzinfo=UTC)
        return Event(id=n, at=at, actor="bob", entity="risk", key="WEB-R1", action=action,
                     data=data)  # fmt: skip

    history = rules.score_history(
        [
            event(
                1,
                "created",
                probability=4,
                impact=5,
                residual_probability=None,
                residual_impact=None,
            ),  # fmt: skip
            event(2, "edited", title={"before": "a", "after": "b"}),
            event(3, "edited", probability={"before": 4, "after": 3}),
            event(4, "status", before="open", after="mitigating"),
            event(
                5,
                "edited",
                residual_probability={"before": None, "after": 2},
                residual_impact={"before": None, "after": 2},
            ),  # fmt: skip
        ]
    )
    assert [(p.at.day, p.score, p.residual_score) for p in history] == [
        (1, 20, None),
        (3, 15, None),
        (5, 15, 4),
    ]
    assert history[0].severity is Severity.CRITICAL and history[1].severity is Severity.HIGH
