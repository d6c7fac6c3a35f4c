"""A team on one file: concurrent writers and a writer killed mid-run.

Bounded in count, not in time: the same work on a fast or a loaded machine.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import random
import signal
import sqlite3
from pathlib import Path

import pytest
from storehelp import raw

from kanban_tui.domain.errors import KanbanError, WipLimitReached
from kanban_tui.services import Context, boards, cards
from kanban_tui.storage.database import Database
from kanban_tui.storage.server_url import ServerUrl

ACTIONS = 150  # per person, all starting together
KILL_AFTER = 60  # commits seen before the writer is killed: plenty to lose
HANG_GUARD = 60.0  # seconds: only for a hung child, never a bound on speed


def _worker(path: Path | ServerUrl, name: str, start, queue: multiprocessing.Queue) -> None:
    """Add cards and step random ones through the board, ACTIONS times."""
    rng = random.Random(name)
    ctx = Context(Database.open(path), actor=name)
    added: list[str] = []
    refused = errors = 0
    start.wait(HANG_GUARD)
    for actions in range(1, ACTIONS + 1):
        try:
            if not added or rng.random() < 0.3:
                added.append(cards.add_card(ctx, "WEB", f"{name} card {actions}").key)
            else:
                key = rng.choice(added)
                step = 1 if rng.random() < 0.7 else -1
                if cards.get_card(ctx, key).column != ("Done" if step > 0 else "To Do"):
                    cards.step_card(ctx, key, step)
        except WipLimitReached:
            refused += 1
        except KanbanError as error:  # anything else reaching a user is a failure
            errors += 1
            queue.put(("error", name, error.message))
    ctx.db.close()
    queue.put(("done", name, added, refused, errors))


def _run_team(path: Path | ServerUrl, people: int) -> list[tuple]:
    fork = multiprocessing.get_context("fork")
    queue: multiprocessing.Queue = fork.Queue()
    start = fork.Barrier(people)
    procs = [
        fork.Process(target=_worker, args=(path, f"user{i}", start, queue)) for i in range(people)
    ]
    for proc in procs:
        proc.start()
    results = [queue.get(timeout=HANG_GUARD) for _ in procs]
    for proc in procs:
        proc.join(timeout=30)
        assert proc.exitcode == 0
    return results


def _max_occupancy(path: Path | ServerUrl, column: str) -> int:
    """Replay the activity log: the most cards the column ever held at once."""
    rows = raw(path, "SELECT action, data FROM event WHERE entity = 'card' ORDER BY id")
    held = peak = 0
    for action, data in rows:
        values = json.loads(data)
        if action == "moved":
            held += (values["after"] == column) - (values["before"] == column)
        elif action == "created" and values.get("column") == column:
            held += 1
        peak = max(peak, held)
    return peak


@pytest.mark.parametrize("people", [2, 4])
def test_concurrent_writers_lose_nothing_and_keep_wip(
    db_location: Path | ServerUrl, people: int
) -> None:
    path = db_location
    setup = Context(Database.open(path), actor="lead")
    boards.create_board(setup, "WEB", "Website")
    setup.db.close()

    results = _run_team(path, people)

    errors = [r for r in results if r[0] == "error"]
    assert errors == [], errors
    done = [r for r in results if r[0] == "done"]
    reported = [key for r in done for key in r[2]]
    assert len(reported) == len(set(reported)), "a card key was handed out twice"
    ctx = Context(Database.open(path), actor="lead")
    stored = {card.key for card in cards.list_cards(ctx, "WEB")}
    assert set(reported) <= stored, "a reported card is missing"
    assert len(stored) == len(reported)
    columns = {column.name: column for column in boards.columns(ctx, "WEB")}
    assert columns["In Progress"].count <= 3 and columns["Review"].count <= 2
    assert _max_occupancy(path, "In Progress") <= 3
    assert _max_occupancy(path, "Review") <= 2
    assert sum(r[3] for r in done) > 0, "the race never hit a WIP limit; the test proves nothing"


def _killed_writer(path: Path | ServerUrl, pipe) -> None:
    ctx = Context(Database.open(path), actor="victim")
    for i in range(100_000):
        card = cards.add_card(ctx, "WEB", f"card {i}", description="x" * 2000)
        pipe.send(card.key)  # only after the commit returned


def test_writer_killed_mid_run_keeps_every_committed_change(db_location: Path | ServerUrl) -> None:
    path = db_location
    setup = Context(Database.open(path), actor="lead")
    boards.create_board(setup, "WEB", "Website")
    setup.db.close()

    fork = multiprocessing.get_context("fork")
    receiver, sender = fork.Pipe(duplex=False)
    proc = fork.Process(target=_killed_writer, args=(path, sender))
    proc.start()
    committed: list[str] = []
    # Killed mid-run, once it has committed plenty.
    while len(committed) < KILL_AFTER:
        assert receiver.poll(HANG_GUARD), "the writer stopped committing"
        committed.append(receiver.recv())
    os.kill(proc.pid, signal.SIGKILL)
    proc.join(timeout=10)
    while receiver.poll(0.1):
        committed.append(receiver.recv())

    if isinstance(path, Path):  # a server rolls a dead client's transaction back itself
        conn = sqlite3.connect(path)
        try:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        finally:
            conn.close()
    ctx = Context(Database.open(path), actor="lead")
    stored = {card.key for card in cards.list_cards(ctx, "WEB")}
    assert set(committed) <= stored
