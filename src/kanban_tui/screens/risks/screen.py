"""The Risks screen: the register's table, the 5x5 heat map and a risk's details.

The register is read in one query on a worker thread and kept in a
:class:`RiskRegister` with the filters; the selected risk's linked cards and
score history are read by a second worker as the cursor moves. Every change
calls a service and reads the register again.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING, Any, ClassVar

from textual import on, work
from textual.app import ComposeResult, SystemCommand
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import DataTable, Input, Static

from ...domain.errors import KanbanError
from ...domain.risks import Risk
from ...formatting import plural
from ...services import boards, cards, risks
from ...services.context import Context
from ...widgets.footer import QuietFooter
from ...widgets.heat_map import TALL, HeatMap
from ...widgets.risk_detail import RiskDetail, RiskDetails
from ...widgets.risk_table import RiskTable
from ...widgets.top_bar import TopBar
from . import keys as risk_keys
from .actions import RiskActions
from .messages import DetailLoaded, RisksLoaded, RisksLoadFailed
from .state import RiskRegister

if TYPE_CHECKING:
    from ...app import KanbanApp


class RiskScreen(RiskActions):
    """Heat map and details on top, the register below; tab switches map and table."""

    AUTO_FOCUS = "RiskTable"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]
    VERTICAL_BREAKPOINTS = [
        (0, "-short"),
        (TALL[0], "-tall"),
        (TALL[1], "-huge"),
    ]
    BINDINGS: ClassVar[list[BindingType]] = risk_keys.BINDINGS
    HELP_NOTES = risk_keys.HELP_NOTES

    def __init__(self) -> None:
        super().__init__(id="risks")
        self.register = RiskRegister()
        self.today = date.min
        self.details: RiskDetails | None = None
        self._loads = 0
        self._loaded_once = False
        self._select_after_load: str | None = None

    @property
    def kanban(self) -> KanbanApp:
        return self.app  # type: ignore[return-value]

    @property
    def ctx(self) -> Context:
        return self.kanban.ctx

    @property
    def board_key(self) -> str:
        return self.kanban.board_key

    def compose(self) -> ComposeResult:
        yield TopBar("Risks", id="topbar")
        yield Input(
            placeholder="Filter: words in key, title, owner, category   (enter keeps, esc clears)",
            id="filter",
            classes="-hidden",
            compact=True,
        )
        with Horizontal(id="risk-top"):
            yield HeatMap(id="heat-map")
            yield RiskDetail(id="risk-detail", can_focus=False)
        with Vertical(id="risk-register"):
            yield RiskTable(id="risk-table")
            yield Static("", id="risk-empty")
        yield QuietFooter()

    def on_mount(self) -> None:
        self.query_one("#filter", Input).cursor_blink = self.kanban.cursor_blink
        self.watch(self.app, "board_key", self._board_changed, init=False)
        self._status("loading…")
        self._captions()
        self.reload()

    def on_screen_resume(self) -> None:
        # Cards move on other screens (a mitigation card done on the board).
        if self._loaded_once:
            self.reload()

    # -- parts ---------------------------------------------------------------------
    @property
    def heat_map(self) -> HeatMap:
        return self.query_one(HeatMap)

    @property
    def table(self) -> RiskTable:
        return self.query_one(RiskTable)

    def _current(self) -> Risk | None:
        return self.table.current

    # -- loading -----------------------------------------------------------------
    def reload(self, select: str | None = None) -> None:
        """Read the register from the database again, in a worker.

        Focus, the filters, the selected risk and the scroll position are
        kept; ``select`` picks a risk to select instead (e.g. after a change).
        """
        # A plain reload (coming back to the screen) keeps a pending selection.
        if select is not None:
            self._select_after_load = select
        self._loads += 1
        self._load(self.board_key, self._loads)

    def action_reload(self) -> None:
        self.reload()

    @work(thread=True, exclusive=True, group="risk-load")
    def _load(self, key: str, ticket: int) -> None:
        try:
            board = boards.resolve_board(self.ctx, key)
            found = risks.list_risks(self.ctx, key)
            today = self.ctx.today()
        except KanbanError as error:
            self.post_message(RisksLoadFailed(key, error.message))
            return
        self.post_message(RisksLoaded(key, board.name, found, today, ticket))

    def _board_changed(self, _key: str) -> None:
        self.register = RiskRegister(residual=self.register.residual)
        field = self.query_one("#filter", Input)
        field.value = ""
        field.add_class("-hidden")
        self.details = None
        self._status("loading…")
        self.reload()

    @on(RisksLoadFailed)
    def _load_failed(self, message: RisksLoadFailed) -> None:
        self._status("")
        self.notify(
            message.message, title="Cannot open the register", severity="error", markup=False
        )

    @on(RisksLoaded)
    def _loaded(self, message: RisksLoaded) -> None:
        if message.key != self.board_key or message.ticket != self._loads:
            return  # another board, or an older load finishing after a newer one
        select = self._select_after_load
        self._select_after_load = None
        self.register.risks = message.risks
        self.today = message.today
        self._loaded_once = True
        self.query_one(TopBar).update(name=message.name)
        self._refresh(select=select)

    # -- showing -----------------------------------------------------------------
    def _refresh(self, select: str | None = None) -> None:
        """Show the register through its filters: map, table, captions, details."""
        register = self.register
        self.heat_map.show(register.grid(), chosen=register.cell, residual=register.residual)
        rows = register.rows()
        self.table.show(rows, self.today, select=select)
        empty = self.query_one("#risk-empty", Static)
        if not register.risks:
            hint = f"No risks on {self.board_key} yet: press n to add the first one."
        elif not rows:
            hint = "No risk matches the filters: esc clears them."
        else:
            hint = ""
        empty.update(Content.styled(hint, "italic $foreground-muted"))
        self.query_one("#risk-register").set_class(not rows, "-empty")
        self._captions()
        self._update_status()
        self._show_detail()
        self.refresh_bindings()

    def _captions(self) -> None:
        register = self.register
        mode = "residual" if register.residual else "inherent"
        self.heat_map.border_title = Content.assemble("Heat map · ", (mode, "bold"))
        other = "inherent" if register.residual else "residual"
        self.heat_map.border_subtitle = Content(f"r {other}")
        total, shown = len(register.risks), len(self.table.risks)
        count = plural(total, "risk")
        if register.narrowed:
            count = f"{shown} of {total}"
        self.table.border_title = Content.assemble("Register · ", (count, "bold"))
        parts = register.describe()
        self.table.border_subtitle = (
            Content(" · ".join(parts)).stylize("$text-warning") if parts else None
        )

    def _status(self, text: str) -> None:
        self.query_one(TopBar).update(key=self.board_key, status=text)

    def _update_status(self) -> None:
        found = self.register.risks
        overdue = sum(risk.overdue(self.today) for risk in found)
        active = sum(risk.status.value in ("open", "mitigating") for risk in found)
        text = f"{active} open of {len(found)} risks"
        if overdue:
            text += f" · {overdue} overdue"
        self._status(text)

    def _show_detail(self) -> None:
        pane = self.query_one(RiskDetail)
        risk = self._current()
        if risk is None:
            self.details = None
            pane.border_title = Content("Details")
            pane.show(None, self.today, empty="No risk selected.")
            return
        pane.border_title = Content.assemble("Details · ", (risk.key, "bold"))
        known = self.details
        if known is None or known.risk.key != risk.key or known.risk != risk:
            keep = known.cards if known and known.risk.key == risk.key else ()
            history = known.history if known and known.risk.key == risk.key else ()
            self.details = RiskDetails(risk, keep, history)
        pane.show(self.details, self.today)
        self._load_detail(risk)

    @work(thread=True, exclusive=True, group="risk-detail")
    def _load_detail(self, risk: Risk) -> None:
        try:
            done = dict(risks.mitigation_status(self.ctx, risk.key).cards)
            linked = tuple((cards.get_card(self.ctx, key), done.get(key, False)) for key in done)
            history = tuple(risks.score_history(self.ctx, risk.key))
        except KanbanError:
            return  # gone meanwhile: the next load shows that
        self.post_message(DetailLoaded(RiskDetails(risk, linked, history)))

    @on(DetailLoaded)
    def _detail_loaded(self, message: DetailLoaded) -> None:
        current = self._current()
        if current is None or current != message.details.risk:
            return
        self.details = message.details
        self.query_one(RiskDetail).show(self.details, self.today)

    @on(DataTable.RowHighlighted, "#risk-table")
    def _highlighted(self) -> None:
        current = self._current()
        if self.details is None or current is None or self.details.risk.key != current.key:
            self._show_detail()
        self.refresh_bindings()

    @on(DataTable.RowSelected, "#risk-table")
    def _selected(self) -> None:
        self.action_edit_risk()

    # -- the map and the filters ------------------------------------------------------
    @on(HeatMap.Chosen)
    def _chosen(self, message: HeatMap.Chosen) -> None:
        self.register.choose(message.cell)
        self._refresh()

    def action_toggle_residual(self) -> None:
        self.register.residual = not self.register.residual
        self._refresh()

    def action_cycle_status(self) -> None:
        self.register.next_status()
        self._refresh()

    def action_cycle_owner(self) -> None:
        self.register.next_owner()
        self._refresh()

    def action_filter(self) -> None:
        field = self.query_one("#filter", Input)
        field.remove_class("-hidden")
        field.focus()

    @on(Input.Changed, "#filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        self.register.text = event.value
        if self._loaded_once:
            self._refresh()

    @on(Input.Submitted, "#filter")
    def _filter_done(self, event: Input.Submitted) -> None:
        if not event.value.strip():
            event.control.add_class("-hidden")
        self.table.focus()

    def action_clear_filters(self) -> None:
        field = self.query_one("#filter", Input)
        refocus = field.has_focus
        field.value = ""
        field.add_class("-hidden")
        self.register.clear()
        self._refresh()
        if refocus:
            self.table.focus()

    def action_switch_pane(self) -> None:
        if isinstance(self.focused, HeatMap):
            self.table.focus()
        else:
            self.heat_map.focus()

    # -- bindings and palette ----------------------------------------------------
    RISK_ACTIONS = frozenset({"edit_risk", "set_status", "mitigation_card", "link_card", "details"})

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "clear_filters":
            field = self.query_one("#filter", Input)
            return self.register.narrowed or field.has_focus or not field.has_class("-hidden")
        if action in self.RISK_ACTIONS:
            return None if self._current() is None else True
        if action == "unlink_card":
            current = self._current()
            return None if current is None or not current.cards else True
        if action == "new_risk":
            return None if not self._loaded_once else True
        return True

    def help_nodes(self) -> list[Any]:
        """Whose bindings ``?`` lists: this screen, the heat map, the table."""
        return [self, self.heat_map, self.table]

    def palette_commands(self) -> Iterable[SystemCommand]:
        yield SystemCommand("New risk", "Add a risk to the register (n)", self.action_new_risk)
        yield SystemCommand("Edit risk", "Edit the selected risk (e)", self.action_edit_risk)
        yield SystemCommand(
            "Change risk status", "Open, mitigating, closed, occurred (s)", self.action_set_status
        )
        yield SystemCommand(
            "Create mitigation card",
            "A backlog card linked to the selected risk (m)",
            self.action_mitigation_card,
        )
        yield SystemCommand(
            "Link a card to the risk", "Link an existing card by key (l)", self.action_link_card
        )
        yield SystemCommand(
            "Risk details", "Every field of the selected risk (v)", self.action_details
        )
        yield SystemCommand(
            "Toggle residual heat map",
            "Inherent or residual scores on the map (r)",
            self.action_toggle_residual,
        )
        yield SystemCommand(
            "Clear risk filters", "Show every risk again (esc)", self.action_clear_filters
        )
        yield SystemCommand(
            "Reload risks", "Read the register from the database again (ctrl+r)", self.reload
        )
