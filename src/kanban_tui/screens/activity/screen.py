"""The Activity screen: who did what on the board, newest first.

The newest events (``PAGE`` at a time, ``m`` or scrolling to the last one
for older ones) are read in a worker, by an index whatever the log's
length: a further page is the ``PAGE`` events older than the oldest one
held (a keyset), described and appended on its own, so each page costs
the same. At most ``MOST`` events are held; the top bar then says so and
``kanban log --offset`` reads further. ``/`` filters them as you type. A filter naming one key
(``WEB-12``) reads every event about that key instead of a window. ``enter`` opens the
history of what the event is about. Other people's changes arrive through
``reload()`` (see ``live.py``) and the cursor stays on its event.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import DataTable

from ...dialogs.card_history import HistoryDialog, history_key
from ...domain.errors import KanbanError
from ...domain.model import Board, Event
from ...services import activity, boards
from ...widgets.activity_table import ActivityTable
from ...widgets.filter_bar import FilterBar
from ...widgets.footer import QuietFooter
from ...widgets.top_bar import TopBar
from ..keys import UNDO_KEY, clear_filter_key, filter_key, reload_key
from ..table_screen import TableScreen
from ..undo_anywhere import undo_palette
from .filter import EventFilter

PAGE = 200
MOST = 5000
"""The most events the screen holds: older ones are for ``kanban log``."""


@dataclass(frozen=True)
class ActivityRead:
    """What the loading worker read."""

    board: Board
    key: str | None
    """The key the events were read for (a filter naming one key), or None: all."""
    events: list[Event]
    lines: dict[int, str]
    """Each event's sentence, by event id."""
    more: bool
    """Older events than these exist."""


class PageRead(Message):
    """The page worker read the events older than ``oldest`` (an event id)."""

    def __init__(
        self, ticket: int, key: str | None, oldest: int, read: ActivityRead | None, error: str = ""
    ) -> None:
        super().__init__()
        self.ticket, self.key, self.oldest, self.read = ticket, key, oldest, read
        self.error = error
        """Why the page could not be read (``read`` is then None)."""


