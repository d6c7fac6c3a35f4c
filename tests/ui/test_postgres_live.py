"""A board on a PostgreSQL server in the TUI: others' changes are announced
(LISTEN/NOTIFY, no polling), and a server that goes away leaves the board on
screen, read-only, until it is back and the board catches up."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from pg import Proxy, fresh_database, needs_postgres
from textual.pilot import Pilot
from ui_helpers import make_app, notifications, press, screen_text

from kanban_tui import live
from kanban_tui.services import Context, cards
from kanban_tui.services import boards as board_services
from kanban_tui.storage.database import Database

pytestmark = needs_postgres


async def until(pilot: Pilot, condition: Callable[[], bool], what: str) -> None:
    """Let the app run until ``condition`` holds (a hang guard, not a clock)."""
    for _ in range(400):
        if condition():
            return
        await pilot.pause(0.02)
    raise AssertionError(f"{what} never happened:\n{screen_text(pilot.app)}")


@pytest.fixture
def server(ctx: Context, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(live, "RETRY_SECONDS", 0.05)
    with fresh_database() as url:
        proxy = Proxy(url)
        yield url, proxy
        proxy.close()


def top_line(pilot: Pilot) -> str:
    return screen_text(pilot.app).splitlines()[0]


async def test_a_server_board_is_live_without_polling_and_survives_an_outage(
    server, ctx: Context
) -> None:
    url, proxy = server
    mine = Context(Database.open(proxy.url), actor="alice", clock=ctx.clock)
    bob = Context(Database.open(url), actor="bob", clock=ctx.clock)  # straight to the server
    board_services.create_board(bob, "WEB", "Website")
    cards.add_card(bob, "WEB", "First card")
    polls: list[int] = []
    app = make_app(mine)
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: "First card" in screen_text(app), "the first paint")
        feed = app.live_feed
        assert feed is not None and feed.announced
        original = feed.poll
        feed.poll = lambda: (polls.append(1), original())[1]  # type: ignore[method-assign]
        for _ in range(20):  # idle: nothing asks the server anything
            await pilot.pause(0.02)
        assert polls == []

        cards.add_card(bob, "WEB", "Announced card")
        await until(pilot, lambda: "Announced card" in screen_text(app), "the announced card")
        assert len(polls) == 1

        proxy.cut()
        await until(pilot, lambda: "read-only" in top_line(pilot), "read-only on the top bar")
        assert any("Lost the connection" in text for text in notifications(app))
        await press(pilot, "n")  # a change is refused with the sentence, nothing opens
        await pilot.pause()
        assert (
            "cannot be reached; the board is read-only until it is back." in notifications(app)[-1]
        )
        assert "First card" in screen_text(app)  # the board stays on screen
        cards.add_card(bob, "WEB", "Made while cut off")

        proxy.restore()
        await until(pilot, lambda: "read-only" not in top_line(pilot), "the server back")
        await until(pilot, lambda: "Made while cut off" in screen_text(app), "catching up")
        assert "Connected to the database server again." in notifications(app)
    mine.db.close()
    bob.db.close()
