"""The Activity screen: who did what on the board, newest first.

The newest events (``PAGE`` at a time, ``m`` for older ones) are read in a
worker; ``/`` filters them as you type. A filter naming one key (``WEB-12``)
reads every event about that key instead of a window. ``enter`` opens the
history of what the event is about. Other people's changes arrive through
``reload()`` (see ``live.py``) and the cursor stays on its event.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import TYPE_CHECKING, Any, ClassVar

from textual import on, work
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Input

from ...dialogs.card_history import HistoryDialog, history_key
from ...domain.errors import KanbanError
from ...domain.model import Board, Event
from ...services import activity, boards
from ...widgets.activity_table import ActivityTable
from ...widgets.footer import QuietFooter
from ...widgets.top_bar import TopBar
from .filter import EventFilter

if TYPE_CHECKING:
    from ...app import KanbanApp
    from ...services.context import Context

PAGE = 500


class ActivityLoaded(Message):
    def __init__(
        self,
        board: Board,
        key: str | None,
        events: list[Event],
        lines: dict[int, str],
        more: bool,
        ticket: int,
    ) -> None:
        super().__init__()
        self.board = board
        self.key = key
        """The key the events were read for (a filter naming one key), or None: all."""
        self.events = events
        self.lines = lines
        self.more = more
        self.ticket = ticket


class ActivityLoadFailed(Message):
    def __init__(self, message: str, ticket: int) -> None:
        super().__init__()
        self.message = message
        self.ticket = ticket


class ActivityScreen(Screen[None]):
    """Every event of the board: when, who and what, newest first."""

    AUTO_FOCUS = "ActivityTable"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "enter,i",
            "history",
            "History",
            key_display="enter",
            id="activity.history",
            tooltip="The whole history of the event's card (or risk, sprint, column)",
        ),
        Binding(
            "slash",
            "filter",
            "Filter",
            key_display="/",
            id="activity.filter",
            tooltip="Filter as you type: a key (WEB-12), @person or words",
        ),
        Binding("escape", "clear_filter", "Clear filter", id="activity.clear_filter"),
        Binding("m", "more", "Older", id="activity.more", tooltip=f"Load {PAGE} older events"),
        Binding(
            "ctrl+r",
            "reload",
            "Reload",
            show=False,
            id="activity.reload",
            tooltip="Read the activity log again",
        ),
    ]
    HELP_NOTES = (
        "Filter: a key such as WEB-12, WEB-R3 or WEB-S2 shows everything about it; "
        "@name what a person did (@me: you); other words match the text.",
        "Newest first; other people's changes appear by themselves. "
        "j k / arrows move, g G the newest / oldest.",
    )

    def __init__(self) -> None:
        super().__init__(id="activity")
        self.board: Board | None = None
        self.events: list[Event] = []
        self.lines: dict[int, str] = {}
        self.filter = EventFilter()
        self.loaded_key: str | None = None
        self.limit = PAGE
        self.more = False
        self._loads = 0
        self._loaded = False

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
    def table(self) -> ActivityTable:
        return self.query_one(ActivityTable)

    def compose(self) -> ComposeResult:
        yield TopBar("Activity", id="topbar")
        yield Input(
            placeholder="Filter: WEB-12, @person, words   (enter keeps, esc clears)",
            id="filter",
            classes="-hidden",
            compact=True,
        )
        yield ActivityTable(id="events")
        yield QuietFooter()

    def on_mount(self) -> None:
        self.query_one("#filter", Input).cursor_blink = self.kanban.cursor_blink
        self.watch(self.app, "board_key", self._board_changed, init=False)
        self._status("loading…")

    def on_screen_resume(self) -> None:
        # This process's own changes do not come through the live feed: read
        # the log whenever the screen is shown.
        self.reload()

    # -- loading -------------------------------------------------------------------
    def reload(self) -> None:
        """Read the newest events again, keeping the cursor on its event."""
        self._loads += 1
        self._load(self.board_key, self.filter.key, self.limit, self._loads)

    def action_reload(self) -> None:
        self.reload()

    @work(thread=True, exclusive=True, group="activity-load")
    def _load(self, board_key: str, key: str | None, limit: int, ticket: int) -> None:
        try:
            board = boards.resolve_board(self.ctx, board_key)
            events = activity.recent_events(self.ctx, board.key, key=key, limit=limit + 1)
        except KanbanError as error:
            self.post_message(ActivityLoadFailed(error.message, ticket))
            return
        more = len(events) > limit
        events = events[:limit]
        lines = {event.id: activity.describe(event) for event in events}
        self.post_message(ActivityLoaded(board, key, events, lines, more, ticket))

    @on(ActivityLoadFailed)
    def _load_failed(self, message: ActivityLoadFailed) -> None:
        if message.ticket == self._loads:
            self._status("")
            self.notify(message.message, title="Activity", severity="error", markup=False)

    @on(ActivityLoaded)
    def _loaded_events(self, message: ActivityLoaded) -> None:
        if message.ticket != self._loads:
            return  # a newer load is on its way
        self.board = message.board
        self.events, self.lines, self.more = message.events, message.lines, message.more
        self.loaded_key = message.key
        self._loaded = True
        self._show()
        self.refresh_bindings()

    def _board_changed(self, _key: str) -> None:
        self.board = None
        self.events, self.lines = [], {}
        self.limit = PAGE
        self.table.show([], {}, now=self._now(), me=self.ctx.actor)
        self._set_filter("")
        field = self.query_one("#filter", Input)
        field.value = ""
        field.add_class("-hidden")
        self._status("loading…")
        self.reload()

    # -- showing -------------------------------------------------------------------
    def _now(self) -> datetime:
        return self.ctx.clock().astimezone()

    def _shown(self) -> list[Event]:
        if not self.filter.active:
            return self.events
        return [e for e in self.events if self.filter.matches(e, self.lines.get(e.id, ""))]

    def _show(self) -> None:
        shown = self._shown()
        self.table.show(shown, self.lines, now=self._now(), me=self.ctx.actor)
        self._update_status(len(shown))

    def _status(self, text: str) -> None:
        board = self.board
        self.query_one(TopBar).update(
            key=board.key if board else self.board_key,
            name=board.name if board else "",
            status=text,
        )

    def _update_status(self, shown: int) -> None:
        total = len(self.events)
        plus = "+" if self.more else ""
        about = f" about {self.loaded_key}" if self.loaded_key else ""
        if self.filter.active and shown == total and about:
            text = f"{total:,}{plus} events{about}"
        elif self.filter.active:
            text = f"filter: {shown:,} of {total:,}{plus} events{about}"
        elif total == 0:
            text = "no events yet"
        else:
            text = f"{total:,}{plus} events · newest first"
        self._status(text)

    # -- actions ---------------------------------------------------------------------
    def action_history(self) -> None:
        event = self.table.current
        key = history_key(event) if event else None
        if key is None:
            return
        self.app.push_screen(HistoryDialog(self.board_key, key))

    @on(DataTable.RowSelected)
    def _selected(self, _: DataTable.RowSelected) -> None:
        self.action_history()

    def action_more(self) -> None:
        if self.more:
            self.limit += PAGE
            self._status("loading…")
            self.reload()

    def action_filter(self) -> None:
        field = self.query_one("#filter", Input)
        field.remove_class("-hidden")
        field.focus()

    def _set_filter(self, text: str) -> None:
        self.filter = EventFilter.parse(text, self.ctx.actor)

    @on(Input.Changed, "#filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        self._set_filter(event.value)
        if self.filter.key != self.loaded_key:
            self.limit = PAGE
            self.reload()  # one key: read all of its events, not just the window
        if self._loaded:
            self._show()

    @on(Input.Submitted, "#filter")
    def _filter_done(self, event: Input.Submitted) -> None:
        if not event.value.strip():
            event.control.add_class("-hidden")
        self.table.focus()

    def action_clear_filter(self) -> None:
        field = self.query_one("#filter", Input)
        field.value = ""  # Input.Changed reloads and shows every event
        field.add_class("-hidden")
        self.table.focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "clear_filter":
            field = self.query_one("#filter", Input)
            return bool(field.value) or field.has_focus or not field.has_class("-hidden")
        if action == "history":
            event = self.table.current if self.is_mounted else None
            return None if event is None or history_key(event) is None else True
        if action == "more":
            return bool(self.more)
        return True

    def on_descendant_focus(self, _: Any) -> None:
        self.refresh_bindings()

    @on(DataTable.RowHighlighted)
    def _highlighted(self, _: DataTable.RowHighlighted) -> None:
        self.refresh_bindings()

    def help_nodes(self) -> list[Any]:
        """Whose bindings ``?`` lists: the table's, then this screen's."""
        return [self.table, self]

    def palette_commands(self) -> Iterable[SystemCommand]:
        yield SystemCommand(
            "Filter activity", "Narrow the log by key, @person or words (/)", self.action_filter
        )
        yield SystemCommand(
            "Clear filter", "Show every event again (esc)", self.action_clear_filter
        )
        yield SystemCommand("Older events", f"Load {PAGE} older events (m)", self.action_more)
        yield SystemCommand("Reload activity", "Read the log again (ctrl+r)", self.reload)
