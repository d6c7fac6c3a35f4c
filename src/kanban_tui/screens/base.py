"""What every screen is: :class:`KanbanScreen`, one view of the open board.

The app knows screens only by mode name and calls them through this class:
:meth:`~KanbanScreen.reload`, :meth:`~KanbanScreen.apply_changes`,
:meth:`~KanbanScreen.help_nodes` and :meth:`~KanbanScreen.palette_commands`.
A screen in turn reaches the app only through :class:`KanbanHost`, so no
screen imports the app.

Loading: :meth:`~KanbanScreen.read` runs in a thread worker and
:meth:`~KanbanScreen.show` gets what it returned, unless a newer read began
meanwhile (each read has a number; an older one finishing late is dropped)
or the board changed.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable
from typing import ClassVar, Generic, Protocol, TypeVar, cast

from textual import events, on, work
from textual.actions import parse
from textual.app import SystemCommand
from textual.dom import DOMNode
from textual.message import Message
from textual.screen import Screen
from textual.timer import Timer

from ..dialogs.base import read_only_sentence as read_only_sentence  # where screens find it
from ..dialogs.board_switcher import close_board_dialogs
from ..domain.errors import KanbanError, NotFound, StaleChange
from ..services.activity import Change
from ..services.context import Context
from ..widgets.filter_bar import FilterBar
from ..widgets.top_bar import TopBar


class KanbanHost(Protocol):
    """What a screen may ask of the app (``KanbanApp`` is one)."""

    ctx: Context
    """The database and the person acting."""
    board_key: str
    """The open board; screens reload when it changes."""
    sprint_flag: str
    """The open board's overdue-sprint sentence, or ""."""
    cursor_blink: bool
    card_layout: str
    """``auto``, ``compact`` or ``full``: how the Board and Sprint draw cards."""
    last_view: str
    """The mode of the view the person left last (``board``): where the
    Archive's esc goes back to."""
    collects_when_shown: bool
    """Whether a view, once drawn, has the collector's full pass run (the
    TUI's own process; see :meth:`KanbanScreen.collect_soon`)."""
    writing: set[object]
    """What has a write queued or running (each card screen's command
    runner); quitting waits for it."""
    written: dict[str, int]
    """Each card's version after this person's own last write to it (from any
    view's command runner): a command made from an older copy still goes
    through when the only change since is the person's own."""

    def write_finished(self, refused: bool) -> None:
        """A write ended (``refused``: with a refusal); a quit may be waiting for it."""

    def set_card_layout(self, layout: str) -> None:
        """Use ``layout`` for cards from now on and save it in the config (off the UI thread)."""

    def refresh_sprint_flag(self) -> None:
        """Read the overdue-sprint flag again (after a change that may end one)."""

    def mark_views_stale(self) -> None:
        """The other views read their data again when next shown."""

    def open_board(self, key: str) -> None:
        """Show board ``key`` on every view (and open it next time)."""

    def settings_left(self) -> None:
        """Board settings opened for one action (a palette or switcher entry)
        closed without it: back to the view it was asked from."""


class OnHost(DOMNode):
    """A screen's or widget's typed way to the app: :class:`KanbanHost` (the
    app a screen may ask things of), its service context and open board."""

    @property
    def kanban(self) -> KanbanHost:
        return cast(KanbanHost, self.app)

    @property
    def ctx(self) -> Context:
        return self.kanban.ctx

    @property
    def board_key(self) -> str:
        return self.kanban.board_key


Data = TypeVar("Data")

COLLECT_AFTER = 0.1
"""Seconds after a view has drawn what it read (or come back showing it) at
which the collector makes its full pass (see :meth:`KanbanScreen.collect_soon`)."""


class Loaded(Message):
    """The load worker read ``data`` for board ``key``."""

    def __init__(self, key: str, ticket: int, changes: int, data: object) -> None:
        super().__init__()
        self.key = key
        self.ticket = ticket
        self.changes = changes
        self.data = data


class LoadFailed(Message):
    """The load worker was refused (``message`` is the sentence to show)."""

    def __init__(self, key: str, ticket: int, message: str) -> None:
        super().__init__()
        self.key = key
        self.ticket = ticket
        self.message = message


