"""Checks of what a person types into a risk's fields.

Each cleaner returns the value to keep or raises :class:`InvalidInput` with
one sentence; :func:`clean` checks a set of changes, :func:`check` the rules
that tie fields together.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

from . import people, risks, validation
from .errors import InvalidInput

MAX_TEXT = 10_000
MAX_OWNER = people.MAX_NAME
NONE_WORDS = validation.NONE_WORDS


def category(value: str | risks.RiskCategory) -> risks.RiskCategory:
    return validation.choice(risks.RiskCategory, value, "category")


def response(value: str | risks.Response) -> risks.Response:
    return validation.choice(risks.Response, value, "response")


def status(value: str | risks.RiskStatus) -> risks.RiskStatus:
    return validation.choice(risks.RiskStatus, value, "status")


def owner(value: str | None) -> str:
    """Exactly one user name, in its canonical form (see :mod:`.people`)."""
    name = people.user_name(value or "", "Risk owner")
    if not name:
        raise InvalidInput(
            f"A risk has exactly one owner: give one user name of 1-{MAX_OWNER} characters "
            f"without spaces or commas (got {value!r})."
        )
    return name


def review_on(value: str | date | None) -> date | None:
    """A review date as YYYY-MM-DD, or none (the same dates as a card's due date)."""
    return validation.day(value, "Review date")


def _optional(parse: Callable[[Any, str], int], what: str) -> Callable[[Any], int | None]:
    def clean(value: int | str | None) -> int | None:
        if value is None or (isinstance(value, str) and value.strip().lower() in NONE_WORDS):
            return None
        return parse(value, what)

    return clean


def _text(what: str) -> Callable[[str | None], str]:
    def clean(value: str | None) -> str:
        text = (value or "").strip()
        if len(text) > MAX_TEXT:
            raise InvalidInput(f"{what} must be at most {MAX_TEXT} characters (got {len(text)}).")
        return text

    return clean


EDITABLE: dict[str, Callable[[Any], Any]] = {
    "title": validation.title,
    "description": _text("Description"),
    "category": category,
    "probability": risks.probability,
    "impact": risks.impact,
    "residual_probability": _optional(risks.probability, "Residual probability"),
    "residual_impact": _optional(risks.impact, "Residual impact"),
    "owner": owner,
    "response": response,
    "mitigation": _text("Mitigation"),
    "contingency": _text("Contingency"),
    "trigger": _text("Trigger"),
    "status": status,
    "review_on": review_on,
}
"""Field name -> cleaner that returns the kept value or raises InvalidInput."""

FIELDS = tuple(EDITABLE)
TEXTS = ("description", "mitigation", "contingency", "trigger")
"""Free-text fields: the activity log notes that they changed, not their text."""


def clean(changes: Mapping[str, Any]) -> dict[str, Any]:
    """Validate a set of field changes; the first bad one raises."""
    return validation.clean_fields(
        EDITABLE,
        changes,
        lambda name: f"Unknown risk field {name!r}: use one of {', '.join(FIELDS)}.",
    )


def field_errors(changes: Mapping[str, Any]) -> dict[str, str]:
    """Every bad field with its sentence; an editor shows them beside the fields."""
    return validation.field_errors(clean, changes)


def check(values: Mapping[str, Any]) -> None:
    """Rules across fields, on the risk as it would be after a change."""
    residual = (values.get("residual_probability"), values.get("residual_impact"))
    if (residual[0] is None) != (residual[1] is None):
        raise InvalidInput(
            "Residual probability and residual impact go together: give both or neither."
        )
    p, i = values.get("probability"), values.get("impact")
    rp, ri = residual
    if p is not None and i is not None and rp is not None and ri is not None:
        before, after = risks.score(int(p), int(i)), risks.score(int(rp), int(ri))
        if after > before:
            raise InvalidInput(
                f"The residual score ({after}) cannot be above the inherent score ({before}): "
                "it is what is left after the response."
            )
