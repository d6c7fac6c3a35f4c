"""A table of archived cards: key, title, column, when archived, by whom.

Rows are rebuilt from a list; the cursor stays on the card it was on (or
the row where it was, when that card has gone back to the board).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import ClassVar, Protocol

from rich.text import Text
from textual.binding import BindingType
from textual.events import Resize
from textual.widgets import DataTable

from ..domain import activity, people
from ..domain.model import Card
from .list_keys import row_table_keys
from .text import one_line

KEY_WIDTH = 8
COLUMN_WIDTH = 12
WHEN_WIDTH = 12
BY_WIDTH = 10


class Archived(Protocol):
    """One archived card as the screen read it."""

    @property
    def card(self) -> Card: ...

    @property
    def at(self) -> datetime | None: ...

    @property
    def by(self) -> str | None: ...


class ArchiveTable(DataTable[Text], inherit_bindings=False):
    """One row per archived card, most recently archived first."""

    BINDINGS: ClassVar[list[BindingType]] = row_table_keys(
        down="Next card", up="Previous card", top="First card", bottom="Last card"
    )

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=False, cell_padding=1)
        self.rows_shown: list[Archived] = []
        self.now: datetime | None = None
        self.me = ""
        self._width = 0

    @property
    def current(self) -> Archived | None:
        """The archived card under the cursor."""
        if not self.rows_shown or not 0 <= self.cursor_row < len(self.rows_shown):
            return None
        return self.rows_shown[self.cursor_row]

    def show(self, rows: Sequence[Archived], *, now: datetime, me: str) -> None:
        previous = self.current
        old_row = self.cursor_row
        self.rows_shown, self.now, self.me = list(rows), now, me
        self._rebuild()
        if not self.rows_shown:
            return
        index = min(old_row, len(self.rows_shown) - 1)
        if previous is not None:
            index = next(
                (i for i, row in enumerate(self.rows_shown) if row.card.id == previous.card.id),
                index,
            )
        self.move_cursor(row=index, animate=False)

    def _rebuild(self) -> None:
        self._width = self.size.width
        self.clear(columns=True)
        # Five columns, a cell of padding either side of each, one cell for the scrollbar.
        used = KEY_WIDTH + COLUMN_WIDTH + WHEN_WIDTH + BY_WIDTH + 10 + 1
        title = max(self.size.width - used, 16)
        self.add_column(Text("Key"), width=KEY_WIDTH, key="key")
        self.add_column(Text("Title"), width=title, key="title")
        self.add_column(Text("Column"), width=COLUMN_WIDTH, key="column")
        self.add_column(Text("Archived"), width=WHEN_WIDTH, key="when")
        self.add_column(Text("By"), width=BY_WIDTH, key="by")
        for row in self.rows_shown:
            card = row.card
            if row.at is None or self.now is None:
                when = "-"
            else:
                when = activity.when(row.at.astimezone(), self.now)
            by = one_line(row.by or "-")
            cells = [
                Text(card.key, style="bold", no_wrap=True),
                Text(one_line(card.title), no_wrap=True, overflow="ellipsis"),
                Text(one_line(card.column), no_wrap=True, overflow="ellipsis"),
                Text(when, style="dim", no_wrap=True, overflow="ellipsis"),
                Text(
                    by,
                    style="bold" if people.same(row.by, self.me) else "",
                    no_wrap=True,
                    overflow="ellipsis",
                ),
            ]
            self.add_row(*cells, key=str(card.id))

    def on_resize(self, event: Resize) -> None:
        if event.size.width != self._width and self.rows_shown:
            row = self.cursor_row
            self._rebuild()
            self.move_cursor(row=min(row, len(self.rows_shown) - 1), animate=False)