class KanbanScreen(Screen[None], OnHost, Generic[Data]):
    """A view of the open board: it reads ``Data`` in a worker and shows it.

    Subclasses implement :meth:`read` and :meth:`show`, and may override the
    hooks: :meth:`board_changed`, :meth:`local_changes`, :meth:`filter_changed`,
    :meth:`focus_list`, :meth:`apply_changes`, :meth:`help_nodes`,
    :meth:`palette_commands`.
    """

    VIEW: ClassVar[str] = ""
    """The view's name in the top bar (``Board``)."""
    HELP_NOTES: ClassVar[tuple[str, ...]] = ()
    """Lines ``?`` shows under the keys."""
    LOAD_FAILED: ClassVar[str] = "Cannot open the board"
    """The title of the notification that says why a read was refused."""
    WRITES: ClassVar[frozenset[str]] = frozenset()
    """The actions that change the database: on a file this person may only
    read, their keys leave the footer, and pressing one says why."""
    READS_INSTEAD: ClassVar[frozenset[str]] = frozenset()
    """Actions offered only on a file this person may only read, where they
    stand in for a write on the same key (``enter`` reads a card rather than
    editing it); their bindings come before the write's."""
    RELOAD_ON_RESUME: ClassVar[bool] = False
    """Read again each time the screen is shown again (after another view or a
    dialog), for a view of what this process changes elsewhere."""

    def __init__(self, *, id: str) -> None:
        super().__init__(id=id)
        self._loads = 0
        self.loaded_once = False
        """What a read returned has been shown at least once."""
        self._refused_once = False
        self._collect: Timer | None = None

    @property
    def footer_ready(self) -> bool:
        """Whether the footer shows this screen's keys yet (see QuietFooter):
        once a read has been shown or refused. Before, most keys would be
        shown dimmed for the moment the first read takes, and the footer
        built twice."""
        return self.loaded_once or self._refused_once

    # -- the app -----------------------------------------------------------------
    def on_mount(self) -> None:
        # Textual calls the subclass's on_mount first, then this one.
        for bar in self.query(FilterBar):
            bar.cursor_blink = self.kanban.cursor_blink
        self.show_read_only()
        self.watch(self.app, "sprint_flag", self._show_flag)
        self.watch(self.app, "board_key", self._board_changed, init=False)
        self.set_status("loading…")
        self.reload()

    def show_read_only(self) -> None:
        """Mark the top bar ``read-only`` when changes are refused (a file this
        person may only read, or a server out of reach), and offer keys to match."""
        changed = False
        for top in self.query(TopBar):
            if top.read_only != self.ctx.db.read_only:
                top.read_only = self.ctx.db.read_only
                top.refresh()
                changed = True
        if changed:
            self.refresh_bindings()

    def on_screen_resume(self) -> None:
        self.show_read_only()
        if self.RELOAD_ON_RESUME and self.loaded_once:
            self.reload()
        elif self.loaded_once:
            self.collect_soon()

    def on_screen_suspend(self) -> None:
        if self._collect is not None:
            self._collect.stop()  # the next view's key is being answered
        self.flush_pending()

    def collect_soon(self) -> None:
        """Have the collector's full pass run now that this view is drawn,
        while the person reads it, rather than when their next key's answer
        allocates past its threshold (at 100,000 cards 20-35 ms holding the
        interpreter, measured landing in the Backlog's first read and frame).

        Only in the TUI's own process (``cli/tui.py``, which also froze its
        start-up objects out of these passes): a test process runs many apps.
        """
        if not self.kanban.collects_when_shown:
            return
        if self._collect is not None:
            self._collect.stop()
        self._collect = self.set_timer(COLLECT_AFTER, gc.collect)

    def flush_pending(self) -> None:
        """Start now a write a key left to settle (the Backlog's ``+`` / ``-``
        estimate): on leaving the screen, and before quitting."""

    def _show_flag(self, flag: str) -> None:
        for top in self.query(TopBar):
            top.show_flag(flag)

    def _board_changed(self, key: str) -> None:
        if self in self.app.screen_stack:
            close_board_dialogs(self.app)  # a card of the old board is not shown over the new
        self.board_changed()
        for bar in self.query(FilterBar):
            bar.reset()
        for top in self.query(TopBar):
            top.update(key=key, name="")
        self.set_status("loading…")
        self.reload()

    def board_changed(self) -> None:
        """Another board is open: forget what was shown of the last one."""

    # -- loading -----------------------------------------------------------------
    def reload(self) -> None:
        """Read what the screen shows again, in a worker."""
        self._loads += 1
        self._load(self.board_key, self._loads, self.local_changes())

    def action_reload(self) -> None:
        self.reload()

    @work(thread=True, exclusive=True, group="load")
    def _load(self, key: str, ticket: int, changes: int) -> None:
        try:
            data = self.read(key)
        except KanbanError as error:
            self.post_message(LoadFailed(key, ticket, error.message))
            return
        self.post_message(Loaded(key, ticket, changes, data))

    def read(self, key: str) -> Data:
        """What the screen shows of board ``key``, read through the services.

        Runs in a worker thread: it may read the screen's settings, never its widgets.
        """
        raise NotImplementedError

    async def show(self, data: Data) -> None:
        """Show what :meth:`read` returned (on the UI thread)."""
        raise NotImplementedError

    def local_changes(self) -> int:
        """How many changes this screen has made to what it holds since it was read.

        A read begun before such a change does not have it, so it is read
        again rather than shown.
        """
        return 0

    @on(Loaded)
    async def _receive_load(self, message: Loaded) -> None:
        if message.key != self.board_key or message.ticket != self._loads:
            return  # another board, or an older read than the latest
        if message.changes != self.local_changes():
            self.reload()  # a change made here while it read is not in it
            return
        self.loaded_once = True
        await self.show(cast(Data, message.data))
        self.refresh_bindings()  # the footer waits for the first (footer_ready)
        self.collect_soon()

    @on(LoadFailed)
    def _receive_failure(self, message: LoadFailed) -> None:
        if message.ticket != self._loads:
            return
        self._refused_once = True
        self.refresh_bindings()  # the footer waits for the first (footer_ready)
        self.set_status("")
        self.notify(message.message, title=self.LOAD_FAILED, severity="error", markup=False)

    def apply_changes(self, changes: list[Change]) -> None:
        """Other processes committed ``changes``: show them (by default, read again)."""
        self.reload()

    # -- the top bar and refusals ----------------------------------------------------
    def set_status(self, text: str) -> None:
        """The right of the top bar: counts, the filter's effect, "loading…"."""
        for top in self.query_children(TopBar):
            if (top.board_key, top.status) != (self.board_key, text):
                top.update(key=self.board_key, status=text)

    def show_refusal(self, error: KanbanError, *, title: str = "", toast: bool = True) -> None:
        """Say why a change was refused, in its one sentence (``toast`` False:
        the dialog it reopens says it in place).

        A stale or vanished card or risk means what the screen holds is old:
        it is read again.
        """
        if toast:
            self.notify(error.message, title=title, severity="error", markup=False)
        if isinstance(error, StaleChange | NotFound):
            self.reload()

    # -- the / filter ------------------------------------------------------------------
    def action_filter(self) -> None:
        bar = self.query_one(FilterBar)
        if self.focused is bar:
            # A "/" typed in the field: the binding takes it first, so it is
            # handed on, behind the letters the field has still to handle.
            bar.post_message(events.Key("slash", "/"))
        else:
            bar.open()

    def action_clear_filter(self) -> None:
        self.query_one(FilterBar).reset()  # its FilterChanged("") shows everything again
        self.focus_list()

    @on(FilterBar.FilterChanged)
    def _filter_typed(self, message: FilterBar.FilterChanged) -> None:
        self.filter_changed(message.text)

    @on(FilterBar.FilterClosed)
    def _filter_closed(self, _: FilterBar.FilterClosed) -> None:
        self.focus_list()

    def filter_engaged(self) -> bool:
        """Whether ``esc`` has a filter to clear."""
        bars = list(self.query(FilterBar))
        return any(bar.engaged for bar in bars)

    def filter_changed(self, text: str) -> None:
        """Narrow what is shown to what ``text`` matches (the screen's own rules)."""

    def focus_list(self) -> None:
        """Put focus back on the screen's main list (after the filter field)."""

    # -- help and palette ----------------------------------------------------------------
    def help_nodes(self) -> list[DOMNode]:
        """Whose bindings ``?`` lists, in order."""
        return [self]

    def palette_commands(self) -> Iterable[SystemCommand]:
        """This view's entries in the command palette."""
        return ()

    # -- which keys apply -----------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Textual asks this for the footer and before running a key's action.
        # A write on a read-only file is neither shown nor run (on_key says why).
        if not self.offers(action, parameters):
            return False
        return self.applies(action, parameters)

    def writes(self, action: str, parameters: tuple[object, ...]) -> bool:
        """Whether ``action`` changes the database (by default: it is in ``WRITES``)."""
        return action in self.WRITES

    def offers(self, action: str, parameters: tuple[object, ...]) -> bool:
        """Whether the footer and ``?`` offer the action: not a change on a
        read-only file, and a stand-in (``READS_INSTEAD``) only there."""
        if action in self.READS_INSTEAD:
            return self.ctx.db.read_only
        return not (self.ctx.db.read_only and self.writes(action, parameters))

    def applies(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Whether ``action`` applies now: True; None, not now (dimmed in the
        footer); False, not on this screen (hidden)."""
        if action == "clear_filter":
            return self.filter_engaged()
        return True

    def on_key(self, event: events.Key) -> None:
        if self.ctx.db.read_only and self._write_key(event.key):
            event.stop()
            self.say_read_only()

    def writable(self) -> bool:
        """Whether the file takes changes; if not, says why (before anything is typed)."""
        if self.ctx.db.read_only:
            self.say_read_only()
            return False
        return True

    def say_read_only(self) -> None:
        """The one sentence for a change on a file this person may only read
        (once on screen however often a change key is pressed)."""
        self.app.clear_notifications()
        self.notify(read_only_sentence(self.ctx), markup=False)

    def _write_key(self, key: str) -> bool:
        """Whether ``key`` is bound to one of this screen's writes (that nothing
        nearer the focus takes first), looked up the way Textual does, keymap included."""
        for node, bindings in self._modal_binding_chain:
            for binding in bindings.key_to_bindings.get(key, ()):
                _, name, parameters = parse(binding.action)
                if node is self and self.writes(name, parameters):
                    return True
                if node.check_action(name, parameters):
                    return False
        return False
