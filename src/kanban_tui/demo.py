"""A realistic sample team board, for a first look and for screenshots/tests.

Deterministic: the same ``today`` gives the same board, card for card. The
history is played through the services with a clock set in the past, so
created/started/done times and the activity log look like three weeks of
real work.
"""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta

from .domain.model import Board
from .services import boards, cards
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


def fill(ctx: Context, today: date, key: str = "WEB") -> Board:
    """Create board ``key`` ("Website relaunch") with about 40 cards of history."""
    rng = random.Random(f"{key}-{today.isoformat()}")
    start = datetime.combine(today - timedelta(days=21), time(9, 0), tzinfo=UTC)
    moment = start

    def at(hours: float) -> Context:
        nonlocal moment
        moment = moment + timedelta(hours=hours)
        fixed = moment
        return replace(ctx, clock=lambda: fixed)

    board = boards.create_board(at(0), key, "Website relaunch")
    stages = ("In Progress", "Review", "Done")
    plan = (
        [(card, "Done") for card in DONE]
        + [(card, "Review") for card in REVIEW]
        + [(card, "In Progress") for card in IN_PROGRESS]
        + [(card, "To Do") for card in BACKLOG]
    )
    # Spread three weeks of work over the plan: older cards finished first.
    step_hours = 21 * 24 / (len(plan) * 3)
    for (title, kind, priority, points, labels), column in plan:
        assignee = rng.choice(TEAM) if column != "To Do" or rng.random() < 0.3 else None
        card = cards.add_card(
            at(step_hours),
            key,
            title,
            type=kind,
            priority=priority,
            points=points,
            assignee=assignee,
            labels=labels,
            due=(today + timedelta(days=rng.randint(3, 30))) if rng.random() < 0.25 else None,
        )
        if column == "To Do":
            continue
        actor = replace(at(0), actor=assignee or ctx.actor)
        for stage in stages[: stages.index(column) + 1]:
            moved = replace(at(step_hours * rng.uniform(0.5, 1.5)), actor=actor.actor)
            cards.move_card(moved, card.key, stage)

    cards.edit_card(
        at(1),
        f"{key}-{len(DONE) + len(REVIEW) + 2}",
        {"blocked": "Waiting for CI runners from the platform team"},
    )
    cards.edit_card(
        at(1),
        f"{key}-{len(DONE) + 1}",
        {
            "description": (
                "Send a branded confirmation after checkout.\n\n"
                "- order summary with images\n- delivery estimate\n- link to track the parcel"
            )
        },
    )
    return board
