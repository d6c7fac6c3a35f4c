"""The import's dialogs: a progress bar while the worker runs, then the summary."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import ProgressBar, Static

from ..widgets.text import literal
from .base import Dialog
from .confirm import ConfirmDialog


class ProgressDialog(Dialog[None]):
    """Says what is running (``what``, shown literally) over a bar; the caller
    tells it the steps (:meth:`advance`, cards written of all) and dismisses
    it when the work ends. Until the first step the bar moves without a total
    (the file is read and checked)."""

    DEFAULT_CSS = """
    ProgressDialog #transfer-count {
        color: $text-muted;
    }
    """

    def __init__(self, heading: str, what: str) -> None:
        super().__init__(classes="dialog-screen")
        self.heading = heading
        self.what = what

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog -small", id="transfer-progress"):
            yield Static(Content(self.heading), classes="dialog-title")
            yield Static(literal(self.what), classes="dialog-body")
            yield Static(Content("Reading and checking the file…"), id="transfer-count")
            yield ProgressBar(total=None, show_eta=False, id="transfer-bar")

    def advance(self, done: int, total: int) -> None:
        """``done`` of ``total`` cards are written."""
        if not self.is_attached:
            return
        self.query_one("#transfer-bar", ProgressBar).update(total=max(total, 1), progress=done)
        self.query_one("#transfer-count", Static).update(
            Content(f"Writing cards: {done:,} of {total:,}")
        )

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
