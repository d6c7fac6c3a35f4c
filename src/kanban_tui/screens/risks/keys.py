"""The Risks screen's keys and the notes its help shows under them."""

from __future__ import annotations

from textual.binding import Binding, BindingType

from ..keys import UNDO_KEY, filter_key, reload_key

FILTERS = Binding.Group("Filters")

BINDINGS: list[BindingType] = [
    Binding("n", "new_risk", "New", id="risk.new", tooltip="Add a risk to the register"),
    Binding(
        "e",
        "edit_risk",
        "Edit",
        id="risk.edit",
        tooltip="Edit the selected risk (or enter on the table)",
    ),
    Binding("s", "set_status", "Status", id="risk.status", tooltip="Change the risk's status"),
    Binding(
        "m",
        "mitigation_card",
        "Mitigate",
        id="risk.mitigate",
        tooltip="Create a mitigation card in the backlog, linked to the risk",
    ),
    Binding(
        "l",
        "link_card",
        "Link",
        show=False,
        id="risk.link",
        tooltip="Link an existing card to the risk",
    ),
    Binding(
        "u",
        "unlink_card",
        "Unlink",
        show=False,
        id="risk.unlink",
        tooltip="Unlink a card from the risk (the card stays)",
    ),
    Binding(
        "v",
        "details",
        "Details",
        show=False,
        id="risk.details",
        tooltip="Every field of the risk in a larger view",
    ),
    Binding(
        "r",
        "toggle_residual",
        "Residual",
        show=False,
        id="risk.residual",
        tooltip="Heat map of inherent or residual scores",
    ),
    Binding(
        "f",
        "cycle_status",
        "Status filter",
        show=False,
        group=FILTERS,
        id="risk.filter_status",
        tooltip="Filter by status: all, open, mitigating, closed, occurred",
    ),
    Binding(
        "o",
        "cycle_owner",
        "Owner filter",
        show=False,
        group=FILTERS,
        id="risk.filter_owner",
        tooltip="Filter by owner: each owner in turn, then all",
    ),
    filter_key("risk", "Filter risks as you type: key, title, owner, category, status"),
    Binding(
        "escape",
        "clear_filters",
        "Clear filters",
        id="risk.clear_filters",
        tooltip="Clear every filter: cell, status, owner and text",
    ),
    Binding(
        "tab,shift+tab",
        "switch_pane",
        "Heat map / table",
        show=False,
        key_display="tab",
        id="risk.switch_pane",
        tooltip="Move between the heat map and the table",
    ),
    reload_key("risk", "Read the register from the database again"),
    UNDO_KEY,
]

HELP_NOTES = (
    "Heat map: probability rows (almost certain at the top), impact columns; each cell "
    "counts the open and mitigating risks (with a status filter, that status). Move with "
    "the arrows, enter chooses a cell to filter the table, enter again clears.",
    "Severity: 1-4 low, 5-9 medium, 10-15 high, 16-25 critical. A review date marked ! "
    "has passed on a risk that is not closed. Cards: mitigation cards done/linked.",
    "Mouse: click a cell of the map to filter by it; click a row to select it, again to edit it.",
)
