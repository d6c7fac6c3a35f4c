"""The Textual application: modes (one per view), keys shared by every view, palette.

``create_app`` is the one way to build it, for the command line and the tests
alike. Nothing here touches the database at import time.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterable
from functools import partial
from typing import Any, ClassVar

from textual import work
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.reactive import reactive
from textual.screen import Screen
from textual.theme import Theme

from . import config as settings
from . import paths
from .dialogs.base import Dialog
from .dialogs.board_switcher import NEW_BOARD, BoardsProvider, BoardSwitcher
from .dialogs.confirm import ConfirmDialog, DiscardDialog, discard_dialog
from .dialogs.help import HelpDialog, binding_rows
from .domain.errors import KanbanError
from .domain.model import Board
from .live import LiveUpdates
from .notices import Notices
from .screens import VIEWS
from .screens.base import KanbanHost, KanbanScreen
from .services import boards
from .services.context import Context
from .sprint_flag import SprintFlag
from .stylesheet import SteadyStylesheet
from .transfer import TransferCommands
from .widgets.text import safe

SETTINGS_ENTRIES: tuple[tuple[str, str, str], ...] = (
    ("Add column", "Add a column to the board: name, category, WIP limit", "add_column"),
    ("Rename column", "Give the Board's focused column a new name", "rename_column"),
    ("Move column left", "Move the Board's focused column one place left", "move_column('left')"),
    (
        "Move column right",
        "Move the Board's focused column one place right",
        "move_column('right')",
    ),
    ("Delete column", "Delete the focused column; asks where its cards go", "delete_column"),
    (
        "Set column category",
        "Set the focused column's category: to do, in progress, done",
        "set_category",
    ),
    ("New board", "Create a board: key, name, Kanban or Scrum columns or your own", "new_board"),
    ("Rename board", "Give the open board a new name", "rename_board"),
    ("Delete board", "Delete the open board (only an empty one)", "delete_board"),
)
"""The palette's entries for Board settings' own keys: on the focused column, then
on the board."""

VIEW_ENTRIES: tuple[tuple[str, str, str], ...] = (
    ("Board view", "The Kanban board (1)", "board"),
    ("Sprint view", "The active sprint's cards, header and burndown (2)", "sprint"),
    ("Backlog view", "Plan sprints: the ranked backlog under the planned sprints (3)", "backlog"),
    ("Risks view", "The risk register, its heat map and each risk's details (4)", "risks"),
    ("Reports view", "Velocity, and each sprint's burndown and report (5)", "reports"),
    ("Activity", "Who did what, newest first; each card's history (6)", "activity"),
    (
        "Archive",
        "The archived cards: filter, restore, delete for good (A on a card view)",
        "archive",
    ),
)
"""The palette's entries that switch to a view: name, help, mode."""


