"""A scroll view that caches its rendered lines (the virtualised lists' base)."""

from __future__ import annotations

from typing import Any

from textual import events
from textual.geometry import Size
from textual.scroll_view import ScrollView


class LineCacheView(ScrollView):
    """Lines rendered once and kept in ``_cache`` until the look can change.

    A new style (theme), size or focus changes every line, so each of them
    empties the cache; the subclass fills it in ``render_line``.
    """

    _cache: dict[Any, Any]

    def notify_style_update(self) -> None:
        self._cache.clear()
        super().notify_style_update()

    def on_resize(self, _: events.Resize) -> None:
        self._cache.clear()

    def on_focus(self, _: events.Focus) -> None:
        self._cache.clear()

    def on_blur(self, _: events.Blur) -> None:
        self._cache.clear()

    def _set_virtual_height(self, height: int) -> None:
        """Make the list ``height`` lines tall without a layout of the screen."""
        size = Size(0, height)
        if size == self.virtual_size:
            return
        if not self.container_size:
            self.virtual_size = size
            return
        # The reactive would re-layout the whole screen (tens of ms at 120x40)
        # on every move; only a scrollbar appearing or going needs a layout,
        # and the scrollbar's own reactive asks for that one.
        before = self.virtual_size.height
        self.set_reactive(ScrollView.virtual_size, size)
        if not self._bar_kept(before, height):
            self._scroll_update(size)

    def _bar_kept(self, before: int, height: int) -> bool:
        """Whether the scrollbar was brought to ``height`` (from ``before``)
        without the scroll update that redraws it; here never."""
        return False
