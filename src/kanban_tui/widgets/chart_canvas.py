"""A grid of character cells that charts draw on, and the widget that shows one.

Drawing is plain Python (a :class:`Canvas` of cells, each naming the part it
belongs to), so a chart's layout is tested without a terminal. The
:class:`Chart` widget turns the parts into colours through its component
classes (``<prefix>--<part>``), so themes restyle every chart.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, ClassVar, Generic, TypeVar

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.strip import Strip
from textual.widget import Widget

D = TypeVar("D")

EIGHTHS = " ▁▂▃▄▅▆▇█"
"""A bar's top cell by eighths filled, from the bottom."""

TICKS = ("▁", "━", "▔")
"""A line crossing a cell low, in the middle or high."""


def rounded(value: float) -> int:
    """Half up (Python's round() halves to even, which makes bars of equal values jump)."""
    return int(value + 0.5) if value >= 0 else -int(-value + 0.5)


@dataclass(slots=True)
class Cell:
    char: str = " "
    part: str = ""
    """The component whose colour the character takes ("" for the widget's own)."""
    fill: str = ""
    """The component whose colour fills the cell's background ("" for none)."""


class Canvas:
    """``width`` x ``height`` cells; row 0 is the top."""

    def __init__(self, width: int, height: int) -> None:
        self.width = max(width, 0)
        self.height = max(height, 0)
        self.rows = [[Cell() for _ in range(self.width)] for _ in range(self.height)]

    def inside(self, x: int, y: int) -> bool:
        return 0 <= x < self.width and 0 <= y < self.height

    def put(self, x: int, y: int, char: str, part: str = "", fill: str | None = None) -> None:
        """One character; ``fill`` None keeps the cell's background."""
        if self.inside(x, y):
            self._unhalve(x, y)
            cell = self.rows[y][x]
            cell.char, cell.part = char, part
            if fill is not None:
                cell.fill = fill

    def fill(self, x: int, y: int, part: str) -> None:
        """Paint a cell's background (a bar), keeping no character."""
        if self.inside(x, y):
            self._unhalve(x, y)
            self.rows[y][x] = Cell(" ", "", part)

    def _unhalve(self, x: int, y: int) -> None:
        """Before cell ``x`` is written: if it holds half of a wide character,
        the other half becomes a space (a row is always ``width`` cells wide)."""
        row = self.rows[y]
        if row[x].char == "" and x > 0:
            row[x - 1].char = " "
        elif cell_len(row[x].char) == 2 and x + 1 < self.width:
            row[x + 1].char = " "

    def text(self, x: int, y: int, text: str, part: str = "") -> int:
        """Write ``text`` from ``x``, up to the canvas's edge; returns the
        column after it. Cells keep their fill. A wide character (Japanese,
        most emoji) takes its cell and the next, which holds nothing; one that
        would cross the edge ends the text there; a zero-width one is left out."""
        for char in text:
            cells = cell_len(char)
            if cells == 0:
                continue
            if cells == 2:
                if x + 1 >= self.width:
                    break
                if not self.inside(x, y):  # off the left edge or the rows
                    x += cells
                    continue
                self.put(x, y, char, part)
                self._unhalve(x + 1, y)
                self.rows[y][x + 1].char, self.rows[y][x + 1].part = "", part
            else:
                self.put(x, y, char, part)
            x += cells
        return x

    def char_at(self, x: int, y: int) -> str:
        return self.rows[y][x].char if self.inside(x, y) else ""

    def line(self, y: int) -> str:
        """Row ``y`` as plain text (for tests)."""
        return "".join(cell.char for cell in self.rows[y])

    def plain(self) -> str:
        return "\n".join(self.line(y) for y in range(self.height))

    def runs(self, y: int) -> list[tuple[str, str, str]]:
        """Row ``y`` as (text, part, fill) runs of equal style."""
        out: list[tuple[str, str, str]] = []
        for cell in self.rows[y]:
            if out and out[-1][1] == cell.part and out[-1][2] == cell.fill:
                text, part, fill = out[-1]
                out[-1] = (text + cell.char, part, fill)
            else:
                out.append((cell.char, cell.part, cell.fill))
        return out

    def parts_at(self, y: int) -> dict[str, str]:
        """Part name -> the characters of row ``y`` in that part (for tests)."""
        found: dict[str, str] = {}
        for cell in self.rows[y]:
            for name in (cell.part, cell.fill):
                if name:
                    found[name] = found.get(name, "") + cell.char
        return found


