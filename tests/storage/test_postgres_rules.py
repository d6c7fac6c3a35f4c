"""Every rule holds under real concurrency on a PostgreSQL server (issue 12, point 2).

Three ServerDatabase objects stand for three machines: each has its own
engine and connections. Ten workers, threads released together by one
barrier, act through them. Bounded in count, not in time: the threads only
have a guard against a hang, never a bound on speed.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from pg import fresh_database, needs_postgres, terminate_connections

from kanban_tui.domain.errors import (
    DatabaseBusy,
    NotFound,
    PersonWipLimitReached,
    RuleViolation,
    StaleChange,
    StorageError,
    WipLimitReached,
)
from kanban_tui.domain.sprints import SprintState
from kanban_tui.services import Context, boards, cards, sprint_cycle, sprints
from kanban_tui.storage import opening, postgres
from kanban_tui.storage.database import Database
from kanban_tui.storage.postgres import ServerDatabase
from kanban_tui.storage.server_url import ServerUrl

pytestmark = needs_postgres

NOW = datetime(2026, 11, 25, 9, 30, tzinfo=UTC)
WORKERS = 10
HANG_GUARD = 60.0  # seconds: only for a hung thread, never a bound on speed


class Server:
    """One database shared by the module's tests (each test has boards of its own)."""

    def __init__(self, url: ServerUrl) -> None:
        self.url = url
        self.machines = [ServerDatabase.open(url) for _ in range(3)]
        self.lead = Context(self.machines[0], actor="lead", clock=lambda: NOW)

    def close(self) -> None:
        for machine in self.machines:
            machine.close()


@pytest.fixture(scope="module")
def server() -> Iterator[Server]:
    with fresh_database() as url:
        shared = Server(url)
        try:
            yield shared
        finally:
            shared.close()


