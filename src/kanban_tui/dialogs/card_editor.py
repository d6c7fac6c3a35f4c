"""The card editor: one dialog to create a card (n) and to edit one (enter / e).

Each field is checked as it changes with the domain's ``field_errors`` and
its sentence shows under the field; ctrl+s (or enter in a one-line field)
saves only when every field is valid. The dialog returns the raw values; the
screen hands them to the service, which cleans them again.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.suggester import SuggestFromList
from textual.widget import Widget
from textual.widgets import Button, Input, Label, Select, Static, TextArea

from ..domain import validation
from ..domain.cards import field_errors
from ..domain.errors import KanbanError
from ..domain.model import POINT_CHOICES, Card, CardType, Priority
from ..services import risks as risk_services
from ..services.context import Context
from ..widgets.text import literal, safe, safe_lines
from .base import Dialog
from .confirm import ConfirmDialog
from .form import read_fields, show_field_error

FIELDS = (
    "title",
    "type",
    "priority",
    "points",
    "assignee",
    "labels",
    "due",
    "blocked",
    "description",
)


class PointsInput(Input):
    """Points: type any 0-100, or step through the usual estimates with up/down."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "step(1)", "More points", show=False),
        Binding("down", "step(-1)", "Fewer points", show=False),
    ]

    def action_step(self, direction: int) -> None:
        try:
            current = validation.points(self.value)
        except KanbanError:
            current = None
        if current is None:
            choices = POINT_CHOICES if direction > 0 else POINT_CHOICES[::-1]
            self.value = str(choices[0])
        elif direction > 0:
            self.value = str(next((p for p in POINT_CHOICES if p > current), current))
        else:
            self.value = str(next((p for p in POINT_CHOICES[::-1] if p < current), current))
        self.cursor_position = len(self.value)


def card_fields(card: Card | None) -> dict[str, str]:
    """The card's fields as text, exactly as stored."""
    if card is None:
        return {name: "" for name in FIELDS} | {"type": "task", "priority": "none"}
    return {
        "title": card.title,
        "type": card.type.value,
        "priority": card.priority.value,
        "points": "" if card.points is None else str(card.points),
        "assignee": card.assignee or "",
        "labels": " ".join(card.labels),
        "due": card.due.isoformat() if card.due else "",
        "blocked": card.blocked or "",
        "description": card.description,
    }


