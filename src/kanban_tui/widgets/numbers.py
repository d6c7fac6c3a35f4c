"""A line of figures under a chart, folded between its items to the width.

The Reports' "Today  To Do 3  ·  In Progress 2  ·  ..." holds one item per
column; a board of six long column names is wider than the screen, and
Textual's wrapping breaks at any space, so a column's name ended one line
and its count began the next. Here a line breaks only between items, the
next line starting under the first item.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.content import Content
from textual.widgets import Static

SEPARATOR = Content.styled("  ·  ", "$text-muted")


@dataclass(frozen=True)
class Items:
    """A lead (``Today``) and the items after it, each kept whole."""

    lead: Content
    items: tuple[Content, ...]

    def folded(self, width: int) -> Content:
        lines: list[Content] = []
        line = self.lead
        indent = Content(" " * self.lead.cell_length)
        room = max(width - indent.cell_length, 1)
        for index, item in enumerate(self.items):
            if item.cell_length > room:  # alone on a line it would still wrap inside
                item = item.truncate(room, ellipsis=True)
            joined = line + item if index == 0 else line + SEPARATOR + item
            if index and joined.cell_length > width:
                lines.append(line)
                line = indent + item
            else:
                line = joined
        lines.append(line)
        return Content("\n").join(lines)


class Numbers(Static):
    """A Static that also shows :class:`Items`, folded again when its width changes."""

    _items: Items | None = None

    def show(self, numbers: Content | Items) -> None:
        self._items = numbers if isinstance(numbers, Items) else None
        self.update(numbers.folded(self._width()) if isinstance(numbers, Items) else numbers)

    def on_resize(self) -> None:
        if self._items is not None:
            self.update(self._items.folded(self._width()))

    def _width(self) -> int:
        """The width to fold to: its own once laid out, else the screen's less a margin."""
        return self.content_region.width or max(self.app.size.width - 6, 20)
