"""Driving an app through Pilot: letting work land, typing.

Shared by the UI and snapshot tests (``tests/`` is on sys.path: the root
conftest's folder).
"""

from __future__ import annotations

import asyncio
import unicodedata
from collections.abc import Collection, Iterator
from contextlib import suppress
from typing import Any

from textual import events
from textual.app import App
from textual.keys import KEY_NAME_REPLACEMENTS, KEY_TO_UNICODE_NAME, REPLACED_KEYS
from textual.message_pump import MessagePump
from textual.pilot import Pilot
from textual.screen import Screen
from textual.worker import Worker, WorkerCancelled, WorkerFailed, WorkerState

from kanban_tui.live import LISTEN_GROUP


async def quiet(pilot: Pilot, *, workers: bool = True, held: Collection[Worker[Any]] = ()) -> None:
    """Return once the app has nothing left to do: every message handled, no worker running.

    With ``workers=False``, running workers are not waited for (a test that
    holds one on purpose, to act while it runs); ``held`` leaves out only those.

    Why this is enough, without Textual's wait for idle (``pilot.pause()``,
    which sleeps 20 ms at least and then until the process's CPU time stops
    advancing):

    * First the queues are drained (:func:`queues_handled`): each pump with a
      message queued gets a ``call_later``, until none has one.
    * Then :func:`refreshed`: the screen's pending layout and drawing are
      done, and what waited for them (``call_after_refresh``) has run.
    * What a handler posts during a round shows in ``message_queue_size`` of
      the app, a screen or a widget (``call_next`` and ``check_idle`` post too).
      So rounds go on until one ends with every queue empty, on every screen
      of the stack (a dialog's results land on the screen under it).
    * Workers (the reads and writes, the palette's search) run on threads or
      tasks of their own and show in ``app.workers`` until they finish; they
      are waited for, and what they posted is handled by the next rounds.
    * A round that ends quiet is checked by one more: a handler still running
      when the first round ended (it awaited a mount, say) has then finished,
      and what it posted shows.

    * Rounds alone were seen to fall short, now and then, around dialogs (a
      dialog's first layout, a sentence shown in one, the palette's search):
      so :func:`idle_waits_needed` adds Textual's own wait for idle there, as
      often as Pilot.press did. On the board and the other screens the rounds
      are the whole wait.

    Not waited for: timers (``set_timer``), which the idle wait did not wait
    for either; tests that need one call what it calls or wait on its effect.
    The server listener (PostgreSQL) runs as long as the app does: left out.
    """
    app = pilot.app
    screen = app.screen
    calm = 0
    idle_waits = 0  # Textual's wait for idle: see below
    for _ in range(1000):  # a hang guard: each round handles what was queued
        await queues_handled(app)
        if not app.is_running:
            return  # it quit: what is still queued is never handled
        await refreshed(app)
        running = [worker for worker in app.workers if busy(worker) and worker not in held]
        running = running if workers else []
        if running:
            calm = 0
            for worker in running:
                await finished(worker)
            continue
        if any(pump.message_queue_size for pump in pumps(app)):
            calm = 0
            continue
        calm += 1
        if calm < 2:
            continue
        if idle_waits < idle_waits_needed(app, screen):
            await pilot.pause()
            idle_waits += 1
            calm = 0
            continue
        return
    raise AssertionError(f"the app never went quiet: workers {list(app.workers)}")


def idle_waits_needed(app: App[Any], screen: Screen[Any]) -> int:
    """How many of Textual's waits for idle end :func:`quiet`, once its rounds are done.

    None on a screen of its own (the board, the backlog): there the rounds
    are enough. One while a dialog or the palette is open, two when a screen
    opened or closed (as Pilot.press does): a dialog's first layout, its
    focus, the palette's search tasks and the refreshes that follow a dialog
    closing were seen not to be all done by the rounds alone, now and then.
    (Without the one for an open dialog the UI tests took some 15 % less CPU
    time, but a test reading the read-only card view after a key was seen,
    once in eight runs of the suite, to find the screen under it instead.)
    """
    if app.screen is not screen:
        return 2
    return 1 if app.screen.is_modal else 0  # the palette is modal too


