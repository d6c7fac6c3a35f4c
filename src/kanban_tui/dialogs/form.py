"""What the editor dialogs share: leaving with changes asks first, reading
typed values, showing field errors."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from enum import Enum
from typing import Any, TypeVar

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.dom import DOMNode
from textual.widget import Widget
from textual.widgets import Input, Label, Select, Static, TextArea

from ..widgets.text import literal
from .base import Dialog
from .confirm import discard_dialog

T = TypeVar("T")


class FormDialog(Dialog[T]):
    """A dialog that holds typing: leaving it (esc, Cancel, quitting the app)
    with changes asks "Discard changes to WEB-12?" first. Nothing typed is
    lost without that question. Subclasses say what :meth:`unsaved` holds."""

    def confirm_leave(self, then: Callable[[], object]) -> None:
        name = self.unsaved()
        if name is None:
            then()
            return

        def answered(yes: bool | None) -> None:
            if yes:
                then()

        self.app.push_screen(discard_dialog(name), answered)

    _as_opened: tuple[str, ...] = ()

    def _typing(self) -> tuple[str, ...]:
        return tuple(field.value for field in self.query(Input))

    def keep_as_opened(self) -> None:
        """What the fields read now is what the dialog opened with (:meth:`retyped`)."""
        self._as_opened = self._typing()

    def retyped(self) -> bool:
        """Whether a field reads otherwise than when :meth:`keep_as_opened` was called."""
        return self._typing() != self._as_opened

    def save_checked(
        self, errors: Mapping[str, str], order: Iterable[str], values: Callable[[], T]
    ) -> None:
        """Save (dismiss with ``values()``) unless a field is refused: then the
        first refused field of ``order`` takes the cursor, and the bell rings."""
        if errors:
            first = next(name for name in order if name in errors)
            self.query_one(f"#{first}").focus()
            self.app.bell()
            return
        self.dismiss(values())


def read_fields(
    form: DOMNode, names: Iterable[str], initial: Mapping[str, str], stored: Mapping[str, str]
) -> dict[str, str]:
    """The values of fields ``#name`` as typed.

    A field left as it was shown keeps its stored text: the dialog shows user
    text with control characters made visible, and saving that stand-in must
    not change the stored value.
    """
    out: dict[str, str] = {}
    for name in names:
        widget = form.query_one(f"#{name}")
        if isinstance(widget, Select):
            out[name] = str(widget.value)
        elif isinstance(widget, TextArea):
            out[name] = widget.text
        else:
            assert isinstance(widget, Input)
            out[name] = widget.value
        if out[name] == initial[name]:
            out[name] = stored[name]
    return out


def field_row(label: str, widget: Widget, *, name: str, hint: bool = False) -> ComposeResult:
    """``Label  [widget]`` on one line (``hint``: a note after it, ``#name-hint``),
    with its error line under it (``#name-error``, see :func:`show_field_error`)."""
    with Vertical(classes=f"field field-{name}"):
        with Horizontal(classes="field-row"):
            yield Label(Content(label), classes="field-label")
            yield widget
            if hint:
                yield Static("", classes="field-hint", id=f"{name}-hint")
        yield Static("", classes="field-error", id=f"{name}-error")


def input_field(
    label: str, name: str, value: str, placeholder: str, *, hint: bool = False, **options: Any
) -> ComposeResult:
    """A :func:`field_row` of a one-line ``Input`` with id ``name``."""
    field = Input(value, placeholder=placeholder, id=name, compact=True, **options)
    yield from field_row(label, field, name=name, hint=hint)


def value_choices(values: Iterable[Enum]) -> list[tuple[str, str]]:
    """A ``Select``'s choices of an enum's values, each shown as itself."""
    return [(str(value.value), str(value.value)) for value in values]


def select_field(
    label: str, name: str, choices: Iterable[tuple[str, str]], value: str
) -> ComposeResult:
    """A :func:`field_row` of a ``Select`` with id ``name`` that always holds a choice."""
    field = Select(choices, value=value, allow_blank=False, id=name, compact=True)
    yield from field_row(label, field, name=name)


def show_field_error(form: DOMNode, name: str, message: str | None) -> None:
    """Show (or clear) the sentence under field ``#name`` and mark the field."""
    error = form.query_one(f"#{name}-error", Static)
    error.update(literal(message) if message else "")
    error.set_class(bool(message), "-shown")
    form.query_one(f"#{name}").set_class(bool(message), "-invalid")
