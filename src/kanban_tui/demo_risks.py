"""Sample risks for the demo board: every severity band, residual scores, an
overdue review, a closed risk and mitigation cards (one of them done).

Deterministic: the same ``today`` gives the same register. The changes are
played through the services with a clock set in the past, so each risk has
a believable history in the activity log.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from .domain.model import Category
from .domain.risks import Risk
from .services import boards, cards, risks
from .services.context import Context

# title, probability, impact, owner, category, response, review in days, extra fields
RISKS: list[tuple[str, int, int, str, str, str, int, dict[str, Any]]] = [
    (
        "Payment provider outage during the launch campaign",
        4,
        5,
        "alice",
        "external",
        "mitigate",
        5,
        {
            "description": (
                "Cause: a single payment provider. Event: it fails during peak traffic. "
                "Effect: no orders can be taken while marketing drives visitors to the shop."
            ),
            "mitigation": "Add a second provider behind a switch; load-test checkout at 3x peak.",
            "contingency": "Show a maintenance banner and take orders by invoice.",
            "trigger": "Payment error rate above 2% for 10 minutes",
            "residual_probability": 2,
            "residual_impact": 4,
        },
    ),
    (
        "Personal data exposed through the public search API",
        3,
        5,
        "dana",
        "security",
        "mitigate",
        -4,
        {
            "mitigation": "Rate-limit the API and strip customer fields from responses.",
            "contingency": "Revoke API keys, notify the data protection officer within 72 h.",
            "trigger": "Unusual query volume from one client",
        },
    ),
    (
        "Checkout redesign slips past the launch date",
        4,
        4,
        "chen",
        "schedule",
        "mitigate",
        10,
        {
            "mitigation": "Ship Apple Pay first; move gift cards to the next release.",
            "residual_probability": 2,
            "residual_impact": 3,
        },
    ),
    (
        "Cookie banner fails the accessibility audit",
        3,
        3,
        "emeka",
        "compliance",
        "avoid",
        14,
        {"mitigation": "Use the audited banner component from the design system."},
    ),
    (
        "Image CDN costs exceed the hosting budget",
        2,
        3,
        "bob",
        "budget",
        "transfer",
        21,
        {"mitigation": "Fixed-price CDN contract with a traffic cap."},
    ),
    (
        "Only one person knows the legacy order export",
        2,
        2,
        "bob",
        "resource",
        "mitigate",
        30,
        {"mitigation": "Pair on the export and write the runbook."},
    ),
    (
        "German translation scope grows with legal pages",
        1,
        3,
        "chen",
        "scope",
        "accept",
        45,
        {"contingency": "Launch in English first if translations are late."},
    ),
    (
        "Staging environment differs from production",
        3,
        4,
        "alice",
        "technical",
        "mitigate",
        -10,
        {
            "mitigation": "Build staging from the same infrastructure code as production.",
            "residual_probability": 1,
            "residual_impact": 2,
        },
    ),
]

CLOSED = 8
"""The risk (by number) that the team has mitigated and closed."""

MITIGATION_CARDS = ("Add a second payment provider", "Load-test checkout at 3x peak")


def fill_risks(ctx: Context, today: date, key: str = "WEB") -> list[Risk]:
    """Add the sample register to board ``key``; returns the risks in number order."""
    moment = datetime.combine(today - timedelta(days=14), time(10, 0), tzinfo=UTC)

    def at(days: float, actor: str | None = None) -> Context:
        nonlocal moment
        moment = moment + timedelta(days=days)
        fixed = moment
        return replace(ctx, clock=lambda: fixed, actor=actor or ctx.actor)

    added = []
    for title, p, i, owner, category, response, review, extra in RISKS:
        initial = {k: v for k, v in extra.items() if not k.startswith("residual_")}
        risk = risks.add_risk(
            at(0.5, owner),
            key,
            title,
            p,
            i,
            owner=owner,
            category=category,
            response=response,
            review_on=today + timedelta(days=review),
            **initial,
        )
        added.append(risk)

    # The response is planned; the team rates what is left after it.
    for risk, (*_, extra) in zip(added, RISKS, strict=True):
        residual = {k: v for k, v in extra.items() if k.startswith("residual_")}
        if residual:
            risks.edit_risk(at(0.5, risk.owner), risk.key, residual)

    payments = added[0].key
    risks.set_status(at(0.2, "alice"), payments, "mitigating")
    made = [
        risks.create_mitigation_card(at(0.2, "alice"), payments, title)[1]
        for title in MITIGATION_CARDS
    ]
    done = next(
        column.name for column in boards.columns(ctx, key) if column.category is Category.DONE
    )
    cards.move_card(at(1, "alice"), made[0].key, done)

    closed = added[CLOSED - 1].key
    risks.edit_risk(at(0.5, "alice"), closed, {"probability": 1})
    risks.set_status(at(0.5, "alice"), closed, "closed")
    return [risks.get_risk(ctx, risk.key) for risk in added]
