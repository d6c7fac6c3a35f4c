"""The register as the Risks screen shows it: heat map, table, captions, details.

The register is read in one query on a worker thread and kept in a
:class:`RiskRegister` with the filters; the selected risk's linked cards and
score history are read by a second worker as the cursor moves.
"""

from __future__ import annotations

from datetime import date

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.dom import DOMNode
from textual.message import Message
from textual.widgets import DataTable, Static

from ...domain.errors import KanbanError
from ...domain.risks import Risk
from ...formatting import plural
from ...services import boards, cards, risks
from ...widgets.filter_bar import FilterBar
from ...widgets.footer import QuietFooter
from ...widgets.heat_map import HeatMap
from ...widgets.risk_detail import RiskDetail, RiskDetails
from ...widgets.risk_table import RiskTable
from ...widgets.top_bar import TopBar
from ..base import KanbanScreen
from .state import RegisterRead, RiskRegister


class DetailLoaded(Message):
    """The worker read one risk's linked cards and score history."""

    def __init__(self, details: RiskDetails) -> None:
        super().__init__()
        self.details = details


class RiskView(KanbanScreen[RegisterRead]):
    """Heat map and details on top, the register below."""

    AUTO_FOCUS = "RiskTable"
    VIEW = "Risks"
    LOAD_FAILED = "Cannot open the register"
    # Cards move on other screens (a mitigation card done on the board).
    RELOAD_ON_RESUME = True

    def __init__(self) -> None:
        super().__init__(id="risks")
        self.register = RiskRegister()
        self.today = date.min
        self.details: RiskDetails | None = None
        self._select_after_load: str | None = None

    def compose(self) -> ComposeResult:
        yield TopBar(self.VIEW, id="topbar")
        yield FilterBar("Filter: words in key, title, owner, category   (enter keeps, esc clears)")
        with Horizontal(id="risk-top"):
            yield HeatMap(id="heat-map")
            yield RiskDetail(id="risk-detail", can_focus=False)
        with Vertical(id="risk-register"):
            yield RiskTable(id="risk-table")
            yield Static("", id="risk-empty")
        yield QuietFooter()

    def on_mount(self) -> None:
        self._captions()

    # -- parts ---------------------------------------------------------------------
    @property
    def heat_map(self) -> HeatMap:
        return self.query_one(HeatMap)

    @property
    def table(self) -> RiskTable:
        return self.query_one(RiskTable)

    def _current(self) -> Risk | None:
        return self.table.current

    def help_nodes(self) -> list[DOMNode]:
        """Whose bindings ``?`` lists: this screen, the heat map, the table."""
        return [self, self.heat_map, self.table]

    def focus_list(self) -> None:
        self.table.focus()

    # -- loading -----------------------------------------------------------------
    def reload(self, select: str | None = None) -> None:
        """Read the register from the database again, in a worker.

        Focus, the filters, the selected risk and the scroll position are
        kept; ``select`` picks a risk to select instead (e.g. after a change).
        """
        # A plain reload (coming back to the screen) keeps a pending selection.
        if select is not None:
            self._select_after_load = select
        super().reload()

    def read(self, key: str) -> RegisterRead:
        board = boards.resolve_board(self.ctx, key)
        return RegisterRead(board.name, risks.list_risks(self.ctx, key), self.ctx.today())

    def board_changed(self) -> None:
        self.register = RiskRegister(residual=self.register.residual)
        self.details = None

    async def show(self, data: RegisterRead) -> None:
        select = self._select_after_load
        self._select_after_load = None
        self.register.risks = data.risks
        self.today = data.today
        self.query_one(TopBar).update(name=data.name)
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

    def _update_status(self) -> None:
        found = self.register.risks
        overdue = sum(risk.overdue(self.today) for risk in found)
        active = sum(risk.status.value in ("open", "mitigating") for risk in found)
        text = f"{active} open of {len(found)} risks"
        if overdue:
            text += f" · {overdue} overdue"
        self.set_status(text)

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

    # -- filters -----------------------------------------------------------------------
    def filter_changed(self, text: str) -> None:
        self.register.text = text
        if self.loaded_once:
            self._refresh()
