"""A yes/no question, e.g. before a delete."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, Static

from ..widgets.text import literal
from .base import Dialog


class ConfirmDialog(Dialog[bool]):
    """Ask ``question``; dismisses with True (confirmed) or None (cancelled)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "confirm", "Yes", id="dialog.yes"),
        Binding("n", "cancel", "No", id="dialog.no"),
    ]

    def __init__(
        self,
        title: str,
        question: Content,
        *,
        confirm: str = "Yes",
        danger: bool = False,
        cancel: str = "Cancel",
    ) -> None:
        super().__init__(classes="dialog-screen")
        self.heading = title
        self.question = question
        self.confirm_label = confirm
        self.danger = danger
        self.cancel_label = cancel

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog -small"):
            yield Static(Content(self.heading), classes="dialog-title")
            yield Static(self.question, classes="dialog-body")
            with Horizontal(classes="dialog-buttons"):
                yield Button(
                    Content(f"{self.confirm_label} (y)"),
                    variant="error" if self.danger else "primary",
                    id="confirm",
                    compact=True,
                )
                yield Button(Content(f"{self.cancel_label} (esc)"), id="cancel", compact=True)

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#confirm", Button).focus()

    def action_confirm(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#confirm")
    def _confirmed(self) -> None:
        self.dismiss(True)


def delete_card_dialog(key: str, title: str) -> ConfirmDialog:
    """The question every view asks before it deletes a card."""
    question = Content.assemble(
        "Delete ",
        (key, "bold"),
        " ",
        literal(f"“{title}”"),
        "?\n",
        ("The card is gone for good; its number is never reused.", "$text-muted"),
    )
    return ConfirmDialog("Delete card", question, confirm="Delete", danger=True)


class DiscardDialog(ConfirmDialog):
    """The question before unsaved typing is thrown away ("Discard changes to WEB-12?")."""


def discard_dialog(name: str, *, quitting: bool = False) -> DiscardDialog:
    """Ask before the typing ``name`` holds is thrown away (``quitting``: by quitting)."""
    question = Content.assemble(
        "Discard changes to ", literal(name, "bold"), " and quit?" if quitting else "?"
    )
    return DiscardDialog(
        "Unsaved changes",
        question,
        confirm="Discard and quit" if quitting else "Discard",
        danger=True,
        cancel="Keep editing",
    )


class NoticeDialog(Dialog[None]):
    """Say ``message`` and offer only Close: what a dialog was opened on is gone."""

    def __init__(self, title: Content, message: Content) -> None:
        super().__init__(classes="dialog-screen")
        self.heading = title
        self.message = message

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog -small", id="notice"):
            yield Static(self.heading, classes="dialog-title")
            yield Static(self.message, classes="dialog-body")
            with Horizontal(classes="dialog-buttons"):
                yield Button(Content("Close (esc)"), variant="primary", id="close", compact=True)

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#close", Button).focus()

    @on(Button.Pressed, "#close")
    def _close_pressed(self) -> None:
        self.dismiss(None)
