"""Dialogs for setting up a board: a new board (key, name, template), a new
column (name, category, WIP limit), and picking one of a few choices.

Each checks in place what needs no database (a key's shape, a list of
columns) and dismisses with what was typed; the caller does the write in a
worker and, if it is refused, opens the dialog again with the text and the
sentence (``note``).
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Button, Input, OptionList, Select, Static
from textual.widgets.option_list import Option

from ..domain import boards as board_rules
from ..domain import validation
from ..domain.errors import KanbanError
from ..domain.model import Category
from ..widgets.text import literal
from .base import Dialog, buttons
from .form import FormDialog, input_field, select_field, show_field_error, value_choices

OWN = "own"
"""The template choice that takes the person's own list of columns."""

TEMPLATE_CHOICES = (
    ("Kanban: To Do, In Progress, Done", "kanban"),
    ("Scrum: Backlog, To Do, In Progress, Review, Done", "scrum"),
    ("My own list of columns", OWN),
)

CATEGORY_MEANING = {
    Category.TODO: "not started yet",
    Category.IN_PROGRESS: "being worked on (WIP counts, cycle time starts)",
    Category.DONE: "finished (burndown and cycle time count it done)",
}


@dataclass(frozen=True)
class NewBoard:
    """What the new-board dialog was given."""

    key: str
    name: str
    template: str | None
    """``kanban`` or ``scrum``; None: ``columns`` is the person's own list."""
    columns: str | None = None


@dataclass(frozen=True)
class NewColumn:
    name: str
    category: Category
    wip_limit: int | None


class NewBoardDialog(FormDialog[NewBoard]):
    """A new board: key, name and its columns (a template or one's own list)."""

    def __init__(
        self, typed: NewBoard | None = None, note: str = "", *, key_note: str = ""
    ) -> None:
        super().__init__(classes="dialog-screen")
        self.typed = typed
        self.note = note
        self.key_note = key_note
        """A refusal about the key (another board has it): said under Key."""

    def compose(self) -> ComposeResult:
        typed = self.typed
        with Vertical(classes="dialog -form", id="new-board"):
            yield Static(Content("New board"), classes="dialog-title")
            yield Static(literal(self.note), classes="dialog-body -warning", id="form-note")
            yield from input_field("Key", "key", typed.key if typed else "", "e.g. WEB")
            yield from input_field(
                "Name", "name", typed.name if typed else "", "e.g. Website relaunch"
            )
            yield from select_field(
                "Columns",
                "template",
                TEMPLATE_CHOICES,
                (typed.template or OWN) if typed else "kanban",
            )
            yield from input_field(
                "Own list",
                "columns",
                typed.columns or "" if typed else "",
                "To Do, Doing:3, Done  (NAME:N WIP limit, NAME:done category)",
            )
            yield Static("", classes="dialog-hint", id="columns-preview")
            yield Static(
                _keys_hint(typed.key if typed else ""), classes="dialog-hint", id="key-hint"
            )
            yield from buttons("Create (enter)", "ok", cancel="Cancel (esc)")

    def on_mount(self) -> None:
        super().on_mount()
        note = self.query_one("#form-note", Static)
        note.display = bool(self.note)
        self._own_list_shown()
        if self.key_note:
            show_field_error(self, "key", self.key_note)
        self.query_one("#key", Input).focus()

    @on(Input.Changed, "#key")
    @on(Input.Changed, "#name")
    def _retyped(self, event: Input.Changed) -> None:
        """A field's sentence, once shown, follows what it holds: fixed, it goes."""
        name = str(event.input.id)
        if name == "key":
            self.query_one("#key-hint", Static).update(_keys_hint(event.value))
        if not self.query_one(f"#{name}-error", Static).has_class("-shown"):
            return
        taken = self.typed.key.strip().upper() if self.key_note and self.typed else None
        check = validation.board_key if name == "key" else validation.board_name
        try:
            if check(event.value) == taken:
                show_field_error(self, name, self.key_note)
                return
            show_field_error(self, name, None)
        except KanbanError as error:
            show_field_error(self, name, error.message)

    def _own_list_shown(self) -> None:
        own = self.query_one("#template", Select).value == OWN
        self.query_one(".field-columns").display = own
        self._preview()

    @on(Select.Changed, "#template")
    def _template_changed(self) -> None:
        self._own_list_shown()

    @on(Input.Changed, "#columns")
    def _preview(self) -> None:
        """The category (and limit) each column will get, before it is created."""
        values = self._values()
        preview = self.query_one("#columns-preview", Static)
        show_field_error(self, "columns", None)  # the preview says it from now on
        if values.template is None and not (values.columns or "").strip():
            preview.update(Content("Type the columns, first to last, separated by commas."))
            return
        try:
            specs = board_rules.board_columns(values.template, values.columns)
        except KanbanError as error:
            preview.update(literal(error.message))
            return
        preview.update(Content.assemble("Columns: ", literal(board_rules.describe(specs or ()))))

    def _values(self) -> NewBoard:
        template = str(self.query_one("#template", Select).value)
        columns = self.query_one("#columns", Input).value
        return NewBoard(
            self.query_one("#key", Input).value,
            self.query_one("#name", Input).value,
            None if template == OWN else template,
            columns if template == OWN else None,
        )

    def unsaved(self) -> str | None:
        values = self._values()
        return "the new board" if values.key.strip() or values.name.strip() else None

    @on(Input.Submitted)
    @on(Button.Pressed, "#ok")
    def _submit(self) -> None:
        values = self._values()
        checks = {
            "key": lambda: validation.board_key(values.key),
            "name": lambda: validation.board_name(values.name),
            "columns": lambda: (
                values.template is None and board_rules.parse_columns(values.columns or "")
            ),
        }
        first = None
        for name, check in checks.items():
            try:
                check()
                show_field_error(self, name, None)
            except KanbanError as error:
                show_field_error(self, name, error.message)
                first = first or name
                if name == "columns":  # the field says what the preview said: once is enough
                    self.query_one("#columns-preview", Static).update("")
        if first is not None:
            self.query_one(f"#{first}").focus()
            return
        self.dismiss(values)


