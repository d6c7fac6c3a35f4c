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

from sqlalchemy import insert, update
from sqlmodel import Session, col, select

from ..domain import validation
from ..domain.errors import InvalidInput, KeyTaken
from ..formatting import plural
from ..storage.risk_tables import RiskCardRow, RiskRow, RiskSequenceRow
from ..storage.tables import (
    BoardRow,
    ColumnRow,
    CommentRow,
    EventRow,
    SprintRow,
)
from . import import_check
from .context import Context
from .import_writer import (
    ImportKeyTaken,
    Progress,
    insert_batches,
    progress_of,
    refuse_taken,
    taken_keys,
)


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
    progress: Progress | None = None,
) -> list[Imported]:
    """Check and write every board of the export document ``data``.

    ``name`` is how refusals name the file. ``rename`` imports the file's one
    board under another key (refused when the file holds several). A board
    key already taken is refused (:class:`.import_writer.ImportKeyTaken`),
    and nothing at all is written. With ``dry_run`` everything is checked
    (the keys too) and nothing written. ``progress`` (else the one
    :func:`.import_writer.reporting` set) hears how many of the file's cards
    are written.
    """
    checked = check_file(data, name=name, rename=rename)
    with ctx.db.write() as session:
        taken = taken_keys(session)
        clashes = [board["key"] for board in checked if board["key"] in taken]
        if len(checked) > 1 and clashes:
            raise BoardsTaken(clashes, boards=len(checked))
        if clashes:
            raise refuse_taken(clashes[0], taken)
        if dry_run:
            return [_summary(board) for board in checked]
        report = progress_of(progress)
        total = sum(len(board["cards"]) for board in checked)
        done = 0
        report(done, total)
        for board in checked:
            write_board(session, board, done=done, total=total, progress=report)
            done += len(board["cards"])
        report(total, total)
    return [_summary(board) for board in checked]


class BoardsTaken(ImportKeyTaken):
    """Board keys of a file of several boards are taken here. ``--as`` renames
    only a file's one board, so the sentence names every taken key instead of
    advising it; ``free`` is None (no key to ask for), ``key`` the first."""

    def __init__(self, keys: list[str], *, boards: int) -> None:
        self.keys = keys
        self.key = keys[0]
        self.free = None
        KeyTaken.__init__(
            self,
            self.sentence(
                f"--as renames only the board of a one-board file, and this one holds {boards}"
            ),
        )

    def sentence(self, then: str | None = None) -> str:
        if len(self.keys) == 1:
            said = f"A board with key {self.keys[0]} exists already"
        else:
            said = f"Boards with keys {', '.join(self.keys[:-1])} and {self.keys[-1]} exist already"
        return said + (f": {then}." if then else ".")


def no_boards_line(name: str, *, dry_run: bool = False) -> str:
    """What importing an export of no boards says (exit status 0: nothing was
    asked that could not be done, as an empty database exported and imported)."""
    return f"{name} holds no boards; nothing {'would be' if dry_run else 'was'} imported."


def check_header(data: Any, name: str = "The file") -> list[Any]:
    """The boards of the export ``data`` (unchecked); a file that is not an
    export, or of a newer version, is refused in one sentence."""
    return import_check.check_header(data, name)


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
        key = validation.board_key(rename)
        try:
            boards = [rename_board(boards[0], key)]
        except RecursionError:  # a free-form value nested hundreds deep (checked after)
            raise InvalidInput(f"{name} holds values nested too deeply to import.") from None
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
            f'{verb} board {board.key} "{board.name}": {plural(board.cards, "card")}'
            f"{archived}, {plural(board.sprints, 'sprint')}, {plural(board.risks, 'risk')}, "
            f"{plural(board.events, 'event')}."
        )
    return lines


def write_board(
    session: Session,
    board: dict[str, Any],
    *,
    done: int = 0,
    total: int | None = None,
    progress: Progress | None = None,
) -> None:
    """Write one checked board (:func:`import_check.check_board`'s shape).

    Cards, comments and events are written in batches (their ids read back in
    one query); ``progress`` hears ``(done + cards written, total)``.
    """
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
    rows = []
    for card in board["cards"]:
        values = dict(card)
        del values["comments"]
        column = values.pop("column")
        sprint = values.pop("sprint")
        values.update(
            board_id=board_id,
            column_id=columns[column],
            sprint_id=sprints[sprint] if sprint is not None else None,
        )
        rows.append(values)
    cards = insert_batches(
        session,
        rows,
        done=done,
        total=len(rows) if total is None else total,
        progress=progress_of(progress),
    )
    comments = [
        dict(comment, card_id=cards[card["number"]])
        for card in board["cards"]
        for comment in card["comments"]
    ]
    if comments:
        session.connection().execute(insert(CommentRow), comments)
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
    """The log as it was, oldest first, in one ``INSERT``; an undo's ``undo_of``
    (an index into ``events``) then becomes the new id of the event it names."""
    if not events:
        return
    session.flush()  # the ORM's rows first: the new events' ids follow theirs
    rows = [
        {
            "board_id": board_id,
            "at": event["at"],
            "actor": event["actor"],
            "entity": event["entity"],
            "key": event["key"],
            "action": event["action"],
            "data": json.dumps(event["data"], default=str, sort_keys=True),
        }
        for event in events
    ]
    session.connection().execute(insert(EventRow), rows)
    ids = list(
        session.exec(
            select(EventRow.id).where(EventRow.board_id == board_id).order_by(col(EventRow.id))
        ).all()
    )
    assert len(ids) == len(events)
    for event, event_id in zip(events, ids, strict=True):
        if "undo_of" in event["data"]:
            data = dict(event["data"], undo_of=ids[event["data"]["undo_of"]])
            session.execute(
                update(EventRow)
                .where(col(EventRow.id) == event_id)
                .values(data=json.dumps(data, default=str, sort_keys=True))
            )


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
