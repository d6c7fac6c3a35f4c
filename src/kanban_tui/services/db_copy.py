"""``kanban db copy``: every board of one database into another (a team's
file onto a PostgreSQL server, or back), with keys, versions and history.

Generic over the schema: the tables are ``SQLModel.metadata.sorted_tables``
(parents before children) and their foreign keys are read from the
metadata, so a new table is copied without a change here (a test holds
every table to being reachable from ``board``). The source is read in one
snapshot, in chunks; the target is written in one write transaction (the
writers' lock held throughout), so the copy is all there or not at all.

Ids. The target may hold other boards, so every table's own id is moved by
one offset per table: past the target's highest id. An offset keeps the
order of the ids and their gaps, and with them what the app reads from
them: rows listed by id come in the same order, and the undo's "events of
one action have consecutive ids" stays true of exactly the same events.
Foreign keys move with the table they name, and so does the one id kept in
text, an undo event's ``undo_of`` (:data:`JSON_IDS`); everything else the
log and the sprints keep in JSON names cards, columns and sprints by key,
name or number, which the copy keeps.

Checked before the commit: the rows of every table, counted for the copied
boards on both sides, and each board's export (docs/export.md), which must
be byte-identical on both sides. A difference rolls the copy back.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from sqlalchemy import Column, Table, and_, func, select, text
from sqlalchemy.engine import Connection
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import Session, SQLModel

from ..domain.errors import InvalidInput, KeyTaken, NotFound, StorageError
from ..formatting import plural
from ..storage import risk_tables, tables  # noqa: F401  (registers the tables)
from ..storage.server_url import ServerUrl
from ..storage.store import Store
from . import export
from .context import Context

CHUNK = 1000
"""Rows read and written at a time."""

JSON_IDS: dict[tuple[str, str], dict[str, str]] = {("event", "data"): {"undo_of": "event"}}
"""Ids kept inside JSON text: (table, column) -> {field: the table it names}."""

SUMMARY = ("card", "sprint", "risk", "event", "comment")
"""The tables the summary sentence counts (a row of each is called by its name)."""


@dataclass(frozen=True)
class Copied:
    """What a copy wrote: the boards' keys and the rows of each table."""

    boards: tuple[str, ...]
    rows: dict[str, int] = field(default_factory=dict)
    source: str = ""
    target: str = ""

    def sentence(self) -> str:
        counts = ", ".join(plural(self.rows.get(name, 0), name) for name in SUMMARY)
        boards = plural(len(self.boards), "board")
        return f"Copied {boards}: {counts} from {self.source} to {self.target}."


def copy_database(
    source: Path | ServerUrl, target: Path | ServerUrl, board: str | None = None
) -> Copied:
    """Open both databases and copy (see :func:`copy_boards`).

    The target is created when it is a new file (and removed again when the
    copy fails); a new PostgreSQL database gets the schema.
    """
    from ..storage.database import Database

    if same_place(source, target):
        raise InvalidInput(f"{source} and {target} are the same database; name another target.")
    origin = Database.open(source, create=False)
    try:
        with _new_file_taken_back(target):
            destination = Database.open(target, create=True)
            try:
                return copy_boards(origin, destination, board)
            finally:
                destination.close()
    finally:
        origin.close()


def same_place(one: Path | ServerUrl, other: Path | ServerUrl) -> bool:
    if isinstance(one, ServerUrl) or isinstance(other, ServerUrl):
        if not (isinstance(one, ServerUrl) and isinstance(other, ServerUrl)):
            return False
        return (one.server, one.dbname) == (other.server, other.dbname)
    try:
        return one.resolve() == other.resolve() or os.path.samefile(one, other)
    except OSError:  # the target does not exist yet
        return False


@contextmanager
def _new_file_taken_back(target: Path | ServerUrl) -> Iterator[None]:
    """A failed copy into a new file leaves no file (or folder) behind."""
    if isinstance(target, ServerUrl):
        yield
        return
    path = Path(os.path.expanduser(target))
    existed = path.exists()
    if existed and not (path.is_file() and path.stat().st_size == 0):
        yield
        return
    made = [folder for folder in path.parents if not folder.exists()]
    try:
        yield
    except BaseException:
        with contextlib.suppress(OSError):
            if existed:
                os.truncate(path, 0)
            else:
                path.unlink()
                for folder in made:
                    folder.rmdir()
        raise


