"""The Board's reads by page (services/board_pages.py): the same cards as
reading the whole column, and the ``/`` filter in SQL giving the same
answers as the screen's :meth:`Filter.matches`."""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest
from sqlalchemy import insert

from kanban_tui.domain.card_filter import Filter
from kanban_tui.domain.ranking import STEP
from kanban_tui.services import board_pages, cards, sprints
from kanban_tui.storage import repo
from kanban_tui.storage.tables import CardRow, SprintRow

TODAY = date(2026, 11, 20)
WORDS = [
    "Fix",
    "login",
    "API",
    "report",
    "50%",
    "under_score",
    "Éclair",
    "café",
    "back\\slash",
    "Straße",
]
FILTERS = [
    "",
    "fix",
    "LOGIN api",
    "web-1",
    "-1",
    "50%",
    "r_s",
    "under_",
    "%",
    "_",
    "\\",
    "éclair",
    "CAFÉ",
    "#front",
    "#back",
    "#fr #ba",
    "@al",
    "@none",
    "@me",
    "@b",
    "!blocked",
    "due:overdue",
    "due:soon",
    "due:week",
    "due:none",
    "due:ov fix",
    "@ #",
    "1 #api",
]


@pytest.fixture
def filled(ctx, board):
    """120 cards of random titles, labels, people, due dates; some blocked, done, archived."""
    rng = random.Random(13)
    now = ctx.now()
    with ctx.db.write() as session:
        row = repo.board_row(session, "WEB")
        ids = [column.id for column in repo.column_rows(session, row.id)]
        rows = []
        for n in range(1, 121):
            due = TODAY + timedelta(days=rng.randint(-5, 10)) if rng.random() < 0.6 else None
            rows.append(
                {
                    "board_id": row.id,
                    "number": n,
                    "title": " ".join(rng.sample(WORDS, 3)),
                    "column_id": ids[n % len(ids)],
                    "rank": (121 - n) * STEP,
                    "points": rng.choice((None, 1, 3)),
                    "assignee": rng.choice((None, "alice", "bob", "bo")),
                    "labels": rng.choice(("", "frontend", "backend api", "api")),
                    "due": due.isoformat() if due else None,
                    "blocked": "waiting" if rng.random() < 0.2 else None,
                    "archived": rng.random() < 0.1,
                    "done_at": now if rng.random() < 0.2 else None,
                    "created_at": now,
                    "updated_at": now,
                }
            )
        session.execute(insert(CardRow), rows)
        row.next_card = 121
        session.add(row)
    return ids


def _random_filters(count: int) -> list[str]:
    """Filters of one to three terms cut from the cards' own words, names and labels."""
    rng = random.Random(29)
    pieces = [
        *WORDS,
        "@alice",
        "@bo",
        "@none",
        "@me",
        "#front",
        "#api",
        "#b",
        "!blocked",
        "due:overdue",
        "due:soon",
        "due:week",
        "due:none",
        "web-",
        "%",
        "_",
        "ß",
        "ss",
    ]
    filters = []
    for _ in range(count):
        terms = []
        for piece in rng.sample(pieces, rng.randint(1, 3)):
            cut = rng.randint(1, len(piece))
            terms.append(piece[:cut] if rng.random() < 0.5 else piece)
        filters.append(" ".join(terms))
    return filters


def test_the_filter_in_sql_matches_the_filter_on_the_screen(ctx, filled, engine):
    every = cards.list_cards(ctx, "WEB")
    # PostgreSQL's lower() keeps ß, which casefold makes ss: that letter is
    # the one known difference (see board_pages._folded_contains).
    texts = [*FILTERS, *_random_filters(40)]
    if engine == "postgres":
        texts = [text for text in texts if "ß" not in text and "ss" not in text.casefold()]
    for text in texts:
        wanted = Filter(text, "alice", TODAY)
        read = board_pages.first_pages(ctx, "WEB", wanted, size=1000)
        for column_id in filled:
            expected = [c.key for c in every if c.column_id == column_id and wanted.matches(c)]
            assert [c.key for c in read.pages[column_id].cards] == expected, text
            shown = read.totals.shown if wanted.active else read.totals.counts
            assert shown is not None and shown.get(column_id, 0) == len(expected), text


