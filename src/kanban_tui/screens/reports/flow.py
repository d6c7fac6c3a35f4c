"""The words of the Reports screen's flow views: cumulative flow and cycle time.

Column names are user text: shown literally.
"""

from __future__ import annotations

from datetime import date

from textual.content import Content

from ...domain.flow_metrics import CumulativeFlow, CycleTimes
from ...formatting import plural, short_date
from ...services.flow import FlowReport
from ...widgets.flow_charts import days_text
from ...widgets.numbers import Items
from ...widgets.text import literal

VIEWS = ("sprints", "flow", "cycle", "ageing", "throughput")
"""What the main panel shows, in the order ``f`` steps through them."""

VIEW_NAMES = {
    "sprints": "Sprint reports",
    "flow": "Cumulative flow",
    "cycle": "Cycle time",
    "ageing": "Ageing",
    "throughput": "Throughput",
}


def next_view(view: str) -> str:
    return VIEWS[(VIEWS.index(view) + 1) % len(VIEWS)]


def _period(first: date, last: date) -> tuple[str, str]:
    return (f"  {short_date(first)} – {short_date(last)}", "$text-muted")


def flow_title(flow: CumulativeFlow) -> Content:
    return Content.assemble(
        ("Cumulative flow", "bold"),
        _period(flow.days[0], flow.days[-1]),
        (" · cards per column at the end of each day", "$text-muted"),
    )


def flow_numbers(flow: CumulativeFlow) -> Content | Items:
    """Today's count in each column, a line folded between columns."""
    if not any(flow.totals()):
        return Content.styled(
            "No card was on this board in these four weeks: each day counts the cards in "
            "each column, from when the first is added.",
            "$text-muted",
        )
    return Items(
        Content.styled("Today  ", "$text-muted"),
        tuple(
            Content.assemble(literal(name), (f" {count}", "bold"))
            for name, count in zip(flow.columns, flow.latest(), strict=True)
        ),
    )


def cycle_title(cycle: CycleTimes) -> Content:
    return Content.assemble(
        ("Cycle time", "bold"),
        _period(cycle.first, cycle.last),
        (" · days from first in progress to done", "$text-muted"),
    )


def cycle_numbers(cycle: CycleTimes) -> Content:
    if not cycle.count and cycle.unstarted:
        return Content.styled(
            f"{plural(cycle.unstarted, 'card')} finished in these four weeks, none with a "
            "start: a card that goes straight to done, or is imported with a finish and no "
            "start, has no cycle time.",
            "$text-muted",
        )
    if not cycle.count:
        return Content.assemble(
            ("No card was finished in these four weeks", "$text-muted"),
        )
    return Content.assemble(
        ("Median ", "$text-muted"),
        (days_text(cycle.median), "bold $text-warning"),
        ("  ·  85th percentile ", "$text-muted"),
        (days_text(cycle.p85), "bold $text-error"),
        ("  ·  ", "$text-muted"),
        (plural(cycle.count, "card") + " done", "bold"),
        ("\nEach bar is a card, oldest first; the number under it is its days.", "$text-muted"),
        (
            f" {plural(cycle.unstarted, 'card')} done with no start: no cycle time."
            if cycle.unstarted
            else "",
            "$text-muted",
        ),
    )


def view_text(view: str, report: FlowReport | None) -> tuple[Content, Content | Items]:
    """The heading and the numbers under the chart of a flow view."""
    if report is None:
        return Content(""), Content("")
    if view == "flow":
        return flow_title(report.flow), flow_numbers(report.flow)
    return cycle_title(report.cycle), cycle_numbers(report.cycle)