class NewColumnDialog(FormDialog[NewColumn]):
    """A new column: its name, category and WIP limit."""

    def __init__(self, board: str, typed: NewColumn | None = None, note: str = "") -> None:
        super().__init__(classes="dialog-screen")
        self.board = board
        self.typed = typed
        self.note = note

    def compose(self) -> ComposeResult:
        typed = self.typed
        with Vertical(classes="dialog -form", id="new-column"):
            yield Static(
                Content.assemble("New column on ", (self.board, "bold")), classes="dialog-title"
            )
            yield Static(literal(self.note), classes="dialog-body -warning", id="form-note")
            yield from input_field("Name", "name", typed.name if typed else "", "e.g. QA")
            yield from select_field(
                "Category",
                "category",
                value_choices(Category),
                (typed.category if typed else Category.IN_PROGRESS).value,
            )
            limit = typed.wip_limit if typed else None
            yield from input_field(
                "WIP limit",
                "limit",
                "" if limit is None else str(limit),
                "a number, or empty for none",
            )
            yield Static(
                Content("It goes where its category belongs; move it after with H / L."),
                classes="dialog-hint",
            )
            yield from buttons("Add (enter)", "ok", cancel="Cancel (esc)")

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#form-note", Static).display = bool(self.note)
        self.query_one("#name", Input).focus()

    def unsaved(self) -> str | None:
        typed = self.query_one("#name", Input).value.strip()
        return "the new column" if typed or self.query_one("#limit", Input).value.strip() else None

    @on(Input.Submitted)
    @on(Button.Pressed, "#ok")
    def _submit(self) -> None:
        name = self.query_one("#name", Input).value
        limit_text = self.query_one("#limit", Input).value
        values: dict[str, object] = {}
        first = None
        for field, check in (
            ("name", lambda: validation.column_name(name)),
            ("limit", lambda: validation.wip_limit(limit_text or None)),
        ):
            try:
                values[field] = check()
                show_field_error(self, field, None)
            except KanbanError as error:
                show_field_error(self, field, error.message)
                first = first or field
        if first is not None:
            self.query_one(f"#{first}").focus()
            return
        category = Category(str(self.query_one("#category", Select).value))
        limit = values["limit"]
        self.dismiss(
            NewColumn(str(values["name"]), category, limit if isinstance(limit, int) else None)
        )


class PickDialog(Dialog[str]):
    """Pick one of a few choices ``(id, label)``; dismisses with its id, or None."""

    def __init__(
        self,
        heading: Content,
        body: Content,
        choices: list[tuple[str, Content | Table]],
        current: str | None = None,
    ) -> None:
        super().__init__(classes="dialog-screen")
        self.heading = heading
        self.body = body
        self.choices = choices
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog -small", id="pick"):
            yield Static(self.heading, classes="dialog-title")
            yield Static(self.body, classes="dialog-body")
            yield OptionList(*(Option(label, id=key) for key, label in self.choices), id="choices")
            yield Static(Content("enter choose · esc cancel"), classes="dialog-hint")

    def on_mount(self) -> None:
        super().on_mount()
        options = self.query_one("#choices", OptionList)
        keys = [key for key, _ in self.choices]
        if self.current in keys:
            options.highlighted = keys.index(self.current)
        options.focus()

    @on(OptionList.OptionSelected, "#choices")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)


def _keys_hint(typed: str) -> Content:
    """Which keys the cards will get, from the key as typed (KEY until it is one)."""
    try:
        key = validation.board_key(typed)
    except KanbanError:
        key = "KEY"
    return Content(f"Cards get keys {key}-1, {key}-2, …; the key cannot change later.")


def category_choices(current: Category) -> list[tuple[str, Content | Table]]:
    """The three categories, each with what it means, the current one marked.
    A meaning too long for the line wraps under itself, not under the name."""
    choices: list[tuple[str, Content | Table]] = []
    for category in Category:
        row = Table.grid(expand=True)
        row.add_column(width=2, no_wrap=True)
        row.add_column(width=12, no_wrap=True)
        row.add_column(ratio=1)
        row.add_row(
            Text("● " if category is current else "  ", style="bold"),
            Text(category.value, style="bold"),
            Text(CATEGORY_MEANING[category], style="dim"),
        )
        choices.append((category.value, row))
    return choices
