"""The Reports screen's Ageing and Throughput views: what they read and their words.

Read with the other reports (:func:`read`), in the screen's loading worker;
the charts are :mod:`...widgets.forecast_charts`. Column names are user text:
shown literally.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.content import Content

from ...domain.ageing import HISTORY_WEEKS, Ageing, Throughput
from ...domain.forecast import THIN
from ...formatting import plural, short_date
from ...services import ageing
from ...services.context import Context
from ...widgets.flow_charts import days_text
from ...widgets.text import literal

STALE_NAMED = 12
"""Stale cards named under the chart; more are counted."""


@dataclass(frozen=True)
class AgeingViews:
    ageing: Ageing
    throughput: Throughput


def read(ctx: Context, board_key: str) -> AgeingViews:
    return AgeingViews(ageing.ageing(ctx, board_key), ageing.throughput(ctx, board_key))


def ageing_title(found: Ageing) -> Content:
    return Content.assemble(
        ("Ageing", "bold"),
        (f"  {short_date(found.today)}", "$text-muted"),
        (" · days since each in-progress card first started, by column", "$text-muted"),
    )


def ageing_numbers(found: Ageing) -> Content:
    lines = found.lines
    if not found.columns:
        return Content("The board has no in-progress column.")
    stale = [card for card in found.cards if card.stale]
    parts: list[Content | tuple[str, str]] = [
        (plural(max(found.total, len(found.cards)), "card") + " in progress", "bold")
    ]
    if lines.p85 is None:
        parts.append(
            (
                f"  ·  no percentile lines: {lines.count} of the {THIN} finished cards "
                f"they need in the last {HISTORY_WEEKS} weeks",
                "$text-muted",
            )
        )
        return Content.assemble(*parts)
    parts += [
        ("  ·  50th percentile ", "$text-muted"),
        (days_text(lines.p50), "bold $text-warning"),
        ("  ·  85th ", "$text-muted"),
        (days_text(lines.p85), "bold $text-error"),
        (
            f"  (from {plural(lines.count, 'card')} finished in {HISTORY_WEEKS} weeks)",
            "$text-muted",
        ),
    ]
    if stale:
        parts.append(("\n▲ older than the 85th: ", "$text-error"))
        for index, card in enumerate(stale[:STALE_NAMED]):
            if index:
                parts.append((", ", "$text-muted"))
            parts += [(card.key, "bold"), (" ", ""), literal(card.column), (f" {card.age}d", "")]
        if len(stale) > STALE_NAMED:
            parts.append((f" and {len(stale) - STALE_NAMED:,} more", "$text-muted"))
    return Content.assemble(*parts)


def throughput_title(found: Throughput) -> Content:
    first, last = found.weeks[0].first, found.weeks[-1].first
    return Content.assemble(
        ("Throughput", "bold"),
        (f"  weeks of {short_date(first)} – {short_date(last)}", "$text-muted"),
        (" · cards finished each week", "$text-muted"),
    )


def throughput_numbers(found: Throughput) -> Content:
    if not found.total:
        return Content.assemble(("No card was finished in these 12 weeks", "$text-muted"))
    return Content.assemble(
        ("Mean ", "$text-muted"),
        (f"{found.mean:.1f} cards a week", "bold $text-warning"),
        ("  ·  ", "$text-muted"),
        (plural(found.total, "card") + " finished", "bold"),
        ("\nEach bar is seven days; the last ends today.", "$text-muted"),
    )
