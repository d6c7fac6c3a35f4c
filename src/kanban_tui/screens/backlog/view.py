"""The plan as one list: loading it, showing it, where the cursor is, filtering.

The plan is read on a worker thread into a :class:`PlanState`; after a card
change the card the service returns is put back into that state, and after
a sprint change the plan is read again. One virtualised list shows it all.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.dom import DOMNode

from ...domain import people
from ...domain.model import Card
from ...domain.sprints import Sprint, SprintState
from ...formatting import plural
from ...services import boards, cards, forecast, sprints
from ...widgets.backlog_list import PlanList
from ...widgets.backlog_rows import CARD, SECTION, Anchor
from ...widgets.filter_bar import FilterBar
from ...widgets.footer import QuietFooter
from ...widgets.top_bar import TopBar
from ..base import KanbanScreen
from ..keys import CARD_FILTER_HINT
from .state import PlanState, Section


class PlanView(KanbanScreen[PlanState]):
    """Sprint sections, then the backlog; the cursor's row is what keys act on."""

    AUTO_FOCUS = "PlanList"
    VIEW = "Backlog"
    # Another screen may have changed cards since this one was shown.
    RELOAD_ON_RESUME = True

    def __init__(self) -> None:
        super().__init__(id="backlog")
        self.state: PlanState | None = None
        self._select_after_load: Anchor | None = None
        self._folded_boards: set[str] = set()

    @property
    def plan_list(self) -> PlanList:
        return self.query_one(PlanList)

    def compose(self) -> ComposeResult:
        yield TopBar(self.VIEW, id="topbar")
        yield FilterBar(CARD_FILTER_HINT)
        yield PlanList(me=self.ctx.actor, id="plan")
        yield QuietFooter()

    # -- loading -----------------------------------------------------------------
    def reload(self, select: Anchor | None = None) -> None:
        """Read the plan from the database again, in a worker.

        The cursor stays on its card or heading and the scroll position is
        kept; ``select`` puts the cursor somewhere else (after a change).
        """
        if select is not None:
            # A reload without one (live updates) must not drop a pending choice.
            self._select_after_load = select
        self.kanban.refresh_sprint_flag()
        super().reload()

    def read(self, key: str) -> PlanState:
        ctx = self.ctx
        board = boards.resolve_board(ctx, key)
        found = sprints.list_sprints(ctx, key)
        return PlanState(
            board,
            boards.columns(ctx, key, counted=False),
            found,
            {
                s.number: cards.list_cards(ctx, key, sprint=s.number)
                for s in found
                if s.state is not SprintState.COMPLETED
            },
            sprints.backlog(ctx, key),
            sprints.velocity(ctx, key),
            ctx.today(),
            fits=self.read_fits(key, found),
        )

    def read_fits(
        self, key: str, found: list[Sprint]
    ) -> dict[int, tuple[float | None, float | None]]:
        """Each planned sprint's chance to finish by its end (from cards, from
        points), shown beside its plan; runs in the loading worker."""
        return {
            s.number: (fit.by_cards, fit.by_points)
            for s in found
            if s.state is SprintState.PLANNED and s.end is not None
            for fit in [forecast.sprint_fit(self.ctx, key, s.number)]
        }

    def local_changes(self) -> int:
        return self.state.changes if self.state else 0

    def board_changed(self) -> None:
        self.state = None

    async def show(self, data: PlanState) -> None:
        old, plan = self.state, data
        if old is not None and old.board.key == plan.board.key:
            plan.set_filter(old.filter.text, self.ctx.actor, self.ctx.today())
            plan.folded = set(old.folded)
        elif (
            plan.active is not None
            and plan.active.cards
            and self.board_key not in self._folded_boards
        ):
            # First look at a board: the active sprint lives on the Sprint
            # screen; here it starts folded so the plan is what shows.
            plan.folded.add(plan.active.number)
            self._folded_boards.add(self.board_key)
        self.state = plan
        self.query_one(TopBar).update(name=plan.board.name)
        select = self._select_after_load
        self._select_after_load = None
        self._show(select)

    # -- showing -----------------------------------------------------------------
    def _show(self, select: Anchor | None = None) -> None:
        if self.state is None:
            return
        self.plan_list.show(self.state, select=select)
        self._update_status()
        self.refresh_bindings()

    def _update_status(self) -> None:
        state = self.state
        if state is None:
            return
        backlog = state.backlog
        if state.filter.active:
            shown = sum(state.shown(i) for i in range(len(state.sections)))
            total = sum(s.count for s in state.sections)
            self.set_status(f"filter: {shown:,} of {total:,} cards")
        else:
            self.set_status(f"backlog {plural(backlog.count, 'card')} · {backlog.points:,} pt")

    def filter_changed(self, text: str) -> None:
        if self.state is None:
            return
        self.state.set_filter(text, self.ctx.actor, self.ctx.today())
        self._show()

    def focus_list(self) -> None:
        self.plan_list.focus()

    def help_nodes(self) -> list[DOMNode]:
        """Whose bindings ``?`` lists, in order: the list, this screen."""
        return [self.plan_list, self]

    # -- where the cursor is ------------------------------------------------------------
    def _card(self) -> Card | None:
        row = self.plan_list.current
        return row.card if row is not None else None

    def _section(self) -> Section | None:
        row = self.plan_list.current
        if row is None or self.state is None:
            return None
        return self.state.sections[row.section]

    def _focused_sprint(self) -> Section | None:
        section = self._section()
        return section if section is not None and section.sprint is not None else None

    def _stay(self) -> Anchor | None:
        """Where the cursor goes when its card leaves the section: the next card
        of the section, else the one before, else the section's heading."""
        plan_list = self.plan_list
        rows = plan_list.rows
        here = plan_list.cursor
        if not 0 <= here < len(rows):
            return None
        section = rows[here].section
        for index in [*range(here + 1, len(rows)), *range(here - 1, -1, -1)]:
            row = rows[index]
            if row.section != section:
                continue
            if row.card is not None:
                return (CARD, row.card.key)
        return plan_list.anchor_of(rows[here]) if rows[here].card is None else self._heading()

    def _heading(self) -> Anchor | None:
        section = self._section()
        return (SECTION, section.number) if section is not None else None

    def _people(self) -> list[str]:
        known = self.state.people() if self.state else []
        return people.roster([*known, self.ctx.actor])
