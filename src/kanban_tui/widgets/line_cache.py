"""A scroll view that caches its rendered lines (the virtualised lists' base)."""

from __future__ import annotations

from typing import Any

from textual import events
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
