"""``kanban undo``: take back my last action on the board, as ``ctrl+z`` does."""

from __future__ import annotations

import argparse
from typing import Any

from . import output
from .common import board_key, context, examples, force_reason, shared_options
from .output import safe


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "undo",
        parents=[shared_options(board=True)],
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
    parser.add_argument(
        "--force", action="store_true", help="undo even over a WIP limit (needs --reason)"
    )
    parser.add_argument(
        "--reason", metavar="TEXT", help="why the WIP limit may be exceeded; it is logged"
    )
    parser.add_argument("--json", action="store_true", help="print what was undone as JSON")
    parser.set_defaults(run=run_undo)


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
