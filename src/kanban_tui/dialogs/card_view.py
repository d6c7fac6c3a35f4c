"""A card to read: ``enter`` on a card (Board, Sprint, Backlog).

Every field, the risks it is linked to, its description and its comments,
as text: there is nothing to type into here. ``c`` comments, ``e`` edits,
``b`` blocks or unblocks, through what the screen gives it; while changes
are refused (a file this person may only read, a server out of reach) they
leave the keys and, pressed, say why in place; the title says ``read-only``
(:meth:`CardViewDialog.show_read_only` follows an outage). It reads the card again when
others change it or a change made from here is saved, and ctrl+o (or i)
shows its history.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import TYPE_CHECKING, ClassVar

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widgets import Static

from ..domain.due import DueState, card_due_state, marked
from ..domain.errors import KanbanError, NotFound
from ..domain.model import Card, Comment
from ..domain.risks import Risk
from ..formatting import due_mark
from ..services import cards as card_services
from ..services import comments as comment_services
from ..services import risks as risk_services
from ..services.context import Context
from ..widgets.text import literal, safe_lines
from .base import Dialog, read_only_sentence

if TYPE_CHECKING:
    from ..services.activity import Change

LABEL = 10
MUTED = "$foreground-muted"


def _row(label: str, value: Content | str) -> Content:
    return Content.assemble((label.ljust(LABEL), MUTED), value)


def _none(text: str = "none") -> Content:
    return Content.styled(text, MUTED)


def comments_text(discussion: Sequence[Comment]) -> list[Content]:
    """The discussion, newest last: who and when, then what they wrote."""
    lines = [Content.styled(f"Comments ({len(discussion)})", "bold $text-accent")]
    if not discussion:
        lines.append(_none())
    for entry in discussion:
        when = entry.at.astimezone().strftime("%Y-%m-%d %H:%M")
        lines.append(Content.assemble(literal(entry.author, "bold"), (f" · {when}", MUTED)))
        lines.append(Content(safe_lines(entry.text)))
    return lines


DUE_STYLE = {DueState.SOON: "bold $text-warning", DueState.OVERDUE: "bold $text-error"}
"""A due mark's style in the card view, as on the card (``card-list--due-*``)."""


def due_text(card: Card, today: date | None) -> Content:
    """The due date and, against ``today``, the card's mark beside it:
    ``2026-12-01  due 1 Dec`` (warning colour within 2 days), ``overdue``
    (error colour) once past. A done card shows only the date."""
    if card.due is None:
        return _none()
    if today is None or not marked(card):
        return Content(card.due.isoformat())
    state = card_due_state(card, today)
    mark = due_mark(card.due, today, overdue=state is DueState.OVERDUE)
    return Content.assemble(card.due.isoformat(), "  ", (mark, DUE_STYLE.get(state, MUTED)))


def card_text(
    card: Card,
    linked: Sequence[Risk],
    gone: bool = False,
    discussion: Sequence[Comment] = (),
    today: date | None = None,
) -> Content:
    """Every field of ``card`` for reading; user text stays literal.
    ``today``: the day the due mark is read against (None: the date alone)."""
    lines = [
        literal(card.title, "bold"),
        Content(""),
        _row("Column", literal(card.column)),
        _row("Sprint", _none() if card.sprint is None else f"Sprint {card.sprint}"),
        _row("Type", card.type.value),
        _row("Priority", card.priority.value),
        _row("Points", _none("not estimated") if card.points is None else str(card.points)),
        _row("Assignee", literal(card.assignee) if card.assignee else _none("unassigned")),
        _row("Labels", literal(", ".join(card.labels)) if card.labels else _none()),
        _row("Due", due_text(card, today)),
        _row(
            "Blocked",
            literal(card.blocked, "bold $text-error") if card.blocked else _none("no"),
        ),
    ]
    risks: list[Content | tuple[str, str] | str] = []
    for index, risk in enumerate(linked):
        if index:
            risks.append(", ")
        risks.append(
            Content.assemble((f"⚠ {risk.key}", "bold $text-warning"), f" {risk.severity.value}")
        )
    lines.append(_row("Risks", Content.assemble(*risks) if risks else _none()))
    lines += [Content(""), Content.styled("Description", "bold $text-accent")]
    lines.append(Content(safe_lines(card.description)) if card.description else _none())
    lines += [Content(""), *comments_text(discussion)]
    if gone:
        lines = [Content.styled(f"{card.key} was deleted meanwhile.", "bold $text-warning"), *lines]
    return Content("\n").join(lines)


WRITES = frozenset({"comment", "edit", "block"})
"""The card view's actions that change the card: refused while the file is read-only."""

CardAction = Callable[[Card], object]
"""What a key of the card view does to its card (the screen's CardCommands)."""


