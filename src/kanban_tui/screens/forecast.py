"""``W``, the forecast key of the Board and the Backlog (docs/metrics.md), and
the palette's "Set working days".

On the Board it forecasts the focused column, or the cards carrying a label
(the dialog offers the choice); on the Backlog, the backlog down to the
focused card. The dialog reads and simulates in its own workers.
"""

from __future__ import annotations

from typing import Any

from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen

from ..dialogs.forecast import ForecastDialog, backlog_choice, column_choice
from ..dialogs.risk_prompts import PromptDialog
from ..domain.calendar import Calendar, describe_working_days, parse_working_days
from ..services import forecast
from ..services.context import Context
from .card_commands import CardCommands, refusal
from .commands import Command

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


WORKING_DAYS = (
    "Set working days",
    "The days of the week the team works, which forecasts count in (mon-fri unless set)",
)


def ask_working_days(
    screen: Screen[Any], commands: CardCommands, ctx: Context, board_key: str
) -> None:
    """The palette's "Set working days": typed, checked in place, saved off the UI thread."""

    def answered(text: str | None) -> None:
        if text is None:
            return

        def said(calendar: Calendar) -> str:
            return f"{board_key} works {describe_working_days(calendar.working)} from now on."

        commands.run(
            Command(
                "working_days",
                lambda _, __: forecast.set_working_days(ctx, board_key, text),
                note=said,
            )
        )

    screen.app.push_screen(
        PromptDialog(
            Content("Working days"),
            Content(
                "The days the team works: forecasts draw from and count in them. "
                "Weekends are off unless listed (mon-fri, sun-thu, mon,tue,wed,thu,sat)."
            ),
            refusal(parse_working_days),
            placeholder="mon-fri",
            confirm="Set",
        ),
        answered,
    )
