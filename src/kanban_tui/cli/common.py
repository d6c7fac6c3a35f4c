"""What every command shares: the parser class, the shared options, the
database and the board a command means.

The services import SQLAlchemy (about 0.4 s), so they are imported inside
the functions that need them: ``kanban --help`` and ``kanban --version``
stay instant and nothing here pulls in Textual.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import textwrap
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar, cast

from .. import paths
from ..domain.errors import KanbanError, NotFound

if TYPE_CHECKING:
    from ..services.context import Context

T = TypeVar("T")


class UsageError(Exception):
    """The command line was used wrongly (exit status 2)."""

    exit_code = 2

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class HelpFormatter(argparse.HelpFormatter):
    """Wraps prose to the terminal, but keeps example blocks as written.

    A paragraph whose first line ends with ``:`` (``examples:``) is a block
    and is printed line for line.
    """

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        paragraphs = []
        for paragraph in text.strip("\n").split("\n\n"):
            lines = paragraph.splitlines()
            if lines[0].rstrip().endswith(":"):
                paragraphs.append("\n".join(indent + line for line in lines))
            else:
                paragraphs.append(
                    textwrap.fill(
                        " ".join(paragraph.split()),
                        width,
                        initial_indent=indent,
                        subsequent_indent=indent,
                    )
                )
        return "\n\n".join(paragraphs)


def examples(*commands: str, note: str = "") -> str:
    """An ``examples:`` block for a help epilog, a command a line: each given
    on its own, or several as one indented block of lines; then ``note``, the
    command group's shared paragraph, if given."""
    lines = [
        line
        for command in commands
        for line in (
            textwrap.dedent(command).strip("\n").splitlines() if "\n" in command else [command]
        )
    ]
    block = "examples:\n" + "\n".join(f"  {line}" for line in lines)
    return f"{block}\n\n{note}" if note else block


class Parser(argparse.ArgumentParser):
    """An ArgumentParser whose mistakes are one ``error:`` line and exit 2.

    Abbreviated options are off: a script that relies on ``--desc`` would
    break the day another option starting with ``--desc`` is added.

    Every value given is checked here, once for all commands, before any
    command runs: text that is not valid UTF-8 (Python hands undecodable argv
    bytes over as lone surrogates, which blow up later in SQLite or on
    output), and empty values, which the services read as "none" or "the
    default" (an empty field in the TUI) where the command line's word for
    that is ``none`` or leaving the option out.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("allow_abbrev", False)
        kwargs.setdefault("formatter_class", HelpFormatter)
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{message} (see `{self.prog} --help`)")

    def parse_known_args(  # type: ignore[override]
        self, args: Sequence[str] | None = None, namespace: argparse.Namespace | None = None
    ) -> tuple[argparse.Namespace, list[str]]:
        # A subcommand's parser runs this too, on its own options: each parser
        # checks the values of its own actions and so names them as typed.
        parsed, extras = super().parse_known_args(args, namespace)
        for action in self._actions:
            value = getattr(parsed, action.dest, None)
            for item in value if isinstance(value, list) else [value]:
                if isinstance(item, str):
                    check_value(_label(action), item, getattr(action, "empty_says", None))
        return parsed, extras


MAY_BE_EMPTY = frozenset(
    {"--description", "--mitigation", "--contingency", "--trigger", "--goal", "--db"}
    | {"TITLE", "--title", "KEY", "NAME", "--reason"}
)
"""Free text, where empty is a value, and arguments that the domain refuses
empty in its own words ("Title must not be empty."). ``--db`` is the
storage's to judge."""
PATHS = frozenset({"--db", "PATH", "FILE", "--output"})
"""File names are bytes on POSIX; a path need not be UTF-8."""


def says_when_empty(action: argparse.Action, sentence: str) -> None:
    """What an empty ``action`` is refused with, in a person's words ("A
    comment must not be empty.") rather than its metavar's ("TEXT must …")."""
    setattr(action, "empty_says", sentence)  # noqa: B010 (argparse's Action takes no such field)