class CardViewDialog(Dialog[None]):
    """The card to read; esc or q closes it, ctrl+o or i shows its history,
    c comments, e edits, b blocks or unblocks."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "cancel", "Close", key_display="esc", id="card_view.close"),
        Binding("c", "comment", "Comment", id="card_view.comment", tooltip="Add a comment"),
        Binding("e", "edit", "Edit", id="card_view.edit", tooltip="Edit the card"),
        Binding(
            "b",
            "block",
            "Block",
            id="card_view.block",
            tooltip="Block the card, saying why; or unblock it",
        ),
        Binding("ctrl+o,i", "history", "History", id="card_view.history"),
    ]

    class _Read(Message):
        def __init__(
            self, card: Card | None, linked: list[Risk], discussion: list[Comment]
        ) -> None:
            super().__init__()
            self.card = card
            self.linked = linked
            self.discussion = discussion

    def __init__(
        self,
        ctx: Context,
        card: Card,
        comment: CardAction | None = None,
        *,
        edit: CardAction | None = None,
        block: CardAction | None = None,
    ) -> None:
        super().__init__(classes="dialog-screen")
        self.ctx = ctx
        self.card = card
        self.linked: list[Risk] = []
        self.discussion: list[Comment] = []
        self.gone = False
        self.comment = comment
        """What ``c`` does: the screen's comment prompt (which says why not on a
        file this person may only read); ``edit`` and ``block`` likewise."""
        self.edit = edit
        self.block = block
        self._read_only = ctx.db.read_only

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog -details", id="card-view"):
            yield Static(self._title(), classes="dialog-title", id="card-view-title")
            with VerticalScroll(id="card-view-body"):
                yield Static(
                    card_text(self.card, self.linked, today=self.ctx.today()), id="card-view-text"
                )
            yield Static("", classes="dialog-body -warning", id="card-view-note")
            yield Static(self._hint(), classes="dialog-hint", id="card-view-hint")

    def _title(self) -> Content:
        read_only = " · read-only" if self._read_only else ""
        return Content.assemble((self.card.key, "bold"), read_only)

    def _hint(self) -> Content:
        changes = not (self._read_only or self.gone or self.card.archived)
        writes = " · c comment · e edit · b block" if changes else ""
        return Content(f"esc close{writes} · i history · ↑↓ scroll")

    def show_read_only(self) -> None:
        """The title says ``read-only`` and c, e, b leave the keys while
        changes are refused (a server out of reach), and come back after."""
        if self._read_only == self.ctx.db.read_only:
            return
        self._read_only = self.ctx.db.read_only
        if not self._read_only:
            self.query_one("#card-view-note").display = False
        self.query_one("#card-view-title", Static).update(self._title())
        self.query_one("#card-view-hint", Static).update(self._hint())
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Not offered while changes are refused; pressed, they say why (on_key).
        # Nor on a card deleted meanwhile: there is nothing left to change.
        return not (action in WRITES and (self.ctx.db.read_only or self.gone))

    def on_key(self, event: events.Key) -> None:
        if not self.ctx.db.read_only:
            return
        for node, bindings in self._modal_binding_chain:  # as Textual looks keys up
            bound = bindings.key_to_bindings.get(event.key, ())
            if node is self and any(binding.action in WRITES for binding in bound):
                event.stop()
                # In place: a toast waits until the dialog closes (see notices.py).
                note = self.query_one("#card-view-note", Static)
                note.update(literal(read_only_sentence(self.ctx)))
                note.display = True
                return

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#card-view-note").display = False
        self.query_one("#card-view-body").focus()
        self._read(self.card.key)

    @work(thread=True, exclusive=True, group="card-view")
    def _read(self, key: str) -> None:
        try:
            card: Card | None = card_services.get_card(self.ctx, key)
            linked = risk_services.card_risks(self.ctx, key)
            discussion = comment_services.comments(self.ctx, key)
        except NotFound:
            card, linked, discussion = None, [], []
        except KanbanError:
            return  # a busy file: what is shown stays
        self.post_message(self._Read(card, linked, discussion))

    @on(_Read)
    def _show(self, message: _Read) -> None:
        if message.card is None:
            self.gone = True
        else:
            self.card, self.linked = message.card, message.linked
            self.discussion = message.discussion
        self.query_one("#card-view-text", Static).update(
            card_text(self.card, self.linked, self.gone, self.discussion, self.ctx.today())
        )
        self.query_one("#card-view-hint", Static).update(self._hint())
        self.refresh_bindings()

    def refresh_data(self, changes: Sequence[Change] | None = None) -> None:
        """Others changed something: read the card again if it may be this one."""
        if self.gone:
            return
        if changes is not None and not any(c.entity in ("card", "risk", "file") for c in changes):
            return
        self._read(self.card.key)

    def action_history(self) -> None:
        from .card_history import HistoryDialog

        self.app.push_screen(HistoryDialog(self.ctx, self.card.board_key, self.card.key))

    def action_comment(self) -> None:
        self._act(self.comment)

    def action_edit(self) -> None:
        self._act(self.edit)

    def action_block(self) -> None:
        self._act(self.block)

    def _act(self, action: CardAction | None) -> None:
        if action is not None and not self.gone:
            action(self.card)
