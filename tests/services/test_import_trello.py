"""Importing the real Trello exports of ../shared/fixtures/imports, counted against the files."""

from __future__ import annotations

import json
from typing import Any

import pytest
import storehelp
from import_fixtures import FIXTURES, needs_fixtures

from kanban_tui.domain.errors import InvalidInput, RuleViolation
from kanban_tui.services import Context, import_writer
from kanban_tui.services.boards import create_board
from kanban_tui.services.comments import comments
from kanban_tui.services.import_trello import import_trello

pytestmark = needs_fixtures

BOARDS = [
    "trello_andrej1c_howgoesit.json",
    "trello_gocd_testdrive_large.json",
    "trello_miyamae_clipkit.json",
    "trello_nextcloud_deck_minimal.json",
    "trello_tekken_notes_2025.json",
]


def load(name: str) -> Any:
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


def rows(ctx: Context, sql: str, *params: object) -> list[tuple[Any, ...]]:
    return storehelp.raw(ctx.db.path, sql, *params)


def dump(ctx: Context) -> list[str]:
    return storehelp.dump(ctx.db.path)


def expected(data: dict[str, Any]) -> dict[str, Any]:
    """What the file holds, counted here with code of its own."""
    closed_lists = {item["id"] for item in data["lists"] if item["closed"]}
    open_lists = sorted(
        (item for item in data["lists"] if not item["closed"]), key=lambda i: i["pos"]
    )
    label_texts = {}
    for label in data.get("labels", []) + [
        lab for c in data["cards"] for lab in c.get("labels", [])
    ]:
        label_texts[label["id"]] = label["name"] or label["color"]
    used = {label_texts[i] for c in data["cards"] for i in c["idLabels"] if label_texts.get(i)}
    usernames = {member["id"]: member["username"] for member in data["members"]}
    firsts = [
        next((usernames[m] for m in c["idMembers"] if m in usernames), None) for c in data["cards"]
    ]
    card_ids = {c["id"] for c in data["cards"]}
    return {
        # Commas separate columns in lists: a list's comma becomes a semicolon.
        "lists": [item["name"].replace(",", ";") for item in open_lists],
        "cards": len(data["cards"]),
        "archived": sum(c["closed"] or c["idList"] in closed_lists for c in data["cards"]),
        "labels": {text.lower().replace(" ", "-") for text in used},
        "assigned": sum(first is not None for first in firsts),
        "people": {first.lower() for first in firsts if first},
        "comments": sum(
            a["type"] == "commentCard" and a["data"]["card"]["id"] in card_ids
            for a in data["actions"]
        ),
    }


@pytest.mark.parametrize("name", BOARDS)
def test_each_real_board_imports_as_the_file_says(ctx: Context, name: str) -> None:
    data = load(name)
    want = expected(data)
    summary = import_trello(ctx, data)
    board = rows(ctx, "select id, name from board where key = ?", summary.board_key)
    assert board == [(1, data["name"])]
    columns = [n for (n,) in rows(ctx, "select name from board_column order by position")]
    assert columns[: len(want["lists"])] == want["lists"] or columns[1:] == want["lists"]
    assert rows(ctx, "select count(*), sum(case when archived then 1 else 0 end) from card") == [
        (want["cards"], want["archived"])
    ]
    stored = {label for (text,) in rows(ctx, "select labels from card") for label in text.split()}
    assert stored == want["labels"]
    assignees = rows(ctx, "select assignee from card where assignee is not null")
    assert len(assignees) == want["assigned"]
    assert {who for (who,) in assignees} == want["people"]
    assert rows(ctx, "select count(*) from comment") == [(want["comments"],)]
    counts = summary.counts
    assert (counts["cards"], counts["archived"], counts["comments"]) == (
        want["cards"],
        want["archived"],
        want["comments"],
    )
    assert rows(ctx, "select action from event") == [("imported",)]


