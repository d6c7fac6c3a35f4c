"""One path for every card write of the Board, Sprint and Backlog screens.

A screen's key builds a :class:`Command` (which service call, on which card,
what to ask if a WIP limit refuses it) and hands it to its
:class:`CardCommands`. The call runs in a thread worker, one command after
another in the order pressed, so the UI thread never waits on the database
(another process may hold the write lock for seconds). The screen learns the
outcome from :class:`CardCommands.Done` or :class:`CardCommands.Refused`.

Refusals get the same answer on every screen: a WIP limit (a column's or a
person's) offers the override; a stale edit reopens the editor on the fresh
card with what was typed; cancelling an override after the editor goes back
to the editor. Nothing typed is lost.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar, cast

from textual import on, work
from textual.content import Content
from textual.message import Message
from textual.timer import Timer
from textual.widget import Widget

from ..dialogs.card_editor import CardEditor, card_fields
from ..dialogs.confirm import delete_card_dialog
from ..dialogs.wip import WipOverrideDialog
from ..domain.errors import KanbanError, StaleChange, WipLimitReached
from ..domain.model import Card
from ..services import boards, cards
from ..services.context import Context
from ..widgets.text import literal
from ..widgets.top_bar import TopBar
from .base import KanbanHost, KanbanScreen

Call = Callable[[str | None, int | None], Any]
"""The service call: given the override reason (None: not forced) and the
version of the card the command was made against; returns what it changed."""

WAITING = "saving…"
WAIT_SHOWN_AFTER = 0.4
"""Seconds a write may take before the top bar says it is waiting."""


@dataclass
class Draft:
    """An editor's contents, to open it again as it was."""

    heading: Content
    card: Card | None
    values: Mapping[str, str]
    people: list[str]
    create: Callable[[dict[str, Any]], Command] | None = None
    """For a new card: the command that creates it from the values."""


@dataclass
class Command:
    """One write a key asked for."""

    kind: str
    """What it does ("create", "edit", "move", "rank", "assign", "plan", "delete", "wip" …)."""
    call: Call
    card: Card | None = None
    """The card as the screen showed it when the key was pressed."""
    offer: Content | None = None
    """The override question, when a WIP limit may refuse it ("Move WEB-2 … anyway?")."""
    draft: Draft | None = None
    """What was typed, when the command came from the editor."""
    extra: Any = None
    """The screen's own: where the cursor goes, which column, …"""
    note: Callable[[Any], str] | None = None
    """The sentence shown when it went through, from what the service returned."""
    reason: str | None = field(default=None, compare=False)


def _nothing(_: str | None, __: int | None) -> None:
    return None


def person_wip_command(ctx: Context, board: str, limit: int | None) -> Command:
    """Set or clear the board's per-person WIP limit (spec WIP rule 6)."""

    def said(updated: Any) -> str:
        now = updated.person_wip_limit
        text = "no per-person WIP limit" if now is None else f"a per-person WIP limit of {now}"
        return f"{updated.key} now has {text}."

    return Command(
        "person_wip", lambda _, __: boards.set_person_wip_limit(ctx, board, limit), note=said
    )


def wip_command(ctx: Context, board: str, column: str, limit: int | None) -> Command:
    """Set or clear a column's WIP limit."""

    def said(updated: Any) -> str:
        now = "no WIP limit" if updated.wip_limit is None else f"WIP limit {updated.wip_limit}"
        return f"{updated.name} now has {now}."

    return Command("wip", lambda _, __: boards.set_wip_limit(ctx, board, column, limit), note=said)


