"""``kanban undo``: take back my last action on the board, as ``ctrl+z`` does."""

from __future__ import annotations

import argparse
from typing import Any

from . import output
from .common import board_key, context, examples, force_reason
from .declare import command, force_options, json_option
from .output import safe


def register(commands: Any) -> None:
    parser = command(
        commands,
        "undo",
        run_undo,
        help="undo my last action on this board",
        description="""Take back your own last action on the board: a card move, an edit (assign,
        block and unblock too), a rank change, a sprint plan change, an archive or restore (a bulk
        archive as a whole), or a new card (archived). Comments are passed over. The undo is a new
        event in the log; nothing is deleted. Run it again to undo the action before. Refused (exit
        1), naming it, when your last action cannot be undone (a card deleted, a column, board or
        sprint change); also when there is nothing to undo, someone else has changed the card
        since, or its column was deleted. A move back into a full column needs --force --reason, as
        `kanban card move` does.""",
        epilog=examples(
            "kanban undo",
            'kanban undo --force --reason "putting it back where it was"',
        ),
    )
    force_options(parser, "undo even over a WIP limit")
    json_option(parser, "what was undone as JSON", see_docs=False)


def run_undo(args: argparse.Namespace) -> int:
    from ..services import serialize, undo

    force_reason(args)
    with context(args) as ctx:
        done = undo.undo_last(ctx, board_key(ctx, args), force=args.force, reason=args.reason)
    if args.json:
        output.write_json(
            {"undid": done.text, "event": done.event, "card": serialize.card(done.card)}
        )
    else:
        output.write(safe(done.sentence))
    return 0
