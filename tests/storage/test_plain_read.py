"""storage/plain_read.py: the command line's streams read a file through the
driver alone, with the SQL the Core selects compile to, and the same answers
as the ORM's reads."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy.dialects import sqlite
from sqlmodel import SQLModel

from kanban_tui.domain.errors import NotFound
from kanban_tui.services import Context, activity, boards, cards, sprints
from kanban_tui.services.activity_lines import EVENT_FIELDS
from kanban_tui.services.card_stream import _FIELDS as CARD_FIELDS
from kanban_tui.storage import opening, plain_read, repo
from kanban_tui.storage.tables import CardRow, EventRow


def compiled(query: Any) -> tuple[str, list[Any]]:
    """What ``repo.stream_rows`` sends the driver for ``query`` on SQLite."""
    done = query.compile(dialect=sqlite.dialect(), compile_kwargs={"render_postcompile": True})
    return done.string, [done.params[name] for name in done.positiontup or ()]


def test_the_table_names_are_the_orms() -> None:
    from kanban_tui.storage import risk_tables, tables  # noqa: F401  (each registers its tables)

    assert set(SQLModel.metadata.tables) == opening.TABLES


@pytest.mark.parametrize("archived", [False, True, None])
@pytest.mark.parametrize(("limit", "offset"), [(None, 0), (5, 0), (None, 3), (4, 2)])
def test_the_card_sql_is_the_core_selects(archived, limit, offset) -> None:
    table: Any = CardRow.__table__  # type: ignore[attr-defined]
    query = repo.board_cards_query(7, archived=archived, limit=limit, offset=offset)
    query = query.with_only_columns(*(table.c[name] for name in CARD_FIELDS))
    assert plain_read.cards_sql(7, CARD_FIELDS, archived, limit, offset) == compiled(query)


@pytest.mark.parametrize(("limit", "offset"), [(50, 0), (10, 5), (1_000_000_000, 0)])
def test_the_event_sql_is_the_core_selects(limit, offset) -> None:
    query = activity.events_query(7, None, limit, offset).with_only_columns(
        *(getattr(EventRow, name) for name in EVENT_FIELDS)
    )
    assert plain_read.events_sql(7, EVENT_FIELDS, limit, offset) == compiled(query)


@pytest.mark.sqlite_only
def test_the_small_reads_answer_as_the_orms(ctx: Context, board) -> None:
    boards.create_board(ctx, "OPS", "Operations")
    cards.add_card(ctx, "WEB", "One")
    sprints.create_sprint(ctx, "WEB")
    sprints.create_sprint(ctx, "OPS")
    with ctx.db.plain_read() as reader, ctx.db.read() as session:
        assert reader is not None
        assert reader.boards() == boards.list_boards(ctx)
        for key in ("WEB", "ops"):
            row = repo.board_row(session, key)
            assert reader.board(key) == (row.id, row.key)
            assert reader.column_names(row.id) == repo.column_names(session, row.id)
            assert reader.sprint_numbers(row.id) == repo.sprint_numbers(session, row.id)
        with pytest.raises(NotFound) as found:
            reader.board("nope")
        with pytest.raises(NotFound) as orm:
            repo.board_row(session, "nope")
        assert found.value.message == orm.value.message == "No board 'nope'."


def test_no_plain_read_inside_a_batch_nor_on_a_server(ctx: Context, board, engine) -> None:
    with ctx.db.batch(), ctx.db.plain_read() as reader:
        assert reader is None  # it would read around the batch's own writes
    with ctx.db.plain_read() as reader:
        assert (reader is None) == (engine == "postgres")
