"""A board column: its header (name, count, WIP limit) above its card list."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import HorizontalScroll, Vertical
from textual.content import Content
from textual.widget import Widget

from ..domain.model import Card, Column
from ..formatting import plural
from .card_list import CardList
from .column_title import header_text
from .list_keys import cursor_keys
from .widget_message import WidgetMessage


class ColumnHeader(Widget):
    """``name count/limit`` (WIP rule 5), coloured at and over the limit, and
    marked while its column is the active one."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"column-header--active"}
    DEFAULT_CSS = """
    ColumnHeader {
        height: 1;
        & > .column-header--active { background: $primary-muted; }
    }
    """

    def __init__(self) -> None:
        super().__init__()
        self.column: Column | None = None
        self.points = 0
        self.shown: int | None = None
        self.own: int | None = None
        self._active = False

    @property
    def active(self) -> bool:
        """Whether the header is marked as the column the keys act on."""
        return self._active

    def set_active(self, active: bool) -> None:
        # Drawn by render, not a CSS class: a class change restyles the
        # widget through the whole stylesheet, a few ms on every step.
        if active != self._active:
            self._active = active
            self.refresh()

    def update(
        self, column: Column, points: int, shown: int | None, own: int | None = None
    ) -> None:
        """``own``: the Sprint screen's own cards in the column, shown beside
        the WIP count, which counts every card of the column."""
        self.column = column
        self.points = points
        self.shown = shown
        self.own = own
        self.set_class(column.at_limit, "-at-limit")
        self.set_class(column.over_limit, "-over-limit")
        note = f"; {plural(own, 'card')} of them in the sprint" if own is not None else ""
        self.tooltip = self._describe(column) + note
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
            parent.cards.post_message(CardList.Chosen(parent.cards))

    def render(self) -> Content:
        line = Content.assemble(" ", self._text(max(self.content_size.width - 2, 0)), " ")
        if self._active:
            line = line.stylize_before(self.get_visual_style("column-header--active"))
        return line

    def _text(self, width: int) -> Content:
        column = self.column
        if column is None:
            return Content("")
        extra = f"{self.points:,} pt" if self.shown is None and self.points else ""
        own = self.own if column.wip_limit is not None else None
        count = column.count if column.wip_limit is not None or self.own is None else self.own
        left, right = header_text(
            column.name, count, column.wip_limit, width, own=own, extra=extra, shown=self.shown
        )
        if not right:
            return Content.styled(left, "bold")
        gap = width - cell_len(left) - cell_len(right)
        return Content.assemble((left, "bold"), " " * gap, (right, "$text-muted"))


class ColumnView(Vertical):
    """One column of the board; its card list does the work."""

    def __init__(self, column: Column, *, me: str) -> None:
        super().__init__(id=f"column-{column.id}", classes="column")
        self.column = column
        self.me = me
        self.header = ColumnHeader()
        self.cards = CardList(column.id, me=me)

    def compose(self) -> ComposeResult:
        yield self.header
        yield self.cards

    def set_active(self, active: bool, focused: bool) -> None:
        """Show whether the card keys act here (``focused``: and the board has focus)."""
        self.header.set_active(active and focused)
        self.cards.set_cursor_shown(active and focused)

    def show(
        self,
        column: Column,
        cards: list[Card],
        *,
        filtered: bool,
        select: str | None = None,
        points: int | None = None,
        start: int = 0,
        total: int | None = None,
    ) -> None:
        """Show the column's (filtered) cards; ``column.count`` is the unfiltered count.

        ``points``: the column's points, when the caller keeps them (else summed here).
        ``start`` and ``total``: ``cards`` are a window, from the ``start``-th
        of ``total`` (those that pass the filter).
        """
        self.column = column
        shown = len(cards) if total is None else total
        if filtered:
            points = 0
        elif points is None:
            points = sum(card.points or 0 for card in cards)
        self.header.update(column, points, shown if filtered else None)
        card_list = self.cards
        if filtered and column.count:
            card_list.empty_hint = ("No card matches", "esc clears the filter")
        else:
            card_list.empty_hint = ("No cards", "press n to add a card")
        card_list.show(cards, select=select, start=start, total=shown)


