"""What each line of the Backlog screen says, as plain parts fitted to a width.

A part is ``(text, component)``; the list widget turns components into theme
styles. Kept apart from the widget so the layout is testable without a
terminal. User text (names, goals, titles) goes through ``one_line`` here.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Protocol

from rich.cells import cell_len

from ..domain import people
from ..domain.model import Card, CardType, Priority
from ..domain.sprints import Sprint
from ..formatting import date_range, plural
from .card_lines import PRIORITY_MARK, due_part
from .text import fit, one_line

Part = tuple[str, str]

HEADER = "header"
GOAL = "goal"
CARD = "card"
HINT = "hint"
TIP = "tip"
SPACER = "spacer"
SLOT = "slot"
"""A backlog card the list does not hold (read by page): drawn blank, asked for."""
SELECTABLE = (HEADER, CARD, SLOT)
SECTION = "section"

Anchor = tuple[str, object]
"""Where the cursor is, across rebuilds: (CARD, key) or (SECTION, sprint number or None)."""


@dataclass(frozen=True, slots=True)
class Row:
    """One line of the plan: what it shows and the index of its section."""

    kind: str
    section: int
    card: Card | None = None


class PlanSection(Protocol):
    """A block of the plan as its lines show it (the Backlog screen's ``Section``)."""

    @property
    def sprint(self) -> Sprint | None:
        """The sprint (active or planned); None: the backlog."""

    @property
    def cards(self) -> Sequence[Card]: ...
    @property
    def number(self) -> int | None: ...
    @property
    def is_active(self) -> bool: ...
    @property
    def is_planned(self) -> bool: ...
    @property
    def count(self) -> int:
        """Its cards, the ones not held included."""

    @property
    def points(self) -> int: ...
    @property
    def unestimated(self) -> int: ...
    @property
    def fit(self) -> tuple[float | None, float | None] | None:
        """A planned sprint's chance to finish by its end, from card throughput
        and from points velocity (None: not shown)."""


class Plan(Protocol):
    """The plan as :class:`~.backlog_list.PlanList` shows it (the Backlog's ``PlanState``).

    The widget knows it by this shape only, so it imports nothing of the screen.
    """

    @property
    def sections(self) -> Sequence[PlanSection]: ...
    @property
    def folded(self) -> Collection[int | None]:
        """Sprint numbers (None: the backlog) whose cards are hidden."""

    @property
    def today(self) -> date: ...
    @property
    def mean_velocity(self) -> float | None: ...
    @property
    def done_columns(self) -> Collection[int]: ...
    @property
    def filtering(self) -> bool:
        """Whether a filter narrows the cards."""

    def rows(self) -> list[Row]:
        """Every line of the plan, top to bottom."""

    def key_width(self) -> int: ...
    def shown(self, index: int) -> int:
        """How many cards of section ``index`` pass the filter."""

    def is_done(self, card: Card) -> bool: ...


WHO_WIDTH = 10
STATUS_MAX = 12
LABELS_WIDTH = 22
MIN_TITLE = 12
"""Cells of title a due mark leaves, at the least."""


def points_text(value: float) -> str:
    """27.5, 28 (no trailing .0)."""
    return f"{value:.1f}".rstrip("0").rstrip(".")


def width_of(parts: list[Part]) -> int:
    return sum(cell_len(text) for text, _ in parts)


def header_parts(
    section: PlanSection,
    width: int,
    *,
    folded: bool,
    shown: int,
    mean: float | None,
    today: date,
    done_columns: Collection[int] = (),
) -> tuple[list[Part], list[Part]]:
    """A section's heading: name, state and dates left; cards and points right."""
    sprint = section.sprint
    mark: Part = ("▸ " if folded else "▾ ", "fold")
    if sprint is None:
        name: Part = ("Backlog", "name")
        tags: list[Part] = []
        when: list[Part] = []
        detail: list[Part] = []
    else:
        name = (one_line(sprint.name), "name")
        when = [("  " + date_range(sprint.start, sprint.end), "dates")]
        detail = []
        if section.is_active:
            if sprint.overdue(today):
                tags = [("  overdue", "overdue")]
                assert sprint.end is not None
                late = (today - sprint.end).days
                detail = [(f" · ended {plural(late, 'day')} ago", "overdue")]
            else:
                tags = [("  active", "tag-active")]
                days_left = sprint.days_left(today)
                if days_left is not None:
                    detail = [(f" · {plural(days_left, 'day')} left", "dates")]
        else:
            tags = [("  planned", "tag")]
            if sprint.length is not None:
                detail = [(f" · {plural(sprint.length, 'day')}", "dates")]

    total = section.count
    count = f"{shown:,} of {plural(total, 'card')}" if shown != total else plural(total, "card")
    points = section.points
    right_full: list[Part] = [(count, "count")]
    right_short: list[Part] = [(count, "count")]
    if section.is_active:
        done = sum(c.points or 0 for c in section.cards if c.column_id in done_columns)
        right_full.append((f"  {done:,}/{points:,} pt done", "points"))
        right_short.append((f"  {done:,}/{points:,} pt", "points"))
    else:
        over = section.is_planned and mean is not None and points > mean
        right_full.append((f"  {points:,} pt", "over" if over else "points"))
        right_short.append((f"  {points:,} pt", "over" if over else "points"))
        if section.is_planned and mean is not None:
            right_full.append((f"  velocity {points_text(mean)}", "over" if over else "velocity"))
            right_short.append((f"/{points_text(mean)}", "over" if over else "velocity"))
    chances = section.fit if section.is_planned else None
    if chances is not None:
        full, short = likely_parts(chances)
        right_full += full
        right_short += short
    if section.unestimated and not section.is_active:
        right_full.append((f"  ? {section.unestimated:,} unestimated", "unestimated"))
        right_short.append((f"  ?{section.unestimated:,}", "unestimated"))

    candidates = [
        ([mark, name, *tags, *when, *detail], right_full),
        ([mark, name, *tags, *when], right_full),
        ([mark, name, *tags], right_full),
        ([mark, name, *tags], right_short),
        ([mark, name], right_short),
    ]
    for left, right in candidates:
        if width_of(left) + 2 + width_of(right) <= width:
            return left, right
    room = max(width - 2, 0)
    return [mark, (fit(name[0], room), "name")], []


LIKELY = 0.85
"""Below this chance a sprint's fit shows in the warning colour (docs/metrics.md)."""


def likely_parts(fit: tuple[float | None, float | None]) -> tuple[list[Part], list[Part]]:
    """``85% likely · by points 60%``: the chance from cards, then from points
    (short: the first alone); under :data:`LIKELY` in the warning colour
    (``over``), else the normal one."""
    full: list[Part] = []
    short: list[Part] = []
    if fit == (None, None):  # honest about thin history: no figure made up
        return [("  too little history to forecast", "velocity")], [("  ?% likely", "velocity")]
    for index, chance in enumerate(fit):
        if chance is None:
            continue
        percent = int(chance * 100)  # floor: 99.6% is not "100% likely"
        part = "over" if chance < LIKELY else "points"
        words = f"  {percent}% likely" if index == 0 else f" · by points {percent}%"
        full.append((words, part))
        if index == 0:
            short.append((f"  {percent}% likely", part))
    return full, short


def goal_parts(section: PlanSection, width: int) -> list[Part]:
    """The line under a sprint's heading: its goal, or that it has none yet."""
    sprint = section.sprint
    assert sprint is not None
    goal = one_line(sprint.goal).strip()
    if not goal:
        hint = "No goal yet: E edits the sprint (starting needs a goal)"
        return [("  ", ""), (fit(hint, max(width - 2, 0)), "no-goal")]
    return [("  Goal ", "goal-label"), (fit(goal, max(width - 7, 0)), "goal")]


def hint_parts(section: PlanSection, width: int, *, filtered: bool) -> list[Part]:
    if filtered and section.count:  # cards, none of them passing (held or not)
        text = "No card here matches the filter (esc clears it)"
    elif section.sprint is None:
        text = "The backlog is empty: n adds a card, < takes one out of a sprint"
    else:
        text = "No cards yet: > plans the selected backlog card here, n adds a new one"
    return [("  ", ""), (fit(text, max(width - 2, 0)), "hint")]


def tip_parts(width: int) -> list[Part]:
    """Under the backlog's heading while no sprint is planned: how to plan one."""
    text = "No sprint planned: c plans one, then > moves the selected card into it"
    return [("  ", ""), (fit(text, max(width - 2, 0)), "hint")]


def labels_text(card: Card, width: int) -> str:
    """``#api #frontend``, whole labels only, ``+2`` for what does not fit."""
    out = ""
    labels = ["#" + one_line(label) for label in card.labels]
    for index, label in enumerate(labels):
        rest = len(labels) - index - 1
        candidate = f"{out} {label}" if out else label
        reserve = len(f" +{rest}") if rest else 0
        if cell_len(candidate) + reserve > width:
            more = f"+{len(labels) - index}"
            return f"{out} {more}" if out else more
        out = candidate
    return out


def card_parts(
    card: Card,
    width: int,
    *,
    key_width: int,
    status_width: int,
    me: str,
    done: bool,
    today: date | None = None,
) -> list[Part]:
    """One card on one line, in columns: key, type, priority, title, status, who, points.

    A due mark (read against ``today``) ends the title's room, right-aligned,
    so the marks line up without a column kept empty for the cards that have none.
    """
    show_who = width >= 56
    show_type = width >= 70
    show_status = width >= 96 and status_width > 0
    parts: list[Part] = [(card.key.ljust(key_width), "key"), (" ", "")]
    if show_type:
        kind = "" if card.type is CardType.TASK else card.type.value
        parts += [(kind.ljust(5), f"type-{kind}" if kind else ""), (" ", "")]
    if card.priority is Priority.NONE:
        parts += [("  ", "")]
    else:
        parts += [(PRIORITY_MARK[card.priority], f"priority-{card.priority.value}"), (" ", "")]
    tail: list[Part] = []
    if width >= 110:
        labels = labels_text(card, LABELS_WIDTH).ljust(LABELS_WIDTH)
        tail += [(" ", ""), (labels, "label")]
    if show_status:
        tail += [(" ", ""), (fit(one_line(card.column), status_width).ljust(status_width), "")]
        tail[-1] = (tail[-1][0], "status-done" if done else "status")
    if show_who:
        who = fit(f"@{one_line(card.assignee)}", WHO_WIDTH) if card.assignee else ""
        style = "mine" if people.same(card.assignee, me) else "assignee"
        tail += [(" ", ""), (who.ljust(WHO_WIDTH), style)]
    if card.points is None:
        tail += [(" ", ""), ("  ?", "unestimated")]
    else:
        tail += [(" ", ""), (str(card.points).rjust(3), "points")]
    room = max(width - width_of(parts) - width_of(tail), 0)
    prefix: list[Part] = []
    if done:
        prefix.append(("✓ ", "done"))
    if card.blocked:
        prefix.append(("⊘ ", "blocked"))
    title_room = max(room - width_of(prefix), 0)
    due: list[Part] = []
    if today is not None and not done:
        # The title keeps MIN_TITLE cells; the mark takes what is left, short if need be.
        mark = due_part(card, today, title_room - MIN_TITLE - 1)
        if mark is not None:
            due = [(" ", ""), mark]
            title_room -= width_of(due)
    title = fit(one_line(card.title), title_room)
    title_part = (title.ljust(title_room) if title_room else "", "title-done" if done else "title")
    if width_of(prefix) > room:
        prefix = []
        title_part = (fit(one_line(card.title), room).ljust(room), title_part[1])
        due = []
    return parts + prefix + [title_part] + due + tail
