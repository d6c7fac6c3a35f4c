"""Live updates: every open TUI shows what other processes commit, within a second.

Four times a second a thread worker asks the change feed (the newest event
id, then the new rows of the activity log) what others committed. On a
PostgreSQL server nothing is polled: a worker sleeps in LISTEN until a
commit is announced, then reads the feed once; when the server cannot be
reached the views stay on screen, read-only, and catch up when it is back. The views
on screen show it at once (:meth:`KanbanScreen.apply_changes`), keeping focus,
scroll and any open dialog (:meth:`Dialog.refresh_data`); views of other
modes read everything again when they are next shown.

Once the first view has shown what it read, a thread worker reads the whole
database for damage (:func:`services.integrity.find_damage`; the open only
reads the header and the schema): damage is said at once, and every view
turns read-only for the rest of the session.
"""

from __future__ import annotations

import contextlib
import sqlite3
import threading
from typing import Any

from textual import on, work
from textual.app import App
from textual.message import Message
from textual.worker import get_current_worker

from .dialogs.base import Dialog
from .domain.errors import KanbanError
from .screens.base import KanbanScreen, Loaded, LoadFailed
from .services import integrity
from .services.activity import Change, Changes, change_feed
from .services.context import Context

POLL_SECONDS = 0.25
LISTEN_GROUP = "live-listen"
"""The worker that waits on the server for as long as the app runs."""
RETRY_SECONDS = 2.0
"""How often a TUI cut off from its server tries to reach it again."""


class DataChanged(Message):
    """Other processes committed these changes."""

    def __init__(self, changes: list[Change]) -> None:
        super().__init__()
        self.changes = changes


class LiveUpdates(App[Any]):
    """Mixed into the app: polls the change feed and reloads the views."""

    _changes: Changes | None = None
    _polling = False
    _stale_modes: frozenset[str] = frozenset()
    _checked: Context | None = None
    """The database whose damage check has started (once a session)."""
    ctx: Context

    @property
    def live_feed(self) -> Changes | None:
        """The change feed polled for live updates (None: the views are not live)."""
        return self._changes

    def start_live_updates(self, ctx: Context) -> None:
        try:
            self._changes = change_feed(ctx)
        except (KanbanError, OSError, sqlite3.Error):  # no feed: the views work, not live
            return
        if self._changes.announced:
            self._listen(self._changes)
        else:
            self.set_interval(POLL_SECONDS, self._poll, name="live-updates")

    @work(thread=True, group=LISTEN_GROUP, exit_on_error=False)
    def _listen(self, feed: Changes) -> None:
        """Wait for the server's announcements; read the feed after each."""
        worker = get_current_worker()
        pause = threading.Event()
        cut_off = False
        while not worker.is_cancelled and self._changes is feed:
            try:
                try:
                    heard = feed.wait(1.0)
                except KanbanError:
                    if cut_off:
                        raise
                    # One dropped connection (the server restarted in a blink,
                    # an idle timeout) is taken up again before anyone is told.
                    heard = feed.wait(0) or True
            except KanbanError:
                if worker.is_cancelled or self._changes is not feed:
                    return
                if not cut_off:
                    cut_off = True
                    self._from_thread(self.connection_lost)
                pause.wait(RETRY_SECONDS)
                continue
            if cut_off:
                cut_off = False
                self._from_thread(self.connection_back)
                continue
            if heard:
                self._read_feed(feed)

    def _from_thread(self, callback: Any, *args: Any) -> None:
        with contextlib.suppress(RuntimeError):  # the app has just exited
            self.call_from_thread(callback, *args)

    def connection_lost(self) -> None:
        """The server cannot be reached: the views stay, read-only, until it is back."""
        if self._changes is None:
            return
        self._changes.offline(True)
        self._show_offline()
        self.notify(
            "Lost the connection to the database server; the board stays on screen, "
            "read-only, and catches up when the server is back.",
            severity="warning",
            markup=False,
        )

    def connection_back(self) -> None:
        """The server answers again: changes are allowed, every view reads again."""
        if self._changes is None:
            return
        self._changes.offline(False)
        self._show_offline()
        self._refresh_stack(None)
        self.mark_views_stale()
        self.notify("Connected to the database server again.", markup=False)

    @on(Loaded)
    @on(LoadFailed)
    def _first_read(self) -> None:
        # After the first paint: on a large file the check competes with it.
        if self._checked is not self.ctx:
            self._checked = self.ctx
            self._check_file(self.ctx)

    @work(thread=True, group="file-check", exit_on_error=False)
    def _check_file(self, ctx: Context) -> None:
        damage = integrity.find_damage(ctx)
        if damage is not None:
            self._from_thread(self.file_damaged, damage)

    def file_damaged(self, sentence: str) -> None:
        """The database is damaged: every view is read-only from now on."""
        self._show_offline()
        self.notify(sentence, title="The database is damaged", severity="error", markup=False)

    def _show_offline(self) -> None:
        for screen in self.screen_stack:
            if isinstance(screen, KanbanScreen | Dialog):
                screen.show_read_only()  # an open card too: its title and keys

    def _poll(self) -> None:
        # One poll at a time: a slow one (a busy file) must not pile up threads.
        if self._changes is not None and not self._polling:
            self._polling = True
            self._poll_feed(self._changes)

    @work(thread=True, group="live-updates", exit_on_error=False)
    def _poll_feed(self, feed: Changes) -> None:
        try:
            self._read_feed(feed)
        finally:
            self._polling = False

    def _read_feed(self, feed: Changes) -> None:
        """Show what others committed (from a worker thread)."""
        try:
            changes, own = feed.poll()
        except Exception:  # a busy or vanished file: try again on the next tick
            changes, own = [], False
        if changes:
            self.post_message(DataChanged(changes))
        elif own:
            # A change made on one view (a card planned on the Backlog) shows
            # on the others when they are next shown.
            with contextlib.suppress(RuntimeError):  # the app has just exited
                self.call_from_thread(self.mark_views_stale)

    @on(DataChanged)
    def _data_changed(self, message: DataChanged) -> None:
        self._refresh_stack(message.changes)
        self.mark_views_stale()
        if any(change.entity == "sprint" for change in message.changes):
            self.sprints_changed()

    def _refresh_stack(self, changes: list[Change] | None) -> None:
        """Every screen on the stack shows ``changes`` (None: reads all again)."""
        for screen in self.screen_stack:
            if isinstance(screen, KanbanScreen):
                if changes is None:
                    screen.reload()
                else:
                    screen.apply_changes(changes)
            elif isinstance(screen, Dialog) or hasattr(screen, "refresh_data"):
                # A screen over a view (Board settings) reads again as a dialog does.
                screen.refresh_data(changes)

    def sprints_changed(self) -> None:
        """Others changed a sprint (the app reads the overdue flag again)."""

    def mark_views_stale(self) -> None:
        """Views of the other modes read their data again when next shown.

        For a change made here that other views show (a card made from the
        Risks screen): this process's own changes do not come through the feed.
        """
        self._stale_modes = frozenset(mode for mode in self.MODES if mode != self.current_mode)

    def switch_mode(self, mode: str) -> Any:
        result = super().switch_mode(mode)
        if mode in self._stale_modes:
            self._stale_modes -= {mode}
            self.call_after_refresh(self._refresh_stack, None)
        return result

    def stop_live_updates(self) -> None:
        if self._changes is not None:
            self._changes.close()
            self._changes = None
