"""The Backlog screen (3): planned sprints above the ranked backlog; planning,
estimating, starting and completing sprints from the keyboard.

The plan is read on a worker thread into a :class:`PlanState`; after a card
change the card the service returns is put back into that state, and after
a sprint change the plan is read again. One virtualised list shows it all.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, ClassVar

from textual import on, work
from textual.app import ComposeResult, SystemCommand
from textual.binding import BindingType
from textual.widgets import Input

from ...domain.errors import KanbanError
from ...domain.sprints import SprintState
from ...formatting import plural
from ...services import boards, cards, sprints
from ...services.context import Context
from ...widgets.backlog_list import PlanList
from ...widgets.backlog_rows import CARD, HEADER, SECTION, Anchor
from ...widgets.footer import QuietFooter
from ...widgets.top_bar import TopBar
from .cycle import SprintCycleActions
from .keys import HELP_NOTES, KEYS
from .messages import PlanLoaded, PlanLoadFailed
from .state import PlanState

if TYPE_CHECKING:
    from ...app import KanbanApp


class BacklogScreen(SprintCycleActions):
    """Sprint sections, then the backlog; the cursor's row is what keys act on."""

    AUTO_FOCUS = "PlanList"
    BINDINGS: ClassVar[list[BindingType]] = KEYS
    HELP_NOTES = HELP_NOTES

    def __init__(self) -> None:
        super().__init__(id="backlog")
        self.state: PlanState | None = None
        self._select_after_load: Anchor | None = None
        self._loads = 0
        self._folded_boards: set[str] = set()

    @property
    def kanban(self) -> KanbanApp:
        return self.app  # type: ignore[return-value]

    @property
    def ctx(self) -> Context:
        return self.kanban.ctx

    @property
    def board_key(self) -> str:
        return self.kanban.board_key

    @property
    def plan_list(self) -> PlanList:
        return self.query_one(PlanList)

    def compose(self) -> ComposeResult:
        yield TopBar("Backlog", id="topbar")
        yield Input(
            placeholder="Filter: words, @assignee, #label, !blocked   (enter keeps, esc clears)",
            id="filter",
            classes="-hidden",
            compact=True,
        )
        yield PlanList(me=self.ctx.actor, id="plan")
        yield QuietFooter()

    def on_mount(self) -> None:
        self.query_one("#filter", Input).cursor_blink = self.kanban.cursor_blink
        self.watch(self.app, "board_key", self._board_changed, init=False)
        self._status("loading…")
        self.reload()

    def on_screen_resume(self) -> None:
        # Another screen may have changed cards since this one was shown.
        if self.state is not None:
            self.reload()

    # -- loading -----------------------------------------------------------------
    def reload(self, select: Anchor | None = None) -> None:
        """Read the plan from the database again, in a worker.

        The cursor stays on its card or heading and the scroll position is
        kept; ``select`` puts the cursor somewhere else (after a change).
        """
        if select is not None:
            # A reload without one (live updates) must not drop a pending choice.
            self._select_after_load = select
        self._loads += 1
        refresh_flag = getattr(self.app, "refresh_sprint_flag", None)
        if refresh_flag is not None:
            refresh_flag()
        changes = self.state.changes if self.state else 0
        self._load(self.board_key, (self._loads, changes))

    def action_reload(self) -> None:
        self.reload()

    @work(thread=True, exclusive=True, group="backlog-load")
    def _load(self, key: str, ticket: tuple[int, int]) -> None:
        ctx = self.ctx
        try:
            board = boards.resolve_board(ctx, key)
            found = sprints.list_sprints(ctx, key)
            plan = PlanState(
                board,
                boards.columns(ctx, key),
                found,
                {
                    s.number: cards.list_cards(ctx, key, sprint=s.number)
                    for s in found
                    if s.state is not SprintState.COMPLETED
                },
                sprints.backlog(ctx, key),
                sprints.velocity(ctx, key),
                ctx.today(),
            )
        except KanbanError as error:
            self.post_message(PlanLoadFailed(key, error.message))
            return
        self.post_message(PlanLoaded(key, plan, ticket))

    def _board_changed(self, key: str) -> None:
        self.state = None
        field = self.query_one("#filter", Input)
        field.value = ""
        field.add_class("-hidden")
        self._status("loading…")
        self.reload()

    @on(PlanLoadFailed)
    def _load_failed(self, message: PlanLoadFailed) -> None:
        self._status("")
        self.notify(message.message, title="Cannot open the board", severity="error", markup=False)

    @on(PlanLoaded)
    def _loaded(self, message: PlanLoaded) -> None:
        if message.key != self.board_key:
            return  # a board the user has switched away from
        number, changes = message.ticket
        if number != self._loads:
            return  # an older load finished after a newer one began
        old = self.state
        if old is not None and old.board.key == message.key and old.changes != changes:
            self.reload(self._select_after_load)  # a change made meanwhile is not in it
            return
        plan = message.plan
        if old is not None and old.board.key == plan.board.key:
            plan.set_filter(old.filter.text, self.ctx.actor)
            plan.folded = set(old.folded)
        elif (
            plan.active is not None and plan.active.cards and message.key not in self._folded_boards
        ):
            # First look at a board: the active sprint lives on the Sprint
            # screen; here it starts folded so the plan is what shows.
            plan.folded.add(plan.active.number)
            self._folded_boards.add(message.key)
        self.state = plan
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

    def _status(self, text: str) -> None:
        state = self.state
        self.query_one(TopBar).update(
            key=state.board.key if state else self.board_key,
            name=state.board.name if state else "",
            status=text,
        )

    def _update_status(self) -> None:
        state = self.state
        if state is None:
            return
        backlog = state.backlog
        if state.filter.active:
            shown = sum(len(state.visible(s)) for s in state.sections)
            total = sum(len(s.cards) for s in state.sections)
            self._status(f"filter: {shown:,} of {total:,} cards")
        else:
            self._status(f"backlog {plural(len(backlog.cards), 'card')} · {backlog.points:,} pt")

    # -- keys that depend on the row ----------------------------------------------------
    def action_open(self) -> None:
        row = self.plan_list.current
        if row is None:
            return
        if row.kind == CARD:
            self.action_edit_card()
        elif self._focused_sprint() is not None:
            self.action_edit_sprint()
        else:
            self.action_fold()

    def action_delete(self) -> None:
        row = self.plan_list.current
        if row is not None and row.kind == CARD:
            self.action_delete_card()
        elif row is not None and row.kind == HEADER:
            self.action_delete_sprint()

    def action_fold(self) -> None:
        section = self._section()
        if section is None or self.state is None:
            return
        self.state.toggle_fold(section)
        self._show((SECTION, section.number))

    def action_section(self, step: int) -> None:
        plan_list = self.plan_list
        headers = plan_list.section_rows()
        if not headers:
            return
        here = plan_list.cursor
        if step < 0:
            above = [i for i in headers if i < here]
            target = above[-1] if above else headers[0]
        else:
            below = [i for i in headers if i > here]
            target = below[0] if below else headers[-1]
        plan_list.select_row(target)
        self.refresh_bindings()

    @on(PlanList.Opened)
    def _opened(self, _: PlanList.Opened) -> None:
        self.action_open()

    @on(PlanList.FoldClicked)
    def _fold_clicked(self, _: PlanList.FoldClicked) -> None:
        self.action_fold()

    # -- filter ------------------------------------------------------------------
    def action_filter(self) -> None:
        field = self.query_one("#filter", Input)
        field.remove_class("-hidden")
        field.focus()

    @on(Input.Changed, "#filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        if self.state is None:
            return
        self.state.set_filter(event.value, self.ctx.actor)
        self._show()

    @on(Input.Submitted, "#filter")
    def _filter_done(self, event: Input.Submitted) -> None:
        if not event.value.strip():
            event.control.add_class("-hidden")
        self.plan_list.focus()

    def action_clear_filter(self) -> None:
        field = self.query_one("#filter", Input)
        field.value = ""
        field.add_class("-hidden")
        if self.state is not None:
            self.state.set_filter("", self.ctx.actor)
            self._show()
        self.plan_list.focus()

    # -- bindings, help and palette ------------------------------------------------
    CARD_ACTIONS = frozenset(
        {"edit_card", "rank", "assign", "estimate", "estimate_step", "move_to", "plan"}
    )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "clear_filter":
            field = self.query_one("#filter", Input)
            return bool(field.value) or field.has_focus or not field.has_class("-hidden")
        state = self.state
        if state is None:
            return True if action in ("filter", "reload", "section") else None
        row = self.plan_list.current
        section = self._section()
        on_card = row is not None and row.kind == CARD
        if action in self.CARD_ACTIONS:
            return True if on_card else None
        if action == "unplan":
            return True if on_card and section is not None and not section.is_backlog else None
        if action == "open":
            return True if row is not None else None
        if action == "delete":
            on_planned = (
                row is not None and row.kind == HEADER and bool(section and section.is_planned)
            )
            return True if on_card or on_planned else None
        if action == "edit_sprint":
            return True if self._focused_sprint() is not None else None
        if action == "start_sprint":
            return True if state.planned else None
        if action == "complete_sprint":
            return True if state.active is not None else None
        return True

    def help_nodes(self) -> list[Any]:
        """Whose bindings ``?`` lists, in order: the list, this screen."""
        return [self.plan_list, self]

    def palette_commands(self) -> Iterable[SystemCommand]:
        yield SystemCommand(
            "New card", "Add a card to the selected section (n)", self.action_new_card
        )
        yield SystemCommand("New sprint", "Plan a new sprint (c)", self.action_new_sprint)
        yield SystemCommand(
            "Start sprint",
            "Start the selected or next planned sprint (s)",
            self.action_start_sprint,
        )
        yield SystemCommand(
            "Complete sprint", "Complete the active sprint (C)", self.action_complete_sprint
        )
        yield SystemCommand(
            "Filter cards", "Narrow the plan by text, @assignee or #label (/)", self.action_filter
        )
        yield SystemCommand("Reload backlog", "Read the plan again (ctrl+r)", self.reload)
