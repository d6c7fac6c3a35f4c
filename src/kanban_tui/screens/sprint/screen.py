"""The Sprint screen: the active sprint's cards by column, its header and burndown.

The Board's machinery with the sprint's cards: the same keys, the same WIP
rules (a limit counts every card of its column, in the sprint or not), new
cards join the sprint, and J/K/T/B rank among the sprint's cards of the
column. Above the columns: the sprint's name, goal, dates, days left and
points done, and its burndown, a chart on tall terminals,
folded away on short ones (``c`` shows or hides it). With no active sprint the screen
says how to start one.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from typing import Any, ClassVar

from textual import on, work
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.widgets import Static

from ...domain.errors import KanbanError
from ...domain.model import Card
from ...formatting import date_range, plural
from ...widgets.burndown import BurndownChart
from ...widgets.column import BoardColumns, ColumnView
from ...widgets.sprint_header import SprintHeader
from ...widgets.text import literal
from ..backlog.cycle import complete_sprint_flow
from ..board.screen import BoardScreen
from ..board.state import BoardRead, BoardState
from ..keys import CARD_FILTER, COMPLETE_SPRINT_KEY, WIP_KEY, filter_key
from .state import (
    SprintBoardState,
    SprintInfo,
    SprintInfoLoaded,
    read_info,
    read_sprint_cards,
)

FULL_CHART_FROM = 30
"""Terminal rows from which the burndown shows unless ``c`` hides it; on a
shorter terminal it is folded away until ``c`` shows it, so the cards have
the rows (at 80x24, nine compact cards a column)."""
CHART_ROWS = 10
"""The chart's rows on a short terminal: its legend, bars, scope marks and days."""


