"""``kanban card show`` and ``kanban card list``: reading cards."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from . import output
from .common import board_key, check_key_board, context, examples, sprint_number
from .declare import card_action, command, json_option
from .output import local_time, safe

if TYPE_CHECKING:
    from collections.abc import Sequence
    from datetime import date

    from ..domain.model import Card, Comment


def register(actions: Any, note: str) -> None:
    show = card_action(
        actions,
        "show",
        run_show,
        help="show every field of a card",
        description="Show every field of a card.",
        epilog=examples("kanban card show WEB-12", "kanban card show WEB-12 --json", note=note),
    )
    json_option(show, "a JSON object")

    listing = command(
        actions,
        "list",
        run_list,
        help="list a board's cards",
        description="""List a board's cards (archived ones left out: --archived lists only them,
        --all both), column by column in board order and by rank within a column; the backlog
        (--sprint backlog) in its rank order. --json prints them in rank order.""",
        epilog=examples(
            """
            kanban card list
            kanban card list --column Review --assignee bob
            kanban card list --sprint active                the active sprint's cards
            kanban card list --sprint backlog               the ranked backlog
            kanban card list --sprint 4 --assignee none     unassigned cards of sprint 4
            kanban card list --archived                     the archived cards
            kanban card list --board OPS --json
            kanban card list --json | jq -r '.[] | select(.blocked) | .key'
            kanban card list --json --limit 1000 --offset 2000   the third thousand
            """
        ),
    )
    listing.add_argument("--column", metavar="C", help="only the cards of this column")
    listing.add_argument(
        "--assignee", metavar="U", help="only the cards assigned to U; none: the unassigned ones"
    )
    listing.add_argument(
        "--sprint",
        metavar="N|active|backlog",
        help="""only the cards of sprint N, of the active sprint, or of the backlog (in no planned
        or active sprint and not done)""",
    )
    which = listing.add_mutually_exclusive_group()
    which.add_argument("--archived", action="store_true", help="only the archived cards")
    which.add_argument("--all", action="store_true", help="archived cards and the others")
    listing.add_argument(
        "--limit", metavar="N", help="at most N cards, the first in rank order (default: all)"
    )
    listing.add_argument(
        "--offset", metavar="N", default="0", help="skip the first N cards in rank order"
    )
    json_option(listing, "a JSON array")


def run_show(args: argparse.Namespace) -> int:
    check_key_board(args)
    from ..services import cards, comments, serialize

    with context(args) as ctx:
        card = cards.get_card(ctx, args.key)
        discussion = comments.comments(ctx, card.key)
    if args.json:
        output.write_json(serialize.card_with_comments(card, discussion))
    else:
        output.write(describe(card, discussion))
    return 0


def _or_dash(value: object) -> str:
    return "-" if value is None or value == "" else str(value)


def describe(card: Card, discussion: Sequence[Comment] = ()) -> str:
    """Every field of a card as aligned ``name  value`` lines, then the
    description, then the comments, newest last."""
    updated = local_time(card.updated_at)
    if card.updated_by:
        updated += f" by {card.updated_by}"
    fields = [
        ("board", card.board_key),
        ("column", card.column),
        ("type", card.type.value),
        ("priority", card.priority.value),
        ("points", _or_dash(card.points)),
        ("assignee", _or_dash(card.assignee)),
        ("labels", ", ".join(card.labels) or "-"),
        ("due", _or_dash(card.due and card.due.isoformat())),
        ("sprint", _or_dash(card.sprint)),
        ("blocked", f"yes: {card.blocked}" if card.blocked is not None else "no"),
        ("rank", str(card.rank)),
        ("created", local_time(card.created_at)),
        ("updated", updated),
        ("started", local_time(card.started_at)),
        ("done", local_time(card.done_at)),
    ]
    if card.archived:
        fields.append(("archived", "yes"))
    name_width = max(len(name) for name, _ in fields)
    lines = [f"{card.key}  {safe(card.title)}", ""]
    lines += [f"  {name.ljust(name_width)}  {safe(value)}" for name, value in fields]
    if card.description.strip():
        lines += [""] + [
            f"  {line}".rstrip() for line in safe(card.description, multiline=True).splitlines()
        ]
    if discussion:
        lines += ["", f"  comments ({len(discussion)})"]
        for entry in discussion:
            lines.append(f"  {local_time(entry.at)}  {safe(entry.author)}")
            lines += [
                f"    {line}".rstrip() for line in safe(entry.text, multiline=True).splitlines()
            ]
    return "\n".join(lines)


def _due_cell(card: Card, today: date) -> str:
    """``due 5 Dec`` / ``overdue 3 Dec`` (the board's mark, read by the same rule), or ``-``.

    A done card has no mark (``domain.due.marked``), as on the board: its
    date shows plainly, ``1 Dec``, as ``card show`` shows it without a word.
    """
    from ..domain.due import DueState, card_due_state, marked
    from ..formatting import day_text, due_mark

    if card.due is None:
        return "-"
    if not marked(card):
        return day_text(card.due, today)
    overdue = card_due_state(card, today) is DueState.OVERDUE
    return due_mark(card.due, today, overdue=overdue)


def run_list(args: argparse.Namespace) -> int:
    # Only the stream's module first: with --json the ORM is never loaded.
    from ..services import card_stream

    sprint = sprint_number(args.sprint, backlog=True) if args.sprint is not None else None
    limit, offset = output.page_window(args.limit, args.offset, "card")
    # One selection for both outputs: --json streams the cards the table lists.
    selection: dict[str, Any] = {
        "column": args.column,
        "assignee": args.assignee,
        "sprint": sprint,
        "archived": True if args.archived else None if args.all else False,
        "limit": limit,
        "offset": offset,
    }
    with context(args) as ctx:
        key = board_key(ctx, args)
        if args.json:
            # Streamed: each card's object is written as its row is read.
            output.write_json_lines(
                lambda ascii_only: card_stream.card_lines(
                    ctx, key, **selection, ascii_only=ascii_only
                )
            )
            return 0
        from ..services import boards, cards

        listed = cards.list_cards(ctx, key, **selection)
        positions = {column.name: column.position for column in boards.columns(ctx, key)}
    if not listed:
        filtered = args.column or args.assignee or sprint is not None
        if args.archived and not filtered:
            output.note(f"No archived cards on {key}.")
        else:
            output.note(f"No cards on {key} match." if filtered else f"No cards on {key} yet.")
        return 0
    # A person reads the board left to right: column by column, by rank within one.
    # The backlog is one ranked list, the order of its rank being its meaning.
    if sprint != "backlog":
        listed = sorted(listed, key=lambda card: positions.get(card.column, len(positions)))
    with_sprint = sprint is None and any(card.sprint is not None for card in listed)
    # A DUE column only when a listed card has a due date, so lists without stay as they were.
    with_due = any(card.due is not None for card in listed)
    today = ctx.today()
    headers = [
        "KEY",
        "COLUMN",
        "PTS",
        "ASSIGNEE",
        *(["SPRINT"] if with_sprint else []),
        *(["DUE"] if with_due else []),
        "TITLE",
    ]
    rows = [
        [
            card.key,
            safe(card.column),
            _or_dash(card.points),
            safe(card.assignee or "-"),
            *([_or_dash(card.sprint)] if with_sprint else []),
            *([_due_cell(card, today)] if with_due else []),
            ("[archived] " if card.archived and args.all else "")
            + ("[blocked] " if card.blocked is not None else "")
            + safe(card.title),
        ]
        for card in listed
    ]
    right = [2, 4] if with_sprint else [2]
    output.write(output.table(headers, rows, right=right, squeeze=len(headers) - 1))
    return 0
