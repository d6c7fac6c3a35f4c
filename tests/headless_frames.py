"""Frames a headless test app would draw and throw away, drawn only when a test looks.

In a Pilot test the driver is headless: every frame Textual renders
(``Compositor.render_update``, each widget's changed lines cut and joined
into strips) is handed to ``App._display``, which drops it unwritten. With
frames due a millisecond after each change (``frames_when_asked`` in the root
conftest) a UI test renders some thirty frames, and rendering them was a
quarter of the UI tests' CPU time. What a test reads of the screen
(``screen_text``: :func:`screen_lines`; the snapshots: ``App.export_screenshot``)
is a full render made on the spot, which does not read those frames.

So while ``skipping()`` is on, a frame's render is skipped: the regions it
would have drawn are marked clean, as the render marks them. The layout
still runs with every frame (sizes, scroll positions and the regions a click
lands in are the layout's, not the render's). Each look a test takes
(``screen_text``, a snapshot) renders the whole screen, and so does the end
of every ``App.run_test`` (:func:`draw`; not when the test's last look drew
that screen and no frame was due since): a widget whose drawing raises
still fails the test that shows it. (Rendering the screen at every
``settle`` instead cost a seventh of the UI tests' time.)

A test that is about frames themselves (``tests/ui/test_move_frame.py``
counts what a move draws) is marked ``draws_frames`` and renders each one.

This is the one test module allowed Textual's private names
(``test_suite_rules``): it reaches the render that has no public handle.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from typing import Any

from textual._compositor import Compositor
from textual.app import App

_render_update = Compositor.render_update
_skipping = False
_skipped = 0
"""Frames skipped so far in this process (any app's)."""
_last_look: tuple[object, int] | None = None
"""The screen last rendered in full, and ``_skipped`` then."""


def _frame_or_nothing(
    self: Compositor,
    full: bool = False,
    screen_stack: Any = None,
    simplify: bool = False,
) -> Any:
    global _skipped
    if _skipping and not full:
        self._dirty_regions.clear()
        _skipped += 1
        return None
    return _render_update(self, full, screen_stack, simplify)


Compositor.render_update = _frame_or_nothing  # type: ignore[method-assign]

_run_test = App.run_test


@asynccontextmanager
async def _run_test_and_draw(self: App[Any], *args: Any, **kwargs: Any) -> AsyncIterator[Any]:
    async with _run_test(self, *args, **kwargs) as pilot:
        yield pilot
        # The screen the test left, once (not reached if the test failed),
        # unless the test's last look drew it and no frame came after.
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
    """Render ``app``'s screen in full, as a frame does (nothing if it is not running)."""
    if _skipping and app.is_running:
        _full_render(app)


def _full_render(app: App[Any]) -> Any:
    global _last_look
    update = _render_update(app.screen._compositor, True, app._background_screens)
    _last_look = (app.screen, _skipped)
    return update


def screen_lines(app: App[Any]) -> list[str]:
    """The text of each line of ``app``'s screen (dialogs over it included), from
    a full render as :func:`draw` makes it, read off the strips.

    The same text as ``App.export_screenshot`` shows (which renders the same
    and then prints the result to a recording console and writes it out as
    SVG): a third of the cost of a look (``ui_helpers.screen_text``). A wide
    character is one character over two cells, as on a terminal."""
    update = _full_render(app)
    return ["".join(strip.text for strip in line) for line in update.strips]
