"""What every importer shares (services/import_writer.py): cards written in
batches with their progress told, and a taken key refused with a free one to
offer."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from big_export import big_export
from import_fixtures import FIXTURES, needs_fixtures

from kanban_tui.domain.errors import KeyTaken
from kanban_tui.services import Context, cards, comments, export, importer
from kanban_tui.services.boards import create_board
from kanban_tui.services.import_trello import import_trello
from kanban_tui.services.import_writer import ImportKeyTaken, free_key, reporting
from kanban_tui.storage.database import Database


@pytest.fixture
def empty(tmp_path: Path) -> Context:
    database = Database.open(tmp_path / "empty.db", create=True)
    yield Context(database, actor="bob", clock=lambda: datetime(2030, 1, 1, tzinfo=UTC))
    database.close()


def test_a_kanban_import_tells_its_progress_batch_by_batch(
    ctx: Context, board, empty: Context
) -> None:
    document = big_export(ctx, "WEB", 1_200)
    told: list[tuple[int, int]] = []
    (done,) = importer.import_boards(empty, document, progress=lambda *step: told.append(step))
    assert told == [(0, 1_200), (500, 1_200), (1_000, 1_200), (1_200, 1_200), (1_200, 1_200)]
    assert done.cards == 1_200
    listed = cards.list_cards(empty, "WEB")
    assert len(listed) == 1_200 and listed[-1].title == "Card 1200"
    assert [c.text for c in comments.comments(empty, "WEB-1190")] == ["ok"]
    assert comments.comments(empty, "WEB-1191") == []
    # what was written is the file: exported again, the same cards
    again = export.export_data(empty, "WEB")["boards"][0]["cards"]
    assert again == document["boards"][0]["cards"]


def test_reporting_reaches_an_importer_that_does_not_pass_it_along(
    ctx: Context, board, empty: Context
) -> None:
    document = big_export(ctx, "WEB", 600)
    told: list[tuple[int, int]] = []
    with reporting(lambda *step: told.append(step)):
        importer.import_boards(empty, document, rename="COPY")
    assert told[0] == (0, 600) and (500, 600) in told and told[-1] == (600, 600)
    told.clear()
    importer.import_boards(empty, document, rename="COPY2")
    assert told == []  # outside the block, nobody is told


@needs_fixtures
def test_a_trello_import_tells_its_progress(empty: Context) -> None:
    data = json.loads((FIXTURES / "trello_gocd_testdrive_large.json").read_text("utf-8"))
    told: list[tuple[int, int]] = []
    with reporting(lambda *step: told.append(step)):
        summary = import_trello(empty, data)
    total = summary.counts["cards"]
    assert told[0] == (0, total) and told[-1] == (total, total)
    assert [done for done, _ in told] == sorted(done for done, _ in told)


def test_a_taken_key_names_itself_and_offers_a_free_one(
    ctx: Context, board, empty: Context
) -> None:
    document = export.export_data(ctx, "WEB")
    create_board(empty, "WEB", "Mine")
    create_board(empty, "WEB2", "Mine too")
    with pytest.raises(ImportKeyTaken) as refused:
        importer.import_boards(empty, document)
    error = refused.value
    assert isinstance(error, KeyTaken)
    assert (error.key, error.free) == ("WEB", "WEB3")
    assert error.message == "A board with key WEB exists already: give another with --as KEY."
    assert error.sentence() == "A board with key WEB exists already."
    (done,) = importer.import_boards(empty, document, rename=error.free)
    assert done.key == "WEB3"


def test_a_file_of_several_boards_offers_no_key(ctx: Context, board, empty: Context) -> None:
    create_board(ctx, "OPS", "Operations")
    create_board(empty, "OPS", "Mine")
    with pytest.raises(ImportKeyTaken) as refused:
        importer.import_boards(empty, export.export_data(ctx))
    assert refused.value.free is None
    assert refused.value.message == (
        "A board with key OPS exists already: --as renames only the board of a one-board file, "
        "and this one holds 2."
    )


@pytest.mark.parametrize(
    ("key", "taken", "free"),
    [
        ("WEB", {"WEB"}, "WEB2"),
        ("WEB2", {"WEB", "WEB2", "WEB3"}, "WEB4"),
        ("ABCDEFGHIJ", {"ABCDEFGHIJ"}, "ABCDEFGHI2"),
        ("ABCDEFGH99", {"ABCDEFGH99"}, "ABCDEFG100"),
        ("Q1", {"Q1"}, "Q2"),
    ],
)
def test_free_key(key: str, taken: set[str], free: str) -> None:
    assert free_key(key, taken) == free
