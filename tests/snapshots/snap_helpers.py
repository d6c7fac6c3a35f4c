"""Waiting for the board before a snapshot, then pressing keys."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable

from textual.pilot import Pilot


def after_load(*keys: str) -> Callable[[Pilot], Awaitable[None]]:
    """A ``run_before`` that waits for the board to load, then presses ``keys``."""

    async def run_before(pilot: Pilot) -> None:
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        await press(pilot, keys)
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        # A write's result comes back as a message, which may open a dialog.
        await pilot.pause()

    return run_before


async def press(pilot: Pilot, keys: Iterable[str]) -> None:
    for key in keys:
        await pilot.press(key)
        await pilot.pause()
