"""One person is one name in the TUI: @me and "assign to me" find the user
however KANBAN_USER spells them, and the Activity @name filter reads old actors."""

from __future__ import annotations

import sqlite3

import pytest
from backlog_helpers import open_backlog, press_settled
from ui_helpers import card_list, make_app, notifications, press, screen_text, settle, type_text

from kanban_tui.screens.activity.screen import ActivityScreen
from kanban_tui.services import Context, cards
from kanban_tui.widgets.activity_table import ActivityTable


@pytest.fixture
def shouting(ctx: Context, monkeypatch: pytest.MonkeyPatch) -> Context:
    """The context the TUI builds when KANBAN_USER is fullwidth upper case ALICE."""
    monkeypatch.setenv("KANBAN_USER", " ＡＬＩＣＥ ")
    return Context(ctx.db, clock=ctx.clock)


def rewrite_actor(path, key: str, actor: str) -> None:
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE event SET actor = ? WHERE key = ?", (actor, key))
    conn.close()


def shown(app) -> list[str]:
    return sorted(card.key for view in app.screen.query("CardList") for card in view.cards)


async def test_at_me_and_assign_to_me_match_the_normalised_user(ctx, board, shouting) -> None:
    cards.add_card(ctx, "WEB", "Mine", assignee="Alice")
    cards.add_card(ctx, "WEB", "Bob's", assignee="bob")
    cards.add_card(ctx, "WEB", "Nobody's")
    app = make_app(shouting)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert "3 cards · @alice" in screen_text(app)
        await press(pilot, "slash")
        await type_text(pilot, "@me")
        assert shown(app) == ["WEB-1"]
        await press(pilot, "escape")
        assert card_list(app).current.key == "WEB-1"
        await press(pilot, "a")  # it is mine already: a takes it back
        await settle(pilot)
        assert cards.get_card(ctx, "WEB-1").assignee is None
        assert "WEB-1 unassigned." in notifications(app)
        await press(pilot, "a")
        await settle(pilot)
        assert cards.get_card(ctx, "WEB-1").assignee == "alice"


async def test_the_backlog_filter_knows_me_too(ctx, board, shouting) -> None:
    cards.add_card(ctx, "WEB", "Mine", assignee="ALICE")
    cards.add_card(ctx, "WEB", "Bob's", assignee="bob")
    app = make_app(shouting)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_backlog(pilot)
        await press_settled(pilot, "slash")
        await type_text(pilot, "@me")
        await press_settled(pilot, "enter")
        assert "filter: 1 of 2 cards" in screen_text(app)
        state = app.screen.state
        assert [c.key for s in state.sections for c in state.visible(s)] == ["WEB-1"]


async def test_the_activity_filter_finds_me_in_actors_written_before(
    ctx, board, shouting, db_path
) -> None:
    cards.add_card(ctx, "WEB", "Logged as alice")
    cards.add_card(ctx, "WEB", "Logged as bob")
    # The log is append-only and kept as written: an actor from before names
    # were normalised keeps its spelling, and @me still finds it.
    rewrite_actor(db_path, "WEB-1", "Alice ")
    rewrite_actor(db_path, "WEB-2", "bob")
    app = make_app(shouting)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "6")
        await settle(pilot)
        assert isinstance(app.screen, ActivityScreen)
        await press(pilot, "slash")
        await type_text(pilot, "@me")
        await settle(pilot)
        events = app.screen.query_one(ActivityTable).events
        assert [event.key for event in events] == ["WEB-1", "WEB"]  # WEB: the board, by alice