class SprintScreen(BoardScreen):
    """The active sprint as a board, with its header and burndown."""

    VIEW = "Sprint"
    NEW_CARD_SPRINT = "active"
    RANK_SCOPE = "sprint column"
    BINDINGS: ClassVar[list[BindingType]] = [
        # In help, not the footer: the footer makes room for C (complete) at 80 columns.
        replace(WIP_KEY, show=False),
        filter_key("board", CARD_FILTER, show=False),
        Binding(
            "c",
            "toggle_chart",
            "Chart",
            show=False,
            id="sprint.chart",
            tooltip="Show or hide the burndown chart",
        ),
        COMPLETE_SPRINT_KEY,
    ]
    HELP_NOTES = (
        *BoardScreen.HELP_NOTES,
        "Sprint: new cards join the active sprint; a WIP limit counts every card "
        "of its column, in the sprint or not.",
        "Burndown: bars are the points left each day, the yellow line the ideal, "
        "the grey line the whole scope; +n / −n mark points added or removed that day.",
    )

    WRITES = BoardScreen.WRITES | {"complete_sprint"}

    def __init__(self) -> None:
        super().__init__(id="sprint")
        self.info: SprintInfo | None = None
        self.chart_choice: bool | None = None
        """``c``'s choice; None: by the terminal's height (:data:`FULL_CHART_FROM`)."""
        self._info_changes = 0
        self._info_ticket = 0

    # -- layout ------------------------------------------------------------------
    def compose_header(self) -> ComposeResult:
        yield SprintHeader(id="sprint-header")
        yield BurndownChart(id="sprint-burndown")
        yield Static(id="sprint-empty")

    def on_resize(self) -> None:
        self._size_chart()

    @property
    def chart_shown(self) -> bool:
        """Whether the burndown shows: as ``c`` chose, else only on a tall terminal."""
        if self.chart_choice is not None:
            return self.chart_choice
        return self.app.size.height >= FULL_CHART_FROM

    def _size_chart(self) -> None:
        chart = self.query_one(BurndownChart)
        height = self.size.height
        # Never a strip: from 8 rows the chart has its legend and scope marks.
        rows = min(max(height // 3, CHART_ROWS), 16) if height >= FULL_CHART_FROM else CHART_ROWS
        chart.styles.height = rows
        chart.display = self.chart_shown and self._has_sprint

    @property
    def _has_sprint(self) -> bool:
        return self.info is not None and self.info.sprint is not None

    # -- loading -----------------------------------------------------------------
    def read_cards(self, key: str) -> tuple[list[Card], Any]:
        return read_sprint_cards(self.ctx, key)

    def new_state(self, read: BoardRead) -> BoardState:
        return SprintBoardState(read.board, read.columns, read.cards)

    def show_extra(self, extra: Any) -> None:
        if isinstance(extra, SprintInfo):
            self._show_info(extra)
        if self.state is not None:
            self._info_changes = self.state.changes

    def _show_info(self, info: SprintInfo) -> None:
        self.info = info
        active = info.sprint is not None
        self.query_one(SprintHeader).display = active
        self.query_one(BoardColumns).display = active
        empty = self.query_one("#sprint-empty", Static)
        empty.display = not active
        if info.sprint is not None:
            self.query_one(SprintHeader).show(
                info.sprint, info.today, info.done_points, info.total_points, info.burndown
            )
            self.query_one(BurndownChart).show(info.burndown, today=info.today, end=info.sprint.end)
        else:
            empty.update(self._empty_text(info))
        self._size_chart()
        self.refresh_bindings()

    @staticmethod
    def _empty_text(info: SprintInfo) -> Content:
        lines: list[Content] = [Content.styled("No active sprint", "bold $text-primary"), Content()]
        planned = info.planned
        if planned is not None:
            lines.append(
                Content.assemble(
                    literal(planned.name, "bold"),
                    " is planned",
                    f" for {date_range(planned.start, planned.end)}" if planned.start else "",
                    f": {plural(planned.card_count, 'card')}, {planned.points} pt.",
                )
            )
        lines.append(
            Content.assemble(
                "Press ",
                ("3", "bold $text-accent"),
                " for the Backlog, choose a sprint and press ",
                ("s", "bold $text-accent"),
                " to start it.",
            )
        )
        lines.append(Content.styled("Its cards and burndown then show here.", "$text-muted"))
        return Content("\n").join(lines)

    def _load_info(self, key: str) -> None:
        """Read the sprint's numbers again, in a worker. Each read is numbered:
        one begun before the move it shows was saved can land after the read
        begun once it was, and only the newest is shown."""
        self._info_ticket += 1
        self._read_info(key, self._info_ticket)

    @work(thread=True, group="sprint-info")
    def _read_info(self, key: str, ticket: int) -> None:
        try:
            info = read_info(self.ctx, key)
        except KanbanError:
            return  # the next full reload says why
        self.post_message(SprintInfoLoaded(key, info, ticket))

    @on(SprintInfoLoaded)
    def _info_loaded(self, message: SprintInfoLoaded) -> None:
        if message.key != self.board_key or message.ticket != self._info_ticket:
            return
        shown = self.info.sprint.number if self.info and self.info.sprint else None
        read = message.info.sprint.number if message.info.sprint else None
        if shown != read:
            self.reload()  # another sprint now (or none): read its cards too
            return
        self._show_info(message.info)

    # -- changes made here ---------------------------------------------------------
    def _refresh_columns(self, column_ids: Iterable[int | None], select: str | None = None) -> None:
        super()._refresh_columns(column_ids, select)
        if self.state is not None and self.state.changes != self._info_changes:
            self._info_changes = self.state.changes
            self._load_info(self.board_key)

    def saved_in_place(self, card: Card) -> None:
        # The move was drawn before it was saved: the points done and the
        # burndown are read again now that the database holds it.
        self._info_changes = self.state.changes if self.state else self._info_changes
        self._load_info(self.board_key)

    def _apply(self, card: Card, *, follow: bool = True) -> None:
        sprint = self.info.sprint if self.info else None
        if self.state is not None and sprint is not None and card.sprint != sprint.number:
            # It left the sprint (e.g. planned elsewhere meanwhile): not ours to show.
            column_id = self.state.remove(card)
            self._refresh_columns({column_id})
            self.refresh_bindings()
            return
        super()._apply(card, follow=follow)

    def _show_column(self, view: ColumnView, *, select: str | None = None) -> None:
        super()._show_column(view, select=select)
        state = self.state
        if not isinstance(state, SprintBoardState) or state.filter.active:
            return
        column = state.column(view.column.id)
        if column.wip_limit is not None:
            # The limit counts cards outside the sprint too: the sprint's own
            # beside it (``In Progress 1 · WIP 3/3``).
            header = view.header
            header.update(column, header.points, header.shown, state.in_sprint(column.id))

    def _update_status(self) -> None:
        if self.info is not None and self.info.sprint is None:
            self.set_status("no active sprint")
            return
        super()._update_status()

    # -- keys ----------------------------------------------------------------------
    def action_toggle_chart(self) -> None:
        self.chart_choice = not self.chart_shown
        self._size_chart()

    def action_complete_sprint(self) -> None:
        """The Backlog's complete-sprint dialog and flow; then this screen shows
        the next sprint, or says there is none."""
        complete_sprint_flow(self, self.commands, on_done=lambda _: self.reload())

    def applies(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self.info is not None and not self._has_sprint:
            if action in ("toggle_chart", "complete_sprint", "filter", "set_wip", "new_card"):
                return False
            if action in self.CARD_ACTIONS:
                return False
        return super().applies(action, parameters)

    def palette_commands(self) -> Iterable[SystemCommand]:
        yield from super().palette_commands()
        if self._has_sprint:
            yield SystemCommand(
                "Show or hide the burndown",
                "The sprint's burndown chart (c)",
                self.action_toggle_chart,
            )
            yield SystemCommand(
                "Complete sprint",
                "Its report, where unfinished cards go, what next (C)",
                self.action_complete_sprint,
            )
