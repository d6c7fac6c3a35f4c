"""Live updates: every open TUI shows what other processes commit, within a second.

Four times a second a thread worker asks the change feed (the newest event
id, then the new rows of the activity log) what others
committed. The views on screen reload at once, keeping focus, scroll and any
open dialog; views of other modes reload when they are next shown.
"""

from __future__ import annotations

import contextlib
import sqlite3
from typing import Any

from textual import on, work
from textual.app import App
from textual.message import Message

from .domain.errors import KanbanError
from .services.activity import Changes, change_feed
from .storage.watch import Change

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
    _stale_modes: set[str]

    def start_live_updates(self, ctx: Any) -> None:
        self._stale_modes = set()
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
        for screen in self.screen_stack:
            reload = getattr(screen, "apply_changes", None)
            if reload is not None:
                reload(message.changes)
            elif hasattr(screen, "reload"):
                screen.reload()
        self.mark_views_stale()
        refresh_flag = getattr(self, "refresh_sprint_flag", None)
        if refresh_flag is not None and any(
            change.entity == "sprint" for change in message.changes
        ):
            refresh_flag()

    def mark_views_stale(self) -> None:
        """Views of the other modes read their data again when next shown.

        For a change made here that other views show (a card made from the
        Risks screen): this process's own changes do not come through the feed.
        """
        self._stale_modes = {mode for mode in self.MODES if mode != self.current_mode}

    def switch_mode(self, mode: str) -> Any:
        result = super().switch_mode(mode)
        if mode in getattr(self, "_stale_modes", ()):
            self._stale_modes.discard(mode)
            self.call_after_refresh(self._reload_current)
        return result

    def _reload_current(self) -> None:
        for screen in self.screen_stack:
            if hasattr(screen, "reload"):
                screen.reload()

    def stop_live_updates(self) -> None:
        if self._changes is not None:
            self._changes.close()
            self._changes = None
