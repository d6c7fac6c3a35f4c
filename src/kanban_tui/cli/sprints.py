"""``kanban sprint ...``: the parser and the commands that change sprints.

Reading them (list, report, burndown, velocity) is in :mod:`.sprint_views`.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from ..domain.errors import RuleViolation
from ..formatting import ARROW
from . import output, sprint_report, sprint_views
from .common import (
    Parser,
    UsageError,
    board_context,
    examples,
    sprint_number,
)
from .declare import command, command_group, json_option, sprint_argument
from .output import safe
from .sprint_report import dates, name, size

T = TypeVar("T")

NUMBER_NOTE = """\
N is the sprint's number on its board (see `kanban sprint list`) or the word
active. A sprint lasts 1-31 days, both dates included; at most one sprint of
a board is active."""

EPILOG = examples(
    'kanban sprint create --goal "Checkout takes wallets" --length 14',
    "kanban sprint add 4 WEB-12 WEB-15 WEB-16",
    'kanban sprint start 4 --goal "Search that scales"',
    'kanban card add "Hotfix" --sprint active      (a scope change)',
    "kanban sprint complete --carry-over next --start-next",
    "kanban sprint list",
    "kanban sprint report active",
    "kanban sprint report 3 --markdown > sprint-3.md",
    note=NUMBER_NOTE,
)


def register(commands: Any) -> None:
    actions = command_group(
        commands,
        "sprint",
        help="plan, start and complete sprints; reports",
        description="""Plan sprints, add and remove their cards, start and complete them, and read
        their reports, burndown and the board's velocity.""",
        epilog=EPILOG,
    )

    create = command(
        actions,
        "create",
        run_create,
        help="plan a new sprint; prints its number and dates",
        description="""Plan a new sprint. It starts, unless --start says otherwise, the day after
        the latest sprint ends (or today) and lasts as long as the previous one (or 14 days). Dates
        wholly in the past, or over a completed sprint's, are refused unless --yes is given.""",
        epilog=examples(
            """
            kanban sprint create
            kanban sprint create --goal "Checkout takes wallets" --length 10
            kanban sprint create --name "Launch" --start 2026-12-02 --end 2026-12-15
            n=$(kanban sprint create --json | jq .number)
            """
        ),
    )
    create.add_argument("--name", metavar="NAME", help='up to 80 characters (default: "Sprint N")')
    create.add_argument("--goal", metavar="G", help="what the sprint is for (needed to start it)")
    _date_options(create)
    json_option(create, "the sprint as JSON", see_docs=False)

    for action_name, verb, run in (("add", "add", run_add), ("remove", "take", run_remove)):
        action = command(
            actions,
            action_name,
            run,
            help=f"{verb} cards {'to' if action_name == 'add' else 'out of'} a sprint",
            description=(
                "Plan cards into a sprint. A card belongs to at most one planned or active "
                "sprint. Adding to the active sprint is allowed and recorded as a scope change."
                if action_name == "add"
                else "Take cards out of a planned or active sprint; they go back to the "
                "backlog. On the active sprint this is recorded as a scope change."
            ),
            epilog=examples(
                f"kanban sprint {action_name} 4 WEB-12 WEB-15",
                f"kanban sprint {action_name} active WEB-30",
                note=NUMBER_NOTE,
            ),
        )
        sprint_argument(action)
        action.add_argument("keys", metavar="KEY", nargs="+", help="a card, e.g. WEB-12")

    start = command(
        actions,
        "start",
        run_start,
        help="start a planned sprint",
        description="""Start a planned sprint: it needs a goal, and no other sprint of the board
        may be active. Its cards and points now are the committed scope. It starts today (or on
        --start) and keeps its planned length.""",
        epilog=examples(
            'kanban sprint start 4 --goal "Search that scales"',
            "kanban sprint start 4 --start 2026-12-02 --length 10",
            note=NUMBER_NOTE,
        ),
    )
    sprint_argument(start, active=False)
    start.add_argument("--goal", metavar="G", help="set (or replace) the sprint's goal")
    _date_options(start)

    complete = command(
        actions,
        "complete",
        run_complete,
        help="complete the active sprint",
        description="""Complete the active sprint. Cards in done columns stay with it as completed;
        every unfinished card goes to the top of the backlog (the default) or to the next planned
        sprint, which is created if there is none. The sprint becomes read-only and keeps its
        report.""",
        epilog=examples(
            "kanban sprint complete",
            "kanban sprint complete --carry-over next",
            'kanban sprint complete --carry-over next --start-next --goal "Search that scales"',
        ),
    )
    complete.add_argument(
        "--carry-over",
        choices=("backlog", "next"),
        default="backlog",
        help="where unfinished cards go (default: backlog)",
    )
    complete.add_argument(
        "--start-next",
        action="store_true",
        help="start the next planned sprint at once (created if none)",
    )
    complete.add_argument(
        "--goal",
        metavar="G",
        help="""with --start-next: the next sprint's goal (needed if it has none; replaces the one
        it has)""",
    )

    edit = command(
        actions,
        "edit",
        run_edit,
        help="change a planned or active sprint's name, goal or dates",
        description="""Change a planned or active sprint's name, goal or dates; only the options
        given change. A new start alone keeps the sprint's length. A completed sprint is read-only.
        New dates wholly in the past, or over a completed sprint's, are refused unless --yes is
        given.""",
        epilog=examples(
            'kanban sprint edit 4 --goal "Search that scales to 1M products"',
            "kanban sprint edit active --end 2026-12-04",
            note=NUMBER_NOTE,
        ),
    )
    sprint_argument(edit)
    edit.add_argument("--name", metavar="NAME", help="a new name")
    edit.add_argument("--goal", metavar="G", help="a new goal")
    _date_options(edit)

    remove = command(
        actions,
        "rm",
        run_rm,
        help="delete a planned sprint",
        description="""Delete a planned sprint; its cards go back to the backlog. Its number is not
        given to another sprint.""",
        epilog=examples("kanban sprint rm 5"),
    )
    sprint_argument(remove, active=False)

    sprint_views.register(actions, NUMBER_NOTE)


