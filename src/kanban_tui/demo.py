"""A realistic sample team board, for a first look and for screenshots/tests.

Deterministic: the same ``today`` gives the same board, card for card. The
history is played through the services with a clock set in the past, so
created/started/done times and the activity log look like five weeks of
real work in two-week sprints: two completed (the first carries a card over
to the next sprint, the second one to the backlog), an active one half-way
through with a card added mid-sprint, and a planned one after it.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from functools import partial
from typing import Any

from .demo_history import fill_history
from .demo_risks import fill_risks
from .domain.model import Board
from .services import boards, card_rank, cards, sprints
from .services.context import Context

TEAM = ("alice", "bob", "chen", "dana", "emeka")

# title, type, priority, points, labels
BACKLOG = [
    ("Password reset e-mail links expire too early", "bug", "high", 2, "auth backend"),
    ("Add dark mode toggle to the header", "story", "medium", 3, "frontend design"),
    ("Search results page: paginate beyond 100 hits", "story", "medium", 5, "frontend api"),
    ("Spike: evaluate a CDN for product images", "spike", "low", 3, "infra perf"),
    ("Cookie banner fails WCAG contrast check", "bug", "high", 1, "a11y frontend"),
    ("Newsletter sign-up with double opt-in", "story", "medium", 8, "backend marketing"),
    ("Rate-limit the public search API", "task", "high", 3, "api security"),
    ("Write runbook for the checkout service", "task", "low", 2, "docs ops"),
    ("Product page: show stock per store", "story", "medium", 5, "frontend api"),
    ("Migrate image uploads to object storage", "task", "medium", 8, "infra backend"),
    ("Footer links point to the old blog", "bug", "low", 1, "frontend"),
    ("Gift cards at checkout", "story", "medium", 13, "checkout backend"),
    ("Spike: server-side rendering for the catalogue", "spike", "none", None, "frontend perf"),
    ("Translate the shop into German", "story", "low", None, "i18n"),
    ("Audit third-party scripts for GDPR", "task", "medium", None, "security compliance"),
    ("Sitemap.xml misses category pages", "bug", "medium", 1, "seo"),
]
IN_PROGRESS = [
    ("Checkout: Apple Pay and Google Pay", "story", "urgent", 8, "checkout payments"),
    ("Fix flaky login test on CI", "bug", "high", 2, "auth ci"),
    ("Design the new account settings page", "story", "medium", 5, "design frontend"),
]
REVIEW = [
    ("Order confirmation e-mail template", "story", "medium", 3, "backend email"),
]
DONE = [
    ("Set up the staging environment", "task", "high", 5, "infra"),
    ("Landing page hero redesign", "story", "medium", 5, "design frontend"),
    ("Product images are blurry on retina screens", "bug", "medium", 2, "frontend perf"),
    ("Add health checks to every service", "task", "medium", 3, "infra ops"),
    ("Basket keeps items after logout", "bug", "urgent", 3, "checkout security"),
    ("Customer reviews on product pages", "story", "medium", 8, "frontend backend"),
    ("Move secrets to the vault", "task", "high", 3, "security infra"),
    ("Faster category page queries", "task", "medium", 5, "backend perf"),
    ("Keyboard navigation for the main menu", "story", "medium", 3, "a11y frontend"),
    ("Log in with e-mail magic link", "story", "high", 8, "auth backend"),
    ("Spike: choose a feature-flag service", "spike", "low", 2, "infra"),
    ("Shipping cost shown twice at checkout", "bug", "high", 1, "checkout"),
    ("Wishlist", "story", "low", 5, "frontend backend"),
    ("Nightly database backups verified", "task", "high", 2, "ops"),
    ("Unit prices for multipacks", "story", "medium", 3, "frontend api"),
    ("Broken links report in CI", "task", "low", 1, "ci seo"),
    ("Store locator map", "story", "medium", 5, "frontend"),
    ("Upgrade the web framework", "task", "medium", 5, "backend"),
    ("Password strength meter", "story", "low", 2, "auth frontend"),
    ("Newsletter unsubscribe link", "bug", "high", 1, "marketing email"),
]


SCRUM_MASTER = "dana"
SPRINTS = (
    # first day (from today), goal
    (-35, "A stable staging shop with the new landing page"),
    (-21, "Customers log in by magic link and keep a wishlist"),
    (-7, "Checkout takes wallets and confirms orders by e-mail"),
    (7, "Search that scales"),
)


def _flow(start: float, length: float) -> list[tuple[float, str]]:
    """A card worked from ``start`` for ``length`` work days, the last third in review."""
    return [(start, "In Progress"), (start + 0.65 * length, "Review"), (start + length, "Done")]


# Per sprint: card number -> its moves as (work days from the sprint's first morning, column).
WORK: tuple[dict[int, list[tuple[float, str]]], ...] = (
    {
        **{1 + i: _flow(0.2 + i * 1.7, 2.4) for i in range(7)},
        8: [(11.2, "In Progress"), (13.0, "Review")],  # unfinished: carried to sprint 2
    },
    {
        8: [(0.6, "Done")],
        **{9 + i: _flow(0.3 + i * 1.9, 2.5) for i in range(6)},
        15: [(11.0, "In Progress")],  # unfinished: back to the backlog
    },
    {
        15: [(0.5, "Review"), (1.2, "Done")],
        **{16 + i: _flow(0.3 + i * 1.1, 1.6) for i in range(5)},
        21: [(1.0, "In Progress"), (5.6, "Review")],  # ageing: older than most
        22: [(4.1, "In Progress")],
        23: [(5.7, "In Progress")],
        24: [(6.2, "In Progress")],
    },
)


DUE_SOON_OR_LATE = {21: -2, 23: 1, 28: 0, 33: -1}
"""Card number -> due in this many days from today: a few cards that show the
soon and overdue marks (the others' dates, if any, are weeks away)."""


def _fixed(moment: datetime) -> datetime:
    return moment


def fill(ctx: Context, today: date, key: str = "WEB") -> Board:
    """Create board ``key`` ("Website relaunch") with 40 cards and four sprints.

    Cards 1-20 end in Done, 21 in Review, 22-24 in progress, 25-40 to do.
    """
    rng = random.Random(f"{key}-{today.isoformat()}")
    midnight = datetime.combine(today, time(0, 0), tzinfo=UTC)
    timeline: list[tuple[datetime, str, Callable[[Context], object]]] = []

    def work(day: int, offset: float) -> datetime:
        """``offset`` work days (9:00-17:00) after the morning of ``today + day``."""
        whole = int(offset)
        return midnight + timedelta(days=day + whole, hours=9 + (offset - whole) * 8)

    def plan(moment: datetime, actor: str, action: Callable[[Context], object]) -> None:
        timeline.append((moment, actor, action))

    def keys(*numbers: int) -> list[str]:
        return [f"{key}-{number}" for number in numbers]

    plan(work(-88, 0), ctx.actor, lambda c: boards.create_board(c, key, "Website relaunch"))
    order = (
        [(card, "Done") for card in DONE]
        + [(card, "Review") for card in REVIEW]
        + [(card, "In Progress") for card in IN_PROGRESS]
        + [(card, "To Do") for card in BACKLOG]
    )
    # Cards are written when the team refines them, a few days before their sprint.
    assignees: dict[int, str] = {}
    for day, first, last, step in (
        (-37, 0, 8, 0.1),
        (-26, 8, 15, 0.1),
        (-11, 15, 24, 0.1),
        (-10, 24, 40, 0.5),
    ):
        for index in range(first, last):
            (title, kind, priority, points, labels), column = order[index]
            who = rng.choice(TEAM) if column != "To Do" or rng.random() < 0.3 else None
            due = (today + timedelta(days=rng.randint(3, 30))) if rng.random() < 0.25 else None
            if index + 1 in DUE_SOON_OR_LATE:  # after the draw, so the rest stays as it was
                due = today + timedelta(days=DUE_SOON_OR_LATE[index + 1])
            assignees[index + 1] = who or SCRUM_MASTER
            fields: dict[str, Any] = {
                "type": kind,
                "priority": priority,
                "points": points,
                "assignee": who,
                "labels": labels.split(),
                "due": due,
            }
            plan(
                work(day, (index - first) * step),
                ctx.actor,
                partial(cards.add_card, board_key=key, title=title, **fields),
            )

    for (first_day, _), moves in zip(SPRINTS, WORK, strict=False):
        for number, stops in moves.items():
            card = keys(number)[0]
            for offset, column in stops:
                plan(
                    work(first_day, offset),
                    assignees[number],
                    partial(cards.move_card, key=card, column=column),
                )

    goals = [goal for _, goal in SPRINTS]
    master = SCRUM_MASTER
    plan(
        work(-36, 0.6),
        master,
        lambda c: sprints.create_sprint(
            c, key, goal=goals[0], start=today + timedelta(days=SPRINTS[0][0])
        ),
    )
    plan(work(-36, 0.65), master, lambda c: sprints.add_cards(c, key, 1, keys(*range(1, 9))))
    plan(work(-35, 0.03), master, lambda c: sprints.start_sprint(c, key, 1))
    plan(work(-24, 0.6), master, lambda c: sprints.create_sprint(c, key, goal=goals[1]))
    plan(work(-24, 0.65), master, lambda c: sprints.add_cards(c, key, 2, keys(*range(9, 16))))
    plan(
        work(-22, 0.94),
        master,
        lambda c: sprints.complete_sprint(c, key, carry_over="next", start_next=True),
    )
    plan(work(-9, 0.1), master, lambda c: sprints.create_sprint(c, key, goal=goals[2]))
    plan(work(-9, 0.15), master, lambda c: sprints.add_cards(c, key, 3, keys(*range(16, 25))))
    plan(work(-8, 0.94), master, lambda c: sprints.complete_sprint(c, key, carry_over="backlog"))
    plan(work(-7, 0.05), master, lambda c: sprints.add_cards(c, key, 3, keys(15)))
    plan(work(-7, 0.07), master, lambda c: sprints.start_sprint(c, key, 3))
    # The password-reset bug turned out to block the new checkout: pulled in mid-sprint.
    plan(work(-4, 0.25), master, lambda c: sprints.add_cards(c, key, 3, keys(25)))
    plan(work(-2, 0.75), master, lambda c: sprints.create_sprint(c, key, goal=goals[3]))
    plan(work(-2, 0.8), master, lambda c: sprints.add_cards(c, key, 4, keys(27, 31, 40)))
    plan(
        work(-2, 0.85),
        "alice",
        lambda c: card_rank.rank_card(c, keys(29)[0], "top", scope="backlog"),
    )
    plan(
        work(-2, 0.9),
        assignees[23],
        lambda c: cards.edit_card(
            c, keys(23)[0], {"blocked": "Waiting for CI runners from the platform team"}
        ),
    )
    plan(
        work(-11, 0.9),
        assignees[21],
        lambda c: cards.edit_card(
            c,
            keys(21)[0],
            {
                "description": (
                    "Send a branded confirmation after checkout.\n\n"
                    "- order summary with images\n- delivery estimate\n"
                    "- link to track the parcel"
                )
            },
        ),
    )

    board: Board | None = None
    # One transaction: a demo interrupted half-way leaves nothing, not half a board.
    with ctx.db.batch():
        for moment, actor, action in sorted(timeline, key=lambda item: item[0]):
            result = action(replace(ctx, clock=partial(_fixed, moment), actor=actor))
            if board is None:
                assert isinstance(result, Board)
                board = result
        assert board is not None
        fill_risks(ctx, today, key)
        fill_history(ctx, today, key)
    return board
