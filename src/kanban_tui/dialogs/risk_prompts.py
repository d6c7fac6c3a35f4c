"""The Risks screen's small dialogs: status picker, one-line prompts, details."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Input, OptionList, Static
from textual.widgets.option_list import Option

from ..domain.risks import RiskStatus
from ..widgets.text import literal, safe
from .base import Dialog, buttons

STATUS_MEANING = {
    RiskStatus.OPEN: "identified, no response under way yet",
    RiskStatus.MITIGATING: "the response is under way",
    RiskStatus.CLOSED: "no longer a threat; kept with its history",
    RiskStatus.OCCURRED: "it happened: now an issue to manage",
}


class StatusPicker(Dialog[RiskStatus]):
    """Pick a risk's status; dismisses with it, or None."""

    def __init__(self, heading: Content, current: RiskStatus) -> None:
        super().__init__(classes="dialog-screen")
        self.heading = heading
        self.current = current

    def compose(self) -> ComposeResult:
        options = [
            Option(
                Content.assemble(
                    ("● " if status is self.current else "  ", "$text-accent"),
                    (status.value.ljust(11), "bold"),
                    (STATUS_MEANING[status], "$foreground-muted"),
                ),
                id=status.value,
            )
            for status in RiskStatus
        ]
        with Vertical(classes="dialog -small", id="risk-status"):
            yield Static(self.heading, classes="dialog-title")
            yield OptionList(*options, id="statuses")
            yield Static(Content("enter set · esc cancel"), classes="dialog-hint")

    def on_mount(self) -> None:
        super().on_mount()
        options = self.query_one("#statuses", OptionList)
        options.highlighted = list(RiskStatus).index(self.current)
        options.focus()

    @on(OptionList.OptionSelected, "#statuses")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(RiskStatus(event.option.id or RiskStatus.OPEN))


class PromptDialog(Dialog[str]):
    """Ask for one line; dismisses with what was typed, or None.

    ``check`` looks at the text before the dialog closes, with no database
    (empty, malformed, already there): a sentence it returns shows under the
    field and the dialog stays open. The caller does the write, in a worker;
    if the write is refused it opens the dialog again with the text typed as
    ``value`` and the refusal as ``note``, shown in the same place.
    """

    def __init__(
        self,
        heading: Content,
        body: Content,
        check: Callable[[str], str | None] | None = None,
        *,
        value: str = "",
        placeholder: str = "",
        confirm: str = "OK",
        note: str = "",
    ) -> None:
        super().__init__(classes="dialog-screen")
        self.heading = heading
        self.body = body
        self.check = check
        self.value = value
        self.placeholder = placeholder
        self.confirm = confirm
        self.note = note
        self._refused: str | None = None
        """The text the sentence under the field is about."""

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog -small", id="risk-prompt"):
            yield Static(self.heading, classes="dialog-title")
            yield Static(self.body, classes="dialog-body")
            yield Input(safe(self.value), placeholder=self.placeholder, id="answer", compact=True)
            yield Static("", classes="field-error", id="answer-error")
            yield from buttons(f"{self.confirm} (enter)", "ok", cancel="Cancel (esc)")

    def on_mount(self) -> None:
        super().on_mount()
        self._error(self.note or None)
        self.query_one("#answer", Input).focus()

    def _error(self, message: str | None) -> None:
        error = self.query_one("#answer-error", Static)
        error.update(literal(message) if message else "")
        error.set_class(bool(message), "-shown")
        self._refused = self.query_one("#answer", Input).value if message else None

    @on(Input.Changed, "#answer")
    def _typed(self, event: Input.Changed) -> None:
        # A sentence stays until the text it was about is changed.
        if event.value != self._refused:
            self._error(None)

    @on(Input.Submitted, "#answer")
    @on(Button.Pressed, "#ok")
    def _submit(self) -> None:
        typed = self.query_one("#answer", Input).value
        # Left as shown: the stored text, not its visible stand-ins.
        answer = self.value if typed == safe(self.value) else typed
        refusal = self.check(answer) if self.check is not None else None
        if refusal:
            self._error(refusal)
            self.query_one("#answer", Input).focus()
            return
        self.dismiss(answer)


class RiskDetailDialog(Dialog[str]):
    """Every field of a risk, larger than the pane; esc, q or v closes it,
    e closes it with ``"edit"``."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q,v", "cancel", "Close", key_display="esc", id="risk_detail.close"),
        Binding("e", "edit", "Edit", id="risk_detail.edit"),
    ]

    def __init__(self, body: Content) -> None:
        super().__init__(classes="dialog-screen")
        self.body = body

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog -details", id="risk-details"):
            with VerticalScroll(id="risk-details-body"):
                yield Static(self.body)
            yield Static(Content("esc close · ↑↓ scroll · e edit"), classes="dialog-hint")

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#risk-details-body").focus()

    def action_edit(self) -> None:
        self.dismiss("edit")
