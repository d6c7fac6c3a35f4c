"""What the sprint dialogs share: start / end / length in step, and the form around them.

Typing a length moves the end date; typing an end date shows the length; a
new start keeps the length. Every value is checked with the domain's own
functions as it is typed, and the sentence shows under the fields.
"""

from __future__ import annotations

from datetime import date
from typing import TypeVar

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Input, Label, Static

from ..domain import sprints as rules
from ..domain.errors import InvalidInput, KanbanError
from ..widgets.text import literal
from .form import FormDialog

T = TypeVar("T")


def describe(start: date, end: date) -> str:
    """``14 days: Wed 2 Dec – Tue 15 Dec 2026``."""
    length = rules.days(start, end)
    unit = "day" if length == 1 else "days"
    return f"{length} {unit}: {start:%a} {start.day} {start:%b} – {end:%a} {end.day} {end:%b %Y}"


class SprintDates(Vertical):
    """Start, end and length of a sprint, kept consistent as they are typed."""

    def __init__(self, start: date | None, end: date | None, length: int) -> None:
        super().__init__(id="sprint-dates")
        self.start = start
        self.end = end
        self.length = rules.days(start, end) if start and end else length

    def compose(self) -> ComposeResult:
        with Horizontal(classes="field-row dates-row"):
            yield Label(Content("Start"), classes="field-label")
            yield Input(
                self.start.isoformat() if self.start else "",
                placeholder="YYYY-MM-DD",
                id="start",
                compact=True,
            )
            yield Label(Content("Length"), classes="field-label -inner")
            yield Input(
                str(self.length),
                placeholder="1-31",
                id="length",
                compact=True,
                tooltip="Days, both ends included (1-31); typing it moves the end date",
            )
            yield Label(Content("days"), classes="field-label -unit")
            yield Label(Content("End"), classes="field-label -inner")
            yield Input(
                self.end.isoformat() if self.end else "",
                placeholder="YYYY-MM-DD",
                id="end",
                compact=True,
            )
        yield Static("", id="dates-summary", classes="dialog-hint")

    def on_mount(self) -> None:
        self.check()

    # -- reading ----------------------------------------------------------------
    def _text(self, name: str) -> str:
        return self.query_one(f"#{name}", Input).value.strip()

    def _length(self) -> int:
        return rules.length(self._text("length"))

    def dates(self) -> tuple[date, date]:
        """The start and end typed; raises the domain's error for bad ones."""
        start = rules.parse_date(self._text("start"), "start")
        if start is None:
            raise InvalidInput("Give a start date as YYYY-MM-DD.")
        end = rules.parse_date(self._text("end"), "end")
        if end is None:
            end = rules.end_for(start, self._length())
        rules.check_dates(start, end)
        return start, end

    def check(self) -> str | None:
        """Show what is wrong (or the dates it makes); returns the error, if any."""
        errors: dict[str, str] = {}
        for name, read in (
            ("start", lambda: rules.parse_date(self._text("start"), "start")),
            ("end", lambda: rules.parse_date(self._text("end"), "end")),
            ("length", self._length),
        ):
            try:
                read()
            except KanbanError as error:
                errors[name] = error.message
        problem = None
        if not errors:
            try:
                start, end = self.dates()
            except KanbanError as error:
                problem = error.message
        for name in ("start", "end", "length"):
            self.query_one(f"#{name}").set_class(name in errors, "-invalid")
        summary = self.query_one("#dates-summary", Static)
        problem = problem or next(iter(errors.values()), None)
        if problem:
            # One line under the three fields: the first thing wrong.
            summary.update(literal(problem))
            summary.add_class("-error")
            return problem
        summary.update(Content(describe(start, end)))
        summary.remove_class("-error")
        return None

    # -- keeping the three in step ----------------------------------------------------
    def _set(self, name: str, value: str) -> None:
        field = self.query_one(f"#{name}", Input)
        if field.value != value:
            with self.prevent(Input.Changed):
                field.value = value

    @on(Input.Changed, "#start")
    @on(Input.Changed, "#length")
    def _move_end(self, event: Input.Changed) -> None:
        event.stop()
        try:
            start = rules.parse_date(self._text("start"), "start")
            length = self._length()
        except KanbanError:
            start = None
        if start is not None:
            self._set("end", rules.end_for(start, length).isoformat())
        self.check()

    @on(Input.Changed, "#end")
    def _show_length(self, event: Input.Changed) -> None:
        event.stop()
        try:
            start = rules.parse_date(self._text("start"), "start")
            end = rules.parse_date(self._text("end"), "end")
        except KanbanError:
            start = end = None
        if start is not None and end is not None and end >= start:
            self._set("length", str(rules.days(start, end)))
        self.check()


class SprintForm(FormDialog[T]):
    """A sprint dialog (plan or edit one, start one): ``draft``, what was typed
    before a refusal, shows instead of the sprint's values, with ``note``, the
    refusal's sentence, above the fields. It dismisses with :meth:`check`'s
    values only when every field is valid."""

    def __init__(self, draft: T | None, note: str) -> None:
        super().__init__(classes="dialog-screen")
        self.draft = draft
        self.note = note

    def heading(self, title: Content) -> ComposeResult:
        """The dialog's title, and the refusal's sentence under it."""
        yield Static(title, classes="dialog-title")
        if self.note:
            yield Static(literal(self.note), classes="dialog-body -warning")

    def on_mount(self) -> None:
        super().on_mount()
        self.keep_as_opened()  # leaving with other text asks first

    def check(self) -> T | None:
        """Show every problem by its field; the values when there is none."""
        raise NotImplementedError

    def save(self) -> None:
        values = self.check()
        if values is None:
            # The sentence is by its field (a toast would cover the buttons);
            # the sprint stays as it was.
            self.app.bell()
            return
        self.dismiss(values)

    def holder(self) -> str:
        """Whose typing leaving would throw away ("Sprint 4", "the new sprint")."""
        raise NotImplementedError

    def unsaved(self) -> str | None:
        if self.draft is None and not self.retyped():
            return None
        return self.holder()
