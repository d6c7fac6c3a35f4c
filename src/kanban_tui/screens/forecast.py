"""``W``, the forecast key of the Board and the Backlog (docs/metrics.md).

On the Board it forecasts the focused column, or the cards carrying a label
(the dialog offers the choice); on the Backlog, the backlog down to the
focused card. The dialog reads and simulates in its own workers.
"""

from __future__ import annotations

from typing import Any

from textual.binding import Binding
from textual.screen import Screen

from ..dialogs.forecast import ForecastDialog, backlog_choice, column_choice
from ..services.context import Context

FORECAST_KEY = Binding(
    "W",
    "forecast",
    "Forecast",
    show=False,
    id="view.forecast",
    tooltip="When will these cards be done? 50/85/95% dates from the board's own throughput",
)
FORECAST_NOTE = (
    "W forecasts when cards will be done, from the board's own history (10,000 "
    "trials over the last 30 working days' throughput): on the Board the focused "
    "column or the cards of a label, on the Backlog the backlog down to the "
    "selected card. In an in-progress column each card shows its age in days; "
    "▲ in the error colour marks one older than the board's 85th-percentile cycle time."
)
PALETTE = ("Forecast", "When will these cards be done? (W)")


def forecast_column(screen: Screen[Any], ctx: Context, board_key: str, column: str) -> None:
    """The Board's ``W``: the focused column, or a label's cards."""
    screen.app.push_screen(ForecastDialog(ctx, board_key, column_choice(column), labels=True))


def forecast_backlog(
    screen: Screen[Any], ctx: Context, board_key: str, key: str, sprint: int | None
) -> None:
    """The Backlog's ``W``: the backlog (or the sprint section) from its top down to ``key``."""
    screen.app.push_screen(ForecastDialog(ctx, board_key, backlog_choice(key, sprint)))
