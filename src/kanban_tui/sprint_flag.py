"""Sprint rule 7: an active sprint past its end date is flagged on every screen.

Mixed into the app: ``sprint_flag`` holds the flag's sentence ("" when there
is none) and every screen shows it in its top bar. It is read again when the
app starts, when the board or the view changes, when a screen reloads
(screens call :meth:`refresh_sprint_flag`), and once a minute, since a sprint
becomes overdue at midnight with nothing else happening.
"""

from __future__ import annotations

from typing import Any

from textual import work
from textual.app import App
from textual.reactive import reactive

from .domain.errors import KanbanError
from .services import sprints
from .services.context import Context

CHECK_SECONDS = 60.0


class SprintFlag(App[Any]):
    """Keeps ``sprint_flag`` up to date; call :meth:`start_sprint_flag` on mount."""

    sprint_flag: reactive[str] = reactive("", init=False)
    """The overdue sentence of the open board's active sprint, or ""."""
    _flag_reads = 0
    _flag_ctx: Context | None = None
    _flag_board = ""

    def start_sprint_flag(self, ctx: Context, board_key: str) -> None:
        """Read the flag of ``board_key`` now, again when the app's ``board_key``
        changes, and once a minute."""
        self._flag_ctx = ctx
        self._flag_board = board_key
        self.watch(self, "board_key", self._flag_board_changed, init=False)
        self.set_interval(CHECK_SECONDS, self.refresh_sprint_flag, name="sprint-flag")
        self.refresh_sprint_flag()

    def _flag_board_changed(self, key: str) -> None:
        self._flag_board = key
        self.refresh_sprint_flag()

    def refresh_sprint_flag(self) -> None:
        """Read the flag again (in a worker)."""
        if self._flag_ctx is not None and self._flag_board:
            self._flag_reads += 1
            self._read_sprint_flag(self._flag_ctx, self._flag_board, self._flag_reads)

    @work(thread=True, group="sprint-flag", exit_on_error=False)
    def _read_sprint_flag(self, ctx: Context, key: str, ticket: int) -> None:
        try:
            text = sprints.overdue(ctx, key) or ""
        except KanbanError:
            text = ""
        self.call_from_thread(self._set_sprint_flag, key, text, ticket)

    def _set_sprint_flag(self, key: str, text: str, ticket: int) -> None:
        # Only the latest read counts: an older one may finish after it.
        if ticket == self._flag_reads and key == self._flag_board:
            self.sprint_flag = text

    def switch_mode(self, mode: str) -> Any:
        result = super().switch_mode(mode)
        self.refresh_sprint_flag()
        return result