def copy_boards(source: Store, target: Store, board: str | None = None) -> Copied:
    """Copy every board of ``source`` (or the one named) into ``target``, in one
    transaction; refused, writing nothing, if a key is taken there."""
    with source.read() as reading, target.write() as writing:
        src, dst = reading.connection(), writing.connection()
        keys, board_ids = _chosen_boards(src, source, board)
        _refuse_taken(dst, keys, target)
        copier = _Copier(src, dst)
        rows = {table.name: copier.copy(table, board_ids) for table in _tables()}
        copier.follow_sequences()
        new_ids = [board_id + copier.offsets["board"] for board_id in board_ids]
        _check_counts(src, dst, board_ids, new_ids, rows)
        _check_exports(reading, writing, keys)
        # Listeners on the target hear of the new boards (the store NOTIFYs on commit).
        writing.info.setdefault("events", []).extend(
            SimpleNamespace(id=event_id, board_id=board_id)
            for board_id, event_id in copier.last_event.items()
        )
    return Copied(keys, rows, str(source.path), str(target.path))


def _tables() -> list[Table]:
    return list(SQLModel.metadata.sorted_tables)


def _board_table() -> Table:
    return SQLModel.metadata.tables["board"]


def _chosen_boards(
    src: Connection, source: Store, board: str | None
) -> tuple[tuple[str, ...], list[int]]:
    table = _board_table()
    query = select(table.c.key, table.c.id).order_by(table.c.key)
    if board is not None:
        query = query.where(table.c.key == board.strip().upper())
    found = src.execute(query).all()
    if not found and board is not None:
        raise NotFound(f"There is no board {board.strip().upper()} in {source.path}.")
    if not found:
        raise NotFound(f"{source.path} holds no board to copy.")
    return tuple(row.key for row in found), [row.id for row in found]


def _refuse_taken(dst: Connection, keys: tuple[str, ...], target: Store) -> None:
    table = _board_table()
    taken = dst.execute(select(table.c.key).where(table.c.key.in_(keys))).scalars().all()
    if taken:
        names = ", ".join(sorted(taken))
        which = "a board" if len(taken) == 1 else "boards"
        raise KeyTaken(
            f"{target.path} holds {which} {names} already; nothing was copied "
            "(copy into another database, or rename the board in one of them)."
        )


def own_id(table: Table) -> Column[Any] | None:
    """The table's own integer id (not a foreign key), if it has one."""
    keys = list(table.primary_key.columns)
    if len(keys) == 1 and not keys[0].foreign_keys:
        return keys[0]
    return None


def owned(table: Table, board_ids: list[int]) -> ColumnElement[bool]:
    """The rows of ``table`` that belong to the boards ``board_ids``.

    ``board`` by id; a table with a ``board`` foreign key by it; any other by
    each of its required foreign keys (a comment by its card, a risk's link by
    its risk and its card).
    """
    if table.name == "board":
        return table.c.id.in_(board_ids)
    links = [
        (column, next(iter(column.foreign_keys)).column)
        for column in table.columns
        if column.foreign_keys
    ]
    direct = [column for column, parent in links if parent.table.name == "board"]
    if direct:
        return direct[0].in_(board_ids)
    required = [(column, parent) for column, parent in links if not column.nullable]
    if not required:
        raise StorageError(f"The table {table.name} belongs to no board; db copy cannot copy it.")
    conditions = [
        column.in_(select(parent).where(owned(parent.table, board_ids)))  # type: ignore[arg-type]
        for column, parent in required
    ]
    return and_(*conditions)


