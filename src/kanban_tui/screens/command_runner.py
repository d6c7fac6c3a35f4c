"""The runner under every screen's writes: commands in a thread worker, one
after another in the order pressed, so the UI thread never waits on the
database (another process may hold the write lock for seconds).

A screen hands a :class:`~.commands.Command` to :meth:`CommandRunner.run`
and learns the outcome from :class:`CommandRunner.Done` or
:class:`CommandRunner.Refused` (or the command's own ``then``). A write that
waits says "saving…" in the top bar; quitting waits for what is queued.
What a refusal gets as an answer (the override question, the editor again)
is :class:`~.card_commands.CardCommands`'s.
"""

from __future__ import annotations

import time
from collections import deque
from typing import Any, ClassVar

from textual import on, work
from textual.message import Message
from textual.timer import Timer
from textual.widget import Widget

from ..domain.errors import DatabaseBusy, KanbanError, StaleChange
from ..domain.model import Card
from ..services import cards
from ..widgets.top_bar import TopBar
from .base import KanbanScreen, OnHost, read_only_sentence
from .commands import Command

WAITING = "saving…"
PATIENCE = 60
"""Seconds a write waits in all for another process's write lock before giving up."""
WAIT_SHOWN_AFTER = 0.4
"""Seconds a write may take before the top bar says it is waiting."""
FRAME = 1 / 60
"""Seconds a write drawn at once waits before it starts (Textual's frame period)."""


