"""Helpers for Pilot tests: the app on a test config, settling, typing, reading the screen."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from weakref import WeakKeyDictionary

import headless_frames
from pilot_steps import key_name, press, settle, type_text
from textual.app import App
from textual.pilot import Pilot

from kanban_tui.app import KanbanApp, create_app
from kanban_tui.config import Config
from kanban_tui.services import Context
from kanban_tui.storage.database import Database
from kanban_tui.widgets.card_list import CardList
from kanban_tui.widgets.column import BoardColumns

__all__ = [
    "key_name",
    "press",
    "settle",
    "type_text",
]  # from pilot_steps, for the tests

TEST_CONFIG = Config(cursor_blink=False, animations=False)


_NOTIFIED: WeakKeyDictionary[App, list[str]] = WeakKeyDictionary()
"""Every message each app made by ``make_app`` was asked to notify, in order."""


def make_app(ctx: Context, key: str = "WEB") -> KanbanApp:
    app = create_app(ctx, key, config=TEST_CONFIG)
    record_notifications(app)
    return app


def record_notifications(app: App) -> None:
    """From now on, ``notifications(app)`` lists what ``app`` is asked to notify.

    ``Widget.notify`` calls ``self.app.notify``, so this instance attribute sees
    every notification, whichever widget or screen sends it.
    """
    sent = _NOTIFIED.setdefault(app, [])
    notify = app.notify

    def recording_notify(message: str, **options: Any) -> None:
        sent.append(message)
        notify(message, **options)

    app.notify = recording_notify  # type: ignore[method-assign]


def screen_text(app: App) -> str:
    """What the terminal shows, as plain text (dialogs over the screen included).

    ``App.export_screenshot()`` written out as text rather than SVG
    (``headless_frames.screen_lines``). A wide character is one character over
    two cells.
    """
    return "\n".join(headless_frames.screen_lines(app))


def notifications(app: App) -> list[str]:
    """What ``app`` was asked to notify so far, oldest first (expired ones too)."""
    assert app in _NOTIFIED, "make the app with make_app (or record_notifications) first"
    return list(_NOTIFIED[app])


async def wait_until_shown(pilot: Pilot, text: str) -> None:
    """``text`` is on screen once the first poll of the change feed that began
    after this call has landed. Call it when the other process has committed:
    that poll sees the commit, so no clock is needed. The feed is polled every
    ``live.POLL_SECONDS`` (``test_live_updates`` holds that to four times a second).
    """
    await poll_watch(pilot.app).next_poll(pilot)
    shown = screen_text(pilot.app)
    assert text in shown, f"{text!r} not shown after the next poll of the feed:\n{shown}"


class PollWatch:
    """Counts the live-update feed's polls (``LiveUpdates._poll_feed``), to wait on one.

    Make it once the app runs (``poll_watch(app)``); ``await watch.next_poll(pilot)``
    returns when a poll that began after the call has finished and what it found
    has landed: proof that the poller ran.
    """

    def __init__(self, app: KanbanApp) -> None:
        feed = app.live_feed
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


_WATCHES: WeakKeyDictionary[App, PollWatch] = WeakKeyDictionary()


def poll_watch(app: KanbanApp) -> PollWatch:
    """The app's one PollWatch (made on first use)."""
    if app not in _WATCHES:
        _WATCHES[app] = PollWatch(app)
    return _WATCHES[app]


def other_person(ctx: Context, name: str = "bob") -> Context:
    """Someone else on their own connection to the same file, as another process."""
    return Context(Database.open(ctx.db.path), actor=name, clock=ctx.clock)


def card_list(app: App) -> CardList:
    """The card list the keys act on: the active column's, with the board focused."""
    columns = app.screen.query_one(BoardColumns)
    assert app.focused is columns, f"the focus is on {app.focused!r}, not the board"
    assert columns.active is not None
    return columns.active.cards


@contextmanager
def file_held(ctx: Context) -> Iterator[sqlite3.Connection]:
    """Another process's write lock on ``ctx``'s file for the length of the
    block (a writer waits behind it; readers still read)."""
    lock = sqlite3.connect(ctx.db.path, isolation_level=None)
    lock.execute("BEGIN IMMEDIATE")
    try:
        yield lock
    finally:
        lock.execute("COMMIT")
        lock.close()