def check_value(label: str, value: str, empty: str | None = None) -> None:
    """Refuse a typed value that is not valid UTF-8, or empty where empty
    would silently mean none or the default (``empty``: the sentence then)."""
    if label not in PATHS and not _utf8(value):
        raise UsageError(f"{label} is not valid UTF-8 text")
    if label not in MAY_BE_EMPTY and not value.strip():
        raise UsageError(empty or f"{label} must not be empty")


def _utf8(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate: a byte argv could not decode
        return False
    return True


def _label(action: argparse.Action) -> str:
    """How the command line names an argument: ``--board``, or ``PATH``."""
    if action.option_strings:
        return max(action.option_strings, key=len)
    return str(action.metavar or action.dest.upper())


def db_help() -> str:
    try:
        default = str(paths.default_db_path())
    except KanbanError:  # a bad $KANBAN_DB is reported when a command runs, not in --help
        default = "kanban.db in the user data folder"
    return (
        f"the database file, or a postgresql://user@host/dbname URL "
        f"(default: $KANBAN_DB, else {default})"
    )


_BUILD: ContextVar[dict[object, Any] | None] = ContextVar("kanban_parser_build", default=None)
"""What the parsers of one build share (see ``one_build``); None outside a build."""


@contextmanager
def one_build() -> Iterator[None]:
    """While one command line is built, make what every subcommand shares once.

    The ``--db`` help reads the environment and the user data folder, and each
    ``shared_options`` parent is a parser of its own: made per subcommand, they
    were most of the cost of building the command line. Only within one build,
    since ``$KANBAN_DB`` may differ between builds (tests, embedding).
    """
    token = _BUILD.set({})
    try:
        yield
    finally:
        _BUILD.reset(token)


def _shared(key: object, make: Callable[[], T]) -> T:
    memo = _BUILD.get()
    if memo is None:
        return make()
    if key not in memo:
        memo[key] = make()
    return cast(T, memo[key])


BOARD_HELP = "the board (default: the only one, else the one last opened in the TUI)"


def shared_options(*, board: bool, board_help: str = BOARD_HELP) -> Parser:
    """``--db`` (and ``--board``) for a subcommand, so they work after it too.

    Their default is SUPPRESS so that a value given before the subcommand
    (``kanban --db X card list``) is not overwritten by the subcommand's
    own default.
    """
    # A parent only lends its actions (argparse copies them into each child),
    # so one parent of each kind serves every subcommand of a build.
    return _shared(("parent", board, board_help), lambda: _parent(board, board_help))


def _parent(board: bool, board_help: str) -> Parser:
    parent = Parser(add_help=False)
    parent.add_argument(
        "--db", metavar="PATH", default=argparse.SUPPRESS, help=_shared("db help", db_help)
    )
    if board:
        parent.add_argument("--board", metavar="KEY", default=argparse.SUPPRESS, help=board_help)
    return parent


def add_top_options(parser: Parser) -> None:
    parser.add_argument("--db", metavar="PATH", default=None, help=_shared("db help", db_help))
    parser.add_argument("--board", metavar="KEY", default=None, help=BOARD_HELP)


def db_path(args: argparse.Namespace) -> paths.Location:
    if args.db is not None:
        return paths.db_location(args.db)
    return paths.default_db_path()


@contextmanager
def context(args: argparse.Namespace, *, create: bool = False) -> Iterator[Context]:
    """A service context on the database that ``--db`` names, closed afterwards.

    Only the commands that make a board (``board create``, ``demo``, the TUI)
    create a missing file: any other command needs a board that a new file
    cannot hold, and a mistyped ``--db`` should say so rather than leave an
    empty database behind.
    """
    from ..services.context import Context, current_user
    from ..storage.database import Database

    # Who acts is checked first: a bad KANBAN_USER neither creates nor migrates a file.
    actor = current_user()
    path = db_path(args)
    if not isinstance(path, Path):  # a server: it says itself what it holds
        database = Database.open(path, create=create)
        try:
            yield Context(database, actor=actor)
        finally:
            database.close()
        return
    if not create and holds_nothing(path):
        there = "There is no database at" if not path.exists() else "There is no board yet in"
        raise NotFound(
            f"{there} {path}; create a board with "
            "`kanban board create KEY NAME` or start the TUI with `kanban`."
        )
    was_empty = create and holds_nothing(path)
    made = [folder for folder in path.parents if not folder.exists()]
    existed = path.exists()
    database = Database.open(path, create=create)
    try:
        yield Context(database, actor=actor)
    except BaseException:
        database.close()
        if was_empty:
            _take_back(path, existed, made)
        raise
    else:
        database.close()


def _take_back(path: Path, existed: bool, made: list[Path]) -> None:
    """A command that would have made the database, and failed, leaves the
    place as it found it: ``board create P P`` is refused, not half-done."""
    from ..storage.opening import holds_boards

    if holds_boards(path):
        return
    with contextlib.suppress(OSError):
        if existed:  # the empty file that was there
            os.truncate(path, 0)
            return
        path.unlink()
        for folder in made:
            folder.rmdir()


def holds_nothing(path: paths.Location) -> bool:
    """No file there, or an empty one: no board to read, nothing to create for a read.

    A server is asked when it is opened (:class:`..storage.postgres.ServerDatabase`)."""
    if not isinstance(path, Path):
        return False
    try:
        return not path.exists() or (path.is_file() and path.stat().st_size == 0)
    except OSError:
        return False


def board_key(ctx: Context, args: argparse.Namespace) -> str:
    """The board meant: ``--board``, else the only one, else the last opened."""
    from ..services.board_choice import board_meant

    key = getattr(args, "board", None)
    return board_meant(ctx, key, paths.last_board(db_path(args))).key


@contextmanager
def board_context(args: argparse.Namespace) -> Iterator[tuple[Context, str]]:
    """:func:`context`, with the key of the board the command means (:func:`board_key`)."""
    with context(args) as ctx:
        yield ctx, board_key(ctx, args)


def check_key_board(args: argparse.Namespace) -> None:
    """``--board`` beside a card key must agree with it.

    Scripts may pass ``--board`` to every card command alike; a key of
    another board is then a mistake worth stopping, not ignoring.
    """
    wanted = getattr(args, "board", None)
    if wanted is None:
        return
    from ..domain import validation

    board, number = validation.parse_card_key(args.key)
    if board != wanted.strip().upper():
        raise UsageError(f"{board}-{number} is a card of board {board}, not of {wanted}")


def check_risk_board(args: argparse.Namespace) -> None:
    """``--board`` beside a risk key must agree with it, as beside a card key."""
    wanted = getattr(args, "board", None)
    if wanted is None:
        return
    from ..domain.risks import parse_risk_key

    board, number = parse_risk_key(args.key)
    if board != wanted.strip().upper():
        raise UsageError(f"{board}-R{number} is a risk of board {board}, not of {wanted}")


def force_reason(args: argparse.Namespace) -> None:
    """``--force`` and ``--reason`` only make sense together."""
    if args.force and args.reason is None:
        raise UsageError("--force needs --reason TEXT: say why the WIP limit may be exceeded")
    if args.reason is not None and not args.force:
        raise UsageError("--reason goes with --force (it explains a WIP limit override)")
    if args.force:
        from ..domain import validation

        validation.reason(args.reason)


def read_text(value: str | None, option: str) -> str | None:
    """An option value, where ``-`` means: read it from standard input.

    The bytes are decoded here, strictly: text that is not UTF-8 is refused
    in one sentence rather than stored with stand-ins or failing later.
    """
    if value != "-":
        return value
    stream = getattr(sys.stdin, "buffer", None)
    try:
        if stream is None:  # a text stream (tests, embedding): it may hold surrogates
            text = sys.stdin.read()
            text.encode("utf-8")
            return text
        return stream.read().decode("utf-8")
    except UnicodeError:
        raise UsageError(f"{option} read from stdin is not valid UTF-8 text") from None


def sprint_number(value: str, *, backlog: bool = False) -> int | str:
    """A sprint as typed: a number, ``active`` (or, where it means something, ``backlog``)."""
    from ..domain.sprints import sprint_ref

    return sprint_ref(value, backlog=backlog)
