"""What a refused kanban import says: the record once, in JSON's words."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from kanban_tui.domain.errors import InvalidInput
from kanban_tui.domain.model import Board
from kanban_tui.services import Context, boards, export, importer
from kanban_tui.services.import_check import MAX_DEPTH
from kanban_tui.services.import_writer import ImportKeyTaken
from kanban_tui.storage.database import Database


@pytest.fixture
def empty(tmp_path: Path) -> Iterator[Context]:
    database = Database.open(tmp_path / "empty.db", create=True)
    yield Context(database, actor="bob", clock=lambda: datetime(2030, 1, 1, tzinfo=UTC))
    database.close()


def _refusal(target: Context, data: Any, **options: Any) -> str:
    with pytest.raises(InvalidInput) as refused:
        importer.import_boards(target, data, **options)
    assert boards.list_boards(target) == []
    return refused.value.message


@pytest.mark.parametrize(
    ("value", "kind"),
    [
        (None, "null"),
        (3, "a number"),
        (1.5, "a number"),
        ("x", "a string"),
        ([], "a list"),
        (True, "true"),
        (False, "false"),
    ],
)
def test_a_record_that_is_not_an_object_is_named_once_by_its_json_kind(
    ctx: Context, demo_board: Board, empty: Context, value: Any, kind: str
) -> None:
    data = export.export_data(ctx)
    data["boards"][0]["cards"][3] = value
    assert _refusal(empty, data) == f"cards[3]: expected an object, got {kind}."
    data = export.export_data(ctx)
    data["boards"] = [value]
    assert _refusal(empty, data) == f"board: expected an object, got {kind}."


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("points", "3", 'cards[1]: points must be a whole number (got "3").'),
        ("title", None, "cards[1]: title must be a string (got null)."),
        ("due", True, "cards[1]: due must be a date YYYY-MM-DD or null (got true)."),
        ("rank", [1], "cards[1]: rank must be a whole number (got a list)."),
        ("comments", [7], "cards[1]: comments[0]: expected an object, got a number."),
    ],
)
def test_a_bad_value_is_shown_as_the_file_has_it(
    ctx: Context, demo_board: Board, empty: Context, field: str, value: Any, message: str
) -> None:
    data = export.export_data(ctx)
    data["boards"][0]["cards"][1][field] = value
    assert _refusal(empty, data) == message


def _nested(depth: int) -> list[Any]:
    value: list[Any] = []
    for _ in range(depth):
        value = [value]
    return value


def test_free_form_values_nested_too_deeply_are_refused(
    ctx: Context, demo_board: Board, empty: Context
) -> None:
    data = export.export_data(ctx)
    data["boards"][0]["events"][0]["data"] = {"x": _nested(MAX_DEPTH - 2)}  # deep, but fine
    importer.check_file(data)
    data["boards"][0]["events"][0]["data"] = {"x": _nested(500)}
    assert _refusal(empty, data) == (
        f"events[0]: data is nested too deeply (more than {MAX_DEPTH} levels)."
    )
    # Renaming walks every value before the check: as far as Python recurses, not further.
    data["boards"][0]["events"][0]["data"] = {"x": _nested(5000)}
    assert _refusal(empty, data, name="F", rename="NEW") == (
        "F holds values nested too deeply to import."
    )


def test_taken_keys_of_a_file_of_several_boards_are_all_named(
    ctx: Context, demo_board: Board
) -> None:
    data = export.export_data(ctx)
    data["boards"] += [
        importer.rename_board(data["boards"][0], "OPS"),
        importer.rename_board(data["boards"][0], "ZZ"),
    ]
    boards.create_board(ctx, "OPS", "Operations")
    with pytest.raises(ImportKeyTaken) as refused:
        importer.import_boards(ctx, data, name="F")
    assert refused.value.message == (
        "Boards with keys WEB and OPS exist already: --as renames only the board of a "
        "one-board file, and this one holds 3."
    )
    assert "--as KEY" not in refused.value.message and refused.value.free is None
    assert not any(board.key == "ZZ" for board in boards.list_boards(ctx))
    del data["boards"][0]  # only OPS taken now
    with pytest.raises(ImportKeyTaken) as one:
        importer.import_boards(ctx, data, name="F")
    assert one.value.message.startswith("A board with key OPS exists already: --as renames only")
