"""The Activity screen over a long log: a further page reads one page, by
keyset, and appends its rows; the screen holds at most ``MOST`` events."""

from __future__ import annotations

from typing import Any

from sqlalchemy import insert
from textual.pilot import Pilot
from ui_helpers import make_app, notifications, press, screen_text, settle

from kanban_tui.screens.activity import screen as activity_screen
from kanban_tui.screens.activity.screen import ActivityScreen
from kanban_tui.services import activity
from kanban_tui.storage import repo
from kanban_tui.storage.tables import EventRow
from kanban_tui.widgets.activity_table import ActivityTable

EVENTS = 3_000


def add_log(ctx: Any) -> None:
    """``EVENTS`` moves, bulk-inserted; 200 share each second, so the keyset's
    tie on time is decided by the id."""
    with ctx.db.write() as session:
        board_id = repo.board_row(session, "WEB").id
        rows = [
            {
                "board_id": board_id,
                "at": f"2026-10-{1 + number // 200:02d}T09:30:00Z",
                "actor": "bob",
                "entity": "card",
                "key": f"WEB-{number}",
                "action": "moved",
                "data": '{"after": "Review", "before": "To Do"}',
            }
            for number in range(EVENTS)
        ]
        session.execute(insert(EventRow), rows)


class Spy:
    """What each read of events returned, and how often the table was rebuilt."""

    def __init__(self, monkeypatch: Any) -> None:
        self.reads: list[int] = []
        self.rebuilds = 0
        read, rebuild = activity.recent_events, ActivityTable._rebuild

        def recent_events(*args: Any, **kwargs: Any) -> Any:
            events = read(*args, **kwargs)
            self.reads.append(len(events))
            return events

        def counted(table: ActivityTable) -> None:
            self.rebuilds += 1
            rebuild(table)

        monkeypatch.setattr(activity, "recent_events", recent_events)
        monkeypatch.setattr(ActivityTable, "_rebuild", counted)


async def open_activity(pilot: Pilot) -> tuple[ActivityScreen, ActivityTable]:
    await settle(pilot)
    await press(pilot, "6")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, ActivityScreen)
    return screen, screen.query_one(ActivityTable)


async def test_a_further_page_reads_one_page_and_appends_its_rows(ctx, board, monkeypatch) -> None:
    add_log(ctx)
    monkeypatch.setattr(activity_screen, "MOST", 600)
    spy = Spy(monkeypatch)
    app = make_app(ctx)
    async with app.run_test(size=(100, 30)) as pilot:
        screen, table = await open_activity(pilot)
        assert table.row_count == 200 and spy.reads == [201]
        await press(pilot, "j", "j", "j")
        watched, rebuilds = table.current, spy.rebuilds
        await press(pilot, "m")
        await settle(pilot)
        # One page read (200 and one to know whether more exist), not 400.
        assert spy.reads == [201, 201]
        assert table.row_count == 400 and spy.rebuilds == rebuilds  # appended
        assert table.current == watched and table.cursor_row == 3
        ordered = [(event.at, event.id) for event in table.events]
        assert ordered == sorted(ordered, reverse=True)
        assert len({event.id for event in table.events}) == 400  # no gap, no repeat
        moves = [int(e.key.split("-")[1]) for e in table.events if e.actor == "bob"]
        assert moves == list(range(EVENTS - 1, EVENTS - 1 - len(moves), -1))

        await press(pilot, "m")
        await settle(pilot)
        assert spy.reads == [201, 201, 201] and table.row_count == 600
        # Full: the top bar says so, m says how to read further and reads no more.
        assert "newest 600 events · older: kanban log" in screen_text(app)
        await press(pilot, "G", "m")
        await settle(pilot)
        assert spy.reads == [201, 201, 201] and table.row_count == 600
        assert "kanban log --offset 600 reads older ones" in " ".join(notifications(app))