class CardCommands(Widget):
    """Runs a screen's card commands in a worker; mounted once in each card screen."""

    DEFAULT_CSS: ClassVar[str] = "CardCommands { display: none; }"

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
        self._queue: deque[Command] = deque()
        self._in_flight: Command | None = None
        self._versions: dict[str, int] = {}
        self._wait_timer: Timer | None = None
        self._status_before: str | None = None

    @property
    def ctx(self) -> Context:
        return cast(KanbanHost, self.app).ctx

    @property
    def pending(self) -> bool:
        """Whether a write is running or waiting its turn."""
        return self._in_flight is not None or bool(self._queue)

    # -- asking for writes ---------------------------------------------------------
    def writable(self) -> bool:
        """Whether the database takes writes; if not, says why (before anything is typed)."""
        db = self.ctx.db
        if db.read_only:
            self.notify(db.read_only_reason or "The board is read-only.", markup=False)
            return False
        return True

    def run(self, command: Command) -> None:
        """Queue ``command``; it runs after the ones pressed before it."""
        self._queue.append(command)
        self._next()

    def open_editor(self, draft: Draft, note: str = "") -> None:
        """Open the card editor on ``draft``; saving runs the create or edit command."""
        fresh = draft.card

        def done(values: dict[str, Any] | None) -> None:
            if values is None:
                return
            typed = Draft(draft.heading, fresh, values, draft.people, draft.create)
            if draft.create is not None:
                command = draft.create(values)
            else:
                assert fresh is not None
                command = self.edit_command(fresh, values)
            command.draft = typed
            self.run(command)

        editor = CardEditor(
            draft.heading,
            fresh,
            ctx=self.ctx,
            people=draft.people,
            draft=draft.values,
            note=note,
        )
        self.app.push_screen(editor, done)

    def edit(self, card: Card, people: list[str]) -> None:
        """The editor on the stored card (it may have changed since it was shown)."""
        try:
            fresh = cards.get_card(self.ctx, card.key)
        except KanbanError as error:
            self._answer(Command("edit", _nothing, card), error, None)
            return
        heading = Content.assemble(
            "Edit ", (fresh.key, "bold"), " in ", literal(fresh.column, "bold")
        )
        self.open_editor(Draft(heading, fresh, {}, people))

    def assign(self, card: Card) -> None:
        """Assign the card to me, or unassign me (WIP rule 6 may refuse)."""
        ctx = self.ctx
        self.run(
            Command(
                "assign",
                lambda why, version: cards.toggle_assign_to_me(
                    ctx, card.key, expected_version=version, force=why is not None, reason=why
                ),
                card,
                offer=Content.assemble("Assign ", (card.key, "bold"), " to yourself anyway?"),
                note=lambda changed: (
                    f"{changed.key} "
                    f"{f'assigned to {changed.assignee}' if changed.assignee else 'unassigned'}."
                ),
            )
        )

    def rank(self, card: Card, move: str, scope: str, renumbers: bool) -> None:
        """Move the card up or down its list (``renumbers``: every rank changes)."""
        ctx = self.ctx
        self.run(
            Command(
                "rank",
                lambda _, __: cards.rank_card(ctx, card.key, move, scope=scope),
                card,
                extra=renumbers,
            )
        )

    def delete(self, card: Card, extra: Any = None) -> None:
        """Ask, then delete the card."""
        ctx = self.ctx

        def answered(yes: bool | None) -> None:
            if yes:
                self.run(
                    Command(
                        "delete",
                        lambda _, __: cards.delete_card(ctx, card.key),
                        card,
                        extra=extra,
                        note=lambda gone: f"Deleted {gone.key}.",
                    )
                )

        self.app.push_screen(delete_card_dialog(card.key, card.title), answered)

    def edit_command(self, card: Card, values: dict[str, Any]) -> Command:
        """Save the editor's ``values`` onto ``card``."""
        ctx = self.ctx
        return Command(
            "edit",
            lambda why, version: cards.edit_card(
                ctx,
                card.key,
                values,
                expected_version=version,
                force=why is not None,
                reason=why,
            ),
            card,
            offer=Content.assemble("Save ", (card.key, "bold"), " anyway?"),
        )

    # -- running them one at a time ----------------------------------------------------
    def _next(self) -> None:
        if self._in_flight is not None or not self._queue:
            return
        command = self._in_flight = self._queue.popleft()
        version = None
        if command.card is not None:
            version = self._versions.get(command.card.key, command.card.version)
        if self._wait_timer is None:
            self._wait_timer = self.set_timer(WAIT_SHOWN_AFTER, self._show_waiting)
        # After the next frame: the screen draws what the key did (a move is
        # drawn at once) before the worker thread competes with it for the GIL.
        self.call_after_refresh(self._write, command, command.reason, version)

    @work(thread=True, group="card-commands")
    def _write(self, command: Command, reason: str | None, version: int | None) -> None:
        fresh: Card | None = None
        try:
            result = command.call(reason, version)
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
                self._versions[result.key] = result.version
            self.post_message(self.Done(command, result))
            if command.note is not None:
                self.notify(command.note(result), markup=False)
        else:
            if command.card is not None:
                self._versions.pop(command.card.key, None)
            self.post_message(self.Refused(command, error))
            self._answer(command, error, message.fresh)
        self._next()

    # -- the same answer to a refusal on every screen ----------------------------------
    def _answer(self, command: Command, error: KanbanError, fresh: Card | None) -> None:
        draft = command.draft
        if isinstance(error, WipLimitReached) and command.offer is not None:
            self._offer_override(command, error)
        elif isinstance(error, StaleChange) and draft is not None and fresh is not None:
            self._reopen_on_fresh(draft, error, fresh)
            if isinstance(self.screen, KanbanScreen):
                self.screen.reload()  # what it holds is old too
        else:
            screen = self.screen
            if isinstance(screen, KanbanScreen):
                screen.show_refusal(error)
            else:
                self.notify(error.message, severity="error", markup=False)

    def _offer_override(self, command: Command, error: WipLimitReached) -> None:
        """WIP rules 4 and 6: say why, then offer to go over with a reason."""
        assert command.offer is not None
        self.notify(error.message, title="WIP limit", severity="warning", markup=False)

        def answered(reason: str | None) -> None:
            if reason:
                command.reason = reason
                self.run(command)
            elif command.draft is not None:
                self.open_editor(command.draft)  # back to what was typed

        self.app.push_screen(WipOverrideDialog(error.message, command.offer), answered)

    def _reopen_on_fresh(self, draft: Draft, error: StaleChange, fresh: Card) -> None:
        """Someone else saved first: the editor again on their card, with the
        fields this person changed kept and theirs named."""
        before = card_fields(draft.card)
        theirs = card_fields(fresh)
        mine = {name: value for name, value in draft.values.items() if value != before[name]}
        changed = [name for name in theirs if theirs[name] != before[name]]
        who = error.message.split(";")[0]
        note = f"{who}: {', '.join(changed)}." if changed else f"{who}."
        self.notify(note, title="Changed meanwhile", severity="warning", markup=False)
        heading = Content.assemble(
            "Edit ", (fresh.key, "bold"), " in ", literal(fresh.column, "bold")
        )
        self.open_editor(Draft(heading, fresh, mine, draft.people), note=note)