def test_pages_walk_a_column_by_keyset_and_find_its_end(ctx, filled):
    column_id = filled[0]
    whole = [c for c in cards.list_cards(ctx, "WEB") if c.column_id == column_id]
    read = board_pages.first_pages(ctx, "WEB", size=7)
    assert read.totals.counts[column_id] == len(whole)
    assert read.totals.points[column_id] == sum(c.points or 0 for c in whole)
    walked = list(read.pages[column_id].cards)
    while len(walked) < len(whole):
        walked += board_pages.page_after(ctx, "WEB", column_id, walked[-1], size=7)
    assert walked == whole
    last = board_pages.page_before(ctx, "WEB", column_id, None, size=7)
    assert last == whole[-7:]
    assert board_pages.page_before(ctx, "WEB", column_id, last[0], size=7) == whole[-14:-7]
    middle = board_pages.page_at(ctx, "WEB", column_id, 10, size=5)
    assert (middle.start, middle.cards) == (10, whole[10:15])
    around = board_pages.page_around(ctx, "WEB", whole[20], size=6)
    assert (around.start, around.cards) == (17, whole[17:23])


def test_the_backlog_totals_count_what_the_backlog_lists(ctx, filled):
    """``backlog_first``'s aggregates (open columns less open sprints' cards)
    count, add up and leave out exactly the cards the backlog rule lists:
    cards in an active, a planned and a completed sprint, archived cards,
    done cards, cards without points among them."""
    rng = random.Random(7)
    with ctx.db.write() as session:
        row = repo.board_row(session, "WEB")
        sprint_ids = []
        for number, state in enumerate(("active", "planned", "completed", "planned"), start=1):
            sprint = SprintRow(board_id=row.id, number=number, name=f"S{number}", state=state)
            session.add(sprint)
            session.flush()
            sprint_ids.append(sprint.id)
        for card in session.execute(CardRow.__table__.select()).all():
            if rng.random() < 0.5:
                sprint_id = rng.choice(sprint_ids)
                session.execute(
                    CardRow.__table__.update()
                    .where(CardRow.__table__.c.id == card.id)
                    .values(sprint_id=sprint_id)
                )
    listed = sprints.backlog(ctx, "WEB")
    totals, page = board_pages.backlog_first(ctx, "WEB", None, 10)
    assert 10 < totals.count < 100  # some cards in and some out of the backlog
    assert totals.count == totals.shown == len(listed)
    assert totals.points == sum(card.points or 0 for card in listed)
    assert totals.unestimated == sum(1 for card in listed if card.points is None) > 0
    assert [card.key for card in page.cards] == [card.key for card in listed[:10]]


def test_a_backlog_filter_no_card_passes_reads_no_page(ctx, board, monkeypatch) -> None:
    """Counted none: the first page is not looked for through every card again."""
    cards.add_card(ctx, "WEB", "Checkout")
    looked: list[object] = []
    page_query = board_pages._page_query

    def counted(*args, **kwargs):
        looked.append(args)
        return page_query(*args, **kwargs)

    monkeypatch.setattr(board_pages, "_page_query", counted)
    wanted = Filter("zqxw", "alice", date(2026, 11, 30))
    totals, page = board_pages.backlog_first(ctx, "WEB", wanted)
    assert (totals.count, totals.shown, page.cards, looked) == (1, 0, [], [])
    totals, page = board_pages.backlog_first(
        ctx, "WEB", Filter("check", "alice", date(2026, 11, 30))
    )
    assert totals.shown == 1 and [c.title for c in page.cards] == ["Checkout"] and len(looked) == 1
