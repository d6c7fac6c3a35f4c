"""Driving an app through Pilot: letting work land, typing.

Shared by the UI and snapshot tests (``tests/`` is on sys.path: the root
conftest's folder).
"""

from __future__ import annotations

import unicodedata

from textual import events
from textual.app import App
from textual.keys import KEY_NAME_REPLACEMENTS, KEY_TO_UNICODE_NAME, REPLACED_KEYS
from textual.pilot import Pilot

from kanban_tui.live import LISTEN_GROUP


async def settle(pilot: Pilot) -> None:
    """Let what is queued be handled, then :func:`finish_work`."""
    await pilot.pause()
    await finish_work(pilot)


async def finish_work(pilot: Pilot) -> None:
    """Wait until no worker is left and what the workers posted is handled and drawn.

    A handled result may start another worker (a write, then a read): so until
    a pause ends with no worker running. Nothing to wait for when none runs,
    as after a Pilot.press whose key started none (Pilot.press itself waits
    until the app is idle).
    """
    for _ in range(100):  # a hang guard: each round waits for every running worker
        # The server listener (PostgreSQL) waits for as long as the app runs.
        running = [worker for worker in pilot.app.workers if worker.group != LISTEN_GROUP]
        if not running:
            return
        await pilot.app.workers.wait_for_complete(running)
        await pilot.pause()
    raise AssertionError(f"workers still running: {list(pilot.app.workers)}")


async def press(pilot: Pilot, *keys: str) -> None:
    """Press ``keys`` one after another, each handled before the next is sent.

    The key events are Pilot.press's own (``key_event``), on the path it gives
    them (the app's queue, its bindings, then the focused widget). After each,
    one ``pilot.pause()``: every message queued by then is handled, and then
    the app is left until it is idle. Pilot.press waits for idle twice around
    a wait for animations (none run: the tests turn them off); that second
    wait, some 40 ms a key, was a fifth of the UI tests' time. It is kept
    where it matters, after a key that opens or closes a screen.
    """
    app = pilot.app
    for key in keys:
        screen = app.screen
        app.post_message(key_event(app, key))
        await pilot.pause()
        if app.screen is not screen:
            # A dialog opened or closed: mounting it and moving the focus
            # take more rounds of messages. As Pilot.press, wait twice.
            await pilot.pause()


def key_event(app: App, key: str) -> events.Key:
    """The event Pilot.press sends for ``key`` (a name such as ``ctrl+s``, or a character)."""
    if len(key) == 1 and not key.isalnum():
        key = key_name(key)
    original = REPLACED_KEYS.get(key, key)
    try:
        char: str | None = unicodedata.lookup(KEY_TO_UNICODE_NAME.get(original, original))
    except KeyError:
        char = key if len(key) == 1 else None
    event = events.Key(key, char)
    event.set_sender(app)
    return event


async def type_text(pilot: Pilot, text: str) -> None:
    """Type ``text`` into the focused field: its key events in one burst, then a pause.

    The events take the path Pilot.press gives them (the app's queue, its
    bindings, then the focused widget), in order; only Pilot's wait for idle
    after every key is left out, as a fast typist or a terminal delivering a
    burst leaves it out. Those waits (some 80 ms a key) were a third of the UI
    tests' time. Keys that open or close something go through Pilot.press.
    """
    app = pilot.app
    await dialog_opened(pilot)
    for char in text:
        event = events.Key(key_name(char), char)
        event.set_sender(app)
        app.post_message(event)
    await pilot.pause()


OPENING = frozenset({"card-commands-open", "settings-load", "card-view", "history-load"})
"""The worker groups that read what a dialog shows before it opens (the card
editor reads its card first): typing meant for the dialog waits for them."""


async def dialog_opened(pilot: Pilot) -> None:
    """Wait until no worker that opens a dialog runs, and the dialog it opened
    is mounted and focused. Without it, text typed right after ``e`` reaches
    the board when the machine is slow: its letters are the board's keys."""
    app = pilot.app
    opening = [worker for worker in app.workers if worker.group in OPENING]
    if opening:
        await app.workers.wait_for_complete(opening)
        await pilot.pause()
        await pilot.pause()


def key_name(char: str) -> str:
    """The key Textual names for typing ``char``: ``a``, ``space``, ``exclamation_mark``.

    As Pilot.press names it (test_ui_helpers compares the two on every ASCII
    punctuation character, space, and a few others).
    """
    if char.isalnum():
        return char
    name = unicodedata.name(char).lower().replace("-", "_").replace(" ", "_")
    return KEY_NAME_REPLACEMENTS.get(name, name)
