"""The Reports screen (5): velocity, and the burndown and report of a chosen sprint.

On the left the sprints that have a report, newest first: the active one
(its live report, as if it ended today) and the completed ones (their
frozen report). Choosing one shows its burndown and its numbers; the
velocity chart above covers every completed sprint and marks the mean of
the last 3, the figure planning uses.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from textual import on
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.dom import DOMNode
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ...widgets.burndown import BurndownChart
from ...widgets.fitting_line import FittingLine
from ...widgets.flow_charts import CumulativeFlowChart, CycleTimeChart
from ...widgets.footer import QuietFooter
from ...widgets.forecast_charts import AgeingChart, ThroughputChart
from ...widgets.numbers import Numbers
from ...widgets.top_bar import TopBar
from ...widgets.velocity import VelocityChart
from ..card_commands import CommandScreen
from ..keys import UNDO_KEY, reload_key
from ..undo_anywhere import undo_here, undo_palette
from . import ageing
from .flow import next_view, view_text
from .state import Reports, read_reports
from .text import burndown_title, empty_text, report_text, sprint_prompt, velocity_title


class SprintPicker(OptionList):
    """The sprints to report on; j/k move like the arrows."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "k",
            "cursor_up",
            "Previous sprint",
            show=False,
            id="reports.up",
            tooltip="Choose a sprint: the one above (newer; ↑ too)",
        ),
        Binding(
            "j",
            "cursor_down",
            "Next sprint",
            show=False,
            id="reports.down",
            tooltip="Choose a sprint: the one below (older; ↓ too)",
        ),
    ]


