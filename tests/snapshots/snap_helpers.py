"""Waiting for the board before a snapshot, then pressing keys."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable

from pilot_steps import press, settle
from textual.pilot import Pilot


def after_load(*keys: str) -> Callable[[Pilot], Awaitable[None]]:
    """A ``run_before`` that waits for the board to load, then presses ``keys``."""

    async def run_before(pilot: Pilot) -> None:
        await settle(pilot)
        await press_settled(pilot, keys)
        # A write's result comes back as a message, which may open a dialog.
        await settle(pilot)

    return run_before


async def press_settled(pilot: Pilot, keys: Iterable[str]) -> None:
    """Press ``keys`` one by one, letting what each starts land before the next."""
    for key in keys:
        await press(pilot, key)
        await settle(pilot)
