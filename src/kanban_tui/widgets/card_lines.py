"""What a card shows, line by line, as plain data: testable without a terminal.

Full cards are four lines (key, type and assignee; two of title; marks);
compact cards two (key, type and title; marks and assignee), for short
terminals. :mod:`.card_list` draws them.
"""

from __future__ import annotations

from datetime import date

from rich.cells import cell_len

from ..domain import people
from ..domain.ageing import age_days
from ..domain.due import DueState, card_due_state, marked
from ..domain.model import Card, CardType, Priority
from ..formatting import due_mark
from .text import fit, one_line, wrap

CARD_HEIGHT = 5
"""Four lines of card and one line of gap."""

PRIORITY_MARK = {
    Priority.URGENT: "⇈",
    Priority.HIGH: "↑",
    Priority.MEDIUM: "=",
    Priority.LOW: "↓",
}
BLOCKED_MARK = "⊘ blocked"
SHORT_BLOCKED_MARK = "⊘"
"""The blocked mark where the due mark needs its room (or a compact card's marks)."""
RISK_MARK = "⚠"
"""On a card linked to a risk (its mitigation work)."""

Part = tuple[str, str]
"""A piece of a card line: (text, component class)."""

STALE_MARK = "▲"
"""Before the age of a card older than the board's 85th-percentile cycle time."""
Age = tuple[int, bool]
"""A card's age in days and whether it is older than the 85th percentile."""


def card_age(card: Card, today: date | None, limit: int | None) -> Age | None:
    """A started card's age (docs/metrics.md), and whether it is past ``limit``,
    the board's 85th-percentile cycle time (None: nothing is)."""
    if today is None or card.started_at is None:
        return None
    days = age_days(card.started_at.astimezone().date(), today)
    return days, limit is not None and days > limit


def age_part(age: Age | None) -> Part | None:
    """``6d``; ``▲23d`` (the sign, not colour alone) past the 85th percentile."""
    if age is None:
        return None
    days, stale = age
    return (f"{STALE_MARK}{days}d", "age-stale") if stale else (f"{days}d", "age")


def looks(card: Card) -> tuple[object, ...]:
    """What :func:`card_lines` reads of a card: two cards that look alike are
    drawn alike, whatever their version or times."""
    return (
        card.board_key,
        card.number,
        card.title,
        card.type,
        card.priority,
        card.points,
        card.assignee,
        card.labels,
        card.blocked,
        card.due,
        card.done_at is not None,
    )


DUE_PART = {DueState.LATER: "due", DueState.SOON: "due-soon", DueState.OVERDUE: "due-overdue"}
"""The component class of a due mark, by :class:`DueState`."""


def due_part(card: Card, today: date, room: int) -> tuple[str, str] | None:
    """The card's due mark fitted to ``room`` cells: ``due 5 Dec`` / ``overdue 3 Dec``,
    else the short ``overdue``; None without a due date or room.

    The date never shows without its word: a bare ``1 Dec`` beside ``⊘`` reads
    as "blocked since". A done card has none: its date no longer asks
    anything of anyone.
    """
    state = card_due_state(card, today)
    due = card.due
    if due is None or not marked(card):
        return None
    overdue = state is DueState.OVERDUE
    full = due_mark(due, today, overdue=overdue)
    text = next(
        (t for t in (full, "overdue" if overdue else "") if t and cell_len(t) <= room), None
    )
    return (text, DUE_PART[state]) if text else None


def _width(meta: list[Part]) -> int:
    return sum(cell_len(text) + 1 for text, _ in meta)


def _fits(meta: list[Part], part: Part, room: int) -> bool:
    return _width(meta) + cell_len(part[0]) <= room


def _add_due(meta: list[Part], card: Card, today: date | None, room: int) -> None:
    """Append the card's due mark to ``meta`` within ``room`` cells; the
    blocked mark shortens to ``⊘`` first rather than the due mark losing its date."""
    if today is None:
        return
    due = due_part(card, today, room - _width(meta))
    whole = due_part(card, today, 1000)  # the mark with its date
    blocked = (BLOCKED_MARK, "blocked")
    if whole is not None and due != whole and blocked in meta:
        index = meta.index(blocked)
        meta[index] = (SHORT_BLOCKED_MARK, "blocked")
        shorter = due_part(card, today, room - _width(meta))
        if shorter is None or shorter == due:
            meta[index] = blocked  # no more of the due mark shows: keep the words
        else:
            due = shorter
    if due is not None:
        meta.append(due)