class CardEditor(Dialog[dict[str, Any]]):
    """Create or edit a card; dismisses with the field values, or None."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", id="editor.save"),
        Binding("ctrl+o", "history", "History", id="editor.history"),
    ]

    def __init__(
        self,
        heading: Content,
        card: Card | None = None,
        *,
        ctx: Context,
        people: list[str] | None = None,
        draft: Mapping[str, str] | None = None,
        note: str = "",
    ) -> None:
        super().__init__(classes="dialog-screen")
        self.ctx = ctx
        self.heading = heading
        self.card = card
        self.stored = card_fields(card)
        # What was typed before (an override cancelled, a stale save) shows
        # instead of the stored text; leaving it unsaved asks first.
        self.shown = {**self.stored, **(draft or {})}
        # Widgets would write control characters (an ESC) straight to the
        # terminal, so they get the visible stand-ins; see values().
        self.initial = {
            name: safe_lines(value) if name == "description" else safe(value)
            for name, value in self.shown.items()
        }
        self.people = people or []
        self.note = note

    # -- layout --------------------------------------------------------------
    def _field(self, label: str, name: str, widget: Widget) -> ComposeResult:
        with Vertical(classes=f"field field-{name}"):
            with Horizontal(classes="field-row"):
                yield Label(Content(label), classes="field-label")
                yield widget
            yield Static("", classes="field-error", id=f"{name}-error")

    def compose(self) -> ComposeResult:
        v = self.initial
        with Vertical(classes="dialog -editor", id="card-editor"):
            yield Static(self.heading, classes="dialog-title")
            if self.note:
                yield Static(literal(self.note), classes="dialog-body -warning", id="editor-note")
            yield from self._field(
                "Title",
                "title",
                Input(
                    v["title"],
                    placeholder="What needs doing",
                    id="title",
                    compact=True,
                    # Typing after `e` should add to the title, not replace it.
                    select_on_focus=False,
                ),
            )
            with Horizontal(classes="field-pair"):
                yield from self._field(
                    "Type",
                    "type",
                    Select(
                        [(kind.value, kind.value) for kind in CardType],
                        value=v["type"],
                        allow_blank=False,
                        id="type",
                        compact=True,
                    ),
                )
                yield from self._field(
                    "Priority",
                    "priority",
                    Select(
                        [(level.value, level.value) for level in Priority],
                        value=v["priority"],
                        allow_blank=False,
                        id="priority",
                        compact=True,
                    ),
                )
            with Horizontal(classes="field-pair"):
                yield from self._field(
                    "Points",
                    "points",
                    PointsInput(
                        v["points"],
                        placeholder=" ".join(map(str, POINT_CHOICES)),
                        id="points",
                        compact=True,
                        tooltip="Any whole number 0-100; up/down steps through "
                        + ", ".join(map(str, POINT_CHOICES)),
                    ),
                )
                yield from self._field(
                    "Due", "due", Input(v["due"], placeholder="YYYY-MM-DD", id="due", compact=True)
                )
            with Horizontal(classes="field-pair"):
                yield from self._field(
                    "Assignee",
                    "assignee",
                    Input(
                        v["assignee"],
                        placeholder="user name",
                        id="assignee",
                        compact=True,
                        suggester=SuggestFromList(self.people, case_sensitive=False),
                    ),
                )
                yield from self._field(
                    "Labels",
                    "labels",
                    Input(v["labels"], placeholder="api, frontend", id="labels", compact=True),
                )
            yield from self._field(
                "Blocked",
                "blocked",
                Input(
                    v["blocked"],
                    placeholder="reason; empty = not blocked",
                    id="blocked",
                    compact=True,
                ),
            )
            yield Static("", id="card-risks")
            yield Label(Content("Description"), classes="field-label -above")
            yield TextArea(v["description"], id="description", compact=True, tab_behavior="focus")
            with Horizontal(classes="dialog-buttons"):
                hint = "ctrl+s save · ctrl+o history" if self.card else None
                yield Static(Content(hint or "ctrl+s save · esc cancel"), classes="dialog-hint")
                if self.card is not None:
                    yield Button(Content("History"), id="history", compact=True)
                yield Button(Content("Save"), variant="primary", id="save", compact=True)
                yield Button(Content("Cancel"), id="cancel", compact=True)

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#title", Input).focus()
        self._show_risks()

    def _show_risks(self) -> None:
        """A read-only line naming the risks the card is linked to (none: hidden)."""
        line = self.query_one("#card-risks", Static)
        linked = []
        if self.card is not None:
            try:
                linked = risk_services.card_risks(self.ctx, self.card.key)
            except KanbanError:
                linked = []
        line.display = bool(linked)
        if linked:
            parts: list[Content | str] = [Content.styled("Risks".ljust(10), "$text-muted")]
            for index, risk in enumerate(linked):
                if index:
                    parts.append(", ")
                parts.append(
                    Content.assemble(
                        (f"⚠ {risk.key}", "bold $text-warning"), f" {risk.severity.value}"
                    )
                )
            line.update(Content.assemble(*parts))

    # -- values and errors -----------------------------------------------------
    def values(self) -> dict[str, str]:
        """The field values as typed; a field left as shown keeps its stored text."""
        return read_fields(self, FIELDS, self.initial, self.shown)

    def changed(self) -> bool:
        """Whether anything differs from the stored card (or an empty new one)."""
        return self.values() != self.stored

    def confirm_leave(self, then: Callable[[], object]) -> None:
        """Leaving with unsaved changes asks first; "keep editing" stays."""
        if not self.changed():
            then()
            return
        name = self.card.key if self.card is not None else "the new card"
        question = Content.assemble("Discard changes to ", (name, "bold"), "?")
        dialog = ConfirmDialog(
            "Unsaved changes", question, confirm="Discard", danger=True, cancel="Keep editing"
        )

        def answered(yes: bool | None) -> None:
            if yes:
                then()

        self.app.push_screen(dialog, answered)

    def _show_error(self, name: str, message: str | None) -> None:
        show_field_error(self, name, message)

    def check(self, names: tuple[str, ...] = FIELDS) -> dict[str, str]:
        """Show the errors of ``names``; returns every error of those fields."""
        values = self.values()
        errors = field_errors({name: values[name] for name in names})
        for name in names:
            if name != "description":
                self._show_error(name, errors.get(name))
        return errors

    @on(Input.Changed)
    @on(Select.Changed)
    def _changed(self, event: Input.Changed | Select.Changed) -> None:
        name = event.control.id
        if name in FIELDS and self.is_mounted:
            self.check((name,))

    @on(Input.Submitted)
    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        errors = self.check()
        if errors:
            first = next(name for name in FIELDS if name in errors)
            self.query_one(f"#{first}").focus()
            self.app.bell()
            return
        self.dismiss(self.values())

    @on(Button.Pressed, "#history")
    def action_history(self) -> None:
        """The card's history over the editor; what was typed stays."""
        if self.card is not None:
            from .card_history import HistoryDialog

            self.app.push_screen(HistoryDialog(self.ctx, self.card.board_key, self.card.key))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return self.card is not None if action == "history" else True

    @on(Button.Pressed, "#cancel")
    def _cancelled(self) -> None:
        self.action_cancel()
