"""Helpers for Pilot tests: the app on a test config, settling, typing, reading the screen."""

from __future__ import annotations

import asyncio
import io
import time

from rich.console import Console
from textual.app import App
from textual.keys import _character_to_key
from textual.pilot import Pilot

from kanban_tui.app import KanbanApp, create_app
from kanban_tui.config import Config
from kanban_tui.services import Context
from kanban_tui.storage.database import Database
from kanban_tui.widgets.card_list import CardList
from kanban_tui.widgets.column import BoardColumns

TEST_CONFIG = Config(cursor_blink=False, animations=False)


def make_app(ctx: Context, key: str = "WEB") -> KanbanApp:
    return create_app(ctx, key, config=TEST_CONFIG)


async def settle(pilot: Pilot) -> None:
    """Wait until the board's loading worker has finished and its result is shown."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()


async def type_text(pilot: Pilot, text: str) -> None:
    await pilot.press(*(_character_to_key(char) for char in text))


def screen_text(app: App) -> str:
    """What the terminal shows, as plain text (dialogs over the screen included)."""
    width, height = app.size
    console = Console(
        width=width, height=height, file=io.StringIO(), force_terminal=True, record=True
    )
    console.print(
        app.screen._compositor.render_update(full=True, screen_stack=app._background_screens)
    )
    return console.export_text()


def notifications(app: App) -> list[str]:
    return [notification.message for notification in app._notifications]


LIVE_BOUND = 1.5
"""Seconds within which another process's change must show: "about a second"
(the feed is polled four times a second), with slack for a loaded CI box."""


async def wait_until_shown(pilot: Pilot, text: str, bound: float = LIVE_BOUND) -> float:
    """Seconds until ``text`` is on screen, pressing no key; fails past ``bound``."""
    start = time.monotonic()
    while time.monotonic() - start < bound + 2:
        await asyncio.sleep(0.05)
        await pilot.pause()
        if text in screen_text(pilot.app):
            took = time.monotonic() - start
            assert took <= bound, f"{text!r} took {took:.2f} s"
            return took
    raise AssertionError(f"{text!r} never appeared:\n{screen_text(pilot.app)}")


class PollWatch:
    """Counts the live-update feed's polls (``LiveUpdates._poll_feed``), to wait on one.

    Make it once the app runs; ``await watch.next_poll(pilot)`` returns when a
    poll that began after the call has finished and what it found has landed.
    """

    def __init__(self, app: App) -> None:
        feed = app._changes  # type: ignore[attr-defined]
        assert feed is not None, "the app has no change feed"
        self.started = 0
        self.finished: list[int] = []
        original = feed.poll

        def poll() -> object:
            self.started += 1
            number = self.started
            try:
                return original()
            finally:
                self.finished.append(number)

        feed.poll = poll

    async def next_poll(self, pilot: Pilot) -> None:
        mark = self.started
        for _ in range(500):  # polls come four times a second; this is a hang guard
            if any(number > mark for number in self.finished):
                await settle(pilot)
                return
            await pilot.pause()
        raise AssertionError("the change feed was not polled")


def other_person(ctx: Context, name: str = "bob") -> Context:
    """Someone else on their own connection to the same file, as another process."""
    return Context(Database.open(ctx.db.path), actor=name, clock=ctx.clock)


def card_list(app: App) -> CardList:
    """The card list the keys act on: the active column's, with the board focused."""
    columns = app.screen.query_one(BoardColumns)
    assert app.focused is columns, f"the focus is on {app.focused!r}, not the board"
    assert columns.active is not None
    return columns.active.cards
