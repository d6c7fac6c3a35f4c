"""The risk editor: one dialog to add a risk (n) and to edit one (enter / e).

Every field of the register is here. Probability and impact take 1-5 or
their words; the word and the score show beside them as they are typed.
Each field is checked as it changes with ``risk_fields.field_errors`` and its
sentence shows under it; ctrl+s saves only when every field (and the rule
that ties the residual pair together) is valid. The dialog returns the raw
values; the screen hands them to the service, which cleans them again.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.suggester import SuggestFromList
from textual.widgets import Button, Input, Label, Select, Static, TextArea

from ..domain import risk_fields, validation
from ..domain import risks as rules
from ..domain.errors import InvalidInput
from ..domain.risks import Response, Risk, RiskCategory, RiskStatus
from ..widgets.risk_detail import BAND_TEXT
from ..widgets.text import literal, safe, safe_lines
from .base import buttons
from .form import (
    FormDialog,
    input_field,
    read_fields,
    select_field,
    show_field_error,
    value_choices,
)

FIELDS = (
    "title",
    "category",
    "owner",
    "probability",
    "impact",
    "residual_probability",
    "residual_impact",
    "response",
    "status",
    "review_on",
    "trigger",
    "description",
    "mitigation",
    "contingency",
)
AREAS = ("description", "mitigation", "contingency")
RATINGS = {
    "probability": rules.PROBABILITY_WORDS,
    "impact": rules.IMPACT_WORDS,
    "residual_probability": rules.PROBABILITY_WORDS,
    "residual_impact": rules.IMPACT_WORDS,
}


def risk_values(risk: Risk | None, owner: str) -> dict[str, str]:
    """The risk's fields as text, exactly as stored."""
    if risk is None:
        blank = {name: "" for name in FIELDS}
        return blank | {
            "category": RiskCategory.TECHNICAL.value,
            "owner": owner,
            "response": Response.MITIGATE.value,
            "status": RiskStatus.OPEN.value,
        }

    def number(value: int | None) -> str:
        return "" if value is None else str(value)

    return {
        "title": risk.title,
        "category": risk.category.value,
        "owner": risk.owner,
        "probability": str(risk.probability),
        "impact": str(risk.impact),
        "residual_probability": number(risk.residual_probability),
        "residual_impact": number(risk.residual_impact),
        "response": risk.response.value,
        "status": risk.status.value,
        "review_on": risk.review_on.isoformat() if risk.review_on else "",
        "trigger": risk.trigger,
        "description": risk.description,
        "mitigation": risk.mitigation,
        "contingency": risk.contingency,
    }


