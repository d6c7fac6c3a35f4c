"""``kanban card archive`` and ``kanban card restore``: cards out of sight, kept whole."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from . import output
from .common import UsageError, board_context, context, examples, force_reason
from .declare import KEY_BOARD_HELP, command, force_options, json_option
from .output import safe

if TYPE_CHECKING:
    from ..domain.model import Card


def register(actions: Any, note: str) -> None:
    archive = command(
        actions,
        "archive",
        run_archive,
        board_help=KEY_BOARD_HELP,
        help="archive cards: off the board, kept with their history",
        description="""Archive cards: they leave the board, the backlog and the WIP counts, and
        keep their history, points and sprint record (reports still count them). `kanban card
        restore` brings them back; `kanban card list --archived` lists them. All the cards named
        are archived, or (one refused) none.""",
        epilog=examples(
            """
            kanban card archive WEB-12
            kanban card archive WEB-12 WEB-14 WEB-15
            kanban card archive --done-older-than 14     done more than 14 days ago
            """,
            note=note,
        ),
    )
    archive.add_argument("keys", metavar="KEY", nargs="*", help="the cards, e.g. WEB-12")
    archive.add_argument(
        "--done-older-than",
        metavar="DAYS",
        help="instead of keys: every card of a done column finished more than DAYS days ago",
    )
    json_option(archive, "the cards")

    restore = command(
        actions,
        "restore",
        run_restore,
        board_help=KEY_BOARD_HELP,
        help="bring archived cards back to their columns",
        description="""Bring archived cards back to the columns they were archived from. That is an
        entry like any other: a column at its WIP limit (or a person at the per-person limit)
        refuses it (exit 1) unless --force --reason is given; the override is logged. All the cards
        named are restored, or (one refused) none.""",
        epilog=examples(
            "kanban card restore WEB-12",
            'kanban card restore WEB-12 --force --reason "back for the hotfix"',
            note=note,
        ),
    )
    restore.add_argument("keys", metavar="KEY", nargs="+", help="the cards, e.g. WEB-12")
    force_options(restore, "restore it even if its column is at its WIP limit")
    json_option(restore, "the cards")


def _keys_board(args: argparse.Namespace) -> str:
    """The one board the keys name (and ``--board``, when given, agrees)."""
    from ..domain import validation

    boards = {validation.parse_card_key(key)[0] for key in args.keys}
    if len(boards) > 1:
        raise UsageError(f"the cards must be of one board (got {', '.join(sorted(boards))})")
    (board,) = boards
    wanted = getattr(args, "board", None)
    if wanted is not None and wanted.strip().upper() != board:
        raise UsageError(f"{args.keys[0]} is a card of board {board}, not of {wanted}")
    return board


def _days(text: str) -> int:
    try:
        days = int(text.strip())
    except ValueError:
        days = -1
    if days < 0:
        raise UsageError(f"--done-older-than needs a whole number of days (got {text!r})")
    return days


def _print(cards: list[Card], args: argparse.Namespace, line: Any) -> None:
    from ..services import serialize

    if args.json:
        output.write_json([serialize.card(card) for card in cards])
    else:
        output.write([line(card) for card in cards])


def run_archive(args: argparse.Namespace) -> int:
    from ..services import archive

    if args.done_older_than is not None:
        if args.keys:
            raise UsageError("give card keys or --done-older-than DAYS, not both")
        days = _days(args.done_older_than)
        with board_context(args) as (ctx, key):
            archived = archive.archive_done_older_than(ctx, key, days)
        if not archived and not args.json:
            output.note(f"No done cards on {key} finished more than {days} days ago.")
            return 0
    else:
        if not args.keys:
            raise UsageError("name the cards to archive, e.g. WEB-12, or --done-older-than DAYS")
        board = _keys_board(args)
        with context(args) as ctx:
            archived = archive.archive_cards(ctx, board, args.keys)
    _print(
        archived,
        args,
        lambda card: f'Archived {card.key} "{safe(card.title)}" from {safe(card.column)}.',
    )
    if archived and not args.json:
        keys = " ".join(card.key for card in archived[:3])
        output.note(
            f"Restore with `kanban card restore {keys}{' …' if len(archived) > 3 else ''}`."
        )
    return 0


def run_restore(args: argparse.Namespace) -> int:
    from ..services import archive

    force_reason(args)
    board = _keys_board(args)
    with context(args) as ctx:
        restored = archive.restore_cards(
            ctx, board, args.keys, force=args.force, reason=args.reason
        )
    forced = " (the WIP override is logged with your reason)" if args.force else ""
    _print(restored, args, lambda card: f"Restored {card.key} to {safe(card.column)}{forced}.")
    return 0
