"""The demo board's earlier history: the weeks of work before its sprints.

About seven weeks of finished cards before the first sprint (the team ran a
plain Kanban flow then), archived when the sprints began, so the board shows
today's work while the forecasts, the throughput chart and the ageing lines
read twelve weeks of finishes. Each goes from To Do through Review (an
in-progress column with room: In Progress is at its WIP limit today, and a
limit is checked against the board as it is) to Done. Played after the rest of the demo (the cards
are numbered after WEB-40, so every key of the demo stays as it was) with the
clock set to when each step happened; the log is read by time, not by id.
"""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from functools import partial

from .services import archive, cards
from .services.context import Context

PEOPLE = ("bob", "chen", "dana", "emeka")
"""Who did the early work (alice's own last actions stay the demo's newest)."""

TITLES = (
    ("Choose the new shop's design system", "spike", 3, "design"),
    ("Set up CI for the web app", "task", 3, "ci"),
    ("Product list page skeleton", "story", 5, "frontend"),
    ("Basket API: add and remove items", "story", 5, "api backend"),
    ("Logo renders blurry in Safari", "bug", 1, "frontend"),
    ("Seed data for the staging catalogue", "task", 2, "backend"),
    ("Error pages (404, 500)", "story", 2, "frontend"),
    ("Price formatting per locale", "story", 3, "i18n frontend"),
    ("Session cookie not marked secure", "bug", 1, "security"),
    ("Structured logging in every service", "task", 3, "ops"),
    ("Category tree from the ERP", "story", 8, "api backend"),
    ("Breadcrumbs on product pages", "story", 2, "frontend seo"),
    ("Image resizing service", "task", 5, "infra perf"),
    ("Login form loses focus on error", "bug", 1, "a11y auth"),
    ("Checkout address form", "story", 5, "checkout frontend"),
    ("Tax rules per country", "story", 8, "checkout backend"),
    ("Alerting on 5xx rates", "task", 2, "ops"),
    ("Duplicate products in search", "bug", 2, "api"),
    ("Accessible colour palette", "task", 2, "a11y design"),
    ("Order history page", "story", 5, "frontend"),
    ("Database connection pool tuning", "task", 3, "backend perf"),
    ("Terms and privacy pages", "task", 1, "docs"),
    ("Mobile menu does not close", "bug", 1, "frontend"),
    ("Payment provider sandbox", "spike", 3, "payments"),
    ("Stock sync job", "story", 5, "backend"),
    ("Cache headers for static assets", "task", 1, "perf"),
)
WEEKLY = (3, 4, 5, 2, 4, 5, 3)
"""Cards finished in each week of the early history, oldest first."""
FIRST = -84
"""The first day (from today) of the early history: twelve weeks ago."""
ARCHIVED = -35.6
"""When the early cards were archived: as the first sprint began."""


def _at(today: date, day: float) -> datetime:
    """``day`` days from today's midnight (UTC), a fraction being the time of day."""
    return datetime.combine(today, time(0), tzinfo=UTC) + timedelta(days=day)


def fill_history(ctx: Context, today: date, key: str) -> None:
    """Add, work through and archive the early cards of board ``key``."""
    rng = random.Random(f"{key}-history-{today.isoformat()}")
    steps: list[tuple[datetime, str, tuple[str, str, int, str, float, float]]] = []
    index = 0
    for week, count in enumerate(WEEKLY):
        days = [
            FIRST + 7 * week + offset
            for offset in range(7)
            if (today + timedelta(days=FIRST + 7 * week + offset)).weekday() < 5
        ]
        for finish in sorted(rng.sample(days, min(count, len(days)))):
            title, kind, points, labels = TITLES[index]
            index += 1
            who = rng.choice(PEOPLE)
            length = rng.choice((0.5, 1, 1, 2, 2, 2, 3, 4))
            done = finish + 0.4 + rng.random() * 0.3
            start = done - length
            steps.append((_at(today, start - 1), who, (title, kind, points, labels, start, done)))
    made: list[str] = []
    for created, who, (title, kind, points, labels, start, done) in steps:
        person = replace(ctx, actor=who)
        card = cards.add_card(
            replace(person, clock=partial(_fixed, created)),
            key,
            title,
            type=kind,
            points=points,
            assignee=who,
            labels=labels.split(),
        )
        cards.move_card(
            replace(person, clock=partial(_fixed, _at(today, start))), card.key, "Review"
        )
        cards.move_card(replace(person, clock=partial(_fixed, _at(today, done))), card.key, "Done")
        made.append(card.key)
    tidy = replace(ctx, actor="dana", clock=partial(_fixed, _at(today, ARCHIVED)))
    archive.archive_cards(tidy, key, made)


def _fixed(moment: datetime) -> datetime:
    return moment
