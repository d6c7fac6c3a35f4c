"""A table of events, newest first: when, who, what. Used by the Activity
screen and by a card's history.

Rows are rebuilt from a list of events; the cursor stays on the event it was
on, and the rows under it stay where they were on screen unless the table
was scrolled to the top, where newly arrived events are meant to be seen.
Older events (the Activity screen's next page) are appended: the rows
already there are left as they are.
"""

from __future__ import annotations

from datetime import datetime
from typing import ClassVar

from rich.text import Text
from textual.binding import BindingType
from textual.events import Resize
from textual.widgets import DataTable

from ..domain import activity, people
from ..domain.model import Event
from .list_keys import row_table_keys
from .text import one_line

WHEN_WIDTH = 12
WHO_WIDTH = (4, 12)
"""The Who column fits the longest name shown, within these bounds."""


class ActivityTable(DataTable[Text], inherit_bindings=False):
    """One row per event; ``events`` holds them in the order shown."""

    BINDINGS: ClassVar[list[BindingType]] = row_table_keys(
        down="Next (older) event",
        up="Previous (newer) event",
        top="Newest event",
        bottom="Oldest event",
    )

    def __init__(self, *, wrap: bool = False, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=False, cell_padding=1)
        self.wrap = wrap
        """Long sentences take more lines (a history) instead of ending in an ellipsis."""
        self.events: list[Event] = []
        self.lines: dict[int, str] = {}
        self.me = ""
        self.now: datetime | None = None
        self._width = 0
        self._what = 20

    @property
    def current(self) -> Event | None:
        """The event under the cursor."""
        if not self.events or not 0 <= self.cursor_row < len(self.events):
            return None
        return self.events[self.cursor_row]

    def show(self, events: list[Event], lines: dict[int, str], *, now: datetime, me: str) -> None:
        """Show ``events`` (``lines``: each one's sentence by event id)."""
        previous = self.current
        old_row = self.cursor_row
        old_scroll = self.scroll_y
        self.events, self.lines, self.now, self.me = list(events), dict(lines), now, me
        self._rebuild()
        if not events:
            return
        index = 0
        # At the top on the newest event, one watches what comes in: the
        # cursor stays on the newest, and nothing scrolls.
        if previous is not None and not (old_scroll == 0 and old_row == 0):
            index = next(
                (i for i, event in enumerate(events) if event.id == previous.id),
                min(old_row, len(events) - 1),
            )
        self.move_cursor(row=index, animate=False, scroll=False)
        # At the top the newest events are what one watches: stay there.
        scroll = 0 if old_scroll == 0 else max(0, old_scroll + index - old_row)
        self.call_after_refresh(self._restore_scroll, scroll, index)

    def append(self, events: list[Event], lines: dict[int, str]) -> None:
        """Add ``events``, older than those shown, at the end; the rows above,
        the cursor and the scroll stay as they are (the Who column keeps its
        width: a longer name ends in an ellipsis). Call after :meth:`show`."""
        self.events.extend(events)
        self.lines.update(lines)
        self._add_rows(events)

    def _restore_scroll(self, scroll: float, index: int) -> None:
        self.scroll_to(y=scroll, animate=False, immediate=True)
        if self.has_focus or self.cursor_row != index:
            self.move_cursor(row=index, animate=False, scroll=True)

    def _rebuild(self) -> None:
        self._width = self.size.width
        self.clear(columns=True)
        longest = max((len(one_line(event.actor)) for event in self.events), default=0)
        who = max(WHO_WIDTH[0], min(longest, WHO_WIDTH[1]))
        # Each column takes its width plus a cell of padding either side; one
        # cell is left for the vertical scrollbar.
        used = WHEN_WIDTH + 2 + who + 2 + 2 + 1
        what = self._what = max(self.size.width - used, 20)
        self.add_column(Text("When"), width=WHEN_WIDTH, key="when")
        self.add_column(Text("Who"), width=who, key="who")
        self.add_column(Text("What"), width=what, key="what")
        self._add_rows(self.events)

    def _add_rows(self, events: list[Event]) -> None:
        now = self.now
        what = self._what
        rows = []
        for event in events:
            moment = event.at.astimezone()
            when = activity.when(moment, now) if now is not None else moment.isoformat()
            cells = [Text(when, style="dim", no_wrap=True, overflow="ellipsis")]
            style = "bold" if people.same(event.actor, self.me) else ""
            cells.append(
                Text(one_line(event.actor), style=style, no_wrap=True, overflow="ellipsis")
            )
            line = self.lines.get(event.id) or activity.describe(
                event.entity, event.key, event.action, event.data
            )
            cells.append(what_text(line, event.key, wrap=self.wrap))
            rows.append(cells)
        for event, cells in zip(events, rows, strict=True):
            # None: as many lines as the row needs, which the table measures by
            # rendering it; a sentence that fits its column needs one (and at
            # 500 rows that measuring was most of the time to open the screen).
            fits = not self.wrap or cells[2].cell_len <= what
            self.add_row(*cells, key=str(event.id), height=1 if fits else None)

    def on_resize(self, event: Resize) -> None:
        if event.size.width != self._width and self.events:
            current = self.current
            self._rebuild()
            if current is not None:
                index = next(i for i, e in enumerate(self.events) if e.id == current.id)
                self.move_cursor(row=index, animate=False)


def what_text(line: str, key: str, *, wrap: bool = False) -> Text:
    """The sentence, its key in bold; user text in it is shown as it is."""
    text = Text(one_line(line), no_wrap=not wrap, overflow="fold" if wrap else "ellipsis")
    shown = one_line(key)
    if shown:
        start = text.plain.find(shown)
        if start >= 0:
            text.stylize("bold", start, start + len(shown))
    return text