class RiskEditor(FormDialog[dict[str, str]]):
    """Add or edit a risk; dismisses with the field values, or None.

    ``draft`` (what was typed before a refusal) shows instead of the stored
    text, with ``note`` (the refusal's sentence) above the fields.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", id="risk_editor.save"),
    ]
    # On a short terminal the fields scroll between the heading and the buttons.
    VERTICAL_BREAKPOINTS = [(0, "-short"), (40, "-tall")]

    def __init__(
        self,
        heading: Content,
        risk: Risk | None = None,
        *,
        me: str,
        people: list[str],
        draft: Mapping[str, str] | None = None,
        note: str = "",
    ) -> None:
        super().__init__(classes="dialog-screen")
        self.heading = heading
        self.risk = risk
        self.stored = risk_values(risk, me)
        self.shown = {**self.stored, **(draft or {})}
        # Widgets would write control characters straight to the terminal,
        # so they get the visible stand-ins; values() gives back the stored text.
        self.initial = {
            name: safe_lines(value) if name in AREAS else safe(value)
            for name, value in self.shown.items()
        }
        self.people = people
        self.note = note
        self._ready = False

    # -- layout ------------------------------------------------------------------
    def _rating(self, label: str, name: str) -> ComposeResult:
        words = RATINGS[name]
        return input_field(
            label,
            name,
            self.initial[name],
            "1-5",
            hint=True,
            suggester=SuggestFromList(words, case_sensitive=False),
            tooltip="1-5 or a word: " + ", ".join(f"{n} {w}" for n, w in enumerate(words, 1)),
            classes="-rating",
        )

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog -editor", id="risk-editor"):
            yield Static(self.heading, classes="dialog-title")
            if self.note:
                yield Static(literal(self.note), classes="dialog-body -warning", id="editor-note")
            with VerticalScroll(id="risk-fields"):
                yield from input_field(
                    "Title",
                    "title",
                    self.initial["title"],
                    "What could happen",
                    select_on_focus=False,
                )
                with Horizontal(classes="field-pair"):
                    yield from select_field(
                        "Category",
                        "category",
                        value_choices(RiskCategory),
                        self.initial["category"],
                    )
                    yield from input_field(
                        "Owner",
                        "owner",
                        self.initial["owner"],
                        "one user name",
                        suggester=SuggestFromList(self.people, case_sensitive=False),
                    )
                with Horizontal(classes="field-pair"):
                    yield from self._rating("Probability", "probability")
                    yield from self._rating("Impact", "impact")
                with Horizontal(classes="field-pair"):
                    yield from self._rating("Residual P", "residual_probability")
                    yield from self._rating("Residual I", "residual_impact")
                yield Static("", id="risk-score")
                with Horizontal(classes="field-pair"):
                    yield from select_field(
                        "Response", "response", value_choices(Response), self.initial["response"]
                    )
                    yield from select_field(
                        "Status", "status", value_choices(RiskStatus), self.initial["status"]
                    )
                with Horizontal(classes="field-pair"):
                    yield from input_field(
                        "Review on", "review_on", self.initial["review_on"], "YYYY-MM-DD"
                    )
                    yield from input_field(
                        "Trigger", "trigger", self.initial["trigger"], "what tells it is coming"
                    )
                for name in AREAS:
                    placeholder = {
                        "description": "cause, event, effect",
                        "mitigation": "the plan that lowers probability or impact",
                        "contingency": "what we do if it happens",
                    }[name]
                    yield Label(Content(name.capitalize()), classes="field-label -above")
                    yield TextArea(
                        self.initial[name],
                        id=name,
                        compact=True,
                        tab_behavior="focus",
                        placeholder=placeholder,
                    )
                    yield Static("", classes="field-error -area", id=f"{name}-error")
            yield from buttons("Save", "save", hint="ctrl+s save · esc cancel")

    def on_mount(self) -> None:
        super().on_mount()
        self._ready = True
        self.query_one("#title", Input).focus()
        for name in RATINGS:
            self._hint(name)
        self._score()

    # -- values and errors ---------------------------------------------------------
    def values(self) -> dict[str, str]:
        """The field values as typed; a field left as shown keeps its stored text."""
        return read_fields(self, FIELDS, self.initial, self.shown)

    def unsaved(self) -> str | None:
        if not self._ready or self.values() == self.stored:
            return None
        return self.risk.key if self.risk is not None else "the new risk"

    def _show_error(self, name: str, message: str | None) -> None:
        show_field_error(self, name, message)

    def check(self, names: tuple[str, ...] = FIELDS) -> dict[str, str]:
        """Show the errors of ``names``; returns every error of those fields."""
        values = self.values()
        errors = risk_fields.field_errors({name: values[name] for name in names})
        if names == FIELDS and not errors:
            try:
                risk_fields.check(risk_fields.clean(values))
            except InvalidInput as error:
                missing = "residual_impact" if values["residual_probability"].strip() else None
                errors[missing or "residual_probability"] = error.message
        for name in names:
            self._show_error(name, errors.get(name))
        return errors

    def _rating_value(self, name: str) -> int | None:
        try:
            return risk_fields.clean({name: self.values()[name]})[name]
        except InvalidInput:
            return None

    def _hint(self, name: str) -> None:
        value = self._rating_value(name)
        typed = self.values()[name].strip()
        # The word for a number, the number for a word.
        shown = (
            ""
            if value is None
            else RATINGS[name][value - 1]
            if validation.is_integer_text(typed)
            else f"= {value}"
        )
        self.query_one(f"#{name}-hint", Static).update(Content.styled(shown, "$foreground-muted"))

    def _score(self) -> None:
        p, i = self._rating_value("probability"), self._rating_value("impact")
        rp, ri = self._rating_value("residual_probability"), self._rating_value("residual_impact")
        parts: list[Content | tuple[str, str] | str] = [("Score".ljust(12), "$foreground-muted")]
        if p is None or i is None:
            parts.append(("give probability and impact", "$foreground-muted"))
        else:
            parts.append(_score(p, i))
        if rp is not None and ri is not None:
            parts += [("   residual ", "$foreground-muted"), _score(rp, ri)]
        self.query_one("#risk-score", Static).update(Content.assemble(*parts))

    @on(Input.Changed)
    @on(Select.Changed)
    @on(TextArea.Changed)
    def _changed(self, event: Input.Changed | Select.Changed | TextArea.Changed) -> None:
        name = event.control.id
        if name not in FIELDS or not self.is_mounted:
            return
        self.check((name,))
        if name in RATINGS:
            self._hint(name)
            self._score()

    @on(Input.Submitted)
    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        self.save_checked(self.check(), FIELDS, self.values)


def _score(probability: int, impact: int) -> Content:
    score = rules.score(probability, impact)
    band = rules.severity(score)
    return Content.styled(f"{score} {band.value}", BAND_TEXT[band])
