"""The ``kanban`` command line: parse, call one service function, print.

No rule lives here; every refusal comes from the services as a
:class:`~kanban_tui.domain.errors.KanbanError` whose message is printed as
one ``error:`` line.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Sequence

from .. import __version__
from ..domain.errors import KanbanError
from . import boards, cards, files, log, risks, sprints, tui
from .common import Parser, UsageError, add_top_options
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

Every command takes --db PATH (or $KANBAN_DB). Exit status: 0 done, 1 a rule
refused it (WIP limit, sprint rule, not found, changed by someone else), 2 bad
usage or a bad value; the reason is one `error:` line on stderr.

Run `kanban COMMAND --help` for a command's options and examples.
"""


def build_parser() -> Parser:
    parser = Parser(prog="kanban", description=DESCRIPTION, epilog=EPILOG)
    parser.add_argument("--version", action="version", version=f"kanban {__version__}")
    add_top_options(parser)
    parser.set_defaults(run=tui.run)
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")
    boards.register(commands)
    cards.register(commands)
    sprints.register(commands)
    risks.register(commands)
    log.register(commands)
    files.register(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; returns the exit status (and never lets a traceback out)."""
    _tolerate_encoding()
    try:
        args = build_parser().parse_args(argv)
        status = args.run(args)
        # A reader that went away must show up here, not as a traceback at exit.
        sys.stdout.flush()
        return status
    except SystemExit as done:  # --help and --version
        return done.code if isinstance(done.code, int) else 0
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
