"""The Backlog screen (3): planned sprints above the ranked backlog; planning,
estimating, starting and completing sprints from the keyboard.

What it shows is :class:`~.view.PlanView`; what its keys do is :mod:`.cards`
(card keys) and :mod:`.cycle` (sprint keys). Here: the keys themselves, the
ones that depend on the row, what applies where, and the palette.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from textual import on
from textual.app import SystemCommand
from textual.binding import BindingType

from ...widgets.backlog_list import PlanList
from ...widgets.backlog_rows import CARD, HEADER, SECTION
from ..archive_done import TITLE as ARCHIVE_DONE
from ..archive_done import archive_done
from ..card_palette import card_entries
from ..forecast import PALETTE as FORECAST_PALETTE
from ..forecast import forecast_backlog
from ..keys import UNDO_PALETTE
from .cycle import SprintCycleActions
from .keys import HELP_NOTES, KEYS


class BacklogScreen(SprintCycleActions):
    """Sprint sections, then the backlog; the cursor's row is what keys act on."""

    BINDINGS: ClassVar[list[BindingType]] = KEYS
    HELP_NOTES = HELP_NOTES

    # -- keys that depend on the row ----------------------------------------------------
    def action_open(self) -> None:
        row = self.plan_list.current
        if row is None:
            return
        if row.kind == CARD:
            self.action_edit_card()
        elif self._focused_sprint() is not None:
            self.action_edit_sprint()
        else:
            self.action_fold()

    def action_delete(self) -> None:
        row = self.plan_list.current
        if row is not None and row.kind == CARD:
            self.action_delete_card()
        elif row is not None and row.kind == HEADER:
            self.action_delete_sprint()

    def action_archive(self) -> None:
        row = self.plan_list.current
        if row is not None and row.kind == CARD:
            self.action_archive_card()
        elif row is not None and row.kind == HEADER:
            self.action_delete_sprint()

    def action_open_archive(self) -> None:
        self.app.switch_mode("archive")

    def action_fold(self) -> None:
        section = self._section()
        if section is None or self.state is None:
            return
        self.state.toggle_fold(section)
        self._show((SECTION, section.number))

    def action_section(self, step: int) -> None:
        plan_list = self.plan_list
        headers = plan_list.section_rows()
        if not headers:
            return
        here = plan_list.cursor
        if step < 0:
            above = [i for i in headers if i < here]
            target = above[-1] if above else headers[0]
        else:
            below = [i for i in headers if i > here]
            target = below[0] if below else headers[-1]
        plan_list.select_row(target)
        self.refresh_bindings()

    def action_forecast(self) -> None:
        """``W``: when the backlog down to the selected card will be done."""
        card = self._card()
        if card is not None:
            section = self._section()
            number = section.number if section is not None else None
            forecast_backlog(self, self.ctx, self.board_key, card.key, number)

    @on(PlanList.Opened)
    def _opened(self, _: PlanList.Opened) -> None:
        row = self.plan_list.current
        if row is not None and row.kind == CARD:
            self.action_read_card()
        else:
            self.action_open()

    @on(PlanList.FoldClicked)
    def _fold_clicked(self, _: PlanList.FoldClicked) -> None:
        self.action_fold()

    # -- bindings, help and palette ------------------------------------------------
    CARD_ACTIONS = frozenset(
        {
            "read_card",
            "edit_card",
            "rank",
            "assign",
            "block",
            "estimate",
            "estimate_step",
            "move_to",
            "plan",
        }
    )
    WRITES = (CARD_ACTIONS - {"read_card"}) | {
        "new_card",
        "open",
        "unplan",
        "archive",
        "delete",
        "new_sprint",
        "edit_sprint",
        "start_sprint",
        "complete_sprint",
        "undo",
    }

    def writes(self, action: str, parameters: tuple[object, ...]) -> bool:
        if action == "open":  # on the backlog's heading, enter only folds it
            row = self.plan_list.current if self.state is not None else None
            return row is not None and (row.kind == CARD or self._focused_sprint() is not None)
        return super().writes(action, parameters)

    def applies(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "clear_filter":
            return self.filter_engaged()
        state = self.state
        if state is None:
            return True if action in ("filter", "reload", "section") else None
        row = self.plan_list.current
        section = self._section()
        on_card = row is not None and row.kind == CARD
        if action == "plan" and row is not None and row.kind == HEADER:
            return True  # > on a heading says what it does and that it needs a card
        if action == "forecast":
            return True if on_card else None
        if action in self.CARD_ACTIONS:
            # None (dimmed) also lets enter fall through to ``open`` on a heading.
            return True if on_card else None
        if action == "unplan":
            return True if on_card and section is not None and not section.is_backlog else None
        if action == "open":
            return True if row is not None else None
        if action in ("archive", "delete"):
            on_planned = (
                row is not None and row.kind == HEADER and bool(section and section.is_planned)
            )
            return True if on_card or on_planned else None
        if action == "edit_sprint":
            return True if self._focused_sprint() is not None else None
        if action == "start_sprint":
            return True if state.planned else None
        if action == "complete_sprint":
            return True if state.active is not None else None
        return True

    def palette_commands(self) -> Iterable[SystemCommand]:
        yield SystemCommand(
            "New card", "Add a card to the selected section (n)", self.action_new_card
        )
        yield SystemCommand("New sprint", "Plan a new sprint (c)", self.action_new_sprint)
        yield SystemCommand(
            "Start sprint",
            "Start the selected or next planned sprint (s)",
            self.action_start_sprint,
        )
        yield SystemCommand(
            "Complete sprint", "Complete the active sprint (C)", self.action_complete_sprint
        )
        yield from card_entries(self, self._card)
        yield SystemCommand(*FORECAST_PALETTE, self.action_forecast)
        yield SystemCommand(*UNDO_PALETTE, self.action_undo)
        yield SystemCommand(
            "Filter cards",
            "Narrow the plan by text, @assignee, #label or due: (/)",
            self.action_filter,
        )
        yield SystemCommand(
            ARCHIVE_DONE,
            "Asks first with the count; the Archive view (A) restores them",
            lambda: archive_done(self.commands, self.board_key),
        )
        yield SystemCommand("Reload backlog", "Read the plan again (ctrl+r)", self.reload)