class KanbanApp(Notices, SprintFlag, LiveUpdates, TransferCommands, App[None]):
    """A keyboard-driven Kanban board on one database, acting for ``ctx.actor``."""

    TITLE = "kanban"
    CSS_PATH = [
        "styles/app.tcss",
        "styles/dialogs.tcss",
        "styles/sprint.tcss",
        "styles/backlog.tcss",
        "styles/risks.tcss",
        "styles/activity.tcss",
        "styles/archive.tcss",
        "styles/settings.tcss",
    ]
    MODES: ClassVar[dict[str, Any]] = dict(VIEWS)
    DEFAULT_MODE = "board"
    COMMANDS: ClassVar[set[Any]] = App.COMMANDS | {BoardsProvider}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "Quit", id="app.quit"),
        Binding("question_mark", "help", "Help", key_display="?", id="app.help"),
        Binding("ctrl+b", "switch_board", "Boards", show=False, id="app.switch_board"),
        Binding("1", "switch_mode('board')", "Board view", show=False, id="app.view.board"),
        Binding("2", "switch_mode('sprint')", "Sprint view", show=False, id="app.view.sprint"),
        Binding("3", "switch_mode('backlog')", "Backlog view", show=False, id="app.view.backlog"),
        Binding("4", "switch_mode('risks')", "Risks view", show=False, id="app.view.risks"),
        Binding("5", "switch_mode('reports')", "Reports view", show=False, id="app.view.reports"),
        Binding("6", "switch_mode('activity')", "Activity", show=False, id="app.view.activity"),
    ]

    board_key: reactive[str] = reactive("", init=False)
    """The open board; screens watch it and reload when it changes."""

    remembers = True
    """Whether a theme, a card layout or a board opened is saved for this user;
    a page of ``kanban serve`` keeps them to itself (its visitor is not the
    serving user, whose files they are)."""
    collects_when_shown = False
    """Whether a view, once drawn, has the collector's full pass run
    (``KanbanScreen.collect_soon``): set by the TUI's own process, not by
    tests, which run many apps in one process."""

    def __init__(self, ctx: Context, board_key: str, config: settings.Config) -> None:
        super().__init__()
        self.stylesheet = SteadyStylesheet(variables=self.get_css_variables())
        self.ctx = ctx
        self.config = config
        self.set_reactive(KanbanApp.board_key, board_key)
        self.cursor_blink = config.cursor_blink
        self.card_layout = settings.card_layout(config)
        self._config_lock = threading.Lock()
        if not config.animations:
            self.animation_level = "none"
        if config.keymap:
            self.set_keymap(config.keymap)
        self._saved_theme = ""
        self.writing: set[object] = set()
        self.written: dict[str, int] = {}
        """Each card's version after this person's own last write to it, from any view."""
        self._quit_waiting = False
        self._settings_from: str | None = None
        self.last_view = "board"
        """The view left last (the Archive's esc goes back to it)."""

    def switch_mode(self, mode: str) -> Any:
        left = self.current_mode
        result = super().switch_mode(mode)
        if mode != left:
            self.last_view = left
        return result

    def on_mount(self) -> None:
        if self.config.theme in self.available_themes:
            self.theme = self.config.theme
        self._saved_theme = self.theme
        self.theme_changed_signal.subscribe(self, self._theme_changed)
        self.start_live_updates(self.ctx)
        self.start_sprint_flag(self.ctx, self.board_key)

    def on_unmount(self) -> None:
        self.stop_live_updates()

    def sprints_changed(self) -> None:
        self.refresh_sprint_flag()

    def _theme_changed(self, theme: Theme) -> None:
        # Also called for the theme set at start-up; that one is not written
        # back, so a KANBAN_THEME override never sticks in the file.
        if theme.name != self._saved_theme:
            self._saved_theme = theme.name
            if self.remembers:
                settings.remember_theme(theme.name)

    def set_card_layout(self, layout: str) -> None:
        self.card_layout = layout
        if self.remembers:
            self._save_card_layout()

    @work(thread=True, group="config")
    def _save_card_layout(self) -> None:
        # One write at a time, each of the latest choice: two quick z presses
        # never leave the first one in the file.
        with self._config_lock:
            settings.remember_card_layout(self.card_layout)

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: Any = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        # Refusal sentences quote user text (names, keys); a plain-text
        # notification must not carry its control characters to the terminal.
        if not markup:
            message, title = safe(message), safe(title)
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=markup)

    # -- boards --------------------------------------------------------------------
    def board_list(self) -> list[Board]:
        """Every board (a refusal is said and gives none); safe off the UI thread."""
        try:
            return boards.list_boards(self.ctx)
        except KanbanError as error:
            self.notify(error.message, severity="error", markup=False)
            return []

    def open_board(self, key: str) -> None:
        """Show board ``key`` on every screen and remember it for next time."""
        if self.remembers:
            paths.remember_board(self.ctx.db.path, key)
        self.board_key = key

    # -- quitting ------------------------------------------------------------------
    async def action_quit(self) -> None:
        """Quit (q, ctrl+q). Unsaved typing in any open dialog asks first; a
        change still being saved is waited for."""
        if isinstance(self.screen, DiscardDialog):
            self.bell()  # that question is on screen: answer it first
            return
        holder = next(
            (s for s in reversed(self.screen_stack) if isinstance(s, Dialog) and s.unsaved()),
            None,
        )
        name = holder.unsaved() if holder is not None else None
        if name is None:
            self._quit_after_writes()
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self._quit_after_writes()

        self.push_screen(discard_dialog(name, quitting=True), answered)

    def _quit_after_writes(self) -> None:
        for screen in self.screen_stack:
            if isinstance(screen, KanbanScreen):
                screen.flush_pending()  # an estimate still settling is saved, then quit
        if not self.writing:
            self.exit()
        elif not self._quit_waiting:
            self._quit_waiting = True
            self.notify("Saving… kanban quits once the change is saved.", title="Quitting")
        else:  # asked again while waiting: the lock may be held for long

            def answered(yes: bool | None) -> None:
                if yes:
                    self.exit()

            question = Content("A change is still being saved; quitting now may lose it.")
            self.push_screen(
                ConfirmDialog("Still saving", question, confirm="Quit now", cancel="Wait"),
                answered,
            )

    def write_finished(self, refused: bool) -> None:
        if not self._quit_waiting:
            return
        if refused:
            self._quit_waiting = False
            self.notify(
                "kanban stays open: a change was not saved (the reason is above).",
                severity="warning",
            )
        elif not self.writing:
            self._quit_waiting = False
            self.call_later(self.action_quit)  # a dialog may hold typing by now

    def action_switch_board(self) -> None:
        self._read_boards()

    @work(thread=True, exclusive=True, group="boards", exit_on_error=False)
    def _read_boards(self) -> None:
        # The list is read off the UI thread (a busy file must not freeze it).
        found = self.board_list()
        with contextlib.suppress(RuntimeError):  # the app has just exited
            self.call_from_thread(self._pick_board, found)

    def _pick_board(self, found: list[Board]) -> None:
        def picked(key: str | None) -> None:
            if key == NEW_BOARD:
                self.board_settings("new_board")
            elif key and key != self.board_key:
                self.open_board(key)

        self.push_screen(BoardSwitcher(found, self.board_key), picked)

    def board_settings(self, then: str | None = None) -> None:
        """The Board view's settings screen, on the Board's focused column;
        ``then``: one of its actions to run (``new_board``, ``rename_column``…)."""
        action = f"board_settings({then!r})" if then else "board_settings"

        def run() -> None:
            self.call_later(self.screen.run_action, action)

        if self.current_mode == "board":
            self._settings_from = None
            run()
        else:
            self._settings_from = self.current_mode if then else None
            self.switch_mode("board")
            self.call_after_refresh(run)

    def settings_left(self) -> None:
        """Board settings opened for one action closed without it: back to the
        view it was asked from."""
        back, self._settings_from = self._settings_from, None
        if back is not None and back != self.current_mode:
            self.call_later(self.switch_mode, back)

    # -- help and palette ------------------------------------------------------------
    def action_help(self) -> None:
        screen = self.screen
        view = screen if isinstance(screen, KanbanScreen) else None
        taken: set[str] = set()  # each key once: the first row that names it
        nodes = view.help_nodes() if view else [screen]
        sections = [
            ("This view", binding_rows(self, nodes, view.offers if view else None, taken)),
            ("Everywhere", binding_rows(self, [self], None, taken)),
        ]
        self.push_screen(HelpDialog("Keys", sections, view.HELP_NOTES if view else ()))

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        yield SystemCommand("Switch board", "Open another board (ctrl+b)", self.action_switch_board)
        yield SystemCommand(
            "Board settings",
            "Columns: add, rename, move, delete, category, WIP (S on the Board)",
            self.board_settings,
        )
        for name, help_text, then in SETTINGS_ENTRIES:
            yield SystemCommand(name, help_text, partial(self.board_settings, then))
        yield from self.transfer_commands()
        yield SystemCommand("Help", "Every key of this view (?)", self.action_help)
        for name, help_text, mode in VIEW_ENTRIES:
            yield SystemCommand(name, help_text, partial(self.switch_mode, mode))
        if isinstance(screen, KanbanScreen):
            yield from screen.palette_commands()


def create_app(ctx: Context, board_key: str, *, config: settings.Config | None = None) -> KanbanApp:
    """The TUI on ``ctx``'s database, opened on board ``board_key``.

    ``config`` defaults to the user's config file and ``KANBAN_*`` variables.
    """
    app = KanbanApp(ctx, board_key, config if config is not None else settings.load())
    _host: KanbanHost = app  # all that screens may ask of the app: mypy checks it is here
    return app