def _make_room_for_stale(meta: list[Part], aged: Part, width: int) -> None:
    """A stale card's age is a warning, as ``⊘`` is: where it does not fit, an
    overdue mark's date gives way to it (the word stays), then a later due mark
    goes, so the sign shows whatever the column's width."""
    if _fits(meta, aged, width):
        return
    for index, part in enumerate(meta):
        if part[1] == "due-overdue":
            meta[index] = ("overdue", "due-overdue")
    sign: Part = (STALE_MARK, "age-stale")
    if not _fits(meta, sign, width):
        meta[:] = [part for part in meta if part[1] not in ("due", "due-soon")]


def card_lines(
    card: Card,
    width: int,
    me: str,
    linked: bool = False,
    today: date | None = None,
    age: Age | None = None,
) -> list[tuple[list[Part], list[Part]]]:
    """The four lines of a card as (left parts, right parts), fitted to ``width`` cells.

    ``linked``: the card is linked to a risk, and shows :data:`RISK_MARK`.
    ``today``: the day its due mark is read against (None: no due mark).
    ``age``: its age, shown in an in-progress column (None: none shown).

    Plain data, so the layout can be tested without a terminal.
    """
    key = card.key
    kind = "" if card.type is CardType.TASK else card.type.value
    who = f"@{one_line(card.assignee)}" if card.assignee else ""
    room = max(width - len(key) - 1, 0)
    who = fit(who, min(room, max(width // 2, 8))) if who else ""
    left: list[Part] = [(key, "key")]
    if kind and len(key) + 1 + len(kind) + (cell_len(who) + 1 if who else 0) <= width:
        left.append((" " + kind, f"type-{kind}"))
    top = (left, [(who, "mine" if people.same(card.assignee, me) else "assignee")] if who else [])

    title = wrap(one_line(card.title), width, 2)

    meta = _marks(card, linked)
    # The due mark comes before the age and the labels, which give way to it.
    _add_due(meta, card, today, width)
    aged = age_part(age)
    if aged is not None and aged[1] == "age-stale":
        _make_room_for_stale(meta, aged, width)
        if not _fits(meta, aged, width):
            aged = (STALE_MARK, "age-stale")
    if aged is not None and _fits(meta, aged, width):
        meta.append(aged)
    used = _width(meta)
    labels = ["#" + one_line(label) for label in card.labels]
    for index, label in enumerate(labels):
        # Whole labels only; what does not fit is counted in words
        # ("+2 labels") if that fits, else left to the card view.
        if used + cell_len(label) > width:
            left_out = len(labels) - index
            more = f"+{left_out} label{'s' if left_out > 1 else ''}"
            if used + len(more) <= width:
                meta.append((more, "label"))
            break
        meta.append((label, "label"))
        used += cell_len(label) + 1
    spaced: list[Part] = []
    for part in meta:
        if spaced:
            spaced.append((" ", ""))
        spaced.append(part)
    return [top, ([(title[0], "title")], []), ([(title[1], "title")], []), (spaced, [])]


COMPACT_HEIGHT = 2
"""A compact card: two lines, no gap (alternate cards are shaded apart)."""
COMPACT_TITLE_ROOM = 12
"""Cells of title a compact card keeps on its first line before the type moves down."""
COMPACT_KEY_ROOM = 8
"""Cells of title a compact card keeps (beside a two-digit key) before its key
drops the board's prefix (``SCRUM-10`` shows as ``-10``): narrow columns,
long board keys."""
MIN_WHO = 4
"""Cells of a compact card's assignee (``@al…``) worth showing; shorter, it goes."""


def compact_lines(
    card: Card,
    width: int,
    me: str,
    linked: bool = False,
    today: date | None = None,
    key_width: int | None = None,
    age: Age | None = None,
) -> list[tuple[list[Part], list[Part]]]:
    """The two lines of a compact card, fitted to ``width`` cells: key (its
    number alone, ``-10``, where the title would keep too little room), type
    and title; then the marks (risk, blocked, priority, points, due) on the
    left and the assignee on the right. Labels are left to the full card."""
    key = card.key
    # By the board's key and a width alone (a two-digit number assumed), so
    # every card makes the same choice: ``key_width``, the one the row of
    # columns gives all its cards (else ``width``).
    if (width if key_width is None else key_width) - len(card.board_key) - 4 < COMPACT_KEY_ROOM:
        key = f"-{card.number}"  # the board's key is in the top bar
    kind = "" if card.type is CardType.TASK else card.type.value
    first: list[Part] = [(key, "key")]
    used = len(key)
    # The type goes beside the key while the title keeps room to read, else
    # it leads the second line.
    kind_first = bool(kind) and used + len(kind) + 2 + COMPACT_TITLE_ROOM <= width
    if kind_first:
        first.append((" " + kind, f"type-{kind}"))
        used += 1 + len(kind)
    if used + 2 <= width:
        first.append((" " + fit(one_line(card.title), width - used - 1), "title"))

    meta = _marks(card, linked)
    who = f"@{one_line(card.assignee)}" if card.assignee else ""
    who = fit(who, max(width // 2 - 1, 4)) if who else ""
    if who and today is not None:
        # The due mark keeps its word: the assignee shortens (``@al…``) or
        # goes first, then the blocked mark shortens (in :func:`_add_due`);
        # only for a mark that then shows.
        short = [(SHORT_BLOCKED_MARK, p[1]) if p == (BLOCKED_MARK, "blocked") else p for p in meta]
        due = due_part(card, today, width - _width(short))
        if due is not None:
            spare = width - _width(meta) - cell_len(due[0]) - 1
            if spare < cell_len(who):
                who = fit(who, spare) if spare >= min(cell_len(who), MIN_WHO) else ""
    right: list[Part] = [(who, "mine" if people.same(card.assignee, me) else "assignee")]
    room = width - (cell_len(who) + 1 if who else 0)
    if card.blocked and _width(meta) > room:
        meta[meta.index((BLOCKED_MARK, "blocked"))] = (SHORT_BLOCKED_MARK, "blocked")
    _add_due(meta, card, today, room)
    if kind and not kind_first and _width(meta) + len(kind) + 1 <= room:
        # Only where it fits: the marks, due date and assignee come first.
        meta.insert(0, (kind, f"type-{kind}"))
    while meta and _width(meta) - 1 > room:
        meta.pop()  # a column too narrow for every mark: the last ones go
    # The age after the due mark, where it fits; a stale card keeps its sign.
    aged = age_part(age)
    if aged is not None and aged[1] == "age-stale" and not _fits(meta, aged, room):
        aged = (STALE_MARK, "age-stale")
    if aged is not None and _fits(meta, aged, room):
        meta.append(aged)
    elif aged is not None and aged[1] == "age-stale":
        # A warning, as ⊘ is: the assignee gives way to its sign, then an
        # overdue mark's date (the word stays).
        sign: Part = (STALE_MARK, "age-stale")
        overdue = [i for i, part in enumerate(meta) if part[1] == "due-overdue"]
        if not _fits(meta, sign, width) and overdue:
            meta[overdue[0]] = ("overdue", "due-overdue")
        if _fits(meta, sign, width):
            meta.append(sign)
            who = ""
    spaced: list[Part] = []
    for part in meta:
        if spaced:
            spaced.append((" ", ""))
        spaced.append(part)
    return [(first, []), (spaced, right if who else [])]


def _marks(card: Card, linked: bool) -> list[Part]:
    """The marks a card's meta line starts with: risk, blocked, priority, points."""
    meta: list[Part] = []
    if linked:
        meta.append((RISK_MARK, "risk"))
    if card.blocked:
        meta.append((BLOCKED_MARK, "blocked"))
    if card.priority in PRIORITY_MARK:
        meta.append((PRIORITY_MARK[card.priority], f"priority-{card.priority.value}"))
    if card.points is not None:
        meta.append((f" {card.points} ", "points"))
    return meta
