"""What every dialog shares: esc cancels, the app's cursor-blink setting applies."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, ClassVar, Literal, TypeVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static, TextArea

if TYPE_CHECKING:
    from ..services.activity import Change
    from ..services.context import Context

T = TypeVar("T")


def read_only_sentence(ctx: Context) -> str:
    """Why this person may not change the open file (one sentence)."""
    return ctx.db.read_only_reason or "The board is read-only."


def buttons(
    label: str,
    button_id: str,
    *,
    hint: str | None = None,
    variant: Literal["primary", "success", "warning"] = "primary",
    cancel: str = "Cancel",
) -> ComposeResult:
    """A dialog's button row: its keys (``hint``), its button, then Cancel (as esc)."""
    with Horizontal(classes="dialog-buttons"):
        if hint is not None:
            yield Static(Content(hint), classes="dialog-hint")
        yield Button(Content(label), variant=variant, id=button_id, compact=True)
        yield Button(Content(cancel), id="cancel", compact=True)


class Dialog(ModalScreen[T]):
    """A modal dialog; ``dismiss(None)`` means cancelled."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="dialog.cancel"),
    ]

    _shown = False
    _board: str | None = None

    def on_screen_resume(self, event: events.ScreenResume) -> None:
        # Runs before Screen's own handler, which restyles the whole screen
        # when it is shown. Shown the first time, the dialog has just been
        # mounted, every widget styled as it was: that restyle (some 30 ms
        # for the card editor on a 2-core machine) changes nothing. Shown
        # again (a dialog closed over it), it is restyled as Textual decides.
        if not self._shown:
            self._shown = True
            event.refresh_styles = False
        elif (
            self.is_current
            and self._board != getattr(self.app, "board_key", None)
            and self.unsaved() is None
        ):
            # Another board was opened while this one waited under another
            # view (the views close theirs at once): it belonged to the old.
            self.dismiss(None)

    def on_mount(self) -> None:
        self._board = getattr(self.app, "board_key", None)
        """The board open when the dialog was (None: an app without boards)."""
        blink = getattr(self.app, "cursor_blink", True)
        for widget in self.query(Input):
            widget.cursor_blink = blink
        for area in self.query(TextArea):
            area.cursor_blink = blink

    def action_cancel(self) -> None:
        self.confirm_leave(lambda: self.dismiss(None))

    @on(Button.Pressed, "#cancel")
    def _cancelled(self) -> None:
        """A dialog's Cancel button: as esc."""
        self.action_cancel()

    def unsaved(self) -> str | None:
        """What leaving now would throw away ("WEB-12"), or None: nothing typed."""
        return None

    def confirm_leave(self, then: Callable[[], object]) -> None:
        """Call ``then`` to leave; a dialog holding unsaved typing asks first
        (see :class:`~.form.FormDialog`)."""
        then()

    def refresh_data(self, changes: Sequence[Change] | None = None) -> None:
        """Other processes committed ``changes`` (None: something, unknown what).

        A dialog that shows what is stored (a history) reads it again; one
        that holds typing keeps it, and may say what changed under it.
        """

    def show_read_only(self) -> None:
        """Changes became refused or allowed again (a server lost or back):
        show it, and offer keys to match. The app calls it on every dialog
        on the stack, as it calls :meth:`KanbanScreen.show_read_only`."""
