"""``W``: when will these cards be done? A Monte Carlo forecast and its histogram.

Opened by the Board (on the focused column, or the cards carrying a label:
the dialog offers the choice) and by the Backlog (the backlog down to the
focused card). The choices and the forecast are read in thread workers; the
UI thread only shows what they post. The forecast is seeded, so the same
history shows the same dates each time (docs/metrics.md).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Button, OptionList, Static
from textual.widgets.option_list import Option

from ..domain.errors import KanbanError
from ..widgets.forecast_charts import FinishHistogram
from ..widgets.text import literal
from .base import Dialog

if TYPE_CHECKING:
    from ..domain.forecast import When
    from ..services.context import Context

SEED = 0
"""The TUI's forecasts are seeded: drawn again, the same history gives the same dates."""


@dataclass(frozen=True)
class Choice:
    """One set of cards to forecast: its words and what ``select_cards`` takes."""

    words: str
    what: dict[str, Any]


class ChoicesRead(Message):
    def __init__(self, choices: list[Choice]) -> None:
        super().__init__()
        self.choices = choices


class ForecastRead(Message):
    def __init__(self, what: str, result: When | None, today: date, refusal: str = "") -> None:
        super().__init__()
        self.what, self.result, self.today, self.refusal = what, result, today, refusal


def column_choice(name: str) -> Choice:
    return Choice(f"the column {name}", {"column": name})


def backlog_choice(key: str, sprint: int | None = None) -> Choice:
    """The backlog (or the sprint ``key`` is planned in) from the top down to ``key``."""
    if sprint is not None:
        return Choice(f"Sprint {sprint} down to {key}", {"sprint_to": key})
    return Choice(f"the backlog down to {key}", {"backlog_to": key})


class ForecastDialog(Dialog[None]):
    """Offer the choices (if more than one), then show the forecast of the one picked."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Close", id="dialog.cancel"),
    ]

    def __init__(
        self, ctx: Context, board_key: str, choice: Choice, *, labels: bool = False
    ) -> None:
        super().__init__(classes="dialog-screen")
        self.ctx = ctx
        self.board_key = board_key
        self.first = choice
        self.labels = labels
        """Offer the cards of each label too (the Board); else forecast ``choice`` at once."""
        self.choices: list[Choice] = [choice]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog -editor", id="forecast"):
            yield Static(Content("Forecast: when will these be done?"), classes="dialog-title")
            yield OptionList(id="forecast-choices")
            yield Static(Content("reading…"), classes="dialog-body", id="forecast-sentence")
            yield FinishHistogram(id="forecast-histogram")
            yield Static("", classes="dialog-hint", id="forecast-basis")
            with Horizontal(classes="dialog-buttons"):
                yield Button(Content("Close (esc)"), variant="primary", id="close", compact=True)

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one(FinishHistogram).display = False
        choices = self.query_one(OptionList)
        if self.labels:
            choices.styles.max_height = 8
            self._read_choices()
        else:
            choices.display = False
            self._forecast(self.first)
            self.query_one("#close", Button).focus()

    @work(thread=True, exclusive=True, group="forecast-choices")
    def _read_choices(self) -> None:
        from ..services import forecast

        try:
            labels = forecast.label_counts(self.ctx, self.board_key)
            done = forecast.done_columns(self.ctx, self.board_key)
        except KanbanError:
            labels, done = [], set()
        # A done column has nothing left to finish: it is not offered.
        first = [] if self.first.what.get("column") in done else [self.first]
        self.post_message(
            ChoicesRead(
                first
                + [
                    Choice(f"the cards labelled {label} ({count})", {"label": label})
                    for label, count in labels
                ]
            )
        )

    @on(ChoicesRead)
    def _choices_read(self, message: ChoicesRead) -> None:
        self.choices = message.choices
        options = self.query_one(OptionList)
        if not self.choices:
            options.display = False
            self.query_one("#close", Button).focus()
            self.query_one("#forecast-sentence", Static).update(
                Content(
                    "Nothing to forecast here: a done column has nothing left to finish, "
                    "and no card left to finish carries a label."
                )
            )
            return
        options.add_options(Option(literal(choice.words)) for choice in self.choices)
        options.highlighted = 0
        options.focus()
        self.query_one("#forecast-sentence", Static).update(
            Content("Which cards? enter forecasts the one highlighted.")
        )

    @on(OptionList.OptionSelected, "#forecast-choices")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        # The list goes: at 80x24 the forecast needs its room (W again to choose again).
        event.option_list.display = False
        self.query_one("#close", Button).focus()
        self._forecast(self.choices[event.option_index])

    def _forecast(self, choice: Choice) -> None:
        self.query_one("#forecast-sentence", Static).update(
            Content.assemble("Forecasting ", literal(choice.words), "…")
        )
        self._run(choice)

    @work(thread=True, exclusive=True, group="forecast-run")
    def _run(self, choice: Choice) -> None:
        from ..services import forecast

        today = self.ctx.today()
        try:
            selection = forecast.select_cards(self.ctx, self.board_key, **choice.what)
            report = forecast.when(self.ctx, self.board_key, selection, seed=SEED)
        except KanbanError as error:
            self.post_message(ForecastRead(choice.words, None, today, error.message))
            return
        self.post_message(ForecastRead(selection.what, report.forecast, today))

    @on(ForecastRead)
    def _show_forecast(self, message: ForecastRead) -> None:
        from ..services.forecast import HISTOGRAM_TITLE, basis, when_sentence

        sentence = self.query_one("#forecast-sentence", Static)
        chart = self.query_one(FinishHistogram)
        result = message.result
        if result is None:
            sentence.update(
                Content.assemble(
                    literal(message.what, "bold"), "\n", (message.refusal, "$text-warning")
                )
            )
            chart.display = False
            self.query_one("#forecast-basis", Static).update("")
            return
        sentence.update(
            Content.assemble(
                literal(message.what, "bold"),
                "\n",
                (when_sentence(result, message.today), "bold $text-primary"),
            )
        )
        chart.display = result.remaining > 0
        chart.show(result)
        self.query_one("#forecast-basis", Static).update(
            Content(f"{HISTOGRAM_TITLE}; {basis(result)}.")
        )

    @on(Button.Pressed, "#close")
    def _close(self) -> None:
        self.dismiss(None)
