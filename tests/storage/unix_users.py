"""Real Unix users for the shared-file tests: alice and bob write, carol reads.

The suite runs as root in CI. Three throwaway system accounts (and a team
group holding all three) are created once, then each action runs in a child
forked from the test process that switches to the user's uid, gids and
groups before it touches the file. Forking, rather than starting a new
interpreter, matters: the interpreter and the virtual environment may sit in
folders those users cannot read, so everything the child runs is imported
by the parent first (see ``warm_up``).

Imported as ``unix_users`` (pytest puts this folder on sys.path).
"""

from __future__ import annotations

import contextlib
import grp
import io
import os
import pickle
import pwd
import shutil
import signal
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

TEAM = "kanban-team"
NAMES = {"alice": "kanban-alice", "bob": "kanban-bob", "carol": "kanban-carol"}


@dataclass(frozen=True)
class User:
    name: str
    uid: int
    gid: int
    groups: tuple[int, ...]


def _ensure_accounts() -> dict[str, User]:
    if os.geteuid() != 0:
        pytest.skip("switching between real users needs root (CI runs as root)")
    if shutil.which("useradd") is None or shutil.which("groupadd") is None:
        pytest.skip("useradd/groupadd are missing: cannot make throwaway users")
    # Idempotent: a parallel test worker may be creating the same accounts.
    subprocess.run(["groupadd", "-f", "--system", TEAM], capture_output=True)
    users = {}
    for short, login in NAMES.items():
        try:
            pwd.getpwnam(login)
        except KeyError:
            subprocess.run(
                [
                    "useradd",
                    "--system",
                    "--no-create-home",
                    "--shell",
                    "/usr/sbin/nologin",
                    "--groups",
                    TEAM,
                    login,
                ],
                capture_output=True,
            )
        try:
            entry = pwd.getpwnam(login)
            team = grp.getgrnam(TEAM).gr_gid
        except KeyError:
            pytest.skip(f"could not create the throwaway user {login}")
        users[short] = User(login, entry.pw_uid, entry.pw_gid, (entry.pw_gid, team))
    return users


@pytest.fixture(scope="session")
def accounts() -> dict[str, User]:
    return _ensure_accounts()


@dataclass
class Outcome:
    code: int
    out: str
    err: str
    value: Any = None