def _date_options(parser: Parser) -> None:
    parser.add_argument("--start", metavar="YYYY-MM-DD", help="the first day")
    dates = parser.add_mutually_exclusive_group()
    dates.add_argument("--end", metavar="YYYY-MM-DD", help="the last day (included)")
    dates.add_argument("--length", metavar="DAYS", help="days from the start, 1-31")
    parser.add_argument(
        "--yes",
        action="store_true",
        help="plan dates wholly in the past, or over a completed sprint's, without refusal",
    )


def _confirmed(call: Callable[[], T]) -> T:
    """``call`` a sprint service; dates that need a second look say how to confirm."""
    from ..domain.errors import NeedsConfirmation

    try:
        return call()
    except NeedsConfirmation as error:
        raise NeedsConfirmation(
            f"{error.message.rstrip('.')}; add --yes to plan the sprint on those dates anyway."
        ) from None


def _length(args: argparse.Namespace) -> int | None:
    from ..domain import sprints

    return None if args.length is None else sprints.length(args.length)


def _keys(keys: Iterable[str]) -> list[str]:
    """Card keys as the board spells them (``web-12`` -> ``WEB-12``)."""
    from ..domain import validation

    return [f"{board}-{number}" for board, number in map(validation.parse_card_key, keys)]


LISTED = 10
"""Card keys a sentence names at most; the rest are counted (5,000 keys were one 60 kB line)."""


def _and(items: list[str]) -> str:
    if len(items) > LISTED:
        return ", ".join(items[: LISTED - 1]) + f" and {len(items) - LISTED + 1:,} more"
    if len(items) <= 2:
        return " and ".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def run_create(args: argparse.Namespace) -> int:
    from ..services import serialize, sprints

    length = _length(args)
    with board_context(args) as (ctx, key):
        sprint = _confirmed(
            lambda: sprints.create_sprint(
                ctx,
                key,
                name=args.name,
                goal=args.goal or "",
                start=args.start,
                end=args.end,
                length=length,
                confirmed=args.yes,
            )
        )
    if args.json:
        output.write_json(serialize.sprint(sprint))
        return 0
    goal = f"; goal: {safe(sprint.goal)}" if sprint.goal else "; no goal yet (needed to start)"
    output.write(f"Planned {name(sprint)} on {key}: {dates(sprint)}{goal}.")
    return 0


