"""Several connections (threads, processes) on one file: changes are seen,
stale changes are refused, and a WIP limit holds under a race."""

from __future__ import annotations

import multiprocessing
import threading
from collections import Counter
from pathlib import Path

import pytest
from storehelp import card_rows, events

from kanban_tui.domain.errors import StaleChange, WipLimitReached
from kanban_tui.services import Context, boards, cards
from kanban_tui.storage.database import Database
from kanban_tui.storage.server_url import ServerUrl

LIMIT_MESSAGE = "WIP limit reached: In Progress holds 3 of 3."


def test_changes_from_one_connection_are_seen_by_the_other(
    ctx: Context, bob: Context, board
) -> None:
    assert ctx.db is not bob.db and ctx.db.engine is not bob.db.engine
    cards.add_card(ctx, "WEB", "from alice")
    assert [c.title for c in cards.list_cards(bob, "WEB")] == ["from alice"]
    cards.move_card(bob, "WEB-1", "Review")
    cards.edit_card(bob, "WEB-1", {"assignee": "bob"})
    card = cards.get_card(ctx, "WEB-1")
    assert (card.column, card.assignee, card.updated_by) == ("Review", "bob", "bob")
    boards.set_wip_limit(ctx, "WEB", "Review", 1)
    assert boards.columns(bob, "WEB")[2].header == "Review 1/1"


@pytest.mark.sqlite_only  # PRAGMA data_version; a server announces commits instead
def test_a_long_lived_connection_notices_another_commit(ctx: Context, bob: Context, board) -> None:
    # What an open TUI polls to reload within a second.
    with ctx.db.engine.connect() as watcher:

        def data_version() -> int:
            value = watcher.exec_driver_sql("PRAGMA data_version").scalar_one()
            watcher.rollback()  # end the read transaction, or the snapshot stays
            return value

        seen = data_version()
        assert data_version() == seen
        cards.add_card(bob, "WEB", "from bob")
        assert data_version() != seen


# --- stale changes -------------------------------------------------------------


def test_a_change_against_a_stale_card_is_refused(ctx: Context, bob: Context, board) -> None:
    cards.add_card(ctx, "WEB", "original")
    seen = cards.get_card(ctx, "WEB-1")  # alice's screen shows version 1
    cards.edit_card(bob, "WEB-1", {"title": "bob's title"}, expected_version=seen.version)
    rows = card_rows(ctx)
    logged = events(ctx)

    stale = "WEB-1 was changed by bob at 09:30; reloaded - try again."
    with pytest.raises(StaleChange) as caught:
        cards.edit_card(ctx, "WEB-1", {"title": "alice's title"}, expected_version=seen.version)
    assert caught.value.message == stale
    with pytest.raises(StaleChange, match=stale):
        cards.move_card(ctx, "WEB-1", "Done", expected_version=seen.version)
    with pytest.raises(StaleChange, match=stale):
        cards.step_card(ctx, "WEB-1", 1, expected_version=seen.version)
    with pytest.raises(StaleChange, match=stale):
        cards.toggle_assign_to_me(ctx, "WEB-1", expected_version=seen.version)

    assert card_rows(ctx) == rows  # bob's change stands, nothing of alice's applied
    assert events(ctx) == logged
    fresh = cards.get_card(ctx, "WEB-1")
    assert (fresh.title, fresh.version) == ("bob's title", 2)
    moved = cards.move_card(ctx, "WEB-1", "Done", expected_version=fresh.version)
    assert (moved.column, moved.version) == ("Done", 3)


def test_without_an_expected_version_the_change_applies(ctx: Context, bob: Context, board) -> None:
    cards.add_card(ctx, "WEB", "a")
    cards.edit_card(bob, "WEB-1", {"points": 3})
    assert cards.edit_card(ctx, "WEB-1", {"title": "b"}).points == 3


# --- races for the last free place ------------------------------------------------


