"""Helpers for Pilot tests: the app on a test config, settling, typing, reading the screen."""

from __future__ import annotations

import io

from rich.console import Console
from textual.app import App
from textual.keys import _character_to_key
from textual.pilot import Pilot

from kanban_tui.app import KanbanApp, create_app
from kanban_tui.config import Config
from kanban_tui.services import Context

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
