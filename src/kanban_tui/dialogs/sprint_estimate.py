"""Small pickers of sprint planning: a card's estimate (p), a sprint to move it to (m)."""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from ..domain import validation
from ..domain.cards import field_errors
from ..domain.model import POINT_CHOICES, Card
from ..domain.sprints import Sprint, SprintState
from ..formatting import date_range
from ..widgets.text import fit, literal, one_line
from .base import Dialog
from .card_fields import PointsInput
from .form import show_field_error


@dataclass(frozen=True)
class Estimate:
    """A new estimate; ``points`` None means unestimated."""

    points: int | None


class EstimateDialog(Dialog[Estimate]):
    """Type the points, or step through the usual estimates with up/down."""

    def __init__(self, card: Card) -> None:
        super().__init__(classes="dialog-screen")
        self.card = card

    def compose(self) -> ComposeResult:
        card = self.card
        with Vertical(classes="dialog -small", id="estimate-dialog"):
            yield Static(Content.assemble("Estimate ", (card.key, "bold")), classes="dialog-title")
            yield Static(literal(fit(one_line(card.title), 56)), classes="dialog-body")
            yield PointsInput(
                "" if card.points is None else str(card.points),
                placeholder="points; empty = unestimated",
                id="points",
                compact=True,
            )
            yield Static("", classes="field-error", id="points-error")
            choices = " ".join(map(str, POINT_CHOICES))
            yield Static(
                Content(f"↑↓ steps {choices} · enter sets · esc"),
                classes="dialog-hint -spaced",
            )

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#points", Input).focus()

    @on(Input.Changed, "#points")
    def _typed(self, event: Input.Changed) -> None:
        show_field_error(self, "points", field_errors({"points": event.value}).get("points"))

    @on(Input.Submitted, "#points")
    def _set(self, event: Input.Submitted) -> None:
        error = field_errors({"points": event.value}).get("points")
        show_field_error(self, "points", error)
        if error:
            self.app.bell()
            return
        self.dismiss(Estimate(validation.points(event.value)))


@dataclass(frozen=True)
class SprintTarget:
    """Where to move a card: sprint ``number``, or the backlog (None)."""

    number: int | None


def _label(sprint: Sprint | None, current: int | None) -> Content:
    mark = ("● " if (sprint.number if sprint else None) == current else "  ", "$text-accent")
    if sprint is None:
        return Content.assemble(mark, ("Backlog", "bold"))
    state = "active" if sprint.state is SprintState.ACTIVE else "planned"
    return Content.assemble(
        mark,
        literal(sprint.name, "bold"),
        (f"  {state} · {date_range(sprint.start, sprint.end)}", "$text-muted"),
    )


class SprintChooser(Dialog[SprintTarget]):
    """Pick an open sprint or the backlog for ``card``."""

    def __init__(self, card: Card, sprints: list[Sprint], current: int | None) -> None:
        super().__init__(classes="dialog-screen")
        self.card = card
        self.sprints = sprints
        self.current = current

    def compose(self) -> ComposeResult:
        options = [Option(_label(s, self.current), id=str(s.number)) for s in self.sprints]
        options.append(Option(_label(None, self.current), id="backlog"))
        with Vertical(classes="dialog -small", id="sprint-chooser"):
            yield Static(
                Content.assemble("Move ", (self.card.key, "bold"), " to"),
                classes="dialog-title",
            )
            yield OptionList(*options, id="targets")
            yield Static(Content("enter move · esc cancel"), classes="dialog-hint")

    def on_mount(self) -> None:
        super().on_mount()
        targets = self.query_one("#targets", OptionList)
        ids = [str(s.number) for s in self.sprints] + ["backlog"]
        # Start where the card is (marked ●): the list reads from there, and
        # enter on it changes nothing.
        here = "backlog" if self.current is None else str(self.current)
        targets.highlighted = ids.index(here) if here in ids else 0
        targets.focus()

    @on(OptionList.OptionSelected, "#targets")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        key = event.option.id
        self.dismiss(SprintTarget(None if key == "backlog" else int(key or 0)))