class ActivityScreen(TableScreen[ActivityRead]):
    """Every event of the board: when, who and what, newest first."""

    AUTO_FOCUS = "ActivityTable"
    VIEW = "Activity"
    LOAD_FAILED = "Activity"
    # This process's own changes do not come through the live feed: read the
    # log whenever the screen is shown.
    RELOAD_ON_RESUME = True
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "enter,i",
            "history",
            "History",
            key_display="enter",
            id="activity.history",
            tooltip="The whole history of the event's card (or risk, sprint, column)",
        ),
        filter_key("activity", "Filter as you type: a key (WEB-12), @person or words"),
        clear_filter_key("activity"),
        Binding("m", "more", "Older", id="activity.more", tooltip=f"Load {PAGE} older events"),
        reload_key("activity", "Read the activity log again"),
        UNDO_KEY,
    ]
    WRITES = frozenset({"undo"})
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
        self._paging = False
        """A further page is being read."""

    @property
    def table(self) -> ActivityTable:
        return self.query_one(ActivityTable)

    def compose(self) -> ComposeResult:
        yield TopBar(self.VIEW, id="topbar")
        yield FilterBar("Filter: WEB-12, @person, words   (enter keeps, esc clears)")
        yield ActivityTable(wrap=True, id="events")  # reasons and (undo) end lines
        yield QuietFooter()
        yield from super().compose()  # CommandScreen's CardCommands

    # -- loading -------------------------------------------------------------------
    def read(self, key: str) -> ActivityRead:
        # The filter's key and the window in force when the read runs; a change
        # to either starts another read, and this one is then dropped.
        about, limit = self.filter.key, self.limit
        board = boards.resolve_board(self.ctx, key)
        events = activity.recent_events(self.ctx, board.key, key=about, limit=limit + 1)
        more = len(events) > limit
        events = events[:limit]
        lines = {event.id: activity.describe(event) for event in events}
        return ActivityRead(board, about, events, lines, more)

    async def show(self, data: ActivityRead) -> None:
        self.board = data.board
        self.events, self.lines, self.more = data.events, data.lines, data.more
        self.limit = max(PAGE, len(data.events))
        self.loaded_key = data.key
        self.query_one(TopBar).update(name=data.board.name)
        self._show()
        self.refresh_bindings()

    def board_changed(self) -> None:
        self.board = None
        self.events, self.lines = [], {}
        self.limit = PAGE
        self.table.show([], {}, now=self._now(), me=self.ctx.actor)
        self._set_filter("")

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

    def _update_status(self, shown: int) -> None:
        total = len(self.events)
        plus = "+" if self.more else ""
        events = "event" if total == 1 and not plus else "events"  # 1 event, 1+ events
        about = f" about {self.loaded_key}" if self.loaded_key else ""
        if self.full and not self.filter.active:
            text = f"newest {total:,} events · older: kanban log"
        elif self.filter.active and shown == total and about:
            text = f"{total:,}{plus} {events}{about}"
        elif self.filter.active and plus and not about:
            # Words are matched in the events read so far, not the whole log.
            text = f"filter: {shown:,} of the newest {total:,} · m older"
        elif self.filter.active:
            text = f"filter: {shown:,} of {total:,}{plus} {events}{about}"
        elif total == 0:
            text = "no events yet"
        else:
            text = f"{total:,}{plus} {events} · newest first"
        self.set_status(text)

    # -- actions ---------------------------------------------------------------------
    def action_history(self) -> None:
        event = self.table.current
        key = history_key(event) if event else None
        if key is None:
            return
        self.app.push_screen(HistoryDialog(self.ctx, self.board_key, key))

    @on(DataTable.RowSelected)
    def _selected(self, _: DataTable.RowSelected) -> None:
        self.action_history()

    @property
    def full(self) -> bool:
        """Older events exist, but the screen holds all it will (``MOST``)."""
        return self.more and len(self.events) >= MOST

    def action_more(self) -> None:
        if not self.more or self._paging or not self.events or self.board is None:
            return
        if self.full:
            self.notify(
                f"The screen holds the newest {MOST:,} events: "
                f"kanban log --offset {len(self.events)} reads older ones.",
                markup=False,
            )
            return
        self._paging = True
        self.set_status("loading…")
        self._read_page(self.board_key, self._loads, self.loaded_key, self.events[-1])

    @work(thread=True, exclusive=True, group="page")
    def _read_page(self, key: str, ticket: int, about: str | None, oldest: Event) -> None:
        """The ``PAGE`` events older than ``oldest``: only they are read and described."""
        try:
            board = boards.resolve_board(self.ctx, key)
            page = min(PAGE, MOST - len(self.events))
            events = activity.recent_events(
                self.ctx, board.key, key=about, limit=page + 1, before=oldest
            )
        except KanbanError as error:
            self.post_message(PageRead(ticket, about, oldest.id, None, error.message))
            return
        more = len(events) > page
        events = events[:page]
        lines = {event.id: activity.describe(event) for event in events}
        read = ActivityRead(board, about, events, lines, more)
        self.post_message(PageRead(ticket, about, oldest.id, read))

    @on(PageRead)
    def _receive_page(self, message: PageRead) -> None:
        self._paging = False
        held = self.events[-1].id if self.events else None
        page = message.read
        if message.error:
            self.notify(message.error, title=self.LOAD_FAILED, severity="error", markup=False)
        if page is None or (message.ticket, message.key, message.oldest) != (
            self._loads,
            self.loaded_key,
            held,
        ):
            self._update_status(self.table.row_count)  # or read again meanwhile: a stale page
            return
        self.events = [*self.events, *page.events]
        self.lines.update(page.lines)
        self.more = page.more
        self.limit = len(self.events)
        shown = [e for e in page.events if self.filter.matches(e, page.lines.get(e.id, ""))]
        self.table.append(shown, page.lines)
        self._update_status(self.table.row_count)
        self.refresh_bindings()

    def _set_filter(self, text: str) -> None:
        self.filter = EventFilter.parse(text, self.ctx.actor)

    def filter_changed(self, text: str) -> None:
        self._set_filter(text)
        if self.filter.key != self.loaded_key:
            self.limit = PAGE
            self.reload()  # one key: read all of its events, not just the window
        if self.loaded_once:
            self._show()

    def applies(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "history":
            event = self.table.current if self.is_mounted else None
            return None if event is None or history_key(event) is None else True
        if action == "more":
            return bool(self.more)  # when full, m says how to read further
        return super().applies(action, parameters)

    @on(DataTable.RowHighlighted)
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        # Scrolled to the last event read (j, page down, G): read the next page,
        # as m does; the cursor stays on its event.
        shown = self.table.row_count
        if self.more and not self.full and shown and event.cursor_row >= shown - 1:
            self.action_more()

    def palette_commands(self) -> Iterable[SystemCommand]:
        yield undo_palette(self)
        yield SystemCommand(
            "Filter activity", "Narrow the log by key, @person or words (/)", self.action_filter
        )
        yield SystemCommand(
            "Clear filter", "Show every event again (esc)", self.action_clear_filter
        )
        yield SystemCommand("Older events", f"Load {PAGE} older events (m)", self.action_more)
        yield SystemCommand("Reload activity", "Read the log again (ctrl+r)", self.reload)