def test_the_large_gocd_board_has_78_of_122_cards_archived(ctx: Context) -> None:
    summary = import_trello(ctx, load("trello_gocd_testdrive_large.json"))
    assert (summary.counts["cards"], summary.counts["archived"]) == (122, 78)
    assert summary.board_key == "TD"
    assert rows(ctx, "select category from board_column order by position") == [
        ("todo",),
        ("todo",),
        ("in_progress",),
        ("in_progress",),
        ("in_progress",),
        ("done",),
    ]
    assert any("12 archived lists" in line for line in summary.skipped["lists"])
    assert any("1,000 actions" in line for line in summary.skipped["comments"])


def test_comments_keep_their_author_and_date(ctx: Context) -> None:
    data = load("trello_andrej1c_howgoesit.json")
    first = next(a for a in reversed(data["actions"]) if a["type"] == "commentCard")
    import_trello(ctx, data)
    number = next(c["idShort"] for c in data["cards"] if c["id"] == first["data"]["card"]["id"])
    found = comments(ctx, f"HGIPB-{number}")
    assert (found[0].author, found[0].text) == (
        first["memberCreator"]["username"],
        first["data"]["text"],
    )
    assert found[0].at.isoformat()[:19] == first["date"][:19]


def test_checklists_of_the_2025_export_are_lines_of_the_description(ctx: Context) -> None:
    data = load("trello_tekken_notes_2025.json")
    import_trello(ctx, data)
    items = sum(len(checklist["checkItems"]) for checklist in data["checklists"])
    descriptions = [text for (text,) in rows(ctx, "select description from card")]
    lines = [line for text in descriptions for line in text.splitlines()]
    assert sum(line.startswith(("- [x] ", "- [ ] ")) for line in lines) == items


def test_the_single_card_export_is_refused_and_changes_nothing(ctx: Context) -> None:
    before = dump(ctx)
    with pytest.raises(InvalidInput, match="single card, not of a board"):
        import_trello(ctx, load("trello_single_card_export_2026.json"))
    assert dump(ctx) == before


def test_a_broken_file_changes_nothing(ctx: Context) -> None:
    data = load("trello_andrej1c_howgoesit.json")
    data["cards"][17]["idList"] = "no such list"
    create_board(ctx, "WEB", "Website")
    before = dump(ctx)
    with pytest.raises(InvalidInput, match=r"^cards\[17\]: its list"):
        import_trello(ctx, data)
    assert dump(ctx) == before


def test_a_failure_part_way_through_the_write_changes_nothing(
    ctx: Context, monkeypatch: pytest.MonkeyPatch
) -> None:
    create_board(ctx, "WEB", "Website")
    before = dump(ctx)

    def failing(done: int, total: int) -> None:
        if done:  # the cards written, the comments and the event not yet
            raise RuntimeError("disk gone")

    with import_writer.reporting(failing), pytest.raises(RuntimeError):
        import_trello(ctx, load("trello_gocd_testdrive_large.json"))
    assert dump(ctx) == before


def test_a_taken_key_is_refused_and_a_derived_one_made_unique(ctx: Context) -> None:
    create_board(ctx, "TD", "Taken")
    with pytest.raises(RuleViolation, match="key TD exists already"):
        import_trello(ctx, load("trello_gocd_testdrive_large.json"), key="td")
    summary = import_trello(ctx, load("trello_gocd_testdrive_large.json"))
    assert summary.board_key == "TD2"


def test_a_dry_run_writes_nothing_and_says_the_same(ctx: Context) -> None:
    create_board(ctx, "WEB", "Website")
    before = dump(ctx)
    data = load("trello_miyamae_clipkit.json")
    preview = import_trello(ctx, data, dry_run=True)
    assert dump(ctx) == before
    assert preview.dry_run
    done = import_trello(ctx, data)
    assert (preview.counts, preview.skipped) == (done.counts, done.skipped)
