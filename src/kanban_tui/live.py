"""Live updates: every open TUI shows what other processes commit, within a second.

Four times a second a thread worker asks the change feed (the newest event
id, then the new rows of the activity log) what others committed. The views
on screen show it at once (:meth:`KanbanScreen.apply_changes`), keeping focus,
scroll and any open dialog (:meth:`Dialog.refresh_data`); views of other
modes read everything again when they are next shown.
"""

from __future__ import annotations

import contextlib
import sqlite3
from typing import Any

from textual import on, work
from textual.app import App
from textual.message import Message

from .dialogs.base import Dialog
from .domain.errors import KanbanError
from .screens.base import KanbanScreen
from .services.activity import Change, Changes, change_feed
from .services.context import Context

POLL_SECONDS = 0.25


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

    @property
    def live_feed(self) -> Changes | None:
        """The change feed polled for live updates (None: the views are not live)."""
        return self._changes

    def start_live_updates(self, ctx: Context) -> None:
        try:
            self._changes = change_feed(ctx)
        except (KanbanError, OSError, sqlite3.Error):  # no feed: the views work, not live
            return
        self.set_interval(POLL_SECONDS, self._poll, name="live-updates")

    def _poll(self) -> None:
        # One poll at a time: a slow one (a busy file) must not pile up threads.
        if self._changes is not None and not self._polling:
            self._polling = True
            self._poll_feed(self._changes)

    @work(thread=True, group="live-updates", exit_on_error=False)
    def _poll_feed(self, feed: Changes) -> None:
        try:
            changes, own = feed.poll()
        except Exception:  # a busy or vanished file: try again on the next tick
            changes, own = [], False
        finally:
            self._polling = False
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