def run_add(args: argparse.Namespace) -> int:
    from ..services import cards, sprints

    number = sprint_number(args.number)
    wanted = _keys(args.keys)
    with board_context(args) as (ctx, key):
        before = {card.key for card in cards.list_cards(ctx, key, sprint=number)}
        sprint = sprints.add_cards(ctx, key, number, wanted)
    added = [card for card in dict.fromkeys(wanted) if card not in before]
    there = [card for card in dict.fromkeys(wanted) if card in before]
    parts = []
    if added:
        change = " (a scope change)" if sprint.state.value == "active" else ""
        parts.append(f"Added {_and(added)} to {name(sprint)}{change}")
    if there:
        verb = "is" if len(there) == 1 else "are"
        parts.append(f"{_and(there)} {verb} in {name(sprint)} already")
    total = size(sprint.card_count, sprint.points)
    output.write("; ".join(parts) + f". It holds {total} now.")
    return 0


def run_remove(args: argparse.Namespace) -> int:
    from ..services import sprints

    number = sprint_number(args.number)
    wanted = list(dict.fromkeys(_keys(args.keys)))
    with board_context(args) as (ctx, key):
        sprint = sprints.remove_cards(ctx, key, number, wanted)
    change = " (a scope change)" if sprint.state.value == "active" else ""
    total = size(sprint.card_count, sprint.points)
    output.write(
        f"Took {_and(wanted)} out of {name(sprint)}{change}, back to the backlog. "
        f"It holds {total} now."
    )
    return 0


def _goal_hint(error: RuleViolation, option: str) -> RuleViolation:
    """The service's refusal, plus the option that fixes it."""
    if error.message.endswith("needs a goal before it starts."):
        return RuleViolation(error.message[:-1] + f"; give one with {option}.")
    return error


def run_start(args: argparse.Namespace) -> int:
    from ..services import sprints

    number = sprint_number(args.number)
    length = _length(args)
    with board_context(args) as (ctx, key):
        try:
            sprint = sprints.start_sprint(
                ctx, key, number, goal=args.goal, start=args.start, end=args.end, length=length
            )
        except RuleViolation as error:
            raise _goal_hint(error, "--goal G") from None
    output.write(
        f"Started {name(sprint)} on {key}: {dates(sprint)}; goal: {safe(sprint.goal)}. "
        f"Committed: {size(sprint.card_count, sprint.points)}."
    )
    return 0


def run_complete(args: argparse.Namespace) -> int:
    from ..services import sprints

    if args.goal is not None and not args.start_next:
        raise UsageError("--goal goes with --start-next (it is the next sprint's goal)")
    with board_context(args) as (ctx, key):
        existing = {sprint.number for sprint in sprints.list_sprints(ctx, key)}
        try:
            done = sprints.complete_sprint(
                ctx,
                key,
                carry_over=args.carry_over,
                start_next=args.start_next,
                next_goal=args.goal,
            )
        except RuleViolation as error:
            raise _goal_hint(error, "--goal G") from None
    output.write(sprint_report.completion(done, existing))
    return 0


def run_edit(args: argparse.Namespace) -> int:
    from ..services import sprints

    number = sprint_number(args.number)
    length = _length(args)
    changes = (args.name, args.goal, args.start, args.end, length)
    if all(value is None for value in changes):
        raise UsageError(
            "sprint edit needs at least one change: --name, --goal, --start, --end or --length"
        )
    with board_context(args) as (ctx, key):
        before = sprints.get_sprint(ctx, key, number)
        after = _confirmed(
            lambda: sprints.edit_sprint(
                ctx,
                key,
                number,
                name=args.name,
                goal=args.goal,
                start=args.start,
                end=args.end,
                length=length,
                confirmed=args.yes,
            )
        )
    shown = []
    for field in ("name", "goal", "start", "end"):
        old, new = getattr(before, field), getattr(after, field)
        if old != new:
            shown.append(f"{field} {_quoted(old)} {ARROW} {_quoted(new)}")
    head = f"Sprint {after.number}"
    output.write(f"{head}: " + ("; ".join(shown) if shown else "nothing changed") + ".")
    return 0


def _quoted(value: object) -> str:
    if value is None or value == "":
        return "(none)"
    return f'"{safe(value)}"' if isinstance(value, str) else str(value)


def run_rm(args: argparse.Namespace) -> int:
    from ..services import sprints

    number = sprint_number(args.number)
    with board_context(args) as (ctx, key):
        sprint = sprints.delete_sprint(ctx, key, number)
    back = f"; its {size(sprint.card_count, sprint.points)} went back to the backlog"
    output.write(f"Deleted {name(sprint)}{back if sprint.card_count else ''}.")
    return 0
