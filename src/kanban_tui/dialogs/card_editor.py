"""The card editor: one dialog to create a card (n) and to edit one (enter / e).

Each field is checked as it changes with the domain's ``field_errors`` and
its sentence shows under the field; ctrl+s (or enter in a one-line field)
saves only when every field is valid. The dialog returns the raw values; the
screen hands them to the service, which cleans them again.

While it is open, others may change or delete the card (live updates call
:meth:`CardEditor.refresh_data`). It says so at once and keeps what was
typed: a change is taken into the fields not typed in (the editor then
saves onto the fresh card), a delete turns saving into making a new card.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from contextlib import suppress
from typing import TYPE_CHECKING, Any, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.css.query import NoMatches
from textual.message import Message
from textual.suggester import SuggestFromList
from textual.widgets import Button, Input, Label, Select, Static, TextArea

from ..domain.cards import field_errors
from ..domain.errors import KanbanError, NotFound
from ..domain.model import POINT_CHOICES, Card, CardType, Priority
from ..domain.risks import Risk
from ..services import cards as card_services
from ..services import risks as risk_services
from ..services.context import Context
from ..widgets.text import literal, safe, safe_lines
from .card_fields import (
    FIELDS,
    PointsInput,
    card_fields,
    changed_note,
    deleted_note,
    edit_heading,
)
from .form import (
    FormDialog,
    field_row,
    input_field,
    read_fields,
    select_field,
    show_field_error,
    value_choices,
)

if TYPE_CHECKING:
    from ..services.activity import Change


class CardEditor(FormDialog[dict[str, Any]]):
    """Create or edit a card; dismisses with the field values, or None.

    After a save, :attr:`card` is the card to write onto (the fresh one, if
    others changed it meanwhile) and :attr:`deleted` says it is gone.
    """

    class _Fresh(Message):
        """The card as stored now (None: deleted), read after a change by others."""

        def __init__(self, card: Card | None, ticket: int) -> None:
            super().__init__()
            self.card = card
            self.ticket = ticket

    class _Risks(Message):
        def __init__(self, linked: list[Risk]) -> None:
            super().__init__()
            self.linked = linked

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
        deleted: bool = False,
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
        self.deleted = deleted
        """The card was deleted by someone else while it was being edited."""
        self._reads = 0
        self._ready = False

    # -- layout --------------------------------------------------------------
    def compose(self) -> ComposeResult:
        v = self.initial
        with Vertical(classes="dialog -editor", id="card-editor"):
            yield Static(self.heading, classes="dialog-title")
            yield Static(literal(self.note), classes="dialog-body -warning", id="editor-note")
            yield from input_field(
                "Title", "title", v["title"], "What needs doing", select_on_focus=False
            )
            with Horizontal(classes="field-pair"):
                yield from select_field("Type", "type", value_choices(CardType), v["type"])
                yield from select_field(
                    "Priority",
                    "priority",
                    value_choices(Priority),
                    v["priority"],
                )
            with Horizontal(classes="field-pair"):
                yield from field_row(
                    "Points",
                    PointsInput(
                        v["points"],
                        placeholder=" ".join(map(str, POINT_CHOICES)),
                        id="points",
                        compact=True,
                        tooltip="Any whole number 0-100; up/down steps through "
                        + ", ".join(map(str, POINT_CHOICES)),
                    ),
                    name="points",
                )
                yield from input_field("Due", "due", v["due"], "YYYY-MM-DD")
            with Horizontal(classes="field-pair"):
                yield from input_field(
                    "Assignee",
                    "assignee",
                    v["assignee"],
                    "user name",
                    suggester=SuggestFromList(self.people, case_sensitive=False),
                )
                yield from input_field("Labels", "labels", v["labels"], "api, frontend")
            yield from input_field(
                "Blocked", "blocked", v["blocked"], "reason; empty = not blocked"
            )
            yield Static("", id="card-risks")
            yield Label(Content("Description"), classes="field-label -above")
            yield TextArea(v["description"], id="description", compact=True, tab_behavior="focus")
            with Horizontal(classes="dialog-buttons"):
                hint = "ctrl+s save · ctrl+o history" if self.card else None
                yield Static(Content(hint or "ctrl+s save · esc cancel"), classes="dialog-hint")
                if self.card is not None:
                    yield Button(Content("History"), id="history", compact=True)
                save = "Save as new" if self.deleted else "Save"
                yield Button(Content(save), variant="primary", id="save", compact=True)
                yield Button(Content("Cancel"), id="cancel", compact=True)

    def on_mount(self) -> None:
        super().on_mount()
        self._ready = True  # every field is there: checking as they change may start
        self.query_one("#editor-note").display = bool(self.note)
        self.query_one("#card-risks").display = False
        self.query_one("#title", Input).focus()
        if self.card is not None:
            self._read_risks(self.card.key)

    @work(thread=True, exclusive=True, group="editor-risks")
    def _read_risks(self, key: str) -> None:
        try:
            linked = risk_services.card_risks(self.ctx, key)
        except KanbanError:
            return
        if linked:
            self.post_message(self._Risks(linked))

    @on(_Risks)
    def _show_risks(self, message: _Risks) -> None:
        """A read-only line naming the risks the card is linked to (none: hidden)."""
        parts: list[Content | str] = [Content.styled("Risks".ljust(10), "$text-muted")]
        for index, risk in enumerate(message.linked):
            if index:
                parts.append(", ")
            parts.append(
                Content.assemble((f"⚠ {risk.key}", "bold $text-warning"), f" {risk.severity.value}")
            )
        line = self.query_one("#card-risks", Static)
        line.update(Content.assemble(*parts))
        line.display = True

    # -- changes by others while it is open -------------------------------------
    def refresh_data(self, changes: Sequence[Change] | None = None) -> None:
        """Others committed ``changes``: if they touch this card, say so at once."""
        card = self.card
        if card is None or self.deleted:
            return
        if changes is not None:
            mine = [c for c in changes if c.entity == "card" and c.key == card.key]
            gone = next((c for c in mine if c.action == "deleted"), None)
            if gone is not None:
                self.mark_deleted(gone.actor)
                return
            if not mine and all(c.entity != "file" for c in changes):
                return
        self._reads += 1
        self._read_fresh(card.key, self._reads)

    @work(thread=True, exclusive=True, group="editor-fresh")
    def _read_fresh(self, key: str, ticket: int) -> None:
        try:
            fresh: Card | None = card_services.get_card(self.ctx, key)
        except NotFound:
            fresh = None
        except KanbanError:
            return  # a busy file: the save will find out
        self.post_message(self._Fresh(fresh, ticket))

    @on(_Fresh)
    def _fresh(self, message: _Fresh) -> None:
        if message.ticket != self._reads or self.deleted or self.card is None:
            return
        if message.card is None:
            self.mark_deleted(None)
        elif message.card.version != self.card.version:
            self.rebase(message.card)

    def _say(self, note: str) -> None:
        """Show ``note`` above the fields (not in a toast: that would cover the buttons)."""
        self.note = note
        line = self.query_one("#editor-note", Static)
        line.update(literal(note))
        line.display = True

    def mark_deleted(self, by: str | None) -> None:
        """The card is gone: keep every field, and make saving create it anew."""
        assert self.card is not None
        self.deleted = True
        self.query_one("#save", Button).label = Content("Save as new")
        self._say(deleted_note(self.card.key, self.card.column, by))

    def rebase(self, fresh: Card) -> None:
        """Others saved ``fresh``: the fields not typed in show theirs, the
        typed ones are kept, and saving writes onto ``fresh``."""
        assert self.card is not None
        typed = self.values()
        mine = {name: value for name, value in typed.items() if value != self.stored[name]}
        before, self.card = self.card, fresh
        self.stored = card_fields(fresh)
        self.shown = {**self.stored, **mine}
        self.initial = {
            name: safe_lines(value) if name == "description" else safe(value)
            for name, value in self.shown.items()
        }
        for name in FIELDS:
            if name not in mine:
                self._put(name, self.initial[name])
        if fresh.column != before.column:
            self.query_one(".dialog-title", Static).update(edit_heading(fresh))
        note = changed_note(before, fresh, list(mine))
        if note:
            self._say(note)

    def _put(self, name: str, value: str) -> None:
        widget = self.query_one(f"#{name}")
        # The cursor goes to the end of their text: left where it was, a key
        # typed next would land inside it ("Card 5 AZ X").
        if isinstance(widget, TextArea):
            if widget.text != value:
                widget.text = value
                widget.move_cursor(widget.document.end)
        elif isinstance(widget, Input) and widget.value != value:
            widget.value = value
            widget.cursor_position = len(value)
        elif isinstance(widget, Select) and widget.value != value:
            widget.value = value

    # -- values and errors -----------------------------------------------------
    def values(self) -> dict[str, str]:
        """The field values as typed; a field left as shown keeps its stored text."""
        return read_fields(self, FIELDS, self.initial, self.shown)

    def changed(self) -> bool:
        """Whether anything differs from the stored card (or an empty new one)."""
        return self.values() != self.stored

    def unsaved(self) -> str | None:
        if not self._ready or not self.changed():  # not yet shown: nothing typed
            return None
        return self.card.key if self.card is not None else "the new card"

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
        if name in FIELDS and self._ready:
            # A change may still be queued while the app shuts the dialog down.
            with suppress(NoMatches):
                self.check((name,))

    @on(Input.Submitted)
    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        self.save_checked(self.check(), FIELDS, self.values)

    @on(Button.Pressed, "#history")
    def action_history(self) -> None:
        """The card's history over the editor; what was typed stays."""
        if self.card is not None:
            from .card_history import HistoryDialog

            self.app.push_screen(HistoryDialog(self.ctx, self.card.board_key, self.card.key))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return self.card is not None if action == "history" else True