class _Copier:
    """Copies table after table, moving ids by one offset per table."""

    def __init__(self, src: Connection, dst: Connection) -> None:
        self.src = src
        self.dst = dst
        self.offsets: dict[str, int] = {}
        self.copied: dict[str, set[int]] = {}
        """The source ids copied, per table: a reference to any other is refused."""
        self.last_event: dict[int, int] = {}

    def copy(self, table: Table, board_ids: list[int]) -> int:
        where = owned(table, board_ids)
        ident = own_id(table)
        if ident is not None:
            self.offsets[table.name] = self._offset(table, ident, where)
            self.copied[table.name] = set()
        order = list(table.primary_key.columns)
        result = self.src.execution_options(yield_per=CHUNK).execute(
            select(table).where(where).order_by(*order)
        )
        count = 0
        for chunk in result.partitions(CHUNK):
            rows = [self._moved(table, ident, dict(row._mapping)) for row in chunk]
            self.dst.execute(table.insert(), rows)
            count += len(rows)
        return count

    def _offset(self, table: Table, ident: Column[Any], where: ColumnElement[bool]) -> int:
        first = self.src.execute(select(func.min(ident)).where(where)).scalar()
        top = self.dst.execute(select(func.max(ident))).scalar()
        if first is None:
            return 0
        return (top or 0) + 1 - first

    def _moved(
        self, table: Table, ident: Column[Any] | None, row: dict[str, Any]
    ) -> dict[str, Any]:
        if ident is not None:
            self.copied[table.name].add(row[ident.name])
            row[ident.name] += self.offsets[table.name]
        for column in table.columns:
            if not column.foreign_keys or row[column.name] is None:
                continue
            parent = next(iter(column.foreign_keys)).column.table.name
            row[column.name] = self._map(parent, row[column.name], f"{table.name}.{column.name}")
        for (name, column_name), fields in JSON_IDS.items():
            if name == table.name:
                row[column_name] = self._json(row[column_name], fields, f"{name}.{column_name}")
        if table.name == "event":
            self.last_event[row["board_id"]] = row["id"]
        return row

    def _map(self, parent: str, value: int, where: str) -> int:
        if value not in self.copied.get(parent, ()):
            raise StorageError(
                f"{where} {value} names a {parent} row outside the boards copied; "
                "nothing was copied."
            )
        return value + self.offsets[parent]

    def _json(self, data: str, fields: dict[str, str], where: str) -> str:
        if not any(f'"{name}"' in data for name in fields):
            return data
        try:
            values = json.loads(data)
        except ValueError:
            return data  # damaged text is copied as it is, as the export reads it
        if not isinstance(values, dict):
            return data
        changed = False
        for name, parent in fields.items():
            if type(values.get(name)) is int:
                values[name] = self._map(parent, values[name], f"{where} {name}")
                changed = True
        # As Context.log writes it, so the text is unchanged but for the id.
        return json.dumps(values, default=str, sort_keys=True) if changed else data

    def follow_sequences(self) -> None:
        """On PostgreSQL, move each id sequence past the ids written."""
        if self.dst.dialect.name != "postgresql":
            return  # SQLite gives the next row the highest id + 1 by itself
        for table in _tables():
            ident = own_id(table)
            if ident is None or not self.copied.get(table.name):
                continue
            sequence = self.dst.execute(
                text("SELECT pg_get_serial_sequence(:table, :column)"),
                {"table": table.name, "column": ident.name},
            ).scalar()
            if sequence is None:
                continue
            top = self.dst.execute(select(func.max(ident))).scalar()
            self.dst.execute(
                text(
                    "SELECT setval(CAST(:seq AS regclass), :top) WHERE :top > "
                    "COALESCE(pg_sequence_last_value(CAST(:seq AS regclass)), 0)"
                ),
                {"seq": sequence, "top": top},
            )


def _check_counts(
    src: Connection, dst: Connection, old: list[int], new: list[int], rows: dict[str, int]
) -> None:
    for table in _tables():
        count = select(func.count()).select_from(table)
        before = src.execute(count.where(owned(table, old))).scalar_one()
        after = dst.execute(count.where(owned(table, new))).scalar_one()
        if not before == after == rows[table.name]:
            raise StorageError(
                f"The copy of the table {table.name} holds {plural(after, 'row')} where "
                f"the source holds {before:,}; nothing was copied."
            )


class _Snapshot(Store):
    """A store whose reads are one open session: the export of what the copy sees."""

    def __init__(self, session: Session, path: Any) -> None:
        super().__init__()
        self.path = path
        self._session = session

    @contextmanager
    def read(self) -> Iterator[Session]:
        yield self._session


def _check_exports(reading: Session, writing: Session, keys: tuple[str, ...]) -> None:
    before = Context(_Snapshot(reading, "source"), actor="kanban")
    after = Context(_Snapshot(writing, "target"), actor="kanban")
    for key in keys:
        if export.dumps(export.export_data(before, key)) != export.dumps(
            export.export_data(after, key)
        ):
            raise StorageError(
                f"The copy of board {key} does not export as its source does; nothing was copied."
            )
