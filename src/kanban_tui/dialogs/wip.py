"""WIP dialogs: overriding a limit, and setting a column's or the per-person limit."""

from __future__ import annotations

from contextlib import suppress
from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Button, Input, Static

from ..domain import validation
from ..domain.errors import InvalidInput
from ..domain.model import Column
from ..formatting import plural
from ..widgets.text import literal
from .base import Dialog, buttons


class WipOverrideDialog(Dialog[str]):
    """Offer to go over a WIP limit; dismisses with the reason, or None.

    ``holds`` names the card whose typed text waits on the answer (cancelling
    goes back to its editor; quitting the app asks first).
    """

    def __init__(self, refusal: str, action: Content, *, holds: str | None = None) -> None:
        super().__init__(classes="dialog-screen")
        self.refusal = refusal
        self.action_text = action
        self.holds = holds

    def unsaved(self) -> str | None:
        return self.holds

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog -small -warning", id="wip-override"):
            yield Static(Content("Over the WIP limit?"), classes="dialog-title")
            yield Static(literal(self.refusal), classes="dialog-body -warning")
            yield Static(self.action_text, classes="dialog-body")
            yield Static(
                Content("The override is logged as a WIP breach with your reason."),
                classes="dialog-hint",
            )
            yield Input(
                placeholder="Reason (required)", id="reason", compact=True, classes="-spaced"
            )
            yield Static("", classes="field-error", id="reason-error")
            yield from buttons(
                "Override (enter)", "override", variant="warning", cancel="Cancel (esc)"
            )

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#reason", Input).focus()

    def _error(self, message: str) -> None:
        error = self.query_one("#reason-error", Static)
        error.update(literal(message))
        error.set_class(bool(message), "-shown")

    @on(Input.Changed, "#reason")
    def _typed(self, event: Input.Changed) -> None:
        if event.value.strip():
            self._error("")

    @on(Input.Submitted, "#reason")
    @on(Button.Pressed, "#override")
    def _override(self) -> None:
        value = self.query_one("#reason", Input).value
        try:
            reason = validation.reason(value)
        except InvalidInput as error:
            self._error(error.message)
            self.query_one("#reason", Input).focus()
            return
        self.dismiss(reason)


@dataclass(frozen=True)
class WipChoice:
    """A new limit for a column; ``limit`` None clears it."""

    limit: int | None


class LimitDialog(Dialog[WipChoice]):
    """Set or clear a WIP limit; a bad value is refused in place."""

    def __init__(self, title: Content, body: str, current: int | None) -> None:
        super().__init__(classes="dialog-screen")
        self.heading = title
        self.body_text = body
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog -small", id="wip-limit"):
            yield Static(self.heading, classes="dialog-title")
            now = "no limit" if self.current is None else f"limit {self.current}"
            yield Static(
                Content(
                    f"{self.body_text} ({now}). A positive number sets "
                    "the limit; empty or 'none' removes it."
                ),
                classes="dialog-body",
            )
            yield Input(
                value="" if self.current is None else str(self.current),
                placeholder="e.g. 3, or none",
                id="limit",
                compact=True,
            )
            yield Static("", classes="field-error", id="limit-error")
            yield from buttons("Set (enter)", "set", cancel="Cancel (esc)")

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#limit", Input).focus()

    def _check(self, value: str) -> int | None:
        error = self.query_one("#limit-error", Static)
        try:
            limit = validation.wip_limit(value)
        except InvalidInput as problem:
            error.update(literal(problem.message))
            error.add_class("-shown")
            raise
        error.update("")
        error.remove_class("-shown")
        return limit

    @on(Input.Changed, "#limit")
    def _typed(self, event: Input.Changed) -> None:
        with suppress(InvalidInput):
            self._check(event.value)

    @on(Input.Submitted, "#limit")
    @on(Button.Pressed, "#set")
    def _set(self) -> None:
        try:
            limit = self._check(self.query_one("#limit", Input).value)
        except InvalidInput:
            return
        self.dismiss(WipChoice(limit))


class WipLimitDialog(LimitDialog):
    """Set or clear a column's WIP limit."""

    def __init__(self, column: Column) -> None:
        title = Content.assemble("WIP limit for ", literal(column.name, "bold"))
        super().__init__(title, f"It holds {plural(column.count, 'card')} now", column.wip_limit)
        self.column = column


class PersonWipDialog(LimitDialog):
    """Set or clear the board's per-person WIP limit."""

    def __init__(self, current: int | None) -> None:
        super().__init__(
            Content("Per-person WIP limit"),
            "At most this many cards in in-progress columns per assignee",
            current,
        )
