"""One person is one name on the command line: KANBAN_USER, --assignee, --owner."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from cli_helpers import Run, dump

ZERO_WIDTH_BOB = (
    "error: KANBAN_USER must be visible text: it contains the invisible character "
    "U+200B ZERO WIDTH SPACE (got 'bob\\u200b')."
)


@pytest.mark.parametrize(
    "argv",
    [
        ["card", "list"],
        ["card", "add", "x"],
        ["card", "move", "WEB-1", "Done"],
        ["risk", "list"],
        ["log"],
        ["board", "create", "OPS", "Ops"],
        ["backup", "COPY"],  # COPY: a file in tmp_path
        [],  # the TUI
    ],
)
def test_a_bad_kanban_user_stops_every_command(
    web: Run, db_path: Path, monkeypatch: pytest.MonkeyPatch, argv: list[str]
) -> None:
    web("card", "add", "x")
    before = dump(db_path)
    copy = db_path.with_name("copy.db")
    monkeypatch.setenv("KANBAN_USER", "bob\u200b")
    result = web(*[str(copy) if arg == "COPY" else arg for arg in argv])
    assert (result.code, result.out, result.error) == (2, "", ZERO_WIDTH_BOB)
    assert dump(db_path) == before
    assert not copy.exists()


def test_a_bad_kanban_user_creates_no_file(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KANBAN_USER", "b" * 65)
    path = tmp_path / "new.db"
    result = run("board", "create", "WEB", "Website", "--db", str(path))
    assert (result.code, result.error) == (
        2,
        "error: KANBAN_USER must be at most 64 characters (got 65).",
    )
    assert not path.exists()


def test_a_bad_kanban_user_in_a_real_process(db_path: Path) -> None:
    """``KANBAN_USER=$'bob\\u200b' kanban card list``, as a shell runs it."""
    env = {**os.environ, "KANBAN_USER": "bob\u200b"}
    result = subprocess.run(
        [sys.executable, "-m", "kanban_tui", "card", "list"],
        capture_output=True,
        text=True,
        env=env,
        stdin=subprocess.DEVNULL,
    )
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == ZERO_WIDTH_BOB + "\n"


def test_kanban_user_is_written_in_canonical_form(
    web: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KANBAN_USER", " ＢＯＢ ")
    web("card", "add", "Fix the login")
    web("risk", "add", "Outage", "-p", "3", "-i", "4")
    assert web("log", "--json").json()[0]["actor"] == "bob"
    assert web("risk", "show", "WEB-R1", "--json").json()["owner"] == "bob"


def test_card_list_assignee_matches_any_spelling_of_the_name(web: Run) -> None:
    web("card", "add", "one", "--assignee", "bob")
    web("card", "add", "two", "--assignee", "Bob")
    web("card", "add", "three", "--assignee", "ＢＯＢ")
    web("card", "add", "four", "--assignee", "carol")
    for spelling in ("BOB", "bob", "@Bob", " ｂｏｂ "):
        found = web("card", "list", "--assignee", spelling, "--json").json()
        assert [card["key"] for card in found] == ["WEB-1", "WEB-2", "WEB-3"], spelling
        assert {card["assignee"] for card in found} == {"bob"}
    text = web("card", "list", "--assignee", "BOB").out
    assert "WEB-1" in text and "WEB-4" not in text
    backlog = web("card", "list", "--assignee", "BOB", "--sprint", "backlog", "--json").json()
    assert [card["key"] for card in backlog] == ["WEB-1", "WEB-2", "WEB-3"]


def test_risk_list_owner_matches_any_spelling_of_the_name(web: Run) -> None:
    web("risk", "add", "Outage", "-p", "3", "-i", "4", "--owner", "Alice")
    web("risk", "add", "Churn", "-p", "2", "-i", "2", "--owner", "dana")
    found = web("risk", "list", "--owner", "ALICE", "--json").json()
    assert [(risk["key"], risk["owner"]) for risk in found] == [("WEB-R1", "alice")]


def test_a_bad_assignee_is_one_line_and_changes_nothing(web: Run, db_path: Path) -> None:
    before = dump(db_path)
    result = web("card", "add", "x", "--assignee", "bob\u202e")
    assert (result.code, result.error) == (
        2,
        "error: Assignee must not change the text direction: it contains the bidi control "
        "U+202E RIGHT-TO-LEFT OVERRIDE (got 'bob\\u202e').",
    )
    assert dump(db_path) == before


def test_me_means_the_person_acting(web: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KANBAN_USER", "dana")
    assert web("card", "add", "Mine", "--assignee", "me").code == 0
    assert web("card", "add", "Also mine", "--assignee", "@ME").code == 0
    assert web("card", "add", "Bob's", "--assignee", "bob").code == 0
    mine = web("card", "list", "--assignee", "@me", "--json").json()
    assert [(card["title"], card["assignee"]) for card in mine] == [
        ("Mine", "dana"),
        ("Also mine", "dana"),
    ]
    assert web("risk", "add", "R", "--probability", "2", "--impact", "2", "--owner", "me").code == 0
    assert web("risk", "list", "--owner", "me", "--json").json()[0]["owner"] == "dana"


@pytest.mark.parametrize("word", ["me", "none", "NONE", "@me"])
def test_kanban_user_cannot_be_a_word_of_the_name_fields(
    web: Run, monkeypatch: pytest.MonkeyPatch, word: str
) -> None:
    monkeypatch.setenv("KANBAN_USER", word)
    result = web("card", "list")
    assert result.code == 2
    assert "KANBAN_USER cannot be" in result.error


def test_an_invisible_filler_cannot_dodge_the_per_person_limit(web: Run) -> None:
    assert web("board", "person-wip", "1").code == 0
    assert web("card", "add", "One", "--assignee", "bob", "--column", "In Progress").code == 0
    assert web("card", "add", "Two", "--column", "In Progress").code == 0
    result = web("card", "edit", "WEB-2", "--assignee", "bob\u3164")
    assert result.code == 2
    assert "invisible character U+3164 HANGUL FILLER" in result.error
