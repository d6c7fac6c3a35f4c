"""A board column: its header (name, count, WIP limit) above its card list."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import HorizontalScroll, Vertical
from textual.content import Content
from textual.widget import Widget

from ..domain.model import Card, Column
from ..formatting import plural
from .card_list import CardList
from .text import fit, one_line


class ColumnHeader(Widget):
    """``name count/limit`` (WIP rule 5), coloured at and over the limit."""

    DEFAULT_CSS = """
    ColumnHeader {
        height: 1;
        padding: 0 1;
    }
    """

    def __init__(self) -> None:
        super().__init__()
        self.column: Column | None = None
        self.points = 0
        self.shown: int | None = None
        self.note = ""

    def update(self, column: Column, points: int, shown: int | None, note: str = "") -> None:
        """``note`` replaces the points on the right (e.g. "2 in sprint")."""
        self.column = column
        self.points = points
        self.shown = shown
        self.note = note
        self.set_class(column.at_limit, "-at-limit")
        self.set_class(column.over_limit, "-over-limit")
        self.tooltip = self._describe(column) + (f"; {note}" if note else "")
        self.refresh()

    @staticmethod
    def _describe(column: Column) -> str:
        if column.wip_limit is None:
            return f"{plural(column.count, 'card')}, no WIP limit (press w to set one)"
        state = (
            "over its WIP limit"
            if column.over_limit
            else "at its WIP limit"
            if column.at_limit
            else "under its WIP limit"
        )
        return f"{plural(column.count, 'card')} of a WIP limit of {column.wip_limit}: {state}"

    def on_click(self) -> None:
        parent = self.parent
        if isinstance(parent, ColumnView):
            parent.cards.focus()

    def render(self) -> Content:
        if self.column is None:
            return Content("")
        width = self.content_size.width
        header = fit(one_line(self.column.header), width)
        if self.column.over_limit:
            header = fit(header + " ▲", width)
        extra = self.note or (
            f"{self.shown} shown" if self.shown is not None else f"{self.points} pt"
        )
        gap = width - len(header) - len(extra)
        if gap < 2 or (self.shown is None and not self.points and not self.note):
            return Content.styled(header, "bold")
        return Content.assemble((header, "bold"), " " * gap, (extra, "$text-muted"))


class ColumnView(Vertical):
    """One column of the board; its card list does the work."""

    def __init__(self, column: Column, *, me: str) -> None:
        super().__init__(id=f"column-{column.id}", classes="column")
        self.column = column
        self.me = me

    def compose(self) -> ComposeResult:
        yield ColumnHeader()
        yield CardList(self.column.id, me=self.me)

    @property
    def header(self) -> ColumnHeader:
        return self.query_one(ColumnHeader)

    @property
    def cards(self) -> CardList:
        return self.query_one(CardList)

    def show(
        self,
        column: Column,
        cards: list[Card],
        *,
        filtered: bool,
        select: str | None = None,
    ) -> None:
        """Show the column's (filtered) cards; ``column.count`` is the unfiltered count."""
        self.column = column
        points = sum(card.points or 0 for card in cards) if not filtered else 0
        self.header.update(column, points, len(cards) if filtered else None)
        card_list = self.cards
        if filtered and column.count:
            card_list.empty_hint = ("No card matches", "esc clears the filter")
        else:
            card_list.empty_hint = ("No cards", "press n to add a card")
        card_list.show(cards, select=select)


class BoardColumns(HorizontalScroll, can_focus=False, inherit_bindings=False):
    """The row of columns: they share the width, down to ``MIN_WIDTH`` each,
    and past that the row scrolls sideways.

    Arrow keys belong to the board's focus moves, not to scrolling, hence no
    inherited bindings.
    """

    MIN_WIDTH = 18
    GAP = 1

    def on_resize(self) -> None:
        self.fit_columns()

    def fit_columns(self) -> None:
        # Done here rather than with `1fr` + `min-width`: fractions inside a
        # scrolling container resolve against its whole width, not the share.
        views = list(self.query_children(ColumnView))
        if not views:
            return
        room = self.size.width - self.GAP * (len(views) - 1)
        each, extra = divmod(room, len(views))
        if each < self.MIN_WIDTH:
            each, extra = self.MIN_WIDTH, 0
        for index, view in enumerate(views):
            view.styles.width = each + (1 if index < extra else 0)
            view.styles.margin = (0, self.GAP if index < len(views) - 1 else 0, 0, 0)
