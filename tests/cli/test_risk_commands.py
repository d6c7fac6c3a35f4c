"""kanban risk ...: add, edit, list, show, link, mitigate, and the refusals."""

from __future__ import annotations

import shutil
from datetime import date, timedelta
from pathlib import Path

import pytest
from cli_helpers import Run, dump

from kanban_tui.__main__ import main

RISK_KEYS = [
    "key", "board", "title", "description", "category", "probability", "impact",
    "score", "severity", "residual_probability", "residual_impact", "residual_score",
    "residual_severity", "owner", "response", "mitigation", "contingency", "trigger",
    "status", "review_on", "overdue", "cards", "cards_done", "created_at", "updated_at",
]  # fmt: skip

PAST = (date.today() - timedelta(days=3)).isoformat()
FUTURE = (date.today() + timedelta(days=10)).isoformat()


def full_add(run: Run) -> str:
    return run(
        "risk", "add", "Payment provider outage",
        "--probability", "likely", "--impact", "5",
        "--owner", "@bob", "--category", "External", "--response", "transfer",
        "--mitigation", "Second provider", "--review-on", FUTURE,
        "--description", "Cause: one provider.\nEffect: no orders.",
        "--contingency", "Take orders by invoice", "--trigger", "Errors above 2%",
        "--residual-probability", "2", "--residual-impact", "minor",
    ).out  # fmt: skip


def test_add_with_every_field_and_show_json(web: Run) -> None:
    assert full_add(web) == "WEB-R1\n"
    risk = web("risk", "show", "WEB-R1", "--json").json()
    assert list(risk) == RISK_KEYS
    assert risk == risk | {
        "key": "WEB-R1",
        "board": "WEB",
        "title": "Payment provider outage",
        "description": "Cause: one provider.\nEffect: no orders.",
        "category": "external",
        "probability": 4,
        "impact": 5,
        "score": 20,
        "severity": "critical",
        "residual_probability": 2,
        "residual_impact": 2,
        "residual_score": 4,
        "residual_severity": "low",
        "owner": "bob",
        "response": "transfer",
        "mitigation": "Second provider",
        "contingency": "Take orders by invoice",
        "trigger": "Errors above 2%",
        "status": "open",
        "review_on": FUTURE,
        "overdue": False,
        "cards": [],
        "cards_done": 0,
    }
    assert risk["created_at"].endswith("Z") and risk["updated_at"].endswith("Z")


def test_add_defaults(web: Run) -> None:
    assert web("risk", "add", "Key person leaves", "-p", "2", "-i", "3").out == "WEB-R1\n"
    risk = web("risk", "show", "web-r1", "--json").json()
    assert risk == risk | {
        "owner": "alice",  # $KANBAN_USER
        "category": "technical",
        "response": "mitigate",
        "status": "open",
        "review_on": None,
        "residual_probability": None,
        "residual_score": None,
        "residual_severity": None,
        "description": "",
        "mitigation": "",
        "score": 6,
        "severity": "medium",
    }


def test_list_is_sorted_by_score_and_filters(web: Run) -> None:
    web("risk", "add", "Low", "-p", "1", "-i", "2", "--owner", "bob")
    web("risk", "add", "High", "-p", "3", "-i", "4", "--review-on", PAST)
    web("risk", "add", "Critical", "-p", "5", "-i", "4", "--owner", "bob")
    web("risk", "edit", "WEB-R3", "--status", "mitigating")
    listed = web("risk", "list", "--json").json()
    assert [(r["key"], r["score"], r["severity"]) for r in listed] == [
        ("WEB-R3", 20, "critical"),
        ("WEB-R2", 12, "high"),
        ("WEB-R1", 2, "low"),
    ]
    assert all(list(risk) == RISK_KEYS for risk in listed)
    assert [r["key"] for r in web("risk", "list", "--owner", "bob", "--json").json()] == [
        "WEB-R3",
        "WEB-R1",
    ]
    assert [r["key"] for r in web("risk", "list", "--status", "open", "--json").json()] == [
        "WEB-R2",
        "WEB-R1",
    ]
    assert web("risk", "list", "--status", "closed", "--json").out == "[]\n"
    assert web("risk", "list", "--status", "closed").err == "No risks on WEB match.\n"
    assert web("risk", "list").out.splitlines() == [
        "KEY     SCORE  SEVERITY  STATUS      OWNER  REVIEW       TITLE",
        "WEB-R3     20  critical  mitigating  bob    -            Critical",
        f"WEB-R2     12  high      open        alice  {PAST}!  High",
        "WEB-R1      2  low       open        bob    -            Low",
        "",
        "! WEB-R2 is overdue for review.",
    ]


def test_list_empty(web: Run) -> None:
    result = web("risk", "list")
    assert (result.code, result.out) == (0, "")
    assert result.err.startswith("No risks on WEB yet: add one with `kanban risk add")
    assert web("risk", "list", "--json").out == "[]\n"


def test_edit_every_field_and_the_status(web: Run) -> None:
    web("risk", "add", "Outage", "-p", "2", "-i", "2", "--review-on", PAST)
    changed = web(
        "risk", "edit", "WEB-R1",
        "--title", "Provider outage", "--probability", "4", "--impact", "major",
        "--owner", "dana", "--category", "security", "--response", "avoid",
        "--description", "why", "--mitigation", "plan", "--contingency", "fallback",
        "--trigger", "alarm", "--review-on", FUTURE,
        "--residual-probability", "1", "--residual-impact", "1", "--status", "mitigating",
    )  # fmt: skip
    assert changed.out == (
        "WEB-R1: title Outage -> Provider outage; category technical -> security; "
        "probability 2 -> 4; impact 2 -> 4; score 4 -> 16; severity low -> critical; "
        "residual probability none -> 1; residual impact none -> 1; residual score none -> 1; "
        "owner alice -> dana; response mitigate -> avoid; status open -> mitigating; "
        f"review on {PAST} -> {FUTURE}; description changed; mitigation changed; "
        "contingency changed; trigger changed.\n"
    )
    risk = web("risk", "show", "WEB-R1", "--json").json()
    assert risk == risk | {
        "title": "Provider outage",
        "probability": 4,
        "impact": 4,
        "owner": "dana",
        "category": "security",
        "response": "avoid",
        "description": "why",
        "mitigation": "plan",
        "contingency": "fallback",
        "trigger": "alarm",
        "review_on": FUTURE,
        "residual_score": 1,
        "status": "mitigating",
    }
    assert web("risk", "edit", "WEB-R1", "--status", "closed").out == (
        "WEB-R1: status mitigating -> closed.\n"
    )
    assert web("risk", "edit", "WEB-R1", "--status", "closed").out == "WEB-R1: nothing changed.\n"
    cleared = web(
        "risk", "edit", "WEB-R1", "--review-on", "none",
        "--residual-probability", "none", "--residual-impact", "none",
    )  # fmt: skip
    assert cleared.out == (
        "WEB-R1: residual probability 1 -> none; residual impact 1 -> none; "
        f"residual score 1 -> none; review on {FUTURE} -> none.\n"
    )


def test_show_human_lists_every_field(web: Run) -> None:
    full_add(web)
    web("card", "add", "Second provider", "--column", "Done")
    web("risk", "link", "WEB-R1", "WEB-1")
    lines = web("risk", "show", "WEB-R1").out.splitlines()
    assert lines[:12] == [
        "WEB-R1  Payment provider outage",
        "",
        "  score      20 critical: probability 4 (likely) x impact 5 (severe)",
        "  residual   4 low: probability 2 (unlikely) x impact 2 (minor)",
        "  category   external",
        "  owner      bob",
        "  response   transfer",
        "  status     open",
        f"  review on  {FUTURE}",
        "  cards      1 of 1 done",
        "             WEB-1  Done  Second provider",
        lines[11],
    ]
    assert lines[11].startswith("  created    ")
    assert lines[12].startswith("  updated    ") and lines[12].endswith(" by alice")
    assert lines[13:] == [
        "",
        "  Description",
        "    Cause: one provider.",
        "    Effect: no orders.",
        "",
        "  Mitigation",
        "    Second provider",
        "",
        "  Contingency",
        "    Take orders by invoice",
        "",
        "  Trigger",
        "    Errors above 2%",
    ]


def test_overdue_review_shows(web: Run) -> None:
    web("risk", "add", "Late", "-p", "3", "-i", "3", "--review-on", PAST)
    assert f"  review on  {PAST} (overdue)" in web("risk", "show", "WEB-R1").out
    assert web("risk", "show", "WEB-R1", "--json").json()["overdue"] is True
    web("risk", "edit", "WEB-R1", "--status", "closed")
    assert web("risk", "show", "WEB-R1", "--json").json()["overdue"] is False


def test_link_unlink_and_mitigate(web: Run) -> None:
    web("risk", "add", "Outage", "-p", "4", "-i", "4", "--owner", "dana", "--mitigation", "Plan B")
    web("card", "add", "Existing work")
    assert web("risk", "link", "WEB-R1", "web-1").out == (
        "Linked WEB-1 to WEB-R1 as mitigation work (0 of 1 linked cards done).\n"
    )
    assert web("risk", "link", "WEB-R1", "WEB-1").out == (
        "WEB-1 is linked to WEB-R1 already (0 of 1 linked cards done).\n"
    )
    key = web("risk", "mitigate", "WEB-R1").out
    assert key == "WEB-2\n"
    card = web("card", "show", "WEB-2", "--json").json()
    assert card == card | {
        "title": "Mitigate WEB-R1: Outage",
        "assignee": "dana",
        "labels": ["risk"],
        "priority": "urgent",  # critical risk
        "sprint": None,
        "column": "To Do",
        "description": "Plan B\n\nMitigation work for risk WEB-R1.",
    }
    assert web("risk", "mitigate", "WEB-R1", "--title", "Load test").out == "WEB-3\n"
    web("card", "move", "WEB-3", "Done")
    risk = web("risk", "show", "WEB-R1", "--json").json()
    assert (risk["cards"], risk["cards_done"]) == (["WEB-1", "WEB-2", "WEB-3"], 1)
    assert web("risk", "unlink", "WEB-R1", "WEB-1").out == (
        "Unlinked WEB-1 from WEB-R1; the card stays (2 linked left).\n"
    )
    assert web("card", "show", "WEB-1", "--json").code == 0
    assert web("risk", "show", "WEB-R1", "--json").json()["cards"] == ["WEB-2", "WEB-3"]


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """WEB with risk WEB-R1 (3 x 3, residual 2 x 2) and card WEB-1, not linked."""
    path = tmp_path_factory.mktemp("risks") / "risks.db"
    commands = [
        ["board", "create", "WEB", "Website"],
        ["risk", "add", "Outage", "-p", "3", "-i", "3", "--residual-probability", "2",
         "--residual-impact", "2"],
        ["card", "add", "Work"],
    ]  # fmt: skip
    for argv in commands:
        assert main([*argv, "--db", str(path)]) == 0, argv
    return path


@pytest.fixture
def risky(run: Run, template: Path, db_path: Path) -> Run:
    shutil.copyfile(template, db_path)
    return run


PROBABILITY = "Probability must be 1-5 or one of rare, unlikely, possible, likely, almost certain"

BAD = [
    (["risk", "add", "x", "-p", "0", "-i", "3"], 2, f"error: {PROBABILITY} (got 0)."),
    (["risk", "add", "x", "-p", "6", "-i", "3"], 2, f"error: {PROBABILITY} (got 6)."),
    (["risk", "add", "x", "-p", "often", "-i", "3"], 2, f"error: {PROBABILITY} (got 'often')."),
    (["risk", "add", "x", "-p", "3", "-i", "0"], 2, "error: Impact must be 1-5 or one of"),
    (["risk", "add", "x", "-p", "3", "-i", "likely"], 2, "Impact must be 1-5"),
    (["risk", "add", "x", "-p", "3", "-i", "3", "--category", "weather"], 2,
     "error: Unknown category 'weather': use one of technical, schedule, budget, scope, "
     "resource, security, compliance, external."),
    (["risk", "add", "x", "-p", "3", "-i", "3", "--response", "ignore"], 2,
     "error: Unknown response 'ignore': use one of avoid, mitigate, transfer, accept."),
    (["risk", "add", "x", "-p", "3", "-i", "3", "--review-on", "tomorrow"], 2,
     "error: Review date must be a date as YYYY-MM-DD (got 'tomorrow')."),
    (["risk", "add", "x", "-p", "3", "-i", "3", "--review-on", "2026-02-30"], 2,
     "error: Review date must be a date as YYYY-MM-DD (got '2026-02-30')."),
    (["risk", "add", "x", "-p", "3", "-i", "3", "--owner", "a b"], 2, "without spaces"),
    (["risk", "add", "x", "-p", "3", "-i", "3", "--residual-probability", "2"], 2,
     "Residual probability and residual impact go together"),
    (["risk", "add", "", "-p", "3", "-i", "3"], 2, "error: Title must not be empty."),
    (["risk", "add", "x", "-p", "3"], 2, "the following arguments are required: -i/--impact"),
    (["risk", "edit", "WEB-R1", "--probability", "0"], 2, PROBABILITY),
    (["risk", "edit", "WEB-R1", "--status", "done"], 2,
     "error: Unknown status 'done': use one of open, mitigating, closed, occurred."),
    (["risk", "edit", "WEB-R1", "--residual-impact", "none"], 2, "go together"),
    (["risk", "add", "x", "-p", "2", "-i", "2", "--residual-probability", "3",
      "--residual-impact", "3"], 2,
     "error: The residual score (9) cannot be above the inherent score (4): "
     "it is what is left after the response."),
    (["risk", "edit", "WEB-R1", "--residual-probability", "5"], 2,
     "error: The residual score (10) cannot be above the inherent score (9)"),
    (["risk", "edit", "WEB-R1", "--probability", "1"], 2,
     "error: The residual score (4) cannot be above the inherent score (3)"),
    (["risk", "edit", "WEB-R1", "--review-on", "soon", "--status", "closed"], 2,
     "Review date must be a date"),
    (["risk", "edit", "WEB-R1"], 2, "risk edit needs at least one change"),
    (["risk", "edit", "WEB-R9", "--status", "closed"], 1, "error: No risk WEB-R9."),
    (["risk", "show", "WEB-R9"], 1, "error: No risk WEB-R9."),
    (["risk", "show", "R1"], 2, "error: 'R1' is not a risk key such as WEB-R3."),
    (["risk", "show", "WEB-R1", "--board", "OPS"], 2, "WEB-R1 is a risk of board WEB, not of OPS"),
    (["risk", "list", "--status", "nope"], 2, "error: Unknown status 'nope'"),
    (["risk", "list", "--owner", "a b"], 2, "without spaces"),
    (["risk", "link", "WEB-R1", "WEB-9"], 1, "error: No card WEB-9."),
    (["risk", "link", "WEB-R1", "OPS-1"], 1, "OPS-1 is on board OPS; a risk of WEB links only"),
    (["risk", "unlink", "WEB-R1", "WEB-1"], 1, "error: WEB-1 is not linked to WEB-R1."),
    (["risk", "mitigate", "WEB-R9"], 1, "error: No risk WEB-R9."),
    (["risk", "mitigate", "WEB-R1", "--title", ""], 2, "error: Title must not be empty."),
    (["risk"], 2, "kanban risk needs an action: add, edit, list, show, link, unlink, mitigate"),
]  # fmt: skip


@pytest.mark.parametrize(("argv", "code", "message"), BAD, ids=[" ".join(b[0]) for b in BAD])
def test_bad_input_is_one_line_and_changes_nothing(
    risky: Run, db_path: Path, argv: list[str], code: int, message: str
) -> None:
    before = dump(db_path)
    result = risky(*argv)
    assert result.code == code, result.err
    assert message in result.error
    assert result.out == ""
    assert dump(db_path) == before
