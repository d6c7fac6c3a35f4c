"""The risk register as a table: one row per risk, in the register's order.

Columns that do not fit are left out, least useful first, so the title keeps
a readable width at 80 columns; the detail pane shows every field anyway.
Severity, overdue reviews and finished mitigation take their colours from
component classes, resolved when the rows are built (and again on a theme
change).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any, ClassVar

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.widgets import DataTable

from ..domain.risks import Risk, RiskStatus
from .text import fit, one_line

TITLE_MIN = 20
OVERDUE_MARK = "!"
DONE_MARK = "✓"


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    width: int
    """Content width; 0 for the title, which takes the room that is left."""
    drop: int = 0
    """0: always shown; otherwise the higher, the sooner it goes when room is short."""


COLUMNS = (
    Column("key", "Key", 6),
    Column("title", "Title", 0),
    Column("category", "Category", 10, drop=5),
    Column("p", "P", 1, drop=3),
    Column("i", "I", 1, drop=3),
    Column("score", "Score", 5),
    Column("severity", "Severity", 8, drop=4),
    Column("owner", "Owner", 6, drop=2),
    Column("response", "Response", 8, drop=6),
    Column("status", "Status", 10),
    Column("review", "Review", 11),
    Column("cards", "Cards", 5),
)


def fit_columns(
    width: int, owner: int = 6, key: int = 6, longest: int = 200
) -> tuple[list[Column], int]:
    """The columns that fit ``width`` cells and the title's width.

    ``owner`` and ``key`` are the widest owner and key to show, ``longest``
    the longest title (the title takes no more). Each column takes one cell
    of padding, on its left.
    """
    sized = [
        Column(c.key, c.label, {"owner": owner, "key": key}.get(c.key, c.width), c.drop)
        for c in COLUMNS
    ]
    drops = sorted({c.drop for c in sized if c.drop}, reverse=True)
    while True:
        room = width - sum(c.width + 1 for c in sized) - 1
        if room >= TITLE_MIN or not drops:
            return sized, max(min(room, longest), TITLE_MIN)
        gone = drops.pop(0)
        sized = [c for c in sized if c.drop != gone]


class RiskTable(DataTable[Any]):
    """The register's rows, keyed by risk key; ``current`` is the risk under the cursor."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "cursor_down", "Next risk", show=False, id="table.down"),
        Binding("k", "cursor_up", "Previous risk", show=False, id="table.up"),
        Binding("g", "scroll_top", "First risk", show=False, id="table.first"),
        Binding("G", "scroll_bottom", "Last risk", show=False, id="table.last"),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "risk-table--low",
        "risk-table--medium",
        "risk-table--high",
        "risk-table--critical",
        "risk-table--low-text",
        "risk-table--medium-text",
        "risk-table--high-text",
        "risk-table--critical-text",
        "risk-table--overdue",
        "risk-table--muted",
        "risk-table--done",
        "risk-table--mitigating",
        "risk-table--occurred",
    }

    DEFAULT_CSS = """
    RiskTable {
        & > .risk-table--low { background: $success-muted; color: $foreground; }
        & > .risk-table--medium { background: $warning-muted; color: $foreground; }
        & > .risk-table--high { background: $warning; color: $text; text-style: bold; }
        & > .risk-table--critical { background: $error; color: $text; text-style: bold; }
        & > .risk-table--low-text { color: $text-success; }
        & > .risk-table--medium-text { color: $text-warning; }
        & > .risk-table--high-text { color: $text-warning; text-style: bold; }
        & > .risk-table--critical-text { color: $text-error; text-style: bold; }
        & > .risk-table--overdue { color: $text-error; text-style: bold; }
        & > .risk-table--muted { color: $text-muted; }
        & > .risk-table--done { color: $text-success; }
        & > .risk-table--mitigating { color: $text-primary; }
        & > .risk-table--occurred { color: $text-error; }
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        # One space between columns rather than two: the title needs the room.
        super().__init__(id=id, cursor_type="row", zebra_stripes=False, cell_padding=0)
        self.risks: list[Risk] = []
        self.today = date.min
        self._shape: tuple[tuple[str, ...], int] = ((), 0)

    def on_mount(self) -> None:
        self.app.theme_changed_signal.subscribe(self, lambda _: self._rebuild())

    @property
    def current(self) -> Risk | None:
        row = self.cursor_row
        return self.risks[row] if 0 <= row < len(self.risks) else None

    def show(self, risks: list[Risk], today: date, *, select: str | None = None) -> None:
        """Show ``risks``; the cursor goes to risk ``select``, else stays on its risk."""
        keep = select or (self.current.key if self.current else None)
        self.risks, self.today = risks, today
        self._rebuild(keep)

    def on_resize(self) -> None:
        if self.risks:
            self._rebuild()

    def _rebuild(self, keep: str | None = None) -> None:
        if not self.is_attached:
            return
        keep = keep or (self.current.key if self.current else None)
        row, scroll = self.cursor_row, self.scroll_y
        owner = max([6, *(min(cell_len(one_line(r.owner)), 12) for r in self.risks)])
        key = max([6, *(len(r.key) for r in self.risks)])
        longest = max([0, *(cell_len(one_line(r.title)) for r in self.risks)])
        columns, title = fit_columns(self.size.width - 1, owner, key, longest)
        shape = (tuple(c.key for c in columns), title)
        self.clear(columns=shape != self._shape)
        if shape != self._shape:
            for column in columns:
                label = " " + column.label
                self.add_column(label, width=(column.width or title) + 1, key=column.key)
            self._shape = shape
        cells = self._cells(title)
        for risk in self.risks:
            self.add_row(*(Text(" ") + cells[c.key](risk) for c in columns), key=risk.key)
        keys = [risk.key for risk in self.risks]
        target = keys.index(keep) if keep in keys else min(row, len(keys) - 1)
        self.scroll_y = scroll
        if keys:
            self.move_cursor(row=max(target, 0), animate=False)

    # -- cells -------------------------------------------------------------------
    def _style(self, name: str) -> Style:
        return self.get_component_rich_style(f"risk-table--{name}", partial=True)

    def _cells(self, title: int) -> dict[str, Callable[[Risk], Text]]:
        muted = self._style("muted")

        def text(risk: Risk, value: str, width: int | None = None) -> Text:
            shown = fit(one_line(value), width) if width else one_line(value)
            return Text(shown, muted if risk.closed else "")

        return {
            "key": lambda r: Text(r.key, Style(bold=True) + (muted if r.closed else Style())),
            "title": lambda r: text(r, r.title, title),
            "category": lambda r: text(r, r.category.value),
            "p": lambda r: text(r, str(r.probability)),
            "i": lambda r: text(r, str(r.impact)),
            "score": lambda r: Text(f" {r.score:>2} ", self._style(r.severity.value)),
            "severity": lambda r: Text(r.severity.value, self._style(f"{r.severity.value}-text")),
            "owner": lambda r: text(r, r.owner, 12),
            "response": lambda r: text(r, r.response.value),
            "status": self._status,
            "review": self._review,
            "cards": self._cards,
        }

    def _status(self, risk: Risk) -> Text:
        style = {
            RiskStatus.MITIGATING: "mitigating",
            RiskStatus.CLOSED: "muted",
            RiskStatus.OCCURRED: "occurred",
        }.get(risk.status)
        return Text(risk.status.value, self._style(style) if style else "")

    def _review(self, risk: Risk) -> Text:
        if risk.review_on is None:
            return Text("—", self._style("muted"))
        if risk.overdue(self.today):
            return Text(f"{risk.review_on}{OVERDUE_MARK}", self._style("overdue"))
        return Text(str(risk.review_on), self._style("muted") if risk.closed else "")

    def _cards(self, risk: Risk) -> Text:
        if not risk.cards:
            return Text("—", self._style("muted"))
        progress = f"{risk.cards_done}/{len(risk.cards)}"
        if risk.mitigation_done:
            return Text(f"{progress} {DONE_MARK}", self._style("done"))
        return Text(progress)