def _race(machines: list[Any], action: Callable[[Context, int], Any]) -> list[Any]:
    """``action(ctx, i)`` by WORKERS people at once, spread over ``machines``:
    each result is what the action returned or the exception it raised."""
    barrier = threading.Barrier(WORKERS)
    results: list[Any] = [None] * WORKERS

    def run(i: int) -> None:
        ctx = Context(machines[i % len(machines)], actor=f"user{i}", clock=lambda: NOW)
        barrier.wait(HANG_GUARD)
        try:
            results[i] = action(ctx, i)
        except Exception as error:  # kept: the test says which it was
            results[i] = error

    threads = [threading.Thread(target=run, args=(i,)) for i in range(WORKERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(HANG_GUARD)
        assert not thread.is_alive(), "a worker hung"
    return results


def _split(results: list[Any]) -> tuple[list[Any], list[Exception]]:
    return (
        [r for r in results if not isinstance(r, Exception)],
        [r for r in results if isinstance(r, Exception)],
    )


# --- the WIP checks and their writes -------------------------------------------


def _two_free(ctx: Context, key: str) -> None:
    """In Progress (limit 3) holds one card; ten cards wait in To Do."""
    cards.add_card(ctx, key, "started", column="In Progress")
    for i in range(WORKERS):
        cards.add_card(ctx, key, f"waiting {i}")


def _person_limit(ctx: Context, key: str) -> None:
    """Dana may have 2 cards in progress; the column has no limit of its own."""
    boards.set_person_wip_limit(ctx, key, 2)
    boards.set_wip_limit(ctx, key, "In Progress", None)
    for i in range(WORKERS):
        cards.add_card(ctx, key, f"dana's {i}", assignee="dana")


SCENARIOS = {
    # board key: (setup, each worker's action, the refusal, its sentence)
    "MOVE": (
        _two_free,
        lambda ctx, i: cards.move_card(ctx, f"MOVE-{i + 2}", "In Progress"),
        WipLimitReached,
        "WIP limit reached: In Progress holds 3 of 3.",
    ),
    "PERSON": (
        _person_limit,
        lambda ctx, i: cards.move_card(ctx, f"PERSON-{i + 1}", "In Progress"),
        PersonWipLimitReached,
        "WIP limit reached: dana has 2 of 2 cards in progress.",
    ),
    "MAKE": (
        lambda ctx, key: cards.add_card(ctx, key, "started", column="In Progress"),
        lambda ctx, i: cards.add_card(ctx, "MAKE", f"new {i}", column="In Progress"),
        WipLimitReached,
        "WIP limit reached: In Progress holds 3 of 3.",
    ),
}


@pytest.mark.parametrize("key", list(SCENARIOS))
def test_ten_racers_into_two_free_places_two_get_in(server: Server, key: str) -> None:
    setup, action, refusal, sentence = SCENARIOS[key]
    boards.create_board(server.lead, key, key.title())
    setup(server.lead, key)

    done, refused = _split(_race(server.machines, action))

    assert len(done) == 2, refused
    assert [type(error) for error in refused] == [refusal] * (WORKERS - 2)
    assert {error.message for error in refused} == {sentence}
    in_progress = [c for c in cards.list_cards(server.lead, key) if c.column == "In Progress"]
    assert len(in_progress) == (2 if key == "PERSON" else 3)


# --- card versions: no lost update ------------------------------------------------


def _stale_race(machines: list[Any], lead: Context) -> set[str]:
    """Ten edits of EDIT-1, each from the version its author read: the
    sentences the losers got, with the winner's name as WINNER."""
    boards.create_board(lead, "EDIT", "Edits")
    card = cards.add_card(lead, "EDIT", "the card")
    results = _race(
        machines,
        lambda ctx, i: cards.edit_card(
            ctx, "EDIT-1", {"title": f"by user{i}"}, expected_version=card.version
        ),
    )
    done, refused = _split(results)
    assert len(done) == 1, "more than one edit of the same version was kept"
    assert all(type(error) is StaleChange for error in refused), refused
    winner = done[0].updated_by
    stored = cards.get_card(lead, "EDIT-1")
    assert (stored.title, stored.version) == (f"by {winner}", card.version + 1)
    return {error.message.replace(winner, "WINNER") for error in refused}


def test_concurrent_edits_of_one_version_keep_one_and_say_so_as_on_sqlite(
    server: Server, tmp_path: Path
) -> None:
    on_server = _stale_race(server.machines, server.lead)

    files = [Database.open(tmp_path / "race.db") for _ in range(3)]
    try:
        on_file = _stale_race(files, Context(files[0], actor="lead", clock=lambda: NOW))
    finally:
        for database in files:
            database.close()

    assert on_server == on_file == {"EDIT-1 was changed by WINNER at 09:30; reloaded - try again."}


# --- key numbering and the one active sprint ---------------------------------------


def test_concurrent_adds_number_cards_consecutively_and_never_reuse_one(server: Server) -> None:
    boards.create_board(server.lead, "KEYS", "Keys")

    done, failed = _split(
        _race(server.machines, lambda ctx, i: cards.add_card(ctx, "KEYS", f"card {i}"))
    )

    assert failed == []
    assert sorted(card.key for card in done) == sorted(f"KEYS-{n}" for n in range(1, 11))
    cards.delete_card(server.lead, "KEYS-10")
    other = Context(server.machines[1], actor="ben", clock=lambda: NOW)
    assert cards.add_card(other, "KEYS", "after").key == "KEYS-11"


def test_concurrent_sprint_starts_leave_one_active(server: Server) -> None:
    boards.create_board(server.lead, "SPR", "Sprints")
    for _ in range(WORKERS):
        sprints.create_sprint(server.lead, "SPR", goal="Ship it")

    done, refused = _split(
        _race(server.machines, lambda ctx, i: sprint_cycle.start_sprint(ctx, "SPR", i + 1))
    )

    assert len(done) == 1, refused
    winner = done[0].number
    assert all(type(error) is RuleViolation for error in refused), refused
    assert {error.message.split(";")[0] for error in refused} == {
        f"Sprint {winner} is active already"
    }
    active = sprints.list_sprints(server.lead, "SPR", SprintState.ACTIVE)
    assert [sprint.number for sprint in active] == [winner]


# --- writers take turns -------------------------------------------------------------


def _lock_waits(url: ServerUrl) -> list[str]:
    """What each backend of ``url``'s database waiting for a lock waits for."""
    import psycopg

    with psycopg.connect(postgres.url_for_driver(url), autocommit=True) as conn:
        rows = conn.execute(
            "SELECT wait_event FROM pg_stat_activity "
            "WHERE datname = current_database() AND wait_event_type = 'Lock'"
        ).fetchall()
    return [row[0] for row in rows]


def test_a_second_writer_waits_for_the_first_and_sees_its_change(server: Server) -> None:
    boards.create_board(server.lead, "TURN", "Turns")
    first = Context(server.machines[0], actor="ann", clock=lambda: NOW)
    second = Context(server.machines[1], actor="ben", clock=lambda: NOW)
    held, release = threading.Event(), threading.Event()
    results: dict[str, Any] = {}

    def hold() -> None:
        with first.db.batch():  # one write transaction, left open
            results["first"] = cards.add_card(first, "TURN", "first")
            held.set()
            release.wait(HANG_GUARD)

    def then() -> None:
        try:
            results["second"] = cards.add_card(second, "TURN", "second")
        except Exception as error:
            results["second"] = error

    holder = threading.Thread(target=hold)
    holder.start()
    assert held.wait(HANG_GUARD)
    follower = threading.Thread(target=then)
    follower.start()
    try:
        # Until the second writer is seen waiting for a lock, or is done.
        while not (waits := _lock_waits(server.url)) and follower.is_alive():
            time.sleep(0.01)
        assert "second" not in results, "the second writer did not wait for the first"
        assert waits == ["advisory"], waits
    finally:
        release.set()
        holder.join(HANG_GUARD)
        follower.join(HANG_GUARD)
    assert results["first"].key == "TURN-1"
    assert results["second"].key == "TURN-2"


def test_a_writer_held_past_the_lock_timeout_makes_the_other_busy(
    server: Server, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(postgres, "LOCK_TIMEOUT_MS", 50)
    boards.create_board(server.lead, "HOLD", "Held")
    other = Context(server.machines[1], actor="ben", clock=lambda: NOW)

    with server.lead.db.batch():
        cards.add_card(server.lead, "HOLD", "held")
        # A change touching nothing the holder touched: only the lock stops it.
        with pytest.raises(DatabaseBusy) as busy:
            boards.create_board(other, "FREE", "Free")

    assert busy.value.message == opening.BUSY  # the file's sentence
    with pytest.raises(NotFound):
        boards.resolve_board(other, "FREE")
    assert cards.add_card(other, "HOLD", "after").key == "HOLD-2"


# --- connection loss mid-action -------------------------------------------------------


def test_connection_lost_mid_action_changes_nothing_and_the_next_action_works(
    server: Server,
) -> None:
    machine = server.machines[2]
    ctx = Context(machine, actor="cy", clock=lambda: NOW)
    boards.create_board(ctx, "LOST", "Lost")

    with pytest.raises(StorageError) as lost, machine.batch():
        cards.add_card(ctx, "LOST", "never kept")
        assert terminate_connections(server.url) > 0

    message = lost.value.message
    assert type(lost.value) is StorageError and "\n" not in message
    assert message.startswith(f"The PostgreSQL server at {server.url.server} cannot be reached (")
    assert message.endswith("); nothing was changed, try again when it is back.")
    assert cards.list_cards(ctx, "LOST") == []
    assert cards.add_card(ctx, "LOST", "kept").key == "LOST-1"
    # Cut again between actions (a server restart): the pooled connection
    # is dead, and the next action still works.
    assert terminate_connections(server.url) > 0
    assert cards.add_card(ctx, "LOST", "kept too").key == "LOST-2"
