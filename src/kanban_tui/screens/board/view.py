"""The board as columns of cards: loading it, showing it, moving focus, filtering.

The screen reads the board in one query on a worker thread, keeps it in a
:class:`BoardState`, and after each change puts the card the service returns
back into that state and repaints only the columns it touched. The keys that
change cards are in :mod:`.actions`; the Board and Sprint screens build on this.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.dom import DOMNode

from ...domain.model import Card, Category
from ...formatting import plural
from ...services import ageing, boards, cards, risks
from ...widgets.card_list import CardList
from ...widgets.column import BoardColumns, ColumnView
from ...widgets.filter_bar import FilterBar
from ...widgets.footer import QuietFooter
from ...widgets.top_bar import TopBar
from ..base import KanbanScreen
from ..keys import CARD_FILTER_HINT
from .state import BoardRead, BoardState

COMPACT_BELOW = 30
"""Terminal rows under which cards are compact, unless ``z`` chose (the config's
``card_layout``): at 80x24 full cards show four a column, compact ones ten."""


class BoardView(KanbanScreen[BoardRead]):
    """Columns side by side; the focused card list is where card keys act.

    Subclasses show another set of cards with the same keys (the Sprint
    screen): they name their ``VIEW`` and override :meth:`read_cards`,
    :meth:`compose_header` and :meth:`show_extra`.
    """

    AUTO_FOCUS = "BoardColumns"
    VIEW: ClassVar[str] = "Board"

    def __init__(self, id: str = "board") -> None:
        super().__init__(id=id)
        self.state: BoardState | None = None
        self._select_after_load: str | None = None
        self._linked: frozenset[str] = frozenset()
        self._age_limit: int | None = None
        self._bindings_card: bool | None = None
        """Whether a card was under the cursor when the footer last asked."""

    def compose(self) -> ComposeResult:
        yield TopBar(self.VIEW, id="topbar")
        yield FilterBar(CARD_FILTER_HINT)
        yield from self.compose_header()
        yield BoardColumns(id="columns")
        yield QuietFooter()

    def compose_header(self) -> ComposeResult:
        """Widgets between the filter and the columns (none on the Board)."""
        yield from ()

    # -- loading -----------------------------------------------------------------
    def reload(self, select: str | None = None) -> None:
        """Read the whole board from the database again, in a worker.

        Focus, the selected card and every column's scroll position are kept;
        ``select`` picks a card to select instead (e.g. after a change).
        """
        if select is not None:
            # A reload without one (live updates) must not drop a pending choice.
            self._select_after_load = select
        self.kanban.refresh_sprint_flag()
        super().reload()

    def read(self, key: str) -> BoardRead:
        found, extra = self.read_cards(key)
        return BoardRead(
            boards.resolve_board(self.ctx, key),
            boards.columns(self.ctx, key),
            found,
            risks.linked_card_keys(self.ctx, key),
            extra,
            age_limit=self.read_age_limit(key),
        )

    def read_age_limit(self, key: str) -> int | None:
        """The board's 85th-percentile cycle time (an older card in progress is
        marked); runs in the loading worker."""
        return ageing.age_lines(self.ctx, key).p85

    def read_cards(self, key: str) -> tuple[list[Card], Any]:
        """The cards this screen shows, and whatever else it shows (see
        :meth:`show_extra`); runs in the loading worker."""
        return cards.list_cards(self.ctx, key), None

    def bring_into_view(self, card: Card) -> None:
        """``card`` was put where this screen holds no cards (a paged board reads them)."""

    def patchable(self) -> bool:
        """Whether this screen shows the plain board, so a card can be patched in place.

        A subclass that reads other cards (the Sprint screen) reloads instead.
        """
        return type(self).read_cards is BoardView.read_cards

    def local_changes(self) -> int:
        return self.state.changes if self.state else 0

    def new_state(self, read: BoardRead) -> BoardState:
        return BoardState(read.board, read.columns, read.cards)

    def show_extra(self, extra: Any) -> None:
        """Show what :meth:`read_cards` read besides the cards."""

    def board_changed(self) -> None:
        self.state = None

    async def show(self, data: BoardRead) -> None:
        old = self.state
        focused_list = self._focused_list()
        focused_card = focused_list.current if focused_list else None
        select = self._select_after_load or (focused_card.key if focused_card else None)
        self._select_after_load = None
        state = self.new_state(data)
        if old is not None and old.board.key == state.board.key:
            state.set_filter(old.filter.text, self.ctx.actor, self.ctx.today())
        self.state = state
        self._linked = data.linked
        self._age_limit = data.age_limit
        self.query_one(TopBar).update(name=state.board.name)

        container = self.query_one(BoardColumns)
        views = list(self.query(ColumnView))
        if [view.column.id for view in views] != [column.id for column in state.columns]:
            await container.remove_children()
            views = [ColumnView(column, me=self.ctx.actor) for column in state.columns]
            await container.mount_all(views)
            container.fit_columns()
        compact = self.compact_now()
        for view in views:
            view.cards.set_compact(compact)
            self._show_column(view, select=select)

        target = (self._view_of(select) if select else None) or container.active
        if target is not None:
            self._activate(target)
        self.show_extra(data.extra)
        self._update_status()
        self.refresh_bindings()

    # -- compact or full cards ------------------------------------------------------
    def compact_now(self) -> bool:
        """Whether cards are compact: the saved choice, else by the terminal's height."""
        layout = self.kanban.card_layout
        if layout in ("compact", "full"):
            return layout == "compact"
        return self.app.size.height < COMPACT_BELOW

    def show_layout(self) -> None:
        """Draw every column's cards compact or full, as :meth:`compact_now` says."""
        compact = self.compact_now()
        for view in self._views():
            view.cards.set_compact(compact)

    def on_resize(self) -> None:
        self.show_layout()

    def on_screen_resume(self) -> None:
        self.show_layout()  # ``z`` may have been pressed on the other card screen

    def action_toggle_compact(self) -> None:
        """``z``: compact cards if they are full, full if compact; saved in the config."""
        self.kanban.set_card_layout("full" if self.compact_now() else "compact")
        self.show_layout()

    # -- showing -----------------------------------------------------------------
    def _show_column(self, view: ColumnView, *, select: str | None = None) -> None:
        assert self.state is not None
        view.cards.linked = self._linked
        view.cards.today = self.ctx.today()
        column_id = view.column.id
        start, cards, total = self.state.window(column_id)
        view.cards.ages = self.state.column(column_id).category is Category.IN_PROGRESS
        view.cards.age_limit = self._age_limit
        view.show(
            self.state.column(column_id),
            cards,
            filtered=self.state.filter.active,
            select=select,
            points=self.state.points(column_id),
            start=start,
            total=total,
        )

    def _refresh_columns(self, column_ids: Iterable[int | None], select: str | None = None) -> None:
        for view in self._views():
            if view.column.id in column_ids:
                self._show_column(view, select=select)
        self._update_status()

    def _update_status(self) -> None:
        state = self.state
        if state is None:
            return
        if state.filter.active:
            text = f"filter: {state.shown:,} of {state.total:,} cards"
        else:
            text = f"{plural(state.total, 'card')} · @{self.ctx.actor}"
        self.set_status(text)

    # -- the active column -----------------------------------------------------------
    # The board's focus stays on BoardColumns; the card keys act on its active
    # column (see BoardColumns: a focus change would repaint the whole screen).
    @property
    def columns(self) -> BoardColumns:
        return self.query_one(BoardColumns)

    def _views(self) -> list[ColumnView]:
        return self.columns.views

    def _view_of(self, key: str) -> ColumnView | None:
        """The column view whose visible cards include card ``key``."""
        for view in self._views():
            if view.cards.index_of(key) is not None:
                return view
        return None

    def _activate(self, view: ColumnView) -> None:
        """Make ``view`` the active column and give the board the focus."""
        columns = self.columns
        columns.activate(view)
        if self.focused is None or not self.focused.is_attached:
            columns.focus(scroll_visible=False)

    def _focused_list(self) -> CardList | None:
        view = self._focused_view()
        return view.cards if view is not None else None

    def _focused_view(self) -> ColumnView | None:
        return self.columns.active if self.is_mounted else None

    def _current(self) -> Card | None:
        card_list = self._focused_list()
        return card_list.current if card_list else None

    def refresh_bindings(self) -> None:
        self._bindings_card = self._current() is not None
        super().refresh_bindings()

    def on_board_columns_activated(self, _: BoardColumns.Activated) -> None:
        # What applies depends on a card being under the cursor, not on which
        # column is active: a move (the cursor follows the card into the next
        # column) asks the footer again only when that changes.
        if (self._current() is not None) != self._bindings_card:
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
        if target != index and destination.total:
            # Land on the card at the same height on screen, as the eye expects.
            row = source.cursor - source.first_visible
            destination.move_cursor(destination.first_visible + max(row, 0))
        self._activate(views[target])

    def focus_list(self) -> None:
        self.columns.focus()

    def help_nodes(self) -> list[DOMNode]:
        """Whose bindings ``?`` lists, in order: the board's cursor keys, this screen."""
        return [self.columns, self]

    # -- filter ------------------------------------------------------------------
    def filter_changed(self, text: str) -> None:
        if self.state is None:
            return
        self.state.set_filter(text, self.ctx.actor, self.ctx.today())
        self._refresh_columns([column.id for column in self.state.columns])
        # The card keys act on the active column: if the filter emptied it,
        # the first column that shows a card becomes the active one.
        active = self.columns.active
        if active is not None and not active.cards.total:
            found = next((view for view in self._views() if view.cards.total), None)
            if found is not None:
                self.columns.activate(found)
