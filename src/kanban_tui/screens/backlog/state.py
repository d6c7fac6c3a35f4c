"""The plan as the Backlog screen holds it: open sprints, then the ranked backlog.

Plain Python (no Textual). Loaded in one go by a worker, then kept up to date
from the cards that service calls return, so that ranking or estimating a
card touches one list instead of re-reading thousands of cards. Which
section a card belongs to follows the spec's backlog rule, read back from
what the services returned (its sprint, its column's category).
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date

from ...domain import people
from ...domain.model import Board, Card, Category, Column
from ...domain.sprint_metrics import Velocity
from ...domain.sprints import Sprint, SprintState
from ...services.board_pages import BacklogTotals, Page
from ...widgets.backlog_rows import CARD, GOAL, HEADER, HINT, SLOT, SPACER, TIP, Row
from ..board.state import Filter

MAX_HELD = 600
"""Backlog cards held at most (read by page); the far end is let go."""


def _order(card: Card) -> tuple[int, int]:
    return (card.rank, card.id)


@dataclass
class Section:
    """One block of the plan: a sprint (active or planned) or the backlog (sprint None)."""

    sprint: Sprint | None
    cards: list[Card] = field(default_factory=list)
    start: int = 0
    """Read by page (the backlog): the index of ``cards[0]`` among the cards
    that pass the filter."""
    totals: BacklogTotals | None = None
    """Read by page: the whole section's counts (None: ``cards`` is all of it)."""
    fit: tuple[float | None, float | None] | None = None
    """A planned sprint's chance to finish by its end: from cards, from points."""

    @property
    def count(self) -> int:
        return self.totals.count if self.totals is not None else len(self.cards)

    @property
    def number(self) -> int | None:
        return self.sprint.number if self.sprint else None

    @property
    def is_backlog(self) -> bool:
        return self.sprint is None

    @property
    def is_active(self) -> bool:
        return self.sprint is not None and self.sprint.state is SprintState.ACTIVE

    @property
    def is_planned(self) -> bool:
        return self.sprint is not None and self.sprint.state is SprintState.PLANNED

    @property
    def scope(self) -> str:
        """The ranking scope of ``card_rank.rank_card`` for this section."""
        return "backlog" if self.sprint is None else "sprint"

    @property
    def points(self) -> int:
        if self.totals is not None:
            return self.totals.points
        return sum(card.points or 0 for card in self.cards)

    @property
    def unestimated(self) -> int:
        if self.totals is not None:
            return self.totals.unestimated
        return sum(1 for card in self.cards if card.points is None)

    def counted(self, card: Card, step: int, *, passing: bool) -> None:
        """Count ``card`` in (``step`` 1) or out (-1) of a paged section's totals."""
        if self.totals is not None:
            totals = self.totals
            self.totals = replace(
                totals,
                count=totals.count + step,
                points=totals.points + step * (card.points or 0),
                unestimated=totals.unestimated + (step if card.points is None else 0),
                shown=totals.shown + (step if passing else 0),
            )


