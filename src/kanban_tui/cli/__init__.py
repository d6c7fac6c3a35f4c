"""The ``kanban`` command line: parse, call one service function, print.

No rule lives here; every refusal comes from the services as a
:class:`~kanban_tui.domain.errors.KanbanError` whose message is printed as
one ``error:`` line.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable, Sequence
from typing import Any

from .. import __version__
from ..domain.errors import KanbanError, Unchanged
from . import (
    boards,
    cards,
    columns,
    db,
    files,
    forecast,
    log,
    output,
    risks,
    serve,
    sprints,
    transfer,
    tui,
    undo,
)
from .common import Parser, UsageError, add_top_options, db_help, one_build
from .output import safe

DESCRIPTION = """\
A terminal Kanban and Scrum board with WIP limits, sprints and a risk register.

Run `kanban` alone to open the board in the terminal UI, or a command below
to work from the shell and from scripts (add --json to read results).
"""

EPILOG = """\
examples:
  kanban                                     open the TUI (creates a first board)
  kanban demo --db /tmp/demo.db              a sample board to look around in
  kanban card add "Fix the login redirect" --points 3
  kanban card move WEB-12 "In Progress"
  kanban card list --sprint active --json
  kanban sprint report active                what the running sprint has done so far
  kanban risk list                           the risk register, highest score first
  kanban log --card WEB-12                   who did what to WEB-12, newest first
  kanban forecast when --column Review       when will Review's cards be done
  kanban undo                                take back my last action on the board
  kanban db copy my.db postgresql://db/team  a board file onto a PostgreSQL server
  kanban serve                               the board in a browser, read-only

Every command takes --db PATH (or $KANBAN_DB). Exit status: 0 done, 1 a rule
refused it (WIP limit, sprint rule, not found, changed by someone else), 2 bad
usage or a bad value; the reason is one `error:` line on stderr.

Run `kanban COMMAND --help` for a command's options and examples.
"""


REGISTER: dict[str, Callable[[Any], None]] = {
    "board": boards.register,
    "column": columns.register,
    "card": cards.register,
    "sprint": sprints.register,
    "risk": risks.register,
    "log": log.register,
    "forecast": forecast.register,
    "undo": undo.register,
    "demo": files.register,
    "backup": files.register,
    "export": transfer.register,
    "import": transfer.register,
    "db": db.register,
    "serve": serve.register,
}
"""Each command's registration (one registers a few), in the order of ``--help``."""

TOP_VALUED = ("--db", "--board")
"""The top-level options that take a value."""


def build_parser(argv: Sequence[str] | None = None) -> Parser:
    """The command line; given ``argv``, only as much of it as ``argv`` can reach.

    Registering all of it takes about 13 ms, most of a short command's own
    time. A command's options and help are its group's alone, so when argv
    names a command only that group is registered. Anything else (``--help``,
    no command, an unknown word or option) gets the whole command line, so
    the top-level help and its errors read as always.

    A parser keeps nothing from one parse to the next, so a process that
    runs several commands (a test, a program embedding ``main``) builds each
    one once: by what it registers and the one text that reads the
    environment, the ``--db`` help.
    """
    every = list(dict.fromkeys(REGISTER.values()))
    registrations = tuple(every if argv is None else _reachable(argv, every))
    key = (registrations, db_help())
    parser = _BUILT.get(key)
    if parser is None:
        parser = _BUILT[key] = _build(registrations)
    return parser


_BUILT: dict[tuple[Any, ...], Parser] = {}
"""The parsers built in this process (see ``build_parser``)."""


def _build(registrations: Sequence[Callable[[Any], None]]) -> Parser:
    parser = Parser(prog="kanban", description=DESCRIPTION, epilog=EPILOG)
    with one_build():
        parser.add_argument("--version", action="version", version=f"kanban {__version__}")
        add_top_options(parser)
        parser.set_defaults(run=tui.run)
        commands = parser.add_subparsers(title="commands", metavar="COMMAND")
        for register in registrations:
            register(commands)
    return parser


def _reachable(
    argv: Sequence[str], every: list[Callable[[Any], None]]
) -> list[Callable[[Any], None]]:
    """The registrations ``argv`` can reach: its command's, or all when unsure.

    Conservative by design: whatever does not read as the top-level options
    followed by a known command word gets all of them.
    """
    words = iter(argv)
    for word in words:
        if word in TOP_VALUED:
            value = next(words, None)
            if value is None or value.startswith("-"):  # argparse may read it as an option
                return every
        elif word.startswith(tuple(f"{option}=" for option in TOP_VALUED)):
            continue
        elif word == "--version":  # prints and exits before any command is read
            return []
        elif word in REGISTER:
            return [REGISTER[word]]
        else:
            return every
    return every


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; returns the exit status (and never lets a traceback out)."""
    _tolerate_encoding()
    try:
        argv = sys.argv[1:] if argv is None else list(argv)
        args = build_parser(argv).parse_args(argv)
        status = args.run(args)
        # A reader that went away, or a full disk, must show up here, not at exit.
        output.flush()
        return status
    except SystemExit as done:  # --help and --version
        return done.code if isinstance(done.code, int) else 0
    except Unchanged as same:  # asked for what is so already: said, not an error
        sys.stdout.write(f"{safe(same.message)}\n")
        return 0
    except (UsageError, KanbanError) as error:
        return _fail(error.message, error.exit_code)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        _silence_stdout()
        return 141
    except Exception as error:
        return _fail(f"internal error: {type(error).__name__}: {error}", 1)


def _fail(message: str, code: int) -> int:
    sys.stderr.write(f"error: {safe(message)}\n")
    return code


def _tolerate_encoding() -> None:
    """On a non-UTF-8 terminal, show what cannot be encoded as escapes, not a crash."""
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "")
        if encoding not in ("utf8", "utf8sig") and hasattr(stream, "reconfigure"):
            with contextlib.suppress(ValueError, OSError):
                stream.reconfigure(errors="backslashreplace")


def _silence_stdout() -> None:
    """The reader went away (``| head``): drop the rest without a second error at exit."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass
