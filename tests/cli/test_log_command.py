"""``kanban log``: who did what, newest first, as text and as JSON."""

from __future__ import annotations

import pytest
from cli_helpers import Run

pytestmark = [pytest.mark.both_engines, pytest.mark.usefixtures("cli_db")]
"""Each test runs on a database file and on a PostgreSQL server (tests/conftest.py)."""


def history(web: Run) -> None:
    assert web("card", "add", "Fix the login redirect", "--points", "3").code == 0
    assert web("card", "move", "WEB-1", "Review").code == 0
    assert web("card", "edit", "WEB-1", "--points", "5").code == 0
    assert web("card", "add", "Other card").code == 0


def test_text_lines_say_when_who_and_what(web: Run) -> None:
    history(web)
    result = web("log")
    assert result.code == 0 and result.err == ""
    lines = result.out.splitlines()
    assert lines[0].split() == ["WHEN", "WHO", "WHAT"]
    # Tests run in UTC at the real clock: the newest event comes first.
    assert lines[1].endswith("alice  created WEB-2 in To Do: Other card")
    assert lines[2].endswith("changed WEB-1: points 3 → 5")
    assert lines[3].endswith("moved WEB-1 from To Do to Review")
    assert lines[4].endswith("created WEB-1 in To Do: Fix the login redirect")
    assert lines[5].endswith("created the board WEB: Website")
    assert len(lines) == 6
    assert lines[1][:4].isdigit() and lines[1][10] == " "  # 2026-11-25 09:30


def test_one_cards_history_and_the_limit(web: Run) -> None:
    history(web)
    card = web("log", "--card", "web-1").out.splitlines()
    assert [line.split("alice  ")[1] for line in card[1:]] == [
        "changed WEB-1: points 3 → 5",
        "moved WEB-1 from To Do to Review",
        "created WEB-1 in To Do: Fix the login redirect",
    ]
    assert len(web("log", "--limit", "2").out.splitlines()) == 3


def test_json_shape(web: Run) -> None:
    history(web)
    events = web("log", "--card", "WEB-1", "--json").json()
    assert [event["action"] for event in events] == ["edited", "moved", "created"]
    moved = events[1]
    assert set(moved) == {"id", "at", "actor", "entity", "key", "action", "data", "text"}
    assert moved["actor"] == "alice" and moved["entity"] == "card" and moved["key"] == "WEB-1"
    assert moved["data"] == {"before": "To Do", "after": "Review"}
    assert moved["text"] == "moved WEB-1 from To Do to Review"
    assert moved["at"].endswith("Z") and moved["at"][10] == "T"
    assert events[0]["id"] > events[1]["id"] > events[2]["id"]
    assert web("log", "--card", "WEB-1", "--json", "--limit", "1").json() == events[:1]


def test_a_forced_move_and_a_risk_link_are_in_the_cards_history(web: Run) -> None:
    assert web("column", "wip", "Review", "1").code == 0
    assert web("card", "add", "Filler", "--column", "Review").code == 0
    assert web("card", "add", "Hot").code == 0
    assert web("card", "move", "WEB-2", "Review", "--force", "--reason", "release").code == 0
    assert web("risk", "add", "Outage", "-p", "3", "-i", "4").code == 0
    assert web("risk", "link", "WEB-R1", "WEB-2").code == 0
    texts = [event["text"] for event in web("log", "--card", "WEB-2", "--json").json()]
    assert texts == [
        "linked WEB-2 to the risk WEB-R1",
        "moved WEB-2 from To Do to Review (forced over the WIP limit of Review, 2 of 1: release)",
        "created WEB-2 in To Do: Hot",
    ]
    risk = web("log", "--card", "WEB-R1", "--json").json()
    assert [event["action"] for event in risk] == ["linked", "created"]


def test_a_deleted_card_keeps_its_history(web: Run) -> None:
    assert web("card", "add", "Gone soon").code == 0
    assert web("card", "rm", "WEB-1").code == 0
    texts = [event["text"] for event in web("log", "--card", "WEB-1", "--json").json()]
    assert texts == ["deleted WEB-1 from To Do: Gone soon", "created WEB-1 in To Do: Gone soon"]


def test_user_text_is_escaped(web: Run) -> None:
    assert web("card", "add", "evil \x1b[2J title").code == 0
    result = web("log", "--limit", "1")
    assert "\x1b" not in result.out and "\\x1b[2J" in result.out
    assert "\x1b" not in web("log", "--json").out


def test_refusals(web: Run) -> None:
    empty = web("log", "--card", "WEB-1")
    assert empty.code == 1 and empty.error == "error: No card WEB-1."
    assert web("log", "--limit", "0").code == 2
    assert "The event limit must be a whole number 1-1000000000" in web("log", "--limit", "x").error
    # The bound of `card list --limit`, not a lower one of its own.
    assert web("log", "--limit", "1000001").code == 0
    over = web("log", "--limit", "1000000001")
    assert over.code == 2 and "between 1 and 1000000000 (got 1000000001)" in over.error
    bad = web("log", "--card", "nonsense")
    assert bad.code == 2 and "card key such as WEB-12" in bad.error
    other = web("log", "--card", "WEB-1", "--board", "OPS")
    assert other.code == 2 and "belongs to board WEB" in other.error
    assert web("log", "--card", "OPS-1").code == 1  # no such board


def test_no_events_about_a_risk_yet_is_said_on_stderr(web: Run) -> None:
    assert web("risk", "add", "Outage", "-p", "3", "-i", "4").code == 0
    assert web("log", "--card", "WEB-R1").code == 0
    none = web("log", "--card", "WEB-R2")
    assert (none.code, none.out) == (0, "")
    assert none.err == "No events about WEB-R2 yet.\n"
    assert web("log", "--card", "WEB-R2", "--json").out == "[]\n"
