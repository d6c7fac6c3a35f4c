"""A card's history (or a risk's, a sprint's, a column's): every event about
it, newest first, with who and when.

Opened with ``i`` on a card, ``ctrl+o`` in the card editor and ``enter`` on
the Activity screen. Read in a worker; ``reload()`` lets live updates add
what others do while it is open.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Button, Static

from ..domain.activity import sprint_label
from ..domain.errors import KanbanError, NotFound
from ..domain.event_about import related_card
from ..domain.model import Event
from ..formatting import plural
from ..widgets.activity_table import ActivityTable
from ..widgets.text import literal
from .base import Dialog

if TYPE_CHECKING:
    from collections.abc import Sequence

    from ..services.activity import Change
    from ..services.context import Context

LIMIT = 1000
_CARD = re.compile(r"[A-Z][A-Z0-9]{1,9}-[0-9]+")
_RISK = re.compile(r"[A-Z][A-Z0-9]{1,9}-R[0-9]+")
_SPRINT = re.compile(r"[A-Z][A-Z0-9]{1,9}-S[0-9]+")


def history_key(event: Event) -> str | None:
    """Whose history an event belongs to: its card, else its risk, sprint or column."""
    card = related_card(event.entity, event.key, event.data)
    if card is not None and event.entity in ("card", "column"):
        return card
    if event.entity in ("risk", "sprint", "column", "card"):
        return event.key or None
    return None


class HistoryLoaded(Message):
    def __init__(self, title: str, events: list[Event], lines: dict[int, str], ticket: int):
        super().__init__()
        self.title = title
        self.events = events
        self.lines = lines
        self.ticket = ticket


class HistoryFailed(Message):
    """The read was refused (a server out of reach): ``message`` says why."""

    def __init__(self, message: str, ticket: int) -> None:
        super().__init__()
        self.message = message
        self.ticket = ticket


class HistoryDialog(Dialog[None]):
    """Everything that happened to ``key`` on board ``board_key``, newest first."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "cancel", "Close", show=False, id="history.close"),
    ]

    def __init__(self, ctx: Context, board_key: str, key: str) -> None:
        super().__init__(classes="dialog-screen")
        self.ctx = ctx
        self.board_key = board_key
        self.key = key
        self._loads = 0

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog -history", id="history"):
            yield Static(self._heading(""), classes="dialog-title", id="history-title")
            yield ActivityTable(wrap=True, id="history-events")
            with Horizontal(classes="dialog-buttons"):
                yield Static(Content("loading…"), classes="dialog-hint", id="history-count")
                yield Button(Content("Close"), id="close", compact=True)

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one(ActivityTable).focus()
        self.reload()

    def _heading(self, title: str) -> Content:
        kind = "Sprint" if _SPRINT.fullmatch(self.key) else ""
        name = sprint_label(self.key) if kind else self.key
        heading = Content.assemble("History of ", literal(name, "bold"))
        return Content.assemble(heading, " · ", literal(title)) if title else heading

    def refresh_data(self, changes: Sequence[Change] | None = None) -> None:
        """Live updates: add what others did while the dialog is open."""
        self.reload()

    def reload(self) -> None:
        """Read the events again."""
        self._loads += 1
        self._load(self._loads)

    @work(thread=True, exclusive=True, group="history-load")
    def _load(self, ticket: int) -> None:
        from ..services import activity

        try:
            title = self._title()
            events = activity.recent_events(self.ctx, self.board_key, key=self.key, limit=LIMIT)
        except KanbanError as error:
            self.post_message(HistoryFailed(error.message, ticket))
            return
        lines = {event.id: activity.describe(event) for event in events}
        self.post_message(HistoryLoaded(title, events, lines, ticket))

    def _title(self) -> str:
        """The card's or risk's title; a deleted card has none left."""
        from ..services import cards, risks

        try:
            if _CARD.fullmatch(self.key):
                return cards.get_card(self.ctx, self.key).title
            if _RISK.fullmatch(self.key):
                return risks.get_risk(self.ctx, self.key).title
        except NotFound:
            return "deleted"
        return ""

    @on(HistoryLoaded)
    def _loaded(self, message: HistoryLoaded) -> None:
        if message.ticket != self._loads:
            return
        self.query_one("#history-title", Static).update(self._heading(message.title))
        now = self.ctx.clock().astimezone()
        table = self.query_one(ActivityTable)
        table.show(message.events, message.lines, now=now, me=self.ctx.actor)
        count = len(message.events)
        what = plural(count, "event") if count else "no events"
        more = " (the newest)" if count >= LIMIT else ""
        self.query_one("#history-count", Static).update(
            Content(f"{what}{more}, newest first · esc close")
        )

    @on(HistoryFailed)
    def _failed(self, message: HistoryFailed) -> None:
        """The sentence in place of ``loading…`` (a toast would sit under the dialog)."""
        if message.ticket != self._loads:
            return
        line = self.query_one("#history-count", Static)
        line.update(Content.assemble(literal(message.message, "$text-error"), " · esc close"))

    @on(Button.Pressed, "#close")
    def _close(self, _: Any) -> None:
        self.dismiss(None)