class Plot:
    """Where values land: rows of the plot area and the slots across it."""

    def __init__(self, canvas: Canvas, top: int, rows: int, first_row: int, headroom: int) -> None:
        self.canvas = canvas
        self.top = max(top, 1)
        self.rows = rows
        self.first_row = first_row
        self.units = max((rows - headroom) * 8, 1)

    @property
    def bottom(self) -> int:
        return self.first_row + self.rows - 1

    def eighths(self, value: float) -> int:
        return rounded(value / self.top * self.units)

    def bar(self, x: int, width: int, value: int, part: str) -> int:
        """A bar from the bottom; returns the row of its top cell."""
        filled = self.eighths(value)
        if value > 0 and filled == 0:
            filled = 1  # a point left must not look like none
        full, rest = divmod(filled, 8)
        for step in range(min(full, self.rows)):
            for dx in range(width):
                self.canvas.fill(x + dx, self.bottom - step, part)
        if rest and full < self.rows:
            for dx in range(width):
                self.canvas.put(x + dx, self.bottom - full, EIGHTHS[rest], part, "")
            return self.bottom - full
        return self.bottom - full + 1

    def tick_at(self, value: float) -> tuple[int, str]:
        """The row and glyph of a line at ``value``."""
        position = value / self.top * self.units / 8
        cell = min(int(position), self.rows - 1)
        fraction = position - cell
        glyph = TICKS[0] if fraction < 1 / 3 else TICKS[1] if fraction < 2 / 3 else TICKS[2]
        return self.bottom - cell, glyph

    def tick(self, x: int, width: int, value: float, part: str, *, over: bool = True) -> int:
        """A line segment at ``value``; under other marks unless ``over``."""
        row, glyph = self.tick_at(value)
        for dx in range(width):
            cell_x = x + dx
            if not self.canvas.inside(cell_x, row):
                continue
            cell = self.canvas.rows[row][cell_x]
            if not over and (cell.char.strip() or cell.fill):
                continue
            # A half-full bar top under the line: keep the bar's colour behind it.
            fill = cell.part if cell.char in EIGHTHS[4:] and cell.part else None
            self.canvas.put(cell_x, row, glyph, part, fill)
        return row


def y_axis(canvas: Canvas, plot: Plot, labels: Sequence[tuple[int, int]], axis_x: int) -> None:
    """The y axis: ``labels`` are (row, value) pairs."""
    marked = dict(labels)
    for row in range(plot.first_row, plot.bottom + 1):
        canvas.put(axis_x, row, "┤" if row in marked else "│", "axis")
    for row, value in labels:
        text = str(value)
        canvas.text(axis_x - len(text) - 1, row, text, "axis")


class Chart(Widget):
    """Shows the :class:`Canvas` that :meth:`draw` makes for the widget's size.

    Subclasses set ``PREFIX``, ``HEIGHT`` and ``PARTS`` and implement
    :meth:`draw`. Each part is a component class, ``<PREFIX>--<part>``, and
    its style a rule of the chart's default CSS: both are made from
    ``PARTS``, so a part drawn is a part styled.
    """

    PREFIX: ClassVar[str] = "chart"
    HEIGHT: ClassVar[int] = 16
    """Rows, where the chart's container gives it no other height."""
    PARTS: ClassVar[dict[str, str]] = {}
    """Every part the chart draws, and its style (CSS declarations, such as
    ``color: $warning; text-style: bold``)."""

    def __init_subclass__(cls, **kwargs: Any) -> None:
        if "PARTS" in cls.__dict__:
            cls.COMPONENT_CLASSES = {f"{cls.PREFIX}--{part}" for part in cls.PARTS}
            rules = "".join(
                f"\n    & > .{cls.PREFIX}--{part} {{ {style}; }}"
                for part, style in cls.PARTS.items()
            )
            cls.DEFAULT_CSS = f"{cls.__name__} {{\n    height: {cls.HEIGHT};{rules}\n}}\n"
        super().__init_subclass__(**kwargs)

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._strips: list[Strip] | None = None
        self._drawn_size = (0, 0)
        self._styles: dict[tuple[str, str], Style] = {}

    def draw(self, width: int, height: int) -> Canvas:
        raise NotImplementedError

    def redraw(self) -> None:
        """Draw again (the data changed)."""
        self._strips = None
        self.refresh()

    def notify_style_update(self) -> None:
        self._strips = None
        self._styles.clear()
        super().notify_style_update()

    def on_resize(self, _: events.Resize) -> None:
        self._strips = None

    def _style(self, part: str, fill: str) -> Style:
        key = (part, fill)
        style = self._styles.get(key)
        if style is None:
            names = (f"{self.PREFIX}--{part}",) if part else ()
            style = self.get_visual_style(*names).rich_style
            if fill:
                colour = self.get_visual_style(f"{self.PREFIX}--{fill}").rich_style.color
                style = style + Style(bgcolor=colour)
            self._styles[key] = style
        return style

    def render_line(self, y: int) -> Strip:
        width, height = self.content_size
        if self._strips is None or self._drawn_size != (width, height):
            # Drawn for the size it has now: a Resize is handled after the
            # frame that first lays the new size out, and strips drawn for the
            # old width would be padded or cut rather than drawn again.
            self._drawn_size = (width, height)
            canvas = self.draw(width, height)
            self._strips = [
                Strip(
                    [Segment(text, self._style(part, fill)) for text, part, fill in runs]
                ).adjust_cell_length(width, self._style("", ""))
                for runs in map(canvas.runs, range(canvas.height))
            ]
        if y < len(self._strips):
            return self._strips[y]
        return Strip.blank(width, self._style("", ""))


class DataChart(Chart, Generic[D]):
    """A chart of one value, ``data``, that :meth:`draw_data` draws;
    ``show(None)`` (nothing read yet) draws nothing."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.data: D | None = None

    def show(self, data: D | None) -> None:
        self.data = data
        self.redraw()

    def draw(self, width: int, height: int) -> Canvas:
        if self.data is None:
            return Canvas(width, height)
        return self.draw_data(self.data, width, height)

    def draw_data(self, data: D, width: int, height: int) -> Canvas:
        raise NotImplementedError
