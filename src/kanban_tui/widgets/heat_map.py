"""The 5x5 risk heat map: probability rows (5 at the top), impact columns (1-5).

Each cell shows how many risks sit in it, on its severity band's colour.
A cursor moves over the cells (the arrows); enter, space or a click
chooses the cell, which the screen turns into a filter of its table.
Colours come from component classes, so themes restyle them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.widget import Widget

from ..domain import risks as rules
from ..domain.risks import IMPACT_WORDS, PROBABILITY_WORDS, SCALE
from ..domain.risks import HeatMap as Grid
from .text import fit
from .widget_message import WidgetMessage

Cell = tuple[int, int]
"""(probability, impact)"""

EMPTY: Grid = tuple(tuple(0 for _ in SCALE) for _ in SCALE)
TALL = (34, 56)
"""Screen heights from which a cell is two, then three lines high."""
SHORT_IMPACT = ("neg", "min", "mod", "maj", "sev")
GAP = 1


@dataclass(frozen=True)
class Layout:
    """Where things go in a map of a given size."""

    label: int
    """Width of the probability labels."""
    cell: int
    """Width of a cell."""
    rows: int
    """Height of a cell."""
    numbered: bool
    """Labels carry the rating (``likely 4``) as well as the word."""

    @property
    def left(self) -> int:
        """The x of the first cell."""
        return self.label + GAP

    def cell_at(self, x: int, y: int) -> Cell | None:
        """The cell under content offset ``(x, y)`` (row 0 is the header)."""
        if y < 1 or x < self.left:
            return None
        row, column = (y - 1) // self.rows, (x - self.left) // (self.cell + GAP)
        if row >= len(SCALE) or column >= len(SCALE):
            return None
        return len(SCALE) - row, column + 1


def layout(width: int, rows: int = 1) -> Layout:
    """The biggest layout that fits ``width`` cells, with cells ``rows`` high."""
    words = max(len(word) for word in PROBABILITY_WORDS)
    for label, numbered in ((words + 2, True), (words, False)):
        cell = (width - label - GAP * len(SCALE)) // len(SCALE)
        if cell >= max(len(word) for word in IMPACT_WORDS) or not numbered:
            return Layout(label, max(cell, 3), rows, numbered)
    raise AssertionError("unreachable")


class HeatMap(Widget, can_focus=True):
    """Counts per cell of the register; ``Chosen`` when a cell is chosen."""

    BINDINGS: ClassVar[list[BindingType]] = [
        # The arrows only: on the Risks screen l links a card and j k move
        # in the table; a key means one thing on a screen.
        Binding("up", "move(1, 0)", "Higher probability", show=False, id="map.up"),
        Binding("down", "move(-1, 0)", "Lower probability", show=False, id="map.down"),
        Binding("left", "move(0, -1)", "Lower impact", show=False, id="map.left"),
        Binding("right", "move(0, 1)", "Higher impact", show=False, id="map.right"),
        Binding(
            "enter,space",
            "choose",
            "Filter by cell",
            key_display="enter",
            id="map.choose",
            tooltip="Show only the cell's risks in the table; again shows them all",
        ),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "heat-map--low",
        "heat-map--medium",
        "heat-map--high",
        "heat-map--critical",
        "heat-map--occupied",
        "heat-map--cursor",
        "heat-map--chosen",
        "heat-map--label",
        "heat-map--axis",
        "heat-map--info",
    }

    DEFAULT_CSS = """
    HeatMap {
        height: auto;
        & > .heat-map--low { background: $success-muted; color: $foreground; }
        & > .heat-map--medium { background: $warning-muted; color: $foreground; }
        & > .heat-map--high { background: $warning; color: $text; }
        & > .heat-map--critical { background: $error; color: $text; }
        & > .heat-map--occupied { text-style: bold; }
        & > .heat-map--cursor { text-style: bold reverse; }
        & > .heat-map--chosen { text-style: bold underline; }
        & > .heat-map--label { color: $text-muted; }
        & > .heat-map--axis { color: $text-muted; }
        & > .heat-map--info { color: $text-muted; }
        &:focus > .heat-map--info { color: $text; }
    }
    """

    @dataclass
    class Chosen(WidgetMessage["HeatMap"]):
        """A cell was chosen (enter, space or a click)."""

        cell: Cell

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.grid: Grid = EMPTY
        self.cursor: Cell = (len(SCALE), len(SCALE))
        self.chosen: Cell | None = None
        self.residual = False

    # -- data -------------------------------------------------------------------
    def show(self, grid: Grid, *, chosen: Cell | None, residual: bool) -> None:
        self.grid, self.chosen, self.residual = grid, chosen, residual
        self.refresh()

    def count(self, cell: Cell) -> int:
        return self.grid[cell[0] - 1][cell[1] - 1]

    @property
    def total(self) -> int:
        return sum(map(sum, self.grid))

    # -- keys and mouse -------------------------------------------------------------
    def action_move(self, probability: int, impact: int) -> None:
        p, i = self.cursor
        top = len(SCALE)
        self.cursor = (max(1, min(top, p + probability)), max(1, min(top, i + impact)))
        self.refresh()

    def action_choose(self) -> None:
        self.post_message(self.Chosen(self, self.cursor))

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        cell = self._layout().cell_at(offset.x, offset.y)
        if cell is not None:
            self.cursor = cell
            self.focus()
            self.refresh()
            self.post_message(self.Chosen(self, cell))

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    # -- rendering --------------------------------------------------------------------
    def get_content_height(self, container, viewport, width: int) -> int:  # type: ignore[no-untyped-def]
        return 2 + len(SCALE) * self._layout().rows

    def _layout(self) -> Layout:
        # Taller cells on taller screens: the map reads as a matrix of tiles.
        height = self.screen.size.height if self.is_attached else 0
        rows = 1 + sum(height >= step for step in TALL)
        return layout(self.content_size.width, rows)

    def _style(self, *names: str) -> Style:
        return self.get_visual_style(*(f"heat-map--{name}" for name in names)).rich_style

    def render(self) -> Text:
        plan = self._layout()
        width = self.content_size.width
        lines = [self._header(plan)]
        for probability in reversed(SCALE):
            for line in range(plan.rows):
                lines.append(self._row(plan, probability, line == (plan.rows - 1) // 2))
        lines.append(self._info(width))
        return Text("\n").join(lines)

    def _header(self, plan: Layout) -> Text:
        words = IMPACT_WORDS if plan.cell >= max(map(len, IMPACT_WORDS)) else SHORT_IMPACT
        text = Text(" " * plan.left)
        for word in words:
            text.append(word[: plan.cell].center(plan.cell), self._style("axis"))
            text.append(" " * GAP)
        return text

    def _row(self, plan: Layout, probability: int, middle: bool) -> Text:
        word = rules.probability_word(probability)
        label = f"{word} {probability}" if plan.numbered else word
        text = Text((label if middle else "").rjust(plan.label)[: plan.label], self._style("label"))
        text.append(" " * GAP)
        for impact in SCALE:
            cell = (probability, impact)
            count = self.count(cell)
            names = [rules.severity(rules.score(*cell)).value]
            if count:
                names.append("occupied")
            if cell == self.chosen:
                names.append("chosen")
            if cell == self.cursor and self.has_focus:
                names.append("cursor")
            shown = ""
            if middle:
                shown = str(count) if count else "·"
                if cell == self.chosen:
                    shown = f"[{shown}]"
            text.append(shown.center(plan.cell), self._style(*names))
            text.append(" " * GAP)
        return text

    def _info(self, width: int) -> Text:
        """What the cursor's cell means, or how to use the map."""
        if not self.has_focus:
            total = self.total
            line = f"{total} risk{'s' if total != 1 else ''} · tab to choose a cell"
            if self.chosen is not None:
                line = f"filter: {_name(self.chosen)} · esc clears"
            return Text(fit(line, width), self._style("info"))
        cell = self.cursor
        score = f"{rules.score(*cell)} {rules.severity(rules.score(*cell)).value}"
        count = self.count(cell)
        what = f"{count} risk{'s' if count != 1 else ''}"
        lines = (f"{_name(cell)} = {score} · {what}", f"{score} · {what}")
        line = next((line for line in lines if len(line) <= width), lines[-1])
        return Text(fit(line, width), self._style("info"))


def _name(cell: Cell) -> str:
    return f"{rules.probability_word(cell[0])} × {rules.impact_word(cell[1])}"
