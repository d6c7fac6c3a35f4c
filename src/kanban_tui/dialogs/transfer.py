"""The import's dialogs: an indeterminate bar while the worker runs, then the summary."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import ProgressBar, Static

from ..widgets.text import literal
from .base import Dialog
from .confirm import ConfirmDialog


class ProgressDialog(Dialog[None]):
    """Says what is running (``what``, shown literally) under a moving bar; the
    caller dismisses it when the work ends."""

    def __init__(self, heading: str, what: str) -> None:
        super().__init__(classes="dialog-screen")
        self.heading = heading
        self.what = what

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog -small", id="transfer-progress"):
            yield Static(Content(self.heading), classes="dialog-title")
            yield Static(literal(self.what), classes="dialog-body")
            yield ProgressBar(total=None, show_eta=False, id="transfer-bar")

    def action_cancel(self) -> None:
        self.app.bell()  # the import is one transaction: it ends by itself, whole or not at all


class SummaryDialog(ConfirmDialog):
    """The import's summary, scrolling when long (a Trello board's cleanups), so
    that its buttons stay on an 80x24 screen; y opens the board."""

    DEFAULT_CSS = """
    SummaryDialog .dialog-body {
        max-height: 60vh;
        overflow-y: auto;
    }
    """
