"""``kanban card comment``, ``card block`` and ``card unblock``: a card's
discussion and its blocked mark."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from . import output
from .common import check_key_board, context, examples, says_when_empty
from .declare import card_action, json_option
from .output import local_time, safe

if TYPE_CHECKING:
    from ..domain.model import Card


def register(actions: Any, note: str) -> None:
    comment = card_action(
        actions,
        "comment",
        run_comment,
        help="add a comment to a card",
        description="""Add a comment to a card's discussion, as you (KANBAN_USER overrides the
        login name). Comments are kept, never edited; `kanban card show` lists them.""",
        epilog=examples(
            'kanban card comment WEB-12 "The API team says Friday"',
            'kanban card comment WEB-12 "$(cat notes.txt)"',
            note=note,
        ),
    )
    says_when_empty(
        comment.add_argument("text", metavar="TEXT", help="1-4,000 characters; lines are kept"),
        "A comment must not be empty.",
    )
    json_option(comment, "the comment as JSON", see_docs=False)

    block = card_action(
        actions,
        "block",
        run_block,
        help="mark a card blocked, saying why",
        description="""Mark a card blocked with a reason (or change the reason of a blocked card).
        The board shows the mark and the reason.""",
        epilog=examples('kanban card block WEB-12 --reason "waiting for the API team"', note=note),
    )
    block.add_argument(
        "--reason", metavar="TEXT", required=True, help="why, one line of up to 500 characters"
    )
    json_option(block, "the card")

    unblock = card_action(
        actions,
        "unblock",
        run_unblock,
        help="clear a card's blocked mark",
        description="Clear a card's blocked mark. A card that is not blocked is refused (exit 1).",
        epilog=examples("kanban card unblock WEB-12", note=note),
    )
    json_option(unblock, "the card")


def run_comment(args: argparse.Namespace) -> int:
    check_key_board(args)
    from ..services import comments, serialize

    with context(args) as ctx:
        added = comments.add_comment(ctx, args.key, args.text)
    if args.json:
        output.write_json(serialize.comment(added))
    else:
        output.write(
            f"{added.card_key}: comment added by {safe(added.author)} at {local_time(added.at)}."
        )
    return 0


def run_block(args: argparse.Namespace) -> int:
    from ..services import cards

    return _change_card(
        args,
        lambda ctx: cards.block_card(ctx, args.key, args.reason),
        lambda card: f"{card.key} blocked: {safe(card.blocked or '')}.",
    )


def run_unblock(args: argparse.Namespace) -> int:
    from ..services import cards

    return _change_card(
        args, lambda ctx: cards.unblock_card(ctx, args.key), lambda card: f"{card.key} unblocked."
    )


def _change_card(
    args: argparse.Namespace, change: Callable[[Any], Card], said: Callable[[Card], str]
) -> int:
    """Run one card change; print the card (``--json``) or one line about it."""
    check_key_board(args)
    from ..services import serialize

    with context(args) as ctx:
        card = change(ctx)
    if args.json:
        output.write_json(serialize.card(card))
    else:
        output.write(said(card))
    return 0
