"""How a command is declared: its group, the command and its handler, and
the options several commands take alike (``--json``, ``--force --reason``).

Each takes ``add_parser``'s and ``add_argument``'s own keywords, so a
command's declaration still reads as argparse.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

from .common import BOARD_HELP, Parser, UsageError, shared_options

KEY_BOARD_HELP = "the card's board; optional, as the key names it (checked when given)"
RISK_KEY_BOARD_HELP = "the risk's board; optional, as the key names it (checked when given)"

Run = Callable[[argparse.Namespace], int]


def command_group(commands: Any, name: str, *, board: bool = True, **kwargs: Any) -> Any:
    """Command group ``name`` (``add_parser`` keywords), taking ``--db`` (and
    ``--board``) before its action too; returns its actions (:func:`command`
    each). The group given no action names them (:func:`missing_action`)."""
    kwargs.setdefault("parents", [shared_options(board=board)])
    group: Parser = commands.add_parser(name, **kwargs)
    group.set_defaults(run=missing_action(group))
    return group.add_subparsers(title="actions", metavar="ACTION")


def command(
    commands: Any,
    name: str,
    run: Run,
    *,
    board: bool = True,
    board_help: str = BOARD_HELP,
    **kwargs: Any,
) -> Parser:
    """Command ``name`` (``add_parser`` keywords), which ``run`` carries out;
    it takes ``--db`` (and ``--board``) after its name too."""
    kwargs.setdefault("parents", [shared_options(board=board, board_help=board_help)])
    parser: Parser = commands.add_parser(name, **kwargs)
    parser.set_defaults(run=run)
    return parser


def card_action(actions: Any, name: str, run: Run, **kwargs: Any) -> Parser:
    """A :func:`command` on the one card its first argument, KEY, names;
    ``--board`` beside it is checked by :func:`~.common.check_key_board`."""
    action = command(actions, name, run, board_help=KEY_BOARD_HELP, **kwargs)
    action.add_argument("key", metavar="KEY", help="the card, e.g. WEB-12")
    return action


def risk_action(actions: Any, name: str, run: Run, **kwargs: Any) -> Parser:
    """An action on the one risk KEY names, as :func:`card_action` (checked
    by :func:`~.common.check_risk_board`)."""
    action = command(actions, name, run, board_help=RISK_KEY_BOARD_HELP, **kwargs)
    action.add_argument("key", metavar="KEY", help="the risk, e.g. WEB-R3")
    return action


def json_option(parser: Any, prints: str, *, see_docs: bool = True) -> None:
    """``--json``: print ``prints`` (``a JSON array``) instead of the text,
    its shape documented in docs/json.md (``see_docs``)."""
    docs = " (docs/json.md)" if see_docs else ""
    parser.add_argument("--json", action="store_true", help=f"print {prints}{docs}")


def force_options(
    parser: Parser, what: str, reason: str = "why the WIP limit may be exceeded; it is logged"
) -> None:
    """``--force`` (doing ``what`` over a WIP limit) and the ``--reason`` it
    needs (:func:`~.common.force_reason` checks the two)."""
    parser.add_argument("--force", action="store_true", help=what + " (needs --reason)")
    parser.add_argument("--reason", metavar="TEXT", help=reason)


def missing_action(parser: Parser) -> Any:
    """The handler of a command group given no action: name the actions."""

    def run(_args: argparse.Namespace) -> int:
        names = ", ".join(_actions(parser))
        raise UsageError(f"{parser.prog} needs an action: {names} (see `{parser.prog} --help`)")

    return run


def _actions(parser: Parser) -> list[str]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return list(action.choices)
    return []


def sprint_argument(parser: Parser, *, active: bool = True) -> None:
    """N, the sprint a command is about (:func:`~.common.sprint_number`
    reads it): its number, or also ``active`` where that sprint may be meant."""
    meant = "the sprint's number, or active" if active else "the sprint's number"
    parser.add_argument("number", metavar="N", help=meant)
