"""The Backlog screen's one list: sprint sections, then the ranked backlog.

A Line-API ScrollView like :class:`CardList`: only the lines on screen are
rendered, so a backlog of thousands of cards costs what a short one does.
Every line is one row (a heading, a goal, a card, a hint or a gap); the
cursor lands only on headings and cards. Colours come from component
classes, so themes restyle them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import BindingType
from textual.geometry import Region
from textual.strip import Strip

from .backlog_rows import (
    CARD,
    GOAL,
    HEADER,
    HINT,
    SECTION,
    SELECTABLE,
    SLOT,
    STATUS_MAX,
    TIP,
    Anchor,
    Part,
    Plan,
    PlanSection,
    Row,
    card_parts,
    goal_parts,
    header_parts,
    hint_parts,
    tip_parts,
    width_of,
)
from .line_cache import LineCacheView
from .list_keys import cursor_keys
from .widget_message import WidgetMessage

MARGIN = 20
"""Rows from a blank slot at which the backlog's next cards are asked for."""


class PlanList(LineCacheView, can_focus=True, inherit_bindings=False):
    """Rows of the plan with a cursor on a heading or a card."""

    BINDINGS: ClassVar[list[BindingType]] = cursor_keys("row")

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "plan-list--row",
        "plan-list--band",
        "plan-list--cursor",
        "plan-list--cursor-blurred",
        "plan-list--stripe",
        "plan-list--stripe-blocked",
        "plan-list--fold",
        "plan-list--name",
        "plan-list--tag",
        "plan-list--tag-active",
        "plan-list--overdue",
        "plan-list--dates",
        "plan-list--count",
        "plan-list--points",
        "plan-list--velocity",
        "plan-list--over",
        "plan-list--unestimated",
        "plan-list--goal-label",
        "plan-list--goal",
        "plan-list--no-goal",
        "plan-list--hint",
        "plan-list--label",
        "plan-list--key",
        "plan-list--title",
        "plan-list--title-done",
        "plan-list--done",
        "plan-list--blocked",
        "plan-list--due",
        "plan-list--due-soon",
        "plan-list--due-overdue",
        "plan-list--status",
        "plan-list--status-done",
        "plan-list--assignee",
        "plan-list--mine",
        "plan-list--type-bug",
        "plan-list--type-story",
        "plan-list--type-spike",
        "plan-list--priority-urgent",
        "plan-list--priority-high",
        "plan-list--priority-medium",
        "plan-list--priority-low",
    }

    @dataclass
    class Opened(WidgetMessage["PlanList"]):
        """A row was double-clicked."""

        row: Row

    @dataclass
    class Wanted(WidgetMessage["PlanList"]):
        """Backlog card ``index`` is not held (a slot) and drawn or near: read it."""

        index: int

    @dataclass
    class FoldClicked(WidgetMessage["PlanList"]):
        """The fold mark of a heading was clicked."""

        row: Row

    def __init__(self, *, me: str = "", id: str | None = None) -> None:
        super().__init__(id=id)
        self.me = me
        self.plan: Plan | None = None
        self.rows: list[Row] = []
        self.cursor = 0
        self.chosen: Anchor | None = None
        """The row the person last put the cursor on. A filter may hide it (the
        cursor rests on the nearest row shown); once it shows again the cursor
        goes back to it."""
        self._key_width = 6
        self._status_width = 0
        self._cache: dict[tuple[Row, bool, int], Strip] = {}
        self._styles: dict[tuple[str, ...], Style] = {}
        """The component styles the cached lines were drawn with (a screenful
        of cards asks for some 300, of about 20 kinds)."""
        self._base = 0
        """The row of the backlog's first card (its slots counted)."""
        self._asked: int | None = None

    # -- data --------------------------------------------------------------
    @property
    def current(self) -> Row | None:
        return self.rows[self.cursor] if 0 <= self.cursor < len(self.rows) else None

    @property
    def current_card(self) -> Row | None:
        row = self.current
        return row if row is not None and row.kind == CARD else None

    def anchor_of(self, row: Row | None = None) -> Anchor | None:
        """What the cursor stays on across a rebuild: a card's key, or a
        section's sprint number (None: the backlog). Defaults to the cursor's row."""
        row = row if row is not None else self.current
        if row is None or self.plan is None:
            return None
        if row.kind == SLOT:
            return (SLOT, self.cursor)
        if row.card is not None:
            return (CARD, row.card.key)
        return (SECTION, self.plan.sections[row.section].number)

    def show(self, plan: Plan, *, select: Anchor | None = None) -> None:
        """Show ``plan``; the cursor goes to ``select``, else stays on its row
        (or goes back to :attr:`chosen` when it shows again), and is in view."""
        old = self.anchor_of()
        if select is not None:
            self.chosen = select
        elif self.chosen is None:
            self.chosen = old
        keep = self.chosen
        self.plan = plan
        self.rows = plan.rows()
        self._asked = None
        last = len(plan.sections) - 1
        self._base = next(
            (i for i, r in enumerate(self.rows) if r.section == last and r.kind in (CARD, SLOT)),
            len(self.rows),
        )
        self._key_width = plan.key_width()
        names = [card.column for section in plan.sections for card in section.cards[:200]]
        self._status_width = min(max((len(name) for name in names), default=0), STATUS_MAX)
        self._cache.clear()
        index = self._find(keep) if keep else None
        if index is None:
            index = self._nearest(min(self.cursor, len(self.rows) - 1))
        self.cursor = index
        self._set_virtual_height(len(self.rows))
        self.refresh()
        # The selected row stays on screen (only a cursor out of view scrolls).
        self.call_after_refresh(self.scroll_to_cursor)

    def on_resize(self, _: events.Resize) -> None:
        self.call_after_refresh(self.scroll_to_cursor)

    def _find(self, anchor: Anchor) -> int | None:
        plan = self.plan
        if plan is None:
            return None
        kind, value = anchor
        if kind == SLOT:
            at = value if isinstance(value, int) else -1
            return at if 0 <= at < len(self.rows) and self.rows[at].kind in (SLOT, CARD) else None
        if kind == CARD:
            return next(
                (i for i, r in enumerate(self.rows) if r.card is not None and r.card.key == value),
                None,
            )
        return next(
            (
                i
                for i, r in enumerate(self.rows)
                if r.kind == HEADER and plan.sections[r.section].number == value
            ),
            None,
        )

    def _nearest(self, index: int) -> int:
        """The selectable row at ``index`` or the closest one below, else above."""
        if not self.rows:
            return 0
        index = max(0, min(index, len(self.rows) - 1))
        for i in range(index, len(self.rows)):
            if self.rows[i].kind in SELECTABLE:
                return i
        for i in range(index, -1, -1):
            if self.rows[i].kind in SELECTABLE:
                return i
        return 0

    def select_row(self, index: int) -> None:
        if not self.rows:
            return
        index = max(0, min(index, len(self.rows) - 1))
        self.cursor = self._nearest(index)
        self.chosen = self.anchor_of()
        self.refresh()
        self.scroll_to_cursor()

    def select_anchor(self, anchor: Anchor) -> bool:
        index = self._find(anchor)
        if index is None:
            return False
        self.select_row(index)
        return True

    def scroll_to_cursor(self) -> None:
        # Which keys apply depends on the cursor's row (a card, a heading).
        self.refresh_bindings()
        if not self.rows:
            return
        row = self.rows[self.cursor]
        if row.kind == SLOT:
            self._look_ahead(self.cursor)  # the cursor rests on a card not held
        top = self.cursor
        if row.kind == HEADER:
            # Show the goal line with its heading, and the gap above it.
            top = max(self.cursor - 1, 0)
            region = Region(0, top, 1, 3)
        else:
            region = Region(0, top, 1, 1)
        self.scroll_to_region(region, animate=False, force=True, immediate=True)

    # -- actions -------------------------------------------------------------
    def action_cursor(self, step: int) -> None:
        index = self.cursor + step
        while 0 <= index < len(self.rows) and self.rows[index].kind not in SELECTABLE:
            index += step
        if 0 <= index < len(self.rows):
            self.cursor = index
            self.chosen = self.anchor_of()
            self.refresh()
            self.scroll_to_cursor()
        elif step < 0:
            self.scroll_home(animate=False, immediate=True)

    def action_cursor_to(self, index: int) -> None:
        if index >= 0:
            self.select_row(index)
            return
        last = next(
            (i for i in range(len(self.rows) - 1, -1, -1) if self.rows[i].kind in SELECTABLE), None
        )
        if last is not None:
            self.cursor = last
            self.chosen = self.anchor_of()
            self.refresh()
            self.scroll_to_cursor()

    def action_page(self, direction: int) -> None:
        per_page = max(self.scrollable_content_region.height - 1, 1)
        self.select_row(self.cursor + direction * per_page)

    def section_rows(self) -> list[int]:
        """Indexes of the heading rows, top to bottom."""
        return [i for i, row in enumerate(self.rows) if row.kind == HEADER]

    async def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        index = offset.y + int(self.scroll_y)
        if not 0 <= index < len(self.rows):
            return
        row = self.rows[index]
        if row.kind == HEADER and offset.x <= 2:
            self.cursor = index
            self.chosen = self.anchor_of()
            self.post_message(self.FoldClicked(self, row))
            return
        if row.kind not in SELECTABLE:
            return
        self.cursor = index
        self.chosen = self.anchor_of()
        self.refresh()
        self.refresh_bindings()
        if event.chain >= 2:
            self.post_message(self.Opened(self, row))

    # -- rendering -------------------------------------------------------------
    def _style(self, *names: str) -> Style:
        style = self._styles.get(names)
        if style is None:
            classes = (f"plan-list--{name}" for name in names)
            style = self._styles[names] = self.get_visual_style(*classes).rich_style
        return style

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        index = y + int(self.scroll_y)
        if self.plan is None or not 0 <= index < len(self.rows):
            return Strip.blank(width, self.get_visual_style().rich_style)
        row = self.rows[index]
        if row.kind in (SLOT, CARD) and index >= self._base:
            self._look_ahead(index)
        selected = index == self.cursor
        key = (row, selected, width)
        strip = self._cache.get(key)
        if strip is None:
            if len(self._cache) > 1024:
                self._cache.clear()
            strip = self._cache[key] = self._render_row(row, selected, width)
        return strip

    def _look_ahead(self, index: int) -> None:
        """At backlog row ``index``: ask for it if a slot, else a slot ``MARGIN`` away."""
        rows = self.rows
        for at in (index, index + MARGIN, index - MARGIN):
            if self._base <= at < len(rows) and rows[at].kind == SLOT:
                if self._asked != at:
                    self._asked = at
                    self.post_message(self.Wanted(self, at - self._base))
                return

    def _render_row(self, row: Row, selected: bool, width: int) -> Strip:
        plan = self.plan
        assert plan is not None
        if not self._cache:
            # Whatever can restyle a line (a theme, focus, size, a new plan)
            # empties the line cache: the styles go with it.
            self._styles.clear()
        section = plan.sections[row.section]
        band = row.kind in (HEADER, GOAL)
        names: tuple[str, ...] = ("band",) if band else ("row",)
        if selected:
            names += ("cursor",) if self.has_focus else ("cursor-blurred",)
        cursor = selected and self.has_focus
        base = self._style(*names)
        inner = max(width - 3, 1)
        blocked = row.card is not None and bool(row.card.blocked)
        if blocked:
            edge = Segment("▌", self._style(*names, "stripe-blocked"))
        elif cursor:
            edge = Segment("▌", self._style(*names, "stripe"))
        else:
            edge = Segment(" ", base)
        left, right = self._parts(row, section, inner)

        def style(part: str) -> Style:
            if not part:
                return base
            if not cursor:
                return self._style(*names, part)
            key = ("", *names, part)  # "": the cursor's row keeps only bold and italic
            on_cursor = self._styles.get(key)
            if on_cursor is None:
                own = self._style(*names, part)
                on_cursor = self._styles[key] = base + Style(bold=own.bold, italic=own.italic)
            return on_cursor

        segments = [edge, Segment(" ", base)]
        segments += [Segment(text, style(part)) for text, part in left]
        left_width, right_width = width_of(left), width_of(right)
        gap = inner - left_width - right_width
        length = 2 + left_width
        if right and gap >= 1:
            segments.append(Segment(" " * gap, base))
            segments += [Segment(text, style(part)) for text, part in right]
            length += gap + right_width
        return Strip(segments, length).adjust_cell_length(width, base)

    def _parts(self, row: Row, section: PlanSection, width: int) -> tuple[list[Part], list[Part]]:
        plan = self.plan
        assert plan is not None
        if row.kind == HEADER:
            return header_parts(
                section,
                width,
                folded=section.number in plan.folded,
                shown=plan.shown(row.section),
                mean=plan.mean_velocity,
                today=plan.today,
                done_columns=plan.done_columns,
            )
        if row.kind == GOAL:
            return goal_parts(section, width), []
        if row.kind == HINT:
            return hint_parts(section, width, filtered=plan.filtering), []
        if row.kind == TIP:
            return tip_parts(width), []
        if row.kind == CARD and row.card is not None:
            return (
                card_parts(
                    row.card,
                    width,
                    key_width=self._key_width,
                    status_width=self._status_width,
                    me=self.me,
                    done=plan.is_done(row.card),
                    today=plan.today,
                ),
                [],
            )
        return [], []
