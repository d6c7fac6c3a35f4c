"""The JSON shape of a risk, for ``kanban risk list/show --json`` and export.

Keys are snake_case and dates ISO 8601, like the card shape in
:mod:`.serialize`; derived values (``score``, ``severity``, ``overdue``) are
included. Renaming or removing a key is a breaking change, adding one is not.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from ..domain.risks import Risk


def risk_json(risk: Risk, today: date | None = None) -> dict[str, Any]:
    """The JSON shape of a risk (``risk show --json``, ``risk list --json``, export).

    ``today`` decides ``overdue``; it defaults to today in UTC.
    """
    today = today or datetime.now(UTC).date()
    residual = risk.residual_severity
    return {
        "key": risk.key,
        "board": risk.board_key,
        "title": risk.title,
        "description": risk.description,
        "category": risk.category.value,
        "probability": risk.probability,
        "impact": risk.impact,
        "score": risk.score,
        "severity": risk.severity.value,
        "residual_probability": risk.residual_probability,
        "residual_impact": risk.residual_impact,
        "residual_score": risk.residual_score,
        "residual_severity": residual.value if residual else None,
        "owner": risk.owner,
        "response": risk.response.value,
        "mitigation": risk.mitigation,
        "contingency": risk.contingency,
        "trigger": risk.trigger,
        "status": risk.status.value,
        "review_on": risk.review_on.isoformat() if risk.review_on else None,
        "overdue": risk.overdue(today),
        "cards": list(risk.cards),
        "cards_done": risk.cards_done,
        "created_at": _timestamp(risk.created_at),
        "updated_at": _timestamp(risk.updated_at),
    }


def _timestamp(moment: datetime | None) -> str | None:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ") if moment else None
