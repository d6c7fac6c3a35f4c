"""Every field of one risk, its linked cards and its score history.

:func:`detail` builds the text (a ``Content``, so theme colours apply and
user text stays literal); :class:`RiskDetail` is the scrolling pane beside
the heat map, and the details dialog shows the same text larger.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from ..domain import risks as rules
from ..domain.model import Card
from ..domain.risks import Risk, RiskStatus, ScorePoint
from .text import literal, one_line, safe_lines

LABEL = 10
MUTED = "$foreground-muted"
"""Muted text: ``$text-muted`` is an ``auto`` colour, which Content styles render as is."""
BAND_TEXT = {
    rules.Severity.LOW: "$text-success",
    rules.Severity.MEDIUM: "$text-warning",
    rules.Severity.HIGH: "bold $text-warning",
    rules.Severity.CRITICAL: "bold $text-error",
}
STATUS_STYLE = {
    RiskStatus.MITIGATING: "$text-primary",
    RiskStatus.CLOSED: MUTED,
    RiskStatus.OCCURRED: "bold $text-error",
}


@dataclass(frozen=True)
class RiskDetails:
    """What the detail pane shows beyond the risk itself."""

    risk: Risk
    cards: tuple[tuple[Card, bool], ...] = ()
    """Each linked card and whether it is done."""
    history: tuple[ScorePoint, ...] = ()


def rating(probability: int, impact: int) -> Content:
    """``20 critical · 4 likely × 5 severe``, the score in its band's colour."""
    score = rules.score(probability, impact)
    band = rules.severity(score)
    return Content.assemble(
        (f"{score} {band.value}", BAND_TEXT[band]),
        (
            f" · {probability} {rules.probability_word(probability)} × "
            f"{impact} {rules.impact_word(impact)}",
            MUTED,
        ),
    )


def _row(label: str, value: Content | str) -> Content:
    return Content.assemble((label.ljust(LABEL), MUTED), value)


def _heading(text: str) -> Content:
    return Content.styled(text, "bold $text-accent")


def _when(moment: datetime | None) -> str:
    return moment.astimezone().strftime("%Y-%m-%d %H:%M") if moment else "—"


def _review(risk: Risk, today: date) -> Content:
    if risk.review_on is None:
        return Content.styled("none set", MUTED)
    days = (risk.review_on - today).days
    if risk.overdue(today):
        late = f"overdue by {-days} day{'s' if days != -1 else ''}"
        return Content.assemble((f"{risk.review_on} ! {late}", "bold $text-error"))
    if risk.closed:
        return Content(str(risk.review_on))
    when = "today" if days == 0 else f"in {days} day{'s' if days != 1 else ''}"
    return Content.assemble(str(risk.review_on), (f"  {when}", MUTED))


def _cards(details: RiskDetails) -> list[Content]:
    risk = details.risk
    if not risk.cards:
        return [_row("Cards", Content.styled("none linked · m creates one, l links one", MUTED))]
    done = sum(1 for _, finished in details.cards if finished)
    total = len(details.cards) or len(risk.cards)
    summary = (
        Content.styled(f"all mitigation cards done ({done} of {total}) ✓", "$text-success")
        if details.cards and done == total
        else Content(f"{done} of {total} done")
    )
    lines = [_row("Cards", summary)]
    column = max((len(one_line(card.column)) for card, _ in details.cards), default=0)
    for card, finished in details.cards:
        mark = ("✓ ", "$text-success") if finished else ("· ", MUTED)
        lines.append(
            Content.assemble(
                " " * LABEL,
                mark,
                (card.key, "bold"),
                "  ",
                literal(one_line(card.column).ljust(column), MUTED),
                "  ",
                literal(card.title),
            )
        )
    return lines


def _history(points: tuple[ScorePoint, ...]) -> list[Content]:
    lines = []
    for point in points:
        band = point.severity
        parts: list[Content | tuple[str, str] | str] = [
            (_when(point.at), MUTED),
            "  ",
            literal(point.actor.ljust(8)),
            f" {point.action:<8} ",
            (f"{point.score:>2} {band.value}", BAND_TEXT[band]),
        ]
        residual = point.residual_score
        if residual is not None:
            residual_band = rules.severity(residual)
            parts += [
                ("  residual ", MUTED),
                (f"{residual} {residual_band.value}", BAND_TEXT[residual_band]),
            ]
        lines.append(Content.assemble(*parts))
    return lines


def _text(title: str, value: str) -> list[Content]:
    if not value.strip():
        return []
    return [Content(""), _heading(title), Content(safe_lines(value))]


def detail(details: RiskDetails, today: date) -> Content:
    """Every field of the risk, for the pane and the dialog."""
    risk = details.risk
    status = Content.styled(risk.status.value, STATUS_STYLE.get(risk.status, ""))
    residual: Content | str = "not rated (the map's residual view uses the inherent cell)"
    if risk.residual_probability is not None and risk.residual_impact is not None:
        residual = rating(risk.residual_probability, risk.residual_impact)
    lines = [
        Content.assemble((risk.key, "bold $text-accent"), "  ", literal(risk.title, "bold")),
        Content(""),
        _row("Inherent", rating(risk.probability, risk.impact)),
        _row("Residual", residual),
        _row("Status", status),
        _row("Owner", literal(risk.owner)),
        _row("Category", risk.category.value),
        _row("Response", risk.response.value),
        _row("Review on", _review(risk, today)),
        *_cards(details),
    ]
    lines += _text("Description", risk.description)
    lines += _text("Mitigation", risk.mitigation)
    lines += _text("Contingency", risk.contingency)
    lines += _text("Trigger", risk.trigger)
    if details.history:
        lines += [Content(""), _heading("Score history"), *_history(details.history)]
    lines += [
        Content(""),
        Content.styled(
            f"Created {_when(risk.created_at)} · updated {_when(risk.updated_at)} by ",
            MUTED,
        )
        + literal(risk.updated_by, MUTED),
    ]
    return Content("\n").join(lines)


class RiskDetail(VerticalScroll):
    """The pane with the selected risk's details; it scrolls when they are long."""

    DEFAULT_CSS = """
    RiskDetail > Static { width: 1fr; }
    """

    _key: str | None = None
    """The risk shown: a new one scrolls back to the top."""

    def compose(self):  # type: ignore[no-untyped-def]
        yield Static(Content.styled("No risk selected.", MUTED), id="risk-detail-text")

    def show(self, details: RiskDetails | None, today: date, *, empty: str = "") -> None:
        body = self.query_one("#risk-detail-text", Static)
        if details is None:
            body.update(Content.styled(empty or "No risk selected.", MUTED))
            return
        same = self._key == details.risk.key
        body.update(detail(details, today))
        self._key = details.risk.key
        if not same:
            self.scroll_home(animate=False)
