"""One path for every write of the Board, Sprint and Backlog screens: their
card keys, and their sprint keys too.

A screen's key builds a :class:`Command` (which service call, on which card,
what to ask if a WIP limit refuses it) and hands it to its
:class:`CardCommands`, which runs it through the :class:`~.command_runner.CommandRunner`
beneath: in a thread worker, one command after another in the order pressed.
The screen learns the outcome from :class:`CardCommands.Done` or
:class:`CardCommands.Refused` (or the command's own ``then``).

Refusals get the same answer on every screen: a WIP limit (a column's or a
person's) offers the override; a stale edit reopens the editor on the fresh
card with what was typed; cancelling an override after the editor goes back
to the editor; any other refused save brings its dialog back as typed. A
dialog that comes back says why in place, not in a toast over its buttons.
Nothing typed is lost. The editor itself opens on a card read here, in a
worker.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.content import Content
from textual.message import Message

from ..dialogs.card_editor import CardEditor
from ..dialogs.card_fields import card_fields, deleted_note, edit_heading, kept_note
from ..dialogs.card_view import CardViewDialog
from ..dialogs.confirm import ConfirmDialog, delete_card_dialog
from ..dialogs.risk_prompts import PromptDialog
from ..dialogs.wip import WipOverrideDialog
from ..domain import ranking, validation
from ..domain.errors import KanbanError, NotFound, StaleChange, WipLimitReached
from ..domain.model import Card
from ..services import cards
from ..widgets.text import literal
from .base import Data, KanbanScreen
from .command_runner import CommandRunner
from .commands import (
    Command,
    Draft,
    archive_command,
    assign_command,
    block_command,
    comment_command,
    delete_command,
    edit_command,
    nothing,
    rank_command,
    recreate_command,
    restore_command,
    unblock_command,
    undo_command,
)


class CardCommands(CommandRunner):
    """A screen's card keys, run by the :class:`CommandRunner` beneath; and
    the same answer to a refusal on every screen."""

    DEFAULT_CSS: ClassVar[str] = "CardCommands { display: none; }"

    class _Read(Message):
        def __init__(
            self,
            card: Card,
            people: list[str],
            ticket: int,
            fresh: Card | None,
            error: KanbanError | None,
        ) -> None:
            super().__init__()
            self.card = card
            self.people = people
            self.ticket = ticket
            self.fresh = fresh
            self.error = error

    def __init__(self) -> None:
        super().__init__()
        self._opening = 0

    # -- the card keys ---------------------------------------------------------------
    def open_editor(self, draft: Draft, note: str = "") -> None:
        """Open the card editor on ``draft``; saving runs the create or edit command."""
        editor = CardEditor(
            draft.heading,
            draft.card,
            ctx=self.ctx,
            people=draft.people,
            draft=draft.values,
            note=note,
            deleted=draft.deleted,
        )

        def done(values: dict[str, Any] | None) -> None:
            if values is None:
                return
            # The editor may have taken in others' changes meanwhile: its card
            # is the one to save onto, or it is gone.
            card = editor.card
            if draft.create is not None:
                command = draft.create(values)
                typed = Draft(draft.heading, None, values, draft.people, draft.create)
            elif editor.deleted and card is not None:
                command = recreate_command(self.ctx, card, values)
                heading = Content.assemble("New card in ", literal(card.column, "bold"))
                typed = Draft(
                    heading,
                    None,
                    values,
                    draft.people,
                    lambda v: recreate_command(self.ctx, card, v),
                )
            else:
                assert card is not None
                command = edit_command(self.ctx, card, values)
                typed = Draft(edit_heading(card), card, values, draft.people)
            command.draft = typed
            self.run(command)

        self.app.push_screen(editor, done)

    def edit(self, card: Card, people: list[str]) -> None:
        """The editor on the stored card (it may have changed since it was shown),
        once it is read; a card gone meanwhile gets the sentence instead."""
        self._opening += 1
        self._read_for_editor(card, people, self._opening)

    @work(thread=True, group="card-commands-open")
    def _read_for_editor(self, card: Card, people: list[str], ticket: int) -> None:
        try:
            fresh = cards.get_card(self.ctx, card.key)
        except KanbanError as error:
            self.post_message(self._Read(card, people, ticket, None, error))
            return
        self.post_message(self._Read(card, people, ticket, fresh, None))

    @on(_Read)
    def _read(self, message: _Read) -> None:
        message.stop()
        top = self.app.screen
        if message.ticket != self._opening or (
            top is not self.screen and not isinstance(top, CardViewDialog)
        ):
            return  # another card asked for since, or the person went elsewhere
        if message.fresh is None:
            assert message.error is not None
            self._answer(Command("edit", nothing, message.card), message.error, None)
            return
        fresh = message.fresh
        self.open_editor(Draft(edit_heading(fresh), fresh, {}, message.people))

    def view(self, card: Card, people: list[str]) -> None:
        """The card view (``enter``), whose c, e and b comment, edit and block
        through here; on a file this person may only read, they say why not."""

        def edit(shown: Card) -> None:
            if self.writable():
                self.edit(shown, people)

        def block(shown: Card) -> None:
            if self.writable():
                self.block(shown)

        def comment(shown: Card) -> None:
            if self.writable():
                self.comment(shown)

        self.app.push_screen(CardViewDialog(self.ctx, card, comment, edit=edit, block=block))

    def assign(self, card: Card) -> None:
        """Assign the card to me, or unassign me (WIP rule 6 may refuse)."""
        self.run(assign_command(self.ctx, card))

    def rank(self, card: Card, siblings: list[Card], move: str, scope: str) -> None:
        """Move the card up or down ``siblings`` (its list as shown, in rank order).

        Nothing happens at the top or bottom already. When no integer is left
        between the new neighbours the service renumbers the whole board, and
        every rank the screen holds goes stale: ``Done`` then has ``extra``
        true and the screen reads the board again (after the last queued
        write, since with writes still queued the screen's ranks may be old).
        """
        index = next((i for i, other in enumerate(siblings) if other.id == card.id), None)
        if index is None:
            return
        neighbours = ranking.target([other.rank for other in siblings], index, ranking.Move(move))
        if neighbours is None:
            return
        renumbers = ranking.between(*neighbours) is None or self.pending
        self.run(rank_command(self.ctx, card, move, scope, renumbers))

    def delete(self, card: Card, extra: Any = None) -> None:
        """Ask, then delete the card."""

        def answered(yes: bool | None) -> None:
            if yes:
                self.run(delete_command(self.ctx, card, extra))

        self.app.push_screen(delete_card_dialog(card.key, card.title), answered)

    def archive(self, card: Card, extra: Any = None) -> None:
        """Archive the card, without a question: it is restored as easily."""
        self.run(archive_command(self.ctx, card, extra))

    def restore(self, card: Card) -> None:
        """Bring an archived card back (a full column offers the override)."""
        self.run(restore_command(self.ctx, card))

    def block(self, card: Card, *, value: str = "", note: str = "") -> None:
        """Block the card, asking why; a blocked card is unblocked, asked first.
        A refused block opens the question again with what was typed."""
        if card.blocked is not None and not value:
            question = Content.assemble(
                "Unblock ",
                (card.key, "bold"),
                "?\n",
                ("Blocked: ", "$text-muted"),
                literal(card.blocked),
            )

            def unblock(yes: bool | None) -> None:
                if yes:
                    self.run(unblock_command(self.ctx, card))

            self.app.push_screen(
                ConfirmDialog("Unblock card", question, confirm="Unblock"), unblock
            )
            return

        def answered(reason: str | None) -> None:
            if reason is None:
                return
            command = block_command(self.ctx, card, reason)
            command.again = lambda error: self.block(card, value=reason, note=error.message)
            self.run(command)

        dialog = PromptDialog(
            Content.assemble("Block ", (card.key, "bold")),
            Content.assemble("Why is ", literal(card.title, "bold"), " blocked?"),
            refusal(validation.block_reason),
            value=value,
            placeholder="waiting for …",
            confirm="Block",
            note=note,
        )
        self.app.push_screen(dialog, answered)

    def comment(self, card: Card, *, value: str = "", note: str = "") -> None:
        """Ask for a comment and add it; a refusal keeps the typed text."""

        def answered(text: str | None) -> None:
            if text is None:
                return
            command = comment_command(self.ctx, card, text)
            command.again = lambda error: self.comment(card, value=text, note=error.message)
            self.run(command)

        dialog = PromptDialog(
            Content.assemble("Comment on ", (card.key, "bold")),
            literal(card.title, "bold"),
            refusal(validation.comment),
            value=value,
            placeholder="your comment",
            confirm="Add",
            note=note,
        )
        self.app.push_screen(dialog, answered)

    # -- the same answer to a refusal on every screen ----------------------------------
    def _succeeded(self, command: Command, result: Any) -> None:
        top = self.app.screen
        if isinstance(top, CardViewDialog):
            top.refresh_data()  # a comment, edit or block made from it

    def _shown_in_place(self, command: Command) -> bool:
        # The card view reads the card again and shows the new comment or
        # blocked mark: a toast saying so would only come once it closed.
        top = self.app.screen
        return (
            isinstance(top, CardViewDialog)
            and command.kind in ("comment", "block", "unblock")
            and command.card is not None
            and top.card.key == command.card.key
        )

    def _answer(self, command: Command, error: KanbanError, fresh: Card | None) -> None:
        draft = command.draft
        screen = self.screen
        if isinstance(error, WipLimitReached) and command.offer is not None:
            self._offer_override(command, error)
        elif isinstance(error, StaleChange) and draft is not None and fresh is not None:
            self._reopen_on_fresh(draft, error, fresh)
            if isinstance(screen, KanbanScreen):
                screen.reload()  # what it holds is old too
        elif isinstance(error, NotFound) and draft is not None and draft.card is not None:
            # Deleted by someone else before the live feed said so: the text
            # comes back, and saving makes a new card of it.
            card = draft.card
            note = deleted_note(card.key, card.column, None)
            if isinstance(screen, KanbanScreen):
                screen.reload()
            self.open_editor(replace(draft, deleted=True), note=note)
        else:
            # A dialog that comes back shows the sentence in place: a toast
            # would say it again over the dialog's buttons.
            in_place = draft is not None or command.again is not None
            if isinstance(screen, KanbanScreen):
                screen.show_refusal(error, toast=not in_place)
            elif not in_place:
                self.notify(error.message, severity="error", markup=False)
            if draft is not None:  # whatever refused it, the typing comes back
                self.open_editor(draft, note=error.message)
            elif command.again is not None:
                command.again(error)

    def _offer_override(self, command: Command, error: WipLimitReached) -> None:
        """WIP rules 4 and 6: offer to go over with a reason. The question
        says why itself; a toast saying it too would wait for the dialog to
        close and then read as a failure next to the success line."""
        assert command.offer is not None

        def answered(reason: str | None) -> None:
            if reason:
                command.reason = reason
                self.run(command)
            elif command.draft is not None:
                self.open_editor(command.draft)  # back to what was typed

        draft = command.draft
        holds = None
        if draft is not None:
            holds = draft.card.key if draft.card is not None else "the new card"
        self.app.push_screen(WipOverrideDialog(error.message, command.offer, holds=holds), answered)

    def _reopen_on_fresh(self, draft: Draft, error: StaleChange, fresh: Card) -> None:
        """Someone else saved first: the editor again on their card, with the
        fields this person changed kept and theirs named."""
        before = card_fields(draft.card)
        theirs = card_fields(fresh)
        mine = {name: value for name, value in draft.values.items() if value != before[name]}
        changed = [name for name in theirs if theirs[name] != before[name]]
        both = [name for name in changed if name in mine and mine[name] != theirs[name]]
        who = error.message.split(";")[0]
        note = f"{who}: {', '.join(changed)}." if changed else f"{who}."
        note += kept_note(both, theirs)
        self.open_editor(Draft(edit_heading(fresh), fresh, mine, draft.people), note=note)


def refusal(check: Callable[[str], object]) -> Callable[[str], str | None]:
    """A prompt's check from a validation function: its sentence, or None."""

    def why_not(text: str) -> str | None:
        try:
            check(text)
        except KanbanError as error:
            return error.message
        return None

    return why_not


class CommandScreen(KanbanScreen[Data]):
    """A screen whose keys change cards: it holds the one :class:`CardCommands`
    (hidden), which runs them. Listed before the screen's view among its bases
    (so that the view's widgets are composed first), or, as the direct base,
    its ``compose`` ends with ``yield from super().compose()``."""

    def compose(self) -> ComposeResult:
        yield from super().compose()
        yield CardCommands()

    @property
    def commands(self) -> CardCommands:
        return self.query_one(CardCommands)

    def selected_card(self) -> Card | None:
        """The card under the cursor (None: no card there, or none on this screen)."""
        return None

    def _people(self) -> list[str]:
        """Whom the editor offers to assign a card to."""
        return [self.ctx.actor]

    def new_card(self, where: str, create: Callable[[dict[str, Any]], Command]) -> None:
        """``n``: the card editor for a card in ``where``; ``create`` makes its command."""
        heading = Content.assemble("New card in ", literal(where, "bold"))
        self.commands.open_editor(Draft(heading, None, {}, self._people(), create))

    def action_read_card(self) -> None:
        """``enter``: the card view, where c comments, e edits and b blocks."""
        card = self.selected_card()
        if card is not None:
            self.commands.view(card, self._people())

    def action_edit_card(self) -> None:
        card = self.selected_card()
        if card is None or not self.commands.writable():
            return
        self.commands.edit(card, self._people())

    def action_assign(self) -> None:
        card = self.selected_card()
        if card is not None:
            self.commands.assign(card)

    def action_block(self) -> None:
        card = self.selected_card()
        if card is not None:
            self.commands.block(card)

    def action_comment(self) -> None:
        """The palette's "Comment on card" (``c`` in the card view)."""
        card = self.selected_card()
        if card is not None and self.commands.writable():
            self.commands.comment(card)

    def removed_extra(self) -> Any:
        """What an archive or delete carries for the screen (where the cursor goes)."""
        return None

    def action_archive_card(self) -> None:
        card = self.selected_card()
        if card is not None:
            self.commands.archive(card, extra=self.removed_extra())

    def action_delete_card(self) -> None:
        card = self.selected_card()
        if card is not None:
            self.commands.delete(card, extra=self.removed_extra())

    def action_undo(self) -> None:
        """Take back my last action on this board (any card, seen or not)."""
        if self.commands.writable():
            self.commands.run(undo_command(self.ctx, self.board_key))