async def finished(worker: Worker[Any]) -> None:
    """Wait until ``worker`` has finished, however it ends (an exclusive worker
    is cancelled by the next of its group; a failure is the app's to report).
    One not started yet is left to the next round, which lets it start."""
    if worker.state == WorkerState.PENDING:
        return
    with suppress(WorkerCancelled, WorkerFailed):
        await worker.wait()


def busy(worker: Worker[Any]) -> bool:
    """Whether ``worker`` is one to wait for: not finished, not the server listener."""
    return worker.group != LISTEN_GROUP and not worker.is_finished


async def queues_handled(app: App[Any]) -> None:
    """Until no queue holds a message: each pump with one queued gets a
    ``call_later`` and is waited for. Cheaper than ``pilot.pause(0)``, which
    calls every widget of the screen and draws it (some 5 ms a round)."""
    for _ in range(1000):  # a hang guard
        handled = []
        for pump in pumps(app):
            if pump.message_queue_size:
                done = asyncio.Event()
                if pump.call_later(done.set):
                    handled.append(done.wait())
        if not handled:
            return
        await asyncio.gather(*handled)


async def refreshed(app: App[Any]) -> None:
    """Return once the screen has refreshed: what was waiting to be laid out
    or drawn is done, and what waited for that (``call_after_refresh``) has run.

    Where ``pilot.pause(0)`` sends every widget of the screen a ``call_later``
    (some 150 a round, each handled as a message: a fifth of the UI tests'
    CPU time), this sends one: ``call_after_refresh`` on the screen, which
    Textual runs right after the screen's next refresh (or at once, when
    nothing waits to be drawn). A widget's own queue is drained by
    :func:`queues_handled` first. A screen or an app that closes meanwhile
    (``q``, a dialog dismissed) never runs it: checked between short waits.
    """
    screen = app.screen
    done = asyncio.Event()
    if not screen.call_after_refresh(done.set):
        return
    while app.is_running and screen.is_running:
        with suppress(TimeoutError):
            await asyncio.wait_for(done.wait(), 0.05)
            return


def pumps(app: App[Any]) -> Iterator[MessagePump]:
    """The app, and every screen on its stack with all it holds."""
    yield app
    for screen in app.screen_stack:
        yield from screen.walk_children(with_self=True)


async def settle(pilot: Pilot) -> None:
    """Let what is queued be handled and what it starts finish (a handled
    result may start another worker: a write, then a read): :func:`quiet`."""
    await quiet(pilot)


async def press(
    pilot: Pilot, *keys: str, workers: bool = True, held: Collection[Worker[Any]] = ()
) -> None:
    """Press ``keys`` one after another, each handled before the next is sent.

    The key events are Pilot.press's own (``key_event``), on the path it gives
    them (the app's queue, its bindings, then the focused widget). After each,
    :func:`quiet`: what the key led to is handled, and the workers it started
    have finished. Pilot.press's two waits for idle a key (some 40 ms) were a
    third of the UI tests' time; :func:`quiet` keeps them where a dialog or
    the palette is open. ``workers=False`` leaves running workers alone: for a
    test that holds one on purpose (another process holds the file) and
    checks that the key is answered meanwhile; ``held=[worker]`` leaves out
    only that one.
    """
    app = pilot.app
    for key in keys:
        app.post_message(key_event(app, key))
        await quiet(pilot, workers=workers, held=held)


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


async def type_text(pilot: Pilot, text: str, workers: bool = True) -> None:
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
    await quiet(pilot, workers=workers)  # as press


OPENING = frozenset({"card-commands-open", "settings-load", "card-view", "history-load"})
"""The worker groups that read what a dialog shows before it opens (the card
editor reads its card first): typing meant for the dialog waits for them."""


async def dialog_opened(pilot: Pilot) -> None:
    """Wait until no worker that opens a dialog runs, and the dialog it opened
    is mounted and focused. Without it, text typed right after ``e`` reaches
    the board when the machine is slow: its letters are the board's keys."""
    app = pilot.app
    if any(worker.group in OPENING for worker in app.workers):
        await quiet(pilot)


def key_name(char: str) -> str:
    """The key Textual names for typing ``char``: ``a``, ``space``, ``exclamation_mark``.

    As Pilot.press names it (test_ui_helpers compares the two on every ASCII
    punctuation character, space, and a few others).
    """
    if char.isalnum():
        return char
    name = unicodedata.name(char).lower().replace("-", "_").replace(" ", "_")
    return KEY_NAME_REPLACEMENTS.get(name, name)
