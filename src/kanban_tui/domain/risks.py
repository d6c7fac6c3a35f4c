"""The risk register's rules: scales, scoring, severity bands, review dates,
the 5x5 heat map and the register's order.

Pure: plain values in, plain values out. Today is always passed in. The
checks of what a person types are in :mod:`.risk_fields`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from . import validation
from .errors import InvalidInput
from .model import Event

SCALE = range(1, 6)
"""Probability and impact are each rated 1-5."""

PROBABILITY_WORDS = ("rare", "unlikely", "possible", "likely", "almost certain")
IMPACT_WORDS = ("negligible", "minor", "moderate", "major", "severe")


class RiskCategory(StrEnum):
    TECHNICAL = "technical"
    SCHEDULE = "schedule"
    BUDGET = "budget"
    SCOPE = "scope"
    RESOURCE = "resource"
    SECURITY = "security"
    COMPLIANCE = "compliance"
    EXTERNAL = "external"


class Response(StrEnum):
    AVOID = "avoid"
    MITIGATE = "mitigate"
    TRANSFER = "transfer"
    ACCEPT = "accept"


class RiskStatus(StrEnum):
    OPEN = "open"
    MITIGATING = "mitigating"
    CLOSED = "closed"
    OCCURRED = "occurred"


ACTIVE = frozenset({RiskStatus.OPEN, RiskStatus.MITIGATING})
"""The statuses whose exposure the heat map shows by default."""


class Severity(StrEnum):
    """The band a score falls in: 1-4 low, 5-9 medium, 10-15 high, 16-25 critical."""

    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"
    CRITICAL = "critical"


BANDS = ((4, Severity.LOW), (9, Severity.MEDIUM), (15, Severity.HIGH), (25, Severity.CRITICAL))
"""Upper bound (inclusive) of each severity band."""


def score(probability: int, impact: int) -> int:
    """Probability x impact, 1-25."""
    return probability * impact


def severity(value: int) -> Severity:
    """The severity band of a score 1-25."""
    for upper, band in BANDS:
        if 1 <= value <= upper:
            return band
    raise InvalidInput(f"A risk score is 1-25 (got {value}).")


def _rating(value: int | str, words: tuple[str, ...], what: str) -> int:
    """A 1-5 rating from its number or its word ("likely", "Almost certain", "4")."""
    if isinstance(value, str):
        # Words are matched loosely (any case, "almost-certain"); numbers exactly,
        # so that "-1" is refused rather than read as 1 once the dash is gone.
        text = " ".join(value.strip().lower().replace("_", " ").replace("-", " ").split())
        if text in words:
            return words.index(text) + 1
    sentence = f"{what} must be 1-5 or one of {', '.join(words)}"
    return validation.integer(
        value, what, 1, 5, shape=sentence, out_of_range=sentence + " (got {got})"
    )


def probability(value: int | str, what: str = "Probability") -> int:
    """Probability 1-5 from the number or the word (rare ... almost certain)."""
    return _rating(value, PROBABILITY_WORDS, what)


def impact(value: int | str, what: str = "Impact") -> int:
    """Impact 1-5 from the number or the word (negligible ... severe)."""
    return _rating(value, IMPACT_WORDS, what)


def probability_word(value: int) -> str:
    return PROBABILITY_WORDS[value - 1]


def impact_word(value: int) -> str:
    return IMPACT_WORDS[value - 1]


RISK_KEY_RE = re.compile(r"([A-Za-z][A-Za-z0-9]{1,9})-[Rr]([0-9]+)")


def parse_risk_key(value: str) -> tuple[str, int]:
    """``WEB-R3`` -> ``("WEB", 3)``."""
    match = RISK_KEY_RE.fullmatch(value.strip())
    if not match:
        raise InvalidInput(f"{validation.shown(value)} is not a risk key such as WEB-R3.")
    return match.group(1).upper(), validation.key_number(match.group(2), "Risk number")


class Rated:
    """The score and severity of a risk's ratings: a risk's own, or one point
    of its score history."""

    __slots__ = ()
    probability: int
    impact: int
    residual_probability: int | None
    residual_impact: int | None

    @property
    def score(self) -> int:
        return score(self.probability, self.impact)

    @property
    def severity(self) -> Severity:
        return severity(self.score)

    @property
    def residual_score(self) -> int | None:
        if self.residual_probability is None or self.residual_impact is None:
            return None
        return score(self.residual_probability, self.residual_impact)


@dataclass(frozen=True, slots=True)
class Risk(Rated):
    """One entry of a board's risk register.

    ``probability`` and ``impact`` are the inherent ratings; the residual ones
    (after the response) are both set or both None. The score is never kept
    apart from them.
    """

    id: int
    board_key: str
    number: int
    title: str
    probability: int
    impact: int
    owner: str
    category: RiskCategory = RiskCategory.TECHNICAL
    response: Response = Response.MITIGATE
    status: RiskStatus = RiskStatus.OPEN
    residual_probability: int | None = None
    residual_impact: int | None = None
    review_on: date | None = None
    description: str = ""
    mitigation: str = ""
    contingency: str = ""
    trigger: str = ""
    cards: tuple[str, ...] = ()
    """Keys of the linked (mitigation) cards, in key order."""
    cards_done: int = 0
    """How many of ``cards`` stand in a done column."""
    version: int = 1
    created_at: datetime | None = None
    updated_at: datetime | None = None
    updated_by: str = ""

    @property
    def key(self) -> str:
        return f"{self.board_key}-R{self.number}"

    @property
    def residual_severity(self) -> Severity | None:
        value = self.residual_score
        return None if value is None else severity(value)

    @property
    def closed(self) -> bool:
        return self.status is RiskStatus.CLOSED

    def overdue(self, today: date) -> bool:
        """The review date has passed and the risk is not closed."""
        return is_overdue(self.review_on, self.status, today)

    def cell(self, residual: bool = False) -> tuple[int, int]:
        """``(probability, impact)``: the heat-map cell the risk sits in.

        With ``residual``, a risk not yet re-assessed sits at its inherent cell.
        """
        if residual and self.residual_probability is not None and self.residual_impact is not None:
            return self.residual_probability, self.residual_impact
        return self.probability, self.impact

    @property
    def mitigation_done(self) -> bool:
        """Every linked card is done (False when no card is linked)."""
        return bool(self.cards) and self.cards_done == len(self.cards)


def is_overdue(review_on: date | None, status: RiskStatus | str, today: date) -> bool:
    """A review date strictly before today, on a risk that is not closed."""
    return review_on is not None and review_on < today and status != RiskStatus.CLOSED


HeatMap = tuple[tuple[int, ...], ...]
"""``grid[probability - 1][impact - 1]``: the number of risks in each cell."""


def heat_map(risks: Iterable[Risk], residual: bool = False) -> HeatMap:
    """Counts per cell of the 5x5 grid: probability rows, impact columns."""
    grid = [[0] * len(SCALE) for _ in SCALE]
    for risk in risks:
        p, i = risk.cell(residual)
        grid[p - 1][i - 1] += 1
    return tuple(tuple(row) for row in grid)


def in_cell(
    risks: Iterable[Risk], probability: int, impact: int, residual: bool = False
) -> list[Risk]:
    """The risks in one heat-map cell, in the order given (the filter of the list)."""
    return [risk for risk in risks if risk.cell(residual) == (probability, impact)]


def sort_key(risk: Risk) -> tuple[int, date, str, int]:
    """Highest score first; ties by the nearest review date (none last), then key."""
    return (-risk.score, risk.review_on or date.max, risk.board_key, risk.number)


def sort_risks(risks: Iterable[Risk]) -> list[Risk]:
    """The register's order."""
    return sorted(risks, key=sort_key)


