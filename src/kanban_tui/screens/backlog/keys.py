"""The Backlog screen's keys (each with an id, so a keymap can rebind it) and help notes."""

from __future__ import annotations

from dataclasses import replace

from textual.binding import Binding, BindingType

from ..forecast import FORECAST_KEY, FORECAST_NOTE
from ..keys import (
    ARCHIVE_VIEW_KEY,
    CARD_FILTER,
    CARD_KEYS,
    COMPLETE_SPRINT_KEY,
    DELETE_KEY,
    FILTER_NOTE,
    NEW_CARD_KEY,
    OPEN_KEY,
    clear_filter_key,
    filter_key,
    nav_keys,
    reload_key,
)

ESTIMATE = Binding.Group("Estimate")

KEYS: list[BindingType] = [
    replace(NEW_CARD_KEY, tooltip="New card in the selected section"),
    OPEN_KEY,
    # In help, not the footer, as are < c and /: at 80 columns the footer
    # keeps room for ? help and q quit (enter opens the row too).
    Binding(
        "enter,e",
        "open",
        "Edit",
        key_display="e",
        show=False,
        id="card.edit",
        tooltip="Edit the selected card, or the sprint on its heading (enter on a heading)",
    ),
    Binding("p", "estimate", "Points", id="backlog.estimate", tooltip="Estimate the card (points)"),
    Binding(
        "plus,equals_sign",
        "estimate_step(1)",
        "More points",
        key_display="+",
        show=False,
        group=ESTIMATE,
        id="backlog.estimate_up",
        tooltip="Next estimate up: ? 0 1 2 3 5 8 13 21 (saved once it settles)",
    ),
    Binding(
        "minus",
        "estimate_step(-1)",
        "Fewer points",
        key_display="-",
        show=False,
        group=ESTIMATE,
        id="backlog.estimate_down",
        tooltip="Next estimate down (below 0: unestimated)",
    ),
    Binding(
        "greater_than_sign",
        "plan",
        "Sprint",
        key_display=">",
        id="backlog.plan",
        tooltip="Move the card into the next planned sprint",
    ),
    Binding(
        "less_than_sign",
        "unplan",
        "Backlog",
        key_display="<",
        show=False,
        id="backlog.unplan",
        tooltip="Move the card out of its sprint, back to the backlog",
    ),
    Binding(
        "m",
        "move_to",
        "Move to…",
        show=False,
        id="backlog.move_to",
        tooltip="Move the card to a sprint or the backlog you choose",
    ),
    *CARD_KEYS,
    Binding(
        "d",
        "archive",
        "Archive",
        show=False,
        id="card.archive",
        tooltip="Archive the card (A shows the archive); on a planned sprint's heading, "
        "delete the sprint (asks first)",
    ),
    replace(
        DELETE_KEY,
        action="delete",
        tooltip="Delete the card for good, or the planned sprint on its heading (asks first)",
    ),
    ARCHIVE_VIEW_KEY,
    Binding(
        "s",
        "start_sprint",
        "Start",
        id="sprint.start",
        tooltip="Start the selected (or next) planned sprint; it needs a goal",
    ),
    replace(
        COMPLETE_SPRINT_KEY,
        tooltip="Complete the active sprint: its report, then where unfinished cards go",
    ),
    Binding(
        "c",
        "new_sprint",
        "New sprint",
        show=False,
        id="sprint.create",
        tooltip="Plan a new sprint",
    ),
    Binding(
        "E",
        "edit_sprint",
        "Edit sprint",
        show=False,
        id="sprint.edit",
        tooltip="Edit the selected section's sprint: name, goal, dates",
    ),
    Binding(
        "space",
        "fold",
        "Fold",
        show=False,
        id="backlog.fold",
        tooltip="Fold or unfold the selected section",
    ),
    filter_key("backlog", CARD_FILTER, show=False),
    clear_filter_key("backlog"),
    *nav_keys("section", "section"),
    reload_key("backlog", "Read the plan from the database again"),
    FORECAST_KEY,
]

HELP_NOTES = (
    "Sections: the active sprint (folded at first: space unfolds it), each planned "
    "sprint, then the backlog in rank order. A heading shows the dates, cards and "
    "points; a planned sprint's points turn the warning colour above the mean "
    "velocity of the last three completed sprints.",
    "Estimates: p asks for the points, + and - step through ? 0 1 2 3 5 8 13 21 "
    "(the estimate is saved once, when you stop); a yellow ? marks an unestimated card.",
    "Planning: > moves the card into the next planned sprint, < back to the backlog, "
    "m to a sprint you choose. J K T B rank within the card's section.",
    "Cards: ⇈ urgent  ↑ high  = medium  ↓ low priority; ✓ in a done column; "
    "⊘ blocked (red edge); due 5 Dec in the warning colour within 2 days, overdue "
    "3 Dec in the error colour. Mouse: double-click a card or heading to edit it; "
    "click a heading's ▾ to fold it.",
    FILTER_NOTE,
    FORECAST_NOTE,
)
