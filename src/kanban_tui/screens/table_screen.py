"""What the views whose list is one table share: the Activity and the Archive.

Which keys apply follows the table's cursor and focus, ``?`` lists the
table's keys before the screen's, the filter field hands the cursor back to
the table, and ``ctrl+z`` takes back the person's last action from here
(:func:`.undo_anywhere.undo_here`).
"""

from __future__ import annotations

from typing import Any

from textual import on
from textual.dom import DOMNode
from textual.widgets import DataTable

from .base import Data
from .card_commands import CommandScreen
from .undo_anywhere import undo_here


class TableScreen(CommandScreen[Data]):
    """A view of one table; a subclass says which (:attr:`table`)."""

    @property
    def table(self) -> DataTable[Any]:
        raise NotImplementedError

    def focus_list(self) -> None:
        self.table.focus()

    def help_nodes(self) -> list[DOMNode]:
        """Whose bindings ``?`` lists: the table's, then this screen's."""
        return [self.table, self]

    def on_descendant_focus(self, _: Any) -> None:
        self.refresh_bindings()

    @on(DataTable.RowHighlighted)
    def _row_highlighted(self, _: DataTable.RowHighlighted) -> None:
        self.refresh_bindings()

    def action_undo(self) -> None:
        undo_here(self)
