"""The Board screen: every card of the board by column, WIP counts in the headers.

The screen loads the board in one query on a worker thread, keeps it in a
:class:`BoardState`, and after each change puts the card the service returns
back into that state and repaints only the columns it touched.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, ClassVar

from textual import on, work
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding, BindingType
from textual.widget import Widget
from textual.widgets import Input

from ...domain.errors import KanbanError
from ...domain.model import Card
from ...services import boards, cards, risks
from ...services.context import Context
from ...widgets.card_list import CardList
from ...widgets.column import BoardColumns, ColumnView
from ...widgets.footer import QuietFooter
from .actions import CardActions
from .live import LivePatch
from .messages import BoardLoaded, BoardLoadFailed
from .state import BoardState

if TYPE_CHECKING:
    from ...app import KanbanApp

MOVE = Binding.Group("Move")
RANK = Binding.Group("Rank")


class BoardScreen(LivePatch, CardActions):
    """Columns side by side; the focused card list is where card keys act.

    Subclasses show another set of cards with the same keys (the Sprint
    screen): they name their ``VIEW`` and override :meth:`read_cards`,
    :meth:`compose_header` and :meth:`show_extra`.
    """

    AUTO_FOCUS = "CardList"
    VIEW: ClassVar[str] = "Board"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "new_card", "New", id="card.new", tooltip="New card in the focused column"),
        Binding(
            "enter,e",
            "edit_card",
            "Edit",
            key_display="e",
            id="card.edit",
            tooltip="Open / edit the selected card (or double-click it)",
        ),
        Binding(
            "H,shift+left",
            "move_card(-1)",
            "Move to previous column",
            key_display="H",
            group=MOVE,
            id="card.move_left",
        ),
        Binding(
            "L,shift+right",
            "move_card(1)",
            "Move to next column",
            key_display="L",
            group=MOVE,
            id="card.move_right",
        ),
        Binding("K,shift+up", "rank('up')", "Rank up", show=False, id="card.rank_up"),
        Binding("J,shift+down", "rank('down')", "Rank down", show=False, id="card.rank_down"),
        Binding("T", "rank('top')", "Rank to top", show=False, id="card.rank_top"),
        Binding("B", "rank('bottom')", "Rank to bottom", show=False, id="card.rank_bottom"),
        Binding(
            "a",
            "assign",
            "Assign me",
            show=False,
            id="card.assign",
            tooltip="Assign the card to me, or unassign it if it is mine",
        ),
        Binding(
            "i",
            "card_history",
            "History",
            show=False,
            id="card.history",
            tooltip="Everything that happened to the card: who, when, what",
        ),
        Binding(
            "d", "delete_card", "Delete", id="card.delete", tooltip="Delete the card (asks first)"
        ),
        Binding(
            "w", "set_wip", "WIP", id="column.wip", tooltip="Set the focused column's WIP limit"
        ),
        Binding(
            "slash",
            "filter",
            "Filter",
            key_display="/",
            id="board.filter",
            tooltip="Filter cards as you type: words, @assignee, #label, !blocked",
        ),
        Binding("escape", "clear_filter", "Clear filter", id="board.clear_filter"),
        Binding("left,h", "focus_column(-1)", "Previous column", show=False, id="nav.left"),
        Binding("right,l", "focus_column(1)", "Next column", show=False, id="nav.right"),
        Binding(
            "ctrl+r",
            "reload",
            "Reload",
            show=False,
            id="board.reload",
            tooltip="Read the board from the database again",
        ),
    ]
    HELP_NOTES: ClassVar[tuple[str, ...]] = (
        "Filter: words match key or title; @name the assignee (@me, @none); "
        "#label a label; !blocked blocked cards.",
        "Cards: ⇈ urgent  ↑ high  = medium  ↓ low priority; the number is points; "
        "⊘ blocked (red edge); ⚠ linked to a risk; your cards' @name is highlighted.",
        "Mouse: click a card to select it, double-click to open it.",
    )

    def __init__(self, id: str = "board") -> None:
        super().__init__(id=id)
        self.state: BoardState | None = None
        self._loaded_once = False
        self._last_list: CardList | None = None
        self._select_after_load: str | None = None
        self._loads = 0
        self._linked: frozenset[str] = frozenset()

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
        from ...widgets.top_bar import TopBar

        yield TopBar(self.VIEW, id="topbar")
        yield Input(
            placeholder="Filter: words, @assignee, #label, !blocked   (enter keeps, esc clears)",
            id="filter",
            classes="-hidden",
            compact=True,
        )
        yield from self.compose_header()
        yield BoardColumns(id="columns")
        yield QuietFooter()

    def on_mount(self) -> None:
        self.query_one("#filter", Input).cursor_blink = self.kanban.cursor_blink
        self.watch(self.app, "board_key", self._board_changed, init=False)
        self._status("loading…")
        self.reload()

    # -- loading -----------------------------------------------------------------
    def reload(self, select: str | None = None) -> None:
        """Read the whole board from the database again, in a worker.

        Focus, the selected card and every column's scroll position are kept;
        ``select`` picks a card to select instead (e.g. after a change).
        """
        self._select_after_load = select
        self._loads += 1
        refresh_flag = getattr(self.app, "refresh_sprint_flag", None)
        if refresh_flag is not None:
            refresh_flag()
        changes = self.state.changes if self.state else 0
        self._load(self.board_key, (self._loads, changes))

    def action_reload(self) -> None:
        self.reload()

    @work(thread=True, exclusive=True, group="board-load")
    def _load(self, key: str, ticket: tuple[int, int]) -> None:
        try:
            board = boards.resolve_board(self.ctx, key)
            columns = boards.columns(self.ctx, key)
            linked = risks.linked_card_keys(self.ctx, key)
            found, extra = self.read_cards(key)
        except KanbanError as error:
            self.post_message(BoardLoadFailed(key, error.message))
            return
        loaded = BoardLoaded(key, board, columns, found, ticket, extra)
        loaded.linked = linked
        self.post_message(loaded)

    def patchable(self) -> bool:
        # A subclass that reads other cards (the Sprint screen) reloads instead.
        return type(self).read_cards is BoardScreen.read_cards

    def read_cards(self, key: str) -> tuple[list[Card], Any]:
        """The cards this screen shows, and whatever else it shows (see
        :meth:`show_extra`); runs in the loading worker."""
        return cards.list_cards(self.ctx, key), None

    def compose_header(self) -> ComposeResult:
        """Widgets between the filter and the columns (none on the Board)."""
        yield from ()

    def new_state(self, message: BoardLoaded) -> BoardState:
        return BoardState(message.board, message.columns, message.cards)

    def show_extra(self, extra: Any) -> None:
        """Show what :meth:`read_cards` read besides the cards."""

    def _board_changed(self, key: str) -> None:
        self.state = None
        field = self.query_one("#filter", Input)
        field.value = ""
        field.add_class("-hidden")
        self._status("loading…")
        self.reload()

    @on(BoardLoadFailed)
    def _load_failed(self, message: BoardLoadFailed) -> None:
        self._status("")
        self.notify(message.message, title="Cannot open the board", severity="error", markup=False)

    @on(BoardLoaded)
    async def _loaded(self, message: BoardLoaded) -> None:
        if message.key != self.board_key:
            return  # a board the user has switched away from
        number, changes = message.ticket
        if number != self._loads:
            return  # an older load finished after a newer one began
        old = self.state
        if old is not None and old.board.key == message.key and old.changes != changes:
            # A change made here while the load ran is not in what it read.
            self.reload(self._select_after_load)
            return
        focused_list = self._focused_list()
        focused_card = focused_list.current if focused_list else None
        select = self._select_after_load or (focused_card.key if focused_card else None)
        self._select_after_load = None
        state = self.new_state(message)
        if old is not None and old.board.key == state.board.key:
            state.set_filter(old.filter.text, self.ctx.actor)
        self.state = state
        self._linked = message.linked

        container = self.query_one(BoardColumns)
        views = list(self.query(ColumnView))
        if [view.column.id for view in views] != [column.id for column in state.columns]:
            await container.remove_children()
            views = [ColumnView(column, me=self.ctx.actor) for column in state.columns]
            await container.mount_all(views)
            container.fit_columns()
        for view in views:
            self._show_column(view, select=select)

        target = self._view_of(select) if select else None
        if target is not None:
            target.cards.focus(scroll_visible=True)
        elif (
            (focused_list is None or not focused_list.is_attached)
            and views
            and (self.focused is None or not self.focused.is_attached)
        ):
            views[0].cards.focus()
        self._loaded_once = True
        self.show_extra(message.extra)
        self._update_status()
        self.refresh_bindings()

    # -- showing -----------------------------------------------------------------
    def _show_column(self, view: ColumnView, *, select: str | None = None) -> None:
        assert self.state is not None
        view.cards.linked = self._linked
        column_id = view.column.id
        view.show(
            self.state.column(column_id),
            self.state.visible(column_id),
            filtered=self.state.filter.active,
            select=select,
        )

    def _refresh_columns(self, column_ids: Iterable[int | None], select: str | None = None) -> None:
        for view in self.query(ColumnView):
            if view.column.id in column_ids:
                self._show_column(view, select=select)
        self._update_status()

    def _status(self, text: str) -> None:
        from ...widgets.top_bar import TopBar

        bar = self.query_one(TopBar)
        state = self.state
        bar.update(
            key=state.board.key if state else self.board_key,
            name=state.board.name if state else "",
            status=text,
        )

    def _update_status(self) -> None:
        state = self.state
        if state is None:
            return
        if state.filter.active:
            text = f"filter: {state.shown:,} of {state.total:,} cards"
        else:
            text = f"{state.total:,} cards · @{self.ctx.actor}"
        self._status(text)

    # -- focus -------------------------------------------------------------------
    def _views(self) -> list[ColumnView]:
        return list(self.query(ColumnView))

    def _view_of(self, key: str) -> ColumnView | None:
        """The column view whose visible cards include card ``key``."""
        for view in self._views():
            if any(card.key == key for card in view.cards.cards):
                return view
        return None

    def _focused_list(self) -> CardList | None:
        focused = self.focused
        if isinstance(focused, CardList):
            return focused
        if self._last_list is not None and self._last_list.is_attached:
            return self._last_list
        return None

    def _focused_view(self) -> ColumnView | None:
        card_list = self._focused_list()
        parent = card_list.parent if card_list else None
        return parent if isinstance(parent, ColumnView) else None

    def on_descendant_focus(self, event: Any) -> None:
        widget: Widget = event.widget
        if isinstance(widget, CardList):
            self._last_list = widget
        self.refresh_bindings()

    def action_focus_column(self, step: int) -> None:
        views = self._views()
        if not views:
            return
        current = self._focused_view()
        index = views.index(current) if current in views else 0
        target = max(0, min(index + step, len(views) - 1))
        source = views[index].cards
        destination = views[target].cards
        if target != index and destination.cards:
            # Land on the card at the same height on screen, as the eye expects.
            row = source.cursor - source.first_visible
            destination.move_cursor(destination.first_visible + max(row, 0))
        destination.focus()

    @on(CardList.Opened)
    def _opened(self, _: CardList.Opened) -> None:
        self.action_edit_card()

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
        self._refresh_columns([column.id for column in self.state.columns])

    @on(Input.Submitted, "#filter")
    def _filter_done(self, event: Input.Submitted) -> None:
        if not event.value.strip():
            event.control.add_class("-hidden")
        self._back_to_cards()

    def action_clear_filter(self) -> None:
        field = self.query_one("#filter", Input)
        field.value = ""
        field.add_class("-hidden")
        if self.state is not None:
            self.state.set_filter("", self.ctx.actor)
            self._refresh_columns([column.id for column in self.state.columns])
        self._back_to_cards()

    def _back_to_cards(self) -> None:
        card_list = self._focused_list()
        if card_list is None:
            views = self._views()
            card_list = views[0].cards if views else None
        if card_list is not None:
            card_list.focus()

    # -- bindings and palette ----------------------------------------------------
    CARD_ACTIONS = frozenset(
        {"edit_card", "move_card", "rank", "assign", "delete_card", "card_history"}
    )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "clear_filter":
            field = self.query_one("#filter", Input)
            return bool(field.value) or field.has_focus or not field.has_class("-hidden")
        if action in self.CARD_ACTIONS:
            card_list = self._focused_list()
            return None if card_list is None or card_list.current is None else True
        if action in ("new_card", "set_wip"):
            return None if self.state is None else True
        return True

    def help_nodes(self) -> list[Any]:
        """Whose bindings ``?`` lists, in order: the card list, this screen."""
        views = self._views()
        return ([views[0].cards] if views else []) + [self]

    def palette_commands(self) -> Iterable[SystemCommand]:
        yield SystemCommand(
            "New card", "Add a card to the focused column (n)", self.action_new_card
        )
        yield SystemCommand(
            "Filter cards", "Narrow the board by text, @assignee or #label (/)", self.action_filter
        )
        yield SystemCommand("Clear filter", "Show every card again (esc)", self.action_clear_filter)
        yield SystemCommand(
            "Set WIP limit", "Set or clear the focused column's WIP limit (w)", self.action_set_wip
        )
        yield SystemCommand(
            "Set per-person WIP limit",
            "At most N cards in progress per assignee on this board",
            self.action_set_person_wip,
        )
        yield SystemCommand(
            "Reload board", "Read the board from the database again (ctrl+r)", self.reload
        )