class BoardColumns(HorizontalScroll, can_focus=True, inherit_bindings=False):
    """The row of columns, and the board's one focus.

    The columns share the width, down to ``MIN_WIDTH`` each, and past that
    the row scrolls sideways. One column is *active*: the card keys act on
    its card list. Stepping to another column, or a card moving and the
    cursor following it, changes the active column, not Textual's focus:
    a focus change repaints the whole screen, an active column only itself
    and the one it leaves.
    """

    BINDINGS: ClassVar[list[BindingType]] = cursor_keys("card")

    MIN_WIDTH = 18
    CARD_CHROME = 4
    """Cells of a column that a card's text does not get (edge, padding, scrollbar)."""
    GAP = 1

    @dataclass
    class Activated(WidgetMessage["BoardColumns"]):
        """Another column became the active one (a key, a click, a card moved)."""

        view: ColumnView

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._active: ColumnView | None = None
        self._step = 0
        """Cells from one column's left edge to the next's (see :meth:`fit_columns`)."""
        self._per_screen = 1
        """How many whole columns the width shows."""

    # -- the active column -------------------------------------------------------
    @property
    def views(self) -> list[ColumnView]:
        return list(self.query_children(ColumnView))

    @property
    def active(self) -> ColumnView | None:
        """The column the card keys act on (the first one until another is chosen)."""
        if self._active is not None and self._active.parent is self:
            return self._active
        views = self.views
        if views:
            self.activate(views[0], scroll=False)
            return self._active
        return None

    def activate(self, view: ColumnView, *, scroll: bool = True) -> None:
        """Make ``view`` the active column, scrolled into sight."""
        old = self._active
        if view is not old:
            self._active = view
            for each in (old, view):
                if each is not None and each.parent is self:
                    each.set_active(each is view, self.has_focus)
            self.post_message(self.Activated(self, view))
        if scroll:
            self.align()

    def _show_focus(self, focused: bool) -> None:
        # From the events, not ``has_focus``: this class's handlers run before
        # Widget's, which set it.
        active = self.active
        if active is not None:
            active.set_active(True, focused)

    def watch_has_focus(self, has_focus: bool) -> None:
        # Widget's watcher restyles this node and every node under it: the
        # whole board, each card list with its component classes (some 60 ms
        # on a 2-core machine, at every dialog opened or closed, and at quit).
        # No rule styles what is under the board by the board's focus (the
        # active column shows it with classes: set_active), so only this
        # node's own styles can change. A ``BoardColumns:focus X`` rule would
        # need Widget's watcher back.
        self.app.stylesheet.update_nodes([self], animate=True)

    def on_focus(self) -> None:
        self._show_focus(True)

    def on_blur(self) -> None:
        self._show_focus(False)

    # -- the keys, on the active column's card list ---------------------------------
    def action_cursor(self, step: int) -> None:
        if (view := self.active) is not None:
            view.cards.action_cursor(step)

    def action_cursor_to(self, index: int) -> None:
        if (view := self.active) is not None:
            view.cards.action_cursor_to(index)

    def action_page(self, direction: int) -> None:
        if (view := self.active) is not None:
            view.cards.action_page(direction)

    def on_card_list_chosen(self, message: CardList.Chosen) -> None:
        """A click on a card or a header: that column becomes the active one."""
        message.stop()
        view = message.widget.parent
        if isinstance(view, ColumnView):
            self.activate(view)
            self.focus()

    # -- width -----------------------------------------------------------------------
    def on_resize(self) -> None:
        self.fit_columns()

    def fit_columns(self) -> None:
        """Share the width among the columns. Past ``MIN_WIDTH`` each, as many
        whole columns as fit fill the width exactly (the last one takes the
        odd cells), so every scroll position the row lands on starts at a
        column's left edge."""
        # Done here rather than with `1fr` + `min-width`: fractions inside a
        # scrolling container resolve against its whole width, not the share.
        views = self.views
        if not views:
            return
        width = self.size.width
        per_screen = len(views)
        room = width - self.GAP * (len(views) - 1)
        each, extra = divmod(room, len(views))
        last_extra = 0
        if each < self.MIN_WIDTH:
            per_screen = max((width + self.GAP) // (self.MIN_WIDTH + self.GAP), 1)
            each, last_extra = divmod(width - self.GAP * (per_screen - 1), per_screen)
            each, extra = max(each, self.MIN_WIDTH), 0
            last_extra = last_extra if each + self.GAP <= width else 0
        self._step = each + self.GAP
        self._per_screen = per_screen
        for index, view in enumerate(views):
            # The card width inside the narrowest column (a scrollbar and the
            # card's edge and padding aside): every column fits keys alike.
            view.cards.key_width = each - self.CARD_CHROME
            last = index == len(views) - 1
            view.styles.width = each + (1 if index < extra else 0) + (last_extra if last else 0)
            view.styles.margin = (0, 0 if last else self.GAP, 0, 0)
        self.call_after_refresh(self.align)

    def align(self) -> None:
        """Scroll sideways to a column's left edge, the active column in sight
        (after columns are added, removed or resized, or another is active)."""
        views = self.views
        active = self._active
        if not views or self._step <= 0:
            return
        index = views.index(active) if active in views else 0
        first = round(self.scroll_x / self._step)
        first = min(max(first, index - self._per_screen + 1), index)
        first = max(min(first, len(views) - self._per_screen), 0)
        self.scroll_to(x=first * self._step, animate=False, immediate=True)
