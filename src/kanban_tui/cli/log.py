"""``kanban log``: who did what, newest first (the activity log)."""

from __future__ import annotations

import argparse
from typing import Any

from . import output
from .common import UsageError, board_key, context, examples
from .declare import command, json_option
from .output import local_time, safe

DEFAULT_LIMIT = 50


def register(commands: Any) -> None:
    parser = command(
        commands,
        "log",
        run_log,
        help="show the activity log: who did what, newest first",
        description="""Show the board's activity log, newest first: when (local time), who and
        what. --card narrows it to one card's history (its moves, edits, sprints, risk links and
        forced WIP breaches); a risk key (WEB-R3) works too.""",
        epilog=examples(
            """
            kanban log                              the newest 50 events
            kanban log --card WEB-12                the history of WEB-12
            kanban log --limit 500 --board OPS
            kanban log --json --limit 1000 --offset 1000   the second thousand, newest first
            kanban log --json | jq -r '.[] | select(.actor == "bob") | .text'
            """
        ),
    )
    parser.add_argument(
        "--card", metavar="KEY", help="only the events about this card (or risk), e.g. WEB-12"
    )
    parser.add_argument(
        "--limit",
        metavar="N",
        default=str(DEFAULT_LIMIT),
        help=f"at most N events, the newest (default {DEFAULT_LIMIT})",
    )
    parser.add_argument(
        "--offset", metavar="N", default="0", help="skip the newest N events (page through a log)"
    )
    json_option(parser, "a JSON array")


def _key_board(key: str) -> str:
    """The board a card or risk key names; a bad key is a usage error."""
    from ..domain import risks, validation

    # A key of the right shape is parsed for good: its number may be out of range.
    if validation.CARD_KEY_RE.fullmatch(key.strip()):
        return validation.parse_card_key(key)[0]
    if risks.RISK_KEY_RE.fullmatch(key.strip()):
        return risks.parse_risk_key(key)[0]
    raise UsageError(
        f"--card takes a card key such as WEB-12 or a risk key such as WEB-R3 (got {key!r})"
    )


def _known(ctx: Any, card: str | None) -> None:
    """When no event was found: an unknown card asked for is "No card WEB-7."."""
    from ..services import cards

    if card is not None and "-R" not in card.upper():
        cards.get_card(ctx, card)


def run_log(args: argparse.Namespace) -> int:
    # The stream's module first: `log --json` never loads the ORM.
    from ..services import log_stream

    # The same bounds as `card list --limit/--offset` (output.MAX_OFFSET).
    window, offset = output.page_window(args.limit, args.offset, "event")
    limit = DEFAULT_LIMIT if window is None else window
    with context(args) as ctx:
        if args.card is not None:
            board = _key_board(args.card)
            wanted = getattr(args, "board", None)
            if wanted is not None and wanted.strip().upper() != board:
                raise UsageError(
                    f"{args.card.strip().upper()} belongs to board {board}, not to {wanted}"
                )
        else:
            board = board_key(ctx, args)
        if args.json:
            # Streamed: each event's object is written as its row is read.
            output.write_json_batches(
                lambda ascii_only: log_stream.log_batches(
                    ctx, board, key=args.card, limit=limit, offset=offset, ascii_only=ascii_only
                ),
                empty=lambda: _known(ctx, args.card),
            )
            return 0
        from ..services import activity

        events = activity.recent_events(ctx, board, key=args.card, limit=limit, offset=offset)
        if not events:
            _known(ctx, args.card)
        lines = {event.id: activity.describe(event) for event in events}
    if not events:
        about = f"about {args.card.strip().upper()}" if args.card is not None else f"on {board}"
        output.note(f"No events {about} yet.")
        return 0
    rows = [[local_time(event.at), safe(event.actor), safe(lines[event.id])] for event in events]
    output.write(output.table(["WHEN", "WHO", "WHAT"], rows, squeeze=2))
    return 0
