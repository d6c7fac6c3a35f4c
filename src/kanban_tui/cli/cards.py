"""``kanban card ...``: the parser and the commands that change cards."""

from __future__ import annotations

import argparse
from typing import Any

from ..formatting import ARROW
from . import card_archive, card_notes, card_views, output
from .common import (
    Parser,
    UsageError,
    board_context,
    check_key_board,
    context,
    examples,
    force_reason,
    read_text,
    sprint_number,
)
from .declare import card_action, command, command_group, force_options
from .output import safe

KEYS_NOTE = """\
A card key is BOARD-NUMBER, e.g. WEB-12; numbers are never reused, not even
after `card rm`. Column names match in any case."""

EPILOG = examples(
    'kanban card add "Fix the login redirect" --type bug --points 3 --label auth',
    'kanban card move WEB-12 "In Progress"',
    'kanban card move WEB-12 Review --force --reason "hotfix for the release"',
    "kanban card edit WEB-12 --assignee bob --due 2026-12-01",
    'kanban card edit WEB-12 --points none --blocked "waiting for the API team"',
    "kanban card list --column Review --assignee bob",
    "kanban card show WEB-12 --json",
    'kanban card comment WEB-12 "The API team says Friday"',
    'kanban card block WEB-12 --reason "waiting for the API team"',
    "kanban card unblock WEB-12",
    "kanban card archive WEB-12",
    "kanban card restore WEB-12",
    "kanban card rm WEB-12",
    note=KEYS_NOTE,
)


def register(commands: Any) -> None:
    actions = command_group(
        commands,
        "card",
        help="add, move, edit, comment on, block, show, list, archive and remove cards",
        description="""Add, move, edit, comment on, block, show, list, archive, restore and remove
        cards.""",
        epilog=EPILOG,
    )

    add = command(
        actions,
        "add",
        run_add,
        help="add a card; prints its key",
        description="""Add a card at the bottom of the board's ranking and print its key (e.g.
        WEB-12) alone on stdout.""",
        epilog=examples(
            'kanban card add "Fix the login redirect"',
            'kanban card add "Checkout crash" --type bug --priority urgent --points 5 --label ui',
            'kanban card add "Hotfix" --column "In Progress" --force --reason "prod is down"',
            'kanban card add "Rate-limit the search API" --points 3 --sprint 4',
            'kanban card add "Urgent fix" --sprint active        (a scope change)',
            'key=$(kanban card add "Write the runbook" --assignee dana)',
        ),
    )
    add.add_argument("title", metavar="TITLE", help="one line, up to 200 characters")
    add.add_argument("--column", metavar="C", help="where it starts (default: the todo column)")
    add.add_argument(
        "--sprint",
        metavar="N",
        help="plan it into sprint N (or active: a recorded scope change); default: the backlog",
    )
    _field_options(add, editing=False)
    force_options(add, "create it even if the column is at its WIP limit")

    move = card_action(
        actions,
        "move",
        run_move,
        help="move a card to another column",
        description="""Move a card to another column. A column at its WIP limit refuses it (exit 1)
        unless --force --reason is given; the override is logged.""",
        epilog=examples(
            'kanban card move WEB-12 "In Progress"',
            "kanban card move web-12 done",
            'kanban card move WEB-12 Review --force --reason "hotfix for the release"',
            note=KEYS_NOTE,
        ),
    )
    move.add_argument("column", metavar="COLUMN", help="the target column's name")
    force_options(move, "move it even if the column is at its WIP limit")

    edit = card_action(
        actions,
        "edit",
        run_edit,
        help="change a card's fields",
        description="""Change a card's fields; only the options given change. The value none clears
        a field: --points none, --assignee none, --due none, --label none. To move a card use
        `kanban card move`.""",
        epilog=examples(
            "kanban card edit WEB-12 --assignee bob --due 2026-12-01 --points 5",
            'kanban card edit WEB-12 --title "Fix the login redirect on Safari"',
            'kanban card edit WEB-12 --blocked "waiting for the API team"',
            "kanban card edit WEB-12 --unblock --points none --label none",
            "git log -1 --format=%B | kanban card edit WEB-12 --description -",
        ),
    )
    edit.add_argument("--title", metavar="TITLE", help="a new title")
    _field_options(edit, editing=True)
    force_options(edit, "assign it even if the person is at the per-person WIP limit")
    # Moving is not an edit (WIP limits apply); say so rather than "unrecognized".
    edit.add_argument("--column", help=argparse.SUPPRESS)

    card_views.register(actions, KEYS_NOTE)
    card_notes.register(actions, KEYS_NOTE)
    card_archive.register(actions, KEYS_NOTE)

    card_action(
        actions,
        "rm",
        run_rm,
        help="delete a card for good",
        description="""Delete a card for good, with its comments. Its key is never given to another
        card. To take a card off the board but keep it, use `kanban card archive`.""",
        epilog=examples("kanban card rm WEB-12"),
    )


