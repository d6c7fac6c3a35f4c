"""The Risks screen (4): the register's table, the 5x5 heat map and a risk's details.

What it shows is :class:`~.view.RiskView`; what its keys do to the register
is :mod:`.actions`. Here: the keys, the map and the filters, what applies
when, and the palette. Every change calls a service and reads the register again.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from textual import on
from textual.app import SystemCommand
from textual.binding import BindingType
from textual.widgets import DataTable

from ...widgets.filter_bar import FilterBar
from ...widgets.heat_map import TALL, HeatMap
from ..undo_anywhere import undo_here, undo_palette
from . import keys
from .actions import RiskActions


class RiskScreen(RiskActions):
    """Heat map and details on top, the register below; tab switches map and table."""

    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]
    VERTICAL_BREAKPOINTS = [
        (0, "-short"),
        (TALL[0], "-tall"),
        (TALL[1], "-huge"),
    ]
    BINDINGS: ClassVar[list[BindingType]] = keys.BINDINGS
    HELP_NOTES = keys.HELP_NOTES

    @on(DataTable.RowSelected, "#risk-table")
    def _selected(self) -> None:
        self.action_edit_risk()

    # -- the map and the filters ------------------------------------------------------
    @on(HeatMap.Chosen)
    def _chosen(self, message: HeatMap.Chosen) -> None:
        self.register.choose(message.cell)
        self._refresh()

    def action_toggle_residual(self) -> None:
        self.register.residual = not self.register.residual
        self._refresh()

    def action_cycle_status(self) -> None:
        self.register.next_status()
        self._refresh()

    def action_cycle_owner(self) -> None:
        self.register.next_owner()
        self._refresh()

    def action_clear_filters(self) -> None:
        """esc: every filter, the map's cell, status, owner and text."""
        bar = self.query_one(FilterBar)
        refocus = bar.has_focus
        bar.reset()
        self.register.clear()
        self._refresh()
        if refocus:
            self.table.focus()

    def action_switch_pane(self) -> None:
        if isinstance(self.focused, HeatMap):
            self.table.focus()
        else:
            self.heat_map.focus()

    # -- bindings and palette ----------------------------------------------------
    RISK_ACTIONS = frozenset({"edit_risk", "set_status", "mitigation_card", "link_card", "details"})
    WRITES = frozenset(
        {
            "new_risk",
            "edit_risk",
            "set_status",
            "mitigation_card",
            "link_card",
            "unlink_card",
            "undo",
        }
    )

    def action_undo(self) -> None:
        undo_here(self)

    def applies(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "clear_filters":
            return self.register.narrowed or self.filter_engaged()
        if action in self.RISK_ACTIONS:
            return None if self._current() is None else True
        if action == "unlink_card":
            current = self._current()
            return None if current is None or not current.cards else True
        if action == "new_risk":
            return None if not self.loaded_once else True
        return True

    def palette_commands(self) -> Iterable[SystemCommand]:
        yield undo_palette(self)
        yield SystemCommand("New risk", "Add a risk to the register (n)", self.action_new_risk)
        yield SystemCommand("Edit risk", "Edit the selected risk (e)", self.action_edit_risk)
        yield SystemCommand(
            "Change risk status", "Open, mitigating, closed, occurred (s)", self.action_set_status
        )
        yield SystemCommand(
            "Create mitigation card",
            "A backlog card linked to the selected risk (m)",
            self.action_mitigation_card,
        )
        yield SystemCommand(
            "Link a card to the risk", "Link an existing card by key (l)", self.action_link_card
        )
        yield SystemCommand(
            "Risk details", "Every field of the selected risk (v)", self.action_details
        )
        yield SystemCommand(
            "Toggle residual heat map",
            "Inherent or residual scores on the map (r)",
            self.action_toggle_residual,
        )
        yield SystemCommand(
            "Clear risk filters", "Show every risk again (esc)", self.action_clear_filters
        )
        yield SystemCommand(
            "Reload risks", "Read the register from the database again (ctrl+r)", self.reload
        )
