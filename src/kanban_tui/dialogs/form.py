"""What the editor dialogs share: leaving with changes asks first, reading
typed values, showing field errors."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import TypeVar

from textual.dom import DOMNode
from textual.widgets import Input, Select, Static, TextArea

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


def show_field_error(form: DOMNode, name: str, message: str | None) -> None:
    """Show (or clear) the sentence under field ``#name`` and mark the field."""
    error = form.query_one(f"#{name}-error", Static)
    error.update(literal(message) if message else "")
    error.set_class(bool(message), "-shown")
    form.query_one(f"#{name}").set_class(bool(message), "-invalid")