def _field_options(parser: Parser, *, editing: bool) -> None:
    clears = "; none clears it" if editing else ""
    parser.add_argument(
        "--type",
        metavar="T",
        help="story, task, bug or spike" + ("" if editing else " (default: task)"),
    )
    parser.add_argument(
        "--priority",
        metavar="P",
        help="urgent, high, medium, low or none" + ("" if editing else " (default: none)"),
    )
    parser.add_argument("--points", metavar="N", help="the estimate, 0-100" + clears)
    parser.add_argument("--assignee", metavar="U", help="a user name" + clears)
    parser.add_argument(
        "--label",
        metavar="L",
        action="append",
        dest="labels",
        help="a tag; repeat it or separate with commas for several"
        + ("; replaces the card's labels, none removes them all" if editing else ""),
    )
    parser.add_argument("--due", metavar="YYYY-MM-DD", help="the due date" + clears)
    parser.add_argument(
        "--description",
        metavar="TEXT",
        help="Markdown text, up to 65,536 characters; - reads it from stdin",
    )
    blocked = parser.add_mutually_exclusive_group()
    blocked.add_argument("--blocked", metavar="REASON", help="mark it blocked, saying why")
    if editing:
        blocked.add_argument("--unblock", action="store_true", help="clear the blocked mark")


def _fields(args: argparse.Namespace, *, editing: bool) -> dict[str, Any]:
    """The card fields the options name, as typed; the services check them."""
    fields: dict[str, Any] = {}
    names = ("title",) if editing else ()
    for name in (*names, "type", "priority", "points", "assignee", "due"):
        value = getattr(args, name, None)
        if value is not None:
            fields[name] = value
    if args.labels is not None:
        labels = [part for value in args.labels for part in value.split(",")]
        if editing and [label.strip().lower() for label in labels] == ["none"]:
            labels = []
        fields["labels"] = labels
    description = read_text(args.description, "--description")
    if description is not None:
        fields["description"] = description
    if args.blocked is not None:
        fields["blocked"] = args.blocked
    if getattr(args, "unblock", False):
        fields["blocked"] = None
    return fields


def run_add(args: argparse.Namespace) -> int:
    from ..services import boards, cards

    force_reason(args)
    fields = _fields(args, editing=False)
    sprint = sprint_number(args.sprint, backlog=True) if args.sprint is not None else None
    with board_context(args) as (ctx, key):
        card = cards.add_card(
            ctx,
            key,
            args.title,
            column=args.column,
            force=args.force,
            reason=args.reason,
            sprint=sprint,
            **fields,
        )
        target = _column_of(boards.columns(ctx, key), card.column_id) if args.force else None
    output.write(card.key)
    if target is not None and target.over_limit:
        # stdout stays the key alone, for scripts; the person still learns of the breach.
        output.note(
            f"{target.name} now holds {target.count} of {target.wip_limit}: over its WIP "
            "limit; the override is logged with your reason."
        )
    return 0


def _column_of(columns: list[Any], column_id: int) -> Any:
    return next(column for column in columns if column.id == column_id)


def run_move(args: argparse.Namespace) -> int:
    check_key_board(args)
    from ..services import boards, cards

    force_reason(args)
    with context(args) as ctx:
        before = cards.get_card(ctx, args.key)
        card = cards.move_card(ctx, args.key, args.column, force=args.force, reason=args.reason)
        target = _column_of(boards.columns(ctx, card.board_key), card.column_id)
    if before.column_id == card.column_id:
        output.write(f"{card.key} is already in {safe(card.column)}.")
        return 0
    line = f"{card.key} moved from {safe(before.column)} to {safe(card.column)}"
    if args.force and target.over_limit:
        line += (
            f" ({target.count} of {target.wip_limit}: over the WIP limit; "
            "the override is logged with your reason)"
        )
    output.write(line + ".")
    return 0


# How `card edit` reports a change: field -> label.
_SHOWN = {
    "title": "title",
    "type": "type",
    "priority": "priority",
    "points": "points",
    "assignee": "assignee",
    "labels": "labels",
    "due": "due",
}


def _shown(value: Any) -> str:
    if value is None or value == []:
        return "none"
    if isinstance(value, list):
        return ", ".join(value)
    return str(value)


def run_edit(args: argparse.Namespace) -> int:
    from ..services import cards, serialize

    check_key_board(args)
    force_reason(args)
    if args.column is not None:
        raise UsageError(f"card edit does not move cards; use `kanban card move {args.key} COLUMN`")
    fields = _fields(args, editing=True)
    if not fields:
        raise UsageError(
            "card edit needs at least one change, e.g. --title, --points or --assignee "
            "(see `kanban card edit --help`)"
        )
    with context(args) as ctx:
        before = serialize.card(cards.get_card(ctx, args.key))
        edited = cards.edit_card(ctx, args.key, fields, force=args.force, reason=args.reason)
        after = serialize.card(edited)
    changes = [
        f"{label} {_shown(before[name])} {ARROW} {_shown(after[name])}"
        for name, label in _SHOWN.items()
        if before[name] != after[name]
    ]
    blocked_before, blocked_after = before["blocked_reason"], after["blocked_reason"]
    if blocked_before != blocked_after:
        if blocked_after is None:
            changes.append("unblocked")
        elif blocked_before is None:
            changes.append(f"blocked: {blocked_after}")
        else:
            changes.append(f"blocked reason {blocked_before} {ARROW} {blocked_after}")
    if before["description"] != after["description"]:
        changes.append("description changed")
    if not changes:
        output.write(f"{after['key']}: nothing changed.")
    else:
        output.write(safe(f"{after['key']}: " + "; ".join(changes) + "."))
    return 0


def run_rm(args: argparse.Namespace) -> int:
    check_key_board(args)
    from ..services import cards

    with context(args) as ctx:
        card = cards.delete_card(ctx, args.key)
    output.write(f'Deleted {card.key} "{safe(card.title)}".')
    return 0
