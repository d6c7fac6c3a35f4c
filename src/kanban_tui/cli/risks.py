"""``kanban risk ...``: the parser and the commands that change the risk register.

Reading it (list, show) is in :mod:`.risk_views`.
"""

from __future__ import annotations

import argparse
from typing import Any

from ..formatting import ARROW
from . import output, risk_views
from .common import (
    Parser,
    UsageError,
    board_context,
    check_risk_board,
    context,
    examples,
    read_text,
)
from .declare import command, command_group, risk_action
from .output import safe

SCALES_NOTE = """\
Scales and words:
  probability  1 rare, 2 unlikely, 3 possible, 4 likely, 5 almost certain
  impact       1 negligible, 2 minor, 3 moderate, 4 major, 5 severe
  score        probability x impact: 1-4 low, 5-9 medium, 10-15 high, 16-25 critical
  category     technical, schedule, budget, scope, resource, security, compliance, external
  response     avoid, mitigate, transfer, accept
  status       open, mitigating, closed, occurred

A risk key is BOARD-RNUMBER, e.g. WEB-R3."""

EPILOG = examples(
    """
    kanban risk add "Payment provider outage" --probability 4 --impact 5 --owner alice
    kanban risk list
    kanban risk show WEB-R3
    kanban risk edit WEB-R3 --probability 2 --status mitigating
    kanban risk mitigate WEB-R3
    kanban risk link WEB-R3 WEB-12
    """,
    note=SCALES_NOTE,
)


def register(commands: Any) -> None:
    actions = command_group(
        commands,
        "risk",
        help="the risk register: add, edit, list, show, link mitigation cards",
        description="""The board's risk register: risks rated by probability and impact, each with
        an owner, a response and its mitigation work as linked cards.""",
        epilog=EPILOG,
    )

    add = command(
        actions,
        "add",
        run_add,
        help="add a risk; prints its key",
        description="""Add a risk to the board's register and print its key (e.g. WEB-R3) alone on
        stdout. The owner defaults to you ($KANBAN_USER or your login).""",
        epilog=examples(
            'kanban risk add "Payment provider outage" --probability 4 --impact 5',
            'kanban risk add "Key person leaves" -p unlikely -i major --category resource \\',
            '    --owner bob --response mitigate --mitigation "Pair on the export" \\',
            "    --review-on 2026-12-15",
            'key=$(kanban risk add "GDPR audit finds gaps" -p 2 -i 4 --category compliance)',
            note=SCALES_NOTE,
        ),
    )
    add.add_argument("title", metavar="TITLE", help="one line, up to 200 characters")
    add.add_argument(
        "-p", "--probability", metavar="P", required=True, help="1-5 or its word, e.g. likely"
    )
    add.add_argument(
        "-i", "--impact", metavar="I", required=True, help="1-5 or its word, e.g. major"
    )
    _field_options(add, editing=False)

    edit = risk_action(
        actions,
        "edit",
        run_edit,
        help="change a risk's fields or status",
        description="""Change a risk's fields; only the options given change. The value none clears
        the review date, and the residual ratings (both at once). Text options take - to read the
        text from stdin.""",
        epilog=examples(
            """
            kanban risk edit WEB-R3 --probability 2 --impact 3
            kanban risk edit WEB-R3 --status closed
            kanban risk edit WEB-R3 --owner dana --review-on 2026-12-20
            kanban risk edit WEB-R3 --residual-probability 1 --residual-impact 3
            """,
            note=SCALES_NOTE,
        ),
    )
    edit.add_argument("--title", metavar="TITLE", help="a new title")
    edit.add_argument("-p", "--probability", metavar="P", help="1-5 or its word")
    edit.add_argument("-i", "--impact", metavar="I", help="1-5 or its word")
    _field_options(edit, editing=True)
    edit.add_argument("--status", metavar="S", help="open, mitigating, closed or occurred")

    risk_views.register(actions, SCALES_NOTE)

    for name, verb, run in (("link", "link", run_link), ("unlink", "unlink", run_unlink)):
        action = risk_action(
            actions,
            name,
            run,
            help=f"{verb} a card {'to' if name == 'link' else 'from'} a risk",
            description=(
                "Link a card of the same board to a risk as its mitigation work."
                if name == "link"
                else "Remove a card's link to a risk; the card itself stays."
            ),
            epilog=examples(f"kanban risk {name} WEB-R3 WEB-12"),
        )
        action.add_argument("card", metavar="CARD", help="the card, e.g. WEB-12")

    mitigate = risk_action(
        actions,
        "mitigate",
        run_mitigate,
        help="create a mitigation card linked to a risk; prints its key",
        description="""Create a card for a risk's mitigation work and link it to the risk; print
        the card's key alone on stdout. The card goes to the backlog, assigned to the risk's owner,
        labelled risk, with a priority that follows the risk's severity and the mitigation plan as
        its description.""",
        epilog=examples(
            "kanban risk mitigate WEB-R3",
            'kanban risk mitigate WEB-R3 --title "Add a second payment provider"',
            "kanban sprint add 4 $(kanban risk mitigate WEB-R3)",
        ),
    )
    mitigate.add_argument(
        "--title", metavar="T", help='the card\'s title (default: "Mitigate KEY: TITLE")'
    )