@dataclass(frozen=True, slots=True)
class Mitigation:
    """How far a risk's linked cards have got."""

    cards: tuple[tuple[str, bool], ...]
    """``(card key, done?)`` for each linked card."""

    @property
    def total(self) -> int:
        return len(self.cards)

    @property
    def done(self) -> int:
        return sum(1 for _, done in self.cards if done)

    @property
    def complete(self) -> bool:
        """All linked cards are done (and there is at least one)."""
        return self.total > 0 and self.done == self.total


@dataclass(frozen=True, slots=True)
class ScorePoint(Rated):
    """The risk's ratings after one change, for its score history."""

    at: datetime
    actor: str
    action: str
    probability: int
    impact: int
    residual_probability: int | None = None
    residual_impact: int | None = None


def _rating_or_none(value: object) -> int | None:
    return value if isinstance(value, int) else None


RATINGS = ("probability", "impact", "residual_probability", "residual_impact")


def score_history(events: Sequence[Event]) -> list[ScorePoint]:
    """Replay a risk's events (oldest first) into one point per change of rating.

    The ``created`` event holds every rating; an ``edited`` event holds
    ``{"before": .., "after": ..}`` for the ratings it changed.
    """
    points: list[ScorePoint] = []
    current: dict[str, int | None] = {}
    for event in events:
        if event.action == "created":
            current = {name: _rating_or_none(event.data.get(name)) for name in RATINGS}
        elif event.action == "edited" and current:
            changed = [name for name in RATINGS if name in event.data]
            if not changed:
                continue
            for name in changed:
                change = event.data[name]
                assert isinstance(change, dict)
                current[name] = _rating_or_none(change.get("after"))
        else:
            continue
        probability_, impact_ = current.get("probability"), current.get("impact")
        assert probability_ is not None and impact_ is not None
        points.append(
            ScorePoint(
                at=event.at,
                actor=event.actor,
                action=event.action,
                probability=probability_,
                impact=impact_,
                residual_probability=current.get("residual_probability"),
                residual_impact=current.get("residual_impact"),
            )
        )
    return points
