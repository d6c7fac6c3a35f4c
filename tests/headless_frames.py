"""Frames a headless test app would draw and throw away, drawn only when a test looks.

In a Pilot test the driver is headless: every frame Textual renders (each
widget's changed lines, through ``Widget.render_lines``, cut and joined into
strips) is handed to the driver, which drops it unwritten. With frames due a
millisecond after each change (``frames_when_asked`` in the root conftest) a
UI test renders some thirty frames, and rendering them was more than a third
of the UI tests' CPU time (measured on 2026-12-02: the UI and snapshot tests
took 340-390 CPU-s with every frame drawn, 220-245 CPU-s without).

So while ``skipping()`` is on, a widget asked for its lines by a frame hands
back blank ones, and leaves what it would have drawn marked to be drawn (its
own line cache is not touched). Everything else a frame does still runs: the
layout (sizes, scroll positions, the regions a click lands in), and what a
widget does before drawing (an option list working out its lines, a tree its
state). Each look a test takes draws for real: ``App.export_screenshot``
(what :func:`screen_lines` and the snapshots read) and ``Screen.get_style_at``
(where a click on a table's cell is read from what is drawn there). And so
does the end of every ``App.run_test`` (:func:`draw`; not when the test's
last look drew that screen and no frame was skipped since): a widget whose
drawing raises still fails the test that shows it.

A test that is about frames themselves (``tests/ui/test_move_frame.py``
counts what a move draws) is marked ``draws_frames`` and renders each one.

Only Textual's public names are used (``test_suite_rules``): the methods
patched here are documented ones, and they are wrapped, not rewritten.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from typing import Any

from rich.console import Console
from rich.style import Style
from textual.app import App
from textual.geometry import Region
from textual.screen import Screen
from textual.strip import Strip
from textual.widget import Widget

_skipping = False
_looking = 0
"""How many looks are under way (a look draws for real while frames are skipped)."""
_skipped = 0
"""Widget renders skipped so far in this process (any app's)."""
_last_look: tuple[object, int] | None = None
"""The screen last drawn by a look, and ``_skipped`` then."""


@contextmanager
def _look() -> Iterator[None]:
    global _looking
    _looking += 1
    try:
        yield
    finally:
        _looking -= 1


_render_lines = Widget.render_lines


def _lines_or_blank(self: Widget, crop: Region) -> list[Strip]:
    global _skipped
    if _skipping and not _looking:
        _skipped += 1
        return [Strip.blank(crop.width)] * crop.height
    return _render_lines(self, crop)


Widget.render_lines = _lines_or_blank  # type: ignore[method-assign]

_export_screenshot = App.export_screenshot


def _export_drawn(self: App[Any], *, title: str | None = None, simplify: bool = False) -> str:
    global _last_look
    with _look():
        svg = _export_screenshot(self, title=title, simplify=simplify)
    _last_look = (self.screen, _skipped)
    return svg


App.export_screenshot = _export_drawn  # type: ignore[method-assign]

_get_style_at = Screen.get_style_at


def _style_drawn(self: Screen[Any], x: int, y: int) -> Style:
    with _look():
        return _get_style_at(self, x, y)


Screen.get_style_at = _style_drawn  # type: ignore[method-assign]

_run_test = App.run_test


@asynccontextmanager
async def _run_test_and_draw(self: App[Any], *args: Any, **kwargs: Any) -> AsyncIterator[Any]:
    async with _run_test(self, *args, **kwargs) as pilot:
        yield pilot
        # The screen the test left, once (not reached if the test failed),
        # unless the test's last look drew it and no frame was skipped since.
        if _last_look != (self.screen, _skipped):
            draw(self)


App.run_test = _run_test_and_draw  # type: ignore[method-assign]


@contextmanager
def skipping() -> Iterator[None]:
    """Skip the frames' renders while inside (the whole test, from a fixture)."""
    global _skipping
    _skipping = True
    try:
        yield
    finally:
        _skipping = False


def draw(app: App[Any]) -> None:
    """Render ``app``'s screen in full, as a look does (nothing if it is not running)."""
    if _skipping and app.is_running:
        screen_lines(app)


_export_svg = Console.export_svg


def _export_text(self: Console, **_options: Any) -> str:
    return self.export_text()


def screen_lines(app: App[Any]) -> list[str]:
    """The text of each line of ``app``'s screen (dialogs over it included):
    ``App.export_screenshot``, written out as text instead of SVG.

    The screenshot prints the screen's render to a recording Rich console and
    writes that out with ``Console.export_svg``; for the length of this call
    the console writes its text instead (``Console.export_text``), which is
    a quarter of the cost of the SVG. A wide character is one character over
    two cells, as on a terminal."""
    Console.export_svg = _export_text  # type: ignore[method-assign]
    try:
        text = app.export_screenshot()
    finally:
        Console.export_svg = _export_svg  # type: ignore[method-assign]
    return text.splitlines()
