"""``kanban import FILE``: an export's boards written back, in one transaction.

The public entry is :func:`import_boards`: it takes the export document
(docs/export.md, version 1, already parsed from JSON), checks every record
with :mod:`.import_check` before writing anything, then writes the rows as
they were (keys and numbers, sequences, ranks, timestamps, comments, the
activity log) in one ``ctx.db.write()``. Importers of other formats (Trello,
Jira) build that same document and call it.

No ``imported`` event is logged: the log is imported as it was, and an extra
event would make a re-export differ from the file imported (docs/export.md).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from sqlmodel import Session, select

from ..domain import validation
from ..domain.errors import InvalidInput, RuleViolation
from ..storage.risk_tables import RiskCardRow, RiskRow, RiskSequenceRow
from ..storage.tables import (
    BoardRow,
    CardRow,
    ColumnRow,
    CommentRow,
    EventRow,
    SprintRow,
)
from . import import_check
from .context import Context


@dataclass(frozen=True)
class Imported:
    """What one board of the file became."""

    key: str
    name: str
    cards: int
    archived: int
    sprints: int
    risks: int
    events: int


def import_boards(
    ctx: Context,
    data: Any,
    *,
    name: str = "The file",
    rename: str | None = None,
    dry_run: bool = False,
) -> list[Imported]:
    """Check and write every board of the export document ``data``.

    ``name`` is how refusals name the file. ``rename`` imports the file's one
    board under another key (refused when the file holds several). A board
    key already taken is refused, and nothing at all is written. With
    ``dry_run`` everything is checked (the keys too) and nothing written.
    """
    checked = check_file(data, name=name, rename=rename)
    with ctx.db.write() as session:
        for board in checked:
            taken = session.exec(select(BoardRow.id).where(BoardRow.key == board["key"])).first()
            if taken is not None:
                raise RuleViolation(
                    f"There is a board {board['key']} here already; "
                    "import it under another key with --as KEY."
                )
        if dry_run:
            return [_summary(board) for board in checked]
        for board in checked:
            write_board(session, board)
    return [_summary(board) for board in checked]


def check_file(
    data: Any, *, name: str = "The file", rename: str | None = None
) -> list[dict[str, Any]]:
    """Every board of ``data`` checked (and renamed), without a database:
    what a dry run into no database at all can say."""
    boards = import_check.check_header(data, name)
    if rename is not None:
        if len(boards) != 1:
            raise InvalidInput(
                f"--as renames the one board of a file; {name} holds {len(boards)} boards."
            )
        boards = [rename_board(boards[0], validation.board_key(rename))]
        data = {**data, "boards": boards}
    return import_check.check_document(data, name)


def summary(checked: list[dict[str, Any]]) -> list[Imported]:
    """What each checked board would become."""
    return [_summary(board) for board in checked]


def _summary(board: dict[str, Any]) -> Imported:
    return Imported(
        key=board["key"],
        name=board["name"],
        cards=len(board["cards"]),
        archived=sum(1 for card in board["cards"] if card["archived"]),
        sprints=len(board["sprints"]),
        risks=len(board["risks"]),
        events=len(board["events"]),
    )


def imported_lines(done: list[Imported], *, dry_run: bool = False) -> list[str]:
    """What a kanban import made, one line a board: the CLI and the TUI say the same."""
    verb = "Would import" if dry_run else "Imported"
    lines = []
    for board in done:
        archived = f", {board.archived} archived" if board.archived else ""
        lines.append(
            f'{verb} board {board.key} "{board.name}": {board.cards} cards'
            f"{archived}, {board.sprints} sprints, {board.risks} risks, {board.events} events."
        )
    return lines


def write_board(session: Session, board: dict[str, Any]) -> None:
    """Write one checked board (:func:`import_check.check_board`'s shape)."""
    row = BoardRow(
        key=board["key"],
        name=board["name"],
        next_card=board["next_card"],
        next_sprint=board["next_sprint"],
        person_wip_limit=board["person_wip_limit"],
        created_at=board["created_at"],
    )
    session.add(row)
    session.flush()
    assert row.id is not None
    board_id = row.id
    columns: dict[str, int] = {}
    for position, column in enumerate(board["columns"]):
        column_row = ColumnRow(board_id=board_id, position=position, **column)
        session.add(column_row)
        session.flush()
        assert column_row.id is not None
        columns[column["name"]] = column_row.id
    sprints = {}
    for sprint in board["sprints"]:
        values = dict(sprint)
        values["state"] = values["state"].value
        values["committed"] = json.dumps(values["committed"])
        report = values.pop("report")
        values["report"] = None if report is None else json.dumps(report)
        sprint_row = SprintRow(board_id=board_id, **values)
        session.add(sprint_row)
        session.flush()
        sprints[sprint["number"]] = sprint_row.id
    cards = {}
    for card in board["cards"]:
        values = dict(card)
        comments = values.pop("comments")
        column = values.pop("column")
        sprint = values.pop("sprint")
        card_row = CardRow(
            board_id=board_id,
            column_id=columns[column],
            sprint_id=sprints[sprint] if sprint is not None else None,
            **values,
        )
        session.add(card_row)
        session.flush()
        assert card_row.id is not None
        cards[card["number"]] = card_row.id
        for comment in comments:
            session.add(CommentRow(card_id=card_row.id, **comment))
    session.add(RiskSequenceRow(board_id=board_id, next_number=board["next_risk"]))
    for risk in board["risks"]:
        values = dict(risk)
        linked = values.pop("cards")
        risk_row = RiskRow(board_id=board_id, **values)
        session.add(risk_row)
        session.flush()
        assert risk_row.id is not None
        for number in linked:
            session.add(RiskCardRow(risk_id=risk_row.id, card_id=cards[number]))
    _write_events(session, board_id, board["events"])
    session.flush()


def _write_events(session: Session, board_id: int, events: list[dict[str, Any]]) -> None:
    """The log as it was, oldest first; ``undo_of`` (an index) becomes the new id."""
    ids: list[int] = []
    for event in events:
        data = dict(event["data"])
        if "undo_of" in data:
            data["undo_of"] = ids[data["undo_of"]]
        row = EventRow(
            board_id=board_id,
            at=event["at"],
            actor=event["actor"],
            entity=event["entity"],
            key=event["key"],
            action=event["action"],
            data=json.dumps(data, default=str, sort_keys=True),
        )
        session.add(row)
        session.flush()
        assert row.id is not None
        ids.append(row.id)


_KEYED = re.compile(r"([A-Z][A-Z0-9]{1,9})(-[RS]?[0-9]+)?")


def rename_board(board: Any, new_key: str) -> Any:
    """The board under ``new_key``: its key, and every card, sprint and risk key
    naming it (in cards, sprints, reports, links and the log's keys and data)."""
    if not isinstance(board, dict) or not isinstance(board.get("key"), str):
        return board
    old = board["key"]

    def key(value: Any) -> Any:
        if isinstance(value, str) and (match := _KEYED.fullmatch(value)) and match[1] == old:
            return new_key + (match[2] or "")
        return value

    def deep(value: Any) -> Any:
        if isinstance(value, dict):
            return {name: deep(item) for name, item in value.items()}
        if isinstance(value, list):
            return [deep(item) for item in value]
        return key(value)

    renamed = dict(board, key=new_key)
    for part in ("cards", "sprints", "risks", "events"):
        items = board.get(part)
        if isinstance(items, list):
            renamed[part] = [_renamed(item, part, key, deep) for item in items]
    return renamed


def _renamed(item: Any, part: str, key: Any, deep: Any) -> Any:
    if not isinstance(item, dict):
        return item
    item = dict(item)
    for name in ("key", "board", "card"):
        if name in item:
            item[name] = key(item[name])
    if part == "events":
        item["data"] = deep(item.get("data"))
    elif part == "risks" and isinstance(item.get("cards"), list):
        item["cards"] = [key(card) for card in item["cards"]]
    elif part == "sprints":
        for name in ("committed", "report", "membership"):
            item[name] = deep(item.get(name))
    elif part == "cards" and isinstance(item.get("comments"), list):
        item["comments"] = [
            dict(comment, card=key(comment.get("card"))) if isinstance(comment, dict) else comment
            for comment in item["comments"]
        ]
    return item