class PlanState:
    """The board's open sprints (active first, then planned by number) and the backlog."""

    def __init__(
        self,
        board: Board,
        columns: Iterable[Column],
        sprints: Iterable[Sprint],
        sprint_cards: dict[int, list[Card]],
        backlog: list[Card],
        velocity: Velocity,
        today: date,
        backlog_totals: BacklogTotals | None = None,
        fits: dict[int, tuple[float | None, float | None]] | None = None,
    ) -> None:
        self.board = board
        self.today = today
        self.sprints = list(sprints)
        """Every sprint of the board, completed ones too (for date defaults)."""
        self.velocity = velocity
        self.done_columns = {c.id for c in columns if c.category is Category.DONE}
        open_sprints = sorted(
            (s for s in self.sprints if s.state is not SprintState.COMPLETED),
            key=lambda s: (s.state is not SprintState.ACTIVE, s.number),
        )
        fits = fits or {}
        self.sections = [
            Section(s, list(sprint_cards.get(s.number, [])), fit=fits.get(s.number))
            for s in open_sprints
        ]
        self.sections.append(Section(None, list(backlog), totals=backlog_totals))
        self._outside: dict[int, tuple[Card, bool, bool]] = {}
        """Backlog cards put outside its window: (card, before it, passes the filter)."""
        self.filter = Filter()
        self.folded: set[int | None] = set()
        """Sprint numbers (None: the backlog) whose cards are hidden."""
        self.changes = 0
        """Counts local changes since the load (a load begun before one is stale)."""

    # -- reading ---------------------------------------------------------------
    @property
    def mean_velocity(self) -> float | None:
        return self.velocity.mean

    @property
    def active(self) -> Section | None:
        return next((s for s in self.sections if s.is_active), None)

    @property
    def planned(self) -> list[Section]:
        return [s for s in self.sections if s.is_planned]

    @property
    def backlog(self) -> Section:
        return self.sections[-1]

    def section_of(self, number: int | None) -> Section | None:
        return next((s for s in self.sections if s.number == number), None)

    def index_of(self, section: Section) -> int:
        return self.sections.index(section)

    def find(self, key: str) -> tuple[Section, int] | None:
        for section in self.sections:
            for index, card in enumerate(section.cards):
                if card.key == key:
                    return section, index
        return None

    def is_done(self, card: Card) -> bool:
        return card.column_id in self.done_columns

    @property
    def filtering(self) -> bool:
        return self.filter.active

    def visible(self, section: Section) -> list[Card]:
        if not self.filter.active:
            return section.cards
        return [card for card in section.cards if self.filter.matches(card)]

    def shown(self, index: int) -> int:
        """How many cards of section ``index`` pass the filter."""
        section = self.sections[index]
        if section.totals is not None:
            return section.totals.shown
        return len(self.visible(section))

    def rank_siblings(self, section: Section) -> list[Card]:
        """The list a card is ranked in, as far as it is held: a paged
        section's window has a stand-in at each end the section goes on past."""
        cards = section.cards
        if section.totals is None or not cards:
            return cards
        filtered = self.filter.active
        head = (
            [replace(cards[0], id=-1, rank=cards[0].rank - 1)] if section.start or filtered else []
        )
        more = section.start + len(cards) < section.totals.shown or filtered
        tail = [replace(cards[-1], id=-2, rank=cards[-1].rank + 1)] if more else []
        return [*head, *cards, *tail]

    def key_width(self) -> int:
        """The widest key the plan may show: the held cards', and the board's
        last card number's (so the column does not widen as the backlog scrolls)."""
        held = [len(card.key) for section in self.sections for card in section.cards]
        totals = self.backlog.totals
        if totals is not None and totals.last_number:
            held.append(len(f"{self.board.key}-{totals.last_number}"))
        return max(held, default=6)

    def people(self) -> list[str]:
        return people.roster(c.assignee for s in self.sections for c in s.cards)

    def rows(self) -> list[Row]:
        """Every line of the plan, top to bottom."""
        rows: list[Row] = []
        for index, section in enumerate(self.sections):
            if rows:
                rows.append(Row(SPACER, index))
            rows.append(Row(HEADER, index))
            if section.sprint is not None:
                rows.append(Row(GOAL, index))
            elif not self.planned:
                rows.append(Row(TIP, index))
            if section.number in self.folded:
                continue
            cards = self.visible(section)
            if section.totals is not None:
                # Read by page: a blank slot for each card not held.
                if not section.totals.shown:
                    rows.append(Row(HINT, index))
                slot = Row(SLOT, index)
                rows.extend([slot] * section.start)
                rows.extend(Row(CARD, index, card) for card in cards)
                rows.extend([slot] * max(section.totals.shown - section.start - len(cards), 0))
                continue
            if not cards:
                rows.append(Row(HINT, index))
            rows.extend(Row(CARD, index, card) for card in cards)
        return rows

    # -- changing --------------------------------------------------------------
    def set_filter(self, text: str, me: str, today: date | None = None) -> None:
        self.filter = Filter(text, me, today)

    def toggle_fold(self, section: Section) -> None:
        self.folded ^= {section.number}

    def remove(self, card: Card) -> Section | None:
        """Take ``card`` (matched by id) out of its section; returns that section."""
        outside = self._outside.pop(card.id, None)
        if outside is not None:
            old, before, passing = outside
            self.backlog.counted(old, -1, passing=passing)
            self.backlog.start -= 1 if before else 0
            self.changes += 1
            return self.backlog
        for section in self.sections:
            for index, other in enumerate(section.cards):
                if other.id == card.id:
                    del section.cards[index]
                    section.counted(other, -1, passing=True)
                    self.changes += 1
                    return section
        return None

    def put_page(self, page: Page) -> None:
        """Hold ``page`` as the backlog's window (what was held goes)."""
        backlog = self.backlog
        backlog.cards, backlog.start = list(page.cards), page.start
        self._outside.clear()

    def extend(self, cards: list[Card], *, before: bool) -> None:
        """Add the cards just before (or after) the backlog's window; past
        :data:`MAX_HELD` the other end is let go."""
        backlog = self.backlog
        held = {card.id for card in backlog.cards}
        fresh = [card for card in cards if card.id not in held]
        if before:
            backlog.cards[:0] = fresh
            backlog.start = max(backlog.start - len(fresh), 0)
            del backlog.cards[MAX_HELD:]
        else:
            backlog.cards.extend(fresh)
            drop = max(len(backlog.cards) - MAX_HELD, 0)
            del backlog.cards[:drop]
            backlog.start += drop

    def home(self, card: Card) -> Section | None:
        """The section ``card`` belongs in now, or None (done or archived: not planned)."""
        if card.archived:
            return None
        if card.sprint is not None:
            section = self.section_of(card.sprint)
            if section is not None:
                return section
        return None if self.is_done(card) else self.backlog

    def put(self, card: Card) -> tuple[Section | None, Section | None]:
        """Replace ``card``'s old copy with this one where it now belongs, in rank order.

        Returns (the section it left, the section it is in now).
        """
        old = self.remove(card)
        new = self.home(card)
        self.changes += 1
        if new is None:
            return old, new
        passing = not self.filter.active or self.filter.matches(card)
        new.counted(card, 1, passing=passing)
        if new.totals is not None:
            cards, start = new.cards, new.start
            order = _order(card)
            if not passing:
                self._outside[card.id] = (card, False, False)
                return old, new
            if cards and order < _order(cards[0]) and start > 0:
                new.start += 1
                self._outside[card.id] = (card, True, True)
                return old, new
            if cards and order > _order(cards[-1]) and start + len(cards) < new.totals.shown - 1:
                self._outside[card.id] = (card, False, True)
                return old, new
        bisect.insort(new.cards, card, key=_order)
        return old, new
