"""Sprint refusals from the command line: one ``error:`` line, the exit status, nothing changed."""

from __future__ import annotations

import shutil
from datetime import date, timedelta
from pathlib import Path

import pytest
from cli_helpers import Run, dump

from kanban_tui.__main__ import main


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Sprint 1 completed (WEB-1 done in it), sprint 2 active with WEB-2 and WEB-3,
    sprint 3 planned without a goal; WEB-4 in the backlog."""
    path = tmp_path_factory.mktemp("sprints") / "sprints.db"
    commands = [["board", "create", "WEB", "Website"]]
    commands += [["card", "add", title, "--points", "3"] for title in ("a", "b", "c", "d")]
    commands += [
        ["sprint", "create", "--goal", "One"],
        ["sprint", "add", "1", "WEB-1"],
        ["sprint", "start", "1"],
        ["card", "move", "WEB-1", "Done"],
        ["sprint", "complete"],
        ["sprint", "create", "--goal", "Two"],
        ["sprint", "add", "2", "WEB-2", "WEB-3"],
        ["sprint", "start", "2"],
        ["sprint", "create"],
    ]
    for argv in commands:
        assert main([*argv, "--db", str(path)]) == 0, argv
    return path


@pytest.fixture
def sprints(run: Run, template: Path, db_path: Path) -> Run:
    shutil.copyfile(template, db_path)
    return run


def in_days(offset: int) -> str:
    return (date.today() + timedelta(days=offset)).isoformat()


REFUSED = [
    # (argv, exit status, the error line or a part of it)
    (["sprint", "start", "3", "--goal", "x"], 1,
     "error: Sprint 2 is active already; complete it before starting sprint 3."),
    (["sprint", "complete", "--start-next"], 1,
     "error: Sprint 3 needs a goal before it starts; give one with --goal G."),
    (["sprint", "add", "1", "WEB-4"], 1, "error: Sprint 1 is completed and read-only."),
    (["sprint", "remove", "1", "WEB-1"], 1, "error: Sprint 1 is completed and read-only."),
    (["sprint", "edit", "1", "--goal", "Other"], 1, "error: Sprint 1 is completed and read-only."),
    (["sprint", "start", "1"], 1, "error: Sprint 1 is completed and read-only."),
    (["sprint", "rm", "1"], 1, "error: Sprint 1 is completed and read-only."),
    (["card", "add", "x", "--sprint", "1"], 1, "error: Sprint 1 is completed and read-only."),
    (["sprint", "rm", "2"], 1, "error: Sprint 2 is active; complete it instead of deleting it."),
    (["sprint", "edit", "active", "--goal", " "], 1,
     "error: Sprint 2 is active and keeps a goal; it cannot be empty."),
    (["sprint", "add", "3", "WEB-2"], 1, "WEB-2 is in sprint 2 already; a card belongs to at most"),
    (["sprint", "add", "3", "WEB-1"], 1, "WEB-1 was completed in sprint 1, which is read-only"),
    (["sprint", "remove", "3", "WEB-4"], 1, "error: WEB-4 is not in sprint 3."),
    (["sprint", "add", "3", "WEB-99"], 1, "error: No card WEB-99."),
    (["sprint", "add", "9", "WEB-4"], 1, "error: No sprint 9 on board WEB."),
    (["sprint", "report", "3"], 1, "error: Sprint 3 has not started; it has no report yet."),
    (["sprint", "burndown", "3"], 1, "Sprint 3 has not started; it has no burndown yet."),
    (["card", "add", "x", "--sprint", "9"], 1, "error: No sprint 9 on board WEB."),
    (["card", "list", "--sprint", "9"], 1, "error: No sprint 9 on board WEB."),
    # bad usage or a bad value: exit 2
    (["sprint", "create", "--length", "40"], 2,
     "error: A sprint lasts 1-31 days; 40 days is not allowed."),
    (["sprint", "create", "--start", in_days(0), "--end", in_days(39)], 2,
     f"error: A sprint lasts 1-31 days; {in_days(0)} to {in_days(39)} is 40 days."),
    (["sprint", "create", "--start", in_days(0), "--end", in_days(-1)], 2, "ends before it starts"),
    (["sprint", "edit", "3", "--length", "32"], 2, "32 days is not allowed."),
    (["sprint", "add", "3", "OPS-1"], 2, "error: OPS-1 is not a card of board WEB."),
    (["sprint", "add", "3", "WEB1"], 2, "'WEB1' is not a card key such as WEB-12."),
    (["sprint", "add", "x", "WEB-4"], 2,
     "error: Sprint must be a number 1-1000000 or active (got 'x')."),
    (["sprint", "add", "3"], 2, "the following arguments are required: KEY"),
    (["sprint", "create", "--start", "2026-13-01"], 2,
     "error: The start date must be a date as YYYY-MM-DD (got '2026-13-01')."),
    (["sprint", "create", "--end", "soon"], 2, "The end date must be a date as YYYY-MM-DD"),
    (["sprint", "create", "--length", "two"], 2,
     "error: The length must be a whole number of days, 1-31 (got 'two')."),
    (["sprint", "create", "--end", in_days(3), "--length", "3"], 2,
     "argument --length: not allowed with argument --end"),
    (["sprint", "create", "--name", "x" * 81], 2, "A sprint name must be 1-80 characters"),
    (["sprint", "complete", "--goal", "x"], 2,
     "error: --goal goes with --start-next (it is the next sprint's goal)"),
    (["sprint", "complete", "--carry-over", "sideways"], 2, "argument --carry-over: invalid"),
    (["sprint", "edit", "3"], 2, "sprint edit needs at least one change"),
    (["sprint", "report", "1", "--json", "--markdown"], 2, "not allowed with argument"),
    (["sprint", "start", "0"], 2, "error: Sprint number must be between 1 and 1000000 (got 0)."),
    (["card", "list", "--sprint", "soon"], 2,
     "Sprint must be a number 1-1000000, active or backlog (got 'soon')."),
    (["sprint"], 2, "kanban sprint needs an action: create, add, remove, start, complete"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("argv", "code", "message"), REFUSED, ids=[" ".join(r[0]) for r in REFUSED]
)
def test_refusals_are_one_line_and_change_nothing(
    sprints: Run, db_path: Path, argv: list[str], code: int, message: str
) -> None:
    before = dump(db_path)
    result = sprints(*argv)
    assert result.code == code, result.err
    assert message in result.error
    assert result.out == ""
    assert dump(db_path) == before


def test_no_active_sprint_to_complete(web: Run, db_path: Path) -> None:
    before = dump(db_path)
    result = web("sprint", "complete")
    assert (result.code, result.error) == (1, "error: Board WEB has no active sprint to complete.")
    assert dump(db_path) == before
    assert web("sprint", "report", "active").error == "error: Board WEB has no active sprint."
