"""``kanban sprint list/report/burndown/velocity``: reading sprints."""

from __future__ import annotations

import argparse
from typing import Any

from . import output, sprint_report
from .common import board_context, examples, sprint_number
from .declare import command, json_option, sprint_argument
from .output import safe


def register(actions: Any, note: str) -> None:
    listing = command(
        actions,
        "list",
        run_list,
        help="list the board's sprints",
        description="""List the board's sprints by number with their state, dates, cards and
        points, then the active sprint's days left and the velocity.""",
        epilog=examples(
            """
            kanban sprint list
            kanban sprint list --json | jq '.[] | select(.state == "planned") | .number'
            """
        ),
    )
    json_option(listing, "a JSON array")

    report = command(
        actions,
        "report",
        run_report,
        help="a sprint's report: committed, added, removed, completed, carried over",
        description="""The report of a completed sprint (kept as it was when it was completed) or
        of the active one (as if it ended today): committed, added, removed, completed and
        carried-over cards and points, and whether it ended early or late.""",
        epilog=examples(
            """
            kanban sprint report active
            kanban sprint report 3 --json
            kanban sprint report 3 --markdown > sprint-3.md
            """,
            note=note,
        ),
    )
    sprint_argument(report)
    form = report.add_mutually_exclusive_group()
    json_option(form, "a JSON object")
    form.add_argument("--markdown", action="store_true", help="print a Markdown document")

    chart = command(
        actions,
        "burndown",
        run_burndown,
        help="a sprint's burndown, day by day",
        description="""The points remaining at the end of each day of an active or completed
        sprint, beside the ideal line and the scope (which grows and shrinks with scope
        changes).""",
        epilog=examples("kanban sprint burndown", "kanban sprint burndown 2 --json", note=note),
    )
    chart.add_argument(
        "number", metavar="N", nargs="?", default="active", help="default: the active sprint"
    )
    json_option(chart, "a JSON object")

    velocity = command(
        actions,
        "velocity",
        run_velocity,
        help="completed points per sprint and their mean",
        description="""Committed and completed points of every completed sprint, oldest first; the
        velocity is the mean completed points of the last 3.""",
        epilog=examples("kanban sprint velocity", "kanban sprint velocity --json"),
    )
    json_option(velocity, "a JSON object")


def run_list(args: argparse.Namespace) -> int:
    from ..services import serialize, sprints

    with board_context(args) as (ctx, key):
        found = sprints.list_sprints(ctx, key)
        velocity = sprints.velocity(ctx, key)
        flag = sprints.overdue(ctx, key)
        today = ctx.today()
    if args.json:
        output.write_json([serialize.sprint(sprint) for sprint in found])
        return 0
    if not found:
        output.note(f"No sprints on {key} yet: plan one with `kanban sprint create`.")
        return 0
    # "Sprint 3" beside number 3 says nothing; the goal needs the room at 80 columns.
    named = any(sprint.name != f"Sprint {sprint.number}" for sprint in found)
    rows = [
        [
            str(sprint.number),
            *([safe(sprint.name)] if named else []),
            sprint_report.state(sprint, today),
            str(sprint.start or "-"),
            str(sprint.end or "-"),
            str(sprint.card_count),
            str(sprint.points),
            safe(sprint.goal or "-"),
        ]
        for sprint in found
    ]
    headers = ["#", *(["NAME"] if named else []), "STATE", "START", "END", "CARDS", "PTS", "GOAL"]
    shift = 1 if named else 0
    right = [0, 4 + shift, 5 + shift]
    lines = output.table(headers, rows, right=right, squeeze=len(headers) - 1)
    if velocity.mean is not None:
        shown = len(velocity.completed[-3:])
        last = "the last completed sprint" if shown == 1 else f"the last {shown} completed sprints"
        lines += ["", f"Velocity: {velocity.mean:.1f} points (mean of {last})."]
    if flag:
        lines.append(flag)
    output.write(lines)
    return 0


def run_report(args: argparse.Namespace) -> int:
    from ..services import cards, serialize, sprints

    number = sprint_number(args.number)
    with board_context(args) as (ctx, key):
        sprint = sprints.get_sprint(ctx, key, number)
        report = sprints.sprint_report(ctx, key, sprint.number)
        titles = {card.key: card for card in cards.list_cards(ctx, key)} if args.markdown else {}
        today = ctx.today()
    if args.json:
        output.write_json(serialize.sprint_with_report(sprint, report))
    elif args.markdown:
        output.write(sprint_report.markdown(sprint, report, titles, today))
    else:
        output.write(sprint_report.text(sprint, report, today))
    return 0


def run_burndown(args: argparse.Namespace) -> int:
    from ..services import serialize, sprints

    number = sprint_number(args.number)
    with board_context(args) as (ctx, key):
        sprint = sprints.get_sprint(ctx, key, number)
        chart = sprints.burndown(ctx, key, sprint.number)
    if args.json:
        output.write_json(serialize.sprint_burndown(sprint, chart))
        return 0
    output.write(sprint_report.burndown_table(sprint, chart))
    return 0


def run_velocity(args: argparse.Namespace) -> int:
    from ..services import serialize, sprints

    with board_context(args) as (ctx, key):
        velocity = sprints.velocity(ctx, key)
    if args.json:
        output.write_json(serialize.velocity(velocity))
        return 0
    if not velocity.numbers:
        output.note(f"No completed sprints on {key} yet: velocity needs one.")
        return 0
    rows = [
        [str(number), safe(name), str(committed), str(done)]
        for number, name, committed, done in zip(
            velocity.numbers, velocity.names, velocity.committed, velocity.completed, strict=True
        )
    ]
    lines = output.table(["#", "NAME", "COMMITTED", "COMPLETED"], rows, right=[0, 2, 3])
    assert velocity.mean is not None
    shown = len(velocity.completed[-3:])
    lines += ["", f"Velocity: {velocity.mean:.1f} points (mean of the last {shown})."]
    output.write(lines)
    return 0
