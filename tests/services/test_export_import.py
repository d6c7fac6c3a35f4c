"""The export document (docs/export.md) and importing it back in one transaction."""

from __future__ import annotations

import copy
import json
import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from kanban_tui.domain.errors import InvalidInput, RuleViolation
from kanban_tui.domain.model import Board
from kanban_tui.services import Context, archive, boards, comments, export, importer, undo
from kanban_tui.services import cards as card_services
from kanban_tui.storage.database import Database


def dump(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


@pytest.fixture
def empty(tmp_path: Path) -> Iterator[Context]:
    """A second, empty database to import into."""
    database = Database.open(tmp_path / "empty.db", create=True)
    yield Context(database, actor="bob", clock=lambda: datetime(2030, 1, 1, tzinfo=UTC))
    database.close()


@pytest.fixture
def lived_in(ctx: Context, demo_board: Board) -> Board:
    """The demo with what it lacks: a comment, an archived card, an undo, a person limit."""
    comments.add_comment(ctx, "WEB-21", "Looks good | *ship it*")
    archive.archive_cards(ctx, "WEB", ["WEB-1"])
    card_services.edit_card(ctx, "WEB-30", {"points": 5})
    undo.undo_last(ctx, "WEB")
    boards.set_person_wip_limit(ctx, "WEB", 2)
    return demo_board


def test_the_document_has_its_header_and_every_part(ctx: Context, lived_in: Board) -> None:
    data = export.export_data(ctx)
    assert (data["format"], data["version"]) == ("kanban-export", 1)
    (board,) = data["boards"]
    assert board["key"] == "WEB" and board["person_wip_limit"] == 2
    assert [column["name"] for column in board["columns"]] == [
        "To Do",
        "In Progress",
        "Review",
        "Done",
    ]
    cards = {card["key"]: card for card in board["cards"]}
    assert cards["WEB-1"]["archived"] is True
    assert cards["WEB-21"]["comments"] == [
        {
            "card": "WEB-21",
            "author": "alice",
            "at": "2026-11-25T09:30:00Z",
            "text": "Looks good | *ship it*",
        }
    ]
    assert [card["key"] for card in board["cards"]][:3] == ["WEB-1", "WEB-2", "WEB-3"]
    completed = board["sprints"][0]
    assert completed["state"] == "completed" and completed["report"]["completed_count"] == 7
    assert {"at", "actor", "card", "change"} <= set(completed["membership"][0])
    assert all("overdue" not in risk for risk in board["risks"])
    assert board["risks"][0]["history"][0]["action"] == "created"
    event = board["events"][-1]
    assert set(event) == {"at", "actor", "entity", "key", "action", "data", "text"}
    undone = next(e for e in board["events"] if "undo_of" in e["data"])
    target = board["events"][undone["data"]["undo_of"]]
    assert (target["key"], target["action"]) == ("WEB-30", "edited")


def test_the_same_database_exports_the_same_bytes(ctx: Context, lived_in: Board) -> None:
    first = export.dumps(export.export_data(ctx))
    ctx.clock = lambda: datetime(2031, 6, 1, tzinfo=UTC)  # no wall clock in the output
    assert export.dumps(export.export_data(ctx)) == first


def test_the_demo_round_trips_byte_for_byte(
    ctx: Context, demo_board: Board, empty: Context
) -> None:
    first = export.dumps(export.export_data(ctx))
    importer.import_boards(empty, json.loads(first))
    assert export.dumps(export.export_data(empty)) == first


def test_a_lived_in_board_round_trips_too(ctx: Context, lived_in: Board, empty: Context) -> None:
    first = export.dumps(export.export_data(ctx))
    importer.import_boards(empty, json.loads(first))
    assert export.dumps(export.export_data(empty)) == first


def _broken(data: dict[str, Any]) -> dict[str, Any]:
    broken = copy.deepcopy(data)
    broken["boards"][0]["cards"][17]["points"] = 140
    return broken


def test_a_bad_record_is_named_and_nothing_is_written(
    ctx: Context, demo_board: Board, empty: Context
) -> None:
    data = export.export_data(ctx)
    before = dump(empty.db.path)
    with pytest.raises(InvalidInput) as refused:
        importer.import_boards(empty, _broken(data))
    assert refused.value.message == "cards[17]: Points must be between 0 and 100 (got 140)."
    assert dump(empty.db.path) == before


def test_a_failure_while_writing_leaves_nothing(
    ctx: Context, demo_board: Board, empty: Context, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two boards, the second failing in the middle of its rows: neither is kept."""
    data = export.export_data(ctx)
    second = importer.rename_board(data["boards"][0], "OPS")
    data["boards"].append(second)
    written: list[str] = []
    real = importer._write_events

    def fail_on_second(session: Any, board_id: int, events: list[Any]) -> None:
        written.append("events")
        if len(written) == 2:
            raise RuntimeError("disk on fire")
        real(session, board_id, events)

    monkeypatch.setattr(importer, "_write_events", fail_on_second)
    with pytest.raises(RuntimeError):
        importer.import_boards(empty, data)
    assert boards.list_boards(empty) == []


def test_names_the_board_when_the_file_holds_several(
    ctx: Context, demo_board: Board, empty: Context
) -> None:
    data = export.export_data(ctx)
    data["boards"].append(importer.rename_board(data["boards"][0], "OPS"))
    data["boards"][1]["events"][3]["at"] = "yesterday"
    with pytest.raises(InvalidInput, match=r"^boards\[1\]\.events\[3\]: at must be a UTC"):
        importer.import_boards(empty, data)
    assert boards.list_boards(empty) == []


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ([1, 2], 'F is not a kanban export (no "format": "kanban-export" header).'),
        ({"format": "trello"}, 'F is not a kanban export (no "format": "kanban-export" header).'),
        (
            {"format": "kanban-export", "version": 2, "boards": []},
            "F is an export of version 2; this kanban reads version 1 and older: "
            "update kanban to import it.",
        ),
    ],
)
def test_not_an_export_or_too_new_is_refused(empty: Context, data: Any, message: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        importer.import_boards(empty, data, name="F")
    assert refused.value.message == message


def test_a_taken_key_is_refused_and_as_renames(ctx: Context, demo_board: Board) -> None:
    data = export.export_data(ctx)
    with pytest.raises(RuleViolation, match="A board with key WEB exists already: .* --as KEY"):
        importer.import_boards(ctx, data)
    (done,) = importer.import_boards(ctx, data, rename="web2")
    assert (done.key, done.cards) == ("WEB2", 68)
    renamed = export.export_data(ctx, "WEB2")["boards"][0]
    assert renamed["cards"][0]["key"] == "WEB2-1"
    assert all(item["key"].startswith("WEB2-") for item in renamed["sprints"][0]["committed"])
    assert {risk["key"].split("-")[0] for risk in renamed["risks"]} == {"WEB2"}
    assert not any(event["key"].startswith("WEB-") for event in renamed["events"])
    # The renamed board is the original under another key, nothing else.
    original = json.dumps(data["boards"][0]).replace('"WEB-', '"WEB2-').replace('"WEB"', '"WEB2"')
    for board in (expected := json.loads(original)), renamed:
        for event in board["events"]:
            del event["text"]  # derived: says WEB2 where the log's data names it
    assert expected == renamed


def test_as_needs_a_file_of_one_board(ctx: Context, demo_board: Board, empty: Context) -> None:
    data = export.export_data(ctx)
    data["boards"].append(importer.rename_board(data["boards"][0], "OPS"))
    with pytest.raises(InvalidInput, match="--as renames the one board of a file; F holds 2"):
        importer.import_boards(empty, data, name="F", rename="NEW")


def test_a_dry_run_checks_and_writes_nothing(
    ctx: Context, demo_board: Board, empty: Context
) -> None:
    before = dump(empty.db.path)
    (summary,) = importer.import_boards(empty, export.export_data(ctx), dry_run=True)
    assert (summary.key, summary.cards, summary.sprints, summary.risks) == ("WEB", 68, 4, 8)
    assert dump(empty.db.path) == before


def test_an_undo_in_the_file_stays_undone(ctx: Context, demo_board: Board, empty: Context) -> None:
    """``undo_of`` points at the imported event: ctrl+z goes on to the action before."""
    archive.archive_cards(ctx, "WEB", ["WEB-1"])
    card_services.edit_card(ctx, "WEB-30", {"points": 5})
    undo.undo_last(ctx, "WEB")
    importer.import_boards(empty, export.export_data(ctx))
    alice = Context(empty.db, actor="alice", clock=empty.clock)
    assert undo.undo_last(alice, "WEB").card.key == "WEB-1"


def _set(path: str, value: Any) -> Any:
    def change(board: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        target: Any = board
        for part in parents:
            target = target[int(part)] if part.isdigit() else target[part]
        target[int(last) if last.isdigit() else last] = value

    return change


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (_set("columns.0.category", "later"), "columns[0]: Unknown category 'later': use one of"),
        (
            _set("columns.3.category", "todo"),
            "columns: A board keeps at least one todo and one done",
        ),
        (_set("cards.4.column", "Nowhere"), "cards[4]: the column 'Nowhere' is not one of"),
        (_set("cards.4.sprint", 99), "cards[4]: sprint 99 is not one of the board's sprints"),
        (_set("cards.4.labels", ["has space"]), "cards[4]: Label 'has space' is not valid"),
        (_set("cards.4.title", ""), "cards[4]: Title must not be empty."),
        (_set("cards.4.comments.0", {"author": "a"}), "cards[4]: comments[0]: at must be a UTC"),
        (_set("sprints.0.state", "active"), "sprints[2]: a board has at most one active sprint"),
        (
            _set("next_card", 3),
            "board: next_card 3 must be above the highest number in cards (68).",
        ),
        (_set("risks.0.cards", ["WEB-999"]), "risks[0]: the linked card WEB-999 is not a card"),
        (_set("risks.0.probability", 9), "risks[0]: Probability must be"),
        (
            _set("events.0.data", {"undo_of": 5}),
            "events[0]: undo_of 5 is not the index of an earlier",
        ),
        (_set("events", "all"), "events: expected a list, got a string."),
    ],
)
def test_each_kind_of_bad_record_is_named(
    ctx: Context, demo_board: Board, empty: Context, change: Any, message: str
) -> None:
    data = export.export_data(ctx)
    data["boards"][0]["cards"][4]["comments"] = [
        {"author": "x", "at": "2026-01-01T00:00:00Z", "text": "hi"}
    ]
    change(data["boards"][0])
    with pytest.raises(InvalidInput) as refused:
        importer.import_boards(empty, data)
    assert refused.value.message.startswith(message)
    assert boards.list_boards(empty) == []
