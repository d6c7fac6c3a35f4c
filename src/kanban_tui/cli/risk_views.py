"""``kanban risk list`` and ``kanban risk show``: reading the risk register."""

from __future__ import annotations

import argparse
from datetime import date
from typing import TYPE_CHECKING, Any

from . import output
from .common import board_context, check_risk_board, context, examples
from .declare import command, json_option, risk_action
from .output import local_time, safe

if TYPE_CHECKING:
    from ..domain.model import Card
    from ..domain.risks import Risk


def register(actions: Any, note: str) -> None:
    listing = command(
        actions,
        "list",
        run_list,
        help="list the register, highest score first",
        description="""List the board's risks by score, highest first (ties: the nearest review
        date). A review date marked ! has passed on a risk that is not closed.""",
        epilog=examples(
            """
            kanban risk list
            kanban risk list --status open --owner alice
            kanban risk list --json | jq -r '.[] | select(.overdue) | .key'
            """,
            note=note,
        ),
    )
    listing.add_argument(
        "--status", metavar="S", help="only risks of this status (open, mitigating, ...)"
    )
    listing.add_argument("--owner", metavar="U", help="only the risks U owns")
    json_option(listing, "a JSON array")

    show = risk_action(
        actions,
        "show",
        run_show,
        help="show every field of a risk, its score and its linked cards",
        description="""Show every field of a risk: ratings, score and severity (inherent and
        residual), owner, response, status, review date, plans and linked cards.""",
        epilog=examples("kanban risk show WEB-R3", "kanban risk show WEB-R3 --json"),
    )
    json_option(show, "a JSON object")


def run_list(args: argparse.Namespace) -> int:
    from ..services import risks

    with board_context(args) as (ctx, key):
        found = risks.list_risks(ctx, key, status=args.status, owner=args.owner)
        today = ctx.today()
    if args.json:
        output.write_json([risks.risk_json(risk, today) for risk in found])
        return 0
    if not found:
        if args.status or args.owner:
            output.note(f"No risks on {key} match.")
        else:
            output.note(
                f"No risks on {key} yet: add one with "
                "`kanban risk add TITLE --probability P --impact I`."
            )
        return 0
    rows = [
        [
            risk.key,
            str(risk.score),
            risk.severity.value,
            risk.status.value,
            safe(risk.owner),
            _review(risk, today),
            safe(risk.title),
        ]
        for risk in found
    ]
    headers = ["KEY", "SCORE", "SEVERITY", "STATUS", "OWNER", "REVIEW", "TITLE"]
    lines = output.table(headers, rows, right=[1], squeeze=6)
    late = [risk.key for risk in found if risk.overdue(today)]
    if late:
        verb = "is" if len(late) == 1 else "are"
        lines += ["", f"! {', '.join(late)} {verb} overdue for review."]
    output.write(lines)
    return 0


def _review(risk: Risk, today: date) -> str:
    if risk.review_on is None:
        return "-"
    return f"{risk.review_on}{'!' if risk.overdue(today) else ''}"


def run_show(args: argparse.Namespace) -> int:
    from ..services import cards, risks

    check_risk_board(args)
    with context(args) as ctx:
        risk = risks.get_risk(ctx, args.key)
        linked = [cards.get_card(ctx, card) for card in risk.cards]
        today = ctx.today()
    if args.json:
        output.write_json(risks.risk_json(risk, today))
    else:
        output.write(describe(risk, linked, today))
    return 0


def _rating(probability: int, impact: int) -> str:
    from ..domain import risks as rules

    score = rules.score(probability, impact)
    return (
        f"{score} {rules.severity(score).value}: probability {probability} "
        f"({rules.probability_word(probability)}) x impact {impact} "
        f"({rules.impact_word(impact)})"
    )


def describe(risk: Risk, linked: list[Card], today: date) -> list[str]:
    """Every field of a risk as aligned ``name  value`` lines, the plans last."""
    residual = "-"
    if risk.residual_probability is not None and risk.residual_impact is not None:
        residual = _rating(risk.residual_probability, risk.residual_impact)
    review = str(risk.review_on) if risk.review_on else "-"
    if risk.overdue(today):
        review += " (overdue)"
    updated = local_time(risk.updated_at)
    if risk.updated_by:
        updated += f" by {safe(risk.updated_by)}"
    done = f"{risk.cards_done} of {len(risk.cards)} done" if risk.cards else "none"
    fields = [
        ("score", _rating(risk.probability, risk.impact)),
        ("residual", residual),
        ("category", risk.category.value),
        ("owner", safe(risk.owner)),
        ("response", risk.response.value),
        ("status", risk.status.value),
        ("review on", review),
        ("cards", done),
    ]
    rows = [[card.key, safe(card.column), safe(card.title)] for card in linked]
    lines = [f"{risk.key}  {safe(risk.title)}", ""]
    lines += [f"  {name.ljust(9)}  {value}" for name, value in fields]
    lines += [" " * 13 + line for line in output.table(["", "", ""], rows)[1:]]
    lines += [
        f"  {'created'.ljust(9)}  {local_time(risk.created_at)}",
        f"  {'updated'.ljust(9)}  {updated}",
    ]
    for title, text in (
        ("Description", risk.description),
        ("Mitigation", risk.mitigation),
        ("Contingency", risk.contingency),
        ("Trigger", risk.trigger),
    ):
        if text.strip():
            lines += ["", f"  {title}"]
            lines += output.folded(safe(text, multiline=True), "    ")
    return lines
