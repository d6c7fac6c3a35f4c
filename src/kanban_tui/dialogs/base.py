"""What every dialog shares: esc cancels, the app's cursor-blink setting applies."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar, TypeVar

from textual.binding import Binding, BindingType
from textual.screen import ModalScreen
from textual.widgets import Input, TextArea

T = TypeVar("T")


class Dialog(ModalScreen[T]):
    """A modal dialog; ``dismiss(None)`` means cancelled."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="dialog.cancel"),
    ]

    def on_mount(self) -> None:
        blink = getattr(self.app, "cursor_blink", True)
        for widget in self.query(Input):
            widget.cursor_blink = blink
        for area in self.query(TextArea):
            area.cursor_blink = blink

    def action_cancel(self) -> None:
        self.confirm_leave(lambda: self.dismiss(None))

    def confirm_leave(self, then: Callable[[], object]) -> None:
        """Call ``then`` to leave; a dialog holding unsaved typing asks first."""
        then()

    def refresh_data(self) -> None:
        """Other processes changed the database: a dialog that shows what is
        stored (a history) reads it again; the others keep what is typed."""