class ReportsScreen(CommandScreen[Reports]):
    """Sprints on the left; velocity, burndown and report on the right."""

    AUTO_FOCUS = "SprintPicker"
    VIEW = "Reports"
    LOAD_FAILED = "Cannot read the reports"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "left_square_bracket",
            "step_sprint(1)",
            "Older",
            key_display="[",
            id="reports.older",
            tooltip="Show the sprint before the chosen one",
        ),
        Binding(
            "right_square_bracket",
            "step_sprint(-1)",
            "Newer",
            key_display="]",
            id="reports.newer",
            tooltip="Show the sprint after the chosen one",
        ),
        Binding(
            "f",
            "next_view",
            "Next report",
            id="reports.view",
            tooltip="Show the next report: sprints, cumulative flow, cycle time, ageing, "
            "throughput",
        ),
        Binding(
            "right,l",
            "focus_charts",
            "Charts",
            show=False,
            id="reports.charts",
            tooltip="Move to the charts (to scroll them)",
        ),
        Binding(
            "left,h",
            "focus_sprints",
            "Sprints",
            show=False,
            id="reports.sprints",
            tooltip="Move to the list of sprints",
        ),
        reload_key("reports", "Read the reports from the database again"),
        UNDO_KEY,
    ]
    WRITES = frozenset({"undo"})
    HELP_NOTES: ClassVar[tuple[str, ...]] = (
        "Choose a sprint on the left (↑ ↓ or j k): its burndown and report show on the right.",
        "The active sprint's report is live, as if it ended today; a completed "
        "sprint's report is the one frozen when it was completed.",
        "Velocity: committed and completed points of each completed sprint; the "
        "yellow line is the mean of the last 3, which planning uses.",
        "f steps through the reports: sprint reports, cumulative flow (cards in "
        "each column at the end of each day, last 4 weeks) and cycle time (days from "
        "first in progress to done of each card finished, with median and 85th percentile), "
        "ageing (the age of each card in progress against the 50th/85th percentile cycle "
        "time, ▲ older than the 85th) and throughput (cards finished per week, 12 weeks).",
    )

    def __init__(self) -> None:
        super().__init__(id="reports")
        self.reports: Reports | None = None
        self.view = "sprints"
        self._wanted: int | None = None
        """The sprint to report on (None: the active one, else the latest)."""

    def compose(self) -> ComposeResult:
        yield TopBar(self.VIEW, id="topbar")
        with Horizontal(id="reports-body"):
            with Vertical(id="reports-side"):
                yield Static("Sprints", classes="reports-heading")
                yield SprintPicker(id="reports-sprints")
            with VerticalScroll(id="reports-main"):
                yield FittingLine(id="velocity-title", classes="reports-heading")
                yield VelocityChart(id="reports-velocity")
                yield FittingLine(id="burndown-title", classes="reports-heading")
                yield BurndownChart(id="reports-burndown")
                yield Static(id="reports-numbers")
                yield Static(id="flow-title", classes="reports-heading")
                yield CumulativeFlowChart(id="reports-flow")
                yield CycleTimeChart(id="reports-cycle")
                yield AgeingChart(id="reports-ageing")
                yield ThroughputChart(id="reports-throughput")
                yield Numbers(id="flow-numbers")
        yield QuietFooter()
        yield from super().compose()  # CommandScreen's CardCommands

    # -- loading -----------------------------------------------------------------
    def reload(self) -> None:
        """Read everything again, keeping the chosen sprint and the focus."""
        chosen = self.reports.chosen.number if self.reports and self.reports.chosen else None
        self._read(chosen)
        self.kanban.refresh_sprint_flag()

    def _read(self, number: int | None) -> None:
        self._wanted = number
        super().reload()

    def read(self, key: str) -> Reports:
        return read_reports(self.ctx, key, self._wanted)

    def board_changed(self) -> None:
        self.reports = None

    async def show(self, data: Reports) -> None:
        self.reports = reports = data
        self._show_picker(reports)
        velocity = reports.velocity
        self.query_one("#velocity-title", FittingLine).show(*velocity_title(velocity))
        self.query_one(VelocityChart).show(velocity)
        self._show_view()
        self.query_one(TopBar).update(name=reports.board_name)
        self.set_status(f"@{self.ctx.actor}")
        self.refresh_bindings()

    def _show_picker(self, reports: Reports) -> None:
        picker = self.query_one(SprintPicker)
        wanted = [str(sprint.number) for sprint in reports.sprints]
        shown = [option.id for option in picker.options]
        if wanted != shown:
            picker.clear_options()
            picker.add_options(
                Option(sprint_prompt(sprint, reports), id=str(sprint.number))
                for sprint in reports.sprints
            )
        else:
            for sprint in reports.sprints:
                picker.replace_option_prompt(str(sprint.number), sprint_prompt(sprint, reports))
        if reports.chosen is not None:
            index = picker.get_option_index(str(reports.chosen.number))
            if picker.highlighted != index:
                with picker.prevent(OptionList.OptionHighlighted):
                    picker.highlighted = index

    def _show_view(self) -> None:
        """Show the widgets of the chosen view, filled from the last read."""
        sprints = self.view == "sprints"
        for selector in ("#velocity-title", VelocityChart, "#burndown-title", "#reports-numbers"):
            self.query_one(selector).display = sprints
        self.query_one("#reports-side").display = sprints
        for selector in ("#flow-title", "#flow-numbers"):
            self.query_one(selector).display = not sprints
        self.query_one(CumulativeFlowChart).display = self.view == "flow"
        self.query_one(CycleTimeChart).display = self.view == "cycle"
        self.query_one(AgeingChart).display = self.view == "ageing"
        self.query_one(ThroughputChart).display = self.view == "throughput"
        reports = self.reports
        if reports is None:
            return
        if sprints:
            self._show_sprint(reports)
            return
        self.query_one(BurndownChart).display = False
        if self.view in ("ageing", "throughput"):
            self._show_ageing(reports.ageing)
            return
        title, numbers = view_text(self.view, reports.flow)
        self.query_one("#flow-title", Static).update(title)
        self.query_one("#flow-numbers", Numbers).show(numbers)
        if reports.flow is not None:
            self.query_one(CumulativeFlowChart).show(reports.flow.flow, reports.flow.done_columns)
            self.query_one(CycleTimeChart).show(reports.flow.cycle)

    def _show_ageing(self, views: ageing.AgeingViews | None) -> None:
        if views is None:
            return
        if self.view == "ageing":
            title = ageing.ageing_title(views.ageing)
            numbers = ageing.ageing_numbers(views.ageing)
        else:
            title = ageing.throughput_title(views.throughput)
            numbers = ageing.throughput_numbers(views.throughput)
        self.query_one("#flow-title", Static).update(title)
        self.query_one("#flow-numbers", Numbers).show(numbers)
        self.query_one(AgeingChart).show(views.ageing)
        self.query_one(ThroughputChart).show(views.throughput)

    def action_next_view(self) -> None:
        self.view = next_view(self.view)
        self._show_view()
        if self.view == "sprints":
            self.query_one(SprintPicker).focus()
        else:
            self.query_one("#reports-main", VerticalScroll).focus()
        self.refresh_bindings()

    def _show_sprint(self, reports: Reports) -> None:
        sprint = reports.chosen
        chart = self.query_one(BurndownChart)
        numbers = self.query_one("#reports-numbers", Static)
        title = self.query_one("#burndown-title", FittingLine)
        chart.display = sprint is not None
        if sprint is None or reports.report is None:
            title.show(empty_text())
            numbers.update("")
            return
        title.show(*burndown_title(sprint, reports.today))
        chart.show(reports.burndown, today=reports.today, end=sprint.end)
        numbers.update(report_text(sprint, reports.report, reports.today))

    @on(OptionList.OptionHighlighted, "#reports-sprints")
    def _picked(self, event: OptionList.OptionHighlighted) -> None:
        if event.option_id is None:
            return
        number = int(event.option_id)
        current = self.reports.chosen if self.reports else None
        if current is None or current.number != number:
            self._read(number)

    def action_step_sprint(self, step: int) -> None:
        picker = self.query_one(SprintPicker)
        if picker.option_count:
            current = picker.highlighted or 0
            picker.highlighted = max(0, min(current + step, picker.option_count - 1))

    def applies(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("step_sprint", "focus_sprints") and self.view != "sprints":
            return False
        if action == "step_sprint":
            picker = self.query_one(SprintPicker)
            if not picker.option_count:
                return False
            target = (picker.highlighted or 0) + int(str(parameters[0]))
            return True if 0 <= target < picker.option_count else None
        return True

    # -- focus -------------------------------------------------------------------
    def action_focus_charts(self) -> None:
        self.query_one("#reports-main", VerticalScroll).focus()

    def action_focus_sprints(self) -> None:
        self.query_one(SprintPicker).focus()

    def help_nodes(self) -> list[DOMNode]:
        if self.view != "sprints":
            return [self]  # the sprint list is hidden
        return [self.query_one(SprintPicker), self]

    def action_undo(self) -> None:
        undo_here(self)

    def palette_commands(self) -> Iterable[SystemCommand]:
        yield undo_palette(self)
        yield SystemCommand(
            "Reload reports", "Read the reports from the database again (ctrl+r)", self.reload
        )
        yield SystemCommand(
            "Next report",
            "Sprint reports, cumulative flow, cycle time, ageing, throughput (f)",
            self.action_next_view,
        )