def as_user(user: User, action: Callable[[], Any]) -> Outcome:
    """Run ``action`` in a child process as ``user``; its exit code, output and result."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child
        code, value = 0, None
        out, err = io.StringIO(), io.StringIO()
        try:
            os.close(read_end)
            os.setgroups(list(user.groups))
            os.setgid(user.gid)
            os.setuid(user.uid)
            os.environ["KANBAN_USER"] = user.name
            sys.stdout, sys.stderr = out, err
            value = action()
            if isinstance(value, int) and not isinstance(value, bool):
                code, value = value, None
        except BaseException as error:  # report everything, exit cleanly
            code, value = 99, f"{type(error).__name__}: {error}"
        payload = pickle.dumps(Outcome(code, out.getvalue(), err.getvalue(), value))
        with os.fdopen(write_end, "wb") as pipe:
            pipe.write(payload)
        os._exit(0)
    os.close(write_end)
    with os.fdopen(read_end, "rb") as pipe:
        data = pipe.read()
    _, status = os.waitpid(pid, 0)
    if not data:
        signal_number = os.WTERMSIG(status) if os.WIFSIGNALED(status) else None
        return Outcome(-(signal_number or 1), "", "", None)
    return pickle.loads(data)


def kanban(user: User, *argv: str) -> Outcome:
    """The command line, in-process in a child running as ``user``."""
    from kanban_tui.__main__ import main

    return as_user(user, lambda: main(list(argv)))


@contextlib.contextmanager
def shared_folder(layout: str, accounts: dict[str, User]) -> Iterator[Path]:
    """A folder laid out as teams share files, outside root's private tmp_path.

    ``sticky``: world-writable with the sticky bit (like /tmp); ``owned``: 0755
    and alice's own; ``team``: group-writable setgid folder of the team (the
    README's layout).
    """
    base = Path(tempfile.mkdtemp(prefix="kanban-users-", dir="/tmp"))
    base.chmod(0o755)
    folder = base / layout
    folder.mkdir()
    alice = accounts["alice"]
    if layout == "sticky":
        folder.chmod(0o1777)
    elif layout == "owned":
        os.chown(folder, alice.uid, alice.gid)
        folder.chmod(0o755)
    else:
        os.chown(folder, 0, alice.groups[1])
        folder.chmod(0o2775)
    # A private copy (see storage.private_copy) goes to a folder every user may use.
    scratch = base / "tmp"
    scratch.mkdir()
    scratch.chmod(0o1777)
    old = tempfile.tempdir
    tempfile.tempdir = str(scratch)
    try:
        yield folder
    finally:
        tempfile.tempdir = old
        shutil.rmtree(base, ignore_errors=True)


def warm_up(tmp_path: Path) -> None:
    """Import, as root, everything a child will run (see the module docstring)."""
    from kanban_tui.__main__ import main
    from kanban_tui.services import activity, cards  # noqa: F401

    path = str(tmp_path / "warm.db")
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        main(["board", "create", "WEB", "Web", "--db", path])
        main(["card", "add", "warm", "--db", path])
        main(["card", "list", "--json", "--db", path])
        main(["card", "move", "WEB-1", "Done", "--db", path])


def killed(status: Outcome) -> bool:
    return status.code == -signal.SIGKILL


class Viewer:
    """A long-lived reader in its own process, as an open TUI is: it opens the
    file once and then polls the change feed and reads the board on request."""

    def __init__(self, user: User, path: Path) -> None:
        self._commands_r, self._commands_w = os.pipe()
        self._answers_r, self._answers_w = os.pipe()
        self.pid = os.fork()
        if self.pid == 0:
            self._serve(user, path)
        os.close(self._commands_r)
        os.close(self._answers_w)
        self._answers = os.fdopen(self._answers_r, "rb")
        self._commands = os.fdopen(self._commands_w, "wb")
        self.opened = self._receive()

    def _serve(self, user: User, path: Path) -> None:
        from kanban_tui.services import Context, activity, cards
        from kanban_tui.storage.database import Database

        os.close(self._commands_w)
        os.close(self._answers_r)
        commands = os.fdopen(self._commands_r, "rb")
        answers = os.fdopen(self._answers_w, "wb")

        def answer(value: Any) -> None:
            pickle.dump(value, answers)
            answers.flush()

        try:
            os.setgroups(list(user.groups))
            os.setgid(user.gid)
            os.setuid(user.uid)
            ctx = Context(Database.open(path), actor=user.name)
            feed = activity.change_feed(ctx)
            answer(("ok", ctx.db.read_only))
            while (command := pickle.load(commands)) != "quit":
                try:
                    if command == "poll":
                        answer(("ok", [change.key for change in feed.poll()[0]]))
                    else:
                        answer(("ok", [card.title for card in cards.list_cards(ctx, "WEB")]))
                except Exception as error:
                    answer(("error", f"{type(error).__name__}: {error}"))
            feed.close()
            ctx.db.close()
        except BaseException as error:
            with contextlib.suppress(Exception):
                answer(("error", f"{type(error).__name__}: {error}"))
        os._exit(0)

    def _receive(self) -> Any:
        status, value = pickle.load(self._answers)
        assert status == "ok", value
        return value

    def ask(self, command: str) -> Any:
        pickle.dump(command, self._commands)
        self._commands.flush()
        return self._receive()

    def close(self) -> None:
        with contextlib.suppress(OSError):
            pickle.dump("quit", self._commands)
            self._commands.close()
        self._answers.close()
        os.waitpid(self.pid, 0)
