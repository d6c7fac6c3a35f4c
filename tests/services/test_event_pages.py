"""``recent_events(before=event)``: the Activity screen's next page, by keyset
on ``(at, id)``, on both engines."""

from __future__ import annotations

from sqlalchemy import insert

from kanban_tui.services import Context, activity
from kanban_tui.storage import repo
from kanban_tui.storage.tables import EventRow


def test_pages_before_the_oldest_held_join_to_the_whole_log(ctx: Context, board) -> None:
    with ctx.db.write() as session:
        board_id = repo.board_row(session, "WEB").id
        # Ten events a second: the keyset's tie on time is decided by the id.
        rows = [
            {
                "board_id": board_id,
                "at": f"2026-10-01T09:30:{number // 10:02d}Z",
                "actor": "bob",
                "entity": "card",
                "key": f"WEB-{number}",
                "action": "moved",
                "data": "{}",
            }
            for number in range(95)
        ]
        session.execute(insert(EventRow), rows)
    every = activity.recent_events(ctx, "WEB", limit=1000)
    pages = activity.recent_events(ctx, "WEB", limit=7)
    while True:
        page = activity.recent_events(ctx, "WEB", limit=7, before=pages[-1])
        if not page:
            break
        assert len(page) <= 7
        pages += page
    assert [e.id for e in pages] == [e.id for e in every]
    assert len(every) > 95
    # With a key, older than an event of that key.
    mine = activity.recent_events(ctx, "WEB", key="WEB-40", limit=5)
    assert [e.key for e in mine] == ["WEB-40"]
    assert activity.recent_events(ctx, "WEB", key="WEB-40", before=mine[0]) == []
