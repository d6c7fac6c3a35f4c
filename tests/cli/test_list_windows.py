"""``--limit`` and ``--offset`` on ``card list`` and ``log``: a script pages
through a long list; a bad value is one sentence."""

from __future__ import annotations

import json

import pytest
from cli_helpers import Run

pytestmark = [pytest.mark.both_engines, pytest.mark.usefixtures("cli_db")]


@pytest.fixture
def five(web: Run) -> Run:
    for title in ("One", "Two", "Three", "Four", "Five"):
        assert web("card", "add", title).code == 0
    return web


def test_card_list_pages_in_rank_order(five: Run) -> None:
    every = five("card", "list", "--json").json()
    assert [card["key"] for card in every] == [f"WEB-{n}" for n in range(1, 6)]
    page = five("card", "list", "--json", "--limit", "2", "--offset", "2")
    assert page.json() == every[2:4]
    # The array is written as it always was: one object per line.
    assert page.out == "[\n" + ",\n".join("  " + json.dumps(c) for c in every[2:4]) + "\n]\n"
    assert five("card", "list", "--json", "--offset", "5").out == "[]\n"
    text = five("card", "list", "--limit", "1", "--offset", "4").out.splitlines()
    assert [line.split()[0] for line in text] == ["KEY", "WEB-5"]


def test_log_pages_newest_first(five: Run) -> None:
    every = five("log", "--json").json()
    assert len(every) == 6  # the board and five cards
    assert five("log", "--json", "--limit", "2", "--offset", "1").json() == every[1:3]
    assert five("log", "--json", "--offset", "6").out == "[]\n"
    assert len(five("log", "--offset", "4").out.splitlines()) == 3  # header and two


@pytest.mark.parametrize(
    ("argv", "sentence"),
    [
        (
            ("card", "list", "--limit", "0"),
            "The card limit must be between 1 and 1000000000 (got 0).",
        ),
        (
            ("card", "list", "--json", "--offset", "-1"),
            "The offset must be between 0 and 1000000000 (got -1).",
        ),
        (("log", "--offset", "x"), "The offset must be a whole number 0-1000000000 (got 'x')."),
    ],
)
def test_a_bad_window_is_one_sentence(five: Run, argv: tuple[str, ...], sentence: str) -> None:
    result = five(*argv)
    assert (result.code, result.out, result.err) == (2, "", f"error: {sentence}\n")


def test_an_unknown_card_is_still_named_in_json(five: Run) -> None:
    result = five("log", "--card", "WEB-99", "--json")
    assert (result.code, result.out, result.err) == (1, "", "error: No card WEB-99.\n")


def test_the_plain_list_reads_only_its_window(five: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    """``card list --limit 10`` on 100,000 cards read them all to print ten."""
    from kanban_tui.storage import repo

    built: list[int] = []
    query_cards = repo.query_cards

    def counted(*args, **kwargs):
        found = query_cards(*args, **kwargs)
        built.append(len(found))
        return found

    monkeypatch.setattr(repo, "query_cards", counted)
    text = five("card", "list", "--limit", "2", "--offset", "1").out.splitlines()
    assert [line.split()[0] for line in text] == ["KEY", "WEB-2", "WEB-3"]
    assert built == [2]
