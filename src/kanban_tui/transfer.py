"""The palette's "Export board…" and "Import…": the CLI's export and import,
from the TUI, through the same services (services/export.py, services/importer.py,
services/import_trello.py, services/import_jira.py) and the same summary lines.

Both ask for a path with :class:`PromptDialog`, do the file work and the
database work in a thread worker, and on a refusal open the prompt again with
the text typed and the one sentence. The import shows a progress bar while it
runs (cards written, told by the services through ``import_writer.reporting``
from the worker with ``call_from_thread``), then the summary with a key to
open the imported board. A board key that is taken here is named, and another
asked for, a free one offered (the ``--as KEY`` of the command line).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from textual import work
from textual.app import SystemCommand
from textual.content import Content

from .dialogs.board_switcher import open_board_asking
from .dialogs.risk_prompts import PromptDialog
from .dialogs.transfer import ProgressDialog, SummaryDialog
from .domain import validation
from .domain.errors import KanbanError
from .domain.import_summary import summary_lines
from .screens.base import read_only_sentence
from .services.export_file import read_export
from .services.import_writer import ImportKeyTaken, reporting
from .widgets.text import literal

SOURCES = ("kanban", "trello", "jira-csv")
EXPORT_SUFFIXES = (".json", ".csv", ".md", ".markdown")


def guess_source(path: Path, text: str) -> str:
    """kanban, trello or jira-csv, from the extension and the content."""
    if path.suffix.lower() == ".csv":
        return "jira-csv"
    try:
        data = json.loads(text)
    except (ValueError, RecursionError):
        return "jira-csv" if "," in text.partition("\n")[0] else "kanban"
    if isinstance(data, dict) and "boards" not in data and ("lists" in data or "idBoard" in data):
        return "trello"  # a board, or a single card (which the Trello reader refuses, saying so)
    return "kanban"


class TransferCommands:
    """The app's export and import (mixed into ``KanbanApp``)."""

    files_refused: str | None = None
    """Why this app may not touch the files of the machine it runs on (a page
    of ``kanban serve``, whose visitor is not the serving user); None: it may."""

    def _files_refused(self) -> bool:
        app: Any = self
        if self.files_refused is not None:
            app.notify(self.files_refused, markup=False)
        return self.files_refused is not None

    def transfer_commands(self) -> Iterable[SystemCommand]:
        yield SystemCommand(
            "Export board…",
            "Write the open board to a .json, .csv or .md file",
            self.action_export_board,
        )
        yield SystemCommand(
            "Import…",
            "Load a kanban export, a Trello JSON or a Jira CSV as a new board",
            self.action_import_file,
        )

    # -- export ----------------------------------------------------------------------
    def action_export_board(self, value: str = "", note: str = "") -> None:
        app: Any = self
        if self._files_refused():
            return
        key = app.board_key
        app.push_screen(
            PromptDialog(
                Content("Export board"),
                Content(
                    f"Write board {key} to a file: .json (everything, as `kanban export`), "
                    ".csv (the cards, for a spreadsheet) or .md (a page for a wiki). Path:"
                ),
                _check_path,
                value=value or f"~/{key}-export.json",
                confirm="Export",
                note=note,
            ),
            self._export_to,
        )

    def _export_to(self, typed: str | None) -> None:
        if typed:
            self._export_worker(typed)

    @work(thread=True, group="transfer", exit_on_error=False)
    def _export_worker(self, typed: str) -> None:
        from .services import export
        from .services.export_csv import cards_csv
        from .services.export_file import database_file, write_export
        from .services.export_markdown import export_markdown

        app: Any = self
        key = app.board_key
        target = Path(typed.strip()).expanduser()
        try:
            suffix = target.suffix.lower()
            if suffix not in EXPORT_SUFFIXES:
                raise KanbanError("Name a .json, .csv or .md file.")
            document = export.export_data(app.ctx, key)
            if suffix == ".json":
                text = export.dumps(document)
            elif suffix == ".csv":
                text = cards_csv(document)
            else:
                text = export_markdown(app.ctx, document)
            write_export(target, text, database=database_file(app.ctx.db.path))
        except KanbanError as error:
            app.call_from_thread(self.action_export_board, typed, str(error))
            return
        count = sum(len(board["cards"]) for board in document["boards"])
        app.call_from_thread(
            app.notify, f"Exported {key} ({count} cards) to {target}.", markup=False
        )

    # -- import ----------------------------------------------------------------------
    def action_import_file(self, value: str = "", note: str = "") -> None:
        app: Any = self
        if self._files_refused():
            return
        if app.ctx.db.read_only:
            app.notify(read_only_sentence(app.ctx), markup=False)
            return
        app.push_screen(
            PromptDialog(
                Content("Import"),
                Content(
                    "Load a file as a new board: a kanban export (.json), a Trello "
                    "board (.json) or a Jira CSV export (.csv). Path:"
                ),
                _check_path,
                value=value,
                placeholder="~/backup.json",
                confirm="Import",
                note=note,
            ),
            self._import_from,
        )

    def _import_from(
        self, typed: str | None, key: str | None = None, first: ImportKeyTaken | None = None
    ) -> None:
        """Import the file at ``typed``, under ``key`` when given (``first``:
        the refusal of the file's own key that made the person give it)."""
        if not typed:
            return
        app: Any = self
        progress = ProgressDialog("Importing", typed.strip())
        app.push_screen(progress)
        self._import_worker(typed, progress, key, first)

    @work(thread=True, group="transfer", exit_on_error=False)
    def _import_worker(
        self,
        typed: str,
        progress: ProgressDialog,
        key: str | None,
        first: ImportKeyTaken | None,
    ) -> None:
        app: Any = self

        def step(done: int, total: int) -> None:
            app.call_from_thread(progress.advance, done, total)

        try:
            with reporting(step):
                lines, made = self._import(Path(typed.strip()).expanduser(), key)
        except ImportKeyTaken as taken:
            app.call_from_thread(_close, progress)
            if taken.free is None:  # a file of several boards: no key to ask for
                note = taken.sentence("a file of several boards comes in under its own keys")
                app.call_from_thread(self.action_import_file, typed, note)
            elif key is None or first is None:
                app.call_from_thread(self._ask_key, typed, taken)
            else:  # the key given is taken too
                app.call_from_thread(self._ask_key, typed, first, key, taken.sentence())
            return
        except KanbanError as error:
            app.call_from_thread(_close, progress)
            app.call_from_thread(self.action_import_file, typed, str(error))
            return
        app.call_from_thread(_close, progress)
        app.call_from_thread(app.mark_views_stale)
        app.call_from_thread(self._show_summary, lines, made)

    def _ask_key(self, typed: str, taken: ImportKeyTaken, value: str = "", note: str = "") -> None:
        """The file's board key is taken here: ask for another, a free one
        offered; a key typed that is taken too comes back with its sentence."""
        app: Any = self

        def answered(key: str | None) -> None:
            if key:
                self._import_from(typed, key.strip(), taken)

        app.push_screen(
            PromptDialog(
                Content("Import under another key"),
                literal(f"{taken.sentence()} Import {typed.strip()} as a new board with the key:"),
                _check_key,
                value=value or taken.free or "",
                confirm="Import",
                note=note,
            ),
            answered,
        )

    def _import(self, path: Path, key: str | None = None) -> tuple[list[str], str]:
        """Run the import (under ``key`` when given); the summary lines and the
        new board's key."""
        app: Any = self
        text = read_export(path, str(path))
        source = guess_source(path, text)
        if source == "jira-csv":
            from .services.import_jira import import_jira

            summary = import_jira(app.ctx, text, key=key)
            return summary_lines(summary), summary.board_key
        try:
            data = json.loads(text)
        except (ValueError, RecursionError):
            raise KanbanError(f"{path} is not JSON.") from None
        if source == "trello":
            from .services.import_trello import import_trello

            summary = import_trello(app.ctx, data, key=key)
            return summary_lines(summary), summary.board_key
        from .services import importer

        done = importer.import_boards(app.ctx, data, name=str(path), rename=key)
        if not done:
            raise KanbanError(importer.no_boards_line(str(path)))
        return importer.imported_lines(done), done[0].key

    def _show_summary(self, lines: list[str], key: str) -> None:
        app: Any = self

        def opened(yes: bool | None) -> None:
            if yes:  # over the new board, no dialog of the old (typing is asked about)
                open_board_asking(app, key)

        app.push_screen(
            SummaryDialog(
                "Imported", Content("\n".join(lines)), confirm=f"Open {key}", cancel="Close"
            ),
            opened,
        )


def _check_path(text: str) -> str | None:
    return None if text.strip() else "Type a file path."


def _check_key(text: str) -> str | None:
    try:
        validation.board_key(text)
    except KanbanError as error:
        return error.message
    return None


def _close(progress: ProgressDialog) -> None:
    if progress.is_current:
        progress.dismiss()
