"""The lines of one card in a :class:`~.card_list.CardList`, styled by its
component classes: the cursor, the blocked edge, the parts of a card; and
how the list's scrollbar draws (to draw it again only when that changes)."""

from __future__ import annotations

from typing import Any

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual.scrollbar import ScrollBar
from textual.strip import Strip

from ..domain.model import Card
from .card_lines import card_lines, compact_lines
from .text import fit


# ``Any``: the CardList, which imports this module (no import cycle, even typed).
def style_of(card_list: Any, *names: str) -> Style:
    return card_list.get_visual_style(*(f"card-list--{name}" for name in names)).rich_style


def render_card(
    self: Any, card: Card, selected: bool, width: int, linked: bool, shade: int = 0
) -> list[Strip]:
    """The card's lines; ``shade``: 0 a full card, 2 or 3 a compact one
    (3: on the alternate background)."""
    if selected:
        base_names: tuple[str, ...] = (
            ("card", "cursor") if self._cursor_shown else ("card", "cursor-blurred")
        )
    else:
        base_names = ("card", "card-alt") if shade == 3 else ("card",)
    base = style_of(self, *base_names)
    # The edge mark: red for a blocked card, else the cursor's own colour on
    # the selected card, so the cursor shows even without colours.
    if card.blocked:
        edge = Segment("▌", style_of(self, *base_names, "stripe-blocked"))
    elif selected and self._cursor_shown:
        edge = Segment("▌", style_of(self, *base_names, "stripe"))
    else:
        edge = Segment(" ", base)
    cursor = selected and self._cursor_shown

    def style(part: str) -> Style:
        if not part:
            return base
        if cursor:
            # On the cursor the parts keep their weight but take the
            # cursor's colours: theme colours may not read on it.
            own = style_of(self, *base_names, part)
            return base + Style(bold=own.bold, italic=own.italic)
        return style_of(self, *base_names, part)

    inner = max(width - 3, 1)
    strips = []
    age = self._age(card)
    if shade:
        lines = compact_lines(card, inner, self.me, linked, self.today, self.key_width, age)
    else:
        lines = card_lines(card, inner, self.me, linked, self.today, age)
    for left, right in lines:
        segments = [edge, Segment(" ", base)]
        used = 0
        for text, part in left:
            text = fit(text, inner - used) if part == "title" else text
            segments.append(Segment(text, style(part)))
            used += cell_len(text)
        right_width = sum(cell_len(text) for text, _ in right)
        gap = inner - used - right_width
        if right and gap >= 1:
            segments.append(Segment(" " * gap, base))
            segments.extend(Segment(t, style(p)) for t, p in right)
        line = Strip(segments).adjust_cell_length(width - 1, base)
        strips.append(line + Strip([Segment(" ", base)], 1))
    return strips


def bar_segments(bar: ScrollBar, virtual_height: int) -> list[Segment]:
    """How ``bar`` draws for a list ``virtual_height`` lines long (colours aside)."""
    window = bar.window_size if bar.window_size < virtual_height else 0
    drawn = bar.renderer.render_bar(
        size=bar.size.height,
        virtual_size=virtual_height,
        window_size=window,
        position=bar.position,
        thickness=bar.thickness,
    )
    return list(drawn.segments)
