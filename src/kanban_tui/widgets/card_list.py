"""One column's cards as a virtualised list (Textual's Line API).

Only the lines on screen are rendered, so a column of 10,000 cards costs
what a column of 10 does. Every card has the same height; the list keeps its
own cursor. Colours come from component classes, so themes restyle them.

The list may hold only a window of its column (``start``, ``cards``) and know
how many there are (``total``): it is as tall as all of them, draws a card
it does not hold as an empty slot, and asks for it (:class:`CardList.Wanted`),
as it does for the cards within :data:`MARGIN` of either end of the window.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.geometry import Region
from textual.scrollbar import ScrollBar
from textual.strip import Strip

from ..domain.due import DueState, card_due_state
from ..domain.model import Card
from .card_lines import (
    BLOCKED_MARK,
    CARD_HEIGHT,
    COMPACT_HEIGHT,
    PRIORITY_MARK,
    RISK_MARK,
    Age,
    card_age,
    card_lines,
    looks,
)
from .card_strips import bar_segments, render_card
from .line_cache import LineCacheView
from .text import literal, wrap
from .widget_message import WidgetMessage

__all__ = [
    "BLOCKED_MARK",
    "CARD_HEIGHT",
    "COMPACT_HEIGHT",
    "PRIORITY_MARK",
    "RISK_MARK",
    "CardList",
    "card_lines",
]


MARGIN = 20
"""Cards from the end of the window at which the next ones are asked for."""


class CardList(LineCacheView, can_focus=False, inherit_bindings=False):
    """The cards of one column, with a cursor.

    It never takes focus: the board (:class:`~.column.BoardColumns`) holds it
    and sends the cursor keys to the active column's list, which shows its
    cursor while :meth:`set_cursor_shown` says so.
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "card-list--card",
        "card-list--card-alt",
        "card-list--cursor",
        "card-list--cursor-blurred",
        "card-list--stripe",
        "card-list--stripe-blocked",
        "card-list--key",
        "card-list--title",
        "card-list--assignee",
        "card-list--mine",
        "card-list--label",
        "card-list--points",
        "card-list--blocked",
        "card-list--risk",
        "card-list--due",
        "card-list--due-soon",
        "card-list--due-overdue",
        "card-list--age",
        "card-list--age-stale",
        "card-list--priority-urgent",
        "card-list--priority-high",
        "card-list--priority-medium",
        "card-list--priority-low",
        "card-list--type-bug",
        "card-list--type-story",
        "card-list--type-spike",
        "card-list--empty",
    }

    DEFAULT_CSS = """
    CardList {
        height: 1fr;
        overflow-x: hidden;
        scrollbar-size-vertical: 1;
        & > .card-list--card { background: $panel; color: $foreground; }
        & > .card-list--card-alt { background: $panel-darken-2; }
        & > .card-list--cursor-blurred { background: $panel-lighten-1; }
        & > .card-list--cursor {
            background: $block-cursor-background;
            color: $block-cursor-foreground;
        }
        & > .card-list--stripe { color: $accent; }
        & > .card-list--stripe-blocked { color: $error; }
        & > .card-list--key { color: $text-muted; text-style: bold; }
        & > .card-list--title { text-style: bold; }
        & > .card-list--assignee { color: $text-secondary; }
        & > .card-list--mine { color: $text-accent; text-style: bold; }
        & > .card-list--label { color: $text-muted; }
        & > .card-list--points { background: $primary-muted; color: $text; }
        & > .card-list--blocked { color: $text-error; text-style: bold; }
        & > .card-list--risk { color: $text-warning; text-style: bold; }
        & > .card-list--due { color: $text-muted; }
        & > .card-list--due-soon { color: $text-warning; }
        & > .card-list--due-overdue { color: $text-error; text-style: bold; }
        & > .card-list--age { color: $text-muted; }
        & > .card-list--age-stale { color: $text-error; text-style: bold; }
        & > .card-list--priority-urgent { color: $text-error; text-style: bold; }
        & > .card-list--priority-high { color: $text-warning; text-style: bold; }
        & > .card-list--priority-medium { color: $text-primary; }
        & > .card-list--priority-low { color: $text-muted; }
        & > .card-list--type-bug { color: $text-error; }
        & > .card-list--type-story { color: $text-success; }
        & > .card-list--type-spike { color: $text-warning; }
        & > .card-list--empty { color: $text-muted; text-style: italic; }
    }
    """

    class Chosen(WidgetMessage["CardList"]):
        """A click on the list (or its header): make its column the active one."""

    @dataclass
    class Wanted(WidgetMessage["CardList"]):
        """The list would draw (or put the cursor on) card ``index``, which it
        does not hold: the screen reads the cards around it."""

        index: int

    @dataclass
    class Opened(WidgetMessage["CardList"]):
        """A card was double-clicked."""

        card: Card

    def __init__(
        self, column_id: int, *, me: str = "", today: date | None = None, id: str | None = None
    ) -> None:
        super().__init__(id=id)
        self.column_id = column_id
        self.me = me
        self.today = today
        """The day due marks are read against (the screen's ``ctx.today()``)."""
        self.cards: list[Card] = []
        """The cards held: the window from :attr:`start` of :attr:`total`."""
        self.start = 0
        self.total = 0
        self._asked: int | None = None
        """The index last asked for (:class:`Wanted`) and not yet shown."""
        self.linked: frozenset[str] = frozenset()
        """Keys of the cards linked to a risk; set before :meth:`show`."""
        self.cursor = 0
        self.chosen: str | None = None
        """The card the person last put the cursor on. A filter may hide it
        (the cursor then rests on :attr:`landed`)."""
        self.landed: str | None = None
        """Where the cursor rests while a filter hides :attr:`chosen`: it stays
        selected (and chosen) when the filter clears."""
        self.empty_hint: tuple[str, ...] = ("No cards", "press n to add a card")
        self._cursor_shown = False
        self.compact = False
        self._tooltip_reason: str | None = None
        """Two-line cards (:func:`~.card_lines.compact_lines`), set by :meth:`set_compact`."""
        self._height = CARD_HEIGHT
        self.key_width: int | None = None
        """The width compact keys are fitted to, one for the whole row (see
        ``BoardColumns.fit_columns``): no ``-10`` beside another's ``SCRUM-9``."""
        self._cache: dict[tuple[object, ...], list[Strip]] = {}
        self.ages = False
        """Whether the cards show their age (an in-progress column's do)."""
        self.age_limit: int | None = None
        """The board's 85th-percentile cycle time: an older card is marked (None: none is)."""

    # -- data ------------------------------------------------------------
    @property
    def current(self) -> Card | None:
        """The card under the cursor, if any."""
        return self.held(self.cursor)

    def held(self, index: int) -> Card | None:
        """Card ``index`` of the column, if the list holds it."""
        at = index - self.start
        return self.cards[at] if 0 <= at < len(self.cards) and index >= 0 else None

    def show(
        self,
        cards: list[Card],
        *,
        select: str | None = None,
        start: int = 0,
        total: int | None = None,
    ) -> None:
        """Show ``cards`` (from the ``start``-th of ``total``, by default all of
        them); the cursor goes to card ``select``, else stays on its card (or
        goes back to :attr:`chosen` when it shows again), and is in view."""
        if select is not None:
            self.chosen, self.landed = select, None
        elif self.chosen is None and self.current is not None:
            self.chosen = self.current.key
        self.cards = cards
        self.start = start
        self.total = len(cards) if total is None else max(total, start + len(cards))
        self._asked = None
        # The cache is keyed by what a card shows (``looks``): a changed card
        # misses it, the unchanged ones (most of them, after a move) are not
        # drawn again.
        index = self.index_of(self.landed) if self.landed else None
        chosen_at = self.index_of(self.chosen) if self.chosen else None
        if index is not None and chosen_at is not None:
            self.chosen = self.landed  # the filter cleared: what was seen selected stays
        if index is None:
            self.landed = None
            index = chosen_at
        self.cursor = min(self.cursor if index is None else index, max(self.total - 1, 0))
        if index is None and (current := self.current) is not None:
            self.landed = current.key
        self._set_virtual_height(self.total * self._height)
        self.refresh()
        # The selected card stays on screen (only a cursor out of view scrolls).
        if self.container_size:
            # At once, so the frame that shows the cards shows the cursor.
            self.scroll_to_cursor()
        else:
            self.call_after_refresh(self.scroll_to_cursor)

    def set_compact(self, compact: bool) -> None:
        """Show compact (two-line) or full cards; the cursor's card stays in sight."""
        if compact == self.compact:
            return
        self.compact = compact
        self._height = COMPACT_HEIGHT if compact else CARD_HEIGHT
        self._set_virtual_height(self.total * self._height)
        self.refresh()
        if self.container_size:
            self.scroll_to_cursor()

    def index_of(self, key: str) -> int | None:
        """Where card ``key`` is in the list, if it is shown."""
        board, _, number = key.rpartition("-")
        if not number.isdigit():
            return None
        wanted = int(number)
        # By number, not by ``card.key`` (a property that builds a string):
        # a column can hold thousands of cards, and each move asks.
        for index, card in enumerate(self.cards):
            if card.number == wanted and card.board_key == board:
                return self.start + index
        return None

    def _bar_kept(self, before: int, height: int) -> bool:
        if (
            self.show_vertical_scrollbar
            and height > self.container_size.height
            and bar_segments(self.vertical_scrollbar, before)
            == bar_segments(self.vertical_scrollbar, height)
        ):
            # A card more or less in a long column: the bar looks the same,
            # and drawing it again costs as much as a card list's lines.
            self.vertical_scrollbar.set_reactive(ScrollBar.window_virtual_size, height)
            self.scroll_y = self.validate_scroll_y(self.scroll_y)
            return True
        return False

    def move_cursor(self, index: int) -> None:
        if not self.total:
            return
        self.cursor = max(0, min(index, self.total - 1))
        current = self.current
        self.chosen, self.landed = (current.key if current else None), None
        if current is None:
            self.ask(self.cursor)
        self.refresh()
        self.scroll_to_cursor()

    def ask(self, index: int) -> None:
        """Ask the screen for card ``index`` (once, until cards are shown)."""
        if self._asked != index and 0 <= index < self.total:
            self._asked = index
            self.post_message(self.Wanted(self, index))

    def _look_ahead(self, index: int) -> None:
        """Drawing card ``index``: ask for it, or for the next cards when the
        window ends within :data:`MARGIN` of it."""
        end = self.start + len(self.cards)
        if not self.start <= index < end:
            self.ask(index)
        elif index >= end - MARGIN and end < self.total:
            self.ask(end)
        elif index < self.start + MARGIN and self.start > 0:
            self.ask(self.start - 1)

    def on_resize(self, _: events.Resize) -> None:
        # A smaller terminal (or a view shown again at another size) keeps
        # the selected card in view.
        self.call_after_refresh(self.scroll_to_cursor)

    def scroll_to_cursor(self) -> None:
        if self.total and self.current is None:
            self.ask(self.cursor)  # the cursor rests on a card not held
        if self.total:
            height = self._height
            region = Region(0, self.cursor * height, 1, height if self.compact else height - 1)
            self.scroll_to_region(region, animate=False, force=True, immediate=True)

    @property
    def first_visible(self) -> int:
        return int(self.scroll_y) // self._height

    def set_cursor_shown(self, shown: bool) -> None:
        """Draw the cursor as the one the keys move (else as a faint mark)."""
        if shown != self._cursor_shown:
            self._cursor_shown = shown
            self.refresh()

    # -- actions -----------------------------------------------------------
    def action_cursor(self, step: int) -> None:
        self.move_cursor(self.cursor + step)

    def action_cursor_to(self, index: int) -> None:
        self.move_cursor(index if index >= 0 else self.total - 1)

    def action_page(self, direction: int) -> None:
        per_page = max(self.scrollable_content_region.height // self._height, 1)
        self.move_cursor(self.cursor + direction * per_page)

    async def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        index = (offset.y + int(self.scroll_y)) // self._height
        self.post_message(self.Chosen(self))
        if index < self.total:
            self.move_cursor(index)
            card = self.held(index)
            if event.chain >= 2 and card is not None:
                self.post_message(self.Opened(self, card))

    def on_mouse_move(self, event: events.MouseMove) -> None:
        """Over a blocked card, the tooltip says why it is blocked."""
        offset = event.get_content_offset(self)
        index = (offset.y + int(self.scroll_y)) // self._height if offset is not None else -1
        card = self.held(index)
        reason = card.blocked if card is not None else None
        if reason != self._tooltip_reason:
            self._tooltip_reason = reason
            self.tooltip = literal(f"{BLOCKED_MARK}: {reason}") if reason else None

    def on_leave(self, _: events.Leave) -> None:
        if self._tooltip_reason is not None:
            self._tooltip_reason = None
            self.tooltip = None

    # -- rendering ---------------------------------------------------------
    def _style(self, *names: str) -> Style:
        return self.get_visual_style(*(f"card-list--{name}" for name in names)).rich_style

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        line = y + int(self.scroll_y)
        if not self.total:
            return self._empty_line(line, width)
        compact = self.compact
        index, row = divmod(line, self._height)
        if index >= self.total:
            return Strip.blank(width, self.get_visual_style().rich_style)
        if self.total > len(self.cards):
            self._look_ahead(index)
        card = self.held(index)
        if card is None or (row == CARD_HEIGHT - 1 and not compact):
            return Strip.blank(width, self.get_visual_style().rich_style)
        selected = index == self.cursor
        linked = card.key in self.linked
        # The due state is in the key so that a mark turns soon, then overdue,
        # when the day changes, though the card did not.
        due = card_due_state(card, self.today) if self.today else DueState.NONE
        # Compact cards have no gap between them: every other one is shaded.
        shade = 2 + index % 2 if compact else 0
        shown = (selected, selected and self._cursor_shown, width, linked, due, shade)
        key = (looks(card), *shown, self.key_width, self._age(card))
        strips = self._cache.get(key)
        if strips is None:
            if len(self._cache) > 512:
                self._cache.clear()
            strips = self._cache[key] = self._render_card(card, selected, width, linked, shade)
        return strips[row]

    def _age(self, card: Card) -> Age | None:
        return card_age(card, self.today, self.age_limit) if self.ages else None

    def _empty_line(self, line: int, width: int) -> Strip:
        lines = [""]
        for hint in self.empty_hint:
            lines.extend(part for part in wrap(hint, width - 2, 3) if part)
        if line < len(lines) and lines[line]:
            style = self._style("empty")
            return Strip([Segment(lines[line].center(width), style)], width)
        return Strip.blank(width, self.get_visual_style().rich_style)

    def _render_card(
        self, card: Card, selected: bool, width: int, linked: bool, shade: int = 0
    ) -> list[Strip]:
        return render_card(self, card, selected, width, linked, shade)