def setup_race(ctx: Context, racers: int) -> list[str]:
    """In Progress (limit 3) holds 2 cards; ``racers`` cards wait in To Do."""
    boards.create_board(ctx, "WEB", "Website")
    for n in range(2):
        cards.add_card(ctx, "WEB", f"busy {n}", column="In Progress")
    return [cards.add_card(ctx, "WEB", f"racer {n}").key for n in range(racers)]


def check_race(ctx: Context, outcomes: list[str]) -> None:
    assert Counter(outcomes) == {"moved": 1, LIMIT_MESSAGE: len(outcomes) - 1}
    assert boards.columns(ctx, "WEB")[1].header == "In Progress 3/3"
    moves = [e for e in events(ctx) if e["action"] == "moved"]
    assert len(moves) == 1


def test_threads_racing_for_the_last_place_never_exceed_the_limit(
    db_location: Path | ServerUrl,
) -> None:
    db_path = db_location
    setup = Context(Database.open(db_path), actor="lead")
    keys = setup_race(setup, racers=6)
    barrier = threading.Barrier(len(keys))
    outcomes: list[str] = []

    def race(key: str) -> None:
        ctx = Context(Database.open(db_path), actor=key)  # its own connection
        try:
            barrier.wait(timeout=30)
            cards.move_card(ctx, key, "In Progress")
            outcomes.append("moved")
        except WipLimitReached as error:
            outcomes.append(error.message)
        except Exception as error:  # reported, not swallowed
            outcomes.append(f"{type(error).__name__}: {error}")
        finally:
            ctx.db.close()

    threads = [threading.Thread(target=race, args=(key,)) for key in keys]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    check_race(setup, outcomes)
    setup.db.close()


def _race_in_a_process(path: Path | ServerUrl, key: str, barrier, results) -> None:
    ctx = Context(Database.open(path), actor=key)
    try:
        barrier.wait(timeout=60)
        cards.move_card(ctx, key, "In Progress")
        results.put("moved")
    except WipLimitReached as error:
        results.put(error.message)
    except Exception as error:
        results.put(f"{type(error).__name__}: {error}")
    finally:
        ctx.db.close()


def test_processes_racing_for_the_last_place_never_exceed_the_limit(
    db_location: Path | ServerUrl,
) -> None:
    db_path = db_location
    setup = Context(Database.open(db_path), actor="lead")
    keys = setup_race(setup, racers=4)
    # Forked, not spawned (a fresh interpreter importing everything, a second
    # of CPU each); the setup connection is closed first: none crosses a fork.
    setup.db.close()
    fork = multiprocessing.get_context("fork")
    barrier = fork.Barrier(len(keys))
    results = fork.Queue()
    procs = [
        fork.Process(target=_race_in_a_process, args=(db_path, key, barrier, results))
        for key in keys
    ]
    for proc in procs:
        proc.start()
    setup = Context(Database.open(db_path), actor="lead")
    outcomes = [results.get(timeout=120) for _ in procs]
    for proc in procs:
        proc.join(timeout=30)
        assert proc.exitcode == 0
    check_race(setup, outcomes)
    setup.db.close()


def test_threads_adding_at_once_get_distinct_keys(db_location: Path | ServerUrl) -> None:
    db_path = db_location
    setup = Context(Database.open(db_path), actor="lead")
    boards.create_board(setup, "WEB", "Website")
    people, each = 4, 5
    barrier = threading.Barrier(people)
    made: list[str] = []
    failures: list[str] = []

    def add(name: str) -> None:
        ctx = Context(Database.open(db_path), actor=name)
        try:
            barrier.wait(timeout=30)
            for n in range(each):
                made.append(cards.add_card(ctx, "WEB", f"{name} {n}").key)
        except Exception as error:
            failures.append(f"{type(error).__name__}: {error}")
        finally:
            ctx.db.close()

    threads = [threading.Thread(target=add, args=(f"user{i}",)) for i in range(people)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert failures == []
    expected = {f"WEB-{n}" for n in range(1, people * each + 1)}
    assert sorted(made) == sorted(expected)
    assert {c.key for c in cards.list_cards(setup, "WEB")} == expected
    setup.db.close()
