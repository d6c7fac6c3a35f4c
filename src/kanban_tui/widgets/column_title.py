"""A column header's text, fitted to its width: one function for every screen.

The counts say what the WIP rules judge, so they give way last: the points
go first, then the name is cut, then the counts shorten. On the Sprint
screen a column with a limit keeps both counts (``Te… 0·WIP 3/2 ▲``):
its own cards and the WIP count judged over the whole column. With a filter on,
every column says how many of its cards match, 0 too (``To Do 1 of 17``,
``In Progress 0 of 3/3``), as the filter's status says ``5 of 42 cards``.
"""

from __future__ import annotations

from rich.cells import cell_len

from .text import fit, one_line

MIN_NAME = 6
"""Cells of name kept before the counts take a shorter form."""
OVER_MARK = "▲"


def count_forms(count: int, limit: int | None, own: int | None = None) -> list[str]:
    """The counts, longest form first: ``17/5 ▲`` (a board column over its
    limit), ``1 · WIP 3/3`` (the Sprint screen: the sprint's cards, then what
    the limit counts, every card of the column), ``4``; ``25,000`` past a
    thousand, as every other count of the app."""
    over = f" {OVER_MARK}" if limit is not None and count > limit else ""
    if limit is None:
        return [f"{count if own is None else own:,}"]
    wip = f"{count:,}/{limit:,}{over}"
    if own is None:
        return [wip]
    return [f"{own:,} · WIP {wip}", f"{own:,}·WIP {wip}", wip]


def header_text(
    name: str,
    count: int,
    limit: int | None,
    width: int,
    *,
    own: int | None = None,
    extra: str = "",
    shown: int | None = None,
) -> tuple[str, str]:
    """The header as (left, right) within ``width`` cells: ``To Do 17/5 ▲``
    on the left, ``extra`` (``55 pt``) on the right when at least two cells
    part them, else nothing on the right.

    ``own``: the Sprint screen's own cards in the column (see :func:`count_forms`).
    ``shown``: with a filter on, how many of the column's cards match: a
    count like the others (``To Do 1 of 17``), kept whole as they are.
    """
    if width <= 0:
        return "", ""
    name = one_line(name)
    forms = count_forms(count, limit, own)
    if shown is not None:
        forms = [f"{shown:,} of {form}" for form in forms]
    # The Sprint screen's counts (``0 · WIP 3/2 ▲``) stay whole while they
    # fit at all: the name is cut first, then the spaces go; the WIP count
    # alone is for a column too narrow for both.
    sprint = own is not None and limit is not None
    keeps = [MIN_NAME, 1, 1] if sprint else [MIN_NAME] * (len(forms) - 1) + [1]
    left = fit(forms[-1], width)
    for index, (counts, keep) in enumerate(zip(forms, keeps, strict=True)):
        if cell_len(counts) + 1 + min(cell_len(name), keep) <= width:
            cut = fit(name, width - cell_len(counts) - 1)
            if cut.endswith(" …"):  # "In …" reads worse than "In…"
                cut = cut[:-2].rstrip() + "…"
            left = f"{cut} {counts}"
            break
        if sprint and index == 1 and cell_len(counts) <= width:
            left = counts  # no room for a letter of the name
            break
    if extra and width - cell_len(left) - cell_len(extra) >= 2:
        return left, extra
    return left, ""
