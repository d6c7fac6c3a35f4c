"""How values read to a person, the same in the TUI and the command line.

Plain Python (no Textual, no ORM): dates such as ``22 Nov – 5 Dec``, counts
such as ``1 card`` / ``2 cards``, and the table of characters that must never
reach a terminal raw. Month names are English whatever the locale, so what a
screen shows does not depend on ``LC_TIME``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def short_date(day: date) -> str:
    """``18 Nov``."""
    return f"{day.day} {MONTHS[day.month - 1]}"


ARROW = "→"
"""Between a value before and after a change (``points 5 → 8``), as the activity log says it."""


def day_text(day: date, today: date) -> str:
    """``5 Dec``; ``5 Jan 2027`` when it is not in ``today``'s year."""
    return short_date(day) if day.year == today.year else f"{short_date(day)} {day.year}"


def due_mark(day: date, today: date, *, overdue: bool) -> str:
    """``due 5 Dec``, or ``overdue 3 Dec`` once the date has passed.

    Whether it has passed is the domain's rule (``domain.due``), asked by the
    caller; this only says it in words, so the sign does not rest on colour.
    """
    return f"{'overdue' if overdue else 'due'} {day_text(day, today)}"


def date_range(start: date | None, end: date | None) -> str:
    """``22 Nov – 5 Dec``; ``29 Dec 2026 – 9 Jan 2027`` across a new year; ``no dates``."""
    if start is None or end is None:
        return "no dates"
    if start.year != end.year:
        return f"{short_date(start)} {start.year} – {short_date(end)} {end.year}"
    return f"{short_date(start)} – {short_date(end)}"


def plural(count: int, word: str) -> str:
    """``1 card``, ``2 cards``, ``1,250 cards``."""
    return f"{count:,} {word}" if count == 1 else f"{count:,} {word}s"


# -- characters that must not reach a terminal raw ---------------------------------
# Control characters: C0, DEL and C1 (0x80-0x9f, which some terminals read as
# CSI or OSC). An ESC in a card title could otherwise move the cursor or
# retitle the window.
CONTROLS: tuple[int, ...] = (*range(0x00, 0x20), 0x7F, *range(0x80, 0xA0))

# Characters that make text read differently from what it is: bidi overrides,
# embeddings and isolates, zero-width and direction marks, line and paragraph
# separators.
DISGUISES: tuple[int, ...] = (
    0x200B,
    0x200E,
    0x200F,
    *range(0x202A, 0x202F),
    *range(0x2066, 0x206A),
    0x2028,
    0x2029,
)


def fit(text: str, cells: int, width: Callable[[str], int]) -> str:
    """``text`` cut to at most ``cells`` terminal cells (as ``width`` counts
    them: the CLI's own count, Rich's in the TUI), ending with an ellipsis
    when it was cut."""
    if width(text) <= cells:
        return text
    out, used = [], 0
    for char in text:
        size = width(char)
        if used + size > cells - 1:
            break
        out.append(char)
        used += size
    return "".join(out) + "…"
