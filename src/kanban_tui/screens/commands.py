"""The writes a card key can ask for, as :class:`Command` values.

A command is the service call, the card as the screen showed it, and what to
ask if a WIP limit refuses it; :class:`~.card_commands.CardCommands` runs it.
The functions here only build commands: nothing touches the database until
it runs, in a worker.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from textual.content import Content

from ..dialogs.card_fields import card_fields
from ..domain.errors import KanbanError
from ..domain.model import Card
from ..services import archive, boards, card_rank, cards, comments, undo
from ..services.context import Context
from ..widgets.text import literal

Call = Callable[[str | None, int | None], Any]
"""The service call: given the override reason (None: not forced) and the
version of the card the command was made against; returns what it changed."""


@dataclass
class Draft:
    """An editor's contents, to open it again as it was."""

    heading: Content
    card: Card | None
    values: Mapping[str, str]
    people: list[str]
    create: Callable[[dict[str, Any]], Command] | None = None
    """For a new card: the command that creates it from the values."""
    deleted: bool = False
    """``card`` was deleted meanwhile: saving makes a new card of the values."""


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
    then: Callable[[Any], object] | None = None
    """The next step once it went through, given what the service returned
    (a flow's dialog, a reload that selects the new sprint)."""
    again: Callable[[KanbanError], object] | None = None
    """For a dialog's save other than the card editor's: after the refusal
    is shown, open the dialog again with what was typed."""
    reason: str | None = field(default=None, compare=False)


def nothing(_: str | None, __: int | None) -> None:
    """A call that writes nothing (for a refusal found before any write)."""
    return None


def edit_command(ctx: Context, card: Card, values: dict[str, Any]) -> Command:
    """Save the editor's ``values`` onto ``card`` (refused if someone else changed
    it since). Only the fields that differ from ``card`` are written: a field
    the person left as the editor showed it keeps what was saved meanwhile by
    their own earlier key (an ``a`` pressed just before ``e``, still waiting
    for the file when the editor read the card)."""
    shown = card_fields(card)
    changes = {name: value for name, value in values.items() if shown.get(name) != value}
    return Command(
        "edit",
        lambda why, version: cards.edit_card(
            ctx, card.key, changes, expected_version=version, force=why is not None, reason=why
        ),
        card,
        offer=Content.assemble("Save ", (card.key, "bold"), " anyway?"),
    )


def create_command(
    ctx: Context,
    board: str,
    values: dict[str, Any],
    where: str,
    *,
    column: str | None = None,
    sprint: int | str | None = None,
    note: Callable[[Any], str] | None = None,
) -> Command:
    """Create a card of the editor's ``values`` in ``where`` (a column's name,
    or a sprint's or the backlog's), in ``column`` and ``sprint`` as
    ``cards.add_card`` takes them; the WIP override names ``where``."""
    fields = dict(values)
    title = fields.pop("title")
    return Command(
        "create",
        lambda why, _: cards.add_card(
            ctx,
            board,
            title,
            column=column,
            sprint=sprint,
            force=why is not None,
            reason=why,
            **fields,
        ),
        offer=Content.assemble("Create the card in ", literal(where, "bold"), " anyway?"),
        extra=column,
        note=note or (lambda made: f"Created {made.key} in {made.column}."),
    )


def recreate_command(ctx: Context, card: Card, values: dict[str, Any]) -> Command:
    """``card`` was deleted while it was edited: the values as a new card
    where it was (its column and sprint)."""
    return create_command(
        ctx,
        card.board_key,
        values,
        card.column,
        column=card.column,
        sprint=card.sprint,
        note=lambda made: f"{card.key} was deleted; your text is now {made.key} in {made.column}.",
    )


def assign_command(ctx: Context, card: Card) -> Command:
    """Assign the card to me, or unassign me (WIP rule 6 may refuse)."""
    return Command(
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


def rank_command(ctx: Context, card: Card, move: str, scope: str, renumbers: bool) -> Command:
    """Move the card up or down its list (``renumbers``: every rank changes)."""
    return Command(
        "rank",
        lambda _, __: card_rank.rank_card(ctx, card.key, move, scope=scope),
        card,
        extra=renumbers,
    )


def delete_command(ctx: Context, card: Card, extra: Any = None) -> Command:
    """Delete the card for good (asked first by the caller)."""
    return Command(
        "delete",
        lambda _, __: cards.delete_card(ctx, card.key),
        card,
        extra=extra,
        note=lambda gone: f"Deleted {gone.key}.",
    )


def archive_command(ctx: Context, card: Card, extra: Any = None) -> Command:
    """Archive the card (no question: restoring takes it back); returns it archived."""
    return Command(
        "archive",
        lambda _, __: archive.archive_cards(ctx, card.board_key, [card.key])[0],
        card,
        extra=extra,
        note=lambda gone: f"Archived {gone.key}. To bring it back: A (Archive), then r.",
    )


def restore_command(ctx: Context, card: Card) -> Command:
    """Bring an archived card back to its column (its WIP limit may refuse:
    the override is offered)."""
    return Command(
        "restore",
        lambda why, _: archive.restore_cards(
            ctx, card.board_key, [card.key], force=why is not None, reason=why
        )[0],
        card,
        offer=Content.assemble(
            "Restore ", (card.key, "bold"), " into ", literal(card.column, "bold"), " anyway?"
        ),
        note=lambda back: f"Restored {back.key} to {back.column}.",
    )


def archive_done_command(ctx: Context, board: str, days: int) -> Command:
    """Archive every done card finished more than ``days`` days ago (asked first)."""

    def said(found: Any) -> str:
        count = len(found)
        return f"Archived {count} done card{'' if count == 1 else 's'}; A shows them."

    return Command(
        "archive_done",
        lambda _, __: archive.archive_done_older_than(ctx, board, days),
        note=said,
    )


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


def block_command(ctx: Context, card: Card, reason: str) -> Command:
    """Mark the card blocked with ``reason`` (refused if it changed since)."""
    return Command(
        "block",
        lambda _, version: cards.block_card(ctx, card.key, reason, expected_version=version),
        card,
        note=lambda changed: f"{changed.key} blocked: {changed.blocked}",
    )


def unblock_command(ctx: Context, card: Card) -> Command:
    """Clear the card's blocked mark (asked first by the caller)."""
    return Command(
        "unblock",
        lambda _, version: cards.unblock_card(ctx, card.key, expected_version=version),
        card,
        note=lambda changed: f"{changed.key} unblocked.",
    )


def undo_command(ctx: Context, board: str) -> Command:
    """Take back the person's last action on ``board``; a move back into a
    full column is refused by its WIP limit and offers the override."""
    return Command(
        "undo",
        lambda why, _: undo.undo_last(ctx, board, force=why is not None, reason=why),
        offer=Content("Undo it anyway, over the WIP limit?"),
        note=lambda done: done.sentence,
    )


def comment_command(ctx: Context, card: Card, text: str) -> Command:
    """Add a comment to the card's discussion; returns the comment."""
    return Command(
        "comment",
        lambda _, __: comments.add_comment(ctx, card.key, text),
        card,
        note=lambda added: f"Comment added to {added.card_key}.",
    )
