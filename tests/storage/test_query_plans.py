"""The hot queries use the indexes schema 4 added (issue 13): SQLite's
``EXPLAIN QUERY PLAN`` of the very statements the app runs (each built by a
function of its own) names an index, and none scans the card or event table.
A later change that turns one into a full scan fails here."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from kanban_tui.services import Context, activity, boards, flow, undo
from kanban_tui.storage import card_pages, repo, risk_repo, sprint_repo
from kanban_tui.storage.database import Database

QUERIES: dict[str, tuple[Callable[[], Any], str]] = {
    # name: (the statement, the index its plan must name)
    "a column's first page": (
        lambda: card_pages.column_page_query(1, None, 100),
        "ix_card_column_rank",
    ),
    "a column's next page": (
        lambda: card_pages.column_page_query(1, (65536, 7), 100),
        "ix_card_column_rank",
    ),
    "a column's last page (G)": (
        lambda: card_pages.column_page_before_query(1, None, 100),
        "ix_card_column_rank",
    ),
    "the page before a card": (
        lambda: card_pages.column_page_before_query(1, (65536, 7), 100),
        "ix_card_column_rank",
    ),
    "a card's place in its column": (
        lambda: card_pages.cards_before_query(1, (65536, 7)),
        "ix_card_column_rank",
    ),
    "the columns' counts and points": (
        lambda: card_pages.column_totals_query(1),
        "ix_card_column_points",
    ),
    "the columns' counts (every view's column list)": (
        lambda: repo.counts_query(1),
        "ix_card_column_",
    ),
    "a board's cards (card list)": (lambda: repo.board_cards_query(1), "ix_card_board_rank"),
    "a board's archived cards": (
        lambda: repo.board_cards_query(1, archived=True),
        "ix_card_board_rank",
    ),
    "a sprint's cards (Backlog, Sprint screen, card list --sprint)": (
        lambda: repo.board_cards_query(1, sprint_id=3),
        "ix_card_sprint_rank",
    ),
    "the sprints' counts and points": (
        lambda: sprint_repo.totals_query(1),
        "ix_card_sprint_rank",
    ),
    "the backlog's counts and points": (
        lambda: sprint_repo.backlog_totals_query(1),
        "COVERING INDEX ix_card_column_points",
    ),
    "the backlog's first page": (
        lambda: card_pages.backlog_page_query(1, 60),
        "ix_card_board_rank",
    ),
    "the backlog's next page (keyset)": (
        lambda: card_pages.backlog_page_query(1, 60, after=(65536, 7)),
        "ix_card_board_rank",
    ),
    "the backlog's last page (G)": (
        lambda: card_pages.backlog_page_query(1, 60, backward=True),
        "ix_card_board_rank",
    ),
    "the counts and points of the open sprints' cards the backlog leaves out": (
        lambda: sprint_repo.backlog_totals_query(1, [2, 3]),
        "ix_card_sprint_rank",
    ),
    "the cards linked to risks (a mark on each card)": (
        lambda: risk_repo.linked_cards_query(1),
        "ix_risk_board_id",
    ),
    "a board's newest events (Activity, log)": (
        lambda: activity.events_query(1, None, 500),
        "ix_event_board_at",
    ),
    "a further page of events": (
        lambda: activity.events_query(1, None, 500, 1000),
        "ix_event_board_at",
    ),
    "the Activity screen's next page, older than its oldest event (keyset)": (
        lambda: activity.events_query(1, None, 501, 0, None, ("2026-10-01T00:00:00Z", 4000)),
        "ix_event_board_at",
    ),
    "a card's events (its history, log --card)": (
        lambda: activity.events_query(1, "WEB-12", 500, 0, frozenset({"To Do", "Done"})),
        "ix_event_board_key",
    ),
    "the flow events of the report's window": (
        lambda: flow.flow_events_query(1, "2026-10-01T00:00:00Z"),
        "ix_event_board_at",
    ),
    "each card's last event before the window": (
        lambda: flow.last_moves_query(1, "2026-10-01T00:00:00Z"),
        "ix_event_board_",
    ),
    "a few cards' last event before the window (the report's restores and deletes)": (
        lambda: flow.cards_events_query(1, ["WEB-1", "WEB-2"]),
        "ix_event_board_key",
    ),
    "the cards in each column now, archived done ones too (the report's last day)": (
        lambda: flow.counted_query(1),
        "COVERING INDEX ix_card_column_",
    ),
    "the cards made since the report's window began": (
        lambda: flow.made_since_query(1, "2026-10-01T00:00:00Z"),
        "ix_card_board_",
    ),
    "the person's own events, newest first (undo)": (
        lambda: undo.mine_query(1, "alice", None),
        "ix_event_board_actor",
    ),
    "the person's older events (undo, a further page)": (
        lambda: undo.mine_query(1, "alice", 1000),
        "ix_event_board_actor",
    ),
}


@pytest.fixture(scope="module")
def planned(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """A connection to a file at the current schema, with statistics the
    planner reads (ANALYZE of a board with some cards and events)."""
    path: Path = tmp_path_factory.mktemp("plans") / "kanban.db"
    database = Database.open(path)
    ctx = Context(database, actor="alice")
    boards.create_board(ctx, "WEB", "Website")
    yield database
    database.close()


def _plan(database: Database, statement: Any) -> list[str]:
    with database.read() as session:
        conn = session.connection()
        compiled = statement.compile(
            dialect=conn.dialect, compile_kwargs={"render_postcompile": True}
        )
        params = tuple(compiled.params[name] for name in compiled.positiontup or ())
        rows = conn.exec_driver_sql("EXPLAIN QUERY PLAN " + compiled.string, params).all()
    return [str(row[-1]) for row in rows]


@pytest.mark.sqlite_only
@pytest.mark.parametrize("name", list(QUERIES))
def test_the_plan_uses_an_index(planned: Database, name: str) -> None:
    build, index = QUERIES[name]
    plan = _plan(planned, build())
    text = "\n".join(plan)
    assert index in text, f"{name}: {text}"
    for table in ("card", "event"):
        scans = [step for step in plan if step.startswith(f"SCAN {table}")]
        assert not scans, f"{name} scans the {table} table: {text}"
    if "page" in name:  # a page is read in the index's order, not sorted after
        assert "TEMP B-TREE FOR ORDER BY" not in text, f"{name} sorts: {text}"


@pytest.mark.sqlite_only
def test_undo_reads_the_persons_events_without_sorting_the_board(planned: Database) -> None:
    """Undo runs inside the write transaction: its search walks the index
    backwards, never a sort of all the board's events."""
    for below in (None, 1000):
        text = "\n".join(_plan(planned, undo.mine_query(1, "alice", below)))
        assert "TEMP B-TREE" not in text, text