class CommandRunner(Widget, OnHost):
    """Runs a screen's commands in a worker, one at a time; mounted once in each screen."""

    DEFAULT_CSS: ClassVar[str] = "CommandRunner { display: none; }"

    class Done(Message):
        """``command`` went through; ``result`` is what its service returned."""

        def __init__(self, command: Command, result: Any) -> None:
            super().__init__()
            self.command = command
            self.result = result

    class Refused(Message):
        """``command`` was refused with ``error`` (already shown or offered)."""

        def __init__(self, command: Command, error: KanbanError) -> None:
            super().__init__()
            self.command = command
            self.error = error

    class _Finished(Message):
        def __init__(
            self, command: Command, result: Any, error: KanbanError | None, fresh: Card | None
        ) -> None:
            super().__init__()
            self.command = command
            self.result = result
            self.error = error
            self.fresh = fresh

    def __init__(self) -> None:
        super().__init__()
        self._queue: deque[tuple[Command, bool]] = deque()
        self._in_flight: Command | None = None
        self._wait_timer: Timer | None = None
        self._status_before: str | None = None

    @property
    def pending(self) -> bool:
        """Whether a write is running or waiting its turn."""
        return self._in_flight is not None or bool(self._queue)

    # -- asking for writes ---------------------------------------------------------
    def writable(self) -> bool:
        """Whether the database takes writes; if not, says why (before anything is typed)."""
        screen = self.screen
        if isinstance(screen, KanbanScreen):
            return screen.writable()
        if self.ctx.db.read_only:
            self.notify(read_only_sentence(self.ctx), markup=False)
            return False
        return True

    def run(self, command: Command, *, drawn: bool = False) -> None:
        """Queue ``command``; it runs after the ones pressed before it.

        ``drawn``: the screen has drawn the command's effect already (a move
        is drawn at once, and taken back if it is refused).
        """
        self._queue.append((command, drawn))
        self.kanban.writing.add(self)
        if self._wait_timer is None:  # also while another view's write goes first
            self._wait_timer = self.set_timer(WAIT_SHOWN_AFTER, self._show_waiting)
        self._next()

    # -- running them one at a time ----------------------------------------------------
    def _next(self) -> None:
        if self._in_flight is not None or not self._queue or self._elsewhere():
            return
        command, drawn = self._queue.popleft()
        self._in_flight = command
        version = None
        if command.card is not None:
            # The newest version known: our own last write of it, or a
            # fresher copy the command was made from (an editor that took in
            # another person's change).
            version = max(self.kanban.written.get(command.card.key, 0), command.card.version)
        if self._wait_timer is None:
            self._wait_timer = self.set_timer(WAIT_SHOWN_AFTER, self._show_waiting)
        # After the next frame: the screen draws what the key did (a move is
        # drawn at once) before the worker thread competes with it for the GIL.
        self.call_after_refresh(self._write, command, command.reason, version, drawn)

    @work(thread=True, group="card-commands")
    def _write(
        self, command: Command, reason: str | None, version: int | None, drawn: bool = False
    ) -> None:
        if drawn:
            # The frame that draws it has been made but is still being written
            # to the terminal by Textual's output thread, which needs the GIL
            # to do it: a service call (SQLAlchemy, pure Python for the most
            # part) would hold it off for up to the interpreter's 5 ms switch
            # interval at each turn. Nothing waits on the write meanwhile.
            time.sleep(FRAME)
        fresh: Card | None = None
        try:
            result = self._patiently(command, reason, version)
        except StaleChange as error:
            if command.card is not None:
                try:
                    fresh = cards.get_card(self.ctx, command.card.key)
                except KanbanError:
                    fresh = None
            self.post_message(self._Finished(command, None, error, fresh))
            return
        except KanbanError as error:
            self.post_message(self._Finished(command, None, error, None))
            return
        self.post_message(self._Finished(command, result, None, None))

    def _patiently(self, command: Command, reason: str | None, version: int | None) -> Any:
        """The command's call, tried again while another process holds the
        write lock (each try waits out SQLite's busy timeout; a busy write
        wrote nothing), for up to :data:`PATIENCE` seconds in all."""
        give_up = time.monotonic() + PATIENCE
        while True:
            try:
                return command.call(reason, version)
            except DatabaseBusy:
                if time.monotonic() >= give_up:
                    raise DatabaseBusy(
                        f"The database stayed busy for {PATIENCE} s (another process holds "
                        "it); nothing was changed, try again."
                    ) from None

    def _show_waiting(self) -> None:
        if not self.pending:
            return
        for top in self.screen.query(TopBar):
            if self._status_before is None:
                self._status_before = top.status
            top.update(status=WAITING)

    def _stop_waiting(self) -> None:
        if self._wait_timer is not None:
            self._wait_timer.stop()
            self._wait_timer = None
        if self._status_before is not None:
            for top in self.screen.query(TopBar):
                if top.status == WAITING:
                    top.update(status=self._status_before)
            self._status_before = None

    @on(_Finished)
    def _finished(self, message: _Finished) -> None:
        message.stop()
        command = message.command
        self._in_flight = None
        if not self._queue:
            self._stop_waiting()
        error = message.error
        if error is None:
            result = message.result
            if isinstance(result, Card):
                self.kanban.written[result.key] = result.version
            self.post_message(self.Done(command, result))
            self._succeeded(command, result)
            if command.note is not None and not self._shown_in_place(command):
                note = command.note(result)
                if command.kind == "create" and command.reason is not None:
                    note = note.removesuffix(".") + " over its WIP limit; the breach is logged."
                self.notify(note, markup=False)
            if command.then is not None:
                command.then(result)
        else:
            if command.card is not None:
                self.kanban.written.pop(command.card.key, None)
            self.post_message(self.Refused(command, error))
            self._answer(command, error, message.fresh)
        self._next()
        if not self.pending:
            self.kanban.writing.discard(self)
        for other in list(self.kanban.writing):
            if isinstance(other, CommandRunner):
                other._next()  # a write another view queued meanwhile
        self.kanban.write_finished(error is not None)

    def _elsewhere(self) -> bool:
        """Whether another view's runner has a write running: writes go one at
        a time across the views too, so that they land in the order pressed
        (an ``a`` on the Board, then ``+`` on the Backlog, while the file was busy)."""
        return any(
            isinstance(other, CommandRunner) and other is not self and other._in_flight is not None
            for other in self.kanban.writing
        )

    def on_unmount(self) -> None:
        self.kanban.writing.discard(self)

    # -- what the screen is told ------------------------------------------------------
    def _succeeded(self, command: Command, result: Any) -> None:
        """After ``Done`` is posted: a subclass refreshes what shows the result."""

    def _shown_in_place(self, command: Command) -> bool:
        """True when the dialog on top shows the write's result itself: its
        note then says nothing (held while the dialog is open, it would come
        once the dialog closed, long after)."""
        return False

    def _answer(self, command: Command, error: KanbanError, fresh: Card | None) -> None:
        """A refusal's answer, after ``Refused`` is posted: the sentence."""
        screen = self.screen
        if isinstance(screen, KanbanScreen):
            screen.show_refusal(error)
        else:
            self.notify(error.message, severity="error", markup=False)
