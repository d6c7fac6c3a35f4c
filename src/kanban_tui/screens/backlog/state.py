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
from dataclasses import dataclass, field
from datetime import date

from ...domain import people
from ...domain.model import Board, Card, Category, Column
from ...domain.sprint_metrics import Velocity
from ...domain.sprints import Sprint, SprintState
from ...widgets.backlog_rows import CARD, GOAL, HEADER, HINT, SPACER, TIP, Row
from ..board.state import Filter


def _order(card: Card) -> tuple[int, int]:
    return (card.rank, card.id)


@dataclass
class Section:
    """One block of the plan: a sprint (active or planned) or the backlog (sprint None)."""

    sprint: Sprint | None
    cards: list[Card] = field(default_factory=list)
    fit: tuple[float | None, float | None] | None = None
    """A planned sprint's chance to finish by its end: from cards, from points."""

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
        return sum(card.points or 0 for card in self.cards)

    @property
    def unestimated(self) -> int:
        return sum(1 for card in self.cards if card.points is None)


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
            Section(s, list(sprint_cards.get(s.number, [])), fits.get(s.number))
            for s in open_sprints
        ]
        self.sections.append(Section(None, list(backlog)))
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
        return len(self.visible(self.sections[index]))

    def key_width(self) -> int:
        return max(
            (len(card.key) for section in self.sections for card in section.cards), default=6
        )

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
        for section in self.sections:
            for index, other in enumerate(section.cards):
                if other.id == card.id:
                    del section.cards[index]
                    self.changes += 1
                    return section
        return None

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
        if new is not None:
            bisect.insort(new.cards, card, key=_order)
        return old, new
