"""The command line built for one argv (only the group it names) reads that
argv exactly as the whole command line does: the same values, the same help,
the same errors and exit status."""

from __future__ import annotations

import argparse
import contextlib
import io
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kanban_tui.cli import REGISTER, build_parser
from kanban_tui.cli.common import UsageError

FULL_DB = "/nowhere/kanban.db"
with pytest.MonkeyPatch.context() as env:
    env.setenv("KANBAN_DB", FULL_DB)

    FULL = build_parser()
"""The whole command line, built once: tests here hold the ``--db`` help's
default still (see ``same_default``)."""


@pytest.fixture(autouse=True)
def same_default(monkeypatch: pytest.MonkeyPatch) -> None:
    """The default database named in every ``--db`` help, as when FULL was built."""
    monkeypatch.setenv("KANBAN_DB", FULL_DB)


def _groups() -> dict[str, list[str]]:
    """Every command, with its actions, as the whole command line has them."""
    found = {}
    top = next(a for a in FULL._actions if isinstance(a, argparse._SubParsersAction))
    for name, group in top.choices.items():
        actions = [a for a in group._actions if isinstance(a, argparse._SubParsersAction)]
        found[name] = list(actions[0].choices) if actions else []
    return found


GROUPS = _groups()


def _sample() -> list[list[str]]:
    """Help, missing and bad arguments of every command and action, and the
    top-level options in every place and form."""
    argvs = [
        [],
        ["--help"],
        ["-h"],
        ["--version"],
        ["--db", "x", "--version", "card"],
        ["--version", "nonsense"],
        ["nonsense"],
        ["nonsense", "--version"],
        ["--db"],
        ["--board"],
        ["--db", "x"],
        ["--help", "card"],
        ["card", "--version"],
        ["--bogus", "card", "list"],
        ["--", "card", "list"],
        ["--db", "-", "card", "list"],
        ["--db=", "card", "list", "--json"],
        ["--board=WEB", "card", "list", "--board", "OPS"],
        ["card", "add", "t", "--points", "3", "--db", "a", "--board", "B"],
        ["card", "list", "--sprint", "active", "--json"],
        ["sprint", "complete", "--carry-over", "next", "--start-next", "--goal", "g"],
        ["risk", "add", "r", "-p", "3", "-i", "4"],
        ["board", "create", "WEB", ""],
        ["card", "move", "WEB-1", "Review", "--force"],
    ]
    for group, actions in GROUPS.items():
        argvs += [
            [group],
            [group, "--help"],
            [group, "bogus"],
            ["--db", "", group],
            ["--db=x", group, "-h"],
            ["--board", "K", group, "--help"],
            ["--db", "-x", group],
            [group, "--db"],
        ]
        for action in actions:
            argvs += [
                [group, action, "--help"],
                [group, action],
                [group, action, "--bogus"],
                ["--db", "x", group, action, "A", "B", "C", "D"],
                [group, action, "--db"],
                [group, action, "--board", ""],
            ]
    return argvs


def outcome(parser: argparse.ArgumentParser, argv: list[str]) -> tuple[Any, ...]:
    """What parsing argv gives: the values (handlers by name), or what it printed
    and the exit code, or the usage error."""
    out, err = io.StringIO(), io.StringIO()
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            args = parser.parse_args(argv)
    except SystemExit as done:
        return ("exit", done.code, out.getvalue(), err.getvalue())
    except UsageError as error:
        return ("usage", error.message, out.getvalue(), err.getvalue())
    values = {name: _named(value) for name, value in vars(args).items()}
    return ("parsed", values, out.getvalue(), err.getvalue())


def _named(value: Any) -> Any:
    if not callable(value):
        return value
    # missing_action's handler is a closure over its group's parser: name the group.
    cells = [cell.cell_contents for cell in value.__closure__ or ()]
    progs = [cell.prog for cell in cells if isinstance(cell, argparse.ArgumentParser)]
    return (value.__module__, value.__qualname__, progs)


def test_every_command_is_registered_by_its_own_word() -> None:
    assert sorted(REGISTER) == sorted(GROUPS)


def test_a_lazy_parser_reads_argv_as_the_full_one() -> None:
    # One test for some 250 argv lists: a test each would cost more than their parsing.
    differ = [
        argv for argv in _sample() if outcome(build_parser(argv), argv) != outcome(FULL, argv)
    ]
    assert differ == []


WORDS = [
    *GROUPS,
    *{action for actions in GROUPS.values() for action in actions},
    *["--db", "--db=x", "--board", "--board=K", "--version", "-h", "--help", "--json"],
    *["--", "-", "-x", "", "x", "WEB", "WEB-1", "3", "none", "nonsense", "--points"],
]


@settings(max_examples=50)  # beside the sample above, which covers each group and action
@given(st.lists(st.sampled_from(WORDS), max_size=6))
def test_any_argv_reads_the_same_as_with_the_full_parser(argv: list[str]) -> None:
    assert outcome(build_parser(argv), argv) == outcome(FULL, argv)


def test_a_command_registers_only_its_group() -> None:
    def commands(argv: list[str]) -> list[str]:
        parser = build_parser(argv)
        top = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
        return list(top.choices)

    assert commands(["--db", "x", "--board=WEB", "card", "list"]) == ["card"]
    assert commands(["column", "wip", "Review", "2"]) == [
        "column"
    ]  # its own module since board setup grew
    assert commands(["--version"]) == []
    assert commands(["--help"]) == commands([]) == commands(["nonsense"]) == list(GROUPS)


def test_a_process_builds_each_parser_once_and_again_when_the_db_help_changes(
    monkeypatch, tmp_path
):
    first = build_parser(["card", "list"])
    assert build_parser(["card", "add", "x"]) is first  # the same group, built once
    assert build_parser(["sprint", "list"]) is not first
    monkeypatch.setenv("KANBAN_DB", str(tmp_path / "other.db"))
    again = build_parser(["card", "list"])
    assert again is not first  # its --db help names the new default
    assert str(tmp_path / "other.db") not in first.format_help()