def _field_options(parser: Parser, *, editing: bool) -> None:
    clears = "; none clears it" if editing else ""
    stdin = "; - reads it from stdin"
    default = (lambda text: "") if editing else (lambda text: f" (default: {text})")
    parser.add_argument("--owner", metavar="U", help="exactly one user name" + default("you"))
    parser.add_argument(
        "--category",
        metavar="C",
        help="technical, schedule, budget, scope, resource, "
        "security, compliance or external" + default("technical"),
    )
    parser.add_argument(
        "--response",
        metavar="R",
        help="avoid, mitigate, transfer or accept" + default("mitigate"),
    )
    parser.add_argument("--description", metavar="TEXT", help="cause, event, effect" + stdin)
    parser.add_argument("--mitigation", metavar="TEXT", help="the mitigation plan" + stdin)
    parser.add_argument("--contingency", metavar="TEXT", help="what to do if it occurs" + stdin)
    parser.add_argument("--trigger", metavar="TEXT", help="the sign that it is occurring")
    parser.add_argument(
        "--review-on", metavar="YYYY-MM-DD", help="when to look at it again" + clears
    )
    parser.add_argument(
        "--residual-probability",
        metavar="P",
        help="probability after the response (give both residual ratings)" + clears,
    )
    parser.add_argument(
        "--residual-impact",
        metavar="I",
        help="impact after the response (give both residual ratings)" + clears,
    )


FIELDS = (
    "title",
    "probability",
    "impact",
    "owner",
    "category",
    "response",
    "description",
    "mitigation",
    "contingency",
    "trigger",
    "review_on",
    "residual_probability",
    "residual_impact",
)
TEXTS = ("description", "mitigation", "contingency", "trigger")


def _fields(args: argparse.Namespace) -> dict[str, Any]:
    """The risk fields the options name, as typed; the services check them."""
    fields: dict[str, Any] = {}
    for name in FIELDS:
        value = getattr(args, name, None)
        if name in TEXTS:
            value = read_text(value, f"--{name}")
        if value is not None:
            fields[name] = value
    return fields


def run_add(args: argparse.Namespace) -> int:
    from ..services import risks

    fields = _fields(args)
    fields.pop("title", None)
    with board_context(args) as (ctx, key):
        risk = risks.add_risk(ctx, key, args.title, **fields)
    output.write(risk.key)
    return 0


def _shown(value: Any) -> str:
    return "none" if value is None else str(value)


SHOWN = (
    "title",
    "category",
    "probability",
    "impact",
    "score",
    "severity",
    "residual_probability",
    "residual_impact",
    "residual_score",
    "owner",
    "response",
    "status",
    "review_on",
)
"""What ``risk edit`` reports, old → new, in this order; texts only as changed."""


def changes(before: dict[str, Any], after: dict[str, Any]) -> list[str]:
    """What an edit changed, as ``field old → new`` phrases."""
    said = [
        f"{name.replace('_', ' ')} {_shown(before[name])} {ARROW} {_shown(after[name])}"
        for name in SHOWN
        if before[name] != after[name]
    ]
    said += [f"{name} changed" for name in TEXTS if before[name] != after[name]]
    return said


def run_edit(args: argparse.Namespace) -> int:
    from ..services import risks

    check_risk_board(args)
    fields = _fields(args)
    if not fields and args.status is None:
        raise UsageError(
            "risk edit needs at least one change, e.g. --probability, --status or --owner "
            "(see `kanban risk edit --help`)"
        )
    with context(args) as ctx:
        before = risks.risk_json(risks.get_risk(ctx, args.key), ctx.today())
        if fields:
            if args.status is not None:
                fields["status"] = args.status
            risk = risks.edit_risk(ctx, args.key, fields)
        else:
            risk = risks.set_status(ctx, args.key, args.status)
        after = risks.risk_json(risk, ctx.today())
    said = changes(before, after)
    text = "; ".join(said) if said else "nothing changed"
    output.write(safe(f"{risk.key}: {text}."))
    return 0


def run_link(args: argparse.Namespace) -> int:
    from ..domain import validation
    from ..services import risks

    check_risk_board(args)
    with context(args) as ctx:
        before = risks.get_risk(ctx, args.key)
        risk = risks.link_card(ctx, args.key, args.card)
        board, number = validation.parse_card_key(args.card)
    card = f"{board}-{number}"
    progress = f"{risk.cards_done} of {len(risk.cards)} linked cards done"
    if card in before.cards:
        output.write(f"{card} is linked to {risk.key} already ({progress}).")
    else:
        output.write(f"Linked {card} to {risk.key} as mitigation work ({progress}).")
    return 0


def run_unlink(args: argparse.Namespace) -> int:
    from ..domain import validation
    from ..services import risks

    check_risk_board(args)
    with context(args) as ctx:
        risk = risks.unlink_card(ctx, args.key, args.card)
    board, number = validation.parse_card_key(args.card)
    left = len(risk.cards)
    rest = "no linked cards left" if not left else f"{left} linked left"
    output.write(f"Unlinked {board}-{number} from {risk.key}; the card stays ({rest}).")
    return 0


def run_mitigate(args: argparse.Namespace) -> int:
    from ..services import risks

    check_risk_board(args)
    with context(args) as ctx:
        _risk, card = risks.create_mitigation_card(ctx, args.key, args.title)
    output.write(card.key)
    return 0
